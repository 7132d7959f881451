//! A tree diff that skips every folder whose tree id is the same on both sides: a merge
//! request's 50 changed files cost the folders on their way, where libgit2's tree-to-tree diff
//! inflates every tree of both commits. It answers only what it can answer exactly as libgit2's
//! diff with rename detection would: `None` sends the caller to libgit2 (when files were both
//! added and deleted, which rename detection may pair; when an entry changed its type; for
//! submodules; for folders nested deeper than this walk goes).

use git2::{ObjectType, Repository, Tree};

use super::{Change, ChangeKind};

/// Deeper folders are left to libgit2, whose iterators need no stack.
const MAX_DEPTH: usize = 256;

/// The changes from `old` to `new`, sorted by path, or `None` (see the module's text).
pub fn changes(repo: &Repository, old: &Tree<'_>, new: &Tree<'_>) -> Option<Vec<Change>> {
    let mut walk = Walk {
        repo,
        out: Vec::new(),
        added: false,
        deleted: false,
    };
    walk.trees(Some(old), Some(new), "", 0)?;
    if walk.added && walk.deleted {
        return None;
    }
    walk.out.sort_by(|a, b| a.path.cmp(&b.path));
    Some(walk.out)
}

struct Walk<'r> {
    repo: &'r Repository,
    out: Vec<Change>,
    added: bool,
    deleted: bool,
}

/// One side's entry: its name as git orders it (a folder's with a `/`), id, mode.
struct Item {
    key: Vec<u8>,
    name: String,
    id: git2::Oid,
    mode: i32,
    kind: Option<ObjectType>,
}

fn items(tree: Option<&Tree<'_>>) -> Vec<Item> {
    let Some(tree) = tree else {
        return Vec::new();
    };
    tree.iter()
        .map(|e| {
            let mut key = e.name_bytes().to_vec();
            if e.kind() == Some(ObjectType::Tree) {
                key.push(b'/');
            }
            Item {
                key,
                name: String::from_utf8_lossy(e.name_bytes()).into_owned(),
                id: e.id(),
                mode: e.filemode(),
                kind: e.kind(),
            }
        })
        .collect()
}

impl<'r> Walk<'r> {
    /// Compares two folders (either may be absent) at `prefix`.
    fn trees(
        &mut self,
        old: Option<&Tree<'_>>,
        new: Option<&Tree<'_>>,
        prefix: &str,
        depth: usize,
    ) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        let (old, new) = (items(old), items(new));
        let (mut o, mut n) = (old.iter().peekable(), new.iter().peekable());
        loop {
            let order = match (o.peek(), n.peek()) {
                (None, None) => return Some(()),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (Some(a), Some(b)) => a.key.cmp(&b.key),
            };
            match order {
                std::cmp::Ordering::Less => self.one_side(o.next()?, prefix, depth, false)?,
                std::cmp::Ordering::Greater => self.one_side(n.next()?, prefix, depth, true)?,
                std::cmp::Ordering::Equal => {
                    let (a, b) = (o.next()?, n.next()?);
                    self.both(a, b, prefix, depth)?;
                }
            }
        }
    }

    /// The same name on both sides.
    fn both(&mut self, a: &Item, b: &Item, prefix: &str, depth: usize) -> Option<()> {
        if a.id == b.id && a.mode == b.mode {
            return Some(());
        }
        let path = format!("{prefix}{}", b.name);
        match (a.kind, b.kind) {
            (Some(ObjectType::Tree), Some(ObjectType::Tree)) => {
                let (old, new) = (self.tree(a.id)?, self.tree(b.id)?);
                self.trees(Some(&old), Some(&new), &format!("{path}/"), depth + 1)
            }
            // A file whose content or executable bit changed; a link stays a link.
            (Some(ObjectType::Blob), Some(ObjectType::Blob))
                if is_link(a.mode) == is_link(b.mode) =>
            {
                self.out.push(Change {
                    path,
                    kind: ChangeKind::Modified,
                    old_path: None,
                });
                Some(())
            }
            _ => None,
        }
    }

    /// A name on one side only: the file, or every file of the folder, added or deleted.
    fn one_side(&mut self, item: &Item, prefix: &str, depth: usize, added: bool) -> Option<()> {
        let path = format!("{prefix}{}", item.name);
        match item.kind {
            Some(ObjectType::Tree) => {
                let tree = self.tree(item.id)?;
                let prefix = format!("{path}/");
                if added {
                    self.trees(None, Some(&tree), &prefix, depth + 1)
                } else {
                    self.trees(Some(&tree), None, &prefix, depth + 1)
                }
            }
            Some(ObjectType::Blob) => {
                if added {
                    self.added = true;
                } else {
                    self.deleted = true;
                }
                self.out.push(Change {
                    path,
                    kind: if added {
                        ChangeKind::Added
                    } else {
                        ChangeKind::Deleted
                    },
                    old_path: None,
                });
                Some(())
            }
            _ => None,
        }
    }

    fn tree(&self, id: git2::Oid) -> Option<Tree<'r>> {
        self.repo.find_tree(id).ok()
    }
}

