//! Which policy judges a check. The playbook, what it extends, and the waiver file are read from
//! a revision the checked change cannot write: the merge request's target (`--base`), an
//! explicit policy ref, or the checked commit itself; only `--worktree` and plain folders read
//! the disk, and the evidence says they are not trusted. In a merge request the change's own
//! policy is loaded too and compared ([`review`]).

pub mod review;

use std::path::{Path, PathBuf};

use crate::evidence::{PolicyInfo, PolicySource};
use crate::playbook::files::{DiskTree, GitTree, PolicyFiles};
use crate::playbook::{self, Playbook, PlaybookError};
use crate::snapshot::{Content, Snapshot, SnapshotMode};
use crate::verdict::waivers::WaiverSet;

pub use review::{Review, RuleChange};

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

/// Where a playbook is looked for inside a tree.
#[derive(Debug, Clone)]
enum Located {
    /// Discovered by name (`gonogo.toml`, `.gonogo/playbook.toml`), else the default preset.
    Discover,
    /// A repository path named on the command line.
    Path(String),
    /// A file outside the repository, named on the command line.
    Caller(PathBuf),
    Preset(String),
}

fn locate(explicit: Option<&Path>, root: &Path) -> Located {
    let Some(p) = explicit else {
        return Located::Discover;
    };
    if let Some(name) = p.to_str().and_then(|s| s.strip_prefix("preset:")) {
        return Located::Preset(name.to_string());
    }
    match inside(p, root) {
        Some(rel) => Located::Path(rel),
        None => Located::Caller(p.to_path_buf()),
    }
}

/// `path` as a repository-relative path, when it lies inside `root`.
fn inside(path: &Path, root: &Path) -> Option<String> {
    let abs = std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .ok()?;
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let rel = abs.strip_prefix(&root).ok()?;
    let rel = rel.to_string_lossy().replace('\\', "/");
    (!rel.is_empty()).then_some(rel)
}

fn plain(message: impl Into<String>) -> PlaybookError {
    PlaybookError::plain(message.into())
}

/// A playbook loaded from a tree, with the path the evidence names it by.
fn load_playbook(
    tree: &dyn PolicyFiles,
    located: &Located,
) -> Result<Option<(Playbook, String)>, PlaybookError> {
    match located {
        Located::Preset(name) => playbook::load_preset(name, &crate::controls::REGISTRY)
            .map(|p| Some((p, format!("preset:{name}")))),
        Located::Caller(path) => {
            playbook::load_file(path, &crate::controls::REGISTRY).map(|p| Some((p, p_name(path))))
        }
        Located::Path(rel) => playbook::load::load_from(tree, rel, &crate::controls::REGISTRY)
            .map(|p| Some((p, rel.clone()))),
        Located::Discover => {
            for name in playbook::DISCOVERY {
                if tree.read(name).map_err(plain)?.is_some() {
                    return playbook::load::load_from(tree, name, &crate::controls::REGISTRY)
                        .map(|p| Some((p, name.to_string())));
                }
            }
            Ok(None)
        }
    }
}

