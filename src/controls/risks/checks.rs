//! Judging each risk of a register: ids, values, owner, mitigation and review of the risks that
//! are open or being mitigated, the light from the bands, and whether a red risk was accepted by
//! a decision; and the register's own age.

use std::collections::BTreeSet;

use super::Params;
use super::register::Row;
use super::values::Cell;
use crate::controls::{Outcome, RunContext};
use crate::evidence::messages::{Arg, args};
use crate::evidence::risks::{Light, RiskRecord};
use crate::evidence::{Finding, Record};
use crate::snapshot::{Snapshot, SnapshotMode};

pub(super) fn judge(
    p: &Params,
    path: &str,
    rows: &[Row],
    as_of: Option<jiff::civil::Date>,
    log: &[Record],
    out: &mut Outcome,
) -> Vec<RiskRecord> {
    let mut seen = BTreeSet::new();
    let mut records = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        let line = Some(row.line);
        let id = match &row.id {
            Some(id) => id.clone(),
            None => {
                out.findings.push(
                    Finding::say(
                        "risks/missing-id",
                        args([("path", path.into()), ("line", row.line.into())]),
                    )
                    .at(path, line),
                );
                format!("#{}", n + 1)
            }
        };
        let say = |key: &str, more: &[(&str, Arg)]| {
            let mut a = args([("path", path.into()), ("id", id.as_str().into())]);
            a.extend(more.iter().map(|(k, v)| (k.to_string(), v.clone())));
            Finding::say(key, a).at(path, line)
        };
        if row.id.is_some() && !seen.insert(id.clone()) {
            out.findings.push(say("risks/duplicate-id", &[]));
        }
        for (field, cell) in [("likelihood", &row.likelihood), ("impact", &row.impact)] {
            if let Cell::Bad(v) = cell {
                out.findings.push(say(
                    "risks/invalid-value#level",
                    &[("field", field.into()), ("value", v.into())],
                ));
            }
        }
        if let Cell::Bad(v) = &row.status {
            out.findings
                .push(say("risks/invalid-value#status", &[("value", v.into())]));
        }
        if let Cell::Bad(v) = &row.review {
            out.findings
                .push(say("risks/invalid-value#review", &[("value", v.into())]));
        }
        let status = row.status.value();
        if row.status == Cell::Missing {
            out.findings.push(say("risks/no-status", &[]));
        }
        let closed = status == Some("closed");
        let score = row.score();
        if !closed
            && score.is_none()
            && (row.likelihood == Cell::Missing || row.impact == Cell::Missing)
        {
            out.findings.push(say("risks/no-score", &[]));
        }
        if matches!(status, Some("open") | Some("mitigating")) {
            if row.owner.is_none() {
                out.findings.push(say("risks/no-owner", &[]));
            }
            if row.mitigation.is_none() {
                out.findings.push(say("risks/no-mitigation", &[]));
            }
            match (&row.review, as_of) {
                (Cell::Missing, _) => out.findings.push(say("risks/no-review", &[])),
                (Cell::Read(d), Some(today)) if *d < today => out.findings.push(say(
                    "risks/review-overdue",
                    &[
                        ("review", d.to_string().into()),
                        ("as_of", today.to_string().into()),
                    ],
                )),
                _ => {}
            }
        }
        let light = score.map(|s| p.bands.light(s));
        let adr = row.adr.as_deref().and_then(|a| find_adr(a, path, log));
        if light == Some(Light::Red) && !closed {
            let score_arg = ("score", Arg::from(u64::from(score.unwrap_or(0))));
            let finding = match (status, &row.adr, adr) {
                (Some("accepted"), Some(_), Some(rec))
                    if rec.status.as_deref() == Some("accepted") =>
                {
                    None
                }
                (Some("accepted"), None, _) => Some(say("risks/red#no-adr", &[score_arg])),
                (Some("accepted"), Some(a), None) => Some(say(
                    "risks/red#adr-missing",
                    &[score_arg, ("adr", a.into())],
                )),
                (Some("accepted"), Some(_), Some(rec)) => Some(say(
                    "risks/red#adr-not-accepted",
                    &[
                        score_arg,
                        ("adr", rec.path.as_str().into()),
                        ("status", rec.status.as_deref().unwrap_or("none").into()),
                    ],
                )),
                _ => Some(say("risks/red", &[score_arg])),
            };
            out.findings.extend(finding);
        }
        records.push(RiskRecord {
            id,
            title: row.title.clone(),
            likelihood: row.likelihood.value(),
            impact: row.impact.value(),
            score,
            light,
            owner: row.owner.clone().or_else(|| row.owner_raw.clone()),
            mitigation: row.mitigation.clone(),
            status: status.map(str::to_string),
            review: row.review.value().map(|d| d.to_string()),
            adr: row.adr.clone(),
            adr_status: adr.and_then(|r| r.status.clone()),
            line,
            trend: None,
            previous_score: None,
        });
    }
    records
}

