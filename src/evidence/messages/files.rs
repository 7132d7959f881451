//! Messages of the `files` control, and of content any control could not read.

use super::Message;

pub const MESSAGES: &[Message] = &[
    Message {
        key: "files/forbidden",
        en: "{path} matches the forbidden glob `{glob}`",
        de: "{path} passt auf das verbotene Muster `{glob}`",
    },
    Message {
        key: "files/empty",
        en: "{path} matches `{glob}` but is empty",
        de: "{path} passt auf `{glob}`, ist aber leer",
    },
    Message {
        key: "files/missing",
        en: "no file matches `{glob}`",
        de: "keine Datei passt auf `{glob}`",
    },
    Message {
        key: "files/missing#too-few",
        en: "`{glob}` matches {found} file(s); at least {min} required",
        de: "auf `{glob}` passen {found} Datei(en); mindestens {min} gefordert",
    },
    Message {
        key: "files/missing-any",
        en: "none of {globs} matches a file",
        de: "keine Datei passt auf {globs}",
    },
    Message {
        key: "files/content-missing",
        en: "{path} has no match for `{pattern}`",
        de: "{path} enthält keine Stelle, die auf `{pattern}` passt",
    },
    Message {
        key: "files/content-forbidden",
        en: "{path}:{line} matches the forbidden pattern `{pattern}`",
        de: "{path}:{line} passt auf das verbotene Muster `{pattern}`",
    },
    Message {
        key: "content/text",
        en: "{path} is text",
        de: "{path} ist Text",
    },
    Message {
        key: "content/binary",
        en: "{path} is binary; its content cannot be checked",
        de: "{path} ist binär; der Inhalt kann nicht geprüft werden",
    },
    Message {
        key: "content/too-large",
        en: "{path} has {size} bytes, over the {limit}-byte limit; its content was not read (raise --max-file-size)",
        de: "{path} hat {size} Bytes, mehr als die Grenze von {limit} Bytes; der Inhalt wurde nicht gelesen (--max-file-size erhöhen)",
    },
    Message {
        key: "content/symlink",
        en: "{path} is a symbolic link to `{target}`, which is not followed",
        de: "{path} ist ein symbolischer Link auf `{target}`, dem nicht gefolgt wird",
    },
    Message {
        key: "content/unreadable",
        en: "{path} cannot be read: {why}",
        de: "{path} kann nicht gelesen werden: {why}",
    },
];
