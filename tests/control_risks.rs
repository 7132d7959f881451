//! The `risks` control: registers that pass and fail, in Markdown (English and German) and
//! TOML, red risks accepted by a decision or not, and the trend over a scripted history.

mod common;

use common::history::{History, day};
use common::*;
use serde_json::Value;

fn codes(c: &Value) -> Vec<(String, Option<u64>)> {
    findings(c)
        .into_iter()
        .map(|(code, _, line)| (code, line))
        .collect()
}

fn risk<'a>(c: &'a Value, id: &str) -> &'a Value {
    c["risks"]["risks"]
        .as_array()
        .and_then(|rs| rs.iter().find(|r| r["id"] == id))
        .unwrap_or_else(|| panic!("no risk {id} in {c:#}"))
}

#[test]
fn a_kept_register_passes_and_a_red_risk_accepted_by_a_decision_does_not_block() {
    let ev = check_fixture("risks-ok", "risks-default.toml");
    let c = control(&ev, "risk-register");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert_eq!(ev["decision"], "GO");
    let r2 = risk(c, "R-2");
    assert_eq!(
        (r2["score"].as_u64(), r2["light"].as_str()),
        (Some(25), Some("red"))
    );
    assert_eq!(r2["adr_status"], "accepted");
    assert_eq!(risk(c, "R-1")["light"], "amber");
    assert_eq!(risk(c, "R-1")["score"], 12);
    assert_eq!(risk(c, "R-3")["light"], "green");
    assert_eq!(risk(c, "R-4")["status"], "closed");
    assert_eq!(c["risks"]["path"], "docs/risks.md");
    assert_eq!(c["risks"]["bands"]["green_max"], 6);
}

