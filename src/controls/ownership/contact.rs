//! A contact people can reach: a real e-mail address in a README or SECURITY file, or the
//! `spec.owner` of a Backstage catalog entity.

use std::sync::LazyLock;

use regex::Regex;

use crate::controls::{Outcome, evidence_for, line_at, line_of};
use crate::evidence::Finding;
use crate::snapshot::{Content, Snapshot};

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b")
        .expect("static regex")
});

/// Addresses that reach nobody: git remotes, no-reply senders, documentation examples.
fn reachable(address: &str) -> bool {
    let a = address.to_ascii_lowercase();
    let domain = a.rsplit('@').next().unwrap_or_default();
    !(a.starts_with("git@")
        || a.contains("noreply")
        || a.contains("no-reply")
        || ["example.com", "example.org", "example.net"].contains(&domain))
}

/// Where a contact may be written: README* and SECURITY* (any case) in the root, `docs/`
/// or `.github/`; `spec.owner` in a root `catalog-info.yaml`.
pub(super) fn check_contact(snap: &Snapshot, out: &mut Outcome) {
    let candidates: Vec<&str> = snap
        .paths()
        .filter(|p| {
            let (dir, name) = p.rsplit_once('/').unwrap_or(("", p));
            let name = name.to_ascii_lowercase();
            ["", "docs", ".github"].contains(&dir)
                && (name.starts_with("readme") || name.starts_with("security"))
        })
        .collect();
    for path in candidates {
        let Content::Text(text) = snap.read(path) else {
            continue;
        };
        if let Some(m) = EMAIL.find_iter(&text).find(|m| reachable(m.as_str())) {
            out.evidence.push(evidence_for(
                snap,
                path,
                Some(line_of(&text, m.start())),
                Some(line_at(&text, m.start())),
                format!("contact: {}", m.as_str()),
            ));
            return;
        }
    }
    for path in ["catalog-info.yaml", "catalog-info.yml"] {
        let Content::Text(text) = snap.read(path) else {
            continue;
        };
        if let Some((owner, line)) = catalog_owner(&text) {
            out.evidence.push(evidence_for(
                snap,
                path,
                line,
                line.and_then(|l| text.lines().nth(l as usize - 1)),
                format!("contact: spec.owner {owner}"),
            ));
            return;
        }
    }
    out.findings.push(Finding::say(
        "ownership/no-contact",
        crate::evidence::messages::args([]),
    ));
}

/// `spec.owner` of the first Backstage entity that has one, with its line when found.
pub fn catalog_owner(text: &str) -> Option<(String, Option<u32>)> {
    let docs = crate::controls::markdown::load_yaml(text).ok()?;
    let owner = docs.iter().find_map(|d| {
        d["spec"]["owner"]
            .as_str()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    })?;
    let line = text
        .lines()
        .position(|l| {
            let l = l.trim_start();
            l.starts_with("owner:") && l.contains(owner.as_str())
        })
        .map(|i| i as u32 + 1);
    Some((owner, line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_owner_is_found_with_its_line() {
        let text = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\nspec:\n  type: service\n  owner: team-payments\n";
        assert_eq!(catalog_owner(text), Some(("team-payments".into(), Some(7))));
        assert_eq!(catalog_owner("spec:\n  owner: ''\n"), None);
        assert_eq!(catalog_owner("::: not yaml :::\n  - ["), None);
    }

    #[test]
    fn unreachable_addresses_do_not_count() {
        assert!(reachable("security@acme.io"));
        assert!(!reachable("git@github.com"));
        assert!(!reachable("noreply@acme.io"));
        assert!(!reachable("someone@example.com"));
    }
}
