//! Messages of the `changes` control (change rules) and its reasons.

use super::Message;

pub const MESSAGES: &[Message] = &[
    Message {
        key: "changes/missing-companion",
        en: "{n} change(s) match `{when}` ({paths}), but no {kinds} path matches `{require}`",
        de: "{n} Änderung(en) passen auf `{when}` ({paths}), aber kein Pfad der Art {kinds} passt auf `{require}`",
    },
    Message {
        key: "changes/missing-companion#more",
        en: "{n} change(s) match `{when}` ({paths} and {more} more), but no {kinds} path matches `{require}`",
        de: "{n} Änderung(en) passen auf `{when}` ({paths} und {more} weitere), aber kein Pfad der Art {kinds} passt auf `{require}`",
    },
    Message {
        key: "changes/no-trigger",
        en: "no change matches `when` ({when})",
        de: "keine Änderung passt auf `when` ({when})",
    },
    Message {
        key: "changes/no-change-set",
        en: "no change set: pass --base REV, or run in a merge request pipeline",
        de: "keine Änderungen zum Vergleichen: --base REV angeben oder in einer Merge-Request-Pipeline ausführen",
    },
    Message {
        key: "changes/no-change-set#release-gate",
        en: "no change set: pass --base REV, or run in a merge request pipeline; release gate: {why}",
        de: "keine Änderungen zum Vergleichen: --base REV angeben oder in einer Merge-Request-Pipeline ausführen; Release-Gate: {why}",
    },
    Message {
        key: "changes/no-change-set#first-release",
        en: "no release yet: no earlier release tag matching `{pattern}` to compare with (a first release), and no --release-version was given",
        de: "noch kein Release: kein früheres Release-Tag passt auf `{pattern}`, mit dem verglichen werden könnte (ein erstes Release), und --release-version wurde nicht angegeben",
    },
    Message {
        key: "changes/no-change-set#no-release",
        en: "no release yet: {why}, and no --release-version was given",
        de: "noch kein Release: {why}, und --release-version wurde nicht angegeben",
    },
];
