//! `gonogo portfolio`: several reports of one repository over time, trend, oldest findings,
//! expiring waivers, pass rates, and the four output formats.

mod common;

use std::path::{Path, PathBuf};

use common::history::History;
use common::{FIXTURE_TIME, git_repo, gonogo, run_text};
use serde_json::Value;

/// 2026-02-10T00:00:00Z and 2026-03-01T00:00:00Z.
const FEB_10: &str = "1770681600";
const MAR_01: &str = "1772323200";
/// 2026-02-01T00:00:00Z, the waivers' `created` date.
const FEB_01: i64 = 1_769_904_000;

const WAIVERS: &str = r#"
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

/// Writes the evidence of `repo` at `epoch` to `file`.
fn report(repo: &Path, epoch: &str, file: &Path) {
    let out = gonogo()
        .arg("check")
        .arg(repo)
        .arg("-o")
        .arg(format!("json={}", file.display()))
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .expect("run");
    assert!(file.is_file(), "{}", String::from_utf8_lossy(&out.stderr));
}

fn portfolio(args: &[&std::ffi::OsStr]) -> (String, String, i32) {
    let mut cmd = gonogo();
    cmd.arg("portfolio").args(args);
    run_text(cmd)
}
/// A legacy repository reported twice (GO WITH CONDITIONS, then NO-GO after its README went),
/// a compliant one reported once, and a file that is not evidence.
struct Reports {
    _repos: (History, tempfile::TempDir),
    dir: tempfile::TempDir,
}

fn reports() -> Reports {
    let mut legacy = History::from_fixture("waivers-legacy");
    legacy.commit("Initial commit", FIXTURE_TIME);
    legacy.git(&[
        "remote",
        "add",
        "origin",
        "https://git.example.com/org/billing.git",
    ]);
    legacy.write(".gonogo/waivers.toml", WAIVERS);
    // Committed on the waivers' `created` date: `max-days` counts from the first commit too.
    legacy.commit("Waivers", FEB_01);
    let dir = tempfile::TempDir::new().expect("tmp");
    std::fs::create_dir_all(dir.path().join("billing")).expect("mkdir");
    report(legacy.root(), FEB_10, &dir.path().join("billing/1.json"));
    legacy.delete("README.md");
    legacy.commit("Drop the README", FEB_01 + 3600);
    report(legacy.root(), MAR_01, &dir.path().join("billing/2.json"));

    let compliant = git_repo("compliant");
    report(compliant.path(), MAR_01, &dir.path().join("compliant.json"));
    std::fs::write(dir.path().join("notes.json"), "{\"hello\": 1}").expect("write");
    Reports {
        _repos: (legacy, compliant),
        dir,
    }
}
fn json(dir: &Path, extra: &[&str]) -> Value {
    let mut args: Vec<&std::ffi::OsStr> = vec![dir.as_os_str()];
    args.extend(["--format", "json"].iter().map(std::ffi::OsStr::new));
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    let (stdout, stderr, code) = portfolio(&args);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).expect("portfolio JSON")
}

fn repo<'a>(p: &'a Value, name: &str) -> &'a Value {
    p["repositories"]
        .as_array()
        .and_then(|rs| rs.iter().find(|r| r["name"] == name))
        .unwrap_or_else(|| panic!("no repository {name} in {p:#}"))
}

