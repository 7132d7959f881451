//! Messages of freshness checks (`fresh-within`, `fresh-commits`) and their reasons.

use super::Message;

pub const MESSAGES: &[Message] = &[
    Message {
        key: "freshness/stale",
        en: "{path} last changed {days} days before the check's reference date (on {changed_on}); `fresh-within = \"{within}\"`",
        de: "{path} wurde zuletzt {days} Tage vor dem Stichtag der Prüfung geändert (am {changed_on}); `fresh-within = \"{within}\"`",
    },
    Message {
        key: "freshness/stale#one",
        en: "{path} last changed {days} day before the check's reference date (on {changed_on}); `fresh-within = \"{within}\"`",
        de: "{path} wurde zuletzt {days} Tag vor dem Stichtag der Prüfung geändert (am {changed_on}); `fresh-within = \"{within}\"`",
    },
    Message {
        key: "freshness/stale-commits#one",
        en: "{path} last changed {n} commit before the checked commit; at most {max} allowed",
        de: "{path} wurde zuletzt {n} Commit vor dem geprüften Commit geändert; höchstens {max} sind erlaubt",
    },
    Message {
        key: "freshness/stale-commits",
        en: "{path} last changed {n} commits before the checked commit; at most {max} allowed",
        de: "{path} wurde zuletzt {n} Commits vor dem geprüften Commit geändert; höchstens {max} sind erlaubt",
    },
    Message {
        key: "freshness/future-date",
        en: "{path} last changed in {commit}, dated {dated}, after the check's reference date {as_of} ({source}): a commit dated ahead cannot show that it is fresh",
        de: "{path} wurde zuletzt in {commit} geändert, datiert auf {dated}, nach dem Stichtag der Prüfung {as_of} ({source}): ein vordatierter Commit kann nicht belegen, dass die Datei aktuell ist",
    },
    Message {
        key: "freshness/clock",
        en: "clock",
        de: "Systemuhr",
    },
    Message {
        key: "freshness/cannot-judge",
        en: "freshness cannot be judged: {why}",
        de: "die Aktualität lässt sich nicht beurteilen: {why}",
    },
    Message {
        key: "freshness/cannot-judge#no-change",
        en: "freshness cannot be judged: no change of `{path}` was found in the history",
        de: "die Aktualität lässt sich nicht beurteilen: in der Historie wurde keine Änderung von `{path}` gefunden",
    },
    Message {
        key: "freshness/cannot-judge#path",
        en: "freshness of {path} cannot be judged: {why}",
        de: "die Aktualität von {path} lässt sich nicht beurteilen: {why}",
    },
];
