//! gonogo: governance playbook in, go/no-go evidence out.
//!
//! The pipeline: [`playbook`] → [`snapshot`] → [`controls`] → [`verdict`] → [`evidence`] → [`render`].
//! The library API is [`check`] and [`render::render`]; the CLI only wires them.

pub mod cli;
pub mod controls;
pub mod evidence;
pub mod markdown;
pub mod playbook;
pub mod render;
pub mod snapshot;
pub mod verdict;

use evidence::{
    ControlResult, Evidence, GateInfo, PlaybookInfo, SourceDigest, Status, Subject, Summary, Tool,
};
use playbook::Playbook;
use snapshot::Snapshot;

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
    let (gate_info, ids): (GateInfo, Vec<&str>) = match (&options.gate, playbook.gate("release")) {
        (Some(name), _) => {
            let gate = playbook.gate(name).ok_or_else(|| CheckError::UnknownGate {
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
            })?;
            (
                gate_info(gate, options),
                gate.controls.iter().map(String::as_str).collect(),
            )
        }
        (None, Some(gate)) => (
            gate_info(gate, options),
            gate.controls.iter().map(String::as_str).collect(),
        ),
        (None, None) => (
            GateInfo {
                name: "all".into(),
                description: Some("every control of the playbook".into()),
                strict: options.strict,
            },
            playbook.controls.iter().map(|c| c.id.as_str()).collect(),
        ),
    };

    let subject = &snapshot.subject;
    let as_of = options
        .source_date_epoch
        .or(subject.commit_time)
        .and_then(|s| jiff::Timestamp::from_second(s).ok());
    let ctx = controls::RunContext {
        release_version: options
            .release_version
            .clone()
            .or_else(|| subject.tag.as_deref().map(version_of_tag)),
        as_of,
    };
    let mut results: Vec<ControlResult> = ids
        .iter()
        .filter_map(|id| playbook.control(id))
        .map(|control| run_control(control, snapshot, &ctx))
        .collect();
    results.sort_by(|a, b| a.id.cmp(&b.id));

    let decision = verdict::decide(results.iter().map(|r| (r.level, r.status)), options.strict);
    let mut summary = Summary::default();
    for r in &results {
        *summary.by_status.entry(r.status).or_default() += 1;
        if matches!(r.status, Status::Fail | Status::Error) {
            *summary.failing_by_level.entry(r.level).or_default() += 1;
        }
    }
    let origin = playbook.origin();
    let generated_at = as_of.map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string());
    Ok(Evidence {
        schema_version: evidence::SCHEMA_VERSION.into(),
        tool: Tool {
            name: "gonogo".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        generated_at,
        playbook: PlaybookInfo {
            path: options
                .playbook_path
                .clone()
                .unwrap_or_else(|| origin.name.clone()),
            sha256: origin.sha256.clone(),
            name: playbook.meta.name.clone(),
            version: playbook.meta.version.clone(),
            owner: playbook.meta.owner.clone(),
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
        },
        gate: gate_info,
        decision,
        summary,
        controls: results,
        warnings: snapshot.warnings.clone(),
    })
}

fn gate_info(gate: &playbook::Gate, options: &CheckOptions) -> GateInfo {
    GateInfo {
        name: gate.name.clone(),
        description: gate.description.clone(),
        strict: options.strict,
    }
}

fn run_control(
    control: &playbook::Control,
    snapshot: &Snapshot,
    ctx: &controls::RunContext,
) -> ControlResult {
    let outcome = match &control.applies_if {
        Some(scope) if !snapshot.paths().any(|p| scope.set.is_match(p)) => {
            controls::Outcome::not_applicable(format!(
                "no path matches `applies-if` ({})",
                scope.patterns.join(", ")
            ))
        }
        _ => controls::run(&control.params, snapshot, ctx),
    };
    let status = verdict::status(&outcome);
    let mut findings = outcome.findings;
    findings.sort();
    findings.dedup();
    let mut evidence = outcome.evidence;
    evidence.sort();
    evidence.dedup();
    ControlResult {
        id: control.id.clone(),
        kind: control.kind.to_string(),
        level: control.level,
        title: control.title.clone(),
        rationale: control.rationale.clone(),
        remediation: control.remediation.clone(),
        tags: control.tags.clone(),
        status,
        defined_at: format!(
            "{}:{}:{}",
            control.location.source, control.location.line, control.location.column
        ),
        reason: outcome.error.or(outcome.not_applicable),
        findings,
        evidence,
        records: outcome.records,
    }
}

/// `v1.2.0` → `1.2.0`; `release-2026.1` stays as it is.
pub fn version_of_tag(tag: &str) -> String {
    tag.strip_prefix(['v', 'V'])
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(tag)
        .to_string()
}
