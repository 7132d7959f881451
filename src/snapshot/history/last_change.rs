//! When each path last changed: one bounded walk over the history for all pending paths,
//! comparing trees one folder at a time.

use std::collections::{HashMap, HashSet};

use git2::{Oid, Repository, Sort};

use super::{HistoryError, LastChange, is_shallow};

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
    let mut folders = HashMap::new();
    let mut present: Vec<(&str, Oid)> = paths
        .iter()
        .filter_map(|p| Some((p.as_str(), entry_at(repo, &from_tree, p, &mut folders)?)))
        .collect();
    drop(folders);
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
    let mut tally = Tally {
        differs: vec![0; unique.len()],
        now: vec![Oid::ZERO_SHA1; unique.len()],
        touched: Vec::new(),
    };
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
        tally.touched.clear();
        if parent_trees.is_empty() {
            trie.compare(repo, &mut trees, 0, &tree, None, &mut tally)?;
        } else {
            for pt in &parent_trees {
                let ptree = trees.get(repo, *pt)?;
                trie.compare(repo, &mut trees, 0, &tree, Some(&ptree), &mut tally)?;
            }
        }
        let needed = parent_trees.len().max(1) as u32;
        for &i in &tally.touched {
            if tally.differs[i] == needed && !resolved[i] {
                // Only the commit that brought the content at `from` counts: on a side whose
                // version a merge dropped, a change is not the path's last change.
                if tally.now[i] != wanted[i] {
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
        for &i in &tally.touched {
            tally.differs[i] = 0;
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

/// The id of the entry at `path` in `root`, as `Tree::get_path` finds it, with each folder on
/// the way read once for all paths (libgit2 keeps no trees in its object cache: see
/// `snapshot::tune_libgit2`). A path with empty, `.` or `..` parts or a backslash is left to
/// `get_path`.
fn entry_at<'r>(
    repo: &'r Repository,
    root: &git2::Tree<'r>,
    path: &str,
    folders: &mut HashMap<String, Option<git2::Tree<'r>>>,
) -> Option<Oid> {
    let plain = path
        .split('/')
        .all(|part| !part.is_empty() && part != "." && part != ".." && !part.contains('\\'));
    if !plain {
        return root
            .get_path(std::path::Path::new(path))
            .ok()
            .map(|e| e.id());
    }
    let (folder, name) = match path.rsplit_once('/') {
        Some((dir, name)) => (folder_at(repo, root, dir, folders)?, name),
        None => (root.clone(), path),
    };
    folder.get_name(name).map(|e| e.id())
}

/// The folder `dir` of `root` (a plain path, see [`entry_at`]), or `None` when it is not one.
fn folder_at<'r>(
    repo: &'r Repository,
    root: &git2::Tree<'r>,
    dir: &str,
    folders: &mut HashMap<String, Option<git2::Tree<'r>>>,
) -> Option<git2::Tree<'r>> {
    if let Some(known) = folders.get(dir) {
        return known.clone();
    }
    let (parent, name) = match dir.rsplit_once('/') {
        Some((up, name)) => (folder_at(repo, root, up, folders), name),
        None => (Some(root.clone()), dir),
    };
    let tree = parent.and_then(|p| {
        let entry = p.get_name(name)?;
        if entry.kind() != Some(git2::ObjectType::Tree) {
            return None;
        }
        repo.find_tree(entry.id()).ok()
    });
    folders.insert(dir.to_string(), tree.clone());
    tree
}

/// Per commit: in how many parents each pending path differs, the entry it has in this commit,
/// and which paths were counted (to reset them).
struct Tally {
    differs: Vec<u32>,
    now: Vec<Oid>,
    touched: Vec<usize>,
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
    fn compare<'r>(
        &self,
        repo: &'r Repository,
        trees: &mut TreeCache<'r>,
        node: usize,
        tree: &git2::Tree<'_>,
        parent: Option<&git2::Tree<'_>>,
        tally: &mut Tally,
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
                    self.differs(repo, trees, child, now, before, tally)?;
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
            self.differs(repo, trees, *child, now, before, tally)?;
        }
        Ok(())
    }

    /// Records a pending path at `child` as different from the parent, and compares below it.
    fn differs<'r>(
        &self,
        repo: &'r Repository,
        trees: &mut TreeCache<'r>,
        child: usize,
        now: (Oid, Option<git2::ObjectType>),
        before: Option<(Oid, Option<git2::ObjectType>)>,
        tally: &mut Tally,
    ) -> Result<(), git2::Error> {
        let child_node = &self.nodes[child];
        if let Some(i) = child_node.leaf {
            if tally.differs[i] == 0 {
                tally.touched.push(i);
            }
            tally.differs[i] += 1;
            tally.now[i] = now.0;
        }
        if !child_node.children.is_empty() && now.1 == Some(git2::ObjectType::Tree) {
            let sub = trees.get(repo, now.0)?;
            let parent_sub = match before {
                Some((id, Some(git2::ObjectType::Tree))) => Some(trees.get(repo, id)?),
                _ => None,
            };
            self.compare(repo, trees, child, &sub, parent_sub.as_ref(), tally)?;
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
