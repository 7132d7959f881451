//! One check: run the gate's controls over the snapshot, apply the cross-cutting rules
//! (scope by change, freshness; approvals in [`crate::approvals`]), decide, and assemble the evidence.

use std::collections::BTreeSet;

use crate::controls::{self, Outcome, RunContext};
use crate::evidence::{
    BaseInfo, ChangedPath, ControlResult, Evidence, EvidenceItem, Finding, GateInfo, Parameters,
    PlaybookInfo, SourceDigest, Status, Subject, Summary, Tool,
};
use crate::playbook::{Control, Gate, Level, Playbook};
use crate::snapshot::{HistoryError, Snapshot};
use crate::verdict;

/// Kept here for callers that match waiver approvers against roles.
pub use crate::approvals::is_member;

/// Options of one check that are not part of the playbook.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Gate name; default `release` when the playbook defines it, else every control.
    pub gate: Option<String>,
    pub strict: bool,
    /// Seconds since the epoch for `generated_at` (SOURCE_DATE_EPOCH).
    pub source_date_epoch: Option<i64>,
    /// How the playbook is named in the evidence (a path relative to the repository, or preset:NAME).
    pub playbook_path: Option<String>,
    /// The version being released; default: the tag being checked, without a leading `v`.
    pub release_version: Option<String>,
    /// The size cap the snapshot was opened with, recorded for `verify`.
    pub max_file_size: u64,
    /// Waivers to apply.
    pub waivers: Option<crate::waivers::WaiverSet>,
    /// An earlier report: findings it has do not count against this check (`--baseline`).
    pub baseline: Option<crate::baseline::Baseline>,
    /// Where the policy came from, recorded in the evidence.
    pub policy: Option<crate::evidence::PolicyInfo>,
    /// In a merge request: what the change does to its own rules (the `policy` result).
    pub review: Option<crate::policy::Review>,
    /// Warnings of the policy resolution (e.g. an uncommitted playbook edit was not used).
    pub policy_warnings: Vec<String>,
    /// The file `[approvals] allowed-signers` names, read from where the policy comes from.
    pub allowed_signers: Option<crate::approvals::AllowedSignersFile>,
    /// The merge request's reviews as the CI fetched them (`--approvals FILE`).
    pub reviews: Option<crate::approvals::Reviews>,
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
    let as_of = options
        .source_date_epoch
        .or(subject.commit_time)
        .and_then(|s| jiff::Timestamp::from_second(s).ok());
    let release_version = options
        .release_version
        .clone()
        .or_else(|| subject.tag.as_deref().map(version_of_tag));
    let ctx = RunContext {
        release_version: release_version.clone(),
        as_of,
    };

    let controls: Vec<&Control> = match gate {
        Some(g) => g
            .controls
            .iter()
            .filter_map(|id| playbook.control(id))
            .collect(),
        None => playbook.controls.iter().collect(),
    };
    // Controls are independent pure functions of the snapshot: run them on every core. The
    // order of results does not depend on scheduling (collect keeps the input order).
    let mut outcomes: Vec<Outcome> = {
        use rayon::prelude::*;
        controls
            .par_iter()
            .map(|c| run_scoped(c, snapshot, &ctx))
            .collect()
    };
    apply_freshness(&controls, &mut outcomes, snapshot, &ctx);

    let mut results: Vec<ControlResult> = controls
        .iter()
        .zip(outcomes)
        .map(|(c, o)| result(c, o))
        .collect();
    if let Some(g) = gate.filter(|g| !g.approvals.is_empty()) {
        results.push(crate::approvals::result(
            playbook, g, snapshot, options, as_of,
        ));
    }
    if let Some(review) = &options.review {
        results.push(policy_result(review));
    }
    let mut warnings = snapshot.warnings.clone();
    warnings.extend(options.policy_warnings.iter().cloned());
    let mut waiver_records = Vec::new();
    if let Some(set) = &options.waivers {
        let applied = crate::waivers::apply(set, playbook, &mut results, as_of);
        waiver_records = applied.records;
        warnings.extend(applied.warnings);
        let outcome = Outcome {
            findings: applied.findings,
            error: applied.error,
            ..Outcome::default()
        };
        results.push(result_parts(
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
            f.fingerprint = Some(fingerprint(&r.id, f));
        }
    }
    if let Some(baseline) = &options.baseline {
        crate::baseline::apply(baseline, &mut results);
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
        generated_at: as_of.map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()),
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
fn run_scoped(control: &Control, snapshot: &Snapshot, ctx: &RunContext) -> Outcome {
    if let Some(scope) = &control.applies_if
        && !snapshot.paths().any(|p| scope.set.is_match(p))
    {
        return Outcome::not_applicable(format!(
            "no path matches `applies-if` ({})",
            scope.patterns.join(", ")
        ));
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
    controls::run(&control.params, snapshot, ctx)
}

/// Checks `fresh-within` / `fresh-within-commits` for every control that asks, with one history
/// walk for all their artifacts together. Artifacts are the evidence paths that exist in the
/// checked state; for the index and the worktree, a path that differs from HEAD is changing now.
fn apply_freshness(
    controls: &[&Control],
    outcomes: &mut [Outcome],
    snapshot: &Snapshot,
    ctx: &RunContext,
) {
    let uncommitted_mode = matches!(
        snapshot.subject.mode,
        crate::snapshot::SnapshotMode::Staged | crate::snapshot::SnapshotMode::Worktree
    );
    // A file on disk that cannot be hashed (over the size cap) is judged by its history, not
    // assumed fresh.
    let changing_now = |path: &str| {
        uncommitted_mode
            && match (snapshot.blob_id(path), snapshot.committed_blob(path)) {
                (None, Some(_)) => false,
                (now, committed) => now != committed,
            }
    };
    let mut wanted: BTreeSet<String> = BTreeSet::new();
    let mut now: BTreeSet<String> = BTreeSet::new();
    for (c, o) in controls.iter().zip(outcomes.iter()) {
        if c.freshness.is_some() && o.error.is_none() && o.not_applicable.is_none() {
            for e in &o.evidence {
                // Evidence that is not a path of the checked state (a tag, a deleted path) has no
                // last change to judge.
                if !snapshot.contains(&e.path) || wanted.contains(&e.path) || now.contains(&e.path)
                {
                    continue;
                }
                if changing_now(&e.path) {
                    now.insert(e.path.clone());
                } else {
                    wanted.insert(e.path.clone());
                }
            }
        }
    }
    if wanted.is_empty() && now.is_empty() {
        return;
    }
    let paths: Vec<String> = wanted.into_iter().collect();
    let history = if paths.is_empty() {
        Ok(Default::default())
    } else {
        snapshot.last_changes(&paths)
    };
    for (c, o) in controls.iter().zip(outcomes.iter_mut()) {
        let Some(fresh) = c.freshness else { continue };
        if o.error.is_some() || o.not_applicable.is_some() {
            continue;
        }
        let mut seen = BTreeSet::new();
        let mut notes: Vec<EvidenceItem> = Vec::new();
        let mut artifacts = o
            .evidence
            .iter()
            .filter(|item| snapshot.contains(&item.path))
            .peekable();
        if artifacts.peek().is_none() {
            continue;
        }
        for item in artifacts {
            if !seen.insert(item.path.clone()) {
                continue;
            }
            if now.contains(&item.path) {
                notes.push(EvidenceItem {
                    path: item.path.clone(),
                    blob: item.blob.clone(),
                    line: None,
                    excerpt: None,
                    note: Some("changed in the checked state, not yet committed".into()),
                });
                continue;
            }
            let last = match &history {
                Ok(h) => h,
                Err(e) => {
                    o.error = Some(freshness_error(e));
                    break;
                }
            };
            let Some(change) = last.get(&item.path) else {
                // A committed artifact whose history the walk could not resolve: never fresh by
                // default.
                o.error = Some(format!(
                    "freshness cannot be judged: no change of `{}` was found in the history",
                    item.path
                ));
                break;
            };
            let date = jiff::Timestamp::from_second(change.time)
                .map(|t| t.strftime("%Y-%m-%d").to_string())
                .unwrap_or_default();
            let short = crate::render::short(&change.commit);
            notes.push(EvidenceItem {
                path: item.path.clone(),
                blob: item.blob.clone(),
                line: None,
                excerpt: None,
                note: Some(format!(
                    "last changed in {short} on {date}, {} commit(s) back",
                    change.distance
                )),
            });
            if let (Some(within), Some(as_of)) = (fresh.within, ctx.as_of) {
                let utc = |t: jiff::Timestamp| t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
                let changed_on = jiff::Timestamp::from_second(change.time).map(utc).ok();
                if let Some(changed_on) = changed_on
                    && crate::duration::elapsed(changed_on, within, utc(as_of))
                {
                    let age = (as_of.as_second() - change.time) / 86_400;
                    o.findings.push(
                        Finding::new(
                            "freshness/stale",
                            format!(
                                "{} last changed {age} days before the checked state (on {date}); `fresh-within = \"{within:#}\"`",
                                item.path
                            ),
                        )
                        .at(&item.path, None),
                    );
                }
            }
            if let Some(max) = fresh.commits
                && change.distance > max
            {
                o.findings.push(
                    Finding::new(
                        "freshness/stale-commits",
                        format!("{} last changed {} commits before the checked commit; at most {max} allowed", item.path, change.distance),
                    )
                    .at(&item.path, None),
                );
            }
        }
        o.evidence.extend(notes);
    }
}

fn freshness_error(e: &HistoryError) -> String {
    format!("freshness cannot be judged: {e}")
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
        Some(role) => format!("a member of `{role}` (`[policy] owners`)"),
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
    let mut r = result_parts(
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

fn result(control: &Control, outcome: Outcome) -> ControlResult {
    let mut r = result_parts(
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

pub(crate) fn result_parts(
    id: &str,
    kind: &str,
    level: Level,
    title: String,
    defined_at: String,
    outcome: Outcome,
) -> ControlResult {
    let status = verdict::status(&outcome);
    let mut findings = outcome.findings;
    findings.sort();
    findings.dedup();
    let mut evidence = outcome.evidence;
    evidence.sort();
    evidence.dedup();
    ControlResult {
        id: id.to_string(),
        kind: kind.to_string(),
        level,
        title,
        rationale: None,
        remediation: None,
        tags: Vec::new(),
        status,
        defined_at,
        reason: outcome.error.or(outcome.not_applicable),
        findings,
        evidence,
        records: outcome.records,
    }
}

/// A finding's identity across runs: its control, code and path, and its message with every
/// number masked, so a line shift or a changed count does not make it new.
pub fn fingerprint(control: &str, f: &Finding) -> String {
    let mut masked = String::with_capacity(f.message.len());
    let mut in_number = false;
    for c in f.message.chars() {
        if c.is_ascii_digit() {
            if !in_number {
                masked.push('#');
            }
            in_number = true;
        } else {
            masked.push(c);
            in_number = false;
        }
    }
    let key = format!(
        "{control}\u{1f}{}\u{1f}{}\u{1f}{masked}",
        f.code,
        f.path.as_deref().unwrap_or("")
    );
    crate::playbook::load::sha256_hex(key.as_bytes())[..20].to_string()
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
