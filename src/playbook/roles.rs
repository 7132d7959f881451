//! Who is who: whether a name or e-mail as people write it (`Approved-by:` trailers, waiver
//! approvers) names a member of a playbook role.

use super::schema::Member;

/// Whether `Approved-by` value (`Name <email>` or a bare name/e-mail) names `member`.
pub fn is_member(member: &Member, value: &str) -> bool {
    let (name, email) = match value.split_once('<') {
        Some((n, rest)) => (n.trim(), rest.trim_end().trim_end_matches('>').trim()),
        None if value.contains('@') => ("", value.trim()),
        None => (value.trim(), ""),
    };
    match (&member.email, email.is_empty()) {
        (Some(m), false) => m.eq_ignore_ascii_case(email),
        (_, _) => !name.is_empty() && member.name.eq_ignore_ascii_case(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_match_by_email_else_name() {
        let ana = Member {
            name: "Ana Lima".into(),
            email: Some("ana@example.com".into()),
            ..Member::default()
        };
        assert!(is_member(&ana, "Ana Lima <ANA@example.com>"));
        assert!(is_member(&ana, "ana@example.com"));
        assert!(!is_member(&ana, "Ana Lima <ana@evil.example>"));
        let bo = Member {
            name: "Bo".into(),
            ..Member::default()
        };
        assert!(is_member(&bo, "bo"));
        assert!(!is_member(&bo, "Bob"));
    }
}
