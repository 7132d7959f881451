//! The files on disk as `git status` sees them, listed the way git does it and in parallel:
//! the index's stat data is trusted (a file whose size, mtime, inode and mode match its index
//! entry is unchanged), folders are read with `readdir` only, and libgit2 is asked only about
//! what the stat data cannot settle (a changed or racily clean file, an untracked path that may
//! be ignored). libgit2's own status walk does the same work on one core and checks every path
//! against the ignore rules, which made `--worktree` the slowest mode.
//!
//! The index comes from gonogo's reader (`index_file::read_with_stat`: one pass, no checksum
//! hashed, as git reads it); an index that reader declines, or with a path libgit2 might
//! refuse, is read by libgit2 as before. Each folder is opened relative to its parent and
//! read with `getdents`, each tracked file stat'ed relative to its folder.
//!
//! Nothing is followed: a symbolic link on disk is an entry, never a folder to enter, so the
//! walk stays inside the work tree. A folder that holds its own `.git` is another repository and
//! is not entered. Anything this lister does not handle (a conflict, a sparse index) answers
//! `None` and the caller takes libgit2's status walk.

use std::path::Path;

use git2::{Repository, Status, StatusOptions};

use super::index_file::StatIndex;
use super::{Entry, EntryKind, SnapshotError};

/// The entries on disk and whether anything differs from the index.
struct Listing {
    entries: Vec<Entry>,
    dirty: bool,
}

/// Adds the files on disk to `entries`, as `git status` sees them against the index, and says
/// whether anything on disk differs from the index; the index against HEAD is the caller's.
/// `read` is the index as gonogo's own reader understood it (`None`: libgit2 reads it).
pub(crate) fn list(
    repo: &Repository,
    root: &Path,
    read: Option<StatIndex>,
    entries: &mut Vec<Entry>,
) -> Result<bool, SnapshotError> {
    #[cfg(unix)]
    {
        let listing = match read.and_then(fast::tracked_from_file) {
            Some((tracked, index_mtime)) => fast::list(repo, root, tracked, index_mtime),
            None => {
                let index = repo.index().map_err(SnapshotError::from)?;
                fast::tracked_from_libgit2(repo, &index)
                    .and_then(|(tracked, mtime)| fast::list(repo, root, tracked, mtime))
            }
        };
        if let Some(mut listing) = listing {
            // Moved, not copied, into an empty list (100,000 entries are 4.8 MB).
            if entries.is_empty() {
                std::mem::swap(entries, &mut listing.entries);
            }
            entries.extend(listing.entries);
            return Ok(listing.dirty);
        }
    }
    #[cfg(not(unix))]
    let _ = read;
    let index = repo.index().map_err(SnapshotError::from)?;
    status_walk(repo, root, &index, entries)
}

/// The files on disk against the index by libgit2's status walk (stat data trusted, as git
/// does): the way for what the parallel lister does not handle. Returns whether anything
/// on disk differs from the index; the index against HEAD is the caller's.
fn status_walk(
    repo: &Repository,
    root: &Path,
    index: &git2::Index,
    entries: &mut Vec<Entry>,
) -> Result<bool, SnapshotError> {
    let mut opts = StatusOptions::new();
    opts.show(git2::StatusShow::Workdir)
        .include_untracked(true)
        .recurse_untracked_dirs(true)
        .include_ignored(false)
        .exclude_submodules(true);
    let statuses = repo
        .statuses(Some(&mut opts))
        .map_err(SnapshotError::from)?;
    let mut deleted = std::collections::HashSet::new();
    let mut dirty = false;
    for s in statuses.iter() {
        let st = s.status();
        if st.is_empty() || st.contains(Status::IGNORED) {
            continue;
        }
        dirty = true;
        let path = String::from_utf8_lossy(s.path_bytes()).into_owned();
        if st.intersects(Status::WT_DELETED) {
            deleted.insert(path);
        } else if st.contains(Status::WT_NEW) {
            let kind = match std::fs::symlink_metadata(root.join(&path)) {
                Ok(m) if m.file_type().is_symlink() => EntryKind::Symlink,
                _ => EntryKind::File,
            };
            entries.push(Entry {
                path,
                kind,
                blob: None,
            });
        }
    }
    for e in index.iter() {
        let path = String::from_utf8_lossy(&e.path).into_owned();
        if deleted.contains(&path) {
            continue;
        }
        // Not on disk by design (skip-worktree): what the index holds is its content.
        let skip_worktree = e.flags_extended & (1 << 14) != 0;
        entries.push(Entry {
            path,
            kind: EntryKind::of_mode(e.mode),
            blob: skip_worktree.then_some(e.id),
        });
    }
    Ok(dirty)
}

#[cfg(unix)]
mod fast;
#[cfg(unix)]
mod plain;

#[cfg(all(test, unix))]
mod tests;
