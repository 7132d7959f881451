//! Why the history could not be read (`HistoryError`), as phrases the `release`, `freshness` and
//! `gate-evidence` controls put into their reasons.

use super::Message;

pub const MESSAGES: &[Message] = &[
    Message {
        key: "history/shallow",
        en: "the history is shallow (a clone with limited depth): {why}. Fetch the full history, e.g. `git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout, or `GIT_DEPTH: 0` in GitLab CI",
        de: "die Historie ist unvollständig (ein Klon mit begrenzter Tiefe): {why}. Die ganze Historie holen, z. B. mit `git fetch --unshallow`, mit `fetch-depth: 0` in actions/checkout oder mit `GIT_DEPTH: 0` in GitLab CI",
    },
    Message {
        key: "history/no-tag-reachable",
        en: "no tag matching `{pattern}` is reachable",
        de: "kein Tag, das auf `{pattern}` passt, ist erreichbar",
    },
    Message {
        key: "history/no-commit",
        en: "no commit to read history from: {why}",
        de: "kein Commit, von dem aus die Historie gelesen werden kann: {why}",
    },
    Message {
        key: "history/limit",
        en: "history walk stopped after {n} commits before every path was resolved",
        de: "der Gang durch die Historie endete nach {n} Commits, bevor jeder Pfad zugeordnet war",
    },
    Message {
        key: "history/git",
        en: "git: {why}",
        de: "git: {why}",
    },
];
