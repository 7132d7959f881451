//! Waivers, the baseline ratchet, and `gonogo diff`.

mod common;

use common::history::History;
use common::*;
use predicates::prelude::*;

/// 2026-03-01T00:00:00Z, the date these checks speak for (the fixture commit is 2026-01-01).
const MARCH_1: &str = "1772323200";

/// 2026-02-01T00:00:00Z, the `created` date of the waivers below.
const FEB_1: i64 = 1_769_904_000;

fn with_waivers(text: &str) -> History {
    let mut h = History::from_fixture("waivers-legacy");
    h.commit("Initial commit", FIXTURE_TIME);
    h.write(".gonogo/waivers.toml", text);
    // Waivers are policy: a check of a commit reads them from the commit, never from the disk.
    h.commit("Add waivers", FEB_1);
    h
}

fn check_at(repo: &std::path::Path, epoch: &str, args: &[&str]) -> (serde_json::Value, i32) {
    check_json_env(repo, args, &[("SOURCE_DATE_EPOCH", epoch)])
}

const LICENSE_WAIVER: &str = r#"
[[waiver]]
id = "W-1"
control = "license"
reason = "Licensing is being clarified with the client's legal department."
ticket = "LEGAL-42"
approved-by = "Ana Lima <ana@example.com>"
created = 2026-02-01
expires = 2026-04-15

[[waiver]]
id = "W-2"
control = "no-env-files"
path = "src/.env"
reason = "A dummy value used by the legacy test harness."
link = "https://tracker.example.com/SEC-7"
approved-by = "ana@example.com"
created = 2026-02-01
expires = 2026-03-10
"#;

#[test]
fn waived_must_failures_give_conditions_and_say_so() {
    let repo = with_waivers(LICENSE_WAIVER);
    let (ev, code) = check_at(repo.root(), MARCH_1, &[]);
    assert_eq!(
        (ev["decision"].as_str(), code),
        (Some("GO_WITH_CONDITIONS"), 0),
        "{ev:#}"
    );
    let license = control(&ev, "license");
    assert_eq!(license["status"], "WAIVED");
    assert_eq!(license["findings"][0]["suppressed"]["reference"], "W-1");
    assert_eq!(control(&ev, "no-env-files")["status"], "WAIVED");
    assert_eq!(control(&ev, "waivers")["status"], "PASS");
    // security-policy (should) is not waived: still a condition.
    assert_eq!(control(&ev, "security-policy")["status"], "FAIL");
    let states: Vec<(&str, &str, u64)> = ev["waivers"]
        .as_array()
        .expect("waivers")
        .iter()
        .map(|w| {
            (
                w["id"].as_str().unwrap_or(""),
                w["state"].as_str().unwrap_or(""),
                w["matched"].as_u64().unwrap_or(9),
            )
        })
        .collect();
    // W-2 expires on 2026-03-10, within the 14 warning days.
    assert_eq!(states, [("W-1", "active", 1), ("W-2", "expiring", 1)]);
    assert!(
        ev["warnings"]
            .as_array()
            .expect("warnings")
            .iter()
            .any(|w| w.as_str().unwrap_or("").contains("W-2")
                && w.as_str().unwrap_or("").contains("2026-03-10"))
    );
    assert_eq!(ev["waiver_file"]["name"], ".gonogo/waivers.toml");

    let human = gonogo()
        .env("SOURCE_DATE_EPOCH", MARCH_1)
        .arg("check")
        .arg(repo.root())
        .output()
        .expect("run");
    let human = String::from_utf8_lossy(&human.stdout);
    assert!(
        human.contains("WAIVED license") && human.contains("(waived by W-1)"),
        "{human}"
    );
    // Every report shows each exception whole: reason, ticket, approver, created, expiry.
    assert!(
        human.contains("W-1 `license` (active): created 2026-02-01, expires 2026-04-15, approved by Ana Lima <ana@example.com>, ticket LEGAL-42: Licensing is being clarified"),
        "{human}"
    );
    let md = gonogo()
        .env("SOURCE_DATE_EPOCH", MARCH_1)
        .arg("check")
        .arg(repo.root())
        .args(["--format", "markdown"])
        .output()
        .expect("run");
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(
        md.contains("### Waivers")
            && md.contains(
                "| W-1 | `license` | active | 2026-02-01 | 2026-04-15 | Ana Lima &lt;ana&#64;example.com&gt; | LEGAL-42 | Licensing is being clarified with the client's legal department. |"
            ),
        "{md}"
    );
    assert!(md.contains("*waived by W-1*"), "{md}");
    assert!(
        md.contains("5 controls: 2 passed, 1 failed, 2 waived"),
        "{md}"
    );

    // The one-page summary: a waived must control is a condition, never a blocker.
    let summary = gonogo()
        .env("SOURCE_DATE_EPOCH", MARCH_1)
        .arg("check")
        .arg(repo.root())
        .args(["--format", "markdown", "--summary"])
        .output()
        .expect("run");
    let summary = String::from_utf8_lossy(&summary.stdout);
    assert!(
        !summary.contains("Must be fixed (blocks the gate)"),
        "{summary}"
    );
    let waived = summary
        .split("**Waived: a condition of go until each waiver expires**")
        .nth(1)
        .unwrap_or_else(|| panic!("no waived section: {summary}"));
    assert!(
        waived.contains("`license`: waived by W-1 (until 2026-04-15)")
            && waived.contains("`no-env-files`: waived by W-2 (until 2026-03-10)"),
        "{summary}"
    );
}

