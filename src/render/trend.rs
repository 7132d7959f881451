//! `gonogo diff` for people: the decision before and after, the controls that regressed or
//! improved, the findings that are new or resolved, in English or German.

use std::fmt::Write;

use super::i18n::{self, Language, t, tf};
use crate::evidence::Status;
use crate::evidence::trend::Trend;
use crate::support::escape::text;

fn label(lang: Language, s: Option<Status>) -> &'static str {
    s.map_or(t(lang, "trend.absent"), |s| i18n::status(lang, s))
}

/// The trend for people.
pub fn render_text(tr: &Trend, lang: Language) -> String {
    let mut out = String::new();
    for why in &tr.not_comparable {
        let _ = writeln!(
            out,
            "{}",
            tf(lang, "trend.not-comparable", &[("why", &text(why))])
        );
    }
    let comparable = tr.not_comparable.is_empty();
    let verdict = match tr.decision_after.cmp(&tr.decision_before) {
        _ if !comparable => "",
        std::cmp::Ordering::Less => t(lang, "trend.better"),
        std::cmp::Ordering::Greater => t(lang, "trend.worse"),
        std::cmp::Ordering::Equal => t(lang, "trend.unchanged"),
    };
    let _ = writeln!(
        out,
        "{}",
        tf(
            lang,
            "trend.decision",
            &[
                ("before", i18n::decision(lang, tr.decision_before)),
                ("after", i18n::decision(lang, tr.decision_after)),
                ("verdict", verdict),
            ]
        )
    );
    let (regressed, improved) = if comparable {
        ("trend.regressed", "trend.improved")
    } else {
        ("trend.changed-forward", "trend.changed-back")
    };
    for (title, list) in [(regressed, &tr.regressed), (improved, &tr.improved)] {
        if !list.is_empty() {
            let _ = writeln!(out, "\n{}:", t(lang, title));
            for c in list {
                let _ = writeln!(
                    out,
                    "  {}: {} → {}",
                    text(&c.id),
                    label(lang, c.before),
                    label(lang, c.after)
                );
            }
        }
    }
    for (title, list) in [
        ("trend.new-findings", &tr.new_findings),
        ("trend.resolved-findings", &tr.resolved_findings),
    ] {
        if !list.is_empty() {
            let _ = writeln!(out, "\n{} ({}):", t(lang, title), list.len());
            for f in list {
                // Paths and messages come from the checked repository: shown escaped.
                let place = f
                    .path
                    .as_deref()
                    .map(|p| format!("{}: ", text(p)))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "  [{}] {}: {place}{}",
                    text(&f.code),
                    text(&f.control),
                    text(&f.message)
                );
            }
        }
    }
    if tr.regressed.is_empty()
        && tr.improved.is_empty()
        && tr.new_findings.is_empty()
        && tr.resolved_findings.is_empty()
    {
        let _ = writeln!(out, "{}", t(lang, "trend.nothing"));
    }
    out
}