#[test]
fn reports_of_one_repository_make_a_trend_and_date_its_findings() {
    let r = reports();
    let p = json(r.dir.path(), &[]);
    assert_eq!(p["as_of"], "2026-03-01T00:00:00Z");
    assert_eq!(p["totals"]["repositories"], 2);
    assert_eq!(p["totals"]["reports"], 3);
    assert_eq!(p["totals"]["go"], 1);
    assert_eq!(p["totals"]["no_go"], 1);
    assert_eq!(p["totals"]["skipped"], 1);
    assert!(
        p["skipped"][0]["source"]
            .as_str()
            .unwrap()
            .ends_with("notes.json")
    );

    let billing = repo(&p, "billing");
    assert_eq!(billing["key"], "https://git.example.com/org/billing");
    assert_eq!(billing["reports"], 2);
    assert_eq!(billing["decision"], "NO_GO");
    assert!(
        billing["source"]
            .as_str()
            .unwrap()
            .ends_with("billing/2.json")
    );
    // Trend: the sequence of decisions and the diff of the last two.
    let trend = &billing["trend"];
    let decisions: Vec<&str> = trend["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["decision"].as_str().unwrap())
        .collect();
    assert_eq!(decisions, ["GO_WITH_CONDITIONS", "NO_GO"]);
    assert_eq!(trend["last"]["new_findings"].as_array().unwrap().len(), 1);
    assert_eq!(trend["last"]["new_findings"][0]["control"], "readme");
    assert_eq!(trend["last"]["regressed"][0]["id"], "readme");

    // Open findings: the security policy has been missing since the first report (19 days);
    // the README since the second. Waived findings are not open.
    assert_eq!(billing["open_findings"], 2);
    let oldest = &billing["oldest_findings"];
    assert_eq!(oldest[0]["control"], "security-policy");
    assert_eq!(oldest[0]["first_seen"], "2026-02-10T00:00:00Z");
    assert_eq!(oldest[0]["age_days"], 19);
    assert_eq!(oldest[1]["control"], "readme");
    assert_eq!(oldest[1]["age_days"], 0);
    assert_eq!(p["oldest_findings"][0]["repository"], "billing");
    assert_eq!(p["oldest_findings"][0]["age_days"], 19);

    // Pass rates of the current report: must = readme FAIL, license WAIVED, no-env-files
    // WAIVED, waivers PASS → 1 of 4; should = security-policy FAIL → 0 of 1.
    assert_eq!(billing["must"]["passed"], 1);
    assert_eq!(billing["must"]["applicable"], 4);
    assert_eq!(billing["must"]["waived"], 2);
    assert_eq!(billing["must"]["percent"], 25);
    assert_eq!(billing["should"]["passed"], 0);
    assert_eq!(billing["should"]["applicable"], 1);

    // W-2 expires in 9 days (state `expiring`); W-1 in 45 days, outside the default 30.
    let waivers = billing["expiring_waivers"].as_array().unwrap();
    assert_eq!(waivers.len(), 1, "{waivers:#?}");
    assert_eq!(waivers[0]["id"], "W-2");
    assert_eq!(waivers[0]["days_left"], 9);
    let wider = json(r.dir.path(), &["--within", "60"]);
    assert_eq!(wider["totals"]["expiring_waivers"], 2);
    assert_eq!(wider["expiring_waivers"][1]["id"], "W-1");
    assert_eq!(wider["expiring_waivers"][1]["days_left"], 45);

    // Without a remote, the root path is the key and its last part the name.
    let compliant = p["repositories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] != "billing")
        .unwrap();
    assert_eq!(compliant["decision"], "GO");
    assert!(
        compliant["key"]
            .as_str()
            .unwrap()
            .ends_with(compliant["name"].as_str().unwrap())
    );
    assert!(compliant["trend"].is_null());
}

#[test]
fn the_overview_is_deterministic_whatever_the_order_of_the_paths() {
    let r = reports();
    let files: Vec<PathBuf> = ["compliant.json", "billing/2.json", "billing/1.json"]
        .iter()
        .map(|f| r.dir.path().join(f))
        .collect();
    let run = |files: &[PathBuf]| {
        let mut args: Vec<&std::ffi::OsStr> = files.iter().map(|f| f.as_os_str()).collect();
        args.extend(["--format", "json"].iter().map(std::ffi::OsStr::new));
        portfolio(&args).0
    };
    let forward = run(&files);
    let mut reversed = files.clone();
    reversed.reverse();
    assert_eq!(forward, run(&reversed));
    assert!(forward.contains("\"reports\": 3"));
    // The same reports again (the folder holds them too) count once.
    let mut twice = files.clone();
    twice.push(r.dir.path().to_path_buf());
    assert!(run(&twice).contains("\"reports\": 3"));
}

#[test]
fn markdown_html_and_csv_carry_the_same_numbers() {
    let r = reports();
    let dir = r.dir.path().as_os_str();
    let (md, stderr, code) = portfolio(&[dir]);
    assert_eq!(code, 0);
    assert!(stderr.contains("warning: skipped") && stderr.contains("notes.json"));
    assert!(md.starts_with("# Governance portfolio\n"));
    assert!(
        md.contains("- 2 repositories from 3 reports, as of 2026-03-01"),
        "{md}"
    );
    assert!(md.contains("GO: 1 · GO WITH CONDITIONS: 0 · NO-GO: 1 · skipped: 1"));
    assert!(
        md.contains("| billing | all | NO-GO | 1/4 (25%) | 0/1 (0%) | 2 | 19 | 1 | GO WITH CONDITIONS → NO-GO (worse; +1 / -0 findings) |"),
        "{md}"
    );
    assert!(md.contains("## Waivers about to expire (within 30 days)"));
    assert!(md.contains("| 2026-03-10 | 9 | billing | W-2 | no-env-files |"));

    let html_file = r.dir.path().join("out.html");
    let (_, _, code) = portfolio(&[
        dir,
        "--format".as_ref(),
        "html".as_ref(),
        "-o".as_ref(),
        html_file.as_os_str(),
    ]);
    assert_eq!(code, 0);
    let html = std::fs::read_to_string(&html_file).expect("html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<style>"), "CSS is inline");
    assert!(
        !html.contains("<link") && !html.contains("<script src") && !html.contains("fetch("),
        "self-contained: the only script is inline and loads nothing"
    );
    assert!(html.contains("<td class=\"NO_GO\">NO-GO</td>"));
    // Messages are escaped: the finding about `src/.env` quotes it with backticks, no markup.
    assert_eq!(
        html.matches("<table>").count(),
        html.matches("</table>").count()
    );

    let (csv, _, code) = portfolio(&[dir, "--format".as_ref(), "csv".as_ref()]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 3, "a header and a row per repository: {csv}");
    assert!(lines[0].starts_with("repository,key,gate,decision,reports,"));
    let billing = lines
        .iter()
        .find(|l| l.starts_with("billing,"))
        .expect("billing row");
    assert!(billing.starts_with("billing,https://git.example.com/org/billing,all,NO-GO,2,"));
    assert!(billing.contains(",1,4,25,0,1,0,2,0,2,19,1,GO WITH CONDITIONS > NO-GO,1,0,"));
}

#[test]
fn nothing_but_non_evidence_is_exit_2() {
    let dir = tempfile::TempDir::new().expect("tmp");
    std::fs::write(dir.path().join("a.json"), "not json").expect("write");
    std::fs::write(dir.path().join("b.json"), "{\"schema_version\": \"1.0\"}").expect("write");
    let (stdout, stderr, code) = portfolio(&[dir.path().as_os_str()]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("a.json: not JSON"), "{stderr}");
    assert!(stderr.contains("b.json: not gonogo evidence"), "{stderr}");
    assert!(stderr.contains("none of the given paths holds gonogo evidence"));
}

#[test]
fn repositories_are_counted_once_and_waivers_by_their_own_report_s_date() {
    let mut legacy = History::from_fixture("waivers-legacy");
    legacy.commit("Initial commit", FIXTURE_TIME);
    legacy.write(".gonogo/waivers.toml", WAIVERS);
    legacy.commit("Waivers", FEB_01);
    let dir = tempfile::TempDir::new().expect("tmp");
    // W-2 expires on 2026-03-10: 28 days after this report.
    report(legacy.root(), FEB_10, &dir.path().join("billing.json"));
    // A much newer report of another repository, for two gates.
    let compliant = git_repo("compliant");
    let sep_01 = "1788220800";
    let release = dir.path().join("compliant-release.json");
    let out = gonogo()
        .arg("check")
        .arg(compliant.path())
        .args(["--gate", "release", "-o"])
        .arg(format!("json={}", release.display()))
        .env("SOURCE_DATE_EPOCH", sep_01)
        .output()
        .expect("run");
    assert!(
        release.is_file(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let merge = dir.path().join("compliant-merge.json");
    let out = gonogo()
        .arg("check")
        .arg(compliant.path())
        .args(["--gate", "merge", "-o"])
        .arg(format!("json={}", merge.display()))
        .env("SOURCE_DATE_EPOCH", sep_01)
        .output()
        .expect("run");
    assert!(merge.is_file(), "{}", String::from_utf8_lossy(&out.stderr));

    let p = json(dir.path(), &["--within", "40"]);
    assert_eq!(p["totals"]["repositories"], 2, "{:#}", p["totals"]);
    assert_eq!(p["totals"]["gates"], 3);
    let w2 = p["expiring_waivers"]
        .as_array()
        .expect("waivers")
        .iter()
        .find(|w| w["id"] == "W-2")
        .unwrap_or_else(|| panic!("W-2 not listed: {p:#}"));
    assert_eq!(w2["days_left"], 28, "{w2:#}");
    let (text, _, _) = portfolio(&[dir.path().as_os_str()]);
    assert!(
        text.contains("2 repositories (3 repository × gate rows) from 3 reports"),
        "{text}"
    );
}
