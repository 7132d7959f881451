//! Playbooks and waiver files as people write them: levels in any case and in German, one
//! string where a list is expected, members as "Name <email>", quoted dates, ISO durations, no
//! title. Each is read as its strict twin would be.

mod common;

use common::history::History;
use common::*;

/// 2026-03-01T00:00:00Z, the date the checks speak for.
const MARCH_1: &str = "1772323200";
/// 2026-02-01T00:00:00Z, when the waivers were committed.
const FEB_1: i64 = 1_769_904_000;

const PLAYBOOK: &str = r#"
[playbook]
name = "Written as people write"
extends = "preset:default"

[roles.architecture-board]
members = ["Ana Lima <ana@example.com>", { name = "Bo Berg", email = "bo@example.com" }, "Cy Ode"]
may-waive = ["MUSS", "Soll"]

[[control]]
id = "security-policy"
kind = "files"
level = "Must"
require = ["SECURITY.md"]

[[control]]
id = "changelog"
kind = "files"
level = "soll"
title = "Changes are recorded"
require = ["CHANGELOG.md"]

[gates.merge]
controls = "*"
"#;

const WAIVERS: &str = r#"
[[waiver]]
id = "W-1"
control = "security-policy"
reason = "The reporting address is being agreed with the client."
ticket = "SEC-12"
approved-by = "Ana Lima <ana@example.com>"
created = "2026-02-01"
expires = "2026-04-15"
"#;

fn repo(waivers: &str) -> History {
    let mut h = History::from_fixture("conditions");
    h.write("gonogo.toml", PLAYBOOK);
    h.write(".gonogo/waivers.toml", waivers);
    h.commit("Playbook and waivers as people write them", FEB_1);
    h
}

#[test]
fn forgiving_playbook_and_waivers_are_read_as_their_strict_twins() {
    let h = repo(WAIVERS);
    let (ev, code) = check_json_env(h.root(), &[], &[("SOURCE_DATE_EPOCH", MARCH_1)]);
    assert_eq!(code, 0, "{ev:#}");
    let security = control(&ev, "security-policy");
    // `Must`, no title (the id in words), waived by a member written as "Name <email>" with
    // quoted dates.
    assert_eq!(security["level"], "must");
    assert_eq!(security["title"], "Security policy");
    assert_eq!(security["status"], "WAIVED", "{security:#}");
    assert_eq!(control(&ev, "changelog")["level"], "should");
    // `extends` as one string: the default preset's controls are there; `controls = "*"`
    // takes them all into the merge gate.
    assert_eq!(status(&ev, "readme"), "PASS");
    assert_eq!(ev["gate"]["name"], "merge");
    let roles = &ev["playbook"]["roles"][0]["members"];
    assert_eq!(roles.as_array().map(Vec::len), Some(3), "{roles:#}");
}

#[test]
fn a_quoted_date_that_is_no_date_is_an_error_at_its_place() {
    let h = repo(&WAIVERS.replace("\"2026-04-15\"", "\"2026-04-31\""));
    let mut cmd = gonogo();
    cmd.arg("check").arg(h.root());
    let (_, err, code) = run_text(cmd);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("waivers::invalid-date"), "{err}");
    assert!(err.contains("2026-04-31"), "{err}");
}

#[test]
fn a_wrong_level_and_a_bad_member_say_what_to_write() {
    let mut h = History::from_fixture("conditions");
    h.write(
        "gonogo.toml",
        &PLAYBOOK
            .replace("level = \"soll\"", "level = \"mandatory\"")
            .replace("\"Cy Ode\"", "\"Cy <not-an-address>\""),
    );
    h.commit("Mistakes", FEB_1);
    let mut cmd = gonogo();
    cmd.arg("playbook")
        .arg("validate")
        .arg(h.root().join("gonogo.toml"));
    let (out, err, code) = run_text(cmd);
    let text = format!("{out}{err}");
    assert_eq!(code, 2, "{text}");
    // The terminal wraps long messages; compare the words.
    let text = text
        .replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("must, should or may (MUSS, SOLL, KANN)"),
        "{text}"
    );
    assert!(
        text.contains("`not-an-address` is not an e-mail address"),
        "{text}"
    );
}

#[test]
fn a_waiver_file_s_mistakes_carry_the_waiver_file_s_codes() {
    let h = repo(&WAIVERS.replace("ticket = \"SEC-12\"", "ticket = \"SEC-12\"\nowner = \"me\""));
    let mut cmd = gonogo();
    cmd.arg("check").arg(h.root());
    let (_, err, code) = run_text(cmd);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("waivers::unknown-key"), "{err}");
    assert!(!err.contains("playbook::"), "{err}");
}

