//! End-to-end tests of `gonogo check` and friends on real git repositories built from fixtures.

mod common;

use common::history::History;
use common::*;
use predicates::prelude::*;

#[test]
fn compliant_repository_is_go() {
    let repo = git_repo("compliant");
    let (ev, code) = check_json(repo.path(), &[]);
    assert_eq!(code, 0);
    assert_eq!(ev["decision"], "GO");
    // No --gate and no release tag: the merge gate.
    assert_eq!(ev["gate"]["name"], "merge");
    assert_eq!(ev["gate"]["selected_by"], "default");
    assert_eq!(ev["playbook"]["path"], "preset:default");
    assert!(failing_ids(&ev).is_empty(), "{ev:#}");
    // Evidence binds each file to its blob.
    let readme = control(&ev, "readme");
    let item = &readme["evidence"][0];
    assert_eq!(item["path"], "README.md");
    assert_eq!(item["blob"].as_str().map(str::len), Some(40));
}

#[test]
fn empty_repository_is_no_go() {
    let repo = git_repo("empty");
    let (ev, code) = check_json(repo.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(ev["decision"], "NO_GO");
    assert_eq!(ev["subject"]["files"], 0);
    // No manifest, no ecosystem: the tests control does not apply, and says why.
    assert_eq!(control(&ev, "tests-present")["status"], "NOT_APPLICABLE");
    assert_eq!(
        failing_ids(&ev),
        ["adr", "codeowners", "license", "readme", "security-policy"]
    );
}

#[test]
fn missing_must_artifacts_are_named() {
    let repo = git_repo("missing-must");
    let (ev, code) = check_json(repo.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(ev["decision"], "NO_GO");
    assert_eq!(control(&ev, "readme")["status"], "PASS");
    assert_eq!(control(&ev, "license")["status"], "FAIL");
    assert_eq!(codes(control(&ev, "license")), ["files/missing-any"]);
    assert_eq!(control(&ev, "tests-present")["status"], "FAIL");
    assert_eq!(ev["summary"]["failing_by_level"]["must"], 2);
}

#[test]
fn failing_should_gives_conditions_and_strict_turns_them_into_no_go() {
    let repo = git_repo("conditions");
    let (ev, code) = check_json(repo.path(), &[]);
    assert_eq!(
        (ev["decision"].as_str(), code),
        (Some("GO_WITH_CONDITIONS"), 0)
    );
    assert_eq!(failing_ids(&ev), ["adr", "codeowners", "security-policy"]);
    let (ev, code) = check_json(repo.path(), &["--strict"]);
    assert_eq!((ev["decision"].as_str(), code), (Some("NO_GO"), 1));
    assert_eq!(ev["gate"]["strict"], true);
}

#[test]
fn may_controls_never_change_the_decision() {
    let repo = git_repo("compliant");
    let pb = playbook("valid-should-only.toml");
    let (ev, code) = check_json(repo.path(), &["--playbook", pb.to_str().expect("utf8")]);
    // README passes, CHANGELOG (should) fails, CONTRIBUTING (may) fails.
    assert_eq!(control(&ev, "contributing")["status"], "FAIL");
    assert_eq!(
        (ev["decision"].as_str(), code),
        (Some("GO_WITH_CONDITIONS"), 0)
    );
    assert_eq!(ev["gate"]["name"], "all");
}

#[test]
fn json_is_byte_identical_across_runs_and_validates_against_the_schema() {
    let repo = git_repo("missing-must");
    let run = || {
        gonogo()
            .args(["check", "--format", "json"])
            .arg(repo.path())
            .output()
            .expect("run")
            .stdout
    };
    let (a, b) = (run(), run());
    assert!(!a.is_empty());
    assert_eq!(a, b, "two runs differ");

    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("../docs/evidence.schema.json")).expect("schema"),
    )
    .expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    for fixture in ["compliant", "empty", "missing-must", "conditions"] {
        let repo = git_repo(fixture);
        let (ev, _) = check_json(repo.path(), &[]);
        let errors: Vec<String> = validator
            .iter_errors(&ev)
            .map(|e| format!("{e} at {}", e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{fixture}: {errors:?}");
    }
}

#[test]
fn schema_in_docs_is_generated_from_the_types() {
    let on_disk = std::fs::read_to_string(fixtures().join("../docs/evidence.schema.json"))
        .expect("schema file");
    assert_eq!(
        on_disk,
        gonogo::evidence::json_schema(),
        "docs/evidence.schema.json is stale: run `cargo run -- schema > docs/evidence.schema.json`"
    );
}

#[test]
fn timestamp_comes_from_source_date_epoch_else_the_clock() {
    let repo = git_repo("compliant");
    // The test kit pins SOURCE_DATE_EPOCH to FIXTURE_TIME.
    let (ev, _) = check_json(repo.path(), &[]);
    assert_eq!(ev["generated_at"], "2026-01-01T00:00:00Z");
    assert_eq!(ev["as_of"], "2026-01-01T00:00:00Z");
    let out = gonogo()
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(["check", "--format", "json"])
        .arg(repo.path())
        .output()
        .expect("run");
    let ev: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(ev["generated_at"], "2023-11-14T22:13:20Z");
    // Without it: the clock, never the commit's date (2026-01-01).
    let before = jiff::Timestamp::now().as_second();
    let out = gonogo()
        .env_remove("SOURCE_DATE_EPOCH")
        .args(["check", "--format", "json"])
        .arg(repo.path())
        .output()
        .expect("run");
    let after = jiff::Timestamp::now().as_second();
    let ev: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let at = |k: &str| {
        ev[k]
            .as_str()
            .and_then(|t| t.parse::<jiff::Timestamp>().ok())
            .map(|t| t.as_second())
            .unwrap_or_else(|| panic!("{k}: {ev:#}"))
    };
    assert!((before..=after).contains(&at("as_of")), "{ev:#}");
    assert_eq!(at("generated_at"), at("as_of"));
    assert_eq!(ev["parameters"]["as_of_source"], "clock");
}

#[test]
fn subject_binds_the_commit_and_tree() {
    let repo = git_repo("compliant");
    let git = open_repo(repo.path());
    let head = git.head().expect("head").peel_to_commit().expect("commit");
    let (ev, _) = check_json(repo.path(), &[]);
    assert_eq!(ev["subject"]["mode"], "head");
    assert_eq!(ev["subject"]["commit"], head.id().to_string());
    assert_eq!(ev["subject"]["tree"], head.tree_id().to_string());
    assert_eq!(
        ev["subject"]["reference"],
        git.head().expect("head").name().expect("name")
    );
    assert_eq!(ev["subject"]["dirty"], serde_json::Value::Null);
}

#[test]
fn repository_is_found_from_a_subfolder() {
    let repo = git_repo("compliant");
    let (ev, code) = check_json(&repo.path().join("docs/adr"), &[]);
    assert_eq!(code, 0);
    assert_eq!(ev["subject"]["files"], 9);
}

#[test]
fn rev_checks_an_older_commit_and_names_its_tag() {
    let mut h = History::from_fixture("missing-must");
    let first = h.commit("Initial commit", FIXTURE_TIME);
    h.tag("v0.1.0");
    h.write("LICENSE", "MIT\n");
    h.write("src/main_test.go", "package main\n");
    h.commit("Add license and tests", FIXTURE_TIME + 86_400);

    let (ev, code) = check_json(h.root(), &[]);
    assert_eq!(
        (ev["decision"].as_str(), code),
        (Some("GO_WITH_CONDITIONS"), 0)
    );
    let (ev, code) = check_json(h.root(), &["--rev", "v0.1.0"]);
    assert_eq!((ev["decision"].as_str(), code), (Some("NO_GO"), 1));
    assert_eq!(ev["subject"]["mode"], "rev");
    assert_eq!(ev["subject"]["commit"], first);
    assert_eq!(ev["subject"]["tag"], "v0.1.0");
    assert_eq!(ev["subject"]["reference"], "refs/tags/v0.1.0");

    gonogo()
        .args(["check", "--rev", "no-such-rev"])
        .arg(h.root())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot resolve revision `no-such-rev`",
        ));
}

