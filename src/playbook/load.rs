//! Loading a playbook: TOML → spanned tables → validated `Playbook`, following `extends`.
//! Every problem in every source is collected before anything is reported.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::compile::{Ctx, edit_distance};
use super::diagnostics::{PlaybookError, Problem, Source, line_column};
use super::schema::*;
use crate::controls;

/// Playbooks larger than this are refused before parsing.
pub const MAX_PLAYBOOK_BYTES: u64 = 4 << 20;

/// Embedded presets: name → TOML text.
pub const PRESETS: &[(&str, &str)] = &[
    ("default", include_str!("presets/default.toml")),
    ("delivery", include_str!("presets/delivery.toml")),
    ("handover", include_str!("presets/handover.toml")),
    ("quality-gates", include_str!("presets/quality-gates.toml")),
];

pub fn preset_text(name: &str) -> Option<&'static str> {
    PRESETS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// Loads a playbook file from disk.
pub fn load_file(path: &Path) -> Result<Playbook, PlaybookError> {
    let text = read_playbook(path).map_err(PlaybookError::plain)?;
    let dir = path.parent().map(Path::to_path_buf);
    load_text(path.display().to_string(), text, dir, key_for(path))
}

/// Loads an embedded preset by name.
pub fn load_preset(name: &str) -> Result<Playbook, PlaybookError> {
    let text = preset_text(name).ok_or_else(|| {
        PlaybookError::plain(format!(
            "there is no preset `{name}`; presets: {}",
            PRESETS
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })?;
    let key = format!("preset:{name}");
    load_text(key.clone(), text.to_string(), None, key)
}

/// Loads a playbook from text; `dir` resolves relative `extends` paths.
pub fn load_text(
    name: String,
    text: String,
    dir: Option<PathBuf>,
    key: String,
) -> Result<Playbook, PlaybookError> {
    let mut loader = Loader::default();
    let top = loader.add_source(name, text);
    let layer = loader.resolve(top, dir, key);
    loader.finish(layer)
}

fn read_playbook(path: &Path) -> Result<String, String> {
    let meta =
        std::fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if meta.len() > MAX_PLAYBOOK_BYTES {
        return Err(format!(
            "{} is {} bytes; playbooks larger than {} bytes are refused",
            path.display(),
            meta.len(),
            MAX_PLAYBOOK_BYTES
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{} is not UTF-8 (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

fn key_for(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A gate as defined in one source, before its entries are resolved.
struct GateDef {
    raw: GateRaw,
    source: usize,
}

/// What one source contributes after its own `extends` are merged in.
#[derive(Default)]
struct Layer {
    meta: Meta,
    controls: Vec<Control>,
    gates: Vec<(String, GateDef)>,
    roles: Vec<Role>,
    /// `[waivers]` of each layer, applied in order.
    waivers: Vec<WaiverPolicyRaw>,
    disable: Vec<(Spanned<String>, usize)>,
}

#[derive(Default)]
struct Loader {
    sources: Vec<Source>,
    problems: Vec<Problem>,
    /// Keys and display names of the sources being resolved, to detect `extends` cycles.
    stack: Vec<(String, String)>,
    /// Ids of controls that were defined but had errors: gates naming them get no second error.
    broken: Vec<String>,
}

impl Loader {
    fn add_source(&mut self, name: String, text: String) -> usize {
        let sha256 = sha256_hex(text.as_bytes());
        self.sources.push(Source {
            name,
            text: Arc::from(text),
            sha256,
        });
        self.sources.len() - 1
    }

    fn ctx(&mut self, source: usize) -> Ctx<'_> {
        Ctx {
            source,
            problems: &mut self.problems,
        }
    }

    /// Parses one source and everything it extends, merged.
    fn resolve(&mut self, source: usize, dir: Option<PathBuf>, key: String) -> Layer {
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
                "waivers" => {
                    if let Some(w) = self.ctx(source).value::<WaiverPolicyRaw>(value) {
                        if let Some(f) = &w.file
                            && let Some(reason) = super::compile::path_escape(f.get_ref())
                        {
                            self.ctx(source).error(
                                "playbook::path-outside-repository",
                                f.span(),
                                format!("the waiver file `{}` {reason}", f.get_ref()),
                                "not a repository-relative path",
                                None,
                            );
                        }
                        own_waivers.push(w);
                    }
                }
                other => self.ctx(source).error(
                    "playbook::unknown-key",
                    key_span,
                    format!("unknown top-level key `{other}`"),
                    "unknown key",
                    Some("a playbook has `[playbook]`, `[[control]]`, `[gates.NAME]`, `[roles.NAME]` and `[waivers]`".into()),
                ),
            }
        }

        // Extended sources first, in order; this source's definitions override them.
        for entry in &meta_raw.extends {
            if let Some(base) = self.resolve_extends(source, dir.as_deref(), entry) {
                merge(&mut layer, base);
            }
        }
        let meta = Meta {
            name: meta_raw
                .name
                .clone()
                .unwrap_or_else(|| layer.meta.name.clone()),
            version: meta_raw.version.clone().or(layer.meta.version.take()),
            owner: meta_raw.owner.clone().or(layer.meta.owner.take()),
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
            disable: meta_raw.disable.into_iter().map(|d| (d, source)).collect(),
        };
        merge(&mut layer, own);
        self.stack.pop();
        layer
    }

    fn resolve_extends(
        &mut self,
        source: usize,
        dir: Option<&Path>,
        entry: &Spanned<String>,
    ) -> Option<Layer> {
        let target = entry.get_ref().as_str();
        let (key, name, text, next_dir) = if let Some(preset) = target.strip_prefix("preset:") {
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
                    Some(format!("available: {}", names.join(", "))),
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
            let Some(dir) = dir else {
                self.ctx(source).error(
                    "playbook::extends-missing",
                    entry.span(),
                    format!("`{target}` cannot be resolved from an embedded preset"),
                    "not a preset",
                    Some("presets may only extend `preset:NAME`".into()),
                );
                return None;
            };
            let path = dir.join(target);
            let text = match read_playbook(&path) {
                Ok(t) => t,
                Err(e) => {
                    self.ctx(source).error(
                        "playbook::extends-missing",
                        entry.span(),
                        e,
                        "cannot be loaded",
                        Some(
                            "paths in `extends` are relative to the playbook that names them"
                                .into(),
                        ),
                    );
                    return None;
                }
            };
            (
                key_for(&path),
                path.display().to_string(),
                text,
                path.parent().map(Path::to_path_buf),
            )
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
        Some(self.resolve(id, next_dir, key))
    }

    fn parse_controls(&mut self, source: usize, value: Spanned<DeValue<'_>>) -> Vec<Control> {
        let span = value.span();
        let DeValue::Array(items) = value.into_inner() else {
            self.ctx(source).error(
                "playbook::wrong-type",
                span,
                "`control` must be an array of tables, written `[[control]]`",
                "not an array of tables",
                None,
            );
            return Vec::new();
        };
        let mut controls: Vec<Control> = Vec::new();
        let mut seen: Vec<(String, Range<usize>)> = Vec::new();
        for item in items {
            let item_span = item.span();
            let DeValue::Table(table) = item.into_inner() else {
                self.ctx(source).error(
                    "playbook::wrong-type",
                    item_span,
                    "each control must be a table",
                    "not a table",
                    None,
                );
                continue;
            };
            let Some(control) = self.parse_control(source, Spanned::new(item_span, table)) else {
                continue;
            };
            if let Some((_, first)) = seen.iter().find(|(id, _)| *id == control.0.id) {
                let (line, _) = line_column(&self.sources[source].text, first.start);
                self.ctx(source).error(
                    "playbook::duplicate-id",
                    control.1.clone(),
                    format!(
                        "the control id `{}` is defined twice in this file",
                        control.0.id
                    ),
                    "defined again here",
                    Some(format!(
                        "the first definition is on line {line}; ids must be unique"
                    )),
                );
                continue;
            }
            seen.push((control.0.id.clone(), control.1));
            controls.push(control.0);
        }
        controls
    }

    /// Returns the control and the span of its id.
    fn parse_control(
        &mut self,
        source: usize,
        table: Spanned<DeTable<'_>>,
    ) -> Option<(Control, Range<usize>)> {
        let span = table.span();
        let mut common = DeTable::default();
        let mut params = DeTable::default();
        for (k, v) in table.into_inner() {
            if COMMON_KEYS.contains(&k.get_ref().as_ref()) {
                common.insert(k, v);
            } else {
                params.insert(k, v);
            }
        }
        let common: CommonRaw = self.ctx(source).table(Spanned::new(span.clone(), common))?;
        let id_span = common.id.span();
        let id_str = common.id.get_ref().clone();
        let problems_before = self.problems.len();
        let control = self.compile_control(source, span, common, params);
        if control.is_none() || self.problems.len() > problems_before {
            self.broken.push(id_str.clone());
        }
        control.map(|c| (c, id_span))
    }

    fn compile_control(
        &mut self,
        source: usize,
        span: Range<usize>,
        common: CommonRaw,
        params: DeTable<'_>,
    ) -> Option<Control> {
        let id_span = common.id.span();
        let mut ok = true;
        if !valid_id(common.id.get_ref()) {
            self.ctx(source).error(
                "playbook::invalid-id",
                id_span.clone(),
                format!("`{}` is not a valid control id", common.id.get_ref()),
                "invalid id",
                Some("ids use lowercase letters, digits, `-`, `_` and `.`, starting with a letter or digit".into()),
            );
            ok = false;
        }
        if RESERVED_IDS.contains(&common.id.get_ref().as_str()) {
            self.ctx(source).error(
                "playbook::invalid-id",
                id_span.clone(),
                format!(
                    "`{}` is reserved for a result gonogo adds itself",
                    common.id.get_ref()
                ),
                "reserved id",
                Some(format!("reserved ids: {}", RESERVED_IDS.join(", "))),
            );
            ok = false;
        }
        let kind_name = common.kind.get_ref().as_str();
        let Some(kind) = controls::kind(kind_name) else {
            let names: Vec<&str> = controls::KINDS.iter().map(|k| k.name).collect();
            self.ctx(source).error(
                "playbook::unknown-kind",
                common.kind.span(),
                format!("unknown control kind `{kind_name}`"),
                "unknown kind",
                Some(format!(
                    "{}known kinds: {} (see `gonogo controls`)",
                    names
                        .iter()
                        .min_by_key(|n| edit_distance(n, kind_name))
                        .filter(|n| edit_distance(n, kind_name) <= 2)
                        .map(|n| format!("did you mean `{n}`? "))
                        .unwrap_or_default(),
                    names.join(", ")
                )),
            );
            return None;
        };
        let params = (kind.compile)(Spanned::new(span.clone(), params), &mut self.ctx(source));
        let applies_if = self.scope(source, &common.applies_if, &mut ok);
        let only_if_changed = self.scope(source, &common.only_if_changed, &mut ok);
        let within = match &common.fresh_within {
            None => None,
            Some(text) => match crate::duration::parse(text.get_ref()) {
                Ok(span) => Some(span),
                Err(why) => {
                    self.ctx(source).error(
                        "playbook::invalid-value",
                        text.span(),
                        format!("`{}` is not a duration: {why}", text.get_ref()),
                        "not a duration",
                        Some(
                            "write e.g. \"90 days\", \"6 months\", \"2 weeks\" or \"1 year\""
                                .into(),
                        ),
                    );
                    ok = false;
                    None
                }
            },
        };
        let freshness =
            (within.is_some() || common.fresh_within_commits.is_some()).then_some(Freshness {
                within,
                commits: common.fresh_within_commits,
            });
        let params = params?;
        if !ok {
            return None;
        }
        let (line, column) = line_column(&self.sources[source].text, id_span.start);
        Some(Control {
            id: common.id.into_inner(),
            kind: kind.name,
            level: common.level,
            title: common.title,
            rationale: common.rationale,
            remediation: common.remediation,
            tags: common.tags,
            applies_if,
            only_if_changed,
            freshness,
            params,
            location: Location {
                source: self.sources[source].name.clone(),
                line,
                column,
            },
        })
    }

    /// Compiles an optional list of globs into a scope; clears `ok` on errors.
    fn scope(
        &mut self,
        source: usize,
        patterns: &[Spanned<String>],
        ok: &mut bool,
    ) -> Option<Scope> {
        if patterns.is_empty() {
            return None;
        }
        match self.ctx(source).glob_set(patterns, false) {
            Some(set) => Some(Scope {
                patterns: patterns.iter().map(|p| p.get_ref().clone()).collect(),
                set,
            }),
            None => {
                *ok = false;
                None
            }
        }
    }

    fn parse_roles(&mut self, source: usize, value: Spanned<DeValue<'_>>) -> Vec<Role> {
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

    fn parse_gates(
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
            if let Some(raw) = self.ctx(source).value::<GateRaw>(value) {
                gates.push((name.get_ref().to_string(), GateDef { raw, source }));
            }
        }
        gates
    }

    fn finish(mut self, layer: Layer) -> Result<Playbook, PlaybookError> {
        let Layer {
            mut meta,
            mut controls,
            gates,
            roles,
            waivers,
            disable,
        } = layer;
        for (id, source) in &disable {
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
        let mut resolved = Vec::new();
        for (name, def) in gates {
            let mut ids: Vec<String> = Vec::new();
            for entry in &def.raw.controls {
                for id in self.gate_entry(&controls, def.source, &name, entry) {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
            for entry in &def.raw.exclude {
                let excluded = self.gate_entry(&controls, def.source, &name, entry);
                ids.retain(|id| !excluded.contains(id));
            }
            for role in &def.raw.approvals {
                if !roles.iter().any(|r| r.name == *role.get_ref()) {
                    self.ctx(def.source).error(
                        "playbook::undefined-role",
                        role.span(),
                        format!("gate `{name}` needs approval by `{}`, which is not a defined role", role.get_ref()),
                        "no such role",
                        Some("define it as `[roles.NAME]` with `members = [{ name = \"…\", email = \"…\" }]`".into()),
                    );
                }
            }
            resolved.push(Gate {
                name,
                description: def.raw.description,
                controls: ids,
                approvals: def
                    .raw
                    .approvals
                    .iter()
                    .map(|r| r.get_ref().clone())
                    .collect(),
            });
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
            waivers: {
                let mut policy = WaiverPolicy::default();
                for raw in &waivers {
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

    fn gate_entry(
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
            .min_by_key(|id| edit_distance(id, text))
            .filter(|id| edit_distance(id, text) <= 3);
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

/// Merges `over` into `base`: controls and gates of `over` replace those with the same id.
fn merge(base: &mut Layer, over: Layer) {
    for control in over.controls {
        match base.controls.iter_mut().find(|c| c.id == control.id) {
            Some(slot) => *slot = control,
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
            Some(slot) => slot.1 = gate,
            None => base.gates.push((name, gate)),
        }
    }
    base.disable.extend(over.disable);
    base.waivers.extend(over.waivers);
    if !over.meta.name.is_empty() {
        base.meta.name = over.meta.name;
    }
    base.meta.version = over.meta.version.or(base.meta.version.take());
    base.meta.owner = over.meta.owner.or(base.meta.owner.take());
    base.meta.description = over.meta.description.or(base.meta.description.take());
    base.meta.language = over.meta.language.or(base.meta.language);
}

/// Ids of the results gonogo adds to a gate itself (approvals, waiver validity, commit dates).
pub const RESERVED_IDS: &[&str] = &["approvals", "waivers", "dates"];

fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
        && id.len() <= 64
}
