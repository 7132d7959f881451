//! A playbook with `extends` into a tree of policy files held in memory (`%%% PATH` lines
//! start a file): resolution stays inside the tree, cycles and odd paths end in diagnostics,
//! never a panic; the waiver file of the tree parses or is diagnosed the same way.
#![no_main]
use libfuzzer_sys::fuzz_target;

use gonogo::playbook::files::PolicyFiles;

mod common;

struct Memory(Vec<(String, String)>);

impl PolicyFiles for Memory {
    fn read(&self, path: &str) -> Result<Option<String>, String> {
        // What `files::join` resolved must never leave the tree.
        assert!(
            !path.starts_with('/') && !path.split('/').any(|p| p == ".."),
            "{path:?}"
        );
        Ok(self
            .0
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, t)| t.clone()))
    }
    fn display(&self, path: &str) -> String {
        path.to_string()
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let tree = Memory(common::files(text, "gonogo.toml", 16));
    match gonogo::playbook::load::load_from(&tree, "gonogo.toml", &gonogo::controls::REGISTRY) {
        Ok(playbook) => {
            for s in &playbook.sources {
                assert!(
                    !s.name.starts_with('/'),
                    "a source outside the tree: {}",
                    s.name
                );
            }
        }
        Err(e) => {
            for color in [false, true] {
                common::assert_clean(
                    "diagnostic",
                    &gonogo::diagnostics::render_diagnostic(&e, color),
                );
            }
        }
    }
    if let Some((name, text)) = tree.0.iter().find(|(p, _)| p.ends_with("waivers.toml")) {
        if let Err(e) = gonogo::verdict::waivers::parse(name, text) {
            common::assert_clean(
                "waiver diagnostic",
                &gonogo::diagnostics::render_diagnostic(&e, false),
            );
        }
    }
});
