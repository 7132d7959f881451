//! What a record's status text means: the one table of status spellings (English and German),
//! the line of a Status section that states the status, and that line without Markdown markup.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::fields::{key_value, strip_key};
use super::normalise_words;

/// Every status spelling gonogo knows, written as `normalise_words` leaves it, with the status it
/// means. A line means a status when its words start with one of these ("Accepted 2024-01-05",
/// "Superseded by [ADR-7](…)"). docs/controls/adr.md lists the same table.
pub const STATUS_SYNONYMS: &[(&str, &str)] = &[
    ("proposed", "proposed"),
    ("draft", "proposed"),
    ("provisional", "proposed"),
    ("under review", "proposed"),
    ("in review", "proposed"),
    ("in consideration", "proposed"),
    ("pending", "proposed"),
    ("open", "proposed"),
    ("vorgeschlagen", "proposed"),
    ("entwurf", "proposed"),
    ("accepted", "accepted"),
    ("approved", "accepted"),
    ("adopted", "accepted"),
    ("implemented", "accepted"),
    ("implementable", "accepted"),
    ("decided", "accepted"),
    ("done", "accepted"),
    ("angenommen", "accepted"),
    ("beschlossen", "accepted"),
    ("akzeptiert", "accepted"),
    ("rejected", "rejected"),
    ("declined", "rejected"),
    ("abgelehnt", "rejected"),
    ("verworfen", "rejected"),
    ("deprecated", "deprecated"),
    ("obsolete", "deprecated"),
    ("veraltet", "deprecated"),
    ("superseded", "superseded"),
    ("replaced", "superseded"),
    ("ersetzt", "superseded"),
    ("abgelöst", "superseded"),
];

/// The normalised status of a record whose status text maps to nothing.
pub const UNKNOWN: &str = "unknown";

/// Lines of a Status section that relate records rather than state a status (adr-tools writes
/// "Supersedes [1. X](…)" and "Amends …" next to the status).
const RELATIONS: &[&str] = &[
    "supersedes",
    "amends",
    "amended by",
    "clarifies",
    "clarified by",
    "extends",
    "extended by",
    "refines",
    "refined by",
    "relates to",
    "related to",
    "see also",
];

/// How a line of a Status section names the record that replaces this one.
const SUPERSEDED_BY: &[&str] = &[
    "superseded by ",
    "replaced by ",
    "ersetzt durch ",
    "abgelöst durch ",
];

/// A status as read from a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRead {
    /// The normalised status, or [`UNKNOWN`].
    pub status: String,
    /// The status line without Markdown markup.
    pub raw: String,
    /// Whether the text maps to a status; never guessed.
    pub known: bool,
}

/// The status a raw status text states: its first line that is neither a relation to another
/// record nor another field (`Date: …`), else its first line. `vocabulary` maps normalised
/// spellings to statuses; `spellings` are its keys, longest first, so "under review" wins over
/// "under". `None` when the text has no words at all.
pub fn read_status(
    raw: &str,
    spellings: &[String],
    vocabulary: &BTreeMap<String, String>,
) -> Option<StatusRead> {
    let lines: Vec<(&str, String)> = raw
        .lines()
        .map(|l| strip_key(l.trim(), "status"))
        .map(|l| (l, normalise_words(&strip_markup(l))))
        .filter(|(_, words)| !words.is_empty())
        .collect();
    let spelled = |words: &str| {
        spellings
            .iter()
            .find(|k| words == k.as_str() || begins_with_word(words, k))
    };
    let states_status = |line: &str, words: &str| {
        let relation = RELATIONS
            .iter()
            .any(|r| words == *r || begins_with_word(words, r));
        // "Date: 2024-01-05" in a Status section is not the status; "Superseded: … by …" is.
        let other_field =
            key_value(line).is_some_and(|kv| kv.key != "status" && spelled(&kv.key).is_none());
        !relation && !other_field
    };
    let first = lines
        .iter()
        .find(|(line, words)| states_status(line, words))
        .or(lines.first())?;
    // adr-j keeps "Accepted" and appends "Superseded by [ADR 9](…)" below it: a record that
    // names its successor is superseded, whatever line came first.
    let means = |words: &str| spelled(words).and_then(|k| vocabulary.get(k));
    let (line, words) = if means(&first.1).is_some_and(|s| s == "superseded") {
        first
    } else {
        lines
            .iter()
            .find(|(_, words)| SUPERSEDED_BY.iter().any(|p| words.starts_with(p)))
            .unwrap_or(first)
    };
    let status = means(words);
    Some(StatusRead {
        status: status.map_or_else(|| UNKNOWN.to_string(), String::clone),
        raw: strip_markup(line),
        known: status.is_some(),
    })
}

/// Whether `words` starts with the words `first` and goes on (`"under review x"`, `"under review"`).
fn begins_with_word(words: &str, first: &str) -> bool {
    words
        .strip_prefix(first)
        .is_some_and(|rest| rest.starts_with(' '))
}

