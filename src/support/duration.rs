//! Durations as people write them in playbooks and front matter: `90 days`, `6 months`,
//! `1 year 6 months`, `2w`, `90d`, in German (`3 Monate`) or as ISO 8601 (`P90D`, `P1Y6M`).
//! Months and years are calendar months and years (jiff spans).

/// Why a duration does not parse. The English sentence is its `Display`; the message catalogue
/// (`duration/…` keys) says the same in German for findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DurationError {
    TimePart(String),
    Empty,
    ExpectedNumber(String),
    TooLarge(String),
    NoUnit(String),
    UnknownUnit(String),
    Zero,
    TooLong,
}

impl DurationError {
    /// The catalogue key of this reason, and the text it quotes (if any).
    pub fn key_and_value(&self) -> (&'static str, Option<&str>) {
        match self {
            DurationError::TimePart(v) => ("duration/time-part", Some(v)),
            DurationError::Empty => ("duration/empty", None),
            DurationError::ExpectedNumber(v) => ("duration/expected-number", Some(v)),
            DurationError::TooLarge(v) => ("duration/too-large", Some(v)),
            DurationError::NoUnit(v) => ("duration/no-unit", Some(v)),
            DurationError::UnknownUnit(v) => ("duration/unknown-unit", Some(v)),
            DurationError::Zero => ("duration/zero", None),
            DurationError::TooLong => ("duration/too-long", None),
        }
    }
}

impl std::fmt::Display for DurationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DurationError::TimePart(v) => {
                write!(
                    f,
                    "`{v}` has a time part; write days, weeks, months or years"
                )
            }
            DurationError::Empty => f.write_str("it is empty"),
            DurationError::ExpectedNumber(v) => write!(f, "expected a number at `{v}`"),
            DurationError::TooLarge(v) => write!(f, "`{v}` is too large"),
            DurationError::NoUnit(v) => {
                write!(f, "`{v}` has no unit (days, weeks, months or years)")
            }
            DurationError::UnknownUnit(v) => write!(f, "unknown unit `{v}`"),
            DurationError::Zero => f.write_str("it is zero"),
            DurationError::TooLong => f.write_str("it is too long"),
        }
    }
}

impl From<DurationError> for String {
    fn from(e: DurationError) -> String {
        e.to_string()
    }
}

/// Parses a duration: one or more `<number> <unit>` parts, units day(s)/d, week(s)/w,
/// month(s)/mo, year(s)/y (German: Tag(e), Woche(n), Monat(e), Jahr(e)), e.g. `90 days`,
/// `6 months`, `1 year 6 months`, `2w`; or an ISO 8601 date duration such as `P90D` or `P1Y6M`.
pub fn parse(text: &str) -> Result<jiff::Span, DurationError> {
    let trimmed = text.trim();
    // ISO 8601: `P` then number-designator pairs (Y, M, W, D); no time part.
    if trimmed.len() > 1
        && trimmed.starts_with(['P', 'p'])
        && trimmed[1..].contains(['T', 't'])
        && trimmed[1..].starts_with(|c: char| c.is_ascii_digit() || c == 'T' || c == 't')
    {
        return Err(DurationError::TimePart(trimmed.to_string()));
    }
    if let Some(iso) = trimmed
        .strip_prefix(['P', 'p'])
        .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    {
        if iso.contains(['T', 't']) {
            return Err(DurationError::TimePart(trimmed.to_string()));
        }
        let spaced: String = iso
            .chars()
            .flat_map(|c| match c.to_ascii_uppercase() {
                'Y' => " y ".chars().collect::<Vec<_>>(),
                'M' => " mo ".chars().collect(),
                'W' => " w ".chars().collect(),
                'D' => " d ".chars().collect(),
                other => vec![other],
            })
            .collect();
        return parse(&spaced);
    }
    let mut rest = trimmed;
    if rest.is_empty() {
        return Err(DurationError::Empty);
    }
    let (mut days, mut weeks, mut months, mut years) = (0i64, 0i64, 0i64, 0i64);
    while !rest.is_empty() {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            return Err(DurationError::ExpectedNumber(rest.to_string()));
        }
        let n: i64 = rest[..digits]
            .parse()
            .map_err(|_| DurationError::TooLarge(rest[..digits].to_string()))?;
        rest = rest[digits..].trim_start();
        let letters = rest.len() - rest.trim_start_matches(|c: char| c.is_alphabetic()).len();
        let unit = rest[..letters].to_lowercase();
        rest = rest[letters..].trim_start_matches([' ', ',']);
        let slot = match unit.as_str() {
            "d" | "day" | "days" | "tag" | "tage" => &mut days,
            "w" | "week" | "weeks" | "woche" | "wochen" => &mut weeks,
            "mo" | "month" | "months" | "monat" | "monate" => &mut months,
            "y" | "yr" | "year" | "years" | "jahr" | "jahre" => &mut years,
            "" => return Err(DurationError::NoUnit(n.to_string())),
            other => return Err(DurationError::UnknownUnit(other.to_string())),
        };
        *slot = slot.saturating_add(n);
    }
    if [days, weeks, months, years].iter().all(|&n| n == 0) {
        return Err(DurationError::Zero);
    }
    jiff::Span::new()
        .try_years(years)
        .and_then(|s| s.try_months(months))
        .and_then(|s| s.try_weeks(weeks))
        .and_then(|s| s.try_days(days))
        .map_err(|_| DurationError::TooLong)
}

