//! Renderers: each a pure function of the evidence (plus [`Style`]); none recomputes a check.

pub mod codequality;
pub mod explain;
pub mod finding_text;
pub mod github;
pub mod html;
pub mod human;
pub mod i18n;
pub mod intoto;
mod issues;
pub mod json;
pub mod junit;
pub(crate) mod localize;
pub mod markdown;
mod notes_de;
pub(crate) mod page;
pub mod risk_matrix;
pub mod sarif;
pub mod steering;
pub mod summary_html;
pub mod trend;

use crate::support::escape;
pub use crate::support::short;
pub(crate) use issues::issues;

use crate::evidence::{ControlResult, Decision, Evidence, Finding, Status};
use crate::playbook::Level;
use crate::render::i18n::Language;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Table and findings for a terminal.
    Human,
    /// The evidence report (deterministic JSON).
    Json,
    /// Pull-request comment / CI step summary (`--summary`: one-page management summary).
    Markdown,
    /// One self-contained HTML page, readable on screen and printed.
    Html,
    /// SARIF 2.1.0 for code scanning (GitHub, GitLab, IDEs).
    Sarif,
    /// JUnit XML: one test suite per gate, one test case per control.
    Junit,
    /// GitLab Code Quality JSON.
    Codequality,
    /// GitHub Actions workflow-command annotations.
    Github,
    /// in-toto Statement v1 with the evidence as predicate, to sign with cosign or GitHub attestations.
    #[value(name = "in-toto")]
    InToto,
}

/// The default size budget of a Markdown report: a GitHub pull-request comment holds at most
/// 65,536 characters (a byte budget is never more characters than bytes).
pub const MARKDOWN_MAX_SIZE: usize = 65_536;

/// The budget of the Markdown report appended to `GITHUB_STEP_SUMMARY`: GitHub drops a step
/// summary over 1 MiB whole.
pub const STEP_SUMMARY_MAX_SIZE: usize = 1024 * 1024;

/// How output for people looks.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// ANSI colour (human output only).
    pub color: bool,
    /// Only the decision line (human output only).
    pub quiet: bool,
    /// The language of the texts for people.
    pub lang: Language,
    /// The one-page management summary instead of the full report (Markdown and HTML).
    pub summary: bool,
    /// Markdown: the size budget in bytes; details are folded to stay under it. `None`: no limit.
    pub max_size: Option<usize>,
    /// SARIF: the uploader sets the category (upload-sarif's `category`), so the run carries no
    /// `automationDetails.id` of its own (upload-sarif keeps an id the file already has).
    pub uploader_category: bool,
}

/// Renders `evidence`. Formats for people show repository text through [`escape`] (each
/// renderer escapes its copy of the evidence; the whole text passes [`escape::output`]); the
/// JSON formats keep it exact, with no raw control or bidi character ([`escape::json_text`]).
pub fn render(evidence: &Evidence, format: Format, style: Style) -> String {
    let localized = match format {
        Format::Json | Format::InToto => std::borrow::Cow::Borrowed(evidence),
        _ => localize::for_reader(evidence, style.lang),
    };
    let evidence = localized.as_ref();
    match format {
        Format::Human => human::render(evidence, style),
        Format::Json => escape::json_text(json::render(evidence)),
        Format::InToto => escape::json_text(intoto::render(evidence)),
        Format::Markdown if style.summary => {
            escape::output(markdown::render_summary(evidence, style))
        }
        Format::Markdown => escape::output(markdown::render(evidence, style)),
        Format::Html if style.summary => {
            escape::output(summary_html::render_summary(evidence, style))
        }
        Format::Html => escape::output(html::render(evidence, style)),
        Format::Sarif => escape::json_text(sarif::render(evidence, style)),
        Format::Junit => escape::output(junit::render(evidence, style)),
        Format::Codequality => escape::json_text(codequality::render(evidence, style)),
        Format::Github => escape::output(github::render(evidence, style)),
    }
}

/// Failed, errored or waived: the controls a reader must act on (a waiver is a condition).
pub(crate) fn troubled(c: &ControlResult) -> bool {
    matches!(c.status, Status::Fail | Status::Error | Status::Waived)
}

