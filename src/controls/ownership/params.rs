//! The `ownership` control's parameters: the playbook table and compiling it.

use globset::GlobSet;
use serde::Deserialize;
use toml::Spanned;
use toml::de::DeTable;

use crate::playbook::compile::Ctx;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FlavorParam {
    #[default]
    Auto,
    Github,
    Gitlab,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    #[serde(default)]
    flavor: FlavorParam,
    min_coverage: Option<Spanned<f64>>,
    #[serde(default)]
    critical_paths: Vec<Spanned<String>>,
    #[serde(default)]
    require_contact: bool,
    #[serde(default)]
    forbid_unowned_patterns: bool,
    #[serde(default)]
    allow_unmatched_patterns: bool,
}

#[derive(Debug)]
pub struct Params {
    pub(super) flavor: FlavorParam,
    pub(super) min_coverage: Option<f64>,
    pub(super) critical: GlobSet,
    pub(super) require_contact: bool,
    pub(super) forbid_unowned_patterns: bool,
    pub(super) allow_unmatched_patterns: bool,
}

pub(super) fn compile(
    table: Spanned<DeTable<'_>>,
    ctx: &mut Ctx<'_>,
) -> Option<crate::controls::Params> {
    let raw: Raw = ctx.table(table)?;
    let mut ok = true;
    if let Some(m) = &raw.min_coverage {
        let v = *m.get_ref();
        if !(0.0..=1.0).contains(&v) {
            ctx.error(
                "playbook::invalid-value",
                m.span(),
                format!("`min-coverage = {v}` is not a share"),
                "not between 0.0 and 1.0",
                Some("write a share of files, e.g. `min-coverage = 0.9` for 90 %".into()),
            );
            ok = false;
        }
    }
    let critical = ctx.glob_set(&raw.critical_paths, false);
    let critical = critical?;
    if !ok {
        return None;
    }
    Some(crate::controls::Params::Ownership(Params {
        flavor: raw.flavor,
        min_coverage: raw.min_coverage.map(|m| *m.get_ref()),
        critical,
        require_contact: raw.require_contact,
        forbid_unowned_patterns: raw.forbid_unowned_patterns,
        allow_unmatched_patterns: raw.allow_unmatched_patterns,
    }))
}
