//! Reading a Markdown ADR: front matter, title, headings, and the status and date in each style
//! (front matter, bullets, a section, an inline field, a table).

use super::fields::{key_value, section_status};
use super::{Doc, Field, Style, label, normalise_words};
use crate::controls::line_of;
use crate::controls::markdown::{self, Link, Meta};

/// Reads a Markdown ADR.
pub fn parse_markdown(text: &str) -> Doc {
    let mut doc = Doc::new();
    let (fm, body_start) = markdown::front_matter(text);
    // Lines inside the body are shifted by the front matter's lines.
    let shift = line_of(text, body_start) - 1;
    let body = text.get(body_start..).unwrap_or("");
    let excerpt = |line: u32| -> String {
        text.lines()
            .nth(line.saturating_sub(1) as usize)
            .unwrap_or("")
            .trim()
            .to_string()
    };

    match fm {
        Some(Ok(fm)) => {
            for key in ["number", "index", "id", "adr"] {
                if let Some(v) = fm.get(key) {
                    doc.meta_id = Some(v.as_text());
                    break;
                }
            }
            let field = |key: &str| {
                let value = fm.get(key)?;
                let line = fm.lines.get(key).copied().unwrap_or(1);
                Some(Field {
                    raw: value.as_text(),
                    line,
                    excerpt: excerpt(line),
                })
            };
            if let Some(f) = field("status") {
                doc.status = Some(f);
                doc.style = Style::FrontMatter;
            }
            doc.date = field("date");
            doc.deciders = ["deciders", "decision-makers", "decision_makers"]
                .into_iter()
                .find_map(field);
            for key in ["superseded_by", "superseded-by", "supersededby"] {
                if let Some(v) = fm.get(key) {
                    let line = fm.lines.get(key).copied().unwrap_or(1);
                    let items = match v {
                        Meta::List(items) => items.clone(),
                        Meta::Text(t) => vec![t.clone()],
                    };
                    doc.replacement_hints
                        .extend(items.into_iter().map(|i| (i, line)));
                }
            }
        }
        Some(Err(e)) => doc.front_matter_error = Some(e),
        None => {}
    }

    // One parse of the body for its outline, tables and links.
    let markdown::Document {
        outline,
        tables,
        links,
    } = markdown::document(body);
    doc.too_deep = outline.too_deep.map(|line| line + shift);
    for h in &outline.headings {
        doc.headings
            .push((normalise_words(&h.text), h.line + shift));
    }
    if let Some(h1) = outline.headings.iter().find(|h| h.level == 1) {
        doc.title = Some((h1.text.clone(), h1.line + shift));
    }

    // The preamble: between the title and the first lower heading, where bullets and `Date:` live.
    let pre_start = outline
        .headings
        .iter()
        .find(|h| h.level == 1)
        .map_or(0, |h| h.span.end);
    let pre_end = outline
        .headings
        .iter()
        .find(|h| h.level > 1 && h.span.start >= pre_start)
        .map_or(body.len(), |h| h.span.start);
    let preamble = body.get(pre_start..pre_end).unwrap_or("");
    let pre_shift = shift + line_of(body, pre_start) - 1;
    let mut pre_fields: Vec<(String, String, bool, u32)> = Vec::new();
    for (i, line) in preamble.lines().enumerate() {
        if let Some(kv) = key_value(line) {
            pre_fields.push((kv.key, kv.value, kv.listed, pre_shift + i as u32 + 1));
        }
    }
    let pre = |key: &str, listed: Option<bool>| {
        pre_fields
            .iter()
            .find(|(k, _, l, _)| k == key && listed.is_none_or(|want| want == *l))
            .map(|(_, v, _, line)| Field {
                raw: v.clone(),
                line: *line,
                excerpt: excerpt(*line),
            })
    };

    if doc.status.is_none()
        && let Some(f) = pre("status", Some(true))
    {
        doc.status = Some(f);
        doc.style = Style::Bullets;
    }
    if doc.status.is_none()
        && let Some(i) = outline
            .headings
            .iter()
            .position(|h| label(&normalise_words(&h.text)) == "status")
    {
        let section = markdown::section_body(body, &outline.headings, i);
        let start = outline.headings[i].span.end;
        if let Some(f) = section_status(section, shift + line_of(body, start) - 1) {
            doc.status = Some(Field {
                excerpt: excerpt(f.line),
                ..f
            });
        }
        // A Status heading is this style even when empty: the record chose it.
        doc.style = Style::Section;
    }
    if doc.status.is_none() {
        let inline = pre("status", Some(false)).or_else(|| bold_field(body, "status", shift));
        if let Some(f) = inline {
            doc.status = Some(Field {
                excerpt: excerpt(f.line),
                ..f
            });
            doc.style = Style::Inline;
        }
    }
    if doc.status.is_none()
        && let Some(f) = table_field(&tables, "status", shift)
    {
        doc.status = Some(Field {
            excerpt: excerpt(f.line),
            ..f
        });
        doc.style = Style::Table;
    }
    if doc.date.is_none() {
        doc.date = pre("date", None)
            .or_else(|| bold_field(body, "date", shift))
            .or_else(|| table_field(&tables, "date", shift))
            .or_else(|| {
                // A `## Date` section: its first content line.
                let i = outline
                    .headings
                    .iter()
                    .position(|h| label(&normalise_words(&h.text)) == "date")?;
                let section = markdown::section_body(body, &outline.headings, i);
                let start = outline.headings[i].span.end;
                let first_line = shift + line_of(body, start) - 1;
                section
                    .lines()
                    .enumerate()
                    .find(|(_, l)| !l.trim().is_empty())
                    .map(|(n, l)| Field {
                        raw: l.trim().to_string(),
                        line: first_line + n as u32 + 1,
                        excerpt: String::new(),
                    })
            })
            .map(|f| Field {
                excerpt: excerpt(f.line),
                ..f
            });
    }

    if doc.deciders.is_none() {
        doc.deciders = pre("deciders", None)
            .or_else(|| bold_field(body, "deciders", shift))
            .map(|f| Field {
                excerpt: excerpt(f.line),
                ..f
            });
    }

    for (i, line) in text.lines().enumerate() {
        let lower = line.to_lowercase();
        // "Superseded by [3. X](…)", and alphagov's "Superseded: 2019-12-19 by [ADR 14](…)".
        if lower.contains("superseded") || lower.contains("superceded") {
            doc.replacement_hints.push((line.to_string(), i as u32 + 1));
        }
    }
    doc.links = links
        .into_iter()
        .map(|l| Link {
            line: l.line + shift,
            ..l
        })
        .collect();
    doc
}

