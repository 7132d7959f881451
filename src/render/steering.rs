//! The monthly steering pack for people: Markdown and printable HTML (A4; the status of the gates,
//! the top risks and the matrix fit the first page), English and German. A pure function of the
//! pack.

use std::fmt::Write;

use crate::evidence::risks::RiskRecord;
use crate::evidence::steering::SteeringPack;
use crate::evidence::{Decision, Evidence};
use crate::render::i18n::{self, Language, t, tf};
use crate::render::risk_matrix::{self, light_word, registers, trend_line, trend_word};

use super::html::esc;
use super::markdown::inline;
use super::short;

fn rank(d: Decision) -> u8 {
    match d {
        Decision::Go => 0,
        Decision::GoWithConditions => 1,
        Decision::NoGo => 2,
    }
}

fn change(lang: Language, now: Decision, before: Option<Decision>) -> &'static str {
    match before {
        None => t(lang, "steering.change.first"),
        Some(b) if rank(now) < rank(b) => t(lang, "steering.change.better"),
        Some(b) if rank(now) > rank(b) => t(lang, "steering.change.worse"),
        Some(_) => t(lang, "steering.change.same"),
    }
}

fn period(pack: &SteeringPack, lang: Language) -> String {
    let range = tf(
        lang,
        "steering.period",
        &[("start", &pack.start), ("end", &pack.end)],
    );
    match &pack.month {
        Some(m) => format!("{m} ({range})"),
        None => range,
    }
}

/// The live risks of every register, highest score first, at most `n`.
fn top_risks(evidence: &Evidence, n: usize) -> Vec<&RiskRecord> {
    let mut all: Vec<&RiskRecord> = registers(evidence)
        .flat_map(|(_, r)| r.risks.iter())
        .filter(|r| r.is_live())
        .collect();
    all.sort_by(|a, b| b.score.cmp(&a.score).then(a.id.cmp(&b.id)));
    all.truncate(n);
    all
}

fn as_of_line(evidence: &Evidence, lang: Language) -> String {
    tf(
        lang,
        "steering.as-of",
        &[
            ("as_of", evidence.as_of.as_deref().unwrap_or("?")),
            (
                "commit",
                evidence.subject.commit.as_deref().map_or("?", short),
            ),
        ],
    )
}

pub fn markdown(pack: &SteeringPack, lang: Language) -> String {
    let ev = &*crate::support::escape::strings(&pack.evidence);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n\n**{}** · {}\n",
        inline(
            &tf(lang, "steering.title", &[("name", &ev.playbook.name)]),
            false
        ),
        period(pack, lang),
        inline(&as_of_line(ev, lang), false)
    );
    let _ = writeln!(
        out,
        "## {}\n\n| {} | {} | {} | {} |\n|---|---|---|---|",
        t(lang, "steering.status"),
        t(lang, "steering.col-gate"),
        t(lang, "steering.col-decision"),
        t(lang, "steering.col-previous"),
        t(lang, "steering.col-change"),
    );
    for g in &pack.gates {
        let light = super::decision_light(g.decision).emoji();
        let _ = writeln!(
            out,
            "| `{}` | {light} {} | {} | {} |",
            super::markdown::code_span(&g.name, true),
            i18n::decision(lang, g.decision),
            g.previous.map_or("—", |d| i18n::decision(lang, d)),
            change(lang, g.decision, g.previous),
        );
    }
    let _ = writeln!(out, "\n## {}\n", t(lang, "steering.top-risks"));
    let top = top_risks(ev, 5);
    if registers(ev).next().is_none() {
        let _ = writeln!(out, "{}", t(lang, "steering.no-register"));
    }
    for (_, reg) in registers(ev) {
        let _ = writeln!(out, "{}\n", inline(&trend_line(reg, lang), false));
        out.push_str(&super::markdown::risk_tables::matrix_markdown(reg, lang));
    }
    if !top.is_empty() {
        let _ = writeln!(
            out,
            "\n| {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|",
            t(lang, "report.col-id"),
            t(lang, "report.col-title"),
            t(lang, "risks.col-score"),
            t(lang, "risks.col-light"),
            t(lang, "risks.col-trend"),
            t(lang, "risks.col-owner"),
        );
        for r in top {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                inline(&r.id, true),
                inline(&r.title, true),
                r.score.map(|s| s.to_string()).unwrap_or_default(),
                r.light
                    .map(|l| format!("{} {}", l.letter(), light_word(lang, l)))
                    .unwrap_or_default(),
                r.trend
                    .map(|x| format!("{} {}", x.arrow(), trend_word(lang, x)))
                    .unwrap_or_default(),
                inline(r.owner.as_deref().unwrap_or(""), true),
            );
        }
    }
    let _ = writeln!(out, "\n## {}\n", t(lang, "steering.decisions"));
    if pack.decisions.is_empty() {
        let _ = writeln!(out, "{}", t(lang, "steering.no-decisions"));
    } else {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|",
            t(lang, "report.col-id"),
            t(lang, "report.col-title"),
            t(lang, "report.col-status"),
            t(lang, "report.col-date"),
            t(lang, "steering.col-change"),
        );
        for d in &pack.decisions {
            let r = &d.record;
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                inline(&r.id, true),
                inline(&r.title, true),
                inline(
                    r.status_raw
                        .as_deref()
                        .or(r.status.as_deref())
                        .unwrap_or("—"),
                    true
                ),
                r.date.as_deref().unwrap_or(""),
                decision_change(lang, d.change),
            );
        }
    }
    let _ = writeln!(out, "\n## {}\n", t(lang, "steering.waivers"));
    if pack.waivers_expiring.is_empty() {
        let _ = writeln!(out, "{}", t(lang, "steering.no-waivers"));
    }
    for w in &pack.waivers_expiring {
        let _ = writeln!(
            out,
            "- {} `{}`: {} {} ({}) — {}",
            inline(&w.id, false),
            super::markdown::code_span(&w.control, false),
            t(lang, "steering.col-expires"),
            w.expires,
            inline(&w.state, false),
            inline(&w.reason, false)
        );
    }
    let _ = writeln!(out, "\n## {}\n", t(lang, "steering.priorities"));
    match &pack.priorities {
        None => {
            let _ = writeln!(out, "{}", t(lang, "steering.no-priorities"));
        }
        Some(p) => {
            let _ = writeln!(out, "_{}_\n", inline(&p.path, false));
            for line in &p.lines {
                let l = line.trim_start();
                // Headings of the file become bold lines: the pack keeps its own outline.
                match l.strip_prefix('#') {
                    Some(h) => {
                        if !out.ends_with("\n\n") {
                            out.push('\n');
                        }
                        let _ = writeln!(
                            out,
                            "**{}**\n",
                            inline(h.trim_start_matches('#').trim(), false)
                        );
                    }
                    None => {
                        let _ = writeln!(out, "{}", inline(line, false));
                    }
                }
            }
        }
    }
    let _ = writeln!(out, "\n## {}\n", t(lang, "summary.assumptions"));
    for line in limits(pack, ev, lang) {
        let _ = writeln!(out, "- {}", inline(&line, false));
    }
    out
}

