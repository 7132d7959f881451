//! The `tests` control's parameters: the playbook table and compiling it.

use globset::GlobSet;
use serde::Deserialize;
use toml::Spanned;
use toml::de::DeTable;

use super::Ecosystem;
use crate::playbook::compile::Ctx;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    ecosystems: Option<Vec<Ecosystem>>,
    #[serde(default)]
    test_globs: Vec<Spanned<String>>,
    #[serde(default)]
    source_globs: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    modules: Vec<Spanned<String>>,
    min_ratio: Option<Spanned<f64>>,
    #[serde(default = "yes")]
    each_ecosystem: bool,
    require_tests_for_changes: Option<bool>,
}

fn yes() -> bool {
    true
}

#[derive(Debug)]
pub struct Params {
    pub(super) each_ecosystem: bool,
    pub(super) ecosystems: Option<Vec<Ecosystem>>,
    pub(super) test_globs: Option<GlobSet>,
    pub(super) source_globs: Option<GlobSet>,
    pub(super) exclude: GlobSet,
    pub(super) modules: Option<GlobSet>,
    pub(super) min_ratio: Option<f64>,
    pub(super) require_tests_for_changes: bool,
}

pub(super) fn compile(
    table: Spanned<DeTable<'_>>,
    ctx: &mut Ctx<'_>,
) -> Option<crate::controls::Params> {
    let raw: Raw = ctx.table(table)?;
    let mut ok = true;
    if let Some(m) = &raw.min_ratio {
        let v = *m.get_ref();
        if !v.is_finite() || v < 0.0 {
            ctx.error(
                "playbook::invalid-value",
                m.span(),
                format!("`min-ratio = {v}` is not a ratio"),
                "not a number of at least 0",
                Some("write test files per source file, e.g. `min-ratio = 0.2`".into()),
            );
            ok = false;
        }
    }
    let optional = |ctx: &mut Ctx<'_>, globs: &[Spanned<String>]| {
        if globs.is_empty() {
            Some(None)
        } else {
            ctx.glob_set(globs, false).map(Some)
        }
    };
    let test_globs = optional(ctx, &raw.test_globs);
    let source_globs = optional(ctx, &raw.source_globs);
    let modules = optional(ctx, &raw.modules);
    let exclude = ctx.glob_set(&raw.exclude, false);
    if !ok {
        return None;
    }
    let mut ecosystems = raw.ecosystems;
    if let Some(e) = &mut ecosystems {
        e.sort();
        e.dedup();
    }
    Some(crate::controls::Params::Tests(Params {
        ecosystems,
        test_globs: test_globs?,
        source_globs: source_globs?,
        exclude: exclude?,
        modules: modules?,
        min_ratio: raw.min_ratio.map(|m| *m.get_ref()),
        each_ecosystem: raw.each_ecosystem,
        require_tests_for_changes: raw.require_tests_for_changes.unwrap_or(true),
    }))
}
