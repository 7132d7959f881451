//! `--format in-toto`: an in-toto Statement v1 around the evidence, bound to the commit.

mod common;

use common::*;
use predicates::prelude::*;

#[test]
fn statement_binds_the_evidence_to_the_commit() {
    let repo = git_repo("compliant");
    let out = gonogo()
        .arg("check")
        .arg(repo.path())
        .args(["--format", "in-toto"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let st: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(st["_type"], "https://in-toto.io/Statement/v1");
    assert_eq!(
        st["predicateType"],
        "https://gonogo.dev/attestation/evidence/v1"
    );
    let (ev, _) = check_json(repo.path(), &[]);
    assert_eq!(
        st["predicate"], ev,
        "the predicate is the evidence, unchanged"
    );
    assert_eq!(
        st["subject"][0]["digest"]["gitCommit"],
        ev["subject"]["commit"]
    );
    assert_eq!(st["subject"][0]["digest"]["gitTree"], ev["subject"]["tree"]);
    assert_eq!(st["subject"][0]["name"], ev["subject"]["root"]);

    // The same statement from stored evidence, without re-checking.
    let dir = tempfile::TempDir::new().expect("tmp");
    let file = dir.path().join("evidence.json");
    std::fs::write(&file, serde_json::to_string(&ev).expect("json")).expect("write");
    let again = gonogo()
        .arg("report")
        .arg(&file)
        .args(["--format", "in-toto"])
        .output()
        .expect("run");
    assert_eq!(again.stdout, out.stdout);
}

#[test]
fn only_commits_can_be_attested() {
    let repo = git_repo("compliant");
    for mode in ["--worktree", "--staged"] {
        gonogo()
            .arg("check")
            .arg(repo.path())
            .args([mode, "--format", "in-toto"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("attests a commit"));
    }
    let plain = plain_copy("compliant");
    gonogo()
        .arg("check")
        .arg(plain.path())
        .args(["--format", "in-toto"])
        .assert()
        .code(2);
}
