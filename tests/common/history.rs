//! Scripted histories: a repository built step by step with the git CLI — files written from
//! fixture trees or inline, commits at set dates, lightweight and annotated tags, branches,
//! merges with two parents, shallow clones, bare clones, linked worktrees, submodules and
//! separate git directories.
//!
//! Every git call runs with a fixed identity, no user or system configuration, and the dates
//! it is given, so a history is the same on every machine.

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

use super::{FIXTURE_TIME, copy_tree, fixtures};

/// Seconds in a day.
pub const DAY: i64 = 86_400;

/// The time `days` after `FIXTURE_TIME` (2026-01-01T00:00:00Z).
pub fn day(days: i64) -> i64 {
    FIXTURE_TIME + days * DAY
}

/// A repository whose history a test writes.
pub struct History {
    /// Keeps the temporary folder alive; the repository is `root()`, or a sub-folder for clones.
    _dir: TempDir,
    root: PathBuf,
    /// The date the next git call records (author and committer).
    time: i64,
}

impl History {
    /// `git init` on `main`, nothing committed.
    pub fn new() -> Self {
        History::init(&[])
    }

    /// `git init --separate-git-dir` on `main`: the git directory is the sibling `repo.git`,
    /// the worktree's `.git` a file naming it.
    pub fn separate_git_dir() -> Self {
        let dir = TempDir::new().expect("temp dir");
        let git_dir = dir.path().join("repo.git");
        let arg = format!("--separate-git-dir={}", git_dir.display());
        History::init_in(dir, &[&arg])
    }

    fn init(extra: &[&str]) -> Self {
        History::init_in(TempDir::new().expect("temp dir"), extra)
    }

    fn init_in(dir: TempDir, extra: &[&str]) -> Self {
        let root = dir.path().join("repo");
        std::fs::create_dir_all(&root).expect("mkdir");
        let h = History {
            _dir: dir,
            root,
            time: FIXTURE_TIME,
        };
        let mut args = vec!["init", "--quiet", "--initial-branch=main"];
        args.extend(extra);
        h.git(&args);
        h
    }

    /// The git directory, absolute (`git rev-parse --absolute-git-dir`).
    pub fn git_dir(&self) -> PathBuf {
        PathBuf::from(self.git(&["rev-parse", "--absolute-git-dir"]).trim())
    }

    /// A new repository holding `fixtures/repos/<name>` in its worktree, nothing committed.
    pub fn from_fixture(name: &str) -> Self {
        let h = History::new();
        h.tree(name);
        h
    }

    /// The repository's worktree.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A folder next to the repository (for clones and linked worktrees).
    pub fn sibling(&self, name: &str) -> PathBuf {
        self.root.parent().expect("parent").join(name)
    }

    /// Copies `fixtures/repos/<name>` over the worktree.
    pub fn tree(&self, name: &str) -> &Self {
        let src = fixtures().join("repos").join(name);
        assert!(src.is_dir(), "no fixture {}", src.display());
        copy_tree(&src, &self.root);
        self
    }

    /// Writes one file (folders are created).
    pub fn write(&self, path: &str, content: &str) -> &Self {
        let target = self.root.join(path);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::write(target, content).expect("write");
        self
    }

    /// Writes one file of arbitrary bytes (folders are created).
    pub fn write_bytes(&self, path: &str, content: &[u8]) -> &Self {
        let target = self.root.join(path);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::write(target, content).expect("write");
        self
    }

    /// Writes a file next to the repository, outside its worktree (a playbook or an approvals
    /// file a check is given); returns its path as a command-line argument.
    pub fn write_beside(&self, name: &str, text: &str) -> String {
        let path = self.sibling(name);
        std::fs::write(&path, text).expect("write beside the repository");
        path.to_str().expect("utf-8").to_string()
    }

    /// Deletes one file from the worktree.
    pub fn delete(&self, path: &str) -> &Self {
        std::fs::remove_file(self.root.join(path)).expect("delete");
        self
    }

    /// `git mv`.
    pub fn rename(&self, from: &str, to: &str) -> &Self {
        if let Some(parent) = self.root.join(to).parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        self.git(&["mv", from, to]);
        self
    }

    /// Stages one path (or `.` for everything, deletions included).
    pub fn stage(&self, path: &str) -> &Self {
        self.git(&["add", "--all", "--", path]);
        self
    }

    /// Stages everything and commits it at `time` with `message`; returns the commit id.
    pub fn commit(&mut self, message: &str, time: i64) -> String {
        self.git(&["add", "--all", "."]);
        self.commit_staged(message, time)
    }

