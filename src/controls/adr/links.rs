//! Where a record's links and "Superseded by" pointers lead: resolving them against the checked
//! tree, broken links, the replacement a superseded record names, and whether supersession is
//! recorded both ways.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::Adr;
use crate::controls::Outcome;
use crate::evidence::Finding;
use crate::evidence::messages::args;
use crate::snapshot::Snapshot;

/// What a link from a record leads to.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Target {
    /// A URL, a site-absolute path (`/…`) or a template: not judged against the tree.
    External,
    /// Only an anchor, or a path that leaves the repository: says nothing.
    Nothing,
    /// A file or folder of the checked tree.
    Exists(String),
    /// Resolved inside the repository, but nothing is there.
    Missing(String),
}

static SCHEME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z][A-Za-z0-9+.-]*:").expect("static regex"));

/// Follows `dest`, written in the record at `from`: relative to the record's folder, `#anchors`
/// and `?queries` dropped; a name without an extension also finds `name.md`, `.markdown`, `.rst`.
pub(super) fn follow(from: &str, dest: &str, snap: &Snapshot) -> Target {
    let dest = dest.trim().trim_start_matches('<').trim_end_matches('>');
    if SCHEME.is_match(dest) || dest.starts_with('/') || dest.contains("{{") || dest.contains("{%")
    {
        return Target::External;
    }
    let dest = dest.split(['#', '?']).next().unwrap_or("");
    if dest.is_empty() {
        return Target::Nothing;
    }
    let Some(path) = join(from, &percent_decode(dest)) else {
        return Target::Nothing;
    };
    if path.is_empty() || exists(snap, &path) {
        return Target::Exists(path);
    }
    let name = path.rsplit('/').next().unwrap_or(&path);
    if !name.contains('.') {
        for ext in ["md", "markdown", "rst"] {
            let candidate = format!("{path}.{ext}");
            if snap.contains(&candidate) {
                return Target::Exists(candidate);
            }
        }
    }
    Target::Missing(path)
}

fn exists(snap: &Snapshot, path: &str) -> bool {
    snap.contains(path) || snap.is_dir(path)
}

/// `dest` joined to the folder of `from`; `None` when it climbs out of the repository.
fn join(from: &str, dest: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in dest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// `%20` and the other `%XX` escapes of a link; a malformed escape stays as written.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Every relative link of a record that leads nowhere in the checked tree.
pub(super) fn broken_links(adr: &Adr, snap: &Snapshot, out: &mut Outcome) {
    for link in &adr.doc.links {
        if let Target::Missing(_) = follow(&adr.path, &link.dest, snap) {
            out.findings.push(
                Finding::say(
                    "adr/broken-link",
                    args([
                        ("path", (&adr.path).into()),
                        ("target", (&link.dest).into()),
                    ]),
                )
                .at(&adr.path, Some(link.line)),
            );
        }
    }
}

/// The records by path, by (folder, number) and by file stem, to resolve pointers.
pub(super) struct Index {
    by_path: BTreeMap<String, usize>,
    by_number: BTreeMap<(usize, u64), Vec<usize>>,
    by_stem: BTreeMap<String, Vec<usize>>,
}

impl Index {
    pub(super) fn new(adrs: &[Adr]) -> Index {
        let mut index = Index {
            by_path: BTreeMap::new(),
            by_number: BTreeMap::new(),
            by_stem: BTreeMap::new(),
        };
        for (i, adr) in adrs.iter().enumerate() {
            index.by_path.insert(adr.path.clone(), i);
            if let Some(n) = adr.file_id.as_ref().and_then(|f| f.number) {
                index.by_number.entry((adr.folder, n)).or_default().push(i);
            }
            index.by_stem.entry(stem(&adr.path)).or_default().push(i);
        }
        index
    }
}

fn stem(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.')
        .map_or(name, |(s, _)| s)
        .to_ascii_lowercase()
}

/// What a superseded record says replaces it.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Pointer {
    /// Nothing that reads as a replacement.
    None,
    /// A pointer that resolves: to a record read here, or to a URL or file elsewhere.
    Found(Option<usize>),
    /// What was named and where, none of it resolving.
    Missing(String, u32),
}

static MD_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\]\(\s*<?([^)>\s]+)").expect("static regex"));
static ADR_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\badr[-_ #]*|^|[\s\[\x22'])0*(\d{1,6})\b").expect("static regex")
});
static FILE_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[\w./-]*(?:adr-?)?\d{1,6}-[\w.-]*[\w]|[\w./-]+\.(?:md|markdown|rst)\b")
        .expect("static regex")
});
static DATES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}").expect("static regex"));

