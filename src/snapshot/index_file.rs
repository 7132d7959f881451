//! git's index file: its cache-tree's root, and the checked tree listed from it (hashed).
//!
//! Long: one parser of the format serves three uses (HEAD's listing, a nearby commit's, the
//! work tree's stat data), and the tree hashing must stay next to it.
//!
//! Two shortcuts `git status` takes too:
//!
//! - [`cached_root_tree`]: the tree id the index's cache-tree (`TREE` extension) records for the
//!   whole index, so the work-tree check can tell that nothing is staged without reading HEAD's
//!   trees (the work-tree check trusts the index's stat data anyway, as git does);
//! - [`known_trees`]: the index's entries and the id of every tree they make: where the checked
//!   commit has one of these trees at the same place, its listing is those entries, without
//!   inflating the tree (all of it for a checkout of the commit; all but the changed folders for
//!   a nearby commit, as in a merge request's check). Nothing in the index is trusted here: the
//!   tree ids are computed from the entries, and a tree that differs is read from the commit.
//!
//! - [`read_with_stat`]: the entries with their stat data, for the work-tree check, which
//!   compares them with the files on disk as `git status` does (one parse, no libgit2 index:
//!   libgit2 also hashes the whole file to verify its checksum, which git skips on read too).
//!
//! The file is read front to back through a small buffer, never whole, and each entry goes
//! straight to where it is kept (the listing, the stat data): at 100,000 files the file is
//! 14 MB, which the check's peak memory otherwise held beside the entries.
//!
//! Anything this reader does not know for certain (an unknown version, a split or sparse index,
//! a conflict, a truncated file) answers `None`, and the caller takes the slow way.

use std::io::{BufRead, Read};
use std::ops::Range;
use std::path::Path;

use super::EntryKind;
use super::listing::{Listing, ListingBuilder};

/// The bytes of an object id in a SHA-1 repository (the only kind libgit2 opens here).
const OID_LEN: usize = 20;

/// The index file is read through a buffer of this size, never whole: at 100,000 files it is
/// 14 MB, which the check's peak memory held beside the entries parsed from it.
const READ_BUFFER: usize = 64 << 10;

/// One entry of the index: path, mode, object id, and the stat data `git status` compares.
pub(crate) struct IndexEntry {
    pub path: Vec<u8>,
    pub mode: u32,
    pub oid: git2::Oid,
    /// Seconds and nanoseconds of the mtime (seconds as libgit2 reads them: signed 32 bits).
    pub mtime: (i32, u32),
    pub ino: u32,
    pub size: u32,
    /// Not checked out (sparse checkout): the extended flag `skip-worktree`.
    pub skip_worktree: bool,
}

/// The index as the work-tree check reads it.
pub(crate) struct StatIndex {
    pub entries: Vec<IndexEntry>,
    pub cached_root: Option<git2::Oid>,
    /// The index file's own stat data (its mtime decides what is racily clean).
    pub meta: std::fs::Metadata,
}

/// What follows the entries.
struct Tail {
    /// The root of the cache-tree, when valid and covering every entry.
    cached_root: Option<git2::Oid>,
    /// Whether the extensions are what libgit2 accepts too: every signature a known or
    /// optional one (`A`..`Z` first), nothing between the last extension and the checksum.
    strict: bool,
}

/// The tree id the index's cache-tree records for the whole index, when it is valid and covers
/// every entry; `None` when there is no index, no valid root, or the file is not understood.
pub(crate) fn cached_root_tree(index_file: &Path) -> Option<git2::Oid> {
    let (file, len) = open(index_file)?;
    Index::read(file, len)?.each(|_| Some(()))?.cached_root
}

fn open(index_file: &Path) -> Option<(std::io::BufReader<std::fs::File>, usize)> {
    let file = std::fs::File::open(index_file).ok()?;
    let len = usize::try_from(file.metadata().ok()?.len()).ok()?;
    Some((std::io::BufReader::with_capacity(READ_BUFFER, file), len))
}

/// The index's entries, as the snapshot lists them, and every folder they make, each with the
/// id of the tree it hashes to.
pub(crate) struct KnownTrees {
    pub(super) entries: Listing,
    root: git2::Oid,
    /// Every folder but the root, ordered by (first entry, depth): a folder is found from its
    /// first entry, so no path is held twice.
    folders: Vec<Folder>,
}

impl KnownTrees {
    /// An empty listing with room for all of these entries.
    pub(super) fn listing_room(&self) -> ListingBuilder {
        ListingBuilder::with_capacity(self.entries.len(), self.entries.text_len())
    }

