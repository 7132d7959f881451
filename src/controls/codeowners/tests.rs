//! Unit tests of CODEOWNERS: translation, matching, and both dialects' syntax.

use super::*;

fn owners_of(co: &Codeowners, path: &str) -> Vec<String> {
    let m = Matcher::new(co).expect("matcher");
    let (mut s, mut h, mut w) = (Default::default(), Vec::new(), Vec::new());
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
            said: super::said(
                "codeowners/duplicate",
                [("pattern", "*.rs".into()), ("first", 1u32.into())]
            ),
        }]
    );
    assert_eq!(
        co.issues[0].message(),
        "`*.rs` repeats the pattern of line 1"
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
    for bad in ["[A][0] @x", "[] @x", "[A]x @y", "[A][two]", "[A] @ok owner"] {
        let co = parse(bad, Flavor::Gitlab);
        assert_eq!(co.issues.len(), 1, "{bad}: {:?}", co.issues);
    }
    // Two bad owners in a header are two issues.
    assert_eq!(parse("[A] bad owner", Flavor::Gitlab).issues.len(), 2);
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

#[test]
fn every_invalid_owner_of_a_line_is_an_issue() {
    let co = parse("/src/ bob @ok @a/b/c x@y\n", Flavor::Github);
    let said: Vec<(u32, String)> = co.issues.iter().map(|i| (i.line, i.message())).collect();
    let lines: Vec<(u32, &str)> = said.iter().map(|(l, m)| (*l, m.as_str())).collect();
    assert_eq!(
        lines,
        [
            (
                1,
                "`bob` is not a valid owner (expected @user, @org/team or an e-mail address)"
            ),
            (
                1,
                "`@a/b/c` is not a valid owner (expected @user, @org/team or an e-mail address)"
            ),
            (
                1,
                "`x@y` is not a valid owner (expected @user, @org/team or an e-mail address)"
            ),
        ]
    );
    // The platform skips the whole line, so it owns nothing.
    assert!(co.rules.is_empty());
    let co = parse("[Docs] @@boss @ok @@chief\n", Flavor::Gitlab);
    assert_eq!(co.issues.len(), 2, "{:?}", co.issues);
    assert!(
        co.issues[1]
            .message()
            .starts_with("section `Docs`: `@@chief`")
    );
}
