//! `gonogo controls`: every control kind with its parameters and finding codes.

use super::controls_de as de;
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

/// What a parameter or finding code of `kind` means, in `lang`.
fn doc(kind: &str, item: &str, english: &'static str, lang: Language) -> &'static str {
    if lang == Language::En {
        return english;
    }
    de::DOCS_DE
        .iter()
        .find_map(|line| {
            let rest = line.strip_prefix(kind)?.strip_prefix('|')?;
            rest.strip_prefix(item)?.strip_prefix('|')
        })
        .unwrap_or(english)
}

/// A parameter's default as German readers read it: the few written as words, translated.
fn default_in(default: &'static str, lang: Language) -> &'static str {
    const DE: &[(&str, &str)] = &[
        ("required", "Pflichtangabe"),
        ("the required files", "die geforderten Dateien"),
        (
            "DEFINITION_OF_DONE.md, DEFINITION-OF-DONE.md, DOD.md, and the same in docs/ and .github/",
            "DEFINITION_OF_DONE.md, DEFINITION-OF-DONE.md, DOD.md, ebenso in docs/ und .github/",
        ),
        (
            "qa/gates/GATE.json unless notes-ref is given",
            "qa/gates/GATE.json, außer mit notes-ref",
        ),
        (
            "all: `access`, `interfaces`, `boundaries`, `contacts`, `restore`, `exit`",
            "alle: `access`, `interfaces`, `boundaries`, `contacts`, `restore`, `exit`",
        ),
    ];
    match lang {
        Language::De => DE
            .iter()
            .find(|(en, _)| *en == default)
            .map_or(default, |(_, de)| *de),
        Language::En => default,
    }
}

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
                &[
                    ("name", p.name),
                    ("type", p.ty),
                    ("default", default_in(p.default, lang)),
                ],
            );
            let text = doc(kind.name, p.name, p.doc, lang);
            out.push_str(&format!("    {head}\n        {text}\n"));
        }
        out.push_str(&format!("  {}\n", t(lang, "controls.codes")));
        for c in kind.codes {
            let text = doc(kind.name, c.code, c.doc, lang);
            out.push_str(&format!("    {}\n        {text}\n", c.code));
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

    #[test]
    fn every_parameter_and_code_has_german() {
        let mut missing = Vec::new();
        let mut count = 0;
        for kind in KINDS {
            let items = kind
                .params
                .iter()
                .map(|p| (p.name, p.doc))
                .chain(kind.codes.iter().map(|c| (c.code, c.doc)));
            for (item, english) in items {
                count += 1;
                if doc(kind.name, item, english, Language::De) == english {
                    missing.push(format!("{}|{item}", kind.name));
                }
            }
        }
        assert_eq!(missing, Vec::<String>::new(), "no German in controls_de.rs");
        assert_eq!(
            de::DOCS_DE.len(),
            count,
            "German of a parameter or code that is gone"
        );
    }
}
