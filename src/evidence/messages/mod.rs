//! Finding messages in English and German, one catalogue keyed by finding code (`files/empty`)
//! or by a code and a variant (`files/missing#folder`).
//!
//! A control names the message and gives typed values for its placeholders; the evidence keeps
//! the English sentence (for readers of the JSON alone) and the key with its values, so every
//! report can say the same finding in the reader's language. A test keeps both languages on the
//! same placeholders.

mod adr;
mod changes;
mod decision_rights;
mod dod;
mod duration;
mod files;
mod freshness;
mod gate_evidence;
mod handover;
mod history;
mod keys;
mod ownership;
mod release;
mod risks;
mod runbook;
mod testing;
mod waivers;
pub mod yaml;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One message in both languages; `{name}` marks a placeholder.
#[derive(Debug)]
pub struct Message {
    pub key: &'static str,
    pub en: &'static str,
    pub de: &'static str,
}

/// Every table of messages, one per control kind or stage.
const TABLES: &[&[Message]] = &[
    adr::MESSAGES,
    changes::MESSAGES,
    decision_rights::MESSAGES,
    dod::MESSAGES,
    duration::MESSAGES,
    files::MESSAGES,
    freshness::MESSAGES,
    gate_evidence::MESSAGES,
    handover::MESSAGES,
    history::MESSAGES,
    keys::MESSAGES,
    ownership::MESSAGES,
    release::MESSAGES,
    risks::MESSAGES,
    runbook::MESSAGES,
    testing::MESSAGES,
    waivers::MESSAGES,
    waivers::MORE,
    waivers::POLICY,
    yaml::MESSAGES,
    yaml::PARSER,
];

/// Every message of the catalogue.
pub fn all() -> impl Iterator<Item = &'static Message> {
    TABLES.iter().flat_map(|t| t.iter())
}

pub fn find(key: &str) -> Option<&'static Message> {
    all().find(|m| m.key == key)
}

/// A placeholder's value. Typed, so that a count and a list read right in either language.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[serde(untagged)]
pub enum Arg {
    Count(u64),
    Text(String),
    /// Alternatives: "`a`, `b` or `c`" / "`a`, `b` oder `c`".
    AnyOf {
        any_of: Vec<String>,
    },
    /// All of them: "`a`, `b` and `c`" / "`a`, `b` und `c`".
    AllOf {
        all_of: Vec<String>,
    },
    /// A level as the language names it: `must` / `MUSS`.
    Level {
        level: String,
    },
    /// A decimal number as written in English (`28.6`); German writes a decimal comma.
    Decimal {
        decimal: String,
    },
    /// A part of the sentence that is itself a catalogue message, said in the same language
    /// (where a file was looked for, why content could not be judged).
    Phrase {
        phrase: Box<Said>,
    },
}

impl Arg {
    pub fn level(level: crate::playbook::Level) -> Arg {
        Arg::Level {
            level: level.as_str().to_string(),
        }
    }
}

/// A decimal number with `places` digits after the point.
pub fn decimal(value: f64, places: usize) -> Arg {
    Arg::Decimal {
        decimal: format!("{value:.places$}"),
    }
}

/// A placeholder's value that is itself a message of the catalogue.
pub fn phrase<const N: usize>(key: &str, pairs: [(&str, Arg); N]) -> Arg {
    Arg::Phrase {
        phrase: Box::new(Said {
            key: key.into(),
            args: args(pairs),
        }),
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Count(n as u64)
    }
}
impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Arg::Count(u64::from(n))
    }
}
impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Count(n)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        match u64::try_from(n) {
            Ok(n) => Arg::Count(n),
            Err(_) => Arg::Text(n.to_string()),
        }
    }
}

/// The message a finding was made from, with its placeholders' values.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Said {
    pub key: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, Arg>,
}

impl Said {
    /// The message in German or English; `None` when the catalogue has no such key (evidence
    /// from another version), so the caller keeps the recorded sentence.
    pub fn render(&self, german: bool) -> Option<String> {
        let m = find(&self.key)?;
        Some(fill(if german { m.de } else { m.en }, &self.args, german))
    }
}

/// A sentence from the catalogue in English, with what made it: for a reason a control gives
/// (why it could not be evaluated, why it did not apply).
pub fn say(key: &str, args: BTreeMap<String, Arg>) -> (String, Said) {
    let said = Said {
        key: key.into(),
        args,
    };
    (said.render(false).unwrap_or_else(|| key.to_string()), said)
}

