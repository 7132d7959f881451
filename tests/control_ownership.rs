//! The `ownership` control kind against fixture repositories.

mod common;

use common::{check_json, codes, control, git_repo, playbook};
use serde_json::Value;

fn run_dir(dir: &std::path::Path, book: &str) -> Value {
    let pb = playbook(book);
    let (evidence, _) = check_json(dir, &["--playbook", pb.to_str().expect("utf-8")]);
    evidence
}

fn run(repo: &str, book: &str) -> Value {
    let dir = git_repo(repo);
    run_dir(dir.path(), book)
}

/// (code, path, line) of every finding, in report order (sorted).
fn findings(c: &Value) -> Vec<(String, Option<String>, Option<u64>)> {
    c["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap_or_default().to_string(),
                f["path"].as_str().map(str::to_string),
                f["line"].as_u64(),
            )
        })
        .collect()
}

fn evidence_with(c: &Value, note_part: &str) -> Vec<Value> {
    c["evidence"]
        .as_array()
        .expect("evidence")
        .iter()
        .filter(|e| e["note"].as_str().unwrap_or_default().contains(note_part))
        .cloned()
        .collect()
}

fn f(code: &str, path: Option<&str>, line: Option<u64>) -> (String, Option<String>, Option<u64>) {
    (code.into(), path.map(str::to_string), line)
}

#[test]
fn github_codeowners_with_full_coverage_passes() {
    let ev = run("ownership-github-ok", "ownership-full.toml");
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
    let ev = run("ownership-github-bad", "ownership-strict.toml");
    let c = control(&ev, "owners");
    assert_eq!(c["status"], "FAIL");
    let co = Some("CODEOWNERS");
    assert_eq!(
        findings(c),
        [
            f("ownership/duplicate-pattern", co, Some(6)),
            f("ownership/invalid-line", co, Some(4)),
            f("ownership/invalid-line", co, Some(5)),
            f("ownership/invalid-line", co, Some(8)),
            f("ownership/low-coverage", co, None),
            f("ownership/no-contact", None, None),
            f("ownership/no-owners", co, Some(7)),
            f("ownership/unmatched-pattern", co, Some(9)),
            f("ownership/unowned-critical", Some("config/prod.yaml"), None),
            f("ownership/unowned-critical", Some("ops/deploy.sh"), None),
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
    let ev = run("ownership-github-bad", "ownership-default.toml");
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
    let ev = run("ownership-gitlab", "ownership-full.toml");
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
    let ev = run("ownership-gitlab-bad", "ownership-default.toml");
    let c = control(&ev, "owners");
    let co = Some(".gitlab/CODEOWNERS");
    assert_eq!(
        findings(c),
        [
            f("ownership/duplicate-pattern", co, Some(5)),
            f("ownership/invalid-line", co, Some(1)),
            f("ownership/invalid-line", co, Some(3)),
            f("ownership/invalid-line", co, Some(4)),
        ]
    );
}

#[test]
fn missing_codeowners_for_the_chosen_flavor() {
    let ev = run("ownership-github-ok", "ownership-gitlab.toml");
    let c = control(&ev, "owners");
    assert_eq!(findings(c), [f("ownership/missing", None, None)]);
    assert!(
        c["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("`.gitlab/CODEOWNERS`")
    );
}

#[test]
fn binary_codeowners_is_unreadable() {
    let dir = common::plain_copy("ownership-github-ok");
    std::fs::write(dir.path().join(".github/CODEOWNERS"), b"* @a\0\x01\x02").expect("write");
    let repo = git2::Repository::init(dir.path()).expect("init");
    common::commit_all(&repo, "binary", common::FIXTURE_TIME);
    let ev = run_dir(dir.path(), "ownership-default.toml");
    let c = control(&ev, "owners");
    assert_eq!(
        findings(c),
        [f("ownership/unreadable", Some(".github/CODEOWNERS"), None)]
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
