//! Playbook parsing and validation: any text gives a playbook or diagnostics, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = gonogo::playbook::load::load_text("fuzz.toml".into(), text.into(), None, "fuzz".into()) {
            // Rendering the diagnostics must not panic either (spans inside the text).
            for d in &e.diagnostics {
                let _ = gonogo::cli::render_diagnostic(d, false);
            }
        }
    }
});
