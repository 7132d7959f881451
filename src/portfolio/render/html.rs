//! The portfolio as one HTML page without scripts from elsewhere: tables with the decision
//! coloured, every text escaped.

use super::*;

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
.GO_WITH_CONDITIONS{color:var(--amber);font-weight:bold}.NO_GO{color:var(--red);font-weight:bold}\
ul.totals{list-style:none;padding:0}";

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

pub(super) fn html(p: &Portfolio) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Governance portfolio</title>\n<style>{}{PORTFOLIO_CSS}</style>\n</head>\n<body>\n<main>\n<h1>Governance portfolio</h1>\n<ul class=\"totals\">\n",
        crate::render::html::CSS
    );
    for line in totals_lines(p) {
        let _ = writeln!(out, "<li>{}</li>", escape_cell(&line));
    }
    out.push_str("</ul>\n<h2>Repositories</h2>\n");
    html_table(&mut out, &repositories_table(p), Some(2));
    out.push_str("<h2>Oldest open findings</h2>\n");
    if p.oldest_findings.is_empty() {
        out.push_str("<p>None.</p>\n");
    } else {
        html_table(&mut out, &findings_table(&p.oldest_findings), None);
    }
    let _ = writeln!(
        out,
        "<h2>Waivers about to expire (within {} days)</h2>",
        p.within_days
    );
    if p.expiring_waivers.is_empty() {
        out.push_str("<p>None.</p>\n");
    } else {
        html_table(&mut out, &waivers_table(&p.expiring_waivers), None);
    }
    if !p.skipped.is_empty() {
        out.push_str("<h2>Not included</h2>\n<ul>\n");
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
