//! The one-page management summary as HTML (`report --summary --format html`): the decision,
//! the reasons that decide it, conditions and waivers with their expiry, the risk matrix and the
//! top risks, the assumptions and limits; the HTML report's stylesheet, sized for one A4 page.
//! Laid out by `templates/html/summary.html`; this module gives the template what it shows.

use askama::Template;

use crate::evidence::{ControlResult, Evidence, Status};
use crate::playbook::Level;
use crate::render::i18n::{self, Language, t, tf};

use super::page::{Texts, filters};
use super::risk_matrix::{self, MatrixView, RiskView};
use super::{Style, control_light, decision_light, short};

/// A control that decides, with its first finding and how many more there are.
struct Reason<'a> {
    control: &'a ControlResult,
    light: &'static str,
    level: &'static str,
    first: String,
    more: String,
}

#[derive(Template)]
#[template(path = "html/summary.html")]
struct SummaryPage<'a> {
    ev: &'a Evidence,
    lang: Language,
    title: String,
    light: &'static str,
    decision: &'static str,
    gate_label: String,
    explain: String,
    /// At most five.
    reasons: Vec<Reason<'a>>,
    more_reasons: Option<String>,
    /// What must and should happen before go: a heading and each control's id and to-do.
    conditions: Vec<(&'static str, Vec<(&'a str, String)>)>,
    waiver_columns: Vec<&'static str>,
    /// Per register: heading, trend, matrix and the top risks.
    registers: Vec<(String, String, MatrixView, Vec<RiskView<'a>>)>,
    scope: String,
    not_evaluated: Option<String>,
    footer: String,
}

impl Texts for SummaryPage<'_> {
    fn lang(&self) -> Language {
        self.lang
    }
}

impl SummaryPage<'_> {
    fn lamp(&self) -> [Option<&'static str>; 3] {
        super::page::lamp(self.light)
    }
}

pub fn render_summary(evidence: &Evidence, style: Style) -> String {
    let evidence = &*crate::support::escape::strings(evidence);
    let lang = style.lang;
    let risks = super::risks(evidence);
    let reasons = risks
        .iter()
        .take(5)
        .map(|c| {
            let (first, more) = super::finding_text::first_and_more(c, lang);
            Reason {
                control: c,
                light: control_light(c).class(),
                level: i18n::level(lang, c.level),
                first,
                more,
            }
        })
        .collect();
    let more_reasons = (risks.len() > 5).then(|| {
        tf(
            lang,
            "report.more",
            &[("n", &(risks.len() - 5).to_string())],
        )
    });
    let registers = risk_matrix::registers(evidence)
        .map(|(c, reg)| {
            (
                tf(lang, "risks.matrix-of", &[("control", &c.id)]),
                risk_matrix::trend_line(reg, lang),
                risk_matrix::matrix_view(reg, lang),
                risk_matrix::risk_views(reg, lang, true),
            )
        })
        .collect();
    let cols: Vec<&'static str> = t(lang, "waivers.columns").split('|').collect();
    let page = SummaryPage {
        ev: evidence,
        lang,
        title: tf(lang, "summary.title", &[("name", &evidence.playbook.name)]),
        light: decision_light(evidence.decision).class(),
        decision: i18n::decision(lang, evidence.decision),
        gate_label: super::gate_label(evidence, lang),
        explain: super::markdown::explain(evidence, lang),
        reasons,
        more_reasons,
        conditions: conditions(evidence, &risks, lang),
        waiver_columns: [0usize, 1, 2, 4, 5, 7]
            .iter()
            .map(|&i| cols.get(i).copied().unwrap_or(""))
            .collect(),
        registers,
        scope: scope(evidence, lang),
        not_evaluated: not_evaluated(evidence, lang),
        footer: super::page::footer(evidence, lang),
    };
    super::page::render(&page)
}

/// What must happen before go: the failing must controls, then the failing should controls
/// (must too in a strict gate), each with at most two fixes or its title.
fn conditions<'a>(
    evidence: &Evidence,
    risks: &[&'a ControlResult],
    lang: Language,
) -> Vec<(&'static str, Vec<(&'a str, String)>)> {
    let strict = evidence.gate.strict;
    let failing = |c: &&&ControlResult| matches!(c.status, Status::Fail | Status::Error);
    let todo = |c: &&'a ControlResult| {
        // Two fixes at most: the page stays one page; the full report lists them all.
        let all = super::finding_text::fixes(c, lang);
        let mut fixes = all.iter().take(2).cloned().collect::<Vec<_>>().join(" ");
        if all.len() > 2 {
            fixes.push_str(" …");
        }
        let todo = if fixes.is_empty() {
            c.title.clone()
        } else {
            fixes
        };
        (c.id.as_str(), todo)
    };
    let must: Vec<_> = risks
        .iter()
        .filter(failing)
        .filter(|c| c.level == Level::Must || (strict && c.level == Level::Should))
        .map(todo)
        .collect();
    let should: Vec<_> = risks
        .iter()
        .filter(failing)
        .filter(|c| c.level == Level::Should && !strict)
        .map(todo)
        .collect();
    [
        (t(lang, "summary.before-go-must"), must),
        (t(lang, "summary.before-go-should"), should),
    ]
    .into_iter()
    .filter(|(_, list)| !list.is_empty())
    .collect()
}

/// What was checked: the number of files and the commit.
fn scope(evidence: &Evidence, lang: Language) -> String {
    let s = &evidence.subject;
    let target = match (&s.commit, &s.remote) {
        (Some(c), Some(r)) => format!("`{r}` @ `{}`", short(c)),
        (Some(c), None) => format!("`{}`", short(c)),
        _ => t(lang, "report.no-commit").to_string(),
    };
    tf(
        lang,
        "summary.scope",
        &[("files", &s.files.to_string()), ("target", &target)],
    )
}

/// The controls that did not apply or could not be evaluated, with their reasons.
fn not_evaluated(evidence: &Evidence, lang: Language) -> Option<String> {
    let list: Vec<String> = evidence
        .controls
        .iter()
        .filter(|c| matches!(c.status, Status::NotApplicable | Status::Error))
        .map(|c| format!("`{}` ({})", c.id, c.reason.as_deref().unwrap_or_default()))
        .collect();
    (!list.is_empty()).then(|| tf(lang, "summary.not-evaluated", &[("list", &list.join("; "))]))
}
