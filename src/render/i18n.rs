//! Texts for people in English and German, keyed by stable message ids.
//!
//! Every renderer takes its words from here; `{name}` placeholders are filled by [`tf`]. Finding
//! messages come from the controls in English and are shown as they are; the framing around them
//! (labels, headings, decisions, statuses, summaries) is translated. A test keeps both catalogues
//! on the same keys and placeholders.

use crate::evidence::{Decision, Status};
pub use crate::playbook::Language;
use crate::playbook::Level;

/// The language for a run: `--lang`, else the playbook's `language`, else `LC_ALL` /
/// `LC_MESSAGES` / `LANG` (the first one set; `de…` means German), else English.
pub fn resolve(explicit: Option<Language>, playbook: Option<Language>) -> Language {
    explicit
        .or(playbook)
        .or_else(|| from_locale(|k| std::env::var(k).ok()))
        .unwrap_or_default()
}

/// The language a POSIX locale environment asks for, if it names one gonogo has.
pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Option<Language> {
    let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| var(k))
        .find(|v| !v.trim().is_empty())?;
    let lower = value.to_ascii_lowercase();
    if lower.starts_with("de") {
        Some(Language::De)
    } else if lower.starts_with("en") {
        Some(Language::En)
    } else {
        None
    }
}

/// The catalogue of one language.
pub fn catalogue(lang: Language) -> &'static [(&'static str, &'static str)] {
    match lang {
        Language::En => EN,
        Language::De => DE,
    }
}

/// The text of `key`; English when the language lacks it (a test forbids that), else the key.
pub fn t(lang: Language, key: &'static str) -> &'static str {
    lookup(catalogue(lang), key)
        .or_else(|| lookup(EN, key))
        .unwrap_or(key)
}

fn lookup(cat: &'static [(&'static str, &'static str)], key: &str) -> Option<&'static str> {
    cat.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// The text of `key` with each `{name}` replaced by its value.
pub fn tf(lang: Language, key: &'static str, args: &[(&str, &str)]) -> String {
    let mut out = t(lang, key).to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

pub fn decision(lang: Language, d: Decision) -> &'static str {
    t(
        lang,
        match d {
            Decision::Go => "decision.go",
            Decision::GoWithConditions => "decision.conditions",
            Decision::NoGo => "decision.no-go",
        },
    )
}

pub fn status(lang: Language, s: Status) -> &'static str {
    t(
        lang,
        match s {
            Status::Pass => "status.pass",
            Status::Fail => "status.fail",
            Status::NotApplicable => "status.na",
            Status::Error => "status.error",
            Status::Waived => "status.waived",
            Status::Baselined => "status.baselined",
        },
    )
}

pub fn level(lang: Language, l: Level) -> &'static str {
    t(
        lang,
        match l {
            Level::Must => "level.must",
            Level::Should => "level.should",
            Level::May => "level.may",
        },
    )
}

/// The language code, for `lang` attributes.
pub fn code(lang: Language) -> &'static str {
    match lang {
        Language::En => "en",
        Language::De => "de",
    }
}

