//! The review check of one runbook: `last_reviewed_on` plus `review_in` against the as-of date.

use super::{Params, line_text};
use crate::controls::markdown::{FrontMatter, Meta};
use crate::controls::{Outcome, RunContext, evidence_for};
use crate::evidence::Finding;
use crate::evidence::messages::args;
use crate::snapshot::Snapshot;

/// Checks `last_reviewed_on` + `review_in` against the as-of date; returns whether the as-of
/// date was needed.
pub(super) fn check_review(
    p: &Params,
    snap: &Snapshot,
    ctx: &RunContext,
    path: &str,
    text: &str,
    fm: &FrontMatter,
    out: &mut Outcome,
) -> bool {
    let line_of_key = |key: &str| fm.lines.get(key).copied();
    let excerpt = |line: Option<u32>| line.and_then(|l| line_text(text, l));
    let Some(reviewed) = fm.get("last_reviewed_on").map(Meta::as_text) else {
        if p.require_review {
            out.findings
                .push(Finding::say("runbook/missing-review", args([])).at(path, None));
        }
        return false;
    };
    let reviewed_line = line_of_key("last_reviewed_on");
    let Ok(date) = reviewed.trim().parse::<jiff::civil::Date>() else {
        out.findings.push(
            Finding::say(
                "runbook/invalid-review-metadata#date",
                args([("value", reviewed.as_str().into())]),
            )
            .at(path, reviewed_line),
        );
        return false;
    };
    let (span, span_text) = match fm.get("review_in").map(Meta::as_text) {
        Some(t) => match crate::support::duration::parse(&t) {
            Ok(s) => (s, t),
            Err(why) => {
                let line = line_of_key("review_in");
                out.findings.push(
                    Finding::say(
                        "runbook/invalid-review-metadata#duration",
                        args([("value", t.as_str().into()), ("why", (&why).into())]),
                    )
                    .at(path, line),
                );
                return false;
            }
        },
        None => (p.review_in, p.review_in_text.clone()),
    };
    let Some(as_of) = ctx.as_of else { return true };
    let today = as_of.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    let due = date.checked_add(span).unwrap_or(jiff::civil::Date::MAX);
    out.evidence.push(evidence_for(
        snap,
        path,
        reviewed_line,
        excerpt(reviewed_line),
        format!("reviewed {date}, review due {due} (every {span_text})"),
    ));
    if today > due {
        out.findings.push(
            Finding::say(
                "runbook/stale-review",
                args([
                    ("reviewed", date.to_string().into()),
                    ("every", span_text.as_str().into()),
                    ("due", due.to_string().into()),
                    ("today", today.to_string().into()),
                ]),
            )
            .at(path, reviewed_line),
        );
    }
    true
}

#[cfg(test)]
mod tests {
    #[test]
    fn months_are_calendar_months() {
        let date: jiff::civil::Date = "2025-08-31".parse().unwrap();
        let due = date
            .checked_add(crate::support::duration::parse("6 months").unwrap())
            .unwrap();
        assert_eq!(due.to_string(), "2026-02-28");
    }
}
