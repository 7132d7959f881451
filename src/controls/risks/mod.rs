//! `risks`: a risk register people keep by hand (a Markdown table or a TOML file, English or
//! German): every open risk has an owner, a mitigation and a review date not passed; a red risk
//! blocks unless a decision accepted it; each risk's traffic light and trend are reported as
//! data. `register` reads the file, `values` the cells, `checks` judges each risk, `trend`
//! compares with an earlier state, `params` the playbook table.

mod checks;
mod params;
mod register;
mod trend;
mod values;

pub use params::{DEFAULT_PATHS, Params};

use super::{CodeInfo, KindInfo, Outcome, ParamInfo, RunContext, evidence_for};
use crate::evidence::messages::args;
use crate::evidence::risks::RiskRegister;
use crate::evidence::{EvidenceItem, Finding};
use crate::snapshot::{Content, Snapshot};

pub const KIND: KindInfo = KindInfo {
    name: "risks",
    summary: "A risk register with owners, mitigations and reviews; red risks block unless a decision accepted them; traffic light and trend per risk",
    params: &[
        ParamInfo {
            name: "path",
            ty: "path",
            default: "discovered",
            doc: "the register; default: the first of docs/risks.md, RISKS.md, docs/risk-register.md, docs/risks.toml, risks.toml",
        },
        ParamInfo {
            name: "green-max",
            ty: "integer",
            default: "6",
            doc: "the highest green score (likelihood × impact, 1–25)",
        },
        ParamInfo {
            name: "amber-max",
            ty: "integer",
            default: "12",
            doc: "the highest amber score; a higher score is red",
        },
        ParamInfo {
            name: "max-age",
            ty: "duration",
            default: "unset (off)",
            doc: "the register was last changed (its last commit) within this time before the as-of date, e.g. \"31 days\"",
        },
        ParamInfo {
            name: "trend-against",
            ty: "string",
            default: "release",
            doc: "what the trend compares with: `release` (the register at the previous release tag), a duration (the register as it was that long before the as-of date, e.g. \"30 days\"), or `none`",
        },
    ],
    codes: &[
        CodeInfo {
            code: "risks/missing",
            doc: "no register at `path` or at any default location",
        },
        CodeInfo {
            code: "risks/unreadable",
            doc: "the register is binary, too large, a link or unreadable",
        },
        CodeInfo {
            code: "risks/invalid",
            doc: "the register cannot be read whole: TOML that does not parse, no table, no `[[risk]]`, required columns missing",
        },
        CodeInfo {
            code: "risks/invalid-value",
            doc: "a likelihood, impact, status or review date that cannot be read",
        },
        CodeInfo {
            code: "risks/missing-id",
            doc: "a risk has no id",
        },
        CodeInfo {
            code: "risks/duplicate-id",
            doc: "two risks share an id",
        },
        CodeInfo {
            code: "risks/no-score",
            doc: "a risk that is not closed states no likelihood or no impact",
        },
        CodeInfo {
            code: "risks/no-status",
            doc: "a risk states no status",
        },
        CodeInfo {
            code: "risks/no-owner",
            doc: "an open or mitigating risk has no owner (a role or a named person; `TBD`, `?`, `n/a` are none)",
        },
        CodeInfo {
            code: "risks/no-mitigation",
            doc: "an open or mitigating risk has no mitigation",
        },
        CodeInfo {
            code: "risks/no-review",
            doc: "an open or mitigating risk has no review date",
        },
        CodeInfo {
            code: "risks/review-overdue",
            doc: "an open or mitigating risk's review date lies before the as-of date",
        },
        CodeInfo {
            code: "risks/red",
            doc: "a red risk that is not closed and not accepted by a decision (status accepted and a linked ADR with status accepted)",
        },
        CodeInfo {
            code: "risks/stale",
            doc: "the register was last changed longer ago than `max-age`",
        },
    ],
    compile: params::compile,
};

pub fn run(p: &Params, snap: &Snapshot, ctx: &RunContext) -> Outcome {
    let mut out = Outcome::default();
    let path = match &p.path {
        Some(path) => path.clone(),
        None => match DEFAULT_PATHS.iter().find(|d| snap.contains(d)) {
            Some(found) => found.to_string(),
            None => DEFAULT_PATHS[0].to_string(),
        },
    };
    if !snap.contains(&path) {
        let tried: Vec<String> = match &p.path {
            Some(p) => vec![format!("`{p}`")],
            None => DEFAULT_PATHS.iter().map(|d| format!("`{d}`")).collect(),
        };
        out.findings.push(
            Finding::say(
                "risks/missing",
                args([(
                    "paths",
                    crate::evidence::messages::Arg::AnyOf { any_of: tried },
                )]),
            )
            .at(&path, None),
        );
        return out;
    }
    let text = match snap.read(&path) {
        Content::Text(t) => t,
        other => {
            out.findings.push(crate::controls::files::unreadable(
                "risks/unreadable",
                &path,
                &other,
            ));
            return out;
        }
    };
    let reg = register::read(&path, &text);
    for problem in &reg.problems {
        let mut a = args([("path", path.as_str().into())]);
        a.extend(problem.args.iter().map(|(k, v)| (k.to_string(), v.clone())));
        out.findings
            .push(Finding::say(problem.key, a).at(&path, problem.line));
    }
    let as_of = ctx.as_of.map(crate::support::dates::utc_date);
    let log = if reg.rows.iter().any(|r| r.adr.is_some()) {
        super::adr::decision_log(snap, ctx)
    } else {
        Vec::new()
    };
    let mut risks = checks::judge(p, &path, &reg.rows, as_of, &log, &mut out);
    out.evidence.push(evidence_for(
        snap,
        &path,
        None,
        None,
        format!("risk register ({}): {} risk(s)", reg.format, risks.len()),
    ));
    if let Some(span) = p.max_age {
        checks::age(p, span, &path, snap, ctx, &mut out);
    }
    let trend = match trend::apply(&p.against, snap, ctx, &path, &mut risks) {
        Ok(t) => t,
        Err(why) => {
            out.evidence.push(EvidenceItem {
                path: path.clone(),
                blob: None,
                line: None,
                excerpt: None,
                note: Some(format!("no trend: {why}")),
            });
            None
        }
    };
    out.risks = Some(RiskRegister {
        path,
        format: reg.format.to_string(),
        bands: p.bands,
        risks,
        trend,
    });
    out
}
