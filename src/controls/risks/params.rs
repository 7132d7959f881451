//! `risks` parameters: as written in the playbook, and compiled.

use serde::Deserialize;
use toml::Spanned;
use toml::de::DeTable;

use crate::playbook::compile::{Ctx, path_escape};

/// Where a register is looked for when the playbook names none; the first that exists wins.
pub const DEFAULT_PATHS: &[&str] = &[
    "docs/risks.md",
    "RISKS.md",
    "docs/risk-register.md",
    "docs/risks.toml",
    "risks.toml",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    path: Option<Spanned<String>>,
    green_max: Option<Spanned<i64>>,
    amber_max: Option<Spanned<i64>>,
    max_age: Option<Spanned<String>>,
    trend_against: Option<Spanned<String>>,
}

/// What the trend compares with.
#[derive(Debug, Clone)]
pub enum Against {
    /// The register at the previous release tag.
    Release,
    /// The register as it was this long before the as-of date.
    Ago(jiff::Span),
    /// No trend.
    Nothing,
}

#[derive(Debug)]
pub struct Params {
    pub path: Option<String>,
    pub bands: crate::evidence::risks::RiskBands,
    pub max_age: Option<jiff::Span>,
    pub max_age_text: Option<String>,
    pub against: Against,
}

pub fn compile(table: Spanned<DeTable<'_>>, ctx: &mut Ctx<'_>) -> Option<super::super::Params> {
    let raw: Raw = ctx.table(table)?;
    let mut ok = true;
    if let Some(path) = &raw.path
        && let Some(reason) = path_escape(path.get_ref())
    {
        ctx.error(
            "playbook::path-outside-repository",
            path.span(),
            format!("the register `{}` {reason}", path.get_ref()),
            "not a repository-relative path",
            Some("write the path relative to the repository root, e.g. `docs/risks.md`".into()),
        );
        ok = false;
    }
    let green = raw.green_max.as_ref().map_or(6, |g| *g.get_ref());
    let amber = raw.amber_max.as_ref().map_or(12, |a| *a.get_ref());
    if !((1..25).contains(&green) && green < amber && amber < 25) {
        let span = raw
            .amber_max
            .as_ref()
            .or(raw.green_max.as_ref())
            .map(|s| s.span())
            .unwrap_or(0..0);
        ctx.error(
            "playbook::invalid-value",
            span,
            format!("the bands green up to {green} and amber up to {amber} do not divide the scores 1–25"),
            "bands out of order",
            Some("give 1 ≤ green-max < amber-max < 25, e.g. green-max = 6, amber-max = 12".into()),
        );
        ok = false;
    }
    let mut max_age = None;
    if let Some(text) = &raw.max_age {
        match crate::support::duration::parse(text.get_ref()) {
            Ok(span) => max_age = Some(span),
            Err(why) => {
                ctx.error(
                    "playbook::invalid-value",
                    text.span(),
                    format!(
                        "`max-age = \"{}\"` is not a duration: {why}",
                        text.get_ref()
                    ),
                    "not a duration",
                    Some("write e.g. \"31 days\", \"3 months\" or \"P31D\"".into()),
                );
                ok = false;
            }
        }
    }
    let against = match raw.trend_against.as_ref().map(|t| t.get_ref().trim()) {
        None | Some("release") => Against::Release,
        Some("none") | Some("off") => Against::Nothing,
        Some(other) => match crate::support::duration::parse(other) {
            Ok(span) => Against::Ago(span),
            Err(why) => {
                let t = raw.trend_against.as_ref().map(|t| t.span()).unwrap_or(0..0);
                ctx.error(
                    "playbook::invalid-value",
                    t,
                    format!("`trend-against = \"{other}\"` is neither `release`, `none` nor a duration: {why}"),
                    "not `release`, `none` or a duration",
                    Some("write \"release\", \"none\" or a duration such as \"30 days\"".into()),
                );
                ok = false;
                Against::Nothing
            }
        },
    };
    if !ok {
        return None;
    }
    Some(super::super::Params::Risks(Params {
        path: raw.path.map(|p| p.into_inner()),
        bands: crate::evidence::risks::RiskBands {
            green_max: green as u8,
            amber_max: amber as u8,
        },
        max_age,
        max_age_text: raw.max_age.map(|m| m.into_inner()),
        against,
    }))
}
