//! Snapshot of a plain folder (no git): a walk that never follows links. Not bound to a commit.

use std::path::Path;

use walkdir::WalkDir;

use super::{Backend, Content, Entry, EntryKind, Snapshot, SnapshotError, SnapshotMode, Subject};

pub(crate) fn open_dir(path: &Path, max_file_size: u64) -> Result<Snapshot, SnapshotError> {
    let root = std::fs::canonicalize(path).map_err(|e| SnapshotError::Open {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    if !root.is_dir() {
        return Err(SnapshotError::Open {
            path: path.to_path_buf(),
            message: "not a folder".into(),
        });
    }
    let mut entries = Vec::new();
    let walker = WalkDir::new(&root)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.file_name() != ".git");
    for item in walker {
        // A folder that cannot be read would hide its files from every control: stop, never pass.
        let item = item.map_err(|e| SnapshotError::Read {
            message: format!(
                "cannot list {}: {}",
                e.path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                e.io_error()
                    .map(|io| io.to_string())
                    .unwrap_or_else(|| e.to_string())
            ),
        })?;
        let ft = item.file_type();
        if ft.is_dir() {
            continue;
        }
        let Ok(rel) = item.path().strip_prefix(&root) else {
            continue;
        };
        let path = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        entries.push(Entry {
            path,
            kind: if ft.is_symlink() {
                EntryKind::Symlink
            } else {
                EntryKind::File
            },
            blob: None,
        });
    }
    let subject = Subject {
        root,
        mode: SnapshotMode::Directory,
        reference: None,
        commit: None,
        tree: None,
        dirty: None,
        remote: None,
        commit_time: None,
        tag: None,
    };
    let mut snap = Snapshot::new(subject, entries, Backend::Dir, max_file_size);
    snap.warnings
        .push("not a git repository: the evidence is not bound to a commit".into());
    Ok(snap)
}

pub(crate) fn read(
    root: &Path,
    entry: super::EntryRef<'_>,
    limit: u64,
    verified: &super::bytes::Folders,
) -> (Content, Option<git2::Oid>) {
    super::bytes::read_beneath(root, entry.path, limit, verified)
}
