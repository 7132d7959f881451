//! `handover`: a handover document with the sections a receiving team needs — access (who grants
//! what, and no secrets in it), flows and interfaces, system boundaries, contacts (each with a
//! role and a way to reach them), backup and restore, exit and transition — in English or German.

mod params;
mod sections;

pub use params::{DEFAULT_FILES, Params};
pub use sections::{SECTIONS, Section};

use super::{CodeInfo, KindInfo, Outcome, ParamInfo, RunContext, evidence_for, line_of};
use crate::controls::markdown;
use crate::evidence::Finding;
use crate::evidence::messages::{Arg, args};
use crate::snapshot::{Content, Snapshot};

pub const KIND: KindInfo = KindInfo {
    name: "handover",
    summary: "A handover document with access, interfaces, system boundaries, contacts (role and reach), backup/restore and exit sections, and no secrets in it",
    params: &[
        ParamInfo {
            name: "files",
            ty: "[path]",
            default: "`docs/handover.md`, `HANDOVER.md`, `docs/HANDOVER.md`, `docs/uebergabe.md`, `docs/übergabe.md`",
            doc: "where the handover document may be; the first that exists counts",
        },
        ParamInfo {
            name: "required-sections",
            ty: "[string]",
            default: "all: `access`, `interfaces`, `boundaries`, `contacts`, `restore`, `exit`",
            doc: "the sections the document must have, by id; each is found by its English or German headings (Zugänge, Schnittstellen, Systemgrenzen, Ansprechpartner, Wiederherstellung, Exit)",
        },
        ParamInfo {
            name: "forbid-secrets",
            ty: "bool",
            default: "true",
            doc: "a secret-looking value anywhere in the document is a finding: a PEM private key, a token of a known shape, a password, key or token written after its name",
        },
        ParamInfo {
            name: "allow-empty-sections",
            ty: "bool",
            default: "false",
            doc: "let a required heading without text below it count",
        },
    ],
    codes: &[
        CodeInfo {
            code: "handover/missing",
            doc: "no handover document at any of `files`",
        },
        CodeInfo {
            code: "handover/unreadable",
            doc: "the document is binary, too large, a link or unreadable",
        },
        CodeInfo {
            code: "handover/missing-section",
            doc: "a required section has no heading",
        },
        CodeInfo {
            code: "handover/empty-section",
            doc: "a required section has a heading but no text",
        },
        CodeInfo {
            code: "handover/no-contacts",
            doc: "the contacts section lists nobody",
        },
        CodeInfo {
            code: "handover/contact-incomplete",
            doc: "a contact has no role, or no e-mail, phone or channel",
        },
        CodeInfo {
            code: "handover/secret",
            doc: "the document holds a secret-looking value",
        },
    ],
    compile: params::compile,
};

pub fn run(p: &Params, snap: &Snapshot, _ctx: &RunContext) -> Outcome {
    let mut out = Outcome::default();
    let Some(path) = p.files.iter().find(|f| snap.contains(f)) else {
        out.findings.push(Finding::say(
            "handover/missing",
            args([(
                "paths",
                Arg::AnyOf {
                    any_of: p.files.iter().map(|f| format!("`{f}`")).collect(),
                },
            )]),
        ));
        return out;
    };
    let path = path.as_str();
    let text = match snap.read(path) {
        Content::Text(t) => t,
        other => {
            out.findings.push(super::files::unreadable(
                "handover/unreadable",
                path,
                &other,
            ));
            return out;
        }
    };
    let (_, body_start) = markdown::front_matter(&text);
    let masked = markdown::mask_front_matter(&text, body_start);
    let outline = markdown::outline(&masked);
    if let Some(line) = outline.too_deep {
        out.error = Some(markdown::too_deep(path, line));
        return out;
    }
    for section in &p.required {
        let Some(i) = sections::find(&outline.headings, section) else {
            out.findings.push(
                Finding::say(
                    "handover/missing-section",
                    args([
                        ("path", path.into()),
                        ("section", section.id.into()),
                        (
                            "headings",
                            Arg::AnyOf {
                                any_of: section.headings.iter().map(|h| format!("`{h}`")).collect(),
                            },
                        ),
                    ]),
                )
                .at(path, None),
            );
            continue;
        };
        let h = &outline.headings[i];
        let body = markdown::section_body(&masked, &outline.headings, i);
        let at = |key: &str| {
            Finding::say(
                key,
                args([
                    ("path", path.into()),
                    ("line", h.line.into()),
                    ("heading", (&h.text).into()),
                ]),
            )
            .at(path, Some(h.line))
        };
        if !p.allow_empty_sections && blank(body) {
            out.findings.push(at("handover/empty-section"));
            continue;
        }
        out.evidence.push(evidence_for(
            snap,
            path,
            Some(h.line),
            Some(&h.text),
            format!("section `{}`", section.id),
        ));
        if section.id == "contacts" {
            let shift = line_of(&masked, h.span.end) - 1;
            check_contacts(path, body, shift, &mut out, at("handover/no-contacts"));
        }
    }
    if p.forbid_secrets {
        for s in sections::secrets(&masked) {
            out.findings.push(
                Finding::say(
                    &format!("handover/secret#{}", s.what),
                    args([("path", path.into()), ("line", s.line.into())]),
                )
                .at(path, Some(s.line)),
            );
        }
    }
    out
}

fn check_contacts(path: &str, body: &str, shift: u32, out: &mut Outcome, none: Finding) {
    let contacts = sections::contacts(body, shift);
    if contacts.is_empty() {
        out.findings.push(none);
        return;
    }
    for c in contacts {
        let variant = match (c.has_role, c.has_reach) {
            (true, true) => continue,
            (false, true) => "role",
            (true, false) => "reach",
            (false, false) => "both",
        };
        out.findings.push(
            Finding::say(
                &format!("handover/contact-incomplete#{variant}"),
                args([
                    ("path", path.into()),
                    ("line", c.line.into()),
                    ("contact", c.text.into()),
                ]),
            )
            .at(path, Some(c.line)),
        );
    }
}

/// Nothing but whitespace and HTML comments (template placeholders).
fn blank(body: &str) -> bool {
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
