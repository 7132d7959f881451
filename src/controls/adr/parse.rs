//! Reading one ADR: title, status, date and sections, in whichever style the record uses.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::controls::line_of;
use crate::controls::markdown::{self, FrontMatterError, Link, Meta};

/// Where a record's metadata was found, in the order styles are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// YAML front matter with a `status` key (MADR 3/4, Hugo).
    FrontMatter,
    /// `* Status: …` list under the title (MADR 2, log4brains).
    Bullets,
    /// A `## Status` section, wherever it stands (Nygard, adr-tools).
    Section,
    /// `**Status**: …` on its own line.
    Inline,
    /// A table with a Status column or row.
    Table,
    /// reStructuredText.
    Rst,
    /// No status found anywhere.
    None,
}

impl Style {
    pub fn as_str(self) -> &'static str {
        match self {
            Style::FrontMatter => "front-matter",
            Style::Bullets => "bullets",
            Style::Section => "section",
            Style::Inline => "inline",
            Style::Table => "table",
            Style::Rst => "rst",
            Style::None => "none",
        }
    }
}

/// A metadata value as written, with the line it stands on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The value; for a status section, every content line joined with `\n`.
    pub raw: String,
    pub line: u32,
    /// The whole line, for evidence.
    pub excerpt: String,
}

/// One ADR as read.
#[derive(Debug, Clone)]
pub struct Doc {
    pub title: Option<(String, u32)>,
    /// Every heading (normalised text) with its line.
    pub headings: Vec<(String, u32)>,
    pub status: Option<Field>,
    pub date: Option<Field>,
    pub style: Style,
    /// `number`, `index` or `id` from front matter.
    pub meta_id: Option<String>,
    /// Texts that may name a replacement (`superseded_by`, "Superseded by …" lines).
    pub replacement_hints: Vec<(String, u32)>,
    pub links: Vec<Link>,
    pub front_matter_error: Option<FrontMatterError>,
    /// The file line where Markdown nests too deep to be checked.
    pub too_deep: Option<u32>,
}

impl Doc {
    fn new() -> Self {
        Doc {
            title: None,
            headings: Vec::new(),
            status: None,
            date: None,
            style: Style::None,
            meta_id: None,
            replacement_hints: Vec::new(),
            links: Vec::new(),
            front_matter_error: None,
            too_deep: None,
        }
    }
}

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

    let outline = markdown::outline(body);
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

    if doc.status.is_none() {
        if let Some(f) = pre("status", Some(true)) {
            doc.status = Some(f);
            doc.style = Style::Bullets;
        }
    }
    if doc.status.is_none() {
        if let Some(i) = outline
            .headings
            .iter()
            .position(|h| normalise_words(&h.text) == "status")
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
    let tables = markdown::tables(body);
    if doc.status.is_none() {
        if let Some(f) = table_field(&tables, "status", shift) {
            doc.status = Some(Field {
                excerpt: excerpt(f.line),
                ..f
            });
            doc.style = Style::Table;
        }
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
                    .position(|h| normalise_words(&h.text) == "date")?;
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

    for (i, line) in text.lines().enumerate() {
        let lower = line.to_lowercase();
        // "Superseded by [3. X](…)", and alphagov's "Superseded: 2019-12-19 by [ADR 14](…)".
        if lower.contains("superseded") || lower.contains("superceded") {
            doc.replacement_hints.push((line.to_string(), i as u32 + 1));
        }
    }
    doc.links = markdown::links(body)
        .into_iter()
        .map(|l| Link {
            line: l.line + shift,
            ..l
        })
        .collect();
    doc
}

/// The status of a `## Status` section: the checked item of a checklist, else the first
/// content line; every content line is kept so "Superseded by …" on a later line counts.
fn section_status(section: &str, shift: u32) -> Option<Field> {
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
fn strip_key<'a>(line: &'a str, key: &str) -> &'a str {
    match key_value(line) {
        Some(kv) if kv.key == key => line
            .split_once(':')
            .map_or(line, |(_, v)| v.trim_start_matches(['*', '_', ' '])),
        _ => line,
    }
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
        let keyed = |cell: &String| normalise_words(cell) == key;
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
        if let Some(col) = header.iter().position(keyed) {
            if let (Some(row), Some(line)) = (t.rows.get(1), t.lines.get(1)) {
                if let Some(value) = row.get(col) {
                    return Some(Field {
                        raw: value.clone(),
                        line: line + shift,
                        excerpt: String::new(),
                    });
                }
            }
        }
    }
    None
}

struct KeyValue {
    key: String,
    value: String,
    listed: bool,
    bold: bool,
}

/// `* **Status**: accepted`, `- Date: 2024-01-01`, `**Status:** Accepted`, `Status: Proposed`.
fn key_value(line: &str) -> Option<KeyValue> {
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
        key: normalise_words(key),
        value: value.to_string(),
        listed,
        bold,
    })
}

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

