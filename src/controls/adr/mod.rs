//! `adr`: architecture decision records — where they are, what each says, and whether the
//! collection holds together (ids, numbering, supersession, links). Reports the decision log.

mod params;
pub mod parse;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;

use params::CONVENTIONAL_DIRS;
pub use params::Params;
use parse::{Doc, FileId};

use super::{CodeInfo, KindInfo, Outcome, ParamInfo, RunContext, evidence_for};
use crate::controls::files::unreadable_reason;
use crate::evidence::{Finding, Record};
use crate::snapshot::{Content, Snapshot};

pub const KIND: KindInfo = KindInfo {
    name: "adr",
    summary: "Architecture decision records: found, well-formed, consistently numbered and linked; reports the decision log",
    params: &[
        ParamInfo {
            name: "dirs",
            ty: "[path]",
            default: "discovered",
            doc: "ADR folders; default: `.adr-dir`, `.log4brains.yml`, else the conventional folders (docs/adr, doc/adr, docs/decisions, …)",
        },
        ParamInfo {
            name: "min-count",
            ty: "integer",
            default: "1",
            doc: "how many records there must be; 0 makes a missing folder N/A",
        },
        ParamInfo {
            name: "check-status",
            ty: "bool",
            default: "true",
            doc: "every record states a status from `allowed-statuses`",
        },
        ParamInfo {
            name: "allowed-statuses",
            ty: "[string]",
            default: "[proposed, accepted, rejected, deprecated, superseded, draft]",
            doc: "statuses allowed after normalisation",
        },
        ParamInfo {
            name: "status-synonyms",
            ty: "table",
            default: "{}",
            doc: "written status → status, e.g. `approved = \"accepted\"`",
        },
        ParamInfo {
            name: "check-date",
            ty: "bool",
            default: "true",
            doc: "every record states a valid date (front matter, `Date:` line, bullet, table)",
        },
        ParamInfo {
            name: "required-sections",
            ty: "[string]",
            default: "[context, decision]",
            doc: "headings every Markdown record has (case-insensitive); `[]` checks none",
        },
        ParamInfo {
            name: "section-aliases",
            ty: "table",
            default: "built in",
            doc: "more headings that count for a section, e.g. `context = [\"Problem\"]`; built in: Context ≈ Context and Problem Statement, Decision ≈ Decision Outcome",
        },
        ParamInfo {
            name: "check-ids",
            ty: "bool",
            default: "true",
            doc: "every record has an id (file name or front matter) and no two share one",
        },
        ParamInfo {
            name: "check-gaps",
            ty: "bool",
            default: "true",
            doc: "numbers have no gaps",
        },
        ParamInfo {
            name: "check-title-number",
            ty: "bool",
            default: "true",
            doc: "a number in the title equals the file's number",
        },
        ParamInfo {
            name: "check-superseded",
            ty: "bool",
            default: "true",
            doc: "a superseded record names a replacement that exists",
        },
        ParamInfo {
            name: "check-links",
            ty: "bool",
            default: "true",
            doc: "relative links to records in an ADR folder resolve",
        },
        ParamInfo {
            name: "proposed-max-age-days",
            ty: "integer",
            default: "unset (off)",
            doc: "a `proposed` record dated longer ago than this (before the as-of date) is a finding",
        },
    ],
    codes: &[
        CodeInfo {
            code: "adr/missing-folder",
            doc: "no ADR folder exists (unless `min-count = 0`)",
        },
        CodeInfo {
            code: "adr/too-few",
            doc: "fewer records than `min-count`",
        },
        CodeInfo {
            code: "adr/unreadable",
            doc: "a record is binary, too large, a link or unreadable",
        },
        CodeInfo {
            code: "adr/invalid-front-matter",
            doc: "a record's YAML front matter does not parse",
        },
        CodeInfo {
            code: "adr/missing-status",
            doc: "a record states no status",
        },
        CodeInfo {
            code: "adr/unknown-status",
            doc: "a record's status is not in `allowed-statuses`",
        },
        CodeInfo {
            code: "adr/missing-date",
            doc: "a record states no date",
        },
        CodeInfo {
            code: "adr/invalid-date",
            doc: "a record's date is not a real YYYY-MM-DD date",
        },
        CodeInfo {
            code: "adr/missing-section",
            doc: "a required section is missing",
        },
        CodeInfo {
            code: "adr/missing-id",
            doc: "neither the file name nor front matter carries an id",
        },
        CodeInfo {
            code: "adr/duplicate-id",
            doc: "two records in one folder share an id",
        },
        CodeInfo {
            code: "adr/numbering-gap",
            doc: "numbers are missing between two records",
        },
        CodeInfo {
            code: "adr/title-number-mismatch",
            doc: "the title's number differs from the file's number",
        },
        CodeInfo {
            code: "adr/superseded-without-replacement",
            doc: "a superseded record names no replacement",
        },
        CodeInfo {
            code: "adr/replacement-missing",
            doc: "the replacement a superseded record names does not exist",
        },
        CodeInfo {
            code: "adr/broken-link",
            doc: "a relative link to a record in an ADR folder does not resolve",
        },
        CodeInfo {
            code: "adr/stale-proposed",
            doc: "a proposed record is older than `proposed-max-age-days`",
        },
    ],
    compile: params::compile,
};