/// A `**Key**: value` line anywhere in the body (not in a list).
fn bold_field(body: &str, key: &str, shift: u32) -> Option<Field> {
    body.lines().enumerate().find_map(|(i, line)| {
        let kv = key_value(line)?;
        (kv.key == key && kv.bold && !kv.listed).then(|| Field {
            raw: kv.value,
            line: shift + i as u32 + 1,
            excerpt: String::new(),
        })
    })
}

/// A value from a table: a `| Status | Date |` header with a row below it, or a `| Status | X |` row.
fn table_field(tables: &[markdown::Table], key: &str, shift: u32) -> Option<Field> {
    for t in tables {
        let keyed = |cell: &String| label(&normalise_words(cell)) == key;
        // Key/value rows: the key in the first column, its value next to it.
        for (row, line) in t.rows.iter().zip(&t.lines).skip(1) {
            if row.first().is_some_and(keyed) && row.len() >= 2 {
                return Some(Field {
                    raw: row[1].clone(),
                    line: line + shift,
                    excerpt: String::new(),
                });
            }
        }
        let header = t.rows.first()?;
        if let Some(col) = header.iter().position(keyed)
            && let (Some(row), Some(line)) = (t.rows.get(1), t.lines.get(1))
            && let Some(value) = row.get(col)
        {
            return Some(Field {
                raw: value.clone(),
                line: line + shift,
                excerpt: String::new(),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_are_detected_in_order() {
        let fm = parse_markdown(
            "---\nstatus: accepted\ndate: 2024-01-01\n---\n# Use X\n\n## Status\n\nRejected\n",
        );
        assert_eq!(fm.style, Style::FrontMatter);
        assert_eq!(
            fm.status.map(|s| (s.raw, s.line)),
            Some(("accepted".into(), 2))
        );
        assert_eq!(fm.title, Some(("Use X".into(), 5)));

        let bullets =
            parse_markdown("# Use X\n\n* Status: proposed\n* Date: 2024-01-01\n\n## Context\n");
        assert_eq!(bullets.style, Style::Bullets);
        assert_eq!(bullets.date.map(|d| d.line), Some(4));

        let section = parse_markdown(
            "# 1. Use X\n\nDate: 2024-01-01\n\n## Decision\n\nX\n\n## Status\n\nSuperseded\n\nSuperseded by [2. Y](0002-y.md)\n",
        );
        assert_eq!(section.style, Style::Section);
        let s = section.status.expect("status");
        assert_eq!((s.line, s.raw.lines().count()), (11, 2));
        assert_eq!(section.date.map(|d| d.raw), Some("2024-01-01".into()));

        let jekyll = parse_markdown(
            "---\nparent: Decisions\nnav_order: 3\n---\n# Use X\n\n## Status\n\nAccepted\n",
        );
        assert_eq!(jekyll.style, Style::Section);
        assert_eq!(jekyll.status.map(|s| s.line), Some(9));

        let inline =
            parse_markdown("# Use X\n\nSome text.\n\n## Context\n\n**Status**: Accepted\n");
        assert_eq!(inline.style, Style::Inline);

        let table = parse_markdown(
            "# Use X\n\n| Status | Date | Author(s) |\n|---|---|---|\n| Approved | 2024-01-01 | ana |\n",
        );
        assert_eq!(table.style, Style::Table);
        assert_eq!(
            table.status.map(|s| (s.raw, s.line)),
            Some(("Approved".into(), 5))
        );

        let none = parse_markdown("# Use X\n\nWe decided.\n");
        assert_eq!((none.style, none.status.is_none()), (Style::None, true));
    }

    #[test]
    fn checked_item_of_a_status_checklist_wins() {
        let d = parse_markdown("# X\n\n## Status\n\n- [ ] Proposed\n- [x] Accepted\n");
        assert_eq!(
            d.status.map(|s| s.raw.lines().next().map(str::to_string)),
            Some(Some("Accepted".into()))
        );
    }
}
