//! Terminal output: a table of controls, findings grouped by control, the decision last.

use std::fmt::Write;

use crate::evidence::{Decision, Evidence, Status};

use super::Style;

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const DIM: &str = "\x1b[2m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

fn paint(style: Style, code: &str, text: &str) -> String {
    if style.color {
        format!("{code}{text}{RESET}")
    } else {
        text.to_string()
    }
}

fn status_color(status: Status) -> &'static str {
    match status {
        Status::Pass => GREEN,
        Status::Fail | Status::Error => RED,
        Status::NotApplicable | Status::Baselined => DIM,
        Status::Waived => YELLOW,
    }
}

pub fn decision_line(evidence: &Evidence, style: Style) -> String {
    let d = evidence.decision;
    let color = match d {
        Decision::Go => GREEN,
        Decision::GoWithConditions => YELLOW,
        Decision::NoGo => RED,
    };
    let mut failing = Vec::new();
    for (level, n) in &evidence.summary.failing_by_level {
        failing.push(format!("{n} {} failing", level.as_str()));
    }
    let detail = if failing.is_empty() {
        String::new()
    } else {
        format!(" ({})", failing.join(", "))
    };
    format!(
        "{} gate `{}`: {}{detail}",
        paint(style, BOLD, "Decision:"),
        evidence.gate.name,
        paint(style, &format!("{BOLD}{color}"), d.label())
    )
}

pub fn render(evidence: &Evidence, style: Style) -> String {
    let mut out = String::new();
    if style.quiet {
        out.push_str(&decision_line(evidence, style));
        out.push('\n');
        return out;
    }
    let s = &evidence.subject;
    let target = match (&s.commit, &s.reference) {
        (Some(c), Some(r)) => format!("{r} @ {}", &c[..c.len().min(12)]),
        (Some(c), None) => c[..c.len().min(12)].to_string(),
        _ => "working folder (no commit)".into(),
    };
    let mode = serde_json::to_value(s.mode)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "Repository: {} ({target}, {mode} mode, {} files)",
        s.root, s.files
    );
    let _ = writeln!(
        out,
        "Playbook:   {} — {}{}",
        evidence.playbook.path,
        evidence.playbook.name,
        evidence
            .playbook
            .version
            .as_deref()
            .map(|v| format!(" v{v}"))
            .unwrap_or_default()
    );
    for w in &evidence.warnings {
        let _ = writeln!(out, "{} {w}", paint(style, YELLOW, "warning:"));
    }
    out.push('\n');

    let id_w = evidence
        .controls
        .iter()
        .map(|c| c.id.chars().count())
        .max()
        .unwrap_or(2)
        .max(7);
    let _ = writeln!(
        out,
        "{:<id_w$}  {:<6}  {:<6}  TITLE",
        "CONTROL", "LEVEL", "STATUS"
    );
    for c in &evidence.controls {
        let status = format!("{:<6}", c.status.label());
        let _ = writeln!(
            out,
            "{:<id_w$}  {:<6}  {}  {}",
            c.id,
            c.level.as_str(),
            paint(style, status_color(c.status), &status),
            c.title
        );
    }

    let troubled: Vec<_> = evidence
        .controls
        .iter()
        .filter(|c| matches!(c.status, Status::Fail | Status::Error))
        .collect();
    for c in troubled {
        out.push('\n');
        let _ = writeln!(
            out,
            "{} {} ({}, {})",
            paint(style, status_color(c.status), c.status.label()),
            paint(style, BOLD, &c.id),
            c.level.as_str(),
            c.title
        );
        if let Some(reason) = &c.reason {
            let _ = writeln!(out, "  {reason}");
        }
        for f in &c.findings {
            let place = match (&f.path, f.line) {
                (Some(p), Some(l)) => format!("{p}:{l}: "),
                (Some(p), None) => format!("{p}: "),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "  - {place}{} {}",
                f.message,
                paint(style, DIM, &format!("[{}]", f.code))
            );
        }
        if let Some(fix) = &c.remediation {
            let _ = writeln!(out, "  fix: {fix}");
        }
    }
    out.push('\n');
    out.push_str(&decision_line(evidence, style));
    out.push('\n');
    out
}
