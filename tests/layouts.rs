//! Every repository layout (issue 14, point 4): the work tree (or none) is found the way git
//! finds it, the playbook is discovered in that work tree or commit, and no file outside the
//! work tree is listed. Layouts: `git init --separate-git-dir`, `GIT_DIR` / `GIT_WORK_TREE`, a
//! linked worktree, a submodule's checkout (`.git` is a file), a bare repository, and a path
//! inside a git directory.
//!
//! Each repository commits its own playbook (`layout-own`), whose one `should` control forbids
//! every path, so that its findings list every file of the checked state (GO WITH CONDITIONS,
//! exit 0). A decoy playbook and a decoy file lie in the folder around the repository, where
//! the old lookup rooted a `--separate-git-dir` repository: neither may be read.

mod common;

use std::path::{Path, PathBuf};

use common::history::{History, day, git_in};
use common::{check_json_env, control, gonogo};
use serde_json::Value;

const OWN: &str = r#"[playbook]
name = "layout-own"

[[control]]
id = "listing"
kind = "files"
level = "should"
title = "Every file, listed"
forbid = ["**"]
"#;

const DECOY: &str = r#"[playbook]
name = "decoy-outside"

[[control]]
id = "decoy"
kind = "files"
level = "must"
title = "Read from outside the work tree"
require = ["decoy-never-there"]
"#;

/// A repository with its playbook, two files and one commit; decoys in the folder around it.
fn populate(h: &mut History, name: &str) {
    h.write("gonogo.toml", &OWN.replace("layout-own", name));
    h.write("README.md", "# Layouts\n");
    h.write("src/lib.rs", "pub fn x() {}\n");
    h.commit("Initial", day(0));
    let around = h.root().parent().expect("parent");
    std::fs::write(around.join("gonogo.toml"), DECOY).expect("decoy");
    std::fs::write(around.join("decoy.txt"), "outside\n").expect("decoy");
}

const COMMITTED: [&str; 3] = ["README.md", "gonogo.toml", "src/lib.rs"];

