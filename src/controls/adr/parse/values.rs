//! Normalising the values a record states: words and dates (statuses: `status`).

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

static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b").expect("static regex"));

/// `21.07.2017`: day, month, year with dots, as German and adr-j's default format write them.
static DOTTED_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b").expect("static regex"));

static MONTH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(\d{1,2})\.?\s+([a-zä]{3,9})\.?,?\s+(\d{4})|([a-zä]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4}))\b")
        .expect("static regex")
});

/// The first date in a text, if it is a real date: `YYYY-MM-DD` (or `/`, `.` separated),
/// `DD.MM.YYYY`, `Oct 29, 2022`, `29 October 2022`, `29. Oktober 2022`.
pub fn parse_date(raw: &str) -> Option<jiff::civil::Date> {
    if let Some(c) = DATE.captures(raw) {
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<i16>().ok());
        return jiff::civil::Date::new(n(1)?, n(2)? as i8, n(3)? as i8).ok();
    }
    if let Some(c) = DOTTED_DATE.captures(raw) {
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<i16>().ok());
        return jiff::civil::Date::new(n(3)?, n(2)? as i8, n(1)? as i8).ok();
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
        assert_eq!(
            parse_date("Date: 21.07.2017").map(|d| d.to_string()),
            Some("2017-07-21".into())
        );
        assert_eq!(parse_date("31.02.2017"), None);
        assert_eq!(parse_date("Smarch 29, 2022"), None);
        assert_eq!(parse_date("{YYYY-MM-DD}"), None);
    }
}
