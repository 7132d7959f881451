//! `fresh-within` / `fresh-within-commits`: how long ago each artifact of a control last changed,
//! judged against the check's reference date. A commit date is the author's word: one dated
//! after the reference date proves nothing (`freshness/future-date`), and a date that cannot be
//! computed is an ERROR, never fresh.

use std::collections::BTreeSet;

use crate::controls::Outcome;
use crate::evidence::messages::{Arg, Said, args, phrase};
use crate::evidence::{EvidenceItem, Finding};
use crate::playbook::Control;
use crate::snapshot::{LastChange, Snapshot, SnapshotMode};
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
                    o.fail_to_evaluate(
                        "freshness/cannot-judge",
                        args([("why", super::history_phrase(e))]),
                    );
                    break;
                }
            };
            let Some(change) = last.get(&item.path) else {
                // A committed artifact whose history the walk could not resolve: never fresh by
                // default.
                o.fail_to_evaluate(
                    "freshness/cannot-judge#no-change",
                    args([("path", item.path.as_str().into())]),
                );
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
                    Err(said) => {
                        o.fail_with(said);
                        break;
                    }
                }
            }
            if let Some(max) = fresh.commits
                && change.distance > max
            {
                o.findings.push(
                    Finding::say(
                        if change.distance == 1 {
                            "freshness/stale-commits#one"
                        } else {
                            "freshness/stale-commits"
                        },
                        args([
                            ("path", item.path.as_str().into()),
                            ("n", change.distance.into()),
                            ("max", max.into()),
                        ]),
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
) -> Result<Option<Finding>, Said> {
    let short = crate::support::short(&change.commit);
    if as_of.is_future(change.time) {
        return Ok(Some(
            Finding::say(
                "freshness/future-date",
                args([
                    ("path", path.into()),
                    ("commit", short.into()),
                    ("dated", crate::support::dates::describe(change.time).into()),
                    ("as_of", as_of.date().to_string().into()),
                    ("source", source_arg(as_of.source)),
                ]),
            )
            .at(path, None),
        ));
    }
    let cannot = |why: String| Said {
        key: "freshness/cannot-judge#path".into(),
        args: args([("path", path.into()), ("why", why.into())]),
    };
    let changed_on = crate::support::dates::commit_date(change.time).map_err(cannot)?;
    let stale =
        crate::support::duration::elapsed(changed_on, within, as_of.date()).map_err(cannot)?;
    if !stale {
        return Ok(None);
    }
    let age = (as_of.at.as_second().saturating_sub(change.time)) / DAY;
    Ok(Some(
        Finding::say(
            if age == 1 {
                "freshness/stale#one"
            } else {
                "freshness/stale"
            },
            args([
                ("path", path.into()),
                ("days", age.into()),
                ("changed_on", changed_on.to_string().into()),
                ("within", format!("{within:#}").into()),
            ]),
        )
        .at(path, None),
    ))
}

/// Where the reference date came from: an option or variable as written, the clock in words.
fn source_arg(source: crate::support::dates::DateSource) -> Arg {
    match source {
        crate::support::dates::DateSource::Clock => phrase("freshness/clock", []),
        other => other.as_str().into(),
    }
}
