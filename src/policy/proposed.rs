//! A merge request's own policy: loaded from the checked state, compared with the merge base's,
//! and made the effective one once a member of `[policy] owners` approves it.

use crate::evidence::PolicySource;
use crate::playbook::files::GitTree;
use crate::playbook::{self, PlaybookError};
use crate::snapshot::Snapshot;

use super::load::{Located, load_playbook, load_waivers};
use super::review::{self, Review, RuleChange};
use super::trees::SnapshotTree;
use super::{Policy, PolicyRequest, plain};

/// The change's own policy, from the checked state, against the policy at the merge base.
pub(super) fn review_change(
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
            description_de: None,
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
