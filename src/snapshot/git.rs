//! Snapshots taken from git objects: a commit's tree, the index, or the worktree as git sees it.

use std::path::Path;
use std::sync::{Mutex, OnceLock};

use git2::{ObjectType, Repository};

use super::history;
use super::listing::{Listing, ListingBuilder};
use super::releases;
use super::{
    Backend, Content, Entry, EntryKind, HistoryError, Mode, Snapshot, SnapshotError, SnapshotMode,
    Subject, decode,
};

type TagList = Result<Vec<(String, git2::Oid)>, HistoryError>;

pub(crate) struct GitBackend {
    /// git2's repository is not `Sync`; reads are short, so one lock is enough.
    repo: Mutex<Repository>,
    worktree: bool,
    /// Whether the repository has a work tree (a bare one has none).
    pub(crate) has_work_tree: bool,
    /// Every tag and what it names, listed once per run (100,000 refs cost a listing each).
    tags: OnceLock<TagList>,
    pub(crate) missing: Option<super::missing::MissingObjects>,
}

impl GitBackend {
    pub(crate) fn with_repo<T>(
        &self,
        f: impl FnOnce(&Repository) -> Result<T, super::HistoryError>,
    ) -> Result<T, super::HistoryError> {
        let repo = self
            .repo
            .lock()
            .map_err(|_| super::HistoryError::Git("repository lock poisoned".into()))?;
        f(&repo)
    }

    /// [`releases::tag_targets`], listed on first use; a listing that failed stays an error.
    pub(crate) fn tags(&self, repo: &Repository) -> Result<&[(String, git2::Oid)], HistoryError> {
        match self.tags.get_or_init(|| releases::tag_targets(repo)) {
            Ok(tags) => Ok(tags),
            Err(e) => Err(e.clone()),
        }
    }

    /// The content of `entry`, and the blob id of the bytes read when they came from disk.
    pub(crate) fn read(
        &self,
        entry: super::EntryRef<'_>,
        root: &Path,
        limit: u64,
        verified: &super::bytes::Folders,
    ) -> (Content, Option<git2::Oid>) {
        // A work-tree entry is read from disk; one not checked out (skip-worktree) has its blob.
        if self.worktree && entry.blob.is_none() {
            return super::bytes::read_beneath(root, entry.path, limit, verified);
        }
        (self.read_object(entry, limit), None)
    }

    fn read_object(&self, entry: super::EntryRef<'_>, limit: u64) -> Content {
        let Some(oid) = entry.blob else {
            return Content::Unreadable(format!("{} has no blob", entry.path));
        };
        let Ok(repo) = self.repo.lock() else {
            return Content::Unreadable("repository lock poisoned".into());
        };
        let odb = match repo.odb() {
            Ok(o) => o,
            Err(e) => return Content::Unreadable(e.message().to_string()),
        };
        // The header tells the size without inflating the object.
        match odb.read_header(oid) {
            Ok((size, _)) if size as u64 > limit => {
                return Content::TooLarge {
                    size: size as u64,
                    limit,
                };
            }
            Ok(_) => {}
            Err(e) => {
                self.missing.iter().for_each(|m| m.note(oid));
                return Content::Unreadable(format!(
                    "object {oid} for {}: {}",
                    entry.path,
                    e.message()
                ));
            }
        }
        match repo.find_blob(oid) {
            Ok(blob) if entry.kind == EntryKind::Symlink => {
                Content::Symlink(String::from_utf8_lossy(blob.content()).into_owned())
            }
            Ok(blob) => decode(blob.content()),
            Err(e) => {
                Content::Unreadable(format!("object {oid} for {}: {}", entry.path, e.message()))
            }
        }
    }
}

fn git_err(e: git2::Error) -> SnapshotError {
    SnapshotError::from(e)
}