    /// The entries of the folder at `path` when its tree here is `id`.
    pub(crate) fn folder(&self, path: &[u8], id: git2::Oid) -> Option<Range<usize>> {
        if path.is_empty() {
            return (self.root == id).then_some(0..self.entries.len());
        }
        // The folder's first entry is the first path at or past `path/` (entries are sorted);
        // the tree id decides, so a path that sorts otherwise (made valid UTF-8) only misses.
        let prefix = [path, b"/"].concat();
        let first = self.entries.lower_bound(&prefix);
        if first >= self.entries.len()
            || !self.entries.get(first).path.as_bytes().starts_with(&prefix)
        {
            return None;
        }
        let depth = u32::try_from(path.split(|&b| b == b'/').count()).ok()?;
        let first = u32::try_from(first).ok()?;
        let at = self
            .folders
            .binary_search_by_key(&(first, depth), |f| (f.first, f.depth))
            .ok()?;
        let folder = &self.folders[at];
        (folder.oid == id).then_some(first as usize..folder.end as usize)
    }
}

/// The index's entries with the ids of the trees they make (computed here: the cache-tree is
/// only asked whether trying is worth it, never trusted for the answer). `None` without an
/// index, without a valid cache-tree (the index differs from every commit), or when the entries
/// cannot make trees (a conflict, an unknown mode).
pub(crate) fn known_trees(index_file: &Path, checked: git2::Oid) -> Option<KnownTrees> {
    let (file, len) = open(index_file)?;
    let index = Index::read(file, len)?;
    // Each entry goes straight into the packed listing and the hashes: no copy of the file, and
    // no `String` per entry, is held. A path that is not UTF-8 would be changed on the way and
    // could move in the order the folders' ranges count in: such an index is not used.
    let mut entries = ListingBuilder::with_capacity(index.count, len);
    let mut hasher = Hasher::new();
    let tail = index.each(|e| {
        hasher.add(e.path, e.mode, e.oid)?;
        let path = std::str::from_utf8(e.path).ok()?;
        entries.push("", path, EntryKind::of_mode(e.mode), Some(e.oid));
        Some(())
    })?;
    let entries = entries.finish();
    let cached_root = tail.cached_root?;
    let (root, mut folders) = hasher.finish()?;
    if cached_root == checked {
        // A checkout of the checked commit: only the root is asked for, no folder is kept.
        if root != checked {
            return None;
        }
        folders = Vec::new();
    }
    folders.sort_unstable_by_key(|f| (f.first, f.depth));
    Some(KnownTrees {
        entries,
        root,
        folders,
    })
}

/// The index's entries with their stat data, its cache-tree root and its own metadata, read
/// once. `None` when the file is not understood exactly: besides what [`Index`] refuses, an
/// extension git requires readers to know (a signature not starting with `A`..`Z`), bytes left
/// after the extensions, or entries out of strict path order (a repeated path); the caller then
/// asks libgit2, which decides as before.
pub(crate) fn read_with_stat(index_file: &Path) -> Option<StatIndex> {
    let file = std::fs::File::open(index_file).ok()?;
    let meta = file.metadata().ok()?;
    let len = usize::try_from(meta.len()).ok()?;
    let index = Index::read(std::io::BufReader::with_capacity(READ_BUFFER, file), len)?;
    let mut entries = Vec::with_capacity(index.count);
    let tail = index.each(|e| {
        entries.push(IndexEntry {
            path: e.path.to_vec(),
            mode: e.mode,
            oid: e.oid,
            mtime: e.mtime,
            ino: e.ino,
            size: e.size,
            skip_worktree: e.skip_worktree,
        });
        Some(())
    })?;
    let ordered = entries.windows(2).all(|pair| pair[0].path < pair[1].path);
    (tail.strict && ordered).then_some(StatIndex {
        entries,
        cached_root: tail.cached_root,
        meta,
    })
}

fn be32(data: &[u8], at: usize) -> Option<u32> {
    let bytes = data.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes(bytes.try_into().ok()?))
}

fn be16(data: &[u8], at: usize) -> Option<u16> {
    let bytes = data.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes(bytes.try_into().ok()?))
}

/// One entry as read, its path borrowed from the reader.
struct Raw<'a> {
    path: &'a [u8],
    mode: u32,
    oid: git2::Oid,
    mtime: (i32, u32),
    ino: u32,
    size: u32,
    skip_worktree: bool,
}