#[test]
fn every_rule_fails_where_the_register_breaks_it() {
    let ev = check_fixture("risks-bad", "risks-default.toml");
    let c = control(&ev, "risk-register");
    assert_eq!(ev["decision"], "NO_GO");
    let got = codes(c);
    let want: Vec<(String, Option<u64>)> = [
        ("risks/duplicate-id", 10),
        ("risks/invalid-value", 9),
        ("risks/invalid-value", 9),
        ("risks/invalid-value", 10),
        ("risks/missing-id", 11),
        ("risks/no-mitigation", 7),
        ("risks/no-owner", 7),
        ("risks/red", 5),
        ("risks/red", 6),
        ("risks/red", 8),
        ("risks/red", 12),
        ("risks/review-overdue", 7),
    ]
    .iter()
    .map(|(c, l)| (c.to_string(), Some(*l)))
    .collect();
    assert_eq!(got, want, "{c:#}");
    let keys: Vec<&str> = c["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "risks/red")
        .map(|f| f["said"]["key"].as_str().unwrap())
        .collect();
    for key in [
        "risks/red",
        "risks/red#adr-not-accepted",
        "risks/red#no-adr",
        "risks/red#adr-missing",
    ] {
        assert!(keys.contains(&key), "{key} in {keys:?}");
    }
}

#[test]
fn german_columns_and_values_and_toml_registers_read() {
    let ev = check_fixture("risks-german", "risks-default.toml");
    let c = control(&ev, "risk-register");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert_eq!(risk(c, "R-1")["score"], 5);
    assert_eq!(risk(c, "R-1")["status"], "mitigating");
    assert_eq!(risk(c, "R-1")["review"], "2026-03-31");
    assert_eq!(risk(c, "R-2")["light"], "amber");
    let ev = check_fixture("risks-toml", "risks-default.toml");
    let c = control(&ev, "risk-register");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert_eq!(c["risks"]["format"], "toml");
    assert_eq!(risk(c, "R-1")["score"], 6);
    assert_eq!(risk(c, "R-1")["line"], 2);
}

#[test]
fn no_register_and_a_broken_one_fail_with_their_reason() {
    let ev = check_fixture("empty", "risks-default.toml");
    assert_eq!(
        codes(control(&ev, "risk-register")),
        [("risks/missing".to_string(), None)]
    );
    let mut h = History::new();
    h.write("risks.toml", "[[risk]]\nid = \"R-1\"\ntitle = \n");
    h.commit("Broken register", day(0));
    let (ev, code) = check_playbook(h.root(), "risks-default.toml", &[]);
    assert_eq!(code, 1);
    assert_eq!(
        codes(control(&ev, "risk-register")),
        [("risks/invalid".to_string(), Some(3))]
    );
}

const HEADER: &str = "# Risks\n\n| ID | Title | Likelihood | Impact | Owner | Mitigation | Status | Review |\n|---|---|---|---|---|---|---|---|\n";

fn register(rows: &[(&str, u8, u8, &str)]) -> String {
    let mut text = HEADER.to_string();
    for (id, l, i, status) in rows {
        text.push_str(&format!(
            "| {id} | Risk {id} | {l} | {i} | Ops | Plan | {status} | 2026-12-31 |\n"
        ));
    }
    text
}

fn trend(c: &Value, id: &str) -> String {
    risk(c, id)["trend"].as_str().unwrap_or("none").to_string()
}

#[test]
fn risks_that_rise_and_fall_show_their_trend_against_the_release_and_a_date() {
    let mut h = History::new();
    h.write(
        "docs/risks.md",
        &register(&[
            ("R-1", 2, 2, "open"),
            ("R-2", 3, 3, "open"),
            ("R-3", 2, 3, "open"),
            ("R-5", 1, 2, "open"),
            ("R-6", 2, 2, "open"),
        ]),
    );
    h.commit("Register", day(0));
    h.tag("v1.0.0");
    h.write(
        "docs/risks.md",
        &register(&[
            ("R-1", 3, 3, "open"),
            ("R-2", 3, 3, "open"),
            ("R-3", 2, 3, "open"),
            ("R-4", 2, 2, "open"),
            ("R-5", 1, 2, "open"),
            ("R-6", 2, 2, "open"),
        ]),
    );
    h.commit("R-1 rises, R-4 is new", day(20));
    h.write(
        "docs/risks.md",
        &register(&[
            ("R-1", 3, 4, "mitigating"),
            ("R-2", 1, 2, "open"),
            ("R-3", 2, 3, "closed"),
            ("R-4", 2, 2, "open"),
            ("R-6", 2, 2, "open"),
        ]),
    );
    h.commit(
        "R-1 rises again, R-2 falls, R-3 closed, R-5 dropped",
        day(40),
    );

    // Against the previous release (v1.0.0, day 0).
    let (ev, _) = check_playbook(h.root(), "risks-default.toml", &[]);
    let c = control(&ev, "risk-register");
    let t = &c["risks"]["trend"];
    assert_eq!(
        (t["against"].as_str(), t["reference"].as_str()),
        (Some("release"), Some("v1.0.0"))
    );
    let got: Vec<String> = ["R-1", "R-2", "R-3", "R-4", "R-6"]
        .iter()
        .map(|id| trend(c, id))
        .collect();
    assert_eq!(got, ["up", "down", "closed", "new", "same"], "{c:#}");
    assert_eq!(risk(c, "R-1")["previous_score"], 4);
    assert_eq!(
        (
            t["new"].as_u64(),
            t["up"].as_u64(),
            t["down"].as_u64(),
            t["same"].as_u64(),
            t["closed"].as_u64()
        ),
        (Some(1), Some(1), Some(1), Some(1), Some(2))
    );
    assert_eq!(t["gone"], serde_json::json!(["R-5"]));
    // 4 + 9 + 6 + 2 + 4 = 25 then; 12 + 2 + 4 + 4 = 22 now.
    assert_eq!(
        (t["previous_total"].as_u64(), t["total"].as_u64()),
        (Some(25), Some(22))
    );
    assert_eq!(t["direction"], "down");

    // Against 15 days before the as-of date (day 25 → the commit of day 20).
    let (ev, _) = check_playbook(h.root(), "risks-trend.toml", &[]);
    let c = control(&ev, "risk-register");
    assert_eq!(c["risks"]["trend"]["against"], "date");
    assert_eq!(c["risks"]["trend"]["reference"], "2026-01-26");
    assert_eq!(trend(c, "R-1"), "up");
    assert_eq!(risk(c, "R-1")["previous_score"], 9);
    assert_eq!(trend(c, "R-4"), "same");
    assert_eq!(c["status"], "PASS", "{c:#}");

    // Fifty days after its last change the register is stale under `max-age = "31 days"`.
    let later = day(90).to_string();
    let (ev, _) = check_playbook_env(
        h.root(),
        "risks-trend.toml",
        &[],
        &[("SOURCE_DATE_EPOCH", &later)],
    );
    let c = control(&ev, "risk-register");
    assert_eq!(codes(c), [("risks/stale".to_string(), None)], "{c:#}");
}

#[test]
fn messages_read_in_german() {
    let repo = git_repo("risks-bad");
    let mut cmd = gonogo();
    cmd.arg("check").arg(repo.path()).args([
        "--playbook",
        &playbook_arg("risks-default.toml"),
        "--lang",
        "de",
    ]);
    pin_to_checked_commit(&mut cmd, repo.path(), &[]);
    let (out, _, _) = run_text(cmd);
    assert!(out.contains("hat keinen Verantwortlichen"), "{out}");
    assert!(out.contains("ist rot (Wert 20)"), "{out}");
}

fn report(fixture: &str, format: &str, lang: &str) -> String {
    let repo = git_repo(fixture);
    let mut cmd = gonogo();
    cmd.arg("check").arg(repo.path()).args([
        "--playbook",
        &playbook_arg("risks-default.toml"),
        "--format",
        format,
        "--lang",
        lang,
    ]);
    pin_to_checked_commit(&mut cmd, repo.path(), &[]);
    run_text(cmd).0
}

#[test]
fn the_reports_draw_the_risk_matrix_in_english_and_german() {
    let md = report("risks-ok", "markdown", "en");
    assert!(md.contains("### Risk matrix: risk-register"), "{md}");
    // Likelihood 5 in the first row: R-2 (5 × 5) red in the last column; R-1 (3 × 4) amber.
    assert!(md.contains("| **5** | G | A | R | R | R **R-2** |"), "{md}");
    assert!(md.contains("| **3** | G | G | A | A **R-1** | R |"), "{md}");
    assert!(
        md.contains("| R-1 | Single database without replica | 12 | A amber |"),
        "{md}"
    );
    // A closed risk is listed but not placed.
    assert!(!md.contains("**R-4**"), "{md}");
    let de = report("risks-ok", "markdown", "de");
    assert!(de.contains("### Risikomatrix: risk-register"), "{de}");
    assert!(
        de.contains("Eintrittswahrscheinlichkeit ↓ · Auswirkung →"),
        "{de}"
    );
    assert!(de.contains("| 12 | A gelb |"), "{de}");
    let html = report("risks-ok", "html", "de");
    assert!(html.contains("<table class=\"matrix\""), "{html}");
    assert!(
        html.contains(
            "<td class=\"cell r\" title=\"5 × 5 = 25 (rot)\"><span class=\"band\">R</span>R-2</td>"
        ),
        "{html}"
    );
}

#[test]
fn the_management_summary_in_html_shows_the_decision_and_the_matrix() {
    let repo = git_repo("risks-bad");
    let mut cmd = gonogo();
    cmd.arg("check").arg(repo.path()).args([
        "--playbook",
        &playbook_arg("risks-default.toml"),
        "--format",
        "html",
        "--summary",
        "--lang",
        "de",
    ]);
    pin_to_checked_commit(&mut cmd, repo.path(), &[]);
    let (html, _, code) = run_text(cmd);
    assert_eq!(code, 1);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("NO-GO"), "{html}");
    assert!(html.contains("Was vor dem Go geschehen muss"), "{html}");
    assert!(html.contains("<table class=\"matrix\""), "{html}");
    assert!(html.contains("@page { size: A4;"), "{html}");
    let md = report("risks-ok", "markdown", "en");
    assert!(md.contains("Risk matrix"), "{md}");
}

