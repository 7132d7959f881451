//! What a change does to the rules that judge it: the effective playbook and waivers before and
//! after, compared, in words. A change that could make a gate easier to pass "weakens".

use crate::playbook::Playbook;
use crate::verdict::waivers::WaiverSet;

/// One difference between the rules before and after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleChange {
    /// Whether the change could make a gate easier to pass (then it needs an approval).
    pub weakens: bool,
    pub text: String,
}

impl RuleChange {
    fn weakens(text: String) -> Self {
        RuleChange {
            weakens: true,
            text,
        }
    }

    fn tightens(text: String) -> Self {
        RuleChange {
            weakens: false,
            text,
        }
    }
}

/// What a merge request does to its own policy.
#[derive(Debug, Clone, Default)]
pub struct Review {
    /// The playbook the review is about, as the evidence names it.
    pub path: String,
    /// The change deletes the playbook the base has (`policy/removed`).
    pub removed: Option<String>,
    /// The change's playbook or waiver file does not load (`policy/invalid`): the first lines of
    /// what is wrong.
    pub invalid: Option<String>,
    pub changes: Vec<RuleChange>,
    /// The role of the trusted playbook that owns the rules (`[policy] owners`).
    pub owners: Option<String>,
    /// Its members, as people are named (`Ana Lima <ana@example.com>`).
    pub owner_members: Vec<String>,
    /// Who approved the change, as evidence notes, when a member of `owners` did.
    pub approved_by: Option<String>,
    /// Why the approvals found do not count (unsigned, wrong signer), when none does.
    pub approval_problems: Vec<String>,
}

impl Review {
    pub fn weakening(&self) -> impl Iterator<Item = &RuleChange> {
        self.changes.iter().filter(|c| c.weakens)
    }

    /// Whether the change must be approved (or cannot be accepted at all).
    pub fn needs_approval(&self) -> bool {
        self.weakening().next().is_some()
    }
}

/// Compares two effective playbooks.
pub fn compare(before: &Playbook, after: &Playbook) -> Vec<RuleChange> {
    let mut out = Vec::new();
    for old in &before.controls {
        let Some(new) = after.control(&old.id) else {
            out.push(RuleChange::weakens(format!(
                "removes or disables control `{}` ({}, {})",
                old.id,
                old.level.as_str(),
                old.kind
            )));
            continue;
        };
        if new.level > old.level {
            out.push(RuleChange::weakens(format!(
                "lowers control `{}` from {} to {}",
                old.id,
                old.level.as_str(),
                new.level.as_str()
            )));
        } else if new.level < old.level {
            out.push(RuleChange::tightens(format!(
                "raises control `{}` from {} to {}",
                old.id,
                old.level.as_str(),
                new.level.as_str()
            )));
        }
        if new.kind != old.kind {
            out.push(RuleChange::weakens(format!(
                "changes control `{}` from kind `{}` to `{}`",
                old.id, old.kind, new.kind
            )));
            continue;
        }
        for text in settings_diff(&old.settings, &new.settings) {
            out.push(RuleChange::weakens(format!(
                "changes control `{}`: {text}",
                old.id
            )));
        }
        if old.locked && !new.locked {
            out.push(RuleChange::weakens(format!("unlocks control `{}`", old.id)));
        }
    }
    for new in &after.controls {
        if before.control(&new.id).is_none() {
            out.push(RuleChange::tightens(format!(
                "adds control `{}` ({}, {})",
                new.id,
                new.level.as_str(),
                new.kind
            )));
        }
    }
    for old in &before.gates {
        let Some(new) = after.gate(&old.name) else {
            out.push(RuleChange::weakens(format!("removes gate `{}`", old.name)));
            continue;
        };
        let dropped: Vec<&str> = old
            .controls
            .iter()
            .filter(|id| !new.controls.contains(id) && after.control(id).is_some())
            .map(String::as_str)
            .collect();
        if !dropped.is_empty() {
            out.push(RuleChange::weakens(format!(
                "narrows gate `{}`: no longer checks {}",
                old.name,
                quoted(&dropped)
            )));
        }
        let lost: Vec<&str> = old
            .approvals
            .iter()
            .filter(|r| !new.approvals.contains(r))
            .map(String::as_str)
            .collect();
        if !lost.is_empty() {
            out.push(RuleChange::weakens(format!(
                "gate `{}` no longer needs approval by {}",
                old.name,
                quoted(&lost)
            )));
        }
    }
    for role in &before.roles {
        match after.role(&role.name) {
            None => out.push(RuleChange::weakens(format!("removes role `{}`", role.name))),
            Some(new) => {
                for m in &new.members {
                    if !role.members.contains(m) {
                        out.push(RuleChange::weakens(format!(
                            "adds or changes member {} of role `{}`",
                            member(m),
                            role.name
                        )));
                    }
                }
                for m in &role.members {
                    if !new.members.iter().any(|n| n.name == m.name) {
                        out.push(RuleChange::tightens(format!(
                            "removes member {} from role `{}`",
                            member(m),
                            role.name
                        )));
                    }
                }
                let widened: Vec<&str> = new
                    .may_waive
                    .iter()
                    .filter(|l| !role.may_waive.contains(l))
                    .map(|l| l.as_str())
                    .collect();
                if !widened.is_empty() {
                    out.push(RuleChange::weakens(format!(
                        "lets role `{}` waive {} controls",
                        role.name,
                        widened.join(", ")
                    )));
                }
            }
        }
    }
    for role in &after.roles {
        if before.role(&role.name).is_none() {
            out.push(RuleChange::weakens(format!(
                "adds role `{}` ({} member{})",
                role.name,
                role.members.len(),
                if role.members.len() == 1 { "" } else { "s" }
            )));
        }
    }
    let (a, b) = (&before.waivers, &after.waivers);
    if a.file != b.file {
        out.push(RuleChange::weakens(format!(
            "moves the waiver file from `{}` to `{}`",
            a.file, b.file
        )));
    }
    for level in [
        crate::playbook::Level::Must,
        crate::playbook::Level::Should,
        crate::playbook::Level::May,
    ] {
        let (x, y) = (a.max_days(level), b.max_days(level));
        if y > x {
            out.push(RuleChange::weakens(format!(
                "allows {} waivers for {y} days instead of {x}",
                level.as_str()
            )));
        }
    }
    if a.effect != b.effect {
        out.push(RuleChange::weakens(format!(
            "changes what a waived failure decides from `{:?}` to `{:?}`",
            a.effect, b.effect
        )));
    }
    if after.approvals.accept_unsigned && !before.approvals.accept_unsigned {
        out.push(RuleChange::weakens(
            "lets unsigned `Approved-by:` trailers count (`[approvals] accept-unsigned`)".into(),
        ));
    }
    if after.approvals.allowed_signers != before.approvals.allowed_signers {
        out.push(RuleChange::weakens(format!(
            "changes the allowed signers file from {} to {}",
            before
                .approvals
                .allowed_signers
                .as_deref()
                .unwrap_or("none"),
            after.approvals.allowed_signers.as_deref().unwrap_or("none")
        )));
    }
    if before.policy.owners != after.policy.owners {
        out.push(RuleChange::weakens(format!(
            "changes who owns the rules (`[policy] owners`) from {} to {}",
            before.policy.owners.as_deref().unwrap_or("nobody"),
            after.policy.owners.as_deref().unwrap_or("nobody")
        )));
    }
    out
}

