//! One check of one repository from a path, as `gonogo check` does it: open the snapshot,
//! choose the playbook, load the waivers, decide. Shared by `scan` and `playbook test`.

use std::path::{Path, PathBuf};

use crate::evidence::Evidence;
use crate::playbook::PlaybookError;
use crate::snapshot::{self, Mode, Snapshot, SnapshotError};

/// What to check and how; everything else is discovered as `gonogo check` discovers it.
#[derive(Debug, Clone, Default)]
pub struct CheckRequest {
    /// Playbook file or `preset:NAME`; default: the repository's own, else `preset:default`.
    pub playbook: Option<PathBuf>,
    pub gate: Option<String>,
    pub strict: bool,
    /// SOURCE_DATE_EPOCH: `generated_at`, and the reference date unless `as_of` is given.
    pub source_date_epoch: Option<i64>,
    /// The reference date (`--as-of`, or one date for a whole scan); default:
    /// SOURCE_DATE_EPOCH, else the clock.
    pub as_of: Option<crate::support::dates::AsOf>,
    /// Default: [`snapshot::DEFAULT_MAX_FILE_SIZE`].
    pub max_file_size: Option<u64>,
    /// Default: HEAD.
    pub mode: Option<Mode>,
    /// Measure changes against this revision (`--base`).
    pub base: Option<String>,
    /// Who named `base` (`--base`, a CI variable), for the evidence.
    pub base_source: Option<crate::snapshot::base::BaseSource>,
    /// `--policy-ref`: the trusted revision the policy is read from.
    pub policy_ref: Option<String>,
    /// The merge request's reviews as the CI fetched them (`--approvals FILE`).
    pub approvals: Option<PathBuf>,
    /// Waiver file; default: the playbook's, if it exists.
    pub waivers: Option<PathBuf>,
    /// An earlier evidence file to ratchet against.
    pub baseline: Option<PathBuf>,
    pub release_version: Option<String>,
    /// Open the repository at the path as found, ignoring `GIT_DIR` / `GIT_WORK_TREE` (`scan`:
    /// each repository it found is its own, whatever the environment names).
    pub ignore_git_env: bool,
    /// Record the blobs the check read and did not have (`scan --repos`: a blobless clone).
    pub missing: Option<snapshot::missing::MissingObjects>,
}

