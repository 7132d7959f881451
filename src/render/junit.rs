//! JUnit XML (the Ant/Surefire dialect that GitLab and Jenkins read): one test suite per gate,
//! one test case per control; a failed control carries its findings in `<failure>`, a control that
//! could not be evaluated an `<error>`, one that did not apply, was waived or accepted by the
//! baseline `<skipped>` (and counted in `skipped`).

use std::fmt::Write;

use crate::evidence::{Evidence, Status};
use crate::render::i18n::{self, t, tf};

use super::Style;

pub fn render(evidence: &Evidence, style: Style) -> String {
    // Repository text is shown escaped (control and bidi characters as `\u{HEX}`).
    let evidence = &*crate::support::escape::strings(evidence);
    let lang = style.lang;
    let count = |s: Status| evidence.controls.iter().filter(|c| c.status == s).count();
    let (tests, failures, errors, skipped) = (
        evidence.controls.len(),
        count(Status::Fail),
        count(Status::Error),
        // Waived and baselined controls are accepted, not run to a verdict: skipped, like N/A.
        count(Status::NotApplicable) + count(Status::Waived) + count(Status::Baselined),
    );
    let gate = &evidence.gate.name;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"gonogo\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" time=\"0\">"
    );
    let timestamp = evidence
        .generated_at
        .as_deref()
        .map(|t| format!(" timestamp=\"{}\"", attr(t.trim_end_matches('Z'))))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\" time=\"0\"{timestamp} package=\"gonogo\">",
        attr(&format!("gonogo.{gate}"))
    );
    out.push_str("    <properties>\n");
    let mut props: Vec<(&str, String)> = vec![
        (
            "decision",
            super::decision_code(evidence.decision).to_string(),
        ),
        ("gate", gate.clone()),
        ("playbook", evidence.playbook.path.clone()),
        ("playbook.sha256", evidence.playbook.sha256.clone()),
    ];
    if let Some(policy) = &evidence.policy {
        props.push(("policy.source", policy.source.as_str().to_string()));
        if let Some(r) = &policy.reference {
            props.push(("policy.reference", r.clone()));
        }
        if let Some(c) = &policy.commit {
            props.push(("policy.commit", c.clone()));
        }
        props.push(("policy.trusted", policy.trusted.to_string()));
    }
    if let Some(c) = &evidence.subject.commit {
        props.push(("commit", c.clone()));
    }
    if let Some(r) = &evidence.subject.remote {
        props.push(("remote", r.clone()));
    }
    for (name, value) in props {
        let _ = writeln!(
            out,
            "      <property name=\"{}\" value=\"{}\"/>",
            attr(name),
            attr(&value)
        );
    }
    out.push_str("    </properties>\n");
    for c in &evidence.controls {
        let _ = write!(
            out,
            "    <testcase name=\"{}\" classname=\"{}\" time=\"0\"",
            attr(&format!("{}: {}", c.id, c.title)),
            attr(&format!("gonogo.{gate}.{}", c.kind)),
        );
        // A machine field: the level as the evidence writes it, in every language.
        let level = c.level.as_str();
        let mut body = String::new();
        for f in &c.findings {
            let place = match (&f.path, f.line) {
                (Some(p), Some(l)) => format!("{p}:{l}: "),
                (Some(p), None) => format!("{p}: "),
                _ => String::new(),
            };
            let _ = writeln!(
                body,
                "{place}{} [{}]",
                super::finding_text::message_after_place(f, lang),
                f.code
            );
        }
        for fix in super::finding_text::fixes(c, lang) {
            let _ = writeln!(body, "{} {fix}", t(lang, "human.fix"));
        }
        let first = c
            .findings
            .first()
            .map(|f| super::finding_text::message(f, lang).into_owned())
            .unwrap_or_else(|| c.title.clone());
        match c.status {
            Status::Pass => out.push_str("/>\n"),
            Status::Fail => {
                let _ = writeln!(
                    out,
                    ">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>",
                    attr(level),
                    attr(&first),
                    text(&body)
                );
            }
            Status::Error => {
                let reason = c
                    .reason_in(lang == crate::render::Language::De)
                    .unwrap_or_default()
                    .into_owned();
                let _ = writeln!(
                    out,
                    ">\n      <error type=\"{}\" message=\"{}\">{}</error>\n    </testcase>",
                    attr(level),
                    attr(&tf(lang, "issue.error", &[("reason", &reason)])),
                    text(&body)
                );
            }
            Status::Waived | Status::Baselined => {
                let accepted = i18n::status(lang, c.status);
                let _ = writeln!(
                    out,
                    ">\n      <skipped message=\"{}\"/>\n      <system-out>{}</system-out>\n    </testcase>",
                    attr(&format!("{accepted}: {first}")),
                    text(&body)
                );
            }
            Status::NotApplicable => {
                let reason = c
                    .reason_in(lang == crate::render::Language::De)
                    .unwrap_or_default()
                    .into_owned();
                let _ = writeln!(
                    out,
                    ">\n      <skipped message=\"{}\"/>\n    </testcase>",
                    attr(&tf(lang, "tool.not-applicable", &[("reason", &reason)]))
                );
            }
        }
    }
    let _ = writeln!(
        out,
        "    <system-out>{}</system-out>",
        text(&tf(
            lang,
            "tool.decision",
            &[
                ("gate", gate),
                ("decision", i18n::decision(lang, evidence.decision))
            ]
        ))
    );
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// Drops characters XML 1.0 cannot carry (control characters other than tab, LF, CR).
fn xml_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|&c| {
        matches!(c, '\t' | '\n' | '\r')
            || ('\u{20}'..='\u{D7FF}').contains(&c)
            || ('\u{E000}'..='\u{FFFD}').contains(&c)
            || c >= '\u{10000}'
    })
}

/// Escapes text content.
fn text(s: &str) -> String {
    let mut out = String::new();
    for c in xml_chars(s) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes an attribute value (quotes, and whitespace that attribute normalisation would eat).
fn attr(s: &str) -> String {
    let mut out = String::new();
    for c in xml_chars(s) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_is_escaped_and_invalid_characters_dropped() {
        assert_eq!(attr("a\"<&>'\n\u{1}"), "a&quot;&lt;&amp;&gt;&apos;&#10;");
        assert_eq!(text("x <y> & \u{0} z"), "x &lt;y&gt; &amp;  z");
    }
}
