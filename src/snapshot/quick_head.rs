//! The commit a repository's HEAD names, read from the files of a plain `.git` folder without
//! opening the repository through libgit2: a fleet scan asks this of every repository to find
//! the unchanged ones, and opening each (config of every level, path checks) cost more than the
//! rest of a reused repository's work.
//!
//! Only the common layout is read: a `.git` folder (no symbolic link) whose `HEAD` names a
//! branch, the branch a loose ref file or a `packed-refs` line, 40 hex digits. Anything else
//! (a `.git` file, a linked or shared git directory, a symbolic link on the way, reftable,
//! SHA-256 objects, an unborn branch) is `None`, and the caller asks libgit2. Nothing outside
//! the `.git` folder is read: every folder on the way to a ref file is checked not to be a link.

use std::path::{Path, PathBuf};

/// What a ref or `HEAD` file may hold; anything larger is not a ref.
const MAX_REF_FILE: u64 = 4096;
/// `packed-refs` of a repository with very many tags can be large; past this, libgit2 reads it.
const MAX_PACKED_REFS: u64 = 16 << 20;

/// The commit HEAD of the repository at `work_tree` names, when the layout is the common one.
pub fn head_commit(work_tree: &Path) -> Option<String> {
    let git_dir = work_tree.join(".git");
    if !is_real_dir(&git_dir) || git_dir.join("commondir").symlink_metadata().is_ok() {
        return None;
    }
    let head = read_small(&git_dir.join("HEAD"), MAX_REF_FILE)?;
    let head = head.strip_suffix('\n').unwrap_or(&head);
    let Some(name) = head.strip_prefix("ref: ") else {
        return object_id(head);
    };
    if !name.starts_with("refs/heads/") || !git2::Reference::is_valid_name(name) {
        return None;
    }
    match loose_ref(&git_dir, name) {
        Loose::Found(text) => object_id(text.strip_suffix('\n').unwrap_or(&text)),
        Loose::Absent => packed_ref(&git_dir, name),
        Loose::Unreadable => None,
    }
}

enum Loose {
    Found(String),
    Absent,
    Unreadable,
}

/// The loose ref file `name` (valid, so no `..` and no empty part) under `git_dir`, refusing a
/// symbolic link on the way.
fn loose_ref(git_dir: &Path, name: &str) -> Loose {
    let mut path = PathBuf::from(git_dir);
    let parts: Vec<&str> = name.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        path.push(part);
        let meta = match path.symlink_metadata() {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Loose::Absent,
            Err(_) => return Loose::Unreadable,
        };
        let last = i + 1 == parts.len();
        if (last && !meta.is_file()) || (!last && !meta.is_dir()) {
            return Loose::Unreadable;
        }
    }
    match std::fs::read(&path)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
    {
        Some(text) if text.len() as u64 <= MAX_REF_FILE => Loose::Found(text),
        _ => Loose::Unreadable,
    }
}

/// The id `packed-refs` gives `name`; `None` when the file is missing, odd or lacks the name.
fn packed_ref(git_dir: &Path, name: &str) -> Option<String> {
    let text = read_small(&git_dir.join("packed-refs"), MAX_PACKED_REFS)?;
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.starts_with('^'))
        .filter_map(|line| line.split_once(' '))
        .find(|(_, ref_name)| *ref_name == name)
        .and_then(|(id, _)| object_id(id))
}

/// `text` when it is a SHA-1 object id in lower-case hex, as git writes it.
fn object_id(text: &str) -> Option<String> {
    let is_hex = text
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    (text.len() == 40 && is_hex && text.bytes().any(|b| b != b'0')).then(|| text.to_string())
}

fn is_real_dir(path: &Path) -> bool {
    path.symlink_metadata().is_ok_and(|m| m.is_dir())
}

/// A regular file (no link) of at most `limit` bytes, as UTF-8.
fn read_small(path: &Path, limit: u64) -> Option<String> {
    let meta = path.symlink_metadata().ok()?;
    if !meta.is_file() || meta.len() > limit {
        return None;
    }
    String::from_utf8(std::fs::read(path).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "0123456789abcdef0123456789abcdef01234567";
    const B: &str = "89abcdef0123456789abcdef0123456789abcdef";

    fn git_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(".git").join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn a_loose_branch_is_read() {
        let dir = git_dir(&[
            ("HEAD", "ref: refs/heads/main\n"),
            ("refs/heads/main", &format!("{A}\n")),
        ]);
        assert_eq!(head_commit(dir.path()).as_deref(), Some(A));
    }

    #[test]
    fn a_packed_branch_is_read_and_a_loose_one_wins() {
        let packed =
            format!("# pack-refs with: peeled fully-peeled sorted\n{B} refs/heads/main\n^{A}\n");
        let dir = git_dir(&[("HEAD", "ref: refs/heads/main\n"), ("packed-refs", &packed)]);
        assert_eq!(head_commit(dir.path()).as_deref(), Some(B));
        std::fs::create_dir_all(dir.path().join(".git/refs/heads")).unwrap();
        std::fs::write(dir.path().join(".git/refs/heads/main"), A).unwrap();
        assert_eq!(head_commit(dir.path()).as_deref(), Some(A));
    }

    #[test]
    fn a_detached_head_is_its_own_commit() {
        let dir = git_dir(&[("HEAD", &format!("{A}\n"))]);
        assert_eq!(head_commit(dir.path()).as_deref(), Some(A));
    }

    #[test]
    fn anything_unusual_is_left_to_libgit2() {
        for files in [
            vec![("HEAD", "ref: refs/heads/main\n")],
            vec![("HEAD", "ref: refs/tags/v1\n"), ("refs/tags/v1", A)],
            vec![("HEAD", "ref: refs/heads/../../x\n")],
            vec![
                ("HEAD", "ref: refs/heads/main\n"),
                ("refs/heads/main", "ref: refs/heads/b\n"),
            ],
            vec![
                ("HEAD", "ref: refs/heads/main\n"),
                ("refs/heads/main", "not an id"),
            ],
            vec![("HEAD", &"a".repeat(64))],
            vec![("HEAD", A), ("commondir", "../..")],
        ] {
            let dir = git_dir(&files);
            assert_eq!(head_commit(dir.path()), None, "{files:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn no_link_on_the_way_is_followed() {
        let outside = git_dir(&[("refs/heads/main", A)]);
        let dir = git_dir(&[("HEAD", "ref: refs/heads/main\n")]);
        std::os::unix::fs::symlink(
            outside.path().join(".git/refs"),
            dir.path().join(".git/refs"),
        )
        .unwrap();
        assert_eq!(head_commit(dir.path()), None);

        let linked = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path().join(".git"), linked.path().join(".git"))
            .unwrap();
        assert_eq!(head_commit(linked.path()), None);
    }
}
