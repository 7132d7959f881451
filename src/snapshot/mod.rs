//! What the repository holds at one state: paths, lazy bounded content, commit and history facts.
//! Controls see only this type, never the disk or git directly.

pub mod base;

mod bytes;
mod commit_facts;
mod content;
mod dir;
mod first_seen;
mod git;
pub mod history;
mod index_file;
pub mod layout;
mod listing;
mod memory;
pub mod missing;
mod past;
pub mod quick_head;
mod releases;
mod signed;
mod worktree;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

pub(crate) use bytes::decode;
pub use first_seen::{FIRST_SEEN_LIMIT, FirstSeen};
pub(crate) use git::list_tree;
pub use git::open_git;
pub use history::{Change, ChangeKind, ChangeSet, HistoryError, LastChange, Trailer};
pub use layout::GitEnv;
pub use listing::EntryRef;
pub use releases::{ReleaseTag, version_key};
pub use signed::{Carrier, ObjectSignature};

/// Files larger than this are reported, not read, unless configured otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 1 << 20;

/// How to open a snapshot.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    pub mode: Mode,
    pub max_file_size: u64,
    /// Measure changes against the merge base with this revision (a merge request's target).
    pub base: Option<String>,
    /// Where to record the blobs a read found missing (a partial clone).
    pub missing: Option<missing::MissingObjects>,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            mode: Mode::Head,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            base: None,
            missing: None,
        }
    }
}

/// Which state of the repository is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// The committed tree of HEAD.
    Head,
    /// The committed tree of any revision.
    Rev(String),
    /// The index (what the next commit would hold).
    Staged,
    /// Tracked files as on disk, plus untracked files that are not ignored.
    Worktree,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SnapshotMode {
    Head,
    Rev,
    Staged,
    Worktree,
    Directory,
}

/// Facts about the checked state that the evidence records.
#[derive(Debug, Clone)]
pub struct Subject {
    pub root: PathBuf,
    pub mode: SnapshotMode,
    pub reference: Option<String>,
    pub commit: Option<String>,
    pub tree: Option<String>,
    pub dirty: Option<bool>,
    pub remote: Option<String>,
    /// A tag pointing at the checked commit (the one named by `--rev` first, else the highest version).
    pub tag: Option<String>,
    /// Commit time of the checked commit (or HEAD for index and worktree), seconds since the epoch.
    pub commit_time: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    File,
    Symlink,
    Submodule,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub path: String,
    pub kind: EntryKind,
    /// Git blob id, when the state comes from git objects.
    pub blob: Option<git2::Oid>,
}

impl EntryKind {
    /// The kind a git file mode names (a tree entry's or an index entry's).
    pub(crate) fn of_mode(mode: u32) -> EntryKind {
        match mode & 0o170000 {
            0o120000 => EntryKind::Symlink,
            0o160000 => EntryKind::Submodule,
            _ => EntryKind::File,
        }
    }
}

impl From<git2::Error> for SnapshotError {
    fn from(e: git2::Error) -> Self {
        SnapshotError::Read {
            message: e.message().to_string(),
        }
    }
}

/// The content of one file, as far as a control may look.
#[derive(Debug, Clone)]
pub enum Content {
    Text(Arc<str>),
    Binary,
    TooLarge {
        size: u64,
        limit: u64,
    },
    /// A symbolic link; its target is not followed.
    Symlink(String),
    Unreadable(String),
}

pub(crate) enum Backend {
    Git(git::GitBackend),
    Dir,
    /// Texts held in memory (`Snapshot::in_memory`).
    Memory(HashMap<String, Arc<str>>),
}

/// One state of a repository.
pub struct Snapshot {
    pub subject: Subject,
    entries: listing::Listing,
    backend: Backend,
    max_file_size: u64,
    cache: Mutex<HashMap<usize, Content>>,
    /// The blob ids of files read from disk, hashed from the bytes read (see `blob_id`).
    disk_blobs: Mutex<HashMap<usize, git2::Oid>>,
    /// The folders found to be real folders on the way to files read from disk, this run.
    folders: bytes::Folders,
    /// Paths whose content could not be evaluated (a missing or corrupt object, a Git LFS
    /// pointer), with why: a control that read one is ERROR, never a waivable finding.
    unevaluable: Mutex<std::collections::BTreeMap<String, String>>,
    /// Every folder that holds a file, as (entry, length of the folder's path), computed once
    /// when a control first asks.
    dirs: std::sync::OnceLock<Vec<(usize, usize)>>,
    /// What changed: against `--base`, or index against HEAD for `--staged`.
    pub changes: Option<ChangeSet>,
    pub warnings: Vec<String>,
}

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum SnapshotError {
    #[error("{path} does not exist")]
    #[diagnostic(code(repository::missing))]
    Missing { path: PathBuf },
    #[error("cannot open the repository at {path}: {message}")]
    #[diagnostic(code(repository::open))]
    Open { path: PathBuf, message: String },
    #[error("{message}")]
    #[diagnostic(code(repository::revision), help("{help}"))]
    Revision { message: String, help: String },
    #[error("cannot read the repository: {message}")]
    #[diagnostic(code(repository::read))]
    Read { message: String },
}