pub fn open_git(repo: Repository, options: &super::OpenOptions) -> Result<Snapshot, SnapshotError> {
    let (mode, max_file_size) = (&options.mode, options.max_file_size);
    let root = repo
        .workdir()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| repo.path().to_path_buf());
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    // Bare, or a git directory reached directly: git finds no work tree there either.
    if repo.is_bare() && matches!(mode, Mode::Staged | Mode::Worktree) {
        return Err(SnapshotError::Revision {
            message: format!(
                "{} has no work tree (a bare repository, or a path inside a git directory): \
                 --staged and --worktree need one",
                root.display()
            ),
            help: "check a commit with --rev REV (or HEAD, the default), or give the path of \
                   a work tree"
                .into(),
        });
    }
    // In the hooks of `git commit -a` and `git commit PATHS`, git prepares the commit in another
    // index and names it in GIT_INDEX_FILE: that, not .git/index, is what the commit will hold.
    if matches!(mode, Mode::Staged)
        && let Some(file) = std::env::var_os("GIT_INDEX_FILE").filter(|f| !f.is_empty())
    {
        let mut index = git2::Index::open(Path::new(&file)).map_err(git_err)?;
        repo.set_index(&mut index).map_err(git_err)?;
    }
    let head = head_commit(&repo);
    let mut subject = Subject {
        root: root.clone(),
        mode: SnapshotMode::Head,
        reference: None,
        commit: None,
        tree: None,
        dirty: None,
        remote: remote_url(&repo),
        commit_time: head.as_ref().map(|c| c.time().seconds()),
        tag: None,
    };
    let mut entries = Vec::new();
    // A commit's listing is built packed (see `ListingBuilder`); the other modes collect entries.
    let mut listing = None;
    let mut worktree = false;
    let tags = OnceLock::new();
    match mode {
        Mode::Head | Mode::Rev(_) => {
            let commit = match mode {
                Mode::Rev(rev) => {
                    subject.mode = SnapshotMode::Rev;
                    let obj = repo.revparse_single(rev).map_err(|e| SnapshotError::Revision {
                        message: format!("cannot resolve revision `{rev}`: {}", e.message()),
                        help: "give a commit id, tag or branch name that exists in this repository".into(),
                    })?;
                    let commit = obj.peel_to_commit().map_err(|_| SnapshotError::Revision {
                        message: format!("`{rev}` does not point to a commit"),
                        help: "give a commit id, tag or branch name".into(),
                    })?;
                    subject.reference =
                        Some(full_ref_name(&repo, rev).unwrap_or_else(|| rev.clone()));
                    commit
                }
                _ => {
                    let commit = head.clone().ok_or_else(|| SnapshotError::Revision {
                        message: format!("{} has no commits yet", root.display()),
                        help: "commit something first, or check the index with --staged or the files on disk with --worktree".into(),
                    })?;
                    subject.reference = repo
                        .head()
                        .ok()
                        .and_then(|h| h.name().ok().map(str::to_string));
                    commit
                }
            };
            subject.commit = Some(commit.id().to_string());
            subject.commit_time = Some(commit.time().seconds());
            subject.tag = tag_of(&repo, &tags, commit.id(), subject.reference.as_deref());
            let tree = commit.tree().map_err(git_err)?;
            subject.tree = Some(tree.id().to_string());
            // A checkout's index holds HEAD's tree, or most of a nearby commit's.
            let mut known = if repo.is_bare() {
                None
            } else {
                super::index_file::known_trees(&repo.path().join("index"), tree.id())
            };
            // Most of the index is usually taken: room for all of it, so the listing grows once
            // (untouched room costs no memory).
            let mut out = match &known {
                Some(known) => known.listing_room(),
                None => ListingBuilder::with_capacity(0, 0),
            };
            tree_entries(&repo, &tree, known.as_mut(), &mut out)?;
            drop(known);
            listing = Some(out.finish());
        }
        Mode::Staged => {
            subject.mode = SnapshotMode::Staged;
            subject.reference = repo
                .head()
                .ok()
                .and_then(|h| h.name().ok().map(str::to_string));
            subject.commit = head.as_ref().map(|c| c.id().to_string());
            // No tree id: computing one would write a tree object into the repository.
            let index = repo.index().map_err(git_err)?;
            for e in index.iter() {
                let path = String::from_utf8_lossy(&e.path).into_owned();
                entries.push(Entry {
                    path,
                    kind: EntryKind::of_mode(e.mode),
                    blob: Some(e.id),
                });
            }
        }
        Mode::Worktree => {
            subject.mode = SnapshotMode::Worktree;
            worktree = true;
            subject.reference = repo
                .head()
                .ok()
                .and_then(|h| h.name().ok().map(str::to_string));
            subject.commit = head.as_ref().map(|c| c.id().to_string());
            // The index read once, by gonogo's reader; libgit2 reads it only where that one
            // declines, or where the stat data cannot settle a question.
            let index_file = repo.path().join("index");
            let read = super::index_file::read_with_stat(&index_file);
            let cached_root = match &read {
                Some(read) => read.cached_root,
                None => super::index_file::cached_root_tree(&index_file),
            };
            let dirty = super::worktree::list(&repo, &root, read, &mut entries)?;
            subject.dirty = Some(dirty || staged_differs(&repo, cached_root, head.as_ref())?);
        }
    }
    drop(head);
    let changes = change_set(&repo, options, subject.commit.as_deref())?;
    let has_work_tree = !repo.is_bare();
    let backend = Backend::Git(GitBackend {
        repo: Mutex::new(repo),
        worktree,
        has_work_tree,
        tags,
        missing: options.missing.clone(),
    });
    let listing = listing.unwrap_or_else(|| Listing::new(entries));
    let mut snapshot = Snapshot::with_listing(subject, listing, backend, max_file_size);
    snapshot.changes = changes;
    Ok(snapshot)
}

