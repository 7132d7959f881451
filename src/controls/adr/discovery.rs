//! Where the records are: the ADR folders (named, configured, conventional, or found by their
//! numbered records) and which files in them are records.

use std::collections::HashMap;

use super::params::{CONVENTIONAL_DIRS, DECISION_FOLDER_NAMES, NOT_DECISION_FOLDERS, VENDORED};
use super::{Params, parse};
use crate::controls::{Outcome, evidence_for};
use crate::evidence::Finding;
use crate::evidence::messages::args;
use crate::snapshot::{Content, Snapshot};

/// Names that sit in ADR folders but are not records.
fn is_reserved(stem: &str) -> bool {
    let s = stem.to_ascii_lowercase();
    s.starts_with("template")
        || s.ends_with("template")
        || matches!(
            s.as_str(),
            "readme" | "index" | "_index" | "backlog" | "toc" | "table-of-contents"
        )
}

/// The ADR folders: from the playbook, `.adr-dir`, `.log4brains.yml`, adr-j's
/// `.adr/adr.properties`, else conventional ones.
pub(super) fn find_folders(p: &Params, snap: &Snapshot, out: &mut Outcome) -> Vec<String> {
    let exists =
        |dir: &str| dir.is_empty() || snap.paths().any(|path| path.starts_with(&prefix_of(dir)));
    let mut named: Vec<(String, String, Option<u32>)> = Vec::new(); // folder, named by, line
    let found_by = |out: &mut Outcome, dir: &str, at: &str, line: Option<u32>, how: &str| {
        let note = format!("ADR folder {}: found by {how}", display_dir(dir));
        out.evidence.push(evidence_for(snap, at, line, None, note));
    };
    if !p.dirs.is_empty() {
        named.extend(
            p.dirs
                .iter()
                .map(|d| (clean_dir(d), "the playbook".into(), None)),
        );
    } else if let Content::Text(t) = snap.read(".adr-dir") {
        if let Some(dir) = t.lines().map(str::trim).find(|l| !l.is_empty()) {
            named.push((clean_dir(dir), ".adr-dir".into(), Some(1)));
        }
    } else if let Content::Text(t) = snap.read(".log4brains.yml") {
        for (dir, line) in log4brains_folders(&t) {
            named.push((clean_dir(&dir), ".log4brains.yml".into(), Some(line)));
        }
    } else if let Content::Text(t) = snap.read(ADR_J_PROPERTIES)
        && let Some((dir, line)) = adr_j_folder(&t)
    {
        named.push((clean_dir(&dir), ADR_J_PROPERTIES.into(), Some(line)));
    }
    if named.is_empty() {
        // Conventional names match ignoring case: `ADR/` (konflux-ci/architecture) is `adr/`.
        let mut found: Vec<String> = Vec::new();
        for conventional in CONVENTIONAL_DIRS {
            for actual in snap.dirs().filter(|d| d.eq_ignore_ascii_case(conventional)) {
                if !found.iter().any(|f| f == actual) && record_paths(snap, actual).next().is_some()
                {
                    found_by(out, actual, actual, None, "conventional folder");
                    found.push(actual.to_string());
                }
            }
        }
        for (dir, count) in numbered_folders(snap) {
            if !found.contains(&dir) {
                let how = format!("numbered records ({count} numbered record file(s))");
                found_by(out, &dir, &dir, None, &how);
                found.push(dir);
            }
        }
        // Some repositories keep numbered records at the root (arachne-framework/architecture).
        if found.is_empty() && record_paths(snap, "").any(parse::file_id_is_numbered) {
            found_by(out, "", ".", None, "numbered records at the root");
            found.push(String::new());
        }
        return found;
    }
    let mut found = Vec::new();
    for (dir, by, line) in named {
        if exists(&dir) {
            match line {
                Some(l) => found_by(out, &dir, &by, Some(l), &by),
                None => found_by(out, &dir, display_dir(&dir), None, &by),
            }
            found.push(dir);
        } else if p.min_count > 0 {
            let at = if by == "the playbook" {
                dir.clone()
            } else {
                by.clone()
            };
            out.findings.push(
                if by == "the playbook" {
                    Finding::say("adr/missing-folder", args([("dir", (&dir).into())]))
                } else {
                    Finding::say(
                        "adr/missing-folder#named-by-file",
                        args([("dir", (&dir).into()), ("by", (&by).into())]),
                    )
                }
                .at(&at, line),
            );
        }
    }
    found.sort();
    found.dedup();
    found
}

/// Folders (not the root) holding numbered records, with how many: two or more `NNNN-title.md`
/// files, or one in a folder named for decisions or named `adr-NNN-…`. One pass over the paths;
/// at most six folders deep, never vendored code, test fixtures, nor a folder of templates or of
/// other numbered series (RFCs, changelogs, blog posts).
pub(super) fn numbered_folders(snap: &Snapshot) -> Vec<(String, usize)> {
    let mut counts: HashMap<&str, (usize, bool)> = HashMap::new();
    for path in snap.paths() {
        let Some((dir, name)) = path.rsplit_once('/') else {
            continue;
        };
        let first = name.as_bytes().first().copied().unwrap_or(b' ');
        if !(first.is_ascii_digit() || first.eq_ignore_ascii_case(&b'a')) {
            continue; // cheap pre-filter before the regular expressions
        }
        // The extension first: the numbered-name regex reads the whole name.
        if is_record_name(name) && parse::file_id_is_numbered(name) {
            let entry = counts.entry(dir).or_insert((0, false));
            entry.0 += 1;
            entry.1 |= name.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("adr"));
        }
    }
    let mut found: Vec<(String, usize)> = counts
        .into_iter()
        .filter(|(dir, (count, adr_named))| {
            let segments: Vec<String> = dir.split('/').map(str::to_ascii_lowercase).collect();
            let excluded = segments.iter().any(|s| {
                VENDORED.contains(&s.as_str())
                    || NOT_DECISION_FOLDERS.contains(&s.as_str())
                    || crate::controls::TEST_FOLDERS.contains(&s.as_str())
                    || s.starts_with("template")
            });
            let named_for_decisions = segments
                .last()
                .is_some_and(|s| DECISION_FOLDER_NAMES.contains(&s.as_str()));
            segments.len() <= 6 && !excluded && (*count >= 2 || *adr_named || named_for_decisions)
        })
        .map(|(dir, (count, _))| (dir.to_string(), count))
        .collect();
    found.sort();
    found
}