#[test]
fn a_waiver_past_its_expiry_turns_go_into_no_go() {
    // With `effect = "go"` a valid waiver counts as met.
    let mut repo = with_waivers(LICENSE_WAIVER);
    let playbook = std::fs::read_to_string(repo.root().join("gonogo.toml")).expect("read");
    let playbook = playbook
        .replace("warn-days = 14", "warn-days = 14\neffect = \"go\"")
        .replace(
            "[[control]]\nid = \"security-policy\"",
            "[[control]]\nid = \"security-policy-off\"",
        );
    std::fs::write(repo.root().join("gonogo.toml"), playbook).expect("write");
    std::fs::write(
        repo.root().join("SECURITY.md"),
        "Mail security@example.com\n",
    )
    .expect("write");
    // Committed on the day the waivers say they were created: `max-days` counts from the
    // earlier of `created` and the first commit that holds a waiver.
    repo.commit("Add a security policy", FEB_1);

    let (ev, code) = check_at(repo.root(), MARCH_1, &[]);
    assert_eq!((ev["decision"].as_str(), code), (Some("GO"), 0), "{ev:#}");

    // 2026-03-20: W-2 (expired 2026-03-10) no longer waives, and is itself a finding.
    let (ev, code) = check_at(repo.root(), "1773964800", &[]);
    assert_eq!((ev["decision"].as_str(), code), (Some("NO_GO"), 1));
    assert_eq!(control(&ev, "no-env-files")["status"], "FAIL");
    assert_eq!(codes(control(&ev, "waivers")), ["waivers/expired"]);
    assert_eq!(
        control(&ev, "waivers")["findings"][0]["path"],
        ".gonogo/waivers.toml"
    );
    assert_eq!(control(&ev, "waivers")["findings"][0]["line"], 11);
    assert_eq!(control(&ev, "license")["status"], "WAIVED");
}

