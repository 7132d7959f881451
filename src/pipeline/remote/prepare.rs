//! One remote repository of a scan before and during its check: reuse without fetching when
//! `git ls-remote` names the commit of the cached evidence; else the blobless clone brought up
//! to date with the blobs the playbook declares it reads, then checked, fetching what the check
//! read and did not have, and checked again.

use std::path::Path;

use super::{blobs, fetch, texts};
use crate::evidence::Evidence;
use crate::pipeline::run::CheckRequest;
use crate::pipeline::scan::{Failure, Found, check_one};
use crate::pipeline::scan_cache::{self, Entry, Index, Key};
use crate::snapshot::missing::MissingObjects;

/// What the repositories of one scan share, as far as a remote one needs it.
pub struct RemoteSettings<'a> {
    pub out: &'a Path,
    pub request: &'a CheckRequest,
    pub index: &'a Index,
    pub policy: &'a str,
    pub force: bool,
    pub lang: crate::playbook::Language,
}

/// A repository ready to check: its cache key, the entry of the earlier evidence that stands
/// for it, the bytes fetched to get it there.
pub struct Prepared {
    pub key: Option<Key>,
    pub reused: Option<Entry>,
    pub bytes: u64,
}

/// How often a check may find blobs missing, fetch them and check again before every blob of
/// the commit is fetched for a last check: a kind that discovers what it reads (an ADR folder
/// named in `.adr-dir`, the test files of a detected ecosystem) reads a little more each round.
pub const ROUNDS: usize = 4;

/// A remote repository before its check: its earlier evidence when `git ls-remote` names the
/// commit it was made of (nothing cloned or fetched), else its clone brought up to date with
/// the blobs the playbook says its controls read.
pub fn prepare(
    repo: &Found,
    url: &str,
    file: &str,
    s: &RemoteSettings,
) -> Result<Prepared, (Failure, u64)> {
    let key_at = |commit| scan_cache::remote_key(&repo.path, &repo.relative, commit, s.policy);
    if !s.force
        && let Ok(commit) = fetch::remote_head(url)
    {
        let key = key_at(commit);
        if let Some(entry) = scan_cache::reuse(s.index, s.out, &repo.relative, &key, file) {
            return Ok(Prepared {
                key: Some(key),
                reused: Some(entry),
                bytes: 0,
            });
        }
    }
    let name = crate::support::escape::text(&repo.relative);
    let say = |key: &str, why: String| {
        Failure::Fetch(texts::say(
            s.lang,
            key,
            &[("repository", &name), ("why", &why)],
        ))
    };
    let (major, minor) = fetch::MIN_GIT;
    match fetch::git_version() {
        Ok(found) if found < fetch::MIN_GIT => {
            let why = texts::say(
                s.lang,
                "scan.git-too-old",
                &[
                    ("repository", &name),
                    ("needed", &format!("{major}.{minor}")),
                    ("found", &format!("{}.{}", found.0, found.1)),
                ],
            );
            return Err((Failure::Fetch(why), 0));
        }
        Ok(_) => {}
        Err(why) => return Err((say("scan.clone-failed", why), 0)),
    }
    let before = fetch::packs(&repo.path);
    let done = fetch::clone_or_update(url, &repo.path)
        .map_err(|why| say("scan.clone-failed", why))
        .and_then(|()| {
            blobs::wanted(&repo.path, s.request)
                .and_then(|w| fetch::fetch_blobs(&repo.path, &w.missing))
                .map_err(|why| say("scan.blobs-failed", why))
        });
    let bytes = fetch::new_bytes(&before, &fetch::packs(&repo.path));
    done.map_err(|f| (f, bytes))?;
    Ok(Prepared {
        key: scan_cache::head_commit(&repo.path).map(key_at),
        reused: None,
        bytes,
    })
}

/// Checks the clone of `repo`; while the check read blobs the clone lacks, fetches them in one
/// batch and checks again, at most [`ROUNDS`] times, then once with every blob of the commit.
/// The result of the last check stands: when a fetch fails, the controls that read a missing
/// blob are ERROR, never PASS. Returns the bytes these fetches transferred.
pub fn check_fetching(repo: &Found, request: &CheckRequest) -> (Result<Evidence, Failure>, u64) {
    let missing = MissingObjects::default();
    let request = CheckRequest {
        missing: Some(missing.clone()),
        ..request.clone()
    };
    let mut bytes = 0;
    let mut round = 0;
    loop {
        let result = check_one(repo, &request);
        let wanted = missing.take();
        if wanted.is_empty() || result.is_err() || round > ROUNDS {
            return (result, bytes);
        }
        round += 1;
        let oids = if round > ROUNDS {
            blobs::all_missing(&repo.path)
        } else {
            Ok(wanted)
        };
        let before = fetch::packs(&repo.path);
        let fetched = oids.and_then(|oids| fetch::fetch_blobs(&repo.path, &oids));
        bytes += fetch::new_bytes(&before, &fetch::packs(&repo.path));
        if fetched.is_err() {
            return (result, bytes);
        }
    }
}
