//! `adr` parameters: as written in the playbook, and compiled.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;
use toml::de::DeTable;

use super::parse::{STATUS_SYNONYMS, normalise_words, section_aliases};
use crate::playbook::compile::{Ctx, path_escape};

/// Statuses allowed when the playbook names none: Nygard's five (`draft` reads as proposed).
pub const DEFAULT_ALLOWED: &[&str] = &[
    "proposed",
    "accepted",
    "rejected",
    "deprecated",
    "superseded",
];

/// Sections required when the playbook names none.
pub const DEFAULT_SECTIONS: &[&str] = &["context", "decision"];

/// Folders where ADRs conventionally live, most frequent first.
pub const CONVENTIONAL_DIRS: &[&str] = &[
    "docs/adr",
    "doc/adr",
    "docs/decisions",
    "docs/architecture/decisions",
    "adr",
    "docs/adrs",
    "doc/decisions",
    "docs/architecture/adr",
    "decisions",
    "architecture/decisions",
    "adrs",
];

/// Folders never searched for records: code of others.
pub const VENDORED: &[&str] = &[
    "node_modules",
    "vendor",
    "target",
    ".git",
    "third_party",
    "third-party",
    "bower_components",
    ".venv",
];

/// Folders of numbered documents that are not decision records.
pub const NOT_DECISION_FOLDERS: &[&str] = &[
    "rfc",
    "rfcs",
    "keps",
    "peps",
    "changelog",
    "changelog.d",
    "changes",
    "release-notes",
    "blog",
    "posts",
    "_posts",
    "migrations",
    "chapters",
    "tutorial",
    "tutorials",
    "lessons",
    "exercises",
];

/// Folder names that make one numbered record enough to take the folder for a decision log.
pub const DECISION_FOLDER_NAMES: &[&str] = &[
    "adr",
    "adrs",
    "decisions",
    "decision-records",
    "decision-log",
    "architecture-decisions",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    #[serde(default)]
    dirs: Vec<Spanned<String>>,
    #[serde(default = "one")]
    min_count: usize,
    #[serde(default = "yes")]
    check_status: bool,
    allowed_statuses: Option<Vec<String>>,
    #[serde(default)]
    status_synonyms: BTreeMap<String, String>,
    #[serde(default = "yes")]
    check_date: bool,
    required_sections: Option<Vec<String>>,
    #[serde(default)]
    section_aliases: BTreeMap<String, Vec<String>>,
    #[serde(default = "yes")]
    check_ids: bool,
    #[serde(default = "yes")]
    check_gaps: bool,
    #[serde(default = "yes")]
    check_title_number: bool,
    #[serde(default = "yes")]
    check_superseded: bool,
    #[serde(default = "yes")]
    check_links: bool,
    proposed_max_age_days: Option<Spanned<i64>>,
}

fn one() -> usize {
    1
}

fn yes() -> bool {
    true
}

#[derive(Debug)]
pub struct Params {
    /// Folders named by the playbook; empty means: discover them.
    pub dirs: Vec<String>,
    pub min_count: usize,
    pub check_status: bool,
    /// Normalised allowed statuses.
    pub allowed: Vec<String>,
    /// Normalised written status → normalised status: the built-in table, each allowed status
    /// as itself, then the playbook's `status-synonyms`.
    pub vocabulary: BTreeMap<String, String>,
    pub check_date: bool,
    /// Each required section with every heading text (normalised) that counts for it.
    pub sections: Vec<(String, Vec<String>)>,
    pub check_ids: bool,
    pub check_gaps: bool,
    pub check_title_number: bool,
    pub check_superseded: bool,
    pub check_links: bool,
    pub proposed_max_age_days: Option<i64>,
}

impl Params {
    /// Status spellings the reader may match as a prefix, longest first.
    pub fn spellings(&self) -> Vec<String> {
        let mut v: Vec<String> = self.vocabulary.keys().cloned().collect();
        v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        v
    }
}

pub fn compile(table: Spanned<DeTable<'_>>, ctx: &mut Ctx<'_>) -> Option<super::super::Params> {
    let raw: Raw = ctx.table(table)?;
    let mut ok = true;
    for dir in &raw.dirs {
        if let Some(reason) = path_escape(dir.get_ref()) {
            ctx.error(
                "playbook::path-outside-repository",
                dir.span(),
                format!("the folder `{}` {reason}", dir.get_ref()),
                "not a repository-relative folder",
                Some("write folders relative to the repository root, e.g. `docs/adr`".into()),
            );
            ok = false;
        }
    }
    if let Some(days) = &raw.proposed_max_age_days
        && *days.get_ref() < 0
    {
        ctx.error(
            "playbook::invalid-value",
            days.span(),
            "`proposed-max-age-days` cannot be negative",
            "negative",
            Some("give a number of days, e.g. 90".into()),
        );
        ok = false;
    }
    if !ok {
        return None;
    }
    Some(super::super::Params::Adr(build(raw)))
}

impl Params {
    /// The parameters of an `adr` control that names none: the discovered decision log, as
    /// other controls read it (a risk accepted by a decision).
    pub fn discovered() -> Params {
        build(Raw {
            dirs: Vec::new(),
            min_count: 0,
            check_status: true,
            allowed_statuses: None,
            status_synonyms: BTreeMap::new(),
            check_date: false,
            required_sections: Some(Vec::new()),
            section_aliases: BTreeMap::new(),
            check_ids: false,
            check_gaps: false,
            check_title_number: false,
            check_superseded: false,
            check_links: false,
            proposed_max_age_days: None,
        })
    }
}

fn build(raw: Raw) -> Params {
    let allowed: Vec<String> = match raw.allowed_statuses {
        Some(list) => list.iter().map(|s| normalise_words(s)).collect(),
        None => DEFAULT_ALLOWED.iter().map(|s| s.to_string()).collect(),
    };
    // The built-in table first; a status the playbook allows means itself, and the playbook's
    // own synonyms override both.
    let vocabulary = STATUS_SYNONYMS
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .chain(allowed.iter().map(|a| (a.clone(), a.clone())))
        .chain(
            raw.status_synonyms
                .iter()
                .map(|(k, v)| (normalise_words(k), normalise_words(v))),
        )
        .collect();
    let required = match raw.required_sections {
        Some(list) => list,
        None => DEFAULT_SECTIONS.iter().map(|s| s.to_string()).collect(),
    };
    let sections = required
        .iter()
        .map(|name| {
            let key = normalise_words(name);
            let mut names = vec![key.clone()];
            names.extend(section_aliases(&key).iter().map(|a| a.to_string()));
            let playbook_aliases = raw
                .section_aliases
                .iter()
                .filter(|(n, _)| normalise_words(n) == key)
                .flat_map(|(_, v)| v);
            names.extend(playbook_aliases.map(|a| normalise_words(a)));
            names.dedup();
            (name.clone(), names)
        })
        .collect();
    Params {
        dirs: raw.dirs.iter().map(|d| d.get_ref().clone()).collect(),
        min_count: raw.min_count,
        check_status: raw.check_status,
        allowed,
        vocabulary,
        check_date: raw.check_date,
        sections,
        check_ids: raw.check_ids,
        check_gaps: raw.check_gaps,
        check_title_number: raw.check_title_number,
        check_superseded: raw.check_superseded,
        check_links: raw.check_links,
        proposed_max_age_days: raw.proposed_max_age_days.map(|d| d.into_inner()),
    }
}
