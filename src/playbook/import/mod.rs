//! `gonogo playbook import`: a repolinter ruleset or an alint config translated into a playbook.
//! The rules gonogo can express become `files` controls; the rest are listed as comments with
//! the reason. Bad input is a diagnostic with file, line and column, never a panic.

mod alint;
mod repolinter;
mod tree;
mod write;

use std::path::Path;
use std::sync::Arc;

use super::diagnostics::{PlaybookError, Problem, Source};
use super::kinds::ControlKinds;
use super::schema::Level;
use tree::Node;

/// Rulesets larger than this are refused, as playbooks are.
const MAX_RULESET_BYTES: u64 = 4 << 20;

/// One control of the playbook being written.
#[derive(Debug)]
struct Draft {
    /// The rule's name in the source.
    rule: String,
    id: String,
    level: Level,
    title: String,
    rationale: Option<String>,
    remediation: Option<String>,
    params: Vec<(&'static str, Param)>,
    /// What the translation changed or left out, written above the control.
    notes: Vec<String>,
    /// Why the control is written commented out, if it is.
    disabled: Option<String>,
}

#[derive(Debug)]
enum Param {
    List(Vec<String>),
    Bool(bool),
}

/// A rule that was not translated, and why.
#[derive(Debug)]
struct Skipped {
    rule: String,
    kind: String,
    why: String,
}

/// What a ruleset became.
#[derive(Debug, Default)]
struct Translation {
    tool: &'static str,
    drafts: Vec<Draft>,
    skipped: Vec<Skipped>,
    /// Things of the whole file that were not translated.
    notes: Vec<String>,
}

/// Problems found while reading a ruleset, each at a byte offset.
#[derive(Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn add(&mut self, code: &'static str, at: usize, message: String, help: Option<String>) {
        let label = match code {
            "import::syntax" => "here",
            "import::unknown-rule-type" => "unknown rule type",
            _ => "this value",
        };
        self.0.push(Problem {
            code,
            message,
            label: label.into(),
            help,
            source: 0,
            span: at..at,
        });
    }

    fn invalid(&mut self, node: &Node, message: String) {
        self.add("import::invalid-rule", node.at, message, None);
    }
}

/// Reads and translates the ruleset at `path`; checks that the playbook it writes loads.
pub fn import_file(path: &Path, kinds: &dyn ControlKinds) -> Result<String, PlaybookError> {
    let display = path.display().to_string();
    let refuse = |m: String| PlaybookError::plain(m).about("ruleset");
    let meta =
        std::fs::metadata(path).map_err(|e| refuse(format!("cannot read {display}: {e}")))?;
    if meta.len() > MAX_RULESET_BYTES {
        return Err(refuse(format!(
            "{display} is {} bytes; rulesets larger than {MAX_RULESET_BYTES} bytes are refused",
            meta.len()
        )));
    }
    let text =
        std::fs::read_to_string(path).map_err(|e| refuse(format!("cannot read {display}: {e}")))?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| display.clone());
    import_text(&display, &file_name, &text, kinds)
}