#[test]
fn the_retainer_preset_passes_with_a_fresh_register_and_priorities_and_fails_a_month_later() {
    let mut h = History::new();
    h.write("docs/risks.md", &register(&[("R-1", 2, 3, "open")]));
    h.write(
        "docs/priorities.md",
        "# Prioritäten\n\n1. Schnellere Releases. Abnahmekriterien: ein Release dauert unter 30 Minuten.\n",
    );
    h.commit("Steering inputs", day(0));
    let (ev, code) = check_json(
        h.root(),
        &["--playbook", "preset:retainer", "--gate", "steering"],
    );
    assert_eq!((ev["decision"].as_str(), code), (Some("GO"), 0), "{ev:#}");
    let later = day(45).to_string();
    let (ev, code) = check_json_env(
        h.root(),
        &["--playbook", "preset:retainer", "--gate", "steering"],
        &[("SOURCE_DATE_EPOCH", &later)],
    );
    assert_eq!(code, 1, "{ev:#}");
    assert_eq!(
        codes(control(&ev, "risk-register")),
        [("risks/stale".to_string(), None)]
    );
    assert_eq!(control(&ev, "priorities")["status"], "FAIL");
}

#[test]
fn the_audit_preset_wants_the_assumptions_and_limits() {
    let mut h = History::from_fixture("risks-ok");
    h.commit("Register", day(0));
    let (ev, _) = check_json(
        h.root(),
        &["--playbook", "preset:audit", "--gate", "release"],
    );
    assert_eq!(control(&ev, "risk-register")["status"], "PASS", "{ev:#}");
    assert_eq!(control(&ev, "assumptions-and-limits")["status"], "FAIL");
    h.write(
        "docs/annahmen.md",
        "# Annahmen und Grenzen\n\n## Annahmen\n\nDer Stand vom 1. Januar.\n\n## Grenzen\n\nKein Quelltext-Review.\n",
    );
    h.commit("Annahmen", day(1));
    let (ev, code) = check_json(
        h.root(),
        &["--playbook", "preset:audit", "--gate", "release"],
    );
    assert_eq!((ev["decision"].as_str(), code), (Some("GO"), 0), "{ev:#}");
}

