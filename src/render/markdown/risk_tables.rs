//! The risk register in Markdown: the 5 × 5 matrix as a table, each cell its letter (G/A/R) and
//! the ids of its risks, and a table of the risks with light and trend.

use std::fmt::Write;

use super::inline as md_inline;
use crate::evidence::Evidence;
use crate::evidence::risks::RiskRegister;
use crate::render::i18n::{Language, t, tf};
use crate::render::risk_matrix::{
    cells, legend, light_word, registers, status_word, trend_line, trend_word,
};

/// The matrix as a Markdown table: likelihood 5 in the first row, each cell its letter and ids.
pub fn matrix_markdown(reg: &RiskRegister, lang: Language) -> String {
    let inline = |s: &str| md_inline(s, true);
    let cells = cells(reg);
    let mut out = format!(
        "| {} ↓ · {} → | 1 | 2 | 3 | 4 | 5 |\n|---|---|---|---|---|---|\n",
        inline(t(lang, "risks.likelihood")),
        inline(t(lang, "risks.impact"))
    );
    for l in (1..=5u8).rev() {
        let _ = write!(out, "| **{l}** |");
        for i in 1..=5u8 {
            let light = reg.bands.light(l * i);
            let ids = &cells[usize::from(l - 1)][usize::from(i - 1)];
            let ids = ids
                .iter()
                .map(|id| inline(id))
                .collect::<Vec<_>>()
                .join(", ");
            if ids.is_empty() {
                let _ = write!(out, " {} |", light.letter());
            } else {
                let _ = write!(out, " {} **{ids}** |", light.letter());
            }
        }
        out.push('\n');
    }
    let _ = writeln!(out, "\n{}", inline(&legend(reg, lang)));
    out
}

/// Head (matrix and the risk table's header) and one row per risk, per register.
pub fn markdown(evidence: &Evidence, lang: Language) -> Vec<(String, Vec<String>)> {
    let inline = |s: &str| md_inline(s, true);
    let mut out = Vec::new();
    for (c, reg) in registers(evidence) {
        let mut head = format!(
            "\n### {}\n\n{} · {}\n\n",
            inline(&tf(lang, "risks.matrix-of", &[("control", &c.id)])),
            inline(&tf(lang, "risks.register", &[("path", &reg.path)])),
            inline(&trend_line(reg, lang))
        );
        head.push_str(&matrix_markdown(reg, lang));
        let _ = writeln!(
            head,
            "\n| {} | {} | {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|---|---|",
            t(lang, "report.col-id"),
            t(lang, "report.col-title"),
            t(lang, "risks.col-score"),
            t(lang, "risks.col-light"),
            t(lang, "risks.col-trend"),
            t(lang, "risks.col-owner"),
            t(lang, "report.col-status"),
            t(lang, "risks.col-review"),
        );
        let rows = reg
            .risks
            .iter()
            .map(|r| {
                format!(
                    "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
                    inline(&r.id),
                    inline(&r.title),
                    r.score.map(|s| s.to_string()).unwrap_or_default(),
                    r.light
                        .map(|l| format!("{} {}", l.letter(), light_word(lang, l)))
                        .unwrap_or_default(),
                    r.trend
                        .map(|tr| format!("{} {}", tr.arrow(), trend_word(lang, tr)))
                        .unwrap_or_default(),
                    inline(r.owner.as_deref().unwrap_or("")),
                    inline(
                        &r.status
                            .as_deref()
                            .map(|s| status_word(lang, s))
                            .unwrap_or_default()
                    ),
                    r.review.as_deref().unwrap_or(""),
                )
            })
            .collect();
        out.push((head, rows));
    }
    out
}
