//! alint configs (`.alint.yml`, asamarts/alint): `rules` is a list of
//! `{ id, kind, level, paths, message, policy_url, when, fix, … }`.

use super::tree::{Node, Value};
use super::{Draft, Param, Problems, Skipped, Translation, control_id, globs, regex};
use crate::playbook::schema::Level;

const TRANSLATED: &[&str] = &[
    "file_exists",
    "file_absent",
    "dir_exists",
    "dir_absent",
    "file_content_matches",
    "file_content_forbidden",
];

/// alint's other rule kinds: known, not expressible in a playbook.
const NOT_TRANSLATED: &[&str] = &[
    "changeset_requires_path",
    "command",
    "command_idempotent",
    "commented_out_code",
    "cross_file",
    "cross_file_value_equals",
    "dir_contains",
    "dir_only_contains",
    "every_matching_has",
    "executable_bit",
    "executable_has_shebang",
    "file_ends_with",
    "file_footer",
    "file_hash",
    "file_header",
    "file_is_ascii",
    "file_is_text",
    "file_max_lines",
    "file_max_size",
    "file_min_lines",
    "file_min_size",
    "file_shebang",
    "file_starts_with",
    "filename_case",
    "filename_regex",
    "final_newline",
    "for_each_dir",
    "for_each_file",
    "generated_file_fresh",
    "git_blame_age",
    "git_commit_message",
    "git_no_denied_paths",
    "import_gate",
    "indent_style",
    "json_path_equals",
    "json_path_matches",
    "json_schema_passes",
    "line_endings",
    "line_max_width",
    "markdown_paths_resolve",
    "max_consecutive_blank_lines",
    "max_directory_depth",
    "max_files_per_directory",
    "no_bidi_controls",
    "no_case_conflicts",
    "no_empty_files",
    "no_illegal_windows_names",
    "no_merge_conflict_markers",
    "no_submodules",
    "no_symlinks",
    "no_trailing_whitespace",
    "no_zero_width_chars",
    "pair",
    "path_case",
    "path_regex",
    "toml_path_equals",
    "toml_path_matches",
    "yaml_path_equals",
    "yaml_path_matches",
];

pub(super) fn translate(root: &Node, problems: &mut Problems) -> Translation {
    let mut out = Translation {
        tool: "alint",
        ..Translation::default()
    };
    if root.get("extends").is_some() {
        out.notes.push(
            "`extends` is not followed (bundled rulesets and other files): import them too".into(),
        );
    }
    if root.get("ignore").is_some() {
        out.notes
            .push("`ignore` is not translated: gonogo reads what git tracks".into());
    }
    if root.get("facts").is_some() {
        out.notes
            .push("`facts` have no equivalent: rules with `when` are written commented out".into());
    }
    let Some(Value::List(rules)) = root.get("rules").map(|r| &r.value) else {
        return out;
    };
    for rule in rules {
        rule_of(rule, problems, &mut out);
    }
    out
}

