//! `gonogo steering`: the monthly pack over a scripted history, with the last pack's decisions
//! read from the evidence kept in git notes.

mod common;

use common::history::{History, day};
use common::*;

const REGISTER: &str = "# Risks\n\n| ID | Title | Likelihood | Impact | Owner | Mitigation | Status | Review |\n|---|---|---|---|---|---|---|---|\n";

fn steering(h: &History, at: i64, args: &[&str]) -> (String, i32) {
    let mut cmd = gonogo();
    cmd.arg("steering")
        .arg(h.root())
        .args(["--playbook", "preset:retainer"])
        .args(args)
        .env("SOURCE_DATE_EPOCH", at.to_string());
    let (out, err, code) = run_text(cmd);
    assert_eq!(code, 0, "{err}");
    (out, code)
}

#[test]
fn a_pack_shows_each_gate_against_the_last_pack_risks_decisions_and_priorities() {
    let mut h = History::new();
    h.write(
        "docs/risks.md",
        &format!("{REGISTER}| R-1 | Database | 4 | 4 | Ops | Replica | open | 2026-12-31 |\n"),
    );
    h.write(
        "docs/priorities.md",
        "# Priorities\n\n1. Replica. Acceptance criteria: failover under 5 minutes.\n",
    );
    h.commit("October", day(0));
    // The last pack: the steering gate checked and noted on day 0 (NO-GO: R-1 is red).
    let mut cmd = gonogo();
    cmd.arg("check")
        .arg(h.root())
        .args([
            "--playbook",
            "preset:retainer",
            "--gate",
            "steering",
            "--note",
        ])
        .env("SOURCE_DATE_EPOCH", day(0).to_string());
    let (_, _, code) = run_text(cmd);
    assert_eq!(code, 1);
    h.write(
        "docs/risks.md",
        &format!(
            "{REGISTER}| R-1 | Database | 2 | 4 | Ops | Replica | mitigating | 2026-12-31 |\n| R-2 | Billing | 2 | 3 | Maria Huber | Pairing | open | 2026-12-31 |\n"
        ),
    );
    h.write(
        "docs/adr/0001-replica.md",
        "# 1. A database replica\n\nDate: 2026-02-05\n\n## Status\n\nAccepted\n\n## Context\n\nOne database.\n\n## Decision\n\nA replica.\n",
    );
    h.write(
        "docs/priorities.md",
        "# Priorities\n\n1. Replica. Acceptance criteria: failover under 5 minutes.\n2. Billing shared. Acceptance criteria: two people ran it.\n",
    );
    h.commit("November", day(40));

    let (md, _) = steering(&h, day(45), &["--since", "20 days"]);
    assert!(md.contains("# Steering pack: gonogo retainer"), "{md}");
    assert!(md.contains("**2026-01-26 to 2026-02-15**"), "{md}");
    assert!(
        md.contains("| `steering` | 🟢 GO | NO-GO | better |"),
        "{md}"
    );
    assert!(md.contains("| `merge` | 🟢 GO | — | first pack |"), "{md}");
    assert!(
        md.contains("| R-1 | Database | 8 | A amber | ↓ down | Ops |"),
        "{md}"
    );
    assert!(
        md.contains("| R-2 | Billing | 6 | G green | ✚ new | Maria Huber |"),
        "{md}"
    );
    assert!(
        md.contains("| 0001 | A database replica | Accepted | 2026-02-05 | added |"),
        "{md}"
    );
    assert!(
        md.contains("1. Replica. Acceptance criteria: failover under 5 minutes."),
        "{md}"
    );

    let (de, _) = steering(
        &h,
        day(25),
        &["--month", "2026-02", "--lang", "de", "--format", "html"],
    );
    assert!(de.starts_with("<!DOCTYPE html>"), "{de}");
    assert!(de.contains("Steuerungsbericht: gonogo retainer"), "{de}");
    assert!(de.contains("2026-02 (2026-02-01 bis 2026-02-28)"), "{de}");
    assert!(de.contains("Prioritäten und nächste Schritte"), "{de}");
    assert!(de.contains("<table class=\"matrix\""), "{de}");
    assert!(de.contains("@page { size: A4;"), "{de}");
}

#[test]
fn a_month_that_is_no_month_is_a_usage_error() {
    let h = History::new();
    let mut cmd = gonogo();
    cmd.arg("steering")
        .arg(h.root())
        .args(["--month", "2026-13"]);
    let (_, err, code) = run_text(cmd);
    assert_eq!(code, 2);
    assert!(err.contains("no month"), "{err}");
}