/// `template` with each `{name}` replaced by its value; an unknown placeholder stays as it is.
pub fn fill(template: &str, args: &BTreeMap<String, Arg>, german: bool) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if is_name(&after[..close]) => {
                let name = &after[..close];
                match args.get(name) {
                    Some(value) => out.push_str(&show(value, german)),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The placeholder names of a template, in order of first use.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if is_name(&after[..close]) => {
                if !names.contains(&&after[..close]) {
                    names.push(&after[..close]);
                }
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    names
}

fn show(value: &Arg, german: bool) -> String {
    match value {
        Arg::Count(n) => count(*n, german),
        Arg::Text(s) => s.clone(),
        Arg::AnyOf { any_of } => join(any_of, if german { "oder" } else { "or" }),
        Arg::AllOf { all_of } => join(all_of, if german { "und" } else { "and" }),
        Arg::Level { level } if german => match level.as_str() {
            "must" => "MUSS".into(),
            "should" => "SOLL".into(),
            "may" => "KANN".into(),
            other => other.to_string(),
        },
        Arg::Level { level } => level.clone(),
        Arg::Decimal { decimal } if german => decimal.replace('.', ","),
        Arg::Decimal { decimal } => decimal.clone(),
        Arg::Phrase { phrase } => phrase.render(german).unwrap_or_else(|| phrase.key.clone()),
    }
}

/// A count as the language writes it; groups of thousands only from five digits, as both
/// English and German style guides allow for four.
fn count(n: u64, german: bool) -> String {
    let digits = n.to_string();
    if digits.len() < 5 {
        return digits;
    }
    let sep = if german { '.' } else { ',' };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

fn join(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}

/// The values of a message's placeholders, in the order written at the call site.
pub fn args<const N: usize>(pairs: [(&str, Arg); N]) -> BTreeMap<String, Arg> {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages_with_the_same_placeholders() {
        let mut seen = std::collections::BTreeSet::new();
        for m in all() {
            assert!(seen.insert(m.key), "{} twice in the catalogue", m.key);
            assert!(
                !m.en.trim().is_empty() && !m.de.trim().is_empty(),
                "{} empty",
                m.key
            );
            let mut en = placeholders(m.en);
            let mut de = placeholders(m.de);
            en.sort();
            de.sort();
            assert_eq!(
                en, de,
                "{}: placeholders differ between English and German",
                m.key
            );
            let lower = m.de.to_lowercase();
            for stand_in in [
                "fuer", "ueber", "muess", "pruef", "aender", "koenn", "groess", "loesch",
                "schluess", "gueltig", "zurueck", "moeglich",
            ] {
                assert!(
                    !lower.contains(stand_in),
                    "{}: write umlauts, not `{stand_in}`",
                    m.key
                );
            }
        }
    }

    #[test]
    fn fills_typed_values_per_language() {
        let a = args([
            ("path", "a.md".into()),
            ("n", 12_345usize.into()),
            (
                "globs",
                Arg::AnyOf {
                    any_of: vec!["`a`".into(), "`b`".into(), "`c`".into()],
                },
            ),
        ]);
        assert_eq!(
            fill("{path}: {n} of {globs} {x}", &a, false),
            "a.md: 12,345 of `a`, `b` or `c` {x}"
        );
        assert_eq!(
            fill("{path}: {n} von {globs}", &a, true),
            "a.md: 12.345 von `a`, `b` oder `c`"
        );
        assert_eq!(fill("`{` stays, {} too", &a, false), "`{` stays, {} too");
        assert_eq!(count(1234, true), "1234");
        let share = args([("share", decimal(28.571, 1))]);
        assert_eq!(fill("{share} %", &share, false), "28.6 %");
        assert_eq!(fill("{share} %", &share, true), "28,6 %");
    }

    #[test]
    fn a_phrase_is_said_in_the_language_of_the_whole() {
        let a = args([("why", phrase("content/binary", [("path", "k.p12".into())]))]);
        assert_eq!(
            fill("{why}", &a, false),
            "k.p12 is binary; its content cannot be checked"
        );
        assert_eq!(
            fill("{why}", &a, true),
            "k.p12 ist binär; der Inhalt kann nicht geprüft werden"
        );
    }
}
