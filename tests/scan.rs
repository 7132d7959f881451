//! `gonogo scan`: many repositories below a folder, checked in parallel; the portfolio's numbers
//! equal those of the individual reports.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{copy_tree, fixtures, gonogo, init, read_json, run_text, snapshot};
use serde_json::Value;

const EPOCH: &str = "1772323200";

/// A repository at `dir` holding fixture `tree`, minus `drop`, committed.
fn make_repo(dir: &Path, tree: &str, drop: &[&str]) {
    std::fs::create_dir_all(dir).expect("mkdir");
    copy_tree(&fixtures().join("repos").join(tree), dir);
    for d in drop {
        std::fs::remove_file(dir.join(d)).expect("drop");
    }
    snapshot(dir, "Initial commit");
}

/// 24 repositories in three team folders, mixed GO / conditions / NO-GO, two of them sharing a
/// folder name, and one nested repository that belongs to its parent.
fn estate() -> (tempfile::TempDir, Vec<PathBuf>) {
    let root = tempfile::TempDir::new().expect("tmp");
    let variants: [(&str, &[&str]); 4] = [
        ("compliant", &[]),
        ("conditions", &[]),
        ("missing-must", &[]),
        ("compliant", &["SECURITY.md"]),
    ];
    let mut repos = Vec::new();
    for i in 0..22 {
        let (tree, drop) = variants[i % variants.len()];
        let dir = root
            .path()
            .join(format!("team-{}", ["a", "b", "c"][i % 3]))
            .join(format!("svc-{i:02}"));
        make_repo(&dir, tree, drop);
        repos.push(dir);
    }
    for team in ["a", "b"] {
        let dir = root.path().join(format!("team-{team}")).join("api");
        make_repo(&dir, "compliant", &["LICENSE"]);
        repos.push(dir);
    }
    // A nested repository (a vendored clone): part of svc-00, not checked on its own.
    make_repo(&root.path().join("team-a/svc-00/vendor/lib"), "empty", &[]);
    (root, repos)
}

fn scan(root: &Path, out: &Path, extra: &[&str]) -> (String, String, i32) {
    let mut cmd = gonogo();
    cmd.arg("scan")
        .arg(root)
        .arg("--out")
        .arg(out)
        .args(extra)
        .env("SOURCE_DATE_EPOCH", EPOCH);
    run_text(cmd)
}
fn passed_applicable(evidence: &Value, level: &str) -> (u64, u64) {
    let mut passed = 0;
    let mut applicable = 0;
    for c in evidence["controls"].as_array().unwrap() {
        if c["level"] != level || c["status"] == "NOT_APPLICABLE" {
            continue;
        }
        applicable += 1;
        if c["status"] == "PASS" {
            passed += 1;
        }
    }
    (passed, applicable)
}

