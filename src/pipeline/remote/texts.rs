//! The words `scan --repos` adds, in English and German, keyed like the i18n catalogues
//! (`{name}` placeholders), so that the scan's own output can take them in either language.

use crate::playbook::Language;

/// Key, English, German.
const TEXTS: &[(&str, &str, &str)] = &[
    (
        "scan.clone-failed",
        "{repository} could not be cloned or fetched: {why}",
        "{repository} konnte nicht geklont oder abgerufen werden: {why}",
    ),
    (
        "scan.blobs-failed",
        "{repository}: the files the playbook reads could not be fetched: {why}",
        "{repository}: Die Dateien, die das Playbook liest, konnten nicht abgerufen werden: {why}",
    ),
    (
        "scan.not-a-repository",
        "{repository} is not a git repository",
        "{repository} ist kein Git-Repository",
    ),
    (
        "scan.list-unreadable",
        "cannot read the repository list {path}: {why}",
        "Die Repository-Liste {path} kann nicht gelesen werden: {why}",
    ),
    (
        "scan.list-empty",
        "the repository list {path} names no repository",
        "Die Repository-Liste {path} nennt kein Repository",
    ),
    (
        "scan.git-too-old",
        "{repository}: cloning needs git {needed} or later on PATH; this one is {found}",
        "{repository}: Zum Klonen wird Git {needed} oder neuer im PATH benötigt; vorhanden ist {found}",
    ),
    ("scan.fetched", "{bytes} fetched", "{bytes} abgerufen"),
    (
        "scan.cannot-write",
        "cannot write {path}: {why}",
        "{path} lässt sich nicht schreiben: {why}",
    ),
    ("scan.reused", "reused", "wiederverwendet"),
];

/// The text of `key` in `lang` with its placeholders filled; the key itself when unknown.
pub fn say(lang: Language, key: &str, args: &[(&str, &str)]) -> String {
    let Some((_, en, de)) = TEXTS.iter().find(|(k, _, _)| *k == key) else {
        return key.to_string();
    };
    let mut text = match lang {
        Language::De => de.to_string(),
        Language::En => en.to_string(),
    };
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// `14.2 KiB fetched`.
pub fn fetched(bytes: u64, lang: Language) -> String {
    say(
        lang,
        "scan.fetched",
        &[("bytes", &self::bytes(lang, bytes))],
    )
}

/// What follows a repository's text line: ` (reused)`, for a remote one ` (14.2 KiB fetched)`,
/// else nothing.
pub fn line_note(reused: bool, bytes_fetched: Option<u64>, lang: Language) -> String {
    if reused {
        return format!(" ({})", say(lang, "scan.reused", &[]));
    }
    bytes_fetched
        .map(|b| format!(" ({})", fetched(b, lang)))
        .unwrap_or_default()
}

/// A byte count for people: `512 B`, `12.3 KiB`, `4.0 MiB` (German: `12,3 KiB`).
pub fn bytes(lang: Language, n: u64) -> String {
    let (value, unit) = match n {
        0..1024 => return format!("{n} B"),
        1024..1_048_576 => (n as f64 / 1024.0, "KiB"),
        1_048_576..1_073_741_824 => (n as f64 / 1_048_576.0, "MiB"),
        _ => (n as f64 / 1_073_741_824.0, "GiB"),
    };
    let text = format!("{value:.1} {unit}");
    match lang {
        Language::De => text.replace('.', ","),
        Language::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(text: &str) -> Vec<&str> {
        let mut out: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(name, _)| name))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn both_languages_have_every_text_with_the_same_placeholders() {
        for (key, en, de) in TEXTS {
            assert!(!en.is_empty() && !de.is_empty(), "{key}");
            assert_eq!(placeholders(en), placeholders(de), "{key}");
        }
    }

    #[test]
    fn bytes_read_well() {
        assert_eq!(bytes(Language::En, 512), "512 B");
        assert_eq!(bytes(Language::En, 12_595), "12.3 KiB");
        assert_eq!(bytes(Language::De, 12_595), "12,3 KiB");
        assert_eq!(
            say(Language::De, "scan.fetched", &[("bytes", "1 B")]),
            "1 B abgerufen"
        );
    }
}
