//! Terminal output: a table of controls, findings grouped by control, the decision last.

use std::fmt::Write;

use crate::evidence::{ControlResult, Decision, Evidence, Status};
use crate::playbook::Level;
use crate::render::i18n::{self, t, tf};

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
    // Repository text is shown escaped (control and bidi characters as `\u{HEX}`).
    decision_line_escaped(&crate::support::escape::strings(evidence), style)
}

/// [`decision_line`] of evidence already escaped: escaping walks the whole evidence as JSON,
/// which cost as much as the rest of a `--quiet` report when it was done twice.
fn decision_line_escaped(evidence: &Evidence, style: Style) -> String {
    let lang = style.lang;
    let d = evidence.decision;
    let color = match d {
        Decision::Go => GREEN,
        Decision::GoWithConditions => YELLOW,
        Decision::NoGo => RED,
    };
    let mut failing = Vec::new();
    for (level, n) in &evidence.summary.failing_by_level {
        // German counts criteria: "1 Muss-Kriterium", "3 Soll-Kriterien nicht erfüllt".
        let key = match (level, *n == 1) {
            (crate::playbook::Level::Must, true) => "human.failing-must-one",
            (crate::playbook::Level::Must, false) => "human.failing-must",
            (crate::playbook::Level::Should, true) => "human.failing-should-one",
            (crate::playbook::Level::Should, false) => "human.failing-should",
            (crate::playbook::Level::May, true) => "human.failing-may-one",
            (crate::playbook::Level::May, false) => "human.failing-may",
        };
        failing.push(tf(lang, key, &[("n", &n.to_string())]));
    }
    let detail = if failing.is_empty() {
        String::new()
    } else {
        format!(" ({})", failing.join(", "))
    };
    format!(
        "{} {}",
        paint(style, BOLD, t(lang, "human.decision")),
        tf(
            lang,
            "human.decision-gate",
            &[
                ("gate", &evidence.gate.name),
                (
                    "decision",
                    &paint(style, &format!("{BOLD}{color}"), i18n::decision(lang, d))
                ),
                ("detail", &detail),
            ]
        )
    )
}

