//! What an evidence item shows ("matches `README*`"), for German readers: the controls write
//! these notes in English into the evidence; the renderers (`--explain`, HTML, Markdown) show
//! them through this table. `{0}`, `{1}` … stand for the parts taken over as they are (paths,
//! globs, counts); a part that is itself a note in the table (`the playbook`) is translated too.
//! The first pattern that matches wins, so the longer of two similar ones comes first. A note
//! the table does not know is shown as it is.

const NOTES: &[(&str, &str)] = &[
    (
        "matches forbidden `{0}`",
        "passt auf das verbotene Muster `{0}`",
    ),
    ("item matches `{0}`", "Punkt passt auf `{0}`"),
    ("matches `{0}`", "passt auf `{0}`"),
    ("section `{0}`", "Abschnitt `{0}`"),
    (
        "owner in front matter `{0}`",
        "Verantwortliche im Front Matter `{0}`",
    ),
    ("contact under `{0}`", "Kontakt unter `{0}`"),
    (
        "does not count as running something: {0}",
        "zählt nicht als Ausführung: {0}",
    ),
    ("runs something: {0}", "führt etwas aus: {0}"),
    (
        "reviewed {0}, review due {1} (every {2})",
        "geprüft am {0}, nächste Prüfung fällig am {1} (Turnus {2})",
    ),
    (
        "holds public material only ({0}), no private key",
        "enthält nur öffentliches Material ({0}), keinen privaten Schlüssel",
    ),
    (
        "a binary key store in the test folder `{0}`: taken for test data, not judged",
        "ein binärer Schlüsselspeicher im Testordner `{0}`: als Testdaten gewertet, nicht beurteilt",
    ),
    ("stored evidence", "gespeicherter Nachweis"),
    (
        "release checklist for version {0}",
        "Release-Checkliste für Version {0}",
    ),
    ("release checklist for {0}", "Release-Checkliste für {0}"),
    ("changelog entry for {0}", "Changelog-Eintrag für {0}"),
    (
        "previous release, commit {0}: the changes since it are compared",
        "vorheriges Release, Commit {0}: die Änderungen seither werden verglichen",
    ),
    (
        "previous release, commit {0}",
        "vorheriges Release, Commit {0}",
    ),
    (
        "risk register ({0}): {1} risk(s)",
        "Risikoregister ({0}), Risiken: {1}",
    ),
    ("contact: spec.owner {0}", "Kontakt: spec.owner {0}"),
    ("contact: {0}", "Kontakt: {0}"),
    (
        "ignored: {0} reads {1} first",
        "ignoriert: {0} liest zuerst {1}",
    ),
    (
        "CODEOWNERS read as {0} ({1} pattern(s), {2} section(s))",
        "CODEOWNERS gelesen als {0} (Muster: {1}, Abschnitte: {2})",
    ),
    (
        "pattern without owners: matching files are unowned",
        "Muster ohne Verantwortliche: passende Dateien haben keine Verantwortlichen",
    ),
    (
        "owns critical path {0}",
        "verantwortet den kritischen Pfad {0}",
    ),
    ("status `{0}` ({1})", "Status `{0}` ({1})"),
    ("no status", "kein Status"),
    ("date {0}", "Datum {0}"),
    (
        "ADR folder {0}: found by {1}",
        "ADR-Ordner {0}: gefunden über {1}",
    ),
    (
        "numbered records ({0} numbered record file(s))",
        "nummerierte Entscheidungen (nummerierte Dateien: {0})",
    ),
    ("the playbook", "das Playbook"),
    (
        "not a record: the folder numbers its records, this file has no number",
        "keine Entscheidung: der Ordner nummeriert seine Entscheidungen, diese Datei hat keine \
         Nummer",
    ),
    (
        "read as Markdown: a numbered record without an extension",
        "als Markdown gelesen: eine nummerierte Entscheidung ohne Dateiendung",
    ),
    (
        "Rust unit tests inside the source file",
        "Rust-Unit-Tests in der Quelldatei",
    ),
    (
        "C# test project, by its name",
        "C#-Testprojekt, erkannt am Namen",
    ),
    ("C# test project", "C#-Testprojekt"),
    (
        "Shell test sourcing shunit2",
        "Shell-Test, der shunit2 einbindet",
    ),
    (
        "Shell test with expected output `{0}`",
        "Shell-Test mit erwarteter Ausgabe `{0}`",
    ),
    (
        "Swift test importing a test framework",
        "Swift-Test, der ein Test-Framework importiert",
    ),
    (
        "C/C++ tests registered in the build",
        "C/C++-Tests, im Build registriert",
    ),
    (
        "{0} manifest, but no {1} source or test file: no code to test",
        "{0}-Manifest, aber keine {1}-Quell- oder Testdatei: kein Code zum Testen",
    ),
    ("{0} detected by this {1}", "{0}, erkannt an: {1}"),
    (
        "{0} test file(s) and {1} Rust source(s) with #[cfg(test)] for {2} source file(s): ratio {3}",
        "{0} Testdatei(en) und {1} Rust-Quelldatei(en) mit #[cfg(test)] für {2} Quelldatei(en): \
         Verhältnis {3}",
    ),
    (
        "{0} test file(s) for {1} source file(s): ratio {2}",
        "{0} Testdatei(en) für {1} Quelldatei(en): Verhältnis {2}",
    ),
    ("{0} test file", "{0}-Testdatei"),
    (
        "module {0} is named as a package of tests: its files are tests, not an untested module",
        "Modul {0} ist als Testpaket benannt: seine Dateien sind Tests, kein ungetestetes Modul",
    ),
    ("tests module {0}", "testet Modul {0}"),
    (
        "changed test for the changes in {0}",
        "geänderter Test für die Änderungen in {0}",
    ),
    (
        "`{0}`: accountable `{1}`",
        "`{0}`: rechenschaftspflichtig `{1}`",
    ),
    (
        "escalation step: role `{0}`",
        "Eskalationsstufe: Rolle `{0}`",
    ),
    (
        "Definition of Done with {0} checklist item(s)",
        "Definition of Done, Checklistenpunkte: {0}",
    ),
    (
        "pull request template with {0} checklist item(s)",
        "Pull-Request-Vorlage, Checklistenpunkte: {0}",
    ),
    ("ticked", "abgehakt"),
    ("no trend: {0}", "kein Trend: {0}"),
    (
        "changed in the checked state, not yet committed",
        "im geprüften Stand geändert, noch nicht committet",
    ),
    (
        "last changed in {0} on {1}, {2} commit(s) back",
        "zuletzt geändert in {0} am {1}, Commits seither: {2}",
    ),
    (
        "approval by role `{0}`, verified: {1}",
        "Freigabe durch die Rolle `{0}`, verifiziert: {1}",
    ),
    (
        "approval by role `{0}`, accepted unsigned (`[approvals] accept-unsigned = true`); {1}",
        "Freigabe durch die Rolle `{0}`, unsigniert anerkannt (`[approvals] accept-unsigned = \
         true`); {1}",
    ),
    (
        "{0}; does not count for role `{1}`",
        "{0}; zählt nicht für die Rolle `{1}`",
    ),
    (
        "allowed signers, {0} key(s), SHA-256 {1}",
        "erlaubte Signierende, Schlüssel: {0}, SHA-256 {1}",
    ),
    (
        "the change {0}; approved by {1}",
        "die Änderung {0}; freigegeben von {1}",
    ),
    ("the change {0}", "die Änderung {0}"),
    (
        "runbook found by its sections {0}",
        "Runbook, erkannt an seinen Abschnitten {0}",
    ),
];

