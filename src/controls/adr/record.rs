//! One record read from the snapshot: its id, title, status, date and sections, with the
//! findings about that file alone.

use super::{Adr, Params, parse};
use crate::controls::files::unreadable;
use crate::controls::{Outcome, evidence_for};
use crate::evidence::messages::{Arg, args};
use crate::evidence::{Finding, Record};
use crate::snapshot::{Content, Snapshot};

pub(super) fn read_record(
    p: &Params,
    snap: &Snapshot,
    folder: usize,
    path: &str,
    spellings: &[String],
    out: &mut Outcome,
) -> Option<Adr> {
    let text = match snap.read(path) {
        Content::Text(t) => t,
        other => {
            out.findings
                .push(unreadable("adr/unreadable", path, &other));
            return None;
        }
    };
    let name = path.rsplit('/').next().unwrap_or(path);
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    let doc = if ext.eq_ignore_ascii_case("rst") {
        parse::parse_rst(&text)
    } else {
        parse::parse_markdown(&text)
    };
    if let Some(line) = doc.too_deep {
        // Not judged, so not passed: the control is ERROR, naming the file and line.
        if out.error.is_none() {
            let (key, args) = crate::controls::markdown::too_deep_args(path, line);
            out.fail_to_evaluate(key, args);
        }
        return None;
    }
    let file_id = parse::file_id(stem);
    let title_line = doc.title.as_ref().map_or(1, |t| t.1);
    let (title_num, title) = match &doc.title {
        Some((t, _)) => parse::title_number(t),
        None => (None, stem),
    };

    if let Some(e) = &doc.front_matter_error {
        out.findings.push(
            Finding::say(
                "adr/invalid-front-matter",
                args([("path", path.into()), ("error", (&e.reason).into())]),
            )
            .at(path, Some(e.line)),
        );
    }

    let id = match (&file_id, &doc.meta_id) {
        (Some(f), _) => f.id.clone(),
        (None, Some(m)) => m.clone(),
        (None, None) => {
            if p.check_ids {
                out.findings.push(
                    Finding::say("adr/missing-id", args([("path", path.into())]))
                        .at(path, Some(title_line)),
                );
            }
            stem.to_string()
        }
    };

    if p.check_title_number {
        let file_num = file_id.as_ref().and_then(|f| f.number);
        if let (Some(t), Some(f)) = (title_num, file_num)
            && t != f
        {
            out.findings.push(
                Finding::say(
                    "adr/title-number-mismatch",
                    args([
                        ("path", path.into()),
                        ("title", t.to_string().into()),
                        ("file", f.to_string().into()),
                    ]),
                )
                .at(path, Some(title_line)),
            );
        }
    }

    let read = doc
        .status
        .as_ref()
        .and_then(|s| parse::read_status(&s.raw, spellings, &p.vocabulary));
    let status_line = doc.status.as_ref().map(|s| s.line);
    if p.check_status
        && let Some(finding) = status_finding(p, path, read.as_ref(), status_line, title_line)
    {
        out.findings.push(finding);
    }
    let status = read.as_ref().map(|r| r.status.clone());
    let status_raw = read.map(|r| r.raw);
    match &doc.status {
        Some(f) => out.evidence.push(evidence_for(
            snap,
            path,
            Some(f.line),
            Some(&f.excerpt),
            format!(
                "status `{}` ({})",
                status.as_deref().unwrap_or("?"),
                doc.style.as_str()
            ),
        )),
        None => out.evidence.push(evidence_for(
            snap,
            path,
            Some(title_line),
            doc.title.as_ref().map(|t| t.0.as_str()),
            "no status",
        )),
    }

    let date = doc.date.as_ref().and_then(|d| parse::parse_date(&d.raw));
    let date = date.or(file_id.as_ref().and_then(|f| f.date));
    if p.check_date {
        match (&doc.date, date) {
            (Some(f), None) => out.findings.push(
                Finding::say(
                    "adr/invalid-date",
                    args([("path", path.into()), ("raw", (&f.raw).into())]),
                )
                .at(path, Some(f.line)),
            ),
            (None, None) => out.findings.push(
                Finding::say("adr/missing-date", args([("path", path.into())]))
                    .at(path, Some(title_line)),
            ),
            _ => {}
        }
    }
    if let (Some(f), Some(d)) = (&doc.date, date) {
        out.evidence.push(evidence_for(
            snap,
            path,
            Some(f.line),
            Some(&f.excerpt),
            format!("date {d}"),
        ));
    }

    for (name, names) in &p.sections {
        // "Decision: Log conventions" counts for Decision; a plural heading for its singular.
        let matches = |h: &String| {
            names.iter().any(|n| {
                h == n
                    || h.starts_with(&format!("{n} "))
                    || h.strip_suffix('s').is_some_and(|single| single == n)
            })
        };
        if !doc.headings.iter().any(|(h, _)| matches(h)) {
            out.findings.push(
                Finding::say(
                    "adr/missing-section",
                    args([("path", path.into()), ("section", name.to_string().into())]),
                )
                .at(path, Some(title_line)),
            );
        }
    }

    let record = Record {
        id,
        title: title.trim().to_string(),
        status: status.clone(),
        status_raw,
        date: date.map(|d| d.to_string()),
        path: path.to_string(),
        line: Some(status_line.unwrap_or(title_line)),
        style: doc.style.as_str().to_string(),
    };
    Some(Adr {
        folder,
        path: path.to_string(),
        file_id,
        supersedes: supersedes_lines(&text),
        doc,
        status,
        record,
    })
}

/// What is wrong with a record's status, if anything: none stated, a text that maps to no
/// status, or a status the playbook does not allow.
fn status_finding(
    p: &Params,
    path: &str,
    read: Option<&parse::StatusRead>,
    status_line: Option<u32>,
    title_line: u32,
) -> Option<Finding> {
    let line = status_line.unwrap_or(title_line);
    let finding = match read {
        None => Finding::say("adr/missing-status", args([("path", path.into())])),
        Some(r) if !r.known => Finding::say(
            "adr/unknown-status",
            args([("path", path.into()), ("status", (&r.raw).into())]),
        ),
        Some(r) if !p.allowed.contains(&r.status) => Finding::say(
            "adr/status-not-allowed",
            args([
                ("path", path.into()),
                ("status", (&r.status).into()),
                (
                    "allowed",
                    Arg::AnyOf {
                        any_of: p.allowed.clone(),
                    },
                ),
            ]),
        ),
        Some(_) => return None,
    };
    Some(finding.at(path, Some(line)))
}

/// Lines saying which record this one replaces: adr-tools' "Supersedes [1. …](0001-….md)",
/// "Replaces ADR-3", German "Ersetzt ADR-3" (not "Ersetzt durch", which is the other way).
fn supersedes_lines(text: &str) -> Vec<(String, u32)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            let lower = line.to_lowercase();
            lower.contains("supersedes")
                || lower.contains("supercedes")
                || lower.contains("replaces")
                || (lower.contains("ersetzt") && !lower.contains("ersetzt durch"))
        })
        .map(|(i, line)| (line.to_string(), i as u32 + 1))
        .collect()
}