#[test]
fn staged_checks_the_index_and_worktree_the_files_on_disk() {
    let mut h = History::from_fixture("missing-must");
    h.commit("Initial commit", FIXTURE_TIME);
    // Staged, not committed: LICENSE. On disk only (untracked): a Go test. Ignored: a test that must not count.
    h.write("LICENSE", "MIT\n").stage("LICENSE");
    h.write(".gitignore", "ignored/\n");
    h.write("ignored/x_test.go", "package x\n");

    let (ev, _) = check_json(h.root(), &["--staged"]);
    assert_eq!(ev["subject"]["mode"], "staged");
    assert_eq!(control(&ev, "license")["status"], "PASS");
    assert_eq!(control(&ev, "tests-present")["status"], "FAIL");

    let (ev, _) = check_json(h.root(), &["--worktree"]);
    assert_eq!(ev["subject"]["mode"], "worktree");
    assert_eq!(ev["subject"]["dirty"], true);
    assert_eq!(control(&ev, "license")["status"], "PASS");
    assert_eq!(
        control(&ev, "tests-present")["status"],
        "FAIL",
        "ignored files must not count"
    );

    h.write("src/main_test.go", "package main\n");
    let (ev, _) = check_json(h.root(), &["--worktree"]);
    assert_eq!(control(&ev, "tests-present")["status"], "PASS");
    // HEAD is unchanged by all this.
    let (ev, _) = check_json(h.root(), &[]);
    assert_eq!(control(&ev, "license")["status"], "FAIL");
}

