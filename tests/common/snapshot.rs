//! Repositories built in-process with libgit2 from a folder's content: a fixture tree as one
//! commit (what most control tests check), and content or objects the git CLI writes awkwardly
//! or not at all (arbitrary bytes, links, names that are not UTF-8, gitlinks to missing commits,
//! crafted trees, fanned-out notes). A test about history — more commits, dates, tags,
//! branches, the index — uses `History` instead.

use std::path::Path;

use tempfile::TempDir;

use super::{FIXTURE_TIME, plain_copy};

/// A git repository whose single commit holds `fixtures/repos/<name>`.
pub fn git_repo(name: &str) -> TempDir {
    let dir = plain_copy(name);
    snapshot(dir.path(), "Initial commit");
    dir
}

/// An empty git repository with one empty commit.
pub fn empty_git_repo() -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    snapshot(dir.path(), "Empty");
    dir
}

/// Makes the folder `dir` a git repository whose single commit (`message`, at `FIXTURE_TIME`)
/// holds what the folder contains.
pub fn snapshot(dir: &Path, message: &str) -> git2::Repository {
    let repo = init(dir);
    commit_all(&repo, message, FIXTURE_TIME);
    repo
}

/// `git init` at `path` with `main` as the initial branch, whatever the machine's git config
/// says: a repository without a commit at a given place (among others a scan finds).
pub fn init(path: &Path) -> git2::Repository {
    let mut opts = git2::RepositoryInitOptions::new();
    opts.initial_head("main");
    git2::Repository::init_opts(path, &opts).expect("git init")
}

/// The repository at `dir`, to craft objects in.
pub fn open_repo(dir: &Path) -> git2::Repository {
    git2::Repository::open(dir).expect("open the repository")
}

/// The kit's identity, `Fixture <fixture@example.com>`, at `time` (UTC).
pub fn fixture_signature(time: i64) -> git2::Signature<'static> {
    git2::Signature::new("Fixture", "fixture@example.com", &git2::Time::new(time, 0))
        .expect("signature")
}

/// Stages everything in the worktree (new and changed files; a deletion stays in the index)
/// and commits it at `time` with the kit's identity.
pub fn commit_all(repo: &git2::Repository, message: &str, time: i64) -> git2::Oid {
    let mut index = repo.index().expect("index");
    index
        .add_all(["*"].iter(), git2::IndexAddOption::DEFAULT, None)
        .expect("add");
    index.write().expect("write index");
    let tree_id = index.write_tree().expect("tree");
    let tree = repo.find_tree(tree_id).expect("find tree");
    let sig = fixture_signature(time);
    let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
    let parents: Vec<&git2::Commit> = parent.iter().collect();
    repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
        .expect("commit")
}

/// Tags HEAD of the repository at `dir` with a lightweight tag `name`.
pub fn tag(dir: &Path, name: &str) {
    let repo = open_repo(dir);
    let head = repo
        .head()
        .expect("head")
        .peel(git2::ObjectType::Commit)
        .expect("commit");
    repo.tag_lightweight(name, &head, false).expect("tag");
}

/// Adds a remote (a report names the repository by its `origin` URL).
pub fn add_remote(dir: &Path, name: &str, url: &str) {
    open_repo(dir).remote(name, url).expect("remote");
}

/// Whether the repository at `dir` holds object `oid` itself. Read with libgit2, which never
/// fetches a missing object from a partial clone's promisor remote (git would).
pub fn has_object(dir: &Path, oid: &str) -> bool {
    let repo = git2::Repository::open(dir).expect("open");
    let oid = git2::Oid::from_str(oid).expect("object id");
    repo.odb().expect("odb").exists(oid)
}
