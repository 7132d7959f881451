//! One check, in the steps of the pipeline: the gate and its controls (`Run::new`), the controls
//! within their scope and freshness (`run_controls`), the results gonogo adds (`control_results`:
//! approvals, dates, policy), waivers (`apply_waivers`), fingerprints and baseline
//! (`mark_known_findings`), the decision, and the evidence (`assemble`).

mod assemble;
mod builtin;

pub use builtin::commit_in_future;
use builtin::{future_commit, german, policy_result};

use crate::controls::{self, Outcome, RunContext};
use crate::evidence::messages::args;
use crate::evidence::{ControlResult, Evidence, GateSelection};
use crate::playbook::{Control, Gate, Level, Playbook};
use crate::snapshot::Snapshot;
use crate::support::dates::AsOf;
use crate::verdict;

/// Options of one check that are not part of the playbook.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Gate name; default `release` for a release tag, else `merge` (see `select_gate`).
    pub gate: Option<String>,
    pub strict: bool,
    /// SOURCE_DATE_EPOCH: `generated_at`, and the reference date unless `as_of` is given.
    pub source_date_epoch: Option<i64>,
    /// The reference date (`--as-of`); default: SOURCE_DATE_EPOCH, else the clock.
    pub as_of: Option<AsOf>,
    /// Who named the base of the snapshot's change set (`--base`, a CI variable), for the evidence.
    pub base_source: Option<crate::snapshot::base::BaseSource>,
    /// How the playbook is named in the evidence (a path relative to the repository, or preset:NAME).
    pub playbook_path: Option<String>,
    /// The version being released; default: the tag being checked, without a leading `v`.
    pub release_version: Option<String>,
    /// The size cap the snapshot was opened with, recorded for `verify`.
    pub max_file_size: u64,
    /// Waivers to apply.
    pub waivers: Option<crate::verdict::waivers::WaiverSet>,
    /// An earlier report: findings it has do not count against this check (`--baseline`).
    pub baseline: Option<crate::verdict::baseline::Baseline>,
    /// Where the policy came from, recorded in the evidence.
    pub policy: Option<crate::evidence::PolicyInfo>,
    /// In a merge request: what the change does to its own rules (the `policy` result).
    pub review: Option<crate::policy::Review>,
    /// Warnings of the policy resolution (e.g. an uncommitted playbook edit was not used).
    pub policy_warnings: Vec<String>,
    /// The file `[approvals] allowed-signers` names, read from where the policy comes from.
    pub allowed_signers: Option<crate::verdict::approvals::AllowedSignersFile>,
    /// The merge request's reviews as the CI fetched them (`--approvals FILE`).
    pub reviews: Option<crate::verdict::approvals::Reviews>,
}

impl CheckOptions {
    /// What the approvals are judged with, from these options.
    pub fn approval_inputs(&self) -> crate::verdict::approvals::Inputs<'_> {
        crate::verdict::approvals::Inputs {
            allowed_signers: self.allowed_signers.as_ref(),
            reviews: self.reviews.as_ref(),
        }
    }
}

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum CheckError {
    #[error("the playbook defines no gate `{name}`")]
    #[diagnostic(code(gate::unknown), help("defined gates: {known}"))]
    UnknownGate { name: String, known: String },
}

/// Runs every control of the chosen gate over the snapshot and decides: the steps of the
/// pipeline after the policy is resolved and the snapshot taken (see `pipeline::run`).
pub fn check(
    playbook: &Playbook,
    snapshot: &Snapshot,
    options: &CheckOptions,
) -> Result<Evidence, CheckError> {
    let run = Run::new(playbook, snapshot, options)?;
    let outcomes = run_controls(&run);
    let mut results = control_results(&run, outcomes);
    let mut warnings = snapshot.warnings.clone();
    warnings.extend(options.policy_warnings.iter().cloned());
    let waiver_records = apply_waivers(&run, &mut results, &mut warnings);
    mark_known_findings(&run, &mut results);
    let decision = verdict::decide(
        results.iter().map(|r| (r.level, r.status)),
        options.strict,
        playbook.waivers.effect,
    );
    Ok(assemble::evidence(
        &run,
        results,
        waiver_records,
        warnings,
        decision,
    ))
}

/// What one check is about: the gate, its controls, the reference date, the release version.
pub(super) struct Run<'a> {
    pub playbook: &'a Playbook,
    pub snapshot: &'a Snapshot,
    pub options: &'a CheckOptions,
    pub gate: Option<&'a Gate>,
    pub gate_selection: GateSelection,
    pub controls: Vec<&'a Control>,
    pub as_of: AsOf,
    pub release_version: Option<String>,
}