/// The index file read front to back, counting what was read; `end` is where the checksum
/// starts.
struct Reader<R> {
    r: R,
    at: usize,
    end: usize,
}

impl<R: BufRead> Reader<R> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let mut bytes = [0u8; N];
        self.r.read_exact(&mut bytes).ok()?;
        self.at += N;
        Some(bytes)
    }

    fn skip(&mut self, n: usize) -> Option<()> {
        let skipped =
            std::io::copy(&mut (&mut self.r).take(n as u64), &mut std::io::sink()).ok()?;
        self.at += n;
        (skipped == n as u64).then_some(())
    }

    /// Appends the bytes up to the next NUL to `out`; the NUL must lie before the checksum.
    fn until_nul(&mut self, out: &mut Vec<u8>) -> Option<()> {
        let n = self.r.read_until(0, out).ok()?;
        self.at += n;
        if out.pop() != Some(0) || self.at > self.end {
            return None;
        }
        Some(())
    }

    /// git's offset varint (index v4): 7 bits a byte, each continuation adding one.
    fn varint(&mut self) -> Option<u64> {
        let [mut b] = self.take::<1>()?;
        let mut value = u64::from(b & 0x7f);
        let mut n = 0;
        while b & 0x80 != 0 {
            n += 1;
            if n > 9 {
                return None;
            }
            [b] = self.take::<1>()?;
            value = value.checked_add(1)?.checked_mul(128)? | u64::from(b & 0x7f);
        }
        Some(value)
    }
}

/// An index file being read: its header read, its entries next.
struct Index<R> {
    rd: Reader<R>,
    version: u32,
    /// How many entries the header announces.
    count: usize,
}

impl<R: BufRead> Index<R> {
    /// Reads the header of the index of `len` bytes in `r`.
    fn read(r: R, len: usize) -> Option<Index<R>> {
        // The file ends with its checksum; extensions stop before it.
        let end = len.checked_sub(OID_LEN)?;
        let mut rd = Reader { r, at: 0, end };
        let header = rd.take::<12>()?;
        if &header[..4] != b"DIRC" {
            return None;
        }
        let version = be32(&header, 4)?;
        if !(2..=4).contains(&version) {
            return None;
        }
        let count = be32(&header, 8)? as usize;
        // Every entry takes at least 62 bytes: a count beyond that is a lie, not an allocation.
        if count > end / 62 {
            return None;
        }
        Some(Index { rd, version, count })
    }

    /// Hands each entry to `each` (which may refuse it), then reads what follows the entries.
    fn each(mut self, mut each: impl FnMut(Raw<'_>) -> Option<()>) -> Option<Tail> {
        let rd = &mut self.rd;
        let mut path: Vec<u8> = Vec::new();
        for _ in 0..self.count {
            let e = entry(rd, self.version, &mut path)?;
            each(Raw { path: &path, ..e })?;
        }
        // Extensions: a signature, a length, the data.
        let (end, len) = (rd.end, rd.end + OID_LEN);
        let mut cached_root = None;
        let mut strict = true;
        while rd.at + 8 <= end {
            let head = rd.take::<8>()?;
            let size = be32(&head, 4)? as usize;
            if rd.at.checked_add(size)? > len {
                return None;
            }
            strict &= head[0].is_ascii_uppercase();
            match &head[..4] {
                b"TREE" => {
                    // The root comes first: `"" NUL count SP subtrees LF oid`, a few dozen bytes.
                    let mut body = vec![0u8; size.min(4096)];
                    rd.r.read_exact(&mut body).ok()?;
                    rd.at += body.len();
                    cached_root = root_of_tree_extension(&body, self.count);
                    rd.skip(size - body.len())?;
                }
                // A split index keeps entries elsewhere; a sparse index lists folders as entries.
                b"link" | b"sdir" => return None,
                _ => rd.skip(size)?,
            }
        }
        strict &= rd.at == end;
        Some(Tail {
            cached_root,
            strict,
        })
    }
}

/// Reads the next entry; its path (`previous`, which v4 compresses against) is left in `path`.
fn entry<R: BufRead>(rd: &mut Reader<R>, version: u32, path: &mut Vec<u8>) -> Option<Raw<'static>> {
    let start = rd.at;
    // ctime, mtime, dev, ino (24 bytes), mode, uid, gid, size, the object id, the flags.
    let fixed = rd.take::<62>()?;
    let mode = be32(&fixed, 24)?;
    let oid = git2::Oid::from_bytes(&fixed[40..40 + OID_LEN]).ok()?;
    let flags = be16(&fixed, 60)?;
    // An entry with the "stage" bits set is a conflict: no tree holds the index then.
    if flags & 0x3000 != 0 {
        return None;
    }
    let mut skip_worktree = false;
    if flags & 0x4000 != 0 {
        if version < 3 {
            return None;
        }
        // Intent-to-add entries are in no tree; skip-worktree ones are (sparse checkout).
        let extended = u16::from_be_bytes(rd.take::<2>()?);
        if extended & 0x2000 != 0 {
            return None;
        }
        skip_worktree = extended & 0x4000 != 0;
    }
    if version == 4 {
        // A varint (bytes to drop from the previous path), then the rest, NUL-terminated.
        let strip = rd.varint()?;
        let keep = path.len().checked_sub(usize::try_from(strip).ok()?)?;
        path.truncate(keep);
        rd.until_nul(path)?;
    } else {
        path.clear();
        rd.until_nul(path)?;
        // Padded with 1 to 8 NULs to a multiple of 8 bytes from the entry's start.
        let next = start.checked_add((rd.at - 1 - start + 8) & !7)?;
        if next > rd.end {
            return None;
        }
        rd.skip(next - rd.at)?;
    }
    Some(Raw {
        path: &[],
        mode,
        oid,
        mtime: (be32(&fixed, 8)? as i32, be32(&fixed, 12)?),
        ino: be32(&fixed, 20)?,
        size: be32(&fixed, 36)?,
        skip_worktree,
    })
}

