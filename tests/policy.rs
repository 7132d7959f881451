//! The policy that judges a check comes from a revision the change cannot write, and changing
//! the rules is itself a finding (issue 13, points 1–3).

mod common;

use common::history::{History, day};
use common::signing::{Key, commit_signed};
use common::*;
use predicates::prelude::*;

/// `main` holds the guarded service; the branch `change` is checked out, nothing on it yet.
fn merge_request() -> History {
    let mut h = History::from_fixture("policy-guarded");
    h.commit("Guarded service", day(0));
    h.branch("change");
    h
}

fn merge_check(h: &History, extra: &[&str]) -> (serde_json::Value, i32) {
    let mut args = vec!["--base", "main", "--gate", "merge"];
    args.extend(extra);
    check_json(h.root(), &args)
}

#[test]
fn a_change_that_lowers_a_level_and_deletes_the_file_is_no_go_and_says_what_it_weakened() {
    let mut h = merge_request();
    let playbook = std::fs::read_to_string(h.root().join("gonogo.toml")).unwrap();
    h.write(
        "gonogo.toml",
        &playbook.replacen("level = \"must\"", "level = \"may\"", 1),
    );
    h.delete("SECURITY.md");
    h.commit("Relax the security policy", day(1));

    let (ev, code) = merge_check(&h, &[]);
    assert_eq!(
        (ev["decision"].as_str(), code),
        (Some("NO_GO"), 1),
        "{ev:#}"
    );
    // Judged by the base's playbook: the deleted file still fails a must control.
    assert_eq!(control(&ev, "security-policy")["level"], "must");
    assert_eq!(control(&ev, "security-policy")["status"], "FAIL");
    let policy = control(&ev, "policy");
    assert_eq!(policy["status"], "FAIL");
    assert_eq!(codes(policy), ["policy/weakened"]);
    let text = messages(policy);
    assert!(
        text.contains("lowers control `security-policy` from must to may"),
        "{text}"
    );
    assert!(text.contains("a member of `maintainers`"), "{text}");
    assert_eq!(ev["policy"]["source"], "base");
    assert_eq!(ev["policy"]["reference"], "main");
    assert_eq!(ev["policy"]["commit"], h.rev("main"));
    assert_eq!(ev["policy"]["trusted"], true);

    // The person reading the job log sees the same, and where the rules came from.
    gonogo()
        .arg("check")
        .arg(h.root())
        .args(["--base", "main", "--gate", "merge"])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("read from main @")
                .and(predicate::str::contains("the merge request's target"))
                .and(predicate::str::contains("lowers control `security-policy`")),
        );
}

#[test]
fn deleting_the_playbook_is_no_go_never_a_fallback_to_the_default() {
    let mut h = merge_request();
    h.delete("gonogo.toml");
    h.commit("Remove the playbook", day(1));
    let (ev, code) = merge_check(&h, &[]);
    assert_eq!(
        (ev["decision"].as_str(), code),
        (Some("NO_GO"), 1),
        "{ev:#}"
    );
    assert_eq!(ev["playbook"]["path"], "gonogo.toml");
    assert_eq!(codes(control(&ev, "policy")), ["policy/removed"]);
}

#[test]
fn a_playbook_that_no_longer_parses_is_no_go() {
    let mut h = merge_request();
    h.write("gonogo.toml", "[playbook\nname = broken\n");
    h.commit("Break the playbook", day(1));
    let (ev, code) = merge_check(&h, &[]);
    assert_eq!(
        (ev["decision"].as_str(), code),
        (Some("NO_GO"), 1),
        "{ev:#}"
    );
    let policy = control(&ev, "policy");
    assert_eq!(codes(policy), ["policy/invalid"]);
    assert!(messages(policy).contains("gonogo.toml:1:"), "{policy:#}");
}

#[test]
fn a_change_cannot_waive_its_own_failure() {
    let mut h = merge_request();
    h.write("deploy/.env", "TOKEN=x\n");
    h.write(
        ".gonogo/waivers.toml",
        r#"[[waiver]]
id = "W-1"
control = "no-env-files"
reason = "Needed for the demo."
ticket = "OPS-1"
approved-by = "Ana Lima <ana@example.com>"
created = 2026-01-02
expires = 2026-02-01
"#,
    );
    h.commit("Add an env file and waive it", day(1));
    let (ev, code) = check_json_env(
        h.root(),
        &["--base", "main", "--gate", "merge"],
        &[("SOURCE_DATE_EPOCH", &day(2).to_string())],
    );
    assert_eq!(
        (ev["decision"].as_str(), code),
        (Some("NO_GO"), 1),
        "{ev:#}"
    );
    // The waiver is not the base's: it is not applied, and adding it is reported.
    assert_eq!(control(&ev, "no-env-files")["status"], "FAIL");
    assert!(ev.get("waiver_file").is_none(), "{ev:#}");
    let text = messages(control(&ev, "policy"));
    assert!(
        text.contains("adds waiver `W-1` for control `no-env-files`"),
        "{text}"
    );
}

