//! Notes are never lost (issue 14, point 5): `check --note` updates the notes ref with
//! compare-and-swap, so concurrent writers all land; a commit's note holds the evidence of every
//! gate checked there, keyed by gate; `show` lists them and shows one.

mod common;

use std::collections::BTreeSet;
use std::process::{Child, Output, Stdio};

use common::history::{History, day};
use common::*;
use serde_json::Value;

const GATES: [&str; 6] = [
    "merge",
    "ready-for-integration-test",
    "qa",
    "uat",
    "cab",
    "release",
];

/// A repository whose playbook has `GATES`, each deciding GO on one README control.
fn gated() -> History {
    let mut toml = String::from(
        "[playbook]\nname = \"Gates\"\n\n[[control]]\nid = \"readme\"\nkind = \"files\"\nlevel = \"must\"\ntitle = \"A README\"\nrequire = [\"README.md\"]\n",
    );
    for gate in GATES {
        toml.push_str(&format!("\n[gates.{gate}]\ncontrols = [\"readme\"]\n"));
    }
    let mut h = History::new();
    h.write("gonogo.toml", &toml)
        .write("README.md", "# Service\n");
    h.commit("Initial", day(0));
    h
}

/// Starts `gonogo check --note` on `rev` for `gate` without waiting for it.
fn start_note(h: &History, rev: &str, gate: &str, extra: &[&str]) -> Child {
    gonogo_process()
        .arg("check")
        .arg(h.root())
        .args(["--rev", rev, "--gate", gate, "--note", "-f", "json"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start gonogo")
}

fn finish(children: Vec<Child>) -> Vec<Output> {
    children
        .into_iter()
        .map(|c| c.wait_with_output().expect("wait"))
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The raw note git itself reads for `rev`, parsed.
fn raw_note(h: &History, rev: &str) -> Value {
    let text = h.git(&["notes", "--ref=gonogo", "show", rev]);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("note on {rev}: {e}: {text}"))
}

fn show(h: &History, args: &[&str]) -> (Value, i32, String) {
    let mut cmd = gonogo();
    cmd.args(["show", "--repo"]).arg(h.root()).args(args);
    run_json_or_null(cmd)
}
fn stored_gates(note: &Value) -> Vec<String> {
    note["gates"]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn thirty_concurrent_writers_on_thirty_commits_all_land() {
    let mut h = gated();
    let mut commits = vec![h.rev("HEAD")];
    for i in 1..30 {
        h.write("CHANGELOG.md", &format!("change {i}\n"));
        commits.push(h.commit(&format!("Change {i}"), day(i)));
    }
    let children: Vec<Child> = commits
        .iter()
        .map(|c| start_note(&h, c, "merge", &[]))
        .collect();
    let outputs = finish(children);
    for (commit, out) in commits.iter().zip(&outputs) {
        assert_eq!(out.status.code(), Some(0), "{commit}: {}", stderr(out));
        assert!(
            stderr(out).contains("stored the evidence of gate `merge`"),
            "{}",
            stderr(out)
        );
    }
    let listed = h.git(&["notes", "--ref=gonogo", "list"]);
    assert_eq!(listed.lines().count(), 30, "{listed}");
    for (commit, out) in commits.iter().zip(&outputs) {
        let note = raw_note(&h, commit);
        assert_eq!(stored_gates(&note), ["merge"]);
        assert_eq!(note["gates"]["merge"]["subject"]["commit"], *commit);
        // What each run printed is what its note holds.
        let printed: Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(note["gates"]["merge"]["digest"], printed["digest"]);
    }
}

#[test]
fn concurrent_writers_of_different_gates_on_one_commit_all_land() {
    let h = gated();
    let head = h.rev("HEAD");
    let children: Vec<Child> = GATES
        .iter()
        .map(|g| start_note(&h, &head, g, &[]))
        .collect();
    for out in finish(children) {
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let note = raw_note(&h, "HEAD");
    let mut expected: Vec<String> = GATES.iter().map(|g| g.to_string()).collect();
    expected.sort();
    assert_eq!(stored_gates(&note), expected);
    for gate in GATES {
        assert_eq!(note["gates"][gate]["gate"]["name"], gate);
        let (shown, code, err) = show(&h, &["HEAD", "--gate", gate, "-f", "json"]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(shown, note["gates"][gate], "show --gate {gate}");
    }
    // One notes commit per writer: none was lost, none was merged away.
    let log = h.git(&["rev-list", "--count", "refs/notes/gonogo"]);
    assert_eq!(log.trim(), GATES.len().to_string());
}

#[test]
fn concurrent_writers_of_one_gate_on_one_commit_last_one_wins_and_says_so() {
    let h = gated();
    let head = h.rev("HEAD");
    // Eight runs that differ only in their reference date, so each evidence is recognisable.
    let dates: Vec<String> = (1..=8).map(|d| format!("2026-02-{d:02}")).collect();
    let children: Vec<Child> = dates
        .iter()
        .map(|d| start_note(&h, &head, "merge", &["--as-of", d]))
        .collect();
    let outputs = finish(children);
    let mut stored = 0;
    let mut replaced = 0;
    for out in &outputs {
        assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
        let err = stderr(out);
        if err.contains("stored the evidence of gate `merge`") {
            stored += 1;
        } else if err.contains("replaced the earlier evidence of gate `merge`") {
            replaced += 1;
        } else {
            panic!("says neither stored nor replaced: {err}");
        }
    }
    assert_eq!((stored, replaced), (1, 7));
    // The notes ref has one commit per writer; walking it back gives every writer's evidence
    // once, and the note now holds the last one.
    let chain = h.git(&["rev-list", "refs/notes/gonogo"]);
    let chain: Vec<&str> = chain.lines().collect();
    assert_eq!(chain.len(), 8);
    let mut seen = BTreeSet::new();
    for notes_commit in &chain {
        let text = h.git(&["show", &format!("{notes_commit}:{head}")]);
        let note: Value = serde_json::from_str(&text).expect("note");
        assert_eq!(stored_gates(&note), ["merge"]);
        seen.insert(
            note["gates"]["merge"]["as_of"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    let expected: BTreeSet<String> = dates.iter().map(|d| format!("{d}T00:00:00Z")).collect();
    assert_eq!(seen, expected);
    let last_text = h.git(&["show", &format!("{}:{head}", chain[0])]);
    let last: Value = serde_json::from_str(&last_text).unwrap();
    assert_eq!(raw_note(&h, "HEAD"), last);
}

#[test]
fn a_second_gate_on_the_same_commit_keeps_the_first_and_show_lists_both() {
    let h = gated();
    for gate in ["merge", "ready-for-integration-test"] {
        let out = start_note(&h, "HEAD", gate, &[])
            .wait_with_output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        if gate != "merge" {
            assert!(
                stderr(&out).contains("the note also holds `merge`"),
                "{}",
                stderr(&out)
            );
        }
    }
    assert_eq!(
        stored_gates(&raw_note(&h, "HEAD")),
        ["merge", "ready-for-integration-test"]
    );
    // Without --gate, a note of two gates is listed, for people and as JSON.
    let (listing, code, _) = show(&h, &["HEAD", "-f", "json"]);
    assert_eq!(code, 0);
    assert_eq!(listing["gonogo-notes"], 1);
    assert_eq!(listing["commit"], h.rev("HEAD"));
    assert_eq!(listing["notes_ref"], "refs/notes/gonogo");
    let names: Vec<&str> = listing["gates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["gate"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["merge", "ready-for-integration-test"]);
    assert_eq!(listing["gates"][0]["decision"], "GO");
    assert!(
        listing["gates"][0]["digest"]
            .as_str()
            .unwrap()
            .starts_with("sha256:")
    );
    let out = gonogo()
        .args(["show", "--repo"])
        .arg(h.root())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(text.contains("2 gate(s)"), "{text}");
    assert!(text.contains("ready-for-integration-test  GO"), "{text}");
    assert!(text.contains("--gate NAME"), "{text}");
    // A gate that is not stored is exit 2 naming those that are; a report format needs a gate.
    let (_, code, err) = show(&h, &["HEAD", "--gate", "uat"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no evidence of gate `uat`") && err.contains("`merge`"),
        "{err}"
    );
    let (_, code, err) = show(&h, &["HEAD", "-f", "markdown"]);
    assert_eq!(code, 2);
    assert!(err.contains("choose one with --gate"), "{err}");
    let (shown, code, _) = show(&h, &["HEAD", "--gate", "merge", "-f", "json"]);
    assert_eq!((shown["gate"]["name"].as_str(), code), (Some("merge"), 0));
    // --list lists even a single gate.
    let other = gated();
    start_note(&other, "HEAD", "qa", &[]).wait().unwrap();
    let (listing, code, _) = show(&other, &["HEAD", "--list", "-f", "json"]);
    assert_eq!(
        (listing["gates"][0]["gate"].as_str(), code),
        (Some("qa"), 0)
    );
}

#[test]
fn an_old_single_evidence_note_is_read_and_kept_when_another_gate_is_added() {
    let h = gated();
    let (evidence, code) = check_json(h.root(), &["--gate", "merge"]);
    assert_eq!(code, 0);
    // A note as gonogo wrote it before notes held several gates: the evidence alone.
    h.git(&[
        "notes",
        "--ref=gonogo",
        "add",
        "-m",
        &evidence.to_string(),
        "HEAD",
    ]);
    let (shown, code, err) = show(&h, &["HEAD", "-f", "json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(shown, evidence);
    let out = start_note(&h, "HEAD", "qa", &[])
        .wait_with_output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let note = raw_note(&h, "HEAD");
    assert_eq!(stored_gates(&note), ["merge", "qa"]);
    assert_eq!(note["gates"]["merge"], evidence);
}

#[test]
fn a_note_that_is_not_gonogos_is_never_replaced() {
    let h = gated();
    h.git(&[
        "notes",
        "--ref=commits",
        "add",
        "-m",
        "Reviewed with the auditors on 2026-01-02",
        "HEAD",
    ]);
    let out = start_note(&h, "HEAD", "merge", &["--notes-ref", "commits"])
        .wait_with_output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("is not gonogo's") && err.contains("not stored"),
        "{err}"
    );
    assert_eq!(
        h.git(&["notes", "--ref=commits", "show", "HEAD"]).trim(),
        "Reviewed with the auditors on 2026-01-02"
    );
}

#[test]
fn notes_in_a_fanned_out_notes_tree_are_found_and_updated_in_place() {
    let mut h = gated();
    h.write("CHANGELOG.md", "one\n");
    h.commit("One", day(1));
    // git fans the notes tree out (`ab/cdef…`) once it holds many notes; build that layout
    // by hand for HEAD's note, as git would have left it.
    let out = start_note(&h, "HEAD", "merge", &[])
        .wait_with_output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let head = h.rev("HEAD");
    {
        let repo = open_repo(h.root());
        let notes = repo.find_reference("refs/notes/gonogo").unwrap();
        let parent = notes.peel_to_commit().unwrap();
        let blob = parent.tree().unwrap().get_name(&head).unwrap().id();
        let mut sub = repo.treebuilder(None).unwrap();
        sub.insert(&head[2..], blob, 0o100644).unwrap();
        let sub = sub.write().unwrap();
        let mut root = repo.treebuilder(None).unwrap();
        root.insert(&head[..2], sub, 0o040000).unwrap();
        let root = repo.find_tree(root.write().unwrap()).unwrap();
        let sig = fixture_signature(day(1));
        repo.commit(
            Some("refs/notes/gonogo"),
            &sig,
            &sig,
            "fan out",
            &root,
            &[&parent],
        )
        .unwrap();
    }
    assert_eq!(stored_gates(&raw_note(&h, "HEAD")), ["merge"]);

    let out = start_note(&h, "HEAD", "qa", &[])
        .wait_with_output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Still one note for HEAD, in the fanned-out place, holding both gates.
    let tree = h.git(&["ls-tree", "-r", "--name-only", "refs/notes/gonogo"]);
    assert_eq!(tree.trim(), format!("{}/{}", &head[..2], &head[2..]));
    assert_eq!(stored_gates(&raw_note(&h, "HEAD")), ["merge", "qa"]);
    let (shown, code, _) = show(&h, &["HEAD", "--gate", "qa", "-f", "json"]);
    assert_eq!((shown["gate"]["name"].as_str(), code), (Some("qa"), 0));
}