/// The root entry of a `TREE` extension: `"" NUL count SP subtrees LF oid`, valid when `count`
/// is the number of index entries.
fn root_of_tree_extension(body: &[u8], entries: usize) -> Option<git2::Oid> {
    let (&first, rest) = body.split_first()?;
    if first != 0 {
        return None;
    }
    let space = rest.iter().position(|&b| b == b' ')?;
    let count: i64 = std::str::from_utf8(&rest[..space]).ok()?.parse().ok()?;
    if count < 0 || count as usize != entries {
        return None;
    }
    let newline = rest.iter().position(|&b| b == b'\n')?;
    let oid = rest.get(newline + 1..newline + 1 + OID_LEN)?;
    git2::Oid::from_bytes(oid).ok()
}

/// A folder the entries make: its first entry, its depth (1 for a top-level folder), the end
/// of its entries and its tree id.
struct Folder {
    first: u32,
    depth: u32,
    end: u32,
    oid: git2::Oid,
}

/// A folder being built: its name, its tree's body so far, its first entry.
struct Open {
    name: Vec<u8>,
    body: Vec<u8>,
    first: usize,
}

/// The ids of the trees index entries make (what `git write-tree` would write), computed in
/// memory one entry at a time. Entries must come in index order (bytewise by path, which is
/// git's tree order); anything a tree cannot hold (an empty or repeated name, a folder entry,
/// an unknown mode) answers `None`.
struct Hasher {
    /// The open folders, outermost (the root) first.
    open: Vec<Open>,
    previous: Vec<u8>,
    folders: Vec<Folder>,
    count: usize,
}

impl Hasher {
    fn new() -> Hasher {
        Hasher {
            open: vec![Open {
                name: Vec::new(),
                body: Vec::new(),
                first: 0,
            }],
            previous: Vec::new(),
            folders: Vec::new(),
            count: 0,
        }
    }

    fn add(&mut self, path: &[u8], mode: u32, oid: git2::Oid) -> Option<()> {
        if path <= self.previous.as_slice() {
            return None;
        }
        self.previous.clear();
        self.previous.extend_from_slice(path);
        let i = self.count;
        self.count += 1;
        let mode: &[u8] = match mode {
            0o100644 => b"100644",
            0o100755 => b"100755",
            0o120000 => b"120000",
            0o160000 => b"160000",
            _ => return None,
        };
        // The folders and the name without collecting them (a vector per entry showed in the
        // profile); an answer of `None` drops the whole hashing, so leaving early is fine.
        let (dirs, name) = match path.iter().rposition(|&b| b == b'/') {
            Some(at) => (&path[..at], &path[at + 1..]),
            None => (&path[..0], path),
        };
        if name.is_empty() {
            return None;
        }
        let mut parts = (!dirs.is_empty())
            .then(|| dirs.split(|&b| b == b'/'))
            .into_iter()
            .flatten();
        // Close the folders this path is not in, then open the ones it is.
        let mut shared = 0;
        let mut first_new = None;
        for part in parts.by_ref() {
            if self.open.get(shared + 1).is_some_and(|o| o.name == part) {
                shared += 1;
            } else {
                first_new = Some(part);
                break;
            }
        }
        while self.open.len() > shared + 1 {
            self.close(i)?;
        }
        for part in first_new.into_iter().chain(parts) {
            if part.is_empty() || self.open.len() > crate::support::limits::MAX_TREE_DEPTH {
                return None;
            }
            self.open.push(Open {
                name: part.to_vec(),
                body: Vec::new(),
                first: i,
            });
        }
        if self.open.len() > crate::support::limits::MAX_TREE_DEPTH {
            return None;
        }
        let body = &mut self.open.last_mut()?.body;
        body.extend_from_slice(mode);
        body.push(b' ');
        body.extend_from_slice(name);
        body.push(0);
        body.extend_from_slice(oid.as_bytes());
        Some(())
    }

