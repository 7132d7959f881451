//! Messages of the `risks` control.

use super::Message;

pub const MESSAGES: &[Message] = &[
    Message {
        key: "risks/missing",
        en: "no risk register: none of {paths} exists",
        de: "kein Risikoregister: keine der Dateien {paths} existiert",
    },
    Message {
        key: "risks/invalid#toml",
        en: "{path} is not valid TOML: {why}",
        de: "{path} ist kein gültiges TOML: {why}",
    },
    Message {
        key: "risks/invalid#no-table",
        en: "{path} holds no table; a register is a table with the columns ID, Title, Likelihood, Impact, Owner, Mitigation, Status, Review",
        de: "{path} enthält keine Tabelle; ein Register ist eine Tabelle mit den Spalten ID, Titel, Wahrscheinlichkeit, Auswirkung, Verantwortlich, Maßnahme, Status, Überprüfung",
    },
    Message {
        key: "risks/invalid#no-risk-table",
        en: "{path} holds no `[[risk]]` table",
        de: "{path} enthält keine `[[risk]]`-Tabelle",
    },
    Message {
        key: "risks/invalid#columns",
        en: "{path}: the register table has no column {columns}",
        de: "{path}: der Registertabelle fehlen die Spalten {columns}",
    },
    Message {
        key: "risks/invalid-value#level",
        en: "{path}: risk {id} has the {field} `{value}`; write 1–5 or low, medium, high",
        de: "{path}: Risiko {id} hat als {field} `{value}`; 1–5 oder niedrig, mittel, hoch schreiben",
    },
    Message {
        key: "risks/invalid-value#status",
        en: "{path}: risk {id} has the status `{value}`; write open, mitigating, accepted or closed",
        de: "{path}: Risiko {id} hat den Status `{value}`; offen, in Bearbeitung, akzeptiert oder geschlossen schreiben",
    },
    Message {
        key: "risks/invalid-value#review",
        en: "{path}: risk {id} has the review date `{value}`, which is no real date (YYYY-MM-DD or DD.MM.YYYY)",
        de: "{path}: Risiko {id} hat das Überprüfungsdatum `{value}`, das kein gültiges Datum ist (JJJJ-MM-TT oder TT.MM.JJJJ)",
    },
    Message {
        key: "risks/missing-id",
        en: "{path}: the risk on line {line} has no id",
        de: "{path}: das Risiko in Zeile {line} hat keine ID",
    },
    Message {
        key: "risks/duplicate-id",
        en: "{path}: the id {id} is given to more than one risk",
        de: "{path}: die ID {id} ist mehr als einem Risiko vergeben",
    },
    Message {
        key: "risks/no-score",
        en: "{path}: risk {id} states no likelihood or no impact, so it has no traffic light",
        de: "{path}: Risiko {id} nennt keine Eintrittswahrscheinlichkeit oder keine Auswirkung und hat daher keine Ampel",
    },
    Message {
        key: "risks/no-status",
        en: "{path}: risk {id} states no status",
        de: "{path}: Risiko {id} nennt keinen Status",
    },
    Message {
        key: "risks/no-owner",
        en: "{path}: open risk {id} has no owner",
        de: "{path}: das offene Risiko {id} hat keinen Verantwortlichen",
    },
    Message {
        key: "risks/no-mitigation",
        en: "{path}: open risk {id} has no mitigation",
        de: "{path}: das offene Risiko {id} hat keine Maßnahme",
    },
    Message {
        key: "risks/no-review",
        en: "{path}: open risk {id} has no review date",
        de: "{path}: das offene Risiko {id} hat kein Überprüfungsdatum",
    },
    Message {
        key: "risks/review-overdue",
        en: "{path}: risk {id} was due for review on {review}, before {as_of}",
        de: "{path}: Risiko {id} war am {review} zur Überprüfung fällig, vor dem {as_of}",
    },
    Message {
        key: "risks/red",
        en: "{path}: risk {id} is red (score {score}) and not accepted by a decision",
        de: "{path}: Risiko {id} ist rot (Wert {score}) und durch keine Entscheidung akzeptiert",
    },
    Message {
        key: "risks/red#no-adr",
        en: "{path}: risk {id} is red (score {score}) and accepted, but links no decision record",
        de: "{path}: Risiko {id} ist rot (Wert {score}) und akzeptiert, verweist aber auf keinen Entscheidungseintrag (ADR)",
    },
    Message {
        key: "risks/red#adr-missing",
        en: "{path}: risk {id} is red (score {score}) and accepted by `{adr}`, which is no decision record of the repository",
        de: "{path}: Risiko {id} ist rot (Wert {score}) und durch `{adr}` akzeptiert, das kein Entscheidungseintrag des Repositorys ist",
    },
    Message {
        key: "risks/red#adr-not-accepted",
        en: "{path}: risk {id} is red (score {score}); its decision {adr} has the status {status}, not accepted",
        de: "{path}: Risiko {id} ist rot (Wert {score}); seine Entscheidung {adr} hat den Status {status}, nicht angenommen",
    },
    Message {
        key: "risks/stale",
        en: "{path} last changed on {changed}, longer ago than {max_age}",
        de: "{path} wurde zuletzt am {changed} geändert, länger her als {max_age}",
    },
];
