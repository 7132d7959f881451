//! Issue 13, points 5 and 7: a reference date the author of a commit cannot set (expiry,
//! `max-days`, freshness), and change rules that are never silently not applicable (CI bases,
//! release gates, a must rule without a change set).

mod common;

use std::path::Path;

use common::history::{DAY, History, day};
use common::{codes, control, fixtures, gonogo, messages, reason, run_json, status, waiver_state};
use serde_json::Value;

/// 2026-01-01 plus `days`, as a date.
fn date(days: i64) -> String {
    jiff::Timestamp::from_second(day(days))
        .expect("time")
        .strftime("%Y-%m-%d")
        .to_string()
}

/// Runs `gonogo check <repo> -f json [args]` with `env`; the kit pins SOURCE_DATE_EPOCH to
/// 2026-01-01 unless `env` sets it (`--as-of` wins over both).
fn check(repo: &Path, args: &[&str], env: &[(&str, &str)]) -> (Value, i32, String) {
    let mut cmd = gonogo();
    cmd.arg("check").arg(repo).args(["-f", "json"]).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    run_json(cmd)
}

/// The same with no SOURCE_DATE_EPOCH at all: the reference date is the clock.
fn check_clock(repo: &Path, args: &[&str]) -> (Value, i32, String) {
    let mut cmd = gonogo();
    cmd.env_remove("SOURCE_DATE_EPOCH")
        .arg("check")
        .arg(repo)
        .args(["-f", "json"])
        .args(args);
    run_json(cmd)
}

/// The legacy playbook (license is a failing must; Ana may waive must controls for 90 days),
/// read from outside the checked repository.
fn legacy_playbook() -> String {
    fixtures()
        .join("repos/waivers-legacy/gonogo.toml")
        .to_str()
        .expect("utf-8")
        .to_string()
}

fn license_waiver(id: &str, created: &str, expires: &str) -> String {
    format!(
        r#"
[[waiver]]
id = "{id}"
control = "license"
reason = "Licensing is being clarified."
ticket = "LEGAL-42"
approved-by = "Ana Lima <ana@example.com>"
created = {created}
expires = {expires}
"#
    )
}

// ---------------------------------------------------------------------------------------------
// The reference date
// ---------------------------------------------------------------------------------------------

#[test]
fn a_backdated_commit_does_not_revive_an_expired_waiver() {
    // Relative to the real clock: the waiver expired ten days ago.
    let now = jiff::Timestamp::now().as_second();
    let on = |secs: i64| {
        jiff::Timestamp::from_second(secs)
            .expect("time")
            .strftime("%Y-%m-%d")
            .to_string()
    };
    let (created, expires) = (now - 60 * DAY, now - 10 * DAY);
    let mut h = History::from_fixture("waivers-legacy");
    h.write(
        ".gonogo/waivers.toml",
        &license_waiver("W-1", &on(created), &on(expires)),
    );
    h.commit("Legacy code with a license waiver", created);
    // The author dates the latest commit before the expiry, as if it were still valid.
    h.write("src/billing.txt", "more legacy\n");
    h.commit("Backdated", expires - 5 * DAY);

    let (ev, code, _) = check_clock(h.root(), &["-p", &legacy_playbook()]);
    assert_eq!(waiver_state(&ev, "W-1"), "expired", "{ev:#}");
    assert_eq!(codes(control(&ev, "waivers")), ["waivers/expired"]);
    assert_eq!(status(&ev, "license"), "FAIL");
    assert_eq!((ev["decision"].as_str(), code), (Some("NO_GO"), 1));
    assert_eq!(ev["parameters"]["as_of_source"], "clock");
    assert_eq!(
        ev["as_of"].as_str().map(|s| &s[..10]),
        Some(on(now).as_str())
    );

    // Only the reference date decides: pinned before the expiry, the same waiver waives.
    let before = on(expires - 5 * DAY);
    let (ev, _, _) = check(
        h.root(),
        &["-p", &legacy_playbook(), "--as-of", &before],
        &[],
    );
    assert_eq!(waiver_state(&ev, "W-1"), "expiring");
    assert_eq!(status(&ev, "license"), "WAIVED");
}

#[test]
fn a_waiver_created_after_the_reference_date_is_invalid() {
    let mut h = History::from_fixture("waivers-legacy");
    h.write(
        ".gonogo/waivers.toml",
        &license_waiver("W-1", &date(60), &date(80)),
    );
    h.commit("A waiver dated ahead", day(25));
    let (ev, code, _) = check(
        h.root(),
        &["-p", &legacy_playbook(), "--as-of", &date(30)],
        &[],
    );
    assert_eq!(waiver_state(&ev, "W-1"), "invalid");
    assert_eq!(
        codes(control(&ev, "waivers")),
        ["waivers/created-in-future"]
    );
    assert!(messages(control(&ev, "waivers")).contains(&date(60)));
    assert_eq!(status(&ev, "license"), "FAIL");
    assert_eq!((ev["decision"].as_str(), code), (Some("NO_GO"), 1));
}

