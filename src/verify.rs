//! `gonogo verify`: repeat the check an evidence file records and say whether it reproduces.

use std::path::{Path, PathBuf};

use crate::evidence::{Evidence, Status};
use crate::playbook::{self, PlaybookChoice};
use crate::snapshot::{Mode, OpenOptions, Snapshot, SnapshotMode};
use crate::{CheckOptions, check};

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum VerifyError {
    #[error("the evidence names no commit ({mode} mode): only checks of a commit can be verified")]
    #[diagnostic(code(verify::no_commit))]
    NoCommit { mode: String },
    #[error("{path} has SHA-256 {actual}, but the evidence was made with {recorded}")]
    #[diagnostic(
        code(verify::playbook_changed),
        help("verify with the playbook the evidence was made with (--playbook FILE)")
    )]
    PlaybookChanged {
        path: String,
        recorded: String,
        actual: String,
    },
    #[error("{0}")]
    #[diagnostic(code(verify::cannot_run))]
    CannotRun(String),
}

/// What a verification found.
#[derive(Debug)]
pub struct Verification {
    pub reproduced: bool,
    /// Differences between the recorded and the repeated check, for people.
    pub differences: Vec<String>,
    pub repeated: Option<Evidence>,
}

/// Repeats the check for the commit, playbook, gate and parameters recorded in `recorded`.
pub fn verify(
    recorded: &Evidence,
    repo: Option<&Path>,
    playbook_override: Option<&Path>,
) -> Result<Verification, VerifyError> {
    let commit = recorded
        .subject
        .commit
        .clone()
        .filter(|_| {
            matches!(
                recorded.subject.mode,
                SnapshotMode::Head | SnapshotMode::Rev
            )
        })
        .ok_or_else(|| VerifyError::NoCommit {
            mode: format!("{:?}", recorded.subject.mode).to_lowercase(),
        })?;
    let root = repo
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(&recorded.subject.root));
    let choice = match (
        playbook_override,
        recorded.playbook.path.strip_prefix("preset:"),
    ) {
        (Some(p), _) => PlaybookChoice::Explicit(p.to_path_buf()),
        (None, Some(name)) => PlaybookChoice::Preset(name.to_string()),
        (None, None) => PlaybookChoice::Explicit(root.join(&recorded.playbook.path)),
    };
    let pb = playbook::load(&choice)
        .map_err(|e| VerifyError::CannotRun(format!("the playbook cannot be loaded: {e}")))?;
    if pb.origin().sha256 != recorded.playbook.sha256 {
        return Err(VerifyError::PlaybookChanged {
            path: pb.origin().name.clone(),
            recorded: recorded.playbook.sha256.clone(),
            actual: pb.origin().sha256.clone(),
        });
    }
    let waivers = match &recorded.waiver_file {
        None => None,
        Some(digest) => {
            // Relative to the repository, or absolute when it lay outside.
            let path = root.join(&digest.name);
            let set = crate::waivers::load(&path, &digest.name).map_err(|e| {
                VerifyError::CannotRun(format!("the waiver file cannot be loaded: {e}"))
            })?;
            let actual = set
                .source
                .as_ref()
                .map(|s| s.sha256.clone())
                .unwrap_or_default();
            if actual != digest.sha256 {
                return Err(VerifyError::PlaybookChanged {
                    path: digest.name.clone(),
                    recorded: digest.sha256.clone(),
                    actual,
                });
            }
            Some(set)
        }
    };
    let baseline = match &recorded.baseline {
        None => None,
        Some(digest) => {
            let b =
                crate::baseline::load(Path::new(&digest.name)).map_err(VerifyError::CannotRun)?;
            if b.sha256 != digest.sha256 {
                return Err(VerifyError::PlaybookChanged {
                    path: digest.name.clone(),
                    recorded: digest.sha256.clone(),
                    actual: b.sha256,
                });
            }
            Some(b)
        }
    };
    let options = OpenOptions {
        mode: Mode::Rev(commit.clone()),
        max_file_size: recorded.parameters.max_file_size,
        base: recorded.subject.base.as_ref().map(|b| b.commit.clone()),
    };
    let snapshot = match Snapshot::open(&root, &options) {
        Ok(s) => s,
        Err(e) => {
            return Ok(Verification {
                reproduced: false,
                differences: vec![format!("the recorded state cannot be opened: {e}")],
                repeated: None,
            });
        }
    };
    let epoch = recorded
        .generated_at
        .as_deref()
        .and_then(|t| t.parse::<jiff::Timestamp>().ok())
        .map(|t| t.as_second());
    // The recorded reference date (older evidence: `generated_at`, which was that date then).
    let as_of = recorded
        .as_of
        .as_deref()
        .or(recorded.generated_at.as_deref())
        .and_then(|t| t.parse::<jiff::Timestamp>().ok())
        .map(|at| crate::dates::AsOf {
            at,
            source: recorded
                .parameters
                .as_of_source
                .unwrap_or(crate::dates::DateSource::AsOf),
        });
    let check_options = CheckOptions {
        gate: (recorded.gate.name != "all").then(|| recorded.gate.name.clone()),
        strict: recorded.gate.strict,
        source_date_epoch: epoch,
        as_of,
        base_source: recorded.subject.base.as_ref().and_then(|b| b.source),
        playbook_path: Some(recorded.playbook.path.clone()),
        release_version: recorded.parameters.release_version.clone(),
        max_file_size: recorded.parameters.max_file_size,
        waivers,
        baseline,
    };
    let repeated =
        check(&pb, &snapshot, &check_options).map_err(|e| VerifyError::CannotRun(e.to_string()))?;
    let differences = compare(recorded, &repeated);
    Ok(Verification {
        reproduced: differences.is_empty(),
        differences,
        repeated: Some(repeated),
    })
}

