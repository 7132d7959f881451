//! GitLab Code Quality: a JSON array of issues
//! `{description, check_name, fingerprint, severity, location: {path, lines: {begin}}}`.
//!
//! Severity from the control's level: must → blocker, should → major, may → minor. The
//! fingerprint leaves out the line (see [`super::issues::fingerprint`]). A repository-wide finding sits
//! at the control's line in the playbook when that is a file in the repository, else at
//! `gonogo.toml` line 1.
//!
//! `categories` come from Code Climate's list (Bug Risk, Clarity, Compatibility, Complexity,
//! Duplication, Performance, Security, Style), mapped from the control's tags, else its kind
//! ([`categories`]). Findings a waiver or the baseline accepted are left out.

use serde_json::{Value, json};

use crate::evidence::Evidence;
use crate::playbook::Level;

use super::{FALLBACK_PATH, Style};

pub fn severity(level: Level) -> &'static str {
    match level {
        Level::Must => "blocker",
        Level::Should => "major",
        Level::May => "minor",
    }
}

/// Code Climate categories of a control: from its tags (`security`, `performance`,
/// `compatibility`/`release`, `style`, `docs`/`architecture`/…, `tests`/`operations`), else from
/// its kind. Always at least one.
pub fn categories(c: &crate::evidence::ControlResult) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for tag in &c.tags {
        let category = match tag.to_ascii_lowercase().as_str() {
            "security" | "hygiene" | "ownership" => "Security",
            "performance" => "Performance",
            "compatibility" | "release" => "Compatibility",
            "style" | "format" | "formatting" => "Style",
            "complexity" => "Complexity",
            "duplication" => "Duplication",
            "docs" | "documentation" | "architecture" | "handover" | "process" => "Clarity",
            "tests" | "acceptance" | "integration" | "system" | "operations" | "changes" => {
                "Bug Risk"
            }
            _ => continue,
        };
        if !out.contains(&category) {
            out.push(category);
        }
    }
    if out.is_empty() {
        out.push(match c.kind.as_str() {
            "tests" | "runbook" | "changes" | "gate-evidence" => "Bug Risk",
            "ownership" | "policy" | "approvals" | "waivers" => "Security",
            "release" => "Compatibility",
            _ => "Clarity",
        });
    }
    out
}

pub fn render(evidence: &Evidence, style: Style) -> String {
    let items: Vec<Value> = super::issues::open_issues(evidence, style.lang)
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
                "categories": categories(c),
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
