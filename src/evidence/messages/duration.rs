//! Why a duration does not parse (`support::duration`), said inside a finding.

use super::{Arg, Message, phrase};
use crate::support::duration::DurationError;

pub const MESSAGES: &[Message] = &[
    Message {
        key: "duration/time-part",
        en: "`{value}` has a time part; write days, weeks, months or years",
        de: "`{value}` enthält eine Uhrzeit-Angabe; Tage, Wochen, Monate oder Jahre schreiben",
    },
    Message {
        key: "duration/empty",
        en: "it is empty",
        de: "sie ist leer",
    },
    Message {
        key: "duration/expected-number",
        en: "expected a number at `{value}`",
        de: "bei `{value}` fehlt eine Zahl",
    },
    Message {
        key: "duration/too-large",
        en: "`{value}` is too large",
        de: "`{value}` ist zu groß",
    },
    Message {
        key: "duration/no-unit",
        en: "`{value}` has no unit (days, weeks, months or years)",
        de: "`{value}` hat keine Einheit (Tage, Wochen, Monate oder Jahre)",
    },
    Message {
        key: "duration/unknown-unit",
        en: "unknown unit `{value}`",
        de: "unbekannte Einheit `{value}`",
    },
    Message {
        key: "duration/zero",
        en: "it is zero",
        de: "sie ist null",
    },
    Message {
        key: "duration/too-long",
        en: "it is too long",
        de: "sie ist zu lang",
    },
];

impl From<&DurationError> for Arg {
    fn from(e: &DurationError) -> Arg {
        match e.key_and_value() {
            (key, Some(value)) => phrase(key, [("value", value.into())]),
            (key, None) => phrase(key, []),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::duration::parse;

    /// The catalogue's English is the error's own sentence, so JSON readers and the playbook's
    /// diagnostics read the same words as a finding.
    #[test]
    fn the_catalogue_says_what_the_error_says() {
        for bad in [
            "",
            "90",
            "six months",
            "3 fortnights",
            "0 days",
            "PT1H",
            "99999999 years",
        ] {
            let e = parse(bad).expect_err(bad);
            let Arg::Phrase { phrase } = Arg::from(&e) else {
                panic!("not a phrase")
            };
            assert_eq!(
                phrase.render(false).as_deref(),
                Some(e.to_string().as_str())
            );
            assert!(phrase.render(true).is_some_and(|de| !de.is_empty()));
        }
    }
}