/// "Gate `release` (Before a release is shipped)": the gate with its description, as the
/// playbook wrote it.
pub(crate) fn gate_label(evidence: &Evidence, lang: Language) -> String {
    let gate = i18n::tf(lang, "report.gate", &[("gate", &evidence.gate.name)]);
    match evidence
        .gate
        .description
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        Some(d) => format!("{gate} ({d})"),
        None => gate,
    }
}

/// "17 controls: 16 passed, 1 waived": every status that occurs, in a fixed order.
pub(crate) fn counts_line(evidence: &Evidence, lang: Language) -> String {
    let parts: Vec<String> = [
        (Status::Pass, "report.count-pass"),
        (Status::Fail, "report.count-fail"),
        (Status::Error, "report.count-error"),
        (Status::Waived, "report.count-waived"),
        (Status::Baselined, "report.count-baselined"),
        (Status::NotApplicable, "report.count-na"),
    ]
    .into_iter()
    .filter_map(|(status, key)| {
        let n = evidence
            .summary
            .by_status
            .get(&status)
            .copied()
            .unwrap_or(0);
        // Waived controls are named: a waiver is a condition a reader should see by name.
        let ids: Vec<&str> = evidence
            .controls
            .iter()
            .filter(|c| c.status == status)
            .map(|c| c.id.as_str())
            .collect();
        let ids = match ids.len() {
            0..=5 => ids.join(", "),
            n => format!("{}, … (+{})", ids[..5].join(", "), n - 5),
        };
        (n > 0).then(|| i18n::tf(lang, key, &[("n", &n.to_string()), ("ids", &ids)]))
    })
    .collect();
    i18n::tf(
        lang,
        "report.counts",
        &[
            ("total", &evidence.controls.len().to_string()),
            ("parts", &parts.join(", ")),
        ],
    )
}

/// Controls that need attention, most severe first (must, should, may), then by id.
pub(crate) fn risks(evidence: &Evidence) -> Vec<&ControlResult> {
    let mut v: Vec<&ControlResult> = evidence.controls.iter().filter(|c| troubled(c)).collect();
    v.sort_by(|a, b| a.level.cmp(&b.level).then_with(|| a.id.cmp(&b.id)));
    v
}

/// The decision as the evidence writes it (`GO`, `GO_WITH_CONDITIONS`, `NO_GO`).
pub(crate) fn decision_code(d: Decision) -> &'static str {
    match d {
        Decision::Go => "GO",
        Decision::GoWithConditions => "GO_WITH_CONDITIONS",
        Decision::NoGo => "NO_GO",
    }
}

/// Traffic-light colour of a decision.
pub(crate) fn decision_light(d: Decision) -> Light {
    match d {
        Decision::Go => Light::Green,
        Decision::GoWithConditions => Light::Amber,
        Decision::NoGo => Light::Red,
    }
}

/// Traffic-light colour of one control: what its result does to the decision.
pub(crate) fn control_light(c: &ControlResult) -> Light {
    match (c.status, c.level) {
        (Status::Pass, _) => Light::Green,
        (Status::NotApplicable | Status::Baselined, _) => Light::Grey,
        (Status::Waived, Level::Must | Level::Should) => Light::Amber,
        (_, Level::Must) => Light::Red,
        (_, Level::Should) => Light::Amber,
        (_, Level::May) => Light::Grey,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Light {
    Green,
    Amber,
    Red,
    Grey,
}

impl Light {
    pub(crate) fn emoji(self) -> &'static str {
        match self {
            Light::Green => "🟢",
            Light::Amber => "🟡",
            Light::Red => "🔴",
            Light::Grey => "⚪",
        }
    }
    pub(crate) fn class(self) -> &'static str {
        match self {
            Light::Green => "green",
            Light::Amber => "amber",
            Light::Red => "red",
            Light::Grey => "grey",
        }
    }
}

/// Where a finding points: a path in the repository and a line (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Place {
    pub path: String,
    pub line: Option<u32>,
    /// True when the place is the control's definition in the playbook, not the finding's file.
    pub in_playbook: bool,
}

