//! repolinter rulesets (version 2, todogroup/repolinter): `rules` maps a name to
//! `{ level, rule: { type, options }, where, policyInfo, policyUrl, fix }`.

use super::tree::{Node, Value};
use super::{Draft, Param, Problems, Skipped, Translation, control_id, globs, regex};
use crate::playbook::schema::Level;

/// Rule types gonogo cannot express, with the reason the playbook gives.
const NOT_TRANSLATED: &[(&str, &str)] = &[
    (
        "any-file-contents",
        "it passes when any one of the files matches; gonogo's `must-match` asks it of every file",
    ),
    (
        "apache-notice",
        "it depends on the license detected; gonogo has no license detection",
    ),
    (
        "best-practices-badge-present",
        "it reads an external badge service; gonogo checks the repository only",
    ),
    (
        "file-hash",
        "gonogo does not compare file hashes; a `files` control with `must-match` can pin key lines",
    ),
    (
        "file-no-broken-links",
        "gonogo does not follow links in Markdown files",
    ),
    (
        "git-grep-commits",
        "gonogo does not search commit contents in history",
    ),
    ("git-grep-log", "gonogo does not search commit messages"),
    (
        "git-list-tree",
        "gonogo does not search the paths of earlier commits",
    ),
    (
        "git-working-tree",
        "gonogo judges the checked state itself (a commit, the index or the worktree)",
    ),
    (
        "json-schema-passes",
        "gonogo does not validate files against a JSON Schema",
    ),
    ("large-file", "gonogo has no file size rule"),
    (
        "license-detectable-by-licensee",
        "gonogo has no license detection; a `files` control requiring LICENSE* checks its presence",
    ),
];

const TRANSLATED: &[&str] = &[
    "file-existence",
    "directory-existence",
    "file-not-exists",
    "file-type-exclusion",
    "file-contents",
    "file-not-contents",
    "file-starts-with",
];

pub(super) fn translate(root: &Node, problems: &mut Problems) -> Translation {
    let mut out = Translation {
        tool: "repolinter",
        ..Translation::default()
    };
    let Some(rules) = root.get("rules") else {
        return out;
    };
    if root.get("version").and_then(|v| match &v.value {
        Value::Number(n) => Some(n.as_str()),
        _ => None,
    }) == Some("1")
        || rules.get("all").is_some()
    {
        problems.add(
            "import::unsupported-version",
            rules.at,
            "this is a repolinter ruleset of version 1".into(),
            Some("import reads version 2 rulesets (`\"version\": 2`, `rules` mapping each name to `{ level, rule: { type, options } }`)".into()),
        );
        return out;
    }
    if root.get("extends").is_some() {
        out.notes
            .push("`extends` is not followed: import the extended ruleset too".into());
    }
    if root.get("axioms").is_some_and(|a| !a.entries().is_empty()) {
        out.notes.push(
            "`axioms` (language, license, packager detection) have no equivalent: rules with `where` are written commented out".into(),
        );
    }
    for (name, rule) in rules.entries() {
        rule_of(name, rule, problems, &mut out);
    }
    out
}

