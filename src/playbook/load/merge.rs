//! Merging one layer over another: controls, roles and gates replaced by id, locked controls
//! kept as their locking playbook defines them, and `[policy] locked` applied.

use toml::Spanned;

use super::{Layer, Loader};
use crate::playbook::schema::*;

impl Loader<'_> {
    /// Merges `over` into `base`: controls, roles and gates of `over` replace those with the same
    /// id, except that a locked control may only be redefined with the same settings and a level
    /// at least as strict.
    pub(super) fn merge(&mut self, base: &mut Layer, over: Layer) {
        for mut control in over.controls {
            match base.controls.iter_mut().find(|c| c.id == control.id) {
                Some(slot) => {
                    if slot.locked {
                        self.check_locked(slot, &control);
                        control.locked = true;
                        control.waivable_by = slot.waivable_by.clone();
                    }
                    *slot = control;
                }
                None => base.controls.push(control),
            }
        }
        for role in over.roles {
            match base.roles.iter_mut().find(|r| r.name == role.name) {
                Some(slot) => *slot = role,
                None => base.roles.push(role),
            }
        }
        for (name, gate) in over.gates {
            match base.gates.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) if gate.adds() => {
                    slot.1.additions.push((gate.source, gate.raw));
                    slot.1.additions.extend(gate.additions);
                }
                Some(slot) => {
                    let old = std::mem::replace(&mut slot.1, gate);
                    base.replaced_gates.push((name, old));
                }
                None => base.gates.push((name, gate)),
            }
        }
        base.replaced_gates.extend(over.replaced_gates);
        for d in over.decisions {
            match base.decisions.iter_mut().find(|(k, _, _)| *k == d.0) {
                Some(slot) => *slot = d,
                None => base.decisions.push(d),
            }
        }
        base.disable.extend(over.disable);
        base.waivers.extend(over.waivers);
        base.approvals.extend(over.approvals);
        base.owners = over.owners.or(base.owners.take());
        if !over.meta.name.is_empty() {
            base.meta.name = over.meta.name;
        }
        base.meta.version = over.meta.version.or(base.meta.version.take());
        base.meta.owner = over.meta.owner.or(base.meta.owner.take());
        // A description and its German travel together: an own English description never shows
        // the extended playbook's German one.
        if over.meta.description.is_some() || over.meta.description_de.is_some() {
            base.meta.description = over.meta.description;
            base.meta.description_de = over.meta.description_de;
        }
        base.meta.language = over.meta.language.or(base.meta.language);
    }

    /// A redefinition of a locked control: same kind and settings, a level at least as strict.
    pub(super) fn check_locked(&mut self, locked: &Control, new: &Control) {
        let by = self.sources[locked.defined.0].name.clone();
        let (source, span) = new.defined.clone();
        let mut why = Vec::new();
        if new.level > locked.level {
            why.push(format!(
                "lowers its level from `{}` to `{}`",
                locked.level.as_str(),
                new.level.as_str()
            ));
        }
        if new.kind != locked.kind || new.settings != locked.settings {
            why.push("changes what it checks".to_string());
        }
        if why.is_empty() {
            return;
        }
        self.ctx(source).error(
            "playbook::locked-control",
            span,
            format!("`{}` is locked by {by}; this definition {}", new.id, why.join(" and ")),
            "redefines a locked control",
            Some("a locked control keeps the kind, parameters and level of the playbook that locks it; only a stricter level is allowed".into()),
        );
    }

    /// Applies `[policy] locked` of one source to the controls its layer has.
    pub(super) fn lock(&mut self, source: usize, layer: &mut Layer, entries: &[Spanned<String>]) {
        for entry in entries {
            let text = entry.get_ref();
            let mut found = false;
            for c in &mut layer.controls {
                let hit = match text.strip_prefix("tag:") {
                    Some(tag) => c.tags.iter().any(|t| t == tag),
                    None => c.id == *text,
                };
                if hit {
                    c.locked = true;
                    found = true;
                }
            }
            if !found {
                self.ctx(source).error(
                    "playbook::undefined-control",
                    entry.span(),
                    format!("`[policy] locked` names `{text}`, which matches no control"),
                    "matches no control",
                    Some("entries are control ids or `tag:NAME`".into()),
                );
            }
        }
    }
}