#[test]
fn a_waiver_counts_only_in_gates_that_check_its_control() {
    let mut repo = with_waivers(LICENSE_WAIVER);
    let playbook = std::fs::read_to_string(repo.root().join("gonogo.toml")).expect("read");
    let gates =
        "\n[gates.commit]\ncontrols = [\"license\"]\n\n[gates.release]\ncontrols = [\"*\"]\n";
    std::fs::write(repo.root().join("gonogo.toml"), playbook + gates).expect("write");
    repo.commit("Add gates", FEB_1);
    // 2026-03-20: W-2 (for no-env-files) expired on 2026-03-10.
    let (ev, code) = check_at(repo.root(), "1773964800", &["--gate", "commit"]);
    assert_eq!(
        (ev["decision"].as_str(), code),
        (Some("GO_WITH_CONDITIONS"), 0),
        "the commit gate does not check no-env-files: {ev:#}"
    );
    assert_eq!(control(&ev, "waivers")["status"], "PASS");
    assert!(codes(control(&ev, "waivers")).is_empty());
    // The record still says what the waiver is.
    let w2 = ev["waivers"]
        .as_array()
        .expect("waivers")
        .iter()
        .find(|w| w["id"] == "W-2")
        .expect("W-2 recorded");
    assert_eq!(w2["state"], "expired");

    let (ev, code) = check_at(repo.root(), "1773964800", &["--gate", "release"]);
    assert_eq!((ev["decision"].as_str(), code), (Some("NO_GO"), 1));
    assert_eq!(codes(control(&ev, "waivers")), ["waivers/expired"]);

    // A waiver naming no control of the playbook is a problem of the file, in every gate.
    let mut repo =
        with_waivers(&LICENSE_WAIVER.replace("control = \"license\"", "control = \"licence\""));
    std::fs::write(
        repo.root().join("gonogo.toml"),
        std::fs::read_to_string(repo.root().join("gonogo.toml")).expect("read") + gates,
    )
    .expect("write");
    repo.commit("Add gates", FEB_1);
    let (ev, _) = check_at(repo.root(), MARCH_1, &["--gate", "commit"]);
    assert_eq!(codes(control(&ev, "waivers")), ["waivers/unknown-control"]);
}

