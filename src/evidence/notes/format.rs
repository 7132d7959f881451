//! The text of a gonogo note: the evidence of every gate checked on one commit, keyed by gate.
//!
//! ```json
//! {
//!   "gonogo-notes": 1,
//!   "gates": {
//!     "merge": {"schema_version":"1.0", …, "digest":{…}},
//!     "release": {…}
//!   }
//! }
//! ```
//!
//! Each value is the evidence exactly as it was sealed (its digest still holds). A note written
//! before this format is one evidence document; it reads as a note holding that one gate.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::value::RawValue;

/// The key that marks a note as gonogo's, and the version of this layout.
pub const FORMAT_KEY: &str = "gonogo-notes";
pub const FORMAT_VERSION: u64 = 1;

/// The gates stored on one commit: gate name → evidence JSON text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Note {
    pub gates: BTreeMap<String, String>,
    /// The note was one evidence document (written before the keyed format).
    pub legacy: bool,
}

#[derive(Deserialize)]
struct Probe {
    #[serde(rename = "gonogo-notes")]
    version: Option<serde_json::Value>,
    gates: Option<BTreeMap<String, Box<RawValue>>>,
    gate: Option<GateName>,
}

#[derive(Deserialize)]
struct GateName {
    name: String,
}

/// Reads a note; `Err` says why it is not a gonogo note (a person's note, another tool's, a
/// newer layout), so a writer leaves it alone.
pub fn parse(text: &str) -> Result<Note, String> {
    let probe: Probe = serde_json::from_str(text).map_err(|e| {
        format!(
            "not JSON of gonogo: {e} (line {}, column {})",
            e.line(),
            e.column()
        )
    })?;
    match (probe.version, probe.gates, probe.gate) {
        (Some(v), gates, _) => {
            if v.as_u64() != Some(FORMAT_VERSION) {
                return Err(format!(
                    "`{FORMAT_KEY}` is {v}; this gonogo reads version {FORMAT_VERSION} (a newer gonogo wrote it)"
                ));
            }
            let gates = gates.ok_or_else(|| format!("a `{FORMAT_KEY}` note without `gates`"))?;
            Ok(Note {
                gates: gates
                    .into_iter()
                    .map(|(gate, raw)| (gate, raw.get().to_string()))
                    .collect(),
                legacy: false,
            })
        }
        (None, _, Some(gate)) => Ok(Note {
            gates: BTreeMap::from([(gate.name, text.trim().to_string())]),
            legacy: true,
        }),
        (None, _, None) => Err(format!("neither gonogo evidence nor a `{FORMAT_KEY}` note")),
    }
}

/// The note's text: one gate per line, in name order, so equal content gives equal bytes.
pub fn render(note: &Note) -> String {
    let mut out = format!("{{\n  \"{FORMAT_KEY}\": {FORMAT_VERSION},\n  \"gates\": {{");
    for (i, (gate, evidence)) in note.gates.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("\n    ");
        // A string always serialises.
        out.push_str(&serde_json::to_string(gate).unwrap_or_default());
        out.push_str(": ");
        out.push_str(evidence.trim());
    }
    out.push_str("\n  }\n}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_keyed_note_round_trips_and_keeps_each_evidence_verbatim() {
        let mut note = Note::default();
        note.gates.insert(
            "release".into(),
            r#"{"gate":{"name":"release"},"x":1}"#.into(),
        );
        note.gates.insert(
            "merge \"q\"".into(),
            r#"{"gate":{"name":"merge \"q\""}}"#.into(),
        );
        let text = render(&note);
        assert!(text.starts_with("{\n  \"gonogo-notes\": 1,"), "{text}");
        let back = parse(&text).unwrap();
        assert_eq!(back.gates, note.gates);
        assert!(!back.legacy);
    }

    #[test]
    fn an_old_single_evidence_note_reads_as_its_gate() {
        let old = "{\n  \"schema_version\": \"1.0\",\n  \"gate\": {\"name\": \"merge\"}\n}\n";
        let note = parse(old).unwrap();
        assert!(note.legacy);
        assert_eq!(note.gates.keys().collect::<Vec<_>>(), ["merge"]);
        assert_eq!(note.gates["merge"], old.trim());
    }

    #[test]
    fn other_notes_are_not_gonogo_notes() {
        assert!(parse("Reviewed by Ana, looks fine\n").is_err());
        assert!(parse("{\"reviewed\": true}").is_err());
        assert!(parse("{\"gonogo-notes\": 2, \"gates\": {}}").is_err());
        assert!(parse("{\"gonogo-notes\": 1}").is_err());
        // Deep nesting: the note is skimmed without recursion, and reading the evidence stops at
        // the JSON parser's depth limit, never at the end of the stack.
        let deep = format!(
            "{{\"gonogo-notes\": 1, \"gates\": {{\"a\": {}{}}}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let note = parse(&deep).unwrap();
        assert!(crate::evidence::Evidence::from_json(&note.gates["a"]).is_err());
    }
}
