//! `gonogo scan ROOT`: check every git repository below a folder, several at a time, write each
//! one's evidence and the portfolio of them all.
//!
//! A folder holding `.git` (a folder, or a file as in worktrees and submodules) is a repository;
//! the walk does not descend into it, so nested repositories (submodules, vendored clones) are
//! part of the one that holds them and are not checked on their own. Symbolic links are not
//! followed. Each repository is checked as `gonogo check` checks it: its committed HEAD, its own
//! playbook (or `--playbook`), its own waiver file.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::evidence::Evidence;
use crate::pipeline::run::{CheckRequest, RunError};

/// A repository found below the scan root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    /// Relative to the root, `/`-separated; `.` for the root itself.
    pub relative: String,
    /// The file stem of its evidence: the folder name, made unique with `-2`, `-3`, ….
    pub name: String,
    /// The URL it is cloned from into `path` (`scan --repos` with a remote entry).
    pub remote: Option<String>,
}

/// Every git repository below `root` (the root included), at most `max_depth` folders deep,
/// ordered by relative path. `exclude` (e.g. the output folder) is not searched.
pub fn discover(root: &Path, max_depth: usize, exclude: Option<&Path>) -> Vec<Found> {
    let exclude = exclude.and_then(Identity::of);
    let mut found = Vec::new();
    let mut walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .max_depth(max_depth)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_dir() {
            continue;
        }
        if entry.file_name() == ".git" {
            walker.skip_current_dir();
            continue;
        }
        if exclude.is_some() && Identity::of(entry.path()) == exclude {
            walker.skip_current_dir();
            continue;
        }
        if entry.path().join(".git").exists() {
            let rel = entry
                .path()
                .strip_prefix(root)
                .unwrap_or(entry.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            found.push((entry.path().to_path_buf(), rel));
            walker.skip_current_dir();
        }
    }
    found.sort_by(|a, b| a.1.cmp(&b.1));
    let mut used = std::collections::BTreeSet::new();
    found
        .into_iter()
        .map(|(path, rel)| {
            let base = if rel.is_empty() {
                std::fs::canonicalize(&path)
                    .ok()
                    .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                    .unwrap_or_else(|| "repository".into())
            } else {
                rel.rsplit('/').next().unwrap_or(&rel).to_string()
            };
            let base = sanitize(&base);
            let mut name = base.clone();
            let mut n = 2;
            while !used.insert(name.clone()) || name == "portfolio" {
                name = format!("{base}-{n}");
                n += 1;
            }
            Found {
                path,
                relative: if rel.is_empty() { ".".into() } else { rel },
                name,
                remote: None,
            }
        })
        .collect()
}

/// The folders a path lies in (itself included), by identity: found once, so that asking
/// whether a repository holds the path costs that repository one `stat`, not a `readlink` per
/// component of its path as canonicalizing it does.
pub struct Within(Vec<Identity>);

impl Within {
    /// `path` should be normalized (no `..`): its folders are taken as written.
    pub fn of(path: &Path) -> Within {
        Within(path.ancestors().filter_map(Identity::of).collect())
    }

    /// Whether `folder` is one of them (following links, as the path's own folders are).
    pub fn contains(&self, folder: &Path) -> bool {
        Identity::of(folder).is_some_and(|id| self.0.contains(&id))
    }
}

/// Which folder a path is, whatever way it is written: device and inode where there are such,
/// else the canonical path. Asked for every folder of the walk, so one `stat` each, not a
/// `readlink` per component as canonicalizing costs.
#[derive(PartialEq, Eq)]
enum Identity {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(std::path::PathBuf),
}

impl Identity {
    #[cfg(unix)]
    fn of(path: &Path) -> Option<Identity> {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(path).ok()?;
        Some(Identity::Inode(m.dev(), m.ino()))
    }

    #[cfg(not(unix))]
    fn of(path: &Path) -> Option<Identity> {
        std::fs::canonicalize(path).ok().map(Identity::Path)
    }
}

/// A file stem safe everywhere: letters, digits, `.`, `_`, `-`.
pub fn sanitize(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_start_matches('.').to_string();
    if s.is_empty() { "repository".into() } else { s }
}

/// Stack of each scan worker: far more than a check needs, so that a recursive parser the depth
/// limits (`crate::support::limits`) missed still has room. A stack overflow cannot be caught.
const WORKER_STACK: usize = 64 << 20;

/// Why a repository was not checked.
#[derive(Debug)]
pub enum Failure {
    Run(RunError),
    /// The check panicked; the scan went on with the other repositories.
    Panicked(String),
    /// A remote repository could not be cloned or fetched, or a listed one is no repository
    /// (the sentence, in the scan's language).
    Fetch(String),
}

impl Failure {
    pub fn render(&self, color: bool) -> String {
        match self {
            Failure::Run(e) => e.render(color),
            Failure::Panicked(m) => format!("error: gonogo hit an internal error: {m}\n"),
            Failure::Fetch(m) => format!("error: {m}\n"),
        }
    }

    pub fn summary(&self) -> String {
        match self {
            Failure::Run(e) => e.summary(),
            Failure::Panicked(m) => format!("internal error: {m}"),
            Failure::Fetch(m) => m.clone(),
        }
    }
}

/// One repository's check, isolated: a panic becomes that repository's failure.
pub fn check_one(repo: &Found, request: &CheckRequest) -> Result<Evidence, Failure> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // Lets the test suite prove that one repository's panic spares the others.
        if std::env::var_os("GONOGO_INTERNAL_SCAN_PANIC_TEST")
            .is_some_and(|v| v.to_str() == Some(repo.relative.as_str()))
        {
            panic!("panic requested by GONOGO_INTERNAL_SCAN_PANIC_TEST");
        }
        crate::pipeline::run::run_check(&repo.path, request)
    }))
    .map_err(|payload| {
        Failure::Panicked(
            payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into()),
        )
    })?
    .map_err(Failure::Run)
}

/// Runs `work(i)` for every `i` below `n`, `jobs` at a time; results in the order of `i`.
/// `done(finished, n, &result)` is called as each one finishes, on the worker that ran it (the
/// place to stream a result). A panic in `work` is caught by the caller's `work` itself
/// ([`check_one`]); an item no worker finished is `None`.
pub fn in_parallel<T: Send>(
    n: usize,
    jobs: usize,
    work: &(dyn Fn(usize) -> T + Sync),
    done: &(dyn Fn(usize, usize, &T) + Sync),
) -> Vec<Option<T>> {
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<T>>> = Mutex::new((0..n).map(|_| None).collect());
    let workers = jobs.clamp(1, n.max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            let run = || {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= n {
                        break;
                    }
                    let result = work(i);
                    let k = finished.fetch_add(1, Ordering::SeqCst) + 1;
                    done(k, n, &result);
                    if let Ok(mut r) = results.lock() {
                        r[i] = Some(result);
                    }
                }
            };
            let spawned = std::thread::Builder::new()
                .name("gonogo-scan".into())
                .stack_size(WORKER_STACK)
                .spawn_scoped(s, run);
            if spawned.is_err() {
                // No thread for this worker: the others (or this thread) do its share.
                run();
            }
        }
    });
    results.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_file_stems() {
        assert_eq!(sanitize("my repo/x"), "my-repo-x");
        assert_eq!(sanitize(".hidden"), "hidden");
        assert_eq!(sanitize(""), "repository");
    }
}
