//! The `runbook` control over fixture repositories.

mod common;

use common::{
    FIXTURE_TIME, check_json, check_json_env, codes, control, finding, findings, git_repo, playbook,
};

#[test]
fn service_and_alert_runbooks_pass() {
    let repo = git_repo("runbook-services-ok");
    let pb = playbook("runbook-ok.toml");
    let (ev, code) = check_json(repo.path(), &["-p", pb.to_str().unwrap()]);
    assert_eq!(code, 0, "{ev:#}");
    assert_eq!(ev["decision"], "GO");
    let services = control(&ev, "service-runbooks");
    assert_eq!(services["status"], "PASS", "{services:#}");
    let alerts = control(&ev, "alert-runbooks");
    assert_eq!(alerts["status"], "PASS", "{alerts:#}");
    // README.md is excluded; the two alert runbooks are checked.
    let alert_files: Vec<&str> = alerts["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["line"].is_null())
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        alert_files,
        ["docs/alerts/DiskFull.md", "docs/alerts/HighErrorRate.md"]
    );
}

#[test]
fn evidence_names_file_blob_line_and_excerpt() {
    let repo = git_repo("runbook-services-ok");
    let pb = playbook("runbook-ok.toml");
    let (ev, _) = check_json(repo.path(), &["-p", pb.to_str().unwrap()]);
    let items = control(&ev, "service-runbooks")["evidence"]
        .as_array()
        .unwrap()
        .clone();
    let find = |path: &str, note: &str| {
        items
            .iter()
            .find(|e| e["path"] == path && e["note"].as_str().unwrap_or_default().starts_with(note))
            .unwrap_or_else(|| panic!("no evidence {path} {note} in {items:#?}"))
            .clone()
    };
    // A synonym counts: `## Alerts` stands for Monitoring, `## Roll back` for Rollback.
    let alerts = find("docs/runbooks/ledger.md", "section `Monitoring`");
    assert_eq!(alerts["line"], 12);
    assert_eq!(alerts["excerpt"], "## Alerts");
    assert_eq!(alerts["blob"].as_str().map(str::len), Some(40));
    assert_eq!(
        find("docs/runbooks/ledger.md", "section `Rollback`")["line"],
        3
    );
    // The owner: an e-mail under Contact, or a front matter key.
    let contact = find("docs/runbooks/ledger.md", "contact under");
    assert_eq!(
        (contact["line"].as_u64(), contact["excerpt"].as_str()),
        (Some(18), Some("ledger-team@example.com"))
    );
    assert_eq!(
        find("services/payments/RUNBOOK.md", "owner in front matter")["line"],
        2
    );
    let review = find("services/payments/RUNBOOK.md", "reviewed 2025-10-01");
    assert_eq!(review["line"], 3);
    assert!(review["note"].as_str().unwrap().contains("due 2026-04-01"));
}

#[test]
fn no_service_folder_is_not_applicable() {
    let repo = git_repo("runbook-services-ok");
    let pb = playbook("runbook-ok.toml");
    let (ev, _) = check_json(repo.path(), &["-p", pb.to_str().unwrap()]);
    let apps = control(&ev, "app-runbooks");
    assert_eq!(apps["status"], "NOT_APPLICABLE");
    assert!(apps["reason"].as_str().unwrap().contains("apps/*"));
}

