//! The `decision-rights` control: a RACI table against the playbook's roles, the escalation
//! path, and owners named elsewhere.

mod common;

use common::*;

#[test]
fn a_clear_raci_with_a_reachable_escalation_passes() {
    let repo = git_repo("decision-rights-ok");
    let (ev, code) = check_playbook(repo.path(), "decision-rights.toml", &[]);
    let c = control(&ev, "decision-rights");
    assert_eq!((ev["decision"].as_str(), code), (Some("GO"), 0), "{c:#}");
    assert!(
        has_evidence(
            c,
            "docs/decision-rights.md",
            Some(5),
            "`Release approval`: accountable `Release Manager`"
        ),
        "{c:#}"
    );
    assert!(
        has_evidence(
            c,
            "docs/decision-rights.md",
            Some(11),
            "escalation step: role `release-manager`"
        ),
        "{c:#}"
    );
}

#[test]
fn every_broken_right_is_a_finding_at_its_line() {
    let repo = git_repo("decision-rights-broken");
    let (ev, code) = check_playbook(repo.path(), "decision-rights.toml", &[]);
    assert_eq!((ev["decision"].as_str(), code), (Some("NO_GO"), 1));
    let c = control(&ev, "decision-rights");
    let doc = "docs/decision-rights.md";
    assert_eq!(
        findings(c),
        [
            finding("decision-rights/escalation-unknown-role", doc, Some(12)),
            finding("decision-rights/escalation-unreachable", doc, Some(11)),
            finding("decision-rights/many-accountable", doc, Some(5)),
            finding("decision-rights/missing-decision", doc, None),
            finding("decision-rights/no-accountable", doc, Some(6)),
            finding(
                "decision-rights/owner-not-in-role",
                ".github/CODEOWNERS",
                Some(1)
            ),
            finding(
                "decision-rights/owner-not-in-role",
                "docs/adr/0001-record-decisions.md",
                Some(3)
            ),
            finding(
                "decision-rights/owner-not-in-role",
                "docs/risks.md",
                Some(5)
            ),
            finding(
                "decision-rights/owner-not-in-role",
                "docs/runbooks/payments.md",
                Some(2)
            ),
            finding("decision-rights/unknown-letter", doc, Some(6)),
            finding("decision-rights/unknown-role", doc, Some(3)),
        ],
        "{c:#}"
    );
    let text = messages(c);
    assert!(
        text.contains("the decider `Eve Example` is in no role"),
        "{text}"
    );
    assert!(text.contains("the code owner `@acme/security`"), "{text}");
    assert!(
        text.contains("docs/risks.md: the risk owner `Frank Fremd` is in no role"),
        "{text}"
    );
    assert!(
        text.contains("2 roles are accountable (A) for `Release approval`"),
        "{text}"
    );
}

#[test]
fn a_missing_document_says_where_it_was_expected() {
    let repo = git_repo("empty");
    let (ev, _) = check_playbook(repo.path(), "decision-rights.toml", &[]);
    let c = control(&ev, "decision-rights");
    assert_eq!(codes(c), ["decision-rights/missing"], "{c:#}");
    assert!(messages(c).contains("no decision rights document at `docs/decision-rights.md`"));
}
