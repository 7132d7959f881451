//! One self-contained HTML page: inline CSS (screen and print), no scripts, no external assets;
//! the only links are to the repository's files at the checked commit.

use std::fmt::Write;

use crate::evidence::{ControlResult, Evidence};
use crate::render::i18n::{self, Language, t, tf};

use super::{Style, control_light, decision_light, file_link, short, troubled};

pub(crate) const CSS: &str = r#"
:root { --green:#1a7f37; --amber:#b26b00; --red:#c62828; --grey:#6b7280; --ink:#1f2328; --line:#d0d7de; --soft:#f6f8fa; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); margin: 0; background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
code { font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; background: var(--soft); padding: 1px 4px; border-radius: 4px; overflow-wrap: anywhere; }
.banner { display: flex; align-items: center; gap: 20px; border: 3px solid var(--grey); border-radius: 10px; padding: 16px 20px; margin: 16px 0; }
.banner.green { border-color: var(--green); background: #eaf6ec; }
.banner.amber { border-color: var(--amber); background: #fff5e0; }
.banner.red { border-color: var(--red); background: #fdecea; }
.lamp { display: flex; flex-direction: column; gap: 6px; background: #2d333b; padding: 8px; border-radius: 10px; }
.lamp span { width: 22px; height: 22px; border-radius: 50%; background: #57606a; opacity: .35; }
.lamp .on.red { background: var(--red); opacity: 1; } .lamp .on.amber { background: #f0a500; opacity: 1; } .lamp .on.green { background: #2ea043; opacity: 1; }
.verdict { font-size: 30px; font-weight: 800; letter-spacing: .02em; }
.verdict.green { color: var(--green); } .verdict.amber { color: var(--amber); } .verdict.red { color: var(--red); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
.facts dt { font-weight: 600; } .facts dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
.dot { display: inline-block; width: 14px; height: 14px; border-radius: 50%; vertical-align: middle; }
.dot.green { background: #2ea043; } .dot.amber { background: #f0a500; } .dot.red { background: var(--red); } .dot.grey { background: #c4c9cf; }
.st { font-weight: 700; white-space: nowrap; }
.st.green { color: var(--green); } .st.amber { color: var(--amber); } .st.red { color: var(--red); } .st.grey { color: var(--grey); }
.control { border-left: 4px solid var(--grey); padding: 2px 0 2px 12px; margin: 14px 0; break-inside: avoid; }
.control.red { border-color: var(--red); } .control.amber { border-color: #f0a500; }
.control ul { margin: 4px 0; padding-left: 20px; }
.code { color: var(--grey); font-size: 12px; }
.muted { color: var(--grey); }
footer { margin-top: 40px; color: var(--grey); font-size: 12px; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .banner, .dot, .lamp, .lamp span, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  /* A heading stays with the table or list below it. */
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
  h2 + table, h3 + table, h2 + ul, h3 + ul { break-before: avoid; page-break-before: avoid; }
  thead { display: table-header-group; }
  tr, .control { break-inside: avoid; page-break-inside: avoid; }
}
"#;

const RISK_CSS: &str = super::risk_matrix::CSS;

pub fn render(evidence: &Evidence, style: Style) -> String {
    // Repository text is shown escaped (control and bidi characters as `\u{HEX}`).
    let evidence = &*crate::support::escape::strings(evidence);
    let lang = style.lang;
    let mut out = String::new();
    let light = decision_light(evidence.decision).class();
    let decision = i18n::decision(lang, evidence.decision);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — {} — {}</title>\n<style>{CSS}{RISK_CSS}</style>\n</head>\n<body>\n<main>\n",
        i18n::code(lang),
        esc(decision),
        esc(&evidence.playbook.name),
        esc(&tf(lang, "report.gate", &[("gate", &evidence.gate.name)])),
    );
    let _ = writeln!(
        out,
        "<h1>{} · {}</h1>",
        esc(t(lang, "report.title")),
        esc(&evidence.playbook.name)
    );

    // The decision with a traffic light.
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
        esc_code(&super::gate_label(evidence, lang)),
        esc(&super::markdown::explain(evidence, lang)),
    );
    facts(&mut out, evidence, lang);

    // The traffic-light table.
    let _ = writeln!(out, "<h2>{}</h2>", esc(t(lang, "report.controls")));
    let _ = writeln!(
        out,
        "<table id=\"controls\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        esc(t(lang, "report.col-light")),
        esc(t(lang, "report.col-control")),
        esc(t(lang, "report.col-level")),
        esc(t(lang, "report.col-status")),
        esc(t(lang, "report.col-title")),
        esc(t(lang, "report.col-findings")),
    );
    for c in &evidence.controls {
        let l = control_light(c).class();
        let _ = writeln!(
            out,
            "<tr><td><span class=\"dot {l}\" title=\"{l}\"></span></td><td><code>{}</code></td><td>{}</td><td class=\"st {l}\">{}</td><td>{}</td><td>{}</td></tr>",
            esc(&c.id),
            esc(i18n::level(lang, c.level)),
            esc(i18n::status(lang, c.status)),
            esc_code(&c.title),
            c.findings.len(),
        );
    }
    out.push_str("</tbody></table>\n");

    // Findings of failed and errored controls.
    let _ = writeln!(
        out,
        "<h2 id=\"findings\">{}</h2>",
        esc(t(lang, "report.findings"))
    );
    let troubled: Vec<&ControlResult> = evidence.controls.iter().filter(|c| troubled(c)).collect();
    if troubled.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(t(lang, "report.no-findings")));
    }
    for c in troubled {
        let l = control_light(c).class();
        let _ = writeln!(
            out,
            "<div class=\"control {l}\"><h3><span class=\"dot {l}\"></span> <code>{}</code> {} <span class=\"muted\">({}, {})</span></h3>",
            esc(&c.id),
            esc_code(&c.title),
            esc(i18n::level(lang, c.level)),
            esc(i18n::status(lang, c.status)),
        );
        if let Some(why) = &c.rationale {
            let _ = writeln!(
                out,
                "<p><strong>{}:</strong> {}</p>",
                esc(t(lang, "report.rationale")),
                esc_code(why)
            );
        }
        if let Some(reason) = &c.reason_in(lang == Language::De) {
            let _ = writeln!(
                out,
                "<p><strong>{}:</strong> {}</p>",
                esc(t(lang, "report.reason")),
                esc_code(reason)
            );
        }
        if !c.findings.is_empty() {
            out.push_str("<ul>\n");
            for f in &c.findings {
                let place = match &f.path {
                    Some(p) => {
                        let label = match f.line {
                            Some(l) => format!("{p}:{l}"),
                            None => p.clone(),
                        };
                        format!("{}: ", path_html(evidence, p, f.line, &label))
                    }
                    None => String::new(),
                };
                let accepted = super::finding_text::accepted_note(f, lang)
                    .map(|n| format!(" <em>({})</em>", esc(&n)))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "<li>{place}{}{accepted} <span class=\"code\">[{}]</span></li>",
                    esc_code(&super::finding_text::message_after_place(f, lang)),
                    esc(&f.code)
                );
            }
            out.push_str("</ul>\n");
        }
        for fix in super::finding_text::fixes(c, lang) {
            let _ = writeln!(
                out,
                "<p><strong>{}:</strong> {}</p>",
                esc(t(lang, "report.fix")),
                esc_code(fix)
            );
        }
        out.push_str("</div>\n");
    }

    out.push_str(&super::risk_matrix::html(evidence, lang));
    decision_logs(&mut out, evidence, lang);

    // Every evidence item, per control.
    let _ = writeln!(
        out,
        "<h2 id=\"evidence\">{}</h2>",
        esc(t(lang, "report.evidence"))
    );
    let mut any = false;
    for c in evidence.controls.iter().filter(|c| !c.evidence.is_empty()) {
        any = true;
        let _ = writeln!(
            out,
            "<h3><code>{}</code> <span class=\"st {}\">{}</span></h3>",
            esc(&c.id),
            control_light(c).class(),
            esc(i18n::status(lang, c.status))
        );
        let _ = writeln!(
            out,
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            esc(t(lang, "report.col-path")),
            esc(t(lang, "report.col-blob")),
            esc(t(lang, "report.col-note")),
        );
        for item in &c.evidence {
            let label = match item.line {
                Some(l) => format!("{}:{l}", item.path),
                None => item.path.clone(),
            };
            let note = [item.note.as_deref(), item.excerpt.as_deref()]
                .into_iter()
                .flatten()
                .map(esc_code)
                .collect::<Vec<_>>()
                .join(" — ");
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td><code>{}</code></td><td>{note}</td></tr>",
                path_html(evidence, &item.path, item.line, &label),
                esc(item.blob.as_deref().map(short).unwrap_or("")),
            );
        }
        out.push_str("</tbody></table>\n");
    }
    if !any {
        let _ = writeln!(out, "<p>{}</p>", esc(t(lang, "report.no-evidence")));
    }

    if !evidence.waivers.is_empty() {
        let _ = writeln!(
            out,
            "<h2>{}</h2><table><thead><tr>",
            esc(t(lang, "waivers.heading"))
        );
        for col in t(lang, "waivers.columns").split('|') {
            let _ = write!(out, "<th>{}</th>", esc(col));
        }
        out.push_str("</tr></thead><tbody>\n");
        for w in &evidence.waivers {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&w.id),
                esc(&w.control),
                esc(&w.state),
                esc(&w.created),
                esc(&w.expires),
                esc(&w.approved_by),
                esc(w.ticket.as_deref().or(w.link.as_deref()).unwrap_or("")),
                esc(&w.reason)
            );
        }
        out.push_str("</tbody></table>\n");
    }

    if !evidence.playbook.roles.is_empty() {
        let _ = writeln!(
            out,
            "<h2 id=\"roles\">{}</h2>\n<table><thead><tr>",
            esc(t(lang, "report.roles"))
        );
        for col in t(lang, "report.roles-columns").split('|') {
            let _ = write!(out, "<th>{}</th>", esc(col));
        }
        out.push_str("</tr></thead><tbody>\n");
        for r in &evidence.playbook.roles {
            let _ = writeln!(
                out,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                esc(&r.name),
                esc_code(r.description.as_deref().unwrap_or("")),
                esc(&r.members.join(", "))
            );
        }
        out.push_str("</tbody></table>\n");
    }

    if !evidence.warnings.is_empty() {
        let _ = writeln!(out, "<h2>{}</h2><ul>", esc(t(lang, "report.warnings")));
        for w in &evidence.warnings {
            let _ = writeln!(out, "<li>{}</li>", esc_code(w));
        }
        out.push_str("</ul>\n");
    }
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

fn facts(out: &mut String, evidence: &Evidence, lang: Language) {
    let s = &evidence.subject;
    out.push_str("<dl class=\"facts\">\n");
    let mut row = |k: &str, v: String| {
        let _ = writeln!(out, "<dt>{}</dt><dd>{v}</dd>", esc(k));
    };
    if let Some(remote) = &s.remote {
        row(
            t(lang, "report.repository"),
            format!("<code>{}</code>", esc(remote)),
        );
    }
    let commit = match &s.commit {
        Some(c) => {
            let reference = s
                .tag
                .as_deref()
                .or(s.reference.as_deref())
                .map(|r| format!(" (<code>{}</code>)", esc(r)))
                .unwrap_or_default();
            format!("<code>{}</code>{reference}", esc(c))
        }
        None => esc(t(lang, "report.no-commit")),
    };
    row(t(lang, "report.commit"), commit);
    let version = evidence
        .playbook
        .version
        .as_deref()
        .map(|v| format!(" v{v}"))
        .unwrap_or_default();
    row(
        t(lang, "report.playbook"),
        format!(
            "<code>{}</code> — {}{}{}",
            esc(&evidence.playbook.path),
            esc(&evidence.playbook.name),
            esc(&version),
            evidence
                .playbook
                .description
                .as_deref()
                .map(|d| format!("<br><span class=\"muted\">{}</span>", esc_code(d)))
                .unwrap_or_default()
        ),
    );
    if let Some(origin) = super::policy_origin(evidence, lang) {
        row(t(lang, "report.policy"), esc(&origin));
    }
    if let Some(at) = super::finding_text::generated(evidence, lang) {
        row(t(lang, "report.generated"), esc(&at));
    }
    row(
        t(lang, "report.controls"),
        esc(&super::counts_line(evidence, lang)),
    );
    out.push_str("</dl>\n");
}

fn decision_logs(out: &mut String, evidence: &Evidence, lang: Language) {
    for c in evidence.controls.iter().filter(|c| !c.records.is_empty()) {
        let _ = writeln!(
            out,
            "<h2 id=\"decision-log-{}\">{}</h2>",
            esc(&c.id),
            esc_code(&tf(lang, "report.decision-log-of", &[("control", &c.id)]))
        );
        let _ = writeln!(
            out,
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            esc(t(lang, "report.col-id")),
            esc(t(lang, "report.col-title")),
            esc(t(lang, "report.col-status")),
            esc(t(lang, "report.col-date")),
        );
        for r in &c.records {
            let status = match r.status_raw.as_deref().or(r.status.as_deref()) {
                Some(s) => esc(s),
                None => format!(
                    "<em class=\"muted\">{}</em>",
                    esc(t(lang, "report.no-status"))
                ),
            };
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}<br><span class=\"muted\">{}</span></td><td>{status}</td><td>{}</td></tr>",
                esc(&r.id),
                esc(&r.title),
                path_html(evidence, &r.path, r.line, &r.path),
                esc(r.date.as_deref().unwrap_or("")),
            );
        }
        out.push_str("</tbody></table>\n");
    }
}

/// A path as `<code>`, linked to the file at the commit when the remote allows.
fn path_html(evidence: &Evidence, path: &str, line: Option<u32>, label: &str) -> String {
    match file_link(evidence, path, line) {
        Some(url) => format!("<a href=\"{}\"><code>{}</code></a>", esc(&url), esc(label)),
        None => format!("<code>{}</code>", esc(label)),
    }
}

/// Escapes text for HTML content and attribute values.
pub(crate) fn esc(text: &str) -> String {
    crate::support::escape::html(text)
}

/// Escapes text and shows its backtick spans as `<code>`.
fn esc_code(text: &str) -> String {
    crate::support::escape::html_code(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            esc("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
        assert_eq!(esc_code("a `<b>` c"), "a <code>&lt;b&gt;</code> c");
    }
}
