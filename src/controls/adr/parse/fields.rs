//! The key/value lines both syntaxes share: `Status: …` in its spellings, and the status a
//! `Status` section states.

use super::{Field, label, normalise_words};

/// The status of a `## Status` section: the checked item of a checklist, else the first
/// content line; every content line is kept so "Superseded by …" on a later line counts.
pub(super) fn section_status(section: &str, shift: u32) -> Option<Field> {
    let mut lines: Vec<(u32, &str)> = Vec::new();
    let mut in_comment = false;
    for (i, line) in section.lines().enumerate() {
        let t = line.trim();
        if in_comment || t.starts_with("<!--") {
            in_comment = !t.contains("-->");
            continue;
        }
        if t.is_empty() || t.starts_with('#') || t.chars().all(|c| c == '-' || c == '=') {
            continue;
        }
        lines.push((shift + i as u32 + 1, t));
    }
    let checked = lines.iter().find(|(_, t)| {
        let l = t.to_lowercase();
        l.starts_with("- [x]") || l.starts_with("* [x]")
    });
    let (line, first) = checked.or(lines.first())?;
    let first = first
        .trim_start_matches(['-', '*', '+', ' '])
        .trim_start_matches("[x]")
        .trim_start_matches("[X]");
    let rest: Vec<&str> = lines
        .iter()
        .filter(|(l, _)| l != line)
        .map(|(_, t)| *t)
        .take(8)
        .collect();
    let mut raw = strip_key(first, "status").trim().to_string();
    for r in rest {
        raw.push('\n');
        raw.push_str(r);
    }
    Some(Field {
        raw,
        line: *line,
        excerpt: String::new(),
    })
}

/// `Status: Accepted` written inside a Status section: drop the repeated key.
pub(super) fn strip_key<'a>(line: &'a str, key: &str) -> &'a str {
    match key_value(line) {
        Some(kv) if kv.key == key => line
            .split_once(':')
            .map_or(line, |(_, v)| v.trim_start_matches(['*', '_', ' '])),
        _ => line,
    }
}

pub(super) struct KeyValue {
    pub(super) key: String,
    pub(super) value: String,
    pub(super) listed: bool,
    pub(super) bold: bool,
}

/// `* **Status**: accepted`, `- Date: 2024-01-01`, `**Status:** Accepted`, `Status: Proposed`;
/// German labels come back as their English twin (`Datum` → `date`).
pub(super) fn key_value(line: &str) -> Option<KeyValue> {
    let mut t = line.trim_start();
    let mut listed = false;
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = t.strip_prefix(marker) {
            t = rest.trim_start();
            listed = true;
            break;
        }
    }
    let bold = t.starts_with(['*', '_']);
    let t = t.trim_start_matches(['*', '_']);
    let (key, value) = t.split_once(':')?;
    let key = key.trim_end_matches(['*', '_', ' ']);
    let key_ok = !key.is_empty()
        && key.len() <= 30
        && key
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '(' | ')'));
    if !key_ok {
        return None;
    }
    let value = value.trim_start_matches(['*', '_']).trim();
    Some(KeyValue {
        key: label(&normalise_words(key)).to_string(),
        value: value.to_string(),
        listed,
        bold,
    })
}
