//! Reading the reports of a portfolio: evidence files and folders of them; what is not evidence
//! is skipped with the reason.

use std::path::{Path, PathBuf};

use super::{Input, Skipped};
use crate::evidence::Evidence;

const NOT_EVIDENCE_PORTFOLIO: &str = "a gonogo portfolio, not an evidence report";

/// Parses one evidence report, or says why the text is not one.
pub fn parse_evidence(text: &str) -> Result<Evidence, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    if value.get("portfolio_schema_version").is_some() {
        return Err(NOT_EVIDENCE_PORTFOLIO.into());
    }
    if value.get("schema_version").is_none() || value.get("decision").is_none() {
        return Err("not gonogo evidence (no `schema_version` and `decision`)".into());
    }
    serde_json::from_value(value).map_err(|e| format!("not gonogo evidence: {e}"))
}

/// Reads evidence files; folders are searched (recursively) for `*.json`. Files that are not
/// evidence are returned as skipped, with the reason.
pub fn read_inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<Skipped>) {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(path)
                .follow_links(false)
                .into_iter()
                .filter_entry(|e| e.file_name() != ".git")
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    files.dedup();
    let mut inputs = Vec::new();
    for file in files {
        let source = display(&file);
        match std::fs::read_to_string(&file) {
            Err(e) => skipped.push(Skipped {
                source,
                reason: format!("cannot read: {e}"),
            }),
            Ok(text) => match parse_evidence(&text) {
                Ok(evidence) => inputs.push(Input { source, evidence }),
                // A portfolio beside the reports (as `scan` writes it) is not a problem.
                Err(reason) if reason == NOT_EVIDENCE_PORTFOLIO => {}
                Err(reason) => skipped.push(Skipped { source, reason }),
            },
        }
    }
    (inputs, skipped)
}

fn display(path: &Path) -> String {
    path.display().to_string().replace('\\', "/")
}