impl Snapshot {
    /// Opens `path`: a git repository (found as `git -C PATH` finds it, `GIT_DIR` and
    /// `GIT_WORK_TREE` included) or, failing that, a plain folder.
    pub fn open(path: &Path, options: &OpenOptions) -> Result<Snapshot, SnapshotError> {
        Snapshot::open_in(path, options, &GitEnv::from_process())
    }

    /// Like [`Snapshot::open`], with the repository variables given (`scan` opens each
    /// repository it found as found, whatever the environment says).
    pub fn open_in(
        path: &Path,
        options: &OpenOptions,
        env: &GitEnv,
    ) -> Result<Snapshot, SnapshotError> {
        let (mode, max_file_size) = (&options.mode, options.max_file_size);
        if !path.exists() {
            return Err(SnapshotError::Missing {
                path: path.to_path_buf(),
            });
        }
        tune_libgit2();
        match layout::open(path, env) {
            Ok(Some(repo)) => open_git(repo, options),
            Ok(None) => {
                if *mode != Mode::Head || options.base.is_some() {
                    return Err(SnapshotError::Revision {
                        message: format!("{} is not inside a git repository", path.display()),
                        help: "--rev, --staged, --worktree and --base need a git repository".into(),
                    });
                }
                dir::open_dir(path, max_file_size)
            }
            Err(e) => Err(SnapshotError::Open {
                path: path.to_path_buf(),
                message: e.message().to_string(),
            }),
        }
    }

    pub(crate) fn new(
        subject: Subject,
        entries: Vec<Entry>,
        backend: Backend,
        max_file_size: u64,
    ) -> Self {
        Snapshot::with_listing(
            subject,
            listing::Listing::new(entries),
            backend,
            max_file_size,
        )
    }

    /// Like [`Snapshot::new`], with the entries already packed.
    fn with_listing(
        subject: Subject,
        entries: listing::Listing,
        backend: Backend,
        max_file_size: u64,
    ) -> Self {
        Snapshot {
            subject,
            entries,
            backend,
            max_file_size,
            cache: Mutex::new(HashMap::new()),
            disk_blobs: Mutex::new(HashMap::new()),
            folders: bytes::Folders::default(),
            unevaluable: Mutex::new(std::collections::BTreeMap::new()),
            dirs: std::sync::OnceLock::new(),
            changes: None,
            warnings: Vec::new(),
        }
    }

    /// The folder whose files are on disk: the work tree, or a plain folder; `None` for a
    /// repository without a work tree (bare), whose root is its git directory.
    pub fn work_tree(&self) -> Option<&Path> {
        match &self.backend {
            Backend::Git(g) if !g.has_work_tree => None,
            _ => Some(&self.subject.root),
        }
    }