/// Names that sit in ADR folders but are not records.
fn is_reserved(stem: &str) -> bool {
    let s = stem.to_ascii_lowercase();
    s.starts_with("template")
        || s.ends_with("template")
        || matches!(s.as_str(), "readme" | "index" | "_index" | "backlog")
}

/// One record read from the snapshot.
struct Adr {
    folder: usize,
    path: String,
    file_id: Option<FileId>,
    doc: Doc,
    status: Option<String>,
    record: Record,
}

pub fn run(p: &Params, snap: &Snapshot, ctx: &RunContext) -> Outcome {
    let mut out = Outcome::default();
    let folders = find_folders(p, snap, &mut out);
    if folders.is_empty() {
        if p.min_count == 0 {
            return Outcome::not_applicable("no ADR folder, and `min-count = 0`");
        }
        if out.findings.is_empty() {
            let tried = CONVENTIONAL_DIRS.join(", ");
            out.findings.push(
                Finding::new(
                    "adr/missing-folder",
                    format!("no ADR folder: no `.adr-dir`, no `.log4brains.yml`, and none of {tried} holds a record"),
                )
                .at(CONVENTIONAL_DIRS[0], None),
            );
        }
        return out;
    }

    let known = p.known_statuses();
    let mut adrs: Vec<Adr> = Vec::new();
    for (fi, folder) in folders.iter().enumerate() {
        let paths: Vec<&str> = record_paths(snap, folder).collect();
        // In a numbered folder, an unnumbered file in capitals (AGENTS.md, CONTRIBUTING.md) is a
        // note about the folder, not a record; `use-postgres.md` stays a record without an id.
        let numbered = paths
            .iter()
            .filter(|p| parse::file_id_is_numbered(p))
            .count();
        let numbered_folder = numbered * 2 > paths.len();
        for path in paths {
            if numbered_folder && !parse::file_id_is_numbered(path) && is_meta_name(path) {
                out.evidence.push(evidence_for(
                    snap,
                    path,
                    None,
                    None,
                    "not a record: the folder numbers its records, this file has no number",
                ));
                continue;
            }
            if let Some(adr) = read_record(p, snap, fi, path, &known, &mut out) {
                adrs.push(adr);
            }
        }
    }
    if adrs.len() < p.min_count {
        out.findings.push(
            Finding::new(
                "adr/too-few",
                format!(
                    "{} record(s) in {}; at least {} required",
                    adrs.len(),
                    folders
                        .iter()
                        .map(|f| display_dir(f))
                        .collect::<Vec<_>>()
                        .join(", "),
                    p.min_count
                ),
            )
            .at(display_dir(&folders[0]), None),
        );
    }
    for fi in 0..folders.len() {
        let in_folder: Vec<&Adr> = adrs.iter().filter(|a| a.folder == fi).collect();
        if p.check_ids {
            duplicates(&in_folder, &mut out);
        }
        if p.check_gaps {
            gaps(&in_folder, &mut out);
        }
    }
    let numbers: BTreeSet<(usize, u64)> = adrs
        .iter()
        .filter_map(|a| Some((a.folder, a.file_id.as_ref()?.number?)))
        .collect();
    for adr in &adrs {
        if p.check_superseded && adr.status.as_deref() == Some("superseded") {
            superseded(adr, &numbers, snap, &mut out);
        }
        if p.check_links {
            for link in &adr.doc.links {
                if let Some(target) = resolve(&adr.path, &link.dest) {
                    let in_adr_folder = folders.iter().any(|f| parent_of(&target) == f);
                    if in_adr_folder && is_record_name(&target) && !snap.contains(&target) {
                        out.findings.push(
                            Finding::new(
                                "adr/broken-link",
                                format!(
                                    "{} links to {}, which does not exist",
                                    adr.path, link.dest
                                ),
                            )
                            .at(&adr.path, Some(link.line)),
                        );
                    }
                }
            }
        }
        if let (Some(max), Some(as_of), Some("proposed")) =
            (p.proposed_max_age_days, ctx.as_of, adr.status.as_deref())
        {
            stale(adr, max, as_of, &mut out);
        }
    }
    out.records = adrs.into_iter().map(|a| a.record).collect();
    out
}

