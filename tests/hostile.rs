//! Hostile repositories: each case has a defined outcome — a finding, an ERROR status, or a
//! clear exit 2 naming the cause — never a panic, a hang or a silent pass.

mod common;

use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::Duration;

use common::*;
use predicates::prelude::*;

/// A playbook that reads the README and every ADR.
const READING: &str = r#"
[playbook]
name = "reads content"

[[control]]
id = "readme"
kind = "files"
level = "must"
title = "README has words"
require = ["README*"]
must-match = ['\w+']

[[control]]
id = "adr"
kind = "adr"
level = "should"
title = "ADRs"
min-count = 0
"#;

fn playbook_file(dir: &Path) -> std::path::PathBuf {
    let p = dir.join("hostile-playbook.toml");
    std::fs::write(&p, READING).expect("write playbook");
    p
}

/// Runs a check with a time limit; a hang fails the test instead of the suite.
fn check(repo: &Path, extra: &[&str]) -> (serde_json::Value, i32, String) {
    let pb_dir = tempfile::TempDir::new().expect("tmp");
    let pb = playbook_file(pb_dir.path());
    let mut cmd = gonogo();
    cmd.timeout(Duration::from_secs(60))
        .arg("check")
        .arg(repo)
        .args(["--format", "json", "--playbook"])
        .arg(&pb)
        .args(extra);
    let (ev, code, stderr) = run_json_or_null(cmd);
    assert!(!stderr.contains("internal error"), "panic: {stderr}");
    (ev, code, stderr)
}

fn repo_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::TempDir::new().expect("tmp");
    for (path, content) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, content).expect("write");
    }
    snapshot(dir.path(), "hostile");
    dir
}

fn readme_codes(ev: &serde_json::Value) -> Vec<String> {
    codes(control(ev, "readme"))
}

#[test]
fn symlinks_out_of_the_repository_are_never_followed() {
    let dir = repo_with(&[("docs/adr/0001-a.md", b"# 1. A\n\n## Status\n\nAccepted\n")]);
    symlink("/etc/passwd", dir.path().join("README.md")).expect("symlink");
    symlink("loop-b", dir.path().join("loop-a")).expect("symlink");
    symlink("loop-a", dir.path().join("loop-b")).expect("symlink");
    symlink("/etc", dir.path().join("docs/adr/0002-escape.md")).expect("symlink");
    let git = open_repo(dir.path());
    commit_all(&git, "links", FIXTURE_TIME + 1);
    for mode in [&[][..], &["--worktree"][..], &["--staged"][..]] {
        let (ev, code, _) = check(dir.path(), mode);
        assert_eq!(code, 1, "{mode:?}");
        assert_eq!(readme_codes(&ev), ["files/unreadable"], "{mode:?}");
        let text = serde_json::to_string(&ev).expect("json");
        assert!(
            !text.contains("root:x:0"),
            "followed a link out of the repository: {mode:?}"
        );
        assert!(
            control(&ev, "readme")["findings"][0]["message"]
                .as_str()
                .unwrap_or("")
                .contains("symbolic link")
        );
    }
}

