//! Reading the reports of a portfolio: evidence files and folders of them; what is not evidence
//! is skipped with the reason.

use std::path::{Path, PathBuf};

use super::fold::Fold;
use super::{Input, Options, Portfolio, Skipped};
use crate::evidence::Evidence;

/// How many files are read (in parallel) before they are folded in, in file order.
const BATCH: usize = 64;

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

/// The evidence files of the paths: folders are searched (recursively) for `*.json`.
fn list_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = Vec::new();
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
    files
}

/// One file read: a report, a reason to skip it, or nothing (a portfolio beside the reports).
enum Read {
    Report(Box<Evidence>),
    Skip(String),
    Quiet,
}

fn read_file(file: &Path) -> Read {
    match std::fs::read_to_string(file) {
        Err(e) => Read::Skip(format!("cannot read: {e}")),
        Ok(text) => {
            // Most files are evidence: parse them directly, and only explain the others.
            if let Ok(evidence) = serde_json::from_str::<Evidence>(&text) {
                return Read::Report(Box::new(evidence));
            }
            match parse_evidence(&text) {
                Ok(evidence) => Read::Report(Box::new(evidence)),
                // A portfolio beside the reports (as `scan` writes it) is not a problem.
                Err(reason) if reason == NOT_EVIDENCE_PORTFOLIO => Read::Quiet,
                Err(reason) => Read::Skip(reason),
            }
        }
    }
}

/// Reads evidence files; folders are searched (recursively) for `*.json`. Files that are not
/// evidence are returned as skipped, with the reason. Holds every report: for a few files; a
/// fleet's are read with [`read_portfolio`].
pub fn read_inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<Skipped>) {
    let mut inputs = Vec::new();
    let mut skipped = Vec::new();
    for file in list_files(paths) {
        let source = display(&file);
        match read_file(&file) {
            Read::Report(evidence) => inputs.push(Input {
                source,
                evidence: *evidence,
            }),
            Read::Skip(reason) => skipped.push(Skipped { source, reason }),
            Read::Quiet => {}
        }
    }
    (inputs, skipped)
}

/// The overview of the reports in the paths, read in parallel and folded in one at a time, so
/// memory grows with what the overview shows, not with the reports read. Each row keeps at most
/// `keep` of its oldest open findings (the JSON lists `top`; the tables need only the oldest).
pub fn read_portfolio(paths: &[PathBuf], options: &Options, keep: usize) -> Portfolio {
    use rayon::prelude::*;
    let files = list_files(paths);
    let mut fold = Fold::new(options.german);
    for batch in files.chunks(BATCH) {
        let read: Vec<(String, Read)> = batch
            .par_iter()
            .map(|file| (display(file), read_file(file)))
            .collect();
        // Folded in file order, though the result does not depend on it.
        for (source, read) in read {
            match read {
                Read::Report(e) => fold.add(&source, &e),
                Read::Skip(reason) => fold.skip(Skipped { source, reason }),
                Read::Quiet => {}
            }
        }
    }
    let reload = |source: &str| match read_file(Path::new(source)) {
        Read::Report(e) => Some(*e),
        _ => None,
    };
    fold.finish(Vec::new(), options, &reload, keep)
}

fn display(path: &Path) -> String {
    path.display().to_string().replace('\\', "/")
}
