//! The portfolio for people and tools: Markdown, self-contained HTML, CSV (RFC 4180), JSON.
//! Each is a pure function of the [`Portfolio`].

mod html;

use html::html;

use std::fmt::Write;

use super::{ExpiringWaiver, OpenFinding, Portfolio, Repository};
use crate::render::i18n::{self, Language, t, tf};
use crate::support::escape::{block, json_text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PortfolioFormat {
    Markdown,
    Html,
    Csv,
    Json,
}

/// The portfolio in `format`; the texts for people (headings, column heads, totals, decisions)
/// in `lang`, CSV and JSON keys always as they are.
pub fn render(p: &Portfolio, format: PortfolioFormat, lang: Language) -> String {
    match format {
        PortfolioFormat::Markdown => markdown(p, lang),
        PortfolioFormat::Html => html(p, lang),
        PortfolioFormat::Csv => csv(p),
        PortfolioFormat::Json => {
            let mut s = json_text(serde_json::to_string_pretty(p).unwrap_or_default());
            s.push('\n');
            s
        }
    }
}

fn short_commit(c: Option<&str>) -> String {
    c.map(|c| crate::support::short(c).to_string())
        .unwrap_or_else(|| "-".into())
}

fn date(d: Option<&str>) -> String {
    d.map(|d| d.get(..10).unwrap_or(d).to_string())
        .unwrap_or_else(|| "-".into())
}

fn opt_num(n: Option<i64>) -> String {
    n.map_or_else(|| "-".into(), |n| n.to_string())
}

/// `GO → NO-GO (worse)`, or `-` with a single report.
fn trend_text(r: &Repository, lang: Language) -> String {
    let Some(trend) = &r.trend else {
        return "-".into();
    };
    let seq: Vec<&str> = trend
        .decisions
        .iter()
        .map(|d| i18n::decision(lang, d.decision))
        .collect();
    let direction = match trend.last.decision_after.cmp(&trend.last.decision_before) {
        std::cmp::Ordering::Less => "portfolio.better",
        std::cmp::Ordering::Greater => "portfolio.worse",
        std::cmp::Ordering::Equal if trend.last.is_worse() => "portfolio.worse",
        std::cmp::Ordering::Equal => "portfolio.unchanged",
    };
    tf(
        lang,
        "portfolio.trend",
        &[
            ("sequence", &seq.join(" → ")),
            ("direction", t(lang, direction)),
            ("new", &trend.last.new_findings.len().to_string()),
            ("resolved", &trend.last.resolved_findings.len().to_string()),
        ],
    )
}

/// Column heads from a catalogue entry `A|B|C`.
fn columns(lang: Language, key: &'static str) -> Vec<&'static str> {
    t(lang, key).split('|').collect()
}

fn oldest_age(r: &Repository) -> Option<i64> {
    r.oldest_age_days
}

struct Table {
    head: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

fn repositories_table(p: &Portfolio, lang: Language) -> Table {
    Table {
        head: columns(lang, "portfolio.repositories-columns"),
        rows: p
            .repositories
            .iter()
            .map(|r| {
                vec![
                    r.name.clone(),
                    r.gate.clone(),
                    i18n::decision(lang, r.decision).into(),
                    r.must.text(),
                    r.should.text(),
                    r.open_findings.to_string(),
                    opt_num(oldest_age(r)),
                    r.expiring_waivers.len().to_string(),
                    trend_text(r, lang),
                    short_commit(r.commit.as_deref()),
                    date(r.generated_at.as_deref()),
                ]
            })
            .collect(),
    }
}

fn findings_table(list: &[OpenFinding], lang: Language) -> Table {
    Table {
        head: columns(lang, "portfolio.findings-columns"),
        rows: list
            .iter()
            .map(|f| {
                vec![
                    opt_num(f.age_days),
                    date(f.first_seen.as_deref()),
                    f.repository.clone(),
                    f.control.clone(),
                    i18n::level(lang, f.level).to_string(),
                    f.code.clone(),
                    match (&f.path, f.line) {
                        (Some(p), Some(l)) => format!("{p}:{l}"),
                        (Some(p), None) => p.clone(),
                        _ => "-".into(),
                    },
                    f.message.clone(),
                ]
            })
            .collect(),
    }
}

fn waivers_table(list: &[ExpiringWaiver], lang: Language) -> Table {
    Table {
        head: columns(lang, "portfolio.waivers-columns"),
        rows: list
            .iter()
            .map(|w| {
                vec![
                    w.expires.clone(),
                    opt_num(w.days_left),
                    w.repository.clone(),
                    w.id.clone(),
                    w.control.clone(),
                    w.approved_by.clone(),
                    w.ticket.clone().unwrap_or_else(|| "-".into()),
                ]
            })
            .collect(),
    }
}

fn totals_lines(p: &Portfolio, lang: Language) -> Vec<String> {
    let totals = &p.totals;
    let n = |n: usize| n.to_string();
    let rows = if totals.gates != totals.repositories {
        tf(lang, "portfolio.totals-rows", &[("n", &n(totals.gates))])
    } else {
        String::new()
    };
    let as_of = p
        .as_of
        .as_deref()
        .map(|d| tf(lang, "portfolio.totals-as-of", &[("date", &date(Some(d)))]))
        .unwrap_or_default();
    let skipped = if totals.skipped > 0 {
        tf(
            lang,
            "portfolio.decisions-skipped",
            &[("n", &n(totals.skipped))],
        )
    } else {
        String::new()
    };
    vec![
        tf(
            lang,
            "portfolio.totals",
            &[
                ("repositories", &n(totals.repositories)),
                ("rows", &rows),
                ("reports", &n(totals.reports)),
                ("as_of", &as_of),
            ],
        ),
        tf(
            lang,
            "portfolio.decisions",
            &[
                ("go", &n(totals.go)),
                ("conditions", &n(totals.go_with_conditions)),
                ("no_go", &n(totals.no_go)),
                ("skipped", &skipped),
            ],
        ),
        tf(
            lang,
            "portfolio.passed",
            &[
                ("must", &totals.must.text()),
                ("should", &totals.should.text()),
            ],
        ),
        tf(
            lang,
            "portfolio.open",
            &[
                ("n", &n(totals.open_findings)),
                ("days", &p.within_days.to_string()),
                ("waivers", &n(totals.expiring_waivers)),
            ],
        ),
    ]
}

// ---------------------------------------------------------------- Markdown

fn md_cell(s: &str) -> String {
    block(s)
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

fn md_table(out: &mut String, t: &Table) {
    let _ = writeln!(out, "| {} |", t.head.join(" | "));
    let _ = writeln!(
        out,
        "|{}",
        t.head.iter().map(|_| "---|").collect::<String>()
    );
    for row in &t.rows {
        let cells: Vec<String> = row.iter().map(|c| md_cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
}

fn markdown(p: &Portfolio, lang: Language) -> String {
    let none = t(lang, "portfolio.none");
    let mut out = format!("# {}\n\n", t(lang, "portfolio.title"));
    for line in totals_lines(p, lang) {
        let _ = writeln!(out, "- {line}");
    }
    let _ = writeln!(out, "\n## {}\n", t(lang, "portfolio.repositories"));
    md_table(&mut out, &repositories_table(p, lang));
    let none_if = |empty: bool| {
        if empty {
            format!("{none}\n")
        } else {
            String::new()
        }
    };
    let _ = writeln!(
        out,
        "\n## {}\n\n{}",
        t(lang, "portfolio.oldest"),
        none_if(p.oldest_findings.is_empty())
    );
    if !p.oldest_findings.is_empty() {
        md_table(&mut out, &findings_table(&p.oldest_findings, lang));
    }
    let heading = tf(
        lang,
        "portfolio.expiring",
        &[("days", &p.within_days.to_string())],
    );
    let _ = writeln!(
        out,
        "\n## {heading}\n\n{}",
        none_if(p.expiring_waivers.is_empty())
    );
    if !p.expiring_waivers.is_empty() {
        md_table(&mut out, &waivers_table(&p.expiring_waivers, lang));
    }
    let trends: Vec<&Repository> = p
        .repositories
        .iter()
        .filter(|r| r.trend.is_some())
        .collect();
    if !trends.is_empty() {
        let _ = writeln!(out, "\n## {}", t(lang, "portfolio.trends"));
        for r in trends {
            let trend = r.trend.as_ref().expect("filtered");
            let _ = writeln!(out, "\n### {} ({})\n", md_cell(&r.name), md_cell(&r.gate));
            for d in &trend.decisions {
                let _ = writeln!(
                    out,
                    "- {} {}: {}",
                    date(d.generated_at.as_deref()),
                    short_commit(d.commit.as_deref()),
                    i18n::decision(lang, d.decision)
                );
            }
            let last = &trend.last;
            let _ = writeln!(
                out,
                "\n{}",
                tf(
                    lang,
                    "portfolio.last-change",
                    &[
                        ("regressed", &last.regressed.len().to_string()),
                        ("improved", &last.improved.len().to_string()),
                        ("new", &last.new_findings.len().to_string()),
                        ("resolved", &last.resolved_findings.len().to_string()),
                    ],
                )
            );
        }
    }
    if !p.skipped.is_empty() {
        let _ = writeln!(out, "\n## {}\n", t(lang, "portfolio.not-included"));
        for s in &p.skipped {
            let _ = writeln!(out, "- `{}`: {}", md_cell(&s.source), md_cell(&s.reason));
        }
    }
    out
}

// ---------------------------------------------------------------- HTML

/// A CSV writer of RFC 4180 records: fields quoted only when needed, quotes doubled, CRLF.
fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new())
}

/// One row per repository and gate, with a header row; CRLF line ends.
fn csv(p: &Portfolio) -> String {
    let head = [
        "repository",
        "key",
        "gate",
        "decision",
        "reports",
        "generated_at",
        "commit",
        "must_passed",
        "must_applicable",
        "must_percent",
        "should_passed",
        "should_applicable",
        "should_percent",
        "waived",
        "baselined",
        "open_findings",
        "oldest_open_days",
        "expiring_waivers",
        "trend",
        "new_findings",
        "resolved_findings",
        "source",
    ];
    let mut w = csv_writer();
    let _ = w.write_record(head);
    let opt = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    for r in &p.repositories {
        let (trend, new, resolved) = match &r.trend {
            Some(t) => (
                t.decisions
                    .iter()
                    .map(|d| d.decision.label())
                    .collect::<Vec<_>>()
                    .join(" > "),
                t.last.new_findings.len().to_string(),
                t.last.resolved_findings.len().to_string(),
            ),
            None => (String::new(), String::new(), String::new()),
        };
        let row = [
            r.name.clone(),
            r.key.clone(),
            r.gate.clone(),
            r.decision.label().to_string(),
            r.reports.to_string(),
            r.generated_at.clone().unwrap_or_default(),
            r.commit.clone().unwrap_or_default(),
            r.must.passed.to_string(),
            r.must.applicable.to_string(),
            opt(r.must.percent),
            r.should.passed.to_string(),
            r.should.applicable.to_string(),
            opt(r.should.percent),
            (r.must.waived + r.should.waived).to_string(),
            (r.must.baselined + r.should.baselined).to_string(),
            r.open_findings.to_string(),
            oldest_age(r).map(|n| n.to_string()).unwrap_or_default(),
            r.expiring_waivers.len().to_string(),
            trend,
            new,
            resolved,
            r.source.clone(),
        ];
        let _ = w.write_record(row.iter().map(|c| block(c).into_owned()));
    }
    // Writing to a Vec cannot fail; an empty report is the safe fallback all the same.
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_per_rfc_4180() {
        let mut w = csv_writer();
        w.write_record(["plain", "a,b", "say \"hi\"", "two\nlines"])
            .expect("write");
        let text = String::from_utf8(w.into_inner().expect("flush")).expect("utf-8");
        assert_eq!(text, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
    }

    #[test]
    fn markdown_cells_keep_tables_intact() {
        assert_eq!(md_cell("a|b\nc"), "a\\|b c");
    }

    #[test]
    fn cells_show_control_and_bidi_characters_escaped() {
        assert_eq!(md_cell("a\x1b[31m\u{202e}"), "a\\\\u{1b}[31m\\\\u{202e}");
        assert_eq!(block("a\x1b\u{85}"), "a\\u{1b}\\u{85}");
        let mut w = csv_writer();
        w.write_record([block("a\x1b,b").as_ref()]).expect("write");
        let text = String::from_utf8(w.into_inner().expect("flush")).expect("utf-8");
        assert_eq!(text, "\"a\\u{1b},b\"\r\n");
    }
}
