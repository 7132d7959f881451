//! From control outcomes to statuses, and from statuses to a gate decision.

use crate::controls::Outcome;
use crate::evidence::{Decision, Status};
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
/// (NO-GO when strict); `may` never changes the decision.
pub fn decide(results: impl IntoIterator<Item = (Level, Status)>, strict: bool) -> Decision {
    let mut decision = Decision::Go;
    for (level, status) in results {
        let failing = matches!(status, Status::Fail | Status::Error);
        let this = match (level, failing) {
            (_, false) | (Level::May, true) => Decision::Go,
            (Level::Must, true) => Decision::NoGo,
            (Level::Should, true) if strict => Decision::NoGo,
            (Level::Should, true) => Decision::GoWithConditions,
        };
        decision = decision.max(this);
    }
    decision
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decision_follows_levels() {
        use Level::*;
        use Status::*;
        assert_eq!(decide([(Must, Pass), (Should, Pass)], false), Decision::Go);
        assert_eq!(
            decide([(Must, Pass), (Should, Fail)], false),
            Decision::GoWithConditions
        );
        assert_eq!(decide([(Must, Pass), (Should, Fail)], true), Decision::NoGo);
        assert_eq!(
            decide([(Must, Error), (Should, Pass)], false),
            Decision::NoGo
        );
        assert_eq!(
            decide([(Must, NotApplicable), (May, Fail)], false),
            Decision::Go
        );
        assert_eq!(
            decide([(Should, Error), (Must, Fail)], false),
            Decision::NoGo
        );
        assert_eq!(decide(Vec::new(), false), Decision::Go);
    }
}
