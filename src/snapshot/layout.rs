//! Which repository a path is in, and its work tree (or none), decided as git decides it
//! (git's setup.c): `GIT_DIR` / `GIT_WORK_TREE`, a `.git` folder, a `.git` file (`init
//! --separate-git-dir`, linked worktrees, submodules), a bare repository, or a path inside a git
//! directory. `gonogo check PATH` finds what `git -C PATH` finds.
//!
//! libgit2 alone is not enough: `Repository::discover` forgets the `.git` file it followed, so a
//! `--separate-git-dir` repository got the git directory's parent as its work tree; and libgit2
//! gives a git directory reached directly (`gonogo check repo.git`, or a path inside `.git`) its
//! parent as work tree, where git has none.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use git2::{ErrorCode, Repository, RepositoryOpenFlags as OpenFlags};

/// The environment variables that choose the repository, as git reads them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GitEnv {
    /// `GIT_DIR`: the git directory; no search.
    pub git_dir: Option<PathBuf>,
    /// `GIT_WORK_TREE`: the work tree, whatever the repository says.
    pub work_tree: Option<PathBuf>,
    /// `GIT_CEILING_DIRECTORIES`: folders the upward search does not enter.
    pub ceiling_dirs: Vec<PathBuf>,
    /// `GIT_DISCOVERY_ACROSS_FILESYSTEM`: the search may cross a file system boundary.
    pub across_filesystems: bool,
}

impl GitEnv {
    /// The variables of this process (empty ones count as unset, as in git).
    pub fn from_process() -> GitEnv {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        GitEnv {
            git_dir: var("GIT_DIR").map(PathBuf::from),
            work_tree: var("GIT_WORK_TREE").map(PathBuf::from),
            ceiling_dirs: var("GIT_CEILING_DIRECTORIES")
                .map(|v| std::env::split_paths(&v).collect())
                .unwrap_or_default(),
            across_filesystems: var("GIT_DISCOVERY_ACROSS_FILESYSTEM")
                .and_then(|v| v.into_string().ok())
                .is_some_and(|v| {
                    matches!(v.to_ascii_lowercase().as_str(), "1" | "true" | "yes" | "on")
                }),
        }
    }
}

/// The repository `path` is in, its work tree set as git sets it (none: opened bare).
/// `Ok(None)`: `path` is in no repository (and `GIT_DIR` is unset). A `GIT_DIR` that is no
/// repository is an error, never a plain folder.
///
/// Relative `GIT_DIR` and `GIT_WORK_TREE` are taken from `path`, as `git -C PATH` takes them.
pub fn open(path: &Path, env: &GitEnv) -> Result<Option<Repository>, git2::Error> {
    let base = std::path::absolute(path).map_err(|e| git2::Error::from_str(&e.to_string()))?;
    let from_base = |p: &Path| {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            base.join(p)
        }
    };
    let (repo, work_tree) = match &env.git_dir {
        Some(dir) => {
            let dir = from_base(dir);
            let flags = OpenFlags::NO_SEARCH | OpenFlags::NO_DOTGIT;
            let repo =
                Repository::open_ext(&dir, flags, std::iter::empty::<OsString>()).map_err(|e| {
                    git2::Error::from_str(&format!(
                        "GIT_DIR={} is not a git repository: {}",
                        dir.display(),
                        e.message()
                    ))
                })?;
            // git: GIT_WORK_TREE, else core.worktree, else none for a bare repository, else the
            // current folder (here: PATH).
            let work_tree = match configured(&repo) {
                Configured::WorkTree(w) => Some(w),
                Configured::Bare => None,
                Configured::Nothing => Some(base.clone()),
            };
            (repo, work_tree)
        }
        None => {
            let mut flags = OpenFlags::empty();
            if env.across_filesystems {
                flags |= OpenFlags::CROSS_FS;
            }
            let repo = match Repository::open_ext(&base, flags, &env.ceiling_dirs) {
                Ok(r) => r,
                Err(e) if e.code() == ErrorCode::NotFound => return Ok(None),
                Err(e) => return Err(e),
            };
            let inside_git_dir = canonical(&base).starts_with(canonical(repo.path()));
            let work_tree = if inside_git_dir {
                // git: a git directory reached directly has no work tree unless its config
                // names one.
                match configured(&repo) {
                    Configured::WorkTree(w) => Some(w),
                    _ => None,
                }
            } else {
                // Reached through a `.git` folder or file: libgit2 knows the folder that holds
                // it, core.worktree (submodules) and a linked worktree's `gitdir`.
                repo.workdir().map(Path::to_path_buf)
            };
            (repo, work_tree)
        }
    };
    let work_tree = env.work_tree.as_deref().map(from_base).or(work_tree);
    settle(repo, work_tree).map(Some)
}

/// What the repository's own config says about its work tree.
enum Configured {
    WorkTree(PathBuf),
    Bare,
    Nothing,
}

/// `core.worktree` (relative to the git directory) and `core.bare` from the repository's own
/// config file, as git's setup reads them; a linked worktree's come from its `gitdir` file.
fn configured(repo: &Repository) -> Configured {
    if repo.is_worktree() {
        return Configured::Nothing;
    }
    let Ok(config) = git2::Config::open(&repo.commondir().join("config")) else {
        return Configured::Nothing;
    };
    if let Ok(w) = config.get_string("core.worktree")
        && !w.is_empty()
    {
        return Configured::WorkTree(repo.path().join(w));
    }
    if config.get_bool("core.bare").unwrap_or(false) {
        return Configured::Bare;
    }
    Configured::Nothing
}

/// The repository with `work_tree` as its work tree, or reopened bare when there is none.
fn settle(repo: Repository, work_tree: Option<PathBuf>) -> Result<Repository, git2::Error> {
    match work_tree {
        Some(w) => {
            if !w.is_dir() {
                return Err(git2::Error::from_str(&format!(
                    "the work tree {} is not a folder",
                    w.display()
                )));
            }
            let w = canonical(&w);
            if repo.workdir().map(canonical) != Some(w.clone()) {
                repo.set_workdir(&w, false)?;
            }
            Ok(repo)
        }
        None if repo.workdir().is_none() => Ok(repo),
        None => Repository::open_bare(repo.path()),
    }
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}