/// The ADR folders: from the playbook, `.adr-dir`, `.log4brains.yml`, else conventional ones.
fn find_folders(p: &Params, snap: &Snapshot, out: &mut Outcome) -> Vec<String> {
    let exists =
        |dir: &str| dir.is_empty() || snap.paths().any(|path| path.starts_with(&prefix_of(dir)));
    let mut named: Vec<(String, String, Option<u32>)> = Vec::new(); // folder, named by, line
    if !p.dirs.is_empty() {
        named.extend(
            p.dirs
                .iter()
                .map(|d| (clean_dir(d), "the playbook".into(), None)),
        );
    } else if let Content::Text(t) = snap.read(".adr-dir") {
        if let Some(dir) = t.lines().map(str::trim).find(|l| !l.is_empty()) {
            named.push((clean_dir(dir), ".adr-dir".into(), Some(1)));
        }
    } else if let Content::Text(t) = snap.read(".log4brains.yml") {
        for (dir, line) in log4brains_folders(&t) {
            named.push((clean_dir(&dir), ".log4brains.yml".into(), Some(line)));
        }
    }
    if named.is_empty() {
        // Conventional names match ignoring case: `ADR/` (konflux-ci/architecture) is `adr/`.
        let parents = snap.dirs();
        let mut found: Vec<String> = Vec::new();
        for conventional in CONVENTIONAL_DIRS {
            for actual in parents
                .iter()
                .map(String::as_str)
                .filter(|d| d.eq_ignore_ascii_case(conventional))
            {
                if !found.iter().any(|f| f == actual) && record_paths(snap, actual).next().is_some()
                {
                    found.push(actual.to_string());
                }
            }
        }
        // Some repositories keep numbered records at the root (arachne-framework/architecture).
        if found.is_empty() && record_paths(snap, "").any(parse::file_id_is_numbered) {
            found.push(String::new());
        }
        return found;
    }
    let mut found = Vec::new();
    for (dir, by, line) in named {
        if exists(&dir) {
            found.push(dir);
        } else if p.min_count > 0 {
            let at = if by == "the playbook" {
                dir.clone()
            } else {
                by.clone()
            };
            out.findings.push(
                Finding::new(
                    "adr/missing-folder",
                    format!("the ADR folder {dir} named by {by} does not exist"),
                )
                .at(&at, line),
            );
        }
    }
    found.sort();
    found.dedup();
    found
}

