//! Reading a risk register: the first table of a Markdown file whose header names the register's
//! columns (English or German), or the `[[risk]]` tables of a TOML file. What cannot be read is
//! a problem with its line, never a panic and never a silent skip.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::values::{Cell, REQUIRED_COLUMNS, column, date, level, owner, present, status};
use crate::controls::line_of;
use crate::controls::markdown::tables;
use crate::evidence::messages::Arg;

/// One risk as written.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: u32,
    pub id: Option<String>,
    pub title: String,
    pub likelihood: Cell<u8>,
    pub impact: Cell<u8>,
    pub owner: Option<String>,
    /// The owner cell as written, also when it is a placeholder.
    pub owner_raw: Option<String>,
    pub mitigation: Option<String>,
    pub status: Cell<&'static str>,
    pub review: Cell<jiff::civil::Date>,
    pub adr: Option<String>,
}

impl Row {
    pub fn score(&self) -> Option<u8> {
        Some(self.likelihood.value()? * self.impact.value()?)
    }
}

/// Something in the register's form that keeps it from being read whole.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The message key (`risks/invalid#toml`).
    pub key: &'static str,
    pub line: Option<u32>,
    pub args: Vec<(&'static str, Arg)>,
}

/// A register read.
#[derive(Debug, Default)]
pub struct Register {
    pub format: &'static str,
    pub rows: Vec<Row>,
    pub problems: Vec<Problem>,
}

/// Reads a register; TOML when the path ends in `.toml`, else Markdown.
pub fn read(path: &str, text: &str) -> Register {
    if path.to_ascii_lowercase().ends_with(".toml") {
        read_toml(text)
    } else {
        read_markdown(text)
    }
}

fn read_markdown(text: &str) -> Register {
    let mut reg = Register {
        format: "markdown",
        ..Register::default()
    };
    let all = tables(text);
    // The first table whose header names an id and a likelihood or an impact: a register may
    // open with a legend table (the scale), which is not the register.
    let register = all
        .iter()
        .find(|t| {
            let cols: Vec<_> = t
                .rows
                .first()
                .map(|h| h.iter().filter_map(|c| column(c)).collect())
                .unwrap_or_default();
            cols.contains(&"id") && (cols.contains(&"likelihood") || cols.contains(&"impact"))
        })
        .or(all.first());
    let Some(table) = register else {
        reg.problems.push(Problem {
            key: "risks/invalid#no-table",
            line: None,
            args: Vec::new(),
        });
        return reg;
    };
    let header = table.rows.first().cloned().unwrap_or_default();
    let header_line = table.lines.first().copied();
    let mut index: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (i, h) in header.iter().enumerate() {
        if let Some(c) = column(h) {
            index.entry(c).or_insert(i);
        }
    }
    let missing: Vec<String> = REQUIRED_COLUMNS
        .iter()
        .filter(|c| !index.contains_key(*c))
        .map(|c| format!("`{c}`"))
        .collect();
    if !missing.is_empty() {
        reg.problems.push(Problem {
            key: "risks/invalid#columns",
            line: header_line,
            args: vec![("columns", Arg::AllOf { all_of: missing })],
        });
    }
    for (row, line) in table.rows.iter().zip(&table.lines).skip(1) {
        let cell = |name: &str| -> &str {
            index
                .get(name)
                .and_then(|&i| row.get(i))
                .map_or("", |s| s.as_str())
        };
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        reg.rows.push(Row {
            line: *line,
            id: present(cell("id")),
            title: cell("title").trim().to_string(),
            likelihood: level(cell("likelihood")),
            impact: level(cell("impact")),
            owner: owner(cell("owner")),
            owner_raw: present(cell("owner")),
            mitigation: present(cell("mitigation")),
            status: status(cell("status")),
            review: date(cell("review")),
            adr: present(cell("adr")),
        });
    }
    reg
}

/// A value in TOML as people write it: a number, a string, a date.
#[derive(Deserialize, Debug)]
#[serde(untagged)]
enum Loose {
    Int(i64),
    Text(String),
    Date(toml::value::Datetime),
    Other(toml::Value),
}

