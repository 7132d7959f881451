//! Test helpers: turn a plain fixture tree into a real git repository at test time.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub mod history;
pub mod signing;

use assert_cmd::Command;
use tempfile::TempDir;

/// Fixed commit time for fixture repositories: 2026-01-01T00:00:00Z.
pub const FIXTURE_TIME: i64 = 1_767_225_600;

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

pub fn playbook(name: &str) -> PathBuf {
    fixtures().join("playbooks").join(name)
}

/// Copies `fixtures/repos/<name>` into a temporary folder (plain, no git).
pub fn plain_copy(name: &str) -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    let src = fixtures().join("repos").join(name);
    assert!(src.is_dir(), "no fixture {}", src.display());
    copy_tree(&src, dir.path());
    dir
}

/// A git repository whose single commit holds `fixtures/repos/<name>`.
pub fn git_repo(name: &str) -> TempDir {
    let dir = plain_copy(name);
    let repo = init(dir.path());
    commit_all(&repo, "Initial commit", FIXTURE_TIME);
    dir
}

/// An empty git repository with one empty commit.
pub fn empty_git_repo() -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    let repo = init(dir.path());
    commit_all(&repo, "Empty", FIXTURE_TIME);
    dir
}

/// `git init` with `main` as the initial branch, whatever the machine's git config says.
pub fn init(path: &Path) -> git2::Repository {
    let mut opts = git2::RepositoryInitOptions::new();
    opts.initial_head("main");
    git2::Repository::init_opts(path, &opts).expect("git init")
}

/// Stages everything in the worktree and commits it at `time` with a fixed identity.
pub fn commit_all(repo: &git2::Repository, message: &str, time: i64) -> git2::Oid {
    let mut index = repo.index().expect("index");
    index
        .add_all(["*"].iter(), git2::IndexAddOption::DEFAULT, None)
        .expect("add");
    index.write().expect("write index");
    let tree_id = index.write_tree().expect("tree");
    let tree = repo.find_tree(tree_id).expect("find tree");
    let sig = git2::Signature::new("Fixture", "fixture@example.com", &git2::Time::new(time, 0))
        .expect("sig");
    let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
    let parents: Vec<&git2::Commit> = parent.iter().collect();
    repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
        .expect("commit")
}

pub fn copy_tree(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src).min_depth(1) {
        let entry = entry.expect("walk");
        // `.gitkeep` only lets git hold a fixture folder that is meant to be empty.
        if entry.file_name() == ".gitkeep" {
            continue;
        }
        let rel = entry.path().strip_prefix(src).expect("prefix");
        let target = dst.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The gonogo binary with a clean, deterministic environment. The reference date is pinned to
/// `FIXTURE_TIME` through SOURCE_DATE_EPOCH (gonogo would take the clock); a test that needs the
/// clock removes it, one that needs another date sets it or passes `--as-of`.
pub fn gonogo() -> Command {
    Command::from_std(gonogo_process())
}

/// `gonogo()` as a plain process command, for tests that start several runs at once (`spawn`).
pub fn gonogo_process() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_gonogo"));
    cmd.env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", FIXTURE_TIME.to_string())
        .env_remove("GITHUB_BASE_REF")
        .env_remove("CI_MERGE_REQUEST_DIFF_BASE_SHA")
        .env_remove("CI_MERGE_REQUEST_TARGET_BRANCH_NAME")
        .env_remove("GITHUB_STEP_SUMMARY")
        // gonogo finds the repository as git does: a test's own GIT_DIR (a hook running the
        // tests) must not choose it.
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_CEILING_DIRECTORIES")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C");
    cmd
}

/// Runs `gonogo check <repo> --format json [args]` and returns the parsed evidence and exit code.
pub fn check_json(repo: &Path, args: &[&str]) -> (serde_json::Value, i32) {
    check_json_env(repo, args, &[])
}

/// The control with `id` in an evidence report.
pub fn control<'a>(evidence: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    evidence["controls"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["id"] == id))
        .unwrap_or_else(|| panic!("no control {id} in {evidence:#}"))
}

/// The finding codes of a control, sorted.
pub fn codes(control: &serde_json::Value) -> Vec<String> {
    let mut v: Vec<String> = control["findings"]
        .as_array()
        .map(|fs| {
            fs.iter()
                .filter_map(|f| f["code"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Tags HEAD of the repository at `dir` with a lightweight tag `name`.
pub fn tag(dir: &Path, name: &str) {
    let repo = git2::Repository::open(dir).expect("open");
    let head = repo
        .head()
        .expect("head")
        .peel(git2::ObjectType::Commit)
        .expect("commit");
    repo.tag_lightweight(name, &head, false).expect("tag");
}

/// Like `check_json`, with extra environment variables (e.g. SOURCE_DATE_EPOCH). Unless they
/// or `--as-of` say otherwise, the reference date is the checked commit's time (`--rev`, else
/// HEAD), as the histories these tests script were written for.
pub fn check_json_env(
    repo: &Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> (serde_json::Value, i32) {
    let mut cmd = gonogo();
    cmd.arg("check")
        .arg(repo)
        .args(["--format", "json"])
        .args(args);
    pin_to_checked_commit(&mut cmd, repo, args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run");
    let code = out.status.code().unwrap_or(-1);
    let value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}); stdout: {} stderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (value, code)
}

/// Sets SOURCE_DATE_EPOCH to the time of the commit `args` check in `repo` (`--rev X`, else
/// HEAD), when there is one: the reference date scripted histories were written for.
pub fn pin_to_checked_commit(cmd: &mut Command, repo: &Path, args: &[&str]) {
    if let Some(time) = checked_commit_time(repo, args) {
        cmd.env("SOURCE_DATE_EPOCH", time.to_string());
    }
}

/// The commit time of the revision `args` check (`--rev X`, else HEAD), if there is one.
fn checked_commit_time(repo: &Path, args: &[&str]) -> Option<i64> {
    let rev = args
        .iter()
        .position(|a| *a == "--rev")
        .and_then(|i| args.get(i + 1))
        .copied()
        .unwrap_or("HEAD");
    let repo = git2::Repository::discover(repo).ok()?;
    let commit = repo.revparse_single(rev).ok()?.peel_to_commit().ok()?;
    Some(commit.time().seconds())
}

/// `(code, path, line)` of every finding of a control, sorted.
pub fn findings(control: &serde_json::Value) -> Vec<(String, Option<String>, Option<u64>)> {
    let mut v: Vec<_> = control["findings"]
        .as_array()
        .map(|fs| {
            fs.iter()
                .map(|f| {
                    (
                        f["code"].as_str().unwrap_or_default().to_string(),
                        f["path"].as_str().map(str::to_string),
                        f["line"].as_u64(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}
