//! The trees a policy is read from: a commit the checked change cannot write (trusted), the
//! files on disk (not trusted), and the checked state itself for a merge request's own policy.

use crate::evidence::{PolicyInfo, PolicySource};
use crate::playbook::PlaybookError;
use crate::playbook::files::{DiskTree, GitTree, PolicyFiles};
use crate::snapshot::{Content, Snapshot, SnapshotMode};

use super::{PolicyRequest, plain};

/// A commit's tree as the policy tree; `label` names its files in diagnostics.
fn commit_tree(
    snapshot: &Snapshot,
    rev: &str,
    label: &str,
    source: PolicySource,
) -> Result<(Box<dyn PolicyFiles>, PolicyInfo), PlaybookError> {
    let repo = snapshot
        .repository()
        .ok_or_else(|| plain("a policy revision needs a git repository"))?;
    // As the change set resolves a base: a revision, else the CI's `origin/<name>`.
    let commit = crate::snapshot::history::resolve_base(&repo, rev).ok_or_else(|| {
        plain(format!(
            "the policy revision `{rev}` cannot be resolved (fetch it first, e.g. `git fetch origin {rev}`)"
        ))
    })?;
    let tree = GitTree::new(repo, commit, label.to_string()).map_err(plain)?;
    let info = PolicyInfo {
        source,
        reference: Some(label.to_string()),
        commit: Some(commit.to_string()),
        trusted: true,
    };
    Ok((Box::new(tree), info))
}

fn disk_tree(snapshot: &Snapshot, source: PolicySource) -> (Box<dyn PolicyFiles>, PolicyInfo) {
    (
        Box::new(DiskTree::confined(&snapshot.subject.root)),
        PolicyInfo {
            source,
            reference: None,
            commit: None,
            trusted: false,
        },
    )
}

/// The policy tree and how the evidence describes it.
pub(super) fn trusted_tree(
    snapshot: &Snapshot,
    request: &PolicyRequest,
) -> Result<(Box<dyn PolicyFiles>, PolicyInfo), PlaybookError> {
    let subject = &snapshot.subject;
    if let Some(rev) = &request.policy_ref {
        return commit_tree(snapshot, rev, rev, PolicySource::PolicyRef);
    }
    if let Some(rev) = &request.base {
        return commit_tree(snapshot, rev, rev, PolicySource::Base);
    }
    match subject.mode {
        SnapshotMode::Head | SnapshotMode::Rev => {
            let commit = subject
                .commit
                .as_deref()
                .ok_or_else(|| plain("the checked state has no commit to read the policy from"))?;
            let label = match subject.mode {
                SnapshotMode::Head => "HEAD",
                _ => subject.reference.as_deref().unwrap_or(commit),
            };
            commit_tree(snapshot, commit, label, PolicySource::Commit)
        }
        SnapshotMode::Staged => match commit_tree(snapshot, "HEAD", "HEAD", PolicySource::Head) {
            Ok(found) => Ok(found),
            // No commit yet: the files on disk are all there is, and they are not trusted.
            Err(_) => Ok(disk_tree(snapshot, PolicySource::Worktree)),
        },
        SnapshotMode::Worktree => Ok(disk_tree(snapshot, PolicySource::Worktree)),
        SnapshotMode::Directory => Ok(disk_tree(snapshot, PolicySource::Directory)),
    }
}

/// The checked state itself (a commit, the index or the work tree), read through the snapshot:
/// the change's own policy, which is parsed and compared but not trusted.
pub struct SnapshotTree<'s> {
    pub snapshot: &'s Snapshot,
    pub label: String,
}

impl PolicyFiles for SnapshotTree<'_> {
    fn read(&self, path: &str) -> Result<Option<String>, String> {
        if !self.snapshot.contains(path) {
            return Ok(None);
        }
        let name = self.display(path);
        match self.snapshot.read(path) {
            Content::Text(t) => Ok(Some(t.to_string())),
            Content::Binary => Err(format!("{name} is not UTF-8 text")),
            Content::TooLarge { size, limit } => Err(format!(
                "{name} is {size} bytes; policy files larger than {limit} bytes are refused"
            )),
            Content::Symlink(_) => Err(format!(
                "{name} is a symbolic link; policy files must be regular files"
            )),
            Content::Unreadable(why) => Err(format!("cannot read {name}: {why}")),
        }
    }

    fn display(&self, path: &str) -> String {
        format!("{}:{path}", self.label)
    }
}
