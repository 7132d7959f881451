//! Long: one table of German help texts for every command and argument; split, it would only be
//! harder to compare with the clap definitions it mirrors.
//!
//! The German `--help`: the about text of every command (key: the command's path, `""` for
//! gonogo itself) and the help of every argument (key: `path#--long`, or `path#id` for a
//! positional one). A key `#--long` serves every command whose own key is missing; a test walks
//! the clap tree so that a new command or flag without German fails.

pub(super) const ABOUT: &[(&str, &str)] = &[
    ("", "Go/No-Go-Prüfungen der Governance für git-Repositories"),
    (
        "check",
        "Ein Repository gegen das Playbook prüfen und das Quality Gate entscheiden.",
    ),
    (
        "init",
        "Ein kommentiertes Start-Playbook (gonogo.toml) schreiben.",
    ),
    (
        "fix",
        "Auflisten, was das Playbook vermisst, und die Dateien, die es erfüllen würden; `--write` \
         legt sie aus Vorlagen an (Englisch oder Deutsch), nie über eine vorhandene Datei.",
    ),
    ("playbook", "Mit Playbooks arbeiten."),
    (
        "playbook validate",
        "Jeden Fehler eines Playbooks melden oder ausgeben, dass es gültig ist.",
    ),
    (
        "playbook show",
        "Das aufgelöste Playbook ausgeben: jedes Prüfkriterium und jedes Quality Gate, geerbte \
         eingeschlossen, mit Datei und Zeile ihrer Herkunft.",
    ),
    (
        "playbook test",
        "Das Playbook gegen die Fixture-Ordner seiner Testdatei (gonogo.tests.toml) laufen lassen \
         und Entscheidungen und Befunde mit den erwarteten vergleichen. Exit-Code 1, wenn ein Fall \
         fehlschlägt.",
    ),
    (
        "playbook schema",
        "Das JSON Schema eines Playbooks (oder, mit --waivers, einer Datei mit \
         Ausnahmegenehmigungen) für Editoren ausgeben: taplo und Even Better TOML lesen es aus \
         einer `#:schema`-Zeile (docs/playbook.md).",
    ),
    (
        "playbook import",
        "Ein repolinter-Regelwerk (repolinter.json, .yaml) oder eine alint-Konfiguration \
         (.alint.yml) in ein Playbook übersetzen; was sich nicht übersetzen lässt, steht als \
         Kommentar darin.",
    ),
    (
        "controls",
        "Jede Art von Prüfkriterium mit ihren Parametern und Befundcodes auflisten.",
    ),
    (
        "show",
        "Den in git gespeicherten Nachweis einer Revision ausgeben (siehe `check --note`); eine \
         Notiz hält jedes auf ihrem Commit geprüfte Quality Gate: `--gate NAME` wählt eines, \
         `--list` listet sie auf.",
    ),
    (
        "report",
        "Eine Nachweisdatei in einem beliebigen Format ausgeben, ohne erneut zu prüfen.",
    ),
    (
        "verify",
        "Die Prüfung wiederholen, die eine Nachweisdatei festhält; Exit-Code 0, wenn sie sich \
         bestätigt, sonst 1.",
    ),
    (
        "diff",
        "Zwei Nachweisdateien vergleichen: verbesserte und verschlechterte Prüfkriterien, neue und \
         behobene Befunde. Exit-Code 1, wenn die neuere schlechter ist; 2, wenn beide \
         verschiedene Quality Gates entscheiden oder aus verschiedenen Repositories stammen \
         (verglichen, aber nicht bewertet).",
    ),
    ("schema", "Das JSON Schema des Nachweisberichts ausgeben."),
    (
        "portfolio",
        "Eine Übersicht über viele Nachweisdateien (oder Ordner davon): Entscheidungen, \
         Erfüllungsquoten, älteste offene Befunde, auslaufende Ausnahmegenehmigungen, Trends.",
    ),
    (
        "scan",
        "Jedes git-Repository unterhalb eines Ordners parallel prüfen; jede Nachweisdatei und das \
         Portfolio schreiben. Exit-Code 1, wenn eines NO-GO ist, 2, wenn eines nicht geprüft \
         werden konnte.",
    ),
    (
        "steering",
        "Das monatliche Steuerungspaket schreiben: die Entscheidung jedes Quality Gates und ihre \
         Änderung seit dem letzten Paket, die größten Risiken mit Ampel und Trend, das \
         Entscheidungsprotokoll und die auslaufenden Ausnahmegenehmigungen des Zeitraums, \
         Prioritäten und nächste Schritte, Annahmen und Grenzen. Markdown oder druckbares HTML.",
    ),
    (
        "hook",
        "Einen git-Hook installieren oder entfernen, der `gonogo check` ausführt (ohne das \
         pre-commit-Framework).",
    ),
    (
        "hook install",
        "Einen git-Hook schreiben, der `gonogo check` ausführt (pre-commit: den Index; pre-push: \
         HEAD).",
    ),
    (
        "hook uninstall",
        "gonogos Hook entfernen und einen Hook zurücklegen, den `install --force` aufbewahrt hat.",
    ),
    ("completions", "Shell-Vervollständigungen ausgeben."),
];

