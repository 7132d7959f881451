//! Git-native features over scripted histories: change sets (`--base`, `--staged`), the
//! `changes` kind, `only-if-changed`, the `tests` kind in diff mode, release awareness,
//! freshness, shallow clones, approvals, evidence in git notes (`show`, `verify`), and the
//! shapes a repository takes (merges, tags, detached HEAD, linked worktrees, submodules).

mod common;

use std::path::{Path, PathBuf};

use common::history::{History, day, git_in};
use common::{
    change, changes, check_json_env, check_playbook, check_playbook_env, codes, control, finding,
    finding_messages, findings, gonogo, playbook, playbook_arg, reason, run_json_or_null, run_text,
    status,
};
use serde_json::{Value, json};

/// The `history-service` fixture committed on `main` at day 0.
fn service() -> History {
    let mut h = History::from_fixture("history-service");
    h.commit("Initial commit", day(0));
    h
}

// ---------------------------------------------------------------------------------------------
// Change sets and the `changes` kind
// ---------------------------------------------------------------------------------------------

/// main: initial (day 0) → docs/adr/0002 (day 3). feature from the initial commit.
fn merge_request() -> History {
    let mut h = service();
    h.branch("feature");
    h.switch("main");
    h.write("docs/adr/0002-on-main.md", "# 2. Decided on main\n");
    h.commit("Decide on main after the branch point", day(3));
    h.switch("feature");
    h
}

#[test]
fn without_a_change_set_must_change_rules_error_and_scoped_controls_run() {
    let h = service();
    let (ev, code) = check_playbook(h.root(), "git-changes.toml", &["--gate", "merge"]);
    assert_eq!(ev["subject"]["base"], Value::Null);
    assert_eq!(ev["subject"]["changes"], Value::Null);
    // A must change rule with nothing to compare is an ERROR naming the input (exit 2).
    assert_eq!(status(&ev, "api-needs-adr"), "ERROR");
    assert!(reason(&ev, "api-needs-adr").contains("--base"));
    // `only-if-changed` scopes only when there is a change set: without one, controls run.
    assert_eq!(status(&ev, "changelog-when-services-change"), "PASS");
    assert_eq!(status(&ev, "docs-index-when-docs-change"), "FAIL");
    assert_eq!(status(&ev, "tests"), "PASS");
    assert_eq!((ev["decision"].as_str(), code), (Some("NO_GO"), 2));
}

#[test]
fn merge_request_api_change_without_adr_is_no_go_and_main_changes_do_not_count() {
    let mut h = merge_request();
    let initial = h.rev("main~1");
    h.write("api/openapi.yaml", "openapi: 3.1.0\npaths: {}\n");
    h.commit("Drop the orders endpoint", day(5));
    let (ev, code) = check_playbook(
        h.root(),
        "git-changes.toml",
        &["--gate", "merge", "--base", "main"],
    );
    assert_eq!(
        ev["subject"]["base"],
        json!({ "reference": "main", "commit": initial, "source": "--base" })
    );
    // The ADR added on main after the branch point is not part of this merge request.
    assert_eq!(changes(&ev), [change("api/openapi.yaml", "modified")]);
    let c = control(&ev, "api-needs-adr");
    assert_eq!(c["status"], "FAIL");
    assert_eq!(
        findings(c),
        [finding(
            "changes/missing-companion",
            "api/openapi.yaml",
            None
        )]
    );
    assert!(finding_messages(c)[0].contains("docs/adr/*.md"));
    assert_eq!(status(&ev, "removal-needs-migration"), "NOT_APPLICABLE");
    // Only a service change would run these; the docs did not change either.
    assert_eq!(
        status(&ev, "changelog-when-services-change"),
        "NOT_APPLICABLE"
    );
    assert!(reason(&ev, "changelog-when-services-change").contains("only-if-changed"));
    assert_eq!(status(&ev, "docs-index-when-docs-change"), "NOT_APPLICABLE");
    assert_eq!((ev["decision"].as_str(), code), (Some("NO_GO"), 1));
}

#[test]
fn merge_request_api_change_with_an_adr_is_go() {
    let mut h = merge_request();
    h.write("api/openapi.yaml", "openapi: 3.1.0\npaths: {}\n");
    h.write("docs/adr/0003-drop-orders.md", "# 3. Drop orders\n");
    h.commit("Drop the orders endpoint, decided in ADR 3", day(5));
    let (ev, code) = check_playbook(
        h.root(),
        "git-changes.toml",
        &["--gate", "merge", "--base", "main"],
    );
    assert_eq!(
        changes(&ev),
        [
            change("api/openapi.yaml", "modified"),
            change("docs/adr/0003-drop-orders.md", "added"),
        ]
    );
    let c = control(&ev, "api-needs-adr");
    assert_eq!(c["status"], "PASS");
    let notes: Vec<(&str, &str)> = c["evidence"]
        .as_array()
        .expect("evidence")
        .iter()
        .map(|e| (e["path"].as_str().unwrap(), e["note"].as_str().unwrap()))
        .collect();
    assert!(notes.contains(&("api/openapi.yaml", "modified (triggers the rule)")));
    assert!(notes.contains(&("docs/adr/0003-drop-orders.md", "added (satisfies the rule)")));
    // A docs change runs the docs control, which fails: it is scoped in, not skipped.
    assert_eq!(status(&ev, "docs-index-when-docs-change"), "FAIL");
    assert_eq!(code, 1);
    h.write("docs/index.md", "# Docs\n");
    h.commit("Docs index", day(6));
    let (ev, code) = check_playbook(
        h.root(),
        "git-changes.toml",
        &["--gate", "merge", "--base", "main"],
    );
    assert_eq!(status(&ev, "docs-index-when-docs-change"), "PASS");
    assert_eq!((ev["decision"].as_str(), code), (Some("GO"), 0));
}

