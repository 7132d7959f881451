//! History queries: what changed between two states, when each path last changed, release tags,
//! and approval trailers. Walks are bounded and stop early; a shallow clone is detected, never
//! mistaken for a short history.

use std::collections::{HashMap, HashSet};

use git2::{Delta, DiffFindOptions, DiffOptions, Oid, Repository, Sort};
use serde::{Deserialize, Serialize};

pub use super::releases::{
    RELEASE_WALK_LIMIT, ReleaseTag, previous_releases, tag_targets, version_key,
};

/// How a path changed.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Modified,
    Deleted,
    Renamed,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Modified => "modified",
            ChangeKind::Deleted => "deleted",
            ChangeKind::Renamed => "renamed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub path: String,
    pub kind: ChangeKind,
    /// For renames: where the file came from.
    pub old_path: Option<String>,
}

/// The changes of a merge request or a commit-to-be.
#[derive(Debug, Clone)]
pub struct ChangeSet {
    /// What the changes are measured against, as given (`origin/main`, `HEAD` for --staged).
    pub base_ref: String,
    /// The merge base of the base and the checked commit.
    pub base_commit: String,
    pub changes: Vec<Change>,
}

/// The last change of one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastChange {
    pub commit: String,
    /// Commit time, seconds since the epoch.
    pub time: i64,
    /// Commits between the checked commit and this one (0: the checked commit changed it).
    pub distance: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HistoryError {
    #[error(
        "the history is shallow (a clone with limited depth): {0}. Fetch the full history, e.g. \
         `git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout, or `GIT_DEPTH: 0` in GitLab CI"
    )]
    Shallow(String),
    #[error("no commit to read history from: {0}")]
    NoCommit(String),
    #[error("history walk stopped after {0} commits before every path was resolved")]
    Limit(usize),
    #[error("git: {0}")]
    Git(String),
}

impl From<git2::Error> for HistoryError {
    fn from(e: git2::Error) -> Self {
        HistoryError::Git(e.message().to_string())
    }
}

