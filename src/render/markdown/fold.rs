//! Reports that fit where they go: a pull-request comment holds 65,536 characters, a GitHub step
//! summary 1 MiB (larger ones are dropped whole). Over its budget, the Markdown report folds
//! details, the least severe first: every failed or errored control keeps its heading and fix
//! (must before should before may, then waived ones), then findings are added in that order,
//! each control's first findings first; what does not fit is counted in an "… and N more"
//! line that names the command and the reports that show everything, and a note under the
//! table of controls says that the report is shortened. Tables after the findings (decision
//! logs, waivers, roles, warnings) keep their first rows while they fit.

use std::fmt::Write;

use crate::evidence::{ControlResult, Status};
use crate::playbook::Level;
use crate::render::i18n::{Language, t, tf};

/// One failed, errored or waived control's part of the findings section.
pub(super) struct ControlBlock<'a> {
    pub control: &'a ControlResult,
    /// Its heading line and reason.
    pub head: String,
    /// One line per finding, each ending in a newline.
    pub findings: Vec<String>,
    /// Its fix lines.
    pub fixes: String,
}

/// A section after the findings: a heading (and table header), then rows.
pub(super) struct Section {
    pub head: String,
    pub rows: Vec<String>,
}

/// The report in parts, in the order they are written.
pub(super) struct Parts<'a> {
    /// Heading, facts and the table of controls.
    pub head: String,
    pub findings_heading: String,
    pub blocks: Vec<ControlBlock<'a>>,
    pub sections: Vec<Section>,
    pub footer: String,
}

/// Room kept free for what escaping may add to the text after it is assembled.
const MARGIN: usize = 256;

/// The report, whole when it fits `limit` (or there is none), else folded to fit.
pub(super) fn assemble(parts: Parts, limit: Option<usize>, lang: Language) -> String {
    let whole = Keep::all(&parts);
    let text = write(&parts, &whole, None, lang);
    match limit {
        Some(limit) if text.len() > limit => {
            let keep = choose(&parts, limit.saturating_sub(MARGIN), lang);
            let (findings, rows) = keep.hidden(&parts);
            let note = tf(
                lang,
                "report.folded",
                &[
                    ("limit", &limit.to_string()),
                    ("findings", &findings.to_string()),
                    ("rows", &rows.to_string()),
                ],
            );
            fit(write(&parts, &keep, Some(&note), lang), limit, lang)
        }
        _ => text,
    }
}

/// A last guard for any Markdown text: over `limit`, it is cut at a line end and says so.
pub(crate) fn fit(text: String, limit: usize, lang: Language) -> String {
    if text.len() <= limit {
        return text;
    }
    let tail = format!("\n\n> {}\n", t(lang, "report.cut"));
    let mut end = limit.saturating_sub(tail.len());
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    let end = text[..end].rfind('\n').unwrap_or(0);
    let mut out = text[..end].to_string();
    out.push_str(&tail);
    out
}

/// What of each part is written.
struct Keep {
    /// Per block: whether it is shown, and how many of its findings.
    blocks: Vec<Option<usize>>,
    /// Per section: whether it is shown, and how many of its rows.
    sections: Vec<Option<usize>>,
}

impl Keep {
    fn all(parts: &Parts) -> Keep {
        Keep {
            blocks: parts
                .blocks
                .iter()
                .map(|b| Some(b.findings.len()))
                .collect(),
            sections: parts.sections.iter().map(|s| Some(s.rows.len())).collect(),
        }
    }

    /// Findings and rows not written.
    fn hidden(&self, parts: &Parts) -> (usize, usize) {
        let findings = parts
            .blocks
            .iter()
            .zip(&self.blocks)
            .map(|(b, k)| b.findings.len() - k.unwrap_or(0))
            .sum();
        let rows = parts
            .sections
            .iter()
            .zip(&self.sections)
            .map(|(s, k)| s.rows.len() - k.unwrap_or(0))
            .sum();
        (findings, rows)
    }
}

/// Most severe first: failing or errored before waived, then must, should, may; report order
/// among equals.
fn priority(c: &ControlResult) -> (u8, Level) {
    let accepted = matches!(c.status, Status::Waived | Status::Baselined);
    (u8::from(accepted), c.level)
}

fn more_findings(n: usize, lang: Language) -> String {
    format!(
        "- {}\n",
        tf(lang, "report.fold-findings", &[("n", &n.to_string())])
    )
}

fn more_rows(n: usize, lang: Language) -> String {
    format!(
        "\n_{}_\n",
        tf(lang, "report.fold-rows", &[("n", &n.to_string())])
    )
}

