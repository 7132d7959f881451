//! The evidence as pretty JSON with a trailing newline; field order is the types' order. Every
//! file written carries the digest of its canonical form (`canonical`).

use crate::evidence::Evidence;

pub fn render(evidence: &Evidence) -> String {
    let mut text = serde_json::to_string_pretty(&crate::evidence::canonical::seal(evidence))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
