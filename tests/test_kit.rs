//! The test kit stays the one place that runs git or creates repositories: a test file outside
//! tests/common/ that calls git itself or initialises a repository with libgit2 fails here.

mod common;

use common::crate_root;

#[test]
fn only_the_test_kit_runs_git_or_creates_repositories() {
    // Spelled in pieces so that this file does not match itself.
    let forbidden = [
        format!("Command::new({q}git{q})", q = '"'),
        format!("Repository::{}", "init"),
    ];
    let tests = crate_root().join("tests");
    let mut offenders = Vec::new();
    for entry in std::fs::read_dir(&tests).expect("read tests/") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read a test file");
        for (n, line) in text.lines().enumerate() {
            for needle in &forbidden {
                if line.contains(needle.as_str()) {
                    let name = path.file_name().expect("name").to_string_lossy();
                    offenders.push(format!("tests/{name}:{}: {needle}", n + 1));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "build repositories and run git through tests/common (snapshot.rs, history.rs):\n{}",
        offenders.join("\n")
    );
}
