//! What `gonogo scan` may skip: an index (JSON), `<out>/.gonogo-scan-cache`, of the evidence it
//! wrote, keyed by (the repository's HEAD commit, where it is, the policy digest, the gonogo
//! version).
//!
//! A scan checks each repository's committed HEAD (never the work tree), so uncommitted changes
//! cannot change a result and do not stop a reuse. The policy digest covers what the commit
//! does not: `--playbook` (the file's bytes when it is a file, else the name, e.g.
//! `preset:default`), `--gate`, `--strict` and the reference date (its UTC day). A repository's
//! own playbook and waivers are read from its commit, so the commit covers them. An entry is
//! used only while the evidence file it names still has the SHA-256 the index recorded.
//!
//! A reused repository's evidence is not parsed: the entry keeps what the scan reports of it
//! (commit, decision, counts). The portfolio is a function of the evidence files and its
//! options, so the index also keeps a digest of those with the portfolio files' SHA-256; while
//! both hold, the portfolio is not built again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::evidence::{Decision, Evidence, Status};
use crate::pipeline::run::CheckRequest;
use crate::snapshot::quick_head;

/// The index file's name in the output folder: no `.json` ending, so `gonogo portfolio` over
/// the folder does not take it for a report.
pub const INDEX_FILE: &str = ".gonogo-scan-cache";
const FORMAT: u32 = 2;

/// What a result depends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Key {
    pub commit: String,
    /// SHA-256 of where the repository is (its absolute path) and what decides its remotes'
    /// URLs (its own config file, and `remote.*.url` and `url.*.insteadOf` of the user's and
    /// the system's): the evidence names both (`subject.root`, `subject.remote`), so a moved clone
    /// or a changed remote is checked again. Hashed, so no URL (nor a credential in one) lands in the index.
    pub place: String,
    pub policy: String,
    pub gonogo: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub key: Key,
    /// The evidence file, relative to the output folder.
    pub file: String,
    /// SHA-256 of the evidence file as written.
    pub sha256: String,
    /// What the evidence decided, so that reusing it needs no parse.
    pub outcome: Outcome,
}

/// What a scan reports of one repository's evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// The commit the evidence names (`subject.commit`).
    pub commit: Option<String>,
    pub decision: Decision,
    /// Controls per status, as in the evidence's summary.
    pub counts: BTreeMap<Status, usize>,
}

impl Outcome {
    pub fn of(evidence: &Evidence) -> Outcome {
        Outcome {
            commit: evidence.subject.commit.clone(),
            decision: evidence.decision,
            counts: evidence.summary.by_status.clone(),
        }
    }
}

/// The portfolio a scan wrote, and what it was made of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortfolioStamp {
    /// SHA-256 of the portfolio's inputs ([`portfolio_digest`]).
    pub inputs: String,
    /// Each file written (relative to the output folder) with its SHA-256.
    pub files: BTreeMap<String, String>,
    /// The totals the scan's summary line and exit code take from it.
    pub tally: Tally,
}

/// The portfolio's totals that a scan reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub go: usize,
    pub go_with_conditions: usize,
    pub no_go: usize,
    pub skipped: usize,
}

/// The index: one entry per repository (its path relative to the scan root).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub format: u32,
    pub entries: BTreeMap<String, Entry>,
    /// The portfolio of the last scan that wrote one into this folder.
    #[serde(default)]
    pub portfolio: Option<PortfolioStamp>,
}

impl Default for Index {
    fn default() -> Self {
        Index {
            format: FORMAT,
            entries: BTreeMap::new(),
            portfolio: None,
        }
    }
}

/// The digest of the scan-wide inputs that change a result (see the module's text).
pub fn policy_digest(request: &CheckRequest) -> String {
    let mut text = String::new();
    match &request.playbook {
        Some(p) => {
            text.push_str(&format!("playbook={}\n", p.display()));
            // A missing or unreadable file: the check reports it; the name alone keys it.
            if let Ok(bytes) = std::fs::read(p) {
                text.push_str(&format!(
                    "playbook-sha256={}\n",
                    crate::support::sha256_hex(&bytes)
                ));
            }
        }
        None => text.push_str("playbook=own\n"),
    }
    text.push_str(&format!(
        "gate={:?}\nstrict={}\n",
        request.gate, request.strict
    ));
    let day = request.as_of.as_ref().map(|a| a.date().to_string());
    text.push_str(&format!("as_of_day={day:?}\n"));
    crate::support::sha256_hex(text.as_bytes())
}

fn open(path: &Path) -> Option<git2::Repository> {
    crate::snapshot::layout::open(path, &crate::snapshot::GitEnv::default())
        .ok()
        .flatten()
}