/// Whether the index holds anything HEAD does not (what `git status` lists as staged). The
/// index's cache-tree answers without reading HEAD's trees when its root is valid; else the
/// index is compared with HEAD's tree (submodules left out, as in the work-tree status).
fn staged_differs(
    repo: &Repository,
    cached_root: Option<git2::Oid>,
    head: Option<&git2::Commit<'_>>,
) -> Result<bool, SnapshotError> {
    let head_tree = head.map(|c| c.tree_id());
    if let (Some(tree), Some(cached)) = (head_tree, cached_root)
        && tree == cached
    {
        return Ok(false);
    }
    let index = repo.index().map_err(git_err)?;
    let tree = match head {
        Some(c) => Some(c.tree().map_err(git_err)?),
        None => None,
    };
    let mut opts = git2::DiffOptions::new();
    opts.ignore_submodules(true);
    let diff = repo
        .diff_tree_to_index(tree.as_ref(), Some(&index), Some(&mut opts))
        .map_err(git_err)?;
    Ok(diff.deltas().len() > 0)
}

/// The change set a run measures: against `--base` (merge base), or index vs HEAD for `--staged`.
fn change_set(
    repo: &Repository,
    options: &super::OpenOptions,
    checked: Option<&str>,
) -> Result<Option<history::ChangeSet>, SnapshotError> {
    let revision_error = |message: String| SnapshotError::Revision {
        message,
        help: "give --base a branch, tag or commit that shares history with the checked one".into(),
    };
    match (&options.mode, &options.base) {
        (Mode::Staged, _) => history::staged_changes(repo)
            .map(Some)
            .map_err(revision_error),
        (Mode::Worktree, Some(base)) => history::worktree_changes(repo, base)
            .map(Some)
            .map_err(revision_error),
        (_, Some(base)) => {
            let checked = checked
                .and_then(|c| git2::Oid::from_str(c).ok())
                .ok_or_else(|| revision_error("no commit to compare with the base".into()))?;
            history::changes_against(repo, base, checked)
                .map(Some)
                .map_err(revision_error)
        }
        _ => Ok(None),
    }
}

fn head_commit(repo: &Repository) -> Option<git2::Commit<'_>> {
    repo.head().ok()?.peel_to_commit().ok()
}

/// The tag naming `commit`: the one `reference` names if it is a tag, else the highest version
/// (`v1.10.0` over `v1.9.0`; version-like names over others, then by name).
fn tag_of(
    repo: &Repository,
    backend_tags: &OnceLock<TagList>,
    commit: git2::Oid,
    reference: Option<&str>,
) -> Option<String> {
    if let Some(name) = reference.and_then(|r| r.strip_prefix("refs/tags/")) {
        return Some(name.to_string());
    }
    let mut tags: Vec<String> = backend_tags
        .get_or_init(|| releases::tag_targets(repo))
        .as_ref()
        .ok()?
        .iter()
        .filter(|(_, c)| *c == commit)
        .map(|(name, _)| name.clone())
        .collect();
    tags.sort_by_cached_key(|t| {
        let key = releases::version_key(t);
        (!key.0.is_empty(), key, t.clone())
    });
    tags.pop()
}

fn full_ref_name(repo: &Repository, rev: &str) -> Option<String> {
    repo.resolve_reference_from_short_name(rev)
        .ok()
        .and_then(|r| r.name().ok().map(str::to_string))
}

/// The `origin` URL (else the first remote's), without credentials.
fn remote_url(repo: &Repository) -> Option<String> {
    let remote = repo.find_remote("origin").ok().or_else(|| {
        let names = repo.remotes().ok()?;
        let first = names.iter().flatten().flatten().next()?.to_string();
        repo.find_remote(&first).ok()
    })?;
    remote.url().ok().map(strip_credentials)
}

fn strip_credentials(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://") {
        let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
        if let Some((_, host)) = authority.rsplit_once('@') {
            return format!("{scheme}://{host}/{path}");
        }
    }
    url.to_string()
}

