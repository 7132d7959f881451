//! `runbook`: every service has a runbook with the required sections, an owner or contact, and a
//! review that is not overdue; or every runbook matched by `paths` has them.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

use globset::GlobSet;
use regex::Regex;
use serde::Deserialize;
use toml::Spanned;
use toml::de::DeTable;

use super::{CodeInfo, KindInfo, Outcome, ParamInfo, RunContext, evidence_for, line_at};
use crate::controls::markdown::{self, FrontMatter, Meta};
use crate::evidence::Finding;
use crate::playbook::compile::{Ctx, path_escape};
use crate::snapshot::{Content, Snapshot};

pub const KIND: KindInfo = KindInfo {
    name: "runbook",
    summary: "Every service (or every matched file) has a runbook with the required sections, an owner and a current review",
    params: &[
        ParamInfo {
            name: "service-dirs",
            ty: "[glob]",
            default: "[]",
            doc: "folders that are services, e.g. `services/*`; a folder counts when it holds a file",
        },
        ParamInfo {
            name: "services",
            ty: "[string]",
            default: "[]",
            doc: "service names listed by hand (each must have a runbook)",
        },
        ParamInfo {
            name: "runbook",
            ty: "[template]",
            default: "[\"{service_dir}/RUNBOOK.md\", \"docs/runbooks/{service}.md\"]",
            doc: "where a service's runbook is, `{service}` and `{service_dir}` replaced; the first that exists counts",
        },
        ParamInfo {
            name: "paths",
            ty: "[glob]",
            default: "[]",
            doc: "runbooks checked as they are, without services (e.g. alert runbooks `docs/runbooks/*.md`)",
        },
        ParamInfo {
            name: "exclude",
            ty: "[glob]",
            default: "[]",
            doc: "files matched by `paths` that are not runbooks (e.g. `docs/runbooks/README.md`)",
        },
        ParamInfo {
            name: "case-insensitive",
            ty: "bool",
            default: "true",
            doc: "match `runbook` templates and `paths` ignoring case (RUNBOOK.md = runbook.md)",
        },
        ParamInfo {
            name: "required-sections",
            ty: "[string | [string]]",
            default: "[]",
            doc: "headings every runbook needs; a list gives synonyms (`[\"Restore\", \"Backup\"]`), the first is the name",
        },
        ParamInfo {
            name: "allow-empty-sections",
            ty: "bool",
            default: "false",
            doc: "accept a required heading with nothing under it",
        },
        ParamInfo {
            name: "require-owner",
            ty: "bool",
            default: "true",
            doc: "a runbook names an owner: an `owner-keys` front matter key, or a contact in a `contact-sections` section",
        },
        ParamInfo {
            name: "owner-keys",
            ty: "[string]",
            default: "[\"owner\", \"owners\", \"owner_slack\", \"contact\", \"team\"]",
            doc: "front matter keys whose non-empty value names an owner",
        },
        ParamInfo {
            name: "contact-sections",
            ty: "[string]",
            default: "[\"Contact\", \"Contacts\", \"Escalation\", \"Owner\", \"Owners\", \"On-call\"]",
            doc: "headings whose section names an owner when it holds an e-mail address, an @handle or a link",
        },
        ParamInfo {
            name: "require-review",
            ty: "bool",
            default: "false",
            doc: "every runbook has `last_reviewed_on` in its front matter",
        },
        ParamInfo {
            name: "review-in",
            ty: "duration",
            default: "\"6 months\"",
            doc: "how long a review holds when the front matter has no `review_in` (`90 days`, `6 months`, `1 year`)",
        },
    ],
    codes: &[
        CodeInfo {
            code: "runbook/missing",
            doc: "a service has no runbook at any `runbook` template, or `paths` matches no file",
        },
        CodeInfo {
            code: "runbook/missing-section",
            doc: "a runbook has no heading for a required section (nor a synonym)",
        },
        CodeInfo {
            code: "runbook/empty-section",
            doc: "a required section has nothing under its heading",
        },
        CodeInfo {
            code: "runbook/no-owner",
            doc: "a runbook names no owner or contact",
        },
        CodeInfo {
            code: "runbook/missing-review",
            doc: "`require-review` is set and a runbook has no `last_reviewed_on`",
        },
        CodeInfo {
            code: "runbook/stale-review",
            doc: "`last_reviewed_on` + `review_in` lies before the as-of date",
        },
        CodeInfo {
            code: "runbook/invalid-review-metadata",
            doc: "`last_reviewed_on` is not a date (YYYY-MM-DD) or `review_in` is not a duration",
        },
        CodeInfo {
            code: "runbook/invalid-front-matter",
            doc: "the YAML front matter does not parse; owner and review are then not checked",
        },
        CodeInfo {
            code: "runbook/unreadable",
            doc: "a runbook is binary, too large, a link or unreadable",
        },
    ],
    compile,
};

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
    name: String,
    /// Every accepted heading text, the name included.
    aliases: Vec<String>,
}

