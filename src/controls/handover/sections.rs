//! What a handover document is made of: its sections and the headings that name each (English
//! and German), the contacts of the contacts section, and values that look like secrets.

use std::sync::LazyLock;

use regex::Regex;

use crate::controls::keys::{Holds, judge};
use crate::controls::markdown::{self, heading_matches};
use crate::snapshot::Content;

/// One section of a handover document: its id (for `required-sections`) and the headings that
/// count for it, matched as whole words ignoring case.
#[derive(Debug)]
pub struct Section {
    pub id: &'static str,
    pub headings: &'static [&'static str],
}

/// The sections a handover document has, in the order the template writes them.
pub const SECTIONS: &[Section] = &[
    Section {
        id: "access",
        headings: &[
            "Access",
            "Accesses",
            "Permissions",
            "Zugänge",
            "Zugang",
            "Zugriffe",
            "Berechtigungen",
        ],
    },
    Section {
        id: "interfaces",
        headings: &[
            "Interfaces",
            "Flows",
            "Data flows",
            "Integrations",
            "Schnittstellen",
            "Datenflüsse",
            "Abläufe",
        ],
    },
    Section {
        id: "boundaries",
        headings: &[
            "System boundaries",
            "Boundaries",
            "Scope",
            "Systemgrenzen",
            "Systemgrenze",
            "Abgrenzung",
        ],
    },
    Section {
        id: "contacts",
        headings: &[
            "Contacts",
            "Contact",
            "Ansprechpartner",
            "Kontakte",
            "Kontakt",
        ],
    },
    Section {
        id: "restore",
        headings: &[
            "Backup",
            "Restore",
            "Recovery",
            "Wiederherstellung",
            "Datensicherung",
            "Sicherung",
        ],
    },
    Section {
        id: "exit",
        headings: &["Exit", "Transition", "Übergang", "Ausstieg", "Übergabe an"],
    },
];

/// The index of the first heading that names `section`.
pub fn find(headings: &[markdown::Heading], section: &Section) -> Option<usize> {
    headings
        .iter()
        .position(|h| section.headings.iter().any(|n| heading_matches(&h.text, n)))
}

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}").expect("static regex")
});
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\+?\d[\d \-/().]{6,}\d").expect("static regex"));
/// A channel: `#ops`, a Slack / Teams / Matrix mention, or a link.
static CHANNEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(^|\s)#[a-z0-9][a-z0-9_-]+|\b(slack|teams|matrix|mattermost|channel|kanal)\b|https?://\S+")
        .expect("static regex")
});

/// Whether a text says how to reach someone: an e-mail, a phone number or a channel.
pub fn reach(text: &str) -> bool {
    EMAIL.is_match(text) || PHONE.is_match(text) || CHANNEL.is_match(text)
}

/// One contact: its text and line, and whether it names a role and a way to reach them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub text: String,
    pub line: u32,
    pub has_role: bool,
    pub has_reach: bool,
}

/// Header words of a contacts table's role column.
const ROLE_HEADERS: &[&str] = &[
    "role",
    "rolle",
    "funktion",
    "function",
    "responsibility",
    "zuständigkeit",
];

/// The contacts of a contacts section: the rows of its table (a role column must be filled),
/// else its list items (`Name — Role — e-mail`: a role is a part beside the name and the reach).
/// `shift` is the line of the section's first line in the whole document, less one.
pub fn contacts(body: &str, shift: u32) -> Vec<Contact> {
    if let Some(t) = markdown::tables(body).into_iter().next() {
        let header = t.rows.first().cloned().unwrap_or_default();
        let role_col = header.iter().position(|h| {
            markdown::words(h)
                .iter()
                .any(|w| ROLE_HEADERS.contains(&w.as_str()))
        });
        return t
            .rows
            .iter()
            .zip(&t.lines)
            .skip(1)
            .filter(|(r, _)| r.iter().any(|c| !c.trim().is_empty()))
            .map(|(r, line)| Contact {
                text: r.join(" | "),
                line: shift + line,
                has_role: role_col
                    .and_then(|i| r.get(i))
                    .is_some_and(|c| !c.trim().is_empty() && c.trim() != "-"),
                has_reach: r.iter().any(|c| reach(c)),
            })
            .collect();
    }
    let mut out = Vec::new();
    for (n, line) in body.lines().enumerate() {
        let t = line.trim_start();
        let Some(item) = ["- ", "* ", "+ "].iter().find_map(|m| t.strip_prefix(m)) else {
            continue;
        };
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        let no_email = EMAIL.replace_all(item, "").into_owned();
        let no_phone = PHONE.replace_all(&no_email, "").into_owned();
        let rest = CHANNEL.replace_all(&no_phone, "").into_owned();
        let parts = rest
            .split(['—', '–', ',', '|', '(', ')', ':', ';'])
            .flat_map(|p| p.split(" - "))
            .filter(|p| p.chars().any(char::is_alphabetic))
            .count();
        out.push(Contact {
            text: item.to_string(),
            line: shift + n as u32 + 1,
            has_role: parts >= 2,
            has_reach: reach(item),
        });
    }
    out
}

