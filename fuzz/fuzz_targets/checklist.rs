//! Checklist and outline extraction from Markdown, with front matter.
#![no_main]
use libfuzzer_sys::fuzz_target;

use gonogo::controls::markdown;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (_, body) = markdown::front_matter(&text);
    let masked = markdown::mask_front_matter(&text, body);
    let outline = markdown::outline(&masked);
    for i in 0..outline.headings.len() {
        let _ = markdown::section_body(&masked, &outline.headings, i);
    }
    let _ = markdown::links(&text);
    let _ = markdown::tables(&text);
});
