//! GitLab Code Quality: a JSON array of issues
//! `{description, check_name, fingerprint, severity, location: {path, lines: {begin}}}`.
//!
//! Severity from the control's level: must → blocker, should → major, may → minor. The
//! fingerprint leaves out the line (see [`super::fingerprint`]). A repository-wide finding sits
//! at the control's line in the playbook when that is a file in the repository, else at
//! `gonogo.toml` line 1.

use serde_json::{Value, json};

use crate::evidence::Evidence;
use crate::playbook::Level;

use super::{FALLBACK_PATH, Style, issues};

pub fn severity(level: Level) -> &'static str {
    match level {
        Level::Must => "blocker",
        Level::Should => "major",
        Level::May => "minor",
    }
}

pub fn render(evidence: &Evidence, style: Style) -> String {
    let items: Vec<Value> = issues(evidence, style.lang)
        .into_iter()
        .map(|issue| {
            let c = issue.control;
            let (path, line) = match &issue.place {
                Some(p) => (p.path.clone(), p.line.unwrap_or(1).max(1)),
                None => (FALLBACK_PATH.to_string(), 1),
            };
            json!({
                "type": "issue",
                // Shown in the merge request: escaped. The path stays exact, to find the file.
                "description": crate::support::escape::text(&format!("{}: {} [{}]", c.id, issue.message, issue.code)),
                "check_name": c.id,
                "categories": ["Compliance"],
                "fingerprint": issue.fingerprint,
                "severity": severity(c.level),
                "location": { "path": path, "lines": { "begin": line } },
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_default();
    text.push('\n');
    text
}
