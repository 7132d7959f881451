//! One self-contained HTML page: inline CSS (screen and print), no scripts, no external assets;
//! the only links are to the repository's files at the checked commit. Laid out by
//! `templates/html/report.html`; this module gives the template what it shows.

use askama::Template;

use crate::evidence::risks::RiskRegister;
use crate::evidence::{ControlResult, Evidence, EvidenceItem, Finding, Record, WaiverRecord};
use crate::render::i18n::{self, Language, tf};

use super::page::{PathLink, Texts, filters};
use super::risk_matrix::{self, MatrixView, RiskView};
use super::{Style, control_light, decision_light, short};

#[derive(Template)]
#[template(path = "html/report.html")]
struct ReportPage<'a> {
    ev: &'a Evidence,
    lang: Language,
    light: &'static str,
    decision: &'static str,
    gate: String,
    gate_label: String,
    explain: String,
    policy_origin: Option<String>,
    generated: Option<String>,
    counts: String,
    footer: String,
}

pub fn render(evidence: &Evidence, style: Style) -> String {
    // Repository text is shown escaped (control and bidi characters as `\u{HEX}`).
    let evidence = &*crate::support::escape::strings(evidence);
    let lang = style.lang;
    let page = ReportPage {
        ev: evidence,
        lang,
        light: decision_light(evidence.decision).class(),
        decision: i18n::decision(lang, evidence.decision),
        gate: tf(lang, "report.gate", &[("gate", &evidence.gate.name)]),
        gate_label: super::gate_label(evidence, lang),
        explain: super::markdown::explain(evidence, lang),
        policy_origin: super::policy_origin(evidence, lang),
        generated: super::finding_text::generated(evidence, lang),
        counts: super::counts_line(evidence, lang),
        footer: super::page::footer(evidence, lang),
    };
    super::page::render(&page)
}

impl Texts for ReportPage<'_> {
    fn lang(&self) -> Language {
        self.lang
    }
}

impl<'a> ReportPage<'a> {
    fn lamp(&self) -> [Option<&'static str>; 3] {
        super::page::lamp(self.light)
    }

    /// The tag or reference of the checked commit.
    fn reference(&self) -> Option<&'a str> {
        let s = &self.ev.subject;
        s.tag.as_deref().or(s.reference.as_deref())
    }

    fn light(&self, c: &ControlResult) -> &'static str {
        control_light(c).class()
    }

    fn level(&self, c: &ControlResult) -> &'static str {
        i18n::level(self.lang, c.level)
    }

    fn status(&self, c: &ControlResult) -> &'static str {
        i18n::status(self.lang, c.status)
    }

    /// The failed and errored controls, whose findings the page lists.
    fn troubled(&self) -> Vec<&'a ControlResult> {
        self.ev
            .controls
            .iter()
            .filter(|c| super::troubled(c))
            .collect()
    }

    fn reason(&self, c: &ControlResult) -> Option<String> {
        c.reason_in(self.lang == Language::De)
            .map(|r| r.into_owned())
    }

    /// Where a finding is: `path:line`, linked.
    fn place(&self, f: &Finding) -> Option<PathLink> {
        let p = f.path.as_deref()?;
        let label = match f.line {
            Some(l) => format!("{p}:{l}"),
            None => p.to_string(),
        };
        Some(PathLink::new(self.ev, p, f.line, label))
    }

    fn message(&self, f: &Finding) -> String {
        super::finding_text::message_after_place(f, self.lang)
    }

    fn accepted(&self, f: &Finding) -> Option<String> {
        super::finding_text::accepted_note(f, self.lang)
    }

    fn fixes(&self, c: &'a ControlResult) -> Vec<&'a str> {
        super::finding_text::fixes(c, self.lang)
    }

    fn registers(&self) -> Vec<(&'a ControlResult, &'a RiskRegister)> {
        risk_matrix::registers(self.ev).collect()
    }

    fn matrix(&self, reg: &RiskRegister) -> MatrixView {
        risk_matrix::matrix_view(reg, self.lang)
    }

    fn matrix_of(&self, c: &ControlResult) -> String {
        tf(self.lang, "risks.matrix-of", &[("control", &c.id)])
    }

    fn register(&self, reg: &RiskRegister) -> String {
        tf(self.lang, "risks.register", &[("path", &reg.path)])
    }

    fn trend_line(&self, reg: &RiskRegister) -> String {
        risk_matrix::trend_line(reg, self.lang)
    }

    fn risks(&self, reg: &'a RiskRegister) -> Vec<RiskView<'a>> {
        risk_matrix::risk_views(reg, self.lang, false)
    }

    fn decision_log_of(&self, c: &ControlResult) -> String {
        tf(self.lang, "report.decision-log-of", &[("control", &c.id)])
    }

    fn record_path(&self, r: &Record) -> PathLink {
        PathLink::new(self.ev, &r.path, r.line, r.path.clone())
    }

    fn record_status(&self, r: &'a Record) -> Option<&'a str> {
        r.status_raw.as_deref().or(r.status.as_deref())
    }

    fn item_path(&self, item: &EvidenceItem) -> PathLink {
        let label = match item.line {
            Some(l) => format!("{}:{l}", item.path),
            None => item.path.clone(),
        };
        PathLink::new(self.ev, &item.path, item.line, label)
    }

    fn blob(&self, item: &'a EvidenceItem) -> &'a str {
        item.blob.as_deref().map(short).unwrap_or("")
    }

    /// An evidence item's note and excerpt.
    fn notes(&self, item: &'a EvidenceItem) -> Vec<&'a str> {
        [item.note.as_deref(), item.excerpt.as_deref()]
            .into_iter()
            .flatten()
            .collect()
    }

    fn any_evidence(&self) -> bool {
        self.ev.controls.iter().any(|c| !c.evidence.is_empty())
    }

    fn ticket(&self, w: &'a WaiverRecord) -> &'a str {
        w.ticket.as_deref().or(w.link.as_deref()).unwrap_or("")
    }
}
