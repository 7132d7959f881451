//! Messages of the `release` control and its reasons.

use super::Message;

pub const MESSAGES: &[Message] = &[
    Message {
        key: "release/not-released",
        en: "no release yet: no tag matches `{pattern}` and no --release-version was given",
        de: "noch kein Release: kein Tag passt auf `{pattern}` und --release-version wurde nicht angegeben",
    },
    Message {
        key: "release/no-version",
        en: "no release version: pass --release-version X, or check a release tag (--rev v1.2.0)",
        de: "keine Release-Version: --release-version X angeben oder ein Release-Tag prüfen (--rev v1.2.0)",
    },
    Message {
        key: "release/checklist-missing",
        en: "there is no release checklist {path} for version {version}",
        de: "es gibt keine Release-Checkliste {path} für Version {version}",
    },
    Message {
        key: "release/nothing-changed",
        en: "no path matching `{globs}` was added or modified since {tag}",
        de: "seit {tag} wurde kein Pfad, der auf `{globs}` passt, hinzugefügt oder geändert",
    },
    Message {
        key: "release/nothing-changed#first-release",
        en: "no path matching `{globs}` was added or modified since the start of the history (no previous release tag)",
        de: "seit Beginn der Historie (kein früheres Release-Tag) wurde kein Pfad, der auf `{globs}` passt, hinzugefügt oder geändert",
    },
    Message {
        key: "release/changelog-missing",
        en: "the changelog {path} does not exist",
        de: "das Änderungsprotokoll {path} existiert nicht",
    },
    Message {
        key: "release/changelog-no-entry",
        en: "{path} has no entry for version {version} (a heading or list line naming it)",
        de: "{path} hat keinen Eintrag für Version {version} (eine Überschrift oder Listenzeile, die sie nennt)",
    },
];