/// A folder as the snapshot spells it; the root is the empty string.
fn clean_dir(dir: &str) -> String {
    let dir = dir.trim().trim_start_matches("./").trim_end_matches('/');
    if dir == "." {
        String::new()
    } else {
        dir.to_string()
    }
}

pub(super) fn display_dir(folder: &str) -> &str {
    if folder.is_empty() { "." } else { folder }
}

fn prefix_of(folder: &str) -> String {
    if folder.is_empty() {
        String::new()
    } else {
        format!("{folder}/")
    }
}

/// adr-j's configuration: `docPath=doc/adr` names the folder.
const ADR_J_PROPERTIES: &str = ".adr/adr.properties";

/// The `docPath` of an adr-j properties file, with its line.
fn adr_j_folder(text: &str) -> Option<(String, u32)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let (key, value) = line.split_once(['=', ':'])?;
        let value = value.trim();
        (key.trim() == "docPath" && !value.is_empty()).then(|| (value.to_string(), i as u32 + 1))
    })
}

/// `project.adrFolder` and every `packages[].adrFolder` of a log4brains configuration.
fn log4brains_folders(text: &str) -> Vec<(String, u32)> {
    use yaml_rust2::Yaml;
    let Ok(docs) = crate::controls::markdown::load_yaml(text) else {
        return Vec::new();
    };
    let Some(doc) = docs.first() else {
        return Vec::new();
    };
    let line_of = |value: &str| {
        text.lines()
            .position(|l| l.contains("adrFolder") && l.contains(value))
            .map_or(1, |i| i as u32 + 1)
    };
    let mut dirs = Vec::new();
    if let Some(dir) = doc["project"]["adrFolder"].as_str() {
        dirs.push((dir.to_string(), line_of(dir)));
    }
    if let Yaml::Array(packages) = &doc["project"]["packages"] {
        for package in packages {
            if let Some(dir) = package["adrFolder"].as_str() {
                dirs.push((dir.to_string(), line_of(dir)));
            }
        }
    }
    if let Yaml::Array(packages) = &doc["packages"] {
        for package in packages {
            if let Some(dir) = package["adrFolder"].as_str() {
                dirs.push((dir.to_string(), line_of(dir)));
            }
        }
    }
    dirs
}

pub(super) fn is_record_name(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    ["md", "markdown", "rst"]
        .iter()
        .any(|e| ext.eq_ignore_ascii_case(e))
        && !is_reserved(stem)
}

/// `AGENTS.md`, `CONTRIBUTING.md`, `TOC.md`: a stem in capitals names a file about the folder.
pub(super) fn is_meta_name(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name);
    stem.chars().any(|c| c.is_ascii_uppercase())
        && stem
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '_' || c == '-')
}

/// `0016-handle-concurrent-operations`: a numbered name without any extension, which a record
/// saved without `.md` has (SmartBear/git-en-boite); read as Markdown, in ADR folders only.
pub(super) fn is_extensionless_record(name: &str) -> bool {
    static BARE_NUMBERED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)^(?:adr-?)?\d{3,4}-[^/.]+$").expect("static regex")
    });
    BARE_NUMBERED.is_match(name)
}

/// Record files directly inside a folder.
pub(super) fn record_paths<'s>(snap: &'s Snapshot, folder: &str) -> impl Iterator<Item = &'s str> {
    let prefix = prefix_of(folder);
    snap.paths().filter(move |path| {
        path.strip_prefix(&prefix).is_some_and(|rest| {
            !rest.contains('/') && (is_record_name(rest) || is_extensionless_record(rest))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_names_are_not_records() {
        assert!(!is_record_name("docs/adr/template.md"));
        assert!(!is_record_name("docs/adr/adr-template.md"));
        assert!(!is_record_name("docs/adr/README.md"));
        assert!(!is_record_name("doc/adr/toc.md"));
        assert!(!is_record_name("docs/adr/0015-diagram.png"));
        assert!(is_record_name("docs/adr/0003-use-templates-for-mail.md"));
        assert!(is_record_name("docs/decisions/0001-x.rst"));
        assert!(is_extensionless_record("0016-handle-concurrent-operations"));
        assert!(!is_extensionless_record("0015-diagram.png"));
        assert!(!is_extensionless_record("Makefile"));
    }

    #[test]
    fn adr_j_properties_name_the_folder() {
        let props = "#Thu Oct 24 2024\nauthor=A. Writer\ndocPath=doc/adr\n";
        assert_eq!(adr_j_folder(props), Some(("doc/adr".into(), 3)));
        assert_eq!(adr_j_folder("author=A. Writer\ndocPath=\n"), None);
    }

    #[test]
    fn log4brains_folders_are_read() {
        let yml = "project:\n  name: x\n  adrFolder: ./docs/adr\n  packages:\n    - name: back\n      adrFolder: ./back/adr\n";
        let dirs: Vec<String> = log4brains_folders(yml)
            .into_iter()
            .map(|d| clean_dir(&d.0))
            .collect();
        assert_eq!(dirs, vec!["docs/adr", "back/adr"]);
    }
}