fn decision_change(lang: Language, change: &str) -> &'static str {
    if change == "added" {
        t(lang, "steering.change-added")
    } else {
        t(lang, "steering.change-changed")
    }
}

fn limits(pack: &SteeringPack, ev: &Evidence, lang: Language) -> Vec<String> {
    let s = &ev.subject;
    let target = s.commit.as_deref().map_or_else(
        || t(lang, "report.no-commit").to_string(),
        |c| format!("`{}`", short(c)),
    );
    vec![
        tf(
            lang,
            "summary.scope",
            &[("files", &s.files.to_string()), ("target", &target)],
        ),
        t(lang, "summary.presence").to_string(),
        tf(lang, "steering.previous-from", &[("start", &pack.start)]),
        t(lang, "summary.verify").to_string(),
    ]
}

const PACK_CSS: &str = r#"
main { max-width: 900px; padding: 16px 24px; }
h2 { margin: 18px 0 6px; }
.two { display: grid; grid-template-columns: auto 1fr; gap: 18px; align-items: start; }
.matrix td.cell { width: 60px; height: 32px; }
.status { break-after: page; page-break-after: always; }
@page { size: A4; margin: 12mm; }
@media print {
  body { font-size: 9.5pt; line-height: 1.35; }
  h1 { font-size: 15pt; } h2 { font-size: 11.5pt; margin: 10px 0 4px; }
  .matrix td.cell { width: 50px; height: 25px; font-size: 8pt; }
  th, td { padding: 3px 6px; }
}
"#;

