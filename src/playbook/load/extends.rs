//! Following one `extends` entry: a preset or a file of the same policy tree, with cycles
//! reported as such.

use toml::Spanned;

use super::{At, Layer, Loader, PRESETS, preset_text};

impl Loader<'_> {
    pub(super) fn resolve_extends(
        &mut self,
        source: usize,
        at: Option<&At<'_>>,
        entry: &Spanned<String>,
    ) -> Option<Layer> {
        let target = entry.get_ref().as_str();
        let (key, name, text, next_at) = if let Some(preset) = target.strip_prefix("preset:") {
            let Some(text) = preset_text(preset) else {
                let names = PRESETS
                    .iter()
                    .map(|(n, _)| format!("preset:{n}"))
                    .collect::<Vec<_>>();
                self.ctx(source).error(
                    "playbook::extends-missing",
                    entry.span(),
                    format!("there is no preset `{preset}`"),
                    "unknown preset",
                    Some(format!(
                        "{}available: {}",
                        PRESETS
                            .iter()
                            .map(|(n, _)| *n)
                            .filter(|n| crate::playbook::compile::edit_distance(n, preset) <= 2)
                            .map(|n| format!("did you mean `preset:{n}`? "))
                            .next()
                            .unwrap_or_default(),
                        names.join(", ")
                    )),
                );
                return None;
            };
            (
                target.to_string(),
                target.to_string(),
                text.to_string(),
                None,
            )
        } else {
            let Some((files, from)) = at else {
                self.ctx(source).error(
                    "playbook::extends-missing",
                    entry.span(),
                    format!("`{target}` cannot be resolved from an embedded preset"),
                    "not a preset",
                    Some("presets may only extend `preset:NAME`".into()),
                );
                return None;
            };
            let path = match crate::playbook::files::join(
                crate::playbook::files::parent(from),
                target,
            ) {
                Ok(p) => p,
                Err(reason) => {
                    self.ctx(source).error(
                        "playbook::path-outside-repository",
                        entry.span(),
                        format!("`extends` entry `{target}` {reason}; it is not read"),
                        "not a path inside the repository",
                        Some("paths in `extends` are relative to the playbook that names them and stay inside its repository".into()),
                    );
                    return None;
                }
            };
            let text = match files.read(&path) {
                Ok(Some(t)) => t,
                Ok(None) => {
                    self.ctx(source).error(
                        "playbook::extends-missing",
                        entry.span(),
                        format!("cannot read {}: no such file", files.display(&path)),
                        "cannot be loaded",
                        Some(
                            "paths in `extends` are relative to the playbook that names them"
                                .into(),
                        ),
                    );
                    return None;
                }
                Err(e) => {
                    self.ctx(source).error(
                        "playbook::extends-missing",
                        entry.span(),
                        e,
                        "cannot be loaded",
                        None,
                    );
                    return None;
                }
            };
            let name = files.display(&path);
            (name.clone(), name, text, Some((*files, path)))
        };
        if let Some(pos) = self.stack.iter().position(|(k, _)| *k == key) {
            let mut chain: Vec<String> = self.stack[pos..].iter().map(|(_, n)| n.clone()).collect();
            chain.push(name.clone());
            self.ctx(source).error(
                "playbook::extends-cycle",
                entry.span(),
                format!("`extends` forms a cycle: {}", chain.join(" → ")),
                "extends a playbook that extends this one",
                Some("remove one of the `extends` entries in the cycle".into()),
            );
            return None;
        }
        let id = self.add_source(name, text);
        Some(self.resolve(id, next_at, key))
    }
}
