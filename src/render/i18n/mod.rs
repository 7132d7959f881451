//! Texts for people in English and German, keyed by stable message ids.
//!
//! Every renderer takes its words from here; `{name}` placeholders are filled by [`tf`]. Finding
//! messages come from the controls in English and are shown as they are; the framing around them
//! (labels, headings, decisions, statuses, summaries) is translated. A test keeps both catalogues
//! on the same keys and placeholders.

mod commands_de;
mod commands_en;
mod de;
mod en;

use de::DE as DE_MAIN;
use en::EN as EN_MAIN;

use crate::evidence::{Decision, Status};
pub use crate::playbook::Language;
use crate::playbook::Level;

/// The language for a run: `--lang`, else `GONOGO_LANG`, else `LC_ALL` / `LC_MESSAGES` /
/// `LANG` (the first one set; `de…` means German, `C` and `POSIX` name no language), else the
/// playbook's `language`, else English.
/// `--lang` given to a command counts for every text of that run, also where a command's code
/// asks without it (the diagnostics of a playbook that did not load, for one).
pub fn resolve(explicit: Option<Language>, playbook: Option<Language>) -> Language {
    resolve_with(
        explicit.or_else(|| COMMAND_LINE.get().copied()),
        playbook,
        |k| std::env::var(k).ok(),
    )
}

/// The `--lang` of this process's command line, set once by `commands::main`.
static COMMAND_LINE: std::sync::OnceLock<Language> = std::sync::OnceLock::new();

/// Records the command line's `--lang` for [`resolve`]; only the first call counts.
pub fn set_command_line(lang: Language) {
    let _ = COMMAND_LINE.set(lang);
}

pub fn resolve_with(
    explicit: Option<Language>,
    playbook: Option<Language>,
    var: impl Fn(&str) -> Option<String>,
) -> Language {
    explicit
        .or_else(|| var("GONOGO_LANG").and_then(|v| language_of(&v)))
        .or_else(|| from_locale(&var))
        .or(playbook)
        .unwrap_or_default()
}

fn language_of(value: &str) -> Option<Language> {
    let lower = value.trim().to_ascii_lowercase();
    if lower.starts_with("de") {
        Some(Language::De)
    } else if lower.starts_with("en") {
        Some(Language::En)
    } else {
        None
    }
}

/// The language a POSIX locale environment asks for, if it names one gonogo has.
pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Option<Language> {
    let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| var(k))
        .find(|v| !v.trim().is_empty())?;
    language_of(&value)
}

type Table = &'static [(&'static str, &'static str)];

/// The tables of one language: the renderers' texts, and the commands' own lines (`scan`,
/// `portfolio`, `hook`, `controls`, `playbook`), kept apart so each file stays short.
const EN: [Table; 2] = [EN_MAIN, commands_en::EN];
const DE: [Table; 2] = [DE_MAIN, commands_de::DE];

/// The catalogue of one language.
pub fn catalogue(lang: Language) -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    match lang {
        Language::En => EN,
        Language::De => DE,
    }
    .into_iter()
    .flatten()
}

/// The text of `key`; English when the language lacks it (a test forbids that), else the key.
pub fn t(lang: Language, key: &'static str) -> &'static str {
    lookup(lang, key)
        .or_else(|| lookup(Language::En, key))
        .unwrap_or(key)
}

fn lookup(lang: Language, key: &str) -> Option<&'static str> {
    catalogue(lang).find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// The text of `key` with each `{name}` replaced by its value.
pub fn tf(lang: Language, key: &'static str, args: &[(&str, &str)]) -> String {
    let mut out = t(lang, key).to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// "1 file", "12 files" / "1 Datei", "12 Dateien".
pub fn files(lang: Language, n: u64) -> String {
    if n == 1 {
        t(lang, "count.files-one").to_string()
    } else {
        tf(lang, "count.files", &[("n", &n.to_string())])
    }
}

pub fn decision(lang: Language, d: Decision) -> &'static str {
    t(
        lang,
        match d {
            Decision::Go => "decision.go",
            Decision::GoWithConditions => "decision.conditions",
            Decision::NoGo => "decision.no-go",
        },
    )
}

pub fn status(lang: Language, s: Status) -> &'static str {
    t(
        lang,
        match s {
            Status::Pass => "status.pass",
            Status::Fail => "status.fail",
            Status::NotApplicable => "status.na",
            Status::Error => "status.error",
            Status::Waived => "status.waived",
            Status::Baselined => "status.baselined",
        },
    )
}

