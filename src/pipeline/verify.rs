//! `gonogo verify`: check an evidence file's digest, repeat the check it records and compare the
//! whole repeated evidence with it, canonically, leaf by leaf.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::evidence::canonical::DigestCheck;
use crate::evidence::json_diff::Difference;
use crate::evidence::{Evidence, Status};
use crate::pipeline::check::{CheckOptions, check};
use crate::snapshot::{Mode, OpenOptions, Snapshot, SnapshotMode};

/// The only fields a repeated check cannot reproduce by design; nothing else is left out of the
/// comparison (the digest covers these too). Documented in docs/evidence.md.
pub const NOT_REPRODUCIBLE: &[&str] = &[
    // Where the repository lay: a clone elsewhere, or `--repo`, is the same state.
    "subject.root",
    // `head` or `rev`: a commit checked as HEAD is repeated by its id, so it is `rev` then.
    "subject.mode",
    // The branch (or HEAD) that named the commit moves. A tag is repeated through the tag,
    // so a tag that moved or vanished still fails (`subject.commit`, `subject.tag`).
    "subject.reference",
    // The branch a merge request targeted moves; the merge base (`subject.base.commit`) and the
    // change set are compared.
    "subject.base.reference",
    // Who named the base (the flag or a CI variable) is an input of the run, replayed from the
    // file; the base's commit and the change set are compared.
    "subject.base.source",
    // Likewise the name of the revision the policy was read from; `policy.commit` is compared.
    "policy.reference",
];

