//! `fresh-within` / `fresh-within-commits`: how long ago each artifact of a control last changed,
//! judged against the check's reference date. A commit date is the author's word: one dated
//! after the reference date proves nothing (`freshness/future-date`), and a date that cannot be
//! computed is an ERROR, never fresh.

use std::collections::BTreeSet;

use crate::controls::Outcome;
use crate::evidence::{EvidenceItem, Finding};
use crate::playbook::Control;
use crate::snapshot::{HistoryError, LastChange, Snapshot, SnapshotMode};
use crate::support::dates::{AsOf, DAY};

/// Checks freshness for every control that asks, with one history walk for all their artifacts
/// together. Artifacts are the evidence paths that exist in the checked state; for the index and
/// the worktree, a path that differs from HEAD is changing now.
pub fn apply(controls: &[&Control], outcomes: &mut [Outcome], snapshot: &Snapshot, as_of: &AsOf) {
    let uncommitted_mode = matches!(
        snapshot.subject.mode,
        SnapshotMode::Staged | SnapshotMode::Worktree
    );
    // A file on disk that cannot be hashed (over the size cap) is judged by its history, not
    // assumed fresh.
    let changing_now = |path: &str| {
        uncommitted_mode
            && match (snapshot.blob_id(path), snapshot.committed_blob(path)) {
                (None, Some(_)) => false,
                (now, committed) => now != committed,
            }
    };
    let mut wanted: BTreeSet<String> = BTreeSet::new();
    let mut now: BTreeSet<String> = BTreeSet::new();
    for (c, o) in controls.iter().zip(outcomes.iter()) {
        if c.freshness.is_some() && o.error.is_none() && o.not_applicable.is_none() {
            for e in &o.evidence {
                // Evidence that is not a path of the checked state (a tag, a deleted path) has no
                // last change to judge.
                if !snapshot.contains(&e.path) || wanted.contains(&e.path) || now.contains(&e.path)
                {
                    continue;
                }
                if changing_now(&e.path) {
                    now.insert(e.path.clone());
                } else {
                    wanted.insert(e.path.clone());
                }
            }
        }
    }
    if wanted.is_empty() && now.is_empty() {
        return;
    }
    let paths: Vec<String> = wanted.into_iter().collect();
    let history = if paths.is_empty() {
        Ok(Default::default())
    } else {
        snapshot.last_changes(&paths)
    };
    for (c, o) in controls.iter().zip(outcomes.iter_mut()) {
        let Some(fresh) = c.freshness else { continue };
        if o.error.is_some() || o.not_applicable.is_some() {
            continue;
        }
        let mut seen = BTreeSet::new();
        let mut notes: Vec<EvidenceItem> = Vec::new();
        let mut artifacts = o
            .evidence
            .iter()
            .filter(|item| snapshot.contains(&item.path))
            .peekable();
        if artifacts.peek().is_none() {
            continue;
        }
        for item in artifacts {
            if !seen.insert(item.path.clone()) {
                continue;
            }
            if now.contains(&item.path) {
                notes.push(EvidenceItem {
                    path: item.path.clone(),
                    blob: item.blob.clone(),
                    line: None,
                    excerpt: None,
                    note: Some("changed in the checked state, not yet committed".into()),
                });
                continue;
            }
            let last = match &history {
                Ok(h) => h,
                Err(e) => {
                    o.error = Some(freshness_error(e));
                    break;
                }
            };
            let Some(change) = last.get(&item.path) else {
                // A committed artifact whose history the walk could not resolve: never fresh by
                // default.
                o.error = Some(format!(
                    "freshness cannot be judged: no change of `{}` was found in the history",
                    item.path
                ));
                break;
            };
            let short = crate::support::short(&change.commit);
            notes.push(EvidenceItem {
                path: item.path.clone(),
                blob: item.blob.clone(),
                line: None,
                excerpt: None,
                note: Some(format!(
                    "last changed in {short} on {}, {} commit(s) back",
                    crate::support::dates::describe(change.time),
                    change.distance
                )),
            });
            if let Some(within) = fresh.within {
                match judge_days(&item.path, change, within, as_of) {
                    Ok(None) => {}
                    Ok(Some(f)) => o.findings.push(f),
                    Err(e) => {
                        o.error = Some(e);
                        break;
                    }
                }
            }
            if let Some(max) = fresh.commits
                && change.distance > max
            {
                o.findings.push(
                    Finding::new(
                        "freshness/stale-commits",
                        format!("{} last changed {} commits before the checked commit; at most {max} allowed", item.path, change.distance),
                    )
                    .at(&item.path, None),
                );
            }
        }
        o.evidence.extend(notes);
    }
}

/// `fresh-within` for one artifact: a finding when stale or dated ahead, an error when the
/// dates cannot be computed.
fn judge_days(
    path: &str,
    change: &LastChange,
    within: jiff::Span,
    as_of: &AsOf,
) -> Result<Option<Finding>, String> {
    let short = crate::support::short(&change.commit);
    if as_of.is_future(change.time) {
        return Ok(Some(
            Finding::new(
                "freshness/future-date",
                format!(
                    "{path} last changed in {short}, dated {}, after the check's reference date {} ({}): a commit dated ahead cannot show that it is fresh",
                    crate::support::dates::describe(change.time),
                    as_of.date(),
                    as_of.source.as_str()
                ),
            )
            .at(path, None),
        ));
    }
    let cannot = |why: String| format!("freshness of {path} cannot be judged: {why}");
    let changed_on = crate::support::dates::commit_date(change.time).map_err(cannot)?;
    let stale =
        crate::support::duration::elapsed(changed_on, within, as_of.date()).map_err(cannot)?;
    if !stale {
        return Ok(None);
    }
    let age = (as_of.at.as_second().saturating_sub(change.time)) / DAY;
    Ok(Some(
        Finding::new(
            "freshness/stale",
            format!(
                "{path} last changed {age} days before the check's reference date (on {changed_on}); `fresh-within = \"{within:#}\"`"
            ),
        )
        .at(path, None),
    ))
}

fn freshness_error(e: &HistoryError) -> String {
    format!("freshness cannot be judged: {e}")
}