#[test]
fn a_playbook_with_six_mistakes_reports_six_diagnostics_at_once() {
    let mut h = History::new();
    h.write(
        "gonogo.toml",
        r#"[playbook]
name = "Six mistakes"
extends = "preset:defualt"

[[control]]
id = "readme"
kind = "files"
level = "mst"
titel = "A README"
require = ["README.md"]

[[control]]
id = "changelog"
kind = "fils"
level = "should"
require = ["CHANGELOG.md"]

[[control]]
id = "license"
kind = "files"
level = "must"
require = ["LICENSE["]

[gates.merge]
controls = ["readme", "licence"]
"#,
    );
    h.commit("Playbook", FEB_1);
    let (_, said, code) = playbook_command(&h, &["validate"]);
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("the playbook has 6 errors"), "{said}");
    for expected in [
        "did you mean `preset:default`?",
        "`mst` is not a level: did you mean `must`?",
        // The wrong level does not hide the misspelt key of the same control ...
        "unknown field `titel`",
        "did you mean `files`?",
        "invalid glob `LICENSE[`",
        // ... and a control with a mistake is not reported again by the gate that names it.
        "names `licence`, which is not a defined control",
        "did you mean `license`?",
    ] {
        assert!(said.contains(expected), "missing {expected:?} in\n{said}");
    }
    assert!(!said.contains("names `readme`"), "{said}");
}

#[test]
fn a_gate_adds_to_the_inherited_gate_without_redefining_it() {
    let mut h = History::new();
    h.write(
        "gonogo.toml",
        r#"[playbook]
extends = "preset:default"

[roles.leads]
members = ["Ana Lima <ana@example.com>"]

[[control]]
id = "changelog"
kind = "files"
level = "should"
require = ["CHANGELOG.md"]

[gates.release]
controls-add = "changelog"
approvals = ["leads"]

[gates.merge]
controls-add = ["changelog"]
exclude = ["security-policy"]
"#,
    );
    h.commit("Playbook", FEB_1);
    let (shown, err, code) = playbook_command(&h, &["show", "--lang", "en"]);
    assert_eq!(code, Some(0), "{shown}{err}");
    let gate = |name: &str| {
        let at = shown.find(&format!("  {name}: ")).expect("gate shown");
        shown[at..].lines().take(3).collect::<Vec<_>>().join("\n")
    };
    let release = gate("release");
    // The preset's release gate keeps its description and controls, and gains one control and
    // an approval.
    assert!(release.contains("Before a release is shipped"), "{release}");
    assert!(release.contains("readme, license"), "{release}");
    assert!(release.contains(", changelog"), "{release}");
    assert!(release.contains("approvals by: leads"), "{release}");
    let merge = gate("merge");
    assert!(merge.contains("changelog"), "{merge}");
    assert!(!merge.contains("security-policy"), "{merge}");

    // Without an inherited gate to add to, a gate must name its controls.
    h.write(
        "gonogo.toml",
        "[playbook]\nextends = \"preset:default\"\n\n[gates.nightly]\napprovals = []\n",
    );
    h.commit("A gate without controls", FEB_1 + 60);
    let (_, said, code) = playbook_command(&h, &["validate"]);
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("gate `nightly` names no controls"), "{said}");
}

#[test]
fn approved_by_takes_the_forms_role_members_take() {
    for approver in [
        r#""Ana Lima <ana@example.com>""#,
        r#"{ name = "Ana Lima", email = "ana@example.com" }"#,
        r#""ana@example.com""#,
        r#""Ana Lima""#,
    ] {
        let h = repo(&WAIVERS.replace(r#""Ana Lima <ana@example.com>""#, approver));
        let (ev, code) = check_json_env(h.root(), &[], &[("SOURCE_DATE_EPOCH", MARCH_1)]);
        assert_eq!(code, 0, "{approver}: {ev:#}");
        assert_eq!(status(&ev, "security-policy"), "WAIVED", "{approver}");
    }
}

#[test]
fn a_gate_s_approval_may_name_a_decision_type_instead_of_a_role() {
    let mut h = History::new();
    h.write(
        "gonogo.toml",
        r#"[playbook]
extends = "preset:default"

[roles.release-managers]
members = ["Ana Lima <ana@example.com>"]

[decisions]
"release approval" = "release-managers"

[gates.release]
approvals = ["release approval"]
"#,
    );
    h.commit("Playbook", FEB_1);
    let (shown, err, code) = playbook_command(&h, &["show", "--lang", "en"]);
    assert_eq!(code, Some(0), "{shown}{err}");
    assert!(shown.contains("approvals by: release-managers"), "{shown}");

    // The decision's role must exist; a name that is neither role nor decision is an error.
    h.write(
        "gonogo.toml",
        "[playbook]\nextends = \"preset:default\"\n\n[decisions]\n\"release approval\" = \"nobody\"\n\n[gates.release]\napprovals = [\"release aproval\"]\n",
    );
    h.commit("Broken decisions", FEB_1 + 60);
    let (_, said, code) = playbook_command(&h, &["validate"]);
    assert_eq!(code, Some(2), "{said}");
    assert!(
        said.contains("decision `release approval` names `nobody`"),
        "{said}"
    );
    assert!(
        said.contains("which is neither a defined role nor a"),
        "{said}"
    );
}

/// `gonogo playbook ARGS` in the repository: standard output, standard error, exit code.
fn playbook_command(h: &History, args: &[&str]) -> (String, String, Option<i32>) {
    let out = gonogo()
        .current_dir(h.root())
        .arg("playbook")
        .args(args)
        .output()
        .expect("run");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}
