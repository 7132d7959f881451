//! `gonogo controls`: every control kind with its parameters and finding codes.

use crate::controls::KINDS;
use crate::render::i18n::{Language, t, tf};

/// What each kind checks, in German; the registry holds the English (`KindInfo::summary`).
const SUMMARIES_DE: &[(&str, &str)] = &[
    (
        "files",
        "Geforderte und verbotene Pfade oder Globs sowie reguläre Ausdrücke, auf die ihr Inhalt \
         passen muss oder nicht passen darf",
    ),
    (
        "adr",
        "Architekturentscheidungen (ADRs): vorhanden, wohlgeformt, fortlaufend nummeriert und \
         verknüpft; berichtet das Entscheidungsprotokoll",
    ),
    (
        "runbook",
        "Jeder Dienst (oder jede passende Datei) hat ein Runbook mit den geforderten Abschnitten, \
         einer verantwortlichen Person und einer aktuellen Prüfung",
    ),
    (
        "dod",
        "Eine Definition of Done mit den geforderten Checklistenpunkten, eine vollständig \
         abgehakte Release-Checkliste, eine Pull-Request-Vorlage mit Checkliste",
    ),
    (
        "changes",
        "Ändern sich Pfade, die auf `when` passen, muss sich auch ein Pfad ändern, der auf \
         `require` passt (vergleicht die Änderungen von --base, --staged oder einer \
         Merge-Request-Pipeline; an einem Release-Gate die Änderungen seit dem vorigen Release)",
    ),
    (
        "release",
        "Seit dem vorigen Release-Tag: geforderte Änderungen (z. B. eine entschiedene ADR); ein \
         Changelog-Eintrag und eine Checkliste für diese Version",
    ),
    (
        "tests",
        "Testdateien je erkanntem Ökosystem, je Modul und ein Mindestverhältnis von Test- zu \
         Quelldateien; bei Änderungen brauchen geänderte Quellen geänderte Tests",
    ),
    (
        "ownership",
        "Eine CODEOWNERS-Datei (GitHub oder GitLab), die gültig ist und die Dateien und \
         kritischen Pfade abdeckt; wahlweise ein erreichbarer Kontakt",
    ),
    (
        "gate-evidence",
        "Der Nachweis eines früheren Quality Gates ist gespeichert (als Datei oder git-Notiz), \
         nennt dieses Gate, dieses Repository und den geprüften Commit oder einen Vorgänger, ist \
         unverändert und erfüllt",
    ),
    (
        "risks",
        "Ein Risikoregister mit Verantwortlichen, Maßnahmen und Prüfungen; rote Risiken \
         blockieren, sofern keine Entscheidung sie akzeptiert hat; Ampel und Trend je Risiko",
    ),
    (
        "decision-rights",
        "Entscheidungsrechte (RACI light): genau eine rechenschaftspflichtige Rolle (A) je \
         Entscheidungsart, Rollen aus dem Playbook, ein Eskalationspfad über erreichbare Rollen \
         und jede anderswo genannte verantwortliche Person in einer Rolle",
    ),
    (
        "handover",
        "Ein Übergabedokument mit Abschnitten zu Zugängen, Schnittstellen, Systemgrenzen, \
         Kontakten (Rolle und Erreichbarkeit), Sicherung/Wiederherstellung und Ausstieg, ohne \
         Geheimnisse darin",
    ),
];

/// What a kind checks, in `lang`.
fn summary(kind: &crate::controls::KindInfo, lang: Language) -> &'static str {
    match lang {
        Language::De => SUMMARIES_DE
            .iter()
            .find(|(name, _)| *name == kind.name)
            .map_or(kind.summary, |(_, de)| *de),
        Language::En => kind.summary,
    }
}

/// The text of `gonogo controls`: the framing and each kind's summary in `lang`; the parameters'
/// and finding codes' documentation are the registry's (English).
pub fn controls_text(lang: Language) -> String {
    let mut out = String::new();
    for kind in KINDS {
        out.push_str(&format!(
            "{}\n  {}\n  {}\n",
            kind.name,
            summary(kind, lang),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_german_summary() {
        for kind in KINDS {
            assert!(
                SUMMARIES_DE.iter().any(|(name, _)| *name == kind.name),
                "no German summary of `{}`",
                kind.name
            );
        }
        assert_eq!(
            SUMMARIES_DE.len(),
            KINDS.len(),
            "German of a kind that is gone"
        );
    }
}