/// A folder as the snapshot spells it; the root is the empty string.
fn clean_dir(dir: &str) -> String {
    let dir = dir.trim().trim_start_matches("./").trim_end_matches('/');
    if dir == "." {
        String::new()
    } else {
        dir.to_string()
    }
}

fn display_dir(folder: &str) -> &str {
    if folder.is_empty() { "." } else { folder }
}

fn prefix_of(folder: &str) -> String {
    if folder.is_empty() {
        String::new()
    } else {
        format!("{folder}/")
    }
}

/// The folder a path is in; the root is the empty string.
fn parent_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

/// `project.adrFolder` and every `packages[].adrFolder` of a log4brains configuration.
fn log4brains_folders(text: &str) -> Vec<(String, u32)> {
    use yaml_rust2::Yaml;
    let Ok(docs) = crate::controls::markdown::load_yaml(text) else {
        return Vec::new();
    };
    let Some(doc) = docs.first() else {
        return Vec::new();
    };
    let line_of = |value: &str| {
        text.lines()
            .position(|l| l.contains("adrFolder") && l.contains(value))
            .map_or(1, |i| i as u32 + 1)
    };
    let mut dirs = Vec::new();
    if let Some(dir) = doc["project"]["adrFolder"].as_str() {
        dirs.push((dir.to_string(), line_of(dir)));
    }
    if let Yaml::Array(packages) = &doc["project"]["packages"] {
        for package in packages {
            if let Some(dir) = package["adrFolder"].as_str() {
                dirs.push((dir.to_string(), line_of(dir)));
            }
        }
    }
    if let Yaml::Array(packages) = &doc["packages"] {
        for package in packages {
            if let Some(dir) = package["adrFolder"].as_str() {
                dirs.push((dir.to_string(), line_of(dir)));
            }
        }
    }
    dirs
}

fn is_record_name(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    matches!(ext.to_ascii_lowercase().as_str(), "md" | "markdown" | "rst") && !is_reserved(stem)
}

/// `AGENTS.md`, `CONTRIBUTING.md`, `TOC.md`: a stem in capitals names a file about the folder.
fn is_meta_name(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name);
    stem.chars().any(|c| c.is_ascii_uppercase())
        && stem
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '_' || c == '-')
}

/// Record files directly inside a folder.
fn record_paths<'s>(snap: &'s Snapshot, folder: &str) -> impl Iterator<Item = &'s str> {
    let prefix = prefix_of(folder);
    snap.paths().filter(move |path| {
        path.strip_prefix(&prefix)
            .is_some_and(|rest| !rest.contains('/') && is_record_name(rest))
    })
}

