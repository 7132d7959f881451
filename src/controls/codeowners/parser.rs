//! Reading CODEOWNERS text line by line: sections, rules, and an issue for each line the
//! platform would skip.

use std::collections::HashMap;

use super::owners::owner_error;
use super::patterns::translate;
use super::{Codeowners, Flavor, Issue, IssueKind, Rule, Section, said};
use crate::evidence::messages::{Arg, Said};

/// Parses CODEOWNERS text. Never fails: a line that cannot be used becomes an issue.
pub fn parse(text: &str, flavor: Flavor) -> Codeowners {
    let mut out = Codeowners {
        flavor,
        sections: vec![Section {
            name: String::new(),
            line: None,
            optional: false,
            approvals: None,
        }],
        rules: Vec::new(),
        issues: Vec::new(),
    };
    // Section names are case-insensitive in GitLab; repeated headers merge into one section.
    let mut section_ids: HashMap<String, usize> = HashMap::new();
    let mut current = 0usize;
    let mut defaults: Vec<String> = Vec::new();
    let mut seen: HashMap<(usize, String), u32> = HashMap::new();

    for (i, raw) in text.lines().enumerate() {
        let line_no = (i + 1) as u32;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let invalid = |said: Said| Issue {
            line: line_no,
            kind: IssueKind::Invalid,
            said,
        };
        if flavor == Flavor::Gitlab && (line.starts_with('[') || line.starts_with("^[")) {
            match parse_section(line) {
                Ok(header) => {
                    // Every bad owner is its own issue: fixing the first must not reveal the next.
                    for why in header.owners.iter().filter_map(|o| owner_error(o, flavor)) {
                        out.issues.push(invalid(said(
                            "codeowners/in-section",
                            [
                                ("name", header.name.as_str().into()),
                                (
                                    "why",
                                    Arg::Phrase {
                                        phrase: Box::new(why),
                                    },
                                ),
                            ],
                        )));
                    }
                    let key = header.name.to_lowercase();
                    current = *section_ids.entry(key).or_insert_with(|| {
                        out.sections.push(Section {
                            name: header.name.clone(),
                            line: Some(line_no),
                            optional: header.optional,
                            approvals: header.approvals,
                        });
                        out.sections.len() - 1
                    });
                    defaults = header
                        .owners
                        .into_iter()
                        .filter(|o| owner_error(o, flavor).is_none())
                        .collect();
                }
                Err(message) => out.issues.push(invalid(message)),
            }
            continue;
        }

        let tokens = split_tokens(line, flavor);
        let Some((first, rest)) = tokens.split_first() else {
            continue;
        };
        let mut pattern = first.as_str();
        let owners: Vec<String> = rest
            .iter()
            .take_while(|t| !t.starts_with('#'))
            .cloned()
            .collect();

        let mut exclude = false;
        if let Some(p) = pattern.strip_prefix('!') {
            if flavor == Flavor::Github {
                out.issues.push(invalid(said(
                    "codeowners/github-negation",
                    [("pattern", crate::support::limits::excerpt(pattern).into())],
                )));
                continue;
            }
            exclude = true;
            pattern = p;
        }
        if flavor == Flavor::Github {
            if pattern.contains('[') || pattern.contains(']') {
                out.issues.push(invalid(said(
                    "codeowners/github-ranges",
                    [("pattern", crate::support::limits::excerpt(pattern).into())],
                )));
                continue;
            }
            if pattern.starts_with("\\#") {
                out.issues.push(invalid(said(
                    "codeowners/github-escaped-hash",
                    [("pattern", crate::support::limits::excerpt(pattern).into())],
                )));
                continue;
            }
        }
        let owner_errors: Vec<Said> = owners
            .iter()
            .filter_map(|o| owner_error(o, flavor))
            .collect();
        if !owner_errors.is_empty() {
            out.issues.extend(owner_errors.into_iter().map(invalid));
            continue;
        }
        let globs = match translate(pattern) {
            Ok(g) => g,
            Err(why) => {
                let why = if pattern.is_empty() {
                    crate::evidence::messages::phrase("codeowners/empty-pattern", [])
                } else {
                    why.into()
                };
                out.issues.push(invalid(said(
                    "codeowners/bad-pattern",
                    [
                        ("pattern", crate::support::limits::excerpt(pattern).into()),
                        ("why", why),
                    ],
                )));
                continue;
            }
        };
        let key = (
            current,
            format!("{}{pattern}", if exclude { "!" } else { "" }),
        );
        if let Some(&first) = seen.get(&key) {
            out.issues.push(Issue {
                line: line_no,
                kind: IssueKind::Duplicate { first },
                said: said(
                    "codeowners/duplicate",
                    [("pattern", key.1.as_str().into()), ("first", first.into())],
                ),
            });
        } else {
            seen.insert(key, line_no);
        }
        let default_owners = owners.is_empty() && !exclude && !defaults.is_empty();
        out.rules.push(Rule {
            line: line_no,
            pattern: pattern.to_string(),
            owners: if default_owners {
                defaults.clone()
            } else {
                owners
            },
            default_owners,
            section: current,
            exclude,
            globs,
        });
    }
    out
}

struct Header {
    name: String,
    optional: bool,
    approvals: Option<u32>,
    owners: Vec<String>,
}

/// `^[Name][2] @owner …`
fn parse_section(line: &str) -> Result<Header, Said> {
    let header = || ("header", Arg::from(line));
    let (optional, rest) = match line.strip_prefix('^') {
        Some(r) => (true, r),
        None => (false, line),
    };
    let rest = rest.strip_prefix('[').unwrap_or(rest);
    let Some(end) = rest.find(']') else {
        return Err(said("codeowners/header-unclosed", [header()]));
    };
    let name = rest[..end].trim();
    if name.is_empty() {
        return Err(said("codeowners/header-no-name", [header()]));
    }
    let mut rest = &rest[end + 1..];
    let mut approvals = None;
    if let Some(r) = rest.strip_prefix('[') {
        let Some(end) = r.find(']') else {
            return Err(said("codeowners/approvals-unclosed", [header()]));
        };
        match r[..end].trim().parse::<u32>() {
            Ok(n) if n >= 1 => approvals = Some(n),
            _ => {
                return Err(said(
                    "codeowners/approvals-not-a-count",
                    [header(), ("count", r[..end].into())],
                ));
            }
        }
        rest = &r[end + 1..];
    }
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return Err(said(
            "codeowners/header-trailing",
            [header(), ("found", rest.trim().into())],
        ));
    }
    let owners = rest
        .split_whitespace()
        .take_while(|t| !t.starts_with('#'))
        .map(str::to_string)
        .collect();
    Ok(Header {
        name: name.to_string(),
        optional,
        approvals,
        owners,
    })
}

/// Splits on whitespace; GitLab lets `\ ` escape a space inside a pattern.
fn split_tokens(line: &str, flavor: Flavor) -> Vec<String> {
    if flavor == Flavor::Github {
        return line.split_whitespace().map(str::to_string).collect();
    }
    let mut tokens = Vec::new();
    let mut cur = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_whitespace()) {
            // Keep the backslash: the glob compiler reads `\ ` as a literal space.
            cur.push('\\');
            cur.extend(chars.next());
        } else if c.is_whitespace() {
            if !cur.is_empty() {
                tokens.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        tokens.push(cur);
    }
    tokens
}