/// Help of arguments: `path#--long` (or `path#id`), and `#--long` for every command.
pub(super) const ARGS: &[(&str, &str)] = &[
    // Shared by several commands.
    (
        "#--lang",
        "Sprache der Texte für Menschen. Standard: GONOGO_LANG, sonst LC_ALL/LC_MESSAGES/LANG \
         (de* → Deutsch), sonst die `language` des Playbooks, sonst Englisch.",
    ),
    (
        "#--summary",
        "Markdown oder HTML: die einseitige Entscheidungsvorlage für das Management (Entscheidung, \
         größte Risiken, was vor der Freigabe geschehen muss, Risikomatrix, Grenzen).",
    ),
    (
        "#--max-size",
        "Markdown: Details falten (die am wenigsten schweren zuerst), damit der Bericht unter \
         BYTES bleibt. Standard 65536, die Grenze eines Pull-Request-Kommentars; 0 = keine Grenze.",
    ),
    (
        "#--sarif-no-category",
        "SARIF: keine `automationDetails.id` schreiben, damit die Kategorie des Uploaders \
         (upload-sarif `category`) die Analyse benennt.",
    ),
    (
        "#--explain",
        "Im Terminal zeigen, was dieses Prüfkriterium angesehen hat: die passenden Dateien mit \
         Blob-ID und Zeilen, die Befunde, die Maßnahme, die angewandte Ausnahmegenehmigung. \
         Wiederholbar.",
    ),
    (
        "#--verbose",
        "Jedes Prüfkriterium erklären (wie --explain), die nicht erfüllten zuerst.",
    ),
    ("#--color", "Farbe in der Terminalausgabe."),
    ("#--format", "Das Format auf der Standardausgabe."),
    (
        "#--output",
        "FORMAT oder FORMAT=DATEI; wiederholbar (z. B. `-o human -o json=evidence.json`).",
    ),
    ("#--strict", "GO MIT AUFLAGEN als NO-GO werten."),
    // check
    (
        "check#path",
        "Das Repository (ein beliebiger Ordner darin) oder ein einfacher Ordner.",
    ),
    (
        "check#--playbook",
        "Playbook-Datei oder `preset:NAME`. Standard: gonogo.toml oder .gonogo/playbook.toml im \
         Wurzelordner, sonst preset:default.",
    ),
    (
        "check#--gate",
        "Das zu entscheidende Quality Gate. Standard: `merge`, oder `release`, wenn der geprüfte \
         Commit ein Release-Tag ist; das jeweils andere, wenn eines fehlt; alle Prüfkriterien, \
         wenn beide fehlen.",
    ),
    (
        "check#--rev",
        "Diesen Commit, Tag oder Branch statt HEAD prüfen.",
    ),
    (
        "check#--base",
        "Änderungen gegen die Merge-Basis mit dieser Revision messen (Standard in der CI: die \
         Basis des Merge Requests aus GITHUB_BASE_REF, CI_MERGE_REQUEST_DIFF_BASE_SHA oder \
         CI_MERGE_REQUEST_TARGET_BRANCH_NAME).",
    ),
    (
        "check#--policy-ref",
        "Die Richtlinie (Playbook, Ausnahmegenehmigungen) aus dieser vertrauenswürdigen Revision \
         lesen, z. B. dem von der CI geholten Richtlinien-Branch einer Organisation. Standard: \
         GONOGO_POLICY_REF, sonst die Basis (mit --base), sonst der geprüfte Commit.",
    ),
    (
        "check#--as-of",
        "Das Stichtagsdatum für Ablauf, Aktualität und Reviews: JJJJ-MM-TT (00:00 UTC) oder \
         RFC 3339. Standard: SOURCE_DATE_EPOCH, sonst heute (UTC). Nie das Commit-Datum.",
    ),
    (
        "check#--staged",
        "Den Index prüfen (was der nächste Commit enthielte); Änderungen sind der Index gegenüber \
         HEAD.",
    ),
    (
        "check#--worktree",
        "Die Dateien auf der Platte prüfen: die versionierten und die nicht versionierten, nicht \
         ignorierten.",
    ),
    (
        "check#--release-version",
        "Die Version, die freigegeben wird (für Release-Checklisten). Standard: der geprüfte Tag \
         ohne `v`.",
    ),
    (
        "check#--quiet",
        "Nur die Zeile mit der Entscheidung ausgeben.",
    ),
    (
        "check#--waivers",
        "Datei der Ausnahmegenehmigungen. Standard: `[waivers] file` des Playbooks, sonst \
         .gonogo/waivers.toml, wenn vorhanden.",
    ),
    (
        "check#--baseline",
        "Eine frühere Nachweisdatei: nur Befunde, die sie nicht enthält, zählen (eine Sperrklinke \
         für Altcode).",
    ),
    (
        "check#--approvals",
        "Die Reviews des Merge Requests, wie die CI sie geholt hat: das JSON von GitHubs \
         `pulls/:number/reviews` oder GitLabs `merge_requests/:iid/approvals`.",
    ),
    (
        "check#--note",
        "Das Nachweis-JSON als git-Notiz am geprüften Commit speichern.",
    ),
    (
        "check#--notes-ref",
        "Die Notiz-Referenz für --note (`audit` heißt `refs/notes/audit`, wie in git).",
    ),
    (
        "check#--max-file-size",
        "Dateien über so vielen Bytes werden gemeldet, nicht gelesen.",
    ),
    // init
    ("init#path", "Wohin gonogo.toml geschrieben wird."),
    (
        "init#--preset",
        "Das Preset, das das Start-Playbook erweitert.",
    ),
    ("init#--force", "Eine vorhandene gonogo.toml überschreiben."),
    (
        "init#--lang",
        "Die Sprache der Kommentare des Playbooks und seiner Berichte (`de` setzt auch \
         `language = \"de\"`). Standard: GONOGO_LANG, sonst die Locale, sonst Englisch.",
    ),
    // fix
    ("fix#path", "Das Repository (Standard: hier)."),
    (
        "fix#--playbook",
        "Playbook-Datei oder `preset:NAME`. Standard: wie `gonogo check` sie wählt.",
    ),
    (
        "fix#--gate",
        "Das Quality Gate, dessen Prüfkriterien zählen (Standard: wie `gonogo check` es wählt).",
    ),
    (
        "fix#--write",
        "Die fehlenden Artefakte anlegen (ohne: nur auflisten).",
    ),
    (
        "fix#--lang",
        "Sprache der Dokumente und der Ausgabe (Standard: die des Playbooks, sonst Englisch).",
    ),
    (
        "fix#--contact",
        "Eine E-Mail-Adresse, die eingetragen wird, wo ein Dokument einen Kontakt nennt \
         (Standard: die E-Mail-Adresse des ersten Mitglieds in den Rollen des Playbooks).",
    ),
    // show
    (
        "show#rev",
        "Der Commit, Tag oder Branch, dessen Nachweis gezeigt wird.",
    ),
    ("show#--repo", "Das Repository."),
    (
        "show#--notes-ref",
        "Die Notiz-Referenz, unter der der Nachweis gespeichert ist.",
    ),
    (
        "show#--gate",
        "Das Quality Gate, dessen Nachweis gezeigt wird; nötig, wenn die Notiz mehrere enthält.",
    ),
    (
        "show#--list",
        "Die Quality Gates der Notiz auflisten (Entscheidung, Datum, Digest), statt eines zu \
         zeigen.",
    ),
    // report
    (
        "report#evidence",
        "Die Nachweisdatei (`-` für die Standardeingabe), wie `check --format json` sie schreibt.",
    ),
    ("report#--output", "FORMAT oder FORMAT=DATEI; wiederholbar."),
    // verify
    (
        "verify#evidence",
        "Die Nachweisdatei (`-` für die Standardeingabe).",
    ),
    (
        "verify#--repo",
        "Das Repository; Standard: der im Nachweis festgehaltene Wurzelordner.",
    ),
    (
        "verify#--playbook",
        "Das Playbook; Standard: das im Nachweis festgehaltene (sein SHA-256 muss passen).",
    ),
    // diff
    ("diff#old", "Die ältere Nachweisdatei."),
    ("diff#new", "Die neuere Nachweisdatei."),
    ("diff#--format", "`human` oder `json`."),
    // portfolio
    (
        "portfolio#paths",
        "Nachweisdateien oder Ordner, die (rekursiv) nach `*.json`-Nachweisdateien durchsucht \
         werden.",
    ),
    ("portfolio#--format", "markdown, html, csv oder json."),
    (
        "portfolio#--output",
        "In diese Datei schreiben statt auf die Standardausgabe.",
    ),
    (
        "portfolio#--within",
        "Aktive Ausnahmegenehmigungen, die binnen so vieler Tage nach dem neuesten Bericht \
         auslaufen, werden aufgelistet.",
    ),
    (
        "portfolio#--top",
        "Wie viele der ältesten offenen Befunde aufgelistet werden, insgesamt und je Repository.",
    ),
    // scan
    (
        "scan#root",
        "Der Ordner, in dem nach git-Repositories gesucht wird.",
    ),
    (
        "scan#--out",
        "Wohin `<repository>.json` für jedes Repository sowie `portfolio.md` / `portfolio.json` \
         geschrieben werden.",
    ),
    (
        "scan#--playbook",
        "Playbook-Datei oder `preset:NAME` für jedes Repository. Standard: das eigene jedes \
         Repositorys, sonst preset:default.",
    ),
    (
        "scan#--gate",
        "Das Quality Gate, das in jedem Repository entschieden wird.",
    ),
    (
        "scan#--as-of",
        "Das Stichtagsdatum jeder Prüfung: JJJJ-MM-TT oder RFC 3339. Standard: \
         SOURCE_DATE_EPOCH, sonst heute (UTC).",
    ),
    (
        "scan#--jobs",
        "Wie viele Repositories gleichzeitig geprüft werden. Standard: die Zahl der Kerne.",
    ),
    (
        "scan#--max-depth",
        "Wie viele Ordnerebenen unter ROOT nach Repositories gesucht wird.",
    ),
    (
        "scan#--within",
        "Ausnahmegenehmigungen, die binnen so vieler Tage auslaufen, stehen im Portfolio.",
    ),
    (
        "scan#--top",
        "Wie viele der ältesten offenen Befunde das Portfolio auflistet.",
    ),
    ("scan#--quiet", "Nur die Zusammenfassung ausgeben."),
    (
        "scan#--shard",
        "Nur Teil I von N der Repositories prüfen, ab 1 gezählt (`1/4` … `4/4`), aufgeteilt nach \
         einem stabilen Hash des Pfads jedes Repositorys unter ROOT (docs/scaling.md). Standard: \
         `JOB_COMPLETION_INDEX` der Umgebung (ab 0, mit --shard-total oder GONOGO_SHARD_TOTAL), \
         sonst `CI_NODE_INDEX` und `CI_NODE_TOTAL` (ab 1), sonst jedes Repository.",
    ),
    (
        "scan#--shard-index",
        "Der zu prüfende Teil, ab 0 gezählt (`0` … `N-1`), mit --shard-total.",
    ),
    (
        "scan#--shard-total",
        "In wie viele Teile die Repositories aufgeteilt werden.",
    ),
    (
        "scan#--force",
        "Jedes Repository erneut prüfen, auch eines, dessen Commit, Richtlinie und gonogo-Version \
         denen des Nachweises eines früheren Scans in --out entsprechen.",
    ),
    (
        "scan#--format",
        "`text`: eine Zeile je Repository für Menschen; `ndjson`: ein JSON-Objekt je Repository \
         auf der Standardausgabe, sobald es fertig ist (die Zusammenfassung geht auf die \
         Standardfehlerausgabe).",
    ),
    // steering
    ("steering#path", "Das Repository."),
    (
        "steering#--playbook",
        "Playbook-Datei oder `preset:NAME` (Standard: das eigene des Repositorys, sonst \
         preset:default).",
    ),
    (
        "steering#--since",
        "Der Zeitraum: so lange vor dem Stichtag (`30d`, `4 weeks`, `1 month`).",
    ),
    (
        "steering#--month",
        "Der Zeitraum: ein Kalendermonat (`2026-11`); der Stichtag ist sein letzter Tag, sofern \
         `--as-of` nichts anderes sagt.",
    ),
    (
        "steering#--as-of",
        "Das Stichtagsdatum der Prüfung (Standard: SOURCE_DATE_EPOCH, sonst jetzt).",
    ),
    (
        "steering#--priorities",
        "Die Datei mit den Prioritäten (Standard: was das Prüfkriterium `priorities` des \
         Playbooks gefunden hat, sonst docs/priorities.md).",
    ),
    (
        "steering#--notes-ref",
        "Die Notiz-Referenz, aus der frühere Nachweise gelesen werden.",
    ),
    (
        "steering#--out-dir",
        "Sowohl `steering-<period>.md` als auch `steering-<period>.html` in diesen Ordner \
         schreiben, statt auf die Standardausgabe.",
    ),
    ("steering#--lang", "Sprache des Pakets."),
    // hook
    (
        "hook install#path",
        "Das Repository (ein beliebiger Ordner darin).",
    ),
    (
        "hook install#--pre-push",
        "Den pre-push-Hook (prüft HEAD) statt des pre-commit-Hooks (prüft den Index) \
         installieren.",
    ),
    (
        "hook install#--gate",
        "Das Quality Gate, das der Hook entscheidet. Standard: `commit`, wenn das Playbook des \
         Repositorys es definiert (nur pre-commit), sonst `merge`.",
    ),
    (
        "hook install#--force",
        "Einen Hook ersetzen, den gonogo nicht geschrieben hat: er bleibt als \
         `<hook>.gonogo-chained` erhalten und läuft zuerst.",
    ),
    (
        "hook uninstall#path",
        "Das Repository (ein beliebiger Ordner darin).",
    ),
    (
        "hook uninstall#--pre-push",
        "Den pre-push-Hook statt des pre-commit-Hooks entfernen.",
    ),
    // playbook
    (
        "playbook validate#file",
        "Das Playbook; Standard: gonogo.toml oder .gonogo/playbook.toml hier, sonst das \
         Standard-Preset.",
    ),
    (
        "playbook show#file",
        "Das Playbook; Standard: gonogo.toml oder .gonogo/playbook.toml hier, sonst das \
         Standard-Preset.",
    ),
    (
        "playbook test#file",
        "Das Playbook (oder seine Testdatei, `NAME.tests.toml`). Standard: gonogo.toml oder \
         .gonogo/playbook.toml hier.",
    ),
    (
        "playbook test#--cases",
        "Die Testdatei. Standard: neben dem Playbook, `gonogo.toml` → `gonogo.tests.toml`.",
    ),
    (
        "playbook schema#--waivers",
        "Das Schema der Datei mit Ausnahmegenehmigungen statt des Playbooks.",
    ),
    (
        "playbook import#file",
        "Das Regelwerk: repolinter.json / repolinter.yaml (todogroup/repolinter) oder \
         .alint.yml.",
    ),
    (
        "playbook import#--output",
        "Das Playbook hierhin schreiben statt auf die Standardausgabe.",
    ),
    // completions
    (
        "completions#shell",
        "bash, zsh, fish, elvish oder powershell.",
    ),
];

