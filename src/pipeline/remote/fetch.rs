//! The git binary for what libgit2 cannot do: blobless partial clones (`--filter=blob:none`,
//! git ≥ 2.29 for `fetch --stdin` of object ids on a partial clone; any git that has
//! `--filter`), fetches into them, fetching chosen blobs, and asking a remote for its HEAD.
//!
//! Every command runs without the caller's `GIT_DIR` / `GIT_WORK_TREE` / `GIT_INDEX_FILE`, with
//! no terminal prompt for credentials, without automatic `gc` (it would repack and hide what a
//! fetch transferred) and with `fetch.unpackLimit=1`, so that every fetch keeps its pack: the
//! bytes transferred are the sizes of the new pack files.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

fn git(dir: Option<&Path>) -> Command {
    let mut cmd = Command::new("git");
    if let Some(dir) = dir {
        cmd.arg("-C").arg(dir);
    }
    // No `GIT_*` setting of the calling process (a hook's object directories, config given
    // on the command line or in the environment) reaches the clone, except ssh's and proxies'.
    for (name, _) in std::env::vars_os() {
        let keep = [
            "GIT_SSH",
            "GIT_SSH_COMMAND",
            "GIT_SSL_CAINFO",
            "GIT_SSL_CAPATH",
        ];
        if let Some(name) = name.to_str()
            && name.starts_with("GIT_")
            && !keep.contains(&name)
        {
            cmd.env_remove(name);
        }
    }
    cmd.args(["-c", "gc.auto=0", "-c", "fetch.unpackLimit=1"])
        .args(["-c", "transfer.unpackLimit=1", "-c", "core.askPass="])
        // The transports a repository list may name; never `ext::` (runs a command).
        .env("GIT_ALLOW_PROTOCOL", "https:http:ssh:git:file")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_ASKPASS", "")
        .env("SSH_ASKPASS", "")
        .env("GIT_SSH_COMMAND", ssh_command())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// ssh that never asks a person (the scan runs unattended), unless the caller chose their own.
fn ssh_command() -> String {
    std::env::var("GIT_SSH_COMMAND").unwrap_or_else(|_| "ssh -o BatchMode=yes".into())
}

/// Runs `cmd`, feeding `input` on its standard input; its standard output, or git's own words
/// (the last lines of its standard error) as the error.
fn run(mut cmd: Command, input: Option<&str>) -> Result<String, String> {
    if input.is_some() {
        cmd.stdin(Stdio::piped());
    }
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot run git (is it installed?): {e}"))?;
    if let (Some(text), Some(mut stdin)) = (input, child.stdin.take()) {
        // A write error shows as git's own failure below.
        let _ = stdin.write_all(text.as_bytes());
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("git did not finish: {e}"))?;
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    let err = String::from_utf8_lossy(&out.stderr);
    let said: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    let tail = said[said.len().saturating_sub(3)..].join(" / ");
    Err(if tail.is_empty() {
        format!("git exited with {}", out.status)
    } else {
        tail
    })
}

/// The oldest git that does all this: `fetch --stdin` of object ids into a partial clone and
/// `--no-write-fetch-head` came with 2.29.
pub const MIN_GIT: (u32, u32) = (2, 29);

/// The installed git's version, `(major, minor)`, asked once per process.
pub fn git_version() -> Result<(u32, u32), String> {
    static VERSION: std::sync::OnceLock<Result<(u32, u32), String>> = std::sync::OnceLock::new();
    VERSION
        .get_or_init(|| {
            let mut cmd = git(None);
            cmd.arg("--version");
            let out = run(cmd, None)?;
            parse_version(&out).ok_or_else(|| format!("cannot read git's version from {out:?}"))
        })
        .clone()
}

/// `git version 2.47.3` (or `2.39.2.windows.1`) → `(2, 47)`.
fn parse_version(text: &str) -> Option<(u32, u32)> {
    let v = text.trim().strip_prefix("git version ")?;
    let mut parts = v.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts
        .next()?
        .trim_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .ok()?;
    Some((major, minor))
}

/// The commit a remote's HEAD names (`git ls-remote URL HEAD`).
pub fn remote_head(url: &str) -> Result<String, String> {
    let mut cmd = git(None);
    cmd.args(["ls-remote", "--", url, "HEAD"]);
    let out = run(cmd, None)?;
    out.lines()
        .find_map(|l| {
            let (oid, name) = l.split_once('\t')?;
            (name == "HEAD" && oid.len() >= 40).then(|| oid.to_string())
        })
        .ok_or_else(|| "the remote has no HEAD (an empty repository?)".into())
}

/// A blobless clone of `url` into `dir` (commits, trees and the tags on them: the `release`
/// kind finds the previous release by its tag; no file content, no checkout); when `dir`
/// already holds one, fetches what changed and moves its branch to the remote's HEAD.
pub fn clone_or_update(url: &str, dir: &Path) -> Result<(), String> {
    if dir.join(".git").is_dir() {
        return update(url, dir);
    }
    if dir.exists() {
        // Half a clone from an interrupted scan.
        std::fs::remove_dir_all(dir)
            .map_err(|e| format!("cannot remove {}: {e}", dir.display()))?;
    }
    if let Some(parent) = dir.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let mut cmd = git(None);
    cmd.args([
        "clone",
        "--quiet",
        "--filter=blob:none",
        "--no-checkout",
        "--",
        url,
    ])
    .arg(dir);
    let done = run(cmd, None).map(|_| ());
    if done.is_err() {
        let _ = std::fs::remove_dir_all(dir);
    }
    done
}

fn update(url: &str, dir: &Path) -> Result<(), String> {
    // The list may carry new credentials for the same repository.
    let mut set_url = git(Some(dir));
    set_url.args(["remote", "set-url", "--", "origin", url]);
    run(set_url, None)?;
    let mut head = git(Some(dir));
    head.args(["symbolic-ref", "--quiet", "HEAD"]);
    let branch = run(head, None)?.trim().to_string();
    if !branch.starts_with("refs/heads/") {
        return Err(format!("{} has no branch checked out", dir.display()));
    }
    let mut cmd = git(Some(dir));
    cmd.args([
        "fetch",
        "--quiet",
        "--update-head-ok",
        "--no-write-fetch-head",
        "--recurse-submodules=no",
        "--filter=blob:none",
        "origin",
    ])
    .arg(format!("+HEAD:{branch}"));
    run(cmd, None).map(|_| ())
}

/// Fetches the blobs `oids` from `origin` in one request, as git's own fetch of missing
/// objects in a partial clone does.
pub fn fetch_blobs(dir: &Path, oids: &[String]) -> Result<(), String> {
    if oids.is_empty() {
        return Ok(());
    }
    let mut cmd = git(Some(dir));
    cmd.args([
        "-c",
        "fetch.negotiationAlgorithm=noop",
        "fetch",
        "--quiet",
        "--no-tags",
        "--no-write-fetch-head",
        "--recurse-submodules=no",
        "--filter=blob:none",
        "--stdin",
        "origin",
    ]);
    let mut input = oids.join("\n");
    input.push('\n');
    run(cmd, Some(&input)).map(|_| ())
}

/// The pack files of the repository at `dir` (its `.git`) and their sizes.
pub fn packs(dir: &Path) -> BTreeMap<String, u64> {
    let Ok(entries) = std::fs::read_dir(dir.join(".git").join("objects").join("pack")) else {
        return BTreeMap::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let size = e.metadata().ok()?.len();
            name.ends_with(".pack").then_some((name, size))
        })
        .collect()
}

/// The bytes of the packs in `after` that were not in `before`: what the fetches in between
/// transferred.
pub fn new_bytes(before: &BTreeMap<String, u64>, after: &BTreeMap<String, u64>) -> u64 {
    after
        .iter()
        .filter(|(name, _)| !before.contains_key(*name))
        .map(|(_, size)| size)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_read_as_git_prints_them() {
        assert_eq!(parse_version("git version 2.47.3\n"), Some((2, 47)));
        assert_eq!(parse_version("git version 2.39.2.windows.1"), Some((2, 39)));
        assert_eq!(parse_version("git version 2.29.0"), Some(MIN_GIT));
        assert!(parse_version("hub version 1").is_none());
        assert!(parse_version("git version 2.28.1").unwrap() < MIN_GIT);
    }

    #[test]
    fn only_new_packs_count() {
        let before = BTreeMap::from([("a.pack".to_string(), 10)]);
        let after = BTreeMap::from([("a.pack".to_string(), 10), ("b.pack".to_string(), 7)]);
        assert_eq!(new_bytes(&before, &after), 7);
    }
}