    /// Commits what is staged (an empty commit when nothing is).
    pub fn commit_staged(&mut self, message: &str, time: i64) -> String {
        self.time = time;
        self.git(&["commit", "--quiet", "--allow-empty", "-m", message]);
        self.rev("HEAD")
    }

    /// A lightweight tag on HEAD.
    pub fn tag(&self, name: &str) -> &Self {
        self.git(&["tag", name]);
        self
    }

    /// An annotated tag on HEAD with `message`, dated like the last commit.
    pub fn tag_annotated(&self, name: &str, message: &str) -> &Self {
        self.git(&["tag", "-a", name, "-m", message]);
        self
    }

    /// Creates a branch at HEAD and switches to it.
    pub fn branch(&self, name: &str) -> &Self {
        self.git(&["switch", "--quiet", "-c", name]);
        self
    }

    /// Switches to a branch (or detaches at a commit with `--detach REV`).
    pub fn switch(&self, name: &str) -> &Self {
        self.git(&["switch", "--quiet", name]);
        self
    }

    /// Detaches HEAD at `rev`.
    pub fn detach(&self, rev: &str) -> &Self {
        self.git(&["switch", "--quiet", "--detach", rev]);
        self
    }

    /// Merges `branch` into the current branch with a merge commit (two parents) at `time`.
    /// `strategy_option` picks a side on conflict (`ours`, `theirs`), or `None`.
    pub fn merge(
        &mut self,
        branch: &str,
        message: &str,
        time: i64,
        strategy_option: Option<&str>,
    ) -> String {
        self.time = time;
        let mut args = vec!["merge", "--quiet", "--no-ff", "--no-edit", "-m", message];
        if let Some(side) = strategy_option {
            args.extend(["-X", side]);
        }
        args.push(branch);
        self.git(&args);
        self.rev("HEAD")
    }

    /// The full id of a revision.
    pub fn rev(&self, rev: &str) -> String {
        self.git(&["rev-parse", "--verify", &format!("{rev}^{{commit}}")])
            .trim()
            .to_string()
    }

    /// Every ref with its target, and HEAD: a fingerprint of what a command could change.
    pub fn refs(&self) -> String {
        let mut out = self.git(&["for-each-ref", "--format=%(refname) %(objectname)"]);
        out.push_str(&self.git(&["rev-parse", "HEAD"]));
        out.push_str(&self.git(&["rev-parse", "--symbolic-full-name", "HEAD"]));
        out
    }

    /// Runs git in the repository and returns its standard output; panics when git fails.
    pub fn git(&self, args: &[&str]) -> String {
        git_in(&self.root, args, self.time)
    }

    /// `git_command` in the repository at the date of the last commit: git not yet run.
    pub fn git_command(&self) -> Command {
        git_command(&self.root, self.time)
    }

    /// `git worktree add -b BRANCH` into a sibling folder; returns its path.
    pub fn worktree_add(&self, name: &str, branch: &str) -> PathBuf {
        let target = self.sibling(name);
        let target_s = target.to_str().expect("utf-8");
        self.git(&["worktree", "add", "--quiet", "-b", branch, target_s]);
        target
    }

    /// `git submodule add` of `other` at `path` (committed by the caller); returns the
    /// submodule's checkout, whose `.git` is a file naming `.git/modules/PATH`.
    pub fn submodule_add(&self, other: &History, path: &str) -> PathBuf {
        let url = format!("file://{}", other.root().display());
        self.git(&["submodule", "add", "--quiet", &url, path]);
        self.root.join(path)
    }

    /// `git clone file://…` into a sibling folder, with `extra` options (`--branch B`), as a CI
    /// checkout is made; returns its path.
    pub fn clone_to(&self, name: &str, extra: &[&str]) -> PathBuf {
        let target = self.sibling(name);
        let url = format!("file://{}", self.root.display());
        let target_s = target.to_str().expect("utf-8").to_string();
        let mut args = vec!["clone", "--quiet"];
        args.extend(extra);
        args.extend([url.as_str(), target_s.as_str()]);
        git_in(self.root.parent().expect("parent"), &args, self.time);
        target
    }

    /// Serves partial clones as a hosting service does: a clone may leave the blobs out
    /// (`uploadpack.allowFilter`) and fetch chosen ones by id later
    /// (`uploadpack.allowAnySHA1InWant`). Returns the repository's `file://` URL.
    pub fn serve_partial_clones(&self) -> String {
        self.git(&["config", "uploadpack.allowFilter", "true"]);
        self.git(&["config", "uploadpack.allowAnySHA1InWant", "true"]);
        format!("file://{}", self.root.display())
    }

    /// The blob id of `path` in HEAD.
    pub fn blob(&self, path: &str) -> String {
        self.git(&["rev-parse", "--verify", &format!("HEAD:{path}")])
            .trim()
            .to_string()
    }

