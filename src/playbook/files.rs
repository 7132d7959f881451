//! Where policy files (playbook, what it extends, waivers, allowed signers) are read from: a
//! commit's tree, a folder on disk confined to it, or the checked state itself. Paths are
//! repository-relative and `/`-separated; none may leave the tree.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Policy files larger than this are refused before parsing.
pub const MAX_POLICY_BYTES: u64 = 4 << 20;

/// A tree of policy files.
pub trait PolicyFiles: Sync {
    /// The text of `path`; `Ok(None)` when there is no such file.
    fn read(&self, path: &str) -> Result<Option<String>, String>;
    /// How a file of this tree is named in diagnostics and in the evidence.
    fn display(&self, path: &str) -> String;
}

/// Joins a relative `target` to the folder `dir` (both repository-relative) and removes `.` and
/// `..`; an absolute target or one that climbs above the root is refused with the reason.
pub fn join(dir: &str, target: &str) -> Result<String, String> {
    if target.starts_with('/') || target.starts_with('\\') || has_drive(target) {
        return Err("is an absolute path".into());
    }
    // The folder is normalised by the same rules: a `..` in it cannot climb out either.
    let mut parts: Vec<&str> = Vec::new();
    for part in dir.split(['/', '\\']).chain(target.split(['/', '\\'])) {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err("leads outside the repository".into());
                }
            }
            // git's own folder holds credentials (CI checkouts keep tokens in .git/config).
            p if p.eq_ignore_ascii_case(".git") => {
                return Err(
                    "names git's own folder, which is not part of the repository's files".into(),
                );
            }
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        return Err("names no file".into());
    }
    Ok(parts.join("/"))
}

fn has_drive(path: &str) -> bool {
    let b = path.as_bytes();
    b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':'
}

/// The folder part of a repository-relative path (`""` at the root).
pub fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// Whether `real` lies in the `.git` folder of the work tree `root`.
fn in_git_dir(real: &Path, root: &Path) -> bool {
    real.strip_prefix(root).ok().is_some_and(|rel| {
        rel.components()
            .next()
            .is_some_and(|c| c.as_os_str().eq_ignore_ascii_case(".git"))
    })
}

