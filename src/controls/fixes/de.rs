//! The fixes of the finding codes in German, one row per code of [`super::FIXES`] that has a
//! fix of its own.

/// The fixes of [`FIXES`] in German, per code; tests/docs.rs checks that each has one.
pub const FIXES_DE: &[(&str, &str)] = &[
    (
        "adr/unreadable",
        "Den Entscheidungseintrag als Markdown- oder reStructuredText-Text unter der Größengrenze ablegen (nicht binär, kein Link, kein Git-LFS-Zeiger).",
    ),
    (
        "adr/invalid-front-matter",
        "Den YAML-Vorspann zwischen den `---`-Zeilen korrigieren (Werte mit `:` in Anführungszeichen setzen, Klammern schließen).",
    ),
    (
        "adr/missing-status",
        "Den Status des Eintrags angeben: ein Abschnitt oder eine Zeile `Status` (`Status: Angenommen`) oder `status:` im Vorspann.",
    ),
    (
        "adr/unknown-status",
        "Einen der bekannten Status schreiben (vorgeschlagen, angenommen, abgelehnt, veraltet, ersetzt) oder diesen mit `status-synonyms` im Playbook zuordnen.",
    ),
    (
        "adr/status-not-allowed",
        "Einen Status verwenden, den das Playbook erlaubt (`statuses`), oder vereinbaren, diesen im Playbook zuzulassen.",
    ),
    (
        "adr/missing-date",
        "Das Datum der Entscheidung ergänzen (`Datum: JJJJ-MM-TT` oder `date:` im Vorspann).",
    ),
    (
        "adr/invalid-date",
        "Das Datum als JJJJ-MM-TT (oder TT.MM.JJJJ) schreiben, und zwar als echten Kalendertag.",
    ),
    (
        "adr/missing-section",
        "Den fehlenden Abschnitt ergänzen (eine Überschrift mit Text darunter).",
    ),
    (
        "adr/missing-id",
        "Den Eintrag NNNN-titel.md nennen (z. B. 0007-postgres-nutzen.md) oder `id` im Vorspann angeben.",
    ),
    (
        "adr/duplicate-id",
        "Einem der beiden Einträge die nächste freie Nummer geben; Nummern bleiben im ganzen Log eindeutig.",
    ),
    (
        "adr/numbering-gap",
        "Die fehlenden Einträge wiederherstellen oder ohne Lücken nummerieren (eine verworfene Entscheidung ist ein Eintrag mit Status abgelehnt, keine gelöschte Datei).",
    ),
    (
        "adr/title-number-mismatch",
        "Die Nummer im Titel an die Nummer im Dateinamen angleichen.",
    ),
    (
        "adr/superseded-without-replacement",
        "Den ersetzenden Eintrag nennen: `Ersetzt durch [NNNN](NNNN-titel.md)` im Statusabschnitt.",
    ),
    (
        "adr/replacement-missing",
        "`Ersetzt durch` auf einen vorhandenen Eintrag zeigen lassen (Link, Dateiname oder Nummer) oder diesen Eintrag anlegen.",
    ),
    (
        "adr/broken-link",
        "Den Link auf eine Datei im Repository zeigen lassen, die es gibt, oder ihn entfernen.",
    ),
    (
        "adr/supersession-one-way",
        "Die Ersetzung in beiden Einträgen festhalten: `Ersetzt` im neueren, `Ersetzt durch` im älteren.",
    ),
    (
        "adr/supersession-cycle",
        "Entscheiden, welcher Eintrag welchen ersetzt, und `Ersetzt durch` nur im älteren behalten.",
    ),
    (
        "adr/stale-proposed",
        "Über den Vorschlag entscheiden: annehmen oder ablehnen, oder sein Datum aktualisieren, wenn er bewusst offen bleibt.",
    ),
    (
        "approvals/not-a-member",
        "Von einem Mitglied der Rolle freigeben lassen oder die freigebende Person im vertrauenswürdigen Playbook der Rolle hinzufügen.",
    ),
    (
        "approvals/unverified",
        "Die Freigabe mit einem Schlüssel signieren, den das Playbook für die Person nennt (`signing-keys` oder `allowed-signers`).",
    ),
    (
        "approvals/wrong-signer",
        "Die Freigabe mit dem eigenen Schlüssel der freigebenden Person signieren, wie das Playbook ihn nennt.",
    ),
    (
        "approvals/bad-signature",
        "Die Freigabe neu signieren: die Signatur passt nicht zum signierten Inhalt.",
    ),
    (
        "dates/commit-in-future",
        "Die Uhr des Committers und das Stichtagsdatum prüfen (`--as-of`, SOURCE_DATE_EPOCH): der Commit ist später datiert.",
    ),
    (
        "dod/too-few-items",
        "Der Definition of Done Prüfpunkte (`- [ ] …`) hinzufügen, bis sie die geforderte Anzahl hat.",
    ),
    (
        "dod/missing-item",
        "Einen Prüfpunkt (`- [ ] …`) ergänzen, der das geforderte Thema abdeckt.",
    ),
    (
        "dod/empty-release-checklist",
        "Die Release-Checkliste mit ihren Punkten füllen (`- [x] …`, sobald erledigt).",
    ),
    (
        "dod/unchecked-release-item",
        "Den Punkt erledigen und abhaken (`- [x]`) oder festhalten, warum er nicht zutrifft, und eine Ausnahmegenehmigung einholen.",
    ),
    (
        "dod/pr-template-too-few-items",
        "Der Pull-Request-Vorlage Prüfpunkte (`- [ ] …`) hinzufügen.",
    ),
    (
        "dod/unreadable",
        "Die Checkliste als Markdown-Text unter der Größengrenze ablegen (nicht binär, kein Link, kein Git-LFS-Zeiger).",
    ),
    (
        "files/empty",
        "Den Inhalt der Datei schreiben (eine leere Datei zählt als fehlend) oder `allow-empty = true` für eine Markierungsdatei wie `py.typed` setzen.",
    ),
    (
        "files/forbidden",
        "Die Datei aus dem Repository entfernen (und aus der Historie, wenn sie ein Geheimnis enthielt; dieses austauschen).",
    ),
    (
        "files/private-key",
        "Den privaten Schlüssel entfernen und austauschen (nach dem Push gilt er als kompromittiert); Schlüssel gehören in einen Secret-Store.",
    ),
    (
        "files/key-unjudged",
        "Den Schlüsselspeicher entfernen oder nur dort halten, wo das Playbook Testdaten erlaubt; war er echt, seinen Inhalt austauschen.",
    ),
    (
        "files/content-missing",
        "Den geforderten Inhalt in der Datei ergänzen (das Muster nennt, was erwartet wird).",
    ),
    (
        "files/content-forbidden",
        "Den passenden Text entfernen oder umschreiben.",
    ),
    (
        "files/unreadable",
        "Die Datei als Text unter der Größengrenze ablegen (nicht binär, kein Link, kein Git-LFS-Zeiger) oder sie aus `content-in` herausnehmen.",
    ),
    (
        "freshness/future-date",
        "Das Datum korrigieren: es liegt nach dem Stichtag der Prüfung.",
    ),
    (
        "gate-evidence/invalid",
        "Den Nachweis ablegen, den gonogo für dieses Gate geschrieben hat (`-o json=…`), unverändert.",
    ),
    (
        "gate-evidence/edited",
        "Den Nachweis genau so ablegen, wie gonogo ihn geschrieben hat: seine Prüfsumme passt nicht mehr zum Inhalt.",
    ),
    (
        "gate-evidence/wrong-gate",
        "Den Nachweis des genannten Gates (`--gate NAME -o json=…`) unter diesem Pfad ablegen.",
    ),
    (
        "gate-evidence/not-a-commit",
        "Das Gate an einem Commit bestehen (nicht mit `--worktree` oder `--staged`) und diesen Nachweis ablegen.",
    ),
    (
        "gate-evidence/not-an-ancestor",
        "Das Gate auf der Historie dieses Zweigs erneut bestehen und den neuen Nachweis ablegen.",
    ),
    (
        "gate-evidence/other-repository",
        "Einen Nachweis dieses Repositorys ablegen, keine Kopie aus einem anderen.",
    ),
    (
        "gate-evidence/not-passed",
        "Beheben, was das Gate auf NO-GO gesetzt hat, es bestehen und den neuen Nachweis ablegen.",
    ),
    (
        "ownership/unreadable",
        "CODEOWNERS als reine Textdatei ablegen (nicht binär, kein Link).",
    ),
    (
        "ownership/invalid-line",
        "Jede Verantwortliche als @benutzer, @org/team oder E-Mail-Adresse schreiben; sonst überspringt die Plattform die ganze Zeile.",
    ),
    (
        "ownership/duplicate-pattern",
        "Ein Muster nur in einer Zeile führen: die spätere Zeile überschreibt die frühere stillschweigend.",
    ),
    (
        "ownership/unmatched-pattern",
        "Das Muster korrigieren oder die Zeile entfernen: es trifft keine Datei.",
    ),
    (
        "ownership/no-owners",
        "Die Verantwortlichen des Musters nennen oder die Zeile entfernen.",
    ),
    (
        "ownership/unowned-critical",
        "Eine CODEOWNERS-Zeile ergänzen, die diesem kritischen Pfad Verantwortliche gibt.",
    ),
    (
        "policy/weakened",
        "Die Änderung am Playbook von einer Person aus den Regel-Verantwortlichen freigeben lassen oder die Regeln lassen, wie sie sind.",
    ),
    (
        "policy/removed",
        "Das Playbook wiederherstellen: eine Änderung darf die Regeln, die sie beurteilen, nicht entfernen.",
    ),
    (
        "policy/invalid",
        "Das Playbook korrigieren (`gonogo playbook validate`), bevor die Änderung danach beurteilt werden kann.",
    ),
    (
        "release/changelog-no-entry",
        "Dem Changelog einen Abschnitt für diese Version hinzufügen (`## [1.2.0] - JJJJ-MM-TT`).",
    ),
    (
        "runbook/missing-section",
        "Den fehlenden Abschnitt (eine Überschrift und was zu tun ist) im Runbook ergänzen.",
    ),
    (
        "runbook/empty-section",
        "Den Inhalt des Abschnitts schreiben: was der Betrieb Schritt für Schritt tut.",
    ),
    (
        "runbook/no-owner",
        "Die verantwortliche Person des Runbooks nennen: `owner:` im Vorspann oder ein Kontakt unter einer Überschrift Kontakt.",
    ),
    (
        "runbook/missing-review",
        "Die letzte Durchsicht festhalten: `last_reviewed_on: JJJJ-MM-TT` im Vorspann.",
    ),
    (
        "runbook/stale-review",
        "Das Runbook mit der verantwortlichen Person durchsehen und `last_reviewed_on` aktualisieren.",
    ),
    (
        "runbook/invalid-review-metadata",
        "`last_reviewed_on` als JJJJ-MM-TT und `review_in` als Dauer wie `90 Tage` oder `6 Monate` schreiben.",
    ),
    (
        "runbook/invalid-front-matter",
        "Den YAML-Vorspann zwischen den `---`-Zeilen korrigieren.",
    ),
    (
        "runbook/unreadable",
        "Das Runbook als Markdown-Text unter der Größengrenze ablegen (nicht binär, kein Link, kein Git-LFS-Zeiger).",
    ),
    (
        "tests/untested-change",
        "Die Tests des Moduls zusammen mit seinen Quellen ändern oder ergänzen.",
    ),
    (
        "waivers/expired",
        "Den Befund beheben oder die Ausnahmegenehmigung mit der genehmigenden Person erneuern: neues Ablaufdatum und warum sie weiter gilt.",
    ),
    (
        "waivers/too-long",
        "Die Geltungsdauer der Ausnahmegenehmigung auf das kürzen, was das Playbook erlaubt (`[waivers] max-days`).",
    ),
    (
        "waivers/not-entitled",
        "Die Ausnahmegenehmigung von einem Mitglied einer Rolle genehmigen lassen, die diese Verbindlichkeit ausnehmen darf (`may-waive`).",
    ),
    (
        "waivers/locked",
        "Den Befund beheben: die Kontrolle ist gesperrt, keine Ausnahmegenehmigung darf ihn akzeptieren.",
    ),
    (
        "waivers/unknown-control",
        "In der Ausnahmegenehmigung eine Kontrolle des Playbooks nennen oder die Ausnahmegenehmigung entfernen.",
    ),
    (
        "waivers/created-in-future",
        "Das Datum `created` der Ausnahmegenehmigung korrigieren: es liegt nach dem Stichtag der Prüfung.",
    ),
    (
        "risks/unreadable",
        "Das Register als Markdown- oder TOML-Text unter der Größengrenze ablegen (nicht binär, kein Link, kein Git-LFS-Zeiger).",
    ),
    (
        "risks/invalid",
        "Das Register als eine Tabelle mit den Spalten ID, Titel, Wahrscheinlichkeit, Auswirkung, Verantwortlich, Maßnahme, Status, Überprüfung (ADR optional) führen oder als `[[risk]]`-Tabellen in gültigem TOML; siehe docs/controls/risks.md.",
    ),
    (
        "risks/invalid-value",
        "Eintrittswahrscheinlichkeit und Auswirkung als 1–5 oder niedrig, mittel, hoch schreiben, den Status als offen, in Bearbeitung, akzeptiert oder geschlossen, das Überprüfungsdatum als JJJJ-MM-TT oder TT.MM.JJJJ.",
    ),
    (
        "risks/missing-id",
        "Dem Risiko eine im Register eindeutige ID geben (`R-7`).",
    ),
    (
        "risks/duplicate-id",
        "Jedem Risiko eine eigene ID geben; die ID eines geschlossenen Risikos nicht wiederverwenden.",
    ),
    (
        "risks/no-score",
        "Das Risiko bewerten: Eintrittswahrscheinlichkeit und Auswirkung, je 1–5.",
    ),
    (
        "risks/no-status",
        "Den Status des Risikos angeben: offen, in Bearbeitung, akzeptiert oder geschlossen.",
    ),
    (
        "risks/no-owner",
        "Benennen, wer das Risiko verantwortet: eine Rolle des Playbooks oder eine namentlich genannte Person.",
    ),
    (
        "risks/no-mitigation",
        "Die Maßnahme gegen das Risiko eintragen oder das Risiko durch eine Entscheidung akzeptieren.",
    ),
    (
        "risks/no-review",
        "Das Datum der nächsten Überprüfung des Risikos eintragen.",
    ),
    (
        "risks/review-overdue",
        "Das Risiko überprüfen und das Datum der nächsten Überprüfung setzen.",
    ),
    (
        "risks/red",
        "Das Risiko unter Rot senken oder akzeptieren: Status akzeptiert und ein verlinkter ADR mit Status angenommen; sonst mit einer befristeten Ausnahmegenehmigung zulassen.",
    ),
    (
        "risks/stale",
        "Das Register überprüfen und mit aktualisierten Überprüfungsdaten committen.",
    ),
    (
        "decision-rights/unreadable",
        "Das Dokument der Entscheidungsrechte als Markdown-Text unter der Größengrenze ablegen (nicht binär, kein Link, kein Git-LFS-Zeiger).",
    ),
    (
        "decision-rights/no-table",
        "Eine Markdown-Tabelle ergänzen: erste Spalte `Entscheidung` (der Entscheidungstyp), dann je Rolle des Playbooks eine Spalte mit R, A, C oder I in jeder Zelle.",
    ),
    (
        "decision-rights/missing-decision",
        "Eine Zeile für den Entscheidungstyp ergänzen, mit genau einer Rolle als A (verantwortlich).",
    ),
    (
        "decision-rights/no-accountable",
        "Genau eine Rolle mit A (verantwortlich) für den Entscheidungstyp kennzeichnen; `A/R`, wenn sie auch durchführt.",
    ),
    (
        "decision-rights/many-accountable",
        "A (verantwortlich) nur für eine Rolle vergeben; die anderen mit R, C oder I kennzeichnen.",
    ),
    (
        "decision-rights/unknown-role",
        "Die Spalte genau wie eine Rolle in `[roles]` des Playbooks benennen oder die Rolle dort ergänzen.",
    ),
    (
        "decision-rights/unknown-letter",
        "R, A, C oder I schreiben (deutsch D, V, M, I) oder Kombinationen wie `A/R`; für keine Beteiligung die Zelle leer lassen oder `-` schreiben.",
    ),
    (
        "decision-rights/no-escalation",
        "Einen Abschnitt `Eskalation` mit einer nummerierten Liste von Rollen ergänzen, von der ersten bis zur letzten Stufe (`1. team-lead`).",
    ),
    (
        "decision-rights/escalation-unknown-role",
        "In der Eskalationsstufe eine Rolle des Playbooks nennen oder die Rolle in `[roles]` ergänzen.",
    ),
    (
        "decision-rights/escalation-unreachable",
        "Der Rolle im Playbook mindestens ein Mitglied geben (`members = [\"Name <email>\"]`), damit die Eskalation jemanden erreicht.",
    ),
    (
        "decision-rights/owner-not-in-role",
        "Eine Rolle oder ein Mitglied einer Rolle als Verantwortlichen nennen oder die Person bzw. das Team einer Rolle im Playbook zuordnen: die Rollen sind die eine Liste derer, die verantwortlich sind.",
    ),
    (
        "handover/unreadable",
        "Das Übergabedokument als Markdown-Text unter der Größengrenze ablegen (nicht binär, kein Link, kein Git-LFS-Zeiger).",
    ),
    (
        "handover/missing-section",
        "Den Abschnitt mit einer der genannten Überschriften ergänzen und dort beschreiben, was das übernehmende Team wissen muss.",
    ),
    (
        "handover/empty-section",
        "Den Inhalt des Abschnitts unter die Überschrift schreiben (ein Platzhalter-Kommentar zählt nicht).",
    ),
    (
        "handover/no-contacts",
        "Jeden Ansprechpartner aufführen: eine Tabelle mit den Spalten Name, Rolle und Erreichbarkeit oder ein Listenpunkt je Person (`Ana Lima — Product Owner — ana@example.com`).",
    ),
    (
        "handover/contact-incomplete",
        "Jedem Ansprechpartner eine Rolle und einen Weg der Erreichbarkeit geben: E-Mail, Telefonnummer oder Kanal (`#ops`).",
    ),
    (
        "handover/secret",
        "Den Wert entfernen und austauschen: er steht nun in der Historie. Stattdessen nennen, wo das Geheimnis liegt (Vault-Pfad, Passwortmanager) und wer den Zugang erteilt.",
    ),
];
