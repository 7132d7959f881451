//! Release tags: every tag listed once, the release order of their names, and the previous
//! release of a commit found with one bounded walk.

use std::collections::HashMap;

use git2::{Oid, Repository};

use super::history::{HistoryError, WALK_LIMIT};

/// A tag that names a release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseTag {
    pub name: String,
    pub commit: String,
    pub time: i64,
}

/// Every tag with the object it names, annotated tags peeled: one pass over `refs/tags/*`,
/// not a lookup per name. Packed refs (a clone's) carry the peeled id, so no object is read
/// for them; only loose annotated tags are. A tag of a tree or blob never equals a commit, so
/// callers that look for commits need no further test.
pub fn tag_targets(repo: &Repository) -> Result<Vec<(String, Oid)>, HistoryError> {
    let odb = repo.odb()?;
    let mut out = Vec::new();
    for reference in repo.references_glob("refs/tags/*")? {
        let Ok(reference) = reference else { continue };
        let Some(name) = reference
            .name()
            .ok()
            .and_then(|n| n.strip_prefix("refs/tags/"))
        else {
            continue;
        };
        let peeled = match (reference.target_peel(), reference.target()) {
            (Some(peeled), _) => Some(peeled),
            (None, Some(target)) => match odb.read_header(target) {
                Ok((_, git2::ObjectType::Tag)) => reference.peel_to_commit().ok().map(|c| c.id()),
                Ok(_) => Some(target),
                Err(_) => None,
            },
            (None, None) => None,
        };
        if let Some(oid) = peeled {
            out.push((name.to_string(), oid));
        }
    }
    Ok(out)
}

/// Commits the previous-release search walks back from the checked commit before it gives up.
pub const RELEASE_WALK_LIMIT: usize = WALK_LIMIT;

/// The newest release: of the tags matching `matches` that point at an ancestor of `checked`
/// (not `checked` itself), the first in release order ([`release_order`]). Empty when there
/// is none. `tags` is [`tag_targets`].
///
/// One walk back from `checked` over every ancestor, looking each commit up among the
/// candidates; it stops early when the first candidate in release order is reached (checking
/// the newest release), else at the end of the history. (An ancestry test per candidate
/// walked the history once each: with 10,000 tags, minutes for a release in the middle.)
/// Beyond `limit` commits it is an error, never a guess. libgit2 reads the commit-graph file
/// during the walk where the repository has one.
pub fn previous_releases(
    repo: &Repository,
    tags: &[(String, Oid)],
    checked: Oid,
    matches: &dyn Fn(&str) -> bool,
    limit: usize,
) -> Result<Vec<ReleaseTag>, HistoryError> {
    let time = |oid: Oid| repo.find_commit(oid).map(|c| c.time().seconds()).ok();
    let mut candidates: Vec<(OrderKey, &str, Oid)> = Vec::new();
    for (name, oid) in tags {
        if *oid == checked || !matches(name) {
            continue;
        }
        let version = version_key(name);
        // Only names without a version are ordered by date: read no commit for the others.
        let date = if version.0.is_empty() {
            time(*oid).unwrap_or(i64::MIN)
        } else {
            0
        };
        candidates.push((release_order(version, date, name), name, *oid));
    }
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    candidates.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    // The first candidate (in release order) on each commit.
    let mut rank: HashMap<Oid, usize> = HashMap::with_capacity(candidates.len());
    for (i, (_, _, oid)) in candidates.iter().enumerate() {
        rank.entry(*oid).or_insert(i);
    }
    let mut walk = repo.revwalk()?;
    walk.push(checked)?;
    let mut best: Option<usize> = None;
    for (visited, oid) in walk.enumerate() {
        if visited >= limit {
            return Err(HistoryError::Git(format!(
                "the search for the previous release stopped after {limit} commits"
            )));
        }
        if let Some(&r) = rank.get(&oid?) {
            best = Some(best.map_or(r, |b| b.min(r)));
            if r == 0 {
                break;
            }
        }
    }
    let Some((_, name, oid)) = best.map(|i| &candidates[i]) else {
        return Ok(Vec::new());
    };
    Ok(vec![ReleaseTag {
        name: name.to_string(),
        commit: oid.to_string(),
        time: time(*oid).unwrap_or(0),
    }])
}

type OrderKey = (
    bool,
    std::cmp::Reverse<VersionKey>,
    std::cmp::Reverse<(i64, String)>,
);

/// A tag's version for ordering: the numeric components, then the pre-release as SemVer orders
/// it (`rc.2` after `rc.1`, `beta.11` after `beta.2`, any pre-release before the release).
pub type VersionKey = (Vec<u64>, semver::Prerelease);

/// Release order, newest first: names holding a version by that version, numerically
/// (`v1.10.0` before `v1.9.0`, a release before its pre-releases, equal versions by name,
/// descending); names without a number after them, by commit date, newest first, then name.
fn release_order(version: VersionKey, date: i64, name: &str) -> OrderKey {
    (
        version.0.is_empty(),
        std::cmp::Reverse(version),
        std::cmp::Reverse((date, name.to_string())),
    )
}

