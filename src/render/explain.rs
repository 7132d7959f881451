//! What a control looked at, for the terminal (`check --explain ID`, `-v`): the files it matched
//! or missed with their blob ids and lines, what it found, the fix, and the waiver that applied.
//! The HTML report and the JSON hold the same; this puts it where the check ran.

use std::fmt::Write as _;

use super::finding_text;
use super::i18n::{Language, t, tf};
use crate::evidence::{ControlResult, Evidence, Status};

/// Which controls to explain.
pub enum Explain<'a> {
    /// These ids, in this order.
    Ids(&'a [String]),
    /// Every control that did not pass, then every other (`-v`).
    All,
}

/// The explanation of the chosen controls; `Err` names an id the evidence has no control for,
/// with the nearest one when there is one.
pub fn render(evidence: &Evidence, which: Explain<'_>, lang: Language) -> Result<String, String> {
    let localized = super::localize::for_reader(evidence, lang);
    let evidence = localized.as_ref();
    let chosen: Vec<&ControlResult> = match which {
        Explain::Ids(ids) => {
            let mut out = Vec::new();
            for id in ids {
                match evidence.controls.iter().find(|c| c.id == *id) {
                    Some(c) => out.push(c),
                    None => return Err(unknown(evidence, id, lang)),
                }
            }
            out
        }
        Explain::All => {
            let mut all: Vec<&ControlResult> = evidence.controls.iter().collect();
            all.sort_by_key(|c| (c.status == Status::Pass, c.status == Status::NotApplicable));
            all
        }
    };
    let mut out = String::new();
    for c in chosen {
        explain_one(&mut out, c, lang);
    }
    Ok(out)
}

fn explain_one(out: &mut String, c: &ControlResult, lang: Language) {
    let _ = writeln!(
        out,
        "\n── {} ({}, {}) {}",
        c.id,
        super::i18n::level(lang, c.level),
        super::i18n::status(lang, c.status),
        c.title
    );
    let _ = writeln!(
        out,
        "   {} {} · {} {}",
        t(lang, "explain.kind"),
        c.kind,
        t(lang, "explain.defined-at"),
        c.defined_at
    );
    if let Some(why) = &c.rationale {
        let _ = writeln!(out, "   {}: {why}", t(lang, "report.rationale"));
    }
    if let Some(reason) = &c.reason {
        let _ = writeln!(out, "   {}: {reason}", t(lang, "report.reason"));
    }
    if c.evidence.is_empty() {
        let _ = writeln!(out, "   {}", t(lang, "explain.looked-at-nothing"));
    } else {
        let _ = writeln!(
            out,
            "   {}",
            tf(
                lang,
                "explain.looked-at",
                &[("n", &c.evidence.len().to_string())]
            )
        );
        for e in &c.evidence {
            let place = match e.line {
                Some(l) => format!("{}:{l}", e.path),
                None => e.path.clone(),
            };
            let blob = e
                .blob
                .as_deref()
                .map(|b| {
                    format!(
                        " [{} {}]",
                        t(lang, "explain.blob"),
                        crate::support::short(b)
                    )
                })
                .unwrap_or_default();
            let note = e
                .note
                .as_deref()
                .map(|n| format!(" — {n}"))
                .unwrap_or_default();
            let _ = writeln!(out, "     {place}{blob}{note}");
            if let Some(x) = e.excerpt.as_deref().filter(|x| !x.trim().is_empty()) {
                let _ = writeln!(out, "       > {}", x.trim());
            }
        }
    }
    if !c.records.is_empty() {
        let _ = writeln!(
            out,
            "   {}",
            tf(
                lang,
                "explain.records",
                &[("n", &c.records.len().to_string())]
            )
        );
    }
    if c.findings.is_empty() {
        let _ = writeln!(out, "   {}", t(lang, "explain.no-findings"));
    } else {
        let _ = writeln!(out, "   {}", t(lang, "explain.found"));
        for f in &c.findings {
            let place = match (&f.path, f.line) {
                (Some(p), Some(l)) => format!("{p}:{l}: "),
                (Some(p), None) => format!("{p}: "),
                _ => String::new(),
            };
            let accepted = finding_text::accepted_note(f, lang)
                .map(|n| format!(" ({n})"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "     - {place}{} [{}]{accepted}",
                finding_text::message_after_place(f, lang),
                f.code
            );
        }
    }
    if !matches!(c.status, Status::Pass | Status::NotApplicable) {
        for fix in finding_text::fixes(c, lang) {
            let _ = writeln!(out, "   {} {fix}", t(lang, "human.fix"));
        }
    }
}

fn unknown(evidence: &Evidence, id: &str, lang: Language) -> String {
    let near = evidence
        .controls
        .iter()
        .map(|c| {
            (
                crate::playbook::compile::edit_distance(&c.id, id),
                c.id.as_str(),
            )
        })
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, n)| n);
    let ids: Vec<&str> = evidence.controls.iter().map(|c| c.id.as_str()).collect();
    match near {
        Some(n) => tf(
            lang,
            "explain.unknown-near",
            &[("id", id), ("near", n), ("ids", &ids.join(", "))],
        ),
        None => tf(
            lang,
            "explain.unknown",
            &[("id", id), ("ids", &ids.join(", "))],
        ),
    }
}