    /// How many entries (files, links, submodules) the snapshot holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.len() == 0
    }

    /// Every path, sorted bytewise.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.entries.paths()
    }

    /// Every folder that holds a file (at any depth), sorted.
    pub fn dirs(&self) -> impl ExactSizeIterator<Item = &str> + Clone {
        self.dir_spans().iter().map(|&(i, len)| self.dir(i, len))
    }

    /// Whether `path` is a folder that holds a file (at any depth).
    pub fn is_dir(&self, path: &str) -> bool {
        self.dir_spans()
            .binary_search_by(|&(i, len)| self.dir(i, len).cmp(path))
            .is_ok()
    }

    fn dir(&self, entry: usize, len: usize) -> &str {
        &self.entries.get(entry).path[..len]
    }

    /// The folders as the first `len` bytes of the path of an entry in them, computed once
    /// when a control first asks: no folder's path is held again (30,000 folders at 100,000
    /// files). Paths are sorted, so a folder is new only past the part a path shares with the
    /// one before: one pass, no lookups.
    fn dir_spans(&self) -> &[(usize, usize)] {
        self.dirs.get_or_init(|| {
            let mut out: Vec<(usize, usize)> = Vec::new();
            let mut previous = "";
            for (n, path) in self.paths().enumerate() {
                // The longest folder both paths lie in.
                let shared = previous
                    .bytes()
                    .zip(path.bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
                // On bytes: `shared` may fall inside a multi-byte character ("Ä…" / "Ü…").
                let shared_dir = path.as_bytes()[..shared]
                    .iter()
                    .rposition(|&b| b == b'/')
                    .map_or(0, |i| i + 1);
                for (i, _) in path[shared_dir..].match_indices('/') {
                    out.push((n, shared_dir + i));
                }
                previous = path;
            }
            // In path order a folder can come after a longer name it prefixes (`a-b/x`, `a/y`).
            out.sort_by(|a, b| self.dir(a.0, a.1).cmp(self.dir(b.0, b.1)));
            out.dedup_by(|a, b| self.dir(a.0, a.1) == self.dir(b.0, b.1));
            out.shrink_to_fit();
            out
        })
    }

    /// The position of a path: a binary search over the sorted entries, so paths are held once.
    fn position(&self, path: &str) -> Option<usize> {
        self.entries.position(path)
    }

    pub fn contains(&self, path: &str) -> bool {
        self.position(path).is_some()
    }

    pub fn entry(&self, path: &str) -> Option<EntryRef<'_>> {
        self.position(path).map(|i| self.entries.get(i))
    }

    /// The git blob id of a path (hashed from disk for the worktree and plain folders).
    pub fn blob_id(&self, path: &str) -> Option<String> {
        let i = self.position(path)?;
        let entry = self.entries.get(i);
        if let Some(oid) = entry.blob {
            return Some(oid.to_string());
        }
        if entry.kind != EntryKind::File {
            return None;
        }
        // Read already: the id of the bytes that were read, without reading them again.
        if let Some(oid) = self.disk_blobs.lock().ok().and_then(|b| b.get(&i).copied()) {
            return Some(oid.to_string());
        }
        // Only regular files within the size cap are hashed: a FIFO would block, a huge file cost.
        let path = self.subject.root.join(entry.path);
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if !meta.is_file() || meta.len() > self.max_file_size {
            return None;
        }
        git2::Oid::hash_file(git2::ObjectType::Blob, path)
            .ok()
            .map(|o| o.to_string())
    }
}

impl Snapshot {
    fn git(&self) -> Result<&git::GitBackend, HistoryError> {
        match &self.backend {
            Backend::Git(g) => Ok(g),
            Backend::Dir | Backend::Memory(_) => Err(HistoryError::NoCommit(
                "a plain folder has no git history".into(),
            )),
        }
    }

    fn checked_commit(&self) -> Result<git2::Oid, HistoryError> {
        self.subject
            .commit
            .as_deref()
            .and_then(|c| git2::Oid::from_str(c).ok())
            .ok_or_else(|| HistoryError::NoCommit("the repository has no commits".into()))
    }
}

/// Process-wide libgit2 settings for a read-only checker, applied once before the first
/// repository is opened.
///
/// - Objects are not re-hashed on every read: libgit2's strict hash verification hashed each
///   tree of a history walk again, a third of the walk's time. Git does not verify on read
///   either; `git fsck` is the tool for that.
/// - The object cache is capped at 16 MiB (libgit2's default is 256 MiB) and holds commits and
///   tags, no trees: a tree listing reads each tree once, a change set's diff only the folders
///   on the way to what changed (`history::changes`), and the history walk keeps the trees it
///   reuses itself, so cached trees only raised the peak memory (a freshness walk filled the
///   cache with up to 16 MiB of trees, about 24 MiB resident with their parsed entries).
///   Commits stay cached: a walk reads each one more than once (libgit2's revwalk, then for its
///   tree, then as a parent).
/// - Pack files are mapped in 512 KiB windows, at most 4 MiB at once (default: 1 GiB windows up
///   to 8 GiB): every mapped page a walk touched counts as resident, and a history walk touches
///   most of a pack; an unmapped window costs one `mmap` again when it is needed. Small windows
///   waste little of the limit: at 100,000 files a check maps about 200 windows even where it
///   reads every tree (a bare repository), where 1 MiB windows in 4 MiB remapped 1,400 times and
///   faulted 20 % more pages.
pub fn tune_libgit2() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        git2::opts::strict_hash_verification(false);
        // SAFETY: called once, before any repository is opened by this process, so no other
        // thread is inside libgit2 while the global settings change.
        unsafe {
            let _ = git2::opts::set_cache_max_size(16 << 20);
            let _ = git2::opts::set_cache_object_limit(git2::ObjectType::Tree, 0);
            let _ = git2::opts::set_mwindow_size(512 << 10);
            let _ = git2::opts::set_mwindow_mapped_limit(4 << 20);
        }
    });
}
