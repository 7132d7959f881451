//! `changes`: when paths matching A change, paths matching B must change too
//! (an API change needs an ADR; any source change needs a changelog entry).

use globset::GlobSet;
use serde::Deserialize;
use toml::Spanned;
use toml::de::DeTable;

use super::{CodeInfo, KindInfo, Outcome, ParamInfo, RunContext, evidence_for};
use crate::evidence::messages::{Arg, args};
use crate::evidence::{EvidenceItem, Finding};
use crate::playbook::compile::Ctx;
use crate::snapshot::{Change, ChangeKind, Snapshot};

pub const KIND: KindInfo = KindInfo {
    name: "changes",
    summary: "When paths matching `when` change, a path matching `require` must change too (compares the change set of --base, --staged or a merge request pipeline; in a release gate, the changes since the previous release)",
    params: &[
        ParamInfo {
            name: "when",
            ty: "[glob]",
            default: "required",
            doc: "the changes that trigger the rule",
        },
        ParamInfo {
            name: "when-kinds",
            ty: "[kind]",
            default: "all",
            doc: "which kinds of change trigger: added, modified, deleted, renamed",
        },
        ParamInfo {
            name: "require",
            ty: "[glob]",
            default: "required",
            doc: "at least one changed path must match one of these",
        },
        ParamInfo {
            name: "require-kinds",
            ty: "[kind]",
            default: "added, modified, renamed",
            doc: "which kinds of change satisfy the rule",
        },
    ],
    codes: &[CodeInfo {
        code: "changes/missing-companion",
        doc: "paths matching `when` changed, but no path matching `require` changed with them",
    }],
    compile,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    when: Vec<Spanned<String>>,
    #[serde(default)]
    when_kinds: Option<Vec<ChangeKind>>,
    require: Vec<Spanned<String>>,
    #[serde(default)]
    require_kinds: Option<Vec<ChangeKind>>,
}

#[derive(Debug)]
pub struct Params {
    when: Vec<String>,
    when_set: GlobSet,
    when_kinds: Vec<ChangeKind>,
    require: Vec<String>,
    require_set: GlobSet,
    require_kinds: Vec<ChangeKind>,
}

fn compile(table: Spanned<DeTable<'_>>, ctx: &mut Ctx<'_>) -> Option<super::Params> {
    let span = table.span();
    let raw: Raw = ctx.table(table)?;
    if raw.when.is_empty() || raw.require.is_empty() {
        ctx.error(
            "playbook::missing-key",
            span,
            "a `changes` control needs non-empty `when` and `require`",
            "in this control",
            None,
        );
        return None;
    }
    let when_set = ctx.glob_set(&raw.when, false);
    let require_set = ctx.glob_set(&raw.require, false);
    let strings = |v: &[Spanned<String>]| v.iter().map(|s| s.get_ref().clone()).collect::<Vec<_>>();
    Some(super::Params::Changes(Params {
        when: strings(&raw.when),
        when_set: when_set?,
        when_kinds: raw.when_kinds.unwrap_or_else(|| {
            vec![
                ChangeKind::Added,
                ChangeKind::Modified,
                ChangeKind::Deleted,
                ChangeKind::Renamed,
            ]
        }),
        require: strings(&raw.require),
        require_set: require_set?,
        require_kinds: raw
            .require_kinds
            .unwrap_or_else(|| vec![ChangeKind::Added, ChangeKind::Modified, ChangeKind::Renamed]),
    }))
}

/// Why a change rule has nothing to compare: the input to give.
pub const NO_CHANGE_SET: &str =
    "no change set: pass --base REV, or run in a merge request pipeline";

fn touches(set: &GlobSet, change: &Change) -> bool {
    set.is_match(&change.path) || change.old_path.as_deref().is_some_and(|p| set.is_match(p))
}

pub fn run(p: &Params, snap: &Snapshot, ctx: &RunContext) -> Outcome {
    let mut out = Outcome::default();
    // A merge request's (or the index's) change set, else a release gate's window since the
    // previous release. `check` decides what a control without either is (by its level).
    let changes: &[Change] = match (&snap.changes, &ctx.release_window) {
        (Some(set), _) => &set.changes,
        (None, Some(Ok(window))) => {
            out.evidence.push(EvidenceItem {
                path: format!("refs/tags/{}", window.tag),
                blob: None,
                line: None,
                excerpt: None,
                note: Some(format!(
                    "previous release, commit {}: the changes since it are compared",
                    &window.commit[..window.commit.len().min(12)]
                )),
            });
            &window.changes
        }
        (None, _) => return Outcome::not_applicable_because("changes/no-change-set", args([])),
    };
    let triggers: Vec<&Change> = changes
        .iter()
        .filter(|c| p.when_kinds.contains(&c.kind) && touches(&p.when_set, c))
        .collect();
    if triggers.is_empty() {
        let mut na = Outcome::not_applicable_because(
            "changes/no-trigger",
            args([("when", p.when.join(", ").into())]),
        );
        na.evidence = out.evidence;
        return na;
    }
    let companions: Vec<&Change> = changes
        .iter()
        .filter(|c| p.require_kinds.contains(&c.kind) && p.require_set.is_match(&c.path))
        .collect();
    for c in triggers.iter().take(5) {
        out.evidence.push(change_item(snap, c, "triggers the rule"));
    }
    for c in companions.iter().take(5) {
        out.evidence
            .push(change_item(snap, c, "satisfies the rule"));
    }
    if companions.is_empty() {
        let listed: Vec<&str> = triggers.iter().take(3).map(|c| c.path.as_str()).collect();
        let more = triggers.len().saturating_sub(3);
        let kinds: Vec<String> = p
            .require_kinds
            .iter()
            .map(|k| format!("`{}`", k.as_str()))
            .collect();
        let mut a = args([
            ("n", triggers.len().into()),
            ("when", p.when.join("`, `").into()),
            ("paths", listed.join(", ").into()),
            ("kinds", Arg::AnyOf { any_of: kinds }),
            ("require", p.require.join("`, `").into()),
        ]);
        let key = if more > 0 {
            a.insert("more".into(), more.into());
            "changes/missing-companion#more"
        } else {
            "changes/missing-companion"
        };
        out.findings
            .push(Finding::say(key, a).at(&triggers[0].path, None));
    }
    out
}

fn change_item(snap: &Snapshot, change: &Change, what: &str) -> EvidenceItem {
    let note = format!("{} ({what})", change.kind.as_str());
    if change.kind == ChangeKind::Deleted {
        return EvidenceItem {
            path: change.path.clone(),
            blob: None,
            line: None,
            excerpt: None,
            note: Some(note),
        };
    }
    evidence_for(snap, &change.path, None, None, note)
}
