//! The playbook: schema, presets, loading with `extends`, diagnostics with spans.

pub mod compile;
pub mod diagnostics;
pub mod diagnostics_de;
pub mod files;
pub mod forgiving;
pub mod import;
pub mod json_schema;
pub mod kinds;
pub mod load;
pub mod roles;
pub mod schema;
pub mod show;
pub mod starter;

use std::path::{Path, PathBuf};

pub use diagnostics::PlaybookError;
pub use kinds::{ControlKinds, ControlParams, Reads};
pub use load::{PRESETS, load_file, load_preset, preset_text};
pub use schema::{Control, Gate, Language, Level, Playbook, WaivedEffect};

/// Where the playbook of a run came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaybookChoice {
    /// `--playbook FILE`.
    Explicit(PathBuf),
    /// `gonogo.toml` or `.gonogo/playbook.toml` at the repository root.
    Discovered(PathBuf),
    /// No playbook found: an embedded preset.
    Preset(String),
}

/// File names looked for at the repository root, in order.
pub const DISCOVERY: &[&str] = &["gonogo.toml", ".gonogo/playbook.toml"];

/// Picks the playbook: the explicit one, else one at `root`, else the `default` preset.
pub fn choose(explicit: Option<&Path>, root: Option<&Path>) -> PlaybookChoice {
    if let Some(p) = explicit {
        if let Some(preset) = p.to_str().and_then(|s| s.strip_prefix("preset:")) {
            return PlaybookChoice::Preset(preset.to_string());
        }
        return PlaybookChoice::Explicit(p.to_path_buf());
    }
    if let Some(root) = root {
        for name in DISCOVERY {
            let candidate = root.join(name);
            if candidate.is_file() {
                return PlaybookChoice::Discovered(candidate);
            }
        }
    }
    PlaybookChoice::Preset("default".into())
}

pub fn load(choice: &PlaybookChoice, kinds: &dyn ControlKinds) -> Result<Playbook, PlaybookError> {
    match choice {
        PlaybookChoice::Explicit(p) | PlaybookChoice::Discovered(p) => load_file(p, kinds),
        PlaybookChoice::Preset(name) => load_preset(name, kinds),
    }
}

/// Parses a public key as written in a `.pub` file or an `allowed_signers` line; the playbook
/// validates the keys it names, the approvals stage verifies signatures with them.
pub fn parse_signing_key(text: &str) -> Result<ssh_key::PublicKey, String> {
    ssh_key::PublicKey::from_openssh(text.trim()).map_err(|e| e.to_string())
}
