//! The risk register in the reports: a 5 × 5 risk matrix (likelihood × impact) with the ids of
//! the risks in their cells, coloured by the bands and marked G/A/R so that it reads in
//! greyscale and print too, then each risk with its light and trend; the words both languages
//! use for them. Drawn from the evidence's `risks` data only (the HTML pages' view of it here, drawn by
//! `templates/html/macros.html`; Markdown in `markdown::risk_tables`).

use crate::evidence::risks::{Light, RiskRecord, RiskRegister, RiskTrend};
use crate::evidence::{ControlResult, Evidence};
use crate::render::i18n::{Language, t, tf};

pub fn light_word(lang: Language, light: Light) -> &'static str {
    match light {
        Light::Green => t(lang, "risks.light.green"),
        Light::Amber => t(lang, "risks.light.amber"),
        Light::Red => t(lang, "risks.light.red"),
    }
}

pub fn trend_word(lang: Language, trend: RiskTrend) -> &'static str {
    match trend {
        RiskTrend::New => t(lang, "risks.trend.new"),
        RiskTrend::Up => t(lang, "risks.trend.up"),
        RiskTrend::Down => t(lang, "risks.trend.down"),
        RiskTrend::Same => t(lang, "risks.trend.same"),
        RiskTrend::Closed => t(lang, "risks.trend.closed"),
    }
}

pub fn status_word(lang: Language, status: &str) -> String {
    match status {
        "open" => t(lang, "risks.status.open").into(),
        "mitigating" => t(lang, "risks.status.mitigating").into(),
        "accepted" => t(lang, "risks.status.accepted").into(),
        "closed" => t(lang, "risks.status.closed").into(),
        other => other.into(),
    }
}

/// The controls that read a register.
pub fn registers(evidence: &Evidence) -> impl Iterator<Item = (&ControlResult, &RiskRegister)> {
    evidence
        .controls
        .iter()
        .filter_map(|c| c.risks.as_ref().map(|r| (c, r)))
}

/// The ids of the live risks in each cell: `[likelihood-1][impact-1]`.
pub fn cells(reg: &RiskRegister) -> [[Vec<&str>; 5]; 5] {
    let mut cells: [[Vec<&str>; 5]; 5] = Default::default();
    for r in reg.risks.iter().filter(|r| r.is_live()) {
        if let (Some(l), Some(i)) = (r.likelihood, r.impact)
            && (1..=5).contains(&l)
            && (1..=5).contains(&i)
        {
            cells[usize::from(l - 1)][usize::from(i - 1)].push(&r.id);
        }
    }
    cells
}

fn band_class(light: Light) -> &'static str {
    match light {
        Light::Green => "g",
        Light::Amber => "a",
        Light::Red => "r",
    }
}

/// The trend of the register in one sentence.
pub fn trend_line(reg: &RiskRegister, lang: Language) -> String {
    match &reg.trend {
        None => t(lang, "risks.no-trend").to_string(),
        Some(tr) => tf(
            lang,
            "risks.trend-line",
            &[
                ("reference", &tr.reference),
                ("new", &tr.new.to_string()),
                ("up", &tr.up.to_string()),
                ("down", &tr.down.to_string()),
                ("same", &tr.same.to_string()),
                ("closed", &tr.closed.to_string()),
                ("before", &tr.previous_total.to_string()),
                ("now", &tr.total.to_string()),
                ("direction", trend_word(lang, tr.direction)),
            ],
        ),
    }
}

pub fn legend(reg: &RiskRegister, lang: Language) -> String {
    tf(
        lang,
        "risks.legend",
        &[
            ("green", &reg.bands.green_max.to_string()),
            ("amber", &reg.bands.amber_max.to_string()),
        ],
    )
}

/// One cell of the matrix as the HTML pages draw it (`templates/html/risk.html`).
pub struct MatrixCell {
    pub class: &'static str,
    pub letter: &'static str,
    /// `likelihood × impact = score (light)`.
    pub title: String,
    /// The ids of the live risks in the cell, space-separated.
    pub ids: String,
}

/// The matrix for the HTML pages: likelihood 5 at the top, impact 1 at the left.
pub struct MatrixView {
    pub likelihood: &'static str,
    pub impact: &'static str,
    /// `(likelihood, cells by impact 1..=5)`, likelihood 5 first.
    pub rows: Vec<(u8, Vec<MatrixCell>)>,
    pub legend: String,
}

pub fn matrix_view(reg: &RiskRegister, lang: Language) -> MatrixView {
    let cells = cells(reg);
    let rows = (1..=5u8)
        .rev()
        .map(|l| {
            let row = (1..=5u8)
                .map(|i| {
                    let light = reg.bands.light(l * i);
                    MatrixCell {
                        class: band_class(light),
                        letter: light.letter(),
                        title: format!("{l} × {i} = {} ({})", l * i, light_word(lang, light)),
                        ids: cells[usize::from(l - 1)][usize::from(i - 1)].join(" "),
                    }
                })
                .collect();
            (l, row)
        })
        .collect();
    MatrixView {
        likelihood: t(lang, "risks.likelihood"),
        impact: t(lang, "risks.impact"),
        rows,
        legend: legend(reg, lang),
    }
}

/// A risk's light as the HTML pages show it: the band's class, letter and word.
pub struct LightView {
    pub class: &'static str,
    pub letter: &'static str,
    pub word: &'static str,
}

/// One risk of a register as the HTML pages list it.
pub struct RiskView<'a> {
    pub risk: &'a RiskRecord,
    pub light: Option<LightView>,
    /// The trend's arrow and word.
    pub trend: Option<String>,
    /// `likelihood × impact = score`, when all three are known.
    pub score: String,
    pub status: String,
}

/// Each risk of `reg` (`top`: only the six live ones with the highest score, highest first).
pub fn risk_views<'a>(reg: &'a RiskRegister, lang: Language, top: bool) -> Vec<RiskView<'a>> {
    let mut risks: Vec<&RiskRecord> = reg.risks.iter().filter(|r| !top || r.is_live()).collect();
    if top {
        risks.sort_by(|a, b| b.score.cmp(&a.score).then(a.id.cmp(&b.id)));
        risks.truncate(6);
    }
    risks
        .into_iter()
        .map(|r| RiskView {
            risk: r,
            light: r.light.map(|l| LightView {
                class: band_class(l),
                letter: l.letter(),
                word: light_word(lang, l),
            }),
            trend: r
                .trend
                .map(|tr| format!("{} {}", tr.arrow(), trend_word(lang, tr))),
            score: match (r.likelihood, r.impact, r.score) {
                (Some(l), Some(i), Some(s)) => format!("{l} × {i} = {s}"),
                _ => String::new(),
            },
            status: r
                .status
                .as_deref()
                .map(|s| status_word(lang, s))
                .unwrap_or_default(),
        })
        .collect()
}
