//! The one-page management summary as HTML (`report --summary --format html`): the decision,
//! the reasons that decide it, conditions and waivers with their expiry, the risk matrix and the
//! top risks, the assumptions and limits; the HTML report's stylesheet, sized for one A4 page.

use std::fmt::Write;

use crate::evidence::{ControlResult, Evidence, Status};
use crate::playbook::Level;
use crate::render::i18n::{self, t, tf};

use super::html::esc;
use super::{Style, control_light, decision_light, short};

const PAGE_CSS: &str = r#"
main { max-width: 820px; padding: 16px 24px; }
h2 { margin: 16px 0 6px; }
.banner { margin: 10px 0; padding: 10px 16px; }
.matrix td.cell { width: 64px; height: 34px; }
.two { display: grid; grid-template-columns: auto 1fr; gap: 18px; align-items: start; }
ul.tight { margin: 4px 0; padding-left: 20px; } ul.tight li { margin: 2px 0; }
@page { size: A4; margin: 12mm; }
@media print {
  body { font-size: 9.5pt; line-height: 1.35; }
  h1 { font-size: 15pt; } h2 { font-size: 11.5pt; margin: 10px 0 4px; }
  .verdict { font-size: 20pt; }
  .matrix td.cell { width: 52px; height: 26px; font-size: 8pt; }
  table { margin: 4px 0 6px; } th, td { padding: 3px 6px; }
}
"#;

fn code(text: &str) -> String {
    crate::support::escape::html_code(text)
}

pub fn render_summary(evidence: &Evidence, style: Style) -> String {
    let evidence = &*crate::support::escape::strings(evidence);
    let lang = style.lang;
    let mut out = String::new();
    let light = decision_light(evidence.decision).class();
    let decision = i18n::decision(lang, evidence.decision);
    let title = tf(lang, "summary.title", &[("name", &evidence.playbook.name)]);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — {}</title>\n<style>{}{}{PAGE_CSS}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        i18n::code(lang),
        esc(decision),
        esc(&title),
        super::html::CSS,
        super::risk_matrix::CSS,
        esc(&title),
    );
    let lamp: String = ["red", "amber", "green"]
        .iter()
        .map(|c| {
            if *c == light {
                format!("<span class=\"on {c}\"></span>")
            } else {
                "<span></span>".to_string()
            }
        })
        .collect();
    let _ = writeln!(
        out,
        "<section class=\"banner {light}\" id=\"decision\"><div class=\"lamp\" aria-hidden=\"true\">{lamp}</div>\
         <div><div class=\"verdict {light}\">{}</div><div>{} — {}</div></div></section>",
        esc(decision),
        code(&super::gate_label(evidence, lang)),
        esc(&super::markdown::explain(evidence, lang)),
    );

    reasons(&mut out, evidence, style);
    conditions(&mut out, evidence, style);
    for (c, reg) in super::risk_matrix::registers(evidence) {
        let _ = writeln!(
            out,
            "<h2>{}</h2>\n<p class=\"muted\">{}</p>\n<div class=\"two\">",
            esc(&tf(lang, "risks.matrix-of", &[("control", &c.id)])),
            esc(&super::risk_matrix::trend_line(reg, lang))
        );
        out.push_str(&super::risk_matrix::matrix_html(reg, lang));
        let mut top: Vec<_> = reg.risks.iter().filter(|r| r.is_live()).collect();
        top.sort_by(|a, b| b.score.cmp(&a.score).then(a.id.cmp(&b.id)));
        out.push_str("<ul class=\"tight\">");
        for r in top.iter().take(6) {
            let light = r.light.map_or(String::new(), |l| {
                format!(
                    "<span class=\"light {}\">{}</span> ",
                    &l.letter().to_lowercase(),
                    l.letter()
                )
            });
            let trend = r
                .trend
                .map(|tr| {
                    format!(
                        " {} {}",
                        tr.arrow(),
                        esc(super::risk_matrix::trend_word(lang, tr))
                    )
                })
                .unwrap_or_default();
            let _ = write!(
                out,
                "<li>{light}<strong>{}</strong> {} ({}){trend}</li>",
                esc(&r.id),
                esc(&r.title),
                r.score.map(|s| s.to_string()).unwrap_or_default(),
            );
        }
        out.push_str("</ul></div>\n");
        out.push_str(&super::risk_matrix::legend_html(reg, lang));
    }
    limits(&mut out, evidence, style);
    let _ = writeln!(
        out,
        "<footer>{}</footer>\n</main>\n</body>\n</html>",
        esc(&tf(
            lang,
            "report.footer",
            &[
                ("version", &evidence.tool.version),
                ("schema", &evidence.schema_version),
                ("sha", short(&evidence.playbook.sha256)),
            ]
        ))
    );
    out
}