#[test]
fn deleted_and_added_paths_are_told_apart() {
    let mut h = merge_request();
    h.delete("api/openapi.yaml");
    h.write("docs/adr/0003-remove-api.md", "# 3. Remove the API\n");
    h.commit("Remove the API", day(5));
    let (ev, _) = check_playbook(
        h.root(),
        "git-changes.toml",
        &["--gate", "merge", "--base", "main"],
    );
    assert_eq!(
        changes(&ev),
        [
            change("api/openapi.yaml", "deleted"),
            change("docs/adr/0003-remove-api.md", "added"),
        ]
    );
    // A deletion triggers both rules; only the ADR is there.
    assert_eq!(status(&ev, "api-needs-adr"), "PASS");
    let c = control(&ev, "removal-needs-migration");
    assert_eq!(
        findings(c),
        [finding(
            "changes/missing-companion",
            "api/openapi.yaml",
            None
        )]
    );
    assert!(finding_messages(c)[0].contains("MIGRATION.md"));
    // The deleted path is evidence without a blob: it is not in the checked state.
    let deleted = c["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["path"] == "api/openapi.yaml")
        .expect("trigger evidence");
    assert_eq!(deleted["blob"], Value::Null);
    assert_eq!(deleted["note"], "deleted (triggers the rule)");

    h.write("MIGRATION.md", "# Migration\n\nUse v2.\n");
    h.commit("Migration note", day(6));
    let (ev, _) = check_playbook(
        h.root(),
        "git-changes.toml",
        &["--gate", "merge", "--base", "main"],
    );
    assert_eq!(status(&ev, "removal-needs-migration"), "PASS");

    // An added API file triggers the ADR rule but not the removal rule.
    let mut h = merge_request();
    h.write("api/users.yaml", "openapi: 3.1.0\n");
    h.commit("Add users", day(5));
    let (ev, _) = check_playbook(
        h.root(),
        "git-changes.toml",
        &["--gate", "merge", "--base", "main"],
    );
    assert_eq!(changes(&ev), [change("api/users.yaml", "added")]);
    assert_eq!(status(&ev, "api-needs-adr"), "FAIL");
    assert_eq!(status(&ev, "removal-needs-migration"), "NOT_APPLICABLE");
    assert!(reason(&ev, "removal-needs-migration").contains("no change matches `when`"));
}

#[test]
fn renames_are_one_change_that_counts_for_the_old_and_the_new_path() {
    let mut h = merge_request();
    h.rename("api/openapi.yaml", "spec/openapi.yaml");
    h.commit("Move the spec", day(5));
    let (ev, _) = check_playbook(
        h.root(),
        "git-changes.toml",
        &["--gate", "merge", "--base", "main"],
    );
    assert_eq!(
        changes(&ev),
        [(
            "spec/openapi.yaml".into(),
            "renamed".into(),
            Some("api/openapi.yaml".into())
        )]
    );
    // The old path is under api/: the rule is triggered.
    assert_eq!(
        findings(control(&ev, "api-needs-adr")),
        [finding(
            "changes/missing-companion",
            "spec/openapi.yaml",
            None
        )]
    );
    // A rename is not a deletion.
    assert_eq!(status(&ev, "removal-needs-migration"), "NOT_APPLICABLE");
}

#[test]
fn only_if_changed_runs_a_control_when_a_matching_path_changed() {
    let mut h = merge_request();
    h.write("README.md", "# Orders service\n\nNow with more words.\n");
    h.commit("Docs", day(5));
    let (ev, code) = check_playbook(
        h.root(),
        "git-changes.toml",
        &["--gate", "merge", "--base", "main"],
    );
    for id in [
        "changelog-when-services-change",
        "docs-index-when-docs-change",
    ] {
        assert_eq!(status(&ev, id), "NOT_APPLICABLE", "{id}");
        assert!(reason(&ev, id).contains("only-if-changed"), "{id}");
    }
    assert_eq!((ev["decision"].as_str(), code), (Some("GO"), 0));

    h.write(
        "services/api/src/lib.rs",
        "pub fn orders() -> Vec<u32> {\n    vec![1, 2]\n}\n",
    );
    h.write(
        "services/api/tests/orders.rs",
        "#[test]\nfn lists_orders() {\n    assert_eq!(api::orders().len(), 2);\n}\n",
    );
    h.commit("Fewer orders", day(6));
    let (ev, _) = check_playbook(
        h.root(),
        "git-changes.toml",
        &["--gate", "merge", "--base", "main"],
    );
    assert_eq!(status(&ev, "changelog-when-services-change"), "PASS");
    assert_eq!(status(&ev, "tests"), "PASS");
}

// ---------------------------------------------------------------------------------------------
// `tests` in diff mode
// ---------------------------------------------------------------------------------------------

#[test]
fn changed_sources_need_changed_tests_per_module() {
    let mut h = merge_request();
    h.write(
        "services/billing/src/lib.rs",
        "pub fn total(amounts: &[u64]) -> u64 {\n    amounts.iter().copied().sum()\n}\n",
    );
    h.write(
        "services/billing/src/tax.rs",
        "pub fn rate() -> u64 {\n    19\n}\n",
    );
    h.commit("Billing: tax", day(5));
    let (ev, code) = check_playbook(
        h.root(),
        "git-changes.toml",
        &["--gate", "merge", "--base", "main"],
    );
    let c = control(&ev, "tests");
    assert_eq!(c["status"], "FAIL");
    assert_eq!(
        findings(c),
        [finding("tests/untested-change", "services/billing", None)]
    );
    let message = &finding_messages(c)[0];
    assert!(message.contains("services/billing/src/lib.rs"), "{message}");
    assert!(message.contains("services/billing/src/tax.rs"), "{message}");
    assert_eq!(code, 1);

    // An added test in the module satisfies it.
    h.write(
        "services/billing/tests/tax.rs",
        "#[test]\nfn rate() {\n    assert_eq!(billing::tax::rate(), 19);\n}\n",
    );
    h.commit("Billing: test the tax", day(6));
    let (ev, _) = check_playbook(
        h.root(),
        "git-changes.toml",
        &["--gate", "merge", "--base", "main"],
    );
    let c = control(&ev, "tests");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(c["evidence"].as_array().unwrap().iter().any(|e| {
        e["path"] == "services/billing/tests/tax.rs"
            && e["note"]
                .as_str()
                .unwrap_or_default()
                .contains("services/billing")
    }));
}

#[test]
fn a_test_of_another_module_does_not_cover_a_change_and_deletions_need_no_test() {
    let mut h = merge_request();
    h.write(
        "services/api/src/lib.rs",
        "pub fn orders() -> Vec<u32> {\n    vec![]\n}\n",
    );
    h.write(
        "services/billing/tests/total.rs",
        "#[test]\nfn sums() {\n    assert_eq!(billing::total(&[]), 0);\n}\n",
    );
    h.delete("services/billing/src/lib.rs");
    h.commit("Mixed", day(5));
    let (ev, _) = check_playbook(
        h.root(),
        "git-changes.toml",
        &["--gate", "merge", "--base", "main"],
    );
    assert_eq!(
        findings(control(&ev, "tests")),
        [finding("tests/untested-change", "services/api", None)]
    );
}

#[test]
fn diff_mode_can_be_switched_off() {
    let mut h = merge_request();
    h.write(
        "services/api/src/lib.rs",
        "pub fn orders() -> Vec<u32> {\n    vec![]\n}\n",
    );
    h.commit("Untested change", day(5));
    let book = h.write_beside(
        "off.toml",
        r#"
[[control]]
id = "tests"
kind = "tests"
level = "must"
title = "Tests per module, not per change"
modules = ["services/*"]
require-tests-for-changes = false
"#,
    );
    let (ev, code) = check_json_env(h.root(), &["--playbook", &book, "--base", "main"], &[]);
    assert_eq!(status(&ev, "tests"), "PASS");
    assert_eq!(code, 0);
}

#[test]
fn without_modules_the_repository_is_one_unit() {
    let mut h = merge_request();
    h.write(
        "services/api/src/lib.rs",
        "pub fn orders() -> Vec<u32> {\n    vec![]\n}\n",
    );
    h.commit("Untested change", day(5));
    let book = h.write_beside(
        "whole.toml",
        r#"
[[control]]
id = "tests"
kind = "tests"
level = "must"
title = "Changed sources come with changed tests"
"#,
    );
    let (ev, _) = check_json_env(h.root(), &["--playbook", &book, "--base", "main"], &[]);
    let c = control(&ev, "tests");
    assert_eq!(codes(c), ["tests/untested-change"]);
    assert_eq!(c["findings"][0]["path"], Value::Null);
    // Without a change set the same playbook passes: there is nothing to compare.
    let (ev, _) = check_json_env(h.root(), &["--playbook", &book], &[]);
    assert_eq!(status(&ev, "tests"), "PASS");
}

// ---------------------------------------------------------------------------------------------
// Pre-commit (`--staged`) and CI defaults for the base
// ---------------------------------------------------------------------------------------------

#[test]
fn pre_commit_hook_checks_what_is_staged() {
    let h = service();
    // Staged: an untested billing change. Not staged: an API change that would need an ADR.
    h.write(
        "services/billing/src/lib.rs",
        "pub fn total(amounts: &[u64]) -> u64 {\n    amounts.iter().copied().sum()\n}\n",
    );
    h.stage("services/billing/src/lib.rs");
    h.write("api/openapi.yaml", "openapi: 3.1.0\n");

    let out = gonogo()
        .args(["check", "--staged", "--gate", "commit", "-q", "--playbook"])
        .arg(playbook_arg("git-changes.toml"))
        .current_dir(h.root())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The decision, then each failing must control (a line and its fix), then the command
    // that shows everything: short.
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].contains("NO-GO"), "{stdout}");
    assert_eq!(
        lines.last().copied(),
        Some("All findings: gonogo check --staged --gate commit"),
        "{stdout}"
    );
    assert!(lines.len() <= 2 + 2 * 3, "{stdout}");
    assert!(lines[1].starts_with("  FAIL "), "{stdout}");

    let (ev, _) = check_playbook(
        h.root(),
        "git-changes.toml",
        &["--staged", "--gate", "commit"],
    );
    assert_eq!(ev["subject"]["mode"], "staged");
    assert_eq!(ev["subject"]["base"]["reference"], "HEAD");
    assert_eq!(ev["subject"]["base"]["commit"], h.rev("HEAD"));
    assert_eq!(
        changes(&ev),
        [change("services/billing/src/lib.rs", "modified")]
    );
    assert_eq!(status(&ev, "api-needs-adr"), "NOT_APPLICABLE");
    assert_eq!(
        findings(control(&ev, "tests")),
        [finding("tests/untested-change", "services/billing", None)]
    );

    // Stage a test too: the commit may go ahead.
    h.write(
        "services/billing/tests/total.rs",
        "#[test]\nfn sums() {\n    assert_eq!(billing::total(&[1, 2, 3]), 6);\n}\n",
    );
    h.stage("services/billing/tests/total.rs");
    let out = gonogo()
        .args(["check", "--staged", "--gate", "commit", "-q", "--playbook"])
        .arg(playbook_arg("git-changes.toml"))
        .current_dir(h.root())
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn pre_commit_before_the_first_commit_sees_everything_as_added() {
    let h = History::from_fixture("history-service");
    h.stage(".");
    let (ev, _) = check_playbook(
        h.root(),
        "git-changes.toml",
        &["--staged", "--gate", "commit"],
    );
    let all = changes(&ev);
    assert_eq!(all.len(), 11);
    assert!(all.iter().all(|(_, kind, _)| kind == "added"));
    assert_eq!(ev["subject"]["commit"], Value::Null);
    // The API file and the first ADR come in the same commit; sources with their tests.
    assert_eq!(status(&ev, "api-needs-adr"), "PASS");
    assert_eq!(status(&ev, "tests"), "PASS");
}