fn decode(path: &str, bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{path} is not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

fn too_large(path: &str) -> String {
    format!("{path} is larger than {MAX_POLICY_BYTES} bytes; policy files that large are refused")
}

/// The tree of one commit: what a trusted revision (a merge request's target, a policy branch,
/// the checked commit) holds.
pub struct GitTree {
    repo: std::sync::Mutex<git2::Repository>,
    tree: git2::Oid,
    /// The revision as the user named it (`main`, `origin/policy`), for diagnostics.
    label: String,
}

impl GitTree {
    pub fn new(repo: git2::Repository, commit: git2::Oid, label: String) -> Result<Self, String> {
        let tree = repo
            .find_commit(commit)
            .and_then(|c| c.tree())
            .map(|t| t.id())
            .map_err(|e| format!("cannot read commit {commit}: {}", e.message()))?;
        Ok(GitTree {
            repo: std::sync::Mutex::new(repo),
            tree,
            label,
        })
    }
}

impl PolicyFiles for GitTree {
    fn read(&self, path: &str) -> Result<Option<String>, String> {
        let repo = self.repo.lock().map_err(|_| "repository lock poisoned")?;
        let tree = repo
            .find_tree(self.tree)
            .map_err(|e| e.message().to_string())?;
        let entry = match tree.get_path(Path::new(path)) {
            Ok(e) => e,
            Err(e) if e.code() == git2::ErrorCode::NotFound => return Ok(None),
            Err(e) => return Err(format!("{path} at {}: {}", self.label, e.message())),
        };
        match entry.filemode() {
            0o100644 | 0o100755 => {}
            0o120000 => {
                return Err(format!(
                    "{} is a symbolic link; policy files must be regular files",
                    self.display(path)
                ));
            }
            _ => {
                return Err(format!(
                    "{} is not a regular file (a folder or a submodule)",
                    self.display(path)
                ));
            }
        }
        let odb = repo.odb().map_err(|e| e.message().to_string())?;
        let (size, _) = odb.read_header(entry.id()).map_err(|e| {
            format!(
                "{}: object {} cannot be read: {}",
                self.display(path),
                entry.id(),
                e.message()
            )
        })?;
        if size as u64 > MAX_POLICY_BYTES {
            return Err(too_large(&self.display(path)));
        }
        let blob = repo
            .find_blob(entry.id())
            .map_err(|e| format!("{}: {}", self.display(path), e.message()))?;
        decode(&self.display(path), blob.content().to_vec()).map(Some)
    }

    /// The path alone, so that the evidence names the same files whatever the revision was
    /// called; the policy info of the evidence names the revision.
    fn display(&self, path: &str) -> String {
        path.to_string()
    }
}

/// Files on disk below `root`. Confined: nothing outside `root` is read, through `..` or a
/// symbolic link, and only regular files, read up to the cap (special files have no size).
pub struct DiskTree {
    root: PathBuf,
    /// Paths are shown relative to the root (inside a repository) or absolute (anywhere else).
    relative_names: bool,
    /// For `playbook validate`: show paths below the current folder as the user types them.
    names_from_current_dir: bool,
}

impl DiskTree {
    /// The work tree of a repository, or a plain folder being checked.
    pub fn confined(root: &Path) -> Self {
        DiskTree {
            root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            relative_names: true,
            names_from_current_dir: false,
        }
    }

    /// Like [`DiskTree::caller`], naming files below the current folder relative to it: for
    /// diagnostics a person reads, not for evidence (whose names must not depend on the folder).
    pub fn typed(path: &Path) -> (Self, String) {
        let (mut tree, rel) = DiskTree::caller(path);
        tree.names_from_current_dir = true;
        (tree, rel)
    }

    /// The whole file system, for a playbook the caller names on the command line; returns the
    /// tree and the file's path in it.
    pub fn caller(path: &Path) -> (Self, String) {
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| {
            std::env::current_dir()
                .map(|d| d.join(path))
                .unwrap_or_else(|_| path.to_path_buf())
        });
        let rel = abs
            .components()
            .filter_map(|c| match c {
                std::path::Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("/");
        let root = abs
            .ancestors()
            .last()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("/"));
        (
            DiskTree {
                root,
                relative_names: false,
                names_from_current_dir: false,
            },
            rel,
        )
    }
}

impl PolicyFiles for DiskTree {
    fn read(&self, path: &str) -> Result<Option<String>, String> {
        let name = self.display(path);
        if self.relative_names {
            // Repository paths only: never absolute, never `..`, never git's own folder.
            join("", path).map_err(|why| format!("{name} {why}; it is not read"))?;
        }
        let full = self.root.join(path);
        let meta = match std::fs::symlink_metadata(&full) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read {name}: {e}")),
        };
        let real = if meta.file_type().is_symlink() {
            let real = std::fs::canonicalize(&full)
                .map_err(|e| format!("cannot read {name}: {e} (a dangling symbolic link)"))?;
            if !real.starts_with(&self.root)
                || (self.relative_names && in_git_dir(&real, &self.root))
            {
                return Err(format!(
                    "{name} is a symbolic link that leads outside the repository's files; it is not read"
                ));
            }
            real
        } else {
            full
        };
        let meta = std::fs::metadata(&real).map_err(|e| format!("cannot read {name}: {e}"))?;
        if !meta.is_file() {
            return Err(format!(
                "{name} is not a regular file (a folder, device, FIFO or socket); it is not read"
            ));
        }
        if meta.len() > MAX_POLICY_BYTES {
            return Err(format!(
                "{name} is {} bytes; policy files larger than {MAX_POLICY_BYTES} bytes are refused",
                meta.len()
            ));
        }
        let file = std::fs::File::open(&real).map_err(|e| format!("cannot read {name}: {e}"))?;
        let mut bytes = Vec::new();
        file.take(MAX_POLICY_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read {name}: {e}"))?;
        if bytes.len() as u64 > MAX_POLICY_BYTES {
            return Err(too_large(&name));
        }
        decode(&name, bytes).map(Some)
    }

    /// Inside a repository: the repository path. A caller's file: its absolute path, so that
    /// the names the evidence records do not depend on the folder gonogo ran in.
    fn display(&self, path: &str) -> String {
        if self.relative_names {
            return path.to_string();
        }
        let full = self.root.join(path);
        let below_current = || {
            let here = std::fs::canonicalize(std::env::current_dir().ok()?).ok()?;
            full.strip_prefix(here).ok().map(Path::to_path_buf)
        };
        match self.names_from_current_dir.then(below_current).flatten() {
            Some(rel) => rel.display().to_string(),
            None => full.display().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_stay_inside_the_tree() {
        assert_eq!(join("", "gonogo.toml").unwrap(), "gonogo.toml");
        assert_eq!(
            join(".gonogo", "../org/base.toml").unwrap(),
            "org/base.toml"
        );
        assert_eq!(join("a/b", "./c/../d.toml").unwrap(), "a/b/d.toml");
        assert!(join("", "../x.toml").is_err());
        assert!(join("a", "../../x.toml").is_err());
        assert!(join("", "/etc/passwd").is_err());
        assert!(join("", "C:/x.toml").is_err());
        assert!(join("", "..\\..\\x").is_err());
        assert!(join("", ".git/config").is_err());
        assert!(join("docs", "../.GIT/config").is_err());
        assert!(join("a/../..", "x.toml").is_err());
        assert_eq!(join("a/../b", "x.toml").unwrap(), "b/x.toml");
        assert_eq!(parent("a/b/c.toml"), "a/b");
        assert_eq!(parent("c.toml"), "");
    }
}
