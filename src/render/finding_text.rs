//! What reports print for a finding and a control: the message beside its location, the fix
//! lines that fit the findings, and when the evidence was made.

use crate::evidence::{ControlResult, Evidence, Finding, Status};
use crate::render::i18n::{self, Language};

/// A finding's message in the reader's language.
pub(crate) fn message(f: &Finding, lang: Language) -> std::borrow::Cow<'_, str> {
    f.message_in(lang == Language::De)
}

/// A finding's message for a line that already shows its location: without the path (and
/// line) it begins with, so "a.md:3: a.md: no status" reads "a.md:3: no status". The evidence
/// keeps the whole sentence, for readers of the JSON alone.
pub(crate) fn message_after_place(f: &Finding, lang: Language) -> String {
    let whole = message(f, lang);
    match f.path.as_deref().filter(|p| !p.is_empty()) {
        Some(path) => after_path(&whole, path).to_string(),
        None => whole.into_owned(),
    }
}

fn after_path<'a>(message: &'a str, path: &str) -> &'a str {
    let Some(rest) = message.strip_prefix(path) else {
        return message;
    };
    // `path:12` or `path:12:`; a colon not followed by a line number is a separator.
    let rest = match rest.strip_prefix(':') {
        Some(after) => after.trim_start_matches(|c: char| c.is_ascii_digit()),
        None => rest,
    };
    let rest = rest.strip_prefix(':').unwrap_or(rest).trim_start();
    // Only a cut at a word boundary: `a.md` must not be cut from `a.md.bak`.
    let at_boundary =
        message.len() > path.len() && matches!(message.as_bytes()[path.len()], b':' | b' ');
    if at_boundary && !rest.is_empty() {
        rest
    } else {
        message
    }
}

/// The fix lines of a control a reader must act on: each finding's own fix once, and the
/// control's remediation where a finding has none of its own (or there is no finding).
pub(crate) fn fixes(c: &ControlResult, lang: Language) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut needs_remediation = c.findings.is_empty() && c.status != Status::Error;
    for f in &c.findings {
        let fix = f
            .fix
            .as_deref()
            .map(|fix| crate::controls::fixes::localized(&f.code, fix, lang == Language::De));
        match fix {
            Some(fix) if !out.contains(&fix) => out.push(fix),
            Some(_) => {}
            None => needs_remediation = true,
        }
    }
    if needs_remediation && let Some(r) = c.remediation.as_deref() {
        out.insert(0, r);
    }
    out
}

/// A control's first finding (else why it was not evaluated) and "(+N more)" when it has more,
/// for a summary that gives each control one line.
pub(crate) fn first_and_more(c: &ControlResult, lang: Language) -> (String, String) {
    let first = c
        .findings
        .first()
        .map(|f| message(f, lang).into_owned())
        .or(c.reason_in(lang == Language::De).map(|r| r.into_owned()))
        .unwrap_or_default();
    let more = if c.findings.len() > 1 {
        format!(
            " {}",
            i18n::tf(
                lang,
                "summary.risk-more",
                &[("n", &(c.findings.len() - 1).to_string())]
            )
        )
    } else {
        String::new()
    };
    (first, more)
}

/// When the evidence was made, and whether that is when the check ran or a pinned time.
pub(crate) fn generated(evidence: &Evidence, lang: Language) -> Option<String> {
    let at = evidence.generated_at.as_deref()?;
    Some(match evidence.generated_from {
        Some(crate::evidence::GeneratedFrom::Clock) => {
            i18n::tf(lang, "report.generated-clock", &[("at", at)])
        }
        Some(crate::evidence::GeneratedFrom::SourceDateEpoch) => {
            i18n::tf(lang, "report.generated-pinned", &[("at", at)])
        }
        None => at.to_string(),
    })
}

/// Why a finding does not count, for people: "waived by W-1", "already in the baseline".
pub(crate) fn accepted_note(f: &Finding, lang: Language) -> Option<String> {
    let s = f.suppressed.as_ref()?;
    Some(if s.by == "waiver" {
        i18n::tf(lang, "waivers.suppressed", &[("reference", &s.reference)])
    } else {
        i18n::t(lang, "baseline.suppressed").to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(message: &str, path: Option<&str>, line: Option<u32>) -> Finding {
        let f = Finding::new("x/y", message);
        match path {
            Some(p) => f.at(p, line),
            None => f,
        }
    }

    #[test]
    fn the_location_a_line_shows_is_not_repeated_in_the_message() {
        let cases = [
            (
                "a.md: status `X` is unknown",
                Some("a.md"),
                "status `X` is unknown",
            ),
            (
                "README.md:6 matches `TODO`",
                Some("README.md"),
                "matches `TODO`",
            ),
            (
                "CODEOWNERS:8: `bob` is no owner",
                Some("CODEOWNERS"),
                "`bob` is no owner",
            ),
            ("a.md states no date", Some("a.md"), "states no date"),
            // Not at a word boundary, not the finding's path, or nothing left: unchanged.
            ("a.md.bak is old", Some("a.md"), "a.md.bak is old"),
            ("b.md links to a.md", Some("a.md"), "b.md links to a.md"),
            ("a.md", Some("a.md"), "a.md"),
            ("no file matches `X`", None, "no file matches `X`"),
        ];
        for (message, path, shown) in cases {
            assert_eq!(
                message_after_place(&at(message, path, Some(3)), Language::En),
                shown
            );
        }
    }

    #[test]
    fn each_fix_is_printed_once_and_the_remediation_only_where_a_finding_needs_it() {
        let control = |findings: Vec<Finding>| ControlResult {
            id: "c".into(),
            kind: "files".into(),
            level: crate::playbook::Level::Must,
            title: "X exists".into(),
            rationale: None,
            remediation: Some("Add X.".into()),
            tags: Vec::new(),
            status: Status::Fail,
            defined_at: "p.toml:1:1".into(),
            reason: None,
            reason_said: None,
            de: None,
            findings,
            evidence: Vec::new(),
            records: Vec::new(),
            risks: None,
        };
        let own = |m: &str| Finding::new("x/y", m).fix("Fill X.");
        let fixes_en = |c: &ControlResult| {
            fixes(c, Language::En)
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(fixes_en(&control(vec![own("a"), own("b")])), ["Fill X."]);
        assert_eq!(
            fixes_en(&control(vec![own("a"), Finding::new("x/missing", "b")])),
            ["Add X.", "Fill X."]
        );
        assert_eq!(fixes_en(&control(Vec::new())), ["Add X."]);
    }
}
