//! Where a check's change set comes from: `--base`, the merge request's own CI variables, the
//! index for `--staged`, or — in a release gate — the previous release. Change rules without one
//! are never silently not applicable (see `check::run_scoped`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::snapshot::{Change, HistoryError, Snapshot};

/// Who named the base of a change set; recorded as `subject.base.source`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum BaseSource {
    /// `--base REV` on the command line.
    #[serde(rename = "--base")]
    Option,
    /// `--staged`: the index against HEAD.
    #[serde(rename = "--staged")]
    Staged,
    /// GitHub Actions, `pull_request`: the target branch.
    #[serde(rename = "GITHUB_BASE_REF")]
    GithubBaseRef,
    /// GitLab merge request pipelines: the merge base GitLab computed.
    #[serde(rename = "CI_MERGE_REQUEST_DIFF_BASE_SHA")]
    GitlabDiffBaseSha,
    /// GitLab merge request pipelines: the target branch.
    #[serde(rename = "CI_MERGE_REQUEST_TARGET_BRANCH_NAME")]
    GitlabTargetBranch,
}

impl BaseSource {
    pub fn as_str(self) -> &'static str {
        match self {
            BaseSource::Option => "--base",
            BaseSource::Staged => "--staged",
            BaseSource::GithubBaseRef => "GITHUB_BASE_REF",
            BaseSource::GitlabDiffBaseSha => "CI_MERGE_REQUEST_DIFF_BASE_SHA",
            BaseSource::GitlabTargetBranch => "CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
        }
    }
}

/// A base revision and who named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseChoice {
    pub rev: String,
    pub source: BaseSource,
}

/// The merge request's base from the CI's variables (`var` reads one; empty counts as unset):
/// GitHub's `GITHUB_BASE_REF`, else GitLab's `CI_MERGE_REQUEST_DIFF_BASE_SHA` when the clone holds
/// that commit, else `CI_MERGE_REQUEST_TARGET_BRANCH_NAME`. A branch that exists only as a
/// remote-tracking branch is named `origin/<branch>`, as CI checkouts have it.
pub fn from_ci(
    repo: &git2::Repository,
    var: &dyn Fn(&str) -> Option<String>,
) -> Option<BaseChoice> {
    let get = |k: &str| {
        var(k)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    if let Some(branch) = get("GITHUB_BASE_REF") {
        return Some(BaseChoice {
            rev: branch_name(repo, &branch),
            source: BaseSource::GithubBaseRef,
        });
    }
    let sha = get("CI_MERGE_REQUEST_DIFF_BASE_SHA").map(|rev| BaseChoice {
        rev,
        source: BaseSource::GitlabDiffBaseSha,
    });
    let target = get("CI_MERGE_REQUEST_TARGET_BRANCH_NAME").map(|b| BaseChoice {
        rev: branch_name(repo, &b),
        source: BaseSource::GitlabTargetBranch,
    });
    match (sha, target) {
        // A shallow clone may lack the merge base GitLab names; its target branch still resolves.
        (Some(s), Some(t)) if !resolves(repo, &s.rev) && resolves(repo, &t.rev) => Some(t),
        (Some(s), _) => Some(s),
        (None, t) => t,
    }
}

/// `main` when the local branch exists, else `origin/main`.
fn branch_name(repo: &git2::Repository, branch: &str) -> String {
    if repo.find_reference(&format!("refs/heads/{branch}")).is_ok() {
        branch.to_string()
    } else {
        format!("origin/{branch}")
    }
}

fn resolves(repo: &git2::Repository, rev: &str) -> bool {
    repo.revparse_single(rev)
        .and_then(|o| o.peel_to_commit())
        .is_ok()
}

/// What a release gate's change rules compare with: the changes since the previous release.
#[derive(Debug, Clone)]
pub struct ReleaseWindow {
    pub tag: String,
    pub commit: String,
    pub changes: Vec<Change>,
}

/// The changes since the newest release tag (matching `matches`) on an ancestor of the checked
/// commit — the same tag the `release` control finds. An error says why there is none.
/// How the reason starts when no earlier release tag exists (the history is complete).
pub const NO_EARLIER_RELEASE: &str = "no earlier release tag matching";

pub fn release_window(
    snapshot: &Snapshot,
    matches: &dyn Fn(&str) -> bool,
    pattern: &str,
) -> Result<ReleaseWindow, String> {
    let tags = snapshot
        .previous_releases(matches)
        .map_err(|e| e.to_string())?;
    let Some(tag) = tags.into_iter().next() else {
        if snapshot.is_shallow() {
            return Err(
                HistoryError::Shallow(format!("no tag matching `{pattern}` is reachable"))
                    .to_string(),
            );
        }
        return Err(format!(
            "{NO_EARLIER_RELEASE} `{pattern}` to compare with (a first release)"
        ));
    };
    let changes = snapshot
        .changes_since(&tag.commit)
        .map_err(|e| e.to_string())?;
    Ok(ReleaseWindow {
        tag: tag.name,
        commit: tag.commit,
        changes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo_with_branches(
        local: &[&str],
        remote: &[&str],
    ) -> (tempfile::TempDir, git2::Repository) {
        let dir = tempfile::tempdir().expect("temp");
        let repo = git2::Repository::init(dir.path()).expect("init");
        let sig = git2::Signature::new("T", "t@example.com", &git2::Time::new(0, 0)).expect("sig");
        let tree = {
            let mut index = repo.index().expect("index");
            let id = index.write_tree().expect("tree");
            repo.find_tree(id).expect("tree")
        };
        let c = repo
            .commit(None, &sig, &sig, "root", &tree, &[])
            .expect("commit");
        for b in local {
            repo.reference(&format!("refs/heads/{b}"), c, true, "t")
                .expect("ref");
        }
        for b in remote {
            repo.reference(&format!("refs/remotes/origin/{b}"), c, true, "t")
                .expect("ref");
        }
        drop(tree);
        (dir, repo)
    }

    #[test]
    fn github_names_the_remote_branch_when_there_is_no_local_one() {
        let (_d, repo) = repo_with_branches(&["dev"], &["main", "dev"]);
        let env = |v: &'static str| move |k: &str| (k == "GITHUB_BASE_REF").then(|| v.to_string());
        let main = from_ci(&repo, &env("main")).expect("base");
        assert_eq!(
            (main.rev.as_str(), main.source),
            ("origin/main", BaseSource::GithubBaseRef)
        );
        assert_eq!(from_ci(&repo, &env("dev")).expect("base").rev, "dev");
        assert_eq!(from_ci(&repo, &env(" ")), None);
    }

    #[test]
    fn gitlab_prefers_the_diff_base_sha_when_the_clone_holds_it() {
        let (_d, repo) = repo_with_branches(&[], &["main"]);
        let head = repo
            .refname_to_id("refs/remotes/origin/main")
            .expect("id")
            .to_string();
        let vars = |sha: String| {
            move |k: &str| match k {
                "CI_MERGE_REQUEST_DIFF_BASE_SHA" => Some(sha.clone()),
                "CI_MERGE_REQUEST_TARGET_BRANCH_NAME" => Some("main".to_string()),
                _ => None,
            }
        };
        let b = from_ci(&repo, &vars(head.clone())).expect("base");
        assert_eq!((b.rev, b.source), (head, BaseSource::GitlabDiffBaseSha));
        let missing = "0123456789abcdef0123456789abcdef01234567".to_string();
        let b = from_ci(&repo, &vars(missing)).expect("base");
        assert_eq!(
            (b.rev.as_str(), b.source),
            ("origin/main", BaseSource::GitlabTargetBranch)
        );
    }
}