fn read_record(
    p: &Params,
    snap: &Snapshot,
    folder: usize,
    path: &str,
    known: &[String],
    out: &mut Outcome,
) -> Option<Adr> {
    let text = match snap.read(path) {
        Content::Text(t) => t,
        other => {
            out.findings.push(
                Finding::new("adr/unreadable", unreadable_reason(path, &other)).at(path, None),
            );
            return None;
        }
    };
    let name = path.rsplit('/').next().unwrap_or(path);
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    let doc = if ext.eq_ignore_ascii_case("rst") {
        parse::parse_rst(&text)
    } else {
        parse::parse_markdown(&text)
    };
    if let Some(line) = doc.too_deep {
        // Not judged, so not passed: the control is ERROR, naming the file and line.
        out.error
            .get_or_insert(crate::controls::markdown::too_deep(path, line));
        return None;
    }
    let file_id = parse::file_id(stem);
    let title_line = doc.title.as_ref().map_or(1, |t| t.1);
    let (title_num, title) = match &doc.title {
        Some((t, _)) => parse::title_number(t),
        None => (None, stem),
    };

    if let Some(e) = &doc.front_matter_error {
        out.findings.push(
            Finding::new(
                "adr/invalid-front-matter",
                format!("{path}: the front matter is not valid YAML: {}", e.message),
            )
            .at(path, Some(e.line)),
        );
    }

    let id = match (&file_id, &doc.meta_id) {
        (Some(f), _) => f.id.clone(),
        (None, Some(m)) => m.clone(),
        (None, None) => {
            if p.check_ids {
                out.findings.push(
                    Finding::new(
                        "adr/missing-id",
                        format!(
                            "{path} has no id: name it NNNN-slug.md or give `id` in front matter"
                        ),
                    )
                    .at(path, Some(title_line)),
                );
            }
            stem.to_string()
        }
    };

    if p.check_title_number {
        let file_num = file_id.as_ref().and_then(|f| f.number);
        if let (Some(t), Some(f)) = (title_num, file_num) {
            if t != f {
                out.findings.push(
                    Finding::new(
                        "adr/title-number-mismatch",
                        format!("{path}: the title says {t}, the file name says {f}"),
                    )
                    .at(path, Some(title_line)),
                );
            }
        }
    }

    let read = doc
        .status
        .as_ref()
        .and_then(|s| parse::normalise_status(&s.raw, known, &p.synonyms));
    let status_raw = read.as_ref().map(|(_, line)| line.to_string());
    let status = read.map(|(s, _)| s);
    let status_line = doc.status.as_ref().map(|s| s.line);
    if p.check_status {
        match (&status, &doc.status) {
            (None, _) => out.findings.push(
                Finding::new(
                    "adr/missing-status",
                    format!("{path} states no status (looked for front matter, a Status bullet, section, line and table)"),
                )
                .at(path, Some(status_line.unwrap_or(title_line))),
            ),
            (Some(s), Some(f)) if !p.allowed.contains(s) => out.findings.push(
                Finding::new(
                    "adr/unknown-status",
                    format!(
                        "{path}: status `{s}` is not one of {} (map it with `status-synonyms`)",
                        p.allowed.join(", ")
                    ),
                )
                .at(path, Some(f.line)),
            ),
            _ => {}
        }
    }
    match &doc.status {
        Some(f) => out.evidence.push(evidence_for(
            snap,
            path,
            Some(f.line),
            Some(&f.excerpt),
            format!(
                "status `{}` ({})",
                status.as_deref().unwrap_or("?"),
                doc.style.as_str()
            ),
        )),
        None => out.evidence.push(evidence_for(
            snap,
            path,
            Some(title_line),
            doc.title.as_ref().map(|t| t.0.as_str()),
            "no status",
        )),
    }

    let date = doc.date.as_ref().and_then(|d| parse::parse_date(&d.raw));
    let date = date.or(file_id.as_ref().and_then(|f| f.date));
    if p.check_date {
        match (&doc.date, date) {
            (Some(f), None) => out.findings.push(
                Finding::new(
                    "adr/invalid-date",
                    format!("{path}: `{}` is not a date (write YYYY-MM-DD)", f.raw),
                )
                .at(path, Some(f.line)),
            ),
            (None, None) => out.findings.push(
                Finding::new("adr/missing-date", format!("{path} states no date"))
                    .at(path, Some(title_line)),
            ),
            _ => {}
        }
    }
    if let (Some(f), Some(d)) = (&doc.date, date) {
        out.evidence.push(evidence_for(
            snap,
            path,
            Some(f.line),
            Some(&f.excerpt),
            format!("date {d}"),
        ));
    }

    for (name, names) in &p.sections {
        // "Decision: Log conventions" counts for Decision; a plural heading for its singular.
        let matches = |h: &String| {
            names.iter().any(|n| {
                h == n
                    || h.starts_with(&format!("{n} "))
                    || h.strip_suffix('s').is_some_and(|single| single == n)
            })
        };
        if !doc.headings.iter().any(|(h, _)| matches(h)) {
            out.findings.push(
                Finding::new(
                    "adr/missing-section",
                    format!("{path} has no `{name}` section"),
                )
                .at(path, Some(title_line)),
            );
        }
    }

    let record = Record {
        id,
        title: title.trim().to_string(),
        status: status.clone(),
        status_raw,
        date: date.map(|d| d.to_string()),
        path: path.to_string(),
        line: Some(status_line.unwrap_or(title_line)),
        style: doc.style.as_str().to_string(),
    };
    Some(Adr {
        folder,
        path: path.to_string(),
        file_id,
        doc,
        status,
        record,
    })
}