pub fn render(evidence: &Evidence, style: Style) -> String {
    // Repository text is shown escaped (control and bidi characters as `\u{HEX}`).
    let evidence = &*crate::support::escape::strings(evidence);
    let mut out = String::new();
    if style.quiet {
        out.push_str(&decision_line_escaped(evidence, style));
        out.push('\n');
        out.push_str(&blocking(evidence, style));
        return out;
    }
    let lang = style.lang;
    let s = &evidence.subject;
    let target = match (&s.commit, &s.reference) {
        (Some(c), Some(r)) => format!("{r} @ {}", super::short(c)),
        (Some(c), None) => super::short(c).to_string(),
        _ => t(lang, "human.no-commit").to_string(),
    };
    // A commit measured against a base is a merge request's change, whatever named the commit.
    let merge_request = s.base.is_some()
        && matches!(
            s.mode,
            crate::snapshot::SnapshotMode::Head | crate::snapshot::SnapshotMode::Rev
        );
    let mode = if merge_request {
        t(lang, "human.mode-merge-request").to_string()
    } else {
        serde_json::to_value(s.mode)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    };
    let _ = writeln!(
        out,
        "{}",
        tf(
            lang,
            "human.repository",
            &[
                ("root", &s.root),
                ("target", &target),
                ("mode", &mode),
                ("files", &super::i18n::files(lang, s.files as u64)),
            ]
        )
    );
    let _ = writeln!(
        out,
        "{}",
        tf(
            lang,
            "human.playbook",
            &[
                ("path", &evidence.playbook.path),
                ("name", &evidence.playbook.name),
                (
                    "version",
                    &evidence
                        .playbook
                        .version
                        .as_deref()
                        .map(|v| format!(" v{v}"))
                        .unwrap_or_default()
                ),
            ]
        )
    );
    if let Some(description) = &evidence.playbook.description {
        // Under the playbook's name, where the "Playbook:" label ends.
        let _ = writeln!(out, "            {description}");
    }
    if evidence.gate.description.is_some() {
        let _ = writeln!(out, "{}", super::gate_label(evidence, lang));
    }
    if let Some(origin) = super::policy_origin(evidence, lang) {
        let _ = writeln!(out, "{}", tf(lang, "human.policy", &[("origin", &origin)]));
    }
    if let Some(b) = &s.base {
        let source = b.source.map_or("--base", |s| s.as_str());
        let _ = writeln!(
            out,
            "{}",
            tf(
                lang,
                "human.base",
                &[
                    ("reference", &b.reference),
                    ("commit", super::short(&b.commit)),
                    ("source", source),
                ]
            )
        );
    }
    // A reference date the caller pinned is said, so that nobody mistakes it for today's.
    if evidence.parameters.as_of_source == Some(crate::support::dates::DateSource::AsOf)
        && let Some(as_of) = &evidence.as_of
    {
        let date = as_of.get(..10).unwrap_or(as_of);
        let _ = writeln!(
            out,
            "{}",
            tf(
                lang,
                "human.as-of",
                &[("date", date), ("source", "--as-of")]
            )
        );
    }
    for w in &evidence.warnings {
        let _ = writeln!(
            out,
            "{} {w}",
            paint(style, YELLOW, t(lang, "human.warning"))
        );
    }
    out.push('\n');

    let heads = [
        t(lang, "human.col-control"),
        t(lang, "human.col-level"),
        t(lang, "human.col-status"),
        t(lang, "human.col-title"),
    ];
    let width = |s: &str| s.chars().count();
    let id_w = evidence
        .controls
        .iter()
        .map(|c| width(&c.id))
        .chain([width(heads[0])])
        .max()
        .unwrap_or(7);
    let level_w = [
        crate::playbook::Level::Must,
        crate::playbook::Level::Should,
        crate::playbook::Level::May,
    ]
    .iter()
    .map(|l| width(i18n::level(lang, *l)))
    .chain([width(heads[1])])
    .max()
    .unwrap_or(6);
    let status_w = [
        Status::Pass,
        Status::Fail,
        Status::NotApplicable,
        Status::Error,
        Status::Waived,
        Status::Baselined,
    ]
    .iter()
    .map(|s| width(i18n::status(lang, *s)))
    .chain([width(heads[2])])
    .max()
    .unwrap_or(6);
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(width(s))));
    let _ = writeln!(
        out,
        "{}  {}  {}  {}",
        pad(heads[0], id_w),
        pad(heads[1], level_w),
        pad(heads[2], status_w),
        heads[3]
    );
    for c in &evidence.controls {
        let status = pad(i18n::status(lang, c.status), status_w);
        let _ = writeln!(
            out,
            "{}  {}  {}  {}",
            pad(&c.id, id_w),
            pad(i18n::level(lang, c.level), level_w),
            paint(style, status_color(c.status), &status),
            c.title
        );
    }

    for c in evidence.controls.iter().filter(|c| super::troubled(c)) {
        out.push('\n');
        let _ = writeln!(
            out,
            "{} {} ({}, {})",
            paint(style, status_color(c.status), i18n::status(lang, c.status)),
            paint(style, BOLD, &c.id),
            i18n::level(lang, c.level),
            c.title
        );
        if let Some(reason) = &c.reason_in(lang == crate::render::Language::De) {
            let _ = writeln!(out, "  {reason}");
        }
        for f in &c.findings {
            let place = match (&f.path, f.line) {
                (Some(p), Some(l)) => format!("{p}:{l}: "),
                (Some(p), None) => format!("{p}: "),
                _ => String::new(),
            };
            let accepted = super::finding_text::accepted_note(f, lang)
                .map(|n| format!(" ({n})"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  - {place}{}{accepted} {}",
                super::finding_text::message_after_place(f, lang),
                paint(style, DIM, &format!("[{}]", f.code))
            );
        }
        for fix in super::finding_text::fixes(c, lang) {
            let _ = writeln!(out, "  {} {fix}", t(lang, "human.fix"));
        }
    }
    if !evidence.waivers.is_empty() {
        let _ = writeln!(out, "\n{}", paint(style, BOLD, t(lang, "waivers.heading")));
        for w in &evidence.waivers {
            let ticket = w.ticket.as_deref().or(w.link.as_deref()).unwrap_or("-");
            let _ = writeln!(
                out,
                "  {}",
                tf(
                    lang,
                    "human.waiver",
                    &[
                        ("id", &w.id),
                        ("control", &w.control),
                        ("state", &w.state),
                        ("created", &w.created),
                        ("expires", &w.expires),
                        ("approver", &w.approved_by),
                        ("ticket", ticket),
                        ("reason", &w.reason),
                    ]
                )
            );
        }
    }
    out.push('\n');
    out.push_str(&decision_line_escaped(evidence, style));
    out.push('\n');
    out
}

