//! `gonogo fix`: what the chosen playbook and gate find missing, and the artifacts that would
//! satisfy it, made from templates (`templates`) in English or German; written only on request,
//! never over an existing file, never outside the repository (`write`).

pub mod say;
pub mod templates;
pub mod write;

use std::path::{Path, PathBuf};

use globset::GlobBuilder;

use crate::controls::{Params, params_of};
use crate::evidence::{ControlResult, Status};
use crate::pipeline::run::RunError;
use crate::playbook::{Control, Language, Playbook};
use crate::snapshot::{self, Mode, Snapshot};
use crate::support::dates::AsOf;
use templates::{Template, fill};

/// What `gonogo fix` is asked.
#[derive(Debug, Clone, Default)]
pub struct FixRequest {
    /// Playbook file or `preset:NAME`; default as `gonogo check` chooses it.
    pub playbook: Option<PathBuf>,
    pub gate: Option<String>,
    /// Language of the documents; default: the playbook's, else English.
    pub lang: Option<Language>,
    /// A way to reach the team (an e-mail), written where a template names a contact.
    pub contact: Option<String>,
    pub as_of: Option<AsOf>,
    pub source_date_epoch: Option<i64>,
}

/// One artifact that would be created, and the controls it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// Repository-relative path.
    pub path: String,
    pub template: &'static str,
    pub controls: Vec<String>,
    pub content: String,
}

/// A failing control no template can satisfy, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unfixable {
    pub control: String,
    pub kind: String,
    pub status: Status,
}

/// What the check found missing and what would be created.
#[derive(Debug)]
pub struct Plan {
    /// The repository's work tree.
    pub root: PathBuf,
    /// The gate checked (`all` when the playbook has none).
    pub gate: String,
    pub lang: Language,
    /// Controls that fail or could not be evaluated, with their status.
    pub failing: Vec<(String, Status)>,
    pub create: Vec<Planned>,
    pub unfixable: Vec<Unfixable>,
    /// Whether no contact was given or found, so a placeholder was written.
    pub placeholder_contact: bool,
}

/// Writes every planned artifact; one result per artifact, in the plan's order.
pub fn write_all(plan: &Plan) -> Vec<Result<(), write::Refused>> {
    plan.create
        .iter()
        .map(|p| write::write_new(&plan.root, &p.path, &p.content))
        .collect()
}

/// Checks the work tree (tracked and untracked files) with the chosen playbook and gate and
/// plans an artifact for every failing control a template can satisfy.
pub fn plan(path: &Path, request: &FixRequest) -> Result<Plan, RunError> {
    // In a repository: the work tree as it is, untracked files included. A plain folder is
    // read as it is (it has no other state).
    let in_git = matches!(
        snapshot::layout::open(path, &snapshot::GitEnv::from_process()),
        Ok(Some(_))
    );
    let open = snapshot::OpenOptions {
        mode: if in_git { Mode::Worktree } else { Mode::Head },
        max_file_size: snapshot::DEFAULT_MAX_FILE_SIZE,
        base: None,
        missing: None,
    };
    let snap = Snapshot::open(path, &open)?;
    let policy = crate::policy::resolve(
        &snap,
        &crate::policy::PolicyRequest {
            playbook: request.playbook.clone(),
            ..crate::policy::PolicyRequest::default()
        },
    )?;
    let options = crate::pipeline::check::CheckOptions {
        gate: request.gate.clone(),
        as_of: request.as_of,
        source_date_epoch: request.source_date_epoch,
        ..crate::pipeline::check::CheckOptions::default()
    };
    let evidence = crate::pipeline::check::check(&policy.playbook, &snap, &options)?;
    let book = &policy.playbook;
    let lang = request.lang.or(book.meta.language).unwrap_or(Language::En);
    let as_of = AsOf::resolve(request.as_of, request.source_date_epoch);
    let found_contact = request.contact.clone().or_else(|| {
        book.roles
            .iter()
            .flat_map(|r| &r.members)
            .find_map(|m| m.email.clone())
    });
    let values = Values::new(book, &snap, lang, &as_of, found_contact.as_deref());
    let mut plan = Plan {
        root: snap.work_tree().unwrap_or(&snap.subject.root).to_path_buf(),
        gate: evidence.gate.name.clone(),
        lang,
        failing: Vec::new(),
        create: Vec::new(),
        unfixable: Vec::new(),
        placeholder_contact: found_contact.is_none(),
    };
    for result in &evidence.controls {
        if !matches!(result.status, Status::Fail | Status::Error) {
            continue;
        }
        plan.failing.push((result.id.clone(), result.status));
        let Some(control) = book.control(&result.id) else {
            continue;
        };
        let mut planned = 0;
        for (template, path, content) in wanted(control, result, book, lang) {
            let path = values.fill(&path);
            if snap.contains(&path) {
                continue;
            }
            planned += 1;
            // Generated text (a starter playbook, its schema) is written as it is; only
            // templates have placeholders.
            let content = match content {
                Some(c) => c,
                None => values.fill(&values.fill_template(template, lang)),
            };
            match plan.create.iter_mut().find(|p| p.path == path) {
                Some(p) => p.controls.push(result.id.clone()),
                None => plan.create.push(Planned {
                    path,
                    template: template.name,
                    controls: vec![result.id.clone()],
                    content,
                }),
            }
        }
        // Nothing a template makes would help: the file is there and wrong, or no template fits.
        if planned == 0 {
            plan.unfixable.push(Unfixable {
                control: result.id.clone(),
                kind: result.kind.clone(),
                status: result.status,
            });
        }
    }
    Ok(plan)
}