fn duplicates(adrs: &[&Adr], out: &mut Outcome) {
    let mut by_id: BTreeMap<String, Vec<&Adr>> = BTreeMap::new();
    for adr in adrs {
        let key = match &adr.file_id {
            Some(FileId {
                number: Some(n), ..
            }) => n.to_string(),
            _ => adr.record.id.clone(),
        };
        by_id.entry(key).or_default().push(adr);
    }
    for group in by_id.values().filter(|g| g.len() > 1) {
        for adr in group {
            let others: Vec<&str> = group
                .iter()
                .filter(|o| o.path != adr.path)
                .map(|o| o.path.as_str())
                .collect();
            out.findings.push(
                Finding::new(
                    "adr/duplicate-id",
                    format!(
                        "{}: id {} is also used by {}",
                        adr.path,
                        adr.record.id,
                        others.join(", ")
                    ),
                )
                .at(&adr.path, adr.doc.title.as_ref().map(|t| t.1).or(Some(1))),
            );
        }
    }
}

fn gaps(adrs: &[&Adr], out: &mut Outcome) {
    let mut numbered: Vec<(u64, &Adr)> = adrs
        .iter()
        .filter_map(|a| Some((a.file_id.as_ref()?.number?, *a)))
        .collect();
    numbered.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.path.cmp(&b.1.path)));
    for pair in numbered.windows(2) {
        let (prev, (next, adr)) = (pair[0].0, pair[1]);
        if next > prev + 1 {
            let missing = if next == prev + 2 {
                format!("{}", prev + 1)
            } else {
                format!("{}–{}", prev + 1, next - 1)
            };
            out.findings.push(
                Finding::new(
                    "adr/numbering-gap",
                    format!("number(s) {missing} are missing before {}", adr.path),
                )
                .at(&adr.path, adr.doc.title.as_ref().map(|t| t.1).or(Some(1))),
            );
        }
    }
}

static MD_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\]\(\s*<?([^)>\s]+)").expect("static regex"));
static ADR_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\badr[-_ #]*|^|[\s\[\x22'])0*(\d{1,6})\b").expect("static regex")
});

/// A superseded record must name its replacement (a link or a number) and that record must exist.
fn superseded(adr: &Adr, numbers: &BTreeSet<(usize, u64)>, snap: &Snapshot, out: &mut Outcome) {
    let mut hints: Vec<(String, u32)> = Vec::new();
    if let Some(s) = &adr.doc.status {
        hints.extend(s.raw.lines().map(|l| (l.to_string(), s.line)));
    }
    hints.extend(adr.doc.replacement_hints.iter().cloned());
    let own = adr.file_id.as_ref().and_then(|f| f.number);
    let mut named: Vec<(String, u32)> = Vec::new();
    for (hint, line) in &hints {
        let links: Vec<&str> = MD_LINK
            .captures_iter(hint)
            .filter_map(|c| c.get(1).map(|m| m.as_str()))
            .collect();
        if !links.is_empty() {
            for link in links {
                match resolve(&adr.path, link) {
                    Some(target) if snap.contains(&target) => return,
                    _ => named.push((link.to_string(), *line)),
                }
            }
            continue;
        }
        let without_dates = parse_date_free(hint);
        for c in ADR_NUMBER.captures_iter(&without_dates) {
            let Some(n) = c.get(1).and_then(|m| m.as_str().parse::<u64>().ok()) else {
                continue;
            };
            if Some(n) == own {
                continue;
            }
            if numbers.contains(&(adr.folder, n)) {
                return;
            }
            named.push((n.to_string(), *line));
        }
    }
    let line = adr.doc.status.as_ref().map(|s| s.line);
    match named.first() {
        None => out.findings.push(
            Finding::new(
                "adr/superseded-without-replacement",
                format!("{} is superseded but names no replacement", adr.path),
            )
            .at(&adr.path, line),
        ),
        Some((what, at)) => out.findings.push(
            Finding::new(
                "adr/replacement-missing",
                format!("{} is superseded by {what}, which does not exist", adr.path),
            )
            .at(&adr.path, Some(*at)),
        ),
    }
}