/// Translates ruleset text; `display` names it in diagnostics, `file_name` in the playbook.
pub fn import_text(
    display: &str,
    file_name: &str,
    text: &str,
    kinds: &dyn ControlKinds,
) -> Result<String, PlaybookError> {
    let source = Source {
        name: display.to_string(),
        text: Arc::from(text),
        sha256: crate::support::sha256_hex(text.as_bytes()),
    };
    let fail = |problems: Problems| {
        Err(PlaybookError::new(std::slice::from_ref(&source), problems.0).about("ruleset"))
    };
    let mut problems = Problems::default();
    let json = file_name.to_ascii_lowercase().ends_with(".json");
    let root = match tree::parse(text, json) {
        Ok(root) => root,
        Err(e) => {
            problems.add("import::syntax", e.at, e.message, None);
            return fail(problems);
        }
    };
    let rules = root.get("rules");
    let translation = match rules.map(|r| &r.value) {
        Some(tree::Value::Map(_)) => repolinter::translate(&root, &mut problems),
        Some(tree::Value::List(_)) => alint::translate(&root, &mut problems),
        _ => {
            problems.add(
                "import::not-a-ruleset",
                rules.map_or(root.at, |r| r.at),
                format!("{display} is neither a repolinter ruleset nor an alint config"),
                Some("a repolinter ruleset has `rules` as a mapping of named rules (version 2); an alint config has `rules` as a list of rules with `id` and `kind`".into()),
            );
            return fail(problems);
        }
    };
    if !problems.0.is_empty() {
        return fail(problems);
    }
    let playbook = write::playbook(&translation, file_name);
    // What import writes must load; a failure here is gonogo's own mistake, said as such.
    super::load::load_text(
        "imported playbook".into(),
        playbook.clone(),
        "imported playbook".into(),
        kinds,
    )
    .map_err(|e| {
        PlaybookError::plain(format!(
            "the playbook translated from {display} does not load ({e}); please report this"
        ))
        .about("ruleset")
    })?;
    Ok(playbook)
}

/// A control id from a rule name: lowercase, `a-z0-9-_.` only, at most 64, unique.
fn control_id(name: &str, taken: &[Draft]) -> String {
    let mut id: String = name
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    id = id
        .trim_matches(|c: char| !c.is_ascii_alphanumeric())
        .to_string();
    if id.is_empty() {
        id = "rule".into();
    }
    if ["approvals", "dates", "policy", "waivers"].contains(&id.as_str()) {
        id.push_str("-rule");
    }
    id.truncate(60);
    let base = id.clone();
    let mut n = 2;
    while taken.iter().any(|d| d.id == id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// A glob as gonogo reads it, or why it cannot be one.
fn glob(pattern: &str) -> Result<String, String> {
    let pattern = pattern.strip_prefix("./").unwrap_or(pattern);
    if pattern.starts_with('!') {
        return Err(format!(
            "`{pattern}` excludes paths, which gonogo's globs cannot"
        ));
    }
    if let Some(why) = super::compile::path_escape(pattern) {
        return Err(format!("`{pattern}` {why}"));
    }
    crate::support::limits::glob(pattern).map_err(|e| format!("`{pattern}`: {e}"))?;
    globset::Glob::new(pattern).map_err(|e| format!("`{pattern}` is not a glob: {e}"))?;
    Ok(pattern.to_string())
}

/// The globs of a rule, with the ones gonogo cannot read named in `notes`.
fn globs(patterns: &[String], notes: &mut Vec<String>) -> Vec<String> {
    let mut kept = Vec::new();
    for p in patterns {
        match glob(p) {
            Ok(g) => kept.push(g),
            Err(why) => notes.push(format!("left out {why}")),
        }
    }
    kept
}

/// A regex with JavaScript-style flags as gonogo reads it (multi-line mode is gonogo's own).
fn regex(pattern: &str, flags: &str) -> Result<String, String> {
    let mut prefix = String::new();
    for flag in flags.chars() {
        match flag {
            'i' => prefix.push('i'),
            's' => prefix.push('s'),
            'g' | 'm' | 'u' => {}
            other => return Err(format!("the regex flag `{other}` has no equivalent")),
        }
    }
    let pattern = if prefix.is_empty() {
        pattern.to_string()
    } else {
        format!("(?{prefix}){pattern}")
    };
    regex::RegexBuilder::new(&pattern)
        .multi_line(true)
        .size_limit(1 << 20)
        .build()
        .map_err(|e| {
            let first = e.to_string();
            let first = first.lines().last().unwrap_or("").trim().to_string();
            format!("the regex `{pattern}` is not valid in gonogo's regex syntax ({first})")
        })?;
    Ok(pattern)
}
