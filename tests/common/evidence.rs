//! Reading gonogo's evidence JSON: a control, its status, findings, messages and evidence
//! entries, the waivers and the change set, in shapes assertions compare against.

use std::path::Path;

use serde_json::Value;

/// `(code, path, line)` of one finding, as `findings` lists them.
pub type Finding = (String, Option<String>, Option<u64>);

/// Reads and parses a JSON file (an evidence file gonogo wrote, a report, an artifact).
pub fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// The control with `id` in an evidence report.
pub fn control<'a>(evidence: &'a Value, id: &str) -> &'a Value {
    evidence["controls"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["id"] == id))
        .unwrap_or_else(|| panic!("no control {id} in {evidence:#}"))
}

/// The status of control `id` (`PASS`, `FAIL`, …).
pub fn status<'a>(evidence: &'a Value, id: &str) -> &'a str {
    control(evidence, id)["status"].as_str().expect("status")
}

/// The reason control `id` gives for its status, empty when it gives none.
pub fn reason<'a>(evidence: &'a Value, id: &str) -> &'a str {
    control(evidence, id)["reason"].as_str().unwrap_or_default()
}

/// The ids of the controls that failed or could not be checked, sorted.
pub fn failing_ids(evidence: &Value) -> Vec<String> {
    let mut ids: Vec<String> = evidence["controls"]
        .as_array()
        .expect("controls")
        .iter()
        .filter(|c| c["status"] == "FAIL" || c["status"] == "ERROR")
        .map(|c| c["id"].as_str().expect("id").to_string())
        .collect();
    ids.sort();
    ids
}

/// The finding codes of a control, sorted.
pub fn codes(control: &Value) -> Vec<String> {
    let mut v: Vec<String> = control["findings"]
        .as_array()
        .map(|fs| {
            fs.iter()
                .filter_map(|f| f["code"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// `(code, path, line)` of every finding of a control, sorted (none when it has no list).
pub fn findings(control: &Value) -> Vec<Finding> {
    let mut v = listed_findings(control).unwrap_or_default();
    v.sort();
    v
}

/// `(code, path, line)` of every finding of a control, in the order of the report (which the
/// assertion then checks too); the control must have a findings list.
pub fn findings_in_order(control: &Value) -> Vec<Finding> {
    listed_findings(control).expect("findings")
}

fn listed_findings(control: &Value) -> Option<Vec<Finding>> {
    let list = control["findings"].as_array()?;
    Some(
        list.iter()
            .map(|f| {
                (
                    f["code"].as_str().unwrap_or_default().to_string(),
                    f["path"].as_str().map(str::to_string),
                    f["line"].as_u64(),
                )
            })
            .collect(),
    )
}

/// `(code, path)` of every finding of a control, in the order of the report.
pub fn finding_paths(control: &Value) -> Vec<(String, Option<String>)> {
    findings_in_order(control)
        .into_iter()
        .map(|(code, path, _)| (code, path))
        .collect()
}

/// An expected finding: `finding("adr/missing-date", "docs/adr/0001.md", Some(1))`, or with
/// `None` for a finding without a path.
pub fn finding<'a>(code: &str, path: impl Into<Option<&'a str>>, line: Option<u64>) -> Finding {
    (code.to_string(), path.into().map(str::to_string), line)
}

/// The message of every finding of a control, in report order.
pub fn finding_messages(control: &Value) -> Vec<String> {
    control["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["message"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// The messages of a control's findings, one a line (empty when it has none).
pub fn messages(control: &Value) -> String {
    control["findings"]
        .as_array()
        .map(|fs| {
            fs.iter()
                .filter_map(|f| f["message"].as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

/// The evidence entries of a control whose note contains `note_part`.
pub fn evidence_with(control: &Value, note_part: &str) -> Vec<Value> {
    control["evidence"]
        .as_array()
        .expect("evidence")
        .iter()
        .filter(|e| e["note"].as_str().unwrap_or_default().contains(note_part))
        .cloned()
        .collect()
}

/// Whether a control has an evidence entry for `path` at `line` with a blob id and a note
/// containing `note_part`.
pub fn has_evidence(control: &Value, path: &str, line: Option<u64>, note_part: &str) -> bool {
    control["evidence"]
        .as_array()
        .expect("evidence")
        .iter()
        .any(|e| {
            e["path"] == path
                && e["line"].as_u64() == line
                && e["note"].as_str().unwrap_or_default().contains(note_part)
                && e["blob"].is_string()
        })
}

/// The state of waiver `id` in an evidence report (`valid`, `expired`, …).
pub fn waiver_state<'a>(evidence: &'a Value, id: &str) -> &'a str {
    evidence["waivers"]
        .as_array()
        .and_then(|ws| ws.iter().find(|w| w["id"] == id))
        .and_then(|w| w["state"].as_str())
        .unwrap_or_else(|| panic!("no waiver {id} in {evidence:#}"))
}

/// `(path, kind, old_path)` of every entry of the checked change set.
pub fn changes(evidence: &Value) -> Vec<(String, String, Option<String>)> {
    evidence["subject"]["changes"]
        .as_array()
        .expect("a change set")
        .iter()
        .map(|c| {
            (
                c["path"].as_str().expect("path").to_string(),
                c["kind"].as_str().expect("kind").to_string(),
                c["old_path"].as_str().map(str::to_string),
            )
        })
        .collect()
}

/// An expected change without a rename: `change("README.md", "modified")`.
pub fn change(path: &str, kind: &str) -> (String, String, Option<String>) {
    (path.into(), kind.into(), None)
}