/// `source:line:column` of `ControlResult::defined_at`, split (the source may hold colons).
pub(crate) fn split_defined_at(defined_at: &str) -> (&str, Option<u32>) {
    let mut parts = defined_at.rsplitn(3, ':');
    let (col, line, source) = (parts.next(), parts.next(), parts.next());
    match (source, line.and_then(|l| l.parse().ok()), col) {
        (Some(source), Some(line), Some(_)) => (source, Some(line)),
        _ => (defined_at, None),
    }
}

/// The repository path of the playbook file that defines `control`, with the control's line,
/// when that file lies inside the repository. `None` for presets, for playbooks outside the
/// repository and for gate-level rules (`gate:NAME`).
pub(crate) fn playbook_place(evidence: &Evidence, control: &ControlResult) -> Option<Place> {
    let (source, line) = split_defined_at(&control.defined_at);
    if source.starts_with("preset:") || source.starts_with("gate:") {
        return None;
    }
    let top = evidence.playbook.sources.first().map(|s| s.name.as_str());
    let root = evidence.subject.root.trim_end_matches('/');
    let path = if Some(source) == top && is_repo_relative(&evidence.playbook.path) {
        evidence.playbook.path.clone()
    } else if let Some(rest) = source.strip_prefix(root).and_then(|r| r.strip_prefix('/')) {
        rest.to_string()
    } else if is_repo_relative(source) && Some(source) == top {
        source.to_string()
    } else {
        return None;
    };
    Some(Place {
        path,
        line,
        in_playbook: true,
    })
}

fn is_repo_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.starts_with("preset:")
        && !path.starts_with("..")
        && !path.contains(":\\")
}

/// Where a finding is shown: its own path, else the control's line in the playbook.
pub(crate) fn place(
    evidence: &Evidence,
    control: &ControlResult,
    finding: Option<&Finding>,
) -> Option<Place> {
    if let Some(f) = finding
        && let Some(path) = &f.path
    {
        return Some(Place {
            path: path.clone(),
            line: f.line,
            in_playbook: false,
        });
    }
    playbook_place(evidence, control)
}

/// The fallback path for tools that need a file for every result (SARIF, Code Quality) when a
/// control comes from an embedded preset or a playbook outside the repository: the file a
/// repository playbook would be discovered at.
pub(crate) const FALLBACK_PATH: &str = "gonogo.toml";

/// A host that serves files at a commit, parsed from the remote URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WebRepo {
    /// `https://host/owner/repo`
    pub base: String,
    pub gitlab: bool,
}

/// `https://github.com/o/r(.git)`, `git@github.com:o/r.git`, `ssh://git@host/o/r.git`, … → the
/// repository's web address on GitHub or GitLab (a host whose name contains `gitlab`).
pub(crate) fn web_repo(remote: &str) -> Option<WebRepo> {
    let r = remote.trim();
    let (host, path) = if let Some(rest) = r
        .strip_prefix("https://")
        .or_else(|| r.strip_prefix("http://"))
        .or_else(|| r.strip_prefix("ssh://"))
        .or_else(|| r.strip_prefix("git://"))
    {
        let (authority, path) = rest.split_once('/')?;
        let host = authority.rsplit('@').next()?;
        // ssh://git@host:2222/… — the port is not part of the web address.
        let host = if r.starts_with("ssh://") || r.starts_with("git://") {
            host.split(':').next()?
        } else {
            host
        };
        (host.to_string(), path.to_string())
    } else if let Some((user_host, path)) = r.split_once(':') {
        // scp-like: git@host:o/r.git
        if user_host.contains('/') {
            return None;
        }
        let host = user_host.rsplit('@').next()?;
        (host.to_string(), path.trim_start_matches('/').to_string())
    } else {
        return None;
    };
    let host = host.to_ascii_lowercase();
    let path = path.trim_end_matches('/');
    let path = path.strip_suffix(".git").unwrap_or(path);
    if path.split('/').filter(|s| !s.is_empty()).count() < 2 {
        return None;
    }
    let gitlab = host.contains("gitlab");
    if host != "github.com" && !host.ends_with(".github.com") && !gitlab {
        return None;
    }
    Some(WebRepo {
        base: format!("https://{host}/{path}"),
        gitlab,
    })
}

