//! `gonogo diff OLD.json NEW.json`: what improved, what regressed, which findings are new and
//! which were resolved — findings matched by fingerprint, never by line number.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::evidence::{Decision, Evidence, Finding, Status};

#[derive(Debug, Serialize)]
pub struct ControlChange {
    pub id: String,
    pub before: Option<Status>,
    pub after: Option<Status>,
}

#[derive(Debug, Serialize)]
pub struct FindingChange {
    pub control: String,
    pub code: String,
    pub message: String,
    pub path: Option<String>,
    pub fingerprint: String,
}

#[derive(Debug, Serialize)]
pub struct Trend {
    /// Why the two reports do not speak about the same thing (another gate, another
    /// repository); empty when they do. Reports that differ so are compared, never judged.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_comparable: Vec<String>,
    pub decision_before: Decision,
    pub decision_after: Decision,
    pub improved: Vec<ControlChange>,
    pub regressed: Vec<ControlChange>,
    pub new_findings: Vec<FindingChange>,
    pub resolved_findings: Vec<FindingChange>,
}

impl Trend {
    /// Worse decision, a regressed control or a new finding, between comparable reports.
    pub fn is_worse(&self) -> bool {
        self.not_comparable.is_empty() && self.decision_after > self.decision_before
            || !self.regressed.is_empty()
            || !self.new_findings.is_empty()
    }
}

/// How bad a status is, for comparing two reports.
fn rank(status: Option<Status>) -> u8 {
    match status {
        None | Some(Status::Pass | Status::NotApplicable) => 0,
        Some(Status::Baselined | Status::Waived) => 1,
        Some(Status::Fail | Status::Error) => 2,
    }
}

/// Findings keyed by control, fingerprint and occurrence, so that three hits where there was
/// one show as two new findings.
fn findings(e: &Evidence) -> BTreeMap<(String, String, usize), (&str, &Finding)> {
    let mut out = BTreeMap::new();
    for c in &e.controls {
        for f in &c.findings {
            let fp = f
                .fingerprint
                .clone()
                .unwrap_or_else(|| crate::evidence::fingerprint(&c.id, f));
            let mut n = 0;
            while out.contains_key(&(c.id.clone(), fp.clone(), n)) {
                n += 1;
            }
            out.insert((c.id.clone(), fp, n), (c.id.as_str(), f));
        }
    }
    out
}

pub fn diff(old: &Evidence, new: &Evidence) -> Trend {
    let mut not_comparable = Vec::new();
    if old.gate.name != new.gate.name {
        not_comparable.push(format!(
            "the reports decide different gates: `{}` and `{}`",
            old.gate.name, new.gate.name
        ));
    }
    let (a, b) = (old.repository_key(), new.repository_key());
    if a != b {
        not_comparable.push(format!(
            "the reports are of different repositories: {a} and {b}"
        ));
    }
    let mut ids: Vec<&str> = old
        .controls
        .iter()
        .chain(&new.controls)
        .map(|c| c.id.as_str())
        .collect();
    ids.sort();
    ids.dedup();
    let status = |e: &Evidence, id: &str| e.controls.iter().find(|c| c.id == id).map(|c| c.status);
    let mut improved = Vec::new();
    let mut regressed = Vec::new();
    for id in ids {
        let (before, after) = (status(old, id), status(new, id));
        let change = ControlChange {
            id: id.to_string(),
            before,
            after,
        };
        match rank(after).cmp(&rank(before)) {
            std::cmp::Ordering::Less => improved.push(change),
            std::cmp::Ordering::Greater => regressed.push(change),
            std::cmp::Ordering::Equal => {}
        }
    }
    let (a, b) = (findings(old), findings(new));
    let change = |(control, f): &(&str, &Finding), fp: &str| FindingChange {
        control: control.to_string(),
        code: f.code.clone(),
        message: f.message.clone(),
        path: f.path.clone(),
        fingerprint: fp.to_string(),
    };
    let new_findings = b
        .iter()
        .filter(|(k, _)| !a.contains_key(*k))
        .map(|((_, fp, _), v)| change(v, fp))
        .collect();
    let resolved_findings = a
        .iter()
        .filter(|(k, _)| !b.contains_key(*k))
        .map(|((_, fp, _), v)| change(v, fp))
        .collect();
    Trend {
        not_comparable,
        decision_before: old.decision,
        decision_after: new.decision,
        improved,
        regressed,
        new_findings,
        resolved_findings,
    }
}