fn rule_of(name: &str, rule: &Node, problems: &mut Problems, out: &mut Translation) {
    let Some(spec) = rule.get("rule") else {
        problems.invalid(
            rule,
            format!("rule `{name}` has no `rule: {{ type, options }}`"),
        );
        return;
    };
    let Some(kind_node) = spec.get("type") else {
        problems.invalid(spec, format!("rule `{name}` has no `type`"));
        return;
    };
    let Some(kind) = kind_node.str() else {
        problems.invalid(
            kind_node,
            format!("the `type` of rule `{name}` is not a string"),
        );
        return;
    };
    let level = match rule.get("level").map(|l| (l, l.str())) {
        Some((_, Some("error"))) | None => Level::Must,
        Some((_, Some("warning"))) => Level::Should,
        Some((_, Some("off"))) => {
            out.skipped.push(skipped(name, kind, "its level is `off`"));
            return;
        }
        Some((node, _)) => {
            problems.invalid(
                node,
                format!("the level of rule `{name}` must be `error`, `warning` or `off`"),
            );
            return;
        }
    };
    if let Some((_, why)) = NOT_TRANSLATED.iter().find(|(k, _)| *k == kind) {
        out.skipped.push(skipped(name, kind, why));
        return;
    }
    if !TRANSLATED.contains(&kind) {
        problems.add(
            "import::unknown-rule-type",
            kind_node.at,
            format!("rule `{name}` has the type `{kind}`, which repolinter does not define"),
            Some(format!(
                "repolinter's types: {}",
                TRANSLATED
                    .iter()
                    .chain(NOT_TRANSLATED.iter().map(|(k, _)| k))
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        );
        return;
    }
    let empty = Node {
        at: spec.at,
        value: Value::Map(Vec::new()),
    };
    let options = spec.get("options").unwrap_or(&empty);
    let mut draft = Draft {
        rule: name.to_string(),
        id: control_id(name, &out.drafts),
        level,
        title: crate::playbook::forgiving::title_from_id(name),
        rationale: rationale(rule),
        remediation: options
            .get("fail-message")
            .and_then(Node::str)
            .map(str::to_string),
        params: Vec::new(),
        notes: Vec::new(),
        disabled: None,
    };
    if let Err(why) = params(kind, options, &mut draft) {
        out.skipped.push(skipped(name, kind, &why));
        return;
    }
    if let Some(w) = rule
        .get("where")
        .and_then(Node::strings)
        .filter(|w| !w.is_empty())
    {
        draft.disabled = Some(format!(
            "repolinter applies it only where {}; gonogo has no such detection: uncomment it if it applies",
            w.join(", ")
        ));
    }
    if rule.get("fix").is_some() {
        draft
            .notes
            .push("repolinter's `fix` is not translated".into());
    }
    out.drafts.push(draft);
}

fn skipped(name: &str, kind: &str, why: &str) -> Skipped {
    Skipped {
        rule: name.to_string(),
        kind: kind.to_string(),
        why: why.to_string(),
    }
}

fn rationale(rule: &Node) -> Option<String> {
    let info = rule.get("policyInfo").and_then(Node::str);
    let url = rule.get("policyUrl").and_then(Node::str);
    match (info, url) {
        (Some(i), Some(u)) => Some(format!("{i} ({u})")),
        (Some(i), None) => Some(i.to_string()),
        (None, Some(u)) => Some(format!("See {u}")),
        (None, None) => None,
    }
}

/// The globs under the first of `keys` that the options have.
fn option_globs(
    options: &Node,
    keys: &[&str],
    notes: &mut Vec<String>,
) -> Result<Vec<String>, String> {
    let Some(list) = keys.iter().find_map(|k| options.get(k)) else {
        return Err(format!("it has no `{}`", keys[0]));
    };
    let list = list
        .strings()
        .ok_or_else(|| format!("its `{}` is not a list of globs", keys[0]))?;
    let kept = globs(&list, notes);
    if kept.is_empty() {
        return Err(format!(
            "none of its globs can be read: {}",
            notes.join("; ")
        ));
    }
    Ok(kept)
}

fn params(kind: &str, options: &Node, draft: &mut Draft) -> Result<(), String> {
    let nocase = options.get("nocase").and_then(Node::bool).unwrap_or(false);
    let notes = &mut draft.notes;
    let mut params: Vec<(&'static str, Param)> = Vec::new();
    match kind {
        "file-existence" | "directory-existence" => {
            let mut found = option_globs(options, &["globsAny", "globsAll"], notes)?;
            let dirs = kind == "directory-existence"
                || options.get("dirs").and_then(Node::bool) == Some(true);
            if dirs {
                // A folder is in git when a file below it is.
                let below: Vec<String> = found.iter().map(|g| format!("{g}/**")).collect();
                if kind == "directory-existence" {
                    found = below;
                } else {
                    found.extend(below);
                }
            }
            params.push(("require-any", Param::List(found)));
        }
        "file-not-exists" => {
            let found = option_globs(options, &["globsAll", "globsAny"], notes)?;
            params.push(("forbid", Param::List(found)));
        }
        "file-type-exclusion" => {
            let found = option_globs(options, &["type"], notes)?;
            params.push(("forbid", Param::List(found)));
        }
        "file-contents" | "file-not-contents" => {
            let found = option_globs(options, &["globsAll", "globsAny"], notes)?;
            let content = options
                .get("content")
                .or_else(|| options.get("contents"))
                .and_then(Node::str)
                .ok_or("it has no `content` regex")?;
            let flags = options.get("flags").and_then(Node::str).unwrap_or("");
            let pattern = regex(content, flags)?;
            if options.get("fail-on-non-existent").and_then(Node::bool) == Some(true) {
                params.push(("require-any", Param::List(found.clone())));
            }
            params.push(("content-in", Param::List(found)));
            let key = if kind == "file-contents" {
                "must-match"
            } else {
                "must-not-match"
            };
            params.push((key, Param::List(vec![pattern])));
        }
        "file-starts-with" => {
            let found = option_globs(options, &["globsAll", "globsAny"], notes)?;
            let patterns = options
                .get("patterns")
                .and_then(Node::strings)
                .ok_or("it has no `patterns`")?;
            let lines: usize = match options.get("lineCount").map(|n| &n.value) {
                Some(Value::Number(n)) => {
                    n.parse().map_err(|_| "its `lineCount` is not a count")?
                }
                _ => return Err("it has no `lineCount`".into()),
            };
            let flags = options.get("flags").and_then(Node::str).unwrap_or("");
            let mut regexes = Vec::new();
            for p in &patterns {
                // Within the first `lines` lines: at most lines-1 whole lines before the match.
                let within = format!(r"\A(?:[^\n]*\n){{0,{}}}[^\n]*?(?:{p})", lines.max(1) - 1);
                regexes.push(regex(&within, flags)?);
            }
            if options.get("skip-paths-matching").is_some() {
                notes.push(
                    "`skip-paths-matching` is not translated: every matching file is inspected"
                        .into(),
                );
            }
            params.push(("content-in", Param::List(found)));
            params.push(("must-match", Param::List(regexes)));
        }
        _ => return Err(format!("`{kind}` is not translated")),
    }
    if nocase {
        params.push(("case-insensitive", Param::Bool(true)));
    }
    draft.params = params;
    Ok(())
}