/// Under `--quiet` (the hooks): why a NO-GO blocks, in a few lines: each failing must control
/// (or, when only should controls fail under `--strict`, each failing should control) with its
/// first finding and first fix, then the command that shows everything. Empty unless NO-GO.
fn blocking(evidence: &Evidence, style: Style) -> String {
    let lang = style.lang;
    let mut out = String::new();
    if evidence.decision != crate::evidence::Decision::NoGo {
        return out;
    }
    let failing = |level: Level| -> Vec<&ControlResult> {
        evidence
            .controls
            .iter()
            .filter(|c| c.level == level && matches!(c.status, Status::Fail | Status::Error))
            .collect()
    };
    let mut blocking = failing(Level::Must);
    if blocking.is_empty() {
        blocking = failing(Level::Should);
    }
    for c in blocking {
        let open: Vec<_> = c
            .findings
            .iter()
            .filter(|f| f.suppressed.is_none())
            .collect();
        let first = match open.first() {
            Some(f) => {
                let place = match (&f.path, f.line) {
                    (Some(p), Some(l)) => format!("{p}:{l}: "),
                    (Some(p), None) => format!("{p}: "),
                    _ => String::new(),
                };
                format!(
                    "{place}{} {}",
                    super::finding_text::message_after_place(f, lang),
                    paint(style, DIM, &format!("[{}]", f.code))
                )
            }
            None => c
                .reason_in(lang == crate::render::Language::De)
                .map_or_else(|| c.title.clone(), |r| r.into_owned()),
        };
        let more = match open.len() {
            0 | 1 => String::new(),
            n => format!(
                " {}",
                tf(lang, "human.quiet-more", &[("n", &(n - 1).to_string())])
            ),
        };
        let _ = writeln!(
            out,
            "  {} {} ({}): {first}{more}",
            paint(style, status_color(c.status), i18n::status(lang, c.status)),
            paint(style, BOLD, &c.id),
            i18n::level(lang, c.level),
        );
        if let Some(fix) = super::finding_text::fixes(c, lang).first() {
            let _ = writeln!(out, "    {} {fix}", t(lang, "human.fix"));
        }
    }
    let _ = writeln!(
        out,
        "{}",
        tf(
            lang,
            "human.quiet-rest",
            &[("command", &rerun_command(evidence))]
        )
    );
    out
}

/// The `gonogo check` invocation that shows every finding of this check.
fn rerun_command(evidence: &Evidence) -> String {
    use crate::snapshot::SnapshotMode as M;
    let s = &evidence.subject;
    let mut cmd = String::from("gonogo check");
    match s.mode {
        M::Staged => cmd.push_str(" --staged"),
        M::Worktree => cmd.push_str(" --worktree"),
        M::Rev => {
            if let Some(r) = s.tag.as_deref().or(s.commit.as_deref().map(super::short)) {
                cmd.push_str(&format!(" --rev {r}"));
            }
        }
        M::Head | M::Directory => {}
    }
    // A staged check measures against HEAD by itself.
    if let Some(base) = s.base.as_ref().filter(|_| s.mode != M::Staged) {
        cmd.push_str(&format!(" --base {}", base.reference));
    }
    cmd.push_str(&format!(" --gate {}", evidence.gate.name));
    cmd
}
