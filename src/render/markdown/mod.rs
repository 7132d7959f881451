//! GitHub-flavoured Markdown: the pull-request comment and CI step summary, and the one-page
//! management summary (`--summary`).

mod fold;
pub(crate) mod risk_tables;
pub(crate) mod summary;

use std::fmt::Write;

use crate::evidence::{ControlResult, Decision, Evidence, Status};
use crate::playbook::Level;
use crate::render::i18n::{self, Language, t, tf};

/// The one-page management summary (`--summary`), cut at a line end (and saying so) should it
/// ever exceed the style's size budget.
pub fn render_summary(evidence: &Evidence, style: Style) -> String {
    let text = summary::render_summary(evidence, style);
    match style.max_size {
        Some(limit) => fold::fit(text, limit, style.lang),
        None => text,
    }
}

use super::{Style, control_light, decision_light, file_link, risks, short, troubled};

/// The full report: decision, table of controls, findings with links, decision logs, warnings.
pub fn render(evidence: &Evidence, style: Style) -> String {
    // Repository text is shown escaped (control and bidi characters as `\u{HEX}`).
    let evidence = &*crate::support::escape::strings(evidence);
    let lang = style.lang;
    let mut out = String::new();
    heading(&mut out, evidence, lang, "##");
    facts(&mut out, evidence, lang);

    let _ = writeln!(out, "\n### {}\n", t(lang, "report.controls"));
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} |",
        t(lang, "report.col-light"),
        t(lang, "report.col-control"),
        t(lang, "report.col-level"),
        t(lang, "report.col-status"),
        t(lang, "report.col-title"),
    );
    out.push_str("|:-:|---|---|---|---|\n");
    for c in &evidence.controls {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} |",
            control_light(c).emoji(),
            code_span(&c.id, true),
            i18n::level(lang, c.level),
            i18n::status(lang, c.status),
            inline(&c.title, true),
        );
    }

    let blocks: Vec<fold::ControlBlock> = evidence
        .controls
        .iter()
        .filter(|c| troubled(c))
        .map(|c| control_block(evidence, c, lang))
        .collect();
    let mut sections = Vec::new();
    for (head, rows) in risk_tables::markdown(evidence, lang) {
        sections.push(fold::Section { head, rows });
    }
    decision_logs(&mut sections, evidence, lang);

    if !evidence.waivers.is_empty() {
        let mut head = format!("\n### {}\n\n", t(lang, "waivers.heading"));
        let cols: Vec<&str> = t(lang, "waivers.columns").split('|').collect();
        let _ = writeln!(head, "| {} |", cols.join(" | "));
        let _ = writeln!(head, "|{}", "---|".repeat(cols.len()));
        let mut rows = Vec::new();
        for w in &evidence.waivers {
            rows.push(format!(
                "| {} | `{}` | {} | {} | {} | {} | {} | {} |\n",
                inline(&w.id, true),
                w.control,
                w.state,
                w.created,
                w.expires,
                inline(&w.approved_by, true),
                inline(
                    w.ticket.as_deref().or(w.link.as_deref()).unwrap_or(""),
                    true
                ),
                inline(&w.reason, true)
            ));
        }
        sections.push(fold::Section { head, rows });
    }

    if !evidence.playbook.roles.is_empty() {
        let mut head = format!("\n### {}\n\n", t(lang, "report.roles"));
        let cols: Vec<&str> = t(lang, "report.roles-columns").split('|').collect();
        let _ = writeln!(head, "| {} |", cols.join(" | "));
        let _ = writeln!(head, "|{}", "---|".repeat(cols.len()));
        let rows = evidence
            .playbook
            .roles
            .iter()
            .map(|r| {
                format!(
                    "| `{}` | {} | {} |\n",
                    code_span(&r.name, true),
                    inline(r.description.as_deref().unwrap_or(""), true),
                    inline(&r.members.join(", "), true)
                )
            })
            .collect();
        sections.push(fold::Section { head, rows });
    }

    if !evidence.warnings.is_empty() {
        let head = format!("\n### {}\n\n", t(lang, "report.warnings"));
        let rows = evidence
            .warnings
            .iter()
            .map(|w| format!("- {}\n", inline(w, false)))
            .collect();
        sections.push(fold::Section { head, rows });
    }
    let mut tail = String::new();
    footer(&mut tail, evidence, lang);
    let parts = fold::Parts {
        head: out,
        findings_heading: format!("\n### {}\n", t(lang, "report.findings")),
        blocks,
        sections,
        footer: tail,
    };
    fold::assemble(parts, style.max_size, lang)
}

