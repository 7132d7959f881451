//! `gate-evidence`: a gate that builds on an earlier one reads that gate's evidence (a stored
//! file or a git note) and accepts it only when it is evidence of that gate, for this
//! repository, of the checked commit or an ancestor, unedited, and passed. A regex over the file
//! would accept evidence of another gate, another repository, or an edited file.

use serde::Deserialize;
use toml::Spanned;
use toml::de::DeTable;

use super::{CodeInfo, KindInfo, Outcome, ParamInfo, RunContext, evidence_for};
use crate::evidence::messages::{Arg, Said, args, phrase};
use crate::evidence::{Decision, Evidence, EvidenceItem, Finding};
use crate::playbook::compile::Ctx;
use crate::snapshot::{Content, Snapshot, SnapshotMode};

/// How far back notes are looked for.
const NOTES_DEPTH: usize = 1000;

pub const KIND: KindInfo = KindInfo {
    name: "gate-evidence",
    summary: "The evidence of an earlier gate is stored (a file or a git note), names that gate, this repository and the checked commit or an ancestor, is unedited, and passed",
    params: &[
        ParamInfo {
            name: "gate",
            ty: "string",
            default: "required",
            doc: "the gate whose evidence is required",
        },
        ParamInfo {
            name: "file",
            ty: "path",
            default: "qa/gates/GATE.json unless notes-ref is given",
            doc: "where the evidence file is stored in the repository",
        },
        ParamInfo {
            name: "notes-ref",
            ty: "string",
            default: "none",
            doc: "read the evidence from git notes under this ref (`check --note`), on the checked commit or an ancestor",
        },
        ParamInfo {
            name: "accept",
            ty: "[decision]",
            default: "GO, GO_WITH_CONDITIONS",
            doc: "the decisions that count as passed",
        },
    ],
    codes: &[
        CodeInfo {
            code: "gate-evidence/missing",
            doc: "no evidence of the gate was found",
        },
        CodeInfo {
            code: "gate-evidence/invalid",
            doc: "the stored file is not gonogo evidence",
        },
        CodeInfo {
            code: "gate-evidence/edited",
            doc: "the evidence's digest does not match its content, or it has none",
        },
        CodeInfo {
            code: "gate-evidence/wrong-gate",
            doc: "the evidence is of another gate",
        },
        CodeInfo {
            code: "gate-evidence/not-a-commit",
            doc: "the evidence is of an uncommitted state (index, work tree, plain folder)",
        },
        CodeInfo {
            code: "gate-evidence/not-an-ancestor",
            doc: "the evidence's commit is not the checked commit or an ancestor (another branch or repository)",
        },
        CodeInfo {
            code: "gate-evidence/other-repository",
            doc: "the evidence names another repository (remote URL)",
        },
        CodeInfo {
            code: "gate-evidence/not-passed",
            doc: "the earlier gate's decision is not one that `accept` allows",
        },
    ],
    compile,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    gate: Spanned<String>,
    file: Option<Spanned<String>>,
    notes_ref: Option<String>,
    accept: Option<Vec<Decision>>,
}

#[derive(Debug)]
pub struct Params {
    gate: String,
    file: Option<String>,
    notes_ref: Option<String>,
    accept: Vec<Decision>,
}

fn compile(table: Spanned<DeTable<'_>>, ctx: &mut Ctx<'_>) -> Option<super::Params> {
    let raw: Raw = ctx.table(table)?;
    if raw.gate.get_ref().trim().is_empty() {
        ctx.error(
            "playbook::invalid-value",
            raw.gate.span(),
            "`gate` names no gate",
            "empty",
            None,
        );
        return None;
    }
    if let Some(f) = &raw.file
        && let Some(reason) = crate::playbook::compile::path_escape(f.get_ref())
    {
        ctx.error(
            "playbook::path-outside-repository",
            f.span(),
            format!("the evidence file `{}` {reason}", f.get_ref()),
            "not a repository-relative path",
            None,
        );
        return None;
    }
    let gate = raw.gate.into_inner();
    let file = match (&raw.file, &raw.notes_ref) {
        (Some(f), _) => Some(f.get_ref().clone()),
        (None, Some(_)) => None,
        (None, None) => Some(format!("qa/gates/{gate}.json")),
    };
    Some(super::Params::GateEvidence(Params {
        gate,
        file,
        notes_ref: raw.notes_ref.map(|r| crate::evidence::notes::full_ref(&r)),
        accept: raw
            .accept
            .unwrap_or_else(|| vec![Decision::Go, Decision::GoWithConditions]),
    }))
}

