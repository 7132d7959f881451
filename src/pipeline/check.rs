//! One check: run the gate's controls over the snapshot, apply the cross-cutting rules
//! (scope by change, freshness; approvals in [`crate::verdict::approvals`]), decide, and assemble the evidence.

use crate::controls::{self, Outcome, RunContext};
use crate::evidence::{
    BaseInfo, ChangedPath, ControlResult, Evidence, EvidenceItem, Finding, GateInfo, Parameters,
    PlaybookInfo, SourceDigest, Status, Subject, Summary, Tool,
};
use crate::playbook::{Control, Gate, Level, Playbook};
use crate::snapshot::Snapshot;
use crate::support::dates::{AsOf, DateSource};
use crate::verdict;

/// Options of one check that are not part of the playbook.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Gate name; default `release` when the playbook defines it, else every control.
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

/// Runs every control of the chosen gate over the snapshot and decides.
pub fn check(
    playbook: &Playbook,
    snapshot: &Snapshot,
    options: &CheckOptions,
) -> Result<Evidence, CheckError> {
    let gate = select_gate(playbook, options)?;
    let subject = &snapshot.subject;
    // The reference date is never the commit date, which the commit's author sets.
    let as_of = AsOf::resolve(options.as_of, options.source_date_epoch);
    let generated_at = match options.source_date_epoch {
        Some(s) => jiff::Timestamp::from_second(s).ok(),
        None if as_of.source == DateSource::Clock => Some(as_of.at),
        None => Some(AsOf::resolve(None, None).at),
    };
    let release_version = options
        .release_version
        .clone()
        .or_else(|| subject.tag.as_deref().map(version_of_tag));
    let controls: Vec<&Control> = match gate {
        Some(g) => g
            .controls
            .iter()
            .filter_map(|id| playbook.control(id))
            .collect(),
        None => playbook.controls.iter().collect(),
    };
    let ctx = RunContext {
        release_version: release_version.clone(),
        as_of: Some(as_of.at),
        release_window: crate::controls::change_rules::release_window(gate, &controls, snapshot),
    };
    // Controls are independent pure functions of the snapshot: run them on every core. The
    // order of results does not depend on scheduling (collect keeps the input order).
    let mut outcomes: Vec<Outcome> = {
        use rayon::prelude::*;
        controls
            .par_iter()
            .map(|c| {
                let (o, touched) = Snapshot::tracking(|| run_scoped(c, snapshot, &ctx));
                unevaluable_is_error(o, touched)
            })
            .collect()
    };
    crate::controls::freshness::apply(&controls, &mut outcomes, snapshot, &as_of);

    let mut results: Vec<ControlResult> = controls
        .iter()
        .zip(outcomes)
        .map(|(c, o)| result(c, o))
        .collect();
    if let Some(g) = gate.filter(|g| !g.approvals.is_empty()) {
        results.push(crate::verdict::approvals::result(
            playbook,
            g,
            snapshot,
            options.approval_inputs(),
            Some(as_of.at),
        ));
    }
    if let Some(r) = future_commit(snapshot, &as_of) {
        results.push(r);
    }
    if let Some(review) = &options.review {
        results.push(policy_result(review));
    }
    let mut warnings = snapshot.warnings.clone();
    warnings.extend(options.policy_warnings.iter().cloned());
    let mut waiver_records = Vec::new();
    if let Some(set) = &options.waivers {
        let mut set = set.clone();
        warnings.extend(crate::verdict::waivers::age::annotate(&mut set, snapshot));
        let set = &set;
        let applied = crate::verdict::waivers::apply(set, playbook, &mut results, Some(as_of.at));
        waiver_records = applied.records;
        warnings.extend(applied.warnings);
        let outcome = Outcome {
            findings: applied.findings,
            error: applied.error,
            ..Outcome::default()
        };
        results.push(verdict::result_parts(
            "waivers",
            "waivers",
            Level::Must,
            "Waivers are valid, entitled and unexpired".into(),
            set.source
                .as_ref()
                .map_or_else(|| "waivers".into(), |s| s.name.clone()),
            outcome,
        ));
    }
    for r in &mut results {
        for f in &mut r.findings {
            f.fingerprint = Some(crate::evidence::fingerprint(&r.id, f));
        }
    }
    if let Some(baseline) = &options.baseline {
        crate::verdict::baseline::apply(baseline, &mut results);
    }
    results.sort_by(|a, b| a.id.cmp(&b.id));

    let decision = verdict::decide(
        results.iter().map(|r| (r.level, r.status)),
        options.strict,
        playbook.waivers.effect,
    );
    let mut summary = Summary::default();
    for r in &results {
        *summary.by_status.entry(r.status).or_default() += 1;
        if matches!(r.status, Status::Fail | Status::Error) {
            *summary.failing_by_level.entry(r.level).or_default() += 1;
        }
    }
    let origin = playbook.origin();
    let gate_info = match gate {
        Some(g) => GateInfo {
            name: g.name.clone(),
            description: g.description.clone(),
            strict: options.strict,
        },
        None => GateInfo {
            name: "all".into(),
            description: Some("every control of the playbook".into()),
            strict: options.strict,
        },
    };
    Ok(Evidence {
        schema_version: crate::evidence::SCHEMA_VERSION.into(),
        tool: Tool {
            name: "gonogo".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        generated_at: generated_at.map(crate::support::dates::rfc3339),
        as_of: Some(as_of.rfc3339()),
        policy: options.policy.clone(),
        playbook: PlaybookInfo {
            path: options
                .playbook_path
                .clone()
                .unwrap_or_else(|| origin.name.clone()),
            sha256: origin.sha256.clone(),
            name: playbook.meta.name.clone(),
            version: playbook.meta.version.clone(),
            owner: playbook.meta.owner.clone(),
            language: playbook.meta.language,
            sources: playbook
                .sources
                .iter()
                .map(|s| SourceDigest {
                    name: s.name.clone(),
                    sha256: s.sha256.clone(),
                })
                .collect(),
        },
        subject: Subject {
            root: subject.root.display().to_string(),
            mode: subject.mode,
            remote: subject.remote.clone(),
            reference: subject.reference.clone(),
            commit: subject.commit.clone(),
            tree: subject.tree.clone(),
            tag: subject.tag.clone(),
            dirty: subject.dirty,
            files: snapshot.entries().len(),
            base: snapshot.changes.as_ref().map(|c| BaseInfo {
                reference: c.base_ref.clone(),
                commit: c.base_commit.clone(),
                source: options.base_source.or_else(|| {
                    (subject.mode == crate::snapshot::SnapshotMode::Staged)
                        .then_some(crate::snapshot::base::BaseSource::Staged)
                }),
            }),
            changes: snapshot.changes.as_ref().map(|c| {
                c.changes
                    .iter()
                    .map(|ch| ChangedPath {
                        path: ch.path.clone(),
                        kind: ch.kind,
                        old_path: ch.old_path.clone(),
                    })
                    .collect()
            }),
        },
        gate: gate_info,
        parameters: Parameters {
            release_version,
            max_file_size: options.max_file_size,
            as_of_source: Some(as_of.source),
        },
        decision,
        summary,
        controls: results,
        waivers: waiver_records,
        waiver_file: options.waivers.as_ref().and_then(|w| w.source.clone()),
        baseline: options.baseline.as_ref().map(|b| SourceDigest {
            name: b.name.clone(),
            sha256: b.sha256.clone(),
        }),
        approvals_file: options.reviews.as_ref().map(|r| SourceDigest {
            name: r.name.clone(),
            sha256: r.sha256.clone(),
        }),
        warnings,
        // Computed over the written form, by the JSON renderer.
        digest: None,
    })
}

fn select_gate<'p>(
    playbook: &'p Playbook,
    options: &CheckOptions,
) -> Result<Option<&'p Gate>, CheckError> {
    match &options.gate {
        Some(name) => playbook
            .gate(name)
            .map(Some)
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
            }),
        None => Ok(playbook.gate("release")),
    }
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