/// The address of `path` (at `line`) at the checked commit, when the evidence has a commit and
/// a GitHub or GitLab remote.
pub(crate) fn file_link(evidence: &Evidence, path: &str, line: Option<u32>) -> Option<String> {
    let commit = evidence.subject.commit.as_deref()?;
    let web = web_repo(evidence.subject.remote.as_deref()?)?;
    let blob = if web.gitlab { "/-/blob/" } else { "/blob/" };
    let mut url = format!("{}{blob}{commit}/{}", web.base, encode_path(path));
    if let Some(l) = line.filter(|l| *l > 0) {
        url.push_str(&format!("#L{l}"));
    }
    Some(url)
}

/// Percent-encodes a repository path as an RFC 3986 relative reference: every byte but the
/// unreserved ones (`A-Z a-z 0-9 - . _ ~`) and `/` becomes `%XX` (UTF-8 for non-ASCII), so a
/// space, `%`, `,`, `:` or `#` in a name can neither break the reference nor read as a scheme.
pub(crate) fn encode_path(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Where the policy of a check was read from, in words; `None` for evidence that predates it.
pub fn policy_origin(
    evidence: &crate::evidence::Evidence,
    lang: crate::render::i18n::Language,
) -> Option<String> {
    use crate::evidence::PolicySource as S;
    let info = evidence.policy.as_ref()?;
    let key = match info.source {
        S::Base => "policy.base",
        S::PolicyRef => "policy.policy-ref",
        S::Commit => "policy.commit",
        S::Head => "policy.head",
        S::Worktree => "policy.worktree",
        S::Directory => "policy.directory",
        S::CommandLine => "policy.command-line",
        S::Preset => "policy.preset",
        S::ApprovedChange => "policy.approved-change",
    };
    let reference = info.reference.as_deref().unwrap_or("");
    let commit = info.commit.as_deref().map(short).unwrap_or("");
    Some(crate::render::i18n::tf(
        lang,
        key,
        &[("ref", reference), ("commit", commit)],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remotes_become_web_addresses() {
        let gh = |r: &str| web_repo(r).map(|w| (w.base, w.gitlab));
        let want = Some(("https://github.com/o/r".to_string(), false));
        assert_eq!(gh("https://github.com/o/r.git"), want);
        assert_eq!(gh("https://github.com/o/r"), want);
        assert_eq!(gh("git@github.com:o/r.git"), want);
        assert_eq!(gh("ssh://git@github.com/o/r.git"), want);
        assert_eq!(
            gh("git@gitlab.example.com:group/sub/r.git"),
            Some(("https://gitlab.example.com/group/sub/r".to_string(), true))
        );
        assert_eq!(
            gh("ssh://git@gitlab.com:2222/g/r.git"),
            Some(("https://gitlab.com/g/r".to_string(), true))
        );
        assert_eq!(gh("https://bitbucket.org/o/r.git"), None);
        assert_eq!(gh("/srv/git/r.git"), None);
        assert_eq!(gh("https://github.com/o"), None);
    }

    #[test]
    fn defined_at_splits_from_the_right() {
        assert_eq!(
            split_defined_at("preset:default:53:6"),
            ("preset:default", Some(53))
        );
        assert_eq!(split_defined_at("C:/x.toml:2:1"), ("C:/x.toml", Some(2)));
        assert_eq!(split_defined_at("gate:release"), ("gate:release", None));
    }

    #[test]
    fn fingerprints_ignore_lines_and_differ_by_ordinal() {
        let a = issues::fingerprint("adr", "adr/x", "docs/adr/1.md", 0);
        assert_eq!(a.len(), 64);
        assert_eq!(a, issues::fingerprint("adr", "adr/x", "docs/adr/1.md", 0));
        assert_ne!(a, issues::fingerprint("adr", "adr/x", "docs/adr/1.md", 1));
        assert_eq!(encode_path("a b/c#d.md"), "a%20b/c%23d.md");
    }
}
