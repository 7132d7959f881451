//! Which policy judges a check. The playbook, what it extends, and the waiver file are read from
//! a revision the checked change cannot write: the merge request's target (`--base`), an
//! explicit policy ref, or the checked commit itself; only `--worktree` and plain folders read
//! the disk, and the evidence says they are not trusted. In a merge request the change's own
//! policy is loaded too and compared ([`review`]).
//!
//! The steps live in the submodules: where the playbook and waivers are found and loaded
//! (`load`), the trees they are read from (`trees`), and a merge request's own policy
//! (`proposed`, compared in `review`).

mod load;
mod proposed;
pub mod review;
mod trees;

use std::path::PathBuf;

use crate::evidence::{PolicyInfo, PolicySource};
use crate::playbook::files::{DiskTree, PolicyFiles};
use crate::playbook::{self, Playbook, PlaybookError};
use crate::snapshot::{Content, Snapshot, SnapshotMode};
use crate::verdict::waivers::WaiverSet;

use load::{Located, load_playbook, load_waivers, locate};
use proposed::review_change;
use trees::trusted_tree;

pub use review::{Review, RuleChange};
pub use trees::SnapshotTree;

/// What the caller said about the policy.
#[derive(Debug, Clone, Default)]
pub struct PolicyRequest {
    /// `--playbook FILE` or `preset:NAME`. A file inside the repository is read from the trusted
    /// revision like a discovered one; a file outside it is the caller's own choice.
    pub playbook: Option<PathBuf>,
    /// `--policy-ref REF`: read the policy from this revision.
    pub policy_ref: Option<String>,
    /// `--base REV`: the merge request's target, whose tip holds the policy.
    pub base: Option<String>,
    /// `--waivers FILE`, read like `playbook`.
    pub waivers: Option<PathBuf>,
}

/// The policy of one check.
pub struct Policy {
    pub playbook: Playbook,
    /// How the evidence names the playbook: a repository path, `preset:NAME`, or a caller's file.
    pub playbook_path: String,
    pub waivers: Option<WaiverSet>,
    pub info: PolicyInfo,
    /// In a merge request: what the change does to the rules.
    pub review: Option<Review>,
    /// Things a reader must know (e.g. the playbook on disk differs from the one used).
    pub warnings: Vec<String>,
    /// The tree the policy was read from, for other policy files (allowed signers).
    pub tree: Option<Box<dyn PolicyFiles>>,
    /// The change's own policy in a merge request, effective only once its owners approve it.
    proposed: Option<(Playbook, String, Option<WaiverSet>)>,
}

fn plain(message: impl Into<String>) -> PlaybookError {
    PlaybookError::plain(message.into())
}

/// Resolves the policy of a check of `snapshot`.
pub fn resolve(snapshot: &Snapshot, request: &PolicyRequest) -> Result<Policy, PlaybookError> {
    let root = snapshot.subject.root.clone();
    let located = locate(request.playbook.as_deref(), &root);
    let (tree, mut info) = trusted_tree(snapshot, request)?;
    let (playbook, playbook_path) = match load_playbook(tree.as_ref(), &located)? {
        Some(found) => found,
        None => (
            playbook::load_preset("default", &crate::controls::REGISTRY)?,
            "preset:default".into(),
        ),
    };
    // The playbook is the caller's; the waivers still come from the tree, which stays named.
    match &located {
        Located::Preset(_) => info.source = PolicySource::Preset,
        Located::Caller(_) => info.source = PolicySource::CommandLine,
        _ => {}
    }
    let waivers = load_waivers(tree.as_ref(), request.waivers.as_deref(), &root, &playbook)?;
    let mut warnings = Vec::new();
    if let Some(w) = disk_differs(snapshot, &info, &playbook_path) {
        warnings.push(w);
    }
    let mut policy = Policy {
        playbook,
        playbook_path,
        waivers,
        info,
        review: None,
        warnings,
        tree: Some(tree),
        proposed: None,
    };
    if request.base.is_some() && request.policy_ref.is_none() {
        review_change(snapshot, request, &located, &mut policy)?;
    }
    Ok(policy)
}

/// A check of a commit reads the committed playbook; say so when the one on disk differs, so
/// that an edit in progress is not mistaken for the rules that were applied.
fn disk_differs(snapshot: &Snapshot, info: &PolicyInfo, path: &str) -> Option<String> {
    if !matches!(info.source, PolicySource::Commit | PolicySource::Head) {
        return None;
    }
    // A bare repository has no files on disk to differ; its root is the git directory.
    let work_tree = snapshot.work_tree()?;
    if path == "preset:default" {
        let disk = DiskTree::confined(work_tree);
        let found = playbook::DISCOVERY
            .iter()
            .find(|name| disk.read(name).ok().flatten().is_some())?;
        return Some(format!(
            "{found} exists on disk but not in the checked commit; preset:default was used (commit it, or check the files on disk with --worktree)"
        ));
    }
    if path.starts_with("preset:") {
        return None;
    }
    let disk = DiskTree::confined(work_tree).read(path).ok().flatten()?;
    let committed = match snapshot.read(path) {
        Content::Text(t) => t.to_string(),
        _ => return None,
    };
    (disk != committed && snapshot.subject.mode != SnapshotMode::Staged).then(|| {
        format!(
            "{path} on disk differs from the committed one; the committed playbook was used (check the files on disk with --worktree)"
        )
    })
}

impl Policy {
    /// The file `[approvals] allowed-signers` names, from the policy's own tree (never from the
    /// change); `None` when the playbook names none or the tree lacks it (approvals then say so).
    pub fn allowed_signers(
        &self,
    ) -> Result<Option<crate::verdict::approvals::AllowedSignersFile>, String> {
        let (Some(name), Some(tree)) = (&self.playbook.approvals.allowed_signers, &self.tree)
        else {
            return Ok(None);
        };
        Ok(tree
            .read(name)?
            .map(|text| crate::verdict::approvals::AllowedSignersFile {
                name: name.clone(),
                text,
            }))
    }
}
