//! Normalising the values a record states: words, statuses and dates.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

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
}
