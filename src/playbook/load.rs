//! Loading a playbook: TOML → spanned tables → validated `Playbook`, following `extends`.
//! Every problem in every source is collected before anything is reported.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::compile::{Ctx, edit_distance};
use super::diagnostics::{PlaybookError, Problem, Source, line_column};
use super::files::{DiskTree, PolicyFiles};
use super::kinds::ControlKinds;
use super::schema::*;

pub use super::files::MAX_POLICY_BYTES as MAX_PLAYBOOK_BYTES;

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

/// Loads a playbook file from disk that the caller named (`--playbook`); what it extends is
/// read relative to it.
pub fn load_file(path: &Path, kinds: &dyn ControlKinds) -> Result<Playbook, PlaybookError> {
    let (tree, rel) = DiskTree::caller(path);
    load_from(&tree, &rel, kinds)
}

/// [`load_file`] for a person reading the diagnostics: files below the current folder are
/// named as typed (`playbook validate`).
pub fn load_file_typed(path: &Path, kinds: &dyn ControlKinds) -> Result<Playbook, PlaybookError> {
    let (tree, rel) = DiskTree::typed(path);
    load_from(&tree, &rel, kinds)
}

/// Loads the playbook at `path` of a policy tree; `extends` resolve inside the same tree.
pub fn load_from(
    files: &dyn PolicyFiles,
    path: &str,
    kinds: &dyn ControlKinds,
) -> Result<Playbook, PlaybookError> {
    let text = match files.read(path) {
        Ok(Some(t)) => t,
        Ok(None) => {
            return Err(PlaybookError::plain(format!(
                "cannot read {}: no such file",
                files.display(path)
            )));
        }
        Err(e) => return Err(PlaybookError::plain(e)),
    };
    let mut loader = Loader::new(kinds);
    let name = files.display(path);
    let top = loader.add_source(name.clone(), text);
    let layer = loader.resolve(top, Some((files, path.to_string())), name);
    loader.finish(layer)
}

/// Loads an embedded preset by name.
pub fn load_preset(name: &str, kinds: &dyn ControlKinds) -> Result<Playbook, PlaybookError> {
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
    load_text(key.clone(), text.to_string(), key, kinds)
}

/// Loads a playbook from text that extends presets only.
pub fn load_text(
    name: String,
    text: String,
    key: String,
    kinds: &dyn ControlKinds,
) -> Result<Playbook, PlaybookError> {
    let mut loader = Loader::new(kinds);
    let top = loader.add_source(name, text);
    let layer = loader.resolve(top, None, key);
    loader.finish(layer)
}

/// A policy tree and the path in it that a source was read from.
type At<'f> = (&'f dyn PolicyFiles, String);

/// A gate as defined in one source, before its entries are resolved.
struct GateDef {
    raw: GateRaw,
    source: usize,
    span: Range<usize>,
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
    /// `[approvals]` of each layer, applied in order.
    approvals: Vec<ApprovalPolicyRaw>,
    disable: Vec<(Spanned<String>, usize)>,
    /// `[policy] owners` of the outermost layer that names one.
    owners: Option<String>,
    /// Gates an outer layer redefined: the replaced definition, to check it kept locked controls.
    replaced_gates: Vec<(String, GateDef)>,
}

struct Loader<'k> {
    kinds: &'k dyn ControlKinds,
    sources: Vec<Source>,
    problems: Vec<Problem>,
    /// Keys and display names of the sources being resolved, to detect `extends` cycles.
    stack: Vec<(String, String)>,
    /// Ids of controls that were defined but had errors: gates naming them get no second error.
    broken: Vec<String>,
}

impl<'k> Loader<'k> {
    fn new(kinds: &'k dyn ControlKinds) -> Self {
        Loader {
            kinds,
            sources: Vec::new(),
            problems: Vec::new(),
            stack: Vec::new(),
            broken: Vec::new(),
        }
    }

