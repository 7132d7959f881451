//! Messages of the key checks of the `files` control (`forbid-keys`).

use super::Message;

pub const MESSAGES: &[Message] = &[
    Message {
        key: "files/private-key",
        en: "{path} holds a private key (`-----BEGIN {block}-----`)",
        de: "{path} enthält einen privaten Schlüssel (`-----BEGIN {block}-----`)",
    },
    Message {
        key: "files/key-unjudged",
        en: "{path} is named like a key and its content is {why}, which cannot be judged: it is forbidden by its name",
        de: "{path} ist wie ein Schlüssel benannt und der Inhalt ist {why}, was sich nicht beurteilen lässt: die Datei ist wegen ihres Namens verboten",
    },
    Message {
        key: "keys/binary",
        en: "binary (a key store such as PKCS#12 or JKS)",
        de: "binär (ein Schlüsselspeicher wie PKCS#12 oder JKS)",
    },
    Message {
        key: "keys/too-large",
        en: "too large to read",
        de: "zu groß zum Lesen",
    },
    Message {
        key: "keys/symlink",
        en: "a symbolic link",
        de: "ein symbolischer Link",
    },
    Message {
        key: "keys/unreadable",
        en: "unreadable",
        de: "nicht lesbar",
    },
    Message {
        key: "keys/no-pem",
        en: "text without a PEM block",
        de: "Text ohne PEM-Block",
    },
];