    /// Hashes the innermost open folder (its entries end before `end`), records it, and adds
    /// it to its parent.
    fn close(&mut self, end: usize) -> Option<()> {
        let folder = self.open.pop()?;
        let oid = tree_id(&folder.body)?;
        self.folders.push(Folder {
            first: u32::try_from(folder.first).ok()?,
            depth: u32::try_from(self.open.len()).ok()?,
            end: u32::try_from(end).ok()?,
            oid,
        });
        let parent = &mut self.open.last_mut()?.body;
        parent.extend_from_slice(b"40000 ");
        parent.extend_from_slice(&folder.name);
        parent.push(0);
        parent.extend_from_slice(oid.as_bytes());
        Some(())
    }

    /// The root tree's id, and every other folder (in the order they closed).
    fn finish(mut self) -> Option<(git2::Oid, Vec<Folder>)> {
        while self.open.len() > 1 {
            self.close(self.count)?;
        }
        let root = tree_id(&self.open.pop()?.body)?;
        Some((root, self.folders))
    }
}

/// The id git gives a tree object with this body. Plain SHA-1, not libgit2's collision-detecting
/// one: the id is only compared with the checked commit's tree id, so a listing that is not the
/// commit's would need a second preimage of that id (no attack on SHA-1 finds one), and a tree
/// made to collide is the commit's own (git's collision detection refuses it when it is fetched
/// or pushed, and gonogo reads that commit's objects anyway when the ids differ).
fn tree_id(body: &[u8]) -> Option<git2::Oid> {
    use sha1::Digest;
    let mut hasher = sha1::Sha1::new();
    hasher.update(format!("tree {}\0", body.len()).as_bytes());
    hasher.update(body);
    git2::Oid::from_bytes(&hasher.finalize()).ok()
}

#[cfg(test)]
mod tests {
    use super::{EntryKind, Hasher, Index, KnownTrees, ListingBuilder};

    type Listed = (Vec<(Vec<u8>, u32)>, Option<git2::Oid>);

    /// The entries (path, mode) and the cache-tree's root, read through a buffer of `buffer`
    /// bytes (a small one makes entries straddle refills).
    fn parse_with(data: &[u8], buffer: usize) -> Option<Listed> {
        let index = Index::read(std::io::BufReader::with_capacity(buffer, data), data.len())?;
        let mut entries = Vec::new();
        let tail = index.each(|e| {
            entries.push((e.path.to_vec(), e.mode));
            Some(())
        })?;
        Some((entries, tail.cached_root))
    }

    fn parse(data: &[u8]) -> Option<Listed> {
        parse_with(data, 1 << 16)
    }

    fn entry(path: &str) -> Vec<u8> {
        let mut e = vec![0u8; 24];
        e.extend_from_slice(&0o100644u32.to_be_bytes());
        e.extend_from_slice(&[0u8; 12]);
        e.extend_from_slice(&[7u8; 20]);
        e.extend_from_slice(&(path.len() as u16).to_be_bytes());
        e.extend_from_slice(path.as_bytes());
        let len = (62 + path.len() + 8) & !7;
        e.resize(len, 0);
        e
    }

    fn index(paths: &[&str], tree: &[u8]) -> Vec<u8> {
        let mut d = b"DIRC".to_vec();
        d.extend_from_slice(&2u32.to_be_bytes());
        d.extend_from_slice(&(paths.len() as u32).to_be_bytes());
        for p in paths {
            d.extend(entry(p));
        }
        d.extend_from_slice(b"TREE");
        d.extend_from_slice(&(tree.len() as u32).to_be_bytes());
        d.extend_from_slice(tree);
        d.extend_from_slice(&[0u8; 20]);
        d
    }

