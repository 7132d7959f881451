//! The `adr` control on fixture repositories: one per metadata style, pitfalls that must pass,
//! and one failing case per finding code.

mod common;

use common::{FIXTURE_TIME, check_fixture, check_playbook, control, finding, findings};
use serde_json::Value;

/// Checks `fixtures/repos/<fixture>` with `fixtures/playbooks/<playbook>` and returns the control.
fn adr(fixture: &str, playbook: &str) -> Value {
    control(&check_fixture(fixture, playbook), "adr").clone()
}

/// (id, status, style) of every decision log entry.
fn log(control: &Value) -> Vec<(String, Option<String>, String)> {
    control["records"]
        .as_array()
        .map(|rs| {
            rs.iter()
                .map(|r| {
                    (
                        r["id"].as_str().unwrap_or_default().to_string(),
                        r["status"].as_str().map(str::to_string),
                        r["style"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn entry(id: &str, status: &str, style: &str) -> (String, Option<String>, String) {
    (id.into(), Some(status.into()), style.into())
}

#[test]
fn nygard_records_with_status_after_decision_pass() {
    let c = adr("adr-nygard", "adr-default.toml");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert_eq!(
        log(&c),
        vec![
            entry("0001", "accepted", "section"),
            entry("0002", "superseded", "section"),
            entry("0003", "accepted", "section"),
        ]
    );
    let first = &c["records"][0];
    assert_eq!(
        first["path"],
        "doc/adr/0001-record-architecture-decisions.md"
    );
    assert_eq!(first["title"], "Record architecture decisions");
    assert_eq!(first["date"], "2024-01-15");
    assert_eq!(first["line"], 15);
    // Evidence names the file, its blob, the status line and its excerpt.
    let ev = c["evidence"]
        .as_array()
        .and_then(|e| {
            e.iter().find(|i| {
                i["path"] == "doc/adr/0001-record-architecture-decisions.md" && i["line"] == 15
            })
        })
        .expect("status evidence");
    assert_eq!(ev["excerpt"], "Accepted");
    assert_eq!(ev["blob"].as_str().map(str::len), Some(40));
}

#[test]
fn madr3_front_matter_passes_and_skips_template_and_readme() {
    let c = adr("adr-madr3", "adr-default.toml");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert_eq!(
        log(&c),
        vec![
            entry("0001", "accepted", "front-matter"),
            entry("0002", "proposed", "front-matter")
        ]
    );
    assert_eq!(c["records"][0]["date"], "2023-05-02");
}

#[test]
fn madr4_decision_makers_and_superseded_by_identifier_pass() {
    let c = adr("adr-madr4", "adr-default.toml");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert_eq!(
        log(&c),
        vec![
            entry("0001", "superseded", "front-matter"),
            entry("0002", "accepted", "front-matter")
        ]
    );
    assert_eq!(c["records"][0]["status_raw"], "superseded by ADR-0002");
}

#[test]
fn madr2_bullets_pass() {
    let c = adr("adr-madr2", "adr-default.toml");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert_eq!(
        log(&c),
        vec![
            entry("0001", "accepted", "bullets"),
            entry("0002", "superseded", "bullets"),
            entry("0003", "accepted", "bullets"),
        ]
    );
}

#[test]
fn inline_bold_status_passes() {
    let c = adr("adr-inline", "adr-default.toml");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert_eq!(log(&c), vec![entry("0001", "accepted", "inline")]);
    assert_eq!(c["records"][0]["title"], "Adopt trunk-based development");
    assert_eq!(c["records"][0]["date"], "2022-03-04");
}

#[test]
fn status_table_maps_approved_to_accepted() {
    let strict = adr("adr-table", "adr-strict.toml");
    assert_eq!(strict["status"], "PASS", "{strict:#}");
    assert_eq!(log(&strict), vec![entry("0001", "accepted", "table")]);
    assert_eq!(strict["records"][0]["status_raw"], "Approved");
    // `Approved` is a well-known spelling of accepted: no synonym needed.
    let default = adr("adr-table", "adr-default.toml");
    assert_eq!(default["status"], "PASS", "{default:#}");
}

#[test]
fn restructured_text_records_are_read() {
    let c = adr("adr-rst", "adr-default.toml");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert_eq!(log(&c), vec![entry("0001", "accepted", "rst")]);
    assert_eq!(c["records"][0]["title"], "Purpose of this Repo");
}

#[test]
fn log4brains_folder_and_date_named_files() {
    let c = adr("adr-log4brains", "adr-default.toml");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert_eq!(
        log(&c),
        vec![
            entry("use-log4brains", "accepted", "bullets"),
            entry("use-postgres", "proposed", "bullets")
        ]
    );
    // No Date bullet: the date comes from the file name.
    assert_eq!(c["records"][0]["date"], "2024-01-05");
    assert_eq!(
        c["records"][0]["path"],
        "docs/architecture/20240105-use-log4brains.md"
    );
}

#[test]
fn adr_dir_names_the_folder() {
    let c = adr("adr-adr-dir", "adr-default.toml");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert_eq!(c["records"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        c["records"][0]["path"],
        "architecture/decisions/0001-record-architecture-decisions.md"
    );
}

#[test]
fn pitfalls_produce_no_findings() {
    let c = adr("adr-pitfalls", "adr-default.toml");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert_eq!(
        log(&c),
        vec![
            entry("0001", "superseded", "section"),
            entry("0002", "accepted", "section"),
            entry("0003", "accepted", "section"),
            entry("0004", "accepted", "section"),
            entry("0005", "superseded", "section"),
        ]
    );
    assert_eq!(c["records"][1]["status_raw"], "✅ Accepted");
}

#[test]
fn duplicate_ids_name_both_files() {
    let c = adr("adr-duplicate-ids", "adr-default.toml");
    assert_eq!(c["status"], "FAIL");
    assert_eq!(
        findings(&c),
        vec![
            finding(
                "adr/duplicate-id",
                "docs/adr/0002-from-branch-a.md",
                Some(1)
            ),
            finding(
                "adr/duplicate-id",
                "docs/adr/0002-from-branch-b.md",
                Some(1)
            ),
        ]
    );
}

#[test]
fn numbering_gaps_are_found() {
    let c = adr("adr-gaps", "adr-default.toml");
    assert_eq!(
        findings(&c),
        vec![finding(
            "adr/numbering-gap",
            "docs/adr/0005-fifth.md",
            Some(1)
        )]
    );
    assert!(
        c["findings"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("3–4")
    );
}

#[test]
fn too_few_records() {
    let c = adr("adr-gaps", "adr-min5.toml");
    assert_eq!(common::codes(&c), vec!["adr/numbering-gap", "adr/too-few"]);
}

#[test]
fn title_number_must_match_the_file_number() {
    let c = adr("adr-title-mismatch", "adr-default.toml");
    assert_eq!(
        findings(&c),
        vec![finding(
            "adr/title-number-mismatch",
            "docs/adr/0003-copied.md",
            Some(1)
        )]
    );
}

#[test]
fn superseded_records_need_an_existing_replacement() {
    let c = adr("adr-superseded", "adr-default.toml");
    assert_eq!(
        findings(&c),
        vec![
            finding("adr/broken-link", "docs/adr/0001-old.md", Some(15)),
            finding("adr/replacement-missing", "docs/adr/0001-old.md", Some(15)),
            finding(
                "adr/superseded-without-replacement",
                "docs/adr/0002-older.md",
                Some(15)
            ),
        ]
    );
}

#[test]
fn broken_links_to_records_and_repository_files_are_found_urls_left_alone() {
    // Line 21 links to a missing record, a URL and `../guide.md`, which the tree lacks.
    let c = adr("adr-broken-link", "adr-default.toml");
    assert_eq!(
        findings(&c),
        vec![
            finding("adr/broken-link", "docs/adr/0001-first.md", Some(21)),
            finding("adr/broken-link", "docs/adr/0001-first.md", Some(21)),
        ]
    );
    let messages: Vec<&str> = c["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert!(messages.iter().any(|m| m.contains("0002-follow-up.md")));
    assert!(messages.iter().any(|m| m.contains("../guide.md")));
}

#[test]
fn missing_and_unknown_statuses_are_findings_never_defaults() {
    let c = adr("adr-status", "adr-default.toml");
    assert_eq!(
        findings(&c),
        vec![
            finding("adr/missing-status", "docs/adr/0001-no-status.md", Some(1)),
            finding(
                "adr/missing-status",
                "docs/adr/0004-empty-status.md",
                Some(1)
            ),
            finding("adr/unknown-status", "docs/adr/0002-pending.md", Some(15)),
        ]
    );
    assert_eq!(c["records"][0]["status"], Value::Null);
    assert_eq!(c["records"][0]["style"], "none");
    assert_eq!(c["records"][1]["status"], "unknown");
    assert_eq!(c["records"][1]["status_raw"], "Parked");
    // Well-known spellings are mapped, and the record keeps what was written.
    assert_eq!(c["records"][2]["status"], "accepted");
    assert_eq!(c["records"][2]["status_raw"], "Approved");
    // A playbook mapping the unknown one leaves only the missing statuses.
    let strict = adr("adr-status", "adr-strict.toml");
    assert_eq!(
        common::codes(&strict),
        vec![
            "adr/missing-status",
            "adr/missing-status",
            "adr/unknown-status"
        ]
    );
}

#[test]
fn missing_and_invalid_dates() {
    let c = adr("adr-dates", "adr-default.toml");
    assert_eq!(
        findings(&c),
        vec![
            finding("adr/invalid-date", "docs/adr/0002-bad-date.md", Some(3)),
            finding("adr/missing-date", "docs/adr/0001-no-date.md", Some(1)),
        ]
    );
}

#[test]
fn required_sections_with_aliases() {
    let c = adr("adr-sections", "adr-default.toml");
    assert_eq!(
        findings(&c),
        vec![
            finding(
                "adr/missing-section",
                "docs/adr/0001-no-sections.md",
                Some(1)
            ),
            finding(
                "adr/missing-section",
                "docs/adr/0001-no-sections.md",
                Some(1)
            ),
            finding(
                "adr/missing-section",
                "docs/adr/0002-context-only.md",
                Some(1)
            ),
        ]
    );
    let lenient = adr("adr-sections", "adr-lenient.toml");
    assert_eq!(lenient["status"], "PASS", "{lenient:#}");
}

#[test]
fn old_proposals_are_measured_against_the_commit_date() {
    // The fixture commit is dated 2026-01-01; 2025-01-10 is 356 days before it.
    let c = adr("adr-old-proposed", "adr-strict.toml");
    assert_eq!(
        findings(&c),
        vec![finding(
            "adr/stale-proposed",
            "docs/adr/0001-long-pending.md",
            Some(3)
        )]
    );
    assert!(
        c["findings"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("356 days")
    );
    let default = adr("adr-old-proposed", "adr-default.toml");
    assert_eq!(default["status"], "PASS");
}

#[test]
fn ids_front_matter_and_unreadable_records() {
    let c = adr("adr-ids", "adr-default.toml");
    assert_eq!(
        findings(&c),
        vec![
            finding(
                "adr/invalid-front-matter",
                "docs/adr/0002-bad-front-matter.md",
                Some(3)
            ),
            finding("adr/missing-id", "docs/adr/use-postgres.md", Some(1)),
            finding("adr/unreadable", "docs/adr/0003-binary.md", None),
        ]
    );
    let ids: Vec<String> = log(&c).into_iter().map(|e| e.0).collect();
    assert_eq!(ids, vec!["0001", "0002", "ADR-7", "use-postgres"]);
}

#[test]
fn missing_folder_is_a_finding_unless_optional() {
    let c = adr("adr-none", "adr-default.toml");
    assert_eq!(c["status"], "FAIL");
    assert_eq!(
        findings(&c),
        vec![finding("adr/missing-folder", "docs/adr", None)]
    );
    let optional = adr("adr-none", "adr-optional.toml");
    assert_eq!(optional["status"], "NOT_APPLICABLE");
    assert_eq!(optional.get("records"), None);
    let named = adr("adr-none", "adr-dirs.toml");
    assert_eq!(
        findings(&named),
        vec![
            finding("adr/missing-folder", "docs/adr", None),
            finding("adr/missing-folder", "docs/decisions", None),
        ]
    );
}

#[test]
fn numbered_records_at_the_root_are_found() {
    let c = adr("adr-root", "adr-lenient.toml");
    assert_eq!(
        log(&c),
        vec![
            entry("001", "accepted", "section"),
            entry("002", "proposed", "section")
        ]
    );
    assert_eq!(
        c["records"][0]["title"],
        "Architecture Decision Record: Use ADRs"
    );
    let default = adr("adr-root", "adr-default.toml");
    assert_eq!(
        findings(&default),
        vec![
            finding("adr/broken-link", "adr-002-configuration.md", Some(5)),
            finding("adr/missing-date", "adr-001-use-adrs.md", Some(1)),
            finding("adr/missing-date", "adr-002-configuration.md", Some(1)),
        ]
    );
}

#[test]
fn real_world_shapes_give_no_false_findings() {
    // An upper-case `ADR/` folder, an AGENTS.md beside the records, "Decision: …" and plural
    // headings, dates written with month names, and well-known status spellings.
    let c = adr("adr-real-world", "adr-default.toml");
    let log: Vec<(String, String, String)> = c["records"]
        .as_array()
        .expect("records")
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap_or_default().to_string(),
                r["status"].as_str().unwrap_or_default().to_string(),
                r["date"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(
        log,
        [
            (
                "0001".to_string(),
                "accepted".to_string(),
                "2022-10-29".to_string()
            ),
            (
                "0002".to_string(),
                "superseded".to_string(),
                "2022-10-29".to_string()
            ),
            (
                "0003".to_string(),
                "unknown".to_string(),
                "2023-01-10".to_string()
            ),
        ]
    );
    // The only finding: "on hold" means no known status until the playbook maps it.
    assert_eq!(
        findings(&c),
        vec![finding(
            "adr/unknown-status",
            "ADR/0003-structured-logs.md",
            Some(5)
        )]
    );
}

/// The evidence notes saying how each ADR folder was found.
fn found_by(control: &Value) -> Vec<String> {
    control["evidence"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["note"].as_str())
        .filter(|n| n.starts_with("ADR folder "))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_folder_of_numbered_records_anywhere_is_a_decision_log() {
    // doc/arch/adr is no conventional folder; docs/rfcs and node_modules are not decision logs.
    let c = adr("adr-elsewhere", "adr-default.toml");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert_eq!(
        log(&c),
        vec![
            entry("0001", "accepted", "section"),
            entry("0002", "accepted", "section")
        ]
    );
    assert_eq!(
        c["records"][0]["path"],
        "doc/arch/adr/0001-record-architecture-decisions.md"
    );
    assert_eq!(
        found_by(&c),
        vec!["ADR folder doc/arch/adr: found by numbered records (2 numbered record file(s))"]
    );
    let conventional = adr("adr-nygard", "adr-default.toml");
    assert_eq!(
        found_by(&conventional),
        vec!["ADR folder doc/adr: found by conventional folder"]
    );
    let named = adr("adr-adr-dir", "adr-default.toml");
    assert_eq!(
        found_by(&named),
        vec!["ADR folder architecture/decisions: found by .adr-dir"]
    );
}

#[test]
fn a_folder_of_templates_only_is_no_decision_log() {
    let c = adr("adr-templates-only", "adr-default.toml");
    assert_eq!(c["status"], "FAIL");
    assert_eq!(
        findings(&c),
        vec![finding("adr/missing-folder", "docs/adr", None)]
    );
    assert_eq!(c["records"].as_array().map(Vec::len).unwrap_or(0), 0);
}

#[test]
fn supersession_pointers_resolve_by_url_folder_number_and_name() {
    // 0001 points to a URL, 0002 to a record of platform/adr, 0003 to `ADR-8`, 0004 to
    // `0005-use-s3` without extension, 0007 to `0008-use-queues` as bare text: all resolve.
    // 0006 names 0009, which does not exist; 0008 supersedes 0003 but not 0007, in a log that
    // records supersession both ways.
    let c = adr("adr-supersession-links", "adr-default.toml");
    assert_eq!(
        findings(&c),
        vec![
            finding("adr/broken-link", "docs/adr/0006-use-soap.md", Some(15)),
            finding(
                "adr/replacement-missing",
                "docs/adr/0006-use-soap.md",
                Some(15)
            ),
            finding(
                "adr/supersession-one-way",
                "docs/adr/0008-use-queues.md",
                Some(15)
            ),
        ]
    );
    let message = |code: &str| {
        c["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|f| f["code"] == code)
            .and_then(|f| f["message"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    assert!(message("adr/replacement-missing").contains("0009-later.md"));
    assert!(message("adr/supersession-one-way").contains("docs/adr/0007-use-batch.md"));
    assert_eq!(found_by(&c).len(), 2, "{:?}", found_by(&c));
}

#[test]
fn a_log_without_back_links_needs_none() {
    // MADR writes no "Supersedes" into the new record: a one-way supersession is its convention.
    let madr = adr("adr-madr4", "adr-default.toml");
    assert_eq!(madr["status"], "PASS", "{madr:#}");
    let pitfalls = adr("adr-pitfalls", "adr-default.toml");
    assert_eq!(pitfalls["status"], "PASS", "{pitfalls:#}");
}

#[test]
fn links_to_repository_files_are_checked_with_and_without_extension() {
    let c = adr("adr-links-repo", "adr-default.toml");
    assert_eq!(
        findings(&c),
        vec![
            finding("adr/broken-link", "docs/adr/0001-use-make.md", Some(26)),
            finding("adr/broken-link", "docs/adr/0001-use-make.md", Some(26)),
            finding("adr/broken-link", "docs/adr/0001-use-make.md", Some(27)),
            finding(
                "adr/broken-link",
                "services/api/docs/adr/0001-use-grpc.md",
                Some(21)
            ),
        ]
    );
}

#[test]
fn two_records_superseding_each_other_are_a_cycle() {
    let mut h = common::history::History::new();
    let record = |n: u32, title: &str, other: &str| {
        format!(
            "# {n}. {title}\n\nDate: 2025-01-0{n}\n\n## Status\n\nSuperseded by [{other}]({other}.md)\n\nSupersedes [{other}]({other}.md)\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n\n## Consequences\n\nThen.\n"
        )
    };
    h.write("doc/adr/0001-use-a.md", &record(1, "Use A", "0002-use-b"));
    h.write("doc/adr/0002-use-b.md", &record(2, "Use B", "0001-use-a"));
    h.commit("Two records", FIXTURE_TIME);
    let (ev, _) = check_playbook(h.root(), "adr-default.toml", &[]);
    let c = control(&ev, "adr");
    let cycle: Vec<_> = findings(c)
        .into_iter()
        .filter(|f| f.0 == "adr/supersession-cycle")
        .collect();
    assert_eq!(
        cycle,
        vec![finding(
            "adr/supersession-cycle",
            "doc/adr/0001-use-a.md",
            Some(7)
        )],
        "{c:#}"
    );
}

#[test]
fn adr_j_logs_are_read_as_adr_j_writes_them() {
    // `.adr/adr.properties` names design/log; dates are DD.MM.YYYY; 0002 keeps "Accepted" with
    // "Superseded by" below it; toc.md is the index and the numbered files under
    // src/test/resources are test data.
    let c = adr("adr-adr-j", "adr-default.toml");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert_eq!(
        log(&c),
        vec![
            entry("0001", "accepted", "section"),
            entry("0002", "superseded", "section"),
            entry("0003", "accepted", "section"),
        ]
    );
    assert_eq!(c["records"][0]["date"], "2026-03-02");
    assert_eq!(
        found_by(&c),
        vec!["ADR folder design/log: found by .adr/adr.properties"]
    );
}

#[test]
fn adr_j_shapes_that_are_wrong_are_findings() {
    // 31.02. is no date; 0002's successor does not exist; the test resources stay out.
    let c = adr("adr-adr-j-bad", "adr-default.toml");
    assert_eq!(
        findings(&c),
        vec![
            finding(
                "adr/broken-link",
                "doc/adr/0002-store-reports-as-markdown.md",
                Some(9)
            ),
            finding(
                "adr/invalid-date",
                "doc/adr/0001-record-architecture-decisions.md",
                Some(3)
            ),
            // The status line: the Status section is where the pointer is read.
            finding(
                "adr/replacement-missing",
                "doc/adr/0002-store-reports-as-markdown.md",
                Some(7)
            ),
        ],
        "{c:#}"
    );
    assert_eq!(
        found_by(&c),
        vec!["ADR folder doc/adr: found by conventional folder"]
    );
}

#[test]
fn numbered_records_in_test_folders_are_no_decision_log() {
    let c = adr("adr-test-fixtures-only", "adr-default.toml");
    assert_eq!(c["status"], "FAIL");
    assert_eq!(
        findings(&c),
        vec![finding("adr/missing-folder", "docs/adr", None)]
    );
}

#[test]
fn a_numbered_record_without_extension_is_read() {
    let c = adr("adr-no-extension", "adr-default.toml");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert_eq!(
        log(&c),
        vec![
            entry("0001", "accepted", "section"),
            entry("0002", "accepted", "section")
        ]
    );
    assert_eq!(
        c["records"][1]["path"],
        "doc/adr/0002-run-one-worker-at-a-time"
    );

    let mut h = common::history::History::new();
    h.write(
        "doc/adr/0001-record-architecture-decisions.md",
        "# 1. Record architecture decisions\n\nDate: 2025-04-01\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n",
    );
    h.write(
        "doc/adr/0002-run-one-worker",
        "# 2. Run one worker\n\nDate: 2025-05-04\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n",
    );
    h.commit("A record without extension and status", FIXTURE_TIME);
    let (ev, _) = check_playbook(h.root(), "adr-default.toml", &[]);
    let c = control(&ev, "adr");
    assert_eq!(
        findings(c),
        vec![finding(
            "adr/missing-status",
            "doc/adr/0002-run-one-worker",
            Some(1)
        )],
        "{c:#}"
    );
}
