//! Messages of the `adr` control (architecture decision records).

use super::Message;

pub const MESSAGES: &[Message] = &[
    Message {
        key: "adr/duplicate-id",
        en: "{path}: id {id} is also used by {others}",
        de: "{path}: die Nummer {id} trägt auch {others}",
    },
    Message {
        key: "adr/numbering-gap",
        en: "number(s) {missing} are missing before {path}",
        de: "vor {path} fehlen die Nummer(n) {missing}",
    },
    Message {
        key: "adr/stale-proposed",
        en: "{path} has been proposed since {date} ({days} days before {today}; at most {max} allowed)",
        de: "{path} ist seit {date} vorgeschlagen ({days} Tage vor dem {today}; höchstens {max} erlaubt)",
    },
    Message {
        key: "adr/missing-folder",
        en: "the ADR folder {dir} named by the playbook does not exist",
        de: "den im Playbook genannten ADR-Ordner {dir} gibt es nicht",
    },
    Message {
        key: "adr/missing-folder#named-by-file",
        en: "the ADR folder {dir} named by {by} does not exist",
        de: "den in {by} genannten ADR-Ordner {dir} gibt es nicht",
    },
    Message {
        key: "adr/missing-folder#none",
        en: "no ADR folder: no `.adr-dir`, no `.log4brains.yml`, none of {tried} holds a record, and no other folder holds numbered records",
        de: "kein ADR-Ordner: keine `.adr-dir`, keine `.log4brains.yml`, in keinem der Ordner {tried} liegt ein Entscheidungseintrag, und auch kein anderer Ordner enthält nummerierte Einträge",
    },
    Message {
        key: "adr/not-applicable",
        en: "no ADR folder, and `min-count = 0`",
        de: "kein ADR-Ordner, und `min-count = 0`",
    },
    Message {
        key: "adr/too-few",
        en: "{found} record(s) in {folders}; at least {min} required",
        de: "{found} Entscheidungseintrag/-einträge in {folders}; mindestens {min} gefordert",
    },
    Message {
        key: "adr/superseded-without-replacement",
        en: "{path} is superseded but names no replacement",
        de: "{path} ist ersetzt, nennt aber keinen Nachfolger",
    },
    Message {
        key: "adr/replacement-missing",
        en: "{path} is superseded by {what}, which does not exist",
        de: "{path} ist durch {what} ersetzt, das es nicht gibt",
    },
    Message {
        key: "adr/supersession-cycle",
        en: "{path} and {other} each say the other supersedes them",
        de: "{path} und {other} geben jeweils an, durch den anderen ersetzt zu sein",
    },
    Message {
        key: "adr/supersession-one-way",
        en: "{other} is superseded by {path}, which does not say it supersedes it",
        de: "{other} ist durch {path} ersetzt, doch {path} nennt nicht, dass es {other} ersetzt",
    },
    Message {
        key: "adr/broken-link",
        en: "{path} links to `{target}`, which does not exist",
        de: "{path} verweist auf `{target}`, das es nicht gibt",
    },
    Message {
        key: "adr/invalid-front-matter",
        en: "{path}: the front matter is not valid YAML: {error}",
        de: "{path}: der Vorspann ist kein gültiges YAML: {error}",
    },
    Message {
        key: "adr/missing-id",
        en: "{path} has no id: name it NNNN-slug.md or give `id` in front matter",
        de: "{path} hat keine Nummer: als NNNN-slug.md benennen oder `id` im Vorspann angeben",
    },
    Message {
        key: "adr/title-number-mismatch",
        en: "{path}: the title says {title}, the file name says {file}",
        de: "{path}: der Titel nennt {title}, der Dateiname {file}",
    },
    Message {
        key: "adr/invalid-date",
        en: "{path}: `{raw}` is not a date (write YYYY-MM-DD)",
        de: "{path}: `{raw}` ist kein Datum (JJJJ-MM-TT schreiben)",
    },
    Message {
        key: "adr/missing-date",
        en: "{path} states no date",
        de: "{path} nennt kein Datum",
    },
    Message {
        key: "adr/missing-section",
        en: "{path} has no `{section}` section",
        de: "{path} hat keinen Abschnitt `{section}`",
    },
    Message {
        key: "adr/missing-status",
        en: "{path} states no status (looked for front matter, a Status bullet, section, line and table)",
        de: "{path} nennt keinen Status (gesucht in Vorspann, Status-Aufzählungspunkt, -Abschnitt, -Zeile und -Tabelle)",
    },
    Message {
        key: "adr/unknown-status",
        en: "{path}: status `{status}` means none of the known statuses (map it with `status-synonyms`)",
        de: "{path}: der Status `{status}` entspricht keinem bekannten Status (mit `status-synonyms` zuordnen)",
    },
    Message {
        key: "adr/status-not-allowed",
        en: "{path}: status `{status}` is not one of {allowed}",
        de: "{path}: der Status `{status}` ist keiner von {allowed}",
    },
    Message {
        key: "markdown/too-deep",
        en: "{path} line {line}: block quotes and lists nest more than {max} levels deep; the document cannot be checked",
        de: "{path} Zeile {line}: Zitate und Listen sind mehr als {max} Ebenen tief verschachtelt; das Dokument kann nicht geprüft werden",
    },
];