/// One failed, errored or waived control's part of the findings: its heading and reason, one
/// line per finding, its fix lines.
fn control_block<'a>(
    evidence: &Evidence,
    c: &'a ControlResult,
    lang: Language,
) -> fold::ControlBlock<'a> {
    let mut head = format!(
        "\n#### {} `{}` — {} ({}, {})\n\n",
        control_light(c).emoji(),
        code_span(&c.id, false),
        inline(&c.title, false),
        i18n::level(lang, c.level),
        i18n::status(lang, c.status),
    );
    if let Some(reason) = &c.reason_in(lang == Language::De) {
        let _ = writeln!(
            head,
            "- **{}:** {}",
            t(lang, "report.reason"),
            inline(reason, false)
        );
    }
    let findings = c
        .findings
        .iter()
        .map(|f| {
            let place = match &f.path {
                Some(p) => {
                    let label = match f.line {
                        Some(l) => format!("{p}:{l}"),
                        None => p.clone(),
                    };
                    match file_link(evidence, p, f.line) {
                        Some(url) => format!("[`{}`]({url}): ", code_span(&label, false)),
                        None => format!("`{}`: ", code_span(&label, false)),
                    }
                }
                None => String::new(),
            };
            let accepted = crate::render::finding_text::accepted_note(f, lang)
                .map(|n| format!(" — *{}*", inline(&n, false)))
                .unwrap_or_default();
            format!(
                "- {place}{}{accepted} <sub>`{}`</sub>\n",
                inline(
                    &crate::render::finding_text::message_after_place(f, lang),
                    false
                ),
                code_span(&f.code, false)
            )
        })
        .collect();
    let mut fixes = String::new();
    for fix in crate::render::finding_text::fixes(c, lang) {
        let _ = writeln!(
            fixes,
            "\n**{}:** {}",
            t(lang, "report.fix"),
            inline(fix, false)
        );
    }
    fold::ControlBlock {
        control: c,
        head,
        findings,
        fixes,
    }
}

fn heading(out: &mut String, evidence: &Evidence, lang: Language, level: &str) {
    let _ = writeln!(
        out,
        "{level} {} {} — {}\n",
        decision_light(evidence.decision).emoji(),
        i18n::decision(lang, evidence.decision),
        inline(&super::gate_label(evidence, lang), false)
    );
    let _ = writeln!(out, "{}", explain(evidence, lang));
}

/// One sentence on why the decision is what it is.
pub(crate) fn explain(evidence: &Evidence, lang: Language) -> String {
    let n = |l: Level| {
        evidence
            .summary
            .failing_by_level
            .get(&l)
            .copied()
            .unwrap_or(0)
    };
    let mut text = match evidence.decision {
        Decision::Go => t(lang, "report.explain-go").to_string(),
        Decision::GoWithConditions => tf(
            lang,
            "report.explain-conditions",
            &[("n", &n(Level::Should).to_string())],
        ),
        Decision::NoGo if n(Level::Must) == 0 => tf(
            lang,
            "report.explain-conditions",
            &[("n", &n(Level::Should).to_string())],
        ),
        Decision::NoGo => tf(
            lang,
            "report.explain-no-go",
            &[("n", &n(Level::Must).to_string())],
        ),
    };
    if evidence.gate.strict {
        text.push_str(&format!(" ({})", t(lang, "report.strict")));
    }
    text
}

