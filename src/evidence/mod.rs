//! The evidence report: plain serde types, versioned, deterministic. Renderers read only this.
//! Long: the whole report model is one JSON Schema; its types stay together, in the order
//! the JSON is written, so the file reads as the schema does.

pub mod canonical;
pub mod json_diff;
pub mod messages;
pub mod notes;
pub mod risks;
pub mod steering;
pub mod trend;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Bumped when a field changes meaning or is removed; additions keep the version.
pub const SCHEMA_VERSION: &str = "1.0";

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub schema_version: String,
    pub tool: Tool,
    /// When the evidence was made, RFC 3339, UTC: SOURCE_DATE_EPOCH when set, else the clock.
    pub generated_at: Option<String>,
    /// Where `generated_at` came from: the clock when the check ran, or SOURCE_DATE_EPOCH (a
    /// pinned time, commonly the commit's), so reports never call a pinned time the check's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated_from: Option<GeneratedFrom>,
    /// The reference date expiry, freshness and reviews were judged against, RFC 3339, UTC, to
    /// the second: `--as-of`, else SOURCE_DATE_EPOCH, else the clock (`parameters.as_of_source`
    /// says which). Never a commit date. `verify` judges with it again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    pub playbook: PlaybookInfo,
    /// Where the policy (playbook, what it extends, waivers) was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicyInfo>,
    pub subject: Subject,
    pub gate: GateInfo,
    /// Options of the run that change its result, so that `gonogo verify` can repeat it.
    pub parameters: Parameters,
    pub decision: Decision,
    pub summary: Summary,
    pub controls: Vec<ControlResult>,
    /// Every waiver considered, with its state.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<WaiverRecord>,
    /// The waiver file and its digest, when one was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiver_file: Option<SourceDigest>,
    /// The baseline the check was compared with (`--baseline`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<SourceDigest>,
    /// The merge request's reviews the CI passed with `--approvals FILE`, and their digest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approvals_file: Option<SourceDigest>,
    /// Things a reader must know about the check itself (e.g. no commit to bind to).
    pub warnings: Vec<String>,
    /// SHA-256 of the canonical form of everything else (see `canonical`); written with every
    /// evidence file, absent in memory and in files older than it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<EvidenceDigest>,
}

/// The digest an evidence file carries of its own canonical form.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EvidenceDigest {
    /// Always `sha256`.
    pub algorithm: String,
    /// Lowercase hex.
    pub value: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PlaybookInfo {
    /// A path, or `preset:NAME` for an embedded preset.
    pub path: String,
    /// SHA-256 of the top-level playbook text.
    pub sha256: String,
    pub name: String,
    pub version: Option<String>,
    pub owner: Option<String>,
    /// `[playbook] description`, shown in the reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The description in German, where the playbook gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_de: Option<String>,
    /// The playbook's roles: who approves and waives, as the reports list them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleInfo>,
    /// `[playbook] language`: the default language of the texts renderers write for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<crate::playbook::Language>,
    /// Every source that took part (the top-level one first, then what it extends).
    pub sources: Vec<SourceDigest>,
}

/// The source of `generated_at`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum GeneratedFrom {
    Clock,
    SourceDateEpoch,
}

/// A role of the playbook, for people: its name, description and the names of its members
/// (no e-mail addresses or keys: the evidence travels further than the playbook).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RoleInfo {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub members: Vec<String>,
}

/// Where the policy of a check came from, and whether the checked state could have written it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PolicyInfo {
    pub source: PolicySource,
    /// The revision as it was named (`main`, `origin/policy`), when read from git.
    pub reference: Option<String>,
    /// The commit whose tree held the policy.
    pub commit: Option<String>,
    /// False when the checked state itself supplied the policy (work tree, plain folder).
    pub trusted: bool,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum PolicySource {
    /// The merge request's target (`--base`).
    Base,
    /// An explicit trusted revision (`--policy-ref`).
    PolicyRef,
    /// The checked commit (HEAD or `--rev`).
    Commit,
    /// HEAD, for a check of the index (`--staged`).
    Head,
    /// The files on disk (`--worktree`): not trusted.
    Worktree,
    /// A plain folder: not trusted.
    Directory,
    /// A playbook file outside the repository, named on the command line.
    CommandLine,
    /// An embedded preset.
    Preset,
    /// The merge request's own policy, because the role that owns the rules approved its change.
    ApprovedChange,
}

