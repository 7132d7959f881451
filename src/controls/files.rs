//! `files`: required and forbidden paths, and what their content must or must not say.

use globset::GlobSet;
use regex::Regex;
use serde::Deserialize;
use toml::Spanned;
use toml::de::DeTable;

use super::{CodeInfo, KindInfo, Outcome, ParamInfo, evidence_for, line_at, line_of};
use crate::evidence::Finding;
use crate::evidence::messages::{Arg, args};
use crate::playbook::compile::Ctx;
use crate::snapshot::{Content, Snapshot};

pub const KIND: KindInfo = KindInfo {
    name: "files",
    summary: "Required and forbidden paths or globs, and regexes their content must or must not match",
    params: &[
        ParamInfo {
            name: "require",
            ty: "[glob]",
            default: "[]",
            doc: "every glob must match at least `min-count` paths (`{a,b}` for alternatives)",
        },
        ParamInfo {
            name: "require-any",
            ty: "[glob]",
            default: "[]",
            doc: "at least one of these globs must match a path",
        },
        ParamInfo {
            name: "min-count",
            ty: "integer",
            default: "1",
            doc: "how many paths each `require` glob must match",
        },
        ParamInfo {
            name: "allow-empty",
            ty: "bool",
            default: "false",
            doc: "let an empty (or whitespace-only) file satisfy `require` and `require-any`, e.g. a `py.typed` marker",
        },
        ParamInfo {
            name: "forbid",
            ty: "[glob]",
            default: "[]",
            doc: "no path may match these globs",
        },
        ParamInfo {
            name: "forbid-keys",
            ty: "[glob]",
            default: "[]",
            doc: "paths that must not hold a private key, judged by content: a PEM `PRIVATE KEY` block fails, certificates and public keys pass (listed as evidence); binary or unreadable content is forbidden by its name, except a binary key store in a test folder (test data, listed as evidence)",
        },
        ParamInfo {
            name: "case-insensitive",
            ty: "bool",
            default: "false",
            doc: "match globs ignoring case (README.md = readme.md)",
        },
        ParamInfo {
            name: "content-in",
            ty: "[glob]",
            default: "the required files",
            doc: "the files whose content `must-match` and `must-not-match` inspect",
        },
        ParamInfo {
            name: "must-match",
            ty: "[regex]",
            default: "[]",
            doc: "each file inspected must contain a match of every regex (multi-line mode)",
        },
        ParamInfo {
            name: "must-not-match",
            ty: "[regex]",
            default: "[]",
            doc: "no file inspected may contain a match of these regexes",
        },
    ],
    codes: &[
        CodeInfo {
            code: "files/missing",
            doc: "a required glob matches fewer paths than required",
        },
        CodeInfo {
            code: "files/missing-any",
            doc: "none of the `require-any` globs matches a path",
        },
        CodeInfo {
            code: "files/empty",
            doc: "the only files that match a required glob are empty or hold only whitespace",
        },
        CodeInfo {
            code: "files/forbidden",
            doc: "a path matches a forbidden glob",
        },
        CodeInfo {
            code: "files/private-key",
            doc: "a `forbid-keys` path holds a PEM private key",
        },
        CodeInfo {
            code: "files/key-unjudged",
            doc: "a `forbid-keys` path whose content cannot be judged (binary key store, too large, no PEM block): forbidden by its name",
        },
        CodeInfo {
            code: "files/content-missing",
            doc: "an inspected file has no match for a `must-match` regex",
        },
        CodeInfo {
            code: "files/content-forbidden",
            doc: "an inspected file matches a `must-not-match` regex",
        },
        CodeInfo {
            code: "files/unreadable",
            doc: "an inspected file is binary, too large, a link or unreadable",
        },
    ],
    compile,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    #[serde(default)]
    require: Vec<Spanned<String>>,
    #[serde(default)]
    require_any: Vec<Spanned<String>>,
    #[serde(default = "one")]
    min_count: usize,
    #[serde(default)]
    allow_empty: bool,
    #[serde(default)]
    forbid: Vec<Spanned<String>>,
    #[serde(default)]
    forbid_keys: Vec<Spanned<String>>,
    #[serde(default)]
    case_insensitive: bool,
    #[serde(default)]
    content_in: Vec<Spanned<String>>,
    #[serde(default)]
    must_match: Vec<Spanned<String>>,
    #[serde(default)]
    must_not_match: Vec<Spanned<String>>,
}

