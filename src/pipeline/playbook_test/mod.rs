//! `gonogo playbook test`: run a playbook against fixture folders and compare each decision,
//! finding codes and control statuses with what the tests file expects — so that governance rules
//! are tested before they are rolled out.
//!
//! Each fixture folder is copied into a temporary git repository (one commit of everything, at
//! the case's `as-of` date, `.gitkeep` files left out, the fixture's `.gitignore` honoured), so
//! controls that read history, commit dates or the committed tree behave as in a real repository.

mod file;

pub use file::{load, parse};

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::evidence::{Decision, Evidence, Status};
use crate::pipeline::run::CheckRequest;
use crate::playbook::Playbook;
use crate::playbook::compile::Ctx;
use crate::playbook::diagnostics::{PlaybookError, Problem, Source};

/// A tests file larger than this is refused.
const MAX_TESTS_BYTES: u64 = 4 << 20;

/// One test case, validated.
#[derive(Debug, Clone)]
pub struct Case {
    pub name: String,
    pub fixture: PathBuf,
    pub gate: Option<String>,
    pub strict: bool,
    /// Seconds since the epoch: the commit time and the date the check speaks for.
    pub as_of: Option<i64>,
    pub decision: Decision,
    /// The exact set of open (not waived, not baselined) finding codes.
    pub findings: Option<BTreeSet<String>>,
    /// Codes that must be among the open findings.
    pub contains: BTreeSet<String>,
    /// Codes that must not be among the open findings.
    pub absent: BTreeSet<String>,
    /// Expected status per control id.
    pub controls: BTreeMap<String, Status>,
}

/// A tests file: the playbook it names (if any) and its cases.
#[derive(Debug, Clone)]
pub struct TestsFile {
    pub playbook: Option<PathBuf>,
    pub cases: Vec<Case>,
}

/// The tests file beside a playbook: `gonogo.toml` → `gonogo.tests.toml`.
pub fn tests_file_for(playbook: &Path) -> PathBuf {
    let stem = playbook
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "gonogo".into());
    playbook.with_file_name(format!("{stem}.tests.toml"))
}

/// The playbook beside a tests file, if it exists: `gonogo.tests.toml` → `gonogo.toml`.
pub fn playbook_for(tests: &Path) -> Option<PathBuf> {
    let name = tests.file_name()?.to_string_lossy().into_owned();
    let stem = name.strip_suffix(".tests.toml")?;
    let candidate = tests.with_file_name(format!("{stem}.toml"));
    candidate.is_file().then_some(candidate)
}

/// The outcome of one case: empty `differences` means it passed.
#[derive(Debug, Clone)]
pub struct CaseResult {
    pub name: String,
    pub differences: Vec<String>,
}

impl CaseResult {
    pub fn passed(&self) -> bool {
        self.differences.is_empty()
    }
}

/// Codes of the findings no waiver or baseline accepts.
pub fn open_codes(e: &Evidence) -> BTreeSet<String> {
    e.controls
        .iter()
        .flat_map(|c| &c.findings)
        .filter(|f| f.suppressed.is_none())
        .map(|f| f.code.clone())
        .collect()
}

