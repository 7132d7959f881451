//! The tables besides `[[control]]`: `[roles.NAME]` (with their signing keys), `[gates.NAME]`,
//! `[waivers]` and `[approvals]`.

use toml::Spanned;
use toml::de::DeValue;

use super::{GateDef, Loader};
use crate::playbook::schema::*;

impl Loader<'_> {
    pub(super) fn parse_roles(&mut self, source: usize, value: Spanned<DeValue<'_>>) -> Vec<Role> {
        let span = value.span();
        let DeValue::Table(table) = value.into_inner() else {
            self.ctx(source).error(
                "playbook::wrong-type",
                span,
                "`roles` must be a table of roles, written `[roles.NAME]`",
                "not a table",
                None,
            );
            return Vec::new();
        };
        let mut roles = Vec::new();
        for (name, value) in table {
            if let Some(raw) = self.ctx(source).value::<RoleRaw>(value) {
                for key in raw.members.iter().flat_map(|m| &m.signing_keys) {
                    if let Err(why) = crate::playbook::parse_signing_key(key.get_ref()) {
                        self.ctx(source).error(
                            "playbook::invalid-value",
                            key.span(),
                            format!("`{}` is not an SSH public key: {why}", key.get_ref()),
                            "not an SSH public key",
                            Some("write the public key as in a `.pub` file: \"ssh-ed25519 AAAAC3Nza… ana@example.com\"".into()),
                        );
                    }
                }
                roles.push(Role {
                    name: name.get_ref().to_string(),
                    description: raw.description,
                    members: raw.members,
                    may_waive: raw.may_waive,
                });
            }
        }
        roles
    }

    pub(super) fn parse_gates(
        &mut self,
        source: usize,
        value: Spanned<DeValue<'_>>,
    ) -> Vec<(String, GateDef)> {
        let span = value.span();
        let DeValue::Table(table) = value.into_inner() else {
            self.ctx(source).error(
                "playbook::wrong-type",
                span,
                "`gates` must be a table of gates, written `[gates.NAME]`",
                "not a table",
                None,
            );
            return Vec::new();
        };
        let mut gates = Vec::new();
        for (name, value) in table {
            let span = name.span();
            if let Some(raw) = self.ctx(source).value::<GateRaw>(value) {
                gates.push((
                    name.get_ref().to_string(),
                    GateDef {
                        raw,
                        source,
                        span,
                        additions: Vec::new(),
                    },
                ));
            }
        }
        gates
    }

    /// `[waivers]`: the waiver file must be a repository path.
    pub(super) fn parse_waivers(
        &mut self,
        source: usize,
        value: Spanned<DeValue<'_>>,
    ) -> Option<WaiverPolicyRaw> {
        let w = self.ctx(source).value::<WaiverPolicyRaw>(value)?;
        if let Some(f) = &w.file
            && let Some(reason) = file_escape(f.get_ref())
        {
            self.ctx(source).error(
                "playbook::path-outside-repository",
                f.span(),
                format!("the waiver file `{}` {reason}", f.get_ref()),
                "not a repository-relative path",
                None,
            );
        }
        Some(w)
    }

    /// `[approvals]`: the allowed signers file must be a repository path.
    pub(super) fn parse_approvals(
        &mut self,
        source: usize,
        value: Spanned<DeValue<'_>>,
    ) -> Option<ApprovalPolicyRaw> {
        let a = self.ctx(source).value::<ApprovalPolicyRaw>(value)?;
        if let Some(f) = &a.allowed_signers
            && let Some(reason) = file_escape(f.get_ref())
        {
            self.ctx(source).error(
                "playbook::path-outside-repository",
                f.span(),
                format!("the allowed signers file `{}` {reason}", f.get_ref()),
                "not a repository-relative path",
                None,
            );
        }
        Some(a)
    }
}

/// Why a file a playbook names (waivers, allowed signers) is not a repository file: absolute,
/// leaving the tree, or in git's own folder (which holds a CI checkout's credentials).
fn file_escape(path: &str) -> Option<String> {
    crate::playbook::compile::path_escape(path)
        .map(str::to_string)
        .or_else(|| crate::playbook::files::join("", path).err())
}