    #[test]
    fn entries_and_the_valid_root_of_the_cache_tree_are_read() {
        let mut tree = b"\x002 0\n".to_vec();
        tree.extend_from_slice(&[0xab; 20]);
        let data = index(&["a", "bc/d.txt"], &tree);
        let (entries, root) = parse(&data).expect("parsed");
        assert_eq!(root.expect("root").to_string(), "ab".repeat(20));
        let paths: Vec<&[u8]> = entries.iter().map(|e| e.0.as_slice()).collect();
        assert_eq!(paths, [b"a".as_slice(), b"bc/d.txt"]);
        assert_eq!(entries[1].1, 0o100644);
        // Read through a buffer smaller than an entry: the same.
        for buffer in [1, 7, 64] {
            assert_eq!(parse_with(&data, buffer), Some((entries.clone(), root)));
        }
    }

    #[test]
    fn an_invalid_or_partial_root_is_not_trusted() {
        let root = |d: &[u8]| parse(d).and_then(|p| p.1);
        assert!(root(&index(&["a", "b"], b"\x00-1 0\n")).is_none());
        let mut tree = b"\x001 0\n".to_vec();
        tree.extend_from_slice(&[0xab; 20]);
        assert!(root(&index(&["a", "b"], &tree)).is_none());
        let mut cut = index(&["a", "b"], &tree);
        cut.truncate(40);
        assert!(parse(&cut).is_none());
        assert!(parse(b"").is_none());
        assert!(parse(b"DIRC\0\0\0\x02\xff\xff\xff\xff").is_none());
    }

    #[test]
    fn tree_ids_are_the_ids_libgit2_gives() {
        for body in [
            &b""[..],
            b"100644 a\0aaaaaaaaaaaaaaaaaaaa",
            &[7u8; 70_000][..],
        ] {
            let libgit2 = git2::Oid::hash_object(git2::ObjectType::Tree, body).unwrap();
            assert_eq!(super::tree_id(body), Some(libgit2));
        }
    }

    #[test]
    fn the_tree_of_entries_is_the_tree_git_writes() {
        // `printf x > a.txt; mkdir a; printf y > a/b; printf z > a0; git add .; git write-tree`
        let repo_dir = std::env::temp_dir().join(format!("gonogo-index-{}", std::process::id()));
        let repo = git2::Repository::init(&repo_dir).unwrap();
        let (x, y, z) = (
            repo.blob(b"x").unwrap(),
            repo.blob(b"y").unwrap(),
            repo.blob(b"z").unwrap(),
        );
        let tree_of = |entries: &[(&str, git2::Oid)]| {
            let mut hasher = Hasher::new();
            for (path, oid) in entries {
                hasher.add(path.as_bytes(), 0o100644, *oid)?;
            }
            hasher.finish()
        };
        let entries = [("a.txt", x), ("a/b", y), ("a0", z)];
        let (tree, mut folders) = tree_of(&entries).expect("tree");
        let mut sub = repo.treebuilder(None).unwrap();
        sub.insert("b", y, 0o100644).unwrap();
        let sub = sub.write().unwrap();
        let mut root = repo.treebuilder(None).unwrap();
        root.insert("a.txt", x, 0o100644).unwrap();
        root.insert("a", sub, 0o040000).unwrap();
        root.insert("a0", z, 0o100644).unwrap();
        assert_eq!(tree, root.write().unwrap());
        let _ = std::fs::remove_dir_all(&repo_dir);
        // Every folder is recorded with its tree and the range of its entries.
        assert_eq!(folders.len(), 1);
        folders.sort_unstable_by_key(|f| (f.first, f.depth));
        let mut listing = ListingBuilder::with_capacity(0, 0);
        for (path, oid) in &entries {
            listing.push("", path, EntryKind::File, Some(*oid));
        }
        let known = KnownTrees {
            entries: listing.finish(),
            root: tree,
            folders,
        };
        assert_eq!(known.folder(b"", tree), Some(0..3));
        assert_eq!(known.folder(b"a", sub), Some(1..2));
        assert_eq!(known.folder(b"a", tree), None);
        assert_eq!(known.folder(b"b", sub), None);
        // Out of order, or a name a tree cannot hold: no tree.
        assert!(tree_of(&[("b", x), ("a", y)]).is_none());
        assert!(tree_of(&[("a//b", x)]).is_none());
        assert!(tree_of(&[("a/", x)]).is_none());
    }
}