/// What differs between a report and what the case expects.
pub fn compare(case: &Case, e: &Evidence) -> Vec<String> {
    let mut out = Vec::new();
    if e.decision != case.decision {
        out.push(format!(
            "decision {}, expected {}",
            e.decision.label(),
            case.decision.label()
        ));
    }
    let codes = open_codes(e);
    let list = |s: Vec<&String>| s.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ");
    if let Some(expected) = &case.findings {
        let missing: Vec<&String> = expected.difference(&codes).collect();
        let unexpected: Vec<&String> = codes.difference(expected).collect();
        if !missing.is_empty() {
            out.push(format!("missing finding codes: {}", list(missing)));
        }
        if !unexpected.is_empty() {
            out.push(format!("unexpected finding codes: {}", list(unexpected)));
        }
    }
    let missing: Vec<&String> = case.contains.difference(&codes).collect();
    if !missing.is_empty() {
        out.push(format!("missing finding codes: {}", list(missing)));
    }
    let present: Vec<&String> = case.absent.intersection(&codes).collect();
    if !present.is_empty() {
        out.push(format!(
            "finding codes that should be absent: {}",
            list(present)
        ));
    }
    for (id, expected) in &case.controls {
        match e.controls.iter().find(|c| &c.id == id) {
            None => out.push(format!(
                "control {id} is not in the report (not in the gate?), expected {}",
                expected.label()
            )),
            Some(c) if c.status != *expected => out.push(format!(
                "control {id}: {}, expected {}{}",
                c.status.label(),
                expected.label(),
                c.reason
                    .as_deref()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default()
            )),
            Some(_) => {}
        }
    }
    out
}

/// Copies the fixture into a temporary git repository with one commit at `as_of`.
pub fn materialize(fixture: &Path, as_of: Option<i64>) -> Result<tempfile::TempDir, String> {
    let dir = tempfile::Builder::new()
        .prefix("gonogo-playbook-test-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary folder: {e}"))?;
    for entry in walkdir::WalkDir::new(fixture)
        .min_depth(1)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.file_name() != ".git")
    {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", fixture.display()))?;
        if entry.file_name() == ".gitkeep" {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(fixture)
            .map_err(|e| e.to_string())?;
        let target = dir.path().join(rel);
        let result = if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)
        } else {
            std::fs::copy(entry.path(), &target).map(|_| ())
        };
        result.map_err(|e| format!("cannot copy {}: {e}", entry.path().display()))?;
    }
    let git = |e: git2::Error| format!("cannot make a git repository of the fixture: {e}");
    let mut opts = git2::RepositoryInitOptions::new();
    opts.initial_head("main");
    let repo = git2::Repository::init_opts(dir.path(), &opts).map_err(git)?;
    let mut index = repo.index().map_err(git)?;
    index
        .add_all(["*"].iter(), git2::IndexAddOption::DEFAULT, None)
        .map_err(git)?;
    index.write().map_err(git)?;
    let tree = repo
        .find_tree(index.write_tree().map_err(git)?)
        .map_err(git)?;
    let time = as_of.unwrap_or_else(|| jiff::Timestamp::now().as_second());
    let sig = git2::Signature::new(
        "gonogo playbook test",
        "playbook-test@gonogo.invalid",
        &git2::Time::new(time, 0),
    )
    .map_err(git)?;
    repo.commit(Some("HEAD"), &sig, &sig, "Fixture", &tree, &[])
        .map_err(git)?;
    Ok(dir)
}

/// Runs one case with the playbook at `playbook` (a file or `preset:NAME`).
pub fn run_case(case: &Case, playbook: &Path) -> CaseResult {
    let differences = match materialize(&case.fixture, case.as_of) {
        Err(e) => vec![format!("error: {e}")],
        Ok(dir) => {
            let request = CheckRequest {
                playbook: Some(playbook.to_path_buf()),
                gate: case.gate.clone(),
                strict: case.strict,
                source_date_epoch: case.as_of,
                as_of: case
                    .as_of
                    .and_then(|s| jiff::Timestamp::from_second(s).ok())
                    .map(|at| crate::support::dates::AsOf {
                        at,
                        source: crate::support::dates::DateSource::AsOf,
                    }),
                max_file_size: None,
                // The case's fixture is its own repository, whatever GIT_DIR names.
                ignore_git_env: true,
                ..CheckRequest::default()
            };
            match crate::pipeline::run::run_check(dir.path(), &request) {
                Ok(e) => compare(case, &e),
                Err(e) => vec![format!("error: {}", e.summary())],
            }
        }
    };
    CaseResult {
        name: case.name.clone(),
        differences,
    }
}
