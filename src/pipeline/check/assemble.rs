//! The evidence of one check: the decision and the results, bound to the playbook, the
//! subject and the parameters they were reached with.

use super::Run;
use crate::evidence::{
    BaseInfo, ChangedPath, ControlResult, Decision, Evidence, GateInfo, GeneratedFrom, Parameters,
    PlaybookInfo, RoleInfo, SourceDigest, Status, Subject, Summary, Tool, WaiverRecord,
};
use crate::support::dates::{AsOf, DateSource};

pub(super) fn evidence(
    run: &Run,
    results: Vec<ControlResult>,
    waiver_records: Vec<WaiverRecord>,
    warnings: Vec<String>,
    decision: Decision,
) -> Evidence {
    let (playbook, snapshot, options, gate) = (run.playbook, run.snapshot, run.options, run.gate);
    let subject = &snapshot.subject;
    let as_of = &run.as_of;
    let generated_at = match options.source_date_epoch {
        Some(s) => jiff::Timestamp::from_second(s).ok(),
        None if as_of.source == DateSource::Clock => Some(as_of.at),
        None => Some(AsOf::resolve(None, None).at),
    };
    let release_version = run.release_version.clone();
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
            description_de: g.description_de.clone(),
            strict: options.strict,
            selected_by: Some(run.gate_selection),
        },
        None => GateInfo {
            name: "all".into(),
            description: Some("every control of the playbook".into()),
            description_de: Some("alle Prüfkriterien des Playbooks".into()),
            strict: options.strict,
            selected_by: Some(run.gate_selection),
        },
    };
    Evidence {
        schema_version: crate::evidence::SCHEMA_VERSION.into(),
        tool: Tool {
            name: "gonogo".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        generated_at: generated_at.map(crate::support::dates::rfc3339),
        generated_from: Some(if options.source_date_epoch.is_some() {
            GeneratedFrom::SourceDateEpoch
        } else {
            GeneratedFrom::Clock
        }),
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
            description: playbook.meta.description.clone(),
            description_de: playbook.meta.description_de.clone(),
            roles: playbook
                .roles
                .iter()
                .map(|r| RoleInfo {
                    name: r.name.clone(),
                    description: r.description.clone(),
                    members: r.members.iter().map(|m| m.name.clone()).collect(),
                })
                .collect(),
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
            files: snapshot.len(),
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
    }
}