/// Sort key: numeric components of the first version-like run, trailing zeros dropped (`v1.10`
/// is `v1.10.0`), then the pre-release, ordered by the `semver` crate as SemVer 2.0 says; build
/// metadata (`+build.5`) does not count. CalVer (`2026.11.1`) and two-part versions order by
/// their numbers the same way. Empty numbers: the name holds no version.
pub fn version_key(name: &str) -> VersionKey {
    let start = name
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(name.len());
    let rest = &name[start..];
    let rest = rest.split_once('+').map_or(rest, |(before, _)| before);
    let (core, pre) = match rest.split_once('-') {
        Some((core, pre)) => (
            core,
            // An identifier SemVer does not allow still marks a pre-release, the lowest.
            semver::Prerelease::new(pre)
                .unwrap_or_else(|_| semver::Prerelease::new("0").unwrap_or_default()),
        ),
        None => (rest, semver::Prerelease::EMPTY),
    };
    let mut nums: Vec<u64> = core
        .split('.')
        .map_while(|p| p.parse::<u64>().ok())
        .collect();
    while nums.len() > 1 && nums.last() == Some(&0) {
        nums.pop();
    }
    (nums, pre)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_sort_semantically() {
        let mut names = vec![
            "v1.10.0",
            "v1.2.0",
            "v1.2.0-rc.1",
            "v2.0.0",
            "v1.9.9",
            "v1.2.0-rc.2",
            "v1.2.0-beta.11",
            "v1.2.0-beta.2",
            "v1.2.0-alpha",
            "v2.0.0+build.7",
        ];
        names.sort_by_key(|n| std::cmp::Reverse(version_key(n)));
        assert_eq!(
            names,
            [
                "v2.0.0",
                "v2.0.0+build.7",
                "v1.10.0",
                "v1.9.9",
                "v1.2.0",
                "v1.2.0-rc.2",
                "v1.2.0-rc.1",
                "v1.2.0-beta.11",
                "v1.2.0-beta.2",
                "v1.2.0-alpha",
            ]
        );
    }

    #[test]
    fn release_order_puts_versions_first_then_undated_names_by_date() {
        let mut tags = [
            ("nightly", 300),
            ("v1.9.0", 100),
            ("weekly", 200),
            ("v1.10.0", 50),
            ("v1.10.0-rc.1", 400),
            ("v1.10", 60),
        ];
        tags.sort_by_cached_key(|(name, date)| {
            let version = version_key(name);
            let date = if version.0.is_empty() { *date } else { 0 };
            release_order(version, date, name)
        });
        let names: Vec<&str> = tags.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            [
                "v1.10.0",
                "v1.10",
                "v1.10.0-rc.1",
                "v1.9.0",
                "nightly",
                "weekly"
            ]
        );
    }

    /// A linear history of `n` commits, commit k tagged `v1.k.0`; returns the commit ids.
    fn tagged_history(n: usize) -> (tempfile::TempDir, Repository, Vec<Oid>) {
        let dir = tempfile::tempdir().expect("temp");
        let repo = Repository::init(dir.path()).expect("init");
        let sig = git2::Signature::new("T", "t@example.com", &git2::Time::new(0, 0)).expect("sig");
        let tree = repo
            .find_tree(repo.treebuilder(None).expect("tb").write().expect("tree"))
            .expect("tree");
        let mut ids: Vec<Oid> = Vec::new();
        for k in 0..n {
            let parent = ids.last().map(|p| repo.find_commit(*p).expect("parent"));
            let parents: Vec<&git2::Commit> = parent.iter().collect();
            let id = repo
                .commit(None, &sig, &sig, &format!("c{k}"), &tree, &parents)
                .expect("commit");
            let obj = repo.find_object(id, None).expect("obj");
            repo.tag_lightweight(&format!("v1.{k}.0"), &obj, false)
                .expect("tag");
            ids.push(id);
        }
        drop(tree);
        (dir, repo, ids)
    }

    #[test]
    fn the_release_walk_is_bounded_and_says_so() {
        let (_dir, repo, ids) = tagged_history(8);
        let tags = tag_targets(&repo).expect("tags");
        let all = |_: &str| true;
        // v1.7.0 is checked; v1.6.0 is one commit back: found within any bound.
        let found = previous_releases(&repo, &tags, ids[7], &all, 3).expect("found");
        assert_eq!(found[0].name, "v1.6.0");
        // From v1.3.0 the first in release order (v1.7.0) is not an ancestor: the walk must see
        // every ancestor, and a bound below that is an error, never a guess.
        let found = previous_releases(&repo, &tags, ids[3], &all, 100).expect("found");
        assert_eq!(found[0].name, "v1.2.0");
        let cut = previous_releases(&repo, &tags, ids[3], &all, 2);
        assert!(matches!(cut, Err(HistoryError::Git(m)) if m.contains("stopped after 2 commits")));
    }
}
