//! Messages of the controls gonogo adds itself: waivers, approvals, the policy and the commit.

use super::Message;

pub const MESSAGES: &[Message] = &[
    Message {
        key: "waivers/no-date",
        en: "no date to judge waiver expiry (a plain folder has no commit time): set SOURCE_DATE_EPOCH",
        de: "kein Datum, um den Ablauf der Ausnahmegenehmigungen zu beurteilen (ein einfacher Ordner hat keine Commit-Zeit): SOURCE_DATE_EPOCH setzen",
    },
    Message {
        key: "waivers/unknown-control",
        en: "waiver {id} names `{control}`, which is not a control of the playbook; only playbook controls can be waived",
        de: "die Ausnahmegenehmigung {id} nennt `{control}`, das kein Prüfkriterium des Playbooks ist; nur Prüfkriterien des Playbooks können ausgenommen werden",
    },
    Message {
        key: "waivers/not-entitled",
        en: "waiver {id} for `{control}`: {who} is not entitled to waive {level} controls (roles with `may-waive = [\"{level}\"]`)",
        de: "Ausnahmegenehmigung {id} für `{control}`: {who} ist nicht berechtigt, {level}-Prüfkriterien auszunehmen (Rollen mit `may-waive = [\"{level}\"]`)",
    },
    Message {
        key: "waivers/locked",
        en: "waiver {id} for `{control}`: the control is locked; only a member of `{role}` (`waivable-by`) may waive it",
        de: "Ausnahmegenehmigung {id} für `{control}`: das Prüfkriterium ist gesperrt; nur ein Mitglied von `{role}` (`waivable-by`) darf es ausnehmen",
    },
    Message {
        key: "waivers/locked#no-role",
        en: "waiver {id} for `{control}`: the control is locked; it names no `waivable-by` role, so it cannot be waived",
        de: "Ausnahmegenehmigung {id} für `{control}`: das Prüfkriterium ist gesperrt und nennt keine Rolle `waivable-by`, daher kann es nicht ausgenommen werden",
    },
    Message {
        key: "waivers/too-long",
        en: "waiver {id} for `{control}` runs {days} days ({since} to {expires}); the playbook allows at most {max} for {level} controls",
        de: "Ausnahmegenehmigung {id} für `{control}` läuft {days} Tage ({since} bis {expires}); das Playbook erlaubt für {level}-Prüfkriterien höchstens {max}",
    },
    Message {
        key: "waivers/created-in-future",
        en: "waiver {id} for `{control}` says it was created on {created}, after the check's reference date {today}: a waiver cannot be dated ahead (it would escape `max-days`)",
        de: "Ausnahmegenehmigung {id} für `{control}` gibt als Erstellungsdatum {created} an, nach dem Stichtag der Prüfung {today}: eine Ausnahmegenehmigung kann nicht vordatiert werden (sie umginge `max-days`)",
    },
    Message {
        key: "waivers/expired",
        en: "waiver {id} for `{control}` expired on {expires}: it no longer waives; renew it or fix the finding",
        de: "Ausnahmegenehmigung {id} für `{control}` ist am {expires} abgelaufen und gilt nicht mehr; verlängern oder den Befund beheben",
    },
];

pub const MORE: &[Message] = &[
    Message {
        key: "approvals/not-a-member",
        en: "`{trailer}: {who}` ({source}) is not a member of a role this gate requires ({roles})",
        de: "`{trailer}: {who}` ({source}) ist kein Mitglied einer Rolle, die dieses Quality Gate verlangt ({roles})",
    },
    Message {
        key: "approvals/unverified",
        en: "`{claim}` ({source}) does not count for `{role}`: {reason}",
        de: "`{claim}` ({source}) zählt nicht für `{role}`: {reason}",
    },
    Message {
        key: "approvals/missing",
        en: "no approval from a member of `{role}` on the checked commit or its annotated tag",
        de: "keine Freigabe eines Mitglieds von `{role}` am geprüften Commit oder seinem annotierten Tag",
    },
    Message {
        key: "approvals/missing#reviews",
        en: "no approval from a member of `{role}` on the checked commit or its annotated tag or in the merge request's reviews",
        de: "keine Freigabe eines Mitglieds von `{role}` am geprüften Commit, seinem annotierten Tag oder in den Reviews des Merge Requests",
    },
    Message {
        key: "approvals/missing#why",
        en: "no approval from a member of `{role}` on the checked commit or its annotated tag ({why})",
        de: "keine Freigabe eines Mitglieds von `{role}` am geprüften Commit oder seinem annotierten Tag ({why})",
    },
    Message {
        key: "approvals/missing#reviews-why",
        en: "no approval from a member of `{role}` on the checked commit or its annotated tag or in the merge request's reviews ({why})",
        de: "keine Freigabe eines Mitglieds von `{role}` am geprüften Commit, seinem annotierten Tag oder in den Reviews des Merge Requests ({why})",
    },
    Message {
        key: "policy/removed",
        en: "the change deletes the playbook {path}; the base's playbook still applies, and a gate is never decided by a fallback",
        de: "die Änderung löscht das Playbook {path}; das Playbook der Basis gilt weiter, und ein Quality Gate wird nie durch einen Ersatz entschieden",
    },
    Message {
        key: "policy/invalid",
        en: "the change's playbook or waiver file does not load: {why}",
        de: "das Playbook oder die Datei der Ausnahmegenehmigungen der Änderung lässt sich nicht laden: {why}",
    },
    Message {
        key: "dates/commit-in-future",
        en: "the checked commit {commit} is dated {date}, more than a day after the check's reference date {today} ({source}); a commit date is set by its author, so gonogo judges expiry and freshness by the reference date",
        de: "der geprüfte Commit {commit} ist auf {date} datiert, mehr als einen Tag nach dem Stichtag der Prüfung {today} ({source}); das Datum eines Commits setzt sein Autor, daher beurteilt gonogo Ablauf und Aktualität nach dem Stichtag",
    },
    Message {
        key: "content/cannot-evaluate",
        en: "cannot be evaluated: {reasons}",
        de: "kann nicht ausgewertet werden: {reasons}",
    },
];

pub const POLICY: &[Message] = &[
    Message {
        key: "policy/weakened",
        en: "the change {change}; this needs an approval by a member of `{role}` (`[policy] owners`: {members}), signed with a key the base's playbook lists, or in the merge request's reviews (`--approvals`)",
        de: "die Änderung: {change}; dafür braucht es die Freigabe eines Mitglieds von `{role}` (`[policy] owners`: {members}), signiert mit einem Schlüssel, den das Playbook der Basis nennt, oder in den Reviews des Merge Requests (`--approvals`)",
    },
    Message {
        key: "policy/weakened#no-members",
        en: "the change {change}; this needs an approval by a member of `{role}` (`[policy] owners`), which has no members",
        de: "die Änderung: {change}; dafür braucht es die Freigabe eines Mitglieds von `{role}` (`[policy] owners`), die Rolle hat aber keine Mitglieder",
    },
    Message {
        key: "policy/weakened#no-owners",
        en: "the change {change}; this needs an approval by nobody: the base's playbook names no `[policy] owners` role",
        de: "die Änderung: {change}; niemand kann sie freigeben: das Playbook der Basis nennt keine Rolle `[policy] owners`",
    },
];
