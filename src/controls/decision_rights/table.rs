//! Reading a decision rights document: the RACI table (decision type × role) and the escalation
//! path (an ordered list under an "Escalation" / "Eskalation" heading).

use crate::controls::markdown::{self, Table, words};

/// One responsibility a role holds for a decision type. German RACI letters read as their
/// English twin: V (Verantwortung) = A, D (Durchführung) = R, M (Mitwirkung) = C, I = I.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Letter {
    R,
    A,
    C,
    I,
}

/// The letters of one cell: `A`, `A/R`, `R, C`, `AR`, `V/D`; empty or `-` holds none. `Err`
/// carries the part that is no RACI letter.
pub fn letters(cell: &str) -> Result<Vec<Letter>, String> {
    let cell: String = cell
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`'))
        .collect();
    let cell = cell.trim();
    if cell.is_empty() || matches!(cell, "-" | "–" | "—" | "/") {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for token in cell.split(|c: char| matches!(c, '/' | ',' | '+' | ';' | '&') || c.is_whitespace())
    {
        for c in token.chars() {
            let letter = match c.to_ascii_uppercase() {
                'R' | 'D' => Letter::R,
                'A' | 'V' => Letter::A,
                'C' | 'M' => Letter::C,
                'I' => Letter::I,
                _ => return Err(token.to_string()),
            };
            if !out.contains(&letter) {
                out.push(letter);
            }
        }
    }
    Ok(out)
}

/// Header words of the first column that mark the RACI table.
const DECISION_HEADERS: &[&str] = &[
    "decision",
    "entscheidung",
    "entscheidungen",
    "entscheidungstyp",
];

/// The RACI table: the first table whose first header cell names decisions ("Decision",
/// "Decision type", "Entscheidung"), else the first table with at least two columns.
pub fn raci_table(text: &str) -> Option<Table> {
    let tables = markdown::tables(text);
    let named = tables.iter().position(|t| {
        t.rows.first().and_then(|r| r.first()).is_some_and(|h| {
            words(h)
                .iter()
                .any(|w| DECISION_HEADERS.contains(&w.as_str()) || w == "decisions")
        })
    });
    let index = named.or_else(|| {
        tables
            .iter()
            .position(|t| t.rows.first().is_some_and(|r| r.len() >= 2))
    })?;
    tables.into_iter().nth(index)
}

/// An escalation path: the heading's line, and each step with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escalation {
    pub heading: String,
    pub line: u32,
    pub steps: Vec<(String, u32)>,
}

/// Whether a heading names the escalation path ("Escalation", "Escalation path",
/// "Eskalation", "Eskalationspfad", "Eskalationsweg").
fn is_escalation_heading(text: &str) -> bool {
    words(text)
        .iter()
        .any(|w| w.starts_with("escalat") || w.starts_with("eskalation"))
}

/// The first escalation section and the items of its ordered list (`1. …`, `2) …`).
pub fn escalation(text: &str) -> Option<Escalation> {
    let outline = markdown::outline(text);
    let i = outline
        .headings
        .iter()
        .position(|h| is_escalation_heading(&h.text))?;
    let h = &outline.headings[i];
    let body = markdown::section_body(text, &outline.headings, i);
    let first = crate::controls::line_of(text, h.span.end);
    let mut steps = Vec::new();
    for (n, line) in body.lines().enumerate() {
        let t = line.trim_start();
        let digits = t.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || digits > 3 {
            continue;
        }
        let rest = &t[digits..];
        let Some(item) = rest
            .strip_prefix(". ")
            .or_else(|| rest.strip_prefix(") "))
            .or_else(|| rest.strip_prefix(".\t"))
        else {
            continue;
        };
        let item = item.trim();
        if !item.is_empty() {
            // `body` starts on the heading's own line, after the heading text.
            steps.push((item.to_string(), first + n as u32));
        }
    }
    Some(Escalation {
        heading: h.text.clone(),
        line: h.line,
        steps,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_in_english_and_german() {
        assert_eq!(letters("A"), Ok(vec![Letter::A]));
        assert_eq!(letters("A/R"), Ok(vec![Letter::A, Letter::R]));
        assert_eq!(letters("**R, C**"), Ok(vec![Letter::R, Letter::C]));
        assert_eq!(letters("ar"), Ok(vec![Letter::A, Letter::R]));
        assert_eq!(letters("V/D"), Ok(vec![Letter::A, Letter::R]));
        assert_eq!(letters("M"), Ok(vec![Letter::C]));
        assert_eq!(letters(" - "), Ok(vec![]));
        assert_eq!(letters(""), Ok(vec![]));
        assert_eq!(letters("A/X"), Err("X".into()));
        assert_eq!(letters("yes"), Err("yes".into()));
    }

    #[test]
    fn the_decision_table_is_found_by_its_header() {
        let text = "| Other | x |\n|---|---|\n| a | b |\n\n| Entscheidung | Produktverantwortung |\n|---|---|\n| Release | V |\n";
        let t = raci_table(text).expect("table");
        assert_eq!(t.rows[0][0], "Entscheidung");
        assert_eq!(t.lines[1], 7);
    }

    #[test]
    fn the_escalation_path_is_an_ordered_list() {
        let text = "# Rights\n\n## Eskalationspfad\n\nText.\n\n1. Team Lead\n2) `release-manager` (after 24 h)\n- not a step\n\n## Next\n\n1. no\n";
        let e = escalation(text).expect("escalation");
        assert_eq!(e.line, 3);
        assert_eq!(
            e.steps,
            vec![
                ("Team Lead".to_string(), 7),
                ("`release-manager` (after 24 h)".to_string(), 8)
            ]
        );
        assert!(escalation("# Only\n\n1. a\n").is_none());
    }
}
