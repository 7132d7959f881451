//! `adr`: architecture decision records — where they are, what each says, and whether the
//! collection holds together (ids, numbering, supersession, links). Reports the decision log.
//! This module owns the kind's registry entry and the run; `discovery` finds the folders and
//! record files, `record` reads one record, `checks` judges the collection, `parse` reads the
//! text, `params` the playbook table.

mod checks;
mod discovery;
mod links;
mod params;
pub mod parse;
mod record;

use std::collections::BTreeSet;

use checks::{duplicates, gaps, stale};
use discovery::{display_dir, find_folders, is_extensionless_record, is_meta_name, record_paths};
use links::{Index, Pointer, broken_links, names_back, replacement};
use params::CONVENTIONAL_DIRS;
pub use params::Params;
use parse::{Doc, FileId};
use record::read_record;

use super::{CodeInfo, KindInfo, Outcome, ParamInfo, RunContext, evidence_for};
use crate::evidence::messages::{Arg, args};
use crate::evidence::{Finding, Record};
use crate::snapshot::Snapshot;

pub const KIND: KindInfo = KindInfo {
    name: "adr",
    summary: "Architecture decision records: found, well-formed, consistently numbered and linked; reports the decision log",
    params: &[
        ParamInfo {
            name: "dirs",
            ty: "[path]",
            default: "discovered",
            doc: "ADR folders; default: `.adr-dir`, `.log4brains.yml`, else the conventional folders (docs/adr, doc/adr, docs/decisions, …), else any folder of numbered records",
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
            default: "[proposed, accepted, rejected, deprecated, superseded]",
            doc: "statuses allowed after normalisation; each also means itself as a written status",
        },
        ParamInfo {
            name: "status-synonyms",
            ty: "table",
            default: "{}",
            doc: "written status → status, e.g. `parked = \"proposed\"`; overrides the built-in table of English and German spellings",
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
            doc: "more headings that count for a section, e.g. `context = [\"Problem\"]`; built in (English and German): Context ≈ Context and Problem Statement, Kontext, Ausgangslage; Decision ≈ Decision Outcome, Proposal, Entscheidung, Beschluss",
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
            doc: "a superseded record names a replacement that resolves (a link, a path, a file name with or without extension, a number, a URL); in a log that records supersession both ways, the replacement says what it supersedes",
        },
        ParamInfo {
            name: "check-links",
            ty: "bool",
            default: "true",
            doc: "relative links (with or without extension, to records and to any file of the repository) resolve; URLs are not checked",
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
            doc: "a record's status text means none of the known statuses; kept as written, normalised to `unknown`",
        },
        CodeInfo {
            code: "adr/status-not-allowed",
            doc: "a record's status is known but not in `allowed-statuses`",
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
            doc: "a relative link points to no file of the checked tree",
        },
        CodeInfo {
            code: "adr/supersession-one-way",
            doc: "in a log that records supersession both ways, a replacement does not say what it supersedes",
        },
        CodeInfo {
            code: "adr/supersession-cycle",
            doc: "two records each say the other supersedes them",
        },
        CodeInfo {
            code: "adr/stale-proposed",
            doc: "a proposed record is older than `proposed-max-age-days`",
        },
    ],
    compile: params::compile,
};
/// One record read from the snapshot.
struct Adr {
    folder: usize,
    path: String,
    file_id: Option<FileId>,
    /// Lines saying which records this one supersedes or replaces, with their line numbers.
    supersedes: Vec<(String, u32)>,
    doc: Doc,
    status: Option<String>,
    record: Record,
}

