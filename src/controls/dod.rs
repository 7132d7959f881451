//! `dod`: a Definition of Done with enough checklist items and the required ones, a release
//! checklist with every item ticked, and a pull request template with a checklist.

use globset::GlobSet;
use regex::Regex;
use serde::Deserialize;
use toml::Spanned;
use toml::de::DeTable;

use super::{CodeInfo, KindInfo, Outcome, ParamInfo, RunContext, evidence_for};
use crate::controls::markdown::{self, TaskItem};
use crate::evidence::Finding;
use crate::evidence::messages::{Arg, args};
use crate::playbook::compile::{Ctx, path_escape};
use crate::snapshot::{Content, Snapshot};

pub const KIND: KindInfo = KindInfo {
    name: "dod",
    summary: "A Definition of Done with the required checklist items, a fully ticked release checklist, a pull request template with a checklist",
    params: &[
        ParamInfo {
            name: "definition-of-done",
            ty: "[glob]",
            default: "DEFINITION_OF_DONE.md, DEFINITION-OF-DONE.md, DOD.md, and the same in docs/ and .github/",
            doc: "where the Definition of Done may be, ignoring case; the first glob that matches wins; `[]` skips this part",
        },
        ParamInfo {
            name: "min-items",
            ty: "integer",
            default: "1",
            doc: "how many checklist items (`- [ ]` or `- [x]`) the Definition of Done must have",
        },
        ParamInfo {
            name: "required-items",
            ty: "[regex]",
            default: "[]",
            doc: "each regex must match the text of some checklist item of the Definition of Done",
        },
        ParamInfo {
            name: "release-checklist",
            ty: "[template]",
            default: "[]",
            doc: "where the release checklist is, `{version}` replaced by the release version; the first that exists counts; every item must be ticked",
        },
        ParamInfo {
            name: "pr-template",
            ty: "bool",
            default: "false",
            doc: "require a pull request (or GitLab merge request) template with a checklist",
        },
        ParamInfo {
            name: "pr-template-min-items",
            ty: "integer",
            default: "1",
            doc: "how many checklist items each pull request template must have",
        },
    ],
    codes: &[
        CodeInfo {
            code: "dod/missing",
            doc: "no file matches `definition-of-done`",
        },
        CodeInfo {
            code: "dod/too-few-items",
            doc: "the Definition of Done has fewer checklist items than `min-items`",
        },
        CodeInfo {
            code: "dod/missing-item",
            doc: "no checklist item of the Definition of Done matches a `required-items` regex",
        },
        CodeInfo {
            code: "dod/missing-release-checklist",
            doc: "no file exists at any `release-checklist` template for the release version",
        },
        CodeInfo {
            code: "dod/empty-release-checklist",
            doc: "the release checklist has no checklist items",
        },
        CodeInfo {
            code: "dod/unchecked-release-item",
            doc: "a release checklist item is not ticked",
        },
        CodeInfo {
            code: "dod/missing-pr-template",
            doc: "`pr-template` is set and no pull or merge request template exists",
        },
        CodeInfo {
            code: "dod/pr-template-too-few-items",
            doc: "a pull request template has fewer checklist items than `pr-template-min-items`",
        },
        CodeInfo {
            code: "dod/unreadable",
            doc: "a checked file is binary, too large, a link or unreadable",
        },
    ],
    compile,
};

const DEFAULT_DOD: &[&str] = &[
    "DEFINITION_OF_DONE.md",
    "DEFINITION-OF-DONE.md",
    "DOD.md",
    "docs/DEFINITION_OF_DONE.md",
    "docs/DEFINITION-OF-DONE.md",
    "docs/DOD.md",
    ".github/DEFINITION_OF_DONE.md",
    ".github/DEFINITION-OF-DONE.md",
];

/// Where GitHub and GitLab look for pull / merge request templates (matched ignoring case).
const PR_TEMPLATES: &[&str] = &[
    "{,docs/,.github/}pull_request_template.{md,txt}",
    "{,docs/,.github/}PULL_REQUEST_TEMPLATE/*.{md,txt}",
    ".gitlab/merge_request_templates/*.md",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    definition_of_done: Option<Vec<Spanned<String>>>,
    #[serde(default = "one")]
    min_items: usize,
    #[serde(default)]
    required_items: Vec<Spanned<String>>,
    #[serde(default)]
    release_checklist: Vec<Spanned<String>>,
    #[serde(default)]
    pr_template: bool,
    #[serde(default = "one")]
    pr_template_min_items: usize,
}

fn one() -> usize {
    1
}

