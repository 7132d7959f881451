//! The one table of section headings and field labels records really use, English and German:
//! which headings count for a required section, and which labels read as `Status:` or `Date:`.
//! docs/controls/adr.md lists the same tables.

/// Headings that count for a section of this name, written as `normalise_words` leaves them.
/// A heading also counts when it starts with the name or an alias ("Decision: Publish events")
/// or is its plural.
pub const SECTION_ALIASES: &[(&str, &[&str])] = &[
    (
        "context",
        &[
            "context and problem statement",
            "problem statement",
            "background",
            "kontext",
            "ausgangslage",
            "hintergrund",
            "problemstellung",
        ],
    ),
    (
        "decision",
        &["decision outcome", "proposal", "entscheidung", "beschluss"],
    ),
    (
        "consequences",
        &[
            "positive consequences",
            "negative consequences",
            "implications",
            "konsequenzen",
            "auswirkungen",
            "folgen",
        ],
    ),
];

/// Field labels (`Datum: …`, a `Datum` column or heading) read as their English twin.
pub const LABEL_SYNONYMS: &[(&str, &str)] = &[
    ("datum", "date"),
    ("decision makers", "deciders"),
    ("entscheider", "deciders"),
    ("entscheidungsträger", "deciders"),
];

/// The English label a normalised field label stands for (`datum` → `date`).
pub fn label(words: &str) -> &str {
    LABEL_SYNONYMS
        .iter()
        .find(|(german, _)| *german == words)
        .map_or(words, |(_, english)| english)
}

/// The built-in aliases of a section name.
pub fn section_aliases(name: &str) -> &'static [&'static str] {
    SECTION_ALIASES
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(&[], |(_, aliases)| aliases)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_labels_read_as_english() {
        assert_eq!(label("datum"), "date");
        assert_eq!(label("date"), "date");
        assert_eq!(label("deciders"), "deciders");
        assert_eq!(label("entscheider"), "deciders");
        assert_eq!(label("decision makers"), "deciders");
        assert!(section_aliases("decision").contains(&"entscheidung"));
        assert!(section_aliases("context").contains(&"ausgangslage"));
        assert!(section_aliases("status").is_empty());
    }
}
