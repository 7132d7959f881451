//! The portfolio as one HTML page without scripts from elsewhere: tables with the decision
//! coloured, every text escaped.
//!
//! The repositories table stays usable at fleet size (100,000 rows): the page holds the rows as
//! JSON in a `<script type="application/json">` block and a small inline script shows them a
//! page at a time, sorted and filtered; without scripts the first page is there as plain HTML.

use super::*;
use crate::evidence::Decision;

pub fn escape_html(s: &str) -> String {
    crate::support::escape::html(&block(s))
}

/// Escaped, with backtick spans (finding messages, waiver reasons) as `<code>`.
fn escape_cell(s: &str) -> String {
    crate::support::escape::html_code(&block(s))
}

/// The report's stylesheet (screen and print), with the decision colours of the portfolio's
/// table on top: one look for every page gonogo writes.
const PORTFOLIO_CSS: &str = ".GO{color:var(--green);font-weight:bold}\
.GO_WITH_CONDITIONS,.GO_MIT_AUFLAGEN{color:var(--amber);font-weight:bold}.NO_GO{color:var(--red);font-weight:bold}\
ul.totals{list-style:none;padding:0}";

/// Rows of the repositories table written as HTML (the first page); the rest are shown by the
/// script.
const PAGE: usize = 100;

/// The repositories table: its first page as HTML, all rows as JSON, and the script.
fn repositories_html(out: &mut String, t: Table, lang: Language) {
    let total = t.rows.len();
    let word = |key| escape_html(crate::render::i18n::t(lang, key));
    let _ = writeln!(
        out,
        "<p id=\"repo-tools\" hidden><label>{} <input id=\"repo-filter\" type=\"search\"></label> \
<label>{} <select id=\"repo-decision\"><option value=\"\">{}</option><option>{}</option>\
<option>{}</option><option>{}</option></select></label> \
<button id=\"repo-prev\" type=\"button\">&lt; {}</button> \
<span id=\"repo-page\" data-of=\"{}\" data-sort=\"{}\"></span> \
<button id=\"repo-next\" type=\"button\">{} &gt;</button></p>",
        word("portfolio.filter"),
        word("portfolio.decision"),
        word("portfolio.all"),
        escape_html(crate::render::i18n::decision(lang, Decision::Go)),
        escape_html(crate::render::i18n::decision(
            lang,
            Decision::GoWithConditions
        )),
        escape_html(crate::render::i18n::decision(lang, Decision::NoGo)),
        word("portfolio.previous"),
        word("portfolio.of"),
        word("portfolio.sort"),
        word("portfolio.next"),
    );
    let first = Table {
        head: t.head.clone(),
        rows: t.rows.iter().take(PAGE).cloned().collect(),
    };
    html_table(out, &first, Some(2));
    if total > PAGE {
        let _ = writeln!(
            out,
            "<noscript><p>{}</p></noscript>",
            escape_html(&crate::render::i18n::tf(
                lang,
                "portfolio.first-rows",
                &[("page", &PAGE.to_string()), ("total", &total.to_string())]
            ))
        );
    }
    out.push_str("<script type=\"application/json\" id=\"repo-rows\">[");
    for (i, row) in t.rows.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        for (j, cell) in row.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            script_json(out, &block(cell));
        }
        out.push(']');
    }
    out.push_str("]</script>\n<script>");
    out.push_str(REPO_SCRIPT);
    out.push_str("</script>\n");
}

/// A JSON string that is safe inside `<script>`: `<`, `>` and `&` (and the line separators
/// JavaScript once did not allow in strings) as `\u` escapes, so no `</script>` or `<!--` ends
/// or changes the block.
fn script_json(out: &mut String, s: &str) {
    let json = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
}

/// Paging, sorting (click a column head) and filtering of the repositories table, on the rows
/// of `#repo-rows`; every cell is set as text, never as markup.
const REPO_SCRIPT: &str = include_str!("portfolio.js");

fn html_table(out: &mut String, t: &Table, decision_column: Option<usize>) {
    out.push_str("<table>\n<tr>");
    for h in &t.head {
        let _ = write!(out, "<th>{}</th>", escape_html(h));
    }
    out.push_str("</tr>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            if Some(i) == decision_column {
                let class = c.replace([' ', '-'], "_");
                let _ = write!(
                    out,
                    "<td class=\"{}\">{}</td>",
                    escape_html(&class),
                    escape_html(c)
                );
            } else {
                let _ = write!(out, "<td>{}</td>", escape_cell(c));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}

pub(super) fn html(p: &Portfolio, lang: Language) -> String {
    let word = |key| escape_html(t(lang, key));
    let none = word("portfolio.none");
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{}{PORTFOLIO_CSS}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n<ul class=\"totals\">\n",
        crate::render::i18n::code(lang),
        word("portfolio.title"),
        crate::render::html::CSS,
        word("portfolio.title"),
    );
    for line in totals_lines(p, lang) {
        let _ = writeln!(out, "<li>{}</li>", escape_cell(&line));
    }
    let _ = writeln!(out, "</ul>\n<h2>{}</h2>", word("portfolio.repositories"));
    repositories_html(&mut out, repositories_table(p, lang), lang);
    let _ = writeln!(out, "<h2>{}</h2>", word("portfolio.oldest"));
    if p.oldest_findings.is_empty() {
        let _ = writeln!(out, "<p>{none}</p>");
    } else {
        html_table(&mut out, &findings_table(&p.oldest_findings, lang), None);
    }
    let _ = writeln!(
        out,
        "<h2>{}</h2>",
        escape_html(&tf(
            lang,
            "portfolio.expiring",
            &[("days", &p.within_days.to_string())]
        ))
    );
    if p.expiring_waivers.is_empty() {
        let _ = writeln!(out, "<p>{none}</p>");
    } else {
        html_table(&mut out, &waivers_table(&p.expiring_waivers, lang), None);
    }
    if !p.skipped.is_empty() {
        let _ = writeln!(out, "<h2>{}</h2>\n<ul>", word("portfolio.not-included"));
        for s in &p.skipped {
            let _ = writeln!(
                out,
                "<li><code>{}</code>: {}</li>",
                escape_html(&s.source),
                escape_cell(&s.reason)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

// ---------------------------------------------------------------- CSV

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_in_the_page_cannot_end_the_script() {
        let mut out = String::new();
        script_json(&mut out, "</script><!--&\u{2028}\"");
        assert_eq!(out, "\"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028\\\"\"");
        assert!(!out.contains('<') && !out.contains('>') && !out.contains('&'));
    }

    #[test]
    fn a_fleet_s_table_has_one_page_as_html_and_every_row_as_data() {
        let rows: Vec<Vec<String>> = (0..250)
            .map(|i| vec![format!("repo-{i}"), "all".into(), "GO".into()])
            .collect();
        let mut out = String::new();
        repositories_html(
            &mut out,
            Table {
                head: vec!["Repository", "Gate", "Decision"],
                rows,
            },
            Language::En,
        );
        assert_eq!(out.matches("<tr>").count(), 1 + PAGE);
        assert!(out.contains("The first 100 of 250 rows"));
        assert!(out.contains("[\"repo-249\",\"all\",\"GO\"]]</script>"));
        assert_eq!(out.matches("<script").count(), 2);
    }
}
