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
//! Anything this reader does not know for certain (an unknown version, a split or sparse index,
//! a conflict, a truncated file) answers `None`, and the caller takes the slow way.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

/// The bytes of an object id in a SHA-1 repository (the only kind libgit2 opens here).
const OID_LEN: usize = 20;

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

struct Parsed {
    entries: Vec<IndexEntry>,
    /// The root of the cache-tree, when valid and covering every entry.
    cached_root: Option<git2::Oid>,
    /// Where the extensions start.
    extensions_at: usize,
}

/// The tree id the index's cache-tree records for the whole index, when it is valid and covers
/// every entry; `None` when there is no index, no valid root, or the file is not understood.
pub(crate) fn cached_root_tree(index_file: &Path) -> Option<git2::Oid> {
    let data = std::fs::read(index_file).ok()?;
    parse(&data, false)?.cached_root
}

/// The index's entries and every folder they make, each with the id of the tree it hashes to.
pub(crate) struct KnownTrees {
    pub entries: Vec<IndexEntry>,
    /// Folder path (`""` for the root, else `a/b`) → its tree id and its entries' range.
    folders: HashMap<Vec<u8>, (git2::Oid, Range<usize>)>,
}

impl KnownTrees {
    /// The entries of the folder at `path` when its tree here is `id`.
    pub(crate) fn folder(&self, path: &[u8], id: git2::Oid) -> Option<Range<usize>> {
        let (known, range) = self.folders.get(path)?;
        (*known == id).then(|| range.clone())
    }
}

/// The index's entries with the ids of the trees they make (computed here: the cache-tree is
/// only asked whether trying is worth it, never trusted for the answer). `None` without an
/// index, without a valid cache-tree (the index differs from every commit), or when the entries
/// cannot make trees (a conflict, an unknown mode).
pub(crate) fn known_trees(index_file: &Path, checked: git2::Oid) -> Option<KnownTrees> {
    // The file's bytes go before the trees are built: at 100,000 files they are 14 MB.
    let parsed = parse(&std::fs::read(index_file).ok()?, true)?;
    let whole = 0..parsed.entries.len();
    if parsed.cached_root? == checked {
        // A checkout of the checked commit: only the root is asked for, no folder is kept.
        let root = hash_trees(&parsed.entries, None)?;
        return (root == checked).then(|| KnownTrees {
            entries: parsed.entries,
            folders: HashMap::from([(Vec::new(), (root, whole))]),
        });
    }
    let mut folders = HashMap::new();
    hash_trees(&parsed.entries, Some(&mut folders))?;
    Some(KnownTrees {
        entries: parsed.entries,
        folders,
    })
}

/// The index's entries with their stat data, its cache-tree root and its own metadata, read
/// once. `None` when the file is not understood exactly: besides what [`parse`] refuses, an
/// extension git requires readers to know (a signature not starting with `A`..`Z`), bytes left
/// after the extensions, or entries out of strict path order (a repeated path); the caller then
/// asks libgit2, which decides as before.
pub(crate) fn read_with_stat(index_file: &Path) -> Option<StatIndex> {
    use std::io::Read;
    let mut file = std::fs::File::open(index_file).ok()?;
    let meta = file.metadata().ok()?;
    let mut data = Vec::with_capacity(usize::try_from(meta.len()).ok()?);
    file.read_to_end(&mut data).ok()?;
    let parsed = parse_strict(&data)?;
    let ordered = parsed
        .entries
        .windows(2)
        .all(|pair| pair[0].path < pair[1].path);
    ordered.then_some(StatIndex {
        entries: parsed.entries,
        cached_root: parsed.cached_root,
        meta,
    })
}

/// [`parse`] with the entries kept, refusing what libgit2 refuses after them: an unknown
/// mandatory extension, and bytes between the last extension and the checksum.
fn parse_strict(data: &[u8]) -> Option<Parsed> {
    let parsed = parse(data, true)?;
    let end = data.len().checked_sub(OID_LEN)?;
    let mut at = parsed.extensions_at;
    while at < end {
        let signature = data.get(at..at + 4)?;
        if !signature[0].is_ascii_uppercase() {
            return None;
        }
        let size = be32(data, at + 4)? as usize;
        at = at.checked_add(8)?.checked_add(size)?;
    }
    (at == end).then_some(parsed)
}

fn be32(data: &[u8], at: usize) -> Option<u32> {
    let bytes = data.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes(bytes.try_into().ok()?))
}

fn be16(data: &[u8], at: usize) -> Option<u16> {
    let bytes = data.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes(bytes.try_into().ok()?))
}

