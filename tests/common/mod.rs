//! The test kit: every test builds its git repositories, runs gonogo and reads its evidence
//! through these helpers, so that all of them follow one convention.
//!
//! # The convention
//!
//! Every repository a test makes, whichever way it is built:
//! - starts on branch `main`, whatever the machine's git configuration says;
//! - commits (and tags) as `Fixture <fixture@example.com>`, author and committer alike;
//! - dates each commit at a time the test gives, in UTC: `FIXTURE_TIME` (2026-01-01T00:00:00Z)
//!   unless it says otherwise, `history::day(n)` for `n` days later;
//! - reads no configuration of the machine (no user or system git config, no signing unless
//!   `signing` asks for it, no GIT_DIR / GIT_WORK_TREE / GIT_INDEX_FILE from the environment).
//!
//! gonogo runs through `gonogo()` with NO_COLOR, LANG=C, no CI variables and
//! SOURCE_DATE_EPOCH = `FIXTURE_TIME`; `check_json*` move that to the checked commit's time.
//!
//! # One way for each job
//!
//! - A fixture without git: `plain_copy`.
//! - A fixture as one commit (most control tests): `git_repo`, `empty_git_repo`; refs on it
//!   that leave the commit as it is: `tag`, `add_remote`. Folder content the git CLI handles
//!   awkwardly (raw bytes, links, names that are not UTF-8): `snapshot`, then `commit_all`;
//!   objects git does not write (gitlinks to missing commits, crafted trees, fanned-out notes):
//!   `open_repo` with `fixture_signature`. All in-process (libgit2): `snapshot.rs`.
//! - A history (several commits at dates, tags, branches, merges, the index, notes, linked
//!   worktrees, clones, submodules, fast-import): `history::History` (the git CLI).
//! - A remote that serves blobless partial clones and single blobs (`scan --repos`):
//!   `History::serve_partial_clones` (its `file://` URL); which objects a clone holds:
//!   `has_object` (libgit2, which never fetches a missing one).
//! - Signed commits and tags: `signing`.
//! - git run as a person runs it — a hook must fire, or its failure is the point:
//!   `history::git_command` (the same convention, not yet run).
//! - Running gonogo: `gonogo`, `gonogo_process`, `check_json`, `check_json_env`,
//!   `check_playbook`, `check_fixture`, `run_json`, `run_json_or_null`, `run_text` (`run.rs`).
//! - Reading evidence: `control`, `status`, `reason`, `codes`, `findings`, `messages`, … (`evidence.rs`).
//! - External tools that may be missing outside CI: `tools::tool`.
// Each test file uses a part of the kit: the rest is not dead, only unused there.
#![allow(dead_code, unused_imports)]

use std::path::{Path, PathBuf};

pub mod evidence;
pub mod history;
pub mod run;
pub mod signing;
pub mod snapshot;
pub mod tools;

pub use evidence::*;
pub use run::*;
pub use snapshot::*;

use tempfile::TempDir;

/// Fixed commit time for fixture repositories: 2026-01-01T00:00:00Z.
pub const FIXTURE_TIME: i64 = 1_767_225_600;

/// This crate's folder (where Cargo.toml is).
pub fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file of this crate, by its path from the crate's folder, as text.
pub fn crate_file(rel: &str) -> String {
    std::fs::read_to_string(crate_root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

pub fn fixtures() -> PathBuf {
    crate_root().join("fixtures")
}

/// `fixtures/playbooks/<name>`.
pub fn playbook(name: &str) -> PathBuf {
    fixtures().join("playbooks").join(name)
}

/// `fixtures/playbooks/<name>` as a command-line argument.
pub fn playbook_arg(name: &str) -> String {
    playbook(name).to_str().expect("utf-8").to_string()
}

/// Copies `fixtures/repos/<name>` into a temporary folder (plain, no git).
pub fn plain_copy(name: &str) -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    let src = fixtures().join("repos").join(name);
    assert!(src.is_dir(), "no fixture {}", src.display());
    copy_tree(&src, dir.path());
    dir
}

pub fn copy_tree(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src).min_depth(1) {
        let entry = entry.expect("walk");
        // `.gitkeep` only lets git hold a fixture folder that is meant to be empty.
        if entry.file_name() == ".gitkeep" {
            continue;
        }
        let rel = entry.path().strip_prefix(src).expect("prefix");
        let target = dst.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