impl PolicySource {
    pub fn as_str(self) -> &'static str {
        match self {
            PolicySource::Base => "base",
            PolicySource::PolicyRef => "policy-ref",
            PolicySource::Commit => "commit",
            PolicySource::Head => "head",
            PolicySource::Worktree => "worktree",
            PolicySource::Directory => "directory",
            PolicySource::CommandLine => "command-line",
            PolicySource::Preset => "preset",
            PolicySource::ApprovedChange => "approved-change",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SourceDigest {
    pub name: String,
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    pub root: String,
    pub mode: crate::snapshot::SnapshotMode,
    pub remote: Option<String>,
    pub reference: Option<String>,
    pub commit: Option<String>,
    pub tree: Option<String>,
    /// A tag that points at the checked commit.
    pub tag: Option<String>,
    /// For `--worktree`: whether the files differ from HEAD.
    pub dirty: Option<bool>,
    pub files: usize,
    /// What the changes were measured against (`--base`, or HEAD for `--staged`).
    pub base: Option<BaseInfo>,
    /// The changed paths, when a change set was measured.
    pub changes: Option<Vec<ChangedPath>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BaseInfo {
    pub reference: String,
    /// The merge base of the base and the checked commit.
    pub commit: String,
    /// Who named the base: `--base`, `--staged`, or the CI variable it was taken from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<crate::snapshot::base::BaseSource>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChangedPath {
    pub path: String,
    pub kind: crate::snapshot::ChangeKind,
    pub old_path: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Parameters {
    pub release_version: Option<String>,
    pub max_file_size: u64,
    /// Where `as_of` came from: `--as-of`, `SOURCE_DATE_EPOCH` or `clock`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of_source: Option<crate::support::dates::DateSource>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GateInfo {
    /// The gate's name, or `all` when the playbook defines none.
    pub name: String,
    pub description: Option<String>,
    /// The description in German, where the playbook gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_de: Option<String>,
    pub strict: bool,
    /// How the gate was chosen; absent in evidence of older versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected_by: Option<GateSelection>,
}

/// How a check's gate was chosen.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum GateSelection {
    /// `--gate` named it.
    Option,
    /// No `--gate`, and the checked commit is a release tag: `release`.
    ReleaseTag,
    /// No `--gate`, and the checked commit is no release tag: `merge`.
    Default,
    /// The preferred gate does not exist: the other of `merge` and `release`, or every control.
    Fallback,
}

#[derive(
    Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Decision {
    Go,
    GoWithConditions,
    NoGo,
}

impl Decision {
    pub fn label(self) -> &'static str {
        match self {
            Decision::Go => "GO",
            Decision::GoWithConditions => "GO WITH CONDITIONS",
            Decision::NoGo => "NO-GO",
        }
    }
}

#[derive(
    Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    Pass,
    Fail,
    NotApplicable,
    /// Could not be evaluated; never counted as a pass.
    Error,
    /// Would fail, but every finding is accepted by a valid waiver (or, partly, the baseline).
    Waived,
    /// Fails as it did in the baseline (`--baseline`): nothing new or worse.
    Baselined,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Pass => "PASS",
            Status::Fail => "FAIL",
            Status::NotApplicable => "N/A",
            Status::Error => "ERROR",
            Status::Waived => "WAIVED",
            Status::Baselined => "BASELINED",
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// Number of controls per status, e.g. {"PASS": 5, "FAIL": 1}.
    pub by_status: BTreeMap<Status, usize>,
    /// Failed or errored controls per level.
    pub failing_by_level: BTreeMap<crate::playbook::Level, usize>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ControlResult {
    pub id: String,
    pub kind: String,
    pub level: crate::playbook::Level,
    pub title: String,
    pub rationale: Option<String>,
    pub remediation: Option<String>,
    pub tags: Vec<String>,
    pub status: Status,
    /// Where the control is defined: `source:line:column`.
    pub defined_at: String,
    /// Why the control could not be evaluated, for ERROR; why it did not apply, for NOT_APPLICABLE.
    pub reason: Option<String>,
    /// The catalogue message the reason was made from, so reports can say it in German.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_said: Option<messages::Said>,
    /// The title, rationale and remediation in German, where the playbook gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub de: Option<Texts>,
    pub findings: Vec<Finding>,
    pub evidence: Vec<EvidenceItem>,
    /// Records the control read, as data (e.g. the decision log of an `adr` control).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub records: Vec<Record>,
    /// The risk register a `risks` control read: each risk with its light and trend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risks: Option<risks::RiskRegister>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// Stable code, `kind/what`, e.g. `files/missing`.
    pub code: String,
    pub message: String,
    pub path: Option<String>,
    pub line: Option<u32>,
    /// What resolves this finding, where the control's remediation does not fit it (the
    /// remediation says "add X"; this finding says X exists but is wrong).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    /// Stable across runs and line shifts: control, code, path and the message (its catalogue key
    /// and values where it has them) without numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// The catalogue message the sentence was made from, so reports can say it in German.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said: Option<messages::Said>,
    /// Set when a waiver or the baseline accepts this finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<Suppression>,
}

/// Why a finding does not count against the decision.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Suppression {
    /// `waiver` or `baseline`.
    pub by: String,
    /// The waiver's id, or the baseline file.
    pub reference: String,
}

/// A waiver the check considered, and what became of it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WaiverRecord {
    pub id: String,
    pub control: String,
    pub code: Option<String>,
    pub path: Option<String>,
    pub reason: String,
    pub ticket: Option<String>,
    pub link: Option<String>,
    pub approved_by: String,
    pub created: String,
    pub expires: String,
    /// `active`, `expiring` (active, expires soon), `expired`, `invalid` or `stale` (matches nothing).
    pub state: String,
    /// Findings it accepted.
    pub matched: usize,
    /// Why it is invalid, expired or stale.
    pub problems: Vec<String>,
    /// `file:line` of its definition.
    pub defined_at: String,
}

