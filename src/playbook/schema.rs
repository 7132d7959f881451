//! The playbook as written (serde types) and as validated (the types the pipeline uses).
//! Long: every table of the playbook as written next to its validated twin, in the order of the
//! file, so the JSON Schema for editors and the loader read from one place.

use globset::GlobSet;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::kinds::ControlParams;

/// How much a control weighs in a gate decision.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
// Deserialize: `forgiving::level` (any case, German aliases).
pub enum Level {
    /// A failure makes the gate NO-GO.
    Must,
    /// A failure makes the gate GO WITH CONDITIONS.
    Should,
    /// Reported, never changes the decision.
    May,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Must => "must",
            Level::Should => "should",
            Level::May => "may",
        }
    }
}

/// Language of the texts gonogo writes for people.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English.
    #[default]
    En,
    /// German.
    De,
}

/// `[playbook]` as written.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MetaRaw {
    /// Shown in every report; default: the extended playbook's name, else the file name.
    pub name: Option<String>,
    /// The playbook's own version, recorded in the evidence.
    pub version: Option<String>,
    /// Who owns the playbook (a team, a person).
    pub owner: Option<String>,
    /// Free text.
    pub description: Option<String>,
    /// The description in German (`de.description = "…"`), for German reports.
    pub de: Option<DescriptionTexts>,
    /// Language of texts for people.
    pub language: Option<Language>,
    /// Playbooks this one builds on: `preset:NAME`, or a path relative to this file; one
    /// string or a list.
    #[serde(default, deserialize_with = "super::forgiving::one_or_many")]
    #[schemars(with = "super::forgiving::StringOrList")]
    pub extends: Vec<Spanned<String>>,
    /// Control ids inherited through `extends` that this playbook switches off.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub disable: Vec<Spanned<String>>,
}

/// The keys every `[[control]]` has; the rest of the table belongs to its kind.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CommonRaw {
    /// Stable identifier: lowercase letters, digits, `-`, `_`, `.` (at most 64).
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// The control kind (`gonogo controls` lists them).
    #[schemars(with = "String")]
    pub kind: Spanned<String>,
    /// How a failure weighs in a gate decision.
    pub level: Level,
    /// One line, phrased as the expectation ("A README explains …"); default: the id in words.
    pub title: Option<String>,
    /// Why the control exists.
    pub rationale: Option<String>,
    /// How to fix a failure; shown with every failure.
    pub remediation: Option<String>,
    /// For selecting controls in gates (`tag:NAME`).
    #[serde(default)]
    pub tags: Vec<String>,
    /// The control applies only when some path matches one of these globs.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub applies_if: Vec<Spanned<String>>,
    /// With a change set (`--base`, `--staged`): the control runs only when a changed path matches.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub only_if_changed: Vec<Spanned<String>>,
    /// The control's artifacts must have changed within this long before the checked commit
    /// (`"90 days"`, `"2 weeks"`, `"6 months"`, `"1 year"`).
    #[schemars(with = "Option<String>")]
    pub fresh_within: Option<Spanned<String>>,
    /// The control's artifacts must have changed within this many commits of the checked commit.
    pub fresh_within_commits: Option<usize>,
    /// Playbooks that extend this one may not disable, weaken or change the control.
    #[serde(default)]
    pub locked: bool,
    /// The role whose members may waive the control when it is locked.
    #[schemars(with = "Option<String>")]
    pub waivable_by: Option<Spanned<String>>,
    /// The title, rationale and remediation in German (`de.title = "…"`), for German reports.
    pub de: Option<Texts>,
}

/// A playbook's or gate's description in German.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DescriptionTexts {
    pub description: Option<String>,
}

/// A control's words in German, for reports in German (`--lang de`): `de.title = "…"`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Texts {
    pub title: Option<String>,
    pub rationale: Option<String>,
    pub remediation: Option<String>,
}

pub const COMMON_KEYS: &[&str] = &[
    "id",
    "kind",
    "level",
    "title",
    "rationale",
    "remediation",
    "tags",
    "applies-if",
    "only-if-changed",
    "fresh-within",
    "fresh-within-commits",
    "locked",
    "waivable-by",
    "de",
];

/// Keys that say what a control is called and why, not what it checks: changing them never
/// weakens a rule.
pub const DESCRIPTIVE_KEYS: &[&str] = &[
    "id",
    "kind",
    "level",
    "title",
    "rationale",
    "remediation",
    "tags",
    "locked",
    "waivable-by",
    "de",
];

/// `[policy]` as written: who owns the rules and what extending playbooks may not touch.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PolicyRaw {
    /// The role whose approval a change of the rules needs (in a merge request).
    #[schemars(with = "Option<String>")]
    pub owners: Option<Spanned<String>>,
    /// Control ids or `tag:NAME` that extending playbooks may not weaken.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub locked: Vec<Spanned<String>>,
}