pub fn run(p: &Params, snap: &Snapshot, ctx: &RunContext) -> Outcome {
    let mut out = Outcome::default();
    let folders = find_folders(p, snap, &mut out);
    if folders.is_empty() {
        if p.min_count == 0 {
            return Outcome::not_applicable_because("adr/not-applicable", args([]));
        }
        if out.findings.is_empty() {
            let tried = CONVENTIONAL_DIRS.join(", ");
            out.findings.push(
                Finding::say("adr/missing-folder#none", args([("tried", tried.into())]))
                    .at(CONVENTIONAL_DIRS[0], None),
            );
        }
        return out;
    }

    let spellings = p.spellings();
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
            if is_extensionless_record(path.rsplit('/').next().unwrap_or(path)) {
                out.evidence.push(evidence_for(
                    snap,
                    path,
                    None,
                    None,
                    "read as Markdown: a numbered record without an extension",
                ));
            }
            if let Some(adr) = read_record(p, snap, fi, path, &spellings, &mut out) {
                adrs.push(adr);
            }
        }
    }
    if adrs.len() < p.min_count {
        out.findings.push(
            Finding::say(
                "adr/too-few",
                args([
                    ("found", adrs.len().into()),
                    (
                        "folders",
                        Arg::AllOf {
                            all_of: folders.iter().map(|f| display_dir(f).to_string()).collect(),
                        },
                    ),
                    ("min", p.min_count.into()),
                ]),
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
    if p.check_superseded {
        supersession(&adrs, snap, &mut out);
    }
    for adr in &adrs {
        if p.check_links {
            broken_links(adr, snap, &mut out);
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

/// The decision log other controls read: the records of the discovered ADR folders (or none),
/// each with its id and normalised status, without judging the log.
pub fn decision_log(snap: &Snapshot, ctx: &RunContext) -> Vec<Record> {
    run(&Params::discovered(), snap, ctx).records
}

/// Each superseded record names a replacement that resolves; where both records are read, the
/// two agree: no two records supersede each other, and in a log that records supersession both
/// ways (adr-tools writes "Supersedes" into the new record) every replacement says so.
fn supersession(adrs: &[Adr], snap: &Snapshot, out: &mut Outcome) {
    let index = Index::new(adrs);
    let mut pairs: Vec<(usize, usize, bool)> = Vec::new(); // older, newer, named back
    for (older, adr) in adrs.iter().enumerate() {
        if adr.status.as_deref() != Some("superseded") {
            continue;
        }
        let line = adr.doc.status.as_ref().map(|s| s.line);
        match replacement(adr, &index, snap) {
            Pointer::Found(Some(newer)) if newer != older => {
                pairs.push((older, newer, names_back(&adrs[newer], adr, snap)));
            }
            Pointer::Found(_) => {}
            Pointer::None => out.findings.push(
                Finding::say(
                    "adr/superseded-without-replacement",
                    args([("path", (&adr.path).into())]),
                )
                .at(&adr.path, line),
            ),
            Pointer::Missing(what, at) => out.findings.push(
                Finding::say(
                    "adr/replacement-missing",
                    args([("path", (&adr.path).into()), ("what", what.into())]),
                )
                .at(&adr.path, Some(at)),
            ),
        }
    }
    let two_way_folders: BTreeSet<usize> = pairs
        .iter()
        .filter(|(_, _, back)| *back)
        .map(|(older, _, _)| adrs[*older].folder)
        .collect();
    for &(older, newer, back) in &pairs {
        let (a, b) = (&adrs[older], &adrs[newer]);
        if pairs.iter().any(|&(o, n, _)| o == newer && n == older) {
            if a.path < b.path {
                out.findings.push(
                    Finding::say(
                        "adr/supersession-cycle",
                        args([("path", (&a.path).into()), ("other", (&b.path).into())]),
                    )
                    .at(&a.path, a.doc.status.as_ref().map(|s| s.line)),
                );
            }
        } else if !back && two_way_folders.contains(&a.folder) {
            let line = b.doc.status.as_ref().map(|s| s.line);
            let title_line = b.doc.title.as_ref().map(|t| t.1);
            out.findings.push(
                Finding::say(
                    "adr/supersession-one-way",
                    args([("other", (&a.path).into()), ("path", (&b.path).into())]),
                )
                .at(&b.path, line.or(title_line).or(Some(1))),
            );
        }
    }
}
