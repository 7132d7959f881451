//! gonogo's own walk of the work tree against the index (unix): the index read into tracked
//! entries, each folder read relative to its open parent and walked in parallel, each tracked
//! file's stat data compared with its entry, and what that cannot settle (racily clean or
//! changed entries, untracked paths) settled by content or asked of libgit2.

// foldhash: several times faster than SipHash on short paths, and seeded per process, so
// an index crafted to collide cannot make the lookups quadratic.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use git2::{Repository, Status};
use rayon::prelude::*;
use rustix::fs::{AtFlags, Dir, FileType, Mode, OFlags, Stat, openat, statat};
use std::os::fd::{BorrowedFd, OwnedFd};

use super::Listing;
use super::plain::plain_path;
use crate::snapshot::{Entry, EntryKind};

/// What the index says of a tracked path.
pub(super) struct Tracked {
    pub(super) path: String,
    pub(super) mode: u32,
    pub(super) size: u32,
    pub(super) mtime: (i32, u32),
    pub(super) ino: u32,
    pub(super) id: git2::Oid,
    /// Not checked out (sparse checkout): absent on disk by design, never "deleted".
    pub(super) skip_worktree: bool,
}

/// What one folder and everything below it holds, found in parallel.
#[derive(Default)]
struct Found {
    /// Indexes of tracked entries present on disk.
    seen: Vec<usize>,
    /// Tracked entries whose stat data differs (or is racily clean): libgit2 decides.
    recheck: Vec<usize>,
    untracked_files: Vec<(String, EntryKind)>,
    untracked_dirs: Vec<String>,
    /// A folder that could not be read: the walk cannot vouch for the tree.
    unreadable: Option<String>,
}

impl Found {
    fn untracked(&mut self, path: String, file_type: std::fs::FileType) {
        self.untracked_as(path, file_type.is_dir(), file_type.is_symlink());
    }

    fn untracked_as(&mut self, path: String, dir: bool, symlink: bool) {
        if dir {
            self.untracked_dirs.push(path);
        } else if symlink {
            self.untracked_files.push((path, EntryKind::Symlink));
        } else {
            self.untracked_files.push((path, EntryKind::File));
        }
    }

    fn merge(mut self, other: Found) -> Found {
        self.seen.extend(other.seen);
        self.recheck.extend(other.recheck);
        self.untracked_files.extend(other.untracked_files);
        self.untracked_dirs.extend(other.untracked_dirs);
        self.unreadable = self.unreadable.or(other.unreadable);
        self
    }
}

struct Walk<'a> {
    root: &'a Path,
    tracked: &'a [Tracked],
    by_path: HashMap<&'a str, usize>,
    tracked_dirs: HashSet<&'a str>,
    /// The index file's mtime: an entry modified in the same second or later is racily clean.
    index_mtime: i64,
}

const SKIP_WORKTREE: u16 = 1 << 14;
const STAGE_MASK: u16 = 0x3000;