/// `[policy]` as merged.
#[derive(Debug, Clone, Default)]
pub struct PolicySettings {
    pub owners: Option<String>,
}

/// `[gates.NAME]` as written.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GateRaw {
    /// Shown in reports.
    pub description: Option<String>,
    /// The description in German (`de.description = "…"`), for German reports.
    pub de: Option<DescriptionTexts>,
    /// Control ids, `tag:NAME`, or `*`; one string or a list. Leave it out to add to the gate
    /// of the same name that this playbook extends (`controls-add`, `approvals`).
    #[serde(default, deserialize_with = "super::forgiving::one_or_many")]
    #[schemars(with = "Option<super::forgiving::StringOrList>")]
    pub controls: Vec<Spanned<String>>,
    /// Control ids, `tag:NAME` or `*` added to the gate: to the inherited gate of the same name
    /// when `controls` is left out, else to `controls`.
    #[serde(default, deserialize_with = "super::forgiving::one_or_many")]
    #[schemars(with = "Option<super::forgiving::StringOrList>")]
    pub controls_add: Vec<Spanned<String>>,
    /// Ids or `tag:NAME` to leave out again.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub exclude: Vec<Spanned<String>>,
    /// Roles that must approve (an `Approved-by:` trailer from a member of each).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub approvals: Vec<Spanned<String>>,
}

/// `[roles.NAME]` as written.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RoleRaw {
    /// Shown in reports.
    pub description: Option<String>,
    /// Who holds the role: `"Name <email>"`, or a table where only `name` is required.
    #[serde(default)]
    #[schemars(with = "Vec<super::forgiving::MemberInput>")]
    pub members: Vec<Member>,
    /// Levels of controls whose failures members may waive.
    #[serde(default)]
    pub may_waive: Vec<Level>,
}

/// `[waivers]` as written: where waivers are kept and what they may do.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WaiverPolicyRaw {
    /// Repository-relative path of the waiver file (default `.gonogo/waivers.toml`).
    #[schemars(with = "Option<String>")]
    pub file: Option<Spanned<String>>,
    /// The longest waiver per level, in days (defaults: must 90, should 180, may 365).
    pub max_days: Option<MaxDaysRaw>,
    /// Waivers expiring within this many days are warned about (default 14).
    pub warn_days: Option<u32>,
    /// What a waived `must` or `should` control does to the decision (default `conditions`).
    pub effect: Option<WaivedEffect>,
}

#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MaxDaysRaw {
    /// Longest waiver of a `must` control, in days.
    pub must: Option<u32>,
    /// Longest waiver of a `should` control, in days.
    pub should: Option<u32>,
    /// Longest waiver of a `may` control, in days.
    pub may: Option<u32>,
}

/// The waiver policy of a playbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaiverPolicy {
    /// Repository-relative path of the waiver file.
    pub file: String,
    /// Longest allowed span from `created` to `expires`, per level.
    pub max_days_must: u32,
    pub max_days_should: u32,
    pub max_days_may: u32,
    /// Waivers expiring within this many days are warned about.
    pub warn_days: u32,
    pub effect: WaivedEffect,
}

impl Default for WaiverPolicy {
    fn default() -> Self {
        WaiverPolicy {
            file: ".gonogo/waivers.toml".into(),
            max_days_must: 90,
            max_days_should: 180,
            max_days_may: 365,
            warn_days: 14,
            effect: WaivedEffect::Conditions,
        }
    }
}

impl WaiverPolicy {
    pub fn max_days(&self, level: Level) -> u32 {
        match level {
            Level::Must => self.max_days_must,
            Level::Should => self.max_days_should,
            Level::May => self.max_days_may,
        }
    }

    /// Applies what a playbook layer says over this policy.
    pub fn apply(&mut self, raw: &WaiverPolicyRaw) {
        if let Some(f) = &raw.file {
            self.file = f.get_ref().clone();
        }
        if let Some(m) = &raw.max_days {
            self.max_days_must = m.must.unwrap_or(self.max_days_must);
            self.max_days_should = m.should.unwrap_or(self.max_days_should);
            self.max_days_may = m.may.unwrap_or(self.max_days_may);
        }
        self.warn_days = raw.warn_days.unwrap_or(self.warn_days);
        self.effect = raw.effect.unwrap_or(self.effect);
    }
}

/// A role's member; read as `"Name <email>"` or as this table (`forgiving`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Member {
    /// The member's name, as in `Approved-by:` trailers and waivers.
    pub name: String,
    /// Matched against trailers and `allowed_signers` principals.
    pub email: Option<String>,
    /// SSH public keys (`ssh-ed25519 AAAA… comment`) whose signatures prove this member's approvals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub signing_keys: Vec<Spanned<String>>,
    /// GitHub login, for reviews read with `--approvals`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub github: Option<String>,
    /// GitLab username, for approvals read with `--approvals`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gitlab: Option<String>,
}

