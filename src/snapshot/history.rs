//! History queries: the shared types (changes, last changes, the errors of a walk) and the
//! shallow-clone test; the queries live in the submodules: change sets (`changes`), when each
//! path last changed (`last_change`), approval trailers (`trailers`). Walks are bounded and stop
//! early; a shallow clone is detected, never mistaken for a short history.

mod changes;
mod last_change;
mod trailers;

use git2::Repository;
use serde::{Deserialize, Serialize};

pub use changes::{
    changes_against, changes_between, resolve_base, staged_changes, worktree_changes,
};
pub use last_change::last_changes;
pub use trailers::{Trailer, parse_trailers};

/// How a path changed.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Modified,
    Deleted,
    Renamed,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Modified => "modified",
            ChangeKind::Deleted => "deleted",
            ChangeKind::Renamed => "renamed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub path: String,
    pub kind: ChangeKind,
    /// For renames: where the file came from.
    pub old_path: Option<String>,
}

/// The changes of a merge request or a commit-to-be.
#[derive(Debug, Clone)]
pub struct ChangeSet {
    /// What the changes are measured against, as given (`origin/main`, `HEAD` for --staged).
    pub base_ref: String,
    /// The merge base of the base and the checked commit.
    pub base_commit: String,
    pub changes: Vec<Change>,
}

/// The last change of one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastChange {
    pub commit: String,
    /// Commit time, seconds since the epoch.
    pub time: i64,
    /// Commits between the checked commit and this one (0: the checked commit changed it).
    pub distance: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HistoryError {
    #[error(
        "the history is shallow (a clone with limited depth): {0}. Fetch the full history, e.g. \
         `git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout, or `GIT_DEPTH: 0` in GitLab CI"
    )]
    Shallow(String),
    #[error("no commit to read history from: {0}")]
    NoCommit(String),
    #[error("history walk stopped after {0} commits before every path was resolved")]
    Limit(usize),
    #[error("git: {0}")]
    Git(String),
}

impl From<git2::Error> for HistoryError {
    fn from(e: git2::Error) -> Self {
        HistoryError::Git(e.message().to_string())
    }
}

/// Commits a last-change walk may visit before it gives up.
pub const WALK_LIMIT: usize = 1_000_000;

/// Whether the repository is a shallow clone; linked worktrees share the clone's `shallow` file.
pub fn is_shallow(repo: &Repository) -> bool {
    repo.is_shallow() || repo.commondir().join("shallow").is_file()
}
