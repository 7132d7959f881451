//! `release`: what must have happened since the previous release, and the records of this one
//! (a changelog entry for the version, its checklist).

use globset::{GlobMatcher, GlobSet};
use serde::Deserialize;
use toml::Spanned;
use toml::de::DeTable;

use super::{CodeInfo, KindInfo, Outcome, ParamInfo, RunContext, evidence_for, line_at};
use crate::evidence::messages::{Said, args, phrase};
use crate::evidence::{EvidenceItem, Finding};
use crate::playbook::compile::Ctx;
use crate::snapshot::{ChangeKind, Content, Snapshot};

pub const KIND: KindInfo = KindInfo {
    name: "release",
    summary: "Since the previous release tag: required changes (e.g. an ADR decided); a changelog entry and a checklist for this version",
    params: &[
        ParamInfo {
            name: "tag-pattern",
            ty: "glob",
            default: "\"v[0-9]*\"",
            doc: "which tags are releases (semantic-version order)",
        },
        ParamInfo {
            name: "require-changed",
            ty: "[glob]",
            default: "[]",
            doc: "since the previous release at least one path matching these was added or modified",
        },
        ParamInfo {
            name: "changelog",
            ty: "path",
            default: "none",
            doc: "this file must have an entry (a heading or list line) naming the version",
        },
        ParamInfo {
            name: "checklist",
            ty: "path template",
            default: "none",
            doc: "this file must exist, `{version}` replaced by the release version",
        },
    ],
    codes: &[
        CodeInfo {
            code: "release/nothing-changed",
            doc: "no path matching `require-changed` was added or modified since the previous release",
        },
        CodeInfo {
            code: "release/changelog-missing",
            doc: "the changelog file does not exist",
        },
        CodeInfo {
            code: "release/changelog-no-entry",
            doc: "the changelog has no entry for the version",
        },
        CodeInfo {
            code: "release/checklist-missing",
            doc: "the release checklist for the version does not exist",
        },
    ],
    compile,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    tag_pattern: Option<Spanned<String>>,
    #[serde(default)]
    require_changed: Vec<Spanned<String>>,
    changelog: Option<Spanned<String>>,
    checklist: Option<Spanned<String>>,
}

#[derive(Debug)]
pub struct Params {
    tag_pattern: String,
    tag_matcher: GlobMatcher,
    require_changed: Vec<String>,
    require_changed_set: GlobSet,
    changelog: Option<String>,
    checklist: Option<String>,
}

impl Params {
    /// Which tags are releases, as written (`v[0-9]*` by default).
    pub fn tag_pattern(&self) -> &str {
        &self.tag_pattern
    }

    pub fn is_release_tag(&self, name: &str) -> bool {
        self.tag_matcher.is_match(name)
    }
}

/// The tags that are releases when no `release` control says: `v[0-9]*`.
pub const DEFAULT_TAG_PATTERN: &str = "v[0-9]*";