/// Reads the entries (kept only when `keep`) and the cache-tree's root.
fn parse(data: &[u8], keep: bool) -> Option<Parsed> {
    if data.get(..4)? != b"DIRC" {
        return None;
    }
    let version = be32(data, 4)?;
    if !(2..=4).contains(&version) {
        return None;
    }
    let count = be32(data, 8)? as usize;
    // The file ends with its checksum; extensions stop before it.
    let end = data.len().checked_sub(OID_LEN)?;
    // Every entry takes at least 62 bytes: a count beyond that is a lie, not an allocation.
    if count > end / 62 {
        return None;
    }
    let mut entries = Vec::with_capacity(if keep { count } else { 0 });
    let mut previous: Vec<u8> = Vec::new();
    let mut at = 12usize;
    for _ in 0..count {
        at = entry(
            data,
            at,
            version,
            end,
            &mut previous,
            keep.then_some(&mut entries),
        )?;
    }
    // Extensions: a signature, a length, the data.
    let extensions_at = at;
    let mut cached_root = None;
    while at + 8 <= end {
        let signature = data.get(at..at + 4)?;
        let size = be32(data, at + 4)? as usize;
        let body = data.get(at + 8..(at + 8).checked_add(size)?)?;
        match signature {
            b"TREE" => cached_root = root_of_tree_extension(body, count),
            // A split index keeps entries elsewhere; a sparse index lists folders as entries.
            b"link" | b"sdir" => return None,
            _ => {}
        }
        at += 8 + size;
    }
    Some(Parsed {
        entries,
        cached_root,
        extensions_at,
    })
}

/// Reads the entry at `at` (into `out` when given) and answers the offset past it.
fn entry(
    data: &[u8],
    at: usize,
    version: u32,
    end: usize,
    previous: &mut Vec<u8>,
    out: Option<&mut Vec<IndexEntry>>,
) -> Option<usize> {
    // ctime, mtime, dev, ino (24 bytes), mode, uid, gid, size, the object id, the flags.
    let mode = be32(data, at.checked_add(24)?)?;
    let oid_at = at.checked_add(40)?;
    let oid = data.get(oid_at..oid_at + OID_LEN)?;
    let flags_at = oid_at + OID_LEN;
    let flags = be16(data, flags_at)?;
    // An entry with the "stage" bits set is a conflict: no tree holds the index then.
    if flags & 0x3000 != 0 {
        return None;
    }
    let mut path_at = flags_at + 2;
    let mut skip_worktree = false;
    if flags & 0x4000 != 0 {
        if version < 3 {
            return None;
        }
        // Intent-to-add entries are in no tree; skip-worktree ones are (sparse checkout).
        let extended = be16(data, path_at)?;
        if extended & 0x2000 != 0 {
            return None;
        }
        skip_worktree = extended & 0x4000 != 0;
        path_at += 2;
    }
    let next = if version == 4 {
        // A varint (bytes to drop from the previous path), then the rest, NUL-terminated.
        let (strip, p) = varint(data, path_at)?;
        let nul = data.get(p..end)?.iter().position(|&b| b == 0)?;
        let keep = previous.len().checked_sub(usize::try_from(strip).ok()?)?;
        previous.truncate(keep);
        previous.extend_from_slice(&data[p..p + nul]);
        p + nul + 1
    } else {
        let nul = data.get(path_at..end)?.iter().position(|&b| b == 0)?;
        previous.clear();
        previous.extend_from_slice(&data[path_at..path_at + nul]);
        // Padded with 1 to 8 NULs to a multiple of 8 bytes from the entry's start.
        at.checked_add((path_at - at + nul + 8) & !7)?
    };
    if next > end {
        return None;
    }
    if let Some(out) = out {
        out.push(IndexEntry {
            path: previous.clone(),
            mode,
            oid: git2::Oid::from_bytes(oid).ok()?,
            mtime: (be32(data, at + 8)? as i32, be32(data, at + 12)?),
            ino: be32(data, at + 20)?,
            size: be32(data, at + 36)?,
            skip_worktree,
        });
    }
    Some(next)
}

/// git's offset varint (index v4): 7 bits a byte, each continuation adding one.
fn varint(data: &[u8], mut at: usize) -> Option<(u64, usize)> {
    let mut b = *data.get(at)?;
    at += 1;
    let mut value = u64::from(b & 0x7f);
    let mut n = 0;
    while b & 0x80 != 0 {
        n += 1;
        if n > 9 {
            return None;
        }
        b = *data.get(at)?;
        at += 1;
        value = value.checked_add(1)?.checked_mul(128)? | u64::from(b & 0x7f);
    }
    Some((value, at))
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

/// The id of the tree the entries make (what `git write-tree` would write), computed in memory.
#[cfg(test)]
fn tree_of(entries: &[IndexEntry]) -> Option<git2::Oid> {
    hash_trees(entries, None)
}

type Folders = HashMap<Vec<u8>, (git2::Oid, Range<usize>)>;

/// A folder being built: its name, its tree's body so far, its first entry.
struct Open<'a> {
    name: &'a [u8],
    body: Vec<u8>,
    first: usize,
}