/// What `subject.root/` reads as in both documents when the repository moved.
const ROOT_PLACEHOLDER: &str = "<subject.root>/";

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum VerifyError {
    #[error("{0}")]
    #[diagnostic(code(verify::not_evidence))]
    NotEvidence(String),
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

/// What a verification found. Verified only when the digest holds and the repeated evidence
/// equals the given one in every compared field.
#[derive(Debug)]
pub struct Verification {
    /// What the digest the file carries says.
    pub digest: DigestCheck,
    /// Why the check could not be repeated (e.g. the commit is not in the repository).
    pub not_repeated: Option<String>,
    /// Every differing leaf, `NOT_REPRODUCIBLE` left out: the authority.
    pub differences: Vec<Difference>,
    /// The same in substance (decision, controls, findings), for people.
    pub summary: Vec<String>,
    pub repeated: Option<Evidence>,
}

impl Verification {
    pub fn verified(&self) -> bool {
        self.digest.is_valid() && self.not_repeated.is_none() && self.differences.is_empty()
    }
}

/// Verifies an evidence document (the text of a file): its digest first, then the whole of it
/// against the check repeated for the commit, playbook, gate and parameters it records.
pub fn verify(
    text: &str,
    repo: Option<&Path>,
    playbook_override: Option<&Path>,
) -> Result<Verification, VerifyError> {
    let recorded = Evidence::from_json(text).map_err(VerifyError::NotEvidence)?;
    let document: Value = serde_json::from_str(text)
        .map_err(|e| VerifyError::NotEvidence(format!("not JSON: {e}")))?;
    let digest = crate::evidence::canonical::check(&document);
    let mut verification = Verification {
        digest,
        not_repeated: None,
        differences: Vec::new(),
        summary: Vec::new(),
        repeated: None,
    };
    match repeat(&recorded, repo, playbook_override)? {
        Err(why) => verification.not_repeated = Some(why),
        Ok(repeated) => {
            verification.differences = compare_whole(&document, &repeated);
            verification.summary = compare(&recorded, &repeated);
            verification.repeated = Some(repeated);
        }
    }
    Ok(verification)
}

/// Every leaf where the given document and the repeated evidence differ, both in canonical
/// terms (JSON values, key order and layout ignored), without the digest and `NOT_REPRODUCIBLE`.
/// Whole values: a field added to the evidence later is compared without a line here.
pub fn compare_whole(document: &Value, repeated: &Evidence) -> Vec<Difference> {
    let mut recorded = document.clone();
    let mut reproduced = serde_json::to_value(repeated).unwrap_or(Value::Null);
    let root = |v: &Value| {
        v["subject"]["root"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let moved = root(&recorded) != root(&reproduced);
    for value in [&mut recorded, &mut reproduced] {
        if let Some(map) = value.as_object_mut() {
            map.remove(crate::evidence::canonical::DIGEST_FIELD);
        }
        // A moved repository: paths under the root (a playbook's `defined_at`) compare
        // relative to it.
        if moved {
            let prefix = format!("{}/", root(value));
            if prefix.len() > 1 {
                crate::evidence::json_diff::replace_in_strings(value, &prefix, ROOT_PLACEHOLDER);
            }
        }
        for path in NOT_REPRODUCIBLE {
            crate::evidence::json_diff::remove_path(value, path);
        }
    }
    crate::evidence::json_diff::differences(&recorded, &reproduced)
}

/// Repeats the check for the commit, playbook, gate and parameters recorded in `recorded`;
/// the inner error says why the recorded state cannot be opened.
pub fn repeat(
    recorded: &Evidence,
    repo: Option<&Path>,
    playbook_override: Option<&Path>,
) -> Result<Result<Evidence, String>, VerifyError> {
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
    // A tag is repeated through the tag, so that it must still name the commit.
    let rev = match recorded.subject.reference.as_deref() {
        Some(r) if r.starts_with("refs/tags/") => r.to_string(),
        _ => commit.clone(),
    };
    let options = OpenOptions {
        mode: Mode::Rev(rev),
        max_file_size: recorded.parameters.max_file_size,
        base: recorded.subject.base.as_ref().map(|b| b.commit.clone()),
        missing: None,
    };
    let snapshot = match Snapshot::open(&root, &options) {
        Ok(s) => s,
        Err(e) => return Ok(Err(format!("the recorded state cannot be opened: {e}"))),
    };
    let root = snapshot.subject.root.clone();
    let mut policy = crate::policy::resolve(
        &snapshot,
        &policy_request(recorded, &root, playbook_override),
    )
    .map_err(|e| VerifyError::CannotRun(format!("the policy cannot be loaded: {e}")))?;
    if policy.playbook.origin().sha256 != recorded.playbook.sha256 {
        return Err(VerifyError::PlaybookChanged {
            path: policy.playbook.origin().name.clone(),
            recorded: recorded.playbook.sha256.clone(),
            actual: policy.playbook.origin().sha256.clone(),
        });
    }
    match (
        &recorded.waiver_file,
        policy.waivers.as_ref().and_then(|w| w.source.as_ref()),
    ) {
        (Some(digest), Some(actual)) if actual.sha256 != digest.sha256 => {
            return Err(VerifyError::PlaybookChanged {
                path: digest.name.clone(),
                recorded: digest.sha256.clone(),
                actual: actual.sha256.clone(),
            });
        }
        (Some(digest), None) => {
            return Err(VerifyError::CannotRun(format!(
                "the waiver file {} is not in the recorded policy source",
                digest.name
            )));
        }
        _ => {}
    }
    let baseline = match &recorded.baseline {
        None => None,
        Some(digest) => {
            // Relative to the root, as `check` names a baseline inside the repository.
            let mut b = crate::verdict::baseline::load(&root.join(&digest.name))
                .map_err(VerifyError::CannotRun)?;
            b.name = digest.name.clone();
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
    let allowed_signers = policy.allowed_signers().map_err(VerifyError::CannotRun)?;
    let reviews = match &recorded.approvals_file {
        None => None,
        Some(digest) => {
            let r = crate::pipeline::run::load_reviews(&root.join(&digest.name), &digest.name)
                .map_err(VerifyError::CannotRun)?;
            if r.sha256 != digest.sha256 {
                return Err(VerifyError::PlaybookChanged {
                    path: digest.name.clone(),
                    recorded: digest.sha256.clone(),
                    actual: r.sha256,
                });
            }
            Some(r)
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
        .map(|at| crate::support::dates::AsOf {
            at,
            source: recorded
                .parameters
                .as_of_source
                .unwrap_or(crate::support::dates::DateSource::AsOf),
        });
    let mut check_options = CheckOptions {
        source_date_epoch: epoch,
        as_of,
        base_source: recorded.subject.base.as_ref().and_then(|b| b.source),
        allowed_signers,
        reviews,
        ..CheckOptions::default()
    };
    let as_of =
        crate::support::dates::AsOf::resolve(check_options.as_of, check_options.source_date_epoch)
            .at;
    policy.settle_review(&snapshot, check_options.approval_inputs(), as_of);
    check_options.gate = (recorded.gate.name != "all").then(|| recorded.gate.name.clone());
    check_options.strict = recorded.gate.strict;
    check_options.playbook_path = Some(policy.playbook_path.clone());
    check_options.release_version = recorded.parameters.release_version.clone();
    check_options.max_file_size = recorded.parameters.max_file_size;
    check_options.waivers = policy.waivers.take();
    check_options.baseline = baseline;
    check_options.policy = Some(policy.info.clone());
    check_options.review = policy.review.take();
    check_options.policy_warnings = std::mem::take(&mut policy.warnings);
    let mut repeated = check(&policy.playbook, &snapshot, &check_options)
        .map_err(|e| VerifyError::CannotRun(e.to_string()))?;
    // Replayed like `generated_at` itself: the repeat pins the recorded time whatever its
    // source. A removed source is not replayed, so the repeat disagrees with it.
    repeated.generated_from = recorded.generated_from.or(repeated.generated_from);
    Ok(Ok(repeated))
}

/// The policy request that reads the recorded policy again: from the recorded revision, never
/// from the disk (unless the caller names a playbook file).
fn policy_request(
    recorded: &Evidence,
    root: &Path,
    playbook_override: Option<&Path>,
) -> crate::policy::PolicyRequest {
    use crate::evidence::PolicySource;
    let info = recorded.policy.as_ref();
    let source = info.map(|i| i.source);
    let at_commit = info.and_then(|i| i.commit.clone());
    let path = &recorded.playbook.path;
    let playbook = match playbook_override {
        Some(p) => Some(p.to_path_buf()),
        None if path.starts_with("preset:") && path != "preset:default" => {
            Some(PathBuf::from(path))
        }
        None if path == "preset:default" => None,
        None if Path::new(path).is_absolute() => Some(PathBuf::from(path)),
        None => Some(root.join(path)),
    };
    let waivers = recorded.waiver_file.as_ref().map(|w| {
        if Path::new(&w.name).is_absolute() {
            PathBuf::from(&w.name)
        } else {
            root.join(&w.name)
        }
    });
    crate::policy::PolicyRequest {
        playbook,
        policy_ref: at_commit
            .clone()
            .filter(|_| source == Some(PolicySource::PolicyRef)),
        // A merge request's policy was read from the base's tip, recorded as the policy commit.
        base: at_commit
            .filter(|_| recorded.subject.base.is_some() && source != Some(PolicySource::PolicyRef)),
        waivers,
    }
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
