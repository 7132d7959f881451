//! Messages of the `ownership` control and of the CODEOWNERS lines it reads.

use super::Message;

pub const MESSAGES: &[Message] = &[
    Message {
        key: "ownership/missing",
        en: "no CODEOWNERS file; {platform} reads the first of {paths}",
        de: "keine CODEOWNERS-Datei; {platform} liest die erste von {paths}",
    },
    Message {
        key: "ownership/line",
        en: "{path}:{line}: {why}",
        de: "{path}:{line}: {why}",
    },
    Message {
        key: "ownership/no-owners",
        en: "{path}:{line}: `{pattern}` has no owners, so matching files are unowned",
        de: "{path}:{line}: `{pattern}` nennt keine Verantwortlichen, daher haben passende Dateien keine",
    },
    Message {
        key: "ownership/uncompilable",
        en: "cannot compile the patterns of {path}: {why}",
        de: "die Muster in {path} lassen sich nicht übersetzen: {why}",
    },
    Message {
        key: "ownership/unowned-critical",
        en: "{file} is a critical path and has no owner in {path}",
        de: "{file} ist ein kritischer Pfad und hat in {path} keine Verantwortlichen",
    },
    Message {
        key: "ownership/unmatched-pattern",
        en: "{path}:{line}: `{pattern}` matches no file",
        de: "{path}:{line}: auf `{pattern}` passt keine Datei",
    },
    Message {
        key: "ownership/low-coverage",
        en: "{owned} of {total} files have an owner ({share} %); {unowned} unowned; at least {min} % required",
        de: "{owned} von {total} Dateien haben Verantwortliche ({share} %); {unowned} ohne; mindestens {min} % gefordert",
    },
    Message {
        key: "ownership/low-coverage#first",
        en: "{owned} of {total} files have an owner ({share} %); {unowned} unowned, first: {first}; at least {min} % required",
        de: "{owned} von {total} Dateien haben Verantwortliche ({share} %); {unowned} ohne, zuerst: {first}; mindestens {min} % gefordert",
    },
    Message {
        key: "ownership/no-contact",
        en: "no contact found: no e-mail address in README or SECURITY.md (root, docs/, .github/) and no `spec.owner` in catalog-info.yaml",
        de: "kein Kontakt gefunden: keine E-Mail-Adresse in README oder SECURITY.md (Wurzelordner, docs/, .github/) und kein `spec.owner` in catalog-info.yaml",
    },
    Message {
        key: "codeowners/unknown-role",
        en: "`{owner}` is not a role; GitLab knows @@developer, @@maintainer and @@owner",
        de: "`{owner}` ist keine Rolle; GitLab kennt @@developer, @@maintainer und @@owner",
    },
    Message {
        key: "codeowners/role-on-github",
        en: "`{owner}`: roles (`@@…`) are GitLab syntax",
        de: "`{owner}`: Rollen (`@@…`) sind GitLab-Syntax",
    },
    Message {
        key: "codeowners/bad-owner",
        en: "`{owner}` is not a valid owner (expected @user, @org/team or an e-mail address)",
        de: "`{owner}` ist keine gültige Angabe für Verantwortliche (erwartet: @user, @org/team oder eine E-Mail-Adresse)",
    },
    Message {
        key: "codeowners/in-section",
        en: "section `{name}`: {why}",
        de: "Abschnitt `{name}`: {why}",
    },
    Message {
        key: "codeowners/github-negation",
        en: "`{pattern}`: GitHub does not support `!` negation; it skips this line",
        de: "`{pattern}`: GitHub unterstützt keine Verneinung mit `!` und überspringt diese Zeile",
    },
    Message {
        key: "codeowners/github-ranges",
        en: "`{pattern}`: GitHub does not support `[ ]` character ranges; it skips this line",
        de: "`{pattern}`: GitHub unterstützt keine Zeichenbereiche mit `[ ]` und überspringt diese Zeile",
    },
    Message {
        key: "codeowners/github-escaped-hash",
        en: "`{pattern}`: GitHub does not support escaping `#`; it skips this line",
        de: "`{pattern}`: GitHub unterstützt kein maskiertes `#` und überspringt diese Zeile",
    },
    Message {
        key: "codeowners/bad-pattern",
        en: "`{pattern}` is not a valid pattern: {why}",
        de: "`{pattern}` ist kein gültiges Muster: {why}",
    },
    Message {
        key: "codeowners/empty-pattern",
        en: "the pattern is empty",
        de: "das Muster ist leer",
    },
    Message {
        key: "codeowners/duplicate",
        en: "`{pattern}` repeats the pattern of line {first}",
        de: "`{pattern}` wiederholt das Muster aus Zeile {first}",
    },
    Message {
        key: "codeowners/header-unclosed",
        en: "`{header}`: a section header needs a closing `]`",
        de: "`{header}`: ein Abschnittskopf braucht eine schließende `]`",
    },
    Message {
        key: "codeowners/header-no-name",
        en: "`{header}`: the section name is empty",
        de: "`{header}`: der Name des Abschnitts ist leer",
    },
    Message {
        key: "codeowners/approvals-unclosed",
        en: "`{header}`: the approval count needs a closing `]`",
        de: "`{header}`: die Zahl der Freigaben braucht eine schließende `]`",
    },
    Message {
        key: "codeowners/approvals-not-a-count",
        en: "`{header}`: the approval count `{count}` is not a number of at least 1",
        de: "`{header}`: die Zahl der Freigaben `{count}` ist keine Zahl ab 1",
    },
    Message {
        key: "codeowners/header-trailing",
        en: "`{header}`: expected owners after the section header, found `{found}`",
        de: "`{header}`: nach dem Abschnittskopf werden Verantwortliche erwartet, gefunden wurde `{found}`",
    },
];