const EN: &[(&str, &str)] = &[
    ("decision.go", "GO"),
    ("decision.conditions", "GO WITH CONDITIONS"),
    ("decision.no-go", "NO-GO"),
    ("status.pass", "PASS"),
    ("status.fail", "FAIL"),
    ("status.na", "N/A"),
    ("status.error", "ERROR"),
    ("status.waived", "WAIVED"),
    ("status.baselined", "BASELINED"),
    ("waivers.heading", "Waivers"),
    (
        "waivers.columns",
        "Waiver|Control|State|Expires|Approved by|Ticket",
    ),
    ("waivers.suppressed", "waived by {reference}"),
    ("baseline.suppressed", "already in the baseline"),
    ("level.must", "must"),
    ("level.should", "should"),
    ("level.may", "may"),
    // Terminal output.
    ("human.decision", "Decision:"),
    ("human.decision-gate", "gate `{gate}`: {decision}{detail}"),
    ("human.failing", "{n} {level} failing"),
    ("human.no-commit", "working folder (no commit)"),
    (
        "human.repository",
        "Repository: {root} ({target}, {mode} mode, {files} files)",
    ),
    ("human.playbook", "Playbook:   {path} — {name}{version}"),
    (
        "human.base",
        "Base:       {reference} @ {commit} (from {source})",
    ),
    (
        "human.as-of",
        "As of:      {date} (from {source}, not today's date)",
    ),
    ("human.warning", "warning:"),
    ("human.policy", "Policy:     {origin}"),
    ("human.mode-merge-request", "merge request"),
    (
        "policy.base",
        "read from {ref} @ {commit}, the merge request's target",
    ),
    (
        "policy.policy-ref",
        "read from the policy revision {ref} @ {commit}",
    ),
    (
        "policy.commit",
        "read from the checked commit {ref} @ {commit}",
    ),
    (
        "policy.head",
        "read from HEAD @ {commit} (the index is checked against it)",
    ),
    (
        "policy.worktree",
        "read from the files on disk (not trusted: the checked state supplies its own rules)",
    ),
    (
        "policy.directory",
        "read from the folder (not trusted: the checked state supplies its own rules)",
    ),
    ("policy.command-line", "a file named on the command line"),
    ("policy.preset", "an embedded preset"),
    (
        "policy.approved-change",
        "the merge request's own rules, approved over {ref} @ {commit}",
    ),
    ("report.policy", "Policy source"),
    ("human.col-control", "CONTROL"),
    ("human.col-level", "LEVEL"),
    ("human.col-status", "STATUS"),
    ("human.col-title", "TITLE"),
    ("human.fix", "fix:"),
    // Issues that stand in for findings.
    (
        "issue.error",
        "The control could not be evaluated: {reason}",
    ),
    ("issue.fail", "The control failed: {title}"),
    // Reports (Markdown, HTML).
    ("report.title", "Go/no-go report"),
    ("report.gate", "Gate `{gate}`"),
    ("report.decision", "Decision"),
    ("report.explain-go", "Every must and should control passes."),
    (
        "report.explain-conditions",
        "No must control fails; {n} should control(s) fail: go only with these conditions accepted or fixed.",
    ),
    (
        "report.explain-no-go",
        "{n} must control(s) fail or could not be evaluated: the gate is closed.",
    ),
    ("report.strict", "strict: conditions count as NO-GO"),
    ("report.repository", "Repository"),
    ("report.commit", "Commit"),
    ("report.no-commit", "working folder, not bound to a commit"),
    ("report.playbook", "Playbook"),
    ("report.generated", "Generated"),
    (
        "report.counts",
        "{total} controls: {pass} passed, {fail} failed, {error} errors, {na} not applicable",
    ),
    ("report.controls", "Controls"),
    ("report.col-light", "Light"),
    ("report.col-control", "Control"),
    ("report.col-level", "Level"),
    ("report.col-status", "Status"),
    ("report.col-title", "Title"),
    ("report.col-findings", "Findings"),
    ("report.findings", "Findings"),
    ("report.no-findings", "No findings."),
    ("report.reason", "Reason"),
    ("report.fix", "Fix"),
    ("report.rationale", "Why"),
    ("report.evidence", "Evidence"),
    ("report.no-evidence", "No evidence items."),
    ("report.col-path", "Path"),
    ("report.col-blob", "Blob"),
    ("report.col-note", "Note"),
    ("report.decision-log", "Decision log"),
    ("report.decision-log-of", "Decision log of `{control}`"),
    ("report.col-id", "ID"),
    ("report.col-date", "Date"),
    ("report.no-status", "no status"),
    ("report.warnings", "Warnings"),
    (
        "report.footer",
        "gonogo {version} · evidence schema {schema} · playbook SHA-256 {sha}",
    ),
    ("report.more", "… and {n} more"),
    ("report.changes", "{n} changed path(s) against {base}"),
    // The one-page management summary.
    ("summary.title", "Go/no-go summary: {name}"),
    ("summary.decision", "Decision"),
    ("summary.top-risks", "Top risks"),
    ("summary.no-risks", "No control fails."),
    ("summary.risk-more", "(+{n} more findings)"),
    ("summary.before-go", "What must happen before go"),
    ("summary.before-go-none", "Nothing: the gate is open."),
    ("summary.before-go-must", "Must be fixed (blocks the gate)"),
    (
        "summary.before-go-should",
        "Fix, or accept as a condition of go",
    ),
    (
        "summary.assumptions",
        "Assumptions and limits of this check",
    ),
    (
        "summary.scope",
        "The check covers {files} files of {target}, as recorded in the evidence; nothing outside the repository was looked at.",
    ),
    (
        "summary.presence",
        "gonogo checks that required artifacts exist and are well-formed (structure, status, dates, ownership, links); it does not judge whether their content is right.",
    ),
    (
        "summary.playbook",
        "The criteria are those of playbook {path} ({name}, SHA-256 {sha}); another playbook or gate can decide differently.",
    ),
    ("summary.not-evaluated", "Not evaluated: {list}."),
    (
        "summary.verify",
        "The decision holds for this state only; `gonogo verify` repeats it from the evidence file.",
    ),
    ("summary.strict", "Strict mode: conditions count as NO-GO."),
    // SARIF, JUnit, Code Quality, GitHub.
    (
        "tool.fallback-location",
        "Defined in {source} (not a file in this repository).",
    ),
    (
        "tool.no-remediation",
        "See the control's rationale and the playbook.",
    ),
    ("tool.decision", "gonogo: gate `{gate}` is {decision}"),
    ("tool.passed", "The control passes."),
    ("tool.not-applicable", "Not applicable: {reason}"),
];

