//! The reference date of a check (`as_of`) and the rules about dates the author of a commit sets.
//!
//! Commit dates are written by whoever makes the commit, so they never decide what is expired or
//! fresh: the reference date is the wall clock (UTC) unless `--as-of` or `SOURCE_DATE_EPOCH`
//! pins it, and it is recorded so that `verify` judges the same way.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Seconds in a day.
pub const DAY: i64 = 86_400;

/// How far a commit may be dated after the reference date before it is a finding (clock skew).
pub const FUTURE_SLACK: i64 = DAY;

/// Where the reference date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum DateSource {
    /// `--as-of DATE` (or a playbook test case's `as-of`, or `verify` replaying a record).
    #[serde(rename = "--as-of")]
    AsOf,
    /// The `SOURCE_DATE_EPOCH` environment variable.
    #[serde(rename = "SOURCE_DATE_EPOCH")]
    SourceDateEpoch,
    /// The wall clock of the machine that ran the check.
    #[serde(rename = "clock")]
    Clock,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::AsOf => "--as-of",
            DateSource::SourceDateEpoch => "SOURCE_DATE_EPOCH",
            DateSource::Clock => "clock",
        }
    }
}

/// The date a check speaks for, to the second, and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AsOf {
    pub at: jiff::Timestamp,
    pub source: DateSource,
}

impl AsOf {
    /// `explicit` (`--as-of`), else SOURCE_DATE_EPOCH, else the clock, truncated to whole seconds
    /// so that the recorded value replays exactly.
    pub fn resolve(explicit: Option<AsOf>, source_date_epoch: Option<i64>) -> AsOf {
        if let Some(a) = explicit {
            return a;
        }
        if let Some(at) = source_date_epoch.and_then(|s| jiff::Timestamp::from_second(s).ok()) {
            return AsOf {
                at,
                source: DateSource::SourceDateEpoch,
            };
        }
        let now = jiff::Timestamp::now().as_second();
        AsOf {
            at: jiff::Timestamp::from_second(now).unwrap_or(jiff::Timestamp::UNIX_EPOCH),
            source: DateSource::Clock,
        }
    }

    /// The UTC date of the reference instant.
    pub fn date(&self) -> jiff::civil::Date {
        utc_date(self.at)
    }

    /// RFC 3339, UTC, whole seconds: how the evidence records it.
    pub fn rfc3339(&self) -> String {
        rfc3339(self.at)
    }

    /// Whether a commit dated `seconds` lies more than [`FUTURE_SLACK`] after the reference date.
    pub fn is_future(&self, seconds: i64) -> bool {
        seconds > self.at.as_second().saturating_add(FUTURE_SLACK)
    }
}

/// Parses `--as-of`: a date (`2026-03-01`, meaning 00:00:00 UTC) or an RFC 3339 timestamp.
pub fn parse_as_of(text: &str) -> Result<jiff::Timestamp, String> {
    let text = text.trim();
    if let Ok(t) = text.parse::<jiff::Timestamp>() {
        return Ok(jiff::Timestamp::from_second(t.as_second()).unwrap_or(t));
    }
    let date = text
        .parse::<jiff::civil::Date>()
        .map_err(|_| format!("`{text}` is not a date: write 2026-03-01 or 2026-03-01T12:00:00Z"))?;
    date.to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp())
        .map_err(|e| format!("`{text}` cannot be a reference date: {e}"))
}

pub fn utc_date(t: jiff::Timestamp) -> jiff::civil::Date {
    t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date()
}

pub fn rfc3339(t: jiff::Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A commit time as a UTC date, or why it cannot be one (beyond the years -9999 to 9999).
pub fn commit_date(seconds: i64) -> Result<jiff::civil::Date, String> {
    jiff::Timestamp::from_second(seconds)
        .map(utc_date)
        .map_err(|_| format!("the commit time {seconds} lies outside the years -9999 to 9999"))
}

/// How people read a commit time: its date, or the raw seconds when it has none.
pub fn describe(seconds: i64) -> String {
    match commit_date(seconds) {
        Ok(d) => d.to_string(),
        Err(_) => format!("{seconds} seconds after 1970 (beyond the year 9999)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_of_takes_dates_and_timestamps() {
        let t = parse_as_of("2026-03-01").expect("date");
        assert_eq!(rfc3339(t), "2026-03-01T00:00:00Z");
        let t = parse_as_of("2026-03-01T12:30:00+02:00").expect("timestamp");
        assert_eq!(rfc3339(t), "2026-03-01T10:30:00Z");
        assert!(parse_as_of("March 1st").is_err());
        assert!(parse_as_of("10000-01-01").is_err());
    }

    #[test]
    fn the_explicit_date_wins_then_source_date_epoch_then_the_clock() {
        let pinned = AsOf {
            at: jiff::Timestamp::from_second(1_000).unwrap(),
            source: DateSource::AsOf,
        };
        assert_eq!(AsOf::resolve(Some(pinned), Some(5)), pinned);
        let sde = AsOf::resolve(None, Some(1_767_225_600));
        assert_eq!(sde.source, DateSource::SourceDateEpoch);
        assert_eq!(sde.rfc3339(), "2026-01-01T00:00:00Z");
        let clock = AsOf::resolve(None, None);
        assert_eq!(clock.source, DateSource::Clock);
        assert_eq!(clock.at.subsec_nanosecond(), 0);
    }

    #[test]
    fn a_day_of_slack_then_the_future() {
        let a = AsOf::resolve(None, Some(1_767_225_600));
        assert!(!a.is_future(1_767_225_600 + DAY));
        assert!(a.is_future(1_767_225_600 + DAY + 1));
        assert!(a.is_future(i64::MAX));
        assert!(commit_date(253_402_300_800).is_err());
        assert!(describe(253_402_300_800).contains("9999"));
    }
}