#[test]
fn a_rule_change_approved_by_the_owners_becomes_the_policy() {
    let ana = Key::new("ana");
    let mallory = Key::new("mallory");
    let mut h = History::from_fixture("policy-guarded");
    let playbook = std::fs::read_to_string(h.root().join("gonogo.toml")).unwrap();
    h.write(
        "gonogo.toml",
        &playbook.replace(
            "email = \"ana@example.com\" }",
            &format!(
                "email = \"ana@example.com\", signing-keys = [\"{}\"] }}",
                ana.public
            ),
        ),
    );
    h.commit("Guarded service", day(0));
    h.branch("change");
    let playbook = std::fs::read_to_string(h.root().join("gonogo.toml")).unwrap();
    h.write(
        "gonogo.toml",
        &playbook.replace("require = [\"README.md\"]", "require = [\"README*\"]"),
    );
    h.stage(".");
    let message = "Accept any README\n\nApproved-by: Ana Lima <ana@example.com>";

    // The trailer typed by anyone, or signed by someone else's key, approves nothing.
    h.commit_staged(message, day(1));
    let (ev, code) = merge_check(&h, &[]);
    assert_eq!(
        (ev["policy"]["source"].as_str(), code),
        (Some("base"), 1),
        "{ev:#}"
    );
    assert!(
        messages(control(&ev, "policy")).contains("needs an approval by a member of `maintainers`")
    );
    commit_signed(&mut h, &mallory, message, day(2));
    let (ev, code) = merge_check(&h, &[]);
    assert_eq!(
        (ev["policy"]["source"].as_str(), code),
        (Some("base"), 1),
        "{ev:#}"
    );

    // Signed by Ana's key, which the base's playbook lists: the change's rules apply.
    commit_signed(&mut h, &ana, message, day(3));
    let (ev, code) = merge_check(&h, &[]);
    assert_eq!((ev["decision"].as_str(), code), (Some("GO"), 0), "{ev:#}");
    let policy = control(&ev, "policy");
    assert_eq!(policy["status"], "PASS", "{policy:#}");
    assert!(
        policy["evidence"]
            .to_string()
            .contains("approved by Approved-by: Ana Lima"),
        "{policy:#}"
    );
    assert_eq!(ev["policy"]["source"], "approved-change");
    assert_eq!(ev["policy"]["commit"], h.rev("main"));
}

#[test]
fn without_an_owner_role_a_rule_change_cannot_be_approved() {
    let mut h = History::from_fixture("policy-guarded");
    let playbook = std::fs::read_to_string(h.root().join("gonogo.toml")).unwrap();
    h.write(
        "gonogo.toml",
        &playbook.replace("[policy]\nowners = \"maintainers\"\n", ""),
    );
    h.commit("No owners", day(0));
    h.branch("change");
    let playbook = std::fs::read_to_string(h.root().join("gonogo.toml")).unwrap();
    h.write(
        "gonogo.toml",
        &playbook.replace("[gates.merge]\ndescription = \"Before a merge request is merged\"\ncontrols = [\"*\"]", "[gates.merge]\ndescription = \"Before a merge request is merged\"\ncontrols = [\"readme\"]"),
    );
    h.commit("Narrow the gate", day(1));
    let (ev, code) = merge_check(&h, &[]);
    assert_eq!(code, 1, "{ev:#}");
    let text = messages(control(&ev, "policy"));
    assert!(
        text.contains("narrows gate `merge`: no longer checks"),
        "{text}"
    );
    assert!(text.contains("names no `[policy] owners` role"), "{text}");
}

#[test]
fn an_unchanged_policy_passes_and_tightening_is_reported_without_an_approval() {
    let mut h = merge_request();
    h.write("src/main.rs", "fn main() {}\n");
    h.commit("Code only", day(1));
    let (ev, code) = merge_check(&h, &[]);
    assert_eq!((ev["decision"].as_str(), code), (Some("GO"), 0), "{ev:#}");
    assert_eq!(control(&ev, "policy")["status"], "PASS");

    let playbook = std::fs::read_to_string(h.root().join("gonogo.toml")).unwrap();
    h.write(
        "gonogo.toml",
        &format!(
            "{playbook}\n[[control]]\nid = \"changelog\"\nkind = \"files\"\nlevel = \"should\"\ntitle = \"A changelog\"\nrequire = [\"CHANGELOG.md\"]\n"
        ),
    );
    h.commit("Add a changelog rule", day(2));
    let (ev, _) = merge_check(&h, &[]);
    let policy = control(&ev, "policy");
    assert_eq!(policy["status"], "PASS", "{policy:#}");
    assert!(
        policy["evidence"]
            .to_string()
            .contains("adds control `changelog`"),
        "{policy:#}"
    );
}

