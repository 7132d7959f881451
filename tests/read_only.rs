//! The read-only guarantee: a check changes nothing in the repository it reads — not the
//! working tree, not `.git` — in every mode; `--note` adds only the note and its objects.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::history::History;
use common::*;

/// Every file and link below `root` (`.git` included) with its content digest and mode.
fn fingerprint_tree(root: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(root).follow_links(false) {
        let entry = entry.expect("walk");
        let rel = entry
            .path()
            .strip_prefix(root)
            .expect("prefix")
            .to_string_lossy()
            .to_string();
        let meta = entry.path().symlink_metadata().expect("meta");
        let value = if meta.file_type().is_symlink() {
            format!(
                "link:{}",
                std::fs::read_link(entry.path()).expect("link").display()
            )
        } else if meta.is_file() {
            let bytes = std::fs::read(entry.path()).expect("read");
            format!(
                "file:{:o}:{}",
                std::os::unix::fs::PermissionsExt::mode(&meta.permissions()),
                git2::Oid::hash_object(git2::ObjectType::Blob, &bytes).expect("hash")
            )
        } else {
            format!(
                "dir:{:o}",
                std::os::unix::fs::PermissionsExt::mode(&meta.permissions())
            )
        };
        out.insert(rel, value);
    }
    out
}

fn changed(before: &BTreeMap<String, String>, after: &BTreeMap<String, String>) -> Vec<String> {
    let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| before.get(*k) != after.get(*k))
        .cloned()
        .collect()
}

/// A repository with history, a tag, staged and unstaged changes, and an untracked file.
fn busy_repo() -> History {
    let mut h = History::from_fixture("compliant");
    h.commit("Initial commit", FIXTURE_TIME);
    h.tag("v1.0.0");
    h.write("CHANGELOG.md", "# Changelog\n\n## 1.1.0\n");
    h.commit("Changelog", FIXTURE_TIME + 86_400);
    h.write("README.md", "# Shop\n\nStaged change.\n")
        .stage("README.md");
    h.write("SECURITY.md", "Unstaged change.\n");
    h.write("NOTES.txt", "untracked\n");
    h
}
#[test]
fn no_mode_changes_anything() {
    let repo = busy_repo();
    let evidence_dir = tempfile::TempDir::new().expect("tmp");
    let evidence = evidence_dir.path().join("evidence.json");
    let before = fingerprint_tree(repo.root());
    let modes: Vec<Vec<String>> = vec![
        vec![],
        vec!["--rev".into(), "v1.0.0".into()],
        vec!["--staged".into()],
        vec!["--worktree".into()],
        vec!["--base".into(), "v1.0.0".into()],
        vec!["--worktree".into(), "--base".into(), "v1.0.0".into()],
        vec![
            "--playbook".into(),
            "preset:delivery".into(),
            "--gate".into(),
            "merge".into(),
        ],
        vec!["--playbook".into(), "preset:handover".into()],
        vec![
            "-o".into(),
            format!("json={}", evidence.display()),
            "--format".into(),
            "html".into(),
        ],
    ];
    for args in &modes {
        let out = gonogo()
            .arg("check")
            .arg(repo.root())
            .args(args)
            .output()
            .expect("run");
        assert!(
            matches!(out.status.code(), Some(0..=2)),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let after = fingerprint_tree(repo.root());
        assert_eq!(
            changed(&before, &after),
            Vec::<String>::new(),
            "check {args:?} changed the repository"
        );
    }
    for args in [
        vec![
            "report".to_string(),
            evidence.display().to_string(),
            "--format".into(),
            "sarif".into(),
        ],
        vec!["verify".to_string(), evidence.display().to_string()],
        vec![
            "diff".to_string(),
            evidence.display().to_string(),
            evidence.display().to_string(),
        ],
        vec![
            "playbook".to_string(),
            "validate".into(),
            "preset:quality-gates".into(),
        ],
    ] {
        gonogo()
            .current_dir(repo.root())
            .args(&args)
            .output()
            .expect("run");
        assert_eq!(
            changed(&before, &fingerprint_tree(repo.root())),
            Vec::<String>::new(),
            "{args:?}"
        );
    }
    // A plain folder too.
    let plain = plain_copy("compliant");
    let before = fingerprint_tree(plain.path());
    gonogo()
        .arg("check")
        .arg(plain.path())
        .output()
        .expect("run");
    assert_eq!(
        changed(&before, &fingerprint_tree(plain.path())),
        Vec::<String>::new()
    );
}

#[test]
fn a_note_adds_only_the_note() {
    let repo = busy_repo();
    let before = fingerprint_tree(repo.root());
    gonogo()
        .arg("check")
        .arg(repo.root())
        .args(["--note", "-q"])
        .assert()
        .code(0);
    let diff = changed(&before, &fingerprint_tree(repo.root()));
    assert!(!diff.is_empty());
    for path in &diff {
        let allowed = path.starts_with(".git/objects/")
            || path == ".git/refs/notes"
            || path == ".git/refs/notes/gonogo"
            || path.starts_with(".git/logs/refs/notes");
        assert!(allowed, "--note changed {path}");
        assert!(
            !before.contains_key(path)
                || !path.starts_with(".git/objects/")
                || before[path].starts_with("dir:"),
            "an existing object changed: {path}"
        );
    }
    assert!(
        diff.iter().any(|p| p == ".git/refs/notes/gonogo"),
        "{diff:?}"
    );
    gonogo()
        .arg("show")
        .args(["--repo"])
        .arg(repo.root())
        .args(["HEAD", "--format", "json"])
        .assert()
        .code(0);
    let after_show = fingerprint_tree(repo.root());
    gonogo()
        .arg("show")
        .args(["--repo"])
        .arg(repo.root())
        .args(["HEAD"])
        .assert()
        .code(0);
    assert_eq!(
        changed(&after_show, &fingerprint_tree(repo.root())),
        Vec::<String>::new()
    );
}
