//! The `runbook` control's parameters: the playbook table, its defaults, and compiling it.

use globset::GlobSet;
use serde::Deserialize;
use toml::Spanned;
use toml::de::DeTable;

use crate::controls::markdown;
use crate::playbook::compile::{Ctx, path_escape};

/// One required section: a name and its synonyms.
#[derive(Deserialize)]
#[serde(untagged)]
enum SectionRaw {
    One(String),
    Any(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    #[serde(default)]
    service_dirs: Vec<Spanned<String>>,
    #[serde(default)]
    services: Vec<Spanned<String>>,
    runbook: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    paths: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    discover: bool,
    #[serde(default = "yes")]
    case_insensitive: bool,
    #[serde(default)]
    required_sections: Vec<Spanned<SectionRaw>>,
    #[serde(default)]
    allow_empty_sections: bool,
    #[serde(default = "yes")]
    require_owner: bool,
    owner_keys: Option<Vec<String>>,
    contact_sections: Option<Vec<String>>,
    #[serde(default)]
    require_review: bool,
    review_in: Option<Spanned<String>>,
}

fn yes() -> bool {
    true
}

const DEFAULT_TEMPLATES: &[&str] = &["{service_dir}/RUNBOOK.md", "docs/runbooks/{service}.md"];
const DEFAULT_OWNER_KEYS: &[&str] = &["owner", "owners", "owner_slack", "contact", "team"];
const DEFAULT_CONTACT_SECTIONS: &[&str] = &[
    "Contact",
    "Contacts",
    "Escalation",
    "Owner",
    "Owners",
    "On-call",
];
const DEFAULT_REVIEW_IN: &str = "6 months";

#[derive(Debug)]
pub struct Section {
    /// The first name; the one findings use.
    pub(super) name: String,
    /// Every accepted heading text, the name included.
    pub(super) aliases: Vec<String>,
}

#[derive(Debug)]
pub struct Params {
    pub(super) service_dirs: Vec<String>,
    pub(super) service_dir_set: GlobSet,
    pub(super) services: Vec<String>,
    pub(super) templates: Vec<String>,
    pub(super) paths: Vec<String>,
    pub(super) path_set: GlobSet,
    pub(super) exclude_set: GlobSet,
    /// Also find runbooks where they are (conventional folders, names, sections).
    pub(super) discover: bool,
    pub(super) case_insensitive: bool,
    pub(super) sections: Vec<Section>,
    pub(super) allow_empty_sections: bool,
    pub(super) require_owner: bool,
    pub(super) owner_keys: Vec<String>,
    pub(super) contact_sections: Vec<String>,
    pub(super) require_review: bool,
    pub(super) review_in: jiff::Span,
    pub(super) review_in_text: String,
}

pub(super) fn compile(
    table: Spanned<DeTable<'_>>,
    ctx: &mut Ctx<'_>,
) -> Option<crate::controls::Params> {
    let span = table.span();
    let raw: Raw = ctx.table(table)?;
    let mut ok = true;
    let has_services = !raw.service_dirs.is_empty() || !raw.services.is_empty();
    if !has_services && raw.paths.is_empty() && !raw.discover {
        ctx.error(
            "playbook::missing-key",
            span.clone(),
            "a `runbook` control has nothing to check",
            "in this control",
            Some("give `service-dirs = [\"services/*\"]`, `services = [\"name\"]`, `paths = [\"docs/runbooks/*.md\"]` or `discover = true`".into()),
        );
        return None;
    }
    if let (false, Some(templates)) = (has_services, &raw.runbook) {
        let at = templates.first().map_or(span.clone(), |t| t.span());
        ctx.error(
            "playbook::invalid-value",
            at,
            "`runbook` templates need services",
            "no `service-dirs` or `services` in this control",
            Some(
                "add `service-dirs` or `services`, or list the runbooks themselves in `paths`"
                    .into(),
            ),
        );
        ok = false;
    }
    for name in &raw.services {
        let n = name.get_ref();
        if n.is_empty() || n.contains(['/', '\\']) || n == "." || n == ".." {
            ctx.error(
                "playbook::invalid-value",
                name.span(),
                format!("`{n}` is not a service name"),
                "a name, not a path",
                Some(
                    "write the service's name, e.g. `payments`; use `service-dirs` for folders"
                        .into(),
                ),
            );
            ok = false;
        }
    }
    let templates: Vec<String> = match &raw.runbook {
        Some(t) => {
            if t.is_empty() && has_services {
                ctx.error(
                    "playbook::invalid-value",
                    span.clone(),
                    "`runbook` is empty",
                    "in this control",
                    Some("give at least one template, e.g. `docs/runbooks/{service}.md`".into()),
                );
                ok = false;
            }
            for tpl in t {
                ok &= check_template(tpl, ctx);
            }
            t.iter().map(|s| s.get_ref().clone()).collect()
        }
        None => DEFAULT_TEMPLATES.iter().map(|s| s.to_string()).collect(),
    };
    let mut sections = Vec::new();
    for s in &raw.required_sections {
        let aliases = match s.get_ref() {
            SectionRaw::One(n) => vec![n.clone()],
            SectionRaw::Any(v) => v.clone(),
        };
        if aliases.is_empty() || aliases.iter().any(|a| markdown::words(a).is_empty()) {
            ctx.error(
                "playbook::invalid-value",
                s.span(),
                "a required section needs a heading text with letters or digits",
                "this section",
                Some("e.g. `\"Rollback\"` or `[\"Restore\", \"Backup\"]`".into()),
            );
            ok = false;
            continue;
        }
        sections.push(Section {
            name: aliases[0].clone(),
            aliases,
        });
    }
    let (review_in, review_in_text) = match &raw.review_in {
        Some(text) => match crate::support::duration::parse(text.get_ref()) {
            Ok(span) => (span, text.get_ref().clone()),
            Err(why) => {
                ctx.error(
                    "playbook::invalid-value",
                    text.span(),
                    format!("`{}` is not a duration: {why}", text.get_ref()),
                    "this duration",
                    Some("write e.g. `90 days`, `2 weeks`, `6 months` or `1 year`".into()),
                );
                ok = false;
                (jiff::Span::new(), String::new())
            }
        },
        None => (
            crate::support::duration::parse(DEFAULT_REVIEW_IN).unwrap_or_default(),
            DEFAULT_REVIEW_IN.to_string(),
        ),
    };
    let ci = raw.case_insensitive;
    // Service folders are matched as written: a folder name is an identity, not a spelling.
    let service_dir_set = ctx.glob_set(&raw.service_dirs, false);
    let path_set = ctx.glob_set(&raw.paths, ci);
    let exclude_set = ctx.glob_set(&raw.exclude, ci);
    let strings = |v: &[Spanned<String>]| v.iter().map(|s| s.get_ref().clone()).collect::<Vec<_>>();
    if !ok {
        return None;
    }
    Some(crate::controls::Params::Runbook(Params {
        service_dirs: strings(&raw.service_dirs),
        service_dir_set: service_dir_set?,
        services: strings(&raw.services),
        templates,
        paths: strings(&raw.paths),
        path_set: path_set?,
        exclude_set: exclude_set?,
        discover: raw.discover,
        case_insensitive: ci,
        sections,
        allow_empty_sections: raw.allow_empty_sections,
        require_owner: raw.require_owner,
        owner_keys: raw
            .owner_keys
            .unwrap_or_else(|| DEFAULT_OWNER_KEYS.iter().map(|s| s.to_string()).collect()),
        contact_sections: raw.contact_sections.unwrap_or_else(|| {
            DEFAULT_CONTACT_SECTIONS
                .iter()
                .map(|s| s.to_string())
                .collect()
        }),
        require_review: raw.require_review,
        review_in,
        review_in_text,
    }))
}

/// A template may use only `{service}` and `{service_dir}` and must stay inside the repository.
fn check_template(tpl: &Spanned<String>, ctx: &mut Ctx<'_>) -> bool {
    let text = tpl.get_ref();
    let bare = text.replace("{service_dir}", "x").replace("{service}", "x");
    if bare.contains(['{', '}']) {
        ctx.error(
            "playbook::invalid-value",
            tpl.span(),
            format!("the template `{text}` has an unknown placeholder"),
            "this template",
            Some("templates know `{service}` (the name) and `{service_dir}` (the folder)".into()),
        );
        return false;
    }
    if let Some(reason) = path_escape(text) {
        ctx.error(
            "playbook::path-outside-repository",
            tpl.span(),
            format!("the template `{text}` {reason}"),
            "not a repository-relative path",
            Some(
                "write paths relative to the repository root, e.g. `docs/runbooks/{service}.md`"
                    .into(),
            ),
        );
        return false;
    }
    true
}