pub fn html(pack: &SteeringPack, lang: Language) -> String {
    let ev = &*crate::support::escape::strings(&pack.evidence);
    let code = crate::support::escape::html_code;
    let title = tf(lang, "steering.title", &[("name", &ev.playbook.name)]);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — {}</title>\n<style>{}{}{PACK_CSS}</style>\n</head>\n<body>\n<main>\n\
         <section class=\"status\">\n<h1>{}</h1>\n<p><strong>{}</strong> · {}</p>\n",
        i18n::code(lang),
        esc(&title),
        esc(&period(pack, lang)),
        super::html::CSS,
        risk_matrix::CSS,
        esc(&title),
        esc(&period(pack, lang)),
        code(&as_of_line(ev, lang)),
    );
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        esc(t(lang, "steering.status")),
        esc(t(lang, "steering.col-gate")),
        esc(t(lang, "steering.col-decision")),
        esc(t(lang, "steering.col-previous")),
        esc(t(lang, "steering.col-change")),
    );
    for g in &pack.gates {
        let l = super::decision_light(g.decision).class();
        let _ = writeln!(
            out,
            "<tr><td><code>{}</code>{}</td><td class=\"st {l}\"><span class=\"dot {l}\"></span> {}</td><td>{}</td><td>{}</td></tr>",
            esc(&g.name),
            g.description
                .as_deref()
                .map(|d| format!("<br><span class=\"muted\">{}</span>", esc(d)))
                .unwrap_or_default(),
            esc(i18n::decision(lang, g.decision)),
            esc(g.previous.map_or("—", |d| i18n::decision(lang, d))),
            esc(change(lang, g.decision, g.previous)),
        );
    }
    out.push_str("</tbody></table>\n");
    let _ = writeln!(out, "<h2>{}</h2>", esc(t(lang, "steering.top-risks")));
    if registers(ev).next().is_none() {
        let _ = writeln!(out, "<p>{}</p>", esc(t(lang, "steering.no-register")));
    }
    for (_, reg) in registers(ev) {
        let _ = writeln!(
            out,
            "<p class=\"muted\">{}</p>\n<div class=\"two\">{}<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            esc(&trend_line(reg, lang)),
            risk_matrix::matrix_html(reg, lang),
            esc(t(lang, "report.col-id")),
            esc(t(lang, "report.col-title")),
            esc(t(lang, "risks.col-light")),
            esc(t(lang, "risks.col-trend")),
        );
        let mut top: Vec<&RiskRecord> = reg.risks.iter().filter(|r| r.is_live()).collect();
        top.sort_by(|a, b| b.score.cmp(&a.score).then(a.id.cmp(&b.id)));
        for r in top.iter().take(6) {
            let light = r.light.map_or(String::new(), |l| {
                format!(
                    "<span class=\"light {}\">{} {}</span> ({})",
                    l.letter().to_lowercase(),
                    l.letter(),
                    esc(light_word(lang, l)),
                    r.score.unwrap_or(0)
                )
            });
            let _ = writeln!(
                out,
                "<tr><td class=\"nowrap\">{}</td><td>{}<br><span class=\"muted\">{}</span></td><td>{light}</td><td class=\"nowrap\">{}</td></tr>",
                esc(&r.id),
                esc(&r.title),
                esc(r.owner.as_deref().unwrap_or("")),
                r.trend
                    .map(|x| format!("{} {}", x.arrow(), esc(trend_word(lang, x))))
                    .unwrap_or_default(),
            );
        }
        out.push_str("</tbody></table></div>\n");
        out.push_str(&risk_matrix::legend_html(reg, lang));
    }
    out.push_str("</section>\n");
    let _ = writeln!(out, "<h2>{}</h2>", esc(t(lang, "steering.decisions")));
    if pack.decisions.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(t(lang, "steering.no-decisions")));
    } else {
        let _ = write!(
            out,
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            esc(t(lang, "report.col-id")),
            esc(t(lang, "report.col-title")),
            esc(t(lang, "report.col-status")),
            esc(t(lang, "report.col-date")),
            esc(t(lang, "steering.col-change")),
        );
        for d in &pack.decisions {
            let r = &d.record;
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"nowrap\">{}</td><td>{}</td></tr>",
                esc(&r.id),
                esc(&r.title),
                esc(r
                    .status_raw
                    .as_deref()
                    .or(r.status.as_deref())
                    .unwrap_or("—")),
                esc(r.date.as_deref().unwrap_or("")),
                esc(decision_change(lang, d.change)),
            );
        }
        out.push_str("</tbody></table>\n");
    }
    let _ = writeln!(out, "<h2>{}</h2>", esc(t(lang, "steering.waivers")));
    if pack.waivers_expiring.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(t(lang, "steering.no-waivers")));
    } else {
        out.push_str("<ul>");
        for w in &pack.waivers_expiring {
            let _ = write!(
                out,
                "<li>{} <code>{}</code>: {} {} ({}) — {}</li>",
                esc(&w.id),
                esc(&w.control),
                esc(t(lang, "steering.col-expires")),
                esc(&w.expires),
                esc(&w.state),
                code(&w.reason)
            );
        }
        out.push_str("</ul>\n");
    }
    let _ = writeln!(out, "<h2>{}</h2>", esc(t(lang, "steering.priorities")));
    match &pack.priorities {
        None => {
            let _ = writeln!(out, "<p>{}</p>", code(t(lang, "steering.no-priorities")));
        }
        Some(p) => {
            let _ = write!(
                out,
                "<p class=\"muted\"><code>{}</code></p><ul>",
                esc(&p.path)
            );
            for line in &p.lines {
                let l = line.trim_start();
                let text = l
                    .trim_start_matches('#')
                    .trim_start_matches(['-', '*'])
                    .trim();
                if l.starts_with('#') {
                    let _ = write!(out, "</ul><h3>{}</h3><ul>", code(text));
                } else {
                    let _ = write!(out, "<li>{}</li>", code(text));
                }
            }
            out.push_str("</ul>\n");
        }
    }
    let _ = writeln!(out, "<h2>{}</h2><ul>", esc(t(lang, "summary.assumptions")));
    for line in limits(pack, ev, lang) {
        let _ = write!(out, "<li>{}</li>", code(&line));
    }
    let _ = writeln!(
        out,
        "</ul>\n<footer>{}</footer>\n</main>\n</body>\n</html>",
        esc(&tf(
            lang,
            "report.footer",
            &[
                ("version", &ev.tool.version),
                ("schema", &ev.schema_version),
                ("sha", short(&ev.playbook.sha256)),
            ]
        ))
    );
    out
}
