//! Finding and loading a policy's files in a tree: the playbook (named, discovered, a preset or
//! the caller's own file) and the waiver file.

use std::path::{Path, PathBuf};

use super::plain;
use crate::playbook::files::{DiskTree, PolicyFiles};
use crate::playbook::{self, Playbook, PlaybookError};
use crate::verdict::waivers::WaiverSet;

/// Where a playbook is looked for inside a tree.
#[derive(Debug, Clone)]
pub(super) enum Located {
    /// Discovered by name (`gonogo.toml`, `.gonogo/playbook.toml`), else the default preset.
    Discover,
    /// A repository path named on the command line.
    Path(String),
    /// A file outside the repository, named on the command line.
    Caller(PathBuf),
    Preset(String),
}

pub(super) fn locate(explicit: Option<&Path>, root: &Path) -> Located {
    let Some(p) = explicit else {
        return Located::Discover;
    };
    if let Some(name) = p.to_str().and_then(|s| s.strip_prefix("preset:")) {
        return Located::Preset(name.to_string());
    }
    match inside(p, root) {
        Some(rel) => Located::Path(rel),
        None => Located::Caller(p.to_path_buf()),
    }
}

/// `path` as a repository-relative path, when it lies inside `root`.
fn inside(path: &Path, root: &Path) -> Option<String> {
    let abs = std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .ok()?;
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let rel = abs.strip_prefix(&root).ok()?;
    let rel = rel.to_string_lossy().replace('\\', "/");
    (!rel.is_empty()).then_some(rel)
}

/// A playbook loaded from a tree, with the path the evidence names it by.
pub(super) fn load_playbook(
    tree: &dyn PolicyFiles,
    located: &Located,
) -> Result<Option<(Playbook, String)>, PlaybookError> {
    match located {
        Located::Preset(name) => playbook::load_preset(name, &crate::controls::REGISTRY)
            .map(|p| Some((p, format!("preset:{name}")))),
        Located::Caller(path) => {
            playbook::load_file(path, &crate::controls::REGISTRY).map(|p| Some((p, p_name(path))))
        }
        Located::Path(rel) => playbook::load::load_from(tree, rel, &crate::controls::REGISTRY)
            .map(|p| Some((p, rel.clone()))),
        Located::Discover => {
            for name in playbook::DISCOVERY {
                if tree.read(name).map_err(plain)?.is_some() {
                    return playbook::load::load_from(tree, name, &crate::controls::REGISTRY)
                        .map(|p| Some((p, name.to_string())));
                }
            }
            Ok(None)
        }
    }
}

fn p_name(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// The waiver file of a policy: `--waivers`, else the playbook's `[waivers] file` if present.
pub(super) fn load_waivers(
    tree: &dyn PolicyFiles,
    explicit: Option<&Path>,
    root: &Path,
    playbook: &Playbook,
) -> Result<Option<WaiverSet>, PlaybookError> {
    let (text, name) = match explicit {
        Some(path) => match inside(path, root) {
            Some(rel) => match tree.read(&rel).map_err(plain)? {
                Some(t) => (t, rel),
                None => {
                    return Err(plain(format!(
                        "cannot read {}: no such file",
                        tree.display(&rel)
                    )));
                }
            },
            None => {
                let (disk, rel) = DiskTree::caller(path);
                match disk.read(&rel).map_err(plain)? {
                    Some(t) => (t, p_name(path)),
                    None => {
                        return Err(plain(format!(
                            "cannot read {}: no such file",
                            path.display()
                        )));
                    }
                }
            }
        },
        None => {
            let rel = &playbook.waivers.file;
            match tree.read(rel).map_err(plain)? {
                Some(t) => (t, rel.clone()),
                None => return Ok(None),
            }
        }
    };
    crate::verdict::waivers::parse(&name, &text).map(Some)
}