#[test]
fn only_entitled_approvers_and_bounded_horizons_count() {
    let repo = with_waivers(
        r#"
[[waiver]]
id = "by-team-lead"
control = "license"
reason = "Team lead may not waive a must."
ticket = "T-1"
approved-by = "Bo Berg <bo@example.com>"
created = 2026-02-01
expires = 2026-03-15

[[waiver]]
id = "too-long"
control = "security-policy"
reason = "A year is more than the playbook allows for should controls."
ticket = "T-2"
approved-by = "Bo Berg <bo@example.com>"
created = 2026-02-01
expires = 2027-02-01

[[waiver]]
id = "impostor"
control = "no-env-files"
reason = "Right name, wrong address."
ticket = "T-3"
approved-by = "Ana Lima <ana@evil.example>"
created = 2026-02-01
expires = 2026-03-15

[[waiver]]
id = "not-a-control"
control = "approvals"
reason = "The approval rule itself cannot be waived."
ticket = "T-5"
approved-by = "ana@example.com"
created = 2026-02-01
expires = 2026-04-01

[[waiver]]
id = "stale"
control = "readme"
reason = "The README passes: this waiver waives nothing."
ticket = "T-4"
approved-by = "ana@example.com"
created = 2026-02-01
expires = 2026-04-01
"#,
    );
    let (ev, code) = check_at(repo.root(), MARCH_1, &[]);
    assert_eq!(code, 1);
    assert_eq!(control(&ev, "license")["status"], "FAIL");
    assert_eq!(control(&ev, "security-policy")["status"], "FAIL");
    assert_eq!(
        codes(control(&ev, "waivers")),
        [
            "waivers/not-entitled",
            "waivers/not-entitled",
            "waivers/too-long",
            "waivers/unknown-control"
        ]
    );
    let state = |id: &str| {
        ev["waivers"]
            .as_array()
            .expect("waivers")
            .iter()
            .find(|w| w["id"] == id)
            .map(|w| w["state"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(state("by-team-lead").as_deref(), Some("invalid"));
    assert_eq!(state("too-long").as_deref(), Some("invalid"));
    assert_eq!(state("impostor").as_deref(), Some("invalid"));
    assert_eq!(state("stale").as_deref(), Some("stale"));
    assert_eq!(state("not-a-control").as_deref(), Some("invalid"));
    assert!(
        ev["warnings"]
            .as_array()
            .expect("warnings")
            .iter()
            .any(|w| w
                .as_str()
                .unwrap_or("")
                .contains("waiver stale for `readme` matches no failing finding"))
    );
}

#[test]
fn path_scoped_waivers_accept_only_their_paths() {
    let repo = with_waivers(
        r#"
[[waiver]]
control = "no-env-files"
path = "config/**"
reason = "Only config env files are dummies."
ticket = "T-9"
approved-by = "ana@example.com"
created = 2026-02-01
expires = 2026-03-15
"#,
    );
    let (ev, _) = check_at(repo.root(), MARCH_1, &[]);
    assert_eq!(control(&ev, "no-env-files")["status"], "FAIL");
    assert_eq!(ev["waivers"][0]["id"], "no-env-files#1");
    assert_eq!(ev["waivers"][0]["state"], "stale");
}

#[test]
fn malformed_waivers_are_span_diagnostics_and_exit_2() {
    let repo = with_waivers(
        "[[waiver]]\ncontrol = \"license\"\nreason = \"x\"\nticket = \"T\"\napproved-by = \"ana@example.com\"\ncreated = 2026-02-01\nexpires = \"soon\"\n\n[[waiver]]\ncontrol = \"license\"\nreason = \"x\"\nticket = \"T\"\napproved-by = \"ana@example.com\"\ncreated = 2026-02-01\nexpires = 2026-03-01\nowner = \"me\"\n",
    );
    // Every waiver's problems are reported together, each at its line and column.
    gonogo()
        .arg("check")
        .arg(repo.root())
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("waivers.toml:7:11")
                .and(predicate::str::contains(
                    "must be a date like 2026-06-30, not `\"soon\"`",
                ))
                .and(predicate::str::contains("waivers.toml:16:1"))
                .and(predicate::str::contains("unknown field `owner`"))
                .and(predicate::str::contains("the waiver file has 2 errors")),
        );
    let repo = with_waivers(
        "[[waiver]]\ncontrol = \"license\"\nreason = \"x\"\napproved-by = \"ana@example.com\"\ncreated = 2026-02-01\nexpires = 2026-01-01\n",
    );
    gonogo()
        .arg("check")
        .arg(repo.root())
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("expires (2026-01-01) before it was created")
                .and(predicate::str::contains("needs a `ticket` or a `link`"))
                .and(predicate::str::contains("the waiver file has 2 errors")),
        );
}

#[test]
fn baseline_counts_only_what_is_new_and_diff_says_what_changed() {
    let mut repo = History::from_fixture("waivers-legacy");
    repo.commit("Initial commit", FIXTURE_TIME);
    let out = tempfile::TempDir::new().expect("tmp");
    let old = out.path().join("old.json");
    gonogo()
        .arg("check")
        .arg(repo.root())
        .arg("-o")
        .arg(format!("json={}", old.display()))
        .assert()
        .code(1);

    // A second env file appears: new. The README is removed: a regression.
    repo.write("deploy/.env", "x=1\n").delete("README.md");
    repo.commit("More legacy", FIXTURE_TIME + 7200);

    let (ev, code) = check_json(repo.root(), &["--baseline", old.to_str().expect("utf8")]);
    assert_eq!(code, 1);
    assert_eq!(control(&ev, "license")["status"], "BASELINED");
    assert_eq!(control(&ev, "security-policy")["status"], "BASELINED");
    let env = control(&ev, "no-env-files");
    assert_eq!(env["status"], "FAIL");
    let suppressed: Vec<(String, bool)> = env["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or("").to_string(),
                f["suppressed"].is_object(),
            )
        })
        .collect();
    assert_eq!(
        suppressed,
        [
            ("deploy/.env".to_string(), false),
            ("src/.env".to_string(), true)
        ]
    );
    assert_eq!(control(&ev, "readme")["status"], "FAIL");
    assert_eq!(ev["baseline"]["sha256"].as_str().map(str::len), Some(64));

    // Without the new problems the baseline makes the legacy repository GO.
    let (ev, code) = check_json(
        repo.root(),
        &["--baseline", old.to_str().expect("utf8"), "--rev", "HEAD~1"],
    );
    assert_eq!((ev["decision"].as_str(), code), (Some("GO"), 0), "{ev:#}");

    let new = out.path().join("new.json");
    gonogo()
        .arg("check")
        .arg(repo.root())
        .arg("-o")
        .arg(format!("json={}", new.display()))
        .assert()
        .code(1);
    gonogo()
        .args(["diff"])
        .arg(&old)
        .arg(&new)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("Regressed:")
                .and(predicate::str::contains("readme: PASS → FAIL"))
                .and(predicate::str::contains("New findings (2)"))
                .and(predicate::str::contains("deploy/.env")),
        );
    let out_json = gonogo()
        .args(["diff", "--format", "json"])
        .arg(&new)
        .arg(&old)
        .output()
        .expect("run");
    assert_eq!(out_json.status.code(), Some(0));
    let trend: serde_json::Value = serde_json::from_slice(&out_json.stdout).expect("json");
    assert_eq!(trend["improved"][0]["id"], "readme");
    assert_eq!(trend["resolved_findings"].as_array().map(Vec::len), Some(2));
    assert!(trend.get("not_comparable").is_none(), "{trend:#}");

    // A report of another gate is compared, never judged: exit 2, and it says why.
    let playbook = std::fs::read_to_string(repo.root().join("gonogo.toml")).expect("read");
    std::fs::write(
        repo.root().join("gonogo.toml"),
        playbook + "\n[gates.commit]\ncontrols = [\"readme\"]\n",
    )
    .expect("write");
    repo.commit("A commit gate", FIXTURE_TIME + 86_400);
    let gated = out.path().join("commit.json");
    gonogo()
        .arg("check")
        .arg(repo.root())
        .args(["--gate", "commit"])
        .arg("-o")
        .arg(format!("json={}", gated.display()))
        .assert()
        .code(1);
    gonogo()
        .args(["diff"])
        .arg(&old)
        .arg(&gated)
        .assert()
        .code(2)
        .stdout(
            predicate::str::contains(
                "Not comparable: the reports decide different gates: `all` and `commit`.",
            )
            .and(predicate::str::contains("(worse)").not())
            .and(predicate::str::contains("Regressed:").not()),
        );
    // Formats diff does not write are refused, never printed as text.
    gonogo()
        .args(["diff", "--format", "markdown"])
        .arg(&old)
        .arg(&new)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("writes `human` or `json`"));
}