fn compile(table: Spanned<DeTable<'_>>, ctx: &mut Ctx<'_>) -> Option<super::Params> {
    let span = table.span();
    let raw: Raw = ctx.table(table)?;
    if raw.require_changed.is_empty() && raw.changelog.is_none() && raw.checklist.is_none() {
        ctx.error(
            "playbook::missing-key",
            span,
            "a `release` control checks nothing",
            "in this control",
            Some("give at least one of `require-changed`, `changelog`, `checklist`".into()),
        );
        return None;
    }
    let pattern = raw
        .tag_pattern
        .unwrap_or_else(|| Spanned::new(0..0, DEFAULT_TAG_PATTERN.to_string()));
    // Tag names are not paths: `*` may match `/` in `release/1.2`.
    let tag_matcher = crate::support::limits::glob(pattern.get_ref()).and_then(|()| {
        globset::GlobBuilder::new(pattern.get_ref())
            .literal_separator(false)
            .build()
            .map(|g| g.compile_matcher())
            .map_err(|e| e.kind().to_string())
    });
    let tag_matcher = match tag_matcher {
        Ok(m) => Some(m),
        Err(why) => {
            ctx.error(
                "playbook::invalid-glob",
                pattern.span(),
                format!(
                    "invalid tag pattern `{}`: {why}",
                    crate::support::limits::excerpt(pattern.get_ref())
                ),
                "this pattern",
                None,
            );
            None
        }
    };
    let require_changed_set = ctx.glob_set(&raw.require_changed, false);
    let mut paths_ok = true;
    for p in raw.changelog.iter().chain(raw.checklist.iter()) {
        if let Some(reason) = crate::playbook::compile::path_escape(p.get_ref()) {
            ctx.error(
                "playbook::path-outside-repository",
                p.span(),
                format!("the path `{}` {reason}", p.get_ref()),
                "not a repository-relative path",
                None,
            );
            paths_ok = false;
        }
    }
    if !paths_ok {
        return None;
    }
    Some(super::Params::Release(Params {
        tag_pattern: pattern.get_ref().clone(),
        tag_matcher: tag_matcher?,
        require_changed: raw
            .require_changed
            .iter()
            .map(|s| s.get_ref().clone())
            .collect(),
        require_changed_set: require_changed_set?,
        changelog: raw.changelog.map(Spanned::into_inner),
        checklist: raw.checklist.map(Spanned::into_inner),
    }))
}

pub fn run(p: &Params, snap: &Snapshot, ctx: &RunContext) -> Outcome {
    if ctx.release_version.is_none() && never_released(p, snap) {
        return Outcome::not_applicable_because(
            "release/not-released",
            args([("pattern", p.tag_pattern.as_str().into())]),
        );
    }
    let mut out = Outcome::default();
    if !p.require_changed.is_empty()
        && let Err(e) = since_previous(p, snap, &mut out)
    {
        out.fail_with(e);
        return out;
    }
    if p.changelog.is_some() || p.checklist.is_some() {
        let Some(version) = &ctx.release_version else {
            out.fail_to_evaluate("release/no-version", args([]));
            return out;
        };
        if let Some(changelog) = &p.changelog {
            check_changelog(snap, changelog, version, &mut out);
        }
        if let Some(template) = &p.checklist {
            let path = template.replace("{version}", version);
            if snap.contains(&path) {
                out.evidence.push(evidence_for(
                    snap,
                    &path,
                    None,
                    None,
                    format!("release checklist for {version}"),
                ));
            } else {
                out.findings.push(
                    Finding::say(
                        "release/checklist-missing",
                        args([("path", path.as_str().into()), ("version", version.into())]),
                    )
                    .at(&path, None),
                );
            }
        }
    }
    out
}

/// Without a version and without any release tag nothing is being released yet; `false` when a
/// release tag exists (then a missing version is an ERROR, never a pass).
fn never_released(p: &Params, snap: &Snapshot) -> bool {
    // A shallow clone may hide the tags that exist.
    if snap.is_shallow() {
        return false;
    }
    let matches = |name: &str| p.tag_matcher.is_match(name);
    snap.previous_releases(&matches)
        .is_ok_and(|tags| tags.is_empty())
}