#[test]
fn reviews_go_stale_as_of_source_date_epoch() {
    let repo = git_repo("runbook-services-ok");
    let pb = playbook("runbook-ok.toml");
    let day = 86_400;
    // 2026-03-15: HighErrorRate (2025-12-01 + 90 days = 2026-03-01) is overdue, payments
    // (2025-10-01 + 6 months = 2026-04-01) is not.
    let march_15 = (FIXTURE_TIME + 73 * day).to_string();
    let (ev, _) = check_json_env(
        repo.path(),
        &["-p", pb.to_str().unwrap()],
        &[("SOURCE_DATE_EPOCH", &march_15)],
    );
    assert_eq!(control(&ev, "service-runbooks")["status"], "PASS");
    let alerts = control(&ev, "alert-runbooks");
    assert_eq!(
        findings(alerts),
        [finding(
            "runbook/stale-review",
            Some("docs/alerts/HighErrorRate.md"),
            Some(3)
        )]
    );
    assert!(
        alerts["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("due 2026-03-01")
    );
    // 2026-04-02: both are overdue.
    let april_2 = (FIXTURE_TIME + 91 * day).to_string();
    let (ev, _) = check_json_env(
        repo.path(),
        &["-p", pb.to_str().unwrap()],
        &[("SOURCE_DATE_EPOCH", &april_2)],
    );
    assert_eq!(
        findings(control(&ev, "service-runbooks")),
        [finding(
            "runbook/stale-review",
            Some("services/payments/RUNBOOK.md"),
            Some(3)
        )]
    );
}

#[test]
fn a_plain_folder_judges_reviews_against_the_reference_date() {
    // A plain folder has no commit date, and needs none: the reference date is --as-of, else
    // SOURCE_DATE_EPOCH (pinned to FIXTURE_TIME by the test kit), else the clock.
    let dir = common::plain_copy("runbook-services-ok");
    let pb = playbook("runbook-ok.toml");
    let (ev, _) = check_json(dir.path(), &["-p", pb.to_str().unwrap()]);
    assert_eq!(control(&ev, "service-runbooks")["status"], "PASS");
    let (ev, _) = check_json(
        dir.path(),
        &["-p", pb.to_str().unwrap(), "--as-of", "2030-01-01"],
    );
    let services = control(&ev, "service-runbooks");
    assert_eq!(services["status"], "FAIL");
    assert!(codes(services).iter().all(|c| c == "runbook/stale-review"));
}

#[test]
fn every_service_problem_has_its_code_path_and_line() {
    let repo = git_repo("runbook-broken");
    let pb = playbook("runbook-broken.toml");
    let (ev, code) = check_json(repo.path(), &["-p", pb.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(ev["decision"], "NO_GO");
    let services = control(&ev, "service-runbooks");
    assert_eq!(services["status"], "FAIL");
    assert_eq!(
        findings(services),
        [
            finding(
                "runbook/empty-section",
                Some("services/payments/RUNBOOK.md"),
                Some(14)
            ),
            // The YAML error is reported where the parser stopped: the closing fence.
            finding(
                "runbook/invalid-front-matter",
                Some("services/auth/RUNBOOK.md"),
                Some(4)
            ),
            // notify's runbook is found by the second default template.
            finding(
                "runbook/invalid-review-metadata",
                Some("docs/runbooks/notify.md"),
                Some(4)
            ),
            finding(
                "runbook/invalid-review-metadata",
                Some("services/billing/RUNBOOK.md"),
                Some(3)
            ),
            finding("runbook/missing", None, None),
            finding(
                "runbook/missing-section",
                Some("services/payments/RUNBOOK.md"),
                None
            ),
            finding(
                "runbook/no-owner",
                Some("services/payments/RUNBOOK.md"),
                None
            ),
            finding(
                "runbook/stale-review",
                Some("services/search/RUNBOOK.md"),
                Some(3)
            ),
            finding(
                "runbook/unreadable",
                Some("services/legacy/RUNBOOK.md"),
                None
            ),
        ]
    );
    let messages: Vec<&str> = services["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(messages.iter().any(|m| m.contains("`ledger`")
        && m.contains("services/ledger/RUNBOOK.md")
        && m.contains("docs/runbooks/ledger.md")));
    assert!(messages.iter().any(|m| m.contains("no `Rollback` section")));
    assert!(
        messages
            .iter()
            .any(|m| m.contains("last reviewed 2025-01-15") && m.contains("due 2025-04-15"))
    );
}

#[test]
fn listed_services_need_their_runbook() {
    let repo = git_repo("runbook-broken");
    let pb = playbook("runbook-broken.toml");
    let (ev, _) = check_json(repo.path(), &["-p", pb.to_str().unwrap()]);
    let listed = control(&ev, "listed-runbooks");
    assert_eq!(codes(listed), ["runbook/missing"]);
    let message = listed["findings"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("`ghost`") && message.contains("docs/runbooks/ghost.md"),
        "{message}"
    );
    // checkout names its owner through a link under `On-call`.
    assert!(
        listed["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["note"] == "contact under `On-call`")
    );
}

#[test]
fn review_can_be_required_and_paths_can_match_nothing() {
    let repo = git_repo("runbook-broken");
    let pb = playbook("runbook-broken.toml");
    let (ev, _) = check_json(repo.path(), &["-p", pb.to_str().unwrap()]);
    assert_eq!(
        findings(control(&ev, "review-required")),
        [finding(
            "runbook/missing-review",
            Some("docs/runbooks/checkout.md"),
            None
        )]
    );
    // `paths` alone matching nothing is a failure, not N/A: the runbooks were asked for.
    let alerts = control(&ev, "alert-runbooks");
    assert_eq!(alerts["status"], "FAIL");
    assert_eq!(findings(alerts), [finding("runbook/missing", None, None)]);
    assert_eq!(control(&ev, "app-runbooks")["status"], "NOT_APPLICABLE");
}

#[test]
fn bad_parameters_are_reported_at_their_place() {
    let dir = tempfile::TempDir::new().unwrap();
    let pb = dir.path().join("pb.toml");
    std::fs::write(
        &pb,
        r#"[playbook]
name = "bad"

[[control]]
id = "rb"
kind = "runbook"
level = "must"
title = "x"
services = ["a/b"]
runbook = ["docs/{team}.md"]
review-in = "soon"
required-sections = [[]]
"#,
    )
    .unwrap();
    let out = common::gonogo()
        .args(["playbook", "validate"])
        .arg(&pb)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    for needle in [
        "`a/b` is not a service name",
        "unknown placeholder",
        "`soon` is not a duration",
        "heading text",
    ] {
        assert!(text.contains(needle), "{needle} not in {text}");
    }
}

#[test]
fn paths_matching_nothing_fail_even_when_services_are_found() {
    let repo = git_repo("runbook-services-ok");
    let dir = tempfile::TempDir::new().unwrap();
    let pb = dir.path().join("pb.toml");
    std::fs::write(
        &pb,
        r#"[playbook]
name = "mixed"

[[control]]
id = "rb"
kind = "runbook"
level = "must"
title = "x"
service-dirs = ["services/*"]
paths = ["docs/nothing/*.md"]
"#,
    )
    .unwrap();
    let (ev, _) = check_json(repo.path(), &["-p", pb.to_str().unwrap()]);
    let rb = control(&ev, "rb");
    assert_eq!(findings(rb), [finding("runbook/missing", None, None)]);
    assert!(
        rb["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("docs/nothing/*.md")
    );
}
