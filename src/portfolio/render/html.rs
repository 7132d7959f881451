//! The portfolio as one HTML page without scripts from elsewhere: tables with the decision
//! coloured, every text escaped.
//!
//! The repositories table stays usable at fleet size (100,000 rows): the page holds the rows as
//! JSON in a `<script type="application/json">` block and a small inline script shows them a
//! page at a time, sorted and filtered; without scripts the first page is there as plain HTML.

use askama::Template;

use super::*;
use crate::evidence::Decision;
use crate::render::i18n::Language;
use crate::render::page::{Texts, filters};

/// A table as the page shows it: each cell with its class (the decision column's) and its
/// text, control and bidi characters made visible.
struct HtmlTable {
    head: Vec<&'static str>,
    rows: Vec<Vec<(Option<String>, String)>>,
}

impl HtmlTable {
    fn new(t: &Table, rows: usize, decision_column: Option<usize>) -> Self {
        let rows = t
            .rows
            .iter()
            .take(rows)
            .map(|row| {
                row.iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let class = (Some(i) == decision_column)
                            .then(|| block(&c.replace([' ', '-'], "_")).into_owned());
                        (class, block(c).into_owned())
                    })
                    .collect()
            })
            .collect();
        HtmlTable {
            head: t.head.clone(),
            rows,
        }
    }
}

/// Rows of the repositories table written as HTML (the first page); the rest are shown by the
/// script.
const PAGE: usize = 100;

#[derive(Template)]
#[template(path = "html/portfolio.html")]
struct PortfolioPage {
    lang: Language,
    /// The decisions as the filter offers them, in the page's language.
    decisions: [&'static str; 3],
    /// The heading of the expiring waivers, with its number of days.
    expiring_heading: String,
    /// What `<noscript>` says when the table has more rows than one page.
    first_rows: String,
    totals: Vec<String>,
    /// The first page of the repositories table.
    repositories: HtmlTable,
    /// How many repositories there are.
    total: usize,
    page_size: usize,
    /// Every row of the repositories table, as JSON safe inside `<script>`.
    rows_json: String,
    script: &'static str,
    oldest: Option<HtmlTable>,
    expiring: Option<HtmlTable>,
    skipped: Vec<(String, String)>,
}

impl Texts for PortfolioPage {
    fn lang(&self) -> Language {
        self.lang
    }
}

impl PortfolioPage {
    fn new(lang: Language, within_days: i64, repositories: (HtmlTable, usize, String)) -> Self {
        let (repositories, total, rows_json) = repositories;
        let decision = |d| crate::render::i18n::decision(lang, d);
        PortfolioPage {
            lang,
            decisions: [
                decision(Decision::Go),
                decision(Decision::GoWithConditions),
                decision(Decision::NoGo),
            ],
            expiring_heading: tf(
                lang,
                "portfolio.expiring",
                &[("days", &within_days.to_string())],
            ),
            first_rows: tf(
                lang,
                "portfolio.first-rows",
                &[("page", &PAGE.to_string()), ("total", &total.to_string())],
            ),
            totals: Vec::new(),
            repositories,
            total,
            page_size: PAGE,
            rows_json,
            script: REPO_SCRIPT,
            oldest: None,
            expiring: None,
            skipped: Vec::new(),
        }
    }
}

/// The repositories table's rows as a JSON array of arrays, safe inside `<script>`.
fn rows_json(t: &Table) -> String {
    let mut out = String::from("[");
    for (i, row) in t.rows.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        for (j, cell) in row.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            script_json(&mut out, &block(cell));
        }
        out.push(']');
    }
    out.push(']');
    out
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

fn repositories(t: &Table) -> (HtmlTable, usize, String) {
    (HtmlTable::new(t, PAGE, Some(2)), t.rows.len(), rows_json(t))
}

pub(super) fn html(p: &Portfolio, lang: Language) -> String {
    let repositories = repositories(&repositories_table(p, lang));
    let page = PortfolioPage {
        totals: totals_lines(p, lang)
            .iter()
            .map(|l| block(l).into_owned())
            .collect(),
        oldest: (!p.oldest_findings.is_empty())
            .then(|| HtmlTable::new(&findings_table(&p.oldest_findings, lang), usize::MAX, None)),
        expiring: (!p.expiring_waivers.is_empty())
            .then(|| HtmlTable::new(&waivers_table(&p.expiring_waivers, lang), usize::MAX, None)),
        skipped: p
            .skipped
            .iter()
            .map(|s| (block(&s.source).into_owned(), block(&s.reason).into_owned()))
            .collect(),
        ..PortfolioPage::new(lang, p.within_days, repositories)
    };
    crate::render::page::render(&page)
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
        let table = Table {
            head: vec!["Repository", "Gate", "Decision"],
            rows,
        };
        let out = PortfolioPage {
            skipped: vec![("<b>".into(), "`x` & y".into())],
            ..PortfolioPage::new(Language::En, 30, repositories(&table))
        }
        .render()
        .unwrap();
        assert!(out.contains("<li><code>&#60;b&#62;</code>: <code>x</code> &#38; y</li>"));
        assert_eq!(out.matches("<tr>").count(), 1 + PAGE);
        assert!(out.contains("The first 100 of 250 rows"));
        assert!(out.contains("[\"repo-249\",\"all\",\"GO\"]]</script>"));
        assert_eq!(out.matches("<script").count(), 2);
    }
}
