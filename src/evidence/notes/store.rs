//! Writing a note so that concurrent writers never lose one: each attempt builds a notes commit
//! on the ref's current commit and moves the ref only if it still points there
//! (compare-and-swap under git's ref lock); a writer that lost the race reads again and retries.

use std::time::Duration;

use git2::{ErrorCode, FileMode, Oid, Repository, Signature, Tree};

use super::format::{self, Note};

/// How often a writer tries before it gives up (exit 2); with the backoff below, about 10 s.
const MAX_ATTEMPTS: u32 = 60;
/// The backoff doubles from this up to `MAX_BACKOFF`, with jitter so racers spread out.
const FIRST_BACKOFF: Duration = Duration::from_millis(2);
const MAX_BACKOFF: Duration = Duration::from_millis(200);
/// A note larger than this is not read back into memory (a note is evidence, not an archive).
pub const MAX_NOTE_BYTES: usize = 64 << 20;

const MESSAGE: &str = "Notes added by 'gonogo check --note'";

/// What a successful write did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// The gate's earlier evidence on this commit was replaced.
    pub replaced: bool,
    /// Every gate the note now holds.
    pub gates: Vec<String>,
    /// Attempts it took (more than one: other writers moved the ref meanwhile).
    pub attempts: u32,
}

#[derive(Debug)]
pub enum StoreError {
    /// The commit carries a note that is not gonogo's; it is left as it is.
    Foreign(String),
    /// Other writers kept moving the ref.
    Contended(u32),
    Git(String),
}

fn git(e: git2::Error) -> StoreError {
    StoreError::Git(e.message().to_string())
}

/// Puts `evidence` (sealed JSON) into the note of `target` under `notes_ref`, as gate `gate`.
pub fn put(
    repo: &Repository,
    notes_ref: &str,
    target: Oid,
    gate: &str,
    evidence: &str,
) -> Result<Stored, StoreError> {
    let sig = repo
        .signature()
        .or_else(|_| Signature::now("gonogo", "gonogo@localhost"))
        .map_err(git)?;
    let mut backoff = FIRST_BACKOFF;
    for attempt in 1..=MAX_ATTEMPTS {
        let current = current_commit(repo, notes_ref)?;
        let base_tree = match current {
            Some(c) => Some(repo.find_commit(c).and_then(|c| c.tree()).map_err(git)?),
            None => None,
        };
        let hex = target.to_string();
        let mut note = match base_tree.as_ref().and_then(|t| find(repo, t, &hex)) {
            Some(blob) => read_note(repo, blob)?,
            None => Note::default(),
        };
        let replaced = note
            .gates
            .insert(gate.to_string(), evidence.trim().to_string())
            .is_some();
        let blob = repo.blob(format::render(&note).as_bytes()).map_err(git)?;
        let tree = insert(repo, base_tree.as_ref(), &hex, blob)?;
        let tree = repo.find_tree(tree).map_err(git)?;
        let parent = match current {
            Some(c) => Some(repo.find_commit(c).map_err(git)?),
            None => None,
        };
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        let commit = repo
            .commit(None, &sig, &sig, MESSAGE, &tree, &parents)
            .map_err(git)?;
        let swapped = match current {
            Some(old) => repo.reference_matching(notes_ref, commit, true, old, MESSAGE),
            // "Must not exist yet", checked under the ref's lock: the zero id as the expected
            // old value (a plain create checks existence before locking, and two first
            // writers could both succeed, the second overwriting the first).
            None => repo.reference_matching(notes_ref, commit, true, Oid::ZERO_SHA1, MESSAGE),
        };
        match swapped {
            Ok(_) => {
                return Ok(Stored {
                    replaced,
                    gates: note.gates.into_keys().collect(),
                    attempts: attempt,
                });
            }
            Err(e) if lost_race(&e) => {
                std::thread::sleep(jitter(backoff, attempt));
                backoff = (backoff * 2).min(MAX_BACKOFF);
            }
            Err(e) => return Err(git(e)),
        }
    }
    Err(StoreError::Contended(MAX_ATTEMPTS))
}

