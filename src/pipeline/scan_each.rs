//! One repository of a scan: reuse its earlier evidence when nothing it depends on changed,
//! else check it; write its evidence file; describe the outcome as one NDJSON line.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use serde::Serialize;

use crate::evidence::{Decision, Evidence, Status};
use crate::pipeline::remote::{prepare, texts};
use crate::pipeline::run::CheckRequest;
use crate::pipeline::scan::{Failure, Found, check_one};
use crate::pipeline::scan_cache::{self, Entry, Index, Outcome};

/// What every repository of one scan shares.
pub struct Settings<'a> {
    pub out: &'a Path,
    pub request: &'a CheckRequest,
    /// The index as the scan found it (read only; the scan writes the new one at the end).
    pub index: &'a Index,
    /// [`scan_cache::policy_digest`] of `request`.
    pub policy: &'a str,
    /// `--force`: check every repository again.
    pub force: bool,
    /// The evidence file's text.
    pub render: &'a (dyn Fn(&Evidence) -> String + Sync),
    /// The language of the scan's own sentences ([`remote::texts`]).
    pub lang: crate::playbook::Language,
}

/// One repository's outcome.
pub struct Done {
    /// The evidence of this scan's check; `None` when an earlier one was reused, unread (the
    /// line and the entry say what it decided); or why the repository was not checked.
    pub result: Result<Option<Evidence>, Failure>,
    /// The evidence file, relative to the output folder, when it holds this result.
    pub file: Option<String>,
    /// The evidence file could not be written.
    pub write_error: Option<String>,
    /// The index entry to keep for the next scan.
    pub entry: Option<Entry>,
    pub line: Line,
}

/// One line of `--format ndjson`.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    /// Relative to the scan root, `/`-separated.
    pub repository: String,
    pub commit: Option<String>,
    pub decision: Option<Decision>,
    /// Controls per status, e.g. {"PASS": 9, "FAIL": 1}.
    pub counts: BTreeMap<Status, usize>,
    /// The evidence file, relative to the output folder.
    pub evidence: Option<String>,
    pub duration_ms: u64,
    /// The evidence of an earlier scan, unchanged, stands for this one.
    pub reused: bool,
    /// Why the repository was not checked (or its evidence not written).
    pub error: Option<String>,
    /// A remote repository: the bytes its clone and blob fetches transferred in this scan (the
    /// new pack files); 0 when its earlier evidence was reused. `null` for a local repository.
    pub bytes_fetched: Option<u64>,
}

fn remote_settings<'a>(s: &'a Settings) -> prepare::RemoteSettings<'a> {
    prepare::RemoteSettings {
        out: s.out,
        request: s.request,
        index: s.index,
        policy: s.policy,
        force: s.force,
        lang: s.lang,
    }
}

/// Checks `repo`; a remote one's clone gets the blobs the check reads on the way, whose bytes
/// are added to `bytes_fetched`.
fn check(repo: &Found, s: &Settings, bytes_fetched: &mut Option<u64>) -> Result<Evidence, Failure> {
    if repo.remote.is_none() {
        return check_one(repo, s.request);
    }
    let (result, bytes) = prepare::check_fetching(repo, s.request);
    *bytes_fetched = Some(bytes_fetched.unwrap_or(0) + bytes);
    result
}

/// Reuses or checks `repo` and writes its evidence file.
pub fn scan_one(repo: &Found, s: &Settings) -> Done {
    let started = Instant::now();
    let file = format!("{}.json", repo.name);
    let (key, reused, mut bytes_fetched) = match &repo.remote {
        Some(url) => match prepare::prepare(repo, url, &file, &remote_settings(s)) {
            Ok(p) => (p.key, p.reused, Some(p.bytes)),
            Err((failure, bytes)) => return failed(repo, started, failure, Some(bytes)),
        },
        None => {
            let key = scan_cache::key(&repo.path, s.policy);
            // No key: unborn, broken, or no repository at all (asked only then).
            if key.is_none() && !repo.path.join(".git").exists() {
                let name = crate::support::escape::text(&repo.relative);
                let why = texts::say(s.lang, "scan.not-a-repository", &[("repository", &name)]);
                return failed(repo, started, Failure::Fetch(why), None);
            }
            let reused = match (&key, s.force) {
                (Some(key), false) => scan_cache::reuse(s.index, s.out, &repo.relative, key, &file),
                _ => None,
            };
            (key, reused, None)
        }
    };
    let is_reused = reused.is_some();
    let (result, write_error, entry) = match reused {
        Some(entry) => (Ok(None), None, Some(entry)),
        None => match check(repo, s, &mut bytes_fetched) {
            Ok(evidence) => {
                let text = (s.render)(&evidence);
                let path = s.out.join(&file);
                match std::fs::write(&path, &text) {
                    Ok(()) => {
                        let entry = key.map(|key| Entry {
                            key,
                            file: file.clone(),
                            sha256: crate::support::sha256_hex(text.as_bytes()),
                            outcome: Outcome::of(&evidence),
                        });
                        (Ok(Some(evidence)), None, entry)
                    }
                    Err(e) => (
                        Ok(Some(evidence)),
                        Some(texts::say(
                            s.lang,
                            "scan.cannot-write",
                            &[
                                ("path", &path.display().to_string()),
                                ("why", &e.to_string()),
                            ],
                        )),
                        None,
                    ),
                }
            }
            Err(failure) => (Err(failure), None, None),
        },
    };
    let written = result.is_ok() && write_error.is_none();
    let outcome = match (&result, &entry) {
        (Ok(Some(evidence)), _) => Some(Outcome::of(evidence)),
        (Ok(None), Some(entry)) => Some(entry.outcome.clone()),
        _ => None,
    };
    let line = Line {
        repository: repo.relative.clone(),
        commit: match &outcome {
            Some(o) => o.commit.clone(),
            None => scan_cache::head_commit(&repo.path),
        },
        decision: outcome.as_ref().map(|o| o.decision),
        counts: outcome.map(|o| o.counts).unwrap_or_default(),
        evidence: written.then(|| file.clone()),
        duration_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        reused: is_reused,
        error: match &result {
            Err(f) => Some(f.summary()),
            Ok(_) => write_error.clone(),
        },
        bytes_fetched,
    };
    Done {
        result,
        file: written.then_some(file),
        write_error,
        entry,
        line,
    }
}

/// A repository that was not checked before its check began (no clone, no repository).
fn failed(repo: &Found, started: Instant, failure: Failure, bytes_fetched: Option<u64>) -> Done {
    Done {
        line: Line {
            repository: repo.relative.clone(),
            commit: None,
            decision: None,
            counts: BTreeMap::new(),
            evidence: None,
            duration_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
            reused: false,
            error: Some(failure.summary()),
            bytes_fetched,
        },
        result: Err(failure),
        file: None,
        write_error: None,
        entry: None,
    }
}