static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])").expect("static regex"));
static HTML: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<!--.*?-->|</?[A-Za-z][^>]*>").expect("static regex"));

/// Text as a reader sees it: links and images become their text, HTML tags and comments,
/// emphasis, strike-through and code marks are dropped; emoji and punctuation stay.
pub fn strip_markup(text: &str) -> String {
    let text = LINK.replace_all(text, "$1");
    let text = HTML.replace_all(&text, " ");
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let inside_word = |c: char| {
            let alnum = |j: Option<&char>| j.is_some_and(|c| c.is_alphanumeric());
            let before = i.checked_sub(1).and_then(|j| chars.get(j));
            c == '_' && alnum(before) && alnum(chars.get(i + 1))
        };
        match c {
            '*' | '`' | '~' => {}
            '_' if !inside_word(c) => {}
            _ => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(raw: &str) -> Option<(String, String)> {
        let vocabulary: BTreeMap<String, String> = STATUS_SYNONYMS
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let mut spellings: Vec<String> = vocabulary.keys().cloned().collect();
        spellings.sort_by_key(|s| std::cmp::Reverse(s.len()));
        read_status(raw, &spellings, &vocabulary).map(|s| (s.status, s.raw))
    }

    fn status(raw: &str) -> Option<String> {
        read(raw).map(|(s, _)| s)
    }

    #[test]
    fn spellings_around_the_status_are_tolerated() {
        assert_eq!(status("  **Accepted** ").as_deref(), Some("accepted"));
        assert_eq!(status("✅ Accepted").as_deref(), Some("accepted"));
        assert_eq!(status("Accepted 2024-01-05").as_deref(), Some("accepted"));
        assert_eq!(status("Accepted on 5 Jan").as_deref(), Some("accepted"));
        assert_eq!(status("Accepted.").as_deref(), Some("accepted"));
        assert_eq!(status("_Approved_").as_deref(), Some("accepted"));
        assert_eq!(status("Under review").as_deref(), Some("proposed"));
        assert_eq!(status("Entwurf").as_deref(), Some("proposed"));
        assert_eq!(status("BESCHLOSSEN").as_deref(), Some("accepted"));
        assert_eq!(status("Verworfen").as_deref(), Some("rejected"));
        assert_eq!(
            status("Abgelöst durch ADR-9").as_deref(),
            Some("superseded")
        );
        assert_eq!(
            status("⌛️ Superseded [0019](0019-x.md)").as_deref(),
            Some("superseded")
        );
        assert_eq!(
            status("Superceded by [3. Bar](0003-bar.md)").as_deref(),
            Some("superseded")
        );
    }

    #[test]
    fn the_first_status_line_counts() {
        assert_eq!(
            status("Provisional\n\nAccepted once the platform team agrees.").as_deref(),
            Some("proposed")
        );
        assert_eq!(
            status("Supersedes [2. Foo](0002-foo.md)\n\nAccepted").as_deref(),
            Some("accepted")
        );
        assert_eq!(
            status("Date: 2024-01-05\nAccepted").as_deref(),
            Some("accepted")
        );
        assert_eq!(
            status("Datum: 2024-01-05\n**Status:** Beschlossen").as_deref(),
            Some("accepted")
        );
        assert_eq!(
            status("Superseded: 2019-12-19 by [ADR 14](0014-x.md)").as_deref(),
            Some("superseded")
        );
    }

    #[test]
    fn a_later_superseded_by_line_wins() {
        assert_eq!(
            status("Accepted\n\n- Superseded by [ADR 9](0009-x.md)").as_deref(),
            Some("superseded")
        );
        assert_eq!(
            status("Accepted\n\nAbgelöst durch ADR-9").as_deref(),
            Some("superseded")
        );
        assert_eq!(
            status("Accepted\n\nOnce superseded by a platform ADR, drop this.").as_deref(),
            Some("accepted")
        );
    }

    #[test]
    fn unknown_statuses_stay_unknown() {
        assert_eq!(
            read("On hold until Q3"),
            Some(("unknown".into(), "On hold until Q3".into()))
        );
        assert_eq!(status("Not accepted").as_deref(), Some("unknown"));
        assert_eq!(status("Acceptedish").as_deref(), Some("unknown"));
        assert_eq!(status("✅"), None);
        assert_eq!(status(""), None);
    }

    #[test]
    fn raw_text_has_no_markup() {
        assert_eq!(
            read("Superseded by [ADR-7](0007-x.md)").map(|r| r.1),
            Some("Superseded by ADR-7".into())
        );
        assert_eq!(
            read("✅ **Accepted** <!-- by the board -->").map(|r| r.1),
            Some("✅ Accepted".into())
        );
        assert_eq!(
            strip_markup("`accepted` ~~proposed~~ snake_case __x__"),
            "accepted proposed snake_case x"
        );
    }
}