/// What a merge request does to its own rules, as a must result: weakening them needs an
/// approval by the role that owns them; deleting or breaking the playbook is never accepted.
fn policy_result(review: &crate::policy::Review) -> ControlResult {
    let mut outcome = Outcome::default();
    let owners = review.owners.as_deref();
    if let Some(path) = &review.removed {
        outcome.findings.push(
            Finding::new(
                "policy/removed",
                format!("the change deletes the playbook {path}; the base's playbook still applies, and a gate is never decided by a fallback"),
            )
            .at(path, None),
        );
    }
    if let Some(why) = &review.invalid {
        outcome.findings.push(Finding::new(
            "policy/invalid",
            format!("the change's playbook or waiver file does not load: {why}"),
        ));
    }
    let who = match owners {
        Some(role) if review.owner_members.is_empty() => {
            format!("a member of `{role}` (`[policy] owners`), which has no members")
        }
        Some(role) => format!(
            "a member of `{role}` (`[policy] owners`: {}), signed with a key the base's playbook lists, or in the merge request's reviews (`--approvals`)",
            review.owner_members.join(", ")
        ),
        None => "nobody: the base's playbook names no `[policy] owners` role".to_string(),
    };
    for change in &review.changes {
        let approved =
            review.approved_by.is_some() && review.removed.is_none() && review.invalid.is_none();
        if change.weakens && !approved {
            outcome.findings.push(Finding::new(
                "policy/weakened",
                format!(
                    "the change {}; this needs an approval by {who}",
                    change.text
                ),
            ));
        } else {
            outcome.evidence.push(EvidenceItem {
                path: review.path.clone(),
                blob: None,
                line: None,
                excerpt: None,
                note: Some(match (&review.approved_by, change.weakens) {
                    (Some(by), true) => format!("the change {}; approved by {by}", change.text),
                    _ => format!("the change {}", change.text),
                }),
            });
        }
    }
    let mut r = verdict::result_parts(
        "policy",
        "policy",
        Level::Must,
        "The change does not weaken the rules it is judged by".into(),
        "policy".into(),
        outcome,
    );
    r.remediation = Some(match owners {
        Some(role) => format!(
            "keep rule changes in their own merge request and have a member of `{role}` approve it (`Approved-by:`), or undo them"
        ),
        None => "name the role that owns the rules in the base's playbook (`[policy] owners = \"ROLE\"`), then have a member approve the change".into(),
    });
    r
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
        o.error = Some(format!("cannot be evaluated: {}", reasons.join("; ")));
    }
    o
}

