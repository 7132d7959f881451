//! The risk register in the reports: a 5 × 5 risk matrix (likelihood × impact) with the ids of
//! the risks in their cells, coloured by the bands and marked G/A/R so that it reads in
//! greyscale and print too, then each risk with its light and trend; the words both languages
//! use for them. Drawn from the evidence's `risks` data only (HTML here; Markdown in
//! `markdown::risk_tables`).

use std::fmt::Write;

use crate::evidence::risks::{Light, RiskRegister, RiskTrend};
use crate::evidence::{ControlResult, Evidence};
use crate::render::i18n::{Language, t, tf};

/// The matrix's styles; the HTML report and the management summary include them.
pub const CSS: &str = r#"
.matrix { border-collapse: separate; border-spacing: 3px; width: auto; margin: 8px 0; }
.matrix th, .matrix td { border: 0; text-align: center; vertical-align: middle; padding: 2px 4px; }
.matrix td.cell { width: 86px; height: 46px; border-radius: 4px; position: relative; font-weight: 700; font-size: 12px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.matrix td.cell .band { position: absolute; top: 2px; left: 4px; font-size: 10px; font-weight: 800; opacity: .75; }
.matrix td.g { background: #d7f0dc; border: 2px solid #2ea043; }
.matrix td.a { background: repeating-linear-gradient(0deg, #ffe7b3 0 5px, #ffd98a 5px 7px); border: 2px dashed #b26b00; }
.matrix td.r { background: repeating-linear-gradient(45deg, #f8c6c2 0 5px, #ef9a94 5px 8px); border: 3px double #c62828; }
.matrix .axis { font-size: 12px; color: var(--grey, #6b7280); }
.matrix .num { font-weight: 600; width: 22px; }
.light { font-weight: 800; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.light.g { color: #1a7f37; } .light.a { color: #b26b00; } .light.r { color: #c62828; }
"#;

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

/// The matrix as an HTML table: likelihood 5 at the top, impact 1 at the left.
pub fn matrix_html(reg: &RiskRegister, lang: Language) -> String {
    let esc = crate::support::escape::html;
    let cells = cells(reg);
    let mut out = String::from("<table class=\"matrix\" role=\"grid\">\n");
    let _ = writeln!(
        out,
        "<tr><th rowspan=\"6\" class=\"axis\" style=\"writing-mode:vertical-rl;transform:rotate(180deg)\">{} →</th></tr>",
        esc(t(lang, "risks.likelihood"))
    );
    for l in (1..=5u8).rev() {
        let _ = write!(out, "<tr><th class=\"num\">{l}</th>");
        for i in 1..=5u8 {
            let light = reg.bands.light(l * i);
            let ids = &cells[usize::from(l - 1)][usize::from(i - 1)];
            let _ = write!(
                out,
                "<td class=\"cell {}\" title=\"{} × {} = {} ({})\"><span class=\"band\">{}</span>{}</td>",
                band_class(light),
                l,
                i,
                l * i,
                esc(light_word(lang, light)),
                light.letter(),
                ids.iter().map(|id| esc(id)).collect::<Vec<_>>().join(" ")
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("<tr><th></th><th></th>");
    for i in 1..=5 {
        let _ = write!(out, "<th class=\"num\">{i}</th>");
    }
    let _ = writeln!(
        out,
        "</tr>\n<tr><th></th><th></th><th colspan=\"5\" class=\"axis\">{} →</th></tr>\n</table>",
        esc(t(lang, "risks.impact"))
    );
    out
}

/// The legend of the matrix as an HTML paragraph.
pub fn legend_html(reg: &RiskRegister, lang: Language) -> String {
    format!(
        "<p class=\"muted\">{}</p>\n",
        crate::support::escape::html(&legend(reg, lang))
    )
}

/// The matrix and each risk, as HTML sections of the report.
pub fn html(evidence: &Evidence, lang: Language) -> String {
    let esc = crate::support::escape::html;
    let mut out = String::new();
    for (c, reg) in registers(evidence) {
        let _ = writeln!(
            out,
            "<h2 id=\"risks-{}\">{}</h2>",
            esc(&c.id),
            esc(&tf(lang, "risks.matrix-of", &[("control", &c.id)]))
        );
        let _ = writeln!(
            out,
            "<p class=\"muted\">{} · {}</p>",
            esc(&tf(lang, "risks.register", &[("path", &reg.path)])),
            esc(&trend_line(reg, lang))
        );
        out.push_str(&matrix_html(reg, lang));
        out.push_str(&legend_html(reg, lang));
        let _ = writeln!(
            out,
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            esc(t(lang, "report.col-id")),
            esc(t(lang, "report.col-title")),
            esc(t(lang, "risks.col-score")),
            esc(t(lang, "risks.col-light")),
            esc(t(lang, "risks.col-trend")),
            esc(t(lang, "risks.col-owner")),
            esc(t(lang, "report.col-status")),
            esc(t(lang, "risks.col-review")),
        );
        for r in &reg.risks {
            let light = r.light.map_or(String::new(), |l| {
                format!(
                    "<span class=\"light {}\">{} {}</span>",
                    band_class(l),
                    l.letter(),
                    esc(light_word(lang, l))
                )
            });
            let trend = r.trend.map_or(String::new(), |tr| {
                format!("{} {}", tr.arrow(), esc(trend_word(lang, tr)))
            });
            let score = match (r.likelihood, r.impact, r.score) {
                (Some(l), Some(i), Some(s)) => format!("{l} × {i} = {s}"),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "<tr><td class=\"nowrap\">{}</td><td>{}</td><td class=\"nowrap\">{score}</td><td>{light}</td><td>{trend}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&r.id),
                esc(&r.title),
                esc(r.owner.as_deref().unwrap_or("")),
                esc(&r
                    .status
                    .as_deref()
                    .map(|s| status_word(lang, s))
                    .unwrap_or_default()),
                esc(r.review.as_deref().unwrap_or("")),
            );
        }
        out.push_str("</tbody></table>\n");
    }
    out
}
