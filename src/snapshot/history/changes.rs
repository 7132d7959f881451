//! Change sets: what changed between the merge base with a base revision and the checked
//! commit, the index or the worktree, and between two commits.

use git2::{Delta, DiffFindOptions, DiffOptions, Oid, Repository};

use super::{Change, ChangeKind, ChangeSet, HistoryError, is_shallow};

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
    let changes = match super::tree_diff::changes(repo, &old, &new) {
        Some(changes) => changes,
        None => {
            let mut diff = repo
                .diff_tree_to_tree(Some(&old), Some(&new), None)
                .map_err(|e| e.message().to_string())?;
            find_renames(&mut diff).map_err(|e| e.message().to_string())?;
            delta_changes(&diff)
        }
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
    let diff = repo.diff_tree_to_tree(Some(&old), Some(&new), None)?;
    Ok(delta_changes(&diff))
}
