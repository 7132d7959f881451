//! Durations as people write them in playbooks and front matter: "90 days", "6 months", "2w".

/// Whole days in a duration like `90 days`, `6 months`, `1 year`, `2w`, `30d`.
/// Months count as 30 days and years as 365: reviews and freshness need no calendar precision.
pub fn parse_days(text: &str) -> Option<i64> {
    let text = text.trim().to_ascii_lowercase();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let n: i64 = number.parse().ok()?;
    let per = match unit.trim() {
        "" | "d" | "day" | "days" => 1,
        "w" | "week" | "weeks" => 7,
        "m" | "mo" | "month" | "months" => 30,
        "y" | "year" | "years" => 365,
        _ => return None,
    };
    n.checked_mul(per)
}

#[cfg(test)]
mod tests {
    use super::parse_days;

    #[test]
    fn durations_parse() {
        assert_eq!(parse_days("90 days"), Some(90));
        assert_eq!(parse_days("6 months"), Some(180));
        assert_eq!(parse_days("2w"), Some(14));
        assert_eq!(parse_days("1 Year"), Some(365));
        assert_eq!(parse_days("30"), Some(30));
        assert_eq!(parse_days("soon"), None);
        assert_eq!(parse_days("3 fortnights"), None);
        assert_eq!(parse_days("99999999999999999999 days"), None);
    }
}
