//! A plain folder held in memory: names and texts given by the caller, no disk, no history.
//! For fuzzing the whole pipeline with hostile names and contents (fuzz/), and for tests.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::{Backend, Content, Entry, EntryKind, Snapshot, SnapshotMode, Subject};

impl Snapshot {
    /// A directory-mode snapshot of `files` (path, text). Paths a git tree cannot hold (empty,
    /// absolute, with an empty, `.` or `..` component, or a NUL) are left out, as git leaves them out.
    pub fn in_memory(files: Vec<(String, String)>, max_file_size: u64) -> Snapshot {
        let mut texts = HashMap::new();
        let mut entries = Vec::new();
        for (path, text) in files {
            let valid = !path.is_empty()
                && !path.contains('\0')
                && path
                    .split('/')
                    .all(|p| !p.is_empty() && p != "." && p != "..");
            if valid && !texts.contains_key(&path) {
                entries.push(Entry {
                    path: path.clone(),
                    kind: EntryKind::File,
                    blob: None,
                });
                texts.insert(path, Arc::<str>::from(text));
            }
        }
        let subject = Subject {
            root: PathBuf::from("/in-memory"),
            mode: SnapshotMode::Directory,
            reference: None,
            commit: None,
            tree: None,
            dirty: None,
            remote: None,
            commit_time: None,
            tag: None,
        };
        Snapshot::new(subject, entries, Backend::Memory(texts), max_file_size)
    }
}

/// The text of `entry`, bounded by the size cap like a file on disk.
pub(crate) fn read(
    texts: &HashMap<String, Arc<str>>,
    entry: super::EntryRef<'_>,
    limit: u64,
) -> Content {
    match texts.get(entry.path) {
        Some(t) if t.len() as u64 > limit => Content::TooLarge {
            size: t.len() as u64,
            limit,
        },
        Some(t) => super::decode(t.as_bytes()),
        None => Content::Unreadable(format!("{} is not in the snapshot", entry.path)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_git_cannot_hold_are_left_out_and_texts_are_read() {
        let files = [
            "a/b.md",
            "../x",
            "/etc/passwd",
            "a//c",
            "a/./d",
            "",
            "ok\x1b.env",
            "a/b.md",
        ]
        .iter()
        .map(|p| (p.to_string(), format!("text of {p}")))
        .collect();
        let snap = Snapshot::in_memory(files, 10);
        let paths: Vec<&str> = snap.paths().collect();
        assert_eq!(paths, ["a/b.md", "ok\x1b.env"]);
        assert!(matches!(
            snap.read("a/b.md"),
            Content::TooLarge {
                size: 14,
                limit: 10
            }
        ));
        let snap = Snapshot::in_memory(vec![("r.md".into(), "hi".into())], 1 << 20);
        assert!(matches!(snap.read("r.md"), Content::Text(t) if &*t == "hi"));
        assert!(snap.last_changes(&["r.md".to_string()]).is_err());
    }
}