#[test]
fn plain_folder_falls_back_to_a_walk_with_a_warning() {
    let dir = plain_copy("compliant");
    let (ev, code) = check_json(dir.path(), &[]);
    assert_eq!(code, 0);
    assert_eq!(ev["subject"]["mode"], "directory");
    assert_eq!(ev["subject"]["commit"], serde_json::Value::Null);
    assert!(
        ev["warnings"][0]
            .as_str()
            .expect("warning")
            .contains("not bound to a commit")
    );
    gonogo()
        .args(["check", "--staged"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not inside a git repository"));
}

#[test]
fn bare_repository_is_checked_at_a_revision() {
    let mut h = History::from_fixture("compliant");
    h.commit("Initial commit", FIXTURE_TIME);
    let bare_path = h.bare_clone("shop.git");
    let (ev, code) = check_json(&bare_path, &[]);
    assert_eq!((ev["decision"].as_str(), code), (Some("GO"), 0));
    let (_, code) = check_json(&bare_path, &["--rev", "HEAD"]);
    assert_eq!(code, 0);
    gonogo()
        .args(["check", "--worktree"])
        .arg(&bare_path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bare repository"));
}

#[test]
fn repository_without_commits_is_a_clear_error() {
    let h = History::new();
    gonogo()
        .arg("check")
        .arg(h.root())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("has no commits yet"));
    gonogo()
        .arg("check")
        .arg(h.root().join("missing"))
        .assert()
        .code(2);
}

#[test]
fn playbook_is_discovered_at_the_root_and_named_in_the_output() {
    let mut h = History::from_fixture("compliant");
    h.commit("Initial commit", FIXTURE_TIME);
    std::fs::copy(
        playbook("valid-should-only.toml"),
        h.root().join("gonogo.toml"),
    )
    .expect("copy");
    // Not committed yet: the commit is judged by what it holds, and the output says so.
    let (ev, _) = check_json(h.root(), &[]);
    assert_eq!(ev["playbook"]["path"], "preset:default");
    assert!(
        ev["warnings"]
            .to_string()
            .contains("exists on disk but not in the checked commit"),
        "{ev:#}"
    );
    h.commit("Add the playbook", FIXTURE_TIME + 60);
    let (ev, _) = check_json(h.root(), &[]);
    assert_eq!(ev["playbook"]["path"], "gonogo.toml");
    assert_eq!(ev["playbook"]["name"], "Conditions");
    assert_eq!(ev["playbook"]["sha256"].as_str().map(str::len), Some(64));
    gonogo()
        .arg("check")
        .arg(h.root())
        .assert()
        .stdout(predicate::str::contains(
            "Playbook:   gonogo.toml — Conditions",
        ));
    // An explicit preset wins over discovery.
    let (ev, _) = check_json(h.root(), &["--playbook", "preset:delivery"]);
    assert_eq!(ev["playbook"]["path"], "preset:delivery");
}

#[test]
fn extends_overrides_disables_and_gates_select() {
    let repo = git_repo("conditions");
    let pb = playbook("valid-extends.toml");
    let pb = pb.to_str().expect("utf8");
    let (ev, _) = check_json(repo.path(), &["--playbook", pb, "--gate", "release"]);
    let ids: Vec<&str> = ev["controls"]
        .as_array()
        .expect("controls")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "adr",
            "license",
            "readme",
            "security-policy",
            "tests-present"
        ]
    );
    assert_eq!(control(&ev, "security-policy")["level"], "must");
    assert_eq!(ev["decision"], "NO_GO");
    let sources: Vec<&str> = ev["playbook"]["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(sources.len(), 2);
    assert_eq!(sources[1], "preset:default");

    let (ev, code) = check_json(repo.path(), &["--playbook", pb, "--gate", "merge"]);
    let ids: Vec<&str> = ev["controls"]
        .as_array()
        .expect("controls")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(ids, ["license", "no-todo-in-readme", "readme"]);
    assert_eq!((ev["decision"].as_str(), code), (Some("GO"), 0));

    gonogo()
        .args(["check", "--playbook", pb, "--gate", "handover"])
        .arg(repo.path())
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("no gate `handover`")
                .and(predicate::str::contains("merge, release")),
        );
}