/// The paths the listing control found: every file of the checked state.
fn listed(ev: &Value) -> Vec<String> {
    let mut v: Vec<String> = control(ev, "listing")["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["path"].as_str().map(str::to_string))
        .collect();
    v.sort();
    v
}

fn canonical(p: &Path) -> String {
    std::fs::canonicalize(p)
        .expect("canonical")
        .to_str()
        .expect("utf-8")
        .to_string()
}

/// The root, the playbook and the file list of a check; nothing of the decoys.
fn assert_checked(ev: &Value, code: i32, root: &Path, playbook: &str, files: &[&str]) {
    assert_eq!(ev["subject"]["root"], canonical(root), "{ev:#}");
    assert_eq!(ev["playbook"]["name"], playbook, "{ev:#}");
    assert_eq!(ev["playbook"]["path"], "gonogo.toml");
    assert_eq!(listed(ev), files, "{ev:#}");
    assert_eq!(ev["subject"]["files"], files.len());
    assert!(
        !ev.to_string().contains("decoy"),
        "a decoy was read: {ev:#}"
    );
    assert_eq!(code, 0, "{ev:#}");
}

/// A check that must fail before deciding: exit 2 with `message` on stderr.
fn assert_refused(path: &Path, args: &[&str], env: &[(&str, &str)], message: &str) {
    let mut cmd = gonogo();
    cmd.arg("check").arg(path).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(stderr.contains(message), "{args:?}: {stderr}");
}

fn with_untracked(files: &[&str], extra: &str) -> Vec<String> {
    let mut v: Vec<String> = files.iter().map(|f| f.to_string()).collect();
    v.push(extra.to_string());
    v.sort();
    v
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn a_separate_git_dir_repository_is_rooted_at_its_work_tree() {
    let mut h = History::separate_git_dir();
    populate(&mut h, "layout-own");
    let git_dir = h.git_dir();
    assert_eq!(git_dir, h.sibling("repo.git"));
    assert!(h.root().join(".git").is_file());
    h.write("notes.txt", "untracked\n");
    for mode in [&[][..], &["--rev", "main"], &["--staged"]] {
        let (ev, code) = check_json_env(h.root(), mode, &[]);
        assert_checked(&ev, code, h.root(), "layout-own", &COMMITTED);
    }
    // The files on disk: the work tree's, the untracked one included; nothing of the folder
    // around it nor of the git directory.
    let (ev, code) = check_json_env(h.root(), &["--worktree"], &[]);
    let files = with_untracked(&COMMITTED, "notes.txt");
    assert_checked(&ev, code, h.root(), "layout-own", &strs(&files));
    // From a sub-folder, as git finds it.
    let (ev, code) = check_json_env(&h.root().join("src"), &["--worktree"], &[]);
    assert_checked(&ev, code, h.root(), "layout-own", &strs(&files));
}

#[test]
fn a_git_directory_checked_directly_has_no_work_tree() {
    // git: a git directory reached directly has no work tree (`git -C repo.git status` fails).
    let mut h = History::separate_git_dir();
    populate(&mut h, "layout-own");
    let git_dir = h.git_dir();
    let (ev, code) = check_json_env(&git_dir, &[], &[]);
    assert_checked(&ev, code, &git_dir, "layout-own", &COMMITTED);
    let (ev, code) = check_json_env(&git_dir.join("refs"), &["--rev", "main"], &[]);
    assert_checked(&ev, code, &git_dir, "layout-own", &COMMITTED);
    for mode in ["--staged", "--worktree"] {
        assert_refused(&git_dir, &[mode], &[], "has no work tree");
    }
    // The same inside an ordinary repository's `.git`.
    let mut plain = History::new();
    populate(&mut plain, "layout-own");
    let dot_git = plain.root().join(".git");
    let (ev, code) = check_json_env(&dot_git, &[], &[]);
    assert_checked(&ev, code, &dot_git, "layout-own", &COMMITTED);
    assert_refused(&dot_git, &["--worktree"], &[], "has no work tree");
}

#[test]
fn git_dir_and_git_work_tree_choose_the_repository_as_in_git() {
    let mut h = History::separate_git_dir();
    populate(&mut h, "layout-own");
    h.write("notes.txt", "untracked\n");
    let git_dir = h.git_dir();
    let (gd, wt) = (
        git_dir.to_str().expect("utf-8"),
        h.root().to_str().expect("utf-8"),
    );
    // Both given: PATH does not matter (here the folder around the repository).
    let around = h.root().parent().expect("parent").to_path_buf();
    let env = [("GIT_DIR", gd), ("GIT_WORK_TREE", wt)];
    for mode in [&[][..], &["--staged"]] {
        let (ev, code) = check_json_env(&around, mode, &env);
        assert_checked(&ev, code, h.root(), "layout-own", &COMMITTED);
    }
    let files = with_untracked(&COMMITTED, "notes.txt");
    let (ev, code) = check_json_env(&around, &["--worktree"], &env);
    assert_checked(&ev, code, h.root(), "layout-own", &strs(&files));
    // GIT_DIR alone (as in a hook): the work tree is PATH, as git takes the current folder;
    // a relative GIT_DIR is taken from PATH, as `git -C PATH` takes it.
    let (ev, code) = check_json_env(h.root(), &["--worktree"], &[("GIT_DIR", "../repo.git")]);
    assert_checked(&ev, code, h.root(), "layout-own", &strs(&files));
    // GIT_DIR of a bare repository: no work tree.
    let bare = h.bare_clone("bare.git");
    let bare_s = bare.to_str().expect("utf-8");
    let (ev, code) = check_json_env(h.root(), &[], &[("GIT_DIR", bare_s)]);
    assert_checked(&ev, code, &bare, "layout-own", &COMMITTED);
    assert_refused(
        h.root(),
        &["--worktree"],
        &[("GIT_DIR", bare_s)],
        "no work tree",
    );
    // A GIT_DIR that is no repository is an error, never a plain-folder check of PATH.
    let nowhere = around.join("nowhere");
    std::fs::create_dir_all(&nowhere).expect("mkdir");
    let nowhere_s = nowhere.to_str().expect("utf-8");
    assert_refused(h.root(), &[], &[("GIT_DIR", nowhere_s)], "GIT_DIR=");
}

#[test]
fn git_work_tree_alone_moves_the_work_tree_of_the_discovered_repository() {
    let mut h = History::new();
    populate(&mut h, "layout-own");
    // A second checkout of the same commit elsewhere, named by GIT_WORK_TREE.
    let other = h.sibling("elsewhere");
    std::fs::create_dir_all(other.join("src")).expect("mkdir");
    for f in COMMITTED {
        std::fs::copy(h.root().join(f), other.join(f)).expect("copy");
    }
    std::fs::write(other.join("extra.txt"), "only here\n").expect("write");
    let other_s = other.to_str().expect("utf-8");
    let (ev, code) = check_json_env(h.root(), &["--worktree"], &[("GIT_WORK_TREE", other_s)]);
    let files = with_untracked(&COMMITTED, "extra.txt");
    assert_checked(&ev, code, &other, "layout-own", &strs(&files));
}

#[test]
fn a_linked_worktree_is_checked_at_its_own_head_and_files() {
    let mut h = History::new();
    populate(&mut h, "layout-own");
    let wt = h.worktree_add("wt", "feature");
    // The linked worktree's branch has its own playbook; the main worktree keeps the old one.
    std::fs::write(
        wt.join("gonogo.toml"),
        OWN.replace("layout-own", "layout-feature"),
    )
    .expect("write");
    git_in(
        &wt,
        &["commit", "--quiet", "-am", "Feature playbook"],
        day(1),
    );
    std::fs::write(wt.join("wt-only.txt"), "untracked here\n").expect("write");
    h.write("main-only.txt", "untracked in the main worktree\n");
    assert!(wt.join(".git").is_file());
    for mode in [&[][..], &["--rev", "feature"], &["--staged"]] {
        let (ev, code) = check_json_env(&wt, mode, &[]);
        assert_checked(&ev, code, &wt, "layout-feature", &COMMITTED);
    }
    let (ev, code) = check_json_env(&wt, &["--worktree"], &[]);
    let files = with_untracked(&COMMITTED, "wt-only.txt");
    assert_checked(&ev, code, &wt, "layout-feature", &strs(&files));
    // The main worktree is still its own.
    let (ev, code) = check_json_env(h.root(), &["--worktree"], &[]);
    let files = with_untracked(&COMMITTED, "main-only.txt");
    assert_checked(&ev, code, h.root(), "layout-own", &strs(&files));
}

#[test]
fn a_submodule_checkout_is_its_own_repository() {
    let mut lib = History::new();
    lib.write("gonogo.toml", &OWN.replace("layout-own", "layout-lib"));
    lib.write("lib.rs", "pub fn lib() {}\n");
    lib.commit("Library", day(0));
    let mut h = History::new();
    populate(&mut h, "layout-own");
    let sub = h.submodule_add(&lib, "vendor/lib");
    h.commit("Add the library", day(1));
    assert!(sub.join(".git").is_file());
    std::fs::write(sub.join("sub-only.txt"), "untracked\n").expect("write");
    let lib_files = ["gonogo.toml", "lib.rs"];
    for mode in [&[][..], &["--rev", "HEAD"], &["--staged"]] {
        let (ev, code) = check_json_env(&sub, mode, &[]);
        assert_checked(&ev, code, &sub, "layout-lib", &lib_files);
    }
    let (ev, code) = check_json_env(&sub, &["--worktree"], &[]);
    let files = with_untracked(&lib_files, "sub-only.txt");
    assert_checked(&ev, code, &sub, "layout-lib", &strs(&files));
    // The superproject lists the submodule as one gitlink, not its files.
    let (ev, code) = check_json_env(h.root(), &[], &[]);
    let mut files: Vec<&str> = COMMITTED.to_vec();
    files.extend([".gitmodules", "vendor/lib"]);
    files.sort();
    assert_checked(&ev, code, h.root(), "layout-own", &files);
}

#[test]
fn a_bare_repository_is_checked_at_a_commit_and_refuses_the_index_and_worktree() {
    let mut h = History::new();
    populate(&mut h, "layout-own");
    h.tag("v1.0.0");
    let bare = h.bare_clone("shop.git");
    for mode in [&[][..], &["--rev", "v1.0.0"]] {
        let (ev, code) = check_json_env(&bare, mode, &[]);
        assert_checked(&ev, code, &bare, "layout-own", &COMMITTED);
        assert_eq!(ev["policy"]["source"], "commit", "{ev:#}");
    }
    let inside: PathBuf = bare.join("refs").join("heads");
    let (ev, code) = check_json_env(&inside, &[], &[]);
    assert_checked(&ev, code, &bare, "layout-own", &COMMITTED);
    for mode in ["--staged", "--worktree"] {
        assert_refused(&bare, &[mode], &[], "has no work tree");
    }
}

#[test]
fn scan_opens_each_repository_it_found_whatever_git_dir_says() {
    let mut a = History::new();
    populate(&mut a, "layout-own");
    let mut other = History::new();
    populate(&mut other, "layout-other");
    let gd = other.git_dir();
    let out = tempfile::TempDir::new().expect("tmp");
    let status = gonogo()
        .arg("scan")
        .arg(a.root())
        .arg("--out")
        .arg(out.path())
        .arg("--quiet")
        .env("GIT_DIR", &gd)
        .output()
        .expect("run");
    assert_eq!(status.status.code(), Some(0), "{status:?}");
    let text = std::fs::read_to_string(out.path().join("repo.json")).expect("evidence");
    let ev: Value = serde_json::from_str(&text).expect("json");
    assert_checked(&ev, 0, a.root(), "layout-own", &COMMITTED);
}

#[test]
fn git_ceiling_directories_stop_the_search_as_in_git() {
    let mut h = History::new();
    populate(&mut h, "layout-own");
    let sub = h.root().join("src");
    // Searching from src/ may not enter the repository's root: src/ is a plain folder then.
    let ceiling = h.root().to_str().expect("utf-8");
    let (ev, code) = check_json_env(&sub, &[], &[("GIT_CEILING_DIRECTORIES", ceiling)]);
    assert_eq!(ev["subject"]["mode"], "directory", "{ev:#}");
    assert_eq!(ev["subject"]["root"], canonical(&sub));
    // Decided on the folder's own files (preset:default, no playbook there), not an error.
    assert_eq!(ev["playbook"]["path"], "preset:default");
    assert_ne!(code, 2, "{ev:#}");
    assert_refused(
        &sub,
        &["--worktree"],
        &[("GIT_CEILING_DIRECTORIES", ceiling)],
        "not inside a git repository",
    );
    // Without it, src/ is inside the repository.
    let (ev, code) = check_json_env(&sub, &[], &[]);
    assert_checked(&ev, code, h.root(), "layout-own", &COMMITTED);
}
