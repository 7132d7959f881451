//! Messages of the `dod` control (Definition of Done, release checklist, pull request template).

use super::Message;

pub const MESSAGES: &[Message] = &[
    Message {
        key: "dod/missing",
        en: "no Definition of Done: no file matches {globs}",
        de: "keine Definition of Done: keine Datei passt auf {globs}",
    },
    Message {
        key: "dod/too-few-items",
        en: "{n} checklist item(s); at least {min} required",
        de: "{n} Checklistenpunkt(e); mindestens {min} gefordert",
    },
    Message {
        key: "dod/missing-item",
        en: "no checklist item matches `{pattern}`",
        de: "kein Checklistenpunkt passt auf `{pattern}`",
    },
    Message {
        key: "dod/no-version",
        en: "the release checklist ({templates}) needs the release version: pass --release-version, or check a tag (--rev v1.2.0)",
        de: "die Release-Checkliste ({templates}) braucht die Release-Version: --release-version angeben oder ein Tag prüfen (--rev v1.2.0)",
    },
    Message {
        key: "dod/missing-release-checklist",
        en: "no release checklist for version {version}: expected {paths}",
        de: "keine Release-Checkliste für Version {version}: erwartet wird {paths}",
    },
    Message {
        key: "dod/empty-release-checklist",
        en: "the release checklist has no checklist items (`- [x] …`)",
        de: "die Release-Checkliste hat keine Checklistenpunkte (`- [x] …`)",
    },
    Message {
        key: "dod/unchecked-release-item",
        en: "not ticked: {item}",
        de: "nicht abgehakt: {item}",
    },
    Message {
        key: "dod/missing-pr-template",
        en: "no pull request template: expected pull_request_template.md in the root, docs/ or .github/, a PULL_REQUEST_TEMPLATE/ folder, or .gitlab/merge_request_templates/*.md",
        de: "keine Pull-Request-Vorlage: erwartet wird pull_request_template.md im Wurzelordner, in docs/ oder .github/, ein Ordner PULL_REQUEST_TEMPLATE/ oder .gitlab/merge_request_templates/*.md",
    },
    Message {
        key: "dod/pr-template-too-few-items",
        en: "{n} checklist item(s); at least {min} required",
        de: "{n} Checklistenpunkt(e); mindestens {min} gefordert",
    },
];
