//! Running gonogo: the binary with a clean, deterministic environment, and the shapes tests read
//! its output in (evidence JSON, text, exit code).

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

use super::{FIXTURE_TIME, playbook_arg};

/// The gonogo binary cargo built for these tests.
pub fn gonogo_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_gonogo"))
}

/// The gonogo binary with a clean, deterministic environment. The reference date is pinned to
/// `FIXTURE_TIME` through SOURCE_DATE_EPOCH (gonogo would take the clock); a test that needs the
/// clock removes it, one that needs another date sets it or passes `--as-of`.
pub fn gonogo() -> Command {
    Command::from_std(gonogo_process())
}

/// `gonogo()` as a plain process command, for tests that start several runs at once (`spawn`).
pub fn gonogo_process() -> std::process::Command {
    let mut cmd = std::process::Command::new(gonogo_bin());
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
        // A CI job's own shard (GitLab parallel, a Kubernetes Indexed Job) must not split a
        // test's `gonogo scan`.
        .env_remove("CI_NODE_INDEX")
        .env_remove("CI_NODE_TOTAL")
        .env_remove("JOB_COMPLETION_INDEX")
        .env_remove("GONOGO_SHARD_TOTAL")
        .env_remove("GONOGO_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C");
    cmd
}

/// PATH without any folder that holds a `gonogo`, with the built one's folder first when
/// `with_gonogo`: what a hook or a CI script finds when it looks gonogo up.
pub fn path_with_gonogo(with_gonogo: bool) -> String {
    let original = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs: Vec<PathBuf> = std::env::split_paths(&original)
        .filter(|d| !d.join("gonogo").exists())
        .collect();
    if with_gonogo {
        dirs.insert(0, gonogo_bin().parent().expect("bin dir").to_path_buf());
    }
    std::env::join_paths(dirs)
        .expect("join")
        .to_string_lossy()
        .into_owned()
}

/// Runs `gonogo check <repo> --format json [args]` and returns the parsed evidence and exit code.
pub fn check_json(repo: &Path, args: &[&str]) -> (serde_json::Value, i32) {
    check_json_env(repo, args, &[])
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
    let (value, code, _) = run_json(cmd);
    (value, code)
}

/// `check_json` with `--playbook fixtures/playbooks/<book>` before `args`.
pub fn check_playbook(repo: &Path, book: &str, args: &[&str]) -> (serde_json::Value, i32) {
    check_playbook_env(repo, book, args, &[])
}

/// `check_json_env` with `--playbook fixtures/playbooks/<book>` before `args`.
pub fn check_playbook_env(
    repo: &Path,
    book: &str,
    args: &[&str],
    env: &[(&str, &str)],
) -> (serde_json::Value, i32) {
    let book = playbook_arg(book);
    let mut all = vec!["--playbook", book.as_str()];
    all.extend(args);
    check_json_env(repo, &all, env)
}

/// The evidence of `fixtures/repos/<fixture>` as one commit (`git_repo`), checked with
/// `fixtures/playbooks/<book>`.
pub fn check_fixture(fixture: &str, book: &str) -> serde_json::Value {
    let repo = super::git_repo(fixture);
    check_playbook(repo.path(), book, &[]).0
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

/// Runs a gonogo command whose standard output must be JSON: (the value, exit code, stderr).
/// Panics, showing both outputs, when it is not JSON.
pub fn run_json(mut cmd: Command) -> (serde_json::Value, i32, String) {
    let out = cmd.output().expect("run gonogo");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}); stdout: {} stderr: {stderr}",
            String::from_utf8_lossy(&out.stdout),
        )
    });
    (value, out.status.code().unwrap_or(-1), stderr)
}

/// Like `run_json` for a command that may write no JSON (an error, a refusal): the value is
/// `Null` then.
pub fn run_json_or_null(mut cmd: Command) -> (serde_json::Value, i32, String) {
    let out = cmd.output().expect("run gonogo");
    (
        serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null),
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs a command: (stdout, stderr, exit code).
pub fn run_text(mut cmd: Command) -> (String, String, i32) {
    let out = cmd.output().expect("run gonogo");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// Standard output then standard error of a finished process, as text.
pub fn output_text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The `report-demo` fixture (NO-GO: must, should and may findings) as a git repository with
/// a GitHub remote, checked once: the repository and the evidence file, for the renderer tests.
pub fn report_demo() -> (tempfile::TempDir, PathBuf) {
    let repo = super::git_repo("report-demo");
    super::add_remote(
        repo.path(),
        "origin",
        "https://github.com/acme/shop-orders.git",
    );
    let evidence = repo.path().join(".git/evidence.json");
    let out = gonogo()
        .arg("check")
        .arg(repo.path())
        .arg("-o")
        .arg(format!("json={}", evidence.display()))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1), "report-demo is NO-GO");
    (repo, evidence)
}
