//! Ids and numbers read from a record's file name and title.

use std::sync::LazyLock;

use regex::Regex;

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
}