/// `[approvals]` as written: how approval trailers are proven.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ApprovalPolicyRaw {
    /// Let unsigned (unverifiable) `Approved-by:` trailers count, as before signatures.
    pub accept_unsigned: Option<bool>,
    /// Repository-relative path of a file in git's `allowed_signers` format.
    #[schemars(with = "Option<String>")]
    pub allowed_signers: Option<Spanned<String>>,
    /// The trailer that carries an approval (default `Approved-by`; e.g. `Freigegeben-von`).
    pub trailer: Option<String>,
}

/// The approval policy of a playbook.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApprovalPolicy {
    pub accept_unsigned: bool,
    pub allowed_signers: Option<String>,
    /// The trailer key that carries an approval; `None` means `Approved-by`.
    pub trailer: Option<String>,
}

impl ApprovalPolicy {
    /// Applies what a playbook layer says over this policy.
    pub fn apply(&mut self, raw: &ApprovalPolicyRaw) {
        self.accept_unsigned = raw.accept_unsigned.unwrap_or(self.accept_unsigned);
        if let Some(f) = &raw.allowed_signers {
            self.allowed_signers = Some(f.get_ref().clone());
        }
        if let Some(t) = &raw.trailer {
            self.trailer = Some(t.trim().trim_end_matches(':').to_string());
        }
    }

    /// The trailer key that carries an approval: `Approved-by` unless the playbook names another.
    pub fn trailer(&self) -> &str {
        self.trailer.as_deref().unwrap_or("Approved-by")
    }
}

/// A role with decision rights ("RACI light").
#[derive(Debug, Clone)]
pub struct Role {
    pub name: String,
    pub description: Option<String>,
    pub members: Vec<Member>,
    pub may_waive: Vec<Level>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Meta {
    pub name: String,
    pub version: Option<String>,
    pub owner: Option<String>,
    pub description: Option<String>,
    /// The description in German; set and inherited together with `description`.
    pub description_de: Option<String>,
    pub language: Option<Language>,
}

/// Where a control is defined, for people and for SARIF locations.
#[derive(Debug, Clone)]
pub struct Location {
    pub source: String,
    pub line: usize,
    pub column: usize,
}

/// How recently a control's artifacts must have changed.
#[derive(Debug, Clone, Copy)]
pub struct Freshness {
    pub within: Option<jiff::Span>,
    pub commits: Option<usize>,
}

#[derive(Debug)]
pub struct Scope {
    pub patterns: Vec<String>,
    pub set: GlobSet,
}

/// A validated control, ready to run.
#[derive(Debug)]
pub struct Control {
    pub id: String,
    pub kind: &'static str,
    pub level: Level,
    pub title: String,
    pub rationale: Option<String>,
    pub remediation: Option<String>,
    /// The title, rationale and remediation in German, where the playbook gives them.
    pub de: Option<Texts>,
    pub tags: Vec<String>,
    pub applies_if: Option<Scope>,
    pub only_if_changed: Option<Scope>,
    pub freshness: Option<Freshness>,
    pub params: Box<dyn ControlParams>,
    pub location: Location,
    /// What the control checks as written: every key but the descriptive ones, with its value as
    /// compact TOML, sorted by key. Compared to tell a changed rule from a renamed one.
    pub settings: Vec<(String, String)>,
    pub locked: bool,
    pub waivable_by: Option<String>,
    /// Source index and span of the id, for diagnostics about later layers.
    pub(crate) defined: (usize, std::ops::Range<usize>),
}

#[derive(Debug, Clone)]
pub struct Gate {
    pub name: String,
    pub description: Option<String>,
    pub description_de: Option<String>,
    /// Resolved control ids, in playbook order.
    pub controls: Vec<String>,
    /// Roles whose approval the gate needs.
    pub approvals: Vec<String>,
}

/// A playbook source that took part, with its digest.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct SourceRef {
    pub name: String,
    pub sha256: String,
}

/// A validated playbook.
#[derive(Debug)]
pub struct Playbook {
    pub meta: Meta,
    pub controls: Vec<Control>,
    pub gates: Vec<Gate>,
    pub roles: Vec<Role>,
    pub waivers: WaiverPolicy,
    pub policy: PolicySettings,
    pub approvals: ApprovalPolicy,
    /// The top-level source first, then everything it extends.
    pub sources: Vec<SourceRef>,
}

impl Playbook {
    pub fn control(&self, id: &str) -> Option<&Control> {
        self.controls.iter().find(|c| c.id == id)
    }

    pub fn role(&self, name: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.name == name)
    }

    pub fn gate(&self, name: &str) -> Option<&Gate> {
        self.gates.iter().find(|g| g.name == name)
    }

    /// The top-level source's name and digest.
    pub fn origin(&self) -> &SourceRef {
        &self.sources[0]
    }
}

/// What a waived `must` or `should` control does to the decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum WaivedEffect {
    /// GO WITH CONDITIONS: the waiver is a condition of the go.
    #[default]
    Conditions,
    /// GO: a granted exception counts as met.
    Go,
}
