//! The results gonogo adds itself beside the playbook's controls: what a merge request does to
//! its own rules, and a checked commit dated ahead of the reference date.

use crate::controls::Outcome;
use crate::evidence::messages::args;
use crate::evidence::{ControlResult, EvidenceItem, Finding};
use crate::playbook::Level;
use crate::snapshot::Snapshot;
use crate::support::dates::AsOf;
use crate::verdict;

/// The German words of a control gonogo adds itself.
pub(super) fn german(title: &str, remediation: Option<String>) -> crate::evidence::Texts {
    crate::evidence::Texts {
        title: Some(title.into()),
        rationale: None,
        remediation,
    }
}

/// What a merge request does to its own rules, as a must result: weakening them needs an
/// approval by the role that owns them; deleting or breaking the playbook is never accepted.
pub(super) fn policy_result(review: &crate::policy::Review) -> ControlResult {
    let mut outcome = Outcome::default();
    let owners = review.owners.as_deref();
    if let Some(path) = &review.removed {
        outcome
            .findings
            .push(Finding::say("policy/removed", args([("path", path.into())])).at(path, None));
    }
    if let Some(why) = &review.invalid {
        outcome
            .findings
            .push(Finding::say("policy/invalid", args([("why", why.into())])));
    }
    let (key, who) = match owners {
        Some(role) if review.owner_members.is_empty() => {
            ("policy/weakened#no-members", args([("role", role.into())]))
        }
        Some(role) => (
            "policy/weakened",
            args([
                ("role", role.into()),
                ("members", review.owner_members.join(", ").into()),
            ]),
        ),
        None => ("policy/weakened#no-owners", args([])),
    };
    for change in &review.changes {
        let approved =
            review.approved_by.is_some() && review.removed.is_none() && review.invalid.is_none();
        if change.weakens && !approved {
            let mut values = who.clone();
            values.insert("change".into(), (&change.text).into());
            outcome.findings.push(Finding::say(key, values));
        } else {
            outcome.evidence.push(EvidenceItem {
                path: review.path.clone(),
                blob: None,
                line: None,
                excerpt: None,
                note: Some(match (&review.approved_by, change.weakens) {
                    (Some(by), true) => format!("the change {}; approved by {by}", change.text),
                    _ => format!("the change {}", change.text),
                }),
            });
        }
    }
    let mut r = verdict::result_parts(
        "policy",
        "policy",
        Level::Must,
        "The change does not weaken the rules it is judged by".into(),
        "policy".into(),
        outcome,
    );
    r.remediation = Some(match owners {
        Some(role) => format!(
            "keep rule changes in their own merge request and have a member of `{role}` approve it (`Approved-by:`), or undo them"
        ),
        None => "name the role that owns the rules in the base's playbook (`[policy] owners = \"ROLE\"`), then have a member approve the change".into(),
    });
    r.de = Some(german(
        "Die Änderung schwächt nicht die Regeln, nach denen sie beurteilt wird",
        Some(match owners {
            Some(role) => format!(
                "Regeländerungen in einem eigenen Merge Request halten und von einem Mitglied von `{role}` freigeben lassen (`Approved-by:`), oder sie zurücknehmen"
            ),
            None => "Im Playbook der Basis die Rolle nennen, der die Regeln gehören (`[policy] owners = \"ROLLE\"`), dann die Änderung von einem Mitglied freigeben lassen".into(),
        }),
    ));
    r
}

/// The built-in `dates` result, when the checked commit (HEAD for the index and the worktree) is
/// dated more than a day after the reference date: nothing is judged by that date, but a reader
/// should know that the history carries dates its authors set ahead.
pub(super) fn future_commit(snapshot: &Snapshot, as_of: &AsOf) -> Option<ControlResult> {
    let commit = snapshot.subject.commit.as_deref()?;
    let time = snapshot.subject.commit_time?;
    if !as_of.is_future(time) {
        return None;
    }
    let outcome = Outcome {
        findings: vec![commit_in_future(commit, time, as_of)],
        ..Outcome::default()
    };
    let mut r = verdict::result_parts(
        "dates",
        "dates",
        Level::Should,
        "The checked commit is not dated ahead of the check's reference date".into(),
        "as_of".into(),
        outcome,
    );
    r.remediation = Some(
        "fix the committer clock (or rewrite the commit with a true date); if the machine running gonogo has a wrong clock, pass --as-of".into(),
    );
    r.de = Some(german(
        "Der geprüfte Commit ist nicht nach dem Stichtag der Prüfung datiert",
        Some("Die Uhr des Committers korrigieren (oder den Commit mit dem richtigen Datum neu schreiben); geht die Uhr der Maschine falsch, auf der gonogo läuft, --as-of angeben".into()),
    ));
    Some(r)
}

/// The finding for a checked commit dated in the future: dates the author sets are not trusted.
pub fn commit_in_future(commit: &str, seconds: i64, as_of: &AsOf) -> Finding {
    Finding::say(
        "dates/commit-in-future",
        args([
            ("commit", crate::support::short(commit).into()),
            ("date", crate::support::dates::describe(seconds).into()),
            ("today", as_of.date().to_string().into()),
            ("source", as_of.source.as_str().into()),
        ]),
    )
}
