//! The commands' own lines in German: `scan`, `portfolio`, `hook`, `controls`, `playbook`.

pub(super) const DE: &[(&str, &str)] = &[
    ("cmd.error", "Fehler: {text}"),
    ("cmd.warning", "Warnung: {text}"),
    (
        "cmd.cannot-write",
        "{path} lässt sich nicht schreiben: {why}",
    ),
    (
        "cmd.cannot-create",
        "{path} lässt sich nicht anlegen: {why}",
    ),
    ("cmd.cannot-read", "{path} lässt sich nicht lesen: {why}"),
    ("cmd.wrote", "{path} geschrieben"),
    (
        "check.output-no-file",
        "`-o {spec}`: nach `=` eine Datei angeben oder `-o {name}` für die Standardausgabe schreiben",
    ),
    (
        "check.output-unknown",
        "`-o {spec}`: unbekanntes Format `{name}`; Formate: {formats}",
    ),
    (
        "check.in-toto",
        "ein in-toto-Statement bezeugt einen Commit; diese Prüfung galt dem Stand {mode}, keinem Commit (HEAD oder --rev prüfen)",
    ),
    (
        "check.step-summary",
        "an GITHUB_STEP_SUMMARY ({path}) lässt sich nicht anhängen: {why}",
    ),
    (
        "diff.formats",
        "`gonogo diff` schreibt `human` oder `json`, nicht `{format}`",
    ),
    ("scan.not-a-folder", "{path} ist kein Ordner"),
    (
        "scan.none-found",
        "kein git-Repository unter {root} (bis {depth} Ordnerebenen tief gesucht; siehe --max-depth)",
    ),
    (
        "scan.out-inside",
        "der Ausgabeordner {out} liegt in {repo}, einem Repository, das dieser Scan prüft; mit --out einen Ordner außerhalb der geprüften Repositories angeben",
    ),
    (
        "scan.not-checked-error",
        "{name} konnte nicht geprüft werden:",
    ),
    ("scan.not-checked", "NICHT GEPRÜFT"),
    ("scan.reused", " (wiederverwendet)"),
    (
        "scan.evidence-changed",
        "seine Nachweisdatei wurde während des Scans geändert",
    ),
    ("scan.did-not-finish", "die Prüfung wurde nicht beendet"),
    ("scan.skipped-reason", "nicht geprüft: {why}"),
    ("scan.shard", " von {found} (Teil {label})"),
    (
        "scan.summary-one",
        "1 Repository{shard}: {go} GO, {conditions} GO MIT AUFLAGEN, {no_go} NO-GO, {skipped} nicht geprüft, {reused} wiederverwendet{fetched}; {path} geschrieben",
    ),
    (
        "scan.summary",
        "{n} Repositories{shard}: {go} GO, {conditions} GO MIT AUFLAGEN, {no_go} NO-GO, {skipped} nicht geprüft, {reused} wiederverwendet{fetched}; {path} geschrieben",
    ),
    ("portfolio.skipped", "{source} übersprungen: {why}"),
    (
        "portfolio.no-evidence",
        "keiner der angegebenen Pfade enthält einen Nachweis von gonogo",
    ),
    ("portfolio.title", "Governance-Portfolio"),
    ("portfolio.repositories", "Repositories"),
    ("portfolio.oldest", "Älteste offene Befunde"),
    (
        "portfolio.expiring",
        "Bald auslaufende Ausnahmegenehmigungen (binnen {days} Tagen)",
    ),
    ("portfolio.trends", "Trends"),
    ("portfolio.not-included", "Nicht berücksichtigt"),
    ("portfolio.none", "Keine."),
    (
        "portfolio.last-change",
        "Letzte Änderung: {regressed} verschlechtert, {improved} verbessert, {new} neue und {resolved} behobene Befunde.",
    ),
    (
        "portfolio.totals",
        "{repositories} Repositories{rows} aus {reports} Berichten{as_of}",
    ),
    (
        "portfolio.totals-rows",
        " ({n} Zeilen Repository × Quality Gate)",
    ),
    ("portfolio.totals-as-of", ", Stand {date}"),
    (
        "portfolio.decisions",
        "GO: {go} · GO MIT AUFLAGEN: {conditions} · NO-GO: {no_go}{skipped}",
    ),
    ("portfolio.decisions-skipped", " · übersprungen: {n}"),
    (
        "portfolio.passed",
        "Muss-Kriterien erfüllt: {must} · Soll-Kriterien erfüllt: {should}",
    ),
    (
        "portfolio.open",
        "offene Befunde: {n} · binnen {days} Tagen auslaufende Ausnahmegenehmigungen: {waivers}",
    ),
    (
        "portfolio.trend",
        "{sequence} ({direction}; +{new} / -{resolved} Befunde)",
    ),
    ("portfolio.better", "besser"),
    ("portfolio.worse", "schlechter"),
    ("portfolio.unchanged", "unverändert"),
    (
        "portfolio.repositories-columns",
        "Repository|Quality Gate|Entscheidung|Muss erfüllt|Soll erfüllt|Offene Befunde|Älteste offen (Tage)|Auslaufende Ausnahmegenehmigungen|Trend|Commit|Datum",
    ),
    (
        "portfolio.findings-columns",
        "Alter (Tage)|Seit|Repository|Prüfkriterium|Verbindlichkeit|Code|Pfad|Meldung",
    ),
    (
        "portfolio.waivers-columns",
        "Läuft ab|Tage übrig|Repository|Ausnahmegenehmigung|Prüfkriterium|Genehmigt von|Ticket",
    ),
    ("portfolio.filter", "Filter"),
    ("portfolio.decision", "Entscheidung"),
    ("portfolio.all", "alle"),
    ("portfolio.previous", "zurück"),
    ("portfolio.next", "weiter"),
    ("portfolio.of", "von"),
    ("portfolio.sort", "sortieren"),
    (
        "portfolio.first-rows",
        "Die ersten {page} von {total} Zeilen; alle Zeilen stehen in den Formaten CSV und JSON.",
    ),
    (
        "hook.not-a-repository",
        "{path} liegt in keinem git-Repository: {why}",
    ),
    (
        "hook.not-a-gate",
        "`{gate}` ist kein Name eines Quality Gates",
    ),
    (
        "hook.foreign",
        "{hook} existiert und wurde nicht von gonogo geschrieben; ihn entfernen oder `gonogo hook install{flags} --force` ausführen, um ihn als {chained} aufzubewahren und vor gonogo auszuführen",
    ),
    (
        "hook.chained-exists",
        "{chained} existiert bereits; gonogo bewahrt nur einen früheren Hook auf — die beiden von Hand zusammenführen",
    ),
    (
        "hook.cannot-move",
        "{from} lässt sich nicht nach {to} verschieben: {why}",
    ),
    (
        "hook.cannot-chmod",
        "{path} lässt sich nicht ausführbar machen: {why}",
    ),
    (
        "hook.cannot-remove",
        "{path} lässt sich nicht entfernen: {why}",
    ),
    (
        "hook.installed-commit",
        "{hook} installiert (Quality Gate `{gate}`; `git commit --no-verify` überspringt ihn einmal)",
    ),
    (
        "hook.installed-push",
        "{hook} installiert (Quality Gate `{gate}`; `git push --no-verify` überspringt ihn einmal)",
    ),
    (
        "hook.kept-commit",
        "der frühere Hook bleibt als {chained} erhalten und läuft zuerst; schlägt er fehl, bricht der Commit ab",
    ),
    (
        "hook.kept-push",
        "der frühere Hook bleibt als {chained} erhalten und läuft zuerst; schlägt er fehl, bricht der Push ab",
    ),
    (
        "hook.not-ours",
        "{hook} wurde nicht von gonogo geschrieben; bleibt unverändert",
    ),
    ("hook.none", "kein {name}-Hook in {dir}; nichts zu tun"),
    (
        "hook.restored",
        "gonogos {name}-Hook entfernt; den früheren Hook {hook} wiederhergestellt",
    ),
    ("hook.removed", "{hook} entfernt"),
    (
        "hook.script-header",
        "geschrieben von `gonogo hook install`; `gonogo hook uninstall` entfernt ihn.",
    ),
    (
        "hook.script-checks-commit",
        "Prüft den Index am Quality Gate `{gate}`: NO-GO (Exit-Code 1) oder ein Fehler (Exit-Code 2) bricht den Commit ab;",
    ),
    (
        "hook.script-checks-push",
        "Prüft HEAD am Quality Gate `{gate}`: NO-GO (Exit-Code 1) oder ein Fehler (Exit-Code 2) bricht den Push ab;",
    ),
    (
        "hook.script-skip",
        "`git {verb} --no-verify` überspringt diesen Hook einmal.",
    ),
    (
        "hook.script-missing",
        "gonogo ist nicht im PATH{where}; die Prüfung wurde ÜBERSPRUNGEN.",
    ),
    ("hook.script-nor-at", "und nicht unter"),
    (
        "hook.script-install",
        "gonogo installieren (cargo install --path <gonogo-Checkout>) oder $0 entfernen.",
    ),
    (
        "show.listing",
        "Nachweise an {commit} unter {ref}: {n} Quality Gate(s)",
    ),
    (
        "show.listing-footer",
        "Eines zeigen: `gonogo show {rev} --gate NAME`.",
    ),
    ("show.no-decision", "(keine Entscheidung)"),
    (
        "show.several-gates",
        "die Notiz an {rev} enthält {n} Quality Gates ({gates}); mit --gate NAME eines wählen, um es als {format} auszugeben, oder sie mit -f human oder -f json auflisten",
    ),
    (
        "show.repository",
        "das Repository unter {path} lässt sich nicht öffnen: {why}",
    ),
    ("show.revision", "`{rev}` lässt sich nicht auflösen: {why}"),
    (
        "show.missing",
        "für {rev} ist unter {ref} kein Nachweis von gonogo gespeichert",
    ),
    (
        "show.missing-hint",
        "Hinweis: mit `gonogo check --rev {rev} --note` speichern",
    ),
    (
        "show.no-such-gate",
        "die Notiz an {rev} enthält keinen Nachweis für das Quality Gate `{gate}`; sie enthält {stored}",
    ),
    (
        "show.no-such-gate-hint",
        "Hinweis: mit `gonogo check --rev {rev} --gate {gate} --note` speichern oder eines der gespeicherten Quality Gates zeigen",
    ),
    (
        "show.invalid",
        "die Notiz an {rev} ist kein Nachweis von gonogo: {why}",
    ),
    (
        "init.no-preset",
        "es gibt kein Preset `{preset}`; Presets: {presets}",
    ),
    ("init.exists", "{path} existiert; mit --force überschreiben"),
    (
        "init.wrote",
        "{path} geschrieben (erweitert preset:{preset}) und {schema} (für Editoren)",
    ),
    (
        "init.next",
        "weiter: `gonogo playbook validate`, `gonogo check` (das Quality Gate merge), `gonogo hook install`",
    ),
    ("controls.parameters", "Parameter:"),
    ("controls.parameter", "{name} ({type}, Standard {default})"),
    ("controls.codes", "Befundcodes:"),
    (
        "controls.common",
        "Jedes Prüfkriterium nimmt außerdem: id, kind, level (must|should|may, auch muss|soll|kann), title,\nrationale, remediation, tags, applies-if, only-if-changed, fresh-within, fresh-within-commits.\nSiehe docs/playbook.md.",
    ),
    (
        "playbook.valid",
        "gültig: {name} ({title}): {controls}, {gates}",
    ),
    ("playbook.controls-one", "1 Prüfkriterium"),
    ("playbook.controls", "{n} Prüfkriterien"),
    ("playbook.gates-one", "1 Quality Gate"),
    ("playbook.gates", "{n} Quality Gates"),
    (
        "playbook.waivers-valid-one",
        "gültig: {file} (1 Ausnahmegenehmigung)",
    ),
    (
        "playbook.waivers-valid",
        "gültig: {file} ({n} Ausnahmegenehmigungen)",
    ),
    (
        "playbook.no-signers",
        "`[approvals] allowed-signers` nennt {file}, das es nicht gibt",
    ),
    (
        "playbook.no-playbook",
        "hier ist kein Playbook (gonogo.toml oder .gonogo/playbook.toml); eines nennen oder eine Testdatei mit --cases",
    ),
    (
        "playbook.no-tests-file",
        "es gibt keine Testdatei {file}; eine schreiben (siehe docs/playbook-tests.md) oder sie mit --cases nennen",
    ),
    ("playbook.case-pass", "ERFÜLLT       {name}"),
    ("playbook.case-fail", "NICHT ERFÜLLT {name}"),
    ("playbook.cases", "{passed} erfüllt, {failed} nicht erfüllt"),
];
