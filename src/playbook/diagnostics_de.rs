//! The playbook's and waiver file's diagnostics in German: each English text (message, label,
//! help) with its German twin. `{0}`, `{1}` … stand for the parts a diagnostic fills in
//! (names, values, reasons); those parts are themselves said in German where this table has them.
//! A test keeps every entry's placeholders the same in both languages.
//! Long: one row per diagnostic text of the loader and the control kinds' parameters.

use std::sync::LazyLock;

use regex::Regex;

/// (English, German) for every diagnostic text.
pub const TEXTS: &[(&str, &str)] = &[
    (
        "unknown top-level key `{0}`",
        "unbekannter Schlüssel `{0}` auf oberster Ebene",
    ),
    ("unknown key", "unbekannter Schlüssel"),
    (
        "a waiver file holds `[[waiver]]` tables only",
        "eine Datei mit Ausnahmegenehmigungen enthält nur `[[waiver]]`-Tabellen",
    ),
    (
        "`waiver` must be an array of tables, written `[[waiver]]`",
        "`waiver` muss eine Liste von Tabellen sein, geschrieben `[[waiver]]`",
    ),
    ("not an array of tables", "keine Liste von Tabellen"),
    (
        "`{0}` must be a date like 2026-06-30, not `{1}`",
        "`{0}` muss ein Datum wie 2026-06-30 sein, nicht `{1}`",
    ),
    ("not a date", "kein Datum"),
    (
        "the waiver expires ({0}) before it was created ({1})",
        "die Ausnahmegenehmigung läuft ab ({0}), bevor sie erteilt wurde ({1})",
    ),
    ("before `created`", "vor `created`"),
    (
        "a waiver needs a `ticket` or a `link` where the exception was decided",
        "eine Ausnahmegenehmigung braucht ein `ticket` oder einen `link` auf die Stelle, an der sie entschieden wurde",
    ),
    ("in this waiver", "in dieser Ausnahmegenehmigung"),
    (
        "a waiver needs a non-empty `reason` and `approved-by`",
        "eine Ausnahmegenehmigung braucht einen nicht leeren `reason` und `approved-by`",
    ),
    (
        "`test` must be an array of tables, written `[[test]]`",
        "`test` muss eine Liste von Tabellen sein, geschrieben `[[test]]`",
    ),
    (
        "a tests file holds `playbook = \"…\"` and `[[test]]` tables",
        "eine Testdatei enthält `playbook = \"…\"` und `[[test]]`-Tabellen",
    ),
    (
        "the tests file has no `[[test]]` case",
        "die Testdatei hat keinen Fall `[[test]]`",
    ),
    ("here", "hier"),
    (
        "add `[[test]]` tables with `fixture` and `decision`",
        "`[[test]]`-Tabellen mit `fixture` und `decision` ergänzen",
    ),
    ("there is no folder {0}", "es gibt keinen Ordner {0}"),
    ("no such folder", "kein solcher Ordner"),
    (
        "fixture folders are relative to the tests file",
        "Fixture-Ordner sind relativ zur Testdatei",
    ),
    ("`{0}` is not a decision", "`{0}` ist keine Entscheidung"),
    ("not a decision", "keine Entscheidung"),
    (
        "write \"GO\", \"GO WITH CONDITIONS\" or \"NO-GO\"",
        "\"GO\", \"GO WITH CONDITIONS\" oder \"NO-GO\" schreiben",
    ),
    (
        "the playbook defines no gate `{0}`",
        "das Playbook legt kein Quality Gate `{0}` fest",
    ),
    ("unknown gate", "unbekanntes Quality Gate"),
    (
        "the playbook has no [gates]; leave `gate` out to run every control",
        "das Playbook hat keine [gates]; `gate` weglassen, um alle Prüfkriterien auszuführen",
    ),
    ("defined gates: {0}", "festgelegte Quality Gates: {0}"),
    (
        "`as-of` needs a date, e.g. 2026-03-01 or 2026-03-01T12:00:00Z",
        "`as-of` braucht ein Datum, z. B. 2026-03-01 oder 2026-03-01T12:00:00Z",
    ),
    (
        "`{0}` is not a control status",
        "`{0}` ist kein Status eines Prüfkriteriums",
    ),
    ("not a status", "kein Status"),
    (
        "write PASS, FAIL, N/A, ERROR, WAIVED or BASELINED",
        "PASS, FAIL, N/A, ERROR, WAIVED oder BASELINED schreiben",
    ),
    (
        "the playbook has no control `{0}`",
        "das Playbook hat kein Prüfkriterium `{0}`",
    ),
    ("for this control id", "für diese id"),
    ("controls: {0}", "Prüfkriterien: {0}"),
    (
        "a `runbook` control has nothing to check",
        "ein Prüfkriterium der Art `runbook` hat nichts zu prüfen",
    ),
    ("in this control", "in diesem Prüfkriterium"),
    (
        "give `service-dirs = [\"services/*\"]`, `services = [\"name\"]`, `paths = [\"docs/runbooks/*.md\"]` or `discover = true`",
        "`service-dirs = [\"services/*\"]`, `services = [\"name\"]`, `paths = [\"docs/runbooks/*.md\"]` oder `discover = true` angeben",
    ),
    (
        "`runbook` templates need services",
        "`runbook`-Vorlagen brauchen Services",
    ),
    (
        "no `service-dirs` or `services` in this control",
        "kein `service-dirs` oder `services` in diesem Prüfkriterium",
    ),
    (
        "add `service-dirs` or `services`, or list the runbooks themselves in `paths`",
        "`service-dirs` oder `services` ergänzen oder die Runbooks selbst in `paths` aufführen",
    ),
    ("`{0}` is not a service name", "`{0}` ist kein Service-Name"),
    ("a name, not a path", "ein Name, kein Pfad"),
    (
        "write the service's name, e.g. `payments`; use `service-dirs` for folders",
        "den Namen des Service schreiben, z. B. `payments`; für Ordner `service-dirs` verwenden",
    ),
    ("`runbook` is empty", "`runbook` ist leer"),
    (
        "give at least one template, e.g. `docs/runbooks/{service}.md`",
        "mindestens eine Vorlage angeben, z. B. `docs/runbooks/{service}.md`",
    ),
    (
        "a required section needs a heading text with letters or digits",
        "ein geforderter Abschnitt braucht eine Überschrift mit Buchstaben oder Ziffern",
    ),
    ("this section", "dieser Abschnitt"),
    (
        "e.g. `\"Rollback\"` or `[\"Restore\", \"Backup\"]`",
        "z. B. `\"Rollback\"` oder `[\"Restore\", \"Backup\"]`",
    ),
    ("`{0}` is not a duration: {1}", "`{0}` ist keine Dauer: {1}"),
    ("this duration", "diese Dauer"),
    (
        "write e.g. `90 days`, `2 weeks`, `6 months` or `1 year`",
        "z. B. `90 days`, `2 weeks`, `6 months`, `1 year` oder `3 Monate` schreiben",
    ),
    (
        "the template `{0}` has an unknown placeholder",
        "die Vorlage `{0}` hat einen unbekannten Platzhalter",
    ),
    ("this template", "diese Vorlage"),
    (
        "templates know `{service}` (the name) and `{service_dir}` (the folder)",
        "Vorlagen kennen `{service}` (den Namen) und `{service_dir}` (den Ordner)",
    ),
    ("the template `{0}` {1}", "die Vorlage `{0}` {1}"),
    (
        "not a repository-relative path",
        "kein Pfad relativ zum Repository",
    ),
    (
        "write paths relative to the repository root, e.g. `docs/runbooks/{service}.md`",
        "Pfade relativ zum Wurzelverzeichnis des Repositorys schreiben, z. B. `docs/runbooks/{service}.md`",
    ),
    (
        "a `changes` control needs non-empty `when` and `require`",
        "ein Prüfkriterium der Art `changes` braucht nicht leere `when` und `require`",
    ),
    ("the path `{0}` {1}", "der Pfad `{0}` {1}"),
    (
        "write the path relative to the repository root, e.g. `{0}`",
        "den Pfad relativ zum Wurzelverzeichnis des Repositorys schreiben, z. B. `{0}`",
    ),
    (
        "`{0}` is no handover section",
        "`{0}` ist kein Abschnitt eines Übergabedokuments",
    ),
    ("unknown section", "unbekannter Abschnitt"),
    ("use one of: {0}", "einen davon verwenden: {0}"),
    (
        "a `files` control checks nothing",
        "ein Prüfkriterium der Art `files` prüft nichts",
    ),
    (
        "give at least one of `require`, `require-any`, `forbid`, `forbid-keys`, `must-match`, `must-not-match`",
        "mindestens eines von `require`, `require-any`, `forbid`, `forbid-keys`, `must-match`, `must-not-match` angeben",
    ),
    (
        "`must-match` / `must-not-match` need files to inspect",
        "`must-match` / `must-not-match` brauchen Dateien, deren Inhalt geprüft wird",
    ),
    (
        "add `content-in = [\"glob\"]`, or `require` the files whose content counts",
        "`content-in = [\"glob\"]` ergänzen oder die Dateien, deren Inhalt zählt, mit `require` fordern",
    ),
    ("`gate` names no gate", "`gate` nennt kein Quality Gate"),
    ("empty", "leer"),
    ("the evidence file `{0}` {1}", "die Nachweisdatei `{0}` {1}"),
    (
        "a `release` control checks nothing",
        "ein Prüfkriterium der Art `release` prüft nichts",
    ),
    (
        "give at least one of `require-changed`, `changelog`, `checklist`",
        "mindestens eines von `require-changed`, `changelog`, `checklist` angeben",
    ),
    (
        "invalid tag pattern `{0}`: {1}",
        "ungültiges Tag-Muster `{0}`: {1}",
    ),
    ("this pattern", "dieses Muster"),
    ("the register `{0}` {1}", "das Register `{0}` {1}"),
    (
        "the bands green up to {0} and amber up to {1} do not divide the scores 1–25",
        "die Bänder grün bis {0} und gelb bis {1} teilen die Werte 1–25 nicht auf",
    ),
    ("bands out of order", "Bänder in falscher Reihenfolge"),
    (
        "give 1 ≤ green-max < amber-max < 25, e.g. green-max = 6, amber-max = 12",
        "1 ≤ green-max < amber-max < 25 angeben, z. B. green-max = 6, amber-max = 12",
    ),
    (
        "`max-age = \"{0}\"` is not a duration: {1}",
        "`max-age = \"{0}\"` ist keine Dauer: {1}",
    ),
    ("not a duration", "keine Dauer"),
    (
        "write e.g. \"31 days\", \"3 months\" or \"P31D\"",
        "z. B. \"31 days\", \"3 Monate\" oder \"P31D\" schreiben",
    ),
    (
        "`trend-against = \"{0}\"` is neither `release`, `none` nor a duration: {1}",
        "`trend-against = \"{0}\"` ist weder `release` noch `none` noch eine Dauer: {1}",
    ),
    (
        "not `release`, `none` or a duration",
        "nicht `release`, `none` oder eine Dauer",
    ),
    (
        "write \"release\", \"none\" or a duration such as \"30 days\"",
        "\"release\", \"none\" oder eine Dauer wie \"30 days\" schreiben",
    ),
    (
        "`min-coverage = {0}` is not a share",
        "`min-coverage = {0}` ist kein Anteil",
    ),
    ("not between 0.0 and 1.0", "nicht zwischen 0.0 und 1.0"),
    (
        "write a share of files, e.g. `min-coverage = 0.9` for 90 %",
        "einen Anteil der Dateien schreiben, z. B. `min-coverage = 0.9` für 90 %",
    ),
    ("the folder `{0}` {1}", "der Ordner `{0}` {1}"),
    (
        "not a repository-relative folder",
        "kein Ordner relativ zum Repository",
    ),
    (
        "write folders relative to the repository root, e.g. `docs/adr`",
        "Ordner relativ zum Wurzelverzeichnis des Repositorys schreiben, z. B. `docs/adr`",
    ),
    (
        "`proposed-max-age-days` cannot be negative",
        "`proposed-max-age-days` kann nicht negativ sein",
    ),
    ("negative", "negativ"),
    (
        "give a number of days, e.g. 90",
        "eine Anzahl Tage angeben, z. B. 90",
    ),
    (
        "`min-ratio = {0}` is not a ratio",
        "`min-ratio = {0}` ist kein Verhältnis",
    ),
    ("not a number of at least 0", "keine Zahl von mindestens 0"),
    (
        "write test files per source file, e.g. `min-ratio = 0.2`",
        "Testdateien je Quelldatei schreiben, z. B. `min-ratio = 0.2`",
    ),
    (
        "a `dod` control checks nothing",
        "ein Prüfkriterium der Art `dod` prüft nichts",
    ),
    (
        "keep `definition-of-done`, or give `release-checklist` or `pr-template = true`",
        "`definition-of-done` behalten oder `release-checklist` oder `pr-template = true` angeben",
    ),
    (
        "`required-items` need a Definition of Done",
        "`required-items` brauchen eine Definition of Done",
    ),
    (
        "`definition-of-done` is empty",
        "`definition-of-done` ist leer",
    ),
    (
        "remove `definition-of-done = []` or the required items",
        "`definition-of-done = []` oder die geforderten Punkte entfernen",
    ),
    (
        "release checklist templates know `{version}`, e.g. `docs/releases/{version}.md`",
        "Vorlagen für Release-Checklisten kennen `{version}`, z. B. `docs/releases/{version}.md`",
    ),
    (
        "write paths relative to the repository root",
        "Pfade relativ zum Wurzelverzeichnis des Repositorys schreiben",
    ),
    ("the pattern `{0}` {1}", "das Muster `{0}` {1}"),
    (
        "not a repository-relative pattern",
        "kein Muster relativ zum Repository",
    ),
    (
        "write paths relative to the repository root, e.g. `docs/**/*.md`",
        "Pfade relativ zum Wurzelverzeichnis des Repositorys schreiben, z. B. `docs/**/*.md`",
    ),
    (
        "invalid glob `{0}`: {1}",
        "ungültiges Glob-Muster `{0}`: {1}",
    ),
    ("this glob", "dieses Glob-Muster"),
    (
        "globs use `*` within a folder, `**` across folders, `{a,b}` for alternatives",
        "Glob-Muster verwenden `*` innerhalb eines Ordners, `**` über Ordner hinweg, `{a,b}` für Alternativen",
    ),
    (
        "the regex is {0} bytes long; at most {1} are allowed",
        "der reguläre Ausdruck ist {0} Bytes lang; höchstens {1} sind erlaubt",
    ),
    ("this regex", "dieser reguläre Ausdruck"),
    (
        "invalid regex `{0}`: {1}",
        "ungültiger regulärer Ausdruck `{0}`: {1}",
    ),
    (
        "the syntax is that of the Rust regex crate (no look-around, no back-references)",
        "die Syntax ist die des Rust-Crates regex (kein Look-around, keine Rückverweise)",
    ),
    (
        "`control` must be an array of tables, written `[[control]]`",
        "`control` muss eine Liste von Tabellen sein, geschrieben `[[control]]`",
    ),
    (
        "each control must be a table",
        "jedes Prüfkriterium muss eine Tabelle sein",
    ),
    ("not a table", "keine Tabelle"),
    (
        "the control id `{0}` is defined twice in this file",
        "die id `{0}` ist in dieser Datei zweimal festgelegt",
    ),
    ("defined again here", "hier erneut festgelegt"),
    (
        "the first definition is on line {0}; ids must be unique",
        "die erste Festlegung steht in Zeile {0}; ids müssen eindeutig sein",
    ),
    (
        "`{0}` is not a valid control id",
        "`{0}` ist keine gültige id eines Prüfkriteriums",
    ),
    ("invalid id", "ungültige id"),
    (
        "ids use lowercase letters, digits, `-`, `_` and `.`, starting with a letter or digit",
        "ids bestehen aus Kleinbuchstaben, Ziffern, `-`, `_` und `.` und beginnen mit einem Buchstaben oder einer Ziffer",
    ),
    (
        "`{0}` is reserved for a result gonogo adds itself",
        "`{0}` ist für ein Ergebnis reserviert, das gonogo selbst hinzufügt",
    ),
    ("reserved id", "reservierte id"),
    ("reserved ids: {0}", "reservierte ids: {0}"),
    (
        "unknown control kind `{0}`",
        "unbekannte Art von Prüfkriterium `{0}`",
    ),
    ("unknown kind", "unbekannte Art"),
    (
        "did you mean `{0}`? known kinds: {1} (see `gonogo controls`)",
        "war `{0}` gemeint? Bekannte Arten: {1} (siehe `gonogo controls`)",
    ),
    (
        "known kinds: {0} (see `gonogo controls`)",
        "bekannte Arten: {0} (siehe `gonogo controls`)",
    ),
    (
        "write e.g. \"90 days\", \"6 months\", \"2 weeks\" or \"1 year\"",
        "z. B. \"90 days\", \"6 months\", \"2 weeks\", \"1 year\" oder \"3 Monate\" schreiben",
    ),
    (
        "decision `{0}` names `{1}`, which is not a defined role",
        "die Entscheidung `{0}` nennt `{1}`, das keine festgelegte Rolle ist",
    ),
    ("no such role", "keine solche Rolle"),
    (
        "name a `[roles.NAME]` of the playbook: the role accountable for the decision",
        "eine `[roles.NAME]` des Playbooks nennen: die für die Entscheidung verantwortliche Rolle",
    ),
    (
        "`{0}` is locked by {1}; it cannot be disabled",
        "`{0}` ist durch {1} gesperrt und kann nicht abgeschaltet werden",
    ),
    (
        "disables a locked control",
        "schaltet ein gesperrtes Prüfkriterium ab",
    ),
    (
        "a locked control stays as the playbook that locks it defines it",
        "ein gesperrtes Prüfkriterium bleibt, wie das sperrende Playbook es festlegt",
    ),
    (
        "`disable` names `{0}`, which no extended playbook defines",
        "`disable` nennt `{0}`, das kein erweitertes Playbook festlegt",
    ),
    ("no such control", "kein solches Prüfkriterium"),
    (
        "gate `{0}` names no controls, and no gate `{1}` is inherited to add to",
        "das Quality Gate `{0}` nennt keine Prüfkriterien, und es wird kein Quality Gate `{1}` geerbt, dem es etwas hinzufügen könnte",
    ),
    ("no controls", "keine Prüfkriterien"),
    (
        "write `controls = [\"*\"]` (or ids, `tag:NAME`); `controls-add` adds to a gate of the same name in a playbook this one extends",
        "`controls = [\"*\"]` schreiben (oder ids, `tag:NAME`); `controls-add` ergänzt ein gleichnamiges Quality Gate eines erweiterten Playbooks",
    ),
    (
        "gate `{0}` needs approval by `{1}`, which is neither a defined role nor a decision of `[decisions]`",
        "das Quality Gate `{0}` verlangt eine Freigabe durch `{1}`, das weder eine festgelegte Rolle noch eine Entscheidung aus `[decisions]` ist",
    ),
    (
        "define it as `[roles.NAME]` with `members = [{ name = \"…\", email = \"…\" }]`, or as a decision type: `[decisions] \"release approval\" = \"ROLE\"`",
        "als `[roles.NAME]` mit `members = [{ name = \"…\", email = \"…\" }]` festlegen oder als Entscheidungstyp: `[decisions] \"release approval\" = \"ROLLE\"`",
    ),
    (
        "gate `{0}` drops `{1}`, which is locked; a locked control stays in the gates that had it",
        "das Quality Gate `{0}` lässt `{1}` weg, das gesperrt ist; ein gesperrtes Prüfkriterium bleibt in den Quality Gates, die es hatten",
    ),
    (
        "drops a locked control",
        "lässt ein gesperrtes Prüfkriterium weg",
    ),
    (
        "add `{0}` back to `controls` of `[gates.{1}]`",
        "`{0}` wieder in `controls` von `[gates.{1}]` aufnehmen",
    ),
    (
        "gate `{0}` names tag `{1}`, which no control has",
        "das Quality Gate `{0}` nennt das Tag `{1}`, das kein Prüfkriterium trägt",
    ),
    ("matches no control", "passt auf kein Prüfkriterium"),
    (
        "gate `{0}` names `{1}`, which is not a defined control",
        "das Quality Gate `{0}` nennt `{1}`, das kein festgelegtes Prüfkriterium ist",
    ),
    (
        "no control with this id",
        "kein Prüfkriterium mit dieser id",
    ),
    (
        "did you mean `{0}`? Entries are control ids, `tag:NAME` or `*`",
        "war `{0}` gemeint? Einträge sind ids, `tag:NAME` oder `*`",
    ),
    (
        "entries are control ids, `tag:NAME` or `*`",
        "Einträge sind ids, `tag:NAME` oder `*`",
    ),
    (
        "a playbook has `[playbook]`, `[[control]]`, `[gates.NAME]`, `[roles.NAME]`, `[decisions]`, `[waivers]`, `[approvals]` and `[policy]`",
        "ein Playbook hat `[playbook]`, `[[control]]`, `[gates.NAME]`, `[roles.NAME]`, `[decisions]`, `[waivers]`, `[approvals]` und `[policy]`",
    ),
    (
        "redefines a locked control",
        "legt ein gesperrtes Prüfkriterium neu fest",
    ),
    (
        "a locked control keeps the kind, parameters and level of the playbook that locks it; only a stricter level is allowed",
        "ein gesperrtes Prüfkriterium behält Art, Parameter und Verbindlichkeit des sperrenden Playbooks; nur eine strengere Verbindlichkeit ist erlaubt",
    ),
    (
        "`[policy] locked` names `{0}`, which matches no control",
        "`[policy] locked` nennt `{0}`, das auf kein Prüfkriterium passt",
    ),
    (
        "entries are control ids or `tag:NAME`",
        "Einträge sind ids oder `tag:NAME`",
    ),
    (
        "`roles` must be a table of roles, written `[roles.NAME]`",
        "`roles` muss eine Tabelle von Rollen sein, geschrieben `[roles.NAME]`",
    ),
    (
        "`{0}` is not an SSH public key: {1}",
        "`{0}` ist kein öffentlicher SSH-Schlüssel: {1}",
    ),
    ("not an SSH public key", "kein öffentlicher SSH-Schlüssel"),
    (
        "write the public key as in a `.pub` file: \"ssh-ed25519 AAAAC3Nza… ana@example.com\"",
        "den öffentlichen Schlüssel wie in einer `.pub`-Datei schreiben: \"ssh-ed25519 AAAAC3Nza… ana@example.com\"",
    ),
    (
        "`gates` must be a table of gates, written `[gates.NAME]`",
        "`gates` muss eine Tabelle von Quality Gates sein, geschrieben `[gates.NAME]`",
    ),
    (
        "the waiver file `{0}` {1}",
        "die Datei der Ausnahmegenehmigungen `{0}` {1}",
    ),
    (
        "the allowed signers file `{0}` {1}",
        "die Datei der erlaubten Signierenden `{0}` {1}",
    ),
    ("there is no preset `{0}`", "es gibt kein Preset `{0}`"),
    ("unknown preset", "unbekanntes Preset"),
    (
        "did you mean `{0}`? available: {1}",
        "war `{0}` gemeint? Verfügbar: {1}",
    ),
    ("available: {0}", "verfügbar: {0}"),
    (
        "`{0}` cannot be resolved from an embedded preset",
        "`{0}` kann aus einem eingebetteten Preset nicht aufgelöst werden",
    ),
    ("not a preset", "kein Preset"),
    (
        "presets may only extend `preset:NAME`",
        "Presets dürfen nur `preset:NAME` erweitern",
    ),
    (
        "`extends` entry `{0}` {1}; it is not read",
        "der `extends`-Eintrag `{0}` {1}; er wird nicht gelesen",
    ),
    (
        "not a path inside the repository",
        "kein Pfad innerhalb des Repositorys",
    ),
    (
        "paths in `extends` are relative to the playbook that names them and stay inside its repository",
        "Pfade in `extends` sind relativ zum Playbook, das sie nennt, und bleiben in dessen Repository",
    ),
    (
        "cannot read {0}: no such file",
        "{0} kann nicht gelesen werden: keine solche Datei",
    ),
    ("cannot be loaded", "kann nicht geladen werden"),
    (
        "paths in `extends` are relative to the playbook that names them",
        "Pfade in `extends` sind relativ zum Playbook, das sie nennt",
    ),
    (
        "`extends` forms a cycle: {0}",
        "`extends` bildet einen Kreis: {0}",
    ),
    (
        "extends a playbook that extends this one",
        "erweitert ein Playbook, das dieses erweitert",
    ),
    (
        "remove one of the `extends` entries in the cycle",
        "einen der `extends`-Einträge im Kreis entfernen",
    ),
    ("is absolute", "ist absolut"),
    ("contains `..`", "enthält `..`"),
    ("unknown field `{0}`", "unbekannter Schlüssel `{0}`"),
    ("missing field `{0}`", "fehlender Schlüssel `{0}`"),
    ("in this table", "in dieser Tabelle"),
    ("wrong type", "falscher Typ"),
    ("not allowed here", "hier nicht erlaubt"),
    ("invalid value", "ungültiger Wert"),
    (
        "did you mean `{0}`? expected one of {1}",
        "war `{0}` gemeint? Erwartet wird eins von {1}",
    ),
    ("expected one of {0}", "erwartet wird eins von {0}"),
    (
        "invalid value: `{0}` is not a level: did you mean `{1}`? write must, should or may (MUSS, SOLL, KANN)",
        "ungültiger Wert: `{0}` ist keine Verbindlichkeit: war `{1}` gemeint? must, should oder may (MUSS, SOLL, KANN) schreiben",
    ),
    (
        "invalid value: `{0}` is not a level: write must, should or may (MUSS, SOLL, KANN)",
        "ungültiger Wert: `{0}` ist keine Verbindlichkeit: must, should oder may (MUSS, SOLL, KANN) schreiben",
    ),
    ("it is empty", "sie ist leer"),
    (
        "expected a number at `{0}`",
        "erwartet wird eine Zahl bei `{0}`",
    ),
    ("`{0}` is too large", "`{0}` ist zu groß"),
    (
        "`{0}` has no unit (days, weeks, months or years)",
        "`{0}` hat keine Einheit (Tage, Wochen, Monate oder Jahre)",
    ),
    ("unknown unit `{0}`", "unbekannte Einheit `{0}`"),
    ("it is zero", "sie ist null"),
    (
        "`{0}` has a time part; write days, weeks, months or years",
        "`{0}` hat einen Zeitanteil; Tage, Wochen, Monate oder Jahre schreiben",
    ),
    (
        "unknown variant `{0}`, expected one of {1}",
        "unbekannter Wert `{0}`, erwartet wird eins von {1}",
    ),
    (
        "unknown variant `{0}`, expected `{1}`",
        "unbekannter Wert `{0}`, erwartet wird `{1}`",
    ),
    (
        "invalid type: {0}, expected {1}",
        "falscher Typ: {0}, erwartet wird {1}",
    ),
];

