//! A gate that builds on an earlier one reads that gate's evidence, and accepts it only when it
//! is of that gate, this repository, the checked commit or an ancestor, unedited, and passed
//! (issue 13, point 8).

mod common;

use common::history::{History, day};
use common::*;

const STORED: &str = "qa/gates/first.json";

fn staged() -> History {
    let mut h = History::from_fixture("gates-staged");
    h.commit("Staged gates", day(0));
    h
}

/// Passes gate `first` and commits its evidence where gate `second` looks for it.
fn store_first(h: &mut History) -> serde_json::Value {
    let (ev, code) = check_json(h.root(), &["--gate", "first"]);
    assert_eq!(code, 0, "{ev:#}");
    h.write(STORED, &ev.to_string());
    h.commit("Evidence of the first gate", day(1));
    ev
}

fn second(h: &History) -> (Vec<String>, i32, serde_json::Value) {
    let (ev, code) = check_json(h.root(), &["--gate", "second"]);
    (codes(control(&ev, "first-passed")), code, ev)
}

#[test]
fn the_evidence_of_the_earlier_gate_lets_the_next_one_pass() {
    let mut h = staged();
    let (codes, code, ev) = second(&h);
    assert_eq!(
        (codes, code),
        (vec!["gate-evidence/missing".to_string()], 1)
    );
    let _ = ev;
    store_first(&mut h);
    let (codes, code, ev) = second(&h);
    assert_eq!((codes.len(), code), (0, 0), "{ev:#}");
    assert!(
        control(&ev, "first-passed")["evidence"]
            .to_string()
            .contains("gate `first` decided GO"),
        "{ev:#}"
    );
}

#[test]
fn evidence_of_another_gate_or_an_unpassed_one_does_not_count() {
    let mut h = staged();
    // Genuine evidence, of another gate.
    let (ev, _) = check_json(h.root(), &["--gate", "second-by-note"]);
    h.write(STORED, &ev.to_string());
    h.commit("Evidence of the wrong gate", day(1));
    let (codes, code, _) = second(&h);
    assert_eq!(
        (codes, code),
        (vec!["gate-evidence/wrong-gate".to_string()], 1)
    );

    h.delete("README.md");
    h.commit("No README", day(2));
    let (ev, code) = check_json(h.root(), &["--gate", "first"]);
    assert_eq!(code, 1);
    h.write(STORED, &ev.to_string());
    h.write("README.md", "# Back\n");
    h.commit("Failed evidence stored", day(3));
    let (codes, code, _) = second(&h);
    assert_eq!(
        (codes, code),
        (vec!["gate-evidence/not-passed".to_string()], 1)
    );
}

#[test]
fn evidence_of_another_repository_or_branch_does_not_count() {
    let mut other = staged();
    other.write("NOTES.md", "other\n");
    other.commit("Another repository", day(1));
    let (ev, code) = check_json(other.root(), &["--gate", "first"]);
    assert_eq!(code, 0);
    let mut h = staged();
    h.write(STORED, &ev.to_string());
    h.commit("Evidence copied from elsewhere", day(2));
    let (codes, code, _) = second(&h);
    assert_eq!(
        (codes, code),
        (vec!["gate-evidence/not-an-ancestor".to_string()], 1)
    );

    // Evidence of a state that was never committed does not count either.
    let mut h = staged();
    let (ev, _) = check_json(h.root(), &["--gate", "first", "--worktree"]);
    h.write(STORED, &ev.to_string());
    h.commit("Evidence of the work tree", day(2));
    let (codes, _, _) = second(&h);
    assert_eq!(codes, ["gate-evidence/not-a-commit"]);
}

