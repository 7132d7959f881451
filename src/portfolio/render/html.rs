//! The portfolio as one HTML page without scripts from elsewhere: tables with the decision
//! coloured, every text escaped.
//!
//! The repositories table stays usable at fleet size (100,000 rows): the page holds the rows as
//! JSON in a `<script type="application/json">` block and a small inline script shows them a
//! page at a time, sorted and filtered; without scripts the first page is there as plain HTML.

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

/// Rows of the repositories table written as HTML (the first page); the rest are shown by the
/// script.
const PAGE: usize = 100;

/// The repositories table of a [`Table`] (as the tests make them).
#[cfg(test)]
fn repositories_html(out: &mut String, t: Table) {
    let mut bytes = Vec::new();
    let mut sink = Sink::new(&mut bytes);
    repositories_rows(&mut sink, &t.head, t.rows.iter(), t.rows.len());
    let _ = sink.finish();
    out.push_str(&String::from_utf8(bytes).unwrap_or_default());
}

/// The repositories table: its first page as HTML, all rows as JSON, and the script. The rows
/// are made as they are written (twice for the first page), never held all at once.
fn repositories_rows<R: AsRef<[String]>>(
    out: &mut Sink,
    head: &[&'static str],
    rows: impl Iterator<Item = R> + Clone,
    total: usize,
) {
    out.push_str(
        "<p id=\"repo-tools\" hidden><label>Filter <input id=\"repo-filter\" type=\"search\"></label> \
<label>Decision <select id=\"repo-decision\"><option value=\"\">all</option><option>GO</option>\
<option>GO WITH CONDITIONS</option><option>NO-GO</option></select></label> \
<button id=\"repo-prev\" type=\"button\">&lt; previous</button> <span id=\"repo-page\"></span> \
<button id=\"repo-next\" type=\"button\">next &gt;</button></p>\n",
    );
    let first = Table {
        head: head.to_vec(),
        rows: rows
            .clone()
            .take(PAGE)
            .map(|r| r.as_ref().to_vec())
            .collect(),
    };
    html_table(out, &first, Some(2));
    if total > PAGE {
        let _ = writeln!(
            out,
            "<noscript><p>The first {PAGE} of {total} rows; all rows are in the CSV and JSON \
formats.</p></noscript>"
        );
    }
    out.push_str("<script type=\"application/json\" id=\"repo-rows\">[");
    for (i, row) in rows.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        for (j, cell) in row.as_ref().iter().enumerate() {
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
fn script_json(out: &mut impl Write, s: &str) {
    let json = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    // Runs of plain characters are passed on whole.
    let mut plain = 0;
    for (at, c) in json.char_indices() {
        let escaped = match c {
            '<' => "\\u003c",
            '>' => "\\u003e",
            '&' => "\\u0026",
            '\u{2028}' => "\\u2028",
            '\u{2029}' => "\\u2029",
            _ => continue,
        };
        let _ = out.write_str(&json[plain..at]);
        let _ = out.write_str(escaped);
        plain = at + c.len_utf8();
    }
    let _ = out.write_str(&json[plain..]);
}

/// Paging, sorting (click a column head) and filtering of the repositories table, on the rows
/// of `#repo-rows`; every cell is set as text, never as markup.
const REPO_SCRIPT: &str = include_str!("portfolio.js");

fn html_table(out: &mut Sink, t: &Table, decision_column: Option<usize>) {
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

pub(super) fn html(out: &mut Sink, p: &Portfolio) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Governance portfolio</title>\n<style>{}{PORTFOLIO_CSS}</style>\n</head>\n<body>\n<main>\n<h1>Governance portfolio</h1>\n<ul class=\"totals\">\n",
        crate::render::html::CSS
    );
    for line in totals_lines(p) {
        let _ = writeln!(out, "<li>{}</li>", escape_cell(&line));
    }
    out.push_str("</ul>\n<h2>Repositories</h2>\n");
    repositories_rows(
        out,
        &REPOSITORIES_HEAD,
        p.repositories.iter().map(repository_row),
        p.repositories.len(),
    );
    out.push_str("<h2>Oldest open findings</h2>\n");
    if p.oldest_findings.is_empty() {
        out.push_str("<p>None.</p>\n");
    } else {
        html_table(out, &findings_table(&p.oldest_findings), None);
    }
    let _ = writeln!(
        out,
        "<h2>Waivers about to expire (within {} days)</h2>",
        p.within_days
    );
    if p.expiring_waivers.is_empty() {
        out.push_str("<p>None.</p>\n");
    } else {
        html_table(out, &waivers_table(&p.expiring_waivers), None);
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
        );
        assert_eq!(out.matches("<tr>").count(), 1 + PAGE);
        assert!(out.contains("The first 100 of 250 rows"));
        assert!(out.contains("[\"repo-249\",\"all\",\"GO\"]]</script>"));
        assert_eq!(out.matches("<script").count(), 2);
    }
}