/// Another writer moved, created or holds the lock of the ref between our read and our update.
fn lost_race(e: &git2::Error) -> bool {
    matches!(
        e.code(),
        ErrorCode::Modified | ErrorCode::Exists | ErrorCode::Locked
    )
}

/// Between half and all of `backoff`, varied by process and attempt (no random source needed).
fn jitter(backoff: Duration, attempt: u32) -> Duration {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let seed = u64::from(std::process::id())
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(u64::from(nanos) ^ u64::from(attempt));
    let half = backoff.as_micros() as u64 / 2;
    Duration::from_micros(half + seed % half.max(1))
}

/// The commit the notes ref points at, or `None` when there is no such ref yet.
fn current_commit(repo: &Repository, notes_ref: &str) -> Result<Option<Oid>, StoreError> {
    match repo.find_reference(notes_ref) {
        Ok(r) => {
            let Some(id) = r.target() else {
                return Err(StoreError::Git(format!(
                    "{notes_ref} is a symbolic reference; gonogo writes notes only to a direct one"
                )));
            };
            Ok(Some(id))
        }
        Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
        Err(e) => Err(git(e)),
    }
}

fn read_note(repo: &Repository, blob: Oid) -> Result<Note, StoreError> {
    let size = repo
        .odb()
        .and_then(|odb| odb.read_header(blob))
        .map_err(git)?
        .0;
    if size > MAX_NOTE_BYTES {
        return Err(StoreError::Foreign(format!(
            "it is {size} bytes, over the {MAX_NOTE_BYTES}-byte limit of a gonogo note"
        )));
    }
    let blob = repo.find_blob(blob).map_err(git)?;
    let text = std::str::from_utf8(blob.content())
        .map_err(|_| StoreError::Foreign("it is not UTF-8 text".into()))?;
    format::parse(text).map_err(StoreError::Foreign)
}

/// The note blob for `hex` in a notes tree, flat (`<hex>`) or fanned out (`ab/cdef…`, as git
/// writes once there are many notes).
pub fn find(repo: &Repository, tree: &Tree<'_>, hex: &str) -> Option<Oid> {
    if let Some(e) = tree.get_name(hex) {
        return (e.kind() == Some(git2::ObjectType::Blob)).then(|| e.id());
    }
    let (dir, rest) = (hex.get(..2)?, hex.get(2..)?);
    let sub = tree.get_name(dir)?;
    if sub.kind() != Some(git2::ObjectType::Tree) || rest.is_empty() {
        return None;
    }
    let sub = repo.find_tree(sub.id()).ok()?;
    find(repo, &sub, rest)
}

/// A copy of `tree` with the note for `hex` set to `blob`: where it already is, else under the
/// fanout folders that exist (as git and libgit2 insert), else at this level.
fn insert(
    repo: &Repository,
    tree: Option<&Tree<'_>>,
    hex: &str,
    blob: Oid,
) -> Result<Oid, StoreError> {
    let mut builder = repo.treebuilder(tree).map_err(git)?;
    let existing = tree.and_then(|t| t.get_name(hex)).map(|e| e.kind());
    let fanout = match (tree, hex.get(..2), hex.get(2..)) {
        (Some(t), Some(dir), Some(rest)) if existing.is_none() && !rest.is_empty() => t
            .get_name(dir)
            .filter(|e| e.kind() == Some(git2::ObjectType::Tree))
            .map(|e| (dir, rest, e.id())),
        _ => None,
    };
    match fanout {
        Some((dir, rest, sub)) => {
            let sub = repo.find_tree(sub).map_err(git)?;
            let new_sub = insert(repo, Some(&sub), rest, blob)?;
            builder
                .insert(dir, new_sub, FileMode::Tree.into())
                .map_err(git)?;
        }
        None => {
            builder
                .insert(hex, blob, FileMode::Blob.into())
                .map_err(git)?;
        }
    }
    builder.write().map_err(git)
}