impl<'a> Run<'a> {
    fn new(
        playbook: &'a Playbook,
        snapshot: &'a Snapshot,
        options: &'a CheckOptions,
    ) -> Result<Self, CheckError> {
        let (gate, gate_selection) = select_gate(playbook, snapshot, options)?;
        let controls: Vec<&Control> = match gate {
            Some(g) => g
                .controls
                .iter()
                .filter_map(|id| playbook.control(id))
                .collect(),
            None => playbook.controls.iter().collect(),
        };
        let release_version = options
            .release_version
            .clone()
            .or_else(|| snapshot.subject.tag.as_deref().map(version_of_tag));
        Ok(Run {
            playbook,
            snapshot,
            options,
            gate,
            gate_selection,
            controls,
            // The reference date is never the commit date, which the commit's author sets.
            as_of: AsOf::resolve(options.as_of, options.source_date_epoch),
            release_version,
        })
    }
}

/// Runs the gate's controls, each within its scope, then judges their freshness.
fn run_controls(run: &Run) -> Vec<Outcome> {
    let ctx = RunContext {
        release_version: run.release_version.clone(),
        as_of: Some(run.as_of.at),
        release_window: crate::controls::change_rules::release_window(
            run.gate,
            &run.controls,
            run.snapshot,
        ),
        roles: run.playbook.roles.clone(),
    };
    // Controls are independent pure functions of the snapshot: run them on every core. The
    // order of results does not depend on scheduling (collect keeps the input order).
    let mut outcomes: Vec<Outcome> = {
        use rayon::prelude::*;
        run.controls
            .par_iter()
            .map(|c| {
                let (o, touched) = Snapshot::tracking(|| run_scoped(c, run.snapshot, &ctx));
                unevaluable_is_error(o, touched)
            })
            .collect()
    };
    crate::controls::freshness::apply(&run.controls, &mut outcomes, run.snapshot, &run.as_of);
    outcomes
}

/// One result per control, and the results gonogo adds itself: the gate's approvals, a commit
/// dated ahead, what a merge request does to its own policy.
fn control_results(run: &Run, outcomes: Vec<Outcome>) -> Vec<ControlResult> {
    let mut results: Vec<ControlResult> = run
        .controls
        .iter()
        .zip(outcomes)
        .map(|(c, o)| result(c, o))
        .collect();
    if let Some(g) = run.gate.filter(|g| !g.approvals.is_empty()) {
        results.push(crate::verdict::approvals::result(
            run.playbook,
            g,
            run.snapshot,
            run.options.approval_inputs(),
            Some(run.as_of.at),
        ));
    }
    if let Some(r) = future_commit(run.snapshot, &run.as_of) {
        results.push(r);
    }
    if let Some(review) = &run.options.review {
        results.push(policy_result(review));
    }
    for r in &mut results {
        crate::controls::fixes::attach(&mut r.findings);
    }
    results
}

/// Applies the waivers (dated by the commit that first held each) and adds their own result;
/// returns the record of every waiver.
fn apply_waivers(
    run: &Run,
    results: &mut Vec<ControlResult>,
    warnings: &mut Vec<String>,
) -> Vec<crate::evidence::WaiverRecord> {
    let Some(set) = &run.options.waivers else {
        return Vec::new();
    };
    let mut set = set.clone();
    warnings.extend(crate::verdict::waivers::age::annotate(
        &mut set,
        run.snapshot,
    ));
    let applied = crate::verdict::waivers::apply(&set, run.playbook, results, Some(run.as_of.at));
    warnings.extend(applied.warnings);
    let (error, reason_said) = applied.error.unzip();
    let outcome = Outcome {
        findings: applied.findings,
        error,
        reason_said,
        ..Outcome::default()
    };
    let mut r = verdict::result_parts(
        "waivers",
        "waivers",
        Level::Must,
        "Waivers are valid, entitled and unexpired".into(),
        set.source
            .as_ref()
            .map_or_else(|| "waivers".into(), |s| s.name.clone()),
        outcome,
    );
    r.de = Some(german(
        "Ausnahmegenehmigungen sind gültig, berechtigt erteilt und nicht abgelaufen",
        None,
    ));
    results.push(r);
    applied.records
}

/// Gives every finding its fingerprint and accepts those the baseline already had.
fn mark_known_findings(run: &Run, results: &mut [ControlResult]) {
    for r in results.iter_mut() {
        for f in &mut r.findings {
            f.fingerprint = Some(crate::evidence::fingerprint(&r.id, f));
        }
    }
    if let Some(baseline) = &run.options.baseline {
        crate::verdict::baseline::apply(baseline, results);
    }
    results.sort_by(|a, b| a.id.cmp(&b.id));
}

