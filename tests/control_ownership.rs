//! The `ownership` control kind against fixture repositories.

mod common;

use common::{
    check_fixture, check_playbook, codes, control, evidence_with, finding, findings_in_order,
    git_repo, plain_copy, playbook, snapshot,
};

#[test]
fn github_codeowners_with_full_coverage_passes() {
    let ev = check_fixture("ownership-github-ok", "ownership-full.toml");
    let c = control(&ev, "owners");
    assert_eq!(c["status"], "PASS", "{c:#}");
    let cov = evidence_with(c, "files have an owner");
    assert_eq!(cov.len(), 1);
    assert!(
        cov[0]["note"]
            .as_str()
            .unwrap()
            .starts_with("4 of 4 files have an owner (100.0 %)")
    );
    assert_eq!(cov[0]["path"], ".github/CODEOWNERS");
    assert!(cov[0]["blob"].is_string());
    // Last match wins: src/main.rs is owned through `*.rs` on line 8, not `*` on line 2.
    let critical = evidence_with(c, "owns critical path src/main.rs");
    assert_eq!(critical[0]["line"], 8);
    assert_eq!(critical[0]["excerpt"], "*.rs @rustacean");
    // The git remote address is skipped; the maintainers' address counts.
    let contact = evidence_with(c, "contact:");
    assert_eq!(contact[0]["path"], "README.md");
    assert_eq!(contact[0]["line"], 5);
    assert_eq!(contact[0]["note"], "contact: maintainers@acme.io");
}

#[test]
fn every_github_problem_is_a_finding_at_its_line() {
    let ev = check_fixture("ownership-github-bad", "ownership-strict.toml");
    let c = control(&ev, "owners");
    assert_eq!(c["status"], "FAIL");
    let co = Some("CODEOWNERS");
    assert_eq!(
        findings_in_order(c),
        [
            finding("ownership/duplicate-pattern", co, Some(6)),
            finding("ownership/invalid-line", co, Some(4)),
            finding("ownership/invalid-line", co, Some(5)),
            finding("ownership/invalid-line", co, Some(8)),
            finding("ownership/low-coverage", co, None),
            finding("ownership/no-contact", None, None),
            finding("ownership/no-owners", co, Some(7)),
            finding("ownership/unmatched-pattern", co, Some(9)),
            finding("ownership/unowned-critical", Some("config/prod.yaml"), None),
            finding("ownership/unowned-critical", Some("ops/deploy.sh"), None),
        ]
    );
    let low = c["findings"][4]["message"].as_str().unwrap();
    assert!(
        low.starts_with(
            "2 of 7 files have an owner (28.6 %); 5 unowned, first: CODEOWNERS, config/prod.yaml"
        ),
        "{low}"
    );
    // The root file wins over docs/CODEOWNERS, which is named as ignored.
    let ignored = evidence_with(c, "ignored");
    assert_eq!(ignored[0]["path"], "docs/CODEOWNERS");
    // src/app.py is critical and owned by the later `/src/` line.
    assert_eq!(
        evidence_with(c, "owns critical path src/app.py")[0]["line"],
        6
    );
}

#[test]
fn unowning_patterns_are_evidence_unless_forbidden() {
    let ev = check_fixture("ownership-github-bad", "ownership-default.toml");
    let c = control(&ev, "owners");
    let cs = codes(c);
    assert!(!cs.contains(&"ownership/no-owners".to_string()), "{cs:?}");
    assert!(
        !cs.contains(&"ownership/low-coverage".to_string()),
        "{cs:?}"
    );
    assert_eq!(evidence_with(c, "pattern without owners")[0]["line"], 7);
    // A `should` control fails with conditions.
    assert_eq!(ev["decision"], "GO_WITH_CONDITIONS");
}

