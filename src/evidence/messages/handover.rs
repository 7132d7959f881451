//! Messages of the `handover` control.

use super::Message;

pub const MESSAGES: &[Message] = &[
    Message {
        key: "handover/missing",
        en: "no handover document: none of {paths} exists",
        de: "kein Übergabedokument: keine der Dateien {paths} existiert",
    },
    Message {
        key: "handover/missing-section",
        en: "{path} has no `{section}` section (a heading such as {headings})",
        de: "{path} hat keinen Abschnitt `{section}` (eine Überschrift wie {headings})",
    },
    Message {
        key: "handover/empty-section",
        en: "{path}:{line}: the section `{heading}` is empty",
        de: "{path}:{line}: der Abschnitt `{heading}` ist leer",
    },
    Message {
        key: "handover/no-contacts",
        en: "{path}:{line}: the section `{heading}` names no contacts (a table with a role column, or one list item per person)",
        de: "{path}:{line}: der Abschnitt `{heading}` nennt keine Ansprechpartner (eine Tabelle mit einer Spalte Rolle oder ein Listenpunkt je Person)",
    },
    Message {
        key: "handover/contact-incomplete#role",
        en: "{path}:{line}: the contact `{contact}` has no role",
        de: "{path}:{line}: der Ansprechpartner `{contact}` hat keine Rolle",
    },
    Message {
        key: "handover/contact-incomplete#reach",
        en: "{path}:{line}: the contact `{contact}` has no e-mail, phone or channel",
        de: "{path}:{line}: der Ansprechpartner `{contact}` hat weder E-Mail noch Telefon noch Kanal",
    },
    Message {
        key: "handover/contact-incomplete#both",
        en: "{path}:{line}: the contact `{contact}` has neither a role nor an e-mail, phone or channel",
        de: "{path}:{line}: der Ansprechpartner `{contact}` hat weder eine Rolle noch E-Mail, Telefon oder Kanal",
    },
    Message {
        key: "handover/secret#private-key",
        en: "{path}:{line} holds a private key",
        de: "{path}:{line} enthält einen privaten Schlüssel",
    },
    Message {
        key: "handover/secret#token",
        en: "{path}:{line} holds what looks like an access token",
        de: "{path}:{line} enthält etwas, das wie ein Zugriffstoken aussieht",
    },
    Message {
        key: "handover/secret#assigned",
        en: "{path}:{line} writes out what looks like a password, key or token",
        de: "{path}:{line} schreibt etwas aus, das wie ein Passwort, Schlüssel oder Token aussieht",
    },
];
