//! Values of a risk register as people write them: levels 1–5 or low/medium/high (German too),
//! statuses in English or German, dates as YYYY-MM-DD or DD.MM.YYYY, owners that are no owner.

use crate::controls::adr::parse::normalise_words;

/// A cell read: absent, read, or written but not readable (the text as written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell<T> {
    Missing,
    Read(T),
    Bad(String),
}

impl<T: Clone> Cell<T> {
    pub fn value(&self) -> Option<T> {
        match self {
            Cell::Read(v) => Some(v.clone()),
            _ => None,
        }
    }
}

/// A cell's text, `None` when it is empty or a dash.
pub fn present(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() || matches!(t, "-" | "–" | "—") {
        None
    } else {
        Some(t.to_string())
    }
}

/// Likelihood or impact: 1–5 (a leading digit, `4 (likely)`), or low/medium/high read as 1/3/5,
/// German niedrig/mittel/hoch likewise; very low / very high as 1 / 5.
pub fn level(text: &str) -> Cell<u8> {
    let Some(t) = present(text) else {
        return Cell::Missing;
    };
    let mut chars = t.chars();
    if let Some(d) = chars.next().and_then(|c| c.to_digit(10)) {
        let rest = chars.as_str();
        if (1..=5).contains(&d) && !rest.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
            return Cell::Read(d as u8);
        }
        return Cell::Bad(t);
    }
    let words = normalise_words(&t);
    let n = match words.as_str() {
        "very low" | "sehr niedrig" | "sehr gering" => 1,
        "low" | "niedrig" | "gering" => 1,
        "medium" | "moderate" | "mittel" => 3,
        "high" | "hoch" => 5,
        "very high" | "sehr hoch" => 5,
        _ => return Cell::Bad(t),
    };
    Cell::Read(n)
}

/// A status in English or German: open, mitigating, accepted or closed.
pub fn status(text: &str) -> Cell<&'static str> {
    let Some(t) = present(text) else {
        return Cell::Missing;
    };
    let s = match normalise_words(&t).as_str() {
        "open" | "offen" | "new" | "neu" | "identified" | "identifiziert" => "open",
        "mitigating" | "mitigation" | "in progress" | "in bearbeitung" | "in behandlung"
        | "wird behandelt" | "treating" => "mitigating",
        "accepted" | "akzeptiert" | "angenommen" | "getragen" => "accepted",
        "closed" | "geschlossen" | "done" | "erledigt" | "resolved" | "abgeschlossen" => "closed",
        _ => return Cell::Bad(t),
    };
    Cell::Read(s)
}

/// A review date: YYYY-MM-DD or DD.MM.YYYY (and the other spellings the ADR reader knows).
pub fn date(text: &str) -> Cell<jiff::civil::Date> {
    let Some(t) = present(text) else {
        return Cell::Missing;
    };
    match crate::controls::adr::parse::parse_date(&t) {
        Some(d) => Cell::Read(d),
        None => Cell::Bad(t),
    }
}

/// An owner: a role or a person, not a placeholder (`TBD`, `?`, `n/a`, `niemand`).
pub fn owner(text: &str) -> Option<String> {
    let t = present(text)?;
    let words = normalise_words(&t);
    const NOBODY: &[&str] = &[
        "?",
        "tbd",
        "tba",
        "todo",
        "n a",
        "na",
        "none",
        "nobody",
        "unassigned",
        "unknown",
        "niemand",
        "keiner",
        "offen",
        "unbekannt",
        "nicht zugewiesen",
    ];
    if words.is_empty() || NOBODY.contains(&words.as_str()) || t.chars().all(|c| c == '?') {
        None
    } else {
        Some(t)
    }
}

/// Which column a header names: English and German names, in any case.
pub fn column(header: &str) -> Option<&'static str> {
    let c = match normalise_words(header).as_str() {
        "id" | "nr" | "no" | "risk id" | "risiko id" | "#" => "id",
        "title" | "titel" | "risk" | "risiko" | "name" | "bezeichnung" | "beschreibung"
        | "description" => "title",
        "likelihood"
        | "probability"
        | "wahrscheinlichkeit"
        | "eintrittswahrscheinlichkeit"
        | "l"
        | "w" => "likelihood",
        "impact" | "auswirkung" | "auswirkungen" | "schadensausmaß" | "tragweite" | "i" | "a" => {
            "impact"
        }
        "owner" | "verantwortlich" | "verantwortliche" | "verantwortlicher" | "risikoeigner"
        | "eigentümer" => "owner",
        "mitigation" | "maßnahme" | "maßnahmen" | "massnahme" | "massnahmen" | "response"
        | "gegenmaßnahme" | "gegenmaßnahmen" => "mitigation",
        "status" | "stand" => "status",
        "review"
        | "review date"
        | "next review"
        | "überprüfung"
        | "nächste überprüfung"
        | "überprüfen bis"
        | "wiedervorlage"
        | "prüfdatum" => "review",
        "adr" | "decision" | "entscheidung" => "adr",
        _ => return None,
    };
    Some(c)
}

/// The columns a register must have; `adr` is optional.
pub const REQUIRED_COLUMNS: &[&str] = &[
    "id",
    "title",
    "likelihood",
    "impact",
    "owner",
    "mitigation",
    "status",
    "review",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_statuses_dates_and_owners_read_as_people_write_them() {
        assert_eq!(level("4"), Cell::Read(4));
        assert_eq!(level("2 (unlikely)"), Cell::Read(2));
        assert_eq!(level("Hoch"), Cell::Read(5));
        assert_eq!(level("medium"), Cell::Read(3));
        assert_eq!(level("niedrig"), Cell::Read(1));
        assert_eq!(level("7"), Cell::Bad("7".into()));
        assert_eq!(level("12"), Cell::Bad("12".into()));
        assert_eq!(level("2.5"), Cell::Bad("2.5".into()));
        assert_eq!(level(" "), Cell::Missing);
        assert_eq!(status("In Bearbeitung"), Cell::Read("mitigating"));
        assert_eq!(status("akzeptiert"), Cell::Read("accepted"));
        assert_eq!(status("maybe"), Cell::Bad("maybe".into()));
        assert_eq!(
            date("31.12.2026").value(),
            jiff::civil::Date::new(2026, 12, 31).ok()
        );
        assert!(matches!(date("2026-02-30"), Cell::Bad(_)));
        assert_eq!(owner("TBD"), None);
        assert_eq!(owner("???"), None);
        assert_eq!(owner("Maria Huber"), Some("Maria Huber".into()));
        assert_eq!(column("Maßnahme"), Some("mitigation"));
        assert_eq!(column("Überprüfung"), Some("review"));
        assert_eq!(column("WAHRSCHEINLICHKEIT"), Some("likelihood"));
    }
}