#[test]
fn a_baseline_accepts_each_old_finding_once() {
    let mut repo = History::from_fixture("compliant");
    repo.commit("Initial commit", FIXTURE_TIME);
    let pb = tempfile::TempDir::new().expect("tmp");
    let playbook = pb.path().join("todo.toml");
    std::fs::write(
        &playbook,
        "[playbook]\nname = \"todo\"\n\n[[control]]\nid = \"no-todo\"\nkind = \"files\"\nlevel = \"must\"\ntitle = \"No TODO\"\ncontent-in = [\"README.md\"]\nmust-not-match = ['TODO']\n",
    )
    .expect("write");
    let pb_arg = playbook.to_str().expect("utf8");
    repo.write("README.md", "# Shop\n\nTODO one\n");
    repo.commit("one TODO", FIXTURE_TIME + 60);
    let old = pb.path().join("old.json");
    gonogo()
        .arg("check")
        .arg(repo.root())
        .args(["-p", pb_arg, "-o"])
        .arg(format!("json={}", old.display()))
        .assert()
        .code(1);
    // Three hits where the baseline had one: two are new, whatever their lines.
    repo.write("README.md", "# Shop\n\nTODO two\nTODO one\nTODO three\n");
    repo.commit("three TODOs", FIXTURE_TIME + 120);
    let (ev, code) = check_json(
        repo.root(),
        &["-p", pb_arg, "--baseline", old.to_str().expect("utf8")],
    );
    assert_eq!(code, 1);
    let todo = control(&ev, "no-todo");
    assert_eq!(todo["status"], "FAIL");
    let accepted = todo["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["suppressed"].is_object())
        .count();
    assert_eq!(
        (todo["findings"].as_array().map(Vec::len), accepted),
        (Some(3), 1)
    );
    let new = pb.path().join("new.json");
    std::fs::write(&new, serde_json::to_string(&ev).expect("json")).expect("write");
    let out = gonogo()
        .args(["diff", "--format", "json"])
        .arg(&old)
        .arg(&new)
        .output()
        .expect("run");
    let trend: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(trend["new_findings"].as_array().map(Vec::len), Some(2));
}