impl Loose {
    fn text(&self) -> String {
        match self {
            Loose::Int(n) => n.to_string(),
            Loose::Text(s) => s.clone(),
            Loose::Date(d) => d.to_string(),
            Loose::Other(v) => v.to_string(),
        }
    }
}

#[derive(Deserialize)]
struct TomlRisk {
    id: Option<Loose>,
    title: Option<Loose>,
    likelihood: Option<Loose>,
    impact: Option<Loose>,
    owner: Option<Loose>,
    mitigation: Option<Loose>,
    status: Option<Loose>,
    review: Option<Loose>,
    adr: Option<Loose>,
}

#[derive(Deserialize)]
struct TomlFile {
    #[serde(default)]
    risk: Vec<toml::Spanned<TomlRisk>>,
}

fn read_toml(text: &str) -> Register {
    let mut reg = Register {
        format: "toml",
        ..Register::default()
    };
    let file: TomlFile = match toml::from_str(text) {
        Ok(f) => f,
        Err(e) => {
            reg.problems.push(Problem {
                key: "risks/invalid#toml",
                line: e.span().map(|s| line_of(text, s.start)),
                args: vec![("why", Arg::Text(e.message().trim().to_string()))],
            });
            return reg;
        }
    };
    if file.risk.is_empty() {
        reg.problems.push(Problem {
            key: "risks/invalid#no-risk-table",
            line: None,
            args: Vec::new(),
        });
    }
    for spanned in &file.risk {
        let line = line_of(text, spanned.span().start);
        let r = spanned.get_ref();
        let t = |v: &Option<Loose>| v.as_ref().map(Loose::text).unwrap_or_default();
        reg.rows.push(Row {
            line,
            id: present(&t(&r.id)),
            title: t(&r.title).trim().to_string(),
            likelihood: level(&t(&r.likelihood)),
            impact: level(&t(&r.impact)),
            owner: owner(&t(&r.owner)),
            owner_raw: present(&t(&r.owner)),
            mitigation: present(&t(&r.mitigation)),
            status: status(&t(&r.status)),
            review: date(&t(&r.review)),
            adr: present(&t(&r.adr)),
        });
    }
    reg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_markdown_register_in_german_reads_after_a_legend_table() {
        let text = "# Risiken\n\n| Stufe | Bedeutung |\n|---|---|\n| 1 | selten |\n\n## Register\n\n| ID | Titel | Wahrscheinlichkeit | Auswirkung | Verantwortlich | Maßnahme | Status | Überprüfung | ADR |\n|---|---|---|---|---|---|---|---|---|\n| R-1 | Ausfall | hoch | 4 | Betrieb | Zweites RZ | offen | 31.12.2026 | ADR-0002 |\n";
        let reg = read("docs/risks.md", text);
        assert!(reg.problems.is_empty(), "{:?}", reg.problems);
        let r = &reg.rows[0];
        assert_eq!(
            (r.id.as_deref(), r.score(), r.line),
            (Some("R-1"), Some(20), 11)
        );
        assert_eq!(r.status, Cell::Read("open"));
        assert_eq!(r.adr.as_deref(), Some("ADR-0002"));
    }

    #[test]
    fn toml_registers_and_their_errors_have_lines() {
        let text = "[[risk]]\nid = \"R-1\"\ntitle = \"x\"\nlikelihood = 2\nimpact = \"high\"\nreview = 2026-03-01\n";
        let reg = read("risks.toml", text);
        assert_eq!(reg.rows[0].score(), Some(10));
        assert_eq!(reg.rows[0].line, 1);
        assert!(matches!(reg.rows[0].review, Cell::Read(_)));
        let bad = read("risks.toml", "[[risk]]\nid = \n");
        assert_eq!(bad.problems[0].key, "risks/invalid#toml");
        assert_eq!(bad.problems[0].line, Some(2));
        let none = read("docs/risks.md", "# Risks\n\nNone yet.\n");
        assert_eq!(none.problems[0].key, "risks/invalid#no-table");
    }
}
