//! CODEOWNERS parsing in both dialects, pattern translation to globs, and matching the globs
//! against odd names: never a panic, and every translated glob compiles.
#![no_main]
use libfuzzer_sys::fuzz_target;

use gonogo::controls::codeowners::{self, Flavor};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = codeowners::parse(&text, Flavor::Github);
    let _ = codeowners::parse(&text, Flavor::Gitlab);
    let lines: Vec<&str> = text.lines().take(64).collect();
    for line in &lines {
        if let Ok(globs) = codeowners::translate(line) {
            for g in globs {
                // Built as gonogo builds CODEOWNERS globs.
                let glob = globset::GlobBuilder::new(&g)
                    .literal_separator(true)
                    .backslash_escape(true)
                    .build()
                    .expect("a translated glob compiles");
                let m = glob.compile_matcher();
                for name in &lines {
                    let _ = m.is_match(name);
                }
            }
        }
    }
});