fn more_controls(n: usize, lang: Language) -> String {
    format!(
        "\n{}\n",
        tf(lang, "report.fold-controls", &[("n", &n.to_string())])
    )
}

/// Chooses what fits `budget` bytes, most severe first.
fn choose(parts: &Parts, budget: usize, lang: Language) -> Keep {
    let total: usize = parts.blocks.iter().map(|b| b.findings.len()).sum::<usize>()
        + parts.sections.iter().map(|s| s.rows.len()).sum::<usize>();
    // The note and the fold lines are reserved at their longest (the largest count).
    let note = tf(
        lang,
        "report.folded",
        &[
            ("limit", &budget.to_string()),
            ("findings", &total.to_string()),
            ("rows", &total.to_string()),
        ],
    )
    .len()
        + 8;
    let mut used = parts.head.len() + parts.footer.len() + note;
    if !parts.blocks.is_empty() {
        used += parts.findings_heading.len() + more_controls(total, lang).len();
    }
    let mut keep = Keep {
        blocks: vec![None; parts.blocks.len()],
        sections: vec![None; parts.sections.len()],
    };
    let mut order: Vec<usize> = (0..parts.blocks.len()).collect();
    order.sort_by_key(|&i| priority(parts.blocks[i].control));

    // Every control's heading and fix first, as long as they fit, most severe first.
    for &i in &order {
        let b = &parts.blocks[i];
        let fold = if b.findings.is_empty() {
            0
        } else {
            more_findings(b.findings.len(), lang).len()
        };
        let cost = b.head.len() + b.fixes.len() + fold;
        if used + cost > budget {
            break;
        }
        used += cost;
        keep.blocks[i] = Some(0);
    }
    // Then the findings, in the same order, each control's first findings first.
    'findings: for &i in &order {
        let Some(kept) = keep.blocks[i].as_mut() else {
            break;
        };
        let b = &parts.blocks[i];
        for f in &b.findings {
            if used + f.len() > budget {
                break 'findings;
            }
            used += f.len();
            *kept += 1;
        }
        // All of them fit: no fold line.
        if !b.findings.is_empty() {
            used -= more_findings(b.findings.len(), lang).len();
        }
    }
    // Then the sections after the findings, in order, their first rows first.
    for (i, s) in parts.sections.iter().enumerate() {
        let cost = s.head.len() + more_rows(s.rows.len(), lang).len();
        if used + cost > budget {
            break;
        }
        used += cost;
        let mut kept = 0;
        for row in &s.rows {
            if used + row.len() > budget {
                break;
            }
            used += row.len();
            kept += 1;
        }
        keep.sections[i] = Some(kept);
        if kept < s.rows.len() {
            break;
        }
    }
    keep
}

/// Writes the parts as `keep` says, with the fold `note` under the head.
fn write(parts: &Parts, keep: &Keep, note: Option<&str>, lang: Language) -> String {
    let mut out = parts.head.clone();
    if let Some(note) = note {
        let _ = writeln!(out, "\n> ⚠️ {note}");
    }
    if !parts.blocks.is_empty() {
        out.push_str(&parts.findings_heading);
        let mut hidden_controls = 0;
        for (b, k) in parts.blocks.iter().zip(&keep.blocks) {
            let Some(kept) = *k else {
                hidden_controls += 1;
                continue;
            };
            out.push_str(&b.head);
            for f in &b.findings[..kept] {
                out.push_str(f);
            }
            if kept < b.findings.len() {
                out.push_str(&more_findings(b.findings.len() - kept, lang));
            }
            out.push_str(&b.fixes);
        }
        if hidden_controls > 0 {
            out.push_str(&more_controls(hidden_controls, lang));
        }
    }
    for (s, k) in parts.sections.iter().zip(&keep.sections) {
        let Some(kept) = *k else { continue };
        out.push_str(&s.head);
        for row in &s.rows[..kept] {
            out.push_str(row);
        }
        if kept < s.rows.len() {
            out.push_str(&more_rows(s.rows.len() - kept, lang));
        }
    }
    out.push_str(&parts.footer);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_at_a_line_end_and_says_so() {
        let text = "line one\nline two é\nline three\n".repeat(10);
        let out = fit(text.clone(), 120, Language::En);
        assert!(out.len() <= 120, "{}", out.len());
        assert!(out.ends_with(&format!("> {}\n", t(Language::En, "report.cut"))));
        assert_eq!(fit(text.clone(), 10_000, Language::En), text);
    }
}
