//! `gonogo show` for a note that holds several gates: which gates, with their decisions.

use serde::Serialize;

use super::Note;
use crate::evidence::Decision;

/// The gates of a note as prose: "`merge`, `release`".
pub fn names(note: &Note) -> String {
    if note.gates.is_empty() {
        return "no gate".into();
    }
    note.gates
        .keys()
        .map(|g| format!("`{g}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One stored gate, as far as the listing tells.
#[derive(Debug, Serialize)]
pub struct Entry {
    pub gate: String,
    /// `GO`, `GO_WITH_CONDITIONS`, `NO_GO`, or null when the evidence does not say.
    pub decision: Option<String>,
    pub generated_at: Option<String>,
    /// The digest the evidence carries (`sha256:<hex>`), when it carries one.
    pub digest: Option<String>,
}

/// What `show --list -f json` prints.
#[derive(Debug, Serialize)]
pub struct Listing {
    #[serde(rename = "gonogo-notes")]
    pub version: u64,
    pub commit: String,
    pub notes_ref: String,
    pub gates: Vec<Entry>,
}

pub fn listing(commit: &str, notes_ref: &str, note: &Note) -> Listing {
    let gates = note
        .gates
        .iter()
        .map(|(gate, text)| {
            // Read loosely: the listing names what is there, judging it is `show --gate`'s job.
            let v: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
            let text_of = |p: &str| v.pointer(p).and_then(|x| x.as_str()).map(str::to_string);
            Entry {
                gate: gate.clone(),
                decision: text_of("/decision"),
                generated_at: text_of("/generated_at"),
                digest: match (text_of("/digest/algorithm"), text_of("/digest/value")) {
                    (Some(a), Some(d)) => Some(format!("{a}:{d}")),
                    _ => None,
                },
            }
        })
        .collect();
    Listing {
        version: super::format::FORMAT_VERSION,
        commit: commit.to_string(),
        notes_ref: notes_ref.to_string(),
        gates,
    }
}

pub fn render_json(listing: &Listing) -> String {
    let mut text = serde_json::to_string_pretty(listing).unwrap_or_default();
    text.push('\n');
    text
}

/// The words of the listing for people, in the reader's language (the caller's catalogue).
pub struct Words<'a> {
    /// The first line.
    pub heading: String,
    /// The last line: how to show one.
    pub footer: String,
    /// Shown for a gate whose evidence records no decision.
    pub no_decision: &'a str,
    /// A decision's label.
    pub decision: &'a dyn Fn(Decision) -> &'static str,
}

pub fn render_human(listing: &Listing, words: &Words<'_>) -> String {
    let mut out = format!("{}\n", words.heading);
    let width = listing
        .gates
        .iter()
        .map(|e| e.gate.len())
        .max()
        .unwrap_or(0);
    for e in &listing.gates {
        let decision = e
            .decision
            .as_deref()
            .and_then(|d| serde_json::from_value::<Decision>(d.into()).ok())
            .map_or(words.no_decision, |d| (words.decision)(d));
        out.push_str(&format!(
            "  {:<width$}  {:<20}  {}\n",
            printable(&e.gate),
            decision,
            e.generated_at.as_deref().unwrap_or("")
        ));
    }
    out.push_str(&format!("{}\n", words.footer));
    out
}

/// A gate name from a note (untrusted: notes are fetched) without control characters.
fn printable(name: &str) -> String {
    name.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_unicode().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}
