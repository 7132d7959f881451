//! GitHub Actions workflow commands: one annotation per finding of a failed or errored control
//! (`::error` for must, `::warning` for should, `::notice` for may), then the decision.
//! GitHub shows only about ten annotations per step; the full table goes to the step summary,
//! which the CLI appends (the Markdown report) when `GITHUB_STEP_SUMMARY` is set.

use std::fmt::Write;

use crate::evidence::{Decision, Evidence};
use crate::playbook::Level;
use crate::render::i18n::{self, tf};

use super::Style;

pub fn render(evidence: &Evidence, style: Style) -> String {
    // Repository text is shown escaped (control and bidi characters as `\u{HEX}`).
    let evidence = &*crate::support::escape::strings(evidence);
    let lang = style.lang;
    let mut out = String::new();
    for issue in super::issues::open_issues(evidence, lang) {
        let c = issue.control;
        let command = match c.level {
            Level::Must => "error",
            Level::Should => "warning",
            Level::May => "notice",
        };
        let mut props = Vec::new();
        if let Some(place) = &issue.place {
            props.push(format!("file={}", property(&place.path)));
            if let Some(line) = place.line.filter(|l| *l > 0) {
                props.push(format!("line={line}"));
            }
        }
        props.push(format!(
            "title={}",
            property(&format!(
                "{} ({}): {}",
                c.id,
                i18n::level(lang, c.level),
                c.title
            ))
        ));
        let _ = writeln!(
            out,
            "::{command} {}::{}",
            props.join(","),
            data(&format!("{} [{}]", issue.message, issue.code))
        );
    }
    let command = match evidence.decision {
        Decision::Go => "notice",
        Decision::GoWithConditions => "warning",
        Decision::NoGo => "error",
    };
    let decision = tf(
        lang,
        "tool.decision",
        &[
            ("gate", &evidence.gate.name),
            ("decision", i18n::decision(lang, evidence.decision)),
        ],
    );
    let _ = writeln!(
        out,
        "::{command} title={}::{}",
        property(&decision),
        data(&super::markdown::explain(evidence, lang))
    );
    out
}

/// Escapes a command's message: `%`, CR, LF.
pub fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value: as [`data`], plus `:` and `,`.
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_escaped() {
        assert_eq!(data("50% done\r\nnext: a,b"), "50%25 done%0D%0Anext: a,b");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
