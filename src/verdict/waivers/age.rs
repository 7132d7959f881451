//! How old each waiver really is: the first commit that held it, from the waiver file's history.
//! `created` is typed by the author; the commit that first held the waiver is a second witness,
//! and `max-days` counts from the earlier of the two.

use std::collections::HashSet;
use std::path::Path;

use super::{WaiverSet, identity};
use crate::snapshot::{FIRST_SEEN_LIMIT, Snapshot};

/// Sets `first_commit` on every waiver the checked commit's version of the waiver file holds.
/// Returns warnings: a walk that stopped before the first commit, or a history that cannot be
/// read. A waiver file outside the repository, or a plain folder, has no history: `created` alone
/// counts.
pub fn annotate(set: &mut WaiverSet, snapshot: &Snapshot) -> Vec<String> {
    let mut warnings = Vec::new();
    let Some(path) = set.source.as_ref().map(|s| s.name.clone()) else {
        return warnings;
    };
    if snapshot.subject.commit.is_none()
        || !Path::new(&path).is_relative()
        || snapshot.committed_blob(&path).is_none()
    {
        return warnings;
    }
    let wanted: Vec<String> = set.waivers.iter().map(|w| w.key.clone()).collect();
    let seen = match snapshot.first_seen(&path, &wanted, &keys_of) {
        Ok(s) => s,
        Err(e) => {
            warnings.push(format!(
                "the history of {path} cannot be read ({e}): waiver `max-days` counts from `created` alone"
            ));
            return warnings;
        }
    };
    for w in &mut set.waivers {
        w.first_commit = seen.get(&w.key).cloned();
        if let Some(f) = &w.first_commit
            && !f.complete
        {
            warnings.push(format!(
                "waiver {}: the history of {path} ends, or its walk stopped after {FIRST_SEEN_LIMIT} commits, before the commit that first held it; `max-days` counts from the earlier of `created` and the oldest commit seen ({} on {})",
                w.id,
                crate::support::short(&f.commit),
                crate::support::dates::describe(f.time)
            ));
        }
    }
    warnings
}

/// The identities of the waivers one version of the file holds. Old versions are read leniently:
/// a version that does not parse holds nothing.
fn keys_of(bytes: &[u8]) -> HashSet<String> {
    let mut out = HashSet::new();
    let Ok(text) = std::str::from_utf8(bytes) else {
        return out;
    };
    let Ok(table) = toml::from_str::<toml::Table>(text) else {
        return out;
    };
    let Some(toml::Value::Array(items)) = table.get("waiver") else {
        return out;
    };
    for item in items {
        let Some(t) = item.as_table() else { continue };
        let s = |k: &str| t.get(k).and_then(toml::Value::as_str);
        let Some(control) = s("control") else {
            continue;
        };
        out.insert(identity(s("id"), control, s("code"), s("path")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_read_by_identity() {
        let text = r#"
[[waiver]]
id = "W-1"
control = "license"

[[waiver]]
control = "readme"
code = "files/missing-any"
"#;
        let keys = keys_of(text.as_bytes());
        assert!(keys.contains(&identity(Some("W-1"), "license", None, None)));
        assert!(keys.contains(&identity(None, "readme", Some("files/missing-any"), None)));
        assert_eq!(keys.len(), 2);
        assert!(keys_of(b"[[waiver]\nbroken").is_empty());
    }
}
