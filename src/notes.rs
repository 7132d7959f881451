//! Evidence kept in git: a note on the checked commit under `refs/notes/gonogo` (configurable).
//! Writing touches only the notes ref; reading touches nothing.

use std::path::Path;

use git2::{Oid, Repository, Signature};

use crate::evidence::Evidence;

pub const DEFAULT_REF: &str = "refs/notes/gonogo";

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum NoteError {
    #[error("cannot open the repository at {path}: {message}")]
    #[diagnostic(code(notes::repository))]
    Repository { path: String, message: String },
    #[error("evidence can be stored only for a commit (HEAD or --rev), not for {mode} mode")]
    #[diagnostic(
        code(notes::no_commit),
        help("check HEAD or a revision with --note, not --staged, --worktree or a plain folder")
    )]
    NoCommit { mode: String },
    #[error("cannot resolve `{rev}`: {message}")]
    #[diagnostic(code(notes::revision))]
    Revision { rev: String, message: String },
    #[error("no gonogo evidence is stored for {rev} under {notes_ref}")]
    #[diagnostic(
        code(notes::missing),
        help("store it with `gonogo check --rev {rev} --note`")
    )]
    Missing { rev: String, notes_ref: String },
    #[error("the note on {rev} is not gonogo evidence: {message}")]
    #[diagnostic(code(notes::invalid))]
    Invalid { rev: String, message: String },
    #[error("cannot write the note: {message}")]
    #[diagnostic(code(notes::write))]
    Write { message: String },
}

/// The full notes ref for a name, as git expands `--ref`: `refs/notes/x` stays, `notes/x` and `x`
/// become `refs/notes/x`.
pub fn full_ref(name: &str) -> String {
    if name.starts_with("refs/notes/") {
        name.to_string()
    } else if let Some(rest) = name.strip_prefix("notes/") {
        format!("refs/notes/{rest}")
    } else {
        format!("refs/notes/{name}")
    }
}

fn open(path: &Path) -> Result<Repository, NoteError> {
    // The repository the check read, found the same way (GIT_DIR, `.git` files, bare).
    let found = crate::snapshot::layout::open(path, &crate::snapshot::GitEnv::from_process());
    match found {
        Ok(Some(repo)) => Ok(repo),
        Ok(None) => Err(NoteError::Repository {
            path: path.display().to_string(),
            message: "not inside a git repository".into(),
        }),
        Err(e) => Err(NoteError::Repository {
            path: path.display().to_string(),
            message: e.message().to_string(),
        }),
    }
}

/// Stores the evidence JSON as the note of its commit, replacing an older gonogo note.
pub fn write(
    path: &Path,
    evidence: &Evidence,
    json: &str,
    notes_ref: &str,
) -> Result<String, NoteError> {
    let commit = evidence
        .subject
        .commit
        .as_deref()
        .filter(|_| {
            matches!(
                evidence.subject.mode,
                crate::snapshot::SnapshotMode::Head | crate::snapshot::SnapshotMode::Rev
            )
        })
        .ok_or_else(|| NoteError::NoCommit {
            mode: format!("{:?}", evidence.subject.mode).to_lowercase(),
        })?;
    let repo = open(path)?;
    let oid = Oid::from_str(commit).map_err(|e| NoteError::Write {
        message: e.message().to_string(),
    })?;
    let sig = repo
        .signature()
        .or_else(|_| Signature::now("gonogo", "gonogo@localhost"))
        .map_err(|e| NoteError::Write {
            message: e.message().to_string(),
        })?;
    repo.note(&sig, &sig, Some(&full_ref(notes_ref)), oid, json, true)
        .map_err(|e| NoteError::Write {
            message: e.message().to_string(),
        })?;
    Ok(commit.to_string())
}

/// Reads the evidence stored for a revision.
pub fn read(path: &Path, rev: &str, notes_ref: &str) -> Result<Evidence, NoteError> {
    let repo = open(path)?;
    let commit = repo
        .revparse_single(rev)
        .and_then(|o| o.peel_to_commit())
        .map_err(|e| NoteError::Revision {
            rev: rev.to_string(),
            message: e.message().to_string(),
        })?;
    let note = repo
        .find_note(Some(&full_ref(notes_ref)), commit.id())
        .map_err(|_| NoteError::Missing {
            rev: rev.to_string(),
            notes_ref: full_ref(notes_ref),
        })?;
    let text = String::from_utf8_lossy(note.message_bytes()).into_owned();
    Evidence::from_json(&text).map_err(|message| NoteError::Invalid {
        rev: rev.to_string(),
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::full_ref;

    #[test]
    fn notes_refs_expand_like_git() {
        assert_eq!(full_ref("refs/notes/gonogo"), "refs/notes/gonogo");
        assert_eq!(full_ref("notes/audit"), "refs/notes/audit");
        assert_eq!(full_ref("audit"), "refs/notes/audit");
    }
}