/// Every invalid playbook fixture: (file, diagnostic code, line, column) of the first diagnostic.
const INVALID: &[(&str, &str, usize, usize)] = &[
    ("syntax.toml", "playbook::syntax", 7, 14),
    ("wrong-type.toml", "playbook::wrong-type", 9, 11),
    ("unknown-key.toml", "playbook::unknown-key", 9, 1),
    ("unknown-kind.toml", "playbook::unknown-kind", 6, 8),
    ("invalid-glob.toml", "playbook::invalid-glob", 9, 12),
    ("invalid-regex.toml", "playbook::invalid-regex", 10, 15),
    ("invalid-level.toml", "playbook::invalid-value", 7, 9),
    ("duplicate-id.toml", "playbook::duplicate-id", 12, 6),
    (
        "undefined-gate-control.toml",
        "playbook::undefined-control",
        12,
        23,
    ),
    ("extends-cycle-a.toml", "playbook::extends-cycle", 3, 12),
    ("extends-missing.toml", "playbook::extends-missing", 3, 30),
];

#[test]
fn every_invalid_playbook_gets_a_diagnostic_at_its_line_and_column() {
    for (file, code, line, column) in INVALID {
        let path = fixtures().join("playbooks/invalid").join(file);
        let err = match gonogo::playbook::load_file(&path, &gonogo::controls::REGISTRY) {
            Ok(_) => panic!("{file} loaded"),
            Err(e) => e,
        };
        let d = err
            .diagnostics
            .first()
            .unwrap_or_else(|| panic!("{file}: no diagnostic: {err}"));
        assert_eq!(
            (d.code_str(), d.line, d.column),
            (*code, *line, *column),
            "{file}: {}",
            d.message()
        );

        let rel = format!("fixtures/playbooks/invalid/{file}");
        gonogo()
            .current_dir(fixtures().join(".."))
            .args(["playbook", "validate", &rel])
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains(format!(
                    "{}:{line}:{column}]",
                    std::path::Path::new(&d.file)
                        .file_name()
                        .and_then(|n| n.to_str())
                        .unwrap_or_default()
                ))
                .and(predicate::str::contains(*code)),
            );
    }
}