#[test]
fn an_edited_evidence_file_does_not_count() {
    let mut h = staged();
    h.delete("README.md");
    h.commit("No README", day(1));
    let (mut ev, code) = check_json(h.root(), &["--gate", "first"]);
    assert_eq!((ev["decision"].as_str(), code), (Some("NO_GO"), 1));
    // NO-GO edited into GO: the digest no longer matches.
    ev["decision"] = "GO".into();
    h.write(STORED, &ev.to_string());
    h.write("README.md", "# Back\n");
    h.commit("Edited evidence stored", day(2));
    let (codes, code, ev) = second(&h);
    assert_eq!(
        (codes, code),
        (vec!["gate-evidence/edited".to_string()], 1),
        "{ev:#}"
    );
    // Without its digest it cannot show that it is unedited either.
    let mut stripped: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(h.root().join(STORED)).unwrap()).unwrap();
    stripped.as_object_mut().unwrap().remove("digest");
    h.write(STORED, &stripped.to_string());
    h.commit("Digest removed", day(3));
    let (codes, _, _) = second(&h);
    assert_eq!(codes, ["gate-evidence/edited"]);
}

#[test]
fn a_file_that_is_not_evidence_is_invalid_and_a_plain_folder_is_an_error() {
    let mut h = staged();
    h.write(STORED, "{\"decision\": \"GO\"}\n");
    h.commit("Hand-written evidence", day(1));
    let (codes, code, _) = second(&h);
    assert_eq!(
        (codes, code),
        (vec!["gate-evidence/invalid".to_string()], 1)
    );

    // Real evidence in a folder without history: its commit cannot be placed, so unevaluated.
    let (ev, _) = check_json(h.root(), &["--gate", "first"]);
    let dir = plain_copy("gates-staged");
    std::fs::create_dir_all(dir.path().join("qa/gates")).unwrap();
    std::fs::write(dir.path().join(STORED), ev.to_string()).unwrap();
    let (ev, code) = check_json(dir.path(), &["--gate", "second"]);
    assert_eq!(control(&ev, "first-passed")["status"], "ERROR", "{ev:#}");
    assert_eq!(code, 2, "an ERROR must or should result exits 2");
}

#[test]
fn evidence_kept_in_git_notes_counts_on_descendants() {
    let mut h = staged();
    gonogo()
        .arg("check")
        .arg(h.root())
        .args(["--gate", "first", "--note", "--quiet"])
        .assert()
        .code(0);
    h.write("src/lib.rs", "// later work\n");
    h.commit("Later work", day(2));
    let (ev, code) = check_json(h.root(), &["--gate", "second-by-note"]);
    assert_eq!(code, 0, "{ev:#}");
    assert_eq!(control(&ev, "first-noted")["status"], "PASS");
}

#[test]
fn a_note_holding_two_gates_gives_each_gate_its_own_evidence() {
    let mut h = staged();
    // Gate `first` (GO), then gate `second` (NO-GO: no stored file) on the same commit: the
    // second note must not replace the first.
    for (gate, expected) in [("first", 0), ("second", 1)] {
        gonogo()
            .arg("check")
            .arg(h.root())
            .args(["--gate", gate, "--note", "--quiet"])
            .assert()
            .code(expected);
    }
    let note: serde_json::Value =
        serde_json::from_str(&h.git(&["notes", "--ref=gonogo", "show", "HEAD"])).unwrap();
    assert_eq!(note["gates"]["first"]["decision"], "GO", "{note:#}");
    assert_eq!(note["gates"]["second"]["decision"], "NO_GO", "{note:#}");
    h.write("src/lib.rs", "// later work\n");
    h.commit("Later work", day(2));
    let (ev, code) = check_json(h.root(), &["--gate", "second-by-note"]);
    assert_eq!(code, 0, "{ev:#}");
    let noted = control(&ev, "first-noted");
    assert_eq!(noted["status"], "PASS");
    assert!(
        noted["evidence"]
            .to_string()
            .contains("gate `first` decided GO"),
        "{ev:#}"
    );

    // A note that holds only other gates is evidence of the wrong gate, not of this one.
    let mut h = staged();
    gonogo()
        .arg("check")
        .arg(h.root())
        .args(["--gate", "second", "--note", "--quiet"])
        .assert()
        .code(1);
    h.write("src/lib.rs", "// later work\n");
    h.commit("Later work", day(2));
    let (ev, code) = check_json(h.root(), &["--gate", "second-by-note"]);
    assert_eq!(
        (codes(control(&ev, "first-noted")), code),
        (vec!["gate-evidence/wrong-gate".to_string()], 1)
    );
}