const DE: &[(&str, &str)] = &[
    ("decision.go", "GO"),
    ("decision.conditions", "GO MIT AUFLAGEN"),
    ("decision.no-go", "NO-GO"),
    ("status.pass", "ERFÜLLT"),
    ("status.fail", "NICHT ERFÜLLT"),
    ("status.na", "ENTFÄLLT"),
    ("status.error", "FEHLER"),
    ("status.waived", "AUSNAHME"),
    ("status.baselined", "BASELINE"),
    ("waivers.heading", "Ausnahmen"),
    (
        "waivers.columns",
        "Ausnahme|Kontrolle|Stand|Läuft ab|Genehmigt von|Ticket",
    ),
    ("waivers.suppressed", "ausgenommen durch {reference}"),
    ("baseline.suppressed", "bereits in der Baseline"),
    ("level.must", "muss"),
    ("level.should", "soll"),
    ("level.may", "kann"),
    ("human.decision", "Entscheidung:"),
    ("human.decision-gate", "Gate `{gate}`: {decision}{detail}"),
    ("human.failing", "{n} {level} nicht erfüllt"),
    ("human.no-commit", "Arbeitsordner (kein Commit)"),
    (
        "human.repository",
        "Repository: {root} ({target}, Modus {mode}, {files} Dateien)",
    ),
    ("human.playbook", "Playbook:   {path} — {name}{version}"),
    (
        "human.base",
        "Basis:      {reference} @ {commit} (aus {source})",
    ),
    (
        "human.as-of",
        "Stichtag:   {date} (aus {source}, nicht das heutige Datum)",
    ),
    ("human.warning", "Warnung:"),
    ("human.policy", "Regeln:     {origin}"),
    ("human.mode-merge-request", "Merge-Request"),
    (
        "policy.base",
        "gelesen aus {ref} @ {commit}, dem Ziel des Merge Requests",
    ),
    (
        "policy.policy-ref",
        "gelesen aus der Richtlinien-Revision {ref} @ {commit}",
    ),
    (
        "policy.commit",
        "gelesen aus dem geprüften Commit {ref} @ {commit}",
    ),
    (
        "policy.head",
        "gelesen aus HEAD @ {commit} (der Index wird daran gemessen)",
    ),
    (
        "policy.worktree",
        "gelesen aus den Dateien auf der Festplatte (nicht vertrauenswürdig: der geprüfte Stand liefert seine eigenen Regeln)",
    ),
    (
        "policy.directory",
        "gelesen aus dem Ordner (nicht vertrauenswürdig: der geprüfte Stand liefert seine eigenen Regeln)",
    ),
    (
        "policy.command-line",
        "eine auf der Kommandozeile angegebene Datei",
    ),
    ("policy.preset", "eine eingebettete Vorlage"),
    (
        "policy.approved-change",
        "die eigenen Regeln des Merge Requests, freigegeben gegenüber {ref} @ {commit}",
    ),
    ("report.policy", "Herkunft der Regeln"),
    ("human.col-control", "KONTROLLE"),
    ("human.col-level", "STUFE"),
    ("human.col-status", "STATUS"),
    ("human.col-title", "TITEL"),
    ("human.fix", "Abhilfe:"),
    (
        "issue.error",
        "Die Kontrolle konnte nicht ausgewertet werden: {reason}",
    ),
    ("issue.fail", "Die Kontrolle ist nicht erfüllt: {title}"),
    ("report.title", "Go/No-Go-Bericht"),
    ("report.gate", "Gate `{gate}`"),
    ("report.decision", "Entscheidung"),
    (
        "report.explain-go",
        "Alle Muss- und Soll-Kontrollen sind erfüllt.",
    ),
    (
        "report.explain-conditions",
        "Keine Muss-Kontrolle ist verletzt; {n} Soll-Kontrolle(n) nicht erfüllt: Go nur, wenn diese Auflagen akzeptiert oder behoben werden.",
    ),
    (
        "report.explain-no-go",
        "{n} Muss-Kontrolle(n) nicht erfüllt oder nicht auswertbar: das Gate ist geschlossen.",
    ),
    ("report.strict", "streng: Auflagen gelten als NO-GO"),
    ("report.repository", "Repository"),
    ("report.commit", "Commit"),
    (
        "report.no-commit",
        "Arbeitsordner, an keinen Commit gebunden",
    ),
    ("report.playbook", "Playbook"),
    ("report.generated", "Erstellt"),
    (
        "report.counts",
        "{total} Kontrollen: {pass} erfüllt, {fail} nicht erfüllt, {error} Fehler, {na} entfallen",
    ),
    ("report.controls", "Kontrollen"),
    ("report.col-light", "Ampel"),
    ("report.col-control", "Kontrolle"),
    ("report.col-level", "Stufe"),
    ("report.col-status", "Status"),
    ("report.col-title", "Titel"),
    ("report.col-findings", "Befunde"),
    ("report.findings", "Befunde"),
    ("report.no-findings", "Keine Befunde."),
    ("report.reason", "Grund"),
    ("report.fix", "Abhilfe"),
    ("report.rationale", "Warum"),
    ("report.evidence", "Nachweise"),
    ("report.no-evidence", "Keine Nachweise."),
    ("report.col-path", "Pfad"),
    ("report.col-blob", "Blob"),
    ("report.col-note", "Hinweis"),
    ("report.decision-log", "Entscheidungsprotokoll"),
    (
        "report.decision-log-of",
        "Entscheidungsprotokoll von `{control}`",
    ),
    ("report.col-id", "ID"),
    ("report.col-date", "Datum"),
    ("report.no-status", "kein Status"),
    ("report.warnings", "Warnungen"),
    (
        "report.footer",
        "gonogo {version} · Evidenz-Schema {schema} · Playbook-SHA-256 {sha}",
    ),
    ("report.more", "… und {n} weitere"),
    (
        "report.changes",
        "{n} geänderte(r) Pfad(e) gegenüber {base}",
    ),
    ("summary.title", "Go/No-Go-Zusammenfassung: {name}"),
    ("summary.decision", "Entscheidung"),
    ("summary.top-risks", "Größte Risiken"),
    ("summary.no-risks", "Keine Kontrolle ist verletzt."),
    ("summary.risk-more", "(+{n} weitere Befunde)"),
    ("summary.before-go", "Was vor dem Go geschehen muss"),
    ("summary.before-go-none", "Nichts: das Gate ist offen."),
    (
        "summary.before-go-must",
        "Muss behoben werden (blockiert das Gate)",
    ),
    (
        "summary.before-go-should",
        "Beheben oder als Auflage des Go akzeptieren",
    ),
    ("summary.assumptions", "Annahmen und Grenzen dieser Prüfung"),
    (
        "summary.scope",
        "Geprüft wurden {files} Dateien von {target}, wie in der Evidenz festgehalten; nichts außerhalb des Repositorys wurde betrachtet.",
    ),
    (
        "summary.presence",
        "gonogo prüft, dass geforderte Artefakte vorhanden und wohlgeformt sind (Struktur, Status, Daten, Zuständigkeiten, Verweise); ob ihr Inhalt richtig ist, beurteilt es nicht.",
    ),
    (
        "summary.playbook",
        "Die Kriterien sind die des Playbooks {path} ({name}, SHA-256 {sha}); ein anderes Playbook oder Gate kann anders entscheiden.",
    ),
    ("summary.not-evaluated", "Nicht ausgewertet: {list}."),
    (
        "summary.verify",
        "Die Entscheidung gilt nur für diesen Stand; `gonogo verify` wiederholt sie aus der Evidenzdatei.",
    ),
    (
        "summary.strict",
        "Strenger Modus: Auflagen gelten als NO-GO.",
    ),
    (
        "tool.fallback-location",
        "Definiert in {source} (keine Datei dieses Repositorys).",
    ),
    (
        "tool.no-remediation",
        "Siehe die Begründung der Kontrolle und das Playbook.",
    ),
    ("tool.decision", "gonogo: Gate `{gate}` ist {decision}"),
    ("tool.passed", "Die Kontrolle ist erfüllt."),
    ("tool.not-applicable", "Entfällt: {reason}"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(text: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut rest = text;
        while let Some(start) = rest.find('{') {
            let after = &rest[start + 1..];
            match after.find('}') {
                Some(end) => {
                    out.insert(after[..end].to_string());
                    rest = &after[end + 1..];
                }
                None => break,
            }
        }
        out
    }

    #[test]
    fn both_catalogues_have_the_same_keys_placeholders_and_no_empty_text() {
        for lang in [Language::En, Language::De] {
            let keys: Vec<&str> = catalogue(lang).iter().map(|(k, _)| *k).collect();
            let unique: BTreeSet<&str> = keys.iter().copied().collect();
            assert_eq!(keys.len(), unique.len(), "{lang:?} repeats a key");
            for (k, v) in catalogue(lang) {
                assert!(!v.trim().is_empty(), "{lang:?}: `{k}` is empty");
            }
        }
        let en: BTreeSet<&str> = EN.iter().map(|(k, _)| *k).collect();
        let de: BTreeSet<&str> = DE.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            en.difference(&de).collect::<Vec<_>>(),
            Vec::<&&str>::new(),
            "missing in German"
        );
        assert_eq!(
            de.difference(&en).collect::<Vec<_>>(),
            Vec::<&&str>::new(),
            "missing in English"
        );
        for (k, v) in EN {
            assert_eq!(
                placeholders(v),
                placeholders(lookup(DE, k).unwrap_or_default()),
                "placeholders of `{k}` differ"
            );
        }
    }

    #[test]
    fn locale_variables_pick_the_language() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            from_locale(env(&[("LANG", "de_DE.UTF-8")])),
            Some(Language::De)
        );
        assert_eq!(
            from_locale(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "de_DE.UTF-8")])),
            Some(Language::En)
        );
        assert_eq!(from_locale(env(&[("LANG", "C")])), None);
        assert_eq!(from_locale(env(&[])), None);
        assert_eq!(
            resolve(Some(Language::De), Some(Language::En)),
            Language::De
        );
        assert_eq!(resolve(None, Some(Language::De)), Language::De);
    }

    #[test]
    fn labels_are_translated() {
        assert_eq!(
            decision(Language::De, Decision::GoWithConditions),
            "GO MIT AUFLAGEN"
        );
        assert_eq!(status(Language::En, Status::NotApplicable), "N/A");
        assert_eq!(
            tf(
                Language::En,
                "human.failing",
                &[("n", "2"), ("level", "must")]
            ),
            "2 must failing"
        );
    }
}
