//! Waivers: exceptions to a control, granted by someone entitled to grant them, with an expiry.
//! Loaded from `.gonogo/waivers.toml` (or the playbook's `[waivers] file`) with span diagnostics,
//! then applied to a check's results.

pub mod age;

use std::path::Path;
use std::sync::Arc;

use globset::GlobMatcher;
use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::evidence::{ControlResult, Finding, SourceDigest, Status, Suppression, WaiverRecord};
use crate::playbook::Playbook;
use crate::playbook::compile::Ctx;
use crate::playbook::diagnostics::{PlaybookError, Problem, Source, line_column};

/// A waiver file larger than this is refused.
const MAX_WAIVER_BYTES: u64 = 4 << 20;

#[derive(Debug, Clone)]
pub struct Waiver {
    pub id: String,
    pub control: String,
    pub code: Option<String>,
    pub path: Option<(String, GlobMatcher)>,
    pub reason: String,
    pub ticket: Option<String>,
    pub link: Option<String>,
    pub approved_by: String,
    pub created: jiff::civil::Date,
    pub expires: jiff::civil::Date,
    pub defined_at: String,
    /// Its identity across versions of the file: the `id` when given, else control, code, path.
    pub key: String,
    /// The earliest commit that held it, when the file's history was read ([`crate::verdict::waivers::age`]).
    pub first_commit: Option<crate::snapshot::FirstSeen>,
}

/// A waiver's identity across versions of the waiver file: an explicit `id`, else what it
/// waives (a derived `control#n` id moves when another waiver is added above it).
pub fn identity(id: Option<&str>, control: &str, code: Option<&str>, path: Option<&str>) -> String {
    match id {
        Some(id) => format!("id\u{1f}{id}"),
        None => format!(
            "scope\u{1f}{control}\u{1f}{}\u{1f}{}",
            code.unwrap_or(""),
            path.unwrap_or("")
        ),
    }
}