#[test]
fn code_owners_changes_are_rule_changes() {
    let mut h = merge_request();
    h.write(".github/CODEOWNERS", "* @someone-else\n");
    h.commit("New owners", day(1));
    let (ev, code) = merge_check(&h, &[]);
    assert_eq!(code, 1, "{ev:#}");
    assert!(messages(control(&ev, "policy")).contains("changes the code owners"));
}

#[test]
fn a_revision_is_judged_by_its_own_playbook_never_by_the_disk() {
    let mut h = History::from_fixture("policy-guarded");
    let first = h.commit("Guarded service", day(0));
    h.delete("SECURITY.md");
    h.commit("Drop the policy file", day(1));
    // An uncommitted edit on disk that would let the check pass.
    let playbook = std::fs::read_to_string(h.root().join("gonogo.toml")).unwrap();
    h.write(
        "gonogo.toml",
        &playbook.replacen("level = \"must\"", "level = \"may\"", 1),
    );
    let (ev, code) = check_json(h.root(), &["--gate", "merge"]);
    assert_eq!(
        (ev["decision"].as_str(), code),
        (Some("NO_GO"), 1),
        "{ev:#}"
    );
    assert_eq!(ev["policy"]["source"], "commit");
    assert!(
        ev["warnings"]
            .to_string()
            .contains("gonogo.toml on disk differs from the committed one"),
        "{ev:#}"
    );
    let (ev, _) = check_json(h.root(), &["--gate", "merge", "--rev", &first]);
    assert_eq!(ev["policy"]["commit"], first);
    assert_eq!(ev["decision"], "GO");
    // --worktree reads the disk, and the evidence says the policy is not trusted.
    let (ev, code) = check_json(h.root(), &["--gate", "merge", "--worktree"]);
    assert_eq!(
        (ev["policy"]["source"].as_str(), code),
        (Some("worktree"), 0)
    );
    assert_eq!(ev["policy"]["trusted"], false);
    // --staged judges the index by HEAD's playbook.
    h.stage("gonogo.toml");
    let (ev, code) = check_json(h.root(), &["--gate", "merge", "--staged"]);
    assert_eq!((ev["policy"]["source"].as_str(), code), (Some("head"), 1));
}

#[test]
fn a_policy_ref_supplies_the_rules() {
    let mut h = History::from_fixture("policy-guarded");
    h.commit("Guarded service", day(0));
    h.branch("org-policy");
    let playbook = std::fs::read_to_string(h.root().join("gonogo.toml")).unwrap();
    h.write(
        "gonogo.toml",
        &format!(
            "{playbook}\n[[control]]\nid = \"changelog\"\nkind = \"files\"\nlevel = \"must\"\ntitle = \"A changelog\"\nrequire = [\"CHANGELOG.md\"]\n"
        ),
    );
    let policy_commit = h.commit("Stricter organisation policy", day(1));
    h.switch("main");
    let (ev, code) = check_json(h.root(), &["--gate", "merge", "--policy-ref", "org-policy"]);
    assert_eq!(
        (ev["decision"].as_str(), code),
        (Some("NO_GO"), 1),
        "{ev:#}"
    );
    assert_eq!(ev["policy"]["source"], "policy-ref");
    assert_eq!(ev["policy"]["commit"], policy_commit);
    assert_eq!(control(&ev, "changelog")["status"], "FAIL");
    // The same through the CI variable.
    let (ev, _) = check_json_env(
        h.root(),
        &["--gate", "merge"],
        &[("GONOGO_POLICY_REF", "org-policy")],
    );
    assert_eq!(ev["policy"]["source"], "policy-ref");
}

/// An organisation playbook that locks controls, and a repository playbook that extends it.
fn locked_pair(repo_playbook: &str) -> tempfile::TempDir {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::create_dir_all(dir.path().join("org")).unwrap();
    std::fs::write(
        dir.path().join("org/base.toml"),
        r#"[playbook]
name = "Organisation"

[policy]
locked = ["tag:security"]

[roles.security-officers]
members = [{ name = "Bo Berg", email = "bo@example.com" }]
may-waive = ["must"]

[[control]]
id = "security-policy"
kind = "files"
level = "must"
title = "A security policy"
tags = ["security"]
require = ["SECURITY.md"]

[[control]]
id = "no-keys"
kind = "files"
level = "must"
title = "No private keys"
locked = true
waivable-by = "security-officers"
forbid = ["**/*.pem"]

[[control]]
id = "readme"
kind = "files"
level = "should"
title = "A README"
require = ["README.md"]

[gates.merge]
controls = ["*"]
"#,
    )
    .unwrap();
    std::fs::write(dir.path().join("gonogo.toml"), repo_playbook).unwrap();
    dir
}