/// Every blob and submodule of `tree` (see [`tree_entries`]): for callers outside the snapshot
/// that list an untrusted tree.
pub(crate) fn list_tree(
    repo: &Repository,
    tree: &git2::Tree<'_>,
) -> Result<Vec<Entry>, SnapshotError> {
    let mut out = ListingBuilder::with_capacity(0, 0);
    tree_entries(repo, tree, None, &mut out)?;
    Ok(out.finish().into_entries())
}

/// Every blob and submodule of `tree`, in git's pre-order. Walked with an explicit stack, not
/// libgit2's recursive walk: a crafted tree 100,000 folders deep overflows the stack there. A tree
/// deeper than git accepts, or one that lists more entries than any real tree (the same subtree
/// referenced again and again), is refused. A folder that `known` (the index) holds with the
/// same tree id at the same place is taken from there instead of read.
fn tree_entries(
    repo: &Repository,
    tree: &git2::Tree<'_>,
    mut known: Option<&mut super::index_file::KnownTrees>,
    out: &mut ListingBuilder,
) -> Result<(), SnapshotError> {
    use crate::support::limits::{MAX_TREE_DEPTH, MAX_TREE_ENTRIES};
    if let Some(known) = known.as_deref_mut()
        && let Some(range) = known.folder(b"", tree.id())
    {
        splice(known, range, out);
        return Ok(());
    }
    let mut stack: Vec<(git2::Tree<'_>, usize, String)> = vec![(tree.clone(), 0, String::new())];
    let mut seen = 0usize;
    while let Some((tree, next, prefix)) = stack.last_mut() {
        // The entry borrows the stack's top tree: take what is needed and let it go.
        let Some(entry) = tree.get(*next) else {
            stack.pop();
            continue;
        };
        let (id, mode, object) = (entry.id(), entry.filemode() as u32, entry.kind());
        *next += 1;
        seen += 1;
        if seen > MAX_TREE_ENTRIES {
            return Err(too_many_entries());
        }
        let kind = match object {
            Some(ObjectType::Blob) => EntryKind::of_mode(mode),
            Some(ObjectType::Commit) => EntryKind::Submodule,
            Some(ObjectType::Tree) => {
                let path = format!("{prefix}{}", String::from_utf8_lossy(entry.name_bytes()));
                drop(entry);
                if stack.len() >= MAX_TREE_DEPTH {
                    return Err(SnapshotError::Read {
                        message: format!(
                            "the commit's tree nests folders more than {MAX_TREE_DEPTH} deep at `{}`; git refuses such trees too (core.maxTreeDepth)",
                            crate::support::limits::excerpt(&path)
                        ),
                    });
                }
                // A folder the index holds as it is here: its entries, no tree read.
                if let Some(known) = known.as_deref_mut()
                    && let Some(range) = known.folder(path.as_bytes(), id)
                {
                    seen += range.len();
                    if seen > MAX_TREE_ENTRIES {
                        return Err(too_many_entries());
                    }
                    splice(known, range, out);
                    continue;
                }
                let sub = repo.find_tree(id).map_err(|e| SnapshotError::Read {
                    message: format!(
                        "cannot read the folder `{path}` (tree {id}): {}",
                        e.message()
                    ),
                })?;
                stack.push((sub, 0, format!("{path}/")));
                continue;
            }
            _ => continue,
        };
        out.push(
            prefix,
            &String::from_utf8_lossy(entry.name_bytes()),
            kind,
            Some(id),
        );
    }
    Ok(())
}

fn too_many_entries() -> SnapshotError {
    use crate::support::limits::MAX_TREE_ENTRIES;
    SnapshotError::Read {
        message: format!(
            "the commit's tree lists more than {MAX_TREE_ENTRIES} entries (folders repeated by reference?); it is not checked"
        ),
    }
}

/// The index's entries in `range`, appended to the listing (each entry at most once: a folder
/// taken whole is not entered). The whole index into an empty listing is moved as it is,
/// without a second copy of 100,000 paths.
fn splice(
    known: &mut super::index_file::KnownTrees,
    range: std::ops::Range<usize>,
    out: &mut ListingBuilder,
) {
    if out.len() == 0 && range == (0..known.entries.len()) {
        *out = ListingBuilder::from_listing(std::mem::take(&mut known.entries));
        return;
    }
    out.extend_from(&known.entries, range);
}

#[cfg(test)]
mod tests {
    use super::strip_credentials;

    #[test]
    fn credentials_are_removed_from_remote_urls() {
        assert_eq!(
            strip_credentials("https://user:secret@example.com/org/repo.git"),
            "https://example.com/org/repo.git"
        );
        assert_eq!(
            strip_credentials("git@example.com:org/repo.git"),
            "git@example.com:org/repo.git"
        );
    }
}
