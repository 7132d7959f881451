//! `gonogo steering`: the monthly steering pack. Checks every gate of the playbook now, finds
//! each gate's decision at the last pack in the evidence kept in git notes, and gathers the
//! decision log of the window, the waivers about to expire and the priorities file.

use std::path::Path;

use super::run::{CheckRequest, RunError, run_check, run_check_keeping_snapshot};
use crate::controls::RunContext;
use crate::evidence::steering::{DecisionEntry, GateStatus, Priorities, SteeringPack};
use crate::evidence::{Evidence, notes};
use crate::snapshot::{Content, Snapshot};

/// The window a pack covers, inclusive.
#[derive(Debug, Clone)]
pub struct Window {
    pub start: jiff::civil::Date,
    pub end: jiff::civil::Date,
    pub month: Option<String>,
}

#[derive(Debug, Clone)]
pub struct SteeringRequest {
    /// The check of every gate: playbook, reference date (the end of the window), waivers.
    pub check: CheckRequest,
    pub window: Window,
    /// The priorities file; default: what the playbook's `priorities` control found, else
    /// `docs/priorities.md`.
    pub priorities: Option<String>,
    pub notes_ref: String,
}

/// Notes read back from the checked commit to find the last pack's decisions.
const NOTES_BACK: usize = 2000;

pub fn steering(path: &Path, req: &SteeringRequest) -> Result<SteeringPack, RunError> {
    let (first, snapshot) = run_check_keeping_snapshot(path, &req.check)?;
    let policy = crate::policy::resolve(
        &snapshot,
        &crate::policy::PolicyRequest {
            playbook: req.check.playbook.clone(),
            policy_ref: req.check.policy_ref.clone(),
            base: None,
            waivers: req.check.waivers.clone(),
        },
    )?;
    let names: Vec<(String, Option<String>)> = policy
        .playbook
        .gates
        .iter()
        .map(|g| (g.name.clone(), g.description.clone()))
        .collect();
    let mut checked: Vec<(String, Option<String>, Evidence)> = Vec::new();
    if names.is_empty() {
        checked.push((first.gate.name.clone(), None, first));
    } else {
        for (name, description) in names {
            let request = CheckRequest {
                gate: Some(name.clone()),
                ..req.check.clone()
            };
            checked.push((name, description, run_check(path, &request)?));
        }
    }
    let before = format!(
        "{}T23:59:59Z",
        req.window.start.yesterday().unwrap_or(req.window.start)
    );
    let previous = previous_decisions(&snapshot, &req.notes_ref, &before);
    let gates = checked
        .iter()
        .map(|(name, description, ev)| {
            let prev = previous.iter().find(|(g, _)| g == name).map(|(_, e)| e);
            GateStatus {
                name: name.clone(),
                description: description.clone(),
                decision: ev.decision,
                previous: prev.map(|e| e.decision),
                previous_as_of: prev.and_then(|e| e.as_of.clone().or(e.generated_at.clone())),
            }
        })
        .collect();
    let widest = ["steering", "release"]
        .iter()
        .find_map(|w| checked.iter().position(|(n, _, _)| n == w))
        .unwrap_or(checked.len() - 1);
    let evidence = checked.swap_remove(widest).2;
    let as_of = evidence
        .as_of
        .as_deref()
        .and_then(|a| a.parse::<jiff::Timestamp>().ok());
    let decisions = decisions(&snapshot, as_of, &req.window);
    let horizon = req
        .window
        .end
        .checked_add(jiff::Span::new().days(30))
        .unwrap_or(req.window.end)
        .to_string();
    let waivers_expiring = evidence
        .waivers
        .iter()
        .filter(|w| w.expires.as_str() <= horizon.as_str() || w.state == "expiring")
        .cloned()
        .collect();
    let priorities = priorities(&snapshot, &evidence, req.priorities.as_deref());
    Ok(SteeringPack {
        start: req.window.start.to_string(),
        end: req.window.end.to_string(),
        month: req.window.month.clone(),
        gates,
        evidence,
        decisions,
        waivers_expiring,
        priorities,
    })
}

/// For each gate, the newest evidence in the notes of the checked commit's first-parent history
/// whose reference date lies before `before` (RFC 3339): the last pack's decision.
fn previous_decisions(snap: &Snapshot, notes_ref: &str, before: &str) -> Vec<(String, Evidence)> {
    let mut found: Vec<(String, Evidence)> = Vec::new();
    let Ok(list) = snap.notes_back(notes_ref, NOTES_BACK) else {
        return found;
    };
    for (_, text) in list {
        let Ok(note) = notes::format::parse(&text) else {
            continue;
        };
        for (gate, json) in &note.gates {
            if found.iter().any(|(g, _)| g == gate) {
                continue;
            }
            if let Ok(ev) = Evidence::from_json(json) {
                let when = ev
                    .as_of
                    .clone()
                    .or(ev.generated_at.clone())
                    .unwrap_or_default();
                if !when.is_empty() && when.as_str() <= before {
                    found.push((gate.clone(), ev));
                }
            }
        }
    }
    found
}

/// The decision records dated in the window, then those whose file changed in it.
fn decisions(
    snap: &Snapshot,
    as_of: Option<jiff::Timestamp>,
    window: &Window,
) -> Vec<DecisionEntry> {
    let ctx = RunContext {
        as_of,
        ..RunContext::default()
    };
    let log = crate::controls::adr::decision_log(snap, &ctx);
    let (start, end) = (window.start.to_string(), window.end.to_string());
    let paths: Vec<String> = log.iter().map(|r| r.path.clone()).collect();
    let changes = snap.last_changes(&paths).unwrap_or_default();
    let mut out = Vec::new();
    for record in log {
        let dated = record
            .date
            .as_deref()
            .is_some_and(|d| d >= start.as_str() && d <= end.as_str());
        let changed = changes
            .get(&record.path)
            .and_then(|c| crate::support::dates::commit_date(c.time).ok())
            .is_some_and(|d| d >= window.start && d <= window.end);
        if dated || changed {
            out.push(DecisionEntry {
                record,
                change: if dated { "added" } else { "changed" },
            });
        }
    }
    out
}

/// The priorities file's headings and list items (at most 40 lines).
fn priorities(snap: &Snapshot, evidence: &Evidence, named: Option<&str>) -> Option<Priorities> {
    let from_control = evidence
        .controls
        .iter()
        .find(|c| c.id == "priorities")
        .and_then(|c| c.evidence.iter().find(|e| snap.contains(&e.path)))
        .map(|e| e.path.clone());
    let path = named
        .map(str::to_string)
        .or(from_control)
        .unwrap_or_else(|| "docs/priorities.md".to_string());
    let Content::Text(text) = snap.read(&path) else {
        return None;
    };
    let lines = text
        .lines()
        .map(str::trim_end)
        .filter(|l| {
            let t = l.trim_start();
            t.starts_with('#')
                || t.starts_with("- ")
                || t.starts_with("* ")
                || t.split_once(". ")
                    .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        })
        .take(40)
        .map(str::to_string)
        .collect();
    Some(Priorities { path, lines })
}