fn facts(out: &mut String, evidence: &Evidence, lang: Language) {
    let s = &evidence.subject;
    out.push('\n');
    if let Some(remote) = &s.remote {
        let _ = writeln!(
            out,
            "- **{}:** `{}`",
            t(lang, "report.repository"),
            code_span(remote, false)
        );
    }
    let commit = match &s.commit {
        Some(c) => {
            let label = format!("`{}`", short(c));
            let linked = match super::web_repo(s.remote.as_deref().unwrap_or_default()) {
                Some(web) => format!(
                    "[{label}]({}/{}/{c})",
                    web.base,
                    if web.gitlab { "-/commit" } else { "commit" }
                ),
                None => label,
            };
            let reference = s
                .tag
                .as_deref()
                .or(s.reference.as_deref())
                .map(|r| format!(" (`{}`)", code_span(r, false)))
                .unwrap_or_default();
            format!("{linked}{reference}")
        }
        None => t(lang, "report.no-commit").to_string(),
    };
    let _ = writeln!(out, "- **{}:** {commit}", t(lang, "report.commit"));
    if let (Some(base), Some(changes)) = (&s.base, &s.changes) {
        let _ = writeln!(
            out,
            "- {}",
            tf(
                lang,
                "report.changes",
                &[
                    ("n", &changes.len().to_string()),
                    (
                        "base",
                        &format!(
                            "`{}` @ `{}`",
                            code_span(&base.reference, false),
                            short(&base.commit)
                        )
                    ),
                ]
            )
        );
    }
    let version = evidence
        .playbook
        .version
        .as_deref()
        .map(|v| format!(" v{v}"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "- **{}:** `{}` — {}{version}{}",
        t(lang, "report.playbook"),
        code_span(&evidence.playbook.path, false),
        inline(&evidence.playbook.name, false),
        evidence
            .playbook
            .description
            .as_deref()
            .map(|d| format!(": *{}*", inline(d, false)))
            .unwrap_or_default()
    );
    if let Some(origin) = super::policy_origin(evidence, lang) {
        let _ = writeln!(
            out,
            "- **{}:** {}",
            t(lang, "report.policy"),
            inline(&origin, false)
        );
    }
    if let Some(at) = crate::render::finding_text::generated(evidence, lang) {
        let _ = writeln!(
            out,
            "- **{}:** {}",
            t(lang, "report.generated"),
            inline(&at, false)
        );
    }
    let _ = writeln!(out, "- {}", super::counts_line(evidence, lang));
}

fn decision_logs(sections: &mut Vec<fold::Section>, evidence: &Evidence, lang: Language) {
    for c in evidence.controls.iter().filter(|c| !c.records.is_empty()) {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "\n### {}\n",
            tf(
                lang,
                "report.decision-log-of",
                &[("control", &code_span(&c.id, false))]
            )
        );
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            t(lang, "report.col-id"),
            t(lang, "report.col-title"),
            t(lang, "report.col-status"),
            t(lang, "report.col-date"),
        );
        out.push_str("|---|---|---|---|\n");
        let mut rows = Vec::new();
        for r in &c.records {
            let title = match file_link(evidence, &r.path, r.line) {
                Some(url) => format!("[{}]({url})", inline(&r.title, true)),
                None => format!(
                    "{} (`{}`)",
                    inline(&r.title, true),
                    code_span(&r.path, true)
                ),
            };
            let status = r
                .status_raw
                .as_deref()
                .or(r.status.as_deref())
                .map(|s| inline(s, true))
                .unwrap_or_else(|| format!("_{}_", t(lang, "report.no-status")));
            rows.push(format!(
                "| {} | {title} | {status} | {} |\n",
                inline(&r.id, true),
                r.date.as_deref().unwrap_or("")
            ));
        }
        sections.push(fold::Section { head: out, rows });
    }
}

fn footer(out: &mut String, evidence: &Evidence, lang: Language) {
    let _ = writeln!(
        out,
        "\n<sub>{}</sub>",
        tf(
            lang,
            "report.footer",
            &[
                ("version", &evidence.tool.version),
                ("schema", &evidence.schema_version),
                ("sha", short(&evidence.playbook.sha256)),
            ]
        )
    );
}

/// Text for Markdown outside code: Markdown and HTML characters are escaped, `@` does not
/// mention anyone, and backtick spans in the text stay code. In a table cell, `|` is escaped too.
pub(crate) fn inline(text: &str, in_table: bool) -> String {
    let text = text.replace(['\r', '\n'], " ");
    let parts: Vec<&str> = text.split('`').collect();
    // An odd number of parts means the backticks pair up.
    let balanced = parts.len() % 2 == 1;
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if balanced && i % 2 == 1 {
            out.push('`');
            out.push_str(&code_span(part, in_table));
            out.push('`');
        } else {
            if !balanced && i > 0 {
                out.push_str("\\`");
            }
            for ch in part.chars() {
                match ch {
                    '\\' | '*' | '_' | '[' | ']' | '~' | '#' => {
                        out.push('\\');
                        out.push(ch);
                    }
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '&' => out.push_str("&amp;"),
                    '@' => out.push_str("&#64;"),
                    '|' => out.push_str("\\|"),
                    _ => out.push(ch),
                }
            }
        }
    }
    out
}

/// Text inside a single-backtick code span: no backticks, no newlines, `|` escaped in tables.
pub(crate) fn code_span(text: &str, in_table: bool) -> String {
    let text = text.replace(['\r', '\n'], " ").replace('`', "'");
    if in_table {
        text.replace('|', "\\|")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_text_is_escaped_and_code_spans_survive() {
        assert_eq!(
            inline("none of `{a,b}*` matches <x> @team *now*", false),
            "none of `{a,b}*` matches &lt;x&gt; &#64;team \\*now\\*"
        );
        assert_eq!(inline("a|b `c|d`", true), "a\\|b `c\\|d`");
        assert_eq!(inline("odd ` tick", false), "odd \\` tick");
    }
}