fn validate(dir: &tempfile::TempDir) -> assert_cmd::assert::Assert {
    gonogo()
        .args(["playbook", "validate"])
        .arg(dir.path().join("gonogo.toml"))
        .assert()
}

#[test]
fn locked_controls_cannot_be_weakened_by_an_extending_playbook() {
    let head = "[playbook]\nname = \"Service\"\nextends = [\"org/base.toml\"]\n";
    // Lowering the level: exit 2 at the line of the redefinition.
    let dir = locked_pair(&format!(
        "{head}\n[[control]]\nid = \"security-policy\"\nkind = \"files\"\nlevel = \"should\"\ntitle = \"A security policy\"\nrequire = [\"SECURITY.md\"]\n"
    ));
    validate(&dir).code(2).stderr(
        predicate::str::contains("locked-control")
            .and(predicate::str::contains("lowers its level"))
            .and(predicate::str::contains("gonogo.toml:6:")),
    );
    // Changing what it checks.
    let dir = locked_pair(&format!(
        "{head}\n[[control]]\nid = \"no-keys\"\nkind = \"files\"\nlevel = \"must\"\ntitle = \"No keys\"\nforbid = [\"secrets/*.pem\"]\n"
    ));
    validate(&dir)
        .code(2)
        .stderr(predicate::str::contains("changes what it checks"));
    // Disabling it.
    let dir = locked_pair(
        "[playbook]\nname = \"Service\"\nextends = [\"org/base.toml\"]\ndisable = [\"no-keys\"]\n",
    );
    validate(&dir).code(2).stderr(
        predicate::str::contains("it cannot be disabled")
            .and(predicate::str::contains("gonogo.toml:4:")),
    );
    // Dropping it from a gate.
    let dir = locked_pair(&format!("{head}\n[gates.merge]\ncontrols = [\"readme\"]\n"));
    validate(&dir).code(2).stderr(predicate::str::contains(
        "gate `merge` drops `security-policy`, which is locked",
    ));
    // Not locked: may be changed; locked: a stricter level or the same definition is fine.
    let dir = locked_pair(&format!(
        "{head}\n[[control]]\nid = \"readme\"\nkind = \"files\"\nlevel = \"may\"\ntitle = \"A README\"\nrequire = [\"README*\"]\n\n[[control]]\nid = \"no-keys\"\nkind = \"files\"\nlevel = \"must\"\ntitle = \"Never any private key\"\nforbid = [\"**/*.pem\"]\n"
    ));
    validate(&dir).code(0);
}

#[test]
fn a_locked_control_is_waived_only_by_its_waivable_by_role() {
    let dir = locked_pair(
        "[playbook]\nname = \"Service\"\nextends = [\"org/base.toml\"]\n\n[roles.leads]\nmembers = [{ name = \"Ana Lima\", email = \"ana@example.com\" }]\nmay-waive = [\"must\"]\n",
    );
    let waiver = |by: &str| {
        format!(
            "[[waiver]]\nid = \"W-1\"\ncontrol = \"no-keys\"\nreason = \"A test fixture key.\"\nticket = \"SEC-1\"\napproved-by = \"{by}\"\ncreated = 2025-12-20\nexpires = 2026-01-20\n"
        )
    };
    let mut h = History::new();
    common::copy_tree(dir.path(), h.root());
    h.write("SECURITY.md", "Mail security@example.com\n");
    h.write("README.md", "# Service\n");
    h.write("certs/test.pem", "not really a key\n");
    h.write(
        ".gonogo/waivers.toml",
        &waiver("Ana Lima <ana@example.com>"),
    );
    h.commit("Service with a waived key", day(-10));
    let (ev, code) = check_json(h.root(), &["--gate", "merge"]);
    assert_eq!(code, 1, "{ev:#}");
    assert_eq!(control(&ev, "no-keys")["status"], "FAIL");
    let waivers = control(&ev, "waivers");
    assert_eq!(codes(waivers), ["waivers/locked"], "{waivers:#}");
    assert!(messages(waivers).contains("only a member of `security-officers`"));

    h.write(".gonogo/waivers.toml", &waiver("Bo Berg <bo@example.com>"));
    h.commit("Waived by the security officer", day(-10));
    let (ev, _) = check_json(h.root(), &["--gate", "merge"]);
    assert_eq!(control(&ev, "no-keys")["status"], "WAIVED", "{ev:#}");
    assert_eq!(control(&ev, "waivers")["status"], "PASS");
}
