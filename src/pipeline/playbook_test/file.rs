//! Reading a playbook's tests file (`gonogo.tests.toml`): every case validated against the
//! playbook, each problem at its span, all at once.

use super::*;

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
        file: crate::playbook::compile::FileKind::Playbook,
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
