//! Earlier states of one file: the commit of the checked history at or before a date, and a
//! file's text at an earlier commit, bounded like every read of the snapshot.

use std::path::Path;

use super::{Content, HistoryError, Snapshot, bytes, history};

impl Snapshot {
    /// The newest first-parent ancestor of the checked commit (itself included) whose commit
    /// time is at or before `time` (seconds): (commit, time). `None` when the history starts
    /// later; an error beyond the walk limit, never a guess.
    pub fn commit_at_or_before(&self, time: i64) -> Result<Option<(String, i64)>, HistoryError> {
        let checked = self.checked_commit()?;
        let git = self.git()?;
        git.with_repo(|repo| {
            let mut next = Some(repo.find_commit(checked)?);
            for _ in 0..history::WALK_LIMIT {
                let Some(commit) = next else {
                    return Ok(None);
                };
                let t = commit.time().seconds();
                if t <= time {
                    return Ok(Some((commit.id().to_string(), t)));
                }
                next = commit.parents().next();
            }
            Err(HistoryError::Git(format!(
                "no commit at or before the date within {} commits",
                history::WALK_LIMIT
            )))
        })
    }

    /// The content `path` had in `commit`: `Ok(None)` when that commit does not hold the path.
    pub fn content_at(&self, commit: &str, path: &str) -> Result<Option<Content>, HistoryError> {
        let oid =
            git2::Oid::from_str(commit).map_err(|e| HistoryError::Git(e.message().to_string()))?;
        let limit = self.max_file_size;
        let git = self.git()?;
        git.with_repo(|repo| {
            let tree = repo.find_commit(oid)?.tree()?;
            let Ok(entry) = tree.get_path(Path::new(path)) else {
                return Ok(None);
            };
            if entry.filemode() == 0o120000 {
                return Ok(Some(Content::Symlink(String::new())));
            }
            let odb = repo.odb()?;
            let (size, kind) = odb.read_header(entry.id()).inspect_err(|_| {
                git.missing.iter().for_each(|m| m.note(entry.id()));
            })?;
            if kind != git2::ObjectType::Blob {
                return Ok(None);
            }
            if size as u64 > limit {
                return Ok(Some(Content::TooLarge {
                    size: size as u64,
                    limit,
                }));
            }
            let blob = repo.find_blob(entry.id())?;
            Ok(Some(bytes::decode(blob.content())))
        })
    }
}