#[test]
fn max_days_counts_from_the_first_commit_that_held_the_waiver() {
    let mut h = History::from_fixture("waivers-legacy");
    // 59 days, within the 90 a must waiver may run.
    h.write(
        ".gonogo/waivers.toml",
        &license_waiver("W-1", &date(0), &date(59)),
    );
    let first = h.commit("Waive the license", day(0));
    // A hundred days on, `created` and `expires` are rewritten: 75 days on paper.
    h.write(
        ".gonogo/waivers.toml",
        &license_waiver("W-1", &date(100), &date(175)),
    );
    h.commit("Renew W-1", day(100));
    let (ev, code, _) = check(
        h.root(),
        &["-p", &legacy_playbook(), "--as-of", &date(110)],
        &[],
    );
    assert_eq!(waiver_state(&ev, "W-1"), "invalid", "{ev:#}");
    assert_eq!(codes(control(&ev, "waivers")), ["waivers/too-long"]);
    let said = messages(control(&ev, "waivers"));
    assert!(said.contains("175 days"), "{said}");
    assert!(said.contains("first held it"), "{said}");
    assert!(said.contains(&first[..12]), "{said}");
    assert_eq!(code, 1);

    // A new waiver (a new id) starts its own clock.
    h.write(
        ".gonogo/waivers.toml",
        &license_waiver("W-2", &date(100), &date(175)),
    );
    h.commit("A new decision: W-2", day(101));
    let (ev, _, _) = check(
        h.root(),
        &["-p", &legacy_playbook(), "--as-of", &date(110)],
        &[],
    );
    assert_eq!(waiver_state(&ev, "W-2"), "active", "{ev:#}");
    assert_eq!(status(&ev, "license"), "WAIVED");
}

const FRESH: &str = r#"
[playbook]
name = "freshness"

[[control]]
id = "readme-fresh"
kind = "files"
level = "must"
title = "The README was touched within 90 days"
require = ["README.md"]
fresh-within = "90 days"
"#;

#[test]
fn a_commit_dated_after_the_year_9999_does_not_make_fresh_within_pass() {
    let mut h = History::from_fixture("history-service");
    h.commit("Initial", day(0));
    h.write("README.md", "# Orders\n\nTouched in the far future.\n");
    // 10000-01-01T00:00:00Z: beyond what the reference date can be.
    h.commit("From the future", 253_402_300_800);
    let book = h.write_beside("fresh.toml", FRESH);
    let (ev, code, _) = check(h.root(), &["-p", &book, "--as-of", &date(200)], &[]);
    let c = control(&ev, "readme-fresh");
    assert_eq!(c["status"], "FAIL", "{c:#}");
    assert_eq!(codes(c), ["freshness/future-date"]);
    assert!(messages(c).contains("beyond the year 9999"), "{c:#}");
    // The checked commit itself is dated ahead: a finding of its own, not a silent pass.
    assert_eq!(codes(control(&ev, "dates")), ["dates/commit-in-future"]);
    assert_eq!(status(&ev, "dates"), "FAIL");
    assert_eq!((ev["decision"].as_str(), code), (Some("NO_GO"), 1));

    // A commit a month ahead of the reference date proves no freshness either.
    let mut h = History::from_fixture("history-service");
    h.commit("Initial", day(0));
    h.write("README.md", "# Orders\n\nNext month.\n");
    h.commit("Dated a month ahead", day(230));
    let (ev, _, _) = check(h.root(), &["-p", &book, "--as-of", &date(200)], &[]);
    assert_eq!(
        codes(control(&ev, "readme-fresh")),
        ["freshness/future-date"]
    );
    // Within a day of the reference date is clock skew, not the future.
    let (ev, _, _) = check(
        h.root(),
        &["-p", &book, "--as-of", &format!("{}T12:00:00Z", date(229))],
        &[],
    );
    assert_eq!(status(&ev, "readme-fresh"), "PASS", "{ev:#}");
    assert!(
        ev["controls"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["id"] != "dates")
    );
}

#[test]
fn a_date_that_cannot_be_computed_is_an_error_not_a_pass() {
    let mut h = History::from_fixture("history-service");
    h.commit("Initial", day(0));
    h.write("README.md", "# Orders\n\nLate in the year 9999.\n");
    // 9999-12-01: 90 days later lies beyond the calendar jiff (and the evidence) can write.
    h.commit("Near the end of time", 253_399_622_400);
    let book = h.write_beside("fresh.toml", FRESH);
    let (ev, code, _) = check(h.root(), &["-p", &book, "--as-of", "9999-12-02"], &[]);
    let c = control(&ev, "readme-fresh");
    assert_eq!(c["status"], "ERROR", "{c:#}");
    assert!(
        reason(&ev, "readme-fresh").contains("cannot be judged"),
        "{c:#}"
    );
    assert_eq!(code, 2, "an ERROR must or should result exits 2");
}

