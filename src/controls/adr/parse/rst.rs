//! Reading a reStructuredText ADR: title, sections, and the status from a Status section or a
//! `:Status:` field.

use super::fields::{key_value, section_status};
use super::{Doc, Field, Style, normalise_words};

/// Reads a reStructuredText ADR: title, sections, and the status from a Status section or a
/// `:Status:` field.
pub fn parse_rst(text: &str) -> Doc {
    let mut doc = Doc::new();
    doc.style = Style::Rst;
    let lines: Vec<&str> = text.lines().collect();
    let mut heading_lines: Vec<usize> = Vec::new();
    for i in 0..lines.len().saturating_sub(1) {
        let title = lines[i].trim();
        let under = lines[i + 1].trim_end();
        if !title.is_empty()
            && is_adornment(under)
            && under.chars().count() >= 3
            && !is_adornment(title)
        {
            heading_lines.push(i);
        }
    }
    for &i in &heading_lines {
        let text = lines[i].trim();
        doc.headings.push((normalise_words(text), i as u32 + 1));
        if doc.title.is_none() {
            doc.title = Some((text.to_string(), i as u32 + 1));
        }
    }
    let excerpt = |line: u32| {
        lines
            .get(line as usize - 1)
            .map_or("", |l| l.trim())
            .to_string()
    };
    if let Some(pos) = doc.headings.iter().position(|(h, _)| h == "status") {
        let start = heading_lines[pos] + 2;
        let end = heading_lines.get(pos + 1).copied().unwrap_or(lines.len());
        let section = lines.get(start..end).unwrap_or(&[]).join("\n");
        if let Some(f) = section_status(&section, start as u32) {
            doc.status = Some(Field {
                excerpt: excerpt(f.line),
                ..f
            });
        }
    }
    for (i, line) in lines.iter().enumerate() {
        // Field lists `:Status: Accepted` read like `Status: Accepted` without the first colon.
        let candidate = line.trim_start().strip_prefix(':').unwrap_or(line);
        let Some(kv) = key_value(candidate) else {
            continue;
        };
        let field = Field {
            raw: kv.value.trim_start_matches(':').trim().to_string(),
            line: i as u32 + 1,
            excerpt: line.trim().to_string(),
        };
        if kv.key == "status" && doc.status.is_none() {
            doc.status = Some(field);
        } else if kv.key == "date" && doc.date.is_none() {
            doc.date = Some(field);
        }
    }
    for (i, line) in lines.iter().enumerate() {
        let lower = line.to_lowercase();
        // "Superseded by [3. X](…)", and alphagov's "Superseded: 2019-12-19 by [ADR 14](…)".
        if lower.contains("superseded") || lower.contains("superceded") {
            doc.replacement_hints.push((line.to_string(), i as u32 + 1));
        }
    }
    doc
}

fn is_adornment(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some(c) if "=-~^\"'*+#:.`_".contains(c) => chars.all(|d| d == c),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rst_title_and_status() {
        let d = parse_rst(
            "1. Purpose\n==========\n\nStatus\n------\n\nAccepted\n\nContext\n-------\n\nText\n",
        );
        assert_eq!(d.title, Some(("1. Purpose".into(), 1)));
        assert_eq!(
            d.status.map(|s| (s.raw, s.line)),
            Some(("Accepted".into(), 7))
        );
        assert!(d.headings.iter().any(|(h, _)| h == "context"));
    }
}
