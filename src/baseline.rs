//! The ratchet: `check --baseline OLD.json` counts only what is new or worse than an earlier
//! report, so a strict playbook can be adopted on a legacy repository and tightened over time.

use std::collections::HashSet;
use std::path::Path;

use crate::evidence::{ControlResult, Evidence, Status, Suppression};

/// An earlier report to compare with.
#[derive(Debug, Clone)]
pub struct Baseline {
    pub name: String,
    pub sha256: String,
    pub evidence: Evidence,
}

/// Reads a baseline evidence file.
pub fn load(path: &Path) -> Result<Baseline, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the baseline {}: {e}", path.display()))?;
    let evidence: Evidence = serde_json::from_str(&text).map_err(|e| {
        format!(
            "the baseline {} is not gonogo evidence: {e} (line {}, column {})",
            path.display(),
            e.line(),
            e.column()
        )
    })?;
    Ok(Baseline {
        name: path.display().to_string(),
        sha256: crate::playbook::load::sha256_hex(text.as_bytes()),
        evidence,
    })
}

/// Accepts every finding whose fingerprint the baseline has for the same control. A control
/// failing only with such findings is BASELINED; an ERROR is never accepted (nothing was checked).
pub fn apply(baseline: &Baseline, results: &mut [ControlResult]) {
    let known: HashSet<(&str, &str)> = baseline
        .evidence
        .controls
        .iter()
        .flat_map(|c| {
            c.findings
                .iter()
                .filter_map(move |f| f.fingerprint.as_deref().map(|fp| (c.id.as_str(), fp)))
        })
        .collect();
    for r in results.iter_mut() {
        if !matches!(r.status, Status::Fail | Status::Waived) {
            continue;
        }
        let mut by_baseline = false;
        for f in r.findings.iter_mut().filter(|f| f.suppressed.is_none()) {
            if f.fingerprint
                .as_deref()
                .is_some_and(|fp| known.contains(&(r.id.as_str(), fp)))
            {
                f.suppressed = Some(Suppression {
                    by: "baseline".into(),
                    reference: baseline.name.clone(),
                });
                by_baseline = true;
            }
        }
        if r.findings.iter().all(|f| f.suppressed.is_some()) {
            let any_waiver = r
                .findings
                .iter()
                .any(|f| f.suppressed.as_ref().is_some_and(|s| s.by == "waiver"));
            r.status = if any_waiver {
                Status::Waived
            } else if by_baseline || r.status == Status::Fail {
                Status::Baselined
            } else {
                r.status
            };
        }
    }
}