#[test]
fn ci_variables_give_the_default_base() {
    let mut h = merge_request();
    h.write("api/openapi.yaml", "openapi: 3.1.0\n");
    h.commit("API change", day(5));
    let base = h.rev("main~1");
    for var in ["GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME"] {
        let (ev, code) = check_playbook_env(
            h.root(),
            "git-changes.toml",
            &["--gate", "merge"],
            &[(var, "main")],
        );
        assert_eq!(
            ev["subject"]["base"],
            json!({ "reference": "main", "commit": base, "source": var }),
            "{var}"
        );
        assert_eq!(status(&ev, "api-needs-adr"), "FAIL", "{var}");
        assert_eq!(code, 1);
    }
    // An empty variable (GitHub sets GITHUB_BASE_REF empty on push) means no base.
    let (ev, _) = check_playbook_env(
        h.root(),
        "git-changes.toml",
        &["--gate", "merge"],
        &[("GITHUB_BASE_REF", "")],
    );
    assert_eq!(ev["subject"]["base"], Value::Null);
    // `--base` wins over the environment.
    let (ev, _) = check_playbook_env(
        h.root(),
        "git-changes.toml",
        &["--gate", "merge", "--base", "feature~1"],
        &[("GITHUB_BASE_REF", "main")],
    );
    assert_eq!(ev["subject"]["base"]["reference"], "feature~1");
    assert_eq!(changes(&ev), [change("api/openapi.yaml", "modified")]);
}

#[test]
fn a_ci_base_does_not_break_a_check_of_a_plain_folder() {
    let dir = common::plain_copy("history-service");
    let (ev, code) = check_playbook_env(
        dir.path(),
        "git-fresh.toml",
        &[],
        &[("GITHUB_BASE_REF", "main")],
    );
    assert_eq!(ev["subject"]["mode"], "directory");
    assert_eq!(ev["subject"]["base"], Value::Null);
    // Freshness needs history a plain folder does not have: ERROR, not a pass.
    assert_eq!(status(&ev, "readme-fresh"), "ERROR");
    assert_eq!(code, 2, "an ERROR must or should result exits 2");
}