/// Why a repository could not be checked.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Snapshot(#[from] SnapshotError),
    #[error(transparent)]
    Playbook(#[from] PlaybookError),
    #[error(transparent)]
    Check(#[from] crate::pipeline::check::CheckError),
    #[error("{0}")]
    Baseline(String),
    #[error("{0}")]
    Approvals(String),
}

impl RunError {
    /// The same error with a playbook's diagnostics said in German.
    pub fn in_german(self) -> Self {
        match self {
            RunError::Playbook(e) => RunError::Playbook(e.in_german()),
            other => other,
        }
    }

    /// The error as a person reads it, with every diagnostic.
    pub fn render(&self, color: bool) -> String {
        match self {
            RunError::Snapshot(e) => crate::diagnostics::render_diagnostic(e, color),
            RunError::Check(e) => crate::diagnostics::render_diagnostic(e, color),
            RunError::Baseline(e) | RunError::Approvals(e) => {
                format!("error: {}\n", crate::support::escape::text(e))
            }
            RunError::Playbook(e) => {
                let mut out: String = e
                    .diagnostics
                    .iter()
                    .map(|d| crate::diagnostics::render_diagnostic(d, color))
                    .collect();
                let error = if e.german { "Fehler" } else { "error" };
                let e = e.to_string();
                out.push_str(&format!("{error}: {}\n", crate::support::escape::text(&e)));
                out
            }
        }
    }

    /// One line: what went wrong.
    pub fn summary(&self) -> String {
        match self {
            RunError::Playbook(e) => match e.diagnostics.first() {
                Some(d) => format!("{e}: {}:{}:{}: {}", d.file, d.line, d.column, d.message()),
                None => e.to_string(),
            },
            other => other.to_string(),
        }
    }
}

/// Checks the repository at `path` (HEAD unless the request says otherwise), or a plain folder.
pub fn run_check(path: &Path, request: &CheckRequest) -> Result<Evidence, RunError> {
    run_check_keeping_snapshot(path, request).map(|(evidence, _)| evidence)
}

/// [`run_check`], handing back the snapshot too, for a caller that outlives the check or wants
/// to skip freeing it (the CLI, which exits right after).
pub fn run_check_keeping_snapshot(
    path: &Path,
    request: &CheckRequest,
) -> Result<(Evidence, Snapshot), RunError> {
    let max_file_size = request
        .max_file_size
        .unwrap_or(snapshot::DEFAULT_MAX_FILE_SIZE);
    let open = snapshot::OpenOptions {
        mode: request.mode.clone().unwrap_or(Mode::Head),
        max_file_size,
        base: request.base.clone(),
        missing: request.missing.clone(),
    };
    let env = if request.ignore_git_env {
        snapshot::GitEnv::default()
    } else {
        snapshot::GitEnv::from_process()
    };
    let snapshot = Snapshot::open_in(path, &open, &env)?;
    let mut policy = crate::policy::resolve(
        &snapshot,
        &crate::policy::PolicyRequest {
            playbook: request.playbook.clone(),
            policy_ref: request.policy_ref.clone(),
            base: request.base.clone(),
            waivers: request.waivers.clone(),
        },
    )?;
    let root = snapshot.subject.root.clone();
    // Named relative to the root when inside the repository: no path of this machine in the
    // evidence, and `verify` finds it in a copy elsewhere (as for --approvals).
    let baseline = request
        .baseline
        .as_deref()
        .map(|p| {
            crate::verdict::baseline::load(p).map(|mut b| {
                b.name = relative_to(p, &root);
                b
            })
        })
        .transpose()
        .map_err(RunError::Baseline)?;
    let allowed_signers = policy.allowed_signers().map_err(RunError::Approvals)?;
    let reviews = request
        .approvals
        .as_deref()
        .map(|p| load_reviews(p, &relative_to(p, &root)))
        .transpose()
        .map_err(RunError::Approvals)?;
    // Settling needs the trusted allowed signers and the reviews; an approved rule change makes
    // the change's own rules effective.
    let mut options = crate::pipeline::check::CheckOptions {
        source_date_epoch: request.source_date_epoch,
        as_of: request.as_of,
        base_source: request.base.as_ref().and(request.base_source),
        allowed_signers,
        reviews,
        ..crate::pipeline::check::CheckOptions::default()
    };
    let as_of = crate::support::dates::AsOf::resolve(options.as_of, options.source_date_epoch).at;
    policy.settle_review(&snapshot, options.approval_inputs(), as_of);
    options.gate = request.gate.clone();
    options.strict = request.strict;
    options.playbook_path = Some(policy.playbook_path.clone());
    options.release_version = request.release_version.clone();
    options.max_file_size = max_file_size;
    options.waivers = policy.waivers.take();
    options.baseline = baseline;
    options.policy = Some(policy.info.clone());
    options.review = policy.review.take();
    options.policy_warnings = std::mem::take(&mut policy.warnings);
    let evidence = crate::pipeline::check::check(&policy.playbook, &snapshot, &options)?;
    Ok((evidence, snapshot))
}

/// SOURCE_DATE_EPOCH from the environment, as `gonogo check` reads it.
pub fn source_date_epoch_from_env() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse().ok())
}

/// Reads and parses an `--approvals` file; `name` is how the evidence names it.
pub fn load_reviews(path: &Path, name: &str) -> Result<crate::verdict::approvals::Reviews, String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("cannot read the approvals file {}: {e}", path.display()))?;
    crate::verdict::approvals::reviews::parse(name, &bytes)
        .map_err(|e| format!("the approvals file {} cannot be used: {e}", path.display()))
}

/// How the evidence names the playbook: relative to the repository when inside it, else an
/// absolute path (so `verify` finds it from anywhere).
fn relative_to(path: &Path, root: &Path) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    match abs.strip_prefix(root) {
        Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
        Err(_) => abs.display().to_string(),
    }
}
