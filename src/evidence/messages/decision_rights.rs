//! Messages of the `decision-rights` control.

use super::Message;

pub const MESSAGES: &[Message] = &[
    Message {
        key: "decision-rights/missing",
        en: "no decision rights document at `{path}`",
        de: "kein Dokument der Entscheidungsrechte unter `{path}`",
    },
    Message {
        key: "decision-rights/no-table",
        en: "{path} has no decision rights table (a Markdown table: the decision type, then one column per role with R, A, C or I)",
        de: "{path} enthält keine Tabelle der Entscheidungsrechte (eine Markdown-Tabelle: der Entscheidungstyp, dann je Rolle eine Spalte mit R, A, C oder I)",
    },
    Message {
        key: "decision-rights/missing-decision",
        en: "{path} has no row for the decision type `{decision}`",
        de: "{path} enthält keine Zeile für den Entscheidungstyp `{decision}`",
    },
    Message {
        key: "decision-rights/no-accountable",
        en: "{path}:{line}: no role is accountable (A) for `{decision}`",
        de: "{path}:{line}: keine Rolle ist für `{decision}` verantwortlich (A)",
    },
    Message {
        key: "decision-rights/many-accountable",
        en: "{path}:{line}: {n} roles are accountable (A) for `{decision}` ({roles}); exactly one must be",
        de: "{path}:{line}: {n} Rollen sind für `{decision}` verantwortlich (A) ({roles}); genau eine darf es sein",
    },
    Message {
        key: "decision-rights/unknown-role",
        en: "{path}:{line}: the column `{role}` is no role of the playbook (its roles: {roles})",
        de: "{path}:{line}: die Spalte `{role}` ist keine Rolle des Playbooks (seine Rollen: {roles})",
    },
    Message {
        key: "decision-rights/unknown-role#no-roles",
        en: "{path}:{line}: the column `{role}` is no role of the playbook, which defines no roles",
        de: "{path}:{line}: die Spalte `{role}` ist keine Rolle des Playbooks; es definiert keine Rollen",
    },
    Message {
        key: "decision-rights/unknown-letter",
        en: "{path}:{line}: `{cell}` in the column `{role}` for `{decision}` is not R, A, C or I (German: D, V, M, I)",
        de: "{path}:{line}: `{cell}` in der Spalte `{role}` für `{decision}` ist nicht R, A, C oder I (deutsch: D, V, M, I)",
    },
    Message {
        key: "decision-rights/no-escalation",
        en: "{path} has no escalation path (a section `Escalation` with an ordered list of roles)",
        de: "{path} enthält keinen Eskalationspfad (einen Abschnitt `Eskalation` mit einer nummerierten Liste von Rollen)",
    },
    Message {
        key: "decision-rights/no-escalation#empty",
        en: "{path}:{line}: the section `{heading}` lists no steps (an ordered list of roles: `1. …`)",
        de: "{path}:{line}: der Abschnitt `{heading}` nennt keine Stufen (eine nummerierte Liste von Rollen: `1. …`)",
    },
    Message {
        key: "decision-rights/escalation-unknown-role",
        en: "{path}:{line}: the escalation step `{step}` names no role of the playbook",
        de: "{path}:{line}: die Eskalationsstufe `{step}` nennt keine Rolle des Playbooks",
    },
    Message {
        key: "decision-rights/escalation-unreachable",
        en: "{path}:{line}: the escalation step `{role}` cannot be reached: the role has no members",
        de: "{path}:{line}: die Eskalationsstufe `{role}` ist nicht erreichbar: die Rolle hat keine Mitglieder",
    },
    Message {
        key: "decision-rights/owner-not-in-role#runbook",
        en: "{path}: the runbook owner `{owner}` is in no role of the playbook",
        de: "{path}: der Runbook-Verantwortliche `{owner}` gehört zu keiner Rolle des Playbooks",
    },
    Message {
        key: "decision-rights/owner-not-in-role#adr",
        en: "{path}: the decider `{owner}` is in no role of the playbook",
        de: "{path}: der Entscheider `{owner}` gehört zu keiner Rolle des Playbooks",
    },
    Message {
        key: "decision-rights/owner-not-in-role#codeowners",
        en: "{path}: the code owner `{owner}` is in no role of the playbook",
        de: "{path}: der Code-Owner `{owner}` gehört zu keiner Rolle des Playbooks",
    },
    Message {
        key: "decision-rights/owner-not-in-role#risks",
        en: "{path}: the risk owner `{owner}` is in no role of the playbook",
        de: "{path}: der Risikoverantwortliche `{owner}` gehört zu keiner Rolle des Playbooks",
    },
];