/// Lowercase words without emphasis, emoji or punctuation, separated by single spaces;
/// the adr-tools spelling `supercede` is read as `supersede`.
pub fn normalise_words(s: &str) -> String {
    let lower = s.to_lowercase();
    let words: String = lower
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    words
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("supercede", "supersede")
}

/// The status a raw status text means: the first line that starts with a known status (so a
/// relation line such as "Supersedes [2. X](…)" before "Accepted" is passed over), else the
/// first word of the first line; then mapped through the synonyms. Returns the line used too.
pub fn normalise_status<'r>(
    raw: &'r str,
    known: &[String],
    synonyms: &BTreeMap<String, String>,
) -> Option<(String, &'r str)> {
    let lines: Vec<(&str, String)> = raw
        .lines()
        .map(|l| (l.trim(), normalise_words(l)))
        .filter(|(_, words)| !words.is_empty())
        .collect();
    let known_prefix = |words: &str| {
        known
            .iter()
            .find(|k| words == k.as_str() || words.starts_with(&format!("{k} ")))
            .cloned()
    };
    let (line, picked) = lines
        .iter()
        .find_map(|(line, words)| Some((*line, known_prefix(words)?)))
        .or_else(|| {
            // An unknown status keeps all its words ("on hold"), up to a date or number.
            let (line, words) = lines.first()?;
            let status: Vec<&str> = words
                .split(' ')
                .take_while(|w| !w.starts_with(|c: char| c.is_ascii_digit()))
                .collect();
            (!status.is_empty()).then(|| (*line, status.join(" ")))
        })?;
    Some((synonyms.get(&picked).cloned().unwrap_or(picked), line))
}

static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b").expect("static regex"));

static MONTH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(\d{1,2})\.?\s+([a-zä]{3,9})\.?,?\s+(\d{4})|([a-zä]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4}))\b")
        .expect("static regex")
});

/// The first date in a text, if it is a real date: `YYYY-MM-DD` (or `/`, `.` separated),
/// `Oct 29, 2022`, `29 October 2022`, `29. Oktober 2022`.
pub fn parse_date(raw: &str) -> Option<jiff::civil::Date> {
    if let Some(c) = DATE.captures(raw) {
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<i16>().ok());
        return jiff::civil::Date::new(n(1)?, n(2)? as i8, n(3)? as i8).ok();
    }
    let c = MONTH_DATE.captures(raw)?;
    let (day, month, year) = match (c.get(1), c.get(4)) {
        (Some(d), _) => (d.as_str(), c.get(2)?.as_str(), c.get(3)?.as_str()),
        (None, Some(m)) => (c.get(5)?.as_str(), m.as_str(), c.get(6)?.as_str()),
        _ => return None,
    };
    let month = month_number(month)?;
    jiff::civil::Date::new(year.parse().ok()?, month, day.parse().ok()?).ok()
}

fn month_number(name: &str) -> Option<i8> {
    const MONTHS: [&[&str]; 12] = [
        &["jan", "januar", "january", "jänner"],
        &["feb", "februar", "february"],
        &["mar", "mär", "märz", "march", "maerz"],
        &["apr", "april"],
        &["may", "mai"],
        &["jun", "june", "juni"],
        &["jul", "july", "juli"],
        &["aug", "august"],
        &["sep", "sept", "september"],
        &["oct", "okt", "october", "oktober"],
        &["nov", "november"],
        &["dec", "dez", "december", "dezember"],
    ];
    let name = name.to_lowercase();
    MONTHS
        .iter()
        .position(|names| names.contains(&name.as_str()))
        .map(|i| i as i8 + 1)
}

/// An id taken from a file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileId {
    pub id: String,
    /// The sequence number, for numbered schemes.
    pub number: Option<u64>,
    /// The date of a `YYYYMMDD-slug` name (log4brains).
    pub date: Option<jiff::civil::Date>,
}

static DATED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})(\d{2})(\d{2})-(.+)$").expect("static regex"));
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:adr[-_]?)?(\d{1,6})(?:[-_. ](.*))?$").expect("static regex")
});

/// `0001-slug` → 0001; `20240105-slug` → `slug` (log4brains); `adr-012-slug` → 012.
pub fn file_id(stem: &str) -> Option<FileId> {
    if let Some(c) = DATED.captures(stem) {
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<i16>().ok());
        if let Some(date) = n(1)
            .zip(n(2))
            .zip(n(3))
            .and_then(|((y, m), d)| jiff::civil::Date::new(y, m as i8, d as i8).ok())
        {
            return Some(FileId {
                id: c.get(4).map_or("", |m| m.as_str()).to_string(),
                number: None,
                date: Some(date),
            });
        }
    }
    let c = NUMBERED.captures(stem)?;
    let digits = c.get(1)?.as_str();
    Some(FileId {
        id: digits.to_string(),
        number: digits.parse().ok(),
        date: None,
    })
}

