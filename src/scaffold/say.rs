//! What `gonogo fix` prints: the plan, what was written or refused, in English or German.

use super::write::Refused;
use super::{Plan, Planned};
use crate::render::i18n::{Language, t, tf};

/// The plan as a person reads it; with `written`, what happened to each artifact.
pub fn report(plan: &Plan, written: Option<&[Result<(), Refused>]>, lang: Language) -> String {
    let mut out = String::new();
    let line = |out: &mut String, s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(
        &mut out,
        tf(
            lang,
            "fix.checked",
            &[("gate", &plan.gate), ("n", &plan.failing.len().to_string())],
        ),
    );
    if plan.create.is_empty() {
        line(&mut out, t(lang, "fix.nothing").into());
    } else {
        match written {
            None => {
                line(&mut out, t(lang, "fix.would-create").into());
                for p in &plan.create {
                    line(&mut out, item(p, lang));
                }
            }
            Some(results) => {
                line(&mut out, t(lang, "fix.created").into());
                for (p, r) in plan.create.iter().zip(results) {
                    line(&mut out, outcome(p, r, lang));
                }
            }
        }
    }
    if !plan.unfixable.is_empty() {
        line(&mut out, t(lang, "fix.unfixable").into());
        for u in &plan.unfixable {
            let status = crate::render::i18n::status(lang, u.status);
            line(
                &mut out,
                tf(
                    lang,
                    "fix.unfixable-item",
                    &[
                        ("control", &u.control),
                        ("kind", &u.kind),
                        ("status", status),
                    ],
                ),
            );
        }
    }
    if plan.placeholder_contact
        && plan
            .create
            .iter()
            .any(|p| p.content.contains("contact@example.org"))
    {
        line(&mut out, t(lang, "fix.contact").into());
    }
    if !plan.create.is_empty() {
        line(&mut out, t(lang, "fix.next").into());
    }
    out
}

fn item(p: &Planned, lang: Language) -> String {
    tf(
        lang,
        "fix.item",
        &[("path", &p.path), ("controls", &p.controls.join(", "))],
    )
}

fn outcome(p: &Planned, r: &Result<(), Refused>, lang: Language) -> String {
    match r {
        Ok(()) => item(p, lang),
        Err(Refused::Exists) => tf(lang, "fix.refused-exists", &[("path", &p.path)]),
        Err(Refused::Outside) => tf(lang, "fix.refused-outside", &[("path", &p.path)]),
        Err(Refused::Link(l)) => tf(lang, "fix.refused-link", &[("path", &p.path), ("link", l)]),
        Err(Refused::Io(why)) => tf(lang, "fix.refused-io", &[("path", &p.path), ("why", why)]),
    }
}