    fn add_source(&mut self, name: String, text: String) -> usize {
        let sha256 = crate::support::sha256_hex(text.as_bytes());
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
    /// `at` is the tree and path the source was read from (none for a preset).
    fn resolve(&mut self, source: usize, at: Option<At<'_>>, key: String) -> Layer {
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
                "waivers" => {
                    if let Some(w) = self.ctx(source).value::<WaiverPolicyRaw>(value) {
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
                        own_waivers.push(w);
                    }
                }
                "approvals" => {
                    if let Some(a) = self.ctx(source).value::<ApprovalPolicyRaw>(value) {
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
                        own_approvals.push(a);
                    }
                }
                other => self.ctx(source).error(
                    "playbook::unknown-key",
                    key_span,
                    format!("unknown top-level key `{other}`"),
                    "unknown key",
                    Some("a playbook has `[playbook]`, `[[control]]`, `[gates.NAME]`, `[roles.NAME]`, `[waivers]`, `[approvals]` and `[policy]`".into()),
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
        };
        self.merge(&mut layer, own);
        self.lock(source, &mut layer, &own_policy.locked);
        self.stack.pop();
        layer
    }

    fn resolve_extends(
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
            let path = match super::files::join(super::files::parent(from), target) {
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
        let text = self.sources[source].text.clone();
        let mut settings: Vec<(String, String)> = table
            .get_ref()
            .iter()
            .filter(|(k, _)| !DESCRIPTIVE_KEYS.contains(&k.get_ref().as_ref()))
            .map(|(k, v)| (k.get_ref().to_string(), compact(&text[v.span()])))
            .collect();
        settings.sort();
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
        let control = self
            .compile_control(source, span, common, params)
            .map(|mut c| {
                c.settings = settings;
                c
            });
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
        let kinds = self.kinds;
        let Some(kind) = kinds.find(kind_name) else {
            let names = kinds.names();
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
        let params = kinds.compile(
            kind,
            Spanned::new(span.clone(), params),
            &mut self.ctx(source),
        );
        let applies_if = self.scope(source, &common.applies_if, &mut ok);
        let only_if_changed = self.scope(source, &common.only_if_changed, &mut ok);
        let within = match &common.fresh_within {
            None => None,
            Some(text) => match crate::support::duration::parse(text.get_ref()) {
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
        let waivable_by = common.waivable_by.map(|r| r.into_inner());
        Some(Control {
            settings: Vec::new(),
            locked: common.locked || waivable_by.is_some(),
            waivable_by,
            defined: (source, id_span.clone()),
            id: common.id.into_inner(),
            kind,
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
                for key in raw.members.iter().flat_map(|m| &m.signing_keys) {
                    if let Err(why) = super::parse_signing_key(key.get_ref()) {
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
            let span = name.span();
            if let Some(raw) = self.ctx(source).value::<GateRaw>(value) {
                gates.push((name.get_ref().to_string(), GateDef { raw, source, span }));
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
            approvals,
            disable,
            owners,
            replaced_gates,
        } = layer;
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

    /// Merges `over` into `base`: controls, roles and gates of `over` replace those with the same
    /// id, except that a locked control may only be redefined with the same settings and a level
    /// at least as strict.
    fn merge(&mut self, base: &mut Layer, over: Layer) {
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
                Some(slot) => {
                    let old = std::mem::replace(&mut slot.1, gate);
                    base.replaced_gates.push((name, old));
                }
                None => base.gates.push((name, gate)),
            }
        }
        base.replaced_gates.extend(over.replaced_gates);
        base.disable.extend(over.disable);
        base.waivers.extend(over.waivers);
        base.approvals.extend(over.approvals);
        base.owners = over.owners.or(base.owners.take());
        if !over.meta.name.is_empty() {
            base.meta.name = over.meta.name;
        }
        base.meta.version = over.meta.version.or(base.meta.version.take());
        base.meta.owner = over.meta.owner.or(base.meta.owner.take());
        base.meta.description = over.meta.description.or(base.meta.description.take());
        base.meta.language = over.meta.language.or(base.meta.language);
    }

    /// A redefinition of a locked control: same kind and settings, a level at least as strict.
    fn check_locked(&mut self, locked: &Control, new: &Control) {
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
    fn lock(&mut self, source: usize, layer: &mut Layer, entries: &[Spanned<String>]) {
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

/// Ids of the results gonogo adds to a gate itself (approvals, waiver validity, commit dates, rule changes).
pub const RESERVED_IDS: &[&str] = &["approvals", "dates", "policy", "waivers"];

/// Why a file a playbook names (waivers, allowed signers) is not a repository file: absolute,
/// leaving the tree, or in git's own folder (which holds a CI checkout's credentials).
fn file_escape(path: &str) -> Option<String> {
    super::compile::path_escape(path)
        .map(str::to_string)
        .or_else(|| super::files::join("", path).err())
}

/// A TOML value's text on one line: whitespace runs become one space, comments go.
fn compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = match line.find('#') {
            // A `#` inside a string is kept: only strip when no quote precedes it.
            Some(i) if !line[..i].contains(['"', '\'']) => &line[..i],
            _ => line,
        };
        for word in line.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
        && id.len() <= 64
}
