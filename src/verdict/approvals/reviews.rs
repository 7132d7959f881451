//! `--approvals FILE`: a merge request's reviews as the CI fetched them with its own token —
//! the JSON of GitHub's `GET /repos/{o}/{r}/pulls/{n}/reviews` or of GitLab's
//! `GET /projects/:id/merge_requests/:iid/approvals`.

use std::collections::BTreeMap;

use serde::Deserialize;

/// Where the reviews come from; names the member key that maps accounts (`github`, `gitlab`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    GitHub,
    GitLab,
}

impl Platform {
    pub fn label(self) -> &'static str {
        match self {
            Platform::GitHub => "GitHub",
            Platform::GitLab => "GitLab",
        }
    }
}

/// The latest review of one account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub account: String,
    /// `APPROVED`, `CHANGES_REQUESTED`, `DISMISSED` (GitHub); always `APPROVED` for GitLab.
    pub state: String,
    /// The commit the review was made on (GitHub only).
    pub commit: Option<String>,
    pub submitted_at: Option<String>,
}

/// A parsed `--approvals` file.
#[derive(Debug, Clone)]
pub struct Reviews {
    /// The file as named on the command line.
    pub name: String,
    pub sha256: String,
    pub platform: Platform,
    /// One per account, sorted by account.
    pub reviews: Vec<Review>,
}

#[derive(Deserialize)]
struct GitHubReview {
    user: Option<GitHubUser>,
    state: String,
    commit_id: Option<String>,
    submitted_at: Option<String>,
}

#[derive(Deserialize)]
struct GitHubUser {
    login: String,
}

#[derive(Deserialize)]
struct GitLabApprovals {
    approved_by: Vec<GitLabApproval>,
}

#[derive(Deserialize)]
struct GitLabApproval {
    user: GitLabUser,
}

#[derive(Deserialize)]
struct GitLabUser {
    username: String,
}

/// Parses the file's bytes; the error says why it is neither format.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Reviews, String> {
    let sha256 = crate::support::sha256_hex(bytes);
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| format!("{name} is not JSON: {e}"))?;
    let (platform, reviews) = if value.is_array() {
        let list: Vec<GitHubReview> = serde_json::from_value(value)
            .map_err(|e| format!("{name} is not a list of GitHub pull request reviews: {e}"))?;
        (Platform::GitHub, latest_github(list))
    } else if value.get("approved_by").is_some() {
        let a: GitLabApprovals = serde_json::from_value(value)
            .map_err(|e| format!("{name} is not GitLab merge request approvals: {e}"))?;
        let mut reviews: Vec<Review> = a
            .approved_by
            .into_iter()
            .map(|a| Review {
                account: a.user.username,
                state: "APPROVED".into(),
                commit: None,
                submitted_at: None,
            })
            .collect();
        reviews.sort_by(|a, b| a.account.cmp(&b.account));
        reviews.dedup_by(|a, b| a.account.eq_ignore_ascii_case(&b.account));
        (Platform::GitLab, reviews)
    } else {
        return Err(format!(
            "{name} is neither GitHub's list of pull request reviews (a JSON array) nor GitLab's merge request approvals (an object with `approved_by`)"
        ));
    };
    Ok(Reviews {
        name: name.to_string(),
        sha256,
        platform,
        reviews,
    })
}

/// Each account's latest review that decides (as GitHub counts them: a comment neither
/// approves nor withdraws an approval, and a pending review is not submitted).
fn latest_github(list: Vec<GitHubReview>) -> Vec<Review> {
    let mut latest: BTreeMap<String, (Option<jiff::Timestamp>, Review)> = BTreeMap::new();
    for r in list {
        let Some(user) = r.user else { continue };
        if !matches!(
            r.state.as_str(),
            "APPROVED" | "CHANGES_REQUESTED" | "DISMISSED"
        ) {
            continue;
        }
        let at = r
            .submitted_at
            .as_deref()
            .and_then(|t| t.parse::<jiff::Timestamp>().ok());
        let key = user.login.to_lowercase();
        // The API lists reviews oldest first; a later entry wins unless its date is earlier.
        let newer = latest.get(&key).is_none_or(|(seen, _)| match (seen, at) {
            (Some(seen), Some(at)) => at >= *seen,
            _ => true,
        });
        if newer {
            latest.insert(
                key,
                (
                    at,
                    Review {
                        account: user.login,
                        state: r.state,
                        commit: r.commit_id,
                        submitted_at: r.submitted_at,
                    },
                ),
            );
        }
    }
    latest.into_values().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_keeps_each_users_latest_deciding_review() {
        let json = br#"[
          {"user":{"login":"ana"},"state":"CHANGES_REQUESTED","commit_id":"a1","submitted_at":"2026-01-01T10:00:00Z"},
          {"user":{"login":"ana"},"state":"APPROVED","commit_id":"b2","submitted_at":"2026-01-02T10:00:00Z"},
          {"user":{"login":"Ana"},"state":"COMMENTED","commit_id":"c3","submitted_at":"2026-01-03T10:00:00Z"},
          {"user":{"login":"bo"},"state":"APPROVED","commit_id":"a1","submitted_at":"2026-01-02T10:00:00Z"},
          {"user":{"login":"bo"},"state":"DISMISSED","commit_id":"a1","submitted_at":"2026-01-03T10:00:00Z"},
          {"user":null,"state":"APPROVED","commit_id":"a1"},
          {"user":{"login":"cy"},"state":"PENDING","commit_id":"a1"}
        ]"#;
        let r = parse("reviews.json", json).expect("parses");
        assert_eq!(r.platform, Platform::GitHub);
        let got: Vec<_> = r
            .reviews
            .iter()
            .map(|r| (r.account.as_str(), r.state.as_str(), r.commit.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("ana", "APPROVED", Some("b2")),
                ("bo", "DISMISSED", Some("a1"))
            ]
        );
        assert_eq!(r.sha256.len(), 64);
    }

    #[test]
    fn gitlab_and_errors() {
        let r = parse(
            "a.json",
            br#"{"approved_by":[{"user":{"username":"bo","name":"Bo"}}],"approvals_left":0}"#,
        )
        .unwrap();
        assert_eq!(r.platform, Platform::GitLab);
        assert_eq!(r.reviews[0].account, "bo");
        assert!(
            parse("x.json", b"{")
                .unwrap_err()
                .starts_with("x.json is not JSON")
        );
        assert!(
            parse("x.json", b"{\"a\":1}")
                .unwrap_err()
                .contains("neither")
        );
        assert!(
            parse("x.json", b"[{\"state\":1}]")
                .unwrap_err()
                .contains("GitHub")
        );
    }
}