#[derive(Debug)]
pub struct Params {
    /// One set per glob, so the first glob that matches wins.
    dod: Vec<(String, GlobSet)>,
    min_items: usize,
    required_items: Vec<Regex>,
    release_checklist: Vec<String>,
    pr_template: Option<GlobSet>,
    pr_template_min_items: usize,
}

fn compile(table: Spanned<DeTable<'_>>, ctx: &mut Ctx<'_>) -> Option<super::Params> {
    let span = table.span();
    let raw: Raw = ctx.table(table)?;
    let dod_globs: Vec<Spanned<String>> = match raw.definition_of_done {
        Some(v) => v,
        None => DEFAULT_DOD
            .iter()
            .map(|s| Spanned::new(span.clone(), s.to_string()))
            .collect(),
    };
    if dod_globs.is_empty() && raw.release_checklist.is_empty() && !raw.pr_template {
        ctx.error(
            "playbook::missing-key",
            span.clone(),
            "a `dod` control checks nothing",
            "in this control",
            Some(
                "keep `definition-of-done`, or give `release-checklist` or `pr-template = true`"
                    .into(),
            ),
        );
        return None;
    }
    let mut ok = true;
    if dod_globs.is_empty() && !raw.required_items.is_empty() {
        let at = raw.required_items[0].span();
        ctx.error(
            "playbook::invalid-value",
            at,
            "`required-items` need a Definition of Done",
            "`definition-of-done` is empty",
            Some("remove `definition-of-done = []` or the required items".into()),
        );
        ok = false;
    }
    for tpl in &raw.release_checklist {
        let text = tpl.get_ref();
        if text.replace("{version}", "x").contains(['{', '}']) {
            ctx.error(
                "playbook::invalid-value",
                tpl.span(),
                format!("the template `{text}` has an unknown placeholder"),
                "this template",
                Some("release checklist templates know `{version}`, e.g. `docs/releases/{version}.md`".into()),
            );
            ok = false;
        } else if let Some(reason) = path_escape(text) {
            ctx.error(
                "playbook::path-outside-repository",
                tpl.span(),
                format!("the template `{text}` {reason}"),
                "not a repository-relative path",
                Some("write paths relative to the repository root".into()),
            );
            ok = false;
        }
    }
    let dod: Vec<Option<(String, GlobSet)>> = dod_globs
        .iter()
        .map(|g| {
            ctx.glob_set(std::slice::from_ref(g), true)
                .map(|set| (g.get_ref().clone(), set))
        })
        .collect();
    let required_items: Vec<Option<Regex>> =
        raw.required_items.iter().map(|r| ctx.regex(r)).collect();
    let pr_template = if raw.pr_template {
        let globs: Vec<Spanned<String>> = PR_TEMPLATES
            .iter()
            .map(|s| Spanned::new(span.clone(), s.to_string()))
            .collect();
        Some(ctx.glob_set(&globs, true)?)
    } else {
        None
    };
    if !ok {
        return None;
    }
    Some(super::Params::Dod(Params {
        dod: dod.into_iter().collect::<Option<_>>()?,
        min_items: raw.min_items,
        required_items: required_items.into_iter().collect::<Option<_>>()?,
        release_checklist: raw
            .release_checklist
            .iter()
            .map(|s| s.get_ref().clone())
            .collect(),
        pr_template,
        pr_template_min_items: raw.pr_template_min_items,
    }))
}

pub fn run(p: &Params, snap: &Snapshot, ctx: &RunContext) -> Outcome {
    let mut out = Outcome::default();
    if !p.dod.is_empty() {
        check_dod(p, snap, &mut out);
    }
    if !p.release_checklist.is_empty() {
        check_release(p, snap, ctx, &mut out);
    }
    if let Some(set) = &p.pr_template {
        check_pr_templates(p, set, snap, &mut out);
    }
    out
}

/// The checklist items of a Markdown file, or a finding when it cannot be read.
fn tasks_of(snap: &Snapshot, path: &str, out: &mut Outcome) -> Option<(Vec<TaskItem>, String)> {
    match snap.read(path) {
        Content::Text(text) => {
            let (_, body) = markdown::front_matter(&text);
            let masked = markdown::mask_front_matter(&text, body);
            Some((markdown::outline(&masked).tasks, masked))
        }
        other => {
            out.findings
                .push(super::files::unreadable("dod/unreadable", path, &other));
            None
        }
    }
}

fn line_text(text: &str, line: u32) -> Option<&str> {
    text.lines().nth((line as usize).checked_sub(1)?)
}