/// Whether a file name reads like a numbered record (`0001-x.md`, `adr-001-x.md`), so a
/// folder of other documents is not taken for an ADR folder.
pub fn file_id_is_numbered(path: &str) -> bool {
    static NUMBERED_NAME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:adr-?)?\d{3,4}-[^/]+\.(?:md|rst)$").expect("static regex")
    });
    NUMBERED_NAME.is_match(path.rsplit('/').next().unwrap_or(path))
}

static TITLE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:adr|decision|record)[-_ #]*(\d+)\b[.:)]?|(\d+)[.:)])\s*")
        .expect("static regex")
});

/// The number a title starts with (`2. Use X`, `ADR-002: Use X`), and the title without it.
pub fn title_number(title: &str) -> (Option<u64>, &str) {
    match TITLE_NUMBER.captures(title) {
        Some(c) => {
            let n = c.get(1).or(c.get(2)).and_then(|m| m.as_str().parse().ok());
            let rest = title
                .get(c.get(0).map_or(0, |m| m.end())..)
                .unwrap_or(title);
            (n, if rest.is_empty() { title } else { rest })
        }
        None => (None, title),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<String> {
        let mut v: Vec<String> = ["proposed", "accepted", "superseded", "on hold", "approved"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        v.sort_by_key(|s| std::cmp::Reverse(s.len()));
        v
    }

    fn status(raw: &str) -> Option<String> {
        let synonyms = BTreeMap::from([("approved".to_string(), "accepted".to_string())]);
        normalise_status(raw, &known(), &synonyms).map(|(s, _)| s)
    }

    #[test]
    fn statuses_are_normalised() {
        assert_eq!(status("Accepted").as_deref(), Some("accepted"));
        assert_eq!(status("  **Accepted** ").as_deref(), Some("accepted"));
        assert_eq!(status("✅ Accepted").as_deref(), Some("accepted"));
        assert_eq!(
            status("⌛️ Superseded [0019](0019-x.md)").as_deref(),
            Some("superseded")
        );
        assert_eq!(
            status("Superseded by [2. Foo](0002-foo.md)").as_deref(),
            Some("superseded")
        );
        assert_eq!(
            status("Superceded by [3. Bar](0003-bar.md)").as_deref(),
            Some("superseded")
        );
        assert_eq!(status("On hold until Q3").as_deref(), Some("on hold"));
        assert_eq!(status("Approved").as_deref(), Some("accepted"));
        assert_eq!(status("Accepted.").as_deref(), Some("accepted"));
        assert_eq!(status("Pending review").as_deref(), Some("pending review"));
        assert_eq!(
            status("\n\nSuperseded\n\nSuperseded by ADR-5").as_deref(),
            Some("superseded")
        );
        assert_eq!(
            status("Supercedes [2. Foo](0002-foo.md)\n\nAccepted").as_deref(),
            Some("accepted")
        );
        assert_eq!(status("✅"), None);
        assert_eq!(status(""), None);
    }

    #[test]
    fn file_ids() {
        assert_eq!(file_id("0001-record").map(|f| f.number), Some(Some(1)));
        assert_eq!(file_id("adr-012-use-x").map(|f| f.id), Some("012".into()));
        let dated = file_id("20240105-use-postgres").expect("dated");
        assert_eq!(dated.id, "use-postgres");
        assert_eq!(dated.date.map(|d| d.to_string()), Some("2024-01-05".into()));
        assert_eq!(file_id("use-postgres"), None);
    }

    #[test]
    fn title_numbers() {
        assert_eq!(title_number("2. Use Postgres"), (Some(2), "Use Postgres"));
        assert_eq!(title_number("ADR-003: Use X"), (Some(3), "Use X"));
        assert_eq!(title_number("ADR 7 - Use X").0, Some(7));
        assert_eq!(title_number("2024 roadmap"), (None, "2024 roadmap"));
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("Date: 2024-02-29").map(|d| d.to_string()),
            Some("2024-02-29".into())
        );
        assert_eq!(parse_date("2023-02-30"), None);
        assert_eq!(
            parse_date("Date: Oct 29, 2022").map(|d| d.to_string()),
            Some("2022-10-29".into())
        );
        assert_eq!(
            parse_date("29 October 2022").map(|d| d.to_string()),
            Some("2022-10-29".into())
        );
        assert_eq!(
            parse_date("29. Oktober 2022").map(|d| d.to_string()),
            Some("2022-10-29".into())
        );
        assert_eq!(parse_date("Smarch 29, 2022"), None);
        assert_eq!(parse_date("{YYYY-MM-DD}"), None);
    }

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
