//! The parameters of a `decision-rights` control, as written and as compiled.

use globset::GlobSet;
use serde::Deserialize;
use toml::Spanned;
use toml::de::DeTable;

use crate::playbook::compile::{Ctx, path_escape};

pub const DEFAULT_FILE: &str = "docs/decision-rights.md";

/// The risk register, in the format the `risks` control reads.
const DEFAULT_RISKS: &str = "docs/risks.md";

/// Where runbooks are looked for when the control checks their owners.
const DEFAULT_RUNBOOKS: &[&str] = &[
    "docs/runbooks/**/*.md",
    "runbooks/**/*.md",
    "**/RUNBOOK.md",
    "**/runbook.md",
];

/// Where decision records are looked for when the control checks their deciders.
const DEFAULT_ADRS: &[&str] = &[
    "docs/adr/*.md",
    "doc/adr/*.md",
    "docs/decisions/*.md",
    "docs/architecture/decisions/*.md",
    "adr/*.md",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    file: Option<Spanned<String>>,
    #[serde(default)]
    decisions: Vec<String>,
    #[serde(default = "yes")]
    escalation: bool,
    #[serde(default = "yes")]
    owners_in_roles: bool,
    runbooks: Option<Vec<Spanned<String>>>,
    adrs: Option<Vec<Spanned<String>>>,
    risks: Option<Spanned<String>>,
}

fn yes() -> bool {
    true
}

#[derive(Debug)]
pub struct Params {
    /// Repository-relative path of the decision rights document.
    pub file: String,
    /// Decision types that must each have a row with exactly one Accountable.
    pub decisions: Vec<String>,
    /// Whether an escalation path is required.
    pub escalation: bool,
    /// Whether owners named in runbooks, ADRs and CODEOWNERS must belong to a role.
    pub owners_in_roles: bool,
    pub runbooks: GlobSet,
    pub adrs: GlobSet,
    /// The risk register whose owners are checked; `None` when switched off (`risks = ""`).
    pub risks: Option<String>,
}

pub fn compile(table: Spanned<DeTable<'_>>, ctx: &mut Ctx<'_>) -> Option<super::super::Params> {
    let raw: Raw = ctx.table(table)?;
    let file = match raw.file {
        Some(f) => {
            if let Some(reason) = path_escape(f.get_ref()) {
                ctx.error(
                    "playbook::path-outside-repository",
                    f.span(),
                    format!("the path `{}` {reason}", f.get_ref()),
                    "not a repository-relative path",
                    Some("write the path relative to the repository root, e.g. `docs/decision-rights.md`".into()),
                );
                return None;
            }
            f.into_inner()
        }
        None => DEFAULT_FILE.to_string(),
    };
    let defaults = |d: &[&str]| -> Vec<Spanned<String>> {
        d.iter()
            .map(|g| Spanned::new(0..0, g.to_string()))
            .collect()
    };
    let risks = match raw.risks {
        None => Some(DEFAULT_RISKS.to_string()),
        Some(r) if r.get_ref().is_empty() => None,
        Some(r) => {
            if let Some(reason) = path_escape(r.get_ref()) {
                ctx.error(
                    "playbook::path-outside-repository",
                    r.span(),
                    format!("the path `{}` {reason}", r.get_ref()),
                    "not a repository-relative path",
                    Some(
                        "write the path relative to the repository root, e.g. `docs/risks.md`"
                            .into(),
                    ),
                );
                return None;
            }
            Some(r.into_inner())
        }
    };
    let runbooks = raw.runbooks.unwrap_or_else(|| defaults(DEFAULT_RUNBOOKS));
    let adrs = raw.adrs.unwrap_or_else(|| defaults(DEFAULT_ADRS));
    let runbooks = ctx.glob_set(&runbooks, false);
    let adrs = ctx.glob_set(&adrs, false);
    Some(super::super::Params::DecisionRights(Params {
        file,
        decisions: raw.decisions,
        escalation: raw.escalation,
        owners_in_roles: raw.owners_in_roles,
        runbooks: runbooks?,
        adrs: adrs?,
        risks,
    }))
}