#[test]
fn the_portfolio_of_a_scan_matches_every_individual_report() {
    let (root, repos) = estate();
    let out = tempfile::TempDir::new().expect("tmp");
    let (stdout, stderr, code) = scan(root.path(), out.path(), &["--jobs", "2"]);
    assert_eq!(code, 1, "some repositories are NO-GO: {stdout}{stderr}");
    assert!(
        stderr.is_empty(),
        "no progress line without a terminal: {stderr}"
    );
    assert!(stdout.contains("24 repositories: "), "{stdout}");

    // Each evidence file is byte-identical to what `gonogo check` writes for that repository.
    let mut by_decision: BTreeMap<String, usize> = BTreeMap::new();
    let mut files = Vec::new();
    for repo in &repos {
        let name = repo.file_name().unwrap().to_string_lossy().into_owned();
        let file = if name == "api" && repo.parent().unwrap().ends_with("team-b") {
            "api-2.json".to_string()
        } else {
            format!("{name}.json")
        };
        let written = std::fs::read_to_string(out.path().join(&file)).expect("evidence file");
        let checked = gonogo()
            .arg("check")
            .arg(repo)
            .args(["--format", "json"])
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .output()
            .expect("check");
        assert_eq!(written, String::from_utf8_lossy(&checked.stdout), "{file}");
        let e: Value = serde_json::from_str(&written).expect("json");
        *by_decision
            .entry(e["decision"].as_str().unwrap().to_string())
            .or_default() += 1;
        files.push((file, e));
    }
    let evidence_files = std::fs::read_dir(out.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|f| f.file_name().to_string_lossy().ends_with(".json"))
        .count();
    assert_eq!(
        evidence_files,
        24 + 1,
        "24 reports and portfolio.json; the nested repo is not one"
    );
    // Mixed decisions.
    assert!(by_decision.len() == 3, "{by_decision:?}");

    let p = read_json(&out.path().join("portfolio.json"));
    let t = &p["totals"];
    assert_eq!(t["repositories"], 24);
    assert_eq!(t["reports"], 24);
    assert_eq!(t["skipped"], 0);
    assert_eq!(t["go"], by_decision.get("GO").copied().unwrap_or(0));
    assert_eq!(
        t["go_with_conditions"],
        by_decision.get("GO_WITH_CONDITIONS").copied().unwrap_or(0)
    );
    assert_eq!(t["no_go"], by_decision.get("NO_GO").copied().unwrap_or(0));

    let mut must = (0, 0);
    let mut open = 0;
    for (file, e) in &files {
        let row = p["repositories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["source"] == file.as_str())
            .unwrap_or_else(|| panic!("{file} in the portfolio"));
        assert_eq!(row["decision"], e["decision"], "{file}");
        for level in ["must", "should"] {
            let (passed, applicable) = passed_applicable(e, level);
            assert_eq!(row[level]["passed"], passed, "{file} {level}");
            assert_eq!(row[level]["applicable"], applicable, "{file} {level}");
            if level == "must" {
                must.0 += passed;
                must.1 += applicable;
            }
        }
        let findings = e["controls"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["findings"].as_array().unwrap())
            .filter(|f| f["suppressed"].is_null())
            .count();
        assert_eq!(row["open_findings"], findings, "{file}");
        open += findings;
    }
    assert_eq!(t["must"]["passed"], must.0);
    assert_eq!(t["must"]["applicable"], must.1);
    assert_eq!(t["open_findings"], open);

    let md = std::fs::read_to_string(out.path().join("portfolio.md")).expect("md");
    assert!(md.contains("- 24 repositories from 24 reports"), "{md}");
    assert!(md.contains(&format!(
        "NO-GO: {}",
        by_decision.get("NO_GO").copied().unwrap_or(0)
    )));

    // `gonogo portfolio` over the written folder says the same.
    let again = gonogo()
        .arg("portfolio")
        .arg(out.path())
        .args(["--format", "json"])
        .output()
        .expect("portfolio");
    assert_eq!(again.status.code(), Some(0));
    let q: Value = serde_json::from_slice(&again.stdout).expect("json");
    assert_eq!(q["totals"], p["totals"]);
}

#[test]
fn parallelism_does_not_change_the_result() {
    let (root, _) = estate();
    let (one, many) = (
        tempfile::TempDir::new().unwrap(),
        tempfile::TempDir::new().unwrap(),
    );
    assert_eq!(scan(root.path(), one.path(), &["--jobs", "1"]).2, 1);
    assert_eq!(scan(root.path(), many.path(), &["--jobs", "8"]).2, 1);
    for file in [
        "portfolio.json",
        "portfolio.md",
        "api-2.json",
        "svc-07.json",
    ] {
        assert_eq!(
            std::fs::read(one.path().join(file)).unwrap(),
            std::fs::read(many.path().join(file)).unwrap(),
            "{file}"
        );
    }
}

#[test]
fn options_pass_through_and_depth_is_bounded() {
    let root = tempfile::TempDir::new().expect("tmp");
    make_repo(&root.path().join("conditions"), "conditions", &[]);
    make_repo(
        &root.path().join("deep/er/still/compliant"),
        "compliant",
        &[],
    );
    let out = tempfile::TempDir::new().expect("tmp");
    let (stdout, _, code) = scan(root.path(), out.path(), &["--max-depth", "2"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("1 repository: 0 GO, 1 GO WITH CONDITIONS"),
        "{stdout}"
    );
    let (stdout, _, code) = scan(root.path(), out.path(), &["--strict"]);
    assert_eq!(code, 1, "strict makes conditions NO-GO: {stdout}");
    assert!(stdout.contains("2 repositories: 1 GO, 0 GO WITH CONDITIONS, 1 NO-GO"));
    let minimal = fixtures().join("playbooks/valid-minimal.toml");
    let (stdout, _, code) = scan(
        root.path(),
        out.path(),
        &["--playbook", minimal.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{stdout}");
    let e = read_json(&out.path().join("compliant.json"));
    assert_eq!(e["playbook"]["name"], "Minimal");
    assert_eq!(e["gate"]["name"], "all");
    let (_, stderr, code) = scan(root.path(), out.path(), &["--gate", "nope"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("the playbook defines no gate `nope`"),
        "{stderr}"
    );
}

#[test]
fn a_repository_that_cannot_be_checked_is_exit_2_and_the_rest_is_written() {
    let root = tempfile::TempDir::new().expect("tmp");
    make_repo(&root.path().join("good"), "compliant", &[]);
    // A repository without a commit has no HEAD to check.
    init(&root.path().join("unborn"));
    let out = tempfile::TempDir::new().expect("tmp");
    let (stdout, stderr, code) = scan(root.path(), out.path(), &[]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("unborn could not be checked"), "{stderr}");
    assert!(stdout.contains("NOT CHECKED          unborn"), "{stdout}");
    assert!(out.path().join("good.json").is_file());
    let p = read_json(&out.path().join("portfolio.json"));
    assert_eq!(p["totals"]["repositories"], 1);
    assert_eq!(p["totals"]["skipped"], 1);
    assert_eq!(p["skipped"][0]["source"], "unborn");
}

#[test]
fn no_repository_is_exit_2() {
    let root = tempfile::TempDir::new().expect("tmp");
    let out = root.path().join("out");
    let (_, stderr, code) = scan(root.path(), &out, &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no git repository below"), "{stderr}");
}

#[test]
fn scan_never_writes_into_a_repository_it_checks() {
    let repo = common::git_repo("compliant");
    let before: Vec<_> = walkdir::WalkDir::new(repo.path())
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().to_path_buf())
        .collect();
    common::gonogo()
        .current_dir(repo.path())
        .args(["scan", "."])
        .assert()
        .code(2)
        .stderr(predicates::prelude::PredicateBooleanExt::and(
            predicates::str::contains("inside"),
            predicates::str::contains("--out"),
        ));
    let after: Vec<_> = walkdir::WalkDir::new(repo.path())
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().to_path_buf())
        .collect();
    assert_eq!(before, after);
}

#[cfg(unix)]
#[test]
fn an_output_folder_reached_through_a_link_into_a_repository_is_refused() {
    let fleet = tempfile::TempDir::new().expect("tmp");
    let repo = fleet.path().join("svc");
    std::fs::create_dir_all(&repo).expect("mkdir");
    common::copy_tree(&common::fixtures().join("repos").join("compliant"), &repo);
    common::snapshot(&repo, "Initial commit");
    let elsewhere = tempfile::TempDir::new().expect("tmp");
    let link = elsewhere.path().join("link");
    std::os::unix::fs::symlink(&repo, &link).expect("symlink");
    common::gonogo()
        .arg("scan")
        .arg(fleet.path())
        .arg("--out")
        .arg(link.join("reports"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("inside"));
    assert!(!repo.join("reports").exists());
}
