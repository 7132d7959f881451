//! `gonogo diff`: compare two evidence files.

use super::report::{format_name, read_evidence};
use super::*;

pub fn diff(
    old: &Path,
    new: &Path,
    format: Format,
    lang: Option<crate::render::i18n::Language>,
) -> u8 {
    if !matches!(format, Format::Human | Format::Json) {
        let text = crate::render::i18n::tf(
            crate::render::i18n::resolve(lang, None),
            "diff.formats",
            &[("format", &format_name(format))],
        );
        super::say_error(&text);
        return EXIT_ERROR;
    }
    let (a, b) = match (read_evidence(old), read_evidence(new)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let trend = crate::evidence::trend::diff(&a, &b);
    match format {
        Format::Json => println!(
            "{}",
            escape::json_text(serde_json::to_string_pretty(&trend).unwrap_or_default())
        ),
        _ => {
            let lang = crate::render::i18n::resolve(lang, b.playbook.language);
            print!("{}", crate::render::trend::render_text(&trend, lang))
        }
    }
    if !trend.not_comparable.is_empty() {
        // Two reports about different things: compared, but no verdict on the change.
        EXIT_ERROR
    } else if trend.is_worse() {
        EXIT_NO_GO
    } else {
        EXIT_GO
    }
}