fn one() -> usize {
    1
}

#[derive(Debug)]
pub struct Params {
    require: Vec<String>,
    require_set: GlobSet,
    require_any: Vec<String>,
    require_any_set: GlobSet,
    min_count: usize,
    allow_empty: bool,
    forbid: Vec<String>,
    forbid_set: GlobSet,
    forbid_keys: GlobSet,
    content_in: Option<GlobSet>,
    must_match: Vec<Regex>,
    must_not_match: Vec<Regex>,
}

impl Params {
    /// Whose content this reads: required files, `forbid-keys` and `content-in` (not `forbid`).
    pub fn reads(&self) -> crate::playbook::Reads {
        let mut sets = vec![
            self.require_set.clone(),
            self.require_any_set.clone(),
            self.forbid_keys.clone(),
        ];
        sets.extend(self.content_in.clone());
        crate::playbook::Reads::Matching(sets)
    }

    /// The globs a file must match to satisfy `require` or `require-any`, as written.
    pub fn wanted(&self) -> impl Iterator<Item = &str> {
        self.require
            .iter()
            .chain(&self.require_any)
            .map(String::as_str)
    }
}

fn compile(table: Spanned<DeTable<'_>>, ctx: &mut Ctx<'_>) -> Option<super::Params> {
    let span = table.span();
    let raw: Raw = ctx.table(table)?;
    let has_content = !raw.must_match.is_empty() || !raw.must_not_match.is_empty();
    if raw.require.is_empty()
        && raw.require_any.is_empty()
        && raw.forbid.is_empty()
        && raw.forbid_keys.is_empty()
        && !has_content
    {
        ctx.error(
            "playbook::missing-key",
            span.clone(),
            "a `files` control checks nothing",
            "in this control",
            Some("give at least one of `require`, `require-any`, `forbid`, `forbid-keys`, `must-match`, `must-not-match`".into()),
        );
        return None;
    }
    if has_content
        && raw.content_in.is_empty()
        && raw.require.is_empty()
        && raw.require_any.is_empty()
    {
        ctx.error(
            "playbook::missing-key",
            span,
            "`must-match` / `must-not-match` need files to inspect",
            "in this control",
            Some(
                "add `content-in = [\"glob\"]`, or `require` the files whose content counts".into(),
            ),
        );
        return None;
    }
    let ci = raw.case_insensitive;
    let require_set = ctx.glob_set(&raw.require, ci);
    let require_any_set = ctx.glob_set(&raw.require_any, ci);
    let forbid_set = ctx.glob_set(&raw.forbid, ci);
    let forbid_keys = ctx.glob_set(&raw.forbid_keys, ci);
    let content_in = if raw.content_in.is_empty() {
        Some(None)
    } else {
        ctx.glob_set(&raw.content_in, ci).map(Some)
    };
    let must_match: Vec<Option<Regex>> = raw.must_match.iter().map(|r| ctx.regex(r)).collect();
    let must_not_match: Vec<Option<Regex>> =
        raw.must_not_match.iter().map(|r| ctx.regex(r)).collect();
    let strings = |v: &[Spanned<String>]| v.iter().map(|s| s.get_ref().clone()).collect::<Vec<_>>();
    Some(super::Params::Files(Params {
        require: strings(&raw.require),
        require_set: require_set?,
        require_any: strings(&raw.require_any),
        require_any_set: require_any_set?,
        min_count: raw.min_count,
        allow_empty: raw.allow_empty,
        forbid: strings(&raw.forbid),
        forbid_set: forbid_set?,
        forbid_keys: forbid_keys?,
        content_in: content_in?,
        must_match: must_match.into_iter().collect::<Option<_>>()?,
        must_not_match: must_not_match.into_iter().collect::<Option<_>>()?,
    }))
}

