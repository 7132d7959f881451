//! The imported playbook as TOML text: a header that says where it came from, one `files`
//! control per translated rule, a merge gate, and what was not translated, as comments.

use super::{Draft, Param, Translation};

pub(super) fn playbook(t: &Translation, file_name: &str) -> String {
    let active = t.drafts.iter().filter(|d| d.disabled.is_none()).count();
    let mut out = format!(
        "# Imported by `gonogo playbook import` from {file} ({tool}).\n\
         # Levels: {levels}.\n\
         # {active} rule(s) translated, {commented} written commented out, {skipped} not translated\n\
         # (listed at the end). Review each control: it checks what the rule checked, in gonogo's terms.\n\n\
         [playbook]\nname = {name}\ndescription = {description}\n",
        file = one_line(file_name),
        tool = t.tool,
        levels = if t.tool == "alint" {
            "error → must, warning → should, info → may, off → not translated"
        } else {
            "error → must, warning → should, off → not translated"
        },
        commented = t.drafts.len() - active,
        skipped = t.skipped.len(),
        name = string(&format!("Imported from {file_name}")),
        description = string(&format!(
            "Translated from the {} rules of {file_name}",
            t.tool
        )),
    );
    for note in &t.notes {
        out.push_str(&format!("# Not translated: {}\n", one_line(note)));
    }
    for draft in &t.drafts {
        out.push('\n');
        let block = control(draft);
        match &draft.disabled {
            None => out.push_str(&block),
            Some(why) => {
                out.push_str(&format!("# Commented out: {}\n", one_line(why)));
                for line in block.lines() {
                    out.push_str(&format!("# {line}\n"));
                }
            }
        }
    }
    if active > 0 {
        out.push_str(
            "\n[gates.merge]\ndescription = \"Every imported control\"\ncontrols = [\"*\"]\n",
        );
    }
    if !t.skipped.is_empty() {
        out.push_str(&format!(
            "\n# ── Not translated from {} ──\n",
            one_line(file_name)
        ));
        for s in &t.skipped {
            out.push_str(&format!(
                "# {} ({}): {}\n",
                one_line(&s.rule),
                one_line(&s.kind),
                one_line(&s.why)
            ));
        }
    }
    out
}

fn control(d: &Draft) -> String {
    let mut out = String::new();
    out.push_str(&format!("# from rule `{}`\n", one_line(&d.rule)));
    for note in &d.notes {
        out.push_str(&format!("# note: {}\n", one_line(note)));
    }
    out.push_str("[[control]]\n");
    out.push_str(&format!("id = {}\n", string(&d.id)));
    out.push_str("kind = \"files\"\n");
    out.push_str(&format!("level = \"{}\"\n", d.level.as_str()));
    out.push_str(&format!("title = {}\n", string(&d.title)));
    if let Some(r) = &d.rationale {
        out.push_str(&format!("rationale = {}\n", string(r)));
    }
    if let Some(r) = &d.remediation {
        out.push_str(&format!("remediation = {}\n", string(r)));
    }
    for (key, value) in &d.params {
        let value = match value {
            Param::Bool(b) => b.to_string(),
            Param::List(items) => format!(
                "[{}]",
                items
                    .iter()
                    .map(|i| string(i))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        out.push_str(&format!("{key} = {value}\n"));
    }
    out
}

/// A TOML string: a literal string when it can be one (regexes keep their backslashes).
fn string(s: &str) -> String {
    if !s.contains(['\'', '\n', '\r']) && !s.chars().any(char::is_control) {
        format!("'{s}'")
    } else {
        toml::Value::String(s.to_string()).to_string()
    }
}

/// Text for a comment: one line, control characters replaced.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