fn head_of(repo: &git2::Repository) -> Option<String> {
    let commit = repo.head().ok()?.peel_to_commit().ok()?;
    Some(commit.id().to_string())
}

/// The commit HEAD names in the repository at `path`, and its git directory; `None` when it has
/// none (unborn, broken): such a repository is always checked. The files of a plain `.git`
/// folder are read directly ([`quick_head`]); anything else is opened through libgit2.
fn head_and_git_dir(path: &Path) -> Option<(String, PathBuf)> {
    if let Some(commit) = quick_head::head_commit(path) {
        return Some((commit, path.join(".git")));
    }
    let repo = open(path)?;
    Some((head_of(&repo)?, repo.path().to_path_buf()))
}

/// The commit HEAD names in the repository at `path` (see [`head_and_git_dir`]).
pub fn head_commit(path: &Path) -> Option<String> {
    head_and_git_dir(path).map(|(commit, _)| commit)
}

/// The key of the repository at `path`, or `None` when it cannot be cached.
pub fn key(path: &Path, policy: &str) -> Option<Key> {
    let (commit, git_dir) = head_and_git_dir(path)?;
    let mut place = format!(
        "root={}\n",
        std::path::absolute(path)
            .unwrap_or_else(|_| path.to_path_buf())
            .display()
    );
    place.push_str(&remote_settings(&git_dir.join("config")));
    place.push_str(outside_remote_settings());
    Some(Key {
        commit,
        place: crate::support::sha256_hex(place.as_bytes()),
        policy: policy.to_string(),
        gonogo: env!("CARGO_PKG_VERSION").to_string(),
    })
}

/// What in the config file at `path` can decide a remote's URL: its bytes, hashed (any change
/// checks the repository again), unless it includes other files; then the settings libgit2
/// reads through the includes. A link is not read.
fn remote_settings(path: &Path) -> String {
    if !path.symlink_metadata().is_ok_and(|m| m.is_file()) {
        return "config=none\n".to_string();
    }
    let Ok(bytes) = std::fs::read(path) else {
        return "config=unreadable\n".to_string();
    };
    if !bytes.windows(7).any(|w| w.eq_ignore_ascii_case(b"include")) {
        return format!("config-sha256={}\n", crate::support::sha256_hex(&bytes));
    }
    match git2::Config::open(path) {
        Ok(config) => url_settings(&config, "local"),
        Err(_) => "config=unreadable\n".to_string(),
    }
}

/// The same settings from the user's and the system's git config, read once per process.
fn outside_remote_settings() -> &'static str {
    static SETTINGS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SETTINGS.get_or_init(|| {
        git2::Config::open_default()
            .map(|config| url_settings(&config, "outside"))
            .unwrap_or_default()
    })
}

/// `remote.*.url` and `url.*.insteadOf`-like entries of `config`, one `level name=value` line
/// each.
fn url_settings(config: &git2::Config, level: &str) -> String {
    let mut lines = String::new();
    if let Ok(mut entries) = config.entries(None) {
        while let Some(Ok(entry)) = entries.next() {
            let name = String::from_utf8_lossy(entry.name_bytes());
            if (name.starts_with("remote.") && name.ends_with(".url")) || name.starts_with("url.") {
                let value = String::from_utf8_lossy(entry.value_bytes());
                lines.push_str(&format!("{level} {name}={value:?}\n"));
            }
        }
    }
    lines
}

/// The key of a remote repository cloned into `dir` from the URL that `identity` names, at
/// `commit` (from the clone, or from `git ls-remote` before any clone: the same key, so that an
/// unchanged remote is reused without cloning or fetching).
pub fn remote_key(dir: &Path, identity: &str, commit: String, policy: &str) -> Key {
    let place = format!(
        "root={}\nremote={identity:?}\n",
        std::path::absolute(dir)
            .unwrap_or_else(|_| dir.to_path_buf())
            .display()
    );
    Key {
        commit,
        place: crate::support::sha256_hex(place.as_bytes()),
        policy: policy.to_string(),
        gonogo: env!("CARGO_PKG_VERSION").to_string(),
    }
}

fn index_path(out: &Path) -> PathBuf {
    out.join(INDEX_FILE)
}

/// The index in `out`; empty when there is none or it cannot be read (then everything is
/// checked again).
pub fn load(out: &Path) -> Index {
    std::fs::read(index_path(out))
        .ok()
        .and_then(|b| serde_json::from_slice::<Index>(&b).ok())
        .filter(|i| i.format == FORMAT)
        .unwrap_or_default()
}

