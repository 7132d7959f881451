//! The finished playbook: `disable` applied, gate entries resolved to control ids, locked
//! controls kept in redefined gates, and the problems of all sources reported at once.

use std::ops::Range;

use toml::Spanned;

use super::{Layer, Loader};
use crate::playbook::compile::edit_distance;
use crate::playbook::diagnostics::PlaybookError;
use crate::playbook::schema::*;

impl Loader<'_> {
    pub(super) fn finish(mut self, layer: Layer) -> Result<Playbook, PlaybookError> {
        let Layer {
            mut meta,
            mut controls,
            gates,
            roles,
            waivers,
            approvals,
            disable,
            owners,
            replaced_gates,
            decisions,
        } = layer;
        // Each decision type names the role accountable for it: a role the playbook defines.
        for (decision, role, source) in &decisions {
            if !roles.iter().any(|r| r.name == *role.get_ref()) {
                self.ctx(*source).error(
                    "playbook::undefined-role",
                    role.span(),
                    format!("decision `{decision}` names `{}`, which is not a defined role", role.get_ref()),
                    "no such role",
                    Some("name a `[roles.NAME]` of the playbook: the role accountable for the decision".into()),
                );
            }
        }
        for (id, source) in &disable {
            if let Some(c) = controls.iter().find(|c| c.id == *id.get_ref() && c.locked) {
                let by = self.sources[c.defined.0].name.clone();
                self.ctx(*source).error(
                    "playbook::locked-control",
                    id.span(),
                    format!(
                        "`{}` is locked by {by}; it cannot be disabled",
                        id.get_ref()
                    ),
                    "disables a locked control",
                    Some("a locked control stays as the playbook that locks it defines it".into()),
                );
                continue;
            }
            let before = controls.len();
            controls.retain(|c| c.id != *id.get_ref());
            if controls.len() == before {
                self.ctx(*source).error(
                    "playbook::undefined-control",
                    id.span(),
                    format!(
                        "`disable` names `{}`, which no extended playbook defines",
                        id.get_ref()
                    ),
                    "no such control",
                    None,
                );
            }
        }
        let gate_spans: Vec<(String, usize, Range<usize>)> = gates
            .iter()
            .map(|(n, d)| (n.clone(), d.source, d.span.clone()))
            .collect();
        let mut resolved = Vec::new();
        for (name, def) in gates {
            if def.raw.controls.is_empty() && def.raw.controls_add.is_empty() {
                self.ctx(def.source).error(
                    "playbook::missing-key",
                    def.span.clone(),
                    format!("gate `{name}` names no controls, and no gate `{name}` is inherited to add to"),
                    "no controls",
                    Some("write `controls = [\"*\"]` (or ids, `tag:NAME`); `controls-add` adds to a gate of the same name in a playbook this one extends".into()),
                );
                continue;
            }
            let mut ids: Vec<String> = Vec::new();
            let mut approvals: Vec<String> = Vec::new();
            let (mut description, mut description_de) = (
                def.raw.description.clone(),
                def.raw.de.as_ref().and_then(|d| d.description.clone()),
            );
            let layers = std::iter::once((def.source, &def.raw))
                .chain(def.additions.iter().map(|(s, raw)| (*s, raw)));
            for (source, raw) in layers {
                for entry in raw.controls.iter().chain(&raw.controls_add) {
                    for id in self.gate_entry(&controls, source, &name, entry) {
                        if !ids.contains(&id) {
                            ids.push(id);
                        }
                    }
                }
                for entry in &raw.exclude {
                    let excluded = self.gate_entry(&controls, source, &name, entry);
                    ids.retain(|id| !excluded.contains(id));
                }
                for entry in &raw.approvals {
                    // A role, or a decision type standing for the role accountable for it.
                    let name_given = entry.get_ref();
                    let role = if roles.iter().any(|r| r.name == *name_given) {
                        Some(name_given.clone())
                    } else {
                        decisions
                            .iter()
                            .find(|(d, _, _)| d == name_given)
                            .map(|(_, role, _)| role.get_ref().clone())
                    };
                    match role {
                        Some(role) if !approvals.contains(&role) => approvals.push(role),
                        Some(_) => {}
                        None => self.ctx(source).error(
                            "playbook::undefined-role",
                            entry.span(),
                            format!("gate `{name}` needs approval by `{name_given}`, which is neither a defined role nor a decision of `[decisions]`"),
                            "no such role",
                            Some("define it as `[roles.NAME]` with `members = [{ name = \"…\", email = \"…\" }]`, or as a decision type: `[decisions] \"release approval\" = \"ROLE\"`".into()),
                        ),
                    }
                }
                if raw.description.is_some() {
                    description = raw.description.clone();
                    description_de = raw.de.as_ref().and_then(|d| d.description.clone());
                }
            }
            resolved.push(Gate {
                name,
                description,
                description_de,
                controls: ids,
                approvals,
            });
        }
        for (name, old) in &replaced_gates {
            let Some(new) = resolved.iter().find(|g| g.name == *name) else {
                continue;
            };
            let problems = self.problems.len();
            let mut kept: Vec<String> = Vec::new();
            for entry in &old.raw.controls {
                kept.extend(self.gate_entry(&controls, old.source, name, entry));
            }
            for entry in &old.raw.exclude {
                let excluded = self.gate_entry(&controls, old.source, name, entry);
                kept.retain(|id| !excluded.contains(id));
            }
            // The replaced definition's own problems are not this layer's.
            self.problems.truncate(problems);
            for id in kept {
                let locked = controls.iter().any(|c| c.id == id && c.locked);
                if locked && !new.controls.contains(&id) {
                    let (source, span) = gate_spans
                        .iter()
                        .find(|(n, _, _)| n == name)
                        .map(|(_, s, sp)| (*s, sp.clone()))
                        .unwrap_or((old.source, old.span.clone()));
                    self.ctx(source).error(
                        "playbook::locked-control",
                        span,
                        format!("gate `{name}` drops `{id}`, which is locked; a locked control stays in the gates that had it"),
                        "drops a locked control",
                        Some(format!("add `{id}` back to `controls` of `[gates.{name}]`")),
                    );
                }
            }
        }
        if !self.problems.is_empty() {
            return Err(PlaybookError::new(&self.sources, self.problems));
        }
        if meta.name.is_empty() {
            meta.name = self.sources[0].name.clone();
        }
        Ok(Playbook {
            meta,
            controls,
            gates: resolved,
            roles,
            policy: PolicySettings { owners },
            waivers: {
                let mut policy = WaiverPolicy::default();
                for raw in &waivers {
                    policy.apply(raw);
                }
                policy
            },
            approvals: {
                let mut policy = ApprovalPolicy::default();
                for raw in &approvals {
                    policy.apply(raw);
                }
                policy
            },
            sources: self
                .sources
                .iter()
                .map(|s| SourceRef {
                    name: s.name.clone(),
                    sha256: s.sha256.clone(),
                })
                .collect(),
        })
    }

    pub(super) fn gate_entry(
        &mut self,
        controls: &[Control],
        source: usize,
        gate: &str,
        entry: &Spanned<String>,
    ) -> Vec<String> {
        let text = entry.get_ref().as_str();
        if text == "*" {
            return controls.iter().map(|c| c.id.clone()).collect();
        }
        if let Some(tag) = text.strip_prefix("tag:") {
            let ids: Vec<String> = controls
                .iter()
                .filter(|c| c.tags.iter().any(|t| t == tag))
                .map(|c| c.id.clone())
                .collect();
            if ids.is_empty() {
                self.ctx(source).error(
                    "playbook::undefined-control",
                    entry.span(),
                    format!("gate `{gate}` names tag `{tag}`, which no control has"),
                    "matches no control",
                    None,
                );
            }
            return ids;
        }
        if controls.iter().any(|c| c.id == text) {
            return vec![text.to_string()];
        }
        if self.broken.iter().any(|id| id == text) {
            // Already reported where the control is defined.
            return Vec::new();
        }
        let suggestion = controls
            .iter()
            .map(|c| c.id.as_str())
            .chain(self.broken.iter().map(String::as_str))
            .min_by_key(|id| edit_distance(id, text))
            .filter(|id| edit_distance(id, text) <= 3)
            .map(str::to_string);
        self.ctx(source).error(
            "playbook::undefined-control",
            entry.span(),
            format!("gate `{gate}` names `{text}`, which is not a defined control"),
            "no control with this id",
            Some(match suggestion {
                Some(s) => {
                    format!("did you mean `{s}`? Entries are control ids, `tag:NAME` or `*`")
                }
                None => "entries are control ids, `tag:NAME` or `*`".into(),
            }),
        );
        Vec::new()
    }
}
