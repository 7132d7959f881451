//! The `tests` control kind against fixture repositories.

mod common;

use common::{check_fixture, codes, control, finding_paths, git_repo, has_evidence, playbook};

#[test]
fn rust_inline_tests_count_and_untested_crates_are_named() {
    let ev = check_fixture("tests-rust-inline", "tests-rust.toml");
    let c = control(&ev, "tests");
    assert_eq!(c["status"], "FAIL");
    // Rust has no tests/ folder, but #[cfg(test)] modules count; only crates/beta lacks them.
    assert_eq!(
        finding_paths(c),
        [("tests/untested-module".into(), Some("crates/beta".into()))]
    );
    assert!(has_evidence(
        c,
        "crates/alpha/src/lib.rs",
        Some(5),
        "inside the source file"
    ));
    assert!(has_evidence(
        c,
        "src/lib.rs",
        Some(5),
        "inside the source file"
    ));
    // 2 of 3 sources carry inline tests: the ratio 0.67 reaches 0.5.
    assert!(has_evidence(
        c,
        "crates/alpha/src/lib.rs",
        None,
        "ratio 0.67"
    ));
    assert_eq!(ev["decision"], "NO_GO");
}

#[test]
fn go_testdata_is_not_a_test() {
    let ev = check_fixture("tests-go-testdata", "tests-default.toml");
    let c = control(&ev, "tests");
    assert_eq!(c["status"], "FAIL");
    assert_eq!(
        finding_paths(c),
        [("tests/missing".into(), Some("go.mod".into()))]
    );
}

#[test]
fn every_ecosystem_and_module_passes_when_tested() {
    let ev = check_fixture("tests-polyglot", "tests-polyglot.toml");
    let c = control(&ev, "tests");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(codes(c).is_empty());
    for (manifest, name) in [
        ("crate/Cargo.toml", "Rust"),
        ("pyproject.toml", "Python"),
        ("package.json", "JavaScript/TypeScript"),
        ("go.mod", "Go"),
        ("pom.xml", "Java/Kotlin"),
        ("App/App.csproj", "C#"),
        ("Gemfile", "Ruby"),
    ] {
        assert!(
            has_evidence(c, manifest, None, &format!("{name} detected")),
            "{name}"
        );
    }
    // JS __tests__, Java src/test/java, Ruby spec, Go _test, Python test_*.
    for test in [
        "src/__tests__/app.js",
        "src/test/java/com/acme/AppTest.java",
        "spec/x_spec.rb",
        "cmd/main_test.go",
        "tests/test_core.py",
        "crate/tests/it.rs",
    ] {
        assert!(has_evidence(c, test, None, "test file"), "{test}");
    }
    // A C# project referencing the test SDK makes its files tests, whatever their names.
    assert!(has_evidence(
        c,
        "Verify/Verify.csproj",
        Some(3),
        "C# test project"
    ));
    assert!(has_evidence(c, "Verify/Checks.cs", None, "C# test file"));
    // Tests inside a module, and tests mirroring it under tests/, both map to it.
    assert!(has_evidence(
        c,
        "services/api/index.test.ts",
        None,
        "tests module services/api"
    ));
    assert!(has_evidence(
        c,
        "tests/services/billing/test_billing.py",
        None,
        "tests module services/billing"
    ));
}

#[test]
fn low_ratio_is_reported_with_the_numbers() {
    let ev = check_fixture("tests-low-ratio", "tests-ratio.toml");
    let c = control(&ev, "tests");
    assert_eq!(c["status"], "FAIL");
    assert_eq!(codes(c), ["tests/low-ratio"]);
    let msg = c["findings"][0]["message"].as_str().expect("message");
    assert!(
        msg.contains("1 test file(s) for 5 source file(s): ratio 0.20"),
        "{msg}"
    );
    assert!(msg.contains("at least 0.50"), "{msg}");
    // A `should` control: conditions, not NO-GO.
    assert_eq!(ev["decision"], "GO_WITH_CONDITIONS");
}

#[test]
fn nothing_detected_is_not_applicable() {
    let ev = check_fixture("tests-none", "tests-default.toml");
    let c = control(&ev, "tests");
    assert_eq!(c["status"], "NOT_APPLICABLE");
    assert!(
        c["reason"]
            .as_str()
            .expect("reason")
            .contains("no ecosystem detected")
    );
}

#[test]
fn configured_ecosystems_and_custom_globs() {
    let ev = check_fixture("tests-none", "tests-configured.toml");
    let go = control(&ev, "go-tests");
    assert_eq!(go["status"], "FAIL");
    // No go.mod to point at: the finding has no path.
    assert_eq!(finding_paths(go), [("tests/missing".into(), None)]);
    let shell = control(&ev, "shell-tests");
    assert_eq!(shell["status"], "PASS");
    assert!(has_evidence(shell, "scripts/run.bats", None, "ratio 1.00"));
    let missing = control(&ev, "missing-bats");
    assert_eq!(codes(missing), ["tests/missing"]);
}

#[test]
fn invalid_parameters_are_reported_at_their_spans() {
    let dir = git_repo("tests-none");
    let out = common::gonogo()
        .arg("check")
        .arg(dir.path())
        .arg("--playbook")
        .arg(playbook("tests-invalid.toml"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown variant `cobol`"), "{err}");
    assert!(err.contains("tests-invalid.toml:9:15"), "{err}");
    assert!(err.contains("`min-ratio = -1` is not a ratio"), "{err}");
}

#[test]
fn a_tooling_manifest_needs_no_tests_when_one_ecosystem_is_enough() {
    // A Rails app with a package.json for asset tooling: Ruby is tested, JS is not.
    let ev = check_fixture("tests-tooling-manifest", "tests-any-ecosystem.toml");
    assert_eq!(control(&ev, "tests-any")["status"], "PASS");
    let each = control(&ev, "tests-each");
    assert_eq!(each["status"], "FAIL");
    assert_eq!(codes(each), ["tests/missing"]);
    assert_eq!(
        finding_paths(each),
        [(
            "tests/missing".to_string(),
            Some("package.json".to_string())
        )]
    );
}
