//! Messages of the `gate-evidence` control and its reasons.

use super::Message;

pub const MESSAGES: &[Message] = &[
    Message {
        key: "gate-evidence/too-large",
        en: "{path} is {size} bytes, over the {limit}-byte limit: it cannot be checked",
        de: "{path} hat {size} Bytes, mehr als die Grenze von {limit} Bytes: die Datei kann nicht geprüft werden",
    },
    Message {
        key: "gate-evidence/invalid#not-json",
        en: "{path} is not a JSON evidence file",
        de: "{path} ist keine Nachweisdatei im JSON-Format",
    },
    Message {
        key: "gate-evidence/note",
        en: "note {ref} on {commit}",
        de: "Notiz {ref} an {commit}",
    },
    Message {
        key: "gate-evidence/notes-unreadable",
        en: "the notes under {ref} cannot be read: {why}",
        de: "die Notizen unter {ref} können nicht gelesen werden: {why}",
    },
    Message {
        key: "gate-evidence/rejected",
        en: "{source}: {why}",
        de: "{source}: {why}",
    },
    Message {
        key: "gate-evidence/missing#file-or-note",
        en: "no evidence of gate `{gate}` was found ({path} or a note under {ref})",
        de: "kein Nachweis für das Gate `{gate}` gefunden ({path} oder eine Notiz unter {ref})",
    },
    Message {
        key: "gate-evidence/missing#file",
        en: "no evidence of gate `{gate}` was found ({path})",
        de: "kein Nachweis für das Gate `{gate}` gefunden ({path})",
    },
    Message {
        key: "gate-evidence/missing#note",
        en: "no evidence of gate `{gate}` was found (a note under {ref} on the checked commit or an ancestor)",
        de: "kein Nachweis für das Gate `{gate}` gefunden (eine Notiz unter {ref} am geprüften Commit oder einem Vorfahren)",
    },
    Message {
        key: "gate-evidence/missing#nowhere",
        en: "no evidence of gate `{gate}` was found (nowhere: give `file` or `notes-ref`)",
        de: "kein Nachweis für das Gate `{gate}` gefunden (nirgends gesucht: `file` oder `notes-ref` angeben)",
    },
    Message {
        key: "gate-evidence/invalid",
        en: "not gonogo evidence ({why})",
        de: "kein gonogo-Nachweis ({why})",
    },
    Message {
        key: "gate-evidence/edited#not-json",
        en: "not JSON: {why}",
        de: "kein JSON: {why}",
    },
    Message {
        key: "gate-evidence/edited#no-digest",
        en: "digest: the evidence carries no digest (written before gonogo sealed evidence, or removed), so an edit cannot be ruled out",
        de: "Prüfsumme: der Nachweis trägt keine Prüfsumme (geschrieben, bevor gonogo Nachweise versiegelte, oder entfernt), daher lässt sich eine Bearbeitung nicht ausschließen",
    },
    Message {
        key: "gate-evidence/edited#malformed",
        en: "digest: {why}",
        de: "Prüfsumme: {why}",
    },
    Message {
        key: "gate-evidence/edited",
        en: "digest: the evidence was edited after it was written (recorded {recorded}, content has {computed})",
        de: "Prüfsumme: der Nachweis wurde nach dem Schreiben bearbeitet (vermerkt {recorded}, der Inhalt hat {computed})",
    },
    Message {
        key: "gate-evidence/wrong-gate",
        en: "evidence of gate `{theirs}`, not of `{gate}`",
        de: "Nachweis für das Gate `{theirs}`, nicht für `{gate}`",
    },
    Message {
        key: "gate-evidence/not-a-commit",
        en: "the evidence is of an uncommitted state, not of a commit",
        de: "der Nachweis gilt einem nicht committeten Stand, nicht einem Commit",
    },
    Message {
        key: "gate-evidence/other-repository",
        en: "the evidence is of {theirs}, this repository is {ours}",
        de: "der Nachweis gilt {theirs}, dieses Repository ist {ours}",
    },
    Message {
        key: "gate-evidence/not-an-ancestor",
        en: "the evidence is of commit {commit}, which is not the checked commit or one of its ancestors",
        de: "der Nachweis gilt Commit {commit}, der weder der geprüfte Commit noch einer seiner Vorfahren ist",
    },
    Message {
        key: "gate-evidence/unplaced",
        en: "the evidence's commit cannot be placed: {why}",
        de: "der Commit des Nachweises lässt sich nicht einordnen: {why}",
    },
    Message {
        key: "gate-evidence/not-passed",
        en: "gate `{gate}` decided {decision} at {commit}",
        de: "das Gate `{gate}` entschied {decision} bei {commit}",
    },
    Message {
        key: "gate-evidence/decision#go",
        en: "GO",
        de: "GO",
    },
    Message {
        key: "gate-evidence/decision#conditions",
        en: "GO WITH CONDITIONS",
        de: "GO MIT AUFLAGEN",
    },
    Message {
        key: "gate-evidence/decision#no-go",
        en: "NO-GO",
        de: "NO-GO",
    },
];
