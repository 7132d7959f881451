//! The `adr` control on records whose status and sections are spelt in the many ways real
//! records spell them: emphasis, emoji, dates, links, German words, and one status that means
//! nothing known. (tests/control_adr.rs holds the other cases; it is at its size limit.)

mod common;

use common::{check_fixture, control, finding, findings};
use serde_json::Value;

fn adr(fixture: &str) -> Value {
    control(&check_fixture(fixture, "adr-default.toml"), "adr").clone()
}

/// (id, status, status_raw) of every decision log entry.
fn statuses(c: &Value) -> Vec<(String, String, String)> {
    c["records"]
        .as_array()
        .map(|rs| {
            rs.iter()
                .map(|r| {
                    let text = |k: &str| r[k].as_str().unwrap_or_default().to_string();
                    (text("id"), text("status"), text("status_raw"))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn row(id: &str, status: &str, raw: &str) -> (String, String, String) {
    (id.into(), status.into(), raw.into())
}

#[test]
fn status_spellings_map_through_the_table_and_keep_their_text() {
    let c = adr("adr-status-synonyms");
    assert_eq!(
        statuses(&c),
        vec![
            row("0001", "accepted", "Accepted"),
            row("0002", "accepted", "✅ Approved"),
            row("0003", "accepted", "Accepted 2024-01-05"),
            row("0004", "accepted", "Adopted on 5 Jan"),
            row("0005", "superseded", "Superseded by ADR-7"),
            // The first status line counts, not the later talk of acceptance.
            row("0006", "proposed", "Provisional"),
            row("0007", "accepted", "Accepted"),
            row("0008", "rejected", "Abgelehnt"),
            row("0009", "proposed", "Under review"),
            row("0010", "unknown", "Parked until Q3"),
            row("0011", "deprecated", "⚠️ Veraltet"),
        ]
    );
    // Only the status that means nothing known is a finding; it is never coerced.
    assert_eq!(
        findings(&c),
        vec![finding(
            "adr/unknown-status",
            "docs/adr/0010-unknown.md",
            Some(15)
        )]
    );
    assert!(
        c["findings"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("`Parked until Q3`"),
        "{c:#}"
    );
}

#[test]
fn a_playbook_synonym_makes_the_unknown_status_known() {
    let c = control(
        &check_fixture("adr-status-synonyms", "adr-parked.toml"),
        "adr",
    )
    .clone();
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert_eq!(c["records"][9]["status"], "proposed");
}

#[test]
fn german_records_read_like_english_ones() {
    let c = adr("adr-german");
    assert_eq!(
        statuses(&c),
        vec![
            row("0001", "accepted", "Beschlossen"),
            row("0002", "proposed", "vorgeschlagen"),
            row("0003", "proposed", "Entwurf"),
        ]
    );
    let dates: Vec<&str> = c["records"]
        .as_array()
        .map(|rs| rs.iter().filter_map(|r| r["date"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(dates, vec!["2024-02-12", "2024-03-04", "2024-03-05"]);
    // Kontext/Ausgangslage count for context, Entscheidung/Beschluss for decision; the third
    // record has neither decision heading.
    assert_eq!(
        findings(&c),
        vec![finding(
            "adr/missing-section",
            "docs/adr/0003-protokollformat.md",
            Some(1)
        )]
    );
}
