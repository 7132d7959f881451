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

const CSS: &str = "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}\
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}\
th{background:#f3f3f3}.GO{color:#176f2c;font-weight:bold}.GO_WITH_CONDITIONS{color:#9a6700;font-weight:bold}\
.NO_GO{color:#b42318;font-weight:bold}ul.totals{list-style:none;padding:0}";

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
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Governance portfolio</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>Governance portfolio</h1>\n<ul class=\"totals\">\n"
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
    out.push_str("</body>\n</html>\n");
    out
}

// ---------------------------------------------------------------- CSV