pub fn run(p: &Params, snap: &Snapshot, _ctx: &RunContext) -> Outcome {
    let mut out = Outcome::default();
    // Candidates: the stored file, then notes nearest first. The first that is evidence of the
    // gate decides; findings on others are kept only when none qualifies.
    let mut candidates: Vec<(Arg, Option<EvidenceItem>, String)> = Vec::new();
    if let Some(file) = &p.file {
        match snap.read(file) {
            Content::Text(t) => candidates.push((
                file.into(),
                Some(evidence_for(snap, file, None, None, "stored evidence")),
                t.to_string(),
            )),
            Content::Unreadable(why) if snap.contains(file) => {
                out.fail_to_evaluate(
                    "content/unreadable",
                    args([("path", file.into()), ("why", why.into())]),
                );
                return out;
            }
            Content::TooLarge { size, limit } => {
                out.fail_to_evaluate(
                    "gate-evidence/too-large",
                    args([
                        ("path", file.into()),
                        ("size", size.into()),
                        ("limit", limit.into()),
                    ]),
                );
                return out;
            }
            Content::Binary | Content::Symlink(_) => out.findings.push(
                Finding::say(
                    "gate-evidence/invalid#not-json",
                    args([("path", file.into())]),
                )
                .at(file, None),
            ),
            Content::Unreadable(_) => {}
        }
    }
    if let Some(notes_ref) = &p.notes_ref {
        match snap.notes_back(notes_ref, NOTES_DEPTH) {
            Ok(notes) => {
                for (commit, text) in notes {
                    let name = phrase(
                        "gate-evidence/note",
                        [
                            ("ref", notes_ref.into()),
                            ("commit", commit.as_str().into()),
                        ],
                    );
                    // A note holds every gate checked on its commit: this gate's evidence when
                    // it has one, else the others (each then says which gate it is of).
                    match crate::evidence::notes::format::parse(&text) {
                        Ok(mut note) => match note.gates.remove(&p.gate) {
                            Some(evidence) => candidates.push((name, None, evidence)),
                            None => candidates
                                .extend(note.gates.into_values().map(|e| (name.clone(), None, e))),
                        },
                        Err(_) => candidates.push((name, None, text)),
                    }
                }
            }
            Err(e) => {
                out.fail_to_evaluate(
                    "gate-evidence/notes-unreadable",
                    args([
                        ("ref", notes_ref.into()),
                        ("why", super::history_phrase(&e)),
                    ]),
                );
                return out;
            }
        }
    }
    let mut rejected: Vec<Finding> = Vec::new();
    for (name, item, text) in candidates {
        match judge(p, snap, &text) {
            Ok(Judged::Accepted(note)) => {
                out.evidence.push(match item {
                    Some(mut i) => {
                        i.note = Some(note);
                        i
                    }
                    None => EvidenceItem {
                        path: crate::evidence::messages::fill("{n}", &args([("n", name)]), false),
                        blob: None,
                        line: None,
                        excerpt: None,
                        note: Some(note),
                    },
                });
                return out;
            }
            Ok(Judged::Rejected(code, why)) => {
                let f = Finding::say_as(
                    code,
                    "gate-evidence/rejected",
                    args([
                        ("source", name),
                        (
                            "why",
                            Arg::Phrase {
                                phrase: Box::new(why),
                            },
                        ),
                    ]),
                );
                rejected.push(match &item {
                    Some(i) => f.at(&i.path, None),
                    None => f,
                });
            }
            Err(said) => {
                out.fail_with(said);
                return out;
            }
        }
    }
    if rejected.is_empty() {
        let gate = ("gate", Arg::from(&p.gate));
        let f = match (&p.file, &p.notes_ref) {
            (Some(f), Some(r)) => Finding::say(
                "gate-evidence/missing#file-or-note",
                args([gate, ("path", f.into()), ("ref", r.into())]),
            ),
            (Some(f), None) => Finding::say(
                "gate-evidence/missing#file",
                args([gate, ("path", f.into())]),
            ),
            (None, Some(r)) => Finding::say(
                "gate-evidence/missing#note",
                args([gate, ("ref", r.into())]),
            ),
            (None, None) => Finding::say("gate-evidence/missing#nowhere", args([gate])),
        };
        out.findings.push(match &p.file {
            Some(file) => f.at(file, None),
            None => f,
        });
    }
    out.findings.extend(rejected);
    out
}

