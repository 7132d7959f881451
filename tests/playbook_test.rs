//! `gonogo playbook test`: fixture folders with expected decisions and finding codes.

mod common;

use common::{fixtures, gonogo, run_text};

fn basic() -> std::path::PathBuf {
    fixtures().join("playbook-tests/basic")
}

fn run(args: &[&str]) -> (String, String, i32) {
    let mut cmd = gonogo();
    cmd.arg("playbook").arg("test").args(args);
    run_text(cmd)
}
#[test]
fn every_case_of_the_tests_beside_the_playbook_passes() {
    let playbook = basic().join("gonogo.toml");
    let (stdout, stderr, code) = run(&[playbook.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("PASS  ")).count(),
        7
    );
    assert!(stdout.ends_with("7 passed, 0 failed\n"), "{stdout}");
    // The as-of date decides whether the waiver still holds.
    assert!(stdout.contains("PASS  after its expiry the waiver waives nothing"));
}

#[test]
fn the_tests_file_alone_finds_its_playbook_and_the_folder_default_works() {
    let tests = basic().join("gonogo.tests.toml");
    let (stdout, _, code) = run(&[tests.to_str().unwrap()]);
    // gonogo.tests.toml names no playbook: gonogo.toml beside it is the one tested.
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("7 passed, 0 failed"));

    let out = gonogo()
        .current_dir(basic())
        .args(["playbook", "test"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("7 passed, 0 failed"));
}

#[test]
fn failing_cases_name_each_difference_and_exit_1() {
    let cases = basic().join("failing.tests.toml");
    let (stdout, _, code) = run(&[cases.to_str().unwrap()]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("FAIL  wrong decision and codes"),
        "{stdout}"
    );
    assert!(stdout.contains("- decision NO-GO, expected GO"), "{stdout}");
    assert!(
        stdout.contains("- missing finding codes: files/missing"),
        "{stdout}"
    );
    assert!(
        stdout.contains("- unexpected finding codes: files/missing-any"),
        "{stdout}"
    );
    assert!(
        stdout.contains("FAIL  wrong status\n      - control license: PASS, expected FAIL"),
        "{stdout}"
    );
    assert!(stdout.contains("PASS  this one holds"));
    assert!(stdout.ends_with("1 passed, 2 failed\n"), "{stdout}");
}

#[test]
fn errors_in_the_tests_file_are_reported_with_spans_and_exit_2() {
    let cases = basic().join("invalid.tests.toml");
    let (stdout, stderr, code) = run(&[cases.to_str().unwrap()]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stdout.is_empty(), "no case runs: {stdout}");
    for expected in [
        "tests::unknown-key",
        "invalid.tests.toml:2:1",
        "tests::fixture-missing",
        "invalid.tests.toml:5:11",
        "tests::invalid-decision",
        "unknown field `expect`",
        "the tests file has 4 errors",
    ] {
        assert!(stderr.contains(expected), "{expected} in {stderr}");
    }
}

#[test]
fn unknown_gates_controls_and_statuses_are_errors() {
    let dir = tempfile::TempDir::new().expect("tmp");
    common::copy_tree(&basic(), dir.path());
    std::fs::write(
        dir.path().join("gonogo.tests.toml"),
        "[[test]]\nfixture = \"cases/complete\"\ndecision = \"go\"\ngate = \"deploy\"\ncontrols = { licence = \"PASS\", readme = \"GREEN\" }\n",
    )
    .expect("write");
    let (stdout, stderr, code) = run(&[dir.path().join("gonogo.toml").to_str().unwrap()]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    for expected in [
        "tests::unknown-gate",
        "defined gates: merge, release",
        "tests::unknown-control",
        "the playbook has no control `licence`",
        "tests::invalid-status",
        "`GREEN` is not a control status",
    ] {
        assert!(stderr.contains(expected), "{expected} in {stderr}");
    }
}

#[test]
fn a_missing_tests_file_is_an_error() {
    let playbook = fixtures().join("playbooks/valid-minimal.toml");
    let (_, stderr, code) = run(&[playbook.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("valid-minimal.tests.toml"), "{stderr}");
}