/// Writes the index (through a temporary file of this process, so a reader never sees half of
/// it; shards that share one output folder at the same time lose each other's entries, which
/// only costs a check next time).
pub fn save(out: &Path, index: &Index) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(index).map_err(std::io::Error::other)?;
    let tmp = out.join(format!("{INDEX_FILE}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, index_path(out))
}

/// The entry of `relative`, when its key is `key`, its evidence was written as `file` and that
/// file is unchanged (read and hashed, not parsed).
pub fn reuse(index: &Index, out: &Path, relative: &str, key: &Key, file: &str) -> Option<Entry> {
    let entry = index.entries.get(relative)?;
    if &entry.key != key || entry.file != file {
        return None;
    }
    let bytes = std::fs::read(out.join(file)).ok()?;
    (crate::support::sha256_hex(&bytes) == entry.sha256).then(|| entry.clone())
}

/// The evidence an entry names, while its file is unchanged.
pub fn evidence_of(out: &Path, entry: &Entry) -> Option<Evidence> {
    let bytes = std::fs::read(out.join(&entry.file)).ok()?;
    if crate::support::sha256_hex(&bytes) != entry.sha256 {
        return None;
    }
    serde_json::from_slice(&bytes).ok()
}

/// SHA-256 of what a portfolio is made of: `parts` (its options, each input's file and digest,
/// each skipped repository and why), one per line, and the gonogo version.
pub fn portfolio_digest(parts: &[String]) -> String {
    let mut text = format!("gonogo={}\n", env!("CARGO_PKG_VERSION"));
    for part in parts {
        text.push_str(&format!("{part:?}\n"));
    }
    crate::support::sha256_hex(text.as_bytes())
}

/// The totals of the portfolio in `out`, when the index says it was made of `inputs` and each
/// of its files is as written.
pub fn portfolio_current(index: &Index, out: &Path, inputs: &str) -> Option<Tally> {
    let stamp = index.portfolio.as_ref()?;
    if stamp.inputs != inputs || stamp.files.is_empty() {
        return None;
    }
    let unchanged = stamp.files.iter().all(|(file, sha256)| {
        std::fs::read(out.join(file)).is_ok_and(|b| &crate::support::sha256_hex(&b) == sha256)
    });
    unchanged.then_some(stamp.tally)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_digest_follows_gate_and_strictness() {
        let a = CheckRequest::default();
        let b = CheckRequest {
            strict: true,
            ..CheckRequest::default()
        };
        let c = CheckRequest {
            gate: Some("release".into()),
            ..CheckRequest::default()
        };
        assert_eq!(policy_digest(&a), policy_digest(&CheckRequest::default()));
        assert_ne!(policy_digest(&a), policy_digest(&b));
        assert_ne!(policy_digest(&a), policy_digest(&c));
    }

    #[test]
    fn a_changed_file_is_not_reused() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::write(dir.path().join("a.json"), "{}").unwrap();
        let key = Key {
            commit: "c".into(),
            place: "here".into(),
            policy: "p".into(),
            gonogo: "v".into(),
        };
        let mut index = Index::default();
        index.entries.insert(
            "a".into(),
            Entry {
                key: key.clone(),
                file: "a.json".into(),
                sha256: crate::support::sha256_hex(b"other"),
                outcome: Outcome {
                    commit: None,
                    decision: Decision::Go,
                    counts: BTreeMap::new(),
                },
            },
        );
        assert!(reuse(&index, dir.path(), "a", &key, "a.json").is_none());
        save(dir.path(), &index).unwrap();
        assert_eq!(load(dir.path()).entries.len(), 1);
    }

    #[test]
    fn a_portfolio_is_current_only_for_the_same_inputs_and_unchanged_files() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::write(dir.path().join("portfolio.md"), "# P\n").unwrap();
        let inputs = portfolio_digest(&["input a.json 1".into()]);
        let tally = Tally {
            go: 1,
            ..Tally::default()
        };
        let index = Index {
            portfolio: Some(PortfolioStamp {
                inputs: inputs.clone(),
                files: [("portfolio.md".into(), crate::support::sha256_hex(b"# P\n"))].into(),
                tally,
            }),
            ..Index::default()
        };
        assert_eq!(portfolio_current(&index, dir.path(), &inputs), Some(tally));
        let other = portfolio_digest(&["input a.json 2".into()]);
        assert_eq!(portfolio_current(&index, dir.path(), &other), None);
        std::fs::write(dir.path().join("portfolio.md"), "# Q\n").unwrap();
        assert_eq!(portfolio_current(&index, dir.path(), &inputs), None);
        std::fs::remove_file(dir.path().join("portfolio.md")).unwrap();
        assert_eq!(portfolio_current(&index, dir.path(), &inputs), None);
    }
}