fn p_name(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// The waiver file of a policy: `--waivers`, else the playbook's `[waivers] file` if present.
fn load_waivers(
    tree: &dyn PolicyFiles,
    explicit: Option<&Path>,
    root: &Path,
    playbook: &Playbook,
) -> Result<Option<WaiverSet>, PlaybookError> {
    let (text, name) = match explicit {
        Some(path) => match inside(path, root) {
            Some(rel) => match tree.read(&rel).map_err(plain)? {
                Some(t) => (t, rel),
                None => {
                    return Err(plain(format!(
                        "cannot read {}: no such file",
                        tree.display(&rel)
                    )));
                }
            },
            None => {
                let (disk, rel) = DiskTree::caller(path);
                match disk.read(&rel).map_err(plain)? {
                    Some(t) => (t, p_name(path)),
                    None => {
                        return Err(plain(format!(
                            "cannot read {}: no such file",
                            path.display()
                        )));
                    }
                }
            }
        },
        None => {
            let rel = &playbook.waivers.file;
            match tree.read(rel).map_err(plain)? {
                Some(t) => (t, rel.clone()),
                None => return Ok(None),
            }
        }
    };
    crate::verdict::waivers::parse(&name, &text).map(Some)
}

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
fn trusted_tree(
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

/// The change's own policy, from the checked state, against the policy at the merge base.
fn review_change(
    snapshot: &Snapshot,
    request: &PolicyRequest,
    located: &Located,
    policy: &mut Policy,
) -> Result<(), PlaybookError> {
    let Some(changes) = &snapshot.changes else {
        return Ok(());
    };
    let repo = snapshot
        .repository()
        .ok_or_else(|| plain("a merge request check needs a git repository"))?;
    let merge_base = git2::Oid::from_str(&changes.base_commit)
        .map_err(|e| plain(format!("the merge base cannot be read: {}", e.message())))?;
    let before_tree = GitTree::new(repo, merge_base, changes.base_ref.clone()).map_err(plain)?;
    let after_tree = SnapshotTree {
        snapshot,
        label: "change".into(),
    };
    let root = snapshot.subject.root.clone();
    let mut review = Review {
        path: policy.playbook_path.clone(),
        owners: policy.playbook.policy.owners.clone(),
        owner_members: policy
            .playbook
            .policy
            .owners
            .as_deref()
            .and_then(|o| policy.playbook.role(o))
            .map(|r| r.members.iter().map(review::member).collect())
            .unwrap_or_default(),
        ..Review::default()
    };
    // Before: what the merge base had; a broken one there is not this change's doing.
    let before = load_playbook(&before_tree, located).ok().flatten();
    let after = load_playbook(&after_tree, located);
    let before_waivers = before
        .as_ref()
        .and_then(|(p, _)| load_waivers(&before_tree, request.waivers.as_deref(), &root, p).ok())
        .flatten();
    match after {
        Err(e) => review.invalid = Some(summary(&e)),
        Ok(None) if before.is_some() => {
            review.removed = Some(before.as_ref().map(|(_, p)| p.clone()).unwrap_or_default())
        }
        Ok(after) => {
            let default = || playbook::load_preset("default", &crate::controls::REGISTRY).ok();
            let before_pb = before.as_ref().map(|(p, _)| p);
            let after_pb = after.as_ref().map(|(p, _)| p);
            let fallback_before = if before_pb.is_none() { default() } else { None };
            let fallback_after = if after_pb.is_none() { default() } else { None };
            if let (Some(b), Some(a)) = (
                before_pb.or(fallback_before.as_ref()),
                after_pb.or(fallback_after.as_ref()),
            ) {
                review.changes.extend(review::compare(b, a));
                match load_waivers(&after_tree, request.waivers.as_deref(), &root, a) {
                    Ok(after_waivers) => {
                        review.changes.extend(review::compare_waivers(
                            before_waivers.as_ref(),
                            after_waivers.as_ref(),
                        ));
                        if let Some((p, path)) = after {
                            policy.proposed = Some((p, path, after_waivers));
                        }
                    }
                    Err(e) => review.invalid = Some(summary(&e)),
                }
            }
        }
    }
    let signers = policy.playbook.approvals.allowed_signers.clone();
    for c in &changes.changes {
        if signers.as_deref() == Some(c.path.as_str()) {
            review.changes.push(RuleChange {
                weakens: true,
                text: format!("changes the allowed signers ({})", c.path),
            });
        }
        let codeowners = |p: &str| {
            matches!(
                p,
                "CODEOWNERS" | ".github/CODEOWNERS" | "docs/CODEOWNERS" | ".gitlab/CODEOWNERS"
            )
        };
        if codeowners(&c.path) || c.old_path.as_deref().is_some_and(codeowners) {
            review.changes.push(RuleChange {
                weakens: true,
                text: format!("changes the code owners ({})", c.path),
            });
        }
    }
    policy.review = Some(review);
    Ok(())
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

    /// In a merge request whose change of the rules a member of `[policy] owners` approved, the
    /// change's own policy becomes the effective one; otherwise the trusted one stays. The
    /// approval is judged like a gate's (`approvals`): signed by a key the trusted policy lists,
    /// or in the merge request's reviews (`--approvals`), with the trusted policy's
    /// allowed signers in `inputs`; `as_of` is the check's reference date.
    pub fn settle_review(
        &mut self,
        snapshot: &Snapshot,
        inputs: crate::verdict::approvals::Inputs<'_>,
        as_of: jiff::Timestamp,
    ) {
        let Some(review) = &mut self.review else {
            return;
        };
        if !review.needs_approval() || review.removed.is_some() || review.invalid.is_some() {
            return;
        }
        let Some(owners) = review.owners.clone() else {
            return;
        };
        if self.playbook.role(&owners).is_none() {
            return;
        }
        let gate = crate::playbook::Gate {
            name: "policy".into(),
            description: None,
            controls: Vec::new(),
            approvals: vec![owners],
        };
        let approval =
            crate::verdict::approvals::result(&self.playbook, &gate, snapshot, inputs, Some(as_of));
        if approval.status != crate::evidence::Status::Pass {
            review.approval_problems = approval
                .findings
                .iter()
                .map(|f| f.message.clone())
                .chain(approval.reason.clone())
                .collect();
            return;
        }
        let by: Vec<String> = approval
            .evidence
            .iter()
            .map(|e| match (&e.excerpt, &e.note) {
                (Some(x), Some(n)) => format!("{x} ({}; {n})", e.path),
                (Some(x), None) => format!("{x} ({})", e.path),
                _ => e.path.clone(),
            })
            .collect();
        review.approved_by = Some(by.join("; "));
        if let Some((playbook, path, waivers)) = self.proposed.take() {
            self.playbook = playbook;
            self.playbook_path = path;
            self.waivers = waivers;
            // The base stays named: it is what verify reads the approval rules from again.
            self.info.source = PolicySource::ApprovedChange;
        }
    }
}

/// The first lines of a playbook error, for a finding.
fn summary(e: &PlaybookError) -> String {
    match e.diagnostics.first() {
        Some(d) => format!("{}:{}:{}: {}", d.file, d.line, d.column, d.message()),
        None => e.to_string(),
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