/// The examples after `gonogo --help` and `gonogo check --help`.
pub(super) const EXAMPLES: &str = "\
Beispiele:
  gonogo check                          das Repository hier mit seinem Playbook (oder dem Standard) prüfen
  gonogo check ../service --gate merge  ein anderes Repository am Quality Gate merge prüfen
  gonogo check --staged --quiet         pre-commit: der Index, eine Zeile Ausgabe
  gonogo check -o human -o json=evidence.json
                                        Terminalausgabe und eine Nachweisdatei
  gonogo check -o github -o sarif=gonogo.sarif -o junit=gonogo.xml
                                        CI: Annotationen, Code Scanning, Testbericht
  gonogo report evidence.json --format html > report.html
                                        gespeicherten Nachweis ausgeben, ohne erneut zu prüfen
  gonogo report evidence.json --format markdown --summary --lang de
                                        einseitige Entscheidungsvorlage auf Deutsch
  gonogo playbook validate gonogo.toml  jeden Fehler eines Playbooks melden
  gonogo init --preset delivery         eine Start-gonogo.toml schreiben

Exit-Codes: 0 GO (oder GO MIT AUFLAGEN, außer mit --strict), 1 NO-GO, 2 Aufruf-, Playbook- oder
Repository-Fehler oder ein MUSS-/SOLL-Prüfkriterium, das nicht ausgewertet werden konnte (ERROR).";
