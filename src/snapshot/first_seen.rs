//! When parts of one file first appeared: for each key (a waiver's identity), the earliest commit
//! of the unbroken run of commits, back from the checked one, whose version of the file holds it.
//! One bounded walk for every key; a commit off every run costs no tree read.

use std::collections::{HashMap, HashSet};

use git2::{Oid, Repository, Sort};

use super::history::{HistoryError, is_shallow};

/// Commits the walk may visit: enough for years of a busy repository, a fraction of a second.
pub const FIRST_SEEN_LIMIT: usize = 10_000;

/// The earliest commit that held a key, as far as the walk went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstSeen {
    pub commit: String,
    /// Commit time, seconds since the epoch (set by the commit's author: only ever made earlier).
    pub time: i64,
    /// False when the run went on beyond the walk (the cap, or a shallow clone's boundary): the
    /// key is older than `time`.
    pub complete: bool,
}

/// Walks back from `from` through the versions of `path`. `keys_of` lists the keys a version
/// holds (it is called once per distinct blob). Keys `from` does not hold are absent.
pub fn first_seen(
    repo: &Repository,
    from: Oid,
    path: &str,
    wanted: &[String],
    keys_of: &dyn Fn(&[u8]) -> HashSet<String>,
    limit: usize,
) -> Result<HashMap<String, FirstSeen>, HistoryError> {
    let mut found: HashMap<String, FirstSeen> = HashMap::new();
    if wanted.is_empty() {
        return Ok(found);
    }
    let shallow_roots: HashSet<Oid> = if is_shallow(repo) {
        std::fs::read_to_string(repo.commondir().join("shallow"))
            .unwrap_or_default()
            .lines()
            .filter_map(|l| Oid::from_str(l.trim()).ok())
            .collect()
    } else {
        HashSet::new()
    };
    let mut parsed: HashMap<Oid, HashSet<String>> = HashMap::new();
    // Which keys reach each commit from a child that held them.
    let mut alive: HashMap<Oid, HashSet<usize>> = HashMap::new();
    alive.insert(from, (0..wanted.len()).collect());
    let mut walk = repo.revwalk()?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
    walk.push(from)?;
    let file = std::path::Path::new(path);
    for (visited, oid) in walk.enumerate() {
        if alive.is_empty() {
            break;
        }
        if visited >= limit {
            break;
        }
        let Ok(oid) = oid else { break };
        let Some(keys) = alive.remove(&oid) else {
            continue;
        };
        let commit = repo.find_commit(oid)?;
        let blob = commit.tree()?.get_path(file).ok().map(|e| e.id());
        let Some(blob) = blob else { continue };
        let held: &HashSet<String> = parsed.entry(blob).or_insert_with(|| {
            repo.find_blob(blob)
                .map(|b| keys_of(b.content()))
                .unwrap_or_default()
        });
        let time = commit.time().seconds();
        let boundary = shallow_roots.contains(&oid)
            || commit.parent_ids().any(|p| repo.find_commit(p).is_err());
        for k in keys {
            if !held.contains(&wanted[k]) {
                continue;
            }
            let entry = found.entry(wanted[k].clone()).or_insert(FirstSeen {
                commit: oid.to_string(),
                time,
                complete: true,
            });
            if time < entry.time {
                entry.time = time;
                entry.commit = oid.to_string();
            }
            if boundary {
                entry.complete = false;
            }
            for p in commit.parent_ids() {
                alive.entry(p).or_default().insert(k);
            }
        }
    }
    // Runs still going where the walk stopped are older than what it saw.
    for keys in alive.values() {
        for &k in keys {
            if let Some(e) = found.get_mut(&wanted[k]) {
                e.complete = false;
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A linear history: one commit per entry, the file holding the listed keys, dated `i` days.
    fn history(versions: &[&[&str]]) -> (tempfile::TempDir, Repository, Oid) {
        let dir = tempfile::tempdir().expect("temp");
        let repo = Repository::init(dir.path()).expect("init");
        let mut parent: Option<Oid> = None;
        for (i, keys) in versions.iter().enumerate() {
            let blob = repo.blob(keys.join("\n").as_bytes()).expect("blob");
            let mut tb = repo.treebuilder(None).expect("tree");
            tb.insert("w.toml", blob, 0o100644).expect("insert");
            let tree = repo.find_tree(tb.write().expect("write")).expect("tree");
            let time = git2::Time::new(i as i64 * 86_400, 0);
            let sig = git2::Signature::new("T", "t@example.com", &time).expect("sig");
            let parents: Vec<git2::Commit<'_>> = parent
                .iter()
                .map(|p| repo.find_commit(*p).expect("c"))
                .collect();
            let refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
            parent = Some(
                repo.commit(None, &sig, &sig, "v", &tree, &refs)
                    .expect("commit"),
            );
        }
        let head = parent.expect("a commit");
        (dir, repo, head)
    }

    fn lines(bytes: &[u8]) -> HashSet<String> {
        String::from_utf8_lossy(bytes)
            .lines()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn the_run_ends_where_a_version_lacks_the_key() {
        // `a` held from the start; `b` removed once and added again.
        let (_d, repo, head) = history(&[&["a", "b"], &["a"], &["a", "b"], &["a", "b"]]);
        let wanted = vec!["a".to_string(), "b".to_string(), "c".to_string()];
        let seen = first_seen(&repo, head, "w.toml", &wanted, &lines, 100).expect("walk");
        assert_eq!((seen["a"].time, seen["a"].complete), (0, true));
        assert_eq!((seen["b"].time, seen["b"].complete), (2 * 86_400, true));
        assert!(!seen.contains_key("c"));
    }

    #[test]
    fn a_walk_cut_by_its_cap_says_so() {
        let (_d, repo, head) = history(&[&["a"], &["a"], &["a"], &["a"], &["a"]]);
        let wanted = vec!["a".to_string()];
        let seen = first_seen(&repo, head, "w.toml", &wanted, &lines, 3).expect("walk");
        assert_eq!((seen["a"].time, seen["a"].complete), (2 * 86_400, false));
    }
}