#[derive(Debug)]
pub struct Params {
    service_dirs: Vec<String>,
    service_dir_set: GlobSet,
    services: Vec<String>,
    templates: Vec<String>,
    paths: Vec<String>,
    path_set: GlobSet,
    exclude_set: GlobSet,
    case_insensitive: bool,
    sections: Vec<Section>,
    allow_empty_sections: bool,
    require_owner: bool,
    owner_keys: Vec<String>,
    contact_sections: Vec<String>,
    require_review: bool,
    review_in: jiff::Span,
    review_in_text: String,
}

fn compile(table: Spanned<DeTable<'_>>, ctx: &mut Ctx<'_>) -> Option<super::Params> {
    let span = table.span();
    let raw: Raw = ctx.table(table)?;
    let mut ok = true;
    let has_services = !raw.service_dirs.is_empty() || !raw.services.is_empty();
    if !has_services && raw.paths.is_empty() {
        ctx.error(
            "playbook::missing-key",
            span.clone(),
            "a `runbook` control has nothing to check",
            "in this control",
            Some("give `service-dirs = [\"services/*\"]`, `services = [\"name\"]` or `paths = [\"docs/runbooks/*.md\"]`".into()),
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
    Some(super::Params::Runbook(Params {
        service_dirs: strings(&raw.service_dirs),
        service_dir_set: service_dir_set?,
        services: strings(&raw.services),
        templates,
        paths: strings(&raw.paths),
        path_set: path_set?,
        exclude_set: exclude_set?,
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

/// A service: its name and, when found through `service-dirs`, its folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Service {
    name: String,
    dir: Option<String>,
}

impl Service {
    fn label(&self) -> String {
        match &self.dir {
            Some(dir) => format!("service `{}` ({dir})", self.name),
            None => format!("service `{}`", self.name),
        }
    }
}

pub fn run(p: &Params, snap: &Snapshot, ctx: &RunContext) -> Outcome {
    let mut out = Outcome::default();
    let services = find_services(p, snap);
    // Lowercased path → path, for case-insensitive templates; the first in sorted order wins.
    let mut folded: HashMap<String, &str> = HashMap::new();
    if p.case_insensitive {
        for path in snap.paths() {
            folded.entry(path.to_lowercase()).or_insert(path);
        }
    }
    let lookup = |candidate: &str| -> Option<String> {
        if snap.contains(candidate) {
            Some(candidate.to_string())
        } else if p.case_insensitive {
            folded.get(&candidate.to_lowercase()).map(|s| s.to_string())
        } else {
            None
        }
    };
    // Runbook path → what it is the runbook of; each file is checked once.
    let mut runbooks: BTreeMap<String, String> = BTreeMap::new();
    for service in &services {
        let candidates: Vec<String> = p
            .templates
            .iter()
            .filter_map(|t| expand(t, service))
            .collect();
        if candidates.is_empty() {
            out.findings.push(Finding::new(
                "runbook/missing",
                format!(
                    "{} has no folder, and every `runbook` template needs `{{service_dir}}`",
                    service.label()
                ),
            ));
            continue;
        }
        match candidates.iter().find_map(|c| lookup(c)) {
            Some(path) => {
                runbooks
                    .entry(path)
                    .or_insert_with(|| format!("runbook of {}", service.label()));
            }
            None => out.findings.push(Finding::new(
                "runbook/missing",
                format!(
                    "{} has no runbook; expected {}",
                    service.label(),
                    candidates
                        .iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(" or ")
                ),
            )),
        }
    }
    if !p.paths.is_empty() {
        let mut matched = 0;
        for path in snap.paths() {
            if p.path_set.is_match(path) && !p.exclude_set.is_match(path) {
                matched += 1;
                runbooks
                    .entry(path.to_string())
                    .or_insert_with(|| "runbook matched by `paths`".into());
            }
        }
        if matched == 0 {
            // Only a service glob that matched nothing makes the control not applicable;
            // `paths` are asked for, so an empty match is a finding.
            if services.is_empty() && !p.service_dirs.is_empty() {
                return Outcome::not_applicable(format!(
                    "no service folder matches {} and no runbook matches {}",
                    quoted(&p.service_dirs),
                    quoted(&p.paths)
                ));
            }
            out.findings.push(Finding::new(
                "runbook/missing",
                format!("no runbook matches {}", quoted(&p.paths)),
            ));
        }
    } else if services.is_empty() {
        return Outcome::not_applicable(format!(
            "no service folder matches {}",
            quoted(&p.service_dirs)
        ));
    }
    let mut need_as_of = false;
    for (path, note) in &runbooks {
        need_as_of |= check_runbook(p, snap, ctx, path, note, &mut out);
    }
    if need_as_of && ctx.as_of.is_none() {
        out.error = Some(
            "review dates cannot be checked without an as-of date: check a git commit or set SOURCE_DATE_EPOCH"
                .into(),
        );
    }
    out
}

/// Services from `service-dirs` (folders holding at least one file) and from `services`.
fn find_services(p: &Params, snap: &Snapshot) -> Vec<Service> {
    let mut dirs: BTreeSet<String> = BTreeSet::new();
    if !p.service_dirs.is_empty() {
        for dir in snap.dirs() {
            if p.service_dir_set.is_match(dir) {
                dirs.insert(dir.clone());
            }
        }
    }
    let mut services: Vec<Service> = dirs
        .into_iter()
        .map(|dir| Service {
            name: dir.rsplit('/').next().unwrap_or(&dir).to_string(),
            dir: Some(dir),
        })
        .collect();
    for name in &p.services {
        if !services.iter().any(|s| &s.name == name) {
            services.push(Service {
                name: name.clone(),
                dir: None,
            });
        }
    }
    services.sort();
    services
}

/// A template filled in for a service; `None` when it needs a folder the service does not have.
fn expand(template: &str, service: &Service) -> Option<String> {
    let mut path = template.replace("{service}", &service.name);
    if path.contains("{service_dir}") {
        path = path.replace("{service_dir}", service.dir.as_deref()?);
    }
    Some(path)
}

static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    // A constant pattern, covered by the unit tests; it cannot fail at run time.
    Regex::new(
        r"(?i)[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+|(^|[\s(\[])@[a-z0-9][a-z0-9._/-]*|(https?|mailto):[^\s)>\]]+",
    )
    .expect("valid contact regex")
});

/// Checks one runbook; returns whether a review date needs the as-of date.
fn check_runbook(
    p: &Params,
    snap: &Snapshot,
    ctx: &RunContext,
    path: &str,
    note: &str,
    out: &mut Outcome,
) -> bool {
    let text = match snap.read(path) {
        Content::Text(t) => t,
        other => {
            out.findings.push(
                Finding::new(
                    "runbook/unreadable",
                    super::files::unreadable_reason(path, &other),
                )
                .at(path, None),
            );
            return false;
        }
    };
    out.evidence
        .push(evidence_for(snap, path, None, None, note.to_string()));
    let (fm, body) = markdown::front_matter(&text);
    let fm = match fm {
        Some(Err(e)) => {
            out.findings.push(
                Finding::new(
                    "runbook/invalid-front-matter",
                    format!(
                        "the front matter is not valid YAML ({}); owner and review were not checked",
                        e.message
                    ),
                )
                .at(path, Some(e.line)),
            );
            None
        }
        Some(Ok(fm)) => Some(fm),
        None => Some(FrontMatter::default()),
    };
    let masked = markdown::mask_front_matter(&text, body);
    let outline = markdown::outline(&masked);
    if let Some(line) = outline.too_deep {
        // Not judged, so not passed: the control is ERROR, naming the file and line.
        out.error.get_or_insert(markdown::too_deep(path, line));
        return false;
    }

    for section in &p.sections {
        let found = outline.headings.iter().enumerate().find(|(_, h)| {
            section
                .aliases
                .iter()
                .any(|a| markdown::heading_matches(&h.text, a))
        });
        match found {
            None => {
                let also = if section.aliases.len() > 1 {
                    format!(" (nor {})", quoted(&section.aliases[1..]))
                } else {
                    String::new()
                };
                out.findings.push(
                    Finding::new(
                        "runbook/missing-section",
                        format!("no `{}` section{also}", section.name),
                    )
                    .at(path, None),
                );
            }
            Some((i, h)) => {
                let line = line_at(&masked, h.span.start);
                out.evidence.push(evidence_for(
                    snap,
                    path,
                    Some(h.line),
                    Some(line),
                    format!("section `{}`", section.name),
                ));
                if !p.allow_empty_sections
                    && is_blank(markdown::section_body(&masked, &outline.headings, i))
                {
                    out.findings.push(
                        Finding::new(
                            "runbook/empty-section",
                            format!("the `{}` section is empty", h.text),
                        )
                        .at(path, Some(h.line)),
                    );
                }
            }
        }
    }

    let Some(fm) = fm else { return false };
    if p.require_owner && !has_owner(p, snap, path, &text, &masked, &outline, &fm, out) {
        out.findings.push(
            Finding::new(
                "runbook/no-owner",
                format!(
                    "no owner named: no {} in the front matter and no e-mail, @handle or link under a {} heading",
                    quoted(&p.owner_keys),
                    quoted(&p.contact_sections)
                ),
            )
            .at(path, None),
        );
    }
    check_review(p, snap, ctx, path, &text, &fm, out)
}

/// Nothing but whitespace and HTML comments (template placeholders).
fn is_blank(body: &str) -> bool {
    let mut rest = body;
    while let Some(start) = rest.find("<!--") {
        if !rest[..start].trim().is_empty() {
            return false;
        }
        rest = match rest[start..].find("-->") {
            Some(end) => &rest[start + end + 3..],
            None => "",
        };
    }
    rest.trim().is_empty()
}

#[allow(clippy::too_many_arguments)]
fn has_owner(
    p: &Params,
    snap: &Snapshot,
    path: &str,
    text: &str,
    masked: &str,
    outline: &markdown::Outline,
    fm: &FrontMatter,
    out: &mut Outcome,
) -> bool {
    for key in &p.owner_keys {
        if let Some(value) = fm.get(key).map(Meta::as_text)
            && !value.trim().is_empty()
        {
            let line = fm.lines.get(&key.to_ascii_lowercase()).copied();
            let excerpt = line.and_then(|l| line_text(text, l));
            out.evidence.push(evidence_for(
                snap,
                path,
                line,
                excerpt,
                format!("owner in front matter `{key}`"),
            ));
            return true;
        }
    }
    for (i, h) in outline.headings.iter().enumerate() {
        if !p
            .contact_sections
            .iter()
            .any(|c| markdown::heading_matches(&h.text, c))
        {
            continue;
        }
        let body = markdown::section_body(masked, &outline.headings, i);
        if let Some(m) = CONTACT.find(body) {
            let offset = h.span.end + m.start() + (m.len() - m.as_str().trim_start().len());
            out.evidence.push(evidence_for(
                snap,
                path,
                Some(super::line_of(masked, offset)),
                Some(line_at(masked, offset)),
                format!("contact under `{}`", h.text),
            ));
            return true;
        }
    }
    false
}

/// Checks `last_reviewed_on` + `review_in` against the as-of date; returns whether the as-of
/// date was needed.
fn check_review(
    p: &Params,
    snap: &Snapshot,
    ctx: &RunContext,
    path: &str,
    text: &str,
    fm: &FrontMatter,
    out: &mut Outcome,
) -> bool {
    let line_of_key = |key: &str| fm.lines.get(key).copied();
    let excerpt = |line: Option<u32>| line.and_then(|l| line_text(text, l));
    let Some(reviewed) = fm.get("last_reviewed_on").map(Meta::as_text) else {
        if p.require_review {
            out.findings.push(
                Finding::new(
                    "runbook/missing-review",
                    "no `last_reviewed_on` in the front matter",
                )
                .at(path, None),
            );
        }
        return false;
    };
    let reviewed_line = line_of_key("last_reviewed_on");
    let Ok(date) = reviewed.trim().parse::<jiff::civil::Date>() else {
        out.findings.push(
            Finding::new(
                "runbook/invalid-review-metadata",
                format!("`last_reviewed_on: {reviewed}` is not a date (YYYY-MM-DD)"),
            )
            .at(path, reviewed_line),
        );
        return false;
    };
    let (span, span_text) = match fm.get("review_in").map(Meta::as_text) {
        Some(t) => match crate::support::duration::parse(&t) {
            Ok(s) => (s, t),
            Err(why) => {
                let line = line_of_key("review_in");
                out.findings.push(
                    Finding::new(
                        "runbook/invalid-review-metadata",
                        format!(
                            "`review_in: {t}` is not a duration ({why}); write e.g. `6 months`"
                        ),
                    )
                    .at(path, line),
                );
                return false;
            }
        },
        None => (p.review_in, p.review_in_text.clone()),
    };
    let Some(as_of) = ctx.as_of else { return true };
    let today = as_of.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    let due = date.checked_add(span).unwrap_or(jiff::civil::Date::MAX);
    out.evidence.push(evidence_for(
        snap,
        path,
        reviewed_line,
        excerpt(reviewed_line),
        format!("reviewed {date}, review due {due} (every {span_text})"),
    ));
    if today > due {
        out.findings.push(
            Finding::new(
                "runbook/stale-review",
                format!(
                    "last reviewed {date}; a review every {span_text} was due {due} (as of {today})"
                ),
            )
            .at(path, reviewed_line),
        );
    }
    true
}

/// The text of a 1-based line.
fn line_text(text: &str, line: u32) -> Option<&str> {
    text.lines().nth((line as usize).checked_sub(1)?)
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_calendar_months() {
        let date: jiff::civil::Date = "2025-08-31".parse().unwrap();
        let due = date
            .checked_add(crate::support::duration::parse("6 months").unwrap())
            .unwrap();
        assert_eq!(due.to_string(), "2026-02-28");
    }

    #[test]
    fn contacts_are_mails_handles_and_links() {
        for s in [
            "Page oncall@example.com",
            "Ask @payments-team in Slack",
            "See https://wiki.example.com/oncall",
            "[Slack](https://slack.example.com/c/pay)",
            "mailto:team@example.org",
        ] {
            assert!(CONTACT.is_match(s), "{s}");
        }
        for s in ["Ask the team", "email me", "user@localhost"] {
            assert!(!CONTACT.is_match(s), "{s}");
        }
    }

    #[test]
    fn comments_and_whitespace_are_blank() {
        assert!(is_blank("\n\n<!-- describe the rollback -->\n  \n"));
        assert!(is_blank(""));
        assert!(!is_blank("<!-- x -->\nRun `kubectl rollout undo`.\n"));
        assert!(!is_blank("text<!-- x"));
    }

    #[test]
    fn templates_skip_when_the_service_has_no_folder() {
        let listed = Service {
            name: "payments".into(),
            dir: None,
        };
        assert_eq!(expand("{service_dir}/RUNBOOK.md", &listed), None);
        assert_eq!(
            expand("docs/runbooks/{service}.md", &listed).as_deref(),
            Some("docs/runbooks/payments.md")
        );
        let found = Service {
            name: "ledger".into(),
            dir: Some("services/ledger".into()),
        };
        assert_eq!(
            expand("{service_dir}/RUNBOOK.md", &found).as_deref(),
            Some("services/ledger/RUNBOOK.md")
        );
    }
}