/// The tracked entries as gonogo's index reader read them, and the index file's mtime;
/// `None` for anything libgit2 decides instead: a path libgit2 might refuse to read (see
/// [`plain_path`]), a conflict, a sparse index's folder entry.
pub(super) fn tracked_from_file(read: super::StatIndex) -> Option<(Vec<Tracked>, i64)> {
    let index_mtime = read.meta.mtime();
    // Collected in place: the entries' allocation becomes the tracked list, never both at once.
    let tracked = read
        .entries
        .into_iter()
        .map(|e| {
            if e.mode & 0o170000 == 0o040000 || !plain_path(&e.path, e.mode) {
                return None;
            }
            Some(Tracked {
                // The bytes become the path without a copy when they are UTF-8.
                path: match String::from_utf8(e.path) {
                    Ok(path) => path,
                    Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
                },
                mode: e.mode,
                size: e.size,
                mtime: e.mtime,
                ino: e.ino,
                id: e.oid,
                skip_worktree: e.skip_worktree,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some((tracked, index_mtime))
}

/// The tracked entries as libgit2 read the index, and the index file's mtime.
pub(super) fn tracked_from_libgit2(
    repo: &Repository,
    index: &git2::Index,
) -> Option<(Vec<Tracked>, i64)> {
    let mut tracked = Vec::with_capacity(index.len());
    for e in index.iter() {
        // A conflict or a sparse index's folder entry: libgit2's walk knows what to say.
        if e.flags & STAGE_MASK != 0 || e.mode & 0o170000 == 0o040000 {
            return None;
        }
        tracked.push(Tracked {
            path: String::from_utf8_lossy(&e.path).into_owned(),
            mode: e.mode,
            size: e.file_size,
            mtime: (e.mtime.seconds(), e.mtime.nanoseconds()),
            ino: e.ino,
            id: e.id,
            skip_worktree: e.flags_extended & SKIP_WORKTREE != 0,
        });
    }
    let index_mtime = std::fs::metadata(repo.path().join("index"))
        .map(|m| m.mtime())
        .unwrap_or(i64::MIN);
    Some((tracked, index_mtime))
}

/// Lists the work tree against the tracked entries; `None` when a folder could not be read.
pub(super) fn list(
    repo: &Repository,
    root: &Path,
    tracked: Vec<Tracked>,
    index_mtime: i64,
) -> Option<Listing> {
    let (keep, untracked, mut dirty) = {
        let mut walk = Walk {
            root,
            tracked: &tracked,
            by_path: HashMap::with_capacity(tracked.len()),
            tracked_dirs: HashSet::new(),
            index_mtime,
        };
        for (i, t) in tracked.iter().enumerate() {
            walk.by_path.insert(t.path.as_str(), i);
            let mut path = t.path.as_str();
            while let Some(slash) = path.rfind('/') {
                path = &path[..slash];
                if !walk.tracked_dirs.insert(path) {
                    break;
                }
            }
        }
        let found = match rustix::fs::open(root, DIR_FLAGS, Mode::empty()) {
            Ok(fd) => walk.dir("", fd),
            Err(_) => return None,
        };
        if found.unreadable.is_some() {
            return None;
        }
        finish(repo, &walk, found)?
    };
    // The walk's lookups are gone: the tracked paths move into the listing, not copied.
    let mut entries = Vec::with_capacity(tracked.len() + untracked.len());
    for (t, keep) in tracked.into_iter().zip(keep) {
        if keep {
            entries.push(Entry {
                path: t.path,
                kind: EntryKind::of_mode(t.mode),
                // Not on disk by design: what the index holds is its content.
                blob: t.skip_worktree.then_some(t.id),
            });
        } else {
            dirty = true;
        }
    }
    entries.extend(untracked);
    Some(Listing { entries, dirty })
}

/// Which tracked entries are listed (present on disk, or not checked out by design), the
/// untracked files that are not ignored, and whether anything differs from the index.
fn finish(
    repo: &Repository,
    walk: &Walk<'_>,
    found: Found,
) -> Option<(Vec<bool>, Vec<Entry>, bool)> {
    let mut present = vec![false; walk.tracked.len()];
    for &i in &found.seen {
        present[i] = true;
    }
    let mut dirty = false;
    for &i in &found.recheck {
        let status = repo.status_file(Path::new(&walk.tracked[i].path)).ok()?;
        if status.intersects(Status::WT_MODIFIED | Status::WT_TYPECHANGE | Status::WT_DELETED) {
            dirty = true;
        }
        if status.contains(Status::WT_DELETED) {
            present[i] = false;
        }
    }
    for (keep, t) in present.iter_mut().zip(walk.tracked) {
        *keep |= t.skip_worktree;
    }
    let mut untracked_dirs = found.untracked_dirs;
    let mut untracked_files = found.untracked_files;
    // Untracked paths are few in a working copy; each asks the ignore rules once, and an
    // ignored folder (`target/`) is never entered.
    while let Some(dir) = untracked_dirs.pop() {
        if repo.is_path_ignored(&dir).ok()? {
            continue;
        }
        let abs = walk.root.join(&dir);
        // Another repository (a real `.git` folder that opens): `git status` lists it as
        // untracked and does not enter it. Anything less, an empty `.git` file, is entered.
        let nested = std::fs::symlink_metadata(abs.join(".git")).is_ok_and(|m| m.is_dir())
            && Repository::open(&abs).is_ok();
        if nested {
            dirty = true;
            continue;
        }
        let inner = walk.untracked_dir(&dir);
        if inner.unreadable.is_some() {
            return None;
        }
        untracked_dirs.extend(inner.untracked_dirs);
        untracked_files.extend(inner.untracked_files);
    }
    let mut untracked = Vec::new();
    for (path, kind) in untracked_files {
        if repo.is_path_ignored(&path).ok()? {
            continue;
        }
        dirty = true;
        untracked.push(Entry {
            path,
            kind,
            blob: None,
        });
    }
    Some((present, untracked, dirty))
}

/// A folder's files, folders and links with their paths; `.git` and what git does not
/// track (a FIFO, socket or device: absent if tracked, never untracked) left out. The error
/// names what could not be read.
fn children(
    root: &Path,
    rel: &str,
) -> Result<Vec<(String, std::fs::FileType, std::fs::DirEntry)>, String> {
    let read = std::fs::read_dir(root.join(rel)).map_err(|_| rel.to_string())?;
    let mut out = Vec::new();
    for child in read {
        let child = child.map_err(|_| rel.to_string())?;
        let name = child.file_name();
        if name == ".git" {
            continue;
        }
        // A name that is not UTF-8 cannot be named in a path without loss (and a lossy
        // name may be another entry's): the caller takes libgit2's walk instead.
        let Some(name) = name.to_str() else {
            return Err(rel.to_string());
        };
        let path = if rel.is_empty() {
            name.to_string()
        } else {
            format!("{rel}/{name}")
        };
        let file_type = child.file_type().map_err(|_| path.clone())?;
        if file_type.is_file() || file_type.is_dir() || file_type.is_symlink() {
            out.push((path, file_type, child));
        }
    }
    Ok(out)
}

/// Larger files are left to libgit2 rather than read whole to be hashed.
const MAX_HASHED: u64 = 64 << 20;

/// Whether the regular file `name` in the open folder, stat'ed as `stat`, has its index entry's
/// size and executable bit and hashes to its blob: then it is unchanged, whatever its times say.
/// Links, other modes and any difference are left to libgit2's per-file status, which knows the
/// filters (a file whose raw bytes are its blob counts as unchanged here; only `dirty` could
/// differ from git's answer, never what is listed).
fn same_content(folder: BorrowedFd<'_>, name: &str, t: &Tracked, stat: &Stat) -> bool {
    use std::io::Read;
    #[allow(clippy::unnecessary_cast)] // the field types differ between platforms
    let mode = stat.st_mode as u32;
    let size = stat.st_size as u64;
    if !matches!(t.mode, 0o100644 | 0o100755)
        || FileType::from_raw_mode(mode as _) != FileType::RegularFile
        || (mode & 0o100 != 0) != (t.mode == 0o100755)
        || size != u64::from(t.size)
        || size > MAX_HASHED
    {
        return false;
    }
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let Ok(fd) = openat(folder, name, flags, Mode::empty()) else {
        return false;
    };
    let mut bytes = Vec::with_capacity(size as usize);
    std::fs::File::from(fd)
        .take(MAX_HASHED)
        .read_to_end(&mut bytes)
        .is_ok()
        && git2::Oid::hash_object(git2::ObjectType::Blob, &bytes).is_ok_and(|id| id == t.id)
}

const DIR_FLAGS: OFlags = OFlags::RDONLY
    .union(OFlags::DIRECTORY)
    .union(OFlags::NOFOLLOW)
    .union(OFlags::CLOEXEC);

/// What the folder open as `fd` holds: each file, folder and link as (path, where its name
/// starts in the path, type), with `.git` and what git does not track left out, as in
/// [`children`]; and the folder, to look at them relative to it. The error names what
/// could not be read (a name that is not UTF-8 included: libgit2's walk decides then).
#[allow(clippy::type_complexity)]
fn listing(fd: OwnedFd, rel: &str) -> Result<(Dir, Vec<(String, usize, FileType)>), String> {
    let mut folder = Dir::new(fd).map_err(|_| rel.to_string())?;
    let mut out = Vec::new();
    let mut unknown = Vec::new();
    while let Some(child) = folder.read() {
        let child = child.map_err(|_| rel.to_string())?;
        let name = child.file_name().to_bytes();
        if name == b"." || name == b".." || name == b".git" {
            continue;
        }
        let Ok(name) = std::str::from_utf8(name) else {
            return Err(rel.to_string());
        };
        let (path, name_at) = if rel.is_empty() {
            (name.to_string(), 0)
        } else {
            (format!("{rel}/{name}"), rel.len() + 1)
        };
        match child.file_type() {
            // The file system did not say (DT_UNKNOWN): asked below.
            FileType::Unknown => unknown.push((path, name_at)),
            kind => out.push((path, name_at, kind)),
        }
    }
    for (path, name_at) in unknown {
        let stat = statat(
            folder.fd().map_err(|_| rel.to_string())?,
            &path[name_at..],
            AtFlags::SYMLINK_NOFOLLOW,
        )
        .map_err(|_| path.clone())?;
        out.push((path, name_at, FileType::from_raw_mode(stat.st_mode as _)));
    }
    out.retain(|(_, _, kind)| {
        matches!(
            kind,
            FileType::RegularFile | FileType::Directory | FileType::Symlink
        )
    });
    Ok((folder, out))
}

impl Walk<'_> {
    /// A folder that holds tracked files (open as `fd`), and below it, in parallel. The
    /// folder is read with `getdents` and everything in it is looked at relative to it
    /// (`fstatat`, `openat` without following a link), as `git status` does: no path is
    /// resolved from the root again, and a folder swapped for a link is not entered.
    fn dir(&self, rel: &str, fd: OwnedFd) -> Found {
        let mut found = Found::default();
        let mut subdirs = Vec::new();
        let (folder, listed) = match listing(fd, rel) {
            Ok(listed) => listed,
            Err(path) => {
                found.unreadable = Some(path);
                return found;
            }
        };
        let Ok(folder_fd) = folder.fd() else {
            found.unreadable = Some(rel.to_string());
            return found;
        };
        for (path, name_at, file_type) in listed {
            match self.by_path.get(path.as_str()) {
                Some(&i) => {
                    let t = &self.tracked[i];
                    found.seen.push(i);
                    if EntryKind::of_mode(t.mode) == EntryKind::Submodule {
                        continue;
                    }
                    if file_type == FileType::Directory {
                        // A tracked file replaced by a folder: changed, and what the folder
                        // holds is untracked.
                        found.recheck.push(i);
                        found.untracked_dirs.push(path);
                        continue;
                    }
                    let name = &path[name_at..];
                    match statat(folder_fd, name, AtFlags::SYMLINK_NOFOLLOW) {
                        Ok(stat) if self.unchanged(t, &stat) => {}
                        // Racily clean (after a checkout, nearly every entry): settled as git does,
                        // by the content, read through the open folder.
                        Ok(stat) if same_content(folder_fd, name, t, &stat) => {}
                        _ => found.recheck.push(i),
                    }
                }
                None if file_type == FileType::Directory
                    && self.tracked_dirs.contains(path.as_str()) =>
                {
                    subdirs.push((path, name_at))
                }
                None => found.untracked_as(
                    path,
                    file_type == FileType::Directory,
                    file_type == FileType::Symlink,
                ),
            }
        }
        let below = subdirs
            .par_iter()
            .map(|(path, name_at)| {
                match openat(folder_fd, &path[*name_at..], DIR_FLAGS, Mode::empty()) {
                    Ok(fd) => self.dir(path, fd),
                    Err(_) => Found {
                        unreadable: Some(path.clone()),
                        ..Found::default()
                    },
                }
            })
            .reduce(Found::default, Found::merge);
        drop(folder);
        below.merge(found)
    }

    /// An untracked folder's files and folders (one level; the caller asks the ignore rules
    /// before it enters a folder).
    fn untracked_dir(&self, rel: &str) -> Found {
        let mut found = Found::default();
        match children(self.root, rel) {
            Ok(children) => {
                for (path, file_type, _) in children {
                    found.untracked(path, file_type);
                }
            }
            Err(path) => found.unreadable = Some(path),
        }
        found
    }

    /// Whether the stat data on disk is the index's, as git's `ie_match_stat` judges it; an
    /// entry written in the index's own second may have changed since (racily clean).
    #[allow(clippy::unnecessary_cast)] // the field types differ between platforms
    fn unchanged(&self, t: &Tracked, stat: &Stat) -> bool {
        let mode = stat.st_mode as u32;
        let (mtime, mtime_nsec) = (stat.st_mtime as i64, stat.st_mtime_nsec as u64);
        let same_type = match t.mode & 0o170000 {
            0o120000 => FileType::from_raw_mode(mode as _) == FileType::Symlink,
            _ => FileType::from_raw_mode(mode as _) == FileType::RegularFile,
        };
        let exec_same =
            t.mode & 0o170000 != 0o100000 || (t.mode & 0o100 != 0) == (mode & 0o100 != 0);
        let nsec_same = t.mtime.1 == 0 || t.mtime.1 == mtime_nsec as u32;
        same_type
            && exec_same
            && u64::from(t.size) == stat.st_size as u64 & 0xffff_ffff
            && i64::from(t.mtime.0) == mtime
            && nsec_same
            && (t.ino == 0 || u64::from(t.ino) == stat.st_ino as u64 & 0xffff_ffff)
            && mtime < self.index_mtime
    }
}
