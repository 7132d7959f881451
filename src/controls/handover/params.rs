//! The parameters of a `handover` control, as written and as compiled.

use serde::Deserialize;
use toml::Spanned;
use toml::de::DeTable;

use super::sections::{SECTIONS, Section};
use crate::playbook::compile::{Ctx, path_escape};

/// Where the handover document is looked for, in order; the first that exists counts.
pub const DEFAULT_FILES: &[&str] = &[
    "docs/handover.md",
    "HANDOVER.md",
    "docs/HANDOVER.md",
    "docs/uebergabe.md",
    "docs/übergabe.md",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    files: Option<Vec<Spanned<String>>>,
    required_sections: Option<Vec<Spanned<String>>>,
    #[serde(default = "yes")]
    forbid_secrets: bool,
    #[serde(default)]
    allow_empty_sections: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug)]
pub struct Params {
    pub files: Vec<String>,
    pub required: Vec<&'static Section>,
    pub forbid_secrets: bool,
    pub allow_empty_sections: bool,
}

pub fn compile(table: Spanned<DeTable<'_>>, ctx: &mut Ctx<'_>) -> Option<super::super::Params> {
    let raw: Raw = ctx.table(table)?;
    let mut ok = true;
    let files = match raw.files {
        Some(list) => list
            .into_iter()
            .filter_map(|f| match path_escape(f.get_ref()) {
                Some(reason) => {
                    ok = false;
                    ctx.error(
                        "playbook::path-outside-repository",
                        f.span(),
                        format!("the path `{}` {reason}", f.get_ref()),
                        "not a repository-relative path",
                        Some("write the path relative to the repository root, e.g. `docs/handover.md`".into()),
                    );
                    None
                }
                None => Some(f.into_inner()),
            })
            .collect(),
        None => DEFAULT_FILES.iter().map(|f| f.to_string()).collect(),
    };
    let required = match raw.required_sections {
        None => SECTIONS.iter().collect(),
        Some(list) => list
            .iter()
            .filter_map(|s| {
                let found = SECTIONS.iter().find(|k| k.id == s.get_ref().as_str());
                if found.is_none() {
                    ok = false;
                    let ids: Vec<&str> = SECTIONS.iter().map(|k| k.id).collect();
                    ctx.error(
                        "playbook::invalid-value",
                        s.span(),
                        format!("`{}` is no handover section", s.get_ref()),
                        "unknown section",
                        Some(format!("use one of: {}", ids.join(", "))),
                    );
                }
                found
            })
            .collect(),
    };
    if !ok {
        return None;
    }
    Some(super::super::Params::Handover(Params {
        files,
        required,
        forbid_secrets: raw.forbid_secrets,
        allow_empty_sections: raw.allow_empty_sections,
    }))
}
