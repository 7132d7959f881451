//! The evidence as pretty JSON with a trailing newline; field order is the types' order.

use crate::evidence::Evidence;

pub fn render(evidence: &Evidence) -> String {
    let mut text = serde_json::to_string_pretty(evidence)
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
