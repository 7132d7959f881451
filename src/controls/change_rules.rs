//! Change rules (`changes` controls) when the snapshot has no change set: a release gate compares
//! with the previous release; elsewhere a `must` rule is an ERROR that names the missing input,
//! and a `should` or `may` rule is not applicable for the same stated reason — never silently.

use crate::controls::changes::NO_CHANGE_SET;
use crate::controls::release::DEFAULT_TAG_PATTERN;
use crate::controls::{Outcome, Params, RunContext};
use crate::evidence::messages::args;
use crate::playbook::{Control, Gate, Level};
use crate::snapshot::Snapshot;
use crate::snapshot::base::{
    NO_EARLIER_RELEASE, ReleaseWindow, release_window as window_since_release,
};

/// Whether this check is a release gate: the gate named `release`, or a check of a tagged commit.
pub fn is_release_gate(gate: Option<&Gate>, snapshot: &Snapshot) -> bool {
    gate.is_some_and(|g| g.name == "release") || snapshot.subject.tag.is_some()
}

/// For a release gate whose change rules have no change set: the changes since the previous
/// release (tags as the gate's `release` control names them, else `v[0-9]*`), or why there are
/// none. `None` when no change rule needs it.
pub fn release_window(
    gate: Option<&Gate>,
    controls: &[&Control],
    snapshot: &Snapshot,
) -> Option<Result<ReleaseWindow, String>> {
    let wants = controls.iter().any(|c| {
        matches!(
            super::params_of(c.params.as_ref()),
            Some(Params::Changes(_))
        )
    });
    if snapshot.changes.is_some() || !wants || !is_release_gate(gate, snapshot) {
        return None;
    }
    let release = controls
        .iter()
        .find_map(|c| match super::params_of(c.params.as_ref()) {
            Some(Params::Release(p)) => Some(p),
            _ => None,
        });
    Some(match release {
        Some(p) => window_since_release(snapshot, &|t| p.is_release_tag(t), p.tag_pattern()),
        None => {
            let matcher = globset::GlobBuilder::new(DEFAULT_TAG_PATTERN)
                .literal_separator(false)
                .build()
                .map(|g| g.compile_matcher())
                .map_err(|e| e.to_string());
            match matcher {
                Ok(m) => window_since_release(snapshot, &|t| m.is_match(t), DEFAULT_TAG_PATTERN),
                Err(e) => Err(e),
            }
        }
    })
}

/// The outcome of a change rule that has nothing to compare, or `None` when it has something.
pub fn without_change_set(
    control: &Control,
    snapshot: &Snapshot,
    ctx: &RunContext,
) -> Option<Outcome> {
    if !matches!(
        super::params_of(control.params.as_ref()),
        Some(Params::Changes(_))
    ) || snapshot.changes.is_some()
        || matches!(ctx.release_window, Some(Ok(_)))
    {
        return None;
    }
    // Never released and no version named: there is no release window to judge yet.
    if ctx.release_version.is_none()
        && let Some(Err(why)) = &ctx.release_window
        && why.starts_with(NO_EARLIER_RELEASE)
    {
        // The reason names the tag pattern: `no earlier release tag matching `v*` to …`.
        let pattern = why[NO_EARLIER_RELEASE.len()..].split('`').nth(1);
        return Some(match pattern {
            Some(pattern) => Outcome::not_applicable_because(
                "changes/no-change-set#first-release",
                args([("pattern", pattern.into())]),
            ),
            None => Outcome::not_applicable_because(
                "changes/no-change-set#no-release",
                args([("why", why.into())]),
            ),
        });
    }
    let (key, a) = match &ctx.release_window {
        Some(Err(why)) => (
            "changes/no-change-set#release-gate",
            args([("why", why.into())]),
        ),
        _ => ("changes/no-change-set", args([])),
    };
    Some(if control.level == Level::Must {
        let mut out = Outcome::default();
        out.fail_to_evaluate(key, a);
        out
    } else {
        Outcome::not_applicable_because(key, a)
    })
}

/// Whether the evidence has a `must` change rule that could not run for want of a change set:
/// a usage error of the invocation (exit 2), not a decision.
pub fn lacks_change_set(evidence: &crate::evidence::Evidence) -> bool {
    evidence.controls.iter().any(|c| {
        c.level == Level::Must
            && c.status == crate::evidence::Status::Error
            && c.kind == "changes"
            && c.reason
                .as_deref()
                .is_some_and(|r| r.starts_with(NO_CHANGE_SET))
    })
}
