//! `gonogo scan --repos FILE`: a list of repositories, remote or local, instead of a folder to
//! search. A remote one is kept as a blobless partial clone in `<out>/.gonogo-clones/` and only
//! the blobs the playbook reads are fetched (docs/scaling.md, "Remote repositories and blobless
//! clones").
//!
//! The list holds one repository per line: a URL git clones (`https://…`, `ssh://…`, `git://…`,
//! `file://…`, or scp-like `git@host:path`) or a local path to a git repository. Blank lines
//! and lines starting with `#` are ignored; so is a repeated repository.

pub mod blobs;
pub mod fetch;
pub mod prepare;
pub mod texts;

use std::path::{Path, PathBuf};

/// The folder below `--out` where remote repositories are cloned.
pub const CLONES: &str = ".gonogo-clones";

/// One repository of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// What identifies it in shards, the cache and the output: a remote's URL without
    /// credentials, a trailing `/` or `.git`; a local path as written (without a trailing `/`).
    pub identity: String,
    pub place: Place,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Cloned from this URL, as written (credentials included: git needs them).
    Remote(String),
    Local(PathBuf),
}

/// Reads a list: one repository per line, `#` comments and blank lines ignored, the first of
/// repeated repositories kept.
pub fn parse_list(text: &str) -> Vec<Listed> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let listed = if is_remote(line) {
            Listed {
                identity: normalize_url(line),
                place: Place::Remote(line.to_string()),
            }
        } else {
            let trimmed = line.trim_end_matches(['/', '\\']);
            let path = if trimmed.is_empty() { line } else { trimmed };
            Listed {
                identity: path.to_string(),
                place: Place::Local(PathBuf::from(path)),
            }
        };
        if seen.insert(listed.identity.clone()) {
            out.push(listed);
        }
    }
    out
}

/// Reads the list at `path` (`-`: standard input); the error is a sentence in `lang`.
pub fn read_list(path: &Path, lang: crate::playbook::Language) -> Result<Vec<Listed>, String> {
    let text = if path == Path::new("-") {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map(|_| text)
    } else {
        std::fs::read_to_string(path)
    };
    let shown = path.display().to_string();
    let shown = crate::support::escape::text(&shown);
    let text = text.map_err(|e| {
        texts::say(
            lang,
            "scan.list-unreadable",
            &[("path", &shown), ("why", &e.to_string())],
        )
    })?;
    let list = parse_list(&text);
    if list.is_empty() {
        return Err(texts::say(lang, "scan.list-empty", &[("path", &shown)]));
    }
    Ok(list)
}

/// A URL (`scheme://…`) or git's scp-like form (`user@host:path`, `host:path`): a `:` before
/// any `/`, and more than one letter before it (`C:\…` is a Windows path).
pub fn is_remote(entry: &str) -> bool {
    if entry.contains("://") {
        return true;
    }
    match entry.split_once(':') {
        Some((host, _)) => host.len() > 1 && !host.contains(['/', '\\']),
        None => false,
    }
}

/// A remote's identity: no credentials (`https://user:token@host/…` → `https://host/…`), no
/// trailing `/`, no `.git` ending.
pub fn normalize_url(url: &str) -> String {
    let mut s = url.trim().to_string();
    if let Some((scheme, rest)) = s.split_once("://") {
        let (authority, path) = match rest.find('/') {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        // Userinfo of a URL may hold a token; ssh's `git@` is kept (it is no secret, and part
        // of the address).
        let authority = match authority.rsplit_once('@') {
            Some((_, host)) if scheme != "ssh" => host,
            _ => authority,
        };
        s = format!("{scheme}://{authority}{path}");
    }
    loop {
        let before = s.len();
        s = s.trim_end_matches('/').to_string();
        if let Some(stripped) = s.strip_suffix(".git") {
            s = stripped.to_string();
        }
        if s.len() == before {
            break;
        }
    }
    s
}

/// The last part of an identity, for names: `https://host/team/app` → `app`.
pub fn base_name(identity: &str) -> String {
    identity
        .rsplit(['/', ':', '\\'])
        .find(|p| !p.is_empty())
        .unwrap_or("repository")
        .to_string()
}

/// Where a remote is cloned: `<out>/.gonogo-clones/<name>-<8 hex digits of its identity>`.
pub fn clone_dir(out: &Path, identity: &str) -> PathBuf {
    let digest = crate::support::sha256_hex(identity.as_bytes());
    let name: String = base_name(identity)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    out.join(CLONES).join(format!("{name}-{}", &digest[..8]))
}

/// The repositories of a list as a scan checks them: a remote one at its clone folder below
/// `out`, a local one where it is; each with a unique evidence file stem.
pub fn targets(list: &[Listed], out: &Path) -> Vec<crate::pipeline::scan::Found> {
    let mut used = std::collections::BTreeSet::new();
    list.iter()
        .map(|l| {
            let base = crate::pipeline::scan::sanitize(&base_name(&l.identity));
            let mut name = base.clone();
            let mut n = 2;
            while !used.insert(name.clone()) || name == "portfolio" {
                name = format!("{base}-{n}");
                n += 1;
            }
            let (path, remote) = match &l.place {
                Place::Remote(url) => (clone_dir(out, &l.identity), Some(url.clone())),
                Place::Local(path) => (path.clone(), None),
            };
            crate::pipeline::scan::Found {
                path,
                relative: l.identity.clone(),
                name,
                remote,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_skip_comments_blanks_and_repeats() {
        let list = parse_list(
            "# fleet\n\nhttps://h/a.git\nhttps://h/a/\n  git@h:team/b.git \n./local/\nfile:///srv/c\n",
        );
        let ids: Vec<&str> = list.iter().map(|l| l.identity.as_str()).collect();
        assert_eq!(
            ids,
            ["https://h/a", "git@h:team/b", "./local", "file:///srv/c"]
        );
        assert_eq!(list[1].place, Place::Remote("git@h:team/b.git".into()));
        assert_eq!(list[2].place, Place::Local("./local".into()));
        assert_eq!(list[3].place, Place::Remote("file:///srv/c".into()));
    }

    #[test]
    fn identities_carry_no_credentials() {
        assert_eq!(
            normalize_url("https://user:tok@h.example/x/y.git/"),
            "https://h.example/x/y"
        );
        assert_eq!(normalize_url("ssh://git@h/x.git"), "ssh://git@h/x");
        assert!(!is_remote("C:\\repos\\x"));
        assert!(!is_remote("../x"));
        assert!(is_remote("host:x"));
    }

    #[test]
    fn clone_folders_are_safe_and_distinct() {
        let a = clone_dir(Path::new("o"), "https://h/team/app");
        let b = clone_dir(Path::new("o"), "https://h/other/app");
        assert_ne!(a, b);
        assert!(a.starts_with("o/.gonogo-clones"));
        assert!(a.file_name().unwrap().to_str().unwrap().starts_with("app-"));
    }
}