/// The German of a note, or `None` when the table does not know it.
pub(crate) fn german(note: &str) -> Option<String> {
    NOTES.iter().find_map(|(en, de)| {
        let parts = captures(en, note)?;
        let mut out = (*de).to_string();
        for (i, part) in parts.iter().enumerate() {
            let part = exact(part).unwrap_or(part);
            out = out.replace(&format!("{{{i}}}"), part);
        }
        Some(out)
    })
}

/// A note without placeholders that the table translates.
fn exact(text: &str) -> Option<&'static str> {
    NOTES
        .iter()
        .find(|(en, _)| !en.contains('{') && *en == text)
        .map(|(_, de)| *de)
}

/// The texts `{0}`, `{1}` … stand for when `pattern` matches all of `text`: each literal piece in
/// order, each placeholder as short as the next piece allows, the last one to the end.
fn captures<'a>(pattern: &str, text: &'a str) -> Option<Vec<&'a str>> {
    // Literal pieces between placeholders; placeholders are `{0}`, `{1}`, … in order.
    let mut pieces = Vec::new();
    let mut rest = pattern;
    let mut n = 0;
    loop {
        let mark = format!("{{{n}}}");
        match rest.find(&mark) {
            Some(at) => {
                pieces.push(&rest[..at]);
                rest = &rest[at + mark.len()..];
                n += 1;
            }
            None => {
                pieces.push(rest);
                break;
            }
        }
    }
    let mut rest = text.strip_prefix(pieces[0])?;
    let mut out = Vec::new();
    let last = pieces.len() - 1;
    for (i, piece) in pieces.iter().enumerate().skip(1) {
        if i == last {
            let part = rest.strip_suffix(piece)?;
            out.push(part);
            rest = "";
        } else {
            let at = rest.find(piece)?;
            out.push(&rest[..at]);
            rest = &rest[at + piece.len()..];
        }
    }
    (rest.is_empty() && out.iter().all(|p| !p.is_empty() || pieces.len() == 1)).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_translated_with_their_parts() {
        assert_eq!(
            german("matches `README*`").as_deref(),
            Some("passt auf `README*`")
        );
        assert_eq!(
            german("matches forbidden `\\.env`").as_deref(),
            Some("passt auf das verbotene Muster `\\.env`")
        );
        assert_eq!(
            german("ADR folder docs/adr: found by the playbook").as_deref(),
            Some("ADR-Ordner docs/adr: gefunden über das Playbook")
        );
        assert_eq!(
            german("unverified: no signature; does not count for role `qa`").as_deref(),
            Some("unverified: no signature; zählt nicht für die Rolle `qa`")
        );
        assert_eq!(german("ticked").as_deref(), Some("abgehakt"));
        assert_eq!(german("something else"), None);
        assert_eq!(german("matches `"), None);
    }

    #[test]
    fn every_pattern_has_the_same_placeholders_in_german() {
        for (en, de) in NOTES {
            for i in 0..4 {
                let mark = format!("{{{i}}}");
                assert_eq!(en.contains(&mark), de.contains(&mark), "{en}");
            }
        }
    }
}
