//! `gonogo playbook test`: run a playbook against fixture folders and compare each decision,
//! finding codes and control statuses with what the tests file expects — so that governance rules
//! are tested before they are rolled out.
//!
//! Each fixture folder is copied into a temporary git repository (one commit of everything, at
//! the case's `as-of` date, `.gitkeep` files left out, the fixture's `.gitignore` honoured), so
//! controls that read history, commit dates or the committed tree behave as in a real repository.

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

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct CaseRaw {
    name: Option<String>,
    fixture: Spanned<String>,
    gate: Option<Spanned<String>>,
    #[serde(default)]
    strict: bool,
    as_of: Option<Spanned<toml::value::Datetime>>,
    decision: Spanned<String>,
    findings: Option<Vec<String>>,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
    #[serde(default)]
    controls: BTreeMap<String, Spanned<String>>,
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

/// Reads and validates a tests file. `playbook` (when already known) lets gates and control ids
/// be checked; fixture folders are resolved against the file's folder.
pub fn load(path: &Path, playbook: Option<&Playbook>) -> Result<TestsFile, PlaybookError> {
    let display = path.display().to_string();
    let err = |m: String| PlaybookError::plain(m).about("tests file");
    let meta = std::fs::metadata(path).map_err(|e| err(format!("cannot read {display}: {e}")))?;
    if meta.len() > MAX_TESTS_BYTES {
        return Err(err(format!(
            "{display} is {} bytes; tests files larger than {MAX_TESTS_BYTES} bytes are refused",
            meta.len()
        )));
    }
    let text =
        std::fs::read_to_string(path).map_err(|e| err(format!("cannot read {display}: {e}")))?;
    let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    parse(&display, &text, &dir, playbook)
}

/// Parses tests-file text, reporting every problem with its span.
pub fn parse(
    display: &str,
    text: &str,
    dir: &Path,
    playbook: Option<&Playbook>,
) -> Result<TestsFile, PlaybookError> {
    let source = Source {
        name: display.to_string(),
        text: Arc::from(text),
        sha256: crate::support::sha256_hex(text.as_bytes()),
    };
    let mut problems: Vec<Problem> = Vec::new();
    let mut ctx = Ctx {
        source: 0,
        problems: &mut problems,
    };
    let (root, syntax) = DeTable::parse_recoverable(text);
    for e in &syntax {
        ctx.toml_error(e, 0..0);
    }
    let mut file = TestsFile {
        playbook: None,
        cases: Vec::new(),
    };
    let mut saw_tests = false;
    if syntax.is_empty() {
        for (key, value) in root.into_inner() {
            match key.get_ref().as_ref() {
                "playbook" => {
                    if let Some(p) = ctx.value::<String>(value) {
                        file.playbook = Some(if p.starts_with("preset:") {
                            PathBuf::from(p)
                        } else {
                            dir.join(p)
                        });
                    }
                }
                "test" => {
                    saw_tests = true;
                    let span = value.span();
                    let DeValue::Array(items) = value.into_inner() else {
                        ctx.error(
                            "tests::wrong-type",
                            span,
                            "`test` must be an array of tables, written `[[test]]`",
                            "not an array of tables",
                            None,
                        );
                        continue;
                    };
                    for item in items {
                        let span = item.span();
                        if let Some(raw) = ctx.value::<CaseRaw>(item)
                            && let Some(case) = validate(raw, span, dir, playbook, &mut ctx)
                        {
                            file.cases.push(case);
                        }
                    }
                }
                other => ctx.error(
                    "tests::unknown-key",
                    key.span(),
                    format!("unknown top-level key `{other}`"),
                    "unknown key",
                    Some("a tests file holds `playbook = \"…\"` and `[[test]]` tables".into()),
                ),
            }
        }
        if !saw_tests {
            ctx.error(
                "tests::no-cases",
                0..0,
                "the tests file has no `[[test]]` case",
                "here",
                Some("add `[[test]]` tables with `fixture` and `decision`".into()),
            );
        }
    }
    if !problems.is_empty() {
        return Err(PlaybookError::new(&[source], problems).about("tests file"));
    }
    Ok(file)
}

fn parse_decision(s: &str) -> Option<Decision> {
    match s
        .trim()
        .to_ascii_uppercase()
        .replace(['_', '-'], " ")
        .as_str()
    {
        "GO" => Some(Decision::Go),
        "GO WITH CONDITIONS" => Some(Decision::GoWithConditions),
        "NO GO" => Some(Decision::NoGo),
        _ => None,
    }
}

fn parse_status(s: &str) -> Option<Status> {
    match s
        .trim()
        .to_ascii_uppercase()
        .replace(['-', ' '], "_")
        .as_str()
    {
        "PASS" => Some(Status::Pass),
        "FAIL" => Some(Status::Fail),
        "N/A" | "NOT_APPLICABLE" => Some(Status::NotApplicable),
        "ERROR" => Some(Status::Error),
        "WAIVED" => Some(Status::Waived),
        "BASELINED" => Some(Status::Baselined),
        _ => None,
    }
}

/// TOML date or date-time → seconds since the epoch (dates at midnight, local times as UTC).
fn epoch_of(dt: &toml::value::Datetime) -> Option<i64> {
    let date = dt.date?;
    let (h, m, s) = dt
        .time
        .map_or((0, 0, 0), |t| (t.hour, t.minute, t.second.unwrap_or(0)));
    let civil = jiff::civil::date(date.year as i16, date.month as i8, date.day as i8)
        .at(h as i8, m as i8, s as i8, 0);
    let offset_minutes = match dt.offset {
        Some(toml::value::Offset::Custom { minutes }) => i64::from(minutes),
        _ => 0,
    };
    let ts = jiff::tz::TimeZone::UTC.to_timestamp(civil).ok()?;
    Some(ts.as_second() - offset_minutes * 60)
}

fn validate(
    raw: CaseRaw,
    span: Range<usize>,
    dir: &Path,
    playbook: Option<&Playbook>,
    ctx: &mut Ctx<'_>,
) -> Option<Case> {
    let mut ok = true;
    let fixture = dir.join(raw.fixture.get_ref());
    if !fixture.is_dir() {
        ctx.error(
            "tests::fixture-missing",
            raw.fixture.span(),
            format!("there is no folder {}", fixture.display()),
            "no such folder",
            Some("fixture folders are relative to the tests file".into()),
        );
        ok = false;
    }
    let decision = parse_decision(raw.decision.get_ref());
    if decision.is_none() {
        ctx.error(
            "tests::invalid-decision",
            raw.decision.span(),
            format!("`{}` is not a decision", raw.decision.get_ref()),
            "not a decision",
            Some("write \"GO\", \"GO WITH CONDITIONS\" or \"NO-GO\"".into()),
        );
        ok = false;
    }
    if let (Some(gate), Some(p)) = (&raw.gate, playbook)
        && p.gate(gate.get_ref()).is_none()
    {
        let known: Vec<&str> = p.gates.iter().map(|g| g.name.as_str()).collect();
        ctx.error(
            "tests::unknown-gate",
            gate.span(),
            format!("the playbook defines no gate `{}`", gate.get_ref()),
            "unknown gate",
            Some(if known.is_empty() {
                "the playbook has no [gates]; leave `gate` out to run every control".into()
            } else {
                format!("defined gates: {}", known.join(", "))
            }),
        );
        ok = false;
    }
    let as_of = match &raw.as_of {
        Some(dt) => match epoch_of(dt.get_ref()) {
            Some(s) => Some(s),
            None => {
                ctx.error(
                    "tests::invalid-date",
                    dt.span(),
                    "`as-of` needs a date, e.g. 2026-03-01 or 2026-03-01T12:00:00Z",
                    "not a date",
                    None,
                );
                ok = false;
                None
            }
        },
        None => None,
    };
    let mut controls = BTreeMap::new();
    for (id, status) in &raw.controls {
        match parse_status(status.get_ref()) {
            Some(s) => {
                controls.insert(id.clone(), s);
            }
            None => {
                ctx.error(
                    "tests::invalid-status",
                    status.span(),
                    format!("`{}` is not a control status", status.get_ref()),
                    "not a status",
                    Some("write PASS, FAIL, N/A, ERROR, WAIVED or BASELINED".into()),
                );
                ok = false;
            }
        }
        if let Some(p) = playbook
            && p.control(id).is_none()
            && !crate::playbook::load::RESERVED_IDS.contains(&id.as_str())
        {
            ctx.error(
                "tests::unknown-control",
                status.span(),
                format!("the playbook has no control `{id}`"),
                "for this control id",
                Some(format!(
                    "controls: {}",
                    p.controls
                        .iter()
                        .map(|c| c.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
            ok = false;
        }
    }
    let _ = span;
    if !ok {
        return None;
    }
    Some(Case {
        name: raw.name.unwrap_or_else(|| raw.fixture.get_ref().clone()),
        fixture,
        gate: raw.gate.map(|g| g.into_inner()),
        strict: raw.strict,
        as_of,
        decision: decision?,
        findings: raw.findings.map(|f| f.into_iter().collect()),
        contains: raw.contains.into_iter().collect(),
        absent: raw.absent.into_iter().collect(),
        controls,
    })
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
