//! Who is named as an owner elsewhere in the repository — runbook owners, ADR deciders,
//! CODEOWNERS owners — and whether each belongs to a playbook role, so that the roles stay the
//! one list of who is accountable.

use std::collections::BTreeSet;

use super::Params;
use crate::controls::codeowners;
use crate::controls::markdown::{self, Meta, words};
use crate::controls::ownership::{FlavorParam, resolve_flavor};
use crate::playbook::roles::is_member;
use crate::playbook::schema::Role;
use crate::snapshot::{Content, Snapshot};

/// Where an owner was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Runbook,
    Adr,
    Codeowners,
    Risks,
}

impl Source {
    /// The message variant of the finding for this source.
    pub fn variant(self) -> &'static str {
        match self {
            Source::Runbook => "runbook",
            Source::Adr => "adr",
            Source::Codeowners => "codeowners",
            Source::Risks => "risks",
        }
    }
}

/// One owner as written, where it was written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Named {
    pub path: String,
    pub line: Option<u32>,
    pub owner: String,
    pub source: Source,
}

/// Front matter keys of a runbook that name its owner (not channels such as `owner_slack`).
const RUNBOOK_OWNER_KEYS: &[&str] = &["owner", "owners", "team"];

/// File names in an ADR folder that are no records.
const NOT_RECORDS: &[&str] = &["template", "readme", "index", "backlog"];

/// Every owner named in runbooks, ADRs and CODEOWNERS, each once per file.
pub fn named(p: &Params, snap: &Snapshot) -> Vec<Named> {
    let mut out = BTreeSet::new();
    for path in snap.paths() {
        let runbook = p.runbooks.is_match(path);
        let adr = p.adrs.is_match(path) && !reserved(path);
        if !runbook && !adr {
            continue;
        }
        let Content::Text(text) = snap.read(path) else {
            continue;
        };
        if runbook {
            runbook_owners(path, &text, &mut out);
        }
        if adr {
            let doc = crate::controls::adr::parse::parse_markdown(&text);
            if let Some(f) = doc.deciders {
                for owner in split(&f.raw) {
                    out.insert(named_at(path, Some(f.line), owner, Source::Adr));
                }
            }
        }
    }
    codeowners_owners(snap, &mut out);
    if let Some(path) = &p.risks {
        risk_owners(snap, path, &mut out);
    }
    out.into_iter().collect()
}

fn reserved(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_lowercase();
    NOT_RECORDS.iter().any(|r| name.starts_with(r))
}

fn named_at(path: &str, line: Option<u32>, owner: String, source: Source) -> Named {
    Named {
        path: path.to_string(),
        line,
        owner,
        source,
    }
}

fn runbook_owners(path: &str, text: &str, out: &mut BTreeSet<Named>) {
    let (Some(Ok(fm)), _) = markdown::front_matter(text) else {
        return;
    };
    for key in RUNBOOK_OWNER_KEYS {
        let Some(value) = fm.get(key) else { continue };
        let line = fm.lines.get(*key).copied();
        let items = match value {
            Meta::List(items) => items.iter().flat_map(|i| split(i)).collect::<Vec<_>>(),
            Meta::Text(t) => split(t),
        };
        for owner in items {
            out.insert(named_at(path, line, owner, Source::Runbook));
        }
    }
}

fn codeowners_owners(snap: &Snapshot, out: &mut BTreeSet<Named>) {
    let flavor = resolve_flavor(FlavorParam::Auto, snap);
    let Some(path) = flavor.locations().iter().find(|l| snap.contains(l)) else {
        return;
    };
    let Content::Text(text) = snap.read(path) else {
        return;
    };
    let parsed = codeowners::parse(&text, flavor);
    let mut seen = BTreeSet::new();
    for rule in &parsed.rules {
        for owner in &rule.owners {
            // GitLab's `@@maintainer` names a project role, not a person or team.
            if owner.starts_with("@@") || !seen.insert(owner.to_lowercase()) {
                continue;
            }
            out.insert(named_at(
                path,
                Some(rule.line),
                owner.clone(),
                Source::Codeowners,
            ));
        }
    }
}

/// Header words of the register's owner column (the shared register format).
const OWNER_HEADERS: &[&str] = &[
    "owner",
    "verantwortlich",
    "verantwortliche",
    "verantwortlicher",
];