/// The built-in `dates` result, when the checked commit (HEAD for the index and the worktree) is
/// dated more than a day after the reference date: nothing is judged by that date, but a reader
/// should know that the history carries dates its authors set ahead.
fn future_commit(snapshot: &Snapshot, as_of: &AsOf) -> Option<ControlResult> {
    let commit = snapshot.subject.commit.as_deref()?;
    let time = snapshot.subject.commit_time?;
    if !as_of.is_future(time) {
        return None;
    }
    let outcome = Outcome {
        findings: vec![commit_in_future(commit, time, as_of)],
        ..Outcome::default()
    };
    let mut r = verdict::result_parts(
        "dates",
        "dates",
        Level::Should,
        "The checked commit is not dated ahead of the check's reference date".into(),
        "as_of".into(),
        outcome,
    );
    r.remediation = Some(
        "fix the committer clock (or rewrite the commit with a true date); if the machine running gonogo has a wrong clock, pass --as-of".into(),
    );
    Some(r)
}

/// The finding for a checked commit dated in the future: dates the author sets are not trusted.
pub fn commit_in_future(commit: &str, seconds: i64, as_of: &AsOf) -> Finding {
    Finding::new(
        "dates/commit-in-future",
        format!(
            "the checked commit {} is dated {}, more than a day after the check's reference date {} ({}); a commit date is set by its author, so gonogo judges expiry and freshness by the reference date",
            crate::support::short(commit),
            crate::support::dates::describe(seconds),
            as_of.date(),
            as_of.source.as_str()
        ),
    )
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
