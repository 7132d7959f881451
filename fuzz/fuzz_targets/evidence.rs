//! The evidence parser and the canonical form: any text is evidence or an error, never a
//! panic. Parsed evidence renders in every format (escaped for people, exact in JSON) and
//! survives writing and reading; the canonical form is JSON of the same value, and stable.
#![no_main]
use libfuzzer_sys::fuzz_target;

use serde_json::Value;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        let canonical = gonogo::evidence::canonical::canonical(&value);
        let back: Value = serde_json::from_str(&canonical).expect("the canonical form is JSON");
        let mut expected = value.clone();
        if let Value::Object(m) = &mut expected {
            m.remove(gonogo::evidence::canonical::DIGEST_FIELD);
        }
        assert_eq!(back, expected, "the canonical form holds the same value");
        assert_eq!(
            gonogo::evidence::canonical::canonical(&back),
            canonical,
            "canonical is stable"
        );
        let _ = gonogo::evidence::canonical::check(&value);
    }
    if let Ok(evidence) = gonogo::evidence::Evidence::from_json(text) {
        common::render_all(&evidence);
        let trend = gonogo::evidence::trend::diff(&evidence, &evidence);
        assert!(!trend.is_worse(), "evidence is not worse than itself");
        common::assert_clean(
            "diff",
            &gonogo::render::trend::render_text(&trend, gonogo::render::i18n::Language::En),
        );
    }
});