/// The owner of every row of the risk register's table (`ID | Title | … | Owner | …`).
fn risk_owners(snap: &Snapshot, path: &str, out: &mut BTreeSet<Named>) {
    let Content::Text(text) = snap.read(path) else {
        return;
    };
    for table in markdown::tables(&text) {
        let Some(col) = table.rows.first().and_then(|h| {
            h.iter()
                .position(|c| OWNER_HEADERS.contains(&c.trim().to_lowercase().as_str()))
        }) else {
            continue;
        };
        for (row, line) in table.rows.iter().zip(&table.lines).skip(1) {
            for owner in row.get(col).map(|c| split(c)).unwrap_or_default() {
                out.insert(named_at(path, Some(*line), owner, Source::Risks));
            }
        }
        return;
    }
}

/// The names in one value: `Ana, Bo and Cy`, `Ana; Bo`, `Ana und Bo`.
fn split(value: &str) -> Vec<String> {
    value
        .split([',', ';', '&'])
        .flat_map(|part| part.split(" and ").flat_map(|p| p.split(" und ")))
        .map(|s| s.trim().trim_matches(['*', '_', '`', '"', '\'']).trim())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The role a text names: its words are a role's name (`Release Manager` = `release-manager`),
/// or, failing that, the one role whose name's words stand in it (`Product Owner (PO)`).
pub fn role_named<'r>(text: &str, roles: &'r [Role]) -> Option<&'r Role> {
    let w = words(text);
    if let Some(r) = roles.iter().find(|r| words(&r.name) == w) {
        return Some(r);
    }
    let mut within = roles
        .iter()
        .filter(|r| markdown::heading_matches(text, &r.name));
    match (within.next(), within.next()) {
        (Some(r), None) => Some(r),
        _ => None,
    }
}

/// Whether an owner as written is a role or a member of one: a role's name (`@acme/platform`
/// names the team `platform`), a member's name or e-mail (`Ana Lima <ana@example.com>`), or a
/// member's GitHub or GitLab handle (`@ana`).
pub fn in_a_role(owner: &str, roles: &[Role]) -> bool {
    let handle = owner.strip_prefix('@').unwrap_or(owner);
    let team = handle.rsplit('/').next().unwrap_or(handle);
    if roles.iter().any(|r| words(&r.name) == words(team)) {
        return true;
    }
    roles.iter().flat_map(|r| &r.members).any(|m| {
        is_member(m, owner)
            || (owner.starts_with('@')
                && [&m.github, &m.gitlab]
                    .into_iter()
                    .flatten()
                    .any(|h| h.trim_start_matches('@').eq_ignore_ascii_case(handle)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playbook::schema::Member;

    fn role(name: &str, members: &[(&str, Option<&str>, Option<&str>)]) -> Role {
        Role {
            name: name.into(),
            description: None,
            members: members
                .iter()
                .map(|(n, e, gh)| Member {
                    name: (*n).into(),
                    email: e.map(Into::into),
                    github: gh.map(Into::into),
                    ..Member::default()
                })
                .collect(),
            may_waive: Vec::new(),
        }
    }

    #[test]
    fn owners_are_roles_members_or_their_handles() {
        let roles = [
            role(
                "platform-team",
                &[("Ana Lima", Some("ana@example.com"), Some("ana-l"))],
            ),
            role("Product Owner", &[]),
        ];
        assert!(in_a_role("@acme/platform-team", &roles));
        assert!(in_a_role("Platform Team", &roles));
        assert!(in_a_role("ana@example.com", &roles));
        assert!(in_a_role("Ana Lima", &roles));
        assert!(in_a_role("@ana-l", &roles));
        assert!(!in_a_role("@bob", &roles));
        assert!(!in_a_role("bob@example.com", &roles));
        assert!(!in_a_role("@acme/security", &roles));
        assert_eq!(
            role_named("Product Owner (PO)", &roles).map(|r| r.name.as_str()),
            Some("Product Owner")
        );
        assert_eq!(
            role_named("`platform-team`", &roles).map(|r| r.name.as_str()),
            Some("platform-team")
        );
        assert!(role_named("Steering board", &roles).is_none());
    }

    #[test]
    fn values_split_into_names() {
        assert_eq!(split("Ana, Bo and Cy"), ["Ana", "Bo", "Cy"]);
        assert_eq!(split("Ana; Bo und Cy"), ["Ana", "Bo", "Cy"]);
        assert_eq!(split("  "), Vec::<String>::new());
    }
}
