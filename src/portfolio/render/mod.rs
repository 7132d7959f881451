//! The portfolio for people and tools: Markdown, self-contained HTML, CSV (RFC 4180), JSON.
//! Each is a pure function of the [`Portfolio`].

mod html;
mod sink;

#[cfg(test)]
use html::escape_html;
use html::html;
use sink::Sink;

use std::fmt::Write;

use super::{ExpiringWaiver, OpenFinding, Portfolio, Repository};
use crate::support::escape::{block, json_text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PortfolioFormat {
    Markdown,
    Html,
    Csv,
    Json,
}

pub fn render(p: &Portfolio, format: PortfolioFormat) -> String {
    let mut bytes = Vec::new();
    // Writing to a Vec cannot fail, and every format writes UTF-8.
    let _ = write(p, format, &mut bytes);
    String::from_utf8(bytes).unwrap_or_default()
}

/// Writes the portfolio. The tables (HTML, Markdown, CSV) are made and passed on a row at a
/// time, so a fleet's page is never held whole; the JSON is.
pub fn write(
    p: &Portfolio,
    format: PortfolioFormat,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        PortfolioFormat::Markdown => {
            let mut out = Sink::new(w);
            markdown(&mut out, p);
            out.finish()
        }
        PortfolioFormat::Html => {
            let mut out = Sink::new(w);
            html(&mut out, p);
            out.finish()
        }
        PortfolioFormat::Csv => csv(p, w),
        PortfolioFormat::Json => {
            let mut s = json_text(serde_json::to_string_pretty(p).unwrap_or_default());
            s.push('\n');
            w.write_all(s.as_bytes())?;
            w.flush()
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
fn trend_text(r: &Repository) -> String {
    let Some(t) = &r.trend else {
        return "-".into();
    };
    let seq: Vec<&str> = t.decisions.iter().map(|d| d.decision.label()).collect();
    let direction = match t.last.decision_after.cmp(&t.last.decision_before) {
        std::cmp::Ordering::Less => "better",
        std::cmp::Ordering::Greater => "worse",
        std::cmp::Ordering::Equal if t.last.is_worse() => "worse",
        std::cmp::Ordering::Equal => "unchanged",
    };
    format!(
        "{} ({direction}; +{} / -{} findings)",
        seq.join(" → "),
        t.last.new_findings.len(),
        t.last.resolved_findings.len()
    )
}

fn oldest_age(r: &Repository) -> Option<i64> {
    r.oldest_age_days
}

struct Table {
    head: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

const REPOSITORIES_HEAD: [&str; 11] = [
    "Repository",
    "Gate",
    "Decision",
    "Must passed",
    "Should passed",
    "Open findings",
    "Oldest open (days)",
    "Expiring waivers",
    "Trend",
    "Commit",
    "Date",
];

/// A row of the repositories table; the rows are made one at a time as they are written.
fn repository_row(r: &Repository) -> Vec<String> {
    vec![
        r.name.clone(),
        r.gate.clone(),
        r.decision.label().into(),
        r.must.text(),
        r.should.text(),
        r.open_findings.to_string(),
        opt_num(oldest_age(r)),
        r.expiring_waivers.len().to_string(),
        trend_text(r),
        short_commit(r.commit.as_deref()),
        date(r.generated_at.as_deref()),
    ]
}

fn findings_table(list: &[OpenFinding]) -> Table {
    Table {
        head: vec![
            "Age (days)",
            "Since",
            "Repository",
            "Control",
            "Level",
            "Code",
            "Path",
            "Message",
        ],
        rows: list
            .iter()
            .map(|f| {
                vec![
                    opt_num(f.age_days),
                    date(f.first_seen.as_deref()),
                    f.repository.clone(),
                    f.control.clone(),
                    format!("{:?}", f.level).to_lowercase(),
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

fn waivers_table(list: &[ExpiringWaiver]) -> Table {
    Table {
        head: vec![
            "Expires",
            "Days left",
            "Repository",
            "Waiver",
            "Control",
            "Approved by",
            "Ticket",
        ],
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

fn totals_lines(p: &Portfolio) -> Vec<String> {
    let t = &p.totals;
    vec![
        format!(
            "{} repositories{} from {} reports{}",
            t.repositories,
            if t.gates != t.repositories {
                format!(" ({} repository × gate rows)", t.gates)
            } else {
                String::new()
            },
            t.reports,
            p.as_of
                .as_deref()
                .map(|d| format!(", as of {}", date(Some(d))))
                .unwrap_or_default()
        ),
        format!(
            "GO: {} · GO WITH CONDITIONS: {} · NO-GO: {}{}",
            t.go,
            t.go_with_conditions,
            t.no_go,
            if t.skipped > 0 {
                format!(" · skipped: {}", t.skipped)
            } else {
                String::new()
            }
        ),
        format!(
            "must controls passed: {} · should controls passed: {}",
            t.must.text(),
            t.should.text()
        ),
        format!(
            "open findings: {} · waivers expiring within {} days: {}",
            t.open_findings, p.within_days, t.expiring_waivers
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

fn md_table(out: &mut Sink, t: &Table) {
    md_table_rows(out, &t.head, t.rows.iter());
}

fn md_table_rows<R: AsRef<[String]>>(out: &mut Sink, head: &[&str], rows: impl Iterator<Item = R>) {
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let _ = writeln!(out, "|{}", head.iter().map(|_| "---|").collect::<String>());
    for row in rows {
        let cells: Vec<String> = row.as_ref().iter().map(|c| md_cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
}

fn markdown(out: &mut Sink, p: &Portfolio) {
    out.push_str("# Governance portfolio\n\n");
    for line in totals_lines(p) {
        let _ = writeln!(out, "- {line}");
    }
    out.push_str("\n## Repositories\n\n");
    md_table_rows(
        out,
        &REPOSITORIES_HEAD,
        p.repositories.iter().map(repository_row),
    );
    let _ = writeln!(
        out,
        "\n## Oldest open findings\n\n{}",
        if p.oldest_findings.is_empty() {
            "None.\n"
        } else {
            ""
        }
    );
    if !p.oldest_findings.is_empty() {
        md_table(out, &findings_table(&p.oldest_findings));
    }
    let _ = writeln!(
        out,
        "\n## Waivers about to expire (within {} days)\n\n{}",
        p.within_days,
        if p.expiring_waivers.is_empty() {
            "None.\n"
        } else {
            ""
        }
    );
    if !p.expiring_waivers.is_empty() {
        md_table(out, &waivers_table(&p.expiring_waivers));
    }
    let trends: Vec<&Repository> = p
        .repositories
        .iter()
        .filter(|r| r.trend.is_some())
        .collect();
    if !trends.is_empty() {
        out.push_str("\n## Trends\n");
        for r in trends {
            let t = r.trend.as_ref().expect("filtered");
            let _ = writeln!(out, "\n### {} ({})\n", md_cell(&r.name), md_cell(&r.gate));
            for d in &t.decisions {
                let _ = writeln!(
                    out,
                    "- {} {}: {}",
                    date(d.generated_at.as_deref()),
                    short_commit(d.commit.as_deref()),
                    d.decision.label()
                );
            }
            let _ = writeln!(
                out,
                "\nLast change: {} regressed, {} improved, {} new and {} resolved findings.",
                t.last.regressed.len(),
                t.last.improved.len(),
                t.last.new_findings.len(),
                t.last.resolved_findings.len()
            );
        }
    }
    if !p.skipped.is_empty() {
        out.push_str("\n## Not included\n\n");
        for s in &p.skipped {
            let _ = writeln!(out, "- `{}`: {}", md_cell(&s.source), md_cell(&s.reason));
        }
    }
}

// ---------------------------------------------------------------- HTML

/// A CSV writer of RFC 4180 records: fields quoted only when needed, quotes doubled, CRLF.
#[cfg(test)]
fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv_writer_to(Vec::new())
}

fn csv_writer_to<W: std::io::Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(w)
}

/// One row per repository and gate, with a header row; CRLF line ends.
fn csv(p: &Portfolio, out: &mut dyn std::io::Write) -> std::io::Result<()> {
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
    let mut w = csv_writer_to(out);
    w.write_record(head)?;
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
        w.write_record(row.iter().map(|c| block(c).into_owned()))?;
    }
    w.flush()
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
    fn html_is_escaped() {
        assert_eq!(
            escape_html("<script>\"&'"),
            "&lt;script&gt;&quot;&amp;&#39;"
        );
    }

    #[test]
    fn markdown_cells_keep_tables_intact() {
        assert_eq!(md_cell("a|b\nc"), "a\\|b c");
    }

    #[test]
    fn cells_show_control_and_bidi_characters_escaped() {
        assert_eq!(md_cell("a\x1b[31m\u{202e}"), "a\\\\u{1b}[31m\\\\u{202e}");
        assert_eq!(escape_html("a\x1b\u{85}"), "a\\u{1b}\\u{85}");
        let mut w = csv_writer();
        w.write_record([block("a\x1b,b").as_ref()]).expect("write");
        let text = String::from_utf8(w.into_inner().expect("flush")).expect("utf-8");
        assert_eq!(text, "\"a\\u{1b},b\"\r\n");
    }
}