enum Judged {
    Accepted(String),
    /// The finding code and the catalogue message saying why.
    Rejected(&'static str, Said),
}

/// A catalogue message with its values.
fn said<const N: usize>(key: &str, pairs: [(&str, Arg); N]) -> Said {
    Said {
        key: key.into(),
        args: args(pairs),
    }
}

fn judge(p: &Params, snap: &Snapshot, text: &str) -> Result<Judged, Said> {
    let evidence = match Evidence::from_json(text) {
        Ok(e) => e,
        Err(e) => {
            return Ok(Judged::Rejected(
                "gate-evidence/invalid",
                said("gate-evidence/invalid", [("why", e.to_string().into())]),
            ));
        }
    };
    if let Some(why) = edited(text) {
        return Ok(Judged::Rejected("gate-evidence/edited", why));
    }
    if evidence.gate.name != p.gate {
        return Ok(Judged::Rejected(
            "gate-evidence/wrong-gate",
            said(
                "gate-evidence/wrong-gate",
                [
                    ("theirs", evidence.gate.name.as_str().into()),
                    ("gate", p.gate.as_str().into()),
                ],
            ),
        ));
    }
    let commit = match (&evidence.subject.commit, evidence.subject.mode) {
        (Some(c), SnapshotMode::Head | SnapshotMode::Rev) => c.clone(),
        _ => {
            return Ok(Judged::Rejected(
                "gate-evidence/not-a-commit",
                said("gate-evidence/not-a-commit", []),
            ));
        }
    };
    if let (Some(theirs), Some(ours)) = (&evidence.subject.remote, &snap.subject.remote)
        && theirs != ours
    {
        return Ok(Judged::Rejected(
            "gate-evidence/other-repository",
            said(
                "gate-evidence/other-repository",
                [("theirs", theirs.into()), ("ours", ours.into())],
            ),
        ));
    }
    match snap.is_self_or_ancestor(&commit) {
        Ok(true) => {}
        Ok(false) => {
            return Ok(Judged::Rejected(
                "gate-evidence/not-an-ancestor",
                said(
                    "gate-evidence/not-an-ancestor",
                    [("commit", crate::support::short(&commit).into())],
                ),
            ));
        }
        Err(e) => {
            return Err(said(
                "gate-evidence/unplaced",
                [("why", super::history_phrase(&e))],
            ));
        }
    }
    if !p.accept.contains(&evidence.decision) {
        return Ok(Judged::Rejected(
            "gate-evidence/not-passed",
            said(
                "gate-evidence/not-passed",
                [
                    ("gate", p.gate.as_str().into()),
                    ("decision", decision_phrase(evidence.decision)),
                    ("commit", crate::support::short(&commit).into()),
                ],
            ),
        ));
    }
    Ok(Judged::Accepted(format!(
        "gate `{}` decided {} at commit {}",
        p.gate,
        evidence.decision.label(),
        crate::support::short(&commit)
    )))
}

/// Why the evidence's text is not what was written, if it is not: its digest must match its
/// canonical form (a file without a digest cannot show that it is unedited).
fn edited(text: &str) -> Option<Said> {
    use crate::evidence::canonical::{ALGORITHM, DigestCheck};
    let document: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return Some(said(
                "gate-evidence/edited#not-json",
                [("why", e.to_string().into())],
            ));
        }
    };
    match crate::evidence::canonical::check(&document) {
        DigestCheck::Valid(_) => None,
        DigestCheck::Missing => Some(said("gate-evidence/edited#no-digest", [])),
        DigestCheck::Malformed(why) => Some(said(
            "gate-evidence/edited#malformed",
            [("why", why.into())],
        )),
        DigestCheck::Wrong { recorded, computed } => Some(said(
            "gate-evidence/edited",
            [
                ("recorded", format!("{ALGORITHM}:{recorded}").into()),
                ("computed", format!("{ALGORITHM}:{computed}").into()),
            ],
        )),
    }
}

/// A gate decision as reports name it, in the reader's language.
fn decision_phrase(decision: Decision) -> Arg {
    match decision {
        Decision::Go => phrase("gate-evidence/decision#go", []),
        Decision::GoWithConditions => phrase("gate-evidence/decision#conditions", []),
        Decision::NoGo => phrase("gate-evidence/decision#no-go", []),
    }
}
