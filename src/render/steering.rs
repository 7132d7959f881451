//! The monthly steering pack for people: Markdown and printable HTML (A4; the status of the gates,
//! the top risks and the matrix fit the first page), English and German. A pure function of the
//! pack.

use std::fmt::Write;

use askama::Template;

use crate::evidence::risks::RiskRecord;
use crate::evidence::steering::{GateStatus, SteeringPack};
use crate::evidence::{Decision, Evidence, Record};
use crate::render::i18n::{self, Language, t, tf};
use crate::render::risk_matrix::{
    self, MatrixView, RiskView, light_word, registers, trend_line, trend_word,
};

use super::markdown::inline;
use super::page::{Texts, filters};
use super::short;

fn rank(d: Decision) -> u8 {
    match d {
        Decision::Go => 0,
        Decision::GoWithConditions => 1,
        Decision::NoGo => 2,
    }
}

fn change(lang: Language, now: Decision, before: Option<Decision>) -> &'static str {
    match before {
        None => t(lang, "steering.change.first"),
        Some(b) if rank(now) < rank(b) => t(lang, "steering.change.better"),
        Some(b) if rank(now) > rank(b) => t(lang, "steering.change.worse"),
        Some(_) => t(lang, "steering.change.same"),
    }
}

fn period(pack: &SteeringPack, lang: Language) -> String {
    let range = tf(
        lang,
        "steering.period",
        &[("start", &pack.start), ("end", &pack.end)],
    );
    match &pack.month {
        Some(m) => format!("{m} ({range})"),
        None => range,
    }
}

/// The live risks of every register, highest score first, at most `n`.
fn top_risks(evidence: &Evidence, n: usize) -> Vec<&RiskRecord> {
    let mut all: Vec<&RiskRecord> = registers(evidence)
        .flat_map(|(_, r)| r.risks.iter())
        .filter(|r| r.is_live())
        .collect();
    all.sort_by(|a, b| b.score.cmp(&a.score).then(a.id.cmp(&b.id)));
    all.truncate(n);
    all
}

fn as_of_line(evidence: &Evidence, lang: Language) -> String {
    tf(
        lang,
        "steering.as-of",
        &[
            ("as_of", evidence.as_of.as_deref().unwrap_or("?")),
            (
                "commit",
                evidence.subject.commit.as_deref().map_or("?", short),
            ),
        ],
    )
}

pub fn markdown(pack: &SteeringPack, lang: Language) -> String {
    let ev = &*crate::support::escape::strings(&pack.evidence);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n\n**{}** · {}\n",
        inline(
            &tf(lang, "steering.title", &[("name", &ev.playbook.name)]),
            false
        ),
        period(pack, lang),
        inline(&as_of_line(ev, lang), false)
    );
    let _ = writeln!(
        out,
        "## {}\n\n| {} | {} | {} | {} |\n|---|---|---|---|",
        t(lang, "steering.status"),
        t(lang, "steering.col-gate"),
        t(lang, "steering.col-decision"),
        t(lang, "steering.col-previous"),
        t(lang, "steering.col-change"),
    );
    for g in &pack.gates {
        let light = super::decision_light(g.decision).emoji();
        let _ = writeln!(
            out,
            "| `{}` | {light} {} | {} | {} |",
            super::markdown::code_span(&g.name, true),
            i18n::decision(lang, g.decision),
            g.previous.map_or("—", |d| i18n::decision(lang, d)),
            change(lang, g.decision, g.previous),
        );
    }
    let _ = writeln!(out, "\n## {}\n", t(lang, "steering.top-risks"));
    let top = top_risks(ev, 5);
    if registers(ev).next().is_none() {
        let _ = writeln!(out, "{}", t(lang, "steering.no-register"));
    }
    for (_, reg) in registers(ev) {
        let _ = writeln!(out, "{}\n", inline(&trend_line(reg, lang), false));
        out.push_str(&super::markdown::risk_tables::matrix_markdown(reg, lang));
    }
    if !top.is_empty() {
        let _ = writeln!(
            out,
            "\n| {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|",
            t(lang, "report.col-id"),
            t(lang, "report.col-title"),
            t(lang, "risks.col-score"),
            t(lang, "risks.col-light"),
            t(lang, "risks.col-trend"),
            t(lang, "risks.col-owner"),
        );
        for r in top {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                inline(&r.id, true),
                inline(&r.title, true),
                r.score.map(|s| s.to_string()).unwrap_or_default(),
                r.light
                    .map(|l| format!("{} {}", l.letter(), light_word(lang, l)))
                    .unwrap_or_default(),
                r.trend
                    .map(|x| format!("{} {}", x.arrow(), trend_word(lang, x)))
                    .unwrap_or_default(),
                inline(r.owner.as_deref().unwrap_or(""), true),
            );
        }
    }
    let _ = writeln!(out, "\n## {}\n", t(lang, "steering.decisions"));
    if pack.decisions.is_empty() {
        let _ = writeln!(out, "{}", t(lang, "steering.no-decisions"));
    } else {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|",
            t(lang, "report.col-id"),
            t(lang, "report.col-title"),
            t(lang, "report.col-status"),
            t(lang, "report.col-date"),
            t(lang, "steering.col-change"),
        );
        for d in &pack.decisions {
            let r = &d.record;
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                inline(&r.id, true),
                inline(&r.title, true),
                inline(
                    r.status_raw
                        .as_deref()
                        .or(r.status.as_deref())
                        .unwrap_or("—"),
                    true
                ),
                r.date.as_deref().unwrap_or(""),
                decision_change(lang, d.change),
            );
        }
    }
    let _ = writeln!(out, "\n## {}\n", t(lang, "steering.waivers"));
    if pack.waivers_expiring.is_empty() {
        let _ = writeln!(out, "{}", t(lang, "steering.no-waivers"));
    }
    for w in &pack.waivers_expiring {
        let _ = writeln!(
            out,
            "- {} `{}`: {} {} ({}) — {}",
            inline(&w.id, false),
            super::markdown::code_span(&w.control, false),
            t(lang, "steering.col-expires"),
            w.expires,
            inline(&w.state, false),
            inline(&w.reason, false)
        );
    }
    let _ = writeln!(out, "\n## {}\n", t(lang, "steering.priorities"));
    match &pack.priorities {
        None => {
            let _ = writeln!(out, "{}", t(lang, "steering.no-priorities"));
        }
        Some(p) => {
            let _ = writeln!(out, "_{}_\n", inline(&p.path, false));
            for line in &p.lines {
                let l = line.trim_start();
                // Headings of the file become bold lines: the pack keeps its own outline.
                match l.strip_prefix('#') {
                    Some(h) => {
                        if !out.ends_with("\n\n") {
                            out.push('\n');
                        }
                        let _ = writeln!(
                            out,
                            "**{}**\n",
                            inline(h.trim_start_matches('#').trim(), false)
                        );
                    }
                    None => {
                        let _ = writeln!(out, "{}", inline(line, false));
                    }
                }
            }
        }
    }
    let _ = writeln!(out, "\n## {}\n", t(lang, "summary.assumptions"));
    for line in limits(pack, ev, lang) {
        let _ = writeln!(out, "- {}", inline(&line, false));
    }
    out
}