    /// `git clone --bare` into a sibling folder; returns its path.
    pub fn bare_clone(&self, name: &str) -> PathBuf {
        let target = self.sibling(name);
        let url = format!("file://{}", self.root.display());
        let target_s = target.to_str().expect("utf-8");
        git_in(
            self.root.parent().expect("parent"),
            &["clone", "--quiet", "--bare", &url, target_s],
            self.time,
        );
        target
    }

    /// Feeds a `git fast-import` stream to the repository (thousands of commits in one process,
    /// where a `git commit` each would take minutes); returns the object id of each mark.
    pub fn fast_import(&self, stream: &str) -> std::collections::HashMap<usize, String> {
        use std::io::Write;
        let marks = self.sibling("fast-import.marks");
        // Not `git_command`: fast-import takes every date and name from the stream, and with the
        // kit's full convention it ran 2.5x slower on the 10,000-commit stream of ref_scale.rs.
        let mut child = Command::new("git")
            .current_dir(&self.root)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE")
            .args(["fast-import", "--quiet", "--done"])
            .arg(format!("--export-marks={}", marks.display()))
            .stdin(std::process::Stdio::piped())
            .spawn()
            .expect("run git fast-import");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(stream.as_bytes())
            .expect("write the stream");
        assert!(
            child.wait().expect("wait").success(),
            "git fast-import failed"
        );
        std::fs::read_to_string(&marks)
            .expect("marks")
            .lines()
            .filter_map(|l| {
                let (mark, id) = l.strip_prefix(':')?.split_once(' ')?;
                Some((mark.parse().ok()?, id.to_string()))
            })
            .collect()
    }

    /// Writes refs (full name, commit id) straight into `packed-refs`, as `git pack-refs` leaves
    /// them: ten thousand tags without a file and a lock each. Replaces any packed refs.
    pub fn packed_refs(&self, refs: &[(String, String)]) -> &Self {
        let mut refs: Vec<&(String, String)> = refs.iter().collect();
        refs.sort();
        let mut text = String::from("# pack-refs with: peeled fully-peeled sorted \n");
        for (name, id) in refs {
            text.push_str(&format!("{id} {name}\n"));
        }
        std::fs::write(self.git_dir().join("packed-refs"), text).expect("packed-refs");
        self
    }

    /// `git clone --depth N file://…` into a sibling folder; returns its path.
    pub fn shallow_clone(&self, name: &str, depth: u32, extra: &[&str]) -> PathBuf {
        let target = self.sibling(name);
        let url = format!("file://{}", self.root.display());
        let depth = depth.to_string();
        let mut args = vec!["clone", "--quiet", "--depth", &depth];
        args.extend(extra);
        let target_s = target.to_str().expect("utf-8").to_string();
        args.extend([url.as_str(), target_s.as_str()]);
        git_in(self.root.parent().expect("parent"), &args, self.time);
        target
    }
}

/// git in `dir` with the kit's convention (`git_env`, and no signing, `main` for new
/// repositories, no line-end conversion), not yet run: for a test that runs git as a person
/// would (a hook must fire, or git's failure is the point) and adds its own arguments.
pub fn git_command(dir: &Path, time: i64) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir).args([
        "-c",
        "commit.gpgsign=false",
        "-c",
        "tag.gpgsign=false",
        "-c",
        "protocol.file.allow=always",
        "-c",
        "advice.detachedHead=false",
        "-c",
        "init.defaultBranch=main",
        "-c",
        "core.autocrlf=false",
    ]);
    git_env(&mut cmd, time);
    cmd
}

/// The environment part of the convention, for git and for any program that runs git (a CI
/// script, pre-commit): the kit's identity, `time` as author and committer date, no user or
/// system configuration, no GIT_DIR / GIT_WORK_TREE / GIT_INDEX_FILE of the test's own process.
pub fn git_env(cmd: &mut Command, time: i64) -> &mut Command {
    let date = format!("@{time} +0000");
    cmd.env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Fixture")
        .env("GIT_AUTHOR_EMAIL", "fixture@example.com")
        .env("GIT_COMMITTER_NAME", "Fixture")
        .env("GIT_COMMITTER_EMAIL", "fixture@example.com")
        .env("GIT_AUTHOR_DATE", &date)
        .env("GIT_COMMITTER_DATE", &date)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
}

/// Runs git in `dir` with the kit's convention (`git_command`) and returns its standard
/// output; panics when git fails.
pub fn git_in(dir: &Path, args: &[&str], time: i64) -> String {
    let out = git_command(dir, time).args(args).output().expect("run git");
    assert!(
        out.status.success(),
        "git {args:?} failed in {}: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