fn check_dod(p: &Params, snap: &Snapshot, out: &mut Outcome) {
    let found = p
        .dod
        .iter()
        .find_map(|(_, set)| snap.paths().find(|path| set.is_match(path)));
    let Some(path) = found else {
        out.findings.push(Finding::say(
            "dod/missing",
            args([(
                "globs",
                Arg::AnyOf {
                    any_of: p.dod.iter().map(|(g, _)| format!("`{g}`")).collect(),
                },
            )]),
        ));
        return;
    };
    let Some((tasks, text)) = tasks_of(snap, path, out) else {
        return;
    };
    out.evidence.push(evidence_for(
        snap,
        path,
        None,
        None,
        format!("Definition of Done with {} checklist item(s)", tasks.len()),
    ));
    if tasks.len() < p.min_items {
        out.findings.push(
            Finding::say(
                "dod/too-few-items",
                args([("n", tasks.len().into()), ("min", p.min_items.into())]),
            )
            .at(path, None),
        );
    }
    for re in &p.required_items {
        match tasks.iter().find(|t| re.is_match(&t.text)) {
            Some(t) => out.evidence.push(evidence_for(
                snap,
                path,
                Some(t.line),
                line_text(&text, t.line),
                format!("item matches `{}`", re.as_str()),
            )),
            None => out.findings.push(
                Finding::say("dod/missing-item", args([("pattern", re.as_str().into())]))
                    .at(path, None),
            ),
        }
    }
}

fn check_release(p: &Params, snap: &Snapshot, ctx: &RunContext, out: &mut Outcome) {
    let needs_version = p.release_checklist.iter().any(|t| t.contains("{version}"));
    let version = match (&ctx.release_version, needs_version) {
        (Some(v), _) => v.as_str(),
        (None, false) => "",
        (None, true) => {
            out.fail_to_evaluate(
                "dod/no-version",
                args([("templates", p.release_checklist.join(", ").into())]),
            );
            return;
        }
    };
    let candidates: Vec<String> = p
        .release_checklist
        .iter()
        .map(|t| t.replace("{version}", version))
        .collect();
    let found = candidates.iter().find_map(|c| find_ignoring_case(snap, c));
    let Some(path) = found else {
        out.findings.push(Finding::say(
            "dod/missing-release-checklist",
            args([
                ("version", version.into()),
                (
                    "paths",
                    Arg::AnyOf {
                        any_of: candidates.iter().map(|c| format!("`{c}`")).collect(),
                    },
                ),
            ]),
        ));
        return;
    };
    let Some((tasks, text)) = tasks_of(snap, &path, out) else {
        return;
    };
    out.evidence.push(evidence_for(
        snap,
        &path,
        None,
        None,
        format!("release checklist for version {version}"),
    ));
    if tasks.is_empty() {
        out.findings
            .push(Finding::say("dod/empty-release-checklist", args([])).at(&path, None));
    }
    for t in &tasks {
        if t.checked {
            out.evidence.push(evidence_for(
                snap,
                &path,
                Some(t.line),
                line_text(&text, t.line),
                "ticked",
            ));
        } else {
            out.findings.push(
                Finding::say(
                    "dod/unchecked-release-item",
                    args([("item", t.text.as_str().into())]),
                )
                .at(&path, Some(t.line)),
            );
        }
    }
}

/// The path as written, else the first path equal to it ignoring case.
fn find_ignoring_case(snap: &Snapshot, candidate: &str) -> Option<String> {
    if snap.contains(candidate) {
        return Some(candidate.to_string());
    }
    let wanted = candidate.to_lowercase();
    snap.paths()
        .find(|p| p.to_lowercase() == wanted)
        .map(str::to_string)
}

fn check_pr_templates(p: &Params, set: &GlobSet, snap: &Snapshot, out: &mut Outcome) {
    let templates: Vec<&str> = snap.paths().filter(|path| set.is_match(path)).collect();
    if templates.is_empty() {
        out.findings
            .push(Finding::say("dod/missing-pr-template", args([])));
        return;
    }
    for path in templates {
        let Some((tasks, _)) = tasks_of(snap, path, out) else {
            continue;
        };
        out.evidence.push(evidence_for(
            snap,
            path,
            None,
            None,
            format!(
                "pull request template with {} checklist item(s)",
                tasks.len()
            ),
        ));
        if tasks.len() < p.pr_template_min_items {
            out.findings.push(
                Finding::say(
                    "dod/pr-template-too-few-items",
                    args([
                        ("n", tasks.len().into()),
                        ("min", p.pr_template_min_items.into()),
                    ]),
                )
                .at(path, None),
            );
        }
    }
}
