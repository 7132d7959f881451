//! The own walk compared with libgit2's status walk on clean, changed, racily clean and
//! nested-repository trees.

use super::*;

fn write(root: &Path, path: &str, text: &str) {
    let p = root.join(path);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

fn committed(files: &[(&str, &str)]) -> (tempfile::TempDir, Repository) {
    let dir = tempfile::tempdir().expect("temp");
    let repo = Repository::init(dir.path()).expect("init");
    for (path, text) in files {
        write(dir.path(), path, text);
    }
    let mut index = repo.index().expect("index");
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .expect("add");
    index.write().expect("write index");
    let tree = repo
        .find_tree(index.write_tree().expect("tree"))
        .expect("tree");
    let sig = git2::Signature::now("t", "t@example.org").expect("sig");
    repo.commit(Some("HEAD"), &sig, &sig, "c", &tree, &[])
        .expect("commit");
    drop(tree);
    (dir, repo)
}

/// The parallel lister on the index as gonogo's reader reads it, checked against the
/// same lister on the index as libgit2 reads it.
fn fast_list(repo: &Repository, root: &Path) -> Listing {
    let read =
        super::super::index_file::read_with_stat(&repo.path().join("index")).expect("index read");
    let (tracked, mtime) = fast::tracked_from_file(read).expect("plain paths");
    let index = repo.index().expect("index");
    let (by_libgit2, mtime2) = fast::tracked_from_libgit2(repo, &index).expect("handled");
    assert_eq!(mtime, mtime2);
    assert_eq!(tracked.len(), by_libgit2.len());
    for (a, b) in tracked.iter().zip(&by_libgit2) {
        assert_eq!(
            (
                &a.path,
                a.mode,
                a.size,
                a.mtime,
                a.ino,
                a.id,
                a.skip_worktree
            ),
            (
                &b.path,
                b.mode,
                b.size,
                b.mtime,
                b.ino,
                b.id,
                b.skip_worktree
            )
        );
    }
    fast::list(repo, root, tracked, mtime).expect("handled")
}

/// Both ways of listing, as (path, kind) sorted, and their dirty flags.
fn both(repo: &Repository, root: &Path) -> [(Vec<(String, EntryKind)>, bool); 2] {
    let index = repo.index().expect("index");
    let sorted = |mut e: Vec<Entry>| {
        e.sort_by(|a, b| a.path.cmp(&b.path));
        e.into_iter().map(|e| (e.path, e.kind)).collect::<Vec<_>>()
    };
    let fast = fast_list(repo, root);
    let mut slow = Vec::new();
    let slow_dirty = status_walk(repo, root, &index, &mut slow).expect("status");
    [
        (sorted(fast.entries), fast.dirty),
        (sorted(slow), slow_dirty),
    ]
}

const FILES: &[(&str, &str)] = &[
    (".gitignore", "target/\n*.log\n"),
    ("README.md", "hello\n"),
    ("docs/adr/0001-a.md", "# 1. A\n"),
    ("src/lib.rs", "fn a() {}\n"),
];

#[test]
fn a_clean_tree_lists_as_libgit2_does() {
    let (dir, repo) = committed(FILES);
    let [fast, slow] = both(&repo, dir.path());
    assert_eq!(fast, slow);
    assert!(!fast.1, "nothing changed");
}

#[test]
fn changes_on_disk_list_as_libgit2_does() {
    let (dir, repo) = committed(FILES);
    let root = dir.path();
    write(root, "docs/adr/0001-a.md", "# 1. A, changed\n");
    std::fs::remove_file(root.join("src/lib.rs")).expect("rm");
    write(root, "new.txt", "new\n");
    write(root, "newdir/deep/x.md", "x\n");
    write(root, "target/out.bin", "ignored\n");
    write(root, "debug.log", "ignored\n");
    write(root, "newdir/deep/y.log", "ignored\n");
    std::os::unix::fs::symlink("README.md", root.join("link")).expect("symlink");
    let [fast, slow] = both(&repo, root);
    assert_eq!(fast, slow);
    assert!(fast.1);
    let paths: Vec<&str> = fast.0.iter().map(|(p, _)| p.as_str()).collect();
    assert!(paths.contains(&"newdir/deep/x.md") && !paths.contains(&"src/lib.rs"));
    assert!(fast.0.contains(&("link".into(), EntryKind::Symlink)));
}

#[test]
fn an_edit_of_the_same_size_is_seen() {
    let (dir, repo) = committed(FILES);
    write(dir.path(), "README.md", "HELLO\n");
    let [fast, slow] = both(&repo, dir.path());
    assert_eq!(fast, slow);
    assert!(fast.1, "same size, same second: racily clean, so hashed");
}

#[test]
fn paths_libgit2_might_refuse_are_left_to_libgit2() {
    for plain in [
        "a",
        "docs/adr/0001-a.md",
        ".gitignore",
        "Ärger/ö.md",
        "a.b/c",
    ] {
        assert!(
            super::plain::plain_path(plain.as_bytes(), 0o100644),
            "{plain}"
        );
    }
    for odd in [
        "",
        "/a",
        "a/",
        "a//b",
        ".",
        "a/./b",
        "../x",
        "a/..",
        ".git/config",
        "x/.GIT/y",
        "x/.g\u{200c}it/y",
        "git~1/x",
        "a\\b",
        "a:b",
        "a./b",
        "a /b",
        "a\tb",
    ] {
        assert!(
            !super::plain::plain_path(odd.as_bytes(), 0o100644),
            "{odd:?}"
        );
    }
    assert!(!super::plain::plain_path(b".gitmodules", 0o120000));
}

#[test]
fn a_folder_with_an_empty_git_file_is_entered() {
    let (dir, repo) = committed(FILES);
    write(dir.path(), "vendor/.git", "");
    write(dir.path(), "vendor/.env", "SECRET=1\n");
    let fast = fast_list(&repo, dir.path());
    assert!(fast.entries.iter().any(|e| e.path == "vendor/.env"));
}

#[test]
fn another_repository_inside_is_not_entered() {
    let (dir, repo) = committed(FILES);
    Repository::init(dir.path().join("vendor/other")).expect("nested");
    write(dir.path(), "vendor/other/secret.md", "not ours\n");
    let fast = fast_list(&repo, dir.path());
    assert!(fast.dirty);
    assert!(fast.entries.iter().all(|e| !e.path.starts_with("vendor")));
}
