//! Runbooks where they are (`discover = true`): Markdown in the conventional operations
//! folders, Markdown files named `*runbook*`, and, only when neither finds one, Markdown files
//! with a heading that names a runbook (`## Runbook — common situations` in `docs/operations.md`)
//! or that hold every required section.

use std::collections::BTreeMap;

use super::{Params, quoted};
use crate::controls::markdown;
use crate::snapshot::{Content, Snapshot};

/// The folders whose Markdown files are runbooks, from the repository root, in this order.
pub(super) const FOLDERS: &[&str] = &[
    "runbooks",
    "docs/runbooks",
    "ops",
    "operations",
    "docs/operations",
];

/// How many Markdown files the section search reads at most: shallow ones first.
const SECTION_SCAN_LIMIT: usize = 200;

/// Folders of code or data that is not the repository's own operations: never searched.
const FOREIGN: &[&str] = &[
    "node_modules",
    "vendor",
    "target",
    ".git",
    "third_party",
    "third-party",
    "bower_components",
    ".venv",
    ".terraform",
];

/// A path inside vendored or generated code.
pub(super) fn is_foreign(path: &str) -> bool {
    let mut parts: Vec<&str> = path.split('/').collect();
    parts.pop();
    parts
        .iter()
        .any(|p| FOREIGN.iter().any(|f| p.eq_ignore_ascii_case(f)))
}

fn is_markdown(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

fn stem_of(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.')
        .map_or(name, |(s, _)| s)
        .to_ascii_lowercase()
}

/// A template is never a runbook, even with every section.
fn is_template(path: &str) -> bool {
    let stem = stem_of(path);
    stem.starts_with("template") || stem.ends_with("template")
}

/// Names that sit beside runbooks in their folders but are not runbooks: indexes, templates.
fn is_reserved(path: &str) -> bool {
    is_template(path) || matches!(stem_of(path).as_str(), "readme" | "index" | "_index")
}

/// The conventional folder a path lies in, as written in the repository (case kept).
fn folder_of(path: &str) -> Option<&str> {
    FOLDERS.iter().find_map(|folder| {
        let head = path.get(..folder.len())?;
        let slash = path.as_bytes().get(folder.len()) == Some(&b'/');
        (slash && head.eq_ignore_ascii_case(folder)).then_some(head)
    })
}

fn has_runbook_name(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|n| n.to_ascii_lowercase().contains("runbook"))
}

/// Runbooks found by folder and by name, each with how it was found; when none is found and
/// `known` (runbooks found otherwise) is empty, the files holding every required section.
pub(super) fn discover(
    p: &Params,
    snap: &Snapshot,
    known: &BTreeMap<String, String>,
) -> Vec<(String, String)> {
    let candidates: Vec<&str> = snap
        .paths()
        .filter(|path| is_markdown(path) && !is_foreign(path) && !p.exclude_set.is_match(path))
        .collect();
    let mut found = Vec::new();
    for path in &candidates {
        if is_reserved(path) {
            continue;
        }
        if let Some(folder) = folder_of(path) {
            found.push((
                path.to_string(),
                format!("runbook found by folder `{folder}/`"),
            ));
        } else if has_runbook_name(path) {
            found.push((
                path.to_string(),
                "runbook found by name `*runbook*`".to_string(),
            ));
        }
    }
    if found.is_empty() && known.is_empty() {
        found = by_headings(p, snap, candidates);
    }
    found
}

/// A heading that names a runbook: the word `runbook` or `runbooks` in it.
fn names_a_runbook(heading: &str) -> bool {
    markdown::words(heading)
        .iter()
        .any(|w| w == "runbook" || w == "runbooks")
}

/// Markdown files with a heading that names a runbook, or whose headings hold every required
/// section (or a synonym). Reads at most [`SECTION_SCAN_LIMIT`] files, shallow before deep, each
/// within the snapshot's size cap.
fn by_headings(p: &Params, snap: &Snapshot, mut candidates: Vec<&str>) -> Vec<(String, String)> {
    candidates.retain(|path| !is_template(path));
    candidates.sort_by_key(|path| (path.matches('/').count(), *path));
    let names: Vec<String> = p.sections.iter().map(|s| s.name.clone()).collect();
    let note = format!("runbook found by its sections {}", quoted(&names));
    let mut found = Vec::new();
    for path in candidates.into_iter().take(SECTION_SCAN_LIMIT) {
        let Content::Text(text) = snap.read(path) else {
            continue;
        };
        let (_, body) = markdown::front_matter(&text);
        let outline = markdown::outline(&markdown::mask_front_matter(&text, body));
        if outline.too_deep.is_some() {
            continue;
        }
        // A numbered file (a decision record, a chapter) that discusses runbooks is not one.
        let numbered = path
            .rsplit('/')
            .next()
            .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
        if let Some(h) = outline
            .headings
            .iter()
            .find(|h| !numbered && names_a_runbook(&h.text))
        {
            found.push((
                path.to_string(),
                format!(
                    "runbook found by its heading `{}` (line {})",
                    h.text, h.line
                ),
            ));
            continue;
        }
        if p.sections.is_empty() {
            continue;
        }
        let holds_all = p.sections.iter().all(|section| {
            outline.headings.iter().any(|h| {
                section
                    .aliases
                    .iter()
                    .any(|a| markdown::heading_matches(&h.text, a))
            })
        });
        if holds_all {
            found.push((path.to_string(), note.clone()));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conventional_folders_match_ignoring_case_and_keep_the_spelling() {
        assert_eq!(folder_of("ops/deploy.md"), Some("ops"));
        assert_eq!(folder_of("Ops/deploy.md"), Some("Ops"));
        assert_eq!(
            folder_of("docs/operations/db/restore.md"),
            Some("docs/operations")
        );
        assert_eq!(folder_of("opsx/deploy.md"), None);
        assert_eq!(folder_of("ops"), None);
        assert_eq!(folder_of("src/ops/deploy.md"), None);
    }

    #[test]
    fn headings_that_name_a_runbook() {
        assert!(names_a_runbook("Runbook — common situations"));
        assert!(names_a_runbook("Runbooks"));
        assert!(!names_a_runbook("Runbooking"));
        assert!(!names_a_runbook("Operations"));
    }

    #[test]
    fn names_indexes_templates_and_vendored_code() {
        assert!(has_runbook_name("deploy/Deploy-Runbook.md"));
        assert!(!has_runbook_name("runbooks/deploy.md"));
        assert!(is_reserved("ops/README.md"));
        assert!(is_reserved("runbooks/template-service.md"));
        assert!(is_reserved("runbooks/runbook-template.md"));
        assert!(!is_reserved("runbooks/api.md"));
        assert!(is_template("docs/runbook_template.md"));
        assert!(!is_template("docs/README.md"));
        assert!(is_foreign("node_modules/pkg/RUNBOOK.md"));
        assert!(is_foreign("infra/.terraform/modules/x/main.tf"));
        assert!(!is_foreign("vendor.md"));
    }
}