fn decision_change(lang: Language, change: &str) -> &'static str {
    if change == "added" {
        t(lang, "steering.change-added")
    } else {
        t(lang, "steering.change-changed")
    }
}

fn limits(pack: &SteeringPack, ev: &Evidence, lang: Language) -> Vec<String> {
    let s = &ev.subject;
    let target = s.commit.as_deref().map_or_else(
        || t(lang, "report.no-commit").to_string(),
        |c| format!("`{}`", short(c)),
    );
    vec![
        tf(
            lang,
            "summary.scope",
            &[("files", &s.files.to_string()), ("target", &target)],
        ),
        t(lang, "summary.presence").to_string(),
        tf(lang, "steering.previous-from", &[("start", &pack.start)]),
        t(lang, "summary.verify").to_string(),
    ]
}

/// One gate of the pack's status table.
struct GateRow<'a> {
    gate: &'a GateStatus,
    light: &'static str,
    decision: &'static str,
    previous: &'static str,
    change: &'static str,
}

#[derive(Template)]
#[template(path = "html/steering.html")]
struct PackPage<'a> {
    pack: &'a SteeringPack,
    lang: Language,
    title: String,
    period: String,
    as_of: String,
    gates: Vec<GateRow<'a>>,
    /// Per register: its trend, the matrix and the top risks.
    registers: Vec<(String, MatrixView, Vec<RiskView<'a>>)>,
    /// Each decision record with its status as written and the change.
    decisions: Vec<(&'a Record, &'a str, &'static str)>,
    /// The priorities' lines: whether each is a heading, and its text.
    priorities: Vec<(bool, &'a str)>,
    limits: Vec<String>,
    footer: String,
}

impl Texts for PackPage<'_> {
    fn lang(&self) -> Language {
        self.lang
    }
}

/// The pack as one printable HTML page, laid out by `templates/html/steering.html`.
pub fn html(pack: &SteeringPack, lang: Language) -> String {
    let ev = &*crate::support::escape::strings(&pack.evidence);
    let gates = pack
        .gates
        .iter()
        .map(|g| GateRow {
            gate: g,
            light: super::decision_light(g.decision).class(),
            decision: i18n::decision(lang, g.decision),
            previous: g.previous.map_or("—", |d| i18n::decision(lang, d)),
            change: change(lang, g.decision, g.previous),
        })
        .collect();
    let registers = registers(ev)
        .map(|(_, reg)| {
            (
                trend_line(reg, lang),
                risk_matrix::matrix_view(reg, lang),
                risk_matrix::risk_views(reg, lang, true),
            )
        })
        .collect();
    let decisions = pack
        .decisions
        .iter()
        .map(|d| {
            let r = &d.record;
            let status = r
                .status_raw
                .as_deref()
                .or(r.status.as_deref())
                .unwrap_or("—");
            (r, status, decision_change(lang, d.change))
        })
        .collect();
    let priorities = pack
        .priorities
        .iter()
        .flat_map(|p| &p.lines)
        .map(|line| {
            let l = line.trim_start();
            let text = l
                .trim_start_matches('#')
                .trim_start_matches(['-', '*'])
                .trim();
            (l.starts_with('#'), text)
        })
        .collect();
    let page = PackPage {
        pack,
        lang,
        title: tf(lang, "steering.title", &[("name", &ev.playbook.name)]),
        period: period(pack, lang),
        as_of: as_of_line(ev, lang),
        gates,
        registers,
        decisions,
        priorities,
        limits: limits(pack, ev, lang),
        footer: super::page::footer(ev, lang),
    };
    super::page::render(&page)
}
