//! The starter playbook `gonogo init` writes: it extends a preset and is exactly as strict as it.
//! Every inherited control is listed as a commented block to tune, every gate as a comment.

use super::kinds::ControlKinds;
use super::{PlaybookChoice, load, preset_text};

/// The gate the pre-commit hook decides when the playbook defines it (else `merge`).
pub const HOOK_GATE: &str = "commit";

/// The starter text for `preset`, or `None` when there is no such preset.
pub fn starter_playbook(preset: &str, kinds: &dyn ControlKinds) -> Option<String> {
    starter_playbook_in(preset, kinds, super::Language::En)
}

/// The starter text for `preset` with its comments in `lang`; a German playbook also sets
/// `language = "de"`, so its reports are German without `--lang`.
pub fn starter_playbook_in(
    preset: &str,
    kinds: &dyn ControlKinds,
    lang: super::Language,
) -> Option<String> {
    preset_text(preset)?;
    let schema = super::json_schema::SCHEMA_FILE;
    let resolved = load(&PlaybookChoice::Preset(preset.to_string()), kinds).ok()?;
    let hook_gate = if resolved.gate(HOOK_GATE).is_some() {
        HOOK_GATE
    } else {
        "merge"
    };
    let german = lang == super::Language::De;
    let header = if german { HEADER_DE } else { HEADER_EN };
    let mut out = header
        .replace("{schema}", schema)
        .replace("{preset}", preset)
        .replace("{hook_gate}", hook_gate);
    out.push_str(&if german {
        format!("\n# ── Die Prüfkriterien von preset:{preset}, wie es sie festlegt ──\n")
    } else {
        format!("\n# ── The controls of preset:{preset}, as it defines them ──\n")
    });
    for (_, block) in inherited_controls(preset) {
        out.push('\n');
        for line in block.lines() {
            out.push_str(if line.is_empty() { "#" } else { "# " });
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push_str(&if german {
        format!(
            "\n# ── Die Quality Gates von preset:{preset}; eine Tabelle [gates.NAME] hier ersetzt eines ──\n"
        )
    } else {
        format!("\n# ── The gates of preset:{preset}; a [gates.NAME] table here replaces one ──\n")
    });
    for gate in &resolved.gates {
        let description = if german {
            gate.description_de
                .as_deref()
                .or(gate.description.as_deref())
        } else {
            gate.description.as_deref()
        };
        let none = if german {
            "keine Prüfkriterien"
        } else {
            "no controls"
        };
        out.push_str(&format!(
            "# {}: {} ({})\n",
            gate.name,
            description.unwrap_or(if german {
                "ohne Beschreibung"
            } else {
                "no description"
            }),
            if gate.controls.is_empty() {
                none.to_string()
            } else {
                gate.controls.join(", ")
            }
        ));
    }
    Some(out)
}

const HEADER_EN: &str = r#"#:schema ./{schema}
# gonogo playbook: the guardrails and go/no-go criteria agreed for this repository.
# Reference: docs/playbook.md. Check it with `gonogo playbook validate`. The first line names
# the JSON Schema (`gonogo playbook schema`) that taplo and Even Better TOML complete keys from.
#
# It extends preset:{preset} and is exactly as strict as that preset: every control and gate of
# the preset applies. To tune a control, uncomment its block below and change a parameter; the
# block replaces the preset's control of the same id. A lower level or a `disable` makes the
# playbook weaker than the preset: record why (an ADR, a waiver with an expiry).
#
# `gonogo check` decides the `merge` gate, or `release` when the commit is a release tag;
# `--gate NAME` picks another. `gonogo hook install` decides the `{hook_gate}` gate on each commit.

[playbook]
name = "My service"
version = "0.1.0"
# owner = "platform-team"
# language = "de"               # texts for people: "en" or "de"
extends = ["preset:{preset}"]
# disable = ["codeowners"]      # switch off an inherited control (weaker than the preset)

# A control of your own: id (stable), kind (see `gonogo controls`), level (must | should | may).
# [[control]]
# id = "changelog"
# kind = "files"
# level = "should"
# title = "Changes are recorded in a changelog"
# remediation = "Add CHANGELOG.md (see https://keepachangelog.com)."
# require = ["{CHANGELOG,CHANGES,HISTORY}{,.md}"]
# case-insensitive = true
"#;

const HEADER_DE: &str = r#"#:schema ./{schema}
# gonogo-Playbook: die für dieses Repository vereinbarten Leitplanken und Go/No-Go-Kriterien.
# Referenz: docs/playbook.md. Prüfen mit `gonogo playbook validate`. Die erste Zeile nennt das
# JSON-Schema (`gonogo playbook schema`), aus dem taplo und Even Better TOML Schlüssel ergänzen.
#
# Es erweitert preset:{preset} und ist genau so streng wie dieses: jedes Prüfkriterium und jedes
# Quality Gate des Presets gilt. Um ein Prüfkriterium anzupassen, seinen Block unten
# einkommentieren und einen Parameter ändern; der Block ersetzt das Prüfkriterium des Presets mit
# derselben id. Eine niedrigere Verbindlichkeit (level) oder ein `disable` macht das Playbook
# schwächer als das Preset: den Grund festhalten (ein ADR, eine befristete
# Ausnahmegenehmigung).
#
# `gonogo check` entscheidet das Quality Gate `merge`, bei einem Release-Tag `release`;
# `--gate NAME` wählt ein anderes. `gonogo hook install` entscheidet bei jedem Commit das
# Quality Gate `{hook_gate}`.

[playbook]
name = "Mein Service"
version = "0.1.0"
# owner = "plattform-team"
language = "de"                 # Texte für Menschen: "de" oder "en"
extends = ["preset:{preset}"]
# disable = ["codeowners"]      # ein geerbtes Prüfkriterium abschalten (schwächer als das Preset)

# Ein eigenes Prüfkriterium: id (stabil), kind (siehe `gonogo controls`), level (MUSS | SOLL | KANN).
# [[control]]
# id = "changelog"
# kind = "files"
# level = "soll"
# title = "Changes are recorded in a changelog"
# de.title = "Änderungen sind in einem Changelog festgehalten"
# de.remediation = "CHANGELOG.md anlegen (siehe https://keepachangelog.com)."
# require = ["{CHANGELOG,CHANGES,HISTORY}{,.md}"]
# case-insensitive = true
"#;

/// Each control block of the preset and of what it extends, base first, replaced by id as the
/// loader replaces them.
fn inherited_controls(preset: &str) -> Vec<(String, String)> {
    let mut controls: Vec<(String, String)> = Vec::new();
    let mut seen = Vec::new();
    collect(preset, &mut controls, &mut seen);
    controls
}

fn collect(preset: &str, controls: &mut Vec<(String, String)>, seen: &mut Vec<String>) {
    let Some(text) = preset_text(preset) else {
        return;
    };
    if seen.iter().any(|s| s == preset) {
        return;
    }
    seen.push(preset.to_string());
    for base in extended_presets(text) {
        collect(&base, controls, seen);
    }
    for (id, block) in control_blocks(text) {
        match controls.iter_mut().find(|(i, _)| *i == id) {
            Some(slot) => slot.1 = block,
            None => controls.push((id, block)),
        }
    }
}

fn extended_presets(text: &str) -> Vec<String> {
    let Ok(table) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    table
        .get("playbook")
        .and_then(|p| p.get("extends"))
        .and_then(|e| e.as_array())
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str()?.strip_prefix("preset:").map(str::to_string))
        .collect()
}

/// The `[[control]]` blocks of a playbook text, verbatim, with their ids.
fn control_blocks(text: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        // Headers start at the margin; nested arrays inside a value are indented.
        let header = line.starts_with('[');
        if header && let Some(block) = current.take() {
            blocks.push(block);
        }
        if line.trim() == "[[control]]" {
            current = Some(String::new());
        }
        if let Some(block) = current.as_mut() {
            block.push_str(line);
            block.push('\n');
        }
    }
    blocks.extend(current);
    blocks
        .into_iter()
        .filter_map(|block| {
            // Comments after a block introduce the next table, not this control.
            let kept: Vec<&str> = block.lines().collect();
            let end = kept
                .iter()
                .rposition(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
            let body = kept[..=end].join("\n");
            let table = body.parse::<toml::Table>().ok()?;
            let id = table
                .get("control")?
                .as_array()?
                .first()?
                .get("id")?
                .as_str()?
                .to_string();
            Some((id, body))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_of_a_chain_are_replaced_by_id() {
        let blocks = inherited_controls("handover");
        let ids: Vec<&str> = blocks.iter().map(|(id, _)| id.as_str()).collect();
        assert!(ids.contains(&"readme"), "{ids:?}");
        let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
        assert_eq!(unique.len(), ids.len(), "each id once: {ids:?}");
        assert!(blocks.iter().all(|(_, b)| b.starts_with("[[control]]")));
    }
}