/// The gate `--gate` names; without one, `release` for a release tag and `merge` for anything
/// else, the other of the two when only it exists, and every control when the playbook has neither.
fn select_gate<'p>(
    playbook: &'p Playbook,
    snapshot: &Snapshot,
    options: &CheckOptions,
) -> Result<(Option<&'p Gate>, GateSelection), CheckError> {
    let Some(name) = &options.gate else {
        let at_release = snapshot.subject.tag.as_deref().is_some_and(is_release_tag);
        let (preferred, other) = if at_release {
            ("release", "merge")
        } else {
            ("merge", "release")
        };
        let by = if at_release {
            GateSelection::ReleaseTag
        } else {
            GateSelection::Default
        };
        return Ok(match (playbook.gate(preferred), playbook.gate(other)) {
            (Some(g), _) => (Some(g), by),
            (None, Some(g)) => (Some(g), GateSelection::Fallback),
            (None, None) => (None, GateSelection::Fallback),
        });
    };
    playbook
        .gate(name)
        .map(|g| (Some(g), GateSelection::Option))
        .ok_or_else(|| CheckError::UnknownGate {
            name: name.clone(),
            known: if playbook.gates.is_empty() {
                "none (the playbook has no [gates])".into()
            } else {
                playbook
                    .gates
                    .iter()
                    .map(|g| g.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        })
}

/// A tag that names a version (`v1.2.0`, `1.2`), not any tag on the commit.
fn is_release_tag(tag: &str) -> bool {
    let version = tag.strip_prefix(['v', 'V']).unwrap_or(tag);
    version.starts_with(|c: char| c.is_ascii_digit())
}

/// Runs a control unless its scope (`applies-if`, `only-if-changed`) rules it out.
/// `only-if-changed` narrows only with a change set: without one the control runs on the whole
/// state, so a pipeline that forgets `--base` never skips a control by it.
fn run_scoped(control: &Control, snapshot: &Snapshot, ctx: &RunContext) -> Outcome {
    if let Some(scope) = &control.applies_if
        && !snapshot.paths().any(|p| scope.set.is_match(p))
    {
        return Outcome::not_applicable(format!(
            "no path matches `applies-if` ({})",
            scope.patterns.join(", ")
        ));
    }
    if let Some(o) = crate::controls::change_rules::without_change_set(control, snapshot, ctx) {
        return o;
    }
    if let (Some(scope), Some(changes)) = (&control.only_if_changed, &snapshot.changes)
        && !changes.changes.iter().any(|c| {
            scope.set.is_match(&c.path)
                || c.old_path.as_deref().is_some_and(|p| scope.set.is_match(p))
        })
    {
        return Outcome::not_applicable(format!(
            "no change touches `only-if-changed` ({})",
            scope.patterns.join(", ")
        ));
    }
    controls::run(control.params.as_ref(), snapshot, ctx)
}

/// A control that read content which exists but cannot be evaluated (a missing object, an LFS
/// pointer) checked nothing there: it is ERROR, never a finding a waiver or baseline could accept.
fn unevaluable_is_error(
    mut o: Outcome,
    touched: std::collections::BTreeMap<String, String>,
) -> Outcome {
    if touched.is_empty() {
        return o;
    }
    o.findings.retain(|f| {
        !(f.code.ends_with("/unreadable")
            && f.path.as_deref().is_some_and(|p| touched.contains_key(p)))
    });
    if o.error.is_none() {
        let reasons: Vec<&str> = touched.values().map(String::as_str).collect();
        o.fail_to_evaluate(
            "content/cannot-evaluate",
            args([("reasons", reasons.join("; ").into())]),
        );
    }
    o
}

fn result(control: &Control, outcome: Outcome) -> ControlResult {
    let mut r = verdict::result_parts(
        &control.id,
        control.kind,
        control.level,
        control.title.clone(),
        format!(
            "{}:{}:{}",
            control.location.source, control.location.line, control.location.column
        ),
        outcome,
    );
    r.rationale = control.rationale.clone();
    r.remediation = control.remediation.clone();
    r.de = control.de.as_ref().map(|t| crate::evidence::Texts {
        title: t.title.clone(),
        rationale: t.rationale.clone(),
        remediation: t.remediation.clone(),
    });
    r.tags = control.tags.clone();
    r
}

/// `v1.2.0` → `1.2.0`; `release-2026.1` stays as it is.
pub fn version_of_tag(tag: &str) -> String {
    tag.strip_prefix(['v', 'V'])
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(tag)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_become_versions() {
        assert_eq!(version_of_tag("v1.2.0"), "1.2.0");
        assert_eq!(version_of_tag("1.2.0"), "1.2.0");
        assert_eq!(version_of_tag("very-long"), "very-long");
    }
}
