//! CODEOWNERS: parsing (GitHub and GitLab dialects) and matching paths to owners.
//! Pure: text in, rules and problems out; no snapshot, no findings.

use std::collections::HashMap;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

/// Which dialect a CODEOWNERS file is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Github,
    Gitlab,
}

impl Flavor {
    pub fn name(self) -> &'static str {
        match self {
            Flavor::Github => "github",
            Flavor::Gitlab => "gitlab",
        }
    }

    /// Where the platform looks for the file, in its order; the first present one counts.
    pub fn locations(self) -> &'static [&'static str] {
        match self {
            Flavor::Github => &[".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"],
            Flavor::Gitlab => &["CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"],
        }
    }
}

/// A GitLab section (`[Name]`, `^[Name]`, `[Name][2] @owner`); GitHub files have one implicit section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub name: String,
    /// Line of the first header with this name; `None` for the implicit leading section.
    pub line: Option<u32>,
    pub optional: bool,
    pub approvals: Option<u32>,
}

/// One pattern line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub line: u32,
    pub pattern: String,
    /// Owners as written, or the section's default owners when the line names none.
    pub owners: Vec<String>,
    /// True when `owners` came from the section header.
    pub default_owners: bool,
    /// Index into `Codeowners::sections`.
    pub section: usize,
    /// GitLab `!pattern`: matching files are excluded from the section's ownership.
    pub exclude: bool,
    /// The pattern translated to globs (see [`translate`]).
    pub globs: Vec<String>,
}

