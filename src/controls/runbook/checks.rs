//! The checks of one runbook file: readable, valid front matter, the required sections, and an
//! owner or contact.

use std::sync::LazyLock;

use regex::Regex;

use super::{Params, line_text, quoted};
use crate::controls::markdown::{self, FrontMatter, Meta};
use crate::controls::{Outcome, RunContext, evidence_for, line_at, line_of};
use crate::evidence::Finding;
use crate::evidence::messages::{Arg, args};
use crate::snapshot::{Content, Snapshot};

static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    // A constant pattern, covered by the unit tests; it cannot fail at run time.
    Regex::new(
        r"(?i)[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+|(^|[\s(\[])@[a-z0-9][a-z0-9._/-]*|(https?|mailto):[^\s)>\]]+",
    )
    .expect("valid contact regex")
});

/// Checks one runbook; returns whether a review date needs the as-of date.
pub(super) fn check_runbook(
    p: &Params,
    snap: &Snapshot,
    ctx: &RunContext,
    path: &str,
    note: &str,
    out: &mut Outcome,
) -> bool {
    let text = match snap.read(path) {
        Content::Text(t) => t,
        other => {
            out.findings.push(crate::controls::files::unreadable(
                "runbook/unreadable",
                path,
                &other,
            ));
            return false;
        }
    };
    out.evidence
        .push(evidence_for(snap, path, None, None, note.to_string()));
    let (fm, body) = markdown::front_matter(&text);
    let fm = match fm {
        Some(Err(e)) => {
            out.findings.push(
                Finding::say(
                    "runbook/invalid-front-matter",
                    args([("why", (&e.reason).into())]),
                )
                .at(path, Some(e.line)),
            );
            None
        }
        Some(Ok(fm)) => Some(fm),
        None => Some(FrontMatter::default()),
    };
    let masked = markdown::mask_front_matter(&text, body);
    let outline = markdown::outline(&masked);
    if let Some(line) = outline.too_deep {
        // Not judged, so not passed: the control is ERROR, naming the file and line.
        if out.error.is_none() {
            let (key, args) = markdown::too_deep_args(path, line);
            out.fail_to_evaluate(key, args);
        }
        return false;
    }

    for section in &p.sections {
        let found = outline.headings.iter().enumerate().find(|(_, h)| {
            section
                .aliases
                .iter()
                .any(|a| markdown::heading_matches(&h.text, a))
        });
        match found {
            None => {
                let name = ("section", Arg::from(&section.name));
                let f = if section.aliases.len() > 1 {
                    Finding::say(
                        "runbook/missing-section#aliases",
                        args([name, ("aliases", quoted(&section.aliases[1..]).into())]),
                    )
                } else {
                    Finding::say("runbook/missing-section", args([name]))
                };
                out.findings.push(f.at(path, None));
            }
            Some((i, h)) => {
                let line = line_at(&masked, h.span.start);
                out.evidence.push(evidence_for(
                    snap,
                    path,
                    Some(h.line),
                    Some(line),
                    format!("section `{}`", section.name),
                ));
                if !p.allow_empty_sections
                    && is_blank(markdown::section_body(&masked, &outline.headings, i))
                {
                    out.findings.push(
                        Finding::say(
                            "runbook/empty-section",
                            args([("section", h.text.as_str().into())]),
                        )
                        .at(path, Some(h.line)),
                    );
                }
            }
        }
    }

    let Some(fm) = fm else { return false };
    if p.require_owner && !has_owner(p, snap, path, &text, &masked, &outline, &fm, out) {
        out.findings.push(
            Finding::say(
                "runbook/no-owner",
                args([
                    ("keys", quoted(&p.owner_keys).into()),
                    ("sections", quoted(&p.contact_sections).into()),
                ]),
            )
            .at(path, None),
        );
    }
    super::review::check_review(p, snap, ctx, path, &text, &fm, out)
}

/// Nothing but whitespace and HTML comments (template placeholders).
fn is_blank(body: &str) -> bool {
    let mut rest = body;
    while let Some(start) = rest.find("<!--") {
        if !rest[..start].trim().is_empty() {
            return false;
        }
        rest = match rest[start..].find("-->") {
            Some(end) => &rest[start + end + 3..],
            None => "",
        };
    }
    rest.trim().is_empty()
}

#[allow(clippy::too_many_arguments)]
fn has_owner(
    p: &Params,
    snap: &Snapshot,
    path: &str,
    text: &str,
    masked: &str,
    outline: &markdown::Outline,
    fm: &FrontMatter,
    out: &mut Outcome,
) -> bool {
    for key in &p.owner_keys {
        if let Some(value) = fm.get(key).map(Meta::as_text)
            && !value.trim().is_empty()
        {
            let line = fm.lines.get(&key.to_ascii_lowercase()).copied();
            let excerpt = line.and_then(|l| line_text(text, l));
            out.evidence.push(evidence_for(
                snap,
                path,
                line,
                excerpt,
                format!("owner in front matter `{key}`"),
            ));
            return true;
        }
    }
    for (i, h) in outline.headings.iter().enumerate() {
        if !p
            .contact_sections
            .iter()
            .any(|c| markdown::heading_matches(&h.text, c))
        {
            continue;
        }
        let body = markdown::section_body(masked, &outline.headings, i);
        if let Some(m) = CONTACT.find(body) {
            let offset = h.span.end + m.start() + (m.len() - m.as_str().trim_start().len());
            out.evidence.push(evidence_for(
                snap,
                path,
                Some(line_of(masked, offset)),
                Some(line_at(masked, offset)),
                format!("contact under `{}`", h.text),
            ));
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_are_mails_handles_and_links() {
        for s in [
            "Page oncall@example.com",
            "Ask @payments-team in Slack",
            "See https://wiki.example.com/oncall",
            "[Slack](https://slack.example.com/c/pay)",
            "mailto:team@example.org",
        ] {
            assert!(CONTACT.is_match(s), "{s}");
        }
        for s in ["Ask the team", "email me", "user@localhost"] {
            assert!(!CONTACT.is_match(s), "{s}");
        }
    }

    #[test]
    fn comments_and_whitespace_are_blank() {
        assert!(is_blank("\n\n<!-- describe the rollback -->\n  \n"));
        assert!(is_blank(""));
        assert!(!is_blank("<!-- x -->\nRun `kubectl rollout undo`.\n"));
        assert!(!is_blank("text<!-- x"));
    }
}