fn parse_date_free(s: &str) -> String {
    static DATES: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}").expect("static regex"));
    DATES.replace_all(s, " ").into_owned()
}

/// A relative link from `from` resolved to a repository path; `None` for URLs, anchors, absolute
/// paths and links that leave the repository.
fn resolve(from: &str, dest: &str) -> Option<String> {
    let dest = dest.split(['#', '?']).next().unwrap_or("");
    if dest.is_empty() || dest.contains("://") || dest.starts_with('/') || dest.contains(':') {
        return None;
    }
    let dest = dest.replace("%20", " ");
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in dest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

fn stale(adr: &Adr, max_days: i64, as_of: jiff::Timestamp, out: &mut Outcome) {
    let Some(date) = adr.record.date.as_deref().and_then(parse::parse_date) else {
        return;
    };
    let today = as_of.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    let Ok(span) = date.until(today) else {
        return;
    };
    let days = i64::from(span.get_days());
    if days > max_days {
        let line = adr.doc.date.as_ref().map(|d| d.line).or(adr.record.line);
        out.findings.push(
            Finding::new(
                "adr/stale-proposed",
                format!(
                    "{} has been proposed since {date} ({days} days before {today}; at most {max_days} allowed)",
                    adr.path
                ),
            )
            .at(&adr.path, line),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_inside_the_repository() {
        assert_eq!(
            resolve("docs/adr/0001-a.md", "0002-b.md").as_deref(),
            Some("docs/adr/0002-b.md")
        );
        assert_eq!(
            resolve("docs/adr/0001-a.md", "./0002-b.md#ctx").as_deref(),
            Some("docs/adr/0002-b.md")
        );
        assert_eq!(
            resolve("docs/adr/0001-a.md", "../x.md").as_deref(),
            Some("docs/x.md")
        );
        assert_eq!(resolve("adr/0001-a.md", "../../x.md"), None);
        assert_eq!(resolve("adr/0001-a.md", "https://example.com/x.md"), None);
    }

    #[test]
    fn reserved_names_are_not_records() {
        assert!(!is_record_name("docs/adr/template.md"));
        assert!(!is_record_name("docs/adr/adr-template.md"));
        assert!(!is_record_name("docs/adr/README.md"));
        assert!(!is_record_name("docs/adr/0015-diagram.png"));
        assert!(is_record_name("docs/adr/0003-use-templates-for-mail.md"));
        assert!(is_record_name("docs/decisions/0001-x.rst"));
    }

    #[test]
    fn log4brains_folders_are_read() {
        let yml = "project:\n  name: x\n  adrFolder: ./docs/adr\n  packages:\n    - name: back\n      adrFolder: ./back/adr\n";
        let dirs: Vec<String> = log4brains_folders(yml)
            .into_iter()
            .map(|d| clean_dir(&d.0))
            .collect();
        assert_eq!(dirs, vec!["docs/adr", "back/adr"]);
    }
}
