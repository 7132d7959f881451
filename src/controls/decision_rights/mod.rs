//! `decision-rights`: a RACI-light table (decision type × role: R, A, C, I) with exactly one
//! Accountable per decision, roles that exist in the playbook, an escalation path through roles
//! someone holds, and no owner named elsewhere (runbooks, ADRs, CODEOWNERS) outside the roles.

mod owners;
mod params;
mod table;

pub use owners::{in_a_role, role_named};
pub use params::{DEFAULT_FILE, Params};
pub use table::{Letter, letters};

use super::{CodeInfo, KindInfo, Outcome, ParamInfo, RunContext, evidence_for};
use crate::controls::markdown::words;
use crate::evidence::Finding;
use crate::evidence::messages::{Arg, args};
use crate::playbook::schema::Role;
use crate::snapshot::{Content, Snapshot};

pub const KIND: KindInfo = KindInfo {
    name: "decision-rights",
    summary: "Decision rights (RACI light): exactly one Accountable per decision type, roles from the playbook, an escalation path through reachable roles, and every owner named elsewhere in a role",
    params: &[
        ParamInfo {
            name: "file",
            ty: "path",
            default: "docs/decision-rights.md",
            doc: "the decision rights document: a Markdown table (decision type, then one column per playbook role with R, A, C, I or combinations such as `A/R`; German D, V, M, I) and an `Escalation` / `Eskalation` section with an ordered list of roles",
        },
        ParamInfo {
            name: "decisions",
            ty: "[string]",
            default: "[]",
            doc: "decision types that must each have a row (matched by their words, ignoring case), e.g. `[\"release approval\", \"architecture\"]`",
        },
        ParamInfo {
            name: "escalation",
            ty: "bool",
            default: "true",
            doc: "require an escalation path whose every step names a playbook role with at least one member",
        },
        ParamInfo {
            name: "owners-in-roles",
            ty: "bool",
            default: "true",
            doc: "every owner named elsewhere must be a role or a member of one: runbook owners (front matter `owner`, `owners`, `team`), ADR deciders (`deciders`, `decision-makers`, `Entscheider`), CODEOWNERS owners",
        },
        ParamInfo {
            name: "runbooks",
            ty: "[glob]",
            default: "`docs/runbooks/**/*.md`, `runbooks/**/*.md`, `**/RUNBOOK.md`, `**/runbook.md`",
            doc: "where runbooks are read for their owners",
        },
        ParamInfo {
            name: "adrs",
            ty: "[glob]",
            default: "`docs/adr/*.md`, `doc/adr/*.md`, `docs/decisions/*.md`, `docs/architecture/decisions/*.md`, `adr/*.md`",
            doc: "where decision records are read for their deciders",
        },
        ParamInfo {
            name: "risks",
            ty: "path",
            default: "docs/risks.md",
            doc: "the risk register whose owners (column `Owner` / `Verantwortlich`) are checked; `\"\"` switches this off",
        },
    ],
    codes: &[
        CodeInfo {
            code: "decision-rights/missing",
            doc: "the decision rights document does not exist",
        },
        CodeInfo {
            code: "decision-rights/unreadable",
            doc: "the document is binary, too large, a link or unreadable",
        },
        CodeInfo {
            code: "decision-rights/no-table",
            doc: "the document has no table of decision types and roles",
        },
        CodeInfo {
            code: "decision-rights/missing-decision",
            doc: "a decision type the playbook lists has no row",
        },
        CodeInfo {
            code: "decision-rights/no-accountable",
            doc: "a decision type has no Accountable (A)",
        },
        CodeInfo {
            code: "decision-rights/many-accountable",
            doc: "a decision type has more than one Accountable",
        },
        CodeInfo {
            code: "decision-rights/unknown-role",
            doc: "a column names no role of the playbook",
        },
        CodeInfo {
            code: "decision-rights/unknown-letter",
            doc: "a cell holds something other than R, A, C, I (or D, V, M)",
        },
        CodeInfo {
            code: "decision-rights/no-escalation",
            doc: "no escalation section, or one without an ordered list of steps",
        },
        CodeInfo {
            code: "decision-rights/escalation-unknown-role",
            doc: "an escalation step names no role of the playbook",
        },
        CodeInfo {
            code: "decision-rights/escalation-unreachable",
            doc: "an escalation step names a role without members",
        },
        CodeInfo {
            code: "decision-rights/owner-not-in-role",
            doc: "a runbook owner, ADR decider, CODEOWNERS owner or risk owner is neither a role nor a member of one",
        },
    ],
    compile: params::compile,
};

pub fn run(p: &Params, snap: &Snapshot, ctx: &RunContext) -> Outcome {
    let mut out = Outcome::default();
    let roles = &ctx.roles;
    if p.owners_in_roles {
        for n in owners::named(p, snap) {
            if in_a_role(&n.owner, roles) {
                continue;
            }
            out.findings.push(
                Finding::say(
                    &format!("decision-rights/owner-not-in-role#{}", n.source.variant()),
                    args([("path", (&n.path).into()), ("owner", n.owner.into())]),
                )
                .at(&n.path, n.line),
            );
        }
    }
    let path = p.file.as_str();
    if !snap.contains(path) {
        out.findings.push(Finding::say(
            "decision-rights/missing",
            args([("path", path.into())]),
        ));
        return out;
    }
    let text = match snap.read(path) {
        Content::Text(t) => t,
        other => {
            out.findings.push(super::files::unreadable(
                "decision-rights/unreadable",
                path,
                &other,
            ));
            return out;
        }
    };
    check_table(p, snap, path, &text, roles, &mut out);
    if p.escalation {
        check_escalation(snap, path, &text, roles, &mut out);
    }
    out
}