static PATTERNS: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    TEXTS
        .iter()
        .filter_map(|(en, de)| Some((Regex::new(&pattern(en)).ok()?, *de)))
        .collect()
});

/// The regex of an English text: literal, with `{n}` matching any text.
fn pattern(en: &str) -> String {
    let mut out = String::from("(?s)^");
    let mut rest = en;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if close > 0 && after[..close].chars().all(|c| c.is_ascii_digit()) => {
                out.push_str(&regex::escape(&rest[..open]));
                out.push_str(&format!("(?P<p{}>.*?)", &after[..close]));
                rest = &after[close + 1..];
            }
            _ => {
                out.push_str(&regex::escape(&rest[..open + 1]));
                rest = after;
            }
        }
    }
    out.push_str(&regex::escape(rest));
    out.push('$');
    out
}

/// `text` in German: the table's twin with each filled-in part said in German too; `None` when
/// the table has no such text (it stays English).
pub fn german(text: &str) -> Option<String> {
    german_at(text, 0)
}

fn german_at(text: &str, depth: usize) -> Option<String> {
    if depth > 4 {
        return None;
    }
    let (re, de) = PATTERNS.iter().find(|(re, _)| re.is_match(text))?;
    let caps = re.captures(text)?;
    let mut out = de.to_string();
    for name in re.capture_names().flatten() {
        let Some(value) = caps.name(name) else {
            continue;
        };
        let said = german_at(value.as_str(), depth + 1).unwrap_or_else(|| value.as_str().into());
        out = out.replace(&format!("{{{}}}", &name[1..]), &said);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<String> {
        let re = Regex::new(r"\{\d+\}").expect("regex");
        let mut v: Vec<String> = re.find_iter(s).map(|m| m.as_str().to_string()).collect();
        v.sort();
        v
    }

    #[test]
    fn every_text_has_its_placeholders_in_german_too() {
        for (en, de) in TEXTS {
            assert_eq!(placeholders(en), placeholders(de), "{en}");
            assert!(Regex::new(&pattern(en)).is_ok(), "{en}");
            let lower = de.to_lowercase();
            for stand_in in [
                "fuer", "ueber", "muess", "pruef", "koenn", "groess", "schluess",
            ] {
                assert!(!lower.contains(stand_in), "{de}: write umlauts");
            }
        }
    }

    #[test]
    fn filled_in_parts_are_said_in_german_too() {
        assert_eq!(
            german("the pattern `/etc/*` is absolute").as_deref(),
            Some("das Muster `/etc/*` ist absolut")
        );
        assert_eq!(
            german("`soon` is not a duration: expected a number at `soon`").as_deref(),
            Some("`soon` ist keine Dauer: erwartet wird eine Zahl bei `soon`")
        );
        assert_eq!(
            german("did you mean `files`? known kinds: files, adr (see `gonogo controls`)")
                .as_deref(),
            Some("war `files` gemeint? Bekannte Arten: files, adr (siehe `gonogo controls`)")
        );
        assert_eq!(german("something gonogo never says"), None);
    }
}