pub fn level(lang: Language, l: Level) -> &'static str {
    t(
        lang,
        match l {
            Level::Must => "level.must",
            Level::Should => "level.should",
            Level::May => "level.may",
        },
    )
}

/// The language code, for `lang` attributes.
pub fn code(lang: Language) -> &'static str {
    match lang {
        Language::En => "en",
        Language::De => "de",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(text: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut rest = text;
        while let Some(start) = rest.find('{') {
            let after = &rest[start + 1..];
            match after.find('}') {
                Some(end) => {
                    out.insert(after[..end].to_string());
                    rest = &after[end + 1..];
                }
                None => break,
            }
        }
        out
    }

    #[test]
    fn both_catalogues_have_the_same_keys_placeholders_and_no_empty_text() {
        for lang in [Language::En, Language::De] {
            let keys: Vec<&str> = catalogue(lang).map(|(k, _)| *k).collect();
            let unique: BTreeSet<&str> = keys.iter().copied().collect();
            assert_eq!(keys.len(), unique.len(), "{lang:?} repeats a key");
            for (k, v) in catalogue(lang) {
                assert!(!v.trim().is_empty(), "{lang:?}: `{k}` is empty");
            }
        }
        let en: BTreeSet<&str> = catalogue(Language::En).map(|(k, _)| *k).collect();
        let de: BTreeSet<&str> = catalogue(Language::De).map(|(k, _)| *k).collect();
        assert_eq!(
            en.difference(&de).collect::<Vec<_>>(),
            Vec::<&&str>::new(),
            "missing in German"
        );
        assert_eq!(
            de.difference(&en).collect::<Vec<_>>(),
            Vec::<&&str>::new(),
            "missing in English"
        );
        for (k, v) in catalogue(Language::En) {
            assert_eq!(
                placeholders(v),
                placeholders(lookup(Language::De, k).unwrap_or_default()),
                "placeholders of `{k}` differ"
            );
        }
    }

    #[test]
    fn locale_variables_pick_the_language() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            from_locale(env(&[("LANG", "de_DE.UTF-8")])),
            Some(Language::De)
        );
        assert_eq!(
            from_locale(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "de_DE.UTF-8")])),
            Some(Language::En)
        );
        assert_eq!(from_locale(env(&[("LANG", "C")])), None);
        assert_eq!(from_locale(env(&[])), None);
        assert_eq!(
            resolve(Some(Language::De), Some(Language::En)),
            Language::De
        );
        // --lang, then GONOGO_LANG, then the locale, then the playbook.
        let only = env;
        assert_eq!(
            resolve_with(None, Some(Language::De), only(&[])),
            Language::De
        );
        assert_eq!(
            resolve_with(None, Some(Language::De), only(&[("LANG", "C.UTF-8")])),
            Language::De
        );
        assert_eq!(
            resolve_with(None, Some(Language::De), only(&[("LANG", "en_GB.UTF-8")])),
            Language::En
        );
        assert_eq!(
            resolve_with(
                None,
                None,
                only(&[("GONOGO_LANG", "de"), ("LC_ALL", "en_US.UTF-8")])
            ),
            Language::De
        );
        assert_eq!(
            resolve_with(Some(Language::En), None, only(&[("GONOGO_LANG", "de")])),
            Language::En
        );
    }

    #[test]
    fn labels_are_translated() {
        assert_eq!(
            decision(Language::De, Decision::GoWithConditions),
            "GO MIT AUFLAGEN"
        );
        assert_eq!(status(Language::En, Status::NotApplicable), "N/A");
        assert_eq!(
            tf(Language::En, "human.failing-must", &[("n", "2")]),
            "2 must failing"
        );
        assert_eq!(
            tf(Language::De, "human.failing-must-one", &[("n", "1")]),
            "1 Muss-Kriterium nicht erfüllt"
        );
    }
}