/// The templates a failing control asks for: (template, path, content when generated).
fn wanted(
    control: &Control,
    result: &ControlResult,
    book: &Playbook,
    lang: Language,
) -> Vec<(&'static Template, String, Option<String>)> {
    let has = |code: &str| result.findings.iter().any(|f| f.code == code);
    let one = |t: &'static Template| vec![(t, t.path(lang).to_string(), None)];
    let params = params_of(control.params.as_ref());
    match (control.kind, params) {
        ("files", Some(Params::Files(p))) => {
            if !(has("files/missing") || has("files/missing-any")) {
                return Vec::new();
            }
            let globs_text: Vec<&str> = p.wanted().collect();
            if globs_text
                .iter()
                .any(|g| matches!(*g, "gonogo.toml" | ".gonogo/playbook.toml"))
            {
                let preset = starter_preset(book);
                let Some(text) =
                    crate::playbook::starter::starter_playbook(&preset, &crate::controls::REGISTRY)
                else {
                    return Vec::new();
                };
                // The schema its first line names, for editors, as `gonogo init` writes it.
                let schema =
                    crate::playbook::json_schema::playbook_schema(&crate::controls::REGISTRY);
                return vec![
                    (&templates::PLAYBOOK, "gonogo.toml".to_string(), Some(text)),
                    (
                        &templates::PLAYBOOK,
                        crate::playbook::json_schema::SCHEMA_FILE.to_string(),
                        Some(schema),
                    ),
                ];
            }
            let globs: Vec<globset::GlobMatcher> = p
                .wanted()
                .filter_map(|g| {
                    GlobBuilder::new(g)
                        .case_insensitive(true)
                        .literal_separator(true)
                        .build()
                        .ok()
                })
                .map(|g| g.compile_matcher())
                .collect();
            templates::FILES
                .iter()
                .find(|t| {
                    let path = t.path(lang).replace("{today}", "2000-01-01");
                    globs.iter().any(|g| g.is_match(&path))
                })
                .map(one)
                .unwrap_or_default()
        }
        ("adr", _) if has("adr/missing-folder") || has("adr/too-few") => one(&templates::ADR),
        ("runbook", _) if has("runbook/missing") => one(&templates::RUNBOOK),
        ("dod", _) => {
            let mut out = Vec::new();
            if has("dod/missing") {
                out.extend(one(&templates::DOD));
            }
            if has("dod/missing-pr-template") {
                out.extend(one(&templates::PR_TEMPLATE));
            }
            out
        }
        ("ownership", _) => {
            let mut out = Vec::new();
            if has("ownership/missing") {
                let t = templates::named("readme").expect("template");
                out.push((t, ".github/CODEOWNERS".to_string(), Some(codeowners(book))));
            }
            if has("ownership/no-contact") {
                out.extend(
                    templates::named("security").map(|t| (t, t.path(lang).to_string(), None)),
                );
            }
            out
        }
        ("decision-rights", Some(Params::DecisionRights(p))) if has("decision-rights/missing") => {
            let t = templates::named("decision-rights").expect("template");
            vec![(
                t,
                p.file.clone(),
                Some(decision_rights(book, &p.decisions, t, lang)),
            )]
        }
        ("handover", Some(Params::Handover(p))) if has("handover/missing") => {
            let t = templates::named("handover").expect("template");
            // The first of the control's files in the language's spelling, else its first.
            let path = p
                .files
                .iter()
                .find(|f| f.as_str() == t.path(lang))
                .or(p.files.first())
                .cloned()
                .unwrap_or_else(|| t.path(lang).to_string());
            vec![(t, path, None)]
        }
        // The risk register's control belongs to another module: any missing-register finding
        // is answered with the register template.
        ("risks", _) if result.findings.iter().any(|f| f.code.ends_with("missing")) => {
            templates::named("risks").map(one).unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

/// The preset a starter playbook extends: the checked playbook's own preset when it is one
/// (its name says `gonogo NAME`), else the last preset it extends, else `default`.
fn starter_preset(book: &Playbook) -> String {
    let names: Vec<&str> = crate::playbook::PRESETS.iter().map(|(n, _)| *n).collect();
    book.sources
        .iter()
        .filter_map(|s| s.name.strip_prefix("preset:"))
        .find(|n| names.contains(n))
        .unwrap_or("default")
        .to_string()
}

/// CODEOWNERS from the roles: every member's GitHub handle, else e-mail, owns everything.
fn codeowners(book: &Playbook) -> String {
    let mut owners: Vec<String> = Vec::new();
    for m in book.roles.iter().flat_map(|r| &r.members) {
        let owner = match (&m.github, &m.email) {
            (Some(h), _) => format!("@{}", h.trim_start_matches('@')),
            (None, Some(e)) => e.clone(),
            (None, None) => continue,
        };
        if !owners.contains(&owner) {
            owners.push(owner);
        }
    }
    let owners = if owners.is_empty() {
        "@your-org/your-team".to_string()
    } else {
        owners.join(" ")
    };
    format!("# Who reviews what (made by `gonogo fix` from the playbook's roles).\n*  {owners}\n")
}

/// The decision rights document: the playbook's decisions (or two examples) against its roles;
/// the first role accountable, the others informed; the roles with members as the escalation path.
fn decision_rights(book: &Playbook, decisions: &[String], t: &Template, lang: Language) -> String {
    let mut roles: Vec<&str> = book.roles.iter().map(|r| r.name.as_str()).collect();
    if roles.is_empty() {
        roles.push("product-owner");
    }
    let examples: Vec<String> = match lang {
        Language::En => vec!["Release approval".into(), "Architecture".into()],
        Language::De => vec!["Release-Freigabe".into(), "Architektur".into()],
    };
    let decisions = if decisions.is_empty() {
        &examples
    } else {
        decisions
    };
    let header = match lang {
        Language::En => "Decision",
        Language::De => "Entscheidung",
    };
    let mut table = format!(
        "| {header} | {} |\n|---|{}\n",
        roles.join(" | "),
        "---|".repeat(roles.len())
    );
    for d in decisions {
        let cells: Vec<&str> = (0..roles.len())
            .map(|i| if i == 0 { "A/R" } else { "I" })
            .collect();
        table.push_str(&format!("| {d} | {} |\n", cells.join(" | ")));
    }
    let reachable: Vec<&str> = book
        .roles
        .iter()
        .filter(|r| !r.members.is_empty())
        .map(|r| r.name.as_str())
        .collect();
    let steps = if reachable.is_empty() {
        roles.clone()
    } else {
        reachable
    };
    let escalation: Vec<String> = steps
        .iter()
        .enumerate()
        .map(|(i, r)| format!("{}. {r}", i + 1))
        .collect();
    fill(
        t.text(lang),
        &[
            ("table", table.trim_end().to_string()),
            ("escalation", escalation.join("\n")),
        ],
    )
}

/// The values templates are filled with.
struct Values {
    pairs: Vec<(&'static str, String)>,
}

impl Values {
    fn new(
        book: &Playbook,
        snap: &Snapshot,
        lang: Language,
        as_of: &AsOf,
        contact: Option<&str>,
    ) -> Self {
        let today = as_of.date();
        let review = today
            .checked_add(jiff::Span::new().days(30))
            .unwrap_or(today);
        let name = snap
            .subject
            .root
            .file_name()
            .map_or_else(|| "project".into(), |n| n.to_string_lossy().into_owned());
        let owner = book
            .roles
            .first()
            .map_or_else(|| "product-owner".to_string(), |r| r.name.clone());
        let _ = lang;
        Values {
            pairs: vec![
                ("today", today.to_string()),
                ("review", review.to_string()),
                ("year", today.year().to_string()),
                ("name", name),
                ("owner", owner),
                (
                    "contact",
                    contact.unwrap_or("contact@example.org").to_string(),
                ),
            ],
        }
    }

    fn fill(&self, text: &str) -> String {
        fill(text, &self.pairs)
    }

    fn fill_template(&self, t: &Template, lang: Language) -> String {
        fill(
            t.text(lang),
            &[("stage", templates::stage(t.name, lang).to_string())],
        )
    }
}
