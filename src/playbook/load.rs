//! Loading a playbook: the entry points (file, policy tree, preset, text) and the loader state
//! they share. TOML → spanned tables → validated `Playbook`, following `extends`; every problem
//! in every source is collected before anything is reported.
//!
//! The loader's steps live in the submodules: one source and its top-level keys (`source`),
//! its `extends` (`extends`), `[[control]]` (`controls`), the other tables (`sections`),
//! merging layers and locked controls (`merge`), and the finished playbook (`finish`).

mod controls;
mod extends;
mod finish;
mod merge;
mod sections;
mod source;

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use toml::Spanned;

use super::compile::Ctx;
use super::diagnostics::{PlaybookError, Problem, Source};
use super::files::{DiskTree, PolicyFiles};
use super::kinds::ControlKinds;
use super::schema::*;

pub use super::files::MAX_POLICY_BYTES as MAX_PLAYBOOK_BYTES;

/// Embedded presets: name → TOML text.
pub const PRESETS: &[(&str, &str)] = &[
    ("audit", include_str!("presets/audit.toml")),
    ("default", include_str!("presets/default.toml")),
    ("delivery", include_str!("presets/delivery.toml")),
    ("governance", include_str!("presets/governance.toml")),
    ("handover", include_str!("presets/handover.toml")),
    ("quality-gates", include_str!("presets/quality-gates.toml")),
    ("retainer", include_str!("presets/retainer.toml")),
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
    /// Tables of later layers that add to this gate (`controls-add`, `approvals`) instead of
    /// replacing it, each with its source.
    additions: Vec<(usize, GateRaw)>,
}

impl GateDef {
    /// A table without `controls`: it adds to the inherited gate of the same name.
    fn adds(&self) -> bool {
        self.raw.controls.is_empty()
    }
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
    /// `[decisions]`: decision type → the role accountable for it, with the source of each.
    decisions: Vec<(String, Spanned<String>, usize)>,
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
            file: super::compile::FileKind::Playbook,
        }
    }
}

/// Ids of the results gonogo adds to a gate itself (approvals, waiver validity, commit dates, rule changes).
pub const RESERVED_IDS: &[&str] = &["approvals", "dates", "policy", "waivers"];