fn check_table(
    p: &Params,
    snap: &Snapshot,
    path: &str,
    text: &str,
    roles: &[Role],
    out: &mut Outcome,
) {
    let Some(t) = table::raci_table(text) else {
        out.findings.push(
            Finding::say("decision-rights/no-table", args([("path", path.into())])).at(path, None),
        );
        return;
    };
    let header = &t.rows[0];
    let header_line = t.lines[0];
    let role_names: Vec<String> = roles.iter().map(|r| format!("`{}`", r.name)).collect();
    for column in header.iter().skip(1) {
        if role_named(column, roles).is_some() {
            continue;
        }
        let key = if roles.is_empty() {
            "decision-rights/unknown-role#no-roles"
        } else {
            "decision-rights/unknown-role"
        };
        out.findings.push(
            Finding::say(
                key,
                args([
                    ("path", path.into()),
                    ("line", header_line.into()),
                    ("role", column.into()),
                    (
                        "roles",
                        Arg::AllOf {
                            all_of: role_names.clone(),
                        },
                    ),
                ]),
            )
            .at(path, Some(header_line)),
        );
    }
    for (row, &line) in t.rows.iter().zip(&t.lines).skip(1) {
        let Some(decision) = row.first().filter(|d| !d.trim().is_empty()) else {
            continue;
        };
        let mut accountable = Vec::new();
        for (i, cell) in row.iter().enumerate().skip(1) {
            let column = header.get(i).map_or("", String::as_str);
            match letters(cell) {
                Ok(ls) if ls.contains(&Letter::A) => accountable.push(column.to_string()),
                Ok(_) => {}
                Err(_) => out.findings.push(
                    Finding::say(
                        "decision-rights/unknown-letter",
                        args([
                            ("path", path.into()),
                            ("line", line.into()),
                            ("cell", cell.into()),
                            ("role", column.into()),
                            ("decision", decision.into()),
                        ]),
                    )
                    .at(path, Some(line)),
                ),
            }
        }
        match accountable.as_slice() {
            [] => out.findings.push(
                Finding::say(
                    "decision-rights/no-accountable",
                    args([
                        ("path", path.into()),
                        ("line", line.into()),
                        ("decision", decision.into()),
                    ]),
                )
                .at(path, Some(line)),
            ),
            [one] => out.evidence.push(evidence_for(
                snap,
                path,
                Some(line),
                None,
                format!("`{decision}`: accountable `{one}`"),
            )),
            many => out.findings.push(
                Finding::say(
                    "decision-rights/many-accountable",
                    args([
                        ("path", path.into()),
                        ("line", line.into()),
                        ("n", many.len().into()),
                        ("decision", decision.into()),
                        (
                            "roles",
                            Arg::AllOf {
                                all_of: many.iter().map(|r| format!("`{r}`")).collect(),
                            },
                        ),
                    ]),
                )
                .at(path, Some(line)),
            ),
        }
    }
    for wanted in &p.decisions {
        let found = t
            .rows
            .iter()
            .skip(1)
            .any(|r| r.first().is_some_and(|d| words(d) == words(wanted)));
        if !found {
            out.findings.push(
                Finding::say(
                    "decision-rights/missing-decision",
                    args([("path", path.into()), ("decision", wanted.into())]),
                )
                .at(path, None),
            );
        }
    }
}

fn check_escalation(snap: &Snapshot, path: &str, text: &str, roles: &[Role], out: &mut Outcome) {
    let Some(e) = table::escalation(text) else {
        out.findings.push(
            Finding::say(
                "decision-rights/no-escalation",
                args([("path", path.into())]),
            )
            .at(path, None),
        );
        return;
    };
    if e.steps.is_empty() {
        out.findings.push(
            Finding::say(
                "decision-rights/no-escalation#empty",
                args([
                    ("path", path.into()),
                    ("line", e.line.into()),
                    ("heading", e.heading.into()),
                ]),
            )
            .at(path, Some(e.line)),
        );
        return;
    }
    for (step, line) in &e.steps {
        match role_named(step, roles) {
            None => out.findings.push(
                Finding::say(
                    "decision-rights/escalation-unknown-role",
                    args([
                        ("path", path.into()),
                        ("line", (*line).into()),
                        ("step", step.into()),
                    ]),
                )
                .at(path, Some(*line)),
            ),
            Some(r) if r.members.is_empty() => out.findings.push(
                Finding::say(
                    "decision-rights/escalation-unreachable",
                    args([
                        ("path", path.into()),
                        ("line", (*line).into()),
                        ("role", (&r.name).into()),
                    ]),
                )
                .at(path, Some(*line)),
            ),
            Some(r) => out.evidence.push(evidence_for(
                snap,
                path,
                Some(*line),
                Some(step),
                format!("escalation step: role `{}`", r.name),
            )),
        }
    }
}