/// The decision record a risk links: a relative link (resolved from the register's folder, or
/// from the repository root), or an id such as `ADR-0007`, `0007` or `7`.
fn find_adr<'l>(written: &str, register: &str, log: &'l [Record]) -> Option<&'l Record> {
    let link = written
        .trim()
        .trim_start_matches('[')
        .split(['(', ')', ']', '#'])
        .rfind(|s| s.contains('/') || s.ends_with(".md") || s.ends_with(".rst"))
        .map(str::trim);
    if let Some(link) = link {
        let dir = register.rsplit_once('/').map_or("", |(d, _)| d);
        let joined = normalise(&format!("{dir}/{link}"));
        let rooted = normalise(link);
        return log
            .iter()
            .find(|r| Some(&r.path) == joined.as_ref() || Some(&r.path) == rooted.as_ref());
    }
    let digits: String = written.chars().filter(|c| c.is_ascii_digit()).collect();
    let number: Option<u64> = digits.parse().ok();
    log.iter().find(|r| {
        r.id.eq_ignore_ascii_case(written.trim())
            || number.is_some_and(|n| {
                let rid: String = r.id.chars().filter(|c| c.is_ascii_digit()).collect();
                rid.parse::<u64>().ok() == Some(n)
            })
    })
}

/// A path with `.` and `..` resolved; `None` when it climbs above the root.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// `max-age`: the register's last commit lies within the span before the as-of date. A register
/// with uncommitted changes (`--staged`, `--worktree`) is being changed now.
pub(super) fn age(
    p: &Params,
    span: jiff::Span,
    path: &str,
    snap: &Snapshot,
    ctx: &RunContext,
    out: &mut Outcome,
) {
    let Some(as_of) = ctx.as_of.map(crate::support::dates::utc_date) else {
        out.error = Some("`max-age` needs the check's reference date".into());
        return;
    };
    let uncommitted = matches!(
        snap.subject.mode,
        SnapshotMode::Staged | SnapshotMode::Worktree
    ) && snap.blob_id(path) != snap.committed_blob(path);
    if uncommitted {
        return;
    }
    let last = match snap.last_changes(&[path.to_string()]) {
        Ok(map) => map.get(path).cloned(),
        Err(e) => {
            out.error = Some(format!(
                "`max-age`: when {path} last changed cannot be read: {e}"
            ));
            return;
        }
    };
    let Some(last) = last else {
        out.error = Some(format!(
            "`max-age`: no commit of the history changed {path}"
        ));
        return;
    };
    let changed = match crate::support::dates::commit_date(last.time) {
        Ok(d) => d,
        Err(e) => {
            out.error = Some(e);
            return;
        }
    };
    match crate::support::duration::elapsed(changed, span, as_of) {
        Ok(false) => {}
        Ok(true) => out.findings.push(
            Finding::say(
                "risks/stale",
                args([
                    ("path", path.into()),
                    ("changed", changed.to_string().into()),
                    ("max_age", p.max_age_text.clone().unwrap_or_default().into()),
                ]),
            )
            .at(path, None),
        ),
        Err(e) => out.error = Some(e),
    }
}