/// Required changes since the previous release tag (the whole history for a first release).
fn since_previous(p: &Params, snap: &Snapshot, out: &mut Outcome) -> Result<(), Said> {
    let matches = |name: &str| p.tag_matcher.is_match(name);
    let tags = snap
        .previous_releases(&matches)
        .map_err(|e| super::history_said(&e))?;
    let (label, changed): (String, Vec<(String, ChangeKind)>) = match tags.first() {
        Some(tag) => {
            out.evidence.push(EvidenceItem {
                path: format!("refs/tags/{}", tag.name),
                blob: None,
                line: None,
                excerpt: None,
                note: Some(format!(
                    "previous release, commit {}",
                    &tag.commit[..tag.commit.len().min(12)]
                )),
            });
            let changes = snap
                .changes_since(&tag.commit)
                .map_err(|e| super::history_said(&e))?;
            (
                tag.name.clone(),
                changes.into_iter().map(|c| (c.path, c.kind)).collect(),
            )
        }
        None if snap.is_shallow() => {
            return Err(Said {
                key: "history/shallow".into(),
                args: args([(
                    "why",
                    phrase(
                        "history/no-tag-reachable",
                        [("pattern", p.tag_pattern.as_str().into())],
                    ),
                )]),
            });
        }
        None => (
            "the start of the history (no previous release tag)".into(),
            snap.paths()
                .map(|path| (path.to_string(), ChangeKind::Added))
                .collect(),
        ),
    };
    let hits: Vec<&(String, ChangeKind)> = changed
        .iter()
        .filter(|(path, kind)| {
            matches!(
                kind,
                ChangeKind::Added | ChangeKind::Modified | ChangeKind::Renamed
            ) && p.require_changed_set.is_match(path)
        })
        .collect();
    for (path, kind) in hits.iter().take(10) {
        out.evidence.push(evidence_for(
            snap,
            path,
            None,
            None,
            format!("{} since {label}", kind.as_str()),
        ));
    }
    if hits.is_empty() {
        let globs = ("globs", p.require_changed.join("`, `").into());
        out.findings.push(match tags.first() {
            Some(tag) => Finding::say(
                "release/nothing-changed",
                args([globs, ("tag", tag.name.as_str().into())]),
            ),
            None => Finding::say("release/nothing-changed#first-release", args([globs])),
        });
    }
    Ok(())
}

fn check_changelog(snap: &Snapshot, changelog: &str, version: &str, out: &mut Outcome) {
    if !snap.contains(changelog) {
        out.findings.push(
            Finding::say(
                "release/changelog-missing",
                args([("path", changelog.into())]),
            )
            .at(changelog, None),
        );
        return;
    }
    let text = match snap.read(changelog) {
        Content::Text(t) => t,
        other => {
            out.fail_as(super::files::unreadable(
                "release/unreadable",
                changelog,
                &other,
            ));
            return;
        }
    };
    match version_entry(&text, version) {
        Some((line, offset)) => out.evidence.push(evidence_for(
            snap,
            changelog,
            Some(line),
            Some(line_at(&text, offset)),
            format!("changelog entry for {version}"),
        )),
        None => out.findings.push(
            Finding::say(
                "release/changelog-no-entry",
                args([("path", changelog.into()), ("version", version.into())]),
            )
            .at(changelog, None),
        ),
    }
}

/// The line of a heading (`## [1.2.0] - 2026-01-01`, `## v1.2.0`) or list line naming the version,
/// with the version as a whole word (1.2.0 must not match 1.2.0-rc.1 or 11.2.0).
fn version_entry(text: &str, version: &str) -> Option<(u32, usize)> {
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let t = line.trim_start();
        let entry_line =
            t.starts_with('#') || t.starts_with("- ") || t.starts_with("* ") || t.starts_with('[');
        if entry_line && contains_version(t, version) {
            return Some((i as u32 + 1, offset));
        }
        offset += line.len();
    }
    None
}

fn contains_version(line: &str, version: &str) -> bool {
    let boundary =
        |c: Option<char>| c.is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'));
    line.match_indices(version).any(|(i, _)| {
        let before = line[..i].chars().last();
        let before_ok =
            boundary(before) || before == Some('v') && boundary(line[..i - 1].chars().last());
        before_ok && boundary(line[i + version.len()..].chars().next())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changelog_entries_are_found_by_whole_version() {
        let text = "# Changelog\n\n## [Unreleased]\n\n## [1.2.0-rc.1] - 2026-01-01\n\n## [11.2.0]\n\n## v1.2.0 - 2026-02-01\n";
        assert_eq!(version_entry(text, "1.2.0").map(|(l, _)| l), Some(9));
        assert_eq!(version_entry(text, "1.2.0-rc.1").map(|(l, _)| l), Some(5));
        assert_eq!(version_entry(text, "1.3.0"), None);
        assert_eq!(
            version_entry("- 1.2.0: fixes\n", "1.2.0").map(|(l, _)| l),
            Some(1)
        );
        assert_eq!(version_entry("Released 1.2.0 today\n", "1.2.0"), None);
    }
}