/// The id of the tree the entries make (what `git write-tree` would write), computed in memory,
/// and every folder's id and range into `folders` when given. Entries must come in index order
/// (bytewise by path, which is git's tree order); anything a tree cannot hold (an empty or
/// repeated name, a folder entry, an unknown mode) answers `None`.
fn hash_trees(entries: &[IndexEntry], mut folders: Option<&mut Folders>) -> Option<git2::Oid> {
    // The open folders, outermost first.
    let mut open: Vec<Open<'_>> = vec![Open {
        name: &[],
        body: Vec::new(),
        first: 0,
    }];
    let mut previous: &[u8] = &[];
    for (i, e) in entries.iter().enumerate() {
        if e.path.as_slice() <= previous {
            return None;
        }
        previous = &e.path;
        let mode: &[u8] = match e.mode {
            0o100644 => b"100644",
            0o100755 => b"100755",
            0o120000 => b"120000",
            0o160000 => b"160000",
            _ => return None,
        };
        let mut parts: Vec<&[u8]> = e.path.split(|&b| b == b'/').collect();
        let name = parts.pop()?;
        if name.is_empty() || parts.iter().any(|p| p.is_empty()) {
            return None;
        }
        if parts.len() >= crate::support::limits::MAX_TREE_DEPTH {
            return None;
        }
        // Close the folders this path is not in, then open the ones it is.
        let shared = open[1..]
            .iter()
            .zip(&parts)
            .take_while(|(open, part)| open.name == **part)
            .count();
        while open.len() > shared + 1 {
            close(&mut open, folders.as_deref_mut(), i)?;
        }
        for part in &parts[shared..] {
            open.push(Open {
                name: part,
                body: Vec::new(),
                first: i,
            });
        }
        let body = &mut open.last_mut()?.body;
        body.extend_from_slice(mode);
        body.push(b' ');
        body.extend_from_slice(name);
        body.push(0);
        body.extend_from_slice(e.oid.as_bytes());
    }
    while open.len() > 1 {
        close(&mut open, folders.as_deref_mut(), entries.len())?;
    }
    let root = git2::Oid::hash_object(git2::ObjectType::Tree, &open.pop()?.body).ok()?;
    if let Some(folders) = folders {
        folders.insert(Vec::new(), (root, 0..entries.len()));
    }
    Some(root)
}

/// Hashes the innermost open folder (its entries end before `end`), records it, and adds it to
/// its parent.
fn close(open: &mut Vec<Open<'_>>, folders: Option<&mut Folders>, end: usize) -> Option<()> {
    let path = folders.is_some().then(|| {
        open[1..]
            .iter()
            .map(|f| f.name)
            .collect::<Vec<_>>()
            .join(&b'/')
    });
    let folder = open.pop()?;
    let oid = git2::Oid::hash_object(git2::ObjectType::Tree, &folder.body).ok()?;
    if let (Some(folders), Some(path)) = (folders, path) {
        folders.insert(path, (oid, folder.first..end));
    }
    let parent = &mut open.last_mut()?.body;
    parent.extend_from_slice(b"40000 ");
    parent.extend_from_slice(folder.name);
    parent.push(0);
    parent.extend_from_slice(oid.as_bytes());
    Some(())
}

#[cfg(test)]
mod tests {
    use super::{IndexEntry, parse, tree_of};

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
        let parsed = parse(&index(&["a", "bc/d.txt"], &tree), true).expect("parsed");
        assert_eq!(
            parsed.cached_root.expect("root").to_string(),
            "ab".repeat(20)
        );
        let paths: Vec<&[u8]> = parsed.entries.iter().map(|e| e.path.as_slice()).collect();
        assert_eq!(paths, [b"a".as_slice(), b"bc/d.txt"]);
        assert_eq!(parsed.entries[1].mode, 0o100644);
    }

    #[test]
    fn an_invalid_or_partial_root_is_not_trusted() {
        let root = |d: &[u8]| parse(d, false).and_then(|p| p.cached_root);
        assert!(root(&index(&["a", "b"], b"\x00-1 0\n")).is_none());
        let mut tree = b"\x001 0\n".to_vec();
        tree.extend_from_slice(&[0xab; 20]);
        assert!(root(&index(&["a", "b"], &tree)).is_none());
        let mut cut = index(&["a", "b"], &tree);
        cut.truncate(40);
        assert!(parse(&cut, true).is_none());
        assert!(parse(b"", true).is_none());
        assert!(parse(b"DIRC\0\0\0\x02\xff\xff\xff\xff", true).is_none());
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
        let e = |path: &str, oid| IndexEntry {
            path: path.as_bytes().to_vec(),
            mode: 0o100644,
            oid,
            mtime: (0, 0),
            ino: 0,
            size: 0,
            skip_worktree: false,
        };
        let entries = [e("a.txt", x), e("a/b", y), e("a0", z)];
        let tree = tree_of(&entries).expect("tree");
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
        let mut folders = super::Folders::new();
        assert_eq!(super::hash_trees(&entries, Some(&mut folders)), Some(tree));
        assert_eq!(folders[b"".as_slice()], (tree, 0..3));
        assert_eq!(folders[b"a".as_slice()], (sub, 1..2));
        assert_eq!(folders.len(), 2);
        // Out of order, or a name a tree cannot hold: no tree.
        assert!(tree_of(&[e("b", x), e("a", y)]).is_none());
        assert!(tree_of(&[e("a//b", x)]).is_none());
        assert!(tree_of(&[e("a/", x)]).is_none());
    }
}