#[test]
fn a_ci_target_branch_that_exists_only_as_origin_name_resolves() {
    let mut origin = service();
    origin.branch("develop");
    origin.write("docs/adr/0002-develop.md", "# 2. Develop\n");
    origin.commit("Develop work", day(2));
    origin.switch("main");
    // A CI checkout: a clone on the merge request's branch, the target only as origin/develop.
    let clone = origin.clone_to("ci", &["--branch", "develop"]);
    git_in(&clone, &["switch", "--quiet", "-c", "mr"], day(2));
    std::fs::write(clone.join("api/openapi.yaml"), "openapi: 3.1.0\n").unwrap();
    git_in(&clone, &["commit", "--quiet", "-am", "MR change"], day(3));
    git_in(&clone, &["branch", "--quiet", "-D", "develop"], day(3));
    let develop = git_in(&clone, &["rev-parse", "origin/develop"], day(3));
    let (ev, code) = check_playbook_env(
        &clone,
        "git-changes.toml",
        &["--gate", "merge"],
        &[("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "develop")],
    );
    assert_eq!(
        ev["subject"]["base"],
        json!({
            "reference": "origin/develop",
            "commit": develop.trim(),
            "source": "CI_MERGE_REQUEST_TARGET_BRANCH_NAME"
        })
    );
    assert_eq!(changes(&ev), [change("api/openapi.yaml", "modified")]);
    assert_eq!(code, 1);
}

#[test]
fn an_unknown_base_is_an_error_not_a_pass() {
    let h = service();
    let out = gonogo()
        .args([
            "check",
            "--gate",
            "merge",
            "--base",
            "no-such-branch",
            "--playbook",
        ])
        .arg(playbook_arg("git-changes.toml"))
        .arg(h.root())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot resolve the base `no-such-branch`"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------------------------
// Releases
// ---------------------------------------------------------------------------------------------

const CHANGELOG_1_2: &str =
    "# Changelog\n\n## [Unreleased]\n\n## [1.2.0] - 2026-03-01\n\n- Orders can be listed.\n";

#[test]
fn the_previous_release_is_found_in_semantic_version_order() {
    let mut h = service();
    h.tag("v1.9.0");
    h.write("docs/adr/0002-queue.md", "# 2. Use a queue\n");
    h.commit("Decide on a queue", day(10));
    h.tag("v1.10.0");
    // A tag that is not a release, on a later commit.
    h.write("README.md", "# Orders\n");
    h.commit("README", day(20));
    h.tag("nightly");
    let (ev, code) = check_playbook(
        h.root(),
        "git-release.toml",
        &["--gate", "records", "--release-version", "1.11.0"],
    );
    let c = control(&ev, "release-records");
    // By name v1.9.0 would sort last and ADR 2 would count; by version v1.10.0 is previous.
    assert_eq!(
        codes(c),
        [
            "release/changelog-no-entry",
            "release/checklist-missing",
            "release/nothing-changed"
        ]
    );
    assert!(
        finding_messages(c)
            .iter()
            .any(|m| m.contains("since v1.10.0"))
    );
    assert!(c["evidence"].as_array().unwrap().iter().any(|e| {
        e["path"] == "refs/tags/v1.10.0"
            && e["note"].as_str().unwrap().starts_with("previous release")
    }));
    assert_eq!(ev["parameters"]["release_version"], "1.11.0");
    assert_eq!(code, 1);
}

#[test]
fn a_first_release_counts_the_whole_history() {
    let h = service();
    let (ev, _) = check_playbook(
        h.root(),
        "git-release.toml",
        &["--gate", "records", "--release-version", "0.1.0"],
    );
    let c = control(&ev, "release-records");
    assert!(!codes(c).contains(&"release/nothing-changed".to_string()));
    assert!(c["evidence"].as_array().unwrap().iter().any(|e| {
        e["path"] == "docs/adr/0001-use-postgres.md"
            && e["note"].as_str().unwrap().contains("start of the history")
    }));
}

#[test]
fn without_a_release_tag_or_version_the_release_rules_are_not_applicable() {
    let h = service();
    let (ev, code) = check_playbook(h.root(), "git-release.toml", &["--gate", "records"]);
    assert_eq!(status(&ev, "release-records"), "NOT_APPLICABLE");
    assert!(
        reason(&ev, "release-records").contains("no release yet: no tag matches `v[0-9]*`"),
        "{}",
        reason(&ev, "release-records")
    );
    assert_ne!(code, 2, "nothing is being released: no ERROR");
}

#[test]
fn checking_a_release_tag_gives_the_version_and_the_tag_itself_is_not_previous() {
    let mut h = service();
    h.tag("v1.1.0");
    h.write("docs/adr/0002-queue.md", "# 2. Use a queue\n");
    h.write("CHANGELOG.md", CHANGELOG_1_2);
    h.write(
        "docs/releases/1.2.0.md",
        "# Release 1.2.0\n\n- [x] Smoke tests\n",
    );
    h.commit("Release 1.2.0", day(30));
    h.tag_annotated("v1.2.0", "Release 1.2.0");
    h.write("README.md", "# Orders, after the release\n");
    h.commit("After the release", day(31));

    let (ev, code) = check_playbook(
        h.root(),
        "git-release.toml",
        &["--gate", "records", "--rev", "v1.2.0"],
    );
    assert_eq!(ev["subject"]["reference"], "refs/tags/v1.2.0");
    assert_eq!(ev["subject"]["tag"], "v1.2.0");
    assert_eq!(ev["subject"]["commit"], h.rev("v1.2.0"));
    assert_eq!(ev["parameters"]["release_version"], "1.2.0");
    let c = control(&ev, "release-records");
    assert_eq!(c["status"], "PASS", "{c:#}");
    let items: Vec<(&str, Option<u64>)> = c["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["path"].as_str().unwrap(), e["line"].as_u64()))
        .collect();
    assert!(items.contains(&("refs/tags/v1.1.0", None)));
    assert!(items.contains(&("docs/adr/0002-queue.md", None)));
    assert!(items.contains(&("CHANGELOG.md", Some(5))));
    assert!(items.contains(&("docs/releases/1.2.0.md", None)));
    assert_eq!(code, 0);

    // HEAD is after the release: no tag, no version, so the records cannot be judged.
    let (ev, code) = check_playbook(h.root(), "git-release.toml", &["--gate", "records"]);
    assert_eq!(ev["subject"]["tag"], Value::Null);
    assert_eq!(status(&ev, "release-records"), "ERROR");
    assert!(reason(&ev, "release-records").contains("--release-version"));
    assert_eq!(code, 2, "an ERROR must or should result exits 2");
}

#[test]
fn a_missing_changelog_entry_and_checklist_are_named() {
    let mut h = service();
    h.tag("v1.1.0");
    h.write("docs/adr/0002-queue.md", "# 2. Use a queue\n");
    h.commit("Queue", day(30));
    h.tag("v1.2.0");
    let (ev, _) = check_playbook(
        h.root(),
        "git-release.toml",
        &["--gate", "records", "--rev", "v1.2.0"],
    );
    assert_eq!(
        findings(control(&ev, "release-records")),
        [
            finding("release/changelog-no-entry", "CHANGELOG.md", None),
            finding("release/checklist-missing", "docs/releases/1.2.0.md", None),
        ]
    );
    h.delete("CHANGELOG.md");
    h.commit("No changelog", day(31));
    let (ev, _) = check_playbook(
        h.root(),
        "git-release.toml",
        &["--gate", "records", "--release-version", "1.2.1"],
    );
    assert_eq!(
        findings(control(&ev, "release-records")),
        [
            finding("release/changelog-missing", "CHANGELOG.md", None),
            finding("release/checklist-missing", "docs/releases/1.2.1.md", None),
            ("release/nothing-changed".into(), None, None),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Freshness
// ---------------------------------------------------------------------------------------------

#[test]
fn freshness_by_days_is_measured_against_the_checked_commit_or_source_date_epoch() {
    let mut h = service();
    h.write("CHANGELOG.md", "# Changelog\n\n- One.\n");
    h.commit("Changelog", day(40));
    let (ev, code) = check_playbook(h.root(), "git-fresh.toml", &[]);
    let c = control(&ev, "readme-fresh");
    assert_eq!(findings(c), [finding("freshness/stale", "README.md", None)]);
    assert!(finding_messages(c)[0].contains("40 days"));
    let initial = h.rev("HEAD~1");
    assert!(c["evidence"].as_array().unwrap().iter().any(|e| {
        e["path"] == "README.md"
            && e["note"]
                == format!(
                    "last changed in {} on 2026-01-01, 1 commit(s) back",
                    &initial[..12]
                )
    }));
    assert_eq!(status(&ev, "changelog-recent"), "PASS");
    // No freshness rule, no history walk result in the evidence.
    assert_eq!(status(&ev, "adr-exists"), "PASS");
    assert_eq!(code, 1);

    let epoch = day(20).to_string();
    let (ev, code) = check_playbook_env(
        h.root(),
        "git-fresh.toml",
        &[],
        &[("SOURCE_DATE_EPOCH", &epoch)],
    );
    assert_eq!(status(&ev, "readme-fresh"), "PASS");
    assert_eq!(code, 0);
}

#[test]
fn freshness_by_commits_takes_the_shortest_way_through_merges() {
    let mut h = service();
    h.write("CHANGELOG.md", "# Changelog\n\n- One.\n");
    h.commit("Changelog", day(1));
    h.branch("feature");
    for i in 0..3 {
        h.write(&format!("notes/{i}.md"), "note\n");
        h.commit(&format!("Feature {i}"), day(2 + i));
    }
    h.switch("main");
    h.write("README.md", "# Orders\n\nMain.\n");
    h.commit("Main work", day(6));
    h.merge("feature", "Merge feature", day(7), None);
    let epoch = day(7).to_string();
    let env = [("SOURCE_DATE_EPOCH", epoch.as_str())];
    // Merge → main work → changelog commit: 2 back (4 through the feature branch).
    let (ev, _) = check_playbook_env(h.root(), "git-fresh.toml", &[], &env);
    let c = control(&ev, "changelog-recent");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(c["evidence"].as_array().unwrap().iter().any(|e| {
        e["note"]
            .as_str()
            .unwrap_or_default()
            .ends_with("2 commit(s) back")
    }));
    h.write("README.md", "# Orders\n\nMore.\n");
    h.commit("More", day(8));
    let (ev, _) = check_playbook_env(h.root(), "git-fresh.toml", &[], &env);
    let c = control(&ev, "changelog-recent");
    assert_eq!(
        findings(c),
        [finding("freshness/stale-commits", "CHANGELOG.md", None)]
    );
    assert!(finding_messages(c)[0].contains("3 commits"));
}

#[test]
fn a_merge_that_keeps_one_side_takes_that_sides_date() {
    let mut h = service();
    h.branch("feature");
    h.switch("main");
    h.write("README.md", "# Orders service\n\nMain's words.\n");
    h.commit("README on main", day(5));
    h.switch("feature");
    h.write("README.md", "# Orders service\n\nFeature's words.\n");
    h.commit("README on the feature", day(50));
    h.switch("main");
    // The conflict is resolved with main's README: its last change is main's, at day 5.
    h.merge(
        "feature",
        "Merge feature, keep main's README",
        day(51),
        Some("ours"),
    );
    assert!(
        std::fs::read_to_string(h.root().join("README.md"))
            .unwrap()
            .contains("Main's")
    );
    let (ev, _) = check_playbook(h.root(), "git-fresh.toml", &[]);
    let c = control(&ev, "readme-fresh");
    assert_eq!(
        findings(c),
        [finding("freshness/stale", "README.md", None)],
        "{c:#}"
    );
    assert!(finding_messages(c)[0].contains("46 days"));
}

#[test]
fn freshness_of_a_staged_change_is_now() {
    let mut h = service();
    h.write("CHANGELOG.md", "# Changelog\n\n- One.\n");
    h.commit("Changelog", day(40));
    h.write("README.md", "# Orders service\n\nFresh words.\n");
    h.stage("README.md");
    let (ev, _) = check_playbook(h.root(), "git-fresh.toml", &["--staged"]);
    assert_eq!(status(&ev, "readme-fresh"), "PASS");
}

// ---------------------------------------------------------------------------------------------
// Shallow clones
// ---------------------------------------------------------------------------------------------

fn long_history() -> History {
    let mut h = service();
    h.tag("v1.0.0");
    for i in 1..=4 {
        h.write("CHANGELOG.md", &format!("# Changelog\n\n- Change {i}.\n"));
        h.commit(&format!("Change {i}"), day(i));
    }
    h
}

#[test]
fn a_shallow_clone_makes_history_dependent_controls_error_with_a_fetch_hint() {
    let h = long_history();
    let clone = h.shallow_clone("shallow", 1, &[]);
    assert_eq!(
        git_in(&clone, &["rev-parse", "--is-shallow-repository"], 0).trim(),
        "true"
    );
    let (ev, code) = check_playbook(&clone, "git-fresh.toml", &[]);
    for id in ["readme-fresh", "changelog-recent"] {
        assert_eq!(status(&ev, id), "ERROR", "{id}");
        assert!(
            reason(&ev, id).contains("shallow"),
            "{id}: {}",
            reason(&ev, id)
        );
        assert!(reason(&ev, id).contains("fetch-depth: 0"), "{id}");
    }
    assert_eq!(status(&ev, "adr-exists"), "PASS");
    assert_eq!((ev["decision"].as_str(), code), (Some("NO_GO"), 2));

    // The release rule needs the previous tag, which a shallow clone does not hold.
    let (ev, code) = check_playbook(
        &clone,
        "git-release.toml",
        &["--gate", "records", "--release-version", "1.1.0"],
    );
    assert_eq!(status(&ev, "release-records"), "ERROR");
    assert!(reason(&ev, "release-records").contains("fetch-depth: 0"));
    assert_eq!(code, 2, "an ERROR must or should result exits 2");

    // The full history answers the same questions.
    let (ev, _) = check_playbook(h.root(), "git-fresh.toml", &[]);
    assert_eq!(status(&ev, "changelog-recent"), "PASS");
}

#[test]
fn a_shallow_clone_deep_enough_for_every_path_still_answers() {
    let mut h = long_history();
    h.write("README.md", "# Orders\n");
    h.commit("README", day(5));
    // Depth 3: README changed in the newest commit, CHANGELOG in the one before, whose parent
    // is held too (at depth 2 it would not be: whether that commit changed CHANGELOG is unknown).
    let clone = h.shallow_clone("deep-enough", 3, &[]);
    let (ev, _) = check_playbook(&clone, "git-fresh.toml", &[]);
    assert_eq!(status(&ev, "readme-fresh"), "PASS");
    assert_eq!(status(&ev, "changelog-recent"), "PASS");
}

#[test]
fn a_shallow_merge_request_without_a_merge_base_says_how_to_fetch() {
    let mut h = merge_request();
    h.write("api/openapi.yaml", "openapi: 3.1.0\n");
    h.commit("API", day(5));
    h.write("api/openapi.yaml", "openapi: 3.1.1\n");
    h.commit("API again", day(6));
    let clone = h.shallow_clone(
        "shallow-mr",
        1,
        &["--no-single-branch", "--branch", "feature"],
    );
    let out = gonogo()
        .args(["check", "--gate", "merge", "--base", "main", "--playbook"])
        .arg(playbook_arg("git-changes.toml"))
        .arg(&clone)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("shallow"), "{stderr}");
    assert!(stderr.contains("fetch-depth: 0"), "{stderr}");
}

#[test]
fn a_linked_worktree_of_a_shallow_clone_is_shallow_too() {
    let h = long_history();
    let clone = h.shallow_clone("shallow-wt", 1, &[]);
    let wt = h.sibling("linked");
    git_in(
        &clone,
        &[
            "worktree",
            "add",
            "--quiet",
            "--detach",
            wt.to_str().unwrap(),
        ],
        0,
    );
    let (ev, _) = check_playbook(&wt, "git-fresh.toml", &[]);
    assert_eq!(status(&ev, "readme-fresh"), "ERROR");
    assert!(reason(&ev, "readme-fresh").contains("fetch-depth: 0"));
}

// ---------------------------------------------------------------------------------------------
// Approvals
// ---------------------------------------------------------------------------------------------

/// A release commit with all records in place, tagged `v1.2.0` (annotated, with `tag_message`).
fn release(commit_message: &str, tag_message: Option<&str>) -> History {
    let mut h = service();
    h.tag("v1.1.0");
    h.write("docs/adr/0002-queue.md", "# 2. Use a queue\n");
    h.write("CHANGELOG.md", CHANGELOG_1_2);
    h.write("docs/releases/1.2.0.md", "# Release 1.2.0\n");
    h.commit(commit_message, day(30));
    match tag_message {
        Some(m) => h.tag_annotated("v1.2.0", m),
        None => h.tag("v1.2.0"),
    };
    h
}

#[test]
fn approvals_from_commit_trailers() {
    let h = release(
        "Release 1.2.0\n\nApproved-by: Ana Lima <ana@example.com>\nApproved-by: Cy Ode",
        None,
    );
    let (ev, code) = check_playbook(h.root(), "git-release.toml", &["--gate", "release"]);
    let c = control(&ev, "approvals");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert_eq!(c["level"], "must");
    let short = &h.rev("HEAD")[..12];
    let items: Vec<(&str, &str)> = c["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["path"].as_str().unwrap(), e["excerpt"].as_str().unwrap()))
        .collect();
    let source = format!("commit {short}");
    assert!(items.contains(&(source.as_str(), "Approved-by: Ana Lima <ana@example.com>")));
    assert!(items.contains(&(source.as_str(), "Approved-by: Cy Ode")));
    assert_eq!((ev["decision"].as_str(), code), (Some("GO"), 0));
}

#[test]
fn approvals_from_an_annotated_tag_message() {
    let h = release(
        "Release 1.2.0\n\nApproved-by: Ana Lima <ana@example.com>",
        Some("Release 1.2.0\n\nApproved-by: Bo Chen <bo@example.com>"),
    );
    for rev in [&["--rev", "v1.2.0"][..], &[]] {
        let mut args = vec!["--gate", "release"];
        args.extend(rev);
        let (ev, code) = check_playbook(h.root(), "git-release.toml", &args);
        let c = control(&ev, "approvals");
        assert_eq!(c["status"], "PASS", "{c:#}");
        assert!(
            c["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["path"] == "tag v1.2.0"
                    && e["excerpt"] == "Approved-by: Bo Chen <bo@example.com>")
        );
        assert_eq!(code, 0);
    }
}

#[test]
fn a_missing_approval_names_the_role() {
    let h = release(
        "Release 1.2.0\n\nApproved-by: Ana Lima <ana@example.com>",
        None,
    );
    let (ev, code) = check_playbook(h.root(), "git-release.toml", &["--gate", "release"]);
    let c = control(&ev, "approvals");
    assert_eq!(codes(c), ["approvals/missing"]);
    assert!(finding_messages(c)[0].contains("`security`"));
    assert_eq!((ev["decision"].as_str(), code), (Some("NO_GO"), 1));
}

#[test]
fn an_approval_by_a_non_member_is_a_finding() {
    let h = release(
        "Release 1.2.0\n\nApproved-by: Ana Lima <ana@example.com>\nApproved-by: Bo Chen <bo@example.com>\nApproved-by: Eve <eve@example.com>\nApproved-by: Ana Lima <ana@evil.example>",
        None,
    );
    let (ev, _) = check_playbook(h.root(), "git-release.toml", &["--gate", "release"]);
    let c = control(&ev, "approvals");
    assert_eq!(
        codes(c),
        ["approvals/not-a-member", "approvals/not-a-member"]
    );
    let messages = finding_messages(c).join("\n");
    assert!(messages.contains("Eve <eve@example.com>"));
    assert!(messages.contains("Ana Lima <ana@evil.example>"));
}

#[test]
fn a_subject_line_is_not_a_trailer_and_a_body_line_is_not_one_either() {
    let h = release("Approved-by: Ana Lima <ana@example.com>", None);
    let (ev, _) = check_playbook(h.root(), "git-release.toml", &["--gate", "release"]);
    assert_eq!(
        codes(control(&ev, "approvals")),
        ["approvals/missing", "approvals/missing"]
    );
    let h = release(
        "Release 1.2.0\n\nApproved-by: Ana Lima <ana@example.com>\nas discussed in the meeting.\n\nSigned-off-by: Fixture <fixture@example.com>",
        None,
    );
    let (ev, _) = check_playbook(h.root(), "git-release.toml", &["--gate", "release"]);
    assert_eq!(
        codes(control(&ev, "approvals")),
        ["approvals/missing", "approvals/missing"]
    );
}

#[test]
fn approvals_on_a_plain_folder_are_an_error() {
    let dir = common::plain_copy("history-service");
    let (ev, code) = check_playbook(dir.path(), "git-release.toml", &["--gate", "release"]);
    assert_eq!(status(&ev, "approvals"), "ERROR");
    assert_eq!(code, 2, "an ERROR must or should result exits 2");
}

// ---------------------------------------------------------------------------------------------
// Evidence in git notes: check --note, show, verify
// ---------------------------------------------------------------------------------------------

fn index_bytes(root: &Path) -> Vec<u8> {
    std::fs::read(root.join(".git/index")).unwrap_or_default()
}

fn note(root: &Path, book: &str, args: &[&str]) -> std::process::Output {
    let mut cmd = gonogo();
    common::pin_to_checked_commit(&mut cmd, root, args);
    cmd.args(["check", "--note", "-q", "--playbook"])
        .arg(book)
        .args(args)
        .arg(root)
        .output()
        .expect("run")
}

fn show_json(root: &Path, args: &[&str]) -> (Value, i32) {
    let mut cmd = gonogo();
    cmd.args(["show", "-f", "json", "--repo"])
        .arg(root)
        .args(args);
    let (value, code, _) = run_json_or_null(cmd);
    (value, code)
}

fn verify(evidence: &Path, args: &[&str]) -> (i32, String, String) {
    let mut cmd = gonogo();
    cmd.arg("verify").arg(evidence).args(args);
    let (stdout, stderr, code) = run_text(cmd);
    (code, stdout, stderr)
}

#[test]
fn check_note_writes_only_the_notes_ref() {
    let h = release(
        "Release 1.2.0\n\nApproved-by: Ana Lima <ana@example.com>",
        None,
    );
    h.write("untracked.txt", "left alone\n");
    let refs_before = h.refs();
    let index_before = index_bytes(h.root());
    let status_before = h.git(&["status", "--porcelain"]);
    let out = note(
        h.root(),
        &playbook_arg("git-release.toml"),
        &["--gate", "release"],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let refs_after = h.refs();
    let notes = h.rev("refs/notes/gonogo");
    assert_eq!(
        refs_after,
        refs_before.replacen(
            "refs/tags/v1.1.0",
            &format!("refs/notes/gonogo {notes}\nrefs/tags/v1.1.0"),
            1
        )
    );
    assert_eq!(index_bytes(h.root()), index_before);
    assert_eq!(h.git(&["status", "--porcelain"]), status_before);
    // The note is attached to the checked commit, and git itself can read it.
    let text = h.git(&["notes", "--ref=gonogo", "show", "HEAD"]);
    let note: Value = serde_json::from_str(&text).expect("json note");
    assert_eq!(note["gonogo-notes"], 1, "{note:#}");
    let stored = &note["gates"]["release"];
    assert_eq!(stored["subject"]["commit"], h.rev("HEAD"));
    assert_eq!(stored["decision"], "NO_GO");
}

#[test]
fn show_prints_the_stored_evidence_in_any_format() {
    let h = release(
        "Release 1.2.0\n\nApproved-by: Ana Lima <ana@example.com>",
        None,
    );
    let book = playbook_arg("git-release.toml");
    assert_eq!(
        note(h.root(), &book, &["--gate", "release"]).status.code(),
        Some(1)
    );
    let (printed, _) = check_playbook(h.root(), "git-release.toml", &["--gate", "release"]);
    let (shown, code) = show_json(h.root(), &["HEAD"]);
    assert_eq!(code, 0);
    assert_eq!(shown, printed);
    // By tag name too, and as text for people.
    let (by_tag, _) = show_json(h.root(), &["v1.2.0"]);
    assert_eq!(by_tag, printed);
    let out = gonogo()
        .args(["show", "--repo"])
        .arg(h.root())
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(text.contains("NO-GO"), "{text}");
    assert!(text.contains("approvals"), "{text}");
    // Nothing stored for the previous commit.
    let out = gonogo()
        .args(["show", "HEAD~1", "--repo"])
        .arg(h.root())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no gonogo evidence"));
}

#[test]
fn a_custom_notes_ref_is_used_for_writing_and_reading() {
    let h = service();
    let book = playbook_arg("git-fresh.toml");
    let epoch = day(1).to_string();
    for (given, full) in [
        ("refs/notes/audit", "refs/notes/audit"),
        ("release-evidence", "refs/notes/release-evidence"),
    ] {
        let out = gonogo()
            .args([
                "check",
                "--note",
                "-q",
                "--notes-ref",
                given,
                "--playbook",
                &book,
            ])
            .arg(h.root())
            .env("SOURCE_DATE_EPOCH", &epoch)
            .output()
            .expect("run");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(h.rev(full).len(), 40, "{full}");
        let (shown, code) = show_json(h.root(), &["--notes-ref", given]);
        assert_eq!(code, 0);
        assert_eq!(shown["decision"], "GO");
    }
    let refs = h.refs();
    assert!(!refs.contains("refs/notes/gonogo"));
    assert!(!refs.contains("\nrelease-evidence"));
    let (_, code) = show_json(h.root(), &[]);
    assert_eq!(code, 2);
}

#[test]
fn notes_are_refused_for_the_index_and_the_worktree() {
    let h = service();
    for mode in ["--staged", "--worktree"] {
        let out = note(h.root(), &playbook_arg("git-fresh.toml"), &[mode]);
        assert_eq!(out.status.code(), Some(2), "{mode}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("--note"), "{mode}: {stderr}");
    }
    assert!(!h.refs().contains("refs/notes/"));
}

/// A release with an approval in its annotated tag, checked and stored; returns the evidence file.
fn stored_release() -> (History, PathBuf) {
    let h = release(
        "Release 1.2.0\n\nApproved-by: Ana Lima <ana@example.com>",
        Some("Release 1.2.0\n\nApproved-by: Bo Chen <bo@example.com>"),
    );
    let out = note(
        h.root(),
        &playbook_arg("git-release.toml"),
        &["--gate", "release"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = gonogo()
        .args(["show", "HEAD", "-f", "json", "--repo"])
        .arg(h.root())
        .output()
        .expect("run");
    let file = h.sibling("evidence.json");
    std::fs::write(&file, &out.stdout).unwrap();
    (h, file)
}

#[test]
fn verify_confirms_a_stored_note() {
    let (_h, file) = stored_release();
    let (code, stdout, stderr) = verify(&file, &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.starts_with("reproduced: release at "), "{stdout}");
    assert!(stdout.contains("decision GO"), "{stdout}");
}

#[test]
fn verify_rejects_tampered_evidence() {
    let (_h, file) = stored_release();
    let original: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();

    let mut decision = original.clone();
    decision["decision"] = json!("NO_GO");
    std::fs::write(&file, decision.to_string()).unwrap();
    let (code, stdout, _) = verify(&file, &[]);
    assert_eq!(code, 1);
    assert!(stdout.contains("NOT reproduced"), "{stdout}");
    assert!(
        stdout.contains("decision: recorded NO-GO, repeated GO"),
        "{stdout}"
    );

    let mut finding = original.clone();
    let approvals = finding["controls"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|c| c["id"] == "approvals")
        .unwrap();
    approvals["status"] = json!("FAIL");
    approvals["findings"] = json!([{ "code": "approvals/missing", "message": "invented" }]);
    std::fs::write(&file, finding.to_string()).unwrap();
    let (code, stdout, _) = verify(&file, &[]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("recorded finding no longer found: [approvals/missing] invented"),
        "{stdout}"
    );
}

#[test]
fn verify_rejects_evidence_whose_repository_state_changed() {
    let (h, file) = stored_release();
    // The approval came from the annotated tag; without it the check no longer reproduces.
    h.git(&["tag", "-d", "v1.2.0"]);
    let (code, stdout, _) = verify(&file, &[]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("decision: recorded GO, repeated NO-GO"),
        "{stdout}"
    );
    assert!(stdout.contains("control approvals"), "{stdout}");
}

#[test]
fn verify_refuses_a_changed_playbook() {
    let (h, file) = stored_release();
    let changed = h.write_beside(
        "changed.toml",
        &format!(
            "{}\n# a comment changes the digest\n",
            std::fs::read_to_string(playbook("git-release.toml")).unwrap()
        ),
    );
    let (code, _, stderr) = verify(&file, &["--playbook", &changed]);
    assert_eq!(code, 2);
    assert!(stderr.contains("SHA-256"), "{stderr}");
}

#[test]
fn verify_says_not_reproduced_when_the_commit_is_missing() {
    let (h, file) = stored_release();
    // Another repository with the same files but a different history.
    let mut other = History::from_fixture("history-service");
    other.commit("Unrelated", day(1));
    let (code, stdout, _) = verify(&file, &["--repo", other.root().to_str().unwrap()]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("cannot be opened"), "{stdout}");
    drop(h);
}

#[test]
fn verify_finds_a_playbook_given_relative_to_another_folder() {
    let h = service();
    let dir = h.sibling("books");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(playbook("git-fresh.toml"), dir.join("gonogo.toml")).unwrap();
    let out = gonogo()
        .current_dir(&dir)
        .args(["check", "-q", "--note", "--playbook", "gonogo.toml"])
        .arg(h.root())
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (shown, _) = show_json(h.root(), &[]);
    // Recorded absolute: `verify` runs from anywhere.
    let recorded = shown["playbook"]["path"].as_str().unwrap();
    assert!(Path::new(recorded).is_absolute(), "{recorded}");
    let file = h.sibling("evidence.json");
    std::fs::write(&file, shown.to_string()).unwrap();
    let (code, stdout, stderr) = verify(&file, &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

// ---------------------------------------------------------------------------------------------
// Shapes of repositories: tags, detached HEAD, linked worktrees, submodules
// ---------------------------------------------------------------------------------------------

#[test]
fn subject_tag_for_lightweight_and_annotated_tags() {
    let mut h = service();
    h.tag("v1.0.0");
    let (ev, _) = check_playbook(h.root(), "git-fresh.toml", &[]);
    assert_eq!(ev["subject"]["tag"], "v1.0.0");
    assert_eq!(ev["subject"]["reference"], "refs/heads/main");
    h.write("README.md", "# Orders\n");
    h.commit("Next", day(1));
    h.tag_annotated("v1.9.0", "Release 1.9.0");
    h.tag_annotated("v1.10.0", "Release 1.10.0");
    let (ev, _) = check_playbook(h.root(), "git-fresh.toml", &[]);
    // Several tags on one commit: the highest version, not the highest name.
    assert_eq!(ev["subject"]["tag"], "v1.10.0");
    let (ev, _) = check_playbook(h.root(), "git-fresh.toml", &["--rev", "v1.9.0"]);
    assert_eq!(ev["subject"]["tag"], "v1.9.0");
    assert_eq!(ev["parameters"]["release_version"], "1.9.0");
    assert_eq!(ev["subject"]["commit"], h.rev("HEAD"));
    let (ev, _) = check_playbook(h.root(), "git-fresh.toml", &["--rev", "v1.0.0"]);
    assert_eq!(ev["subject"]["tag"], "v1.0.0");
    assert_eq!(ev["subject"]["commit"], h.rev("HEAD~1"));
}

#[test]
fn a_detached_head_is_checked_and_can_carry_a_note() {
    let mut h = service();
    let first = h.rev("HEAD");
    h.write("README.md", "# Orders\n");
    h.commit("Next", day(1));
    h.detach(&first);
    let (ev, code) = check_playbook(h.root(), "git-fresh.toml", &[]);
    assert_eq!(ev["subject"]["commit"], first);
    assert_eq!(ev["subject"]["reference"], "HEAD");
    assert_eq!(ev["subject"]["mode"], "head");
    assert_eq!(code, 0);
    let out = note(h.root(), &playbook_arg("git-fresh.toml"), &[]);
    assert_eq!(out.status.code(), Some(0));
    let (shown, _) = show_json(h.root(), &[&first]);
    assert_eq!(shown["subject"]["commit"], first);
}

#[test]
fn a_linked_worktree_is_checked_at_its_own_head_and_notes_are_shared() {
    let mut h = merge_request();
    h.write("api/openapi.yaml", "openapi: 3.1.0\n");
    let feature = h.commit("API change", day(5));
    h.switch("main");
    let wt = h.sibling("feature-wt");
    h.git(&[
        "worktree",
        "add",
        "--quiet",
        wt.to_str().unwrap(),
        "feature",
    ]);
    let (ev, code) = check_playbook(
        &wt,
        "git-changes.toml",
        &["--gate", "merge", "--base", "main"],
    );
    assert_eq!(ev["subject"]["commit"], feature);
    assert_eq!(ev["subject"]["reference"], "refs/heads/feature");
    assert_eq!(
        ev["subject"]["root"],
        std::fs::canonicalize(&wt).unwrap().to_str().unwrap()
    );
    assert_eq!(changes(&ev), [change("api/openapi.yaml", "modified")]);
    assert_eq!(code, 1);
    let out = note(
        &wt,
        &playbook_arg("git-changes.toml"),
        &["--gate", "merge", "--base", "main"],
    );
    assert_eq!(out.status.code(), Some(1));
    // The note lands in the repository's shared refs, visible from the main worktree.
    let (shown, code) = show_json(h.root(), &["feature"]);
    assert_eq!(code, 0);
    assert_eq!(shown["subject"]["commit"], feature);
    // Staged and worktree modes work in a linked worktree too.
    let (ev, _) = check_playbook(&wt, "git-changes.toml", &["--gate", "commit", "--staged"]);
    assert_eq!(ev["subject"]["changes"], json!([]));
}

#[test]
fn a_submodule_is_listed_as_a_gitlink_and_not_descended() {
    let mut lib = History::new();
    lib.write("secret.txt", "not ours\n");
    lib.write("src/lib.rs", "pub fn x() {}\n");
    lib.commit("Library", day(0));
    let mut h = service();
    h.git(&[
        "submodule",
        "add",
        "--quiet",
        &format!("file://{}", lib.root().display()),
        "vendor/lib",
    ]);
    h.commit("Add the library as a submodule", day(1));
    let book = h.write_beside(
        "submodule.toml",
        r#"
[[control]]
id = "gitlink-listed"
kind = "files"
level = "must"
title = "The submodule is listed"
require = ["vendor/lib", ".gitmodules"]

[[control]]
id = "no-secrets"
kind = "files"
level = "must"
title = "No secret files"
forbid = ["**/secret.txt", "vendor/lib/**"]

[[control]]
id = "fresh-gitlink"
kind = "files"
level = "must"
title = "The submodule moved recently"
require = ["vendor/lib"]
fresh-within-commits = 0
"#,
    );
    for mode in [&[][..], &["--staged"], &["--worktree"]] {
        let mut args = vec!["--playbook", book.as_str()];
        args.extend(mode);
        let (ev, code) = check_json_env(h.root(), &args, &[]);
        assert_eq!(status(&ev, "gitlink-listed"), "PASS", "{mode:?}");
        assert_eq!(status(&ev, "no-secrets"), "PASS", "{mode:?}");
        // 11 fixture files, .gitmodules and the gitlink.
        assert_eq!(ev["subject"]["files"], 13, "{mode:?}");
        assert_eq!(code, 0, "{mode:?} {ev:#}");
    }
    let (ev, _) = check_json_env(h.root(), &["--playbook", &book], &[]);
    let item = control(&ev, "gitlink-listed")["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["path"] == "vendor/lib")
        .cloned()
        .expect("gitlink evidence");
    // The gitlink's id is the submodule's commit.
    assert_eq!(item["blob"], lib.rev("HEAD"));
}

#[test]
fn merge_request_evidence_with_a_base_verifies() {
    let mut h = merge_request();
    h.write("api/openapi.yaml", "openapi: 3.1.0\n");
    h.write("docs/adr/0003-api.md", "# 3. API\n");
    h.commit("API change with ADR", day(5));
    let out = note(
        h.root(),
        &playbook_arg("git-changes.toml"),
        &["--gate", "merge", "--base", "main"],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (shown, _) = show_json(h.root(), &[]);
    assert_eq!(shown["subject"]["base"]["reference"], "main");
    let file = h.sibling("mr.json");
    std::fs::write(&file, shown.to_string()).unwrap();
    // main moves on; the recorded merge base still gives the same change set.
    h.switch("main");
    h.write("api/other.yaml", "x: 1\n");
    h.commit("Main moves on", day(9));
    let (code, stdout, stderr) = verify(&file, &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    // A change set edited in the file does not reproduce.
    let mut tampered = shown.clone();
    tampered["subject"]["changes"][0]["kind"] = json!("added");
    std::fs::write(&file, tampered.to_string()).unwrap();
    let (code, stdout, _) = verify(&file, &[]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("changes: recorded added api/openapi.yaml"),
        "{stdout}"
    );
}

#[test]
fn worktree_mode_with_a_base_sees_unstaged_and_untracked_changes() {
    let mut h = merge_request();
    h.write("README.md", "# Orders\n");
    h.commit("Committed change", day(5));
    h.write("api/openapi.yaml", "openapi: 3.1.0\n");
    h.write("api/new.yaml", "new: true\n");
    let (ev, _) = check_playbook(
        h.root(),
        "git-changes.toml",
        &["--gate", "merge", "--worktree", "--base", "main"],
    );
    assert_eq!(
        changes(&ev),
        [
            change("README.md", "modified"),
            change("api/new.yaml", "added"),
            change("api/openapi.yaml", "modified"),
        ]
    );
    assert_eq!(status(&ev, "api-needs-adr"), "FAIL");
}

/// A linear history of `n` commits written with `git fast-import`: commit i changes `log.txt`;
/// `stable.txt` is written once, in the first commit, and `recent.txt` in the last.
fn long_linear_history(n: usize) -> History {
    let h = History::new();
    let mut script = String::with_capacity(n * 160);
    for i in 0..n {
        let time = day(0) + i as i64 * 60;
        script.push_str(&format!(
            "commit refs/heads/main\nmark :{m}\ncommitter Fixture <fixture@example.com> {time} +0000\ndata 3\nc{d}\n",
            m = i + 1,
            d = i % 10,
        ));
        if i > 0 {
            script.push_str(&format!("from :{}\n", i));
        }
        let log = format!("{i}\n");
        script.push_str(&format!(
            "M 100644 inline log.txt\ndata {}\n{log}\n",
            log.len()
        ));
        if i == 0 {
            script.push_str("M 100644 inline stable.txt\ndata 7\nstable\n\n");
        }
        if i == n - 1 {
            script.push_str("M 100644 inline recent.txt\ndata 7\nrecent\n\n");
        }
    }
    script.push_str("done\n");
    h.fast_import(&script);
    h.git(&["reset", "--quiet", "--hard", "main"]);
    h
}

#[test]
fn freshness_over_a_history_of_100000_commits() {
    let n = 100_000;
    let h = long_linear_history(n);
    let book = h.write_beside(
        "long.toml",
        r#"
[[control]]
id = "recent"
kind = "files"
level = "must"
title = "Changed in the last commit"
require = ["recent.txt", "log.txt"]
fresh-within-commits = 0

[[control]]
id = "stable"
kind = "files"
level = "should"
title = "Written at the start"
require = ["stable.txt"]
fresh-within-commits = 10
"#,
    );
    let (ev, _) = check_json_env(h.root(), &["--playbook", &book], &[]);
    assert_eq!(status(&ev, "recent"), "PASS");
    let c = control(&ev, "stable");
    assert_eq!(
        findings(c),
        [finding("freshness/stale-commits", "stable.txt", None)]
    );
    // The count as a number; the sentence writes it with thousands separators (99,999).
    assert_eq!(
        c["findings"][0]["said"]["args"]["n"],
        serde_json::json!(n - 1)
    );
    assert!(finding_messages(c)[0].contains(" commits before the checked commit"));
}

#[test]
fn a_nearby_commit_is_listed_from_the_index_exactly_as_from_its_trees() {
    // main is checked out, so the index holds main's trees; `--rev feature` takes the folders
    // feature did not change from the index and reads only the changed ones.
    let mut h = service();
    h.branch("feature");
    h.write("services/api/src/.env", "TOKEN=1\n");
    h.write("services/api/src/orders.rs", "pub fn orders() {}\n");
    h.delete("services/billing/tests/total.rs");
    h.commit("Change two services", day(1));
    h.switch("main");
    let check = |args: &[&str]| {
        let mut all = vec!["--rev", "feature"];
        all.extend(args);
        check_json_env(h.root(), &all, &[("SOURCE_DATE_EPOCH", "1772323200")]).0
    };
    let keys = playbook_arg("files-keys.toml");
    let from_index = (check(&["-p", &keys]), check(&["-p", "preset:default"]));
    let found = findings(control(&from_index.0, "no-secrets"));
    assert_eq!(
        found.iter().map(|f| f.1.as_deref()).collect::<Vec<_>>(),
        [Some("services/api/src/.env")]
    );
    std::fs::remove_file(h.git_dir().join("index")).expect("remove the index");
    let from_trees = (check(&["-p", &keys]), check(&["-p", "preset:default"]));
    assert_eq!(from_index, from_trees);
}
