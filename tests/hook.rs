//! `gonogo hook install|uninstall`, and the installed hooks run by real `git commit` / `git push`:
//! a NO-GO blocks, a GO passes, a foreign hook is refused or (with --force) chained and run first.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::history::{History, git_command};
use common::{FIXTURE_TIME, gonogo_bin, gonogo_process, output_text as text, path_with_gonogo};
use tempfile::TempDir;

/// git in `dir` as a developer runs it, with the kit's identity and isolation, and the built
/// gonogo on PATH or not: the installed hooks fire as they would for a person.
fn git_cmd(dir: &Path, with_gonogo: bool) -> Command {
    let mut cmd = git_command(dir, FIXTURE_TIME);
    cmd.env("PATH", path_with_gonogo(with_gonogo))
        .env("NO_COLOR", "1")
        .env("LANG", "C")
        .env_remove("GITHUB_BASE_REF")
        .env_remove("CI_MERGE_REQUEST_TARGET_BRANCH_NAME")
        .env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

/// `git_cmd` with gonogo on PATH, run; the caller decides whether it had to succeed.
fn git(dir: &Path, args: &[&str]) -> Output {
    git_cmd(dir, true).args(args).output().expect("git runs")
}

fn ok(out: &Output) -> &Output {
    assert!(
        out.status.success(),
        "failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn hook_cmd(dir: &Path, args: &[&str]) -> Output {
    gonogo_process()
        .current_dir(dir)
        .arg("hook")
        .args(args)
        .output()
        .expect("gonogo runs")
}

fn head(dir: &Path) -> String {
    String::from_utf8_lossy(&git(dir, &["rev-parse", "--verify", "-q", "HEAD"]).stdout)
        .trim()
        .to_string()
}

#[cfg(unix)]
fn write_executable(path: &Path, text: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, text).expect("write");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[test]
fn install_writes_a_marked_executable_hook_and_reinstalls_over_its_own() {
    let r = History::from_fixture("compliant");
    let out = hook_cmd(r.root(), &["install"]);
    ok(&out);
    let hook = r.root().join(".git/hooks/pre-commit");
    let script = std::fs::read_to_string(&hook).expect("hook written");
    assert!(script.starts_with("#!/bin/sh\n# gonogo hook v1 (pre-commit)"));
    // The default preset has a `commit` gate: the hook decides it.
    assert!(
        script.contains("check --staged --quiet --gate 'commit'"),
        "{script}"
    );
    assert!(text(&out).contains("gate `commit`"), "{}", text(&out));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&hook).expect("meta").permissions().mode();
        assert_eq!(mode & 0o111, 0o111, "hook is executable");
    }
    // Installing again over our own hook is fine and changes the gate.
    ok(&hook_cmd(r.root(), &["install", "--gate", "release"]));
    let script = std::fs::read_to_string(&hook).expect("hook");
    assert!(script.contains("--gate 'release'"));
    assert!(
        !r.root()
            .join(".git/hooks/pre-commit.gonogo-chained")
            .exists()
    );

    // A playbook with a `commit` gate (preset delivery) makes `commit` the default.
    std::fs::write(
        r.root().join("gonogo.toml"),
        "[playbook]\nname = \"t\"\nversion = \"1\"\nextends = [\"preset:delivery\"]\n",
    )
    .expect("playbook");
    ok(&hook_cmd(r.root(), &["install"]));
    let script = std::fs::read_to_string(&hook).expect("hook");
    assert!(script.contains("--gate 'commit'"), "{script}");

    // pre-push: HEAD, not the index.
    ok(&hook_cmd(r.root(), &["install", "--pre-push"]));
    let push = std::fs::read_to_string(r.root().join(".git/hooks/pre-push")).expect("pre-push");
    assert!(push.contains("exec \"$gonogo\" check --quiet --gate 'merge'"));
}

