//! `gonogo fix`: a dry run lists what it would create and writes nothing; `--write` creates
//! what the playbook finds missing, English or German, so that the check is GO afterwards;
//! never over a file, never through a link.

mod common;

use common::history::History;
use common::*;

fn fix(root: &std::path::Path, args: &[&str]) -> (String, i32) {
    let mut cmd = gonogo();
    cmd.arg("fix").arg(root).args(args);
    let (out, err, code) = run_text(cmd);
    (format!("{out}{err}"), code)
}

fn files(root: &std::path::Path) -> Vec<String> {
    let mut out: Vec<String> = walk(root)
        .into_iter()
        .filter(|p| !p.starts_with(".git/") && p != ".git")
        .collect();
    out.sort();
    out
}

fn walk(root: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("read dir") {
            let e = e.expect("entry");
            let rel = e
                .path()
                .strip_prefix(root)
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            if e.file_type().expect("type").is_dir() {
                if rel != ".git" {
                    stack.push(e.path());
                }
            } else {
                out.push(rel);
            }
        }
    }
    out
}

#[test]
fn a_dry_run_lists_and_writes_nothing() {
    let h = History::new();
    let (out, code) = fix(h.root(), &["-p", "preset:default"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Would create"), "{out}");
    assert!(out.contains("  README.md  (for readme)"), "{out}");
    assert!(out.contains("  LICENSE  (for license)"), "{out}");
    assert!(files(h.root()).is_empty(), "{:?}", files(h.root()));
}

#[test]
fn an_empty_repository_is_go_after_fix_write_for_default_and_handover() {
    let mut h = History::new();
    let contact = ["--contact", "ops@acme.test"];
    let (out, code) = fix(
        h.root(),
        &[&["-p", "preset:default", "--write"][..], &contact].concat(),
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Created:\n"), "{out}");
    h.commit("Scaffold", FIXTURE_TIME);
    let (ev, code) = check_json(h.root(), &["-p", "preset:default"]);
    assert_eq!(
        (ev["decision"].as_str(), code),
        (Some("GO"), 0),
        "{}",
        failing_ids(&ev).join(", ")
    );

    let args = ["-p", "preset:handover", "--gate", "handover", "--write"];
    let (out, code) = fix(h.root(), &[&args[..], &contact].concat());
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("  docs/handover.md  (for handover-document)"),
        "{out}"
    );
    assert!(
        out.contains("  docs/restore-tests/2026-01-01.md  (for restore-record)"),
        "{out}"
    );
    // Files the first run made are not made again.
    assert!(!out.contains("README.md"), "{out}");
    h.commit("Scaffold handover", FIXTURE_TIME);
    for gate in ["merge", "handover"] {
        let (ev, code) = check_json(h.root(), &["-p", "preset:handover", "--gate", gate]);
        assert_eq!(
            (ev["decision"].as_str(), code),
            (Some("GO"), 0),
            "{gate}: {}",
            failing_ids(&ev).join(", ")
        );
    }
}

#[test]
fn german_documents_satisfy_the_same_playbook() {
    let mut h = History::new();
    let (out, code) = fix(
        h.root(),
        &[
            "-p",
            "preset:handover",
            "--gate",
            "handover",
            "--write",
            "--lang",
            "de",
            "--contact",
            "ops@acme.test",
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Angelegt:"), "{out}");
    assert!(
        out.contains("  docs/uebergabe.md  (für handover-document)"),
        "{out}"
    );
    let handover = std::fs::read_to_string(h.root().join("docs/uebergabe.md")).expect("written");
    assert!(handover.contains("## Ansprechpartner"), "{handover}");
    assert!(
        h.root()
            .join("docs/adr/0001-architekturentscheidungen-festhalten.md")
            .exists()
    );
    h.commit("Gerüst", FIXTURE_TIME);
    let (ev, code) = check_json(h.root(), &["-p", "preset:handover", "--gate", "handover"]);
    assert_eq!(
        (ev["decision"].as_str(), code),
        (Some("GO"), 0),
        "{}",
        failing_ids(&ev).join(", ")
    );
}

#[test]
fn never_over_a_file_and_never_through_a_link() {
    let h = History::new();
    h.write("README.md", "mine\n");
    h.write("LICENSE", "");
    let (out, code) = fix(h.root(), &["-p", "preset:default", "--write"]);
    assert_eq!(code, 0, "{out}");
    // A file that is there but wrong is for a person to fix: it is named, not replaced.
    assert!(
        out.contains("No template for these controls (fix them by hand):\n  license (files, FAIL)"),
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(h.root().join("LICENSE")).unwrap(),
        ""
    );
    assert_eq!(
        std::fs::read_to_string(h.root().join("README.md")).unwrap(),
        "mine\n"
    );
    assert!(!out.contains("README.md"), "{out}");
    // No contact known: the placeholder is named, so nobody mistakes it for a real one.
    assert!(out.contains("pass --contact EMAIL"), "{out}");

    #[cfg(unix)]
    {
        let h = History::new();
        let outside = tempfile::tempdir().expect("tmp");
        std::os::unix::fs::symlink(outside.path(), h.root().join("docs")).expect("link");
        let (out, code) = fix(h.root(), &["-p", "preset:handover", "--write"]);
        assert_eq!(code, 2, "{out}");
        assert!(
            out.contains(
                "docs/handover.md: not written, `docs` is a symbolic link or not a folder"
            ),
            "{out}"
        );
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    }
}

#[test]
fn the_governance_preset_is_go_after_fix_write_with_the_team_s_roles() {
    let mut h = History::new();
    let book = playbook_arg("governance-team.toml");
    let (out, code) = fix(h.root(), &["-p", &book, "--write"]);
    assert_eq!(code, 0, "{out}");
    for made in [
        "gonogo.toml",
        ".gonogo/playbook.schema.json",
        "docs/decision-rights.md",
        "docs/priorities.md",
        "docs/risks.md",
    ] {
        assert!(out.contains(&format!("  {made}  (for ")), "{made}: {out}");
    }
    // The decision rights are drafted from the playbook's roles and decisions.
    let rights =
        std::fs::read_to_string(h.root().join("docs/decision-rights.md")).expect("written");
    assert!(
        rights.contains("| Decision | product-owner | release-manager |"),
        "{rights}"
    );
    assert!(
        rights.contains("| release approval | A/R | I |"),
        "{rights}"
    );
    // The risk register holds one example risk, reviewed 30 days after the reference date.
    let risks = std::fs::read_to_string(h.root().join("docs/risks.md")).expect("written");
    assert!(risks.contains("| product-owner |"), "{risks}");
    assert!(risks.contains("| open | 2026-01-31 |"), "{risks}");
    let starter = std::fs::read_to_string(h.root().join("gonogo.toml")).expect("written");
    assert!(
        starter.contains("extends = [\"preset:governance\"]"),
        "{starter}"
    );
    h.commit("Scaffold governance", FIXTURE_TIME);
    for gate in ["merge", "steering"] {
        let (ev, code) = check_json(h.root(), &["-p", &book, "--gate", gate]);
        assert_eq!(
            (ev["decision"].as_str(), code),
            (Some("GO"), 0),
            "{gate}: {}",
            failing_ids(&ev).join(", ")
        );
    }
}

#[test]
fn a_plain_folder_is_scaffolded_as_it_is() {
    let dir = tempfile::tempdir().expect("tmp");
    let (out, code) = fix(
        dir.path(),
        &[
            "-p",
            "preset:default",
            "--write",
            "--contact",
            "ops@acme.test",
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert!(dir.path().join("README.md").exists(), "{out}");
    let (ev, code) = check_json(dir.path(), &["-p", "preset:default"]);
    assert_eq!(
        (ev["decision"].as_str(), code),
        (Some("GO"), 0),
        "{}",
        failing_ids(&ev).join(", ")
    );
}

/// Issue 18's acceptance: an empty repository, `fix --write`, then the retainer preset is GO on
/// the merge and the steering gate, and the audit preset's register and assumptions are in place.
#[test]
fn an_empty_repository_is_go_for_the_retainer_preset_after_fix_write() {
    let mut h = History::new();
    for (preset, gates) in [
        ("preset:retainer", &["merge", "steering"][..]),
        ("preset:audit", &["merge", "release"][..]),
    ] {
        for gate in gates {
            let (out, code) = fix(h.root(), &["-p", preset, "--gate", gate, "--write"]);
            assert_eq!(code, 0, "{out}");
            h.commit(&format!("Scaffold {preset} {gate}"), FIXTURE_TIME);
            let (ev, code) = check_json(h.root(), &["-p", preset, "--gate", gate]);
            assert_eq!(
                (ev["decision"].as_str(), code),
                (Some("GO"), 0),
                "{preset} {gate}: {} after\n{out}",
                failing_ids(&ev).join(", ")
            );
        }
    }
}
