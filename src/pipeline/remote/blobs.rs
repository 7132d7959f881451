//! Which blobs of a blobless clone a check reads, fetched before it: the policy files, and the
//! files the controls of the resolved playbook declare they read
//! ([`crate::playbook::Playbook::reads`]). What a kind that cannot declare it reads is fetched
//! as the check reads it ([`super::prepare::check_fetching`]); nothing is skipped silently. A
//! blob still missing when a control reads it makes that control ERROR (the snapshot records
//! it as content that cannot be evaluated).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use git2::{Oid, Repository};

use crate::pipeline::run::CheckRequest;
use crate::playbook::files::{GitTree, PolicyFiles};
use crate::playbook::{Playbook, Reads};

/// What a check of the clone wants.
#[derive(Debug, Default)]
pub struct Wanted {
    /// Blobs wanted and not yet in the clone, to fetch in one batch.
    pub missing: Vec<String>,
    /// Files whose content the check may read, of `files` in the commit.
    pub selected: usize,
    pub files: usize,
    /// The controls that may read any file: what they read is fetched as they read it.
    pub read_everything: Vec<String>,
}

fn open(dir: &Path) -> Result<Repository, String> {
    Repository::open(dir).map_err(|e| format!("cannot open {}: {}", dir.display(), e.message()))
}

/// Every file of the HEAD commit's tree with its blob.
fn head_files(repo: &Repository) -> Result<(Oid, BTreeMap<String, Oid>), String> {
    let commit = repo
        .head()
        .and_then(|h| h.peel_to_commit())
        .map_err(|e| format!("HEAD names no commit: {}", e.message()))?;
    let tree = commit.tree().map_err(|e| e.message().to_string())?;
    // The remote's tree is untrusted: listed with the snapshot's bounded walk, never libgit2's
    // recursive one (a tree nested 100,000 deep overflows the stack there).
    let files = crate::snapshot::list_tree(repo, &tree)
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter(|e| e.kind != crate::snapshot::EntryKind::Submodule)
        .filter_map(|e| Some((e.path, e.blob?)))
        .collect::<BTreeMap<_, _>>();
    Ok((commit.id(), files))
}

/// The policy tree of the clone's HEAD that fetches a policy file's blob when it is read
/// (a playbook, what it extends), one request per file: there are few.
struct FetchingTree<'a> {
    dir: &'a Path,
    files: &'a BTreeMap<String, Oid>,
    repo: Mutex<Repository>,
    inner: GitTree,
}

impl PolicyFiles for FetchingTree<'_> {
    fn read(&self, path: &str) -> Result<Option<String>, String> {
        if let Some(oid) = self.files.get(path) {
            let present = self
                .repo
                .lock()
                .map_err(|_| "repository lock poisoned")?
                .odb()
                .is_ok_and(|odb| odb.exists(*oid));
            if !present {
                super::fetch::fetch_blobs(self.dir, &[oid.to_string()])?;
            }
        }
        self.inner.read(path)
    }

    fn display(&self, path: &str) -> String {
        self.inner.display(path)
    }
}

/// The playbook a check of the clone at `dir` uses, as `run_check` chooses it; `None` when it
/// cannot be loaded (the check then reports why).
fn playbook(
    dir: &Path,
    request: &CheckRequest,
    files: &BTreeMap<String, Oid>,
    head: Oid,
) -> Option<Playbook> {
    let kinds = &crate::controls::REGISTRY;
    if let Some(p) = &request.playbook {
        return match p.to_str().and_then(|s| s.strip_prefix("preset:")) {
            Some(name) => crate::playbook::load_preset(name, kinds).ok(),
            None => crate::playbook::load_file(p, kinds).ok(),
        };
    }
    let tree = FetchingTree {
        dir,
        files,
        repo: Mutex::new(open(dir).ok()?),
        inner: GitTree::new(open(dir).ok()?, head, "HEAD".into()).ok()?,
    };
    for name in crate::playbook::DISCOVERY {
        if files.contains_key(*name) {
            return crate::playbook::load::load_from(&tree, name, kinds).ok();
        }
    }
    crate::playbook::load_preset("default", kinds).ok()
}

/// Whether `path` is a policy file: a playbook gonogo discovers, anything in `.gonogo/`, the
/// playbook's waiver file and allowed signers.
fn is_policy(path: &str, playbook: Option<&Playbook>) -> bool {
    crate::playbook::DISCOVERY.contains(&path)
        || path.starts_with(".gonogo/")
        || playbook.is_some_and(|p| {
            p.waivers.file == path || p.approvals.allowed_signers.as_deref() == Some(path)
        })
}

/// What a check of the clone at `dir` reads, and which of those blobs it lacks.
pub fn wanted(dir: &Path, request: &CheckRequest) -> Result<Wanted, String> {
    let repo = open(dir)?;
    let (head, files) = head_files(&repo)?;
    let playbook = playbook(dir, request, &files, head);
    let reads: Vec<(String, Reads)> = playbook
        .as_ref()
        .map(|p| {
            p.reads()
                .into_iter()
                .map(|(id, r)| (id.to_string(), r))
                .collect()
        })
        .unwrap_or_default();
    let read_everything: Vec<String> = reads
        .iter()
        .filter(|(_, r)| matches!(r, Reads::Everything))
        .map(|(id, _)| id.clone())
        .collect();
    let odb = repo.odb().map_err(|e| e.message().to_string())?;
    let mut out = Wanted {
        files: files.len(),
        read_everything,
        ..Wanted::default()
    };
    let mut seen = std::collections::BTreeSet::new();
    for (path, oid) in &files {
        let read = is_policy(path, playbook.as_ref())
            || reads
                .iter()
                .any(|(_, r)| matches!(r, Reads::Matching(_)) && r.path(path));
        if !read {
            continue;
        }
        out.selected += 1;
        if seen.insert(*oid) && !odb.exists(*oid) {
            out.missing.push(oid.to_string());
        }
    }
    Ok(out)
}

/// Every blob of the HEAD commit the clone at `dir` does not have.
pub fn all_missing(dir: &Path) -> Result<Vec<String>, String> {
    let repo = open(dir)?;
    let (_, files) = head_files(&repo)?;
    let odb = repo.odb().map_err(|e| e.message().to_string())?;
    let mut out: Vec<String> = files
        .values()
        .filter(|oid| !odb.exists(**oid))
        .map(|oid| oid.to_string())
        .collect();
    out.sort();
    out.dedup();
    Ok(out)
}