/// A finding's identity across runs: its control, code and path, and its message (catalogue key
/// and values, else the sentence) with every number masked, so a line shift or a changed count
/// does not make it new.
pub fn fingerprint(control: &str, f: &Finding) -> String {
    // The catalogue key and values where the finding has them: rewording a message (or reading
    // it in another language) never makes a known finding new.
    let said = f.said.as_ref().map(|s| {
        format!(
            "{}\u{1e}{}",
            s.key,
            serde_json::to_string(&s.args).unwrap_or_default()
        )
    });
    let text = said.as_deref().unwrap_or(&f.message);
    let mut masked = String::with_capacity(text.len());
    let mut in_number = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !in_number {
                masked.push('#');
            }
            in_number = true;
        } else {
            masked.push(c);
            in_number = false;
        }
    }
    let key = format!(
        "{control}\u{1f}{}\u{1f}{}\u{1f}{masked}",
        f.code,
        f.path.as_deref().unwrap_or("")
    );
    crate::support::sha256_hex(key.as_bytes())[..20].to_string()
}

/// A control's words in another language.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remediation: Option<String>,
}

impl ControlResult {
    /// Why the control was not evaluated or did not apply, in the reader's language.
    pub fn reason_in(&self, german: bool) -> Option<std::borrow::Cow<'_, str>> {
        let recorded = self.reason.as_deref()?;
        Some(
            match self
                .reason_said
                .as_ref()
                .filter(|_| german)
                .and_then(|s| s.render(true))
            {
                Some(de) => std::borrow::Cow::Owned(de),
                None => std::borrow::Cow::Borrowed(recorded),
            },
        )
    }
}

impl Finding {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Finding {
            code: code.into(),
            message: message.into(),
            path: None,
            line: None,
            fix: None,
            fingerprint: None,
            said: None,
            suppressed: None,
        }
    }
    /// A finding from the message catalogue: `key` is the finding code, or the code and a
    /// variant (`files/missing#folder`); the English sentence becomes the message.
    pub fn say(key: &str, args: std::collections::BTreeMap<String, messages::Arg>) -> Self {
        let code = key.split_once('#').map_or(key, |(code, _)| code);
        Finding::say_as(code, key, args)
    }
    /// A finding with code `code` whose message is a shared one (`content/binary`).
    pub fn say_as(
        code: &str,
        key: &str,
        args: std::collections::BTreeMap<String, messages::Arg>,
    ) -> Self {
        let said = messages::Said {
            key: key.into(),
            args,
        };
        let message = said.render(false).unwrap_or_else(|| key.to_string());
        let mut f = Finding::new(code, message);
        f.said = Some(said);
        f
    }
    /// The message in the reader's language: the catalogue's German where the finding came
    /// from the catalogue, else the recorded sentence.
    pub fn message_in(&self, german: bool) -> std::borrow::Cow<'_, str> {
        match self
            .said
            .as_ref()
            .filter(|_| german)
            .and_then(|s| s.render(true))
        {
            Some(de) => std::borrow::Cow::Owned(de),
            None => std::borrow::Cow::Borrowed(&self.message),
        }
    }
    pub fn at(mut self, path: &str, line: Option<u32>) -> Self {
        self.path = Some(path.into());
        self.line = line;
        self
    }
    pub fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }
}

/// Something a control looked at: the file, its git blob, and the line that counted.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct EvidenceItem {
    pub path: String,
    pub blob: Option<String>,
    pub line: Option<u32>,
    pub excerpt: Option<String>,
    /// What this item shows, e.g. "matches `README*`".
    pub note: Option<String>,
}

/// One record a control read, e.g. an architecture decision: what an auditor's index lists.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub id: String,
    pub title: String,
    /// Normalised status (lowercase, synonyms applied); `None` when the record states none.
    pub status: Option<String>,
    /// The status as written.
    pub status_raw: Option<String>,
    /// `YYYY-MM-DD` when the record states a valid date.
    pub date: Option<String>,
    pub path: String,
    /// The line of the status (else of the title).
    pub line: Option<u32>,
    /// Where the metadata was found, e.g. `front-matter`, `section`.
    pub style: String,
}

impl Evidence {
    /// The grouping key of a report: its remote URL without a trailing `.git` or `/`, else its root.
    pub fn repository_key(&self) -> String {
        match self
            .subject
            .remote
            .as_deref()
            .filter(|r| !r.trim().is_empty())
        {
            Some(remote) => {
                let r = remote.trim().trim_end_matches('/');
                r.strip_suffix(".git").unwrap_or(r).to_string()
            }
            None => self.subject.root.replace('\\', "/"),
        }
    }

    /// Parses an evidence report; the error says where the text stops being gonogo evidence.
    pub fn from_json(text: &str) -> Result<Evidence, String> {
        serde_json::from_str(text).map_err(|e| {
            format!(
                "not gonogo evidence: {e} (line {}, column {})",
                e.line(),
                e.column()
            )
        })
    }
}

/// The JSON Schema of the report, generated from these types.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Evidence);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
