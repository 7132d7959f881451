//! Change sets: what changed between the merge base with a base revision and the checked
//! commit, the index or the worktree, and between two commits.

use git2::{Delta, DiffFindOptions, DiffOptions, Oid, Repository};

use super::{Change, ChangeKind, ChangeSet, HistoryError, is_shallow};
use crate::support::limits::{MAX_TREE_DEPTH, MAX_TREE_ENTRIES};

fn delta_changes(diff: &git2::Diff<'_>) -> Vec<Change> {
    let mut out = Vec::new();
    for d in diff.deltas() {
        let new = d
            .new_file()
            .path_bytes()
            .map(|p| String::from_utf8_lossy(p).into_owned());
        let old = d
            .old_file()
            .path_bytes()
            .map(|p| String::from_utf8_lossy(p).into_owned());
        let (kind, path, old_path) = match d.status() {
            Delta::Added | Delta::Untracked | Delta::Copied => (ChangeKind::Added, new, None),
            Delta::Deleted => (ChangeKind::Deleted, old, None),
            Delta::Renamed => (ChangeKind::Renamed, new, old),
            Delta::Modified | Delta::Typechange => (ChangeKind::Modified, new, None),
            _ => continue,
        };
        if let Some(path) = path {
            out.push(Change {
                path,
                kind,
                old_path,
            });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn find_renames(diff: &mut git2::Diff<'_>) -> Result<(), git2::Error> {
    let mut opts = DiffFindOptions::new();
    opts.renames(true);
    diff.find_similar(Some(&mut opts))
}

/// Resolves a base name the way CI gives it: a revision, else `origin/<name>`.
pub fn resolve_base(repo: &Repository, base: &str) -> Option<Oid> {
    for candidate in [
        base.to_string(),
        format!("origin/{base}"),
        format!("refs/remotes/origin/{base}"),
    ] {
        if let Ok(obj) = repo.revparse_single(&candidate)
            && let Ok(c) = obj.peel_to_commit()
        {
            return Some(c.id());
        }
    }
    None
}

/// Changes between the merge base of `base` and `checked`, and `checked`'s tree.
pub fn changes_against(repo: &Repository, base: &str, checked: Oid) -> Result<ChangeSet, String> {
    let base_oid = resolve_base(repo, base).ok_or_else(|| {
        let shallow = if is_shallow(repo) {
            " (this clone is shallow: fetch the base branch too)"
        } else {
            ""
        };
        format!("cannot resolve the base `{base}`{shallow}")
    })?;
    let merge_base = repo.merge_base(base_oid, checked).map_err(|e| {
        if is_shallow(repo) {
            format!(
                "no merge base of `{base}` and the checked commit in this shallow clone; fetch more history (`fetch-depth: 0`)"
            )
        } else {
            format!("no merge base of `{base}` and the checked commit: {}", e.message())
        }
    })?;
    let old = repo
        .find_commit(merge_base)
        .and_then(|c| c.tree())
        .map_err(|e| e.message().to_string())?;
    let new = repo
        .find_commit(checked)
        .and_then(|c| c.tree())
        .map_err(|e| e.message().to_string())?;
    let changes = match diff_trees(repo, &old, &new).map_err(|e| e.message().to_string())? {
        Some(mut diff) => {
            find_renames(&mut diff).map_err(|e| e.message().to_string())?;
            delta_changes(&diff)
        }
        None => Vec::new(),
    };
    Ok(ChangeSet {
        base_ref: base.to_string(),
        base_commit: merge_base.to_string(),
        changes,
    })
}

/// Changes in the index against HEAD (an unborn HEAD counts as empty), for pre-commit.
pub fn staged_changes(repo: &Repository) -> Result<ChangeSet, String> {
    let head_tree = repo.head().ok().and_then(|h| h.peel_to_tree().ok());
    let index = repo.index().map_err(|e| e.message().to_string())?;
    let mut diff = repo
        .diff_tree_to_index(head_tree.as_ref(), Some(&index), None)
        .map_err(|e| e.message().to_string())?;
    find_renames(&mut diff).map_err(|e| e.message().to_string())?;
    let base_commit = repo
        .head()
        .ok()
        .and_then(|h| h.target())
        .map(|o| o.to_string())
        .unwrap_or_default();
    Ok(ChangeSet {
        base_ref: "HEAD".into(),
        base_commit,
        changes: delta_changes(&diff),
    })
}

/// Changes on disk (tracked and untracked, not ignored) against the merge base with `base`.
pub fn worktree_changes(repo: &Repository, base: &str) -> Result<ChangeSet, String> {
    let head = repo
        .head()
        .ok()
        .and_then(|h| h.target())
        .ok_or_else(|| "no HEAD commit".to_string())?;
    let mut set = changes_against(repo, base, head)?;
    let old = repo
        .find_commit(Oid::from_str(&set.base_commit).map_err(|e| e.message().to_string())?)
        .and_then(|c| c.tree())
        .map_err(|e| e.message().to_string())?;
    let mut opts = DiffOptions::new();
    opts.include_untracked(true).recurse_untracked_dirs(true);
    let mut diff = repo
        .diff_tree_to_workdir_with_index(Some(&old), Some(&mut opts))
        .map_err(|e| e.message().to_string())?;
    find_renames(&mut diff).map_err(|e| e.message().to_string())?;
    set.changes = delta_changes(&diff);
    Ok(set)
}

/// Changes between two commits' trees.
pub fn changes_between(repo: &Repository, from: Oid, to: Oid) -> Result<Vec<Change>, HistoryError> {
    let old = repo.find_commit(from)?.tree()?;
    let new = repo.find_commit(to)?.tree()?;
    // No rename detection: across a release window it compares every added file with every
    // deleted one, and a renamed file counts as added, which is what release rules ask.
    Ok(diff_trees(repo, &old, &new)?
        .map(|diff| delta_changes(&diff))
        .unwrap_or_default())
}

/// `diff_tree_to_tree` of two trees, `None` when no path differs. libgit2's diff reads every
/// folder of both trees, also those whose ids are equal on both sides; so the trees are compared
/// here first, skipping equal folders, and the diff is limited to the paths that differ (an
/// exact path list: a listed folder stands for everything below it), so it reads only the
/// folders on their way. The deltas are those of the whole trees: unchanged paths make none.
fn diff_trees<'r>(
    repo: &'r Repository,
    old: &git2::Tree<'_>,
    new: &git2::Tree<'_>,
) -> Result<Option<git2::Diff<'r>>, git2::Error> {
    let mut paths = Vec::new();
    let mut left = MAX_TREE_ENTRIES;
    if !differing_paths(repo, old, new, &[], 0, &mut left, &mut paths)? {
        // Folders repeated by reference can list millions of paths: the whole trees, as before.
        return repo.diff_tree_to_tree(Some(old), Some(new), None).map(Some);
    }
    paths.sort_unstable();
    paths.dedup();
    if paths.is_empty() {
        // An empty path list would mean every path.
        return Ok(None);
    }
    let mut opts = DiffOptions::new();
    opts.disable_pathspec_match(true);
    for p in paths {
        opts.pathspec(p);
    }
    repo.diff_tree_to_tree(Some(old), Some(new), Some(&mut opts))
        .map(Some)
}

/// The paths below `prefix` whose entries differ between `old` and `new` (id, mode or kind, or
/// present on one side only), unsorted; a folder is descended into only when its id differs,
/// and listed whole below git's depth limit. Each side's entries are looked up on the other, so
/// a name listed twice in a malformed tree is listed too when either of its entries differs.
/// `false` when more than `left` entries would have to be compared.
fn differing_paths(
    repo: &Repository,
    old: &git2::Tree<'_>,
    new: &git2::Tree<'_>,
    prefix: &[u8],
    depth: usize,
    left: &mut usize,
    out: &mut Vec<Vec<u8>>,
) -> Result<bool, git2::Error> {
    let path = |name: &[u8]| {
        let mut p = Vec::with_capacity(prefix.len() + name.len() + 1);
        if !prefix.is_empty() {
            p.extend_from_slice(prefix);
            p.push(b'/');
        }
        p.extend_from_slice(name);
        p
    };
    let folder = Some(git2::ObjectType::Tree);
    for (here, there, old_side) in [(new, old, false), (old, new, true)] {
        for e in here.iter() {
            if *left == 0 {
                return Ok(false);
            }
            *left -= 1;
            let name = e.name_bytes();
            let Some(o) = there.get_name_bytes(name) else {
                out.push(path(name));
                continue;
            };
            if e.kind() == folder && o.kind() == folder {
                // On the old side, the pair was compared from the new side unless a repeated
                // name made the lookup find another entry.
                let compared = old_side && old.get_name_bytes(name).map(|x| x.id()) == Some(e.id());
                if e.id() != o.id() && !compared {
                    if depth + 1 >= MAX_TREE_DEPTH {
                        out.push(path(name));
                        continue;
                    }
                    let (sub_old, sub_new) = if old_side { (&e, &o) } else { (&o, &e) };
                    let sub_old = repo.find_tree(sub_old.id())?;
                    let sub_new = repo.find_tree(sub_new.id())?;
                    if !differing_paths(
                        repo,
                        &sub_old,
                        &sub_new,
                        &path(name),
                        depth + 1,
                        left,
                        out,
                    )? {
                        return Ok(false);
                    }
                }
            } else if e.id() != o.id()
                || e.filemode_raw() != o.filemode_raw()
                || e.kind() != o.kind()
            {
                out.push(path(name));
            }
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tree from (path, content, mode) entries; folders are made from the paths.
    fn tree(repo: &Repository, files: &[(&str, &str, i32)]) -> Oid {
        let mut here = repo.treebuilder(None).expect("tree");
        let mut folders: std::collections::BTreeMap<&str, Vec<(&str, &str, i32)>> =
            Default::default();
        for &(path, content, mode) in files {
            match path.split_once('/') {
                Some((dir, rest)) => folders.entry(dir).or_default().push((rest, content, mode)),
                None => {
                    let blob = repo.blob(content.as_bytes()).expect("blob");
                    here.insert(path, blob, mode).expect("insert");
                }
            }
        }
        for (dir, files) in folders {
            here.insert(dir, tree(repo, &files), 0o040000)
                .expect("insert");
        }
        here.write().expect("write")
    }

    fn full_diff(repo: &Repository, old: Oid, new: Oid) -> Vec<Change> {
        let (old, new) = (repo.find_tree(old).unwrap(), repo.find_tree(new).unwrap());
        let mut diff = repo
            .diff_tree_to_tree(Some(&old), Some(&new), None)
            .unwrap();
        find_renames(&mut diff).unwrap();
        delta_changes(&diff)
    }

    fn pruned_diff(repo: &Repository, old: Oid, new: Oid) -> Vec<Change> {
        let (old, new) = (repo.find_tree(old).unwrap(), repo.find_tree(new).unwrap());
        match diff_trees(repo, &old, &new).unwrap() {
            Some(mut diff) => {
                find_renames(&mut diff).unwrap();
                delta_changes(&diff)
            }
            None => Vec::new(),
        }
    }

    #[test]
    fn the_pruned_diff_equals_the_diff_of_the_whole_trees() {
        let dir = tempfile::tempdir().expect("temp");
        let repo = Repository::init(dir.path()).expect("init");
        let long = "a line that is long enough to be found again after a rename\n".repeat(20);
        let old = tree(
            &repo,
            &[
                ("a.md", "one", 0o100644),
                ("same/deep/x.md", "x", 0o100644),
                ("d/x.md", "x", 0o100644),
                ("d/y.md", "y", 0o100644),
                ("d/e/gone.md", "g", 0o100644),
                ("t", "file", 0o100644),
                ("run.sh", "echo", 0o100644),
                ("old/name.md", &long, 0o100644),
                ("[glob]*.md", "star", 0o100644),
            ],
        );
        let new = tree(
            &repo,
            &[
                ("a.md", "two", 0o100644),
                ("same/deep/x.md", "x", 0o100644),
                ("d/y.md", "y", 0o100644),
                ("d/z.md", "z", 0o100644),
                ("t/k.md", "now a folder", 0o100644),
                ("run.sh", "echo", 0o100755),
                ("new/name.md", &long, 0o100644),
                ("[glob]*.md", "changed", 0o100644),
            ],
        );
        let full = full_diff(&repo, old, new);
        assert!(full.iter().any(|c| c.kind == ChangeKind::Renamed));
        assert_eq!(pruned_diff(&repo, old, new), full);
        assert_eq!(pruned_diff(&repo, new, old), full_diff(&repo, new, old));
        assert_eq!(pruned_diff(&repo, old, old), Vec::new());
        // Over the entry budget the pre-pass gives up (and the whole trees are diffed).
        let (o, n) = (repo.find_tree(old).unwrap(), repo.find_tree(new).unwrap());
        let mut left = 3;
        let done = differing_paths(&repo, &o, &n, &[], 0, &mut left, &mut Vec::new()).unwrap();
        assert!(!done);
    }
}
