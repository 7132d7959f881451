//! One playbook text (presets only): any text gives a playbook or diagnostics, never a panic;
//! the diagnostics render with every quoted byte escaped.
#![no_main]
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = gonogo::playbook::load::load_text(
        "fuzz.toml".into(),
        text.into(),
        "fuzz".into(),
        &gonogo::controls::REGISTRY,
    ) {
        for color in [false, true] {
            common::assert_clean(
                "diagnostic",
                &gonogo::diagnostics::render_diagnostic(&e, color),
            );
        }
    }
});
