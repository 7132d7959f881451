//! What the history says about the checked commit: last changes, first appearances, previous
//! releases, changes since a commit, ancestry, notes, trailers, committed blobs, shallowness.

use std::collections::HashMap;
use std::path::Path;

use super::{
    Change, FIRST_SEEN_LIMIT, FirstSeen, HistoryError, LastChange, ReleaseTag, Snapshot,
    first_seen, history, releases,
};

impl Snapshot {
    /// When each path last changed, from one bounded walk back from the checked commit.
    pub fn last_changes(
        &self,
        paths: &[String],
    ) -> Result<HashMap<String, LastChange>, HistoryError> {
        let from = self.checked_commit()?;
        self.git()?
            .with_repo(|repo| history::last_changes(repo, from, paths, history::WALK_LIMIT))
    }

    /// For each of `wanted`, the earliest commit of the unbroken run back from the checked commit
    /// whose version of `path` holds it (`keys_of` lists what a version holds): one bounded walk.
    pub fn first_seen(
        &self,
        path: &str,
        wanted: &[String],
        keys_of: &dyn Fn(&[u8]) -> std::collections::HashSet<String>,
    ) -> Result<HashMap<String, FirstSeen>, HistoryError> {
        let from = self.checked_commit()?;
        self.git()?.with_repo(|repo| {
            first_seen::first_seen(repo, from, path, wanted, keys_of, FIRST_SEEN_LIMIT)
        })
    }

    /// The newest release tag (by version) matching `matches` on an ancestor of the checked commit.
    pub fn previous_releases(
        &self,
        matches: &dyn Fn(&str) -> bool,
    ) -> Result<Vec<ReleaseTag>, HistoryError> {
        let checked = self.checked_commit()?;
        let git = self.git()?;
        git.with_repo(|repo| {
            let tags = git.tags(repo)?;
            releases::previous_releases(repo, tags, checked, matches, releases::RELEASE_WALK_LIMIT)
        })
    }

    /// Paths changed between a commit and the checked commit.
    pub fn changes_since(&self, commit: &str) -> Result<Vec<Change>, HistoryError> {
        let checked = self.checked_commit()?;
        let from =
            git2::Oid::from_str(commit).map_err(|e| HistoryError::Git(e.message().to_string()))?;
        self.git()?
            .with_repo(|repo| history::changes_between(repo, from, checked))
    }

    /// A second handle on the repository's object store, for reading other commits' trees (the
    /// policy of a trusted revision). `None` for a plain folder.
    pub fn repository(&self) -> Option<git2::Repository> {
        self.git()
            .ok()?
            .with_repo(|repo| Ok(git2::Repository::open(repo.path()).ok()))
            .ok()
            .flatten()
    }

    /// Whether `commit` is the checked commit or one of its ancestors; `Ok(false)` also when this
    /// repository does not hold it.
    pub fn is_self_or_ancestor(&self, commit: &str) -> Result<bool, HistoryError> {
        let checked = self.checked_commit()?;
        let Ok(other) = git2::Oid::from_str(commit) else {
            return Ok(false);
        };
        if other == checked {
            return Ok(true);
        }
        self.git()?.with_repo(|repo| {
            if repo.find_commit(other).is_err() {
                return Ok(false);
            }
            repo.graph_descendant_of(checked, other)
                .map_err(|e| HistoryError::Git(e.message().to_string()))
        })
    }

    /// Git notes under `notes_ref` on the checked commit and its first-parent ancestors, nearest
    /// first, at most `limit` commits back: (commit, note text).
    pub fn notes_back(
        &self,
        notes_ref: &str,
        limit: usize,
    ) -> Result<Vec<(String, String)>, HistoryError> {
        let checked = self.checked_commit()?;
        self.git()?.with_repo(|repo| {
            let mut out = Vec::new();
            let mut next = repo.find_commit(checked).ok();
            for _ in 0..limit {
                let Some(commit) = next else { break };
                if let Ok(note) = repo.find_note(Some(notes_ref), commit.id())
                    && let Ok(text) = note.message()
                {
                    out.push((commit.id().to_string(), text.to_string()));
                }
                next = commit.parents().next();
            }
            Ok(out)
        })
    }

    /// The blob id a path has in the checked commit (for the index and the worktree: in HEAD),
    /// or `None` when the commit does not hold it.
    pub fn committed_blob(&self, path: &str) -> Option<String> {
        let commit = self.checked_commit().ok()?;
        self.git()
            .ok()?
            .with_repo(|repo| {
                Ok(repo
                    .find_commit(commit)
                    .and_then(|c| c.tree())
                    .and_then(|t| t.get_path(Path::new(path)))
                    .ok()
                    .map(|e| e.id().to_string()))
            })
            .ok()
            .flatten()
    }

    /// Whether the repository is a shallow clone.
    pub fn is_shallow(&self) -> bool {
        self.git().is_ok_and(|g| {
            g.with_repo(|r| Ok::<bool, HistoryError>(history::is_shallow(r)))
                .unwrap_or(false)
        })
    }
}
