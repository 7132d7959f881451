//! `gonogo controls`: every control kind with its parameters and finding codes.

use crate::controls::KINDS;

/// The text of `gonogo controls`.
pub fn controls_text() -> String {
    let mut out = String::new();
    for kind in KINDS {
        out.push_str(&format!(
            "{}
  {}
  parameters:
",
            kind.name, kind.summary
        ));
        for p in kind.params {
            out.push_str(&format!(
                "    {} ({}, default {})
        {}\n",
                p.name, p.ty, p.default, p.doc
            ));
        }
        out.push_str("  finding codes:\n");
        for c in kind.codes {
            out.push_str(&format!("    {}\n        {}\n", c.code, c.doc));
        }
        out.push('\n');
    }
    out.push_str("Every control also takes: id, kind, level (must|should|may), title, rationale, remediation, tags,\napplies-if, only-if-changed, fresh-within, fresh-within-commits. See docs/playbook.md.\n");
    out
}
