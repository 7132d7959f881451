//! `gonogo playbook import`: repolinter rulesets and alint configs become playbooks that load
//! and check; what cannot be translated is listed; bad input is a diagnostic, never a panic.

mod common;

use common::*;

fn import(file: &str) -> (String, String, i32) {
    let out = assert_cmd::Command::cargo_bin("gonogo")
        .unwrap()
        .args(["playbook", "import"])
        .arg(fixtures().join("import").join(file))
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

/// Imports `file`, writes the playbook beside a copy of a fixture repository, checks it.
fn check_imported(file: &str, repo: &str) -> serde_json::Value {
    let (playbook, stderr, code) = import(file);
    assert_eq!(code, 0, "{stderr}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("imported.toml");
    std::fs::write(&path, &playbook).unwrap();
    let repo = git_repo(repo);
    let (ev, _) = check_json(repo.path(), &["--playbook", path.to_str().unwrap()]);
    ev
}

fn statuses(ev: &serde_json::Value) -> Vec<(String, String)> {
    ev["controls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn status(ev: &serde_json::Value, id: &str) -> String {
    control(ev, id)["status"].as_str().unwrap().to_string()
}

#[test]
fn the_repolinter_default_ruleset_imports_and_checks() {
    let (playbook, _, code) = import("repolinter-default.json");
    assert_eq!(code, 0);
    // Rules gonogo cannot express are listed with the reason; `where` rules are commented out.
    assert!(playbook.contains(
        "# license-detectable-by-licensee (license-detectable-by-licensee): gonogo has no license detection"
    ));
    assert!(playbook.contains(
        "# best-practices-badge-present (best-practices-badge-present): its level is `off`"
    ));
    assert!(playbook.contains("# Commented out: repolinter applies it only where language=python"));
    assert!(
        playbook.contains("# # [[control]]\n# id = 'python-package-metadata-exists'")
            || playbook.contains("# id = 'python-package-metadata-exists'")
    );
    assert!(playbook.contains("left out `!node_modules/**` excludes paths"));
    assert!(playbook.contains("must-match = ['(?i)license']"));

    let ev = check_imported("repolinter-default.json", "compliant");
    assert_eq!(ev["decision"], "NO_GO", "{:?}", statuses(&ev));
    for (id, expected) in [
        ("license-file-exists", "PASS"),
        ("readme-file-exists", "PASS"),
        ("security-file-exists", "PASS"),
        ("test-directory-exists", "PASS"),
        ("binaries-not-present", "PASS"),
        ("contributing-file-exists", "FAIL"),
        ("changelog-file-exists", "FAIL"),
        ("readme-references-license", "FAIL"),
    ] {
        assert_eq!(status(&ev, id), expected, "{id}: {:?}", statuses(&ev));
    }
    assert!(
        !statuses(&ev)
            .iter()
            .any(|(id, _)| id == "python-package-metadata-exists"),
        "a commented-out control does not run"
    );

    let ev = check_imported("repolinter-default.json", "missing-must");
    assert_eq!(ev["decision"], "NO_GO");
    assert_eq!(status(&ev, "license-file-exists"), "FAIL");
    assert_eq!(status(&ev, "readme-file-exists"), "PASS");
}

#[test]
fn an_alint_config_imports_and_checks() {
    let (playbook, _, code) = import("alint.yml");
    assert_eq!(code, 0);
    assert!(playbook.contains("# markdown-final-newline (final_newline): "));
    assert!(playbook.contains("# old-rule (file_exists): its level is `off`"));
    assert!(playbook.contains("# Not translated: `extends` is not followed"));
    assert!(playbook.contains("# Commented out: alint applies it only when `facts.is_package`"));
    assert!(playbook.contains("the exclusions docs/examples/** are not translated"));
    assert!(playbook.contains("level = \"may\"\ntitle = 'Readme usage section'"));

    let ev = check_imported("alint.yml", "compliant");
    assert_eq!(ev["decision"], "GO", "{:?}", statuses(&ev));
    // `info` is `may`: a failure is reported and changes nothing.
    assert_eq!(status(&ev, "readme-usage-section"), "FAIL");
    assert_eq!(status(&ev, "tests-folder"), "PASS");
    assert_eq!(status(&ev, "readme-has-title"), "PASS");

    let ev = check_imported("alint.yml", "missing-must");
    assert_eq!(ev["decision"], "NO_GO");
    assert_eq!(status(&ev, "license-exists"), "FAIL");
    assert_eq!(status(&ev, "security-policy"), "FAIL");
    assert_eq!(status(&ev, "no-env-files"), "PASS");
}

#[test]
fn the_repolinter_example_of_the_benchmark_imports() {
    let out = assert_cmd::Command::cargo_bin("gonogo")
        .unwrap()
        .args(["playbook", "import"])
        .arg(crate_root().join("bench/repolinter.json"))
        .arg("-o")
        .arg(tempfile::tempdir().unwrap().path().join("x.toml"))
        .output()
        .unwrap();
    // -o into a folder that is removed at once: either written or a clear error, never a panic.
    assert!(matches!(out.status.code(), Some(0 | 2)));
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("bench.toml");
    assert_cmd::Command::cargo_bin("gonogo")
        .unwrap()
        .args(["playbook", "import"])
        .arg(crate_root().join("bench/repolinter.json"))
        .arg("-o")
        .arg(&target)
        .assert()
        .code(0);
    assert_cmd::Command::cargo_bin("gonogo")
        .unwrap()
        .args(["playbook", "validate"])
        .arg(&target)
        .assert()
        .code(0);
}

fn import_text(name: &str, text: &str) -> (String, i32) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let out = assert_cmd::Command::cargo_bin("gonogo")
        .unwrap()
        .args(["playbook", "import"])
        .arg(&path)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn bad_input_is_a_diagnostic_with_line_and_column() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "repolinter.json",
            "{\n  \"rules\": {\n    \"x\": { \"level\": \"error\", \"rule\": { \"type\": \"file-exist\" } }\n  }\n}\n",
            &["import::unknown-rule-type", "file-exist", ":3:"],
        ),
        (
            ".alint.yml",
            "version: 1\nrules:\n  - id: a\n    kind: file_exist\n    paths: README.md\n    level: error\n",
            &["import::unknown-rule-type", "file_exist", ":4:"],
        ),
        (
            ".alint.yml",
            "version: 1\nrules:\n  - id: a\n    kind: [\n",
            &["import::syntax", "not valid YAML"],
        ),
        (
            "repolinter.json",
            "{\n  \"rules\": {\n    \"x\": { \"level\": \"error\",,\n",
            &["import::syntax"],
        ),
        (
            "repolinter.json",
            "{ \"rules\": { \"all\": { \"license:file-existence\": [\"error\", {}] } } }",
            &["import::unsupported-version", "version 1"],
        ),
        ("x.yml", "just: text\n", &["import::not-a-ruleset"]),
        (
            ".alint.yml",
            "rules:\n  - id: a\n    kind: file_exists\n    paths: README.md\n    level: fatal\n",
            &["import::invalid-rule", "level", ":5:"],
        ),
        ("empty.yml", "", &["import::not-a-ruleset"]),
        ("deep.yml", &"[".repeat(10_000), &["error"]),
        ("binary.json", "\u{0}\u{1}{", &["error"]),
    ];
    for (name, text, expected) in cases {
        let (stderr, code) = import_text(name, text);
        assert_eq!(code, 2, "{name}: {stderr}");
        for e in *expected {
            assert!(stderr.contains(e), "{name}: expected `{e}` in\n{stderr}");
        }
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    let (stderr, code) = import_text("missing.json", "{}");
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn a_rule_gonogo_cannot_read_is_listed_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".alint.yml");
    std::fs::write(
        &path,
        "version: 1\nrules:\n  - id: lookahead\n    kind: file_content_matches\n    paths: README.md\n    pattern: '(?=x)'\n    level: error\n  - id: outside\n    kind: file_exists\n    paths: ../secret\n    level: error\n",
    )
    .unwrap();
    let out = assert_cmd::Command::cargo_bin("gonogo")
        .unwrap()
        .args(["playbook", "import"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("# lookahead (file_content_matches): the regex `(?=x)` is not valid"),
        "{text}"
    );
    assert!(
        text.contains("# outside (file_exists): none of its `paths` can be read"),
        "{text}"
    );
    assert!(
        !text.contains("[gates.merge]"),
        "no control, no gate:\n{text}"
    );
}