/// At most this many matching paths per glob are listed as evidence.
const EVIDENCE_PER_GLOB: usize = 5;

pub fn run(p: &Params, snap: &Snapshot, _ctx: &super::RunContext) -> Outcome {
    let mut out = Outcome::default();
    let mut require_hits: Vec<Vec<&str>> = vec![Vec::new(); p.require.len()];
    let mut any_hits: Vec<Vec<&str>> = vec![Vec::new(); p.require_any.len()];
    let mut inspected: Vec<&str> = Vec::new();
    let mut idx = Vec::new();
    for path in snap.paths() {
        let mut required = false;
        // One candidate per path for every glob set (building it splits the path each time).
        let candidate = globset::Candidate::new(path);
        p.require_set.matches_candidate_into(&candidate, &mut idx);
        for &i in &idx {
            require_hits[i].push(path);
            required = true;
        }
        p.require_any_set
            .matches_candidate_into(&candidate, &mut idx);
        for &i in &idx {
            any_hits[i].push(path);
            required = true;
        }
        if p.forbid_set.is_match_candidate(&candidate) {
            let which = p
                .forbid_set
                .matches(path)
                .first()
                .map(|&i| p.forbid[i].clone())
                .unwrap_or_default();
            out.findings.push(
                Finding::say(
                    "files/forbidden",
                    args([("path", path.into()), ("glob", which.into())]),
                )
                .at(path, None),
            );
        }
        if p.forbid_keys.is_match_candidate(&candidate) {
            super::keys::judge_path(snap, path, &mut out);
        }
        let inspect = match &p.content_in {
            Some(set) => set.is_match_candidate(&candidate),
            None => required,
        };
        if inspect {
            inspected.push(path);
        }
    }
    for (glob, hits) in p.require.iter().zip(&require_hits) {
        if hits.len() >= p.min_count && !p.allow_empty {
            let empty = empty_hits(snap, hits, p.min_count);
            for path in empty.iter().take(EVIDENCE_PER_GLOB) {
                out.findings.push(empty_finding(path, glob));
            }
        }
        if hits.len() < p.min_count {
            out.findings.push(if hits.is_empty() {
                Finding::say("files/missing", args([("glob", glob.into())]))
            } else {
                Finding::say(
                    "files/missing#too-few",
                    args([
                        ("glob", glob.into()),
                        ("found", hits.len().into()),
                        ("min", p.min_count.into()),
                    ]),
                )
            });
        }
        for path in hits.iter().take(EVIDENCE_PER_GLOB) {
            out.evidence.push(evidence_for(
                snap,
                path,
                None,
                None,
                format!("matches `{glob}`"),
            ));
        }
    }
    if !p.require_any.is_empty() {
        if any_hits.iter().all(Vec::is_empty) {
            out.findings.push(Finding::say(
                "files/missing-any",
                args([(
                    "globs",
                    Arg::AnyOf {
                        any_of: quoted(&p.require_any),
                    },
                )]),
            ));
        } else if !p.allow_empty {
            let all: Vec<&str> = any_hits.iter().flatten().copied().collect();
            let empty = empty_hits(snap, &all, 1);
            for path in empty.iter().take(EVIDENCE_PER_GLOB) {
                let glob = p
                    .require_any
                    .iter()
                    .zip(&any_hits)
                    .find(|(_, hits)| hits.contains(path))
                    .map_or("", |(g, _)| g.as_str());
                out.findings.push(empty_finding(path, glob));
            }
        }
        for (glob, hits) in p.require_any.iter().zip(&any_hits) {
            for path in hits.iter().take(EVIDENCE_PER_GLOB) {
                out.evidence.push(evidence_for(
                    snap,
                    path,
                    None,
                    None,
                    format!("matches `{glob}`"),
                ));
            }
        }
    }
    if !p.must_match.is_empty() || !p.must_not_match.is_empty() {
        if inspected.is_empty()
            && p.require.is_empty()
            && p.require_any.is_empty()
            && p.forbid.is_empty()
        {
            return Outcome::not_applicable("no file matches `content-in`");
        }
        for path in inspected {
            check_content(p, snap, path, &mut out);
        }
    }
    out
}