impl Rule {
    /// Whether a file this rule wins for has an owner.
    pub fn owns(&self) -> bool {
        !self.exclude && !self.owners.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueKind {
    /// The platform skips the line (bad owner, unsupported syntax, bad section header).
    Invalid,
    /// The same pattern appeared earlier in the same section, at `first`.
    Duplicate { first: u32 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub line: u32,
    pub kind: IssueKind,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct Codeowners {
    pub flavor: Flavor,
    pub sections: Vec<Section>,
    pub rules: Vec<Rule>,
    pub issues: Vec<Issue>,
}

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
        let invalid = |message: String| Issue {
            line: line_no,
            kind: IssueKind::Invalid,
            message,
        };
        if flavor == Flavor::Gitlab && (line.starts_with('[') || line.starts_with("^[")) {
            match parse_section(line) {
                Ok(header) => {
                    let bad: Vec<&String> = header
                        .owners
                        .iter()
                        .filter(|o| owner_error(o, flavor).is_some())
                        .collect();
                    if let Some(o) = bad.first() {
                        out.issues.push(invalid(format!(
                            "section `{}`: {}",
                            header.name,
                            owner_error(o, flavor).unwrap_or_default()
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
                out.issues.push(invalid(format!(
                    "`{}`: GitHub does not support `!` negation; it skips this line",
                    crate::support::limits::excerpt(pattern)
                )));
                continue;
            }
            exclude = true;
            pattern = p;
        }
        if flavor == Flavor::Github {
            if pattern.contains('[') || pattern.contains(']') {
                out.issues.push(invalid(format!(
                    "`{}`: GitHub does not support `[ ]` character ranges; it skips this line",
                    crate::support::limits::excerpt(pattern)
                )));
                continue;
            }
            if pattern.starts_with("\\#") {
                out.issues.push(invalid(format!(
                    "`{}`: GitHub does not support escaping `#`; it skips this line",
                    crate::support::limits::excerpt(pattern)
                )));
                continue;
            }
        }
        if let Some(why) = owners.iter().find_map(|o| owner_error(o, flavor)) {
            out.issues.push(invalid(why));
            continue;
        }
        let globs = match translate(pattern) {
            Ok(g) => g,
            Err(why) => {
                out.issues.push(invalid(format!(
                    "`{}` is not a valid pattern: {why}",
                    crate::support::limits::excerpt(pattern)
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
                message: format!("`{}` repeats the pattern of line {first}", key.1),
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
fn parse_section(line: &str) -> Result<Header, String> {
    let (optional, rest) = match line.strip_prefix('^') {
        Some(r) => (true, r),
        None => (false, line),
    };
    let rest = rest.strip_prefix('[').unwrap_or(rest);
    let Some(end) = rest.find(']') else {
        return Err(format!("`{line}`: a section header needs a closing `]`"));
    };
    let name = rest[..end].trim();
    if name.is_empty() {
        return Err(format!("`{line}`: the section name is empty"));
    }
    let mut rest = &rest[end + 1..];
    let mut approvals = None;
    if let Some(r) = rest.strip_prefix('[') {
        let Some(end) = r.find(']') else {
            return Err(format!("`{line}`: the approval count needs a closing `]`"));
        };
        match r[..end].trim().parse::<u32>() {
            Ok(n) if n >= 1 => approvals = Some(n),
            _ => {
                return Err(format!(
                    "`{line}`: the approval count `{}` is not a number of at least 1",
                    &r[..end]
                ));
            }
        }
        rest = &r[end + 1..];
    }
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return Err(format!(
            "`{line}`: expected owners after the section header, found `{}`",
            rest.trim()
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

/// Why an owner token is not valid, if it is not.
pub fn owner_error(owner: &str, flavor: Flavor) -> Option<String> {
    let name_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    if let Some(role) = owner.strip_prefix("@@") {
        let known = [
            "developer",
            "developers",
            "maintainer",
            "maintainers",
            "owner",
            "owners",
        ];
        return match flavor {
            Flavor::Gitlab if known.contains(&role.to_ascii_lowercase().as_str()) => None,
            Flavor::Gitlab => Some(format!(
                "`{owner}` is not a role; GitLab knows @@developer, @@maintainer and @@owner"
            )),
            Flavor::Github => Some(format!("`{owner}`: roles (`@@…`) are GitLab syntax")),
        };
    }
    if let Some(handle) = owner.strip_prefix('@') {
        let parts: Vec<&str> = handle.split('/').collect();
        let parts_ok = parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(name_char));
        let shape_ok = match flavor {
            Flavor::Github => {
                parts.len() <= 2 && !parts[0].contains(['_', '.']) && !parts[0].starts_with('-')
            }
            Flavor::Gitlab => true,
        };
        return if parts_ok && shape_ok {
            None
        } else {
            Some(format!(
                "`{owner}` is not a valid owner (expected @user, @org/team or an e-mail address)"
            ))
        };
    }
    if is_email(owner) {
        return None;
    }
    Some(format!(
        "`{owner}` is not a valid owner (expected @user, @org/team or an e-mail address)"
    ))
}

/// A plain `local@domain.tld` check; CODEOWNERS needs no more.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let ok = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    !local.is_empty()
        && local.chars().all(ok)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

/// Translates a CODEOWNERS pattern to globs (`*` never crosses `/`).
///
/// - a leading `/`, or a `/` inside the pattern, anchors it at the root; otherwise it
///   matches at any depth (`*.rs` → `**/*.rs`);
/// - a trailing `/` matches a folder and everything below (`docs/` → `**/docs/**`);
/// - otherwise the pattern matches a path itself and, when it names a folder, everything
///   below it — except a last segment of exactly `*` (`docs/*`), which matches direct
///   children only, as GitHub documents.
pub fn translate(pattern: &str) -> Result<Vec<String>, String> {
    let dir_only = pattern.ends_with('/');
    let trimmed = pattern.trim_end_matches('/');
    let anchored_root = trimmed.starts_with('/');
    let rest = trimmed.trim_start_matches('/');
    if rest.is_empty() {
        // `/` alone: the whole repository.
        return if pattern.is_empty() {
            Err("the pattern is empty".into())
        } else {
            Ok(vec!["**".into()])
        };
    }
    let anchored = anchored_root || rest.contains('/');
    let base = if anchored || rest.starts_with("**") {
        rest.to_string()
    } else {
        format!("**/{rest}")
    };
    let globs = if base.ends_with("/**") || base == "**" {
        vec![base]
    } else if dir_only {
        vec![format!("{base}/**")]
    } else if base.rsplit('/').next() == Some("*") {
        vec![base]
    } else {
        vec![base.clone(), format!("{base}/**")]
    };
    for g in &globs {
        build_glob(g)?;
    }
    Ok(globs)
}

fn build_glob(glob: &str) -> Result<globset::Glob, String> {
    // Before globset: it compiles nested alternatives recursively (a stack overflow).
    crate::support::limits::glob(glob)?;
    GlobBuilder::new(glob)
        .literal_separator(true)
        .backslash_escape(true)
        .build()
        .map_err(|e| e.kind().to_string())
}

/// All rules' globs in one set, for last-match-wins over many paths in one pass.
#[derive(Debug)]
pub struct Matcher {
    set: GlobSet,
    /// Rule index of each glob in `set`.
    rule_of: Vec<usize>,
}

impl Matcher {
    pub fn new(co: &Codeowners) -> Result<Matcher, String> {
        let mut builder = GlobSetBuilder::new();
        let mut rule_of = Vec::new();
        for (r, rule) in co.rules.iter().enumerate() {
            for g in &rule.globs {
                builder.add(build_glob(g)?);
                rule_of.push(r);
            }
        }
        let set = builder.build().map_err(|e| e.to_string())?;
        Ok(Matcher { set, rule_of })
    }

    /// The rules that match `path` (into `hits`, ascending) and the winner per section
    /// (into `winners`): the last matching rule of each section.
    pub fn matches(
        &self,
        co: &Codeowners,
        path: &str,
        scratch: &mut Vec<usize>,
        hits: &mut Vec<usize>,
        winners: &mut Vec<usize>,
    ) {
        self.set.matches_into(path, scratch);
        hits.clear();
        hits.extend(scratch.iter().map(|&g| self.rule_of[g]));
        hits.sort_unstable();
        hits.dedup();
        winners.clear();
        for &r in hits.iter() {
            let section = co.rules[r].section;
            match winners
                .iter_mut()
                .find(|w| co.rules[**w].section == section)
            {
                // `hits` is ascending, so a later rule replaces an earlier one.
                Some(w) => *w = r,
                None => winners.push(r),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owners_of(co: &Codeowners, path: &str) -> Vec<String> {
        let m = Matcher::new(co).expect("matcher");
        let (mut s, mut h, mut w) = (Vec::new(), Vec::new(), Vec::new());
        m.matches(co, path, &mut s, &mut h, &mut w);
        let mut owners: Vec<String> = w
            .iter()
            .filter(|&&r| co.rules[r].owns())
            .flat_map(|&r| co.rules[r].owners.clone())
            .collect();
        owners.sort();
        owners
    }

    fn glob_matches(pattern: &str, path: &str) -> bool {
        let co = parse(&format!("{pattern} @x"), Flavor::Github);
        assert!(co.issues.is_empty(), "{:?}", co.issues);
        !owners_of(&co, path).is_empty()
    }

    #[test]
    fn translation_follows_gitignore_rules() {
        assert_eq!(translate("*.rs").unwrap(), ["**/*.rs", "**/*.rs/**"]);
        assert_eq!(translate("/docs/").unwrap(), ["docs/**"]);
        assert_eq!(translate("apps/").unwrap(), ["**/apps/**"]);
        assert_eq!(translate("docs/*").unwrap(), ["docs/*"]);
        assert_eq!(
            translate("/build/logs").unwrap(),
            ["build/logs", "build/logs/**"]
        );
        assert_eq!(translate("**/logs").unwrap(), ["**/logs", "**/logs/**"]);
        assert_eq!(translate("/").unwrap(), ["**"]);
        assert!(translate("a[b").is_err());
    }

    #[test]
    fn anchoring_depth_and_trailing_slash() {
        assert!(glob_matches("*.js", "a/b/c.js"));
        assert!(glob_matches("*.js", "c.js"));
        assert!(!glob_matches("/*.js", "a/c.js"));
        assert!(glob_matches("/*.js", "c.js"));
        assert!(glob_matches("apps/", "x/apps/y/z.txt"));
        assert!(!glob_matches("apps/", "apps"));
        assert!(glob_matches("/docs/", "docs/a/b.md"));
        assert!(!glob_matches("/docs/", "x/docs/a.md"));
        // A slash inside anchors, as in gitignore.
        assert!(!glob_matches("docs/a.md", "x/docs/a.md"));
        assert!(glob_matches("docs/*", "docs/a.md"));
        assert!(!glob_matches("docs/*", "docs/x/a.md"));
        assert!(glob_matches("docs", "docs/x/a.md"));
        assert!(glob_matches("docs/**/*.md", "docs/x/y/a.md"));
        assert!(!glob_matches("src/*.rs", "src/x/a.rs"));
        assert!(glob_matches("*", ".github/workflows/ci.yml"));
    }

    #[test]
    fn last_match_wins() {
        let co = parse(
            "* @all\n*.rs @rust\n/src/legacy/ @legacy\n/src/legacy/keep.rs\n",
            Flavor::Github,
        );
        assert!(co.issues.is_empty());
        assert_eq!(owners_of(&co, "README.md"), ["@all"]);
        assert_eq!(owners_of(&co, "src/main.rs"), ["@rust"]);
        assert_eq!(owners_of(&co, "src/legacy/old.rs"), ["@legacy"]);
        // A pattern without owners unowns.
        assert!(owners_of(&co, "src/legacy/keep.rs").is_empty());
    }

    #[test]
    fn github_reports_unsupported_syntax_and_bad_owners() {
        let text = "# comment\n!*.md @a\n*.[ch] @b\n\\#file @c\n*.rs user\n*.py @@maintainer\n*.go @org/team/sub\n*.ts @good @org/team dev@example.com # trailing\n";
        let co = parse(text, Flavor::Github);
        let lines: Vec<u32> = co.issues.iter().map(|i| i.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6, 7]);
        assert_eq!(co.rules.len(), 1);
        assert_eq!(
            co.rules[0].owners,
            ["@good", "@org/team", "dev@example.com"]
        );
    }

    #[test]
    fn duplicates_are_reported_at_the_later_line() {
        let co = parse("*.rs @a\n*.md @b\n*.rs @c\n", Flavor::Github);
        assert_eq!(
            co.issues,
            [Issue {
                line: 3,
                kind: IssueKind::Duplicate { first: 1 },
                message: "`*.rs` repeats the pattern of line 1".into()
            }]
        );
        // The later line still counts: last match wins.
        assert_eq!(owners_of(&co, "a.rs"), ["@c"]);
    }

    #[test]
    fn gitlab_sections_defaults_roles_and_exclusions() {
        let text = "\
* @everyone
[Docs] @docs-team
docs/
^[Optional Review][2] @@maintainer
*.md
[Backend][2] @backend @group/sub/team
/api/
!/api/generated/
[docs]
*.txt @writer
[Broken
";
        let co = parse(text, Flavor::Gitlab);
        assert_eq!(co.issues.len(), 1, "{:?}", co.issues);
        assert_eq!(co.issues[0].line, 11);
        let names: Vec<&str> = co.sections.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["", "Docs", "Optional Review", "Backend"]);
        assert!(co.sections[2].optional);
        assert_eq!(co.sections[2].approvals, Some(2));
        assert_eq!(co.sections[3].approvals, Some(2));
        // `[docs]` merges into `[Docs]`.
        assert_eq!(co.rules.last().map(|r| r.section), Some(1));
        assert!(co.rules[1].default_owners);
        assert_eq!(co.rules[1].owners, ["@docs-team"]);
        // Per section, last match wins; sections add up.
        assert_eq!(
            owners_of(&co, "docs/guide.md"),
            ["@@maintainer", "@docs-team", "@everyone"]
        );
        assert_eq!(
            owners_of(&co, "api/v1.rs"),
            ["@backend", "@everyone", "@group/sub/team"]
        );
        assert_eq!(owners_of(&co, "api/generated/x.rs"), ["@everyone"]);
    }

    #[test]
    fn gitlab_section_header_errors() {
        for bad in ["[A][0] @x", "[] @x", "[A]x @y", "[A][two]", "[A] bad owner"] {
            let co = parse(bad, Flavor::Gitlab);
            assert_eq!(co.issues.len(), 1, "{bad}: {:?}", co.issues);
        }
    }

    #[test]
    fn gitlab_escaped_space_in_pattern() {
        let co = parse("/my\\ docs/ @a\n", Flavor::Gitlab);
        assert!(co.issues.is_empty(), "{:?}", co.issues);
        assert_eq!(owners_of(&co, "my docs/x.md"), ["@a"]);
    }

    #[test]
    fn owners_syntax() {
        use Flavor::*;
        assert!(owner_error("@octocat", Github).is_none());
        assert!(owner_error("@octo-org/docs_team", Github).is_none());
        assert!(owner_error("@a/b/c", Github).is_some());
        assert!(owner_error("@a/b/c", Gitlab).is_none());
        assert!(owner_error("@user.name", Gitlab).is_none());
        assert!(owner_error("@", Github).is_some());
        assert!(owner_error("x@y", Github).is_some());
        assert!(owner_error("a.b+c@mail.example.org", Github).is_none());
        assert!(owner_error("@@owner", Gitlab).is_none());
        assert!(owner_error("@@boss", Gitlab).is_some());
    }
}
