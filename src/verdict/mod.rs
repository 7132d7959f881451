//! From control outcomes to statuses, and from statuses to a gate decision.

pub mod approvals;
pub mod baseline;
pub mod waivers;

use crate::playbook::WaivedEffect;

use crate::controls::Outcome;
use crate::evidence::{ControlResult, Decision, Status};
use crate::playbook::Level;

/// The status of a control from its outcome: an error is never a pass.
pub fn status(outcome: &Outcome) -> Status {
    if outcome.error.is_some() {
        Status::Error
    } else if !outcome.findings.is_empty() {
        Status::Fail
    } else if outcome.not_applicable.is_some() {
        Status::NotApplicable
    } else {
        Status::Pass
    }
}

/// A failing or erroring `must` is NO-GO; a failing `should` is GO WITH CONDITIONS
/// (NO-GO when strict); `may` never changes the decision. A waived control counts as
/// `waived` says; `strict` also turns those conditions into NO-GO.
pub fn decide(
    results: impl IntoIterator<Item = (Level, Status)>,
    strict: bool,
    waived: WaivedEffect,
) -> Decision {
    let conditions = if strict {
        Decision::NoGo
    } else {
        Decision::GoWithConditions
    };
    let mut decision = Decision::Go;
    for (level, status) in results {
        let this = match (level, status) {
            (Level::May, _) | (_, Status::Pass | Status::NotApplicable | Status::Baselined) => {
                Decision::Go
            }
            (Level::Must, Status::Fail | Status::Error) => Decision::NoGo,
            (Level::Should, Status::Fail | Status::Error) => conditions,
            (_, Status::Waived) => match waived {
                WaivedEffect::Conditions => conditions,
                WaivedEffect::Go => Decision::Go,
            },
        };
        decision = decision.max(this);
    }
    decision
}

/// The must and should results that ended ERROR: the decision could not rest on them, so the
/// check exits 2 (a may result never decides anything).
pub fn unevaluated(evidence: &crate::evidence::Evidence) -> Vec<String> {
    evidence
        .controls
        .iter()
        .filter(|c| c.status == Status::Error && c.level != Level::May)
        .map(|c| c.id.clone())
        .collect()
}

/// One control's result from what it found: status, findings and evidence sorted and unique.
pub fn result_parts(
    id: &str,
    kind: &str,
    level: Level,
    title: String,
    defined_at: String,
    outcome: Outcome,
) -> ControlResult {
    let status = status(&outcome);
    let mut findings = outcome.findings;
    findings.sort();
    findings.dedup();
    let mut evidence = outcome.evidence;
    evidence.sort();
    evidence.dedup();
    ControlResult {
        id: id.to_string(),
        kind: kind.to_string(),
        level,
        title,
        rationale: None,
        remediation: None,
        tags: Vec::new(),
        status,
        defined_at,
        reason: outcome.error.or(outcome.not_applicable),
        reason_said: outcome.reason_said,
        de: None,
        findings,
        evidence,
        records: outcome.records,
        risks: outcome.risks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decision_follows_levels() {
        use Level::*;
        use Status::*;
        let c = WaivedEffect::Conditions;
        let d = |r: &[(Level, Status)], strict| decide(r.iter().copied(), strict, c);
        assert_eq!(d(&[(Must, Pass), (Should, Pass)], false), Decision::Go);
        assert_eq!(
            d(&[(Must, Pass), (Should, Fail)], false),
            Decision::GoWithConditions
        );
        assert_eq!(d(&[(Must, Pass), (Should, Fail)], true), Decision::NoGo);
        assert_eq!(d(&[(Must, Error), (Should, Pass)], false), Decision::NoGo);
        assert_eq!(
            d(&[(Must, NotApplicable), (May, Fail)], false),
            Decision::Go
        );
        assert_eq!(d(&[(Should, Error), (Must, Fail)], false), Decision::NoGo);
        assert_eq!(d(&[], false), Decision::Go);
        assert_eq!(d(&[(Must, Waived)], false), Decision::GoWithConditions);
        assert_eq!(d(&[(Must, Waived)], true), Decision::NoGo);
        assert_eq!(d(&[(Must, Baselined)], false), Decision::Go);
        assert_eq!(d(&[(May, Waived)], false), Decision::Go);
        assert_eq!(
            decide([(Must, Waived)], false, WaivedEffect::Go),
            Decision::Go
        );
    }
}
