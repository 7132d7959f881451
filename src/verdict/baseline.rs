//! The ratchet: `check --baseline OLD.json` counts only what is new or worse than an earlier
//! report, so a strict playbook can be adopted on a legacy repository and tightened over time.

use std::collections::HashMap;
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
    let evidence =
        Evidence::from_json(&text).map_err(|e| format!("the baseline {}: {e}", path.display()))?;
    Ok(Baseline {
        name: path.display().to_string(),
        sha256: crate::support::sha256_hex(text.as_bytes()),
        evidence,
    })
}

/// Accepts each finding whose fingerprint the baseline has for the same control, as many
/// times as the baseline has it. A control
/// failing only with such findings is BASELINED; an ERROR is never accepted (nothing was checked).
pub fn apply(baseline: &Baseline, results: &mut [ControlResult]) {
    // How often each fingerprint stood in the baseline: twenty hits where there was one are
    // nineteen new ones.
    let mut known: HashMap<(String, String), usize> = HashMap::new();
    for c in &baseline.evidence.controls {
        for fp in c.findings.iter().filter_map(|f| f.fingerprint.clone()) {
            *known.entry((c.id.clone(), fp)).or_default() += 1;
        }
    }
    for r in results.iter_mut() {
        // A missing approval or an invalid waiver is never an accepted legacy.
        if !matches!(r.status, Status::Fail | Status::Waived)
            || crate::playbook::load::RESERVED_IDS.contains(&r.id.as_str())
        {
            continue;
        }
        let mut by_baseline = false;
        for f in r.findings.iter_mut().filter(|f| f.suppressed.is_none()) {
            let left = f
                .fingerprint
                .clone()
                .and_then(|fp| known.get_mut(&(r.id.clone(), fp)))
                .filter(|n| **n > 0);
            if let Some(n) = left {
                *n -= 1;
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