#[test]
fn all_errors_of_a_file_are_reported_together() {
    let err = gonogo::playbook::load_file(
        &fixtures().join("playbooks/invalid/many-errors.toml"),
        &gonogo::controls::REGISTRY,
    )
    .expect_err("invalid");
    let got: Vec<(&str, usize)> = err
        .diagnostics
        .iter()
        .map(|d| (d.code_str(), d.line))
        .collect();
    assert_eq!(
        got,
        [
            ("playbook::unknown-key", 4),
            ("playbook::invalid-glob", 11),
            ("playbook::unknown-kind", 15),
            ("playbook::invalid-regex", 25),
            ("playbook::undefined-control", 28),
        ]
    );
    // A check with an invalid playbook stops with exit 2 before looking at the repository.
    let repo = git_repo("compliant");
    gonogo()
        .arg("check")
        .arg(repo.path())
        .arg("--playbook")
        .arg(fixtures().join("playbooks/invalid/many-errors.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the playbook has 5 errors"));
}

#[test]
fn diagnostics_render_for_people() {
    let out = gonogo()
        .current_dir(fixtures().join(".."))
        .args([
            "playbook",
            "validate",
            "fixtures/playbooks/invalid/many-errors.toml",
        ])
        .output()
        .expect("run");
    insta::assert_snapshot!(
        "many_errors_diagnostics",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn validate_reports_valid_playbooks_and_presets() {
    gonogo()
        .args(["playbook", "validate"])
        .arg(playbook("valid-extends.toml"))
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("valid:").and(predicate::str::contains("6 controls, 3 gates")),
        );
    for preset in ["default", "delivery"] {
        gonogo()
            .args(["playbook", "validate", &format!("preset:{preset}")])
            .assert()
            .code(0)
            .stdout(predicate::str::starts_with(format!(
                "valid: preset:{preset}"
            )));
    }
}

#[test]
fn human_output_has_a_table_findings_and_the_decision_last() {
    let repo = git_repo("missing-must");
    let out = gonogo()
        .arg("check")
        .arg(repo.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout).replace(
        &repo
            .path()
            .canonicalize()
            .expect("canon")
            .display()
            .to_string(),
        "[REPO]",
    );
    assert!(!text.contains('\x1b'), "colour without a terminal");
    assert!(
        text.trim_end()
            .lines()
            .last()
            .expect("lines")
            .starts_with("Decision: gate `merge`: NO-GO")
    );
    insta::assert_snapshot!("missing_must_human", text);

    let quiet = gonogo()
        .args(["check", "-q"])
        .arg(repo.path())
        .output()
        .expect("run");
    // The decision, then why: each failing must control with its first finding and fix (a
    // few lines each), then the command that shows everything.
    assert_eq!(
        String::from_utf8_lossy(&quiet.stdout),
        "Decision: gate `merge`: NO-GO (2 must failing, 3 should failing)\n\
         \x20 FAIL license (must): none of `{LICEN[CS]E,COPYING}*` or `{LICENSES,LICENCES}/*` matches a file [files/missing-any]\n\
         \x20   fix: Add a LICENSE file (e.g. from https://choosealicense.com).\n\
         \x20 FAIL tests-present (must): go.mod: no Go test file found (looked for **/*_test.go) [tests/missing]\n\
         \x20   fix: Add automated tests next to the code (e.g. tests/, *_test.go, test_*.py, *.test.ts).\n\
         All findings: gonogo check --gate merge\n"
    );
    let de = gonogo()
        .args(["check", "-q", "--lang", "de"])
        .arg(repo.path())
        .output()
        .expect("run");
    let de = String::from_utf8_lossy(&de.stdout);
    assert!(de.contains("NICHT ERFÜLLT license (muss):"), "{de}");
    assert!(
        de.contains("Alle Befunde: gonogo check --gate merge"),
        "{de}"
    );
}

#[test]
fn evidence_snapshot() {
    let repo = git_repo("compliant");
    let (ev, _) = check_json(repo.path(), &[]);
    insta::assert_json_snapshot!(
        "compliant_evidence",
        ev,
        // The digest covers the root, a temporary folder.
        { ".subject.root" => "[REPO]", ".digest.value" => "[DIGEST]" }
    );
}

#[test]
fn outputs_go_to_files_and_stdout_together() {
    let repo = git_repo("compliant");
    let out_dir = tempfile::TempDir::new().expect("tmp");
    let file = out_dir.path().join("evidence.json");
    gonogo()
        .arg("check")
        .arg(repo.path())
        .args(["-o", "human", "-o"])
        .arg(format!("json={}", file.display()))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Decision: gate `merge`: GO"));
    let ev: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("file")).expect("json");
    assert_eq!(ev["decision"], "GO");
    gonogo()
        .arg("check")
        .arg(repo.path())
        .args(["-o", "yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown format `yaml`"));
}

