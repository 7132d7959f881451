//! One playbook source: parsing its TOML, dispatching its top-level keys, and merging what it
//! extends under its own definitions.

use toml::Spanned;
use toml::de::DeTable;

use super::{At, GateDef, Layer, Loader};
use crate::playbook::schema::*;

impl Loader<'_> {
    /// Parses one source and everything it extends, merged.
    /// `at` is the tree and path the source was read from (none for a preset).
    pub(super) fn resolve(&mut self, source: usize, at: Option<At<'_>>, key: String) -> Layer {
        self.stack.push((key, self.sources[source].name.clone()));
        let text = self.sources[source].text.clone();
        let (root, syntax) = DeTable::parse_recoverable(&text);
        let mut layer = Layer::default();
        if !syntax.is_empty() {
            let mut ctx = self.ctx(source);
            for e in &syntax {
                ctx.toml_error(e, 0..0);
            }
            self.stack.pop();
            return layer;
        }
        let root = root.into_inner();

        let mut meta_raw = MetaRaw::default();
        let mut own_controls: Vec<Control> = Vec::new();
        let mut own_gates: Vec<(String, GateDef)> = Vec::new();
        let mut own_roles: Vec<Role> = Vec::new();
        let mut own_waivers: Vec<WaiverPolicyRaw> = Vec::new();
        let mut own_policy = PolicyRaw::default();
        let mut own_approvals: Vec<ApprovalPolicyRaw> = Vec::new();
        let mut own_decisions: Vec<(String, Spanned<String>, usize)> = Vec::new();
        for (key, value) in root {
            let key_span = key.span();
            match key.get_ref().as_ref() {
                "playbook" => {
                    if let Some(m) = self.ctx(source).value::<MetaRaw>(value) {
                        meta_raw = m;
                    }
                }
                "control" => own_controls = self.parse_controls(source, value),
                "gates" => own_gates = self.parse_gates(source, value),
                "roles" => own_roles = self.parse_roles(source, value),
                "policy" => {
                    if let Some(p) = self.ctx(source).value::<PolicyRaw>(value) {
                        own_policy = p;
                    }
                }
                "waivers" => own_waivers.extend(self.parse_waivers(source, value)),
                "approvals" => own_approvals.extend(self.parse_approvals(source, value)),
                "decisions" => {
                    if let Some(d) = self
                        .ctx(source)
                        .value::<std::collections::BTreeMap<String, Spanned<String>>>(value)
                    {
                        own_decisions = d.into_iter().map(|(k, v)| (k, v, source)).collect();
                    }
                }
                other => self.ctx(source).error(
                    "playbook::unknown-key",
                    key_span,
                    format!("unknown top-level key `{other}`"),
                    "unknown key",
                    Some("a playbook has `[playbook]`, `[[control]]`, `[gates.NAME]`, `[roles.NAME]`, `[decisions]`, `[waivers]`, `[approvals]` and `[policy]`".into()),
                ),
            }
        }

        // Extended sources first, in order; this source's definitions override them.
        for entry in &meta_raw.extends {
            if let Some(base) = self.resolve_extends(source, at.as_ref(), entry) {
                self.merge(&mut layer, base);
            }
        }
        let meta = Meta {
            name: meta_raw
                .name
                .clone()
                .unwrap_or_else(|| layer.meta.name.clone()),
            version: meta_raw.version.clone().or(layer.meta.version.take()),
            owner: meta_raw.owner.clone().or(layer.meta.owner.take()),
            description_de: match (&meta_raw.description, &meta_raw.de) {
                (None, None) => layer.meta.description_de.take(),
                (_, de) => de.as_ref().and_then(|d| d.description.clone()),
            },
            description: meta_raw
                .description
                .clone()
                .or(layer.meta.description.take()),
            language: meta_raw.language.or(layer.meta.language),
        };
        let own = Layer {
            meta,
            controls: own_controls,
            gates: own_gates,
            roles: own_roles,
            waivers: own_waivers,
            approvals: own_approvals,
            disable: meta_raw.disable.into_iter().map(|d| (d, source)).collect(),
            owners: own_policy.owners.as_ref().map(|o| o.get_ref().clone()),
            replaced_gates: Vec::new(),
            decisions: own_decisions,
        };
        self.merge(&mut layer, own);
        self.lock(source, &mut layer, &own_policy.locked);
        self.stack.pop();
        layer
    }
}