/// The empty files among `hits` when fewer than `wanted` of them hold anything; none when
/// enough do. Reads files only until `wanted` non-empty ones are found.
fn empty_hits<'a>(snap: &Snapshot, hits: &[&'a str], wanted: usize) -> Vec<&'a str> {
    let mut empty = Vec::new();
    let mut filled = 0;
    for path in hits {
        match snap.read(path) {
            Content::Text(t) if t.trim().is_empty() => empty.push(*path),
            // Binary, large or unreadable content is something; content checks judge it.
            _ => filled += 1,
        }
        if filled >= wanted {
            return Vec::new();
        }
    }
    empty
}

fn empty_finding(path: &str, glob: &str) -> Finding {
    Finding::say(
        "files/empty",
        args([("path", path.into()), ("glob", glob.into())]),
    )
    .at(path, None)
}

fn check_content(p: &Params, snap: &Snapshot, path: &str, out: &mut Outcome) {
    let text = match snap.read(path) {
        Content::Text(t) => t,
        other => {
            out.findings
                .push(unreadable("files/unreadable", path, &other));
            return;
        }
    };
    for re in &p.must_match {
        match re.find(&text) {
            Some(m) => {
                let line = line_of(&text, m.start());
                out.evidence.push(evidence_for(
                    snap,
                    path,
                    Some(line),
                    Some(line_at(&text, m.start())),
                    format!("matches `{}`", re.as_str()),
                ));
            }
            None => out.findings.push(
                Finding::say(
                    "files/content-missing",
                    args([("path", path.into()), ("pattern", re.as_str().into())]),
                )
                .at(path, None),
            ),
        }
    }
    for re in &p.must_not_match {
        for m in re.find_iter(&text).take(20) {
            let line = line_of(&text, m.start());
            out.findings.push(
                Finding::say(
                    "files/content-forbidden",
                    args([
                        ("path", path.into()),
                        ("line", line.into()),
                        ("pattern", re.as_str().into()),
                    ]),
                )
                .at(path, Some(line)),
            );
            out.evidence.push(evidence_for(
                snap,
                path,
                Some(line),
                Some(line_at(&text, m.start())),
                format!("matches forbidden `{}`", re.as_str()),
            ));
        }
    }
}

/// Why content could not be inspected, in words.
pub fn unreadable_reason(path: &str, content: &Content) -> String {
    unreadable("files/unreadable", path, content).message
}

/// A finding with `code` saying why the content of `path` could not be inspected.
pub fn unreadable(code: &str, path: &str, content: &Content) -> Finding {
    let p = ("path", Arg::from(path));
    let f = match content {
        Content::Text(_) => Finding::say_as(code, "content/text", args([p])),
        Content::Binary => Finding::say_as(code, "content/binary", args([p])),
        Content::TooLarge { size, limit } => Finding::say_as(
            code,
            "content/too-large",
            args([
                p,
                ("size", size.to_string().into()),
                ("limit", limit.to_string().into()),
            ]),
        ),
        Content::Symlink(target) => Finding::say_as(
            code,
            "content/symlink",
            args([p, ("target", target.into())]),
        ),
        Content::Unreadable(why) => {
            Finding::say_as(code, "content/unreadable", args([p, ("why", why.into())]))
        }
    };
    f.at(path, None)
}

fn quoted(items: &[String]) -> Vec<String> {
    items.iter().map(|i| format!("`{i}`")).collect()
}