/// Tokens whose shape gives them away, whatever the line around them says.
static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\b(AKIA[0-9A-Z]{16}",
        r"|gh[pousr]_[A-Za-z0-9]{36,}",
        r"|github_pat_[A-Za-z0-9_]{40,}",
        r"|glpat-[A-Za-z0-9_-]{20,}",
        r"|xox[abprs]-[A-Za-z0-9-]{10,}",
        r"|sk_live_[A-Za-z0-9]{20,}",
        r"|AIza[0-9A-Za-z_-]{35})\b"
    ))
    .expect("static regex")
});

/// `password: s3cr3t!`, `Passwort = …`, `api_key: …`, `token: …` with a value that is no
/// placeholder or pointer (`<…>`, `***`, `see vault`, `in 1Password`).
static ASSIGNED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(password|passwort|kennwort|passwd|pwd|secret|geheimnis|api[_ -]?key|token|client[_ -]?secret)\b\s*[:=]\s*`?([^\s`|]{6,})")
        .expect("static regex")
});

const POINTERS: &[&str] = &[
    "vault",
    "1password",
    "keepass",
    "bitwarden",
    "passbolt",
    "secret",
    "manager",
    "tresor",
    "siehe",
    "see",
    "stored",
    "abgelegt",
    "hinterlegt",
    "rotated",
    "rotiert",
    "kms",
    "keychain",
];

/// Whether an assigned value reads as a pointer or a placeholder rather than the secret itself.
fn placeholder(value: &str) -> bool {
    let lower = value.to_lowercase();
    value.starts_with(['<', '$', '{', '[', '(', '*'])
        || value
            .chars()
            .all(|c| matches!(c, '*' | 'x' | 'X' | '.' | '•'))
        || POINTERS.iter().any(|p| lower.contains(p))
        || lower.starts_with("http")
}

/// A value in the document that looks like a secret: its line and what it looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Secret {
    pub line: u32,
    pub what: &'static str,
}

/// Every line that holds something secret-looking: a PEM private key (judged as the `files`
/// control judges key files), a token of a known shape, or a password, key or token written
/// out after its name.
pub fn secrets(text: &str) -> Vec<Secret> {
    let mut out = Vec::new();
    if let Holds::PrivateKey { line, .. } = judge(&Content::Text(text.into())) {
        out.push(Secret {
            line,
            what: "private-key",
        });
    }
    for (n, line) in text.lines().enumerate() {
        let line_no = n as u32 + 1;
        if TOKEN.is_match(line) {
            out.push(Secret {
                line: line_no,
                what: "token",
            });
            continue;
        }
        if let Some(c) = ASSIGNED.captures(line)
            && !placeholder(&c[2])
        {
            out.push(Secret {
                line: line_no,
                what: "assigned",
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_looking_values_are_found_and_pointers_are_not() {
        let text = "# Access\n\npassword: hunter2hunter\nPasswort: siehe Vault\napi_key = <your key>\ntoken: `ghp_abcdefghijklmnopqrstuvwxyz0123456789`\nAWS: AKIAABCDEFGHIJKLMNOP\nsecret: ********\n";
        let found: Vec<(u32, &str)> = secrets(text).iter().map(|s| (s.line, s.what)).collect();
        assert_eq!(found, [(3, "assigned"), (6, "token"), (7, "token")]);
    }

    #[test]
    fn contacts_need_a_role_and_a_way_to_reach_them() {
        let list = "\n- Ana Lima — Product Owner — ana@example.com\n- Bo Berg, +49 30 1234567\n- Cy Chen (Operations) #ops-oncall\n- Dee\n";
        let c = contacts(list, 10);
        let got: Vec<(u32, bool, bool)> = c
            .iter()
            .map(|c| (c.line, c.has_role, c.has_reach))
            .collect();
        assert_eq!(
            got,
            [
                (12, true, true),
                (13, false, true),
                (14, true, true),
                (15, false, false)
            ]
        );
        let table = "\n| Name | Rolle | Erreichbar |\n|---|---|---|\n| Ana | PO | ana@example.com |\n| Bo | | 0301234567 |\n";
        let c = contacts(table, 0);
        let got: Vec<(u32, bool, bool)> = c
            .iter()
            .map(|c| (c.line, c.has_role, c.has_reach))
            .collect();
        assert_eq!(got, [(4, true, true), (5, false, true)]);
    }
}
