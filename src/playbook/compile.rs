//! Turning spanned playbook values into compiled matchers, recording each problem at its span.

use std::ops::Range;

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use regex::{Regex, RegexBuilder};
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostics::Problem;

/// Compiled regexes may use at most this much memory each.
const REGEX_SIZE_LIMIT: usize = 1 << 20;
const REGEX_MAX_PATTERN: usize = 4096;

/// Collects problems for one playbook source while its values are compiled.
pub struct Ctx<'a> {
    pub source: usize,
    pub problems: &'a mut Vec<Problem>,
    /// Which kind of file is read: its diagnostic codes say so (`waivers::unknown-key`).
    pub file: FileKind,
}

/// The kinds of policy files, each with its own prefix of diagnostic codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FileKind {
    #[default]
    Playbook,
    Waivers,
}

/// A syntax or type diagnostic's code for the file kind it is in.
fn scoped(file: FileKind, code: &'static str) -> &'static str {
    match (file, code) {
        (FileKind::Waivers, "playbook::unknown-key") => "waivers::unknown-key",
        (FileKind::Waivers, "playbook::missing-key") => "waivers::missing-key",
        (FileKind::Waivers, "playbook::wrong-type") => "waivers::wrong-type",
        (FileKind::Waivers, "playbook::invalid-value") => "waivers::invalid-value",
        (FileKind::Waivers, "playbook::syntax") => "waivers::syntax",
        _ => code,
    }
}

impl Ctx<'_> {
    pub fn error(
        &mut self,
        code: &'static str,
        span: Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
        help: Option<String>,
    ) {
        self.problems.push(Problem {
            code,
            message: message.into(),
            label: label.into(),
            help,
            source: self.source,
            span,
        });
    }

    /// Records a serde/toml error at its span (or at `fallback`).
    pub fn toml_error(&mut self, err: &toml::de::Error, fallback: Range<usize>) {
        let full = err.message().trim().to_string();
        let (code, label, help) = classify(&full);
        let code = scoped(self.file, code);
        // The list of expected keys goes to the help, not twice into the message.
        let (message, help) = match (code, full.split_once(", expected")) {
            ("playbook::unknown-key" | "waivers::unknown-key", Some((head, expected))) => {
                (head.to_string(), Some(suggest_key(head, expected)))
            }
            _ => (full, help),
        };
        self.error(code, err.span().unwrap_or(fallback), message, label, help);
    }

    /// Deserializes a table with its spans kept, so errors point into the file.
    pub fn table<T: DeserializeOwned>(&mut self, table: Spanned<DeTable<'_>>) -> Option<T> {
        let span = table.span();
        match T::deserialize(toml::de::Deserializer::from(table)) {
            Ok(v) => Some(v),
            Err(e) => {
                self.toml_error(&e, span);
                None
            }
        }
    }

    pub fn value<T: DeserializeOwned>(&mut self, value: Spanned<DeValue<'_>>) -> Option<T> {
        let span = value.span();
        match T::deserialize(toml::de::ValueDeserializer::from(value)) {
            Ok(v) => Some(v),
            Err(e) => {
                self.toml_error(&e, span);
                None
            }
        }
    }

    /// Compiles one repository-relative glob. Absolute paths and `..` are refused:
    /// a playbook never reaches outside the repository.
    pub fn glob(&mut self, pattern: &Spanned<String>, case_insensitive: bool) -> Option<Glob> {
        let text = pattern.get_ref();
        if let Some(reason) = path_escape(text) {
            self.error(
                "playbook::path-outside-repository",
                pattern.span(),
                format!("the pattern `{text}` {reason}"),
                "not a repository-relative pattern",
                Some("write paths relative to the repository root, e.g. `docs/**/*.md`".into()),
            );
            return None;
        }
        // Before globset: it compiles nested alternatives recursively (a stack overflow).
        if let Err(why) = crate::support::limits::glob(text) {
            self.error(
                "playbook::invalid-glob",
                pattern.span(),
                format!(
                    "invalid glob `{}`: {why}",
                    crate::support::limits::excerpt(text)
                ),
                "this glob",
                None,
            );
            return None;
        }
        match GlobBuilder::new(text)
            .literal_separator(true)
            .case_insensitive(case_insensitive)
            .backslash_escape(true)
            .empty_alternates(true)
            .build()
        {
            Ok(g) => Some(g),
            Err(e) => {
                self.error(
                    "playbook::invalid-glob",
                    pattern.span(),
                    format!("invalid glob `{text}`: {}", e.kind()),
                    "this glob",
                    Some("globs use `*` within a folder, `**` across folders, `{a,b}` for alternatives".into()),
                );
                None
            }
        }
    }

    /// Compiles a list of globs into one set; `None` when any failed.
    pub fn glob_set(
        &mut self,
        patterns: &[Spanned<String>],
        case_insensitive: bool,
    ) -> Option<GlobSet> {
        let mut builder = GlobSetBuilder::new();
        let mut ok = true;
        for p in patterns {
            match self.glob(p, case_insensitive) {
                Some(g) => {
                    builder.add(g);
                }
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        builder.build().ok()
    }

    /// Compiles a regex with a size limit, so a hostile playbook cannot exhaust memory.
    pub fn regex(&mut self, pattern: &Spanned<String>) -> Option<Regex> {
        let text = pattern.get_ref();
        if text.len() > REGEX_MAX_PATTERN {
            self.error(
                "playbook::invalid-regex",
                pattern.span(),
                format!(
                    "the regex is {} bytes long; at most {REGEX_MAX_PATTERN} are allowed",
                    text.len()
                ),
                "this regex",
                None,
            );
            return None;
        }
        match RegexBuilder::new(text)
            .multi_line(true)
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(REGEX_SIZE_LIMIT)
            .build()
        {
            Ok(r) => Some(r),
            Err(e) => {
                let detail = match &e {
                    regex::Error::CompiledTooBig(_) => {
                        "it compiles to more than the 1 MiB limit".to_string()
                    }
                    other => {
                        let text = other.to_string();
                        let last = text.lines().last().unwrap_or_default().trim();
                        last.strip_prefix("error: ").unwrap_or(last).to_string()
                    }
                };
                self.error(
                    "playbook::invalid-regex",
                    pattern.span(),
                    format!("invalid regex `{text}`: {detail}"),
                    "this regex",
                    Some("the syntax is that of the Rust regex crate (no look-around, no back-references)".into()),
                );
                None
            }
        }
    }
}

/// Why a pattern would leave the repository, if it would.
pub fn path_escape(pattern: &str) -> Option<&'static str> {
    if pattern.starts_with('/') || pattern.starts_with('\\') || pattern.get(1..2) == Some(":") {
        return Some("is absolute");
    }
    if pattern.split(['/', '\\']).any(|part| part == "..") {
        return Some("contains `..`");
    }
    None
}

fn classify(message: &str) -> (&'static str, String, Option<String>) {
    if message.starts_with("unknown field") {
        (
            "playbook::unknown-key",
            "unknown key".into(),
            message
                .split_once(", expected")
                .map(|(_, rest)| format!("expected{rest}")),
        )
    } else if message.starts_with("missing field") {
        ("playbook::missing-key", "in this table".into(), None)
    } else if message.starts_with("invalid type") {
        ("playbook::wrong-type", "wrong type".into(), None)
    } else if message.starts_with("unknown variant") {
        ("playbook::invalid-value", "not allowed here".into(), None)
    } else if message.starts_with("invalid value") || message.starts_with("invalid length") {
        ("playbook::invalid-value", "invalid value".into(), None)
    } else {
        ("playbook::syntax", "here".into(), None)
    }
}

/// "did you mean" for an unknown key, from serde's "unknown field `x`" and its list of expected keys.
fn suggest_key(head: &str, expected: &str) -> String {
    let unknown = head.split('`').nth(1).unwrap_or_default();
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let best = candidates
        .iter()
        .map(|c| (edit_distance(c, unknown), *c))
        .min()
        .filter(|(d, _)| *d <= 3);
    let list = format!("expected{expected}");
    match best {
        Some((_, c)) => format!("did you mean `{c}`? {list}"),
        None => list,
    }
}

/// Levenshtein distance, for suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}