/// A starter is usable on day one: `init --preset quality-gates` then `hook install` lets the
/// commit that adds the playbook through, although the acceptance-test documents do not exist yet.
#[test]
fn a_quality_gates_starter_lets_its_own_first_commit_through() {
    let mut r = History::new();
    r.write("README.md", "# Service\n\nWhat it is and how to run it.\n")
        .write("LICENSE", "MIT License\n");
    r.commit("start", FIXTURE_TIME);
    let init = gonogo_process()
        .arg("init")
        .arg(r.root())
        .args(["--preset", "quality-gates"])
        .output()
        .expect("gonogo runs");
    ok(&init);
    let starter = std::fs::read_to_string(r.root().join("gonogo.toml")).expect("starter");
    assert!(
        starter.contains("`gonogo hook install` decides the `commit` gate"),
        "{starter}"
    );
    let out = hook_cmd(r.root(), &["install"]);
    ok(&out);
    assert!(text(&out).contains("gate `commit`"), "{}", text(&out));
    ok(&git(r.root(), &["add", "gonogo.toml"]));
    let before = head(r.root());
    let out = git(r.root(), &["commit", "-q", "-m", "add the gonogo playbook"]);
    ok(&out);
    assert!(text(&out).contains("GO"), "{}", text(&out));
    assert_ne!(head(r.root()), before, "the commit went through");
    // The merge gate holds what a change can fix; the stage documents wait for their gates.
    let merge = gonogo_process()
        .args(["check", "--format", "json"])
        .arg(r.root())
        .output()
        .expect("gonogo runs");
    let evidence: serde_json::Value = serde_json::from_slice(&merge.stdout).expect("json");
    assert_eq!(evidence["gate"]["name"], "merge");
    let ids: Vec<&str> = evidence["controls"]
        .as_array()
        .expect("controls")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert!(ids.contains(&"unit-tests"), "{ids:?}");
    assert!(!ids.contains(&"acceptance-test-specification"), "{ids:?}");
    assert!(!ids.contains(&"integration-test-evidence"), "{ids:?}");
}