#[test]
fn special_files_and_huge_files_are_reported_not_read() {
    let dir = repo_with(&[
        ("docs/adr/0001-a.md", b"# 1. A\n\n## Status\n\nAccepted\n"),
        ("README.md", b"Hello\n"),
    ]);
    // A tracked file replaced on disk by a FIFO would block a naive reader forever.
    std::fs::remove_file(dir.path().join("README.md")).expect("rm");
    let status = std::process::Command::new("mkfifo")
        .arg(dir.path().join("README.md"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    // git sees no file there; the plain-folder walk sees the FIFO and refuses to read it.
    let (ev, _, _) = check(dir.path(), &["--worktree"]);
    assert_eq!(readme_codes(&ev), ["files/missing"]);
    let plain = tempfile::TempDir::new().expect("tmp");
    let status = std::process::Command::new("mkfifo")
        .arg(plain.path().join("README.md"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let (ev, _, _) = check(plain.path(), &[]);
    assert_eq!(readme_codes(&ev), ["files/unreadable"]);
    assert!(
        control(&ev, "readme")["findings"][0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("not a regular file")
    );
    std::fs::remove_file(dir.path().join("README.md")).expect("rm");

    // A 2 GiB sparse file costs nothing to make and must not be read.
    let f = std::fs::File::create(dir.path().join("README.md")).expect("create");
    f.set_len(2 << 30).expect("sparse");
    let (ev, _, _) = check(dir.path(), &["--worktree"]);
    assert_eq!(readme_codes(&ev), ["files/unreadable"]);
    let msg = control(&ev, "readme")["findings"][0]["message"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(
        msg.contains("2,147,483,648 bytes") && msg.contains("--max-file-size"),
        "{msg}"
    );
}

#[test]
fn binary_non_utf8_crlf_bom_and_empty_content() {
    let mut binary = b"# 1. Binary\n\x00\x01\x02".to_vec();
    binary.extend(std::iter::repeat_n(0u8, 100));
    let dir = repo_with(&[
        ("README.md", b"\xEF\xBB\xBF# Title\r\n\r\nWords \xff\xfe here.\r\n"),
        ("docs/adr/0001-binary.md", &binary),
        ("docs/adr/0002-crlf.md", b"\xEF\xBB\xBF# 2. CRLF\r\n\r\nDate: 2024-01-02\r\n\r\n## Status\r\n\r\nAccepted\r\n\r\n## Context\r\n\r\nx\r\n\r\n## Decision\r\n\r\ny\r\n"),
        ("docs/adr/0003-empty.md", b""),
        ("docs/adr/0004-bad-yaml.md", b"---\nstatus: [unclosed\n---\n# 4. Bad\n"),
    ]);
    let (ev, _, _) = check(dir.path(), &[]);
    assert_eq!(control(&ev, "readme")["status"], "PASS");
    let adr = control(&ev, "adr");
    let log: Vec<(&str, &str)> = adr["records"]
        .as_array()
        .expect("records")
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap_or(""),
                r["status"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert!(log.contains(&("0002", "accepted")), "{log:?}");
    let found = codes(adr);
    assert!(found.contains(&"adr/unreadable".to_string()), "{found:?}");
    assert!(
        found.contains(&"adr/invalid-front-matter".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"adr/missing-status".to_string()),
        "the empty record: {found:?}"
    );
}

#[test]
fn non_utf8_names_and_names_differing_in_case() {
    use std::os::unix::ffi::OsStrExt;
    // Neighbouring names that share the first byte of a two-byte character (Ä = C3 84, Ü = C3 9C).
    let dir = repo_with(&[
        ("README.md", b"Hello\n"),
        ("readme.md", b"other\n"),
        ("\u{c4}nderungen.md", b"x\n"),
        ("\u{dc}bersicht/plan.md", b"y\n"),
    ]);
    std::fs::create_dir_all(dir.path().join("docs/adr")).expect("mkdir");
    let odd = std::ffi::OsStr::from_bytes(b"docs/adr/0001-caf\xe9.md");
    std::fs::write(
        dir.path().join(odd),
        b"# 1. Cafe\n\n## Status\n\nAccepted\n",
    )
    .expect("write");
    let git = open_repo(dir.path());
    commit_all(&git, "odd names", FIXTURE_TIME + 1);
    let (ev, code, _) = check(dir.path(), &[]);
    assert!(code == 0 || code == 1);
    assert_eq!(ev["subject"]["files"], 5);
    assert_eq!(control(&ev, "readme")["status"], "PASS");
    let (ev, _, _) = check(dir.path(), &["--worktree"]);
    assert_eq!(ev["subject"]["files"], 5);
}

#[test]
fn deep_nesting_and_long_lines_do_not_exhaust_the_stack() {
    let deep_quote = "> ".repeat(10_000) + "Status: Accepted\n";
    let deep_list: String = (0..10_000)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect();
    let long_line = "a".repeat(1 << 20);
    let dir = repo_with(&[
        ("README.md", long_line.as_bytes()),
        (
            "docs/adr/0001-deep.md",
            format!("# 1. Deep\n\n{deep_quote}\n{deep_list}").as_bytes(),
        ),
        (
            "docs/adr/0002-brackets.md",
            ("[".repeat(50_000) + "x" + &"]".repeat(50_000)).as_bytes(),
        ),
    ]);
    let (ev, code, _) = check(dir.path(), &[]);
    assert!(code == 0 || code == 1, "exit {code}");
    assert_eq!(control(&ev, "readme")["status"], "PASS");
}

#[test]
fn submodules_are_listed_not_descended() {
    let dir = repo_with(&[("README.md", b"Hello\n")]);
    let git = open_repo(dir.path());
    // A gitlink entry pointing at a commit that is not here, as an uninitialised submodule is.
    let mut index = git.index().expect("index");
    let entry = git2::IndexEntry {
        ctime: git2::IndexTime::new(0, 0),
        mtime: git2::IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode: 0o160000,
        uid: 0,
        gid: 0,
        file_size: 0,
        id: git2::Oid::from_str("1111111111111111111111111111111111111111").expect("oid"),
        flags: 0,
        flags_extended: 0,
        path: b"vendor/lib".to_vec(),
    };
    index.add(&entry).expect("add gitlink");
    index.write().expect("write");
    let tree = git
        .find_tree(index.write_tree().expect("tree"))
        .expect("tree");
    let sig = fixture_signature(FIXTURE_TIME + 1);
    let head = git.head().expect("head").peel_to_commit().expect("commit");
    git.commit(Some("HEAD"), &sig, &sig, "submodule", &tree, &[&head])
        .expect("commit");
    let (ev, code, _) = check(dir.path(), &[]);
    assert_eq!(code, 0, "{ev:#}");
    assert_eq!(ev["subject"]["files"], 2);
}

#[test]
fn missing_objects_are_named() {
    let dir = repo_with(&[("README.md", b"Hello world\n")]);
    let git = open_repo(dir.path());
    let blob = git
        .head()
        .expect("head")
        .peel_to_tree()
        .expect("tree")
        .get_name("README.md")
        .expect("entry")
        .id();
    let hex = blob.to_string();
    let object = dir
        .path()
        .join(".git/objects")
        .join(&hex[..2])
        .join(&hex[2..]);
    std::fs::remove_file(&object).expect("remove object");
    let (ev, code, _) = check(dir.path(), &[]);
    assert_eq!(code, 2, "an ERROR must or should result exits 2");
    // Nothing was checked there: ERROR naming the object, not a waivable finding.
    let readme = control(&ev, "readme");
    assert_eq!(readme["status"], "ERROR", "{readme:#}");
    let msg = readme["reason"].as_str().unwrap_or("").to_string();
    assert!(msg.contains(&hex), "the missing object is named: {msg}");

    // A corrupt tree stops the check with exit 2, naming the repository problem.
    let tree = git
        .head()
        .expect("head")
        .peel_to_tree()
        .expect("tree")
        .id()
        .to_string();
    let tree_file = dir
        .path()
        .join(".git/objects")
        .join(&tree[..2])
        .join(&tree[2..]);
    let mut perms = std::fs::metadata(&tree_file).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o644);
    std::fs::set_permissions(&tree_file, perms).expect("chmod");
    std::fs::write(&tree_file, b"garbage").expect("corrupt");
    let (_, code, stderr) = check(dir.path(), &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("repository"), "{stderr}");
}

#[test]
fn detached_head_is_checked() {
    let dir = repo_with(&[("README.md", b"Hello\n")]);
    let git = open_repo(dir.path());
    let head = git.head().expect("head").target().expect("oid");
    git.set_head_detached(head).expect("detach");
    let (ev, code, _) = check(dir.path(), &[]);
    assert_eq!(code, 0);
    assert_eq!(ev["subject"]["commit"], head.to_string());
    assert_eq!(ev["subject"]["reference"], "HEAD");
}

#[test]
fn a_panic_is_a_short_report_and_exit_2() {
    gonogo()
        .env("GONOGO_INTERNAL_PANIC_TEST", "1")
        .arg("controls")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("internal error")
                .and(predicate::str::contains(env!("CARGO_PKG_VERSION")))
                .and(predicate::str::contains("Please report it"))
                .and(predicate::str::contains("stack backtrace").not()),
        );
}