/// What differs in substance: the state checked (tree, merge base, changes), the decision, and
/// each control's status and findings.
pub fn compare(recorded: &Evidence, repeated: &Evidence) -> Vec<String> {
    let mut out = Vec::new();
    if recorded.subject.tree != repeated.subject.tree {
        out.push(format!(
            "tree: recorded {}, found {}",
            recorded.subject.tree.as_deref().unwrap_or("none"),
            repeated.subject.tree.as_deref().unwrap_or("none")
        ));
    }
    let merge_base = |e: &Evidence| e.subject.base.as_ref().map(|b| b.commit.clone());
    if merge_base(recorded) != merge_base(repeated) {
        out.push(format!(
            "merge base: recorded {}, found {}",
            merge_base(recorded).as_deref().unwrap_or("none"),
            merge_base(repeated).as_deref().unwrap_or("none")
        ));
    }
    let changes = |e: &Evidence| {
        e.subject.changes.as_ref().map(|cs| {
            cs.iter()
                .map(|c| format!("{} {}", c.kind.as_str(), c.path))
                .collect::<Vec<_>>()
        })
    };
    if changes(recorded) != changes(repeated) {
        out.push(format!(
            "changes: recorded {}, found {}",
            changes(recorded).map_or("none".into(), |c| c.join(", ")),
            changes(repeated).map_or("none".into(), |c| c.join(", "))
        ));
    }
    if recorded.decision != repeated.decision {
        out.push(format!(
            "decision: recorded {}, repeated {}",
            recorded.decision.label(),
            repeated.decision.label()
        ));
    }
    for r in &recorded.controls {
        match repeated.controls.iter().find(|c| c.id == r.id) {
            None => out.push(format!(
                "control {}: recorded, but not part of the repeated check",
                r.id
            )),
            Some(c) => {
                if c.status != r.status {
                    out.push(format!(
                        "control {}: recorded {}, repeated {}",
                        r.id,
                        r.status.label(),
                        c.status.label()
                    ));
                }
                for f in &r.findings {
                    if !c.findings.contains(f) {
                        out.push(format!(
                            "control {}: recorded finding no longer found: [{}] {}",
                            r.id, f.code, f.message
                        ));
                    }
                }
                for f in &c.findings {
                    if !r.findings.contains(f) {
                        out.push(format!(
                            "control {}: new finding: [{}] {}",
                            r.id, f.code, f.message
                        ));
                    }
                }
            }
        }
    }
    for c in &repeated.controls {
        if !recorded.controls.iter().any(|r| r.id == c.id) && c.status != Status::NotApplicable {
            out.push(format!(
                "control {}: in the repeated check, not in the recorded one",
                c.id
            ));
        }
    }
    out
}
