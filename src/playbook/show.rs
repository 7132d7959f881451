//! `gonogo playbook show`: the playbook as it is resolved, with every inherited control and gate
//! and the file each came from, for a reader who wants to know what will judge the repository.

use std::fmt::Write as _;

use super::{Language, Playbook};

/// The resolved playbook as text for people, in `lang`.
pub fn resolved_text(p: &Playbook, lang: Language) -> String {
    let de = lang == Language::De;
    let w = |en: &'static str, german: &'static str| if de { german } else { en };
    let top = &p.origin().name;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {}{}",
        w("Playbook", "Playbook"),
        p.meta.name,
        p.meta
            .version
            .as_deref()
            .map(|v| format!(" v{v}"))
            .unwrap_or_default()
    );
    let description = if de {
        p.meta
            .description_de
            .as_deref()
            .or(p.meta.description.as_deref())
    } else {
        p.meta.description.as_deref()
    };
    if let Some(d) = description {
        let _ = writeln!(out, "  {d}");
    }
    let chain: Vec<&str> = p.sources.iter().map(|s| s.name.as_str()).collect();
    let _ = writeln!(
        out,
        "{}: {}",
        w("Read from", "Gelesen aus"),
        chain.join(" ← ")
    );
    if let Some(l) = p.meta.language {
        let name = match l {
            Language::En => "en",
            Language::De => "de",
        };
        let _ = writeln!(out, "{}: {name}", w("Language", "Sprache"));
    }

    let _ = writeln!(
        out,
        "\n{} ({})",
        w("Controls", "Prüfkriterien"),
        p.controls.len()
    );
    for c in &p.controls {
        let title = match (&c.de, de) {
            (Some(t), true) => t.title.as_deref().unwrap_or(&c.title),
            _ => &c.title,
        };
        let origin = if c.location.source == *top {
            w("defined here", "hier festgelegt")
        } else {
            w("inherited", "geerbt")
        };
        let _ = writeln!(
            out,
            "  {:<28} {:<15} {:<6} {title}",
            c.id,
            c.kind,
            level(c.level, de)
        );
        let mut notes = vec![format!(
            "{origin}: {}:{}:{}",
            c.location.source, c.location.line, c.location.column
        )];
        if !c.tags.is_empty() {
            notes.push(format!("tags: {}", c.tags.join(", ")));
        }
        if c.locked {
            notes.push(match &c.waivable_by {
                Some(r) => format!(
                    "{} `{r}`",
                    w("locked, waivable by", "gesperrt, ausnehmbar durch")
                ),
                None => w("locked", "gesperrt").to_string(),
            });
        }
        let _ = writeln!(out, "  {:<28} {}", "", notes.join("; "));
    }

    let _ = writeln!(out, "\n{} ({})", w("Gates", "Quality Gates"), p.gates.len());
    for g in &p.gates {
        let description = if de {
            g.description_de.as_deref().or(g.description.as_deref())
        } else {
            g.description.as_deref()
        };
        let _ = writeln!(out, "  {}: {}", g.name, description.unwrap_or(""));
        let _ = writeln!(
            out,
            "    {}: {}",
            w("controls", "Prüfkriterien"),
            if g.controls.is_empty() {
                w("none", "keine").to_string()
            } else {
                g.controls.join(", ")
            }
        );
        if !g.approvals.is_empty() {
            let _ = writeln!(
                out,
                "    {}: {}",
                w("approvals by", "Freigabe durch"),
                g.approvals.join(", ")
            );
        }
    }

    if !p.roles.is_empty() {
        let _ = writeln!(out, "\n{} ({})", w("Roles", "Rollen"), p.roles.len());
        for r in &p.roles {
            let members: Vec<&str> = r.members.iter().map(|m| m.name.as_str()).collect();
            let waive: Vec<&str> = r.may_waive.iter().map(|l| level(*l, de)).collect();
            let _ = writeln!(
                out,
                "  {}: {}{}",
                r.name,
                if members.is_empty() {
                    w("no members", "keine Mitglieder").to_string()
                } else {
                    members.join(", ")
                },
                if waive.is_empty() {
                    String::new()
                } else {
                    format!(
                        " ({} {})",
                        w("may waive", "darf ausnehmen:"),
                        waive.join(", ")
                    )
                }
            );
        }
    }
    let _ = writeln!(
        out,
        "\n{}: {} ({} {}/{}/{} {})",
        w("Waivers", "Ausnahmegenehmigungen"),
        p.waivers.file,
        w("at most", "höchstens"),
        p.waivers.max_days_must,
        p.waivers.max_days_should,
        p.waivers.max_days_may,
        w("days for must/should/may", "Tage für MUSS/SOLL/KANN")
    );
    if let Some(owners) = &p.policy.owners {
        let _ = writeln!(
            out,
            "{}: `{owners}`",
            w(
                "Rule changes approved by",
                "Regeländerungen freigegeben durch"
            )
        );
    }
    out
}

fn level(l: super::Level, german: bool) -> &'static str {
    match (l, german) {
        (super::Level::Must, false) => "must",
        (super::Level::Should, false) => "should",
        (super::Level::May, false) => "may",
        (super::Level::Must, true) => "MUSS",
        (super::Level::Should, true) => "SOLL",
        (super::Level::May, true) => "KANN",
    }
}
