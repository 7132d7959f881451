//! The `dod` control over fixture repositories: Definition of Done, release checklists, PR templates.

mod common;

use common::{check_json, codes, control, finding, findings, git_repo, playbook_arg, tag};

#[test]
fn a_complete_definition_of_done_passes_at_a_tag() {
    let repo = git_repo("dod-ok");
    tag(repo.path(), "v1.2.0");
    let (ev, code) = check_json(
        repo.path(),
        &["-p", &playbook_arg("dod-ok.toml"), "--rev", "v1.2.0"],
    );
    assert_eq!(code, 0, "{ev:#}");
    assert_eq!(ev["subject"]["tag"], "v1.2.0");
    for id in ["definition-of-done", "release-checklist", "pr-template"] {
        assert_eq!(control(&ev, id)["status"], "PASS", "{id}: {ev:#}");
    }
    // docs/definition-of-done.md is found by `docs/DEFINITION-OF-DONE.md`, ignoring case.
    let dod = control(&ev, "definition-of-done")["evidence"]
        .as_array()
        .unwrap()
        .clone();
    let security = dod
        .iter()
        .find(|e| e["note"] == "item matches `(?i)security`")
        .expect("security item");
    assert_eq!(security["path"], "docs/definition-of-done.md");
    assert_eq!(security["line"], 8);
    assert_eq!(security["excerpt"], "- [ ] Security checks pass");
    assert_eq!(security["blob"].as_str().map(str::len), Some(40));
    // Every ticked item of the release checklist is evidence with its line.
    let ticked: Vec<u64> = control(&ev, "release-checklist")["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["note"] == "ticked")
        .map(|e| e["line"].as_u64().unwrap())
        .collect();
    assert_eq!(ticked, [3, 4, 5]);
    // GitHub and GitLab templates are both found.
    let templates: Vec<&str> = control(&ev, "pr-template")["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        templates,
        [
            ".github/PULL_REQUEST_TEMPLATE.md",
            ".gitlab/merge_request_templates/Default.md"
        ]
    );
}

#[test]
fn release_version_can_be_given() {
    let repo = git_repo("dod-ok");
    let (ev, _) = check_json(
        repo.path(),
        &[
            "-p",
            &playbook_arg("dod-ok.toml"),
            "--release-version",
            "1.2.0",
        ],
    );
    assert_eq!(control(&ev, "release-checklist")["status"], "PASS");
    let (ev, _) = check_json(
        repo.path(),
        &[
            "-p",
            &playbook_arg("dod-ok.toml"),
            "--release-version",
            "9.9.9",
        ],
    );
    let release = control(&ev, "release-checklist");
    assert_eq!(
        findings(release),
        [finding("dod/missing-release-checklist", None, None)]
    );
    let message = release["findings"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("docs/releases/9.9.9.md") && message.contains("releases/9.9.9.md"),
        "{message}"
    );
}

#[test]
fn no_version_is_an_error_never_a_pass() {
    let repo = git_repo("dod-ok");
    let (ev, code) = check_json(repo.path(), &["-p", &playbook_arg("dod-ok.toml")]);
    let release = control(&ev, "release-checklist");
    assert_eq!(release["status"], "ERROR");
    let reason = release["reason"].as_str().unwrap();
    assert!(
        reason.contains("--release-version") && reason.contains("tag"),
        "{reason}"
    );
    assert_eq!(ev["decision"], "NO_GO");
    assert_eq!(code, 2, "an ERROR must result exits 2");
    // The other parts do not depend on the version.
    assert_eq!(control(&ev, "definition-of-done")["status"], "PASS");
}

#[test]
fn unticked_release_items_are_named_with_their_lines() {
    let repo = git_repo("dod-broken");
    tag(repo.path(), "v1.2.0");
    let (ev, code) = check_json(
        repo.path(),
        &["-p", &playbook_arg("dod-broken.toml"), "--rev", "v1.2.0"],
    );
    assert_eq!(code, 1);
    let release = control(&ev, "release-checklist");
    assert_eq!(release["status"], "FAIL");
    assert_eq!(
        findings(release),
        [
            finding(
                "dod/unchecked-release-item",
                Some("docs/releases/1.2.0.md"),
                Some(4)
            ),
            finding(
                "dod/unchecked-release-item",
                Some("docs/releases/1.2.0.md"),
                Some(6)
            ),
        ]
    );
    let mut by_line: Vec<(u64, &str)> = release["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["line"].as_u64().unwrap(), f["message"].as_str().unwrap()))
        .collect();
    by_line.sort();
    assert_eq!(
        by_line,
        [
            (4, "not ticked: Security scan clean"),
            (6, "not ticked: Client sign-off")
        ]
    );
}

#[test]
fn a_checklist_without_items_fails() {
    let repo = git_repo("dod-broken");
    let (ev, _) = check_json(
        repo.path(),
        &[
            "-p",
            &playbook_arg("dod-broken.toml"),
            "--release-version",
            "1.3.0",
        ],
    );
    assert_eq!(
        findings(control(&ev, "release-checklist")),
        [finding(
            "dod/empty-release-checklist",
            Some("docs/releases/1.3.0.md"),
            None
        )]
    );
}

#[test]
fn a_thin_definition_of_done_and_template_fail() {
    let repo = git_repo("dod-broken");
    let (ev, _) = check_json(
        repo.path(),
        &[
            "-p",
            &playbook_arg("dod-broken.toml"),
            "--release-version",
            "1.2.0",
        ],
    );
    let dod = control(&ev, "definition-of-done");
    assert_eq!(
        findings(dod),
        [
            finding("dod/missing-item", Some("DEFINITION_OF_DONE.md"), None),
            finding("dod/missing-item", Some("DEFINITION_OF_DONE.md"), None),
            finding("dod/too-few-items", Some("DEFINITION_OF_DONE.md"), None),
        ]
    );
    let missing: Vec<&str> = dod["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "dod/missing-item")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(missing.iter().any(|m| m.contains("(?i)documentation")));
    assert!(missing.iter().any(|m| m.contains("(?i)security")));
    // fix.txt has two items (enough); feature.md has none.
    assert_eq!(
        findings(control(&ev, "pr-template")),
        [finding(
            "dod/pr-template-too-few-items",
            Some("docs/PULL_REQUEST_TEMPLATE/feature.md"),
            None
        )]
    );
    assert_eq!(
        findings(control(&ev, "binary-dod")),
        [finding("dod/unreadable", Some("docs/binary-dod.md"), None)]
    );
}

#[test]
fn nothing_there_is_named() {
    let repo = git_repo("dod-none");
    let (ev, _) = check_json(
        repo.path(),
        &[
            "-p",
            &playbook_arg("dod-ok.toml"),
            "--release-version",
            "1.2.0",
        ],
    );
    assert_eq!(codes(control(&ev, "definition-of-done")), ["dod/missing"]);
    assert_eq!(
        codes(control(&ev, "pr-template")),
        ["dod/missing-pr-template"]
    );
    assert_eq!(
        codes(control(&ev, "release-checklist")),
        ["dod/missing-release-checklist"]
    );
}

#[test]
fn bad_parameters_are_reported() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("pb.toml");
    std::fs::write(
        &path,
        r#"[playbook]
name = "bad"

[[control]]
id = "nothing"
kind = "dod"
level = "must"
title = "x"
definition-of-done = []

[[control]]
id = "bad-template"
kind = "dod"
level = "must"
title = "x"
release-checklist = ["docs/{tag}.md", "../outside/{version}.md"]
required-items = ["("]
"#,
    )
    .unwrap();
    let out = common::gonogo()
        .args(["playbook", "validate"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    for needle in [
        "checks nothing",
        "unknown placeholder",
        "contains `..`",
        "invalid regex",
    ] {
        assert!(text.contains(needle), "{needle} not in {text}");
    }
}
