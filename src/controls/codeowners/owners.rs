//! Owner tokens: whether `@user`, `@org/team`, a GitLab role or an e-mail address is valid in a
//! dialect.

use super::{Flavor, said};
use crate::evidence::messages::Said;

/// Why an owner token is not valid, if it is not.
pub fn owner_error(owner: &str, flavor: Flavor) -> Option<Said> {
    let name_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    if let Some(role) = owner.strip_prefix("@@") {
        let known = [
            "developer",
            "developers",
            "maintainer",
            "maintainers",
            "owner",
            "owners",
        ];
        return match flavor {
            Flavor::Gitlab if known.contains(&role.to_ascii_lowercase().as_str()) => None,
            Flavor::Gitlab => Some(said("codeowners/unknown-role", [("owner", owner.into())])),
            Flavor::Github => Some(said("codeowners/role-on-github", [("owner", owner.into())])),
        };
    }
    if let Some(handle) = owner.strip_prefix('@') {
        let parts: Vec<&str> = handle.split('/').collect();
        let parts_ok = parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(name_char));
        let shape_ok = match flavor {
            Flavor::Github => {
                parts.len() <= 2 && !parts[0].contains(['_', '.']) && !parts[0].starts_with('-')
            }
            Flavor::Gitlab => true,
        };
        return if parts_ok && shape_ok {
            None
        } else {
            Some(said("codeowners/bad-owner", [("owner", owner.into())]))
        };
    }
    if is_email(owner) {
        return None;
    }
    Some(said("codeowners/bad-owner", [("owner", owner.into())]))
}

/// A plain `local@domain.tld` check; CODEOWNERS needs no more.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let ok = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    !local.is_empty()
        && local.chars().all(ok)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}
