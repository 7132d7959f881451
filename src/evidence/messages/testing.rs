//! Messages of the `tests` control and its reasons.

use super::Message;

pub const MESSAGES: &[Message] = &[
    Message {
        key: "tests/no-code#one",
        en: "no code to test: a manifest of {manifest}, but no source or test file of it",
        de: "kein Code zum Testen: ein Manifest von {manifest}, aber keine Quell- oder Testdatei dazu",
    },
    Message {
        key: "tests/no-code",
        en: "no code to test: manifests of {manifests}, but no source or test file of them",
        de: "kein Code zum Testen: Manifeste von {manifests}, aber keine Quell- oder Testdateien dazu",
    },
    Message {
        key: "tests/nothing-configured",
        en: "`ecosystems = []` and no `test-globs` or `source-globs`: nothing to check",
        de: "`ecosystems = []` und weder `test-globs` noch `source-globs`: nichts zu prüfen",
    },
    Message {
        key: "tests/not-detected",
        en: "no ecosystem detected (no manifest such as {manifests}, and no bats or shunit2 test) and none configured in `ecosystems`",
        de: "kein Ökosystem erkannt (kein Manifest wie {manifests} und kein bats- oder shunit2-Test) und keines in `ecosystems` konfiguriert",
    },
    Message {
        key: "tests/not-detected#shell",
        en: "no ecosystem detected (no manifest such as {manifests}, and no bats or shunit2 test) and none configured in `ecosystems`; {n} shell script(s) without a bats or shunit2 test: `ecosystems = [\"shell\"]` requires tests for them",
        de: "kein Ökosystem erkannt (kein Manifest wie {manifests} und kein bats- oder shunit2-Test) und keines in `ecosystems` konfiguriert; {n} Shell-Skript(e) ohne bats- oder shunit2-Test: `ecosystems = [\"shell\"]` verlangt Tests dafür",
    },
    Message {
        key: "tests/missing",
        en: "no {ecosystem} test file found (looked for {globs})",
        de: "keine Testdatei für {ecosystem} gefunden (gesucht: {globs})",
    },
    Message {
        key: "tests/missing#test-globs",
        en: "no file matches `test-globs`",
        de: "keine Datei passt auf `test-globs`",
    },
    Message {
        key: "tests/low-ratio",
        en: "{tests} test file(s) for {sources} source file(s): ratio {ratio}; at least {min} required",
        de: "{tests} Testdatei(en) für {sources} Quelldatei(en): Verhältnis {ratio}; mindestens {min} gefordert",
    },
    Message {
        key: "tests/low-ratio#inline",
        en: "{tests} test file(s) and {inline} Rust source(s) with #[cfg(test)] for {sources} source file(s): ratio {ratio}; at least {min} required",
        de: "{tests} Testdatei(en) und {inline} Rust-Quelldatei(en) mit #[cfg(test)] für {sources} Quelldatei(en): Verhältnis {ratio}; mindestens {min} gefordert",
    },
    Message {
        key: "tests/untested-module",
        en: "module {module} has {n} source file(s) and no test",
        de: "das Modul {module} hat {n} Quelldatei(en) und keinen Test",
    },
    Message {
        key: "tests/untested-change",
        en: "{unit}: {n} source file(s) changed ({paths}) and no test file of it was changed or added",
        de: "{unit}: {n} Quelldatei(en) geändert ({paths}), aber keine zugehörige Testdatei wurde geändert oder hinzugefügt",
    },
    Message {
        key: "tests/untested-change#more",
        en: "{unit}: {n} source file(s) changed ({paths} and {more} more) and no test file of it was changed or added",
        de: "{unit}: {n} Quelldatei(en) geändert ({paths} und {more} weitere), aber keine zugehörige Testdatei wurde geändert oder hinzugefügt",
    },
    Message {
        key: "tests/unit#repository",
        en: "the repository",
        de: "das Repository",
    },
    Message {
        key: "tests/unit",
        en: "module {module}",
        de: "Modul {module}",
    },
];
