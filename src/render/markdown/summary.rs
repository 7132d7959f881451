//! The one-page management summary in Markdown (`--summary`): decision, top risks, what must
//! happen before go, assumptions and limits of the check.

use std::fmt::Write;

use super::*;

/// The one-page management summary: decision, top risks, what must happen before go,
/// assumptions and limits of the check.
pub fn render_summary(evidence: &Evidence, style: Style) -> String {
    // Repository text is shown escaped (control and bidi characters as `\u{HEX}`).
    let evidence = &*crate::support::escape::strings(evidence);
    let lang = style.lang;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n",
        inline(
            &tf(lang, "summary.title", &[("name", &evidence.playbook.name)]),
            false
        )
    );
    let _ = writeln!(out, "## {}\n", t(lang, "summary.decision"));
    let light = decision_light(evidence.decision).emoji();
    let _ = writeln!(
        out,
        "{light} **{}** — {}\n",
        i18n::decision(lang, evidence.decision),
        tf(lang, "report.gate", &[("gate", &evidence.gate.name)])
    );
    let _ = writeln!(out, "{}", explain(evidence, lang));

    let risks = risks(evidence);
    let _ = writeln!(out, "\n## {}\n", t(lang, "summary.top-risks"));
    if risks.is_empty() {
        let _ = writeln!(out, "{}", t(lang, "summary.no-risks"));
    }
    for (i, c) in risks.iter().take(5).enumerate() {
        let (first, more) = crate::render::finding_text::first_and_more(c, lang);
        let _ = writeln!(
            out,
            "{}. {} **{}** ({}, `{}`): {}{more}",
            i + 1,
            control_light(c).emoji(),
            inline(&c.title, false),
            i18n::level(lang, c.level),
            code_span(&c.id, false),
            inline(&first, false),
        );
    }
    if risks.len() > 5 {
        let _ = writeln!(
            out,
            "\n{}",
            tf(
                lang,
                "report.more",
                &[("n", &(risks.len() - 5).to_string())]
            )
        );
    }

    for (c, reg) in crate::render::risk_matrix::registers(evidence) {
        let _ = writeln!(
            out,
            "\n## {}\n\n{}\n",
            inline(&tf(lang, "risks.matrix-of", &[("control", &c.id)]), false),
            inline(&crate::render::risk_matrix::trend_line(reg, lang), false)
        );
        out.push_str(&super::risk_tables::matrix_markdown(reg, lang));
    }

    let _ = writeln!(out, "\n## {}\n", t(lang, "summary.before-go"));
    // Blockers come from the status, never from the level alone: a waived must control is a
    // condition of go, not a blocker.
    let failing = |c: &&&ControlResult| matches!(c.status, Status::Fail | Status::Error);
    let must: Vec<_> = risks
        .iter()
        .filter(failing)
        .filter(|c| c.level == Level::Must || (evidence.gate.strict && c.level == Level::Should))
        .collect();
    let should: Vec<_> = risks
        .iter()
        .filter(failing)
        .filter(|c| c.level == Level::Should && !evidence.gate.strict)
        .collect();
    let waived: Vec<_> = risks
        .iter()
        .filter(|c| c.status == Status::Waived)
        .collect();
    if must.is_empty() && should.is_empty() && waived.is_empty() {
        let _ = writeln!(out, "{}", t(lang, "summary.before-go-none"));
    }
    for (key, list) in [
        ("summary.before-go-must", &must),
        ("summary.before-go-should", &should),
        ("summary.before-go-waived", &waived),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "**{}**\n", t(lang, key));
        for c in list.iter() {
            let waivers = waived_by(evidence, c, lang);
            let fixes = crate::render::finding_text::fixes(c, lang).join(" ");
            let todo = match &waivers {
                Some(w) => w.as_str(),
                None if !fixes.is_empty() => fixes.as_str(),
                None => c.title.as_str(),
            };
            let _ = writeln!(
                out,
                "- [ ] `{}`: {}",
                code_span(&c.id, false),
                inline(todo, false)
            );
        }
        out.push('\n');
    }

    while out.ends_with("\n\n") {
        out.pop();
    }
    let _ = writeln!(out, "\n## {}\n", t(lang, "summary.assumptions"));
    let s = &evidence.subject;
    let target = match (&s.commit, &s.remote) {
        (Some(c), Some(r)) => format!("`{}` @ `{}`", code_span(r, false), short(c)),
        (Some(c), None) => format!("`{}`", short(c)),
        _ => t(lang, "report.no-commit").to_string(),
    };
    let _ = writeln!(
        out,
        "- {}",
        tf(
            lang,
            "summary.scope",
            &[
                ("files", &crate::render::i18n::files(lang, s.files as u64)),
                ("target", &target)
            ]
        )
    );
    let _ = writeln!(out, "- {}", t(lang, "summary.presence"));
    let _ = writeln!(
        out,
        "- {}",
        tf(
            lang,
            "summary.playbook",
            &[
                (
                    "path",
                    &format!("`{}`", code_span(&evidence.playbook.path, false))
                ),
                ("name", &inline(&evidence.playbook.name, false)),
                ("sha", &format!("`{}`", short(&evidence.playbook.sha256))),
            ]
        )
    );
    let not_evaluated: Vec<String> = evidence
        .controls
        .iter()
        .filter(|c| matches!(c.status, Status::NotApplicable | Status::Error))
        .map(|c| {
            format!(
                "`{}` ({})",
                code_span(&c.id, false),
                inline(
                    &c.reason_in(lang == Language::De).unwrap_or_default(),
                    false
                )
            )
        })
        .collect();
    if !not_evaluated.is_empty() {
        let _ = writeln!(
            out,
            "- {}",
            tf(
                lang,
                "summary.not-evaluated",
                &[("list", &not_evaluated.join("; "))]
            )
        );
    }
    if evidence.gate.strict {
        let _ = writeln!(out, "- {}", t(lang, "summary.strict"));
    }
    for w in &evidence.warnings {
        let _ = writeln!(out, "- {}", inline(w, false));
    }
    let _ = writeln!(out, "- {}", t(lang, "summary.verify"));
    footer(&mut out, evidence, lang);
    out
}

/// "waived by W-1 (until 2026-04-15)" for a waived control: the waivers that accepted its findings.
pub(crate) fn waived_by(evidence: &Evidence, c: &ControlResult, lang: Language) -> Option<String> {
    if c.status != Status::Waived {
        return None;
    }
    let mut ids: Vec<&str> = c
        .findings
        .iter()
        .filter_map(|f| f.suppressed.as_ref())
        .filter(|s| s.by == "waiver")
        .map(|s| s.reference.as_str())
        .collect();
    ids.sort();
    ids.dedup();
    let parts: Vec<String> = ids
        .iter()
        .map(|id| match evidence.waivers.iter().find(|w| w.id == *id) {
            Some(w) => tf(
                lang,
                "summary.waived-until",
                &[("id", id), ("expires", &w.expires)],
            ),
            None => id.to_string(),
        })
        .collect();
    Some(tf(
        lang,
        "summary.waived-by",
        &[("waivers", &parts.join(", "))],
    ))
}