/// The replacement a record names: in its status, a `superseded_by` field or a "Superseded by"
/// line; as a link, a path or file name (with or without extension), or a number (`ADR-7`,
/// `0007`) of its own folder.
pub(super) fn replacement(adr: &Adr, index: &Index, snap: &Snapshot) -> Pointer {
    let mut hints: Vec<(&str, u32)> = Vec::new();
    if let Some(s) = &adr.doc.status {
        hints.extend(s.raw.lines().map(|l| (l, s.line)));
    }
    hints.extend(
        adr.doc
            .replacement_hints
            .iter()
            .map(|(h, l)| (h.as_str(), *l)),
    );
    let own = adr.file_id.as_ref().and_then(|f| f.number);
    let mut missing: Option<(String, u32)> = None;
    let mut note = |what: &str, line: u32| {
        missing.get_or_insert((what.to_string(), line));
    };
    for (hint, line) in hints {
        let mut linked = false;
        for dest in MD_LINK.captures_iter(hint).filter_map(|c| c.get(1)) {
            linked = true;
            match pointer_to(&adr.path, dest.as_str(), index, snap) {
                Some(found) => return found,
                None => note(dest.as_str(), line),
            }
        }
        if linked {
            continue;
        }
        let text = DATES.replace_all(hint, " ");
        for token in FILE_TOKEN.find_iter(&text) {
            let token = token.as_str().trim_end_matches('.');
            if let Some(found) = pointer_to(&adr.path, token, index, snap) {
                return found;
            }
            let same_stem = index.by_stem.get(&token.to_ascii_lowercase());
            if let Some(&i) = same_stem.and_then(|v| v.first())
                && index.by_path.get(&adr.path) != Some(&i)
            {
                return Pointer::Found(Some(i));
            }
        }
        for c in ADR_NUMBER.captures_iter(&text) {
            let Some(n) = c.get(1).and_then(|m| m.as_str().parse::<u64>().ok()) else {
                continue;
            };
            if Some(n) == own {
                continue;
            }
            match index.by_number.get(&(adr.folder, n)) {
                Some(found) => return Pointer::Found(found.first().copied()),
                None => note(&n.to_string(), line),
            }
        }
    }
    match missing {
        Some((what, line)) => Pointer::Missing(what, line),
        None => Pointer::None,
    }
}

/// A link or path as a pointer: `None` when it does not resolve (or says nothing).
fn pointer_to(from: &str, dest: &str, index: &Index, snap: &Snapshot) -> Option<Pointer> {
    match follow(from, dest, snap) {
        Target::External => Some(Pointer::Found(None)),
        Target::Exists(path) => Some(Pointer::Found(index.by_path.get(&path).copied())),
        Target::Nothing | Target::Missing(_) => None,
    }
}

/// Whether `newer` says it supersedes `older`: a "Supersedes"/"Replaces" line that links to it,
/// names its file or its number.
pub(super) fn names_back(newer: &Adr, older: &Adr, snap: &Snapshot) -> bool {
    let older_stem = stem(&older.path);
    let older_number = older.file_id.as_ref().and_then(|f| f.number);
    newer.supersedes.iter().any(|(line, _)| {
        let links = MD_LINK
            .captures_iter(line)
            .filter_map(|c| c.get(1))
            .any(|d| follow(&newer.path, d.as_str(), snap) == Target::Exists(older.path.clone()));
        let text = DATES.replace_all(line, " ");
        let named = text.to_ascii_lowercase().contains(&older_stem);
        let numbered = newer.folder == older.folder
            && ADR_NUMBER
                .captures_iter(&text)
                .filter_map(|c| c.get(1)?.as_str().parse::<u64>().ok())
                .any(|n| Some(n) == older_number);
        links || named || numbered
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_join_inside_the_repository() {
        assert_eq!(
            join("docs/adr/0001-a.md", "0002-b.md").as_deref(),
            Some("docs/adr/0002-b.md")
        );
        assert_eq!(
            join("docs/adr/0001-a.md", "../x.md").as_deref(),
            Some("docs/x.md")
        );
        assert_eq!(join("adr/0001-a.md", "../../x.md"), None);
        assert_eq!(percent_decode("a%20b%2"), "a b%2");
    }

    #[test]
    fn file_tokens_are_names_and_paths() {
        let found: Vec<&str> = FILE_TOKEN
            .find_iter("Superseded by 0007-use-x and ../other/0003-y.md, see ADR-7.")
            .map(|m| m.as_str())
            .collect();
        assert_eq!(found, vec!["0007-use-x", "../other/0003-y.md"]);
    }
}