#[test]
fn as_of_and_source_date_epoch_are_honoured_and_recorded() {
    let mut h = History::from_fixture("history-service");
    h.commit("Initial", day(0));
    let book = h.write_beside("fresh.toml", FRESH);
    // --as-of: a date means 00:00 UTC; the evidence records it and where it came from.
    let (ev, _, _) = check(h.root(), &["-p", &book, "--as-of", &date(100)], &[]);
    assert_eq!(ev["as_of"], format!("{}T00:00:00Z", date(100)));
    assert_eq!(ev["parameters"]["as_of_source"], "--as-of");
    assert_eq!(codes(control(&ev, "readme-fresh")), ["freshness/stale"]);
    // `generated_at` is when the evidence was made: SOURCE_DATE_EPOCH (the kit's 2026-01-01).
    assert_eq!(ev["generated_at"], "2026-01-01T00:00:00Z");
    // An RFC 3339 timestamp is normalized to UTC.
    let (ev, _, _) = check(
        h.root(),
        &["-p", &book, "--as-of", "2026-03-01T12:30:00+02:00"],
        &[],
    );
    assert_eq!(ev["as_of"], "2026-03-01T10:30:00Z");
    // SOURCE_DATE_EPOCH alone is both dates.
    let epoch = day(30).to_string();
    let (ev, _, _) = check(
        h.root(),
        &["-p", &book],
        &[("SOURCE_DATE_EPOCH", epoch.as_str())],
    );
    assert_eq!(ev["as_of"], format!("{}T00:00:00Z", date(30)));
    assert_eq!(ev["parameters"]["as_of_source"], "SOURCE_DATE_EPOCH");
    assert_eq!(status(&ev, "readme-fresh"), "PASS");
    // The human output says when the date was pinned by hand.
    let out = gonogo()
        .args(["check", "-p", &book, "--as-of", &date(100)])
        .arg(h.root())
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("As of:      {} (from --as-of", date(100))),
        "{text}"
    );
    // Not a date: a usage error.
    let out = gonogo()
        .args(["check", "--as-of", "next tuesday"])
        .arg(h.root())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn verify_judges_with_the_recorded_reference_date() {
    let mut h = History::from_fixture("waivers-legacy");
    h.write(
        ".gonogo/waivers.toml",
        &license_waiver("W-1", &date(0), &date(60)),
    );
    h.commit("Waive the license", day(0));
    let file = h.sibling("evidence.json");
    // Checked while the waiver ran; by today's clock it has long expired.
    let out = gonogo()
        .env_remove("SOURCE_DATE_EPOCH")
        .args(["check", "-p", &legacy_playbook(), "--as-of", &date(30)])
        .arg("-o")
        .arg(format!("json={}", file.display()))
        .arg(h.root())
        .output()
        .expect("run");
    // NO-GO for the committed .env file; the license is waived.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recorded: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(status(&recorded, "license"), "WAIVED");
    let out = gonogo()
        .env_remove("SOURCE_DATE_EPOCH")
        .arg("verify")
        .arg(&file)
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.starts_with("reproduced"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// Change rules without a change set
// ---------------------------------------------------------------------------------------------

const CHANGE_RULES: &str = r#"
[playbook]
name = "change rules"

[[control]]
id = "api-needs-adr"
kind = "changes"
level = "must"
title = "An API change comes with a decision record"
when = ["api/**"]
require = ["docs/adr/*.md"]

[[control]]
id = "api-mentions-changelog"
kind = "changes"
level = "should"
title = "An API change is in the changelog"
when = ["api/**"]
require = ["CHANGELOG.md"]

[[control]]
id = "docs-index"
kind = "files"
level = "must"
title = "The docs have an index when docs change"
only-if-changed = ["docs/**"]
require = ["docs/index.md"]

[gates.merge]
controls = ["*"]

[gates.release]
controls = ["api-needs-adr"]
"#;

/// `main` with the service at day 0, and a branch `feature` changing the API without an ADR.
fn merge_request() -> History {
    let mut h = History::from_fixture("history-service");
    h.commit("Initial", day(0));
    h.branch("feature");
    h.write("api/openapi.yaml", "openapi: 3.1.0\npaths: {}\n");
    h.commit("Change the API", day(2));
    h
}

#[test]
fn a_must_change_rule_without_a_change_set_is_an_error_naming_the_input() {
    let h = merge_request();
    let book = h.write_beside("changes.toml", CHANGE_RULES);
    let (ev, code, stderr) = check(h.root(), &["-p", &book, "--gate", "merge"], &[]);
    assert_eq!(status(&ev, "api-needs-adr"), "ERROR");
    assert!(
        reason(&ev, "api-needs-adr")
            .contains("no change set: pass --base REV, or run in a merge request pipeline"),
        "{ev:#}"
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--base"), "{stderr}");
    // A should rule stays not applicable, with the same reason.
    assert_eq!(status(&ev, "api-mentions-changelog"), "NOT_APPLICABLE");
    assert!(reason(&ev, "api-mentions-changelog").contains("--base"));
    // `only-if-changed` does not narrow without a change set: the must control runs (and fails).
    assert_eq!(status(&ev, "docs-index"), "FAIL");

    // With the base, the rule is evaluated: the API changed without an ADR.
    let (ev, code, _) = check(
        h.root(),
        &["-p", &book, "--gate", "merge", "--base", "main"],
        &[],
    );
    assert_eq!(
        codes(control(&ev, "api-needs-adr")),
        ["changes/missing-companion"]
    );
    assert_eq!(status(&ev, "docs-index"), "NOT_APPLICABLE");
    assert_eq!(code, 1);
}

#[test]
fn github_base_ref_gives_the_base_and_the_output_says_where_it_came_from() {
    let origin = merge_request();
    let book = origin.write_beside("changes.toml", CHANGE_RULES);
    // A CI checkout of the pull request: `main` only as origin/main.
    let clone = origin.clone_to("ci", &["--branch", "feature"]);
    let env = [("GITHUB_BASE_REF", "main")];
    let (ev, code, _) = check(&clone, &["-p", &book, "--gate", "merge"], &env);
    assert_eq!(ev["subject"]["base"]["reference"], "origin/main", "{ev:#}");
    assert_eq!(ev["subject"]["base"]["source"], "GITHUB_BASE_REF");
    assert_eq!(
        codes(control(&ev, "api-needs-adr")),
        ["changes/missing-companion"]
    );
    assert_eq!(code, 1);
    let out = gonogo()
        .env("GITHUB_BASE_REF", "main")
        .args(["check", "-p", &book, "--gate", "merge"])
        .arg(&clone)
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    let merge_base = origin.rev("main");
    assert!(
        text.contains(&format!(
            "Base:       origin/main @ {} (from GITHUB_BASE_REF)",
            &merge_base[..12]
        )),
        "{text}"
    );

    // GitLab names the merge base itself.
    let env = [
        ("CI_MERGE_REQUEST_DIFF_BASE_SHA", merge_base.as_str()),
        ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"),
    ];
    let (ev, _, _) = check(&clone, &["-p", &book, "--gate", "merge"], &env);
    assert_eq!(ev["subject"]["base"]["commit"], merge_base.as_str());
    assert_eq!(
        ev["subject"]["base"]["source"],
        "CI_MERGE_REQUEST_DIFF_BASE_SHA"
    );
}

#[test]
fn a_release_gate_compares_change_rules_with_the_previous_release() {
    let mut h = History::from_fixture("history-service");
    h.commit("Initial", day(0));
    h.tag("v1.0.0");
    let book = h.write_beside("changes.toml", CHANGE_RULES);
    h.write("api/openapi.yaml", "openapi: 3.1.0\npaths: {}\n");
    h.commit("Change the API", day(10));
    h.tag("v1.1.0");
    let (ev, code, _) = check(h.root(), &["-p", &book, "--rev", "v1.1.0"], &[]);
    assert_eq!(ev["gate"]["name"], "release");
    let c = control(&ev, "api-needs-adr");
    assert_eq!(codes(c), ["changes/missing-companion"], "{c:#}");
    assert!(
        c["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["path"] == "refs/tags/v1.0.0"),
        "{c:#}"
    );
    assert_eq!(code, 1);

    // The next release changes the API with a decision record: it passes the rule.
    h.write("api/openapi.yaml", "openapi: 3.1.0\npaths: {}\n# v2\n");
    h.write("docs/adr/0002-new-api.md", "# 2. New API\n");
    h.commit("Change the API, with its decision", day(11));
    h.tag("v1.2.0");
    let (ev, code, _) = check(h.root(), &["-p", &book, "--rev", "v1.2.0"], &[]);
    assert_eq!(status(&ev, "api-needs-adr"), "PASS", "{ev:#}");
    assert_eq!(code, 0);

    // A first release has no previous one: the must rule says so instead of passing.
    let (ev, code, _) = check(h.root(), &["-p", &book, "--rev", "v1.0.0"], &[]);
    assert_eq!(status(&ev, "api-needs-adr"), "ERROR");
    assert!(
        reason(&ev, "api-needs-adr").contains("no earlier release tag"),
        "{ev:#}"
    );
    assert_eq!(code, 2);
}
