//! `gonogo controls`: every control kind with its parameters and finding codes.

use crate::controls::KINDS;
use crate::render::i18n::{Language, t, tf};

/// The text of `gonogo controls`: the framing in `lang`; the kinds' summaries and parameter
/// documentation are the registry's (English).
pub fn controls_text(lang: Language) -> String {
    let mut out = String::new();
    for kind in KINDS {
        out.push_str(&format!(
            "{}\n  {}\n  {}\n",
            kind.name,
            kind.summary,
            t(lang, "controls.parameters")
        ));
        for p in kind.params {
            let head = tf(
                lang,
                "controls.parameter",
                &[("name", p.name), ("type", p.ty), ("default", p.default)],
            );
            out.push_str(&format!("    {head}\n        {}\n", p.doc));
        }
        out.push_str(&format!("  {}\n", t(lang, "controls.codes")));
        for c in kind.codes {
            out.push_str(&format!("    {}\n        {}\n", c.code, c.doc));
        }
        out.push('\n');
    }
    out.push_str(t(lang, "controls.common"));
    out.push('\n');
    out
}
