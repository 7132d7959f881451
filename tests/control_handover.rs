//! The `handover` control: the sections of a handover document in English or German, its
//! contacts, and no secrets in it.

mod common;

use common::*;

#[test]
fn a_complete_german_handover_document_passes() {
    let repo = git_repo("handover-ok");
    let (ev, code) = check_playbook(repo.path(), "handover-doc.toml", &[]);
    let c = control(&ev, "handover-document");
    assert_eq!((ev["decision"].as_str(), code), (Some("GO"), 0), "{c:#}");
    assert!(
        has_evidence(c, "docs/uebergabe.md", Some(3), "section `access`"),
        "{c:#}"
    );
    assert!(
        has_evidence(c, "docs/uebergabe.md", Some(28), "section `exit`"),
        "{c:#}"
    );
}

#[test]
fn missing_sections_bad_contacts_and_secrets_are_findings() {
    let repo = git_repo("handover-broken");
    let (ev, code) = check_playbook(repo.path(), "handover-doc.toml", &[]);
    assert_eq!((ev["decision"].as_str(), code), (Some("NO_GO"), 1));
    let c = control(&ev, "handover-document");
    let doc = "HANDOVER.md";
    assert_eq!(
        findings(c),
        [
            finding("handover/contact-incomplete", doc, Some(14)),
            finding("handover/contact-incomplete", doc, Some(15)),
            finding("handover/empty-section", doc, Some(8)),
            finding("handover/missing-section", doc, None),
            finding("handover/missing-section", doc, None),
            finding("handover/secret", doc, Some(5)),
            finding("handover/secret", doc, Some(6)),
        ],
        "{c:#}"
    );
    let text = messages(c);
    assert!(
        text.contains(
            "HANDOVER.md has no `boundaries` section (a heading such as `System boundaries`"
        ),
        "{text}"
    );
    assert!(
        text.contains("the contact `Ana Lima — ana@example.com` has no role"),
        "{text}"
    );
    assert!(
        text.contains("the contact `Bo Berg, Operations` has no e-mail, phone or channel"),
        "{text}"
    );
    // The secret itself is never quoted back.
    assert!(!text.contains("Tr0ub4dor"), "{text}");
}

#[test]
fn no_document_names_where_it_was_looked_for() {
    let repo = git_repo("decision-rights-ok");
    let (ev, _) = check_playbook(repo.path(), "handover-doc.toml", &[]);
    let c = control(&ev, "handover-document");
    assert_eq!(codes(c), ["handover/missing"], "{c:#}");
    assert!(messages(c).contains("none of `docs/handover.md`, `HANDOVER.md`"));
}
