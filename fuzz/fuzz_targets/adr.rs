//! ADR parsing in both syntaxes, status normalisation and date parsing.
#![no_main]
use libfuzzer_sys::fuzz_target;

use gonogo::controls::adr::parse;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let md = parse::parse_markdown(&text);
    let _ = parse::parse_rst(&text);
    if let Some(status) = md.status {
        let _ = parse::read_status(&status.raw, &["accepted".to_string()], &Default::default());
        let _ = parse::strip_markup(&status.raw);
    }
    let _ = parse::parse_date(&text);
    let _ = parse::file_id(&text);
    let _ = parse::title_number(&text);
});