fn is_link(mode: i32) -> bool {
    mode == 0o120000
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tree of `files` (path, content; content `@x` makes a link to `x`), written to `repo`.
    fn tree<'r>(repo: &'r Repository, files: &[(&str, &str)]) -> Tree<'r> {
        let mut index = git2::Index::new().unwrap();
        for (path, content) in files {
            let (mode, bytes) = match content.strip_prefix('@') {
                Some(target) => (0o120000, target.as_bytes()),
                None => (0o100644, content.as_bytes()),
            };
            let id = repo.blob(bytes).unwrap();
            let entry = git2::IndexEntry {
                ctime: git2::IndexTime::new(0, 0),
                mtime: git2::IndexTime::new(0, 0),
                dev: 0,
                ino: 0,
                mode,
                uid: 0,
                gid: 0,
                file_size: 0,
                id,
                flags: 0,
                flags_extended: 0,
                path: path.as_bytes().to_vec(),
            };
            index.add(&entry).unwrap();
        }
        let id = index.write_tree_to(repo).unwrap();
        repo.find_tree(id).unwrap()
    }

    /// What libgit2's diff with rename detection says (the reference).
    fn libgit2(repo: &Repository, old: &Tree<'_>, new: &Tree<'_>) -> Vec<(String, String)> {
        let mut diff = repo.diff_tree_to_tree(Some(old), Some(new), None).unwrap();
        let mut opts = git2::DiffFindOptions::new();
        opts.renames(true);
        diff.find_similar(Some(&mut opts)).unwrap();
        let mut out: Vec<(String, String)> = diff
            .deltas()
            .map(|d| {
                let file = if d.status() == git2::Delta::Deleted {
                    d.old_file()
                } else {
                    d.new_file()
                };
                let path = file.path().unwrap().to_string_lossy().into_owned();
                (path, format!("{:?}", d.status()))
            })
            .collect();
        out.sort();
        out
    }

    fn ours(repo: &Repository, old: &Tree<'_>, new: &Tree<'_>) -> Option<Vec<(String, String)>> {
        let kind = |k: &ChangeKind| match k {
            ChangeKind::Added => "Added",
            ChangeKind::Deleted => "Deleted",
            ChangeKind::Modified => "Modified",
            ChangeKind::Renamed => "Renamed",
        };
        changes(repo, old, new).map(|c| {
            c.iter()
                .map(|c| (c.path.clone(), kind(&c.kind).to_string()))
                .collect()
        })
    }

    #[test]
    fn the_pruned_diff_says_what_libgit2_says_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init_bare(dir.path()).unwrap();
        let base: &[(&str, &str)] = &[
            ("README.md", "hello"),
            ("a/b/c.txt", "c"),
            ("a/b/d.txt", "d"),
            ("a/e.txt", "e"),
            ("a-b.txt", "x"),
            ("z/link", "@a/e.txt"),
        ];
        let old = tree(&repo, base);
        let cases: Vec<(Vec<(&str, &str)>, bool)> = vec![
            // Modified only, deep and shallow.
            (vec![("README.md", "hi"), ("a/b/c.txt", "c2")], true),
            // Added only, a new folder among them.
            (vec![("a/b/new.txt", "n"), ("q/r/s.txt", "s")], true),
            // Nothing changed.
            (vec![], true),
        ];
        for (edits, answered) in cases {
            let mut files: Vec<(&str, &str)> = base.to_vec();
            for (path, content) in &edits {
                files.retain(|(p, _)| p != path);
                files.push((path, content));
            }
            let new = tree(&repo, &files);
            let got = ours(&repo, &old, &new);
            assert_eq!(got.is_some(), answered, "{edits:?}");
            assert_eq!(got.unwrap(), libgit2(&repo, &old, &new), "{edits:?}");
        }
        // Deleted only: a file and a whole folder.
        let kept: Vec<(&str, &str)> = base
            .iter()
            .copied()
            .filter(|(p, _)| !p.starts_with("a/b/") && *p != "README.md")
            .collect();
        let new = tree(&repo, &kept);
        assert_eq!(ours(&repo, &old, &new).unwrap(), libgit2(&repo, &old, &new));
        // Added and deleted (a rename libgit2 may pair), a file that became a link, a folder
        // that became a file: left to libgit2.
        let mut renamed = base.to_vec();
        renamed.retain(|(p, _)| *p != "a/e.txt");
        renamed.push(("a/f.txt", "e"));
        let mut linked = base.to_vec();
        linked.retain(|(p, _)| *p != "README.md");
        linked.push(("README.md", "@a/e.txt"));
        let mut flattened = base.to_vec();
        flattened.retain(|(p, _)| !p.starts_with("z/"));
        flattened.push(("z", "now a file"));
        for files in [renamed, linked, flattened] {
            let new = tree(&repo, &files);
            assert_eq!(ours(&repo, &old, &new), None, "{files:?}");
        }
    }
}
