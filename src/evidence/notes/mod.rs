//! Evidence kept in git: a note on the checked commit under `refs/notes/gonogo` (configurable)
//! that holds the evidence of every gate checked on that commit (`format`). Writing touches only
//! the notes ref and never loses a concurrent writer's note (`store`); reading touches nothing.

pub mod format;
pub mod listing;
mod store;

use std::path::Path;

use git2::{Oid, Repository};

pub use format::Note;
pub use store::Stored;

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
    #[error("the note on {rev} holds no evidence of gate `{gate}`; it holds {stored}")]
    #[diagnostic(
        code(notes::no_such_gate),
        help(
            "store it with `gonogo check --rev {rev} --gate {gate} --note`, or show one of the gates stored"
        )
    )]
    NoSuchGate {
        rev: String,
        gate: String,
        stored: String,
    },
    #[error("the note on {rev} is not gonogo evidence: {message}")]
    #[diagnostic(code(notes::invalid))]
    Invalid { rev: String, message: String },
    #[error(
        "the note on {commit} under {notes_ref} is not gonogo's ({message}); it was left as it is and the evidence was not stored"
    )]
    #[diagnostic(
        code(notes::foreign),
        help(
            "store gonogo's evidence under its own ref (`--notes-ref gonogo`), or remove that note first (`git notes --ref {notes_ref} remove {commit}`)"
        )
    )]
    Foreign {
        commit: String,
        notes_ref: String,
        message: String,
    },
    #[error(
        "the evidence was not stored: {notes_ref} moved under {attempts} attempts in a row (other writers)"
    )]
    #[diagnostic(
        code(notes::contended),
        help(
            "run the check with --note again; nothing was lost, the note just does not hold this run"
        )
    )]
    Contended { notes_ref: String, attempts: u32 },
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

/// What `write` did, for the line the CLI prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub commit: String,
    pub gate: String,
    pub notes_ref: String,
    pub stored: Stored,
}

impl Written {
    /// One line for people: stored or replaced, and which gates the note holds now.
    pub fn message(&self) -> String {
        let verb = if self.stored.replaced {
            "replaced the earlier evidence of"
        } else {
            "stored the evidence of"
        };
        let others: Vec<&str> = self
            .stored
            .gates
            .iter()
            .map(String::as_str)
            .filter(|g| *g != self.gate)
            .collect();
        let holds = if others.is_empty() {
            String::new()
        } else {
            format!("; the note also holds {}", quoted(&others))
        };
        let retries = match self.stored.attempts {
            1 => String::new(),
            n => format!(" (after {n} attempts: other writers moved the ref meanwhile)"),
        };
        format!(
            "{verb} gate `{}` in the note on {} under {}{holds}{retries}",
            self.gate, self.commit, self.notes_ref
        )
    }
}

fn quoted(gates: &[&str]) -> String {
    gates
        .iter()
        .map(|g| format!("`{g}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Stores the evidence in the note of its commit, under its gate: other gates' evidence in that
/// note stays, an earlier evidence of the same gate is replaced (and `Written` says so).
pub fn write(path: &Path, evidence: &Evidence, notes_ref: &str) -> Result<Written, NoteError> {
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
    // Compact and sealed: one gate per line of the note, its digest intact.
    let json = serde_json::to_string(&crate::evidence::canonical::seal(evidence)).map_err(|e| {
        NoteError::Write {
            message: e.to_string(),
        }
    })?;
    let notes_ref = full_ref(notes_ref);
    let gate = evidence.gate.name.clone();
    match store::put(&repo, &notes_ref, oid, &gate, &json) {
        Ok(stored) => Ok(Written {
            commit: commit.to_string(),
            gate,
            notes_ref,
            stored,
        }),
        Err(store::StoreError::Foreign(message)) => Err(NoteError::Foreign {
            commit: commit.to_string(),
            notes_ref,
            message,
        }),
        Err(store::StoreError::Contended(attempts)) => Err(NoteError::Contended {
            notes_ref,
            attempts,
        }),
        Err(store::StoreError::Git(message)) => Err(NoteError::Write { message }),
    }
}

/// The note stored for a revision: the commit it is on and the gates it holds.
pub fn read(path: &Path, rev: &str, notes_ref: &str) -> Result<(String, Note), NoteError> {
    let repo = open(path)?;
    let commit = repo
        .revparse_single(rev)
        .and_then(|o| o.peel_to_commit())
        .map_err(|e| NoteError::Revision {
            rev: rev.to_string(),
            message: e.message().to_string(),
        })?;
    let missing = || NoteError::Missing {
        rev: rev.to_string(),
        notes_ref: full_ref(notes_ref),
    };
    let tree = repo
        .find_reference(&full_ref(notes_ref))
        .and_then(|r| r.peel_to_tree())
        .map_err(|_| missing())?;
    let blob = store::find(&repo, &tree, &commit.id().to_string()).ok_or_else(missing)?;
    let invalid = |message: String| NoteError::Invalid {
        rev: rev.to_string(),
        message,
    };
    let size = repo
        .odb()
        .and_then(|odb| odb.read_header(blob))
        .map_err(|e| invalid(e.message().to_string()))?
        .0;
    if size > store::MAX_NOTE_BYTES {
        return Err(invalid(format!(
            "it is {size} bytes, over the {}-byte limit of a gonogo note",
            store::MAX_NOTE_BYTES
        )));
    }
    let blob = repo
        .find_blob(blob)
        .map_err(|e| invalid(e.message().to_string()))?;
    let text = String::from_utf8_lossy(blob.content());
    let note = format::parse(&text).map_err(invalid)?;
    Ok((commit.id().to_string(), note))
}

/// The evidence of gate `gate` from a note read by `read`.
pub fn evidence_of(rev: &str, note: &Note, gate: &str) -> Result<Evidence, NoteError> {
    let text = note.gates.get(gate).ok_or_else(|| NoteError::NoSuchGate {
        rev: rev.to_string(),
        gate: gate.to_string(),
        stored: listing::names(note),
    })?;
    Evidence::from_json(text).map_err(|message| NoteError::Invalid {
        rev: rev.to_string(),
        message: format!("gate `{gate}`: {message}"),
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