/// The controls that decide: failed, errored or waived, must first, at most five.
fn reasons(out: &mut String, evidence: &Evidence, style: Style) {
    let lang = style.lang;
    let risks = super::risks(evidence);
    let _ = writeln!(out, "<h2>{}</h2>", esc(t(lang, "summary.reasons")));
    if risks.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(t(lang, "summary.no-risks")));
        return;
    }
    out.push_str("<ul class=\"tight\">");
    for c in risks.iter().take(5) {
        let (first, more) = super::finding_text::first_and_more(c, lang);
        let l = control_light(c).class();
        let _ = write!(
            out,
            "<li><span class=\"dot {l}\"></span> <strong>{}</strong> ({}, <code>{}</code>): {}{}</li>",
            esc(&c.title),
            esc(i18n::level(lang, c.level)),
            esc(&c.id),
            code(&first),
            esc(&more)
        );
    }
    out.push_str("</ul>\n");
    if risks.len() > 5 {
        let _ = writeln!(
            out,
            "<p class=\"muted\">{}</p>",
            esc(&tf(
                lang,
                "report.more",
                &[("n", &(risks.len() - 5).to_string())]
            ))
        );
    }
}

/// What must happen before go, and the waivers with their expiry.
fn conditions(out: &mut String, evidence: &Evidence, style: Style) {
    let lang = style.lang;
    let risks = super::risks(evidence);
    let failing = |c: &&&ControlResult| matches!(c.status, Status::Fail | Status::Error);
    let strict = evidence.gate.strict;
    let must: Vec<_> = risks
        .iter()
        .filter(failing)
        .filter(|c| c.level == Level::Must || (strict && c.level == Level::Should))
        .collect();
    let should: Vec<_> = risks
        .iter()
        .filter(failing)
        .filter(|c| c.level == Level::Should && !strict)
        .collect();
    let _ = writeln!(out, "<h2>{}</h2>", esc(t(lang, "summary.before-go")));
    if must.is_empty() && should.is_empty() && evidence.waivers.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(t(lang, "summary.before-go-none")));
        return;
    }
    for (key, list) in [
        ("summary.before-go-must", &must),
        ("summary.before-go-should", &should),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "<p><strong>{}</strong></p><ul class=\"tight\">",
            esc(t(lang, key))
        );
        for c in list.iter() {
            // Two fixes at most: the page stays one page; the full report lists them all.
            let all = super::finding_text::fixes(c, lang);
            let mut fixes = all.iter().take(2).cloned().collect::<Vec<_>>().join(" ");
            if all.len() > 2 {
                fixes.push_str(" …");
            }
            let todo = if fixes.is_empty() {
                c.title.clone()
            } else {
                fixes
            };
            let _ = write!(
                out,
                "<li>☐ <code>{}</code>: {}</li>",
                esc(&c.id),
                code(&todo)
            );
        }
        out.push_str("</ul>\n");
    }
    if !evidence.waivers.is_empty() {
        let _ = write!(
            out,
            "<p><strong>{}</strong></p><table><thead><tr>",
            esc(t(lang, "summary.before-go-waived"))
        );
        let cols: Vec<&str> = t(lang, "waivers.columns").split('|').collect();
        for i in [0usize, 1, 2, 4, 5, 7] {
            let _ = write!(out, "<th>{}</th>", esc(cols.get(i).copied().unwrap_or("")));
        }
        out.push_str("</tr></thead><tbody>");
        for w in &evidence.waivers {
            let _ = write!(
                out,
                "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td class=\"nowrap\">{}</td><td>{}</td><td>{}</td></tr>",
                esc(&w.id),
                esc(&w.control),
                esc(&w.state),
                esc(&w.expires),
                esc(&w.approved_by),
                code(&w.reason),
            );
        }
        out.push_str("</tbody></table>\n");
    }
}

/// The assumptions and limits of the check, shortly.
fn limits(out: &mut String, evidence: &Evidence, style: Style) {
    let lang = style.lang;
    let _ = writeln!(
        out,
        "<h2>{}</h2><ul class=\"tight\">",
        esc(t(lang, "summary.assumptions"))
    );
    let s = &evidence.subject;
    let target = match (&s.commit, &s.remote) {
        (Some(c), Some(r)) => format!("`{r}` @ `{}`", short(c)),
        (Some(c), None) => format!("`{}`", short(c)),
        _ => t(lang, "report.no-commit").to_string(),
    };
    let _ = writeln!(
        out,
        "<li>{}</li><li>{}</li>",
        code(&tf(
            lang,
            "summary.scope",
            &[("files", &s.files.to_string()), ("target", &target)]
        )),
        esc(t(lang, "summary.presence"))
    );
    let not_evaluated: Vec<String> = evidence
        .controls
        .iter()
        .filter(|c| matches!(c.status, Status::NotApplicable | Status::Error))
        .map(|c| format!("`{}` ({})", c.id, c.reason.as_deref().unwrap_or_default()))
        .collect();
    if !not_evaluated.is_empty() {
        let _ = writeln!(
            out,
            "<li>{}</li>",
            code(&tf(
                lang,
                "summary.not-evaluated",
                &[("list", &not_evaluated.join("; "))]
            ))
        );
    }
    if evidence.gate.strict {
        let _ = writeln!(out, "<li>{}</li>", esc(t(lang, "summary.strict")));
    }
    let _ = writeln!(out, "<li>{}</li></ul>", code(t(lang, "summary.verify")));
}