#[test]
fn gitlab_sections_roles_exclusions_and_catalog_contact() {
    let ev = check_fixture("ownership-gitlab", "ownership-full.toml");
    let c = control(&ev, "owners");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(evidence_with(c, "read as gitlab (5 pattern(s), 3 section(s))").len() == 1);
    assert!(evidence_with(c, "7 of 7 files have an owner").len() == 1);
    // Per section last match wins: the Backend exclusion leaves the default section's owner.
    assert_eq!(
        evidence_with(c, "owns critical path api/generated/types.go")[0]["line"],
        2
    );
    assert_eq!(
        evidence_with(c, "owns critical path api/server.go")[0]["line"],
        11
    );
    let contact = evidence_with(c, "contact:");
    assert_eq!(contact[0]["path"], "catalog-info.yaml");
    assert_eq!(contact[0]["line"], 8);
    assert_eq!(
        contact[0]["note"],
        "contact: spec.owner group:team-payments"
    );
}

#[test]
fn gitlab_invalid_headers_and_roles() {
    let ev = check_fixture("ownership-gitlab-bad", "ownership-default.toml");
    let c = control(&ev, "owners");
    let co = Some(".gitlab/CODEOWNERS");
    assert_eq!(
        findings_in_order(c),
        [
            finding("ownership/duplicate-pattern", co, Some(5)),
            finding("ownership/invalid-line", co, Some(1)),
            finding("ownership/invalid-line", co, Some(3)),
            finding("ownership/invalid-line", co, Some(4)),
        ]
    );
}

#[test]
fn missing_codeowners_for_the_chosen_flavor() {
    let ev = check_fixture("ownership-github-ok", "ownership-gitlab.toml");
    let c = control(&ev, "owners");
    assert_eq!(
        findings_in_order(c),
        [finding("ownership/missing", None, None)]
    );
    assert!(
        c["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("`.gitlab/CODEOWNERS`")
    );
}

#[test]
fn binary_codeowners_is_unreadable() {
    let dir = plain_copy("ownership-github-ok");
    std::fs::write(dir.path().join(".github/CODEOWNERS"), b"* @a\0\x01\x02").expect("write");
    snapshot(dir.path(), "binary");
    let (ev, _) = check_playbook(dir.path(), "ownership-default.toml", &[]);
    let c = control(&ev, "owners");
    assert_eq!(
        findings_in_order(c),
        [finding(
            "ownership/unreadable",
            Some(".github/CODEOWNERS"),
            None
        )]
    );
}

#[test]
fn invalid_parameters_are_reported() {
    let dir = git_repo("ownership-github-ok");
    let out = common::gonogo()
        .arg("check")
        .arg(dir.path())
        .arg("--playbook")
        .arg(playbook("ownership-invalid.toml"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown variant `bitbucket`"), "{err}");
    assert!(err.contains("`min-coverage = 90` is not a share"), "{err}");
}

#[test]
fn every_invalid_owner_of_a_line_is_its_own_finding() {
    let ev = check_fixture("ownership-github-many-bad-owners", "ownership-default.toml");
    let c = control(&ev, "owners");
    assert_eq!(c["status"], "FAIL");
    let expected = |owner: &str, line: u32| {
        format!(
            ".github/CODEOWNERS:{line}: `{owner}` is not a valid owner (expected @user, \
             @org/team or an e-mail address)"
        )
    };
    assert_eq!(
        common::finding_messages(c),
        [
            expected("-team", 5),
            expected("@acme/a/b", 5),
            expected("alice@", 5),
            expected("bob", 5),
            expected("ops_team", 6),
        ]
    );
    let co = Some(".github/CODEOWNERS");
    assert_eq!(
        findings_in_order(c),
        [
            finding("ownership/invalid-line", co, Some(5)),
            finding("ownership/invalid-line", co, Some(5)),
            finding("ownership/invalid-line", co, Some(5)),
            finding("ownership/invalid-line", co, Some(5)),
            finding("ownership/invalid-line", co, Some(6)),
        ]
    );
}

#[test]
fn the_same_lines_with_valid_owners_pass() {
    let dir = plain_copy("ownership-github-many-bad-owners");
    std::fs::write(
        dir.path().join(".github/CODEOWNERS"),
        "* @acme/platform\n/src/ @acme/backend @bob alice@acme.io\n/docs/ @writer @ops-team\n",
    )
    .expect("write");
    snapshot(dir.path(), "owners fixed");
    let (ev, _) = check_playbook(dir.path(), "ownership-default.toml", &[]);
    let c = control(&ev, "owners");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert_eq!(findings_in_order(c), []);
}