/// Compares two waiver files, entry by entry (by id).
pub fn compare_waivers(before: Option<&WaiverSet>, after: Option<&WaiverSet>) -> Vec<RuleChange> {
    let empty = WaiverSet::default();
    let (before, after) = (before.unwrap_or(&empty), after.unwrap_or(&empty));
    let mut out = Vec::new();
    for w in &after.waivers {
        match before.waivers.iter().find(|o| o.id == w.id) {
            None => out.push(RuleChange::weakens(format!(
                "adds waiver `{}` for control `{}` (approved by {}, expires {})",
                w.id, w.control, w.approved_by, w.expires
            ))),
            Some(o) if !same_waiver(o, w) => out.push(RuleChange::weakens(format!(
                "changes waiver `{}` for control `{}` (now approved by {}, expires {})",
                w.id, w.control, w.approved_by, w.expires
            ))),
            Some(_) => {}
        }
    }
    for w in &before.waivers {
        if !after.waivers.iter().any(|n| n.id == w.id) {
            out.push(RuleChange::tightens(format!(
                "removes waiver `{}` for control `{}`",
                w.id, w.control
            )));
        }
    }
    out
}

fn same_waiver(a: &crate::verdict::waivers::Waiver, b: &crate::verdict::waivers::Waiver) -> bool {
    a.control == b.control
        && a.code == b.code
        && a.path.as_ref().map(|p| &p.0) == b.path.as_ref().map(|p| &p.0)
        && a.approved_by == b.approved_by
        && a.created == b.created
        && a.expires == b.expires
}

/// Differences of two sorted key/value lists, in words.
fn settings_diff(old: &[(String, String)], new: &[(String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    for (k, v) in old {
        match new.iter().find(|(n, _)| n == k) {
            None => out.push(format!("`{k}` removed (was {v})")),
            Some((_, w)) if w != v => out.push(format!("`{k}` changed from {v} to {w}")),
            Some(_) => {}
        }
    }
    for (k, w) in new {
        if !old.iter().any(|(o, _)| o == k) {
            out.push(format!("`{k}` added: {w}"));
        }
    }
    out
}

fn quoted(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn member(m: &crate::playbook::schema::Member) -> String {
    match &m.email {
        Some(e) => format!("{} <{e}>", m.name),
        None => m.name.clone(),
    }
}