fn rule_of(rule: &Node, problems: &mut Problems, out: &mut Translation) {
    let Some(name) = rule.get("id").and_then(Node::str) else {
        problems.invalid(rule, "a rule without an `id` (a string)".into());
        return;
    };
    let Some(kind_node) = rule.get("kind") else {
        problems.invalid(rule, format!("rule `{name}` has no `kind`"));
        return;
    };
    let Some(kind) = kind_node.str() else {
        problems.invalid(
            kind_node,
            format!("the `kind` of rule `{name}` is not a string"),
        );
        return;
    };
    let level = match rule.get("level").map(|l| (l, l.str())) {
        Some((_, Some("error"))) => Level::Must,
        Some((_, Some("warning"))) => Level::Should,
        Some((_, Some("info"))) => Level::May,
        Some((_, Some("off"))) => {
            out.skipped.push(skipped(name, kind, "its level is `off`"));
            return;
        }
        Some((node, _)) => {
            problems.invalid(
                node,
                format!("the level of rule `{name}` must be `error`, `warning`, `info` or `off`"),
            );
            return;
        }
        None => {
            problems.invalid(rule, format!("rule `{name}` has no `level`"));
            return;
        }
    };
    if NOT_TRANSLATED.contains(&kind) {
        out.skipped.push(skipped(
            name,
            kind,
            "gonogo's `files` control checks presence and content patterns only",
        ));
        return;
    }
    if !TRANSLATED.contains(&kind) {
        problems.add(
            "import::unknown-rule-type",
            kind_node.at,
            format!("rule `{name}` has the kind `{kind}`, which import does not know"),
            Some(format!(
                "kinds import translates: {}; it lists the other alint kinds it knows as not translated",
                TRANSLATED.join(", ")
            )),
        );
        return;
    }
    let mut draft = Draft {
        rule: name.to_string(),
        id: control_id(name, &out.drafts),
        level,
        title: crate::playbook::forgiving::title_from_id(name),
        rationale: rule
            .get("policy_url")
            .and_then(Node::str)
            .map(|u| format!("See {u}")),
        remediation: rule.get("message").and_then(Node::str).map(str::to_string),
        params: Vec::new(),
        notes: Vec::new(),
        disabled: None,
    };
    if let Err(why) = params(kind, rule, &mut draft) {
        out.skipped.push(skipped(name, kind, &why));
        return;
    }
    if let Some(when) = rule.get("when").and_then(Node::str) {
        draft.disabled = Some(format!(
            "alint applies it only when `{when}`; gonogo has no such condition: uncomment it if it applies"
        ));
    }
    if rule.get("fix").is_some() {
        draft.notes.push("alint's `fix` is not translated".into());
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

/// `paths`: a glob, a list (`!glob` excludes), or `{ include, exclude }`.
fn paths(rule: &Node, notes: &mut Vec<String>) -> Result<Vec<String>, String> {
    let spec = rule.get("paths").ok_or("it has no `paths`")?;
    let (include, exclude) = match &spec.value {
        Value::Map(_) => (
            spec.get("include")
                .and_then(Node::strings)
                .unwrap_or_default(),
            spec.get("exclude")
                .and_then(Node::strings)
                .unwrap_or_default(),
        ),
        _ => {
            let all = spec
                .strings()
                .ok_or("its `paths` is not a glob or a list of globs")?;
            let (ex, inc): (Vec<String>, Vec<String>) =
                all.into_iter().partition(|p| p.starts_with('!'));
            (inc, ex)
        }
    };
    if !exclude.is_empty() {
        notes.push(format!(
            "the exclusions {} are not translated: gonogo's globs have no exceptions",
            exclude.join(", ")
        ));
    }
    let kept = globs(&include, notes);
    if kept.is_empty() {
        return Err("none of its `paths` can be read as a gonogo glob".into());
    }
    Ok(kept)
}

fn params(kind: &str, rule: &Node, draft: &mut Draft) -> Result<(), String> {
    let notes = &mut draft.notes;
    let found = paths(rule, notes)?;
    if rule.get("root_only").and_then(Node::bool) == Some(true) {
        notes.push("`root_only` is not translated: write the paths relative to the root".into());
    }
    let below = |g: &Vec<String>| g.iter().map(|g| format!("{g}/**")).collect::<Vec<_>>();
    let pattern = || -> Result<String, String> {
        let p = rule
            .get("pattern")
            .and_then(Node::str)
            .ok_or("it has no `pattern`")?;
        regex(p, "")
    };
    draft.params = match kind {
        "file_exists" => vec![("require-any", Param::List(found))],
        "file_absent" => vec![("forbid", Param::List(found))],
        "dir_exists" => vec![("require-any", Param::List(below(&found)))],
        "dir_absent" => vec![("forbid", Param::List(below(&found)))],
        "file_content_matches" => vec![
            ("content-in", Param::List(found)),
            ("must-match", Param::List(vec![pattern()?])),
        ],
        "file_content_forbidden" => vec![
            ("content-in", Param::List(found)),
            ("must-not-match", Param::List(vec![pattern()?])),
        ],
        _ => return Err(format!("`{kind}` is not translated")),
    };
    Ok(())
}
