//! Waiver file parsing: any text gives waivers or diagnostics, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = gonogo::waivers::parse("waivers.toml", text) {
            for d in &e.diagnostics {
                let _ = gonogo::cli::render_diagnostic(d, false);
            }
        }
    }
});