#[test]
fn init_writes_a_starter_that_validates_and_refuses_to_overwrite() {
    let dir = tempfile::TempDir::new().expect("tmp");
    gonogo()
        .arg("init")
        .arg(dir.path())
        .args(["--preset", "delivery"])
        .assert()
        .code(0);
    let written = dir.path().join("gonogo.toml");
    assert!(
        std::fs::read_to_string(&written)
            .expect("written")
            .contains("extends = [\"preset:delivery\"]")
    );
    gonogo()
        .args(["playbook", "validate"])
        .arg(&written)
        .assert()
        .code(0);
    gonogo()
        .arg("init")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    gonogo()
        .arg("init")
        .arg(dir.path())
        .arg("--force")
        .assert()
        .code(0);
    gonogo()
        .arg("init")
        .arg(dir.path())
        .args(["--preset", "nope", "--force"])
        .assert()
        .code(2);
}

/// Every control and gate of a playbook, as the loader resolved them, to compare strictness.
fn resolved_shape(p: &gonogo::playbook::Playbook) -> Vec<String> {
    let mut shape: Vec<String> = p
        .controls
        .iter()
        .map(|c| format!("{} {} {:?} {:?}", c.id, c.kind, c.level, c.settings))
        .collect();
    shape.extend(
        p.gates
            .iter()
            .map(|g| format!("gate {} {:?} {:?}", g.name, g.controls, g.approvals)),
    );
    shape
}

#[test]
fn a_starter_is_exactly_as_strict_as_its_preset_and_its_listed_blocks_are_the_preset_s() {
    let kinds = &gonogo::controls::REGISTRY;
    for (preset, _) in gonogo::playbook::PRESETS {
        let dir = tempfile::TempDir::new().expect("tmp");
        gonogo()
            .arg("init")
            .arg(dir.path())
            .args(["--preset", preset])
            .assert()
            .code(0);
        let written = dir.path().join("gonogo.toml");
        let expected =
            resolved_shape(&gonogo::playbook::load_preset(preset, kinds).expect("preset"));
        let starter = gonogo::playbook::load_file(&written, kinds).expect("starter loads");
        assert_eq!(resolved_shape(&starter), expected, "preset {preset}");
        // Uncommenting every listed control block changes nothing: they are the preset's own.
        let text = std::fs::read_to_string(&written).expect("written");
        let (head, listed) = text.split_once("# ── The controls of").expect("listing");
        let (listed, gates) = listed.split_once("# ── The gates of").expect("gates");
        let uncommented: String = listed
            .lines()
            .skip(1)
            .map(|l| l.strip_prefix("# ").or(l.strip_prefix('#')).unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(&written, format!("{head}\n{uncommented}\n# {gates}")).expect("write");
        let tuned = gonogo::playbook::load_file(&written, kinds).expect("uncommented loads");
        assert_eq!(
            resolved_shape(&tuned),
            expected,
            "preset {preset}, uncommented"
        );
    }
}

#[test]
fn controls_and_completions_are_listed() {
    gonogo()
        .arg("controls")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("files\n").and(predicate::str::contains("files/missing")));
    gonogo()
        .args(["completions", "bash"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("gonogo"));
    gonogo()
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Examples:"));
    gonogo().arg("check").arg("--bogus").assert().code(2);
}
