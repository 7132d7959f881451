//! CODEOWNERS parsing in both dialects, and pattern translation to globs.
#![no_main]
use libfuzzer_sys::fuzz_target;

use gonogo::controls::codeowners::{self, Flavor};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = codeowners::parse(&text, Flavor::Github);
    let _ = codeowners::parse(&text, Flavor::Gitlab);
    for line in text.lines().take(64) {
        if let Ok(globs) = codeowners::translate(line) {
            for g in globs {
                let _ = globset::Glob::new(&g);
            }
        }
    }
});
