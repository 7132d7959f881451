//! The `runbook` control over fixture repositories.

mod common;

use common::history::History;
use common::{
    FIXTURE_TIME, check_json, check_json_env, codes, control, evidence_with, finding,
    finding_messages, findings, git_repo, has_evidence, playbook,
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

// Discovery (issue 16, point 5): runbooks where they are, and NOT_APPLICABLE only when nothing
// runs. The fixture playbook runbook-discover.toml has `discovered` (discovery, the delivery
// sections), `services-only` (service folders, no discovery) and `reviewed` (discovery with
// required reviews).

fn discovery_check(repo: &std::path::Path) -> serde_json::Value {
    let pb = playbook("runbook-discover.toml");
    check_json(repo, &["-p", pb.to_str().unwrap()]).0
}

/// The one finding's message of a control.
fn only_message(c: &serde_json::Value) -> String {
    let messages = finding_messages(c);
    assert_eq!(messages.len(), 1, "{c:#}");
    messages[0].clone()
}

#[test]
fn runbooks_in_ops_are_found_by_their_folder() {
    let repo = git_repo("runbook-ops");
    let ev = discovery_check(repo.path());
    let found = control(&ev, "discovered");
    assert_eq!(found["status"], "PASS", "{found:#}");
    assert!(has_evidence(
        found,
        "ops/api.md",
        None,
        "runbook found by folder `ops/`"
    ));
    // The folder's README is an index, not a runbook.
    assert!(!has_evidence(found, "ops/README.md", None, ""));
    // Failing: without discovery only service folders count, and the Dockerfile runs something.
    let services = control(&ev, "services-only");
    assert_eq!(services["status"], "FAIL");
    assert_eq!(
        only_message(services),
        "Dockerfile runs something, but no runbook was found in `services/*`"
    );
    assert!(has_evidence(
        services,
        "Dockerfile",
        None,
        "runs something: Dockerfile"
    ));
    // Failing: the discovered runbook records no review.
    assert_eq!(
        findings(control(&ev, "reviewed")),
        [finding("runbook/missing-review", Some("ops/api.md"), None)]
    );
}

#[test]
fn a_file_named_deploy_runbook_is_found_by_its_name() {
    let repo = git_repo("runbook-named");
    let ev = discovery_check(repo.path());
    let found = control(&ev, "discovered");
    assert_eq!(found["status"], "PASS", "{found:#}");
    assert!(has_evidence(
        found,
        "docs/deploy-runbook.md",
        None,
        "runbook found by name `*runbook*`"
    ));
    // Synonyms carry the sections: Alerts, Roll back, Backup, On-call.
    assert_eq!(evidence_with(found, "section `").len(), 4);
    // Failing: the compose file runs something and no service folder has a runbook.
    let services = control(&ev, "services-only");
    assert_eq!(codes(services), ["runbook/missing"]);
    assert!(only_message(services).starts_with("compose.yaml runs something"));
    assert!(has_evidence(services, "compose.yaml", None, "compose file"));
}

#[test]
fn a_markdown_file_with_every_required_section_is_a_runbook() {
    let repo = git_repo("runbook-sections");
    let ev = discovery_check(repo.path());
    let found = control(&ev, "discovered");
    assert_eq!(found["status"], "PASS", "{found:#}");
    assert!(has_evidence(
        found,
        "docs/on-call.md",
        None,
        "runbook found by its sections `Rollback`, `Restore`, `Escalation`, `Monitoring`"
    ));
    // A page with one of the sections is no runbook.
    assert!(!has_evidence(found, "docs/architecture.md", None, ""));
    // Failing: a control that requires no section cannot find a runbook by its sections; the
    // Kubernetes manifest runs something.
    let reviewed = control(&ev, "reviewed");
    assert_eq!(reviewed["status"], "FAIL");
    assert!(
        only_message(reviewed).starts_with("k8s/deployment.yaml runs something, but no runbook"),
        "{reviewed:#}"
    );
    assert!(has_evidence(
        reviewed,
        "k8s/deployment.yaml",
        None,
        "Kubernetes manifest (`kind: Deployment`)"
    ));
}

#[test]
fn a_dockerfile_without_runbook_fails_naming_what_runs() {
    let repo = git_repo("runbook-dockerfile-only");
    let ev = discovery_check(repo.path());
    let found = control(&ev, "discovered");
    assert_eq!(found["status"], "FAIL");
    assert_eq!(found["reason"], serde_json::Value::Null);
    let message = only_message(found);
    assert!(
        message.starts_with("Dockerfile runs something, but no runbook was found in `runbooks/`"),
        "{message}"
    );
    // It says where it looked: the folders, the name, the sections.
    for place in ["`docs/operations/`", "`*runbook*`", "`Rollback`, `Restore`"] {
        assert!(message.contains(place), "{place} not in {message}");
    }
    assert!(has_evidence(
        found,
        "Dockerfile",
        None,
        "runs something: Dockerfile"
    ));
    // The README has a Monitoring section, not all four: no runbook.
    assert!(!has_evidence(found, "README.md", None, ""));

    // More that runs is named in the message; the chart's template is the chart.
    let mut h = History::from_fixture("runbook-dockerfile-only");
    h.write(
        "charts/api/Chart.yaml",
        "apiVersion: v2\nname: api\nversion: 0.1.0\n",
    )
    .write(
        "charts/api/templates/deployment.yaml",
        "apiVersion: apps/v1\nkind: Deployment\n",
    );
    h.commit("A chart", FIXTURE_TIME);
    let ev = discovery_check(h.root());
    let found = control(&ev, "discovered");
    assert!(
        only_message(found)
            .starts_with("Dockerfile and charts/api/Chart.yaml run something, but no runbook"),
        "{found:#}"
    );
    assert_eq!(evidence_with(found, "runs something").len(), 2);

    // Passing: a runbook in runbooks/ is all it takes.
    let mut h = History::from_fixture("runbook-dockerfile-only");
    h.write(
        "runbooks/status-page.md",
        "# Status page\n\n## Monitoring\n\nHealth check.\n\n## Rollback\n\nPrevious image.\n\n\
         ## Restore\n\nRebuild from git.\n\n## Escalation\n\nweb-team@example.com\n",
    );
    h.commit("A runbook", FIXTURE_TIME);
    let ev = discovery_check(h.root());
    assert_eq!(control(&ev, "discovered")["status"], "PASS");
}

#[test]
fn a_repository_that_runs_nothing_is_not_applicable() {
    let repo = git_repo("runbook-nothing-runs");
    let ev = discovery_check(repo.path());
    for id in ["discovered", "services-only", "reviewed"] {
        let c = control(&ev, id);
        assert_eq!(c["status"], "NOT_APPLICABLE", "{c:#}");
        let reason = c["reason"].as_str().unwrap();
        assert!(
            reason.starts_with("nothing here runs (no Dockerfile"),
            "{reason}"
        );
    }
    // Failing: a Procfile makes it run something, and then a missing runbook fails.
    let mut h = History::from_fixture("runbook-nothing-runs");
    h.write("Procfile", "web: ./target/release/tinyparse-server\n");
    h.commit("Serve it", FIXTURE_TIME);
    let ev = discovery_check(h.root());
    let found = control(&ev, "discovered");
    assert_eq!(found["status"], "FAIL");
    assert!(only_message(found).starts_with("Procfile runs something"));
}

#[test]
fn delivery_accepts_service_runbooks_without_a_runbook_folder() {
    let repo = git_repo("runbook-service-dirs");
    let (ev, _) = check_json(
        repo.path(),
        &["--playbook", "preset:delivery", "--gate", "merge"],
    );
    let runbooks = control(&ev, "runbooks");
    assert_eq!(runbooks["status"], "PASS", "{runbooks:#}");
    for service in ["api", "worker"] {
        assert!(has_evidence(
            runbooks,
            &format!("services/{service}/RUNBOOK.md"),
            None,
            &format!(
                "runbook of service `{service}` (services/{service}), found by template `{{service_dir}}/RUNBOOK.md`"
            ),
        ));
    }
    // Failing: a service without its RUNBOOK.md is named, and no `paths` glob is demanded.
    let mut h = History::from_fixture("runbook-service-dirs");
    h.delete("services/worker/RUNBOOK.md");
    h.commit("Lose a runbook", FIXTURE_TIME);
    let (ev, _) = check_json(
        h.root(),
        &["--playbook", "preset:delivery", "--gate", "merge"],
    );
    let runbooks = control(&ev, "runbooks");
    assert_eq!(runbooks["status"], "FAIL");
    assert_eq!(
        only_message(runbooks),
        "service `worker` (services/worker) has no runbook; expected `services/worker/RUNBOOK.md` or `docs/runbooks/worker.md`"
    );
}

#[test]
fn discovery_alone_is_a_control_and_nothing_at_all_is_refused() {
    let dir = tempfile::TempDir::new().unwrap();
    let pb = dir.path().join("pb.toml");
    std::fs::write(
        &pb,
        "[playbook]\nname = \"empty\"\n\n[[control]]\nid = \"rb\"\nkind = \"runbook\"\nlevel = \"must\"\ntitle = \"x\"\n",
    )
    .unwrap();
    let out = common::gonogo()
        .args(["playbook", "validate"])
        .arg(&pb)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`discover = true`"));
    std::fs::write(
        &pb,
        "[playbook]\nname = \"found\"\n\n[[control]]\nid = \"rb\"\nkind = \"runbook\"\nlevel = \"must\"\ntitle = \"x\"\ndiscover = true\n",
    )
    .unwrap();
    let repo = git_repo("runbook-ops");
    let (ev, _) = check_json(repo.path(), &["-p", pb.to_str().unwrap()]);
    assert_eq!(control(&ev, "rb")["status"], "PASS");
}

#[test]
fn a_page_with_a_runbook_heading_is_a_runbook() {
    let repo = git_repo("runbook-operations-page");
    let ev = discovery_check(repo.path());
    let found = control(&ev, "discovered");
    assert_eq!(found["status"], "PASS", "{found:#}");
    assert!(has_evidence(
        found,
        "docs/operations.md",
        None,
        "runbook found by its heading `Runbook — common situations` (line 7)"
    ));
    // Without required sections the heading alone finds it; then the review is what fails.
    assert_eq!(
        findings(control(&ev, "reviewed")),
        [finding(
            "runbook/missing-review",
            Some("docs/operations.md"),
            None
        )]
    );

    // Failing: without the heading, a control without required sections finds no runbook.
    let mut h = History::from_fixture("runbook-operations-page");
    let page = std::fs::read_to_string(h.root().join("docs/operations.md")).unwrap();
    h.write(
        "docs/operations.md",
        &page.replace("## Runbook — common situations", "## Common situations"),
    );
    h.commit("No runbook heading", FIXTURE_TIME);
    let ev = discovery_check(h.root());
    let reviewed = control(&ev, "reviewed");
    assert_eq!(reviewed["status"], "FAIL");
    assert!(
        only_message(reviewed).starts_with("Dockerfile runs something, but no runbook"),
        "{reviewed:#}"
    );
}

#[test]
fn a_documentation_or_published_package_image_does_not_run_the_repository() {
    let repo = git_repo("runbook-not-operated");
    let ev = discovery_check(repo.path());
    let c = control(&ev, "discovered");
    assert_eq!(c["status"], "NOT_APPLICABLE", "{c:#}");
    let reason = c["reason"].as_str().unwrap();
    assert!(
        reason
            .ends_with("; not counted: `docker/Dockerfile`, `docs/Dockerfile` (see the evidence)"),
        "{reason}"
    );
    assert!(has_evidence(
        c,
        "docs/Dockerfile",
        None,
        "in a documentation folder"
    ));
    assert!(has_evidence(
        c,
        "docker/Dockerfile",
        None,
        "copies nothing of this repository"
    ));

    // Failing: an image that copies the repository's code runs it.
    let mut h = History::from_fixture("runbook-not-operated");
    h.write(
        "docker/Dockerfile",
        "FROM node:22-alpine\nCOPY src/ /app/\nENTRYPOINT [\"node\", \"/app/cli.js\"]\n",
    );
    h.commit("Build from source", FIXTURE_TIME);
    let ev = discovery_check(h.root());
    let c = control(&ev, "discovered");
    assert_eq!(c["status"], "FAIL", "{c:#}");
    assert!(only_message(c).starts_with("docker/Dockerfile runs something"));
    assert!(has_evidence(c, "docs/Dockerfile", None, "does not count"));
}

#[test]
fn a_cloudformation_template_runs_something() {
    let repo = git_repo("runbook-cloudformation");
    let ev = discovery_check(repo.path());
    let c = control(&ev, "discovered");
    assert_eq!(c["status"], "FAIL", "{c:#}");
    assert_eq!(
        only_message(c).split(", but").next(),
        Some("stacks/network.yaml runs something")
    );
    assert!(has_evidence(
        c,
        "stacks/network.yaml",
        None,
        "runs something: CloudFormation template"
    ));
    // The parameters file is plain YAML.
    assert!(!has_evidence(c, "stacks/parameters.yaml", None, ""));

    // Passing: with a runbook for the stack.
    let mut h = History::from_fixture("runbook-cloudformation");
    h.write(
        "runbooks/network.md",
        "# Network\n\n## Monitoring\n\nVPC flow logs.\n\n## Rollback\n\nRoll the stack back.\n\n\
         ## Restore\n\nRecreate the stack from git.\n\n## Escalation\n\nnet-team@example.org\n",
    );
    h.commit("A runbook", FIXTURE_TIME);
    let ev = discovery_check(h.root());
    assert_eq!(control(&ev, "discovered")["status"], "PASS");
}