/// The waivers of one file.
#[derive(Debug, Clone, Default)]
pub struct WaiverSet {
    pub source: Option<SourceDigest>,
    pub waivers: Vec<Waiver>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct WaiverRaw {
    id: Option<String>,
    control: String,
    code: Option<String>,
    path: Option<Spanned<String>>,
    reason: String,
    ticket: Option<String>,
    link: Option<String>,
    approved_by: String,
    created: Spanned<toml::value::Datetime>,
    expires: Spanned<toml::value::Datetime>,
}

/// Loads a waiver file; `display` names it in messages and the evidence.
pub fn load(path: &Path, display: &str) -> Result<WaiverSet, PlaybookError> {
    let meta = std::fs::metadata(path).map_err(|e| {
        PlaybookError::plain(format!("cannot read {display}: {e}")).about("waiver file")
    })?;
    if meta.len() > MAX_WAIVER_BYTES {
        return Err(PlaybookError::plain(format!(
            "{display} is {} bytes; waiver files larger than {MAX_WAIVER_BYTES} bytes are refused",
            meta.len()
        ))
        .about("waiver file"));
    }
    let text = std::fs::read_to_string(path).map_err(|e| {
        PlaybookError::plain(format!("cannot read {display}: {e}")).about("waiver file")
    })?;
    parse(display, &text)
}

/// Parses waiver text, reporting every problem with its span.
pub fn parse(display: &str, text: &str) -> Result<WaiverSet, PlaybookError> {
    let source = Source {
        name: display.to_string(),
        text: Arc::from(text),
        sha256: crate::support::sha256_hex(text.as_bytes()),
    };
    let mut problems: Vec<Problem> = Vec::new();
    let mut waivers = Vec::new();
    let (root, syntax) = DeTable::parse_recoverable(text);
    let mut ctx = Ctx {
        source: 0,
        problems: &mut problems,
    };
    for e in &syntax {
        ctx.toml_error(e, 0..0);
    }
    if syntax.is_empty() {
        for (key, value) in root.into_inner() {
            if key.get_ref() != "waiver" {
                ctx.error(
                    "waivers::unknown-key",
                    key.span(),
                    format!("unknown top-level key `{}`", key.get_ref()),
                    "unknown key",
                    Some("a waiver file holds `[[waiver]]` tables only".into()),
                );
                continue;
            }
            let span = value.span();
            let DeValue::Array(items) = value.into_inner() else {
                ctx.error(
                    "waivers::wrong-type",
                    span,
                    "`waiver` must be an array of tables, written `[[waiver]]`",
                    "not an array of tables",
                    None,
                );
                continue;
            };
            for (index, item) in items.into_iter().enumerate() {
                let span = item.span();
                let Some(raw) = ctx.value::<WaiverRaw>(item) else {
                    continue;
                };
                if let Some(w) = validate(raw, index, span, text, display, &mut ctx) {
                    waivers.push(w);
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(PlaybookError::new(&[source], problems).about("waiver file"));
    }
    Ok(WaiverSet {
        source: Some(SourceDigest {
            name: display.to_string(),
            sha256: source.sha256,
        }),
        waivers,
    })
}

fn validate(
    raw: WaiverRaw,
    index: usize,
    span: std::ops::Range<usize>,
    text: &str,
    display: &str,
    ctx: &mut Ctx<'_>,
) -> Option<Waiver> {
    let mut ok = true;
    let mut date = |d: &Spanned<toml::value::Datetime>, what: &str, ctx: &mut Ctx<'_>| {
        let value = d.get_ref();
        let parsed = match (&value.date, &value.time) {
            (Some(date), None) => {
                jiff::civil::Date::new(date.year as i16, date.month as i8, date.day as i8).ok()
            }
            _ => None,
        };
        if parsed.is_none() {
            ctx.error(
                "waivers::invalid-date",
                d.span(),
                format!("`{what}` must be a date like 2026-06-30, not `{value}`"),
                "not a date",
                None,
            );
            ok = false;
        }
        parsed
    };
    let created = date(&raw.created, "created", ctx);
    let expires = date(&raw.expires, "expires", ctx);
    if let (Some(c), Some(e)) = (created, expires)
        && e < c
    {
        ctx.error(
            "waivers::invalid-date",
            raw.expires.span(),
            format!("the waiver expires ({e}) before it was created ({c})"),
            "before `created`",
            None,
        );
        ok = false;
    }
    if raw.ticket.as_deref().is_none_or(str::is_empty)
        && raw.link.as_deref().is_none_or(str::is_empty)
    {
        ctx.error(
            "waivers::missing-key",
            span.clone(),
            "a waiver needs a `ticket` or a `link` where the exception was decided",
            "in this waiver",
            None,
        );
        ok = false;
    }
    if raw.reason.trim().is_empty() || raw.approved_by.trim().is_empty() {
        ctx.error(
            "waivers::missing-key",
            span.clone(),
            "a waiver needs a non-empty `reason` and `approved-by`",
            "in this waiver",
            None,
        );
        ok = false;
    }
    let path = match &raw.path {
        None => None,
        Some(p) => match ctx.glob(p, false) {
            Some(g) => Some((p.get_ref().clone(), g.compile_matcher())),
            None => {
                ok = false;
                None
            }
        },
    };
    if !ok {
        return None;
    }
    let (line, _) = line_column(text, span.start);
    let key = identity(
        raw.id.as_deref(),
        &raw.control,
        raw.code.as_deref(),
        raw.path.as_ref().map(|p| p.get_ref().as_str()),
    );
    Some(Waiver {
        key,
        first_commit: None,
        id: raw
            .id
            .unwrap_or_else(|| format!("{}#{}", raw.control, index + 1)),
        control: raw.control,
        code: raw.code,
        path,
        reason: raw.reason,
        ticket: raw.ticket,
        link: raw.link,
        approved_by: raw.approved_by,
        created: created?,
        expires: expires?,
        defined_at: format!("{display}:{line}"),
    })
}

/// What applying waivers did.
#[derive(Debug, Default)]
pub struct Applied {
    pub records: Vec<WaiverRecord>,
    /// Findings of the `waivers` control: expired, not entitled, too long.
    pub findings: Vec<Finding>,
    pub warnings: Vec<String>,
    /// Set when waivers could not be judged at all.
    pub error: Option<String>,
}

/// Applies waivers to the results: each valid, unexpired waiver accepts the failing findings it
/// matches; a control whose findings are all accepted becomes WAIVED.
pub fn apply(
    set: &WaiverSet,
    playbook: &Playbook,
    results: &mut [ControlResult],
    as_of: Option<jiff::Timestamp>,
) -> Applied {
    let mut applied = Applied::default();
    let Some(today) = as_of.map(|t| t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date()) else {
        applied.error = Some(
            "no date to judge waiver expiry (a plain folder has no commit time): set SOURCE_DATE_EPOCH".into(),
        );
        return applied;
    };
    let policy = &playbook.waivers;
    for w in &set.waivers {
        let mut record = WaiverRecord {
            id: w.id.clone(),
            control: w.control.clone(),
            code: w.code.clone(),
            path: w.path.as_ref().map(|(p, _)| p.clone()),
            reason: w.reason.clone(),
            ticket: w.ticket.clone(),
            link: w.link.clone(),
            approved_by: w.approved_by.clone(),
            created: w.created.to_string(),
            expires: w.expires.to_string(),
            state: "active".into(),
            matched: 0,
            problems: Vec::new(),
            defined_at: w.defined_at.clone(),
        };
        let control = playbook.control(&w.control);
        if control.is_none() {
            // Only playbook controls can be waived: never the gate's own approval rule, and never
            // by a waiver whose entitlement cannot be checked.
            record
                .problems
                .push(format!("`{}` is not a control of the playbook", w.control));
            applied.findings.push(
                Finding::new(
                    "waivers/unknown-control",
                    format!(
                        "waiver {} names `{}`, which is not a control of the playbook; only playbook controls can be waived",
                        w.id, w.control
                    ),
                )
                .at(path_of(&w.defined_at), line_of(&w.defined_at)),
            );
        }
        if let Some(control) = control {
            let entitled = playbook.roles.iter().any(|r| {
                r.may_waive.contains(&control.level)
                    && r.members
                        .iter()
                        .any(|m| crate::playbook::roles::is_member(m, &w.approved_by))
            });
            if !entitled {
                record.problems.push(format!(
                    "`{}` is not a member of a role that may waive `{}` controls",
                    w.approved_by,
                    control.level.as_str()
                ));
                applied.findings.push(
                    Finding::new(
                        "waivers/not-entitled",
                        format!(
                            "waiver {} for `{}`: {} is not entitled to waive {} controls (roles with `may-waive = [\"{}\"]`)",
                            w.id,
                            w.control,
                            w.approved_by,
                            control.level.as_str(),
                            control.level.as_str()
                        ),
                    )
                    .at(path_of(&w.defined_at), line_of(&w.defined_at)),
                );
            }
            if control.locked {
                let by_role = control
                    .waivable_by
                    .as_deref()
                    .and_then(|r| playbook.role(r));
                let allowed = by_role.is_some_and(|r| {
                    r.members
                        .iter()
                        .any(|m| crate::playbook::roles::is_member(m, &w.approved_by))
                });
                if !allowed {
                    let who = match &control.waivable_by {
                        Some(role) => {
                            format!("only a member of `{role}` (`waivable-by`) may waive it")
                        }
                        None => "it names no `waivable-by` role, so it cannot be waived".into(),
                    };
                    record
                        .problems
                        .push(format!("`{}` is locked; {who}", w.control));
                    applied.findings.push(
                        Finding::new(
                            "waivers/locked",
                            format!(
                                "waiver {} for `{}`: the control is locked; {who}",
                                w.id, w.control
                            ),
                        )
                        .at(path_of(&w.defined_at), line_of(&w.defined_at)),
                    );
                }
            }
            // `max-days` counts from the earlier of `created` and the first commit that held
            // the waiver: a `created` rewritten later does not restart the clock.
            let (start, since) = start_of(w);
            let span = days_between(start, w.expires);
            let max = policy.max_days(control.level) as i64;
            if span > max {
                record.problems.push(format!(
                    "runs {span} days; at most {max} for `{}` controls",
                    control.level.as_str()
                ));
                applied.findings.push(
                    Finding::new(
                        "waivers/too-long",
                        format!(
                            "waiver {} for `{}` runs {span} days ({since} to {}); the playbook allows at most {max} for {} controls",
                            w.id,
                            w.control,
                            w.expires,
                            control.level.as_str()
                        ),
                    )
                    .at(path_of(&w.defined_at), line_of(&w.defined_at)),
                );
            }
        }
        if w.created > today {
            record.problems.push(format!(
                "created {} is after the reference date {today}",
                w.created
            ));
            applied.findings.push(
                Finding::new(
                    "waivers/created-in-future",
                    format!(
                        "waiver {} for `{}` says it was created on {}, after the check's reference date {today}: a waiver cannot be dated ahead (it would escape `max-days`)",
                        w.id, w.control, w.created
                    ),
                )
                .at(path_of(&w.defined_at), line_of(&w.defined_at)),
            );
        }
        if !record.problems.is_empty() {
            record.state = "invalid".into();
        } else if w.expires < today {
            record.state = "expired".into();
            record.problems.push(format!("expired on {}", w.expires));
            applied.findings.push(
                Finding::new(
                    "waivers/expired",
                    format!(
                        "waiver {} for `{}` expired on {}: it no longer waives; renew it or fix the finding",
                        w.id, w.control, w.expires
                    ),
                )
                .at(path_of(&w.defined_at), line_of(&w.defined_at)),
            );
        } else {
            let left = days_between(today, w.expires);
            if left <= policy.warn_days as i64 {
                record.state = "expiring".into();
                applied.warnings.push(format!(
                    "waiver {} for `{}` expires on {} (in {left} days)",
                    w.id, w.control, w.expires
                ));
            }
            if let Some(result) = results.iter_mut().find(|r| r.id == w.control) {
                for f in result
                    .findings
                    .iter_mut()
                    .filter(|f| f.suppressed.is_none())
                {
                    if waives(w, f) {
                        f.suppressed = Some(Suppression {
                            by: "waiver".into(),
                            reference: w.id.clone(),
                        });
                        record.matched += 1;
                    }
                }
            }
            if record.matched == 0 {
                let in_gate = results.iter().any(|r| r.id == w.control);
                if in_gate {
                    record.state = "stale".into();
                    record.problems.push("matches no failing finding".into());
                    applied.warnings.push(format!(
                        "waiver {} for `{}` matches no failing finding: remove it ({})",
                        w.id, w.control, w.defined_at
                    ));
                } else {
                    record.state = "not-in-gate".into();
                }
            }
        }
        applied.records.push(record);
    }
    for r in results.iter_mut() {
        if r.status == Status::Fail && r.findings.iter().all(|f| f.suppressed.is_some()) {
            r.status = Status::Waived;
        }
    }
    applied
}

fn waives(w: &Waiver, f: &Finding) -> bool {
    w.code.as_deref().is_none_or(|c| c == f.code)
        && match &w.path {
            None => true,
            Some((_, m)) => f.path.as_deref().is_some_and(|p| m.is_match(p)),
        }
}

fn path_of(defined_at: &str) -> &str {
    defined_at.rsplit_once(':').map_or(defined_at, |(p, _)| p)
}

fn line_of(defined_at: &str) -> Option<u32> {
    defined_at
        .rsplit_once(':')
        .and_then(|(_, l)| l.parse().ok())
}

/// Where `max-days` counts from: the earlier of `created` and the first commit that held the
/// waiver, with the words that say which. A commit time beyond the years jiff represents counts
/// as the earliest date there is when it lies before 1970 (never as a later start).
fn start_of(w: &Waiver) -> (jiff::civil::Date, String) {
    let created = (w.created, w.created.to_string());
    let Some(first) = &w.first_commit else {
        return created;
    };
    let date = match crate::support::dates::commit_date(first.time) {
        Ok(d) => d,
        Err(_) if first.time < 0 => jiff::civil::Date::MIN,
        Err(_) => return created,
    };
    if date < w.created {
        let short = crate::support::short(&first.commit);
        (date, format!("{date}, when commit {short} first held it"))
    } else {
        created
    }
}

/// Whole days from `a` to `b`.
fn days_between(a: jiff::civil::Date, b: jiff::civil::Date) -> i64 {
    b.duration_since(a).as_secs() / 86_400
}
