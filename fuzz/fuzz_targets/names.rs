//! Pure functions that take repository-controlled names: the escaping every renderer uses
//! (idempotent, leaves nothing raw, offsets stay on character boundaries), the JSON escaping
//! (same value), path joins for `extends` (never leave the tree), and pattern checks.
#![no_main]
use libfuzzer_sys::fuzz_target;

use gonogo::support::escape;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let once = escape::text(text);
    assert!(
        !once.chars().any(escape::is_escaped),
        "text() left a raw character"
    );
    assert_eq!(escape::text(&once), once, "text() is idempotent");
    let block = escape::block(text);
    common::assert_clean("block", &block);
    let mut last = 0;
    for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
        let at = escape::block_offset(text, i);
        assert!(
            block.is_char_boundary(at) && at >= last,
            "offset {i} → {at}"
        );
        last = at;
    }
    let json = escape::json_text(serde_json::to_string(text).expect("a string serialises"));
    common::assert_clean("json_text", &json);
    assert_eq!(serde_json::from_str::<String>(&json).expect("JSON"), text);
    common::assert_clean("output", &escape::output(text.to_string()));
    // `extends` and waiver paths: a join is inside the tree or refused.
    let (dir, target) = text.split_once('\n').unwrap_or(("", text));
    if let Ok(joined) = gonogo::playbook::files::join(dir, target) {
        assert!(
            !joined.starts_with('/') && !joined.split('/').any(|p| p == ".." || p.is_empty()),
            "{joined:?}"
        );
    }
    let _ = gonogo::playbook::compile::path_escape(text);
});