#[test]
fn a_foreign_hook_is_refused_and_left_alone() {
    let r = History::from_fixture("compliant");
    let hook = r.root().join(".git/hooks/pre-commit");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    std::fs::write(&hook, "#!/bin/sh\nexec make lint\n").unwrap();
    let out = hook_cmd(r.root(), &["install"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let msg = text(&out);
    assert!(msg.contains(".git/hooks/pre-commit"), "{msg}");
    assert!(msg.contains("not written by gonogo"), "{msg}");
    assert!(msg.contains("--force"), "{msg}");
    assert_eq!(
        std::fs::read_to_string(&hook).unwrap(),
        "#!/bin/sh\nexec make lint\n"
    );
    // uninstall does not touch it either.
    let out = hook_cmd(r.root(), &["uninstall"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(hook.exists());
}

#[cfg(unix)]
#[test]
fn force_chains_the_foreign_hook_which_runs_first_and_can_stop_the_commit() {
    let r = History::from_fixture("compliant");
    let hooks = r.root().join(".git/hooks");
    std::fs::create_dir_all(&hooks).unwrap();
    // The earlier hook leaves a trace, and fails when asked to.
    write_executable(
        &hooks.join("pre-commit"),
        "#!/bin/sh\necho ran >> \"$(git rev-parse --git-dir)/chained-ran\"\n\
         if [ -e \"$(git rev-parse --git-dir)/chained-fail\" ]; then echo 'lint failed' >&2; exit 3; fi\n",
    );
    let out = hook_cmd(r.root(), &["install", "--force"]);
    ok(&out);
    assert!(
        text(&out).contains("pre-commit.gonogo-chained"),
        "{}",
        text(&out)
    );
    assert!(hooks.join("pre-commit.gonogo-chained").exists());

    ok(&git(r.root(), &["add", "-A"]));
    let out = git(r.root(), &["commit", "-q", "-m", "first"]);
    ok(&out);
    assert!(text(&out).contains("GO"), "{}", text(&out));
    let trace = std::fs::read_to_string(r.root().join(".git/chained-ran")).expect("chained ran");
    assert_eq!(trace, "ran\n");

    // The chained hook's failure stops the commit before gonogo runs.
    std::fs::write(r.root().join(".git/chained-fail"), "").unwrap();
    std::fs::write(r.root().join("NOTES.md"), "notes\n").unwrap();
    ok(&git(r.root(), &["add", "NOTES.md"]));
    let before = head(r.root());
    let out = git(r.root(), &["commit", "-q", "-m", "second"]);
    assert!(!out.status.success());
    assert!(text(&out).contains("lint failed"), "{}", text(&out));
    assert!(!text(&out).contains("Decision"), "{}", text(&out));
    assert_eq!(head(r.root()), before);

    // uninstall puts the earlier hook back.
    let out = hook_cmd(r.root(), &["uninstall"]);
    ok(&out);
    assert!(text(&out).contains("restored"), "{}", text(&out));
    let restored = std::fs::read_to_string(hooks.join("pre-commit")).unwrap();
    assert!(restored.contains("chained-ran") && !restored.contains("gonogo hook v1"));
    assert!(!hooks.join("pre-commit.gonogo-chained").exists());
}

#[test]
fn the_hook_blocks_a_no_go_commit_and_lets_a_go_commit_through() {
    let r = History::from_fixture("compliant");
    ok(&hook_cmd(r.root(), &["install"]));
    ok(&git(r.root(), &["add", "-A"]));
    let out = git(r.root(), &["commit", "-q", "-m", "compliant"]);
    ok(&out);
    assert!(
        text(&out).contains("Decision: gate `commit`: GO"),
        "{}",
        text(&out)
    );
    let go = head(r.root());
    assert!(!go.is_empty());

    // Staging the removal of the license (a must) makes the index NO-GO: the commit is refused.
    ok(&git(r.root(), &["rm", "-q", "LICENSE"]));
    let out = git(r.root(), &["commit", "-q", "-m", "drop the license"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("NO-GO"), "{}", text(&out));
    // It says why: the failing must control, its first finding and fix, and how to see all.
    assert!(
        text(&out).contains("FAIL license (must): "),
        "{}",
        text(&out)
    );
    assert!(text(&out).contains("    fix: "), "{}", text(&out));
    assert!(
        text(&out).contains("All findings: gonogo check --staged --gate commit"),
        "{}",
        text(&out)
    );
    assert_eq!(head(r.root()), go, "the commit was blocked");

    // --no-verify is git's documented way around a hook.
    ok(&git(
        r.root(),
        &[
            "commit",
            "-q",
            "--no-verify",
            "-m",
            "drop the license anyway",
        ],
    ));
    assert_ne!(head(r.root()), go);
}

#[test]
fn commit_all_and_commit_paths_are_checked_as_git_prepares_them() {
    let r = History::from_fixture("compliant");
    ok(&hook_cmd(r.root(), &["install"]));
    ok(&git(r.root(), &["add", "-A"]));
    ok(&git(r.root(), &["commit", "-q", "-m", "compliant"]));
    let go = head(r.root());
    // `git commit -a` stages the deletion into a temporary index (GIT_INDEX_FILE) for the hook.
    std::fs::remove_file(r.root().join("LICENSE")).unwrap();
    let out = git(r.root(), &["commit", "-q", "-a", "-m", "drop the license"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("NO-GO"), "{}", text(&out));
    assert_eq!(head(r.root()), go);
    // `git commit PATH` commits only PATH: the unstaged deletion is not part of it.
    std::fs::write(r.root().join("NOTES.md"), "notes\n").unwrap();
    ok(&git(r.root(), &["add", "NOTES.md"]));
    let out = git(r.root(), &["commit", "-q", "-m", "notes", "NOTES.md"]);
    ok(&out);
    assert!(text(&out).contains("GO"), "{}", text(&out));
}

#[test]
fn the_pre_push_hook_blocks_pushing_a_no_go_head() {
    let r = History::from_fixture("compliant");
    let remote = TempDir::new().unwrap();
    ok(&git(remote.path(), &["init", "-q", "--bare"]));
    let url = remote.path().to_string_lossy().into_owned();
    ok(&git(r.root(), &["remote", "add", "origin", &url]));
    ok(&hook_cmd(r.root(), &["install", "--pre-push"]));
    ok(&git(r.root(), &["add", "-A"]));
    ok(&git(r.root(), &["commit", "-q", "-m", "compliant"]));
    let out = git(r.root(), &["push", "-q", "origin", "main"]);
    ok(&out);
    assert!(text(&out).contains("GO"), "{}", text(&out));

    ok(&git(r.root(), &["rm", "-q", "LICENSE"]));
    ok(&git(r.root(), &["commit", "-q", "-m", "drop the license"]));
    let out = git(r.root(), &["push", "-q", "origin", "main"]);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("NO-GO"), "{}", text(&out));
    let remote_head = git(remote.path(), &["rev-parse", "main"]);
    let local_parent = git(r.root(), &["rev-parse", "HEAD~1"]);
    assert_eq!(
        remote_head.stdout, local_parent.stdout,
        "the push was refused"
    );
}

#[test]
fn hooks_path_and_linked_worktrees_are_respected() {
    let r = History::from_fixture("compliant");
    ok(&git(r.root(), &["add", "-A"]));
    ok(&git(
        r.root(),
        &["commit", "-q", "--no-verify", "-m", "first"],
    ));

    // A linked worktree shares the main repository's hooks.
    let wt = TempDir::new().unwrap();
    let wt_path = wt.path().join("feature");
    ok(&git(
        r.root(),
        &[
            "worktree",
            "add",
            "-q",
            "-b",
            "feature",
            &wt_path.to_string_lossy(),
        ],
    ));
    ok(&hook_cmd(&wt_path, &["install"]));
    assert!(r.root().join(".git/hooks/pre-commit").exists());
    assert!(!wt_path.join(".git").is_dir());

    // core.hooksPath (relative to the worktree root, as git reads it) wins.
    ok(&git(r.root(), &["config", "core.hooksPath", ".githooks"]));
    ok(&hook_cmd(r.root(), &["install"]));
    let hook = r.root().join(".githooks/pre-commit");
    assert!(hook.exists());
    // ...and git runs it from there.
    ok(&git(r.root(), &["rm", "-q", "LICENSE"]));
    let out = git(r.root(), &["commit", "-q", "-m", "drop"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("NO-GO"));
}

#[cfg(unix)]
#[test]
fn without_gonogo_the_hook_says_so_and_does_not_block() {
    let r = History::from_fixture("compliant");
    // Install with a copy of gonogo that then disappears: neither PATH nor the fallback has one.
    let tmp = TempDir::new().unwrap();
    let copy = tmp.path().join("gonogo");
    std::fs::copy(gonogo_bin(), &copy).unwrap();
    // A test thread forking meanwhile may still hold the copy open for writing (ETXTBSY).
    let out = (0..20)
        .find_map(|_| {
            match std::process::Command::new(&copy)
                .current_dir(r.root())
                .args(["hook", "install"])
                .output()
            {
                Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                    None
                }
                other => Some(other.unwrap()),
            }
        })
        .expect("the copy of gonogo runs");
    ok(&out);
    let script = std::fs::read_to_string(r.root().join(".git/hooks/pre-commit")).unwrap();
    assert!(script.contains(&format!("gonogo='{}'", copy.display())));

    // While the fallback exists, it is used even though PATH has no gonogo.
    ok(&git(r.root(), &["add", "-A"]));
    ok(&git(r.root(), &["rm", "-q", "--cached", "LICENSE"]));
    let out = git_cmd(r.root(), false)
        .args(["commit", "-q", "-m", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));

    drop(tmp);
    let out = git_cmd(r.root(), false)
        .args(["commit", "-q", "-m", "x"])
        .output()
        .unwrap();
    ok(&out);
    let msg = text(&out);
    assert!(msg.contains("gonogo is not on PATH"), "{msg}");
    assert!(msg.contains("SKIPPED"), "{msg}");
}

#[test]
fn outside_a_repository_install_is_an_error() {
    let dir = TempDir::new().unwrap();
    let out = hook_cmd(dir.path(), &["install"]);
    // A temp dir may sit inside some repository on a developer machine; only check plain cases.
    if git2::Repository::discover(dir.path()).is_err() {
        assert_eq!(out.status.code(), Some(2));
        assert!(
            text(&out).contains("not in a git repository"),
            "{}",
            text(&out)
        );
    }
}