#[test]
fn bands_out_of_order_and_a_bad_duration_are_playbook_errors() {
    let mut h = History::new();
    h.write("README.md", "x\n");
    h.commit("First", day(0));
    let book = h.write_beside(
        "bad-bands.toml",
        "[playbook]\nname = \"x\"\n\n[[control]]\nid = \"r\"\nkind = \"risks\"\nlevel = \"must\"\ntitle = \"t\"\ngreen-max = 12\namber-max = 8\nmax-age = \"soon\"\n",
    );
    let mut cmd = gonogo();
    cmd.arg("check").arg(h.root()).args(["--playbook", &book]);
    let (_, err, code) = run_text(cmd);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("do not divide the scores 1–25"), "{err}");
    assert!(err.contains("is not a duration"), "{err}");
}

#[test]
fn hostile_registers_are_findings_never_panics() {
    let mut h = History::new();
    let long = "x".repeat(100_000);
    h.write(
        "docs/risks.md",
        &format!("{HEADER}| R-1 | {long} | 9999999999999999999 | ½ | \u{202e}evil | | offen | 99.99.9999 |\n| | | | | | | | |\n|"),
    );
    h.commit("Hostile", day(0));
    let (ev, code) = check_playbook(h.root(), "risks-default.toml", &[]);
    assert_eq!(code, 1);
    let got: Vec<String> = codes(control(&ev, "risk-register"))
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert!(got.contains(&"risks/invalid-value".to_string()), "{got:?}");
    assert!(got.contains(&"risks/no-mitigation".to_string()), "{got:?}");
}