/// Commits a last-change walk may visit before it gives up.
pub const WALK_LIMIT: usize = 1_000_000;

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
    let mut diff = repo
        .diff_tree_to_tree(Some(&old), Some(&new), None)
        .map_err(|e| e.message().to_string())?;
    find_renames(&mut diff).map_err(|e| e.message().to_string())?;
    Ok(ChangeSet {
        base_ref: base.to_string(),
        base_commit: merge_base.to_string(),
        changes: delta_changes(&diff),
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

/// When each of `paths` last changed, walking back from `from` (commit-time order, all parents).
/// A path's last change is the nearest commit that holds the path's blob at `from` while none of
/// its parents does: so a merge that takes one side's version does not count as a change, and
/// the change on the side whose version was dropped does not count either (as `git log -1 --
/// PATH` with history simplification). Stops as soon as every path is resolved. Paths that do
/// not exist at `from` are absent from the result; in a shallow clone a path whose change lies
/// beyond the held history is an error, never a guess.
///
/// One walk serves every path: each commit's tree is compared with each parent's along the
/// pending paths only, and a subtree whose id is the same on both sides is skipped whole, so a
/// commit costs the trees it changed on the way to a pending path, not a lookup per path.
pub fn last_changes(
    repo: &Repository,
    from: Oid,
    paths: &[String],
    limit: usize,
) -> Result<HashMap<String, LastChange>, HistoryError> {
    let mut found: HashMap<String, LastChange> = HashMap::new();
    let shallow_repo = is_shallow(repo);
    // What each path holds at `from`: the change we look for is the one that brought it.
    let from_tree = repo.find_commit(from)?.tree()?;
    let mut present: Vec<(&str, Oid)> = paths
        .iter()
        .filter_map(|p| {
            let id = from_tree.get_path(std::path::Path::new(p)).ok()?.id();
            Some((p.as_str(), id))
        })
        .collect();
    present.sort_unstable();
    present.dedup();
    if present.is_empty() {
        return Ok(found);
    }
    let unique: Vec<&str> = present.iter().map(|(p, _)| *p).collect();
    let wanted: Vec<Oid> = present.iter().map(|(_, id)| *id).collect();
    let in_shallow = |e: git2::Error| {
        if shallow_repo {
            HistoryError::Shallow(format!("history beyond the held commits: {}", e.message()))
        } else {
            HistoryError::from(e)
        }
    };
    let mut resolved = vec![false; unique.len()];
    let mut left = unique.len();
    let mut trie = PathTrie::new(&unique);
    let mut walk = repo.revwalk()?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
    walk.push(from)?;
    let mut distance: HashMap<Oid, usize> = HashMap::new();
    distance.insert(from, 0);
    let shallow: HashSet<Oid> = shallow_roots(repo);
    // Scratch: per pending path, in how many parents it differs (or u32::MAX: absent here).
    let mut differs: Vec<u32> = vec![0; unique.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut trees = TreeCache::default();
    for (visited, oid) in walk.enumerate() {
        if visited >= limit {
            return Err(HistoryError::Limit(limit));
        }
        let oid = oid.map_err(in_shallow)?;
        let commit = repo.find_commit(oid).map_err(in_shallow)?;
        let here = distance.get(&oid).copied().unwrap_or(0);
        for p in commit.parent_ids() {
            let d = distance.entry(p).or_insert(here + 1);
            *d = (*d).min(here + 1);
        }
        let tree_id = commit.tree_id();
        let mut parent_trees: Vec<Oid> = Vec::with_capacity(commit.parent_count());
        for p in commit.parent_ids() {
            if let Ok(pc) = repo.find_commit(p) {
                parent_trees.push(pc.tree_id());
            }
        }
        // Same tree as a parent: nothing changed relative to it, so nothing changed here.
        if parent_trees.contains(&tree_id) {
            continue;
        }
        let is_boundary = shallow.contains(&oid) || parent_trees.len() < commit.parent_count();
        trees.next_commit();
        let tree = trees.get(repo, tree_id)?;
        touched.clear();
        if parent_trees.is_empty() {
            trie.compare(repo, &mut trees, 0, &tree, None, &mut differs, &mut touched)?;
        } else {
            for pt in &parent_trees {
                let ptree = trees.get(repo, *pt)?;
                trie.compare(
                    repo,
                    &mut trees,
                    0,
                    &tree,
                    Some(&ptree),
                    &mut differs,
                    &mut touched,
                )?;
            }
        }
        let needed = parent_trees.len().max(1) as u32;
        for &i in &touched {
            if differs[i] == needed && !resolved[i] {
                // Only the commit that brought the content at `from` counts: on a side whose
                // version a merge dropped, a change is not the path's last change.
                let here_blob = tree
                    .get_path(std::path::Path::new(unique[i]))
                    .ok()
                    .map(|e| e.id());
                if here_blob != Some(wanted[i]) {
                    continue;
                }
                if is_boundary {
                    // Its parent is not here: we cannot tell whether it changed in this commit.
                    return Err(HistoryError::Shallow(format!(
                        "the last change of `{}` lies beyond commit {}",
                        unique[i],
                        &oid.to_string()[..12]
                    )));
                }
                resolved[i] = true;
                left -= 1;
                trie.resolve(i);
                found.insert(
                    unique[i].to_string(),
                    LastChange {
                        commit: oid.to_string(),
                        time: commit.time().seconds(),
                        distance: here,
                    },
                );
            }
        }
        for &i in &touched {
            differs[i] = 0;
        }
        if left == 0 {
            break;
        }
    }
    if let Some(i) = (0..unique.len())
        .find(|&i| !resolved[i])
        .filter(|_| shallow_repo)
    {
        return Err(HistoryError::Shallow(format!(
            "the last change of `{}` lies beyond the held history",
            unique[i]
        )));
    }
    Ok(found)
}

/// Whether the repository is a shallow clone; linked worktrees share the clone's `shallow` file.
pub fn is_shallow(repo: &Repository) -> bool {
    repo.is_shallow() || repo.commondir().join("shallow").is_file()
}

/// The trees read for the last commit and this one. A commit's parent is usually the next
/// commit of the walk, so the parent's trees read now are that commit's trees then.
#[derive(Default)]
struct TreeCache<'r> {
    previous: HashMap<Oid, git2::Tree<'r>>,
    current: HashMap<Oid, git2::Tree<'r>>,
}

impl<'r> TreeCache<'r> {
    fn next_commit(&mut self) {
        self.previous = std::mem::take(&mut self.current);
    }

    fn get(&mut self, repo: &'r Repository, id: Oid) -> Result<git2::Tree<'r>, git2::Error> {
        if let Some(t) = self.current.get(&id) {
            return Ok(t.clone());
        }
        let tree = match self.previous.remove(&id) {
            Some(t) => t,
            None => repo.find_tree(id)?,
        };
        self.current.insert(id, tree.clone());
        Ok(tree)
    }
}

/// The pending paths as a tree of names, so that commits are compared one folder at a time.
struct PathTrie {
    nodes: Vec<TrieNode>,
    /// The nodes on the way to each path, root excluded.
    routes: Vec<Vec<usize>>,
}

#[derive(Default)]
struct TrieNode {
    /// (name, node) sorted by name.
    children: Vec<(Vec<u8>, usize)>,
    /// The index of the path ending here.
    leaf: Option<usize>,
    /// Unresolved paths at or below this node; a node with none is not visited.
    pending: usize,
}

impl PathTrie {
    fn new(paths: &[&str]) -> PathTrie {
        let mut nodes = vec![TrieNode::default()];
        let mut routes = Vec::with_capacity(paths.len());
        for (i, path) in paths.iter().enumerate() {
            let mut at = 0;
            let mut route = Vec::new();
            for part in path.split('/').filter(|p| !p.is_empty()) {
                let part = part.as_bytes();
                at = match nodes[at]
                    .children
                    .binary_search_by(|(n, _)| n.as_slice().cmp(part))
                {
                    Ok(k) => nodes[at].children[k].1,
                    Err(k) => {
                        nodes.push(TrieNode::default());
                        let id = nodes.len() - 1;
                        nodes[at].children.insert(k, (part.to_vec(), id));
                        id
                    }
                };
                nodes[at].pending += 1;
                route.push(at);
            }
            if at != 0 {
                nodes[at].leaf = Some(i);
            }
            routes.push(route);
        }
        PathTrie { nodes, routes }
    }

    /// Takes a path out of the walk.
    fn resolve(&mut self, path: usize) {
        for &n in &self.routes[path] {
            self.nodes[n].pending -= 1;
        }
    }

    /// Counts, for each pending path below `node` that exists in `tree`, a difference from
    /// `parent` (absent in the parent counts as different). Subtrees with equal ids are skipped.
    #[allow(clippy::too_many_arguments)]
    fn compare<'r>(
        &self,
        repo: &'r Repository,
        trees: &mut TreeCache<'r>,
        node: usize,
        tree: &git2::Tree<'_>,
        parent: Option<&git2::Tree<'_>>,
        differs: &mut [u32],
        touched: &mut Vec<usize>,
    ) -> Result<(), git2::Error> {
        let children = &self.nodes[node].children;
        let live = children
            .iter()
            .filter(|(_, c)| self.nodes[*c].pending > 0)
            .count();
        // When most of a folder's entries are pending (an ADR folder), one pass over both
        // trees side by side beats a binary search per name; it applies while the two
        // folders list the same names in the same order, as they do unless a file was added,
        // removed or renamed there.
        if let Some(p) = parent
            && p.len() == tree.len()
            && tree.len() <= 8 * live + 16
        {
            let same_names = (0..tree.len()).all(|k| match (tree.get(k), p.get(k)) {
                (Some(a), Some(b)) => a.name_bytes() == b.name_bytes(),
                _ => false,
            });
            if same_names {
                for k in 0..tree.len() {
                    let (Some(a), Some(b)) = (tree.get(k), p.get(k)) else {
                        continue;
                    };
                    if a.id() == b.id() {
                        continue;
                    }
                    let Ok(at) =
                        children.binary_search_by(|(n, _)| n.as_slice().cmp(a.name_bytes()))
                    else {
                        continue;
                    };
                    let child = children[at].1;
                    if self.nodes[child].pending == 0 {
                        continue;
                    }
                    let now = (a.id(), a.kind());
                    let before = Some((b.id(), b.kind()));
                    self.differs(repo, trees, child, now, before, differs, touched)?;
                }
                return Ok(());
            }
        }
        for (name, child) in children {
            if self.nodes[*child].pending == 0 {
                continue;
            }
            let Some(now) = tree_entry(tree, name) else {
                continue;
            };
            let before = parent.and_then(|p| tree_entry(p, name));
            if before.as_ref().map(|(id, _)| id) == Some(&now.0) {
                continue;
            }
            self.differs(repo, trees, *child, now, before, differs, touched)?;
        }
        Ok(())
    }

    /// Records a pending path at `child` as different from the parent, and compares below it.
    #[allow(clippy::too_many_arguments)]
    fn differs<'r>(
        &self,
        repo: &'r Repository,
        trees: &mut TreeCache<'r>,
        child: usize,
        now: (Oid, Option<git2::ObjectType>),
        before: Option<(Oid, Option<git2::ObjectType>)>,
        differs: &mut [u32],
        touched: &mut Vec<usize>,
    ) -> Result<(), git2::Error> {
        let child_node = &self.nodes[child];
        if let Some(i) = child_node.leaf {
            if differs[i] == 0 {
                touched.push(i);
            }
            differs[i] += 1;
        }
        if !child_node.children.is_empty() && now.1 == Some(git2::ObjectType::Tree) {
            let sub = trees.get(repo, now.0)?;
            let parent_sub = match before {
                Some((id, Some(git2::ObjectType::Tree))) => Some(trees.get(repo, id)?),
                _ => None,
            };
            self.compare(
                repo,
                trees,
                child,
                &sub,
                parent_sub.as_ref(),
                differs,
                touched,
            )?;
        }
        Ok(())
    }
}

fn tree_entry(tree: &git2::Tree<'_>, name: &[u8]) -> Option<(Oid, Option<git2::ObjectType>)> {
    let name = std::str::from_utf8(name).ok()?;
    tree.get_name(name).map(|e| (e.id(), e.kind()))
}

fn shallow_roots(repo: &Repository) -> HashSet<Oid> {
    if !is_shallow(repo) {
        return HashSet::new();
    }
    std::fs::read_to_string(repo.commondir().join("shallow"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| Oid::from_str(l.trim()).ok())
        .collect()
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

/// A `Key: value` trailer from a commit or tag message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trailer {
    pub key: String,
    pub value: String,
    /// Where it was found: `commit <id>` or `tag <name>`.
    pub source: String,
}

/// Trailers of the checked commit's message and of annotated tags pointing at it.
pub fn approval_trailers(repo: &Repository, checked: Oid) -> Result<Vec<Trailer>, HistoryError> {
    let mut out = Vec::new();
    let commit = repo.find_commit(checked)?;
    let source = format!("commit {}", &checked.to_string()[..12]);
    out.extend(parse_trailers(
        &String::from_utf8_lossy(commit.message_bytes()),
        &source,
    ));
    let names = repo.tag_names(None)?;
    for name in names.iter().flatten().flatten() {
        let Ok(reference) = repo.find_reference(&format!("refs/tags/{name}")) else {
            continue;
        };
        let Ok(tag) = reference.peel_to_tag() else {
            continue;
        };
        if tag.target_id() != checked
            && tag
                .target()
                .ok()
                .and_then(|o| o.peel_to_commit().ok())
                .map(|c| c.id())
                != Some(checked)
        {
            continue;
        }
        let message = tag
            .message_bytes()
            .map(|m| String::from_utf8_lossy(m).into_owned())
            .unwrap_or_default();
        out.extend(parse_trailers(&message, &format!("tag {name}")));
    }
    Ok(out)
}

/// Trailers: the `Token: value` lines of the last paragraph, git's rule — the subject paragraph is
/// never a trailer block, and a paragraph is one only when each of its lines is a trailer (or
/// continues one with leading whitespace). A signature block at the end is ignored.
pub fn parse_trailers(message: &str, source: &str) -> Vec<Trailer> {
    let message = message.replace("\r\n", "\n");
    let message = message
        .split("-----BEGIN PGP SIGNATURE-----")
        .next()
        .unwrap_or(&message);
    let paragraphs: Vec<&str> = message
        .trim()
        .split("\n\n")
        .map(|p| p.trim_matches('\n'))
        .filter(|p| !p.trim().is_empty())
        .collect();
    if paragraphs.len() < 2 {
        return Vec::new();
    }
    let Some(last) = paragraphs.last() else {
        return Vec::new();
    };
    let mut out: Vec<Trailer> = Vec::new();
    for line in last.lines() {
        if line.starts_with([' ', '\t']) {
            match out.last_mut() {
                Some(t) => {
                    t.value.push(' ');
                    t.value.push_str(line.trim());
                    continue;
                }
                None => return Vec::new(),
            }
        }
        let Some((key, value)) = line.split_once(':') else {
            return Vec::new();
        };
        let key = key.trim_end();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Vec::new();
        }
        out.push(Trailer {
            key: key.to_string(),
            value: value.trim().to_string(),
            source: source.to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailers_come_from_the_last_paragraph() {
        let msg = "Release 1.2.0\n\nBody text: not a trailer\n\nApproved-by: Ana Lima <ana@example.com>\nSigned-off-by: Bo <bo@example.com>\n";
        let t = parse_trailers(msg, "commit x");
        assert_eq!(t.len(), 2);
        assert_eq!(
            (t[0].key.as_str(), t[0].value.as_str()),
            ("Approved-by", "Ana Lima <ana@example.com>")
        );
    }

    #[test]
    fn a_subject_or_a_paragraph_of_prose_has_no_trailers() {
        assert!(parse_trailers("Approved-by: Ana <ana@example.com>\n", "x").is_empty());
        let prose = "Release\n\nApproved-by: Ana <ana@example.com>\nafter the meeting.\n";
        assert!(parse_trailers(prose, "x").is_empty());
        let crlf = "Release\r\n\r\nApproved-by: Ana\r\n  Lima <ana@example.com>\r\n";
        let t = parse_trailers(crlf, "x");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].value, "Ana Lima <ana@example.com>");
    }
}