/// Whether `span` after `from` lies before `to`: the calendar arithmetic reviews and freshness
/// need. A due date beyond what jiff represents (after the year 9999) is an error, never "not
/// yet due".
pub fn elapsed(
    from: jiff::civil::Date,
    span: jiff::Span,
    to: jiff::civil::Date,
) -> Result<bool, String> {
    from.checked_add(span)
        .map(|due| due < to)
        .map_err(|_| format!("{from} plus {span:#} lies beyond the year 9999"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_with_units() {
        let days = |s: &str| {
            parse(s).map(|sp| {
                (
                    sp.get_years(),
                    sp.get_months(),
                    sp.get_weeks(),
                    sp.get_days(),
                )
            })
        };
        assert_eq!(days("90 days"), Ok((0, 0, 0, 90)));
        assert_eq!(days("6 months"), Ok((0, 6, 0, 0)));
        assert_eq!(days("1 Year"), Ok((1, 0, 0, 0)));
        assert_eq!(days("2w"), Ok((0, 0, 2, 0)));
        assert_eq!(days("1 year, 6 months"), Ok((1, 6, 0, 0)));
        assert_eq!(days("6mo"), Ok((0, 6, 0, 0)));
        assert_eq!(days("90d"), Ok((0, 0, 0, 90)));
        assert_eq!(days("P90D"), Ok((0, 0, 0, 90)));
        assert_eq!(days("P1Y6M"), Ok((1, 6, 0, 0)));
        assert_eq!(days("p2w"), Ok((0, 0, 2, 0)));
        assert_eq!(days("3 Monate"), Ok((0, 3, 0, 0)));
        assert_eq!(days("1 Jahr 2 Wochen"), Ok((1, 0, 2, 0)));
        assert_eq!(
            parse("PT12H").err(),
            Some(DurationError::TimePart("PT12H".into()))
        );
        assert!(parse("P").is_err());
    }

    #[test]
    fn bad_durations_say_why() {
        let why = |s: &str| parse(s).unwrap_err().to_string();
        assert!(why("").contains("empty"));
        assert!(why("90").contains("no unit"));
        assert!(why("six months").contains("number"));
        assert!(why("3 fortnights").contains("unknown unit"));
        assert!(why("0 days").contains("zero"));
        assert!(parse("99999999999999999999999 days").is_err());
        assert!(parse("99999999 years").is_err());
        assert!(parse("9223372036854775807 days 9223372036854775807 weeks").is_err());
    }

    #[test]
    fn elapsed_uses_calendar_months() {
        let d = |s: &str| s.parse::<jiff::civil::Date>().expect("date");
        let six = parse("6 months").expect("span");
        assert_eq!(elapsed(d("2025-08-31"), six, d("2026-02-28")), Ok(false));
        assert_eq!(elapsed(d("2025-08-31"), six, d("2026-03-01")), Ok(true));
        assert!(elapsed(d("9999-12-01"), six, d("2026-03-01")).is_err());
    }
}
