//! `gonogo verify` compares the whole evidence: every leaf of a real evidence file, edited one at
//! a time, is rejected, with the digest left stale and with the digest recomputed.

mod common;

use std::path::{Path, PathBuf};

use common::history::{History, day};
use common::*;
use serde_json::{Value, json};

const PLAYBOOK: &str = r#"
[playbook]
name = "Verify fixture"
version = "1.0.0"
owner = "platform"

[roles.release-managers]
description = "Ship releases and grant exceptions"
members = [{ name = "Ana Lima", email = "ana@example.com" }]
may-waive = ["must", "should"]

[waivers]
max-days = { must = 90, should = 180 }

[[control]]
id = "readme"
kind = "files"
level = "must"
title = "A README exists"
require = ["README.md"]
tags = ["docs"]

[[control]]
id = "license"
kind = "files"
level = "must"
title = "A license states the terms of use"
rationale = "Users must know what they may do."
remediation = "Add a LICENSE file."
require-any = ["LICENSE*"]

[[control]]
id = "security-policy"
kind = "files"
level = "should"
title = "A security policy exists"
require = ["SECURITY.md"]

[[control]]
id = "no-todo"
kind = "files"
level = "may"
title = "The README has no TODO left"
content-in = ["README.md"]
must-not-match = ['\bTODO\b']

[[control]]
id = "release-records"
kind = "release"
level = "should"
title = "The release is documented"
changelog = "CHANGELOG.md"

[gates.release]
description = "Before a release is shipped"
controls = ["*"]
approvals = ["release-managers"]

# The trailer is what this test edits; signatures are tests/approvals_signed.rs's subject.
[approvals]
accept-unsigned = true
"#;

const WAIVERS: &str = r#"
[[waiver]]
id = "W-1"
control = "license"
reason = "Licensing is being clarified with legal."
ticket = "LEGAL-42"
approved-by = "Ana Lima <ana@example.com>"
created = 2026-01-15
expires = 2026-04-15
"#;

/// A release: several controls (pass, fail, waived, with line findings), an approval trailer,
/// a waiver file, an annotated tag, a change set against the previous tag.
fn release_repo() -> History {
    let mut h = History::from_fixture("history-service");
    h.write("gonogo.toml", PLAYBOOK);
    h.commit("Initial commit", day(0));
    // The waiver is policy: it lands before the release it judges (the change since v1.1.0
    // would otherwise be a rule change needing the owners' approval).
    h.write(".gonogo/waivers.toml", WAIVERS);
    h.commit("Waive the license check", day(14));
    h.tag("v1.1.0");
    h.write("README.md", "# Orders\n\nTODO describe the API\n");
    h.write(
        "CHANGELOG.md",
        "# Changelog\n\n## [1.2.0] - 2026-02-01\n\n- Orders can be listed.\n",
    );
    h.commit(
        "Release 1.2.0\n\nApproved-by: Ana Lima <ana@example.com>",
        day(31),
    );
    h.tag_annotated("v1.2.0", "Release 1.2.0");
    h
}

/// `gonogo check --format json` of the release, as written (text), and the repository.
fn real_evidence() -> (History, String) {
    let h = release_repo();
    let out = gonogo()
        .arg("check")
        .arg(h.root())
        .args(["--format", "json", "--gate", "release", "--base", "v1.1.0"])
        // The release day; the waiver (created 2026-01-15) is in force.
        .env("SOURCE_DATE_EPOCH", day(31).to_string())
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (h, String::from_utf8(out.stdout).expect("UTF-8"))
}

/// Rewrites the digest so that it matches the (edited) content, as an attacker would.
fn reseal(doc: &mut Value) {
    let hex = gonogo::evidence::canonical::digest_of(doc);
    doc["digest"] = json!({ "algorithm": "sha256", "value": hex });
}

/// Whether `verify` accepts the document (in process).
fn accepted(doc: &Value, repo: &Path) -> bool {
    match gonogo::pipeline::verify::verify(&doc.to_string(), Some(repo), None) {
        Ok(v) => v.verified(),
        Err(_) => false,
    }
}

/// The differing leaves `verify` lists for the document.
fn difference_lines(doc: &Value, repo: &Path) -> Vec<String> {
    let v = gonogo::pipeline::verify::verify(&doc.to_string(), Some(repo), None).expect("verifies");
    v.differences.iter().map(|d| d.to_string()).collect()
}

/// Every leaf of a JSON value, as a JSON pointer and a dotted path (`controls[3].title`).
fn leaves(value: &Value, pointer: String, path: String, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                leaves(
                    v,
                    format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1")),
                    p,
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                leaves(v, format!("{pointer}/{i}"), format!("{path}[{i}]"), out);
            }
        }
        _ => out.push((pointer, path)),
    }
}

/// A different value of the same kind where one parses as evidence (null becomes a string, else
/// a number), so that the comparison, not the parser, has to catch it.
fn mutations(value: &Value) -> Vec<Value> {
    match value {
        Value::String(s) => {
            // Change the last character, so ids and hashes keep their shape.
            let mut t: String = s.clone();
            let last = t.pop();
            t.push(if last == Some('0') { '1' } else { '0' });
            vec![Value::String(t)]
        }
        Value::Number(n) => vec![json!(n.as_u64().map_or(1, |n| n + 1))],
        Value::Bool(b) => vec![json!(!b)],
        Value::Null => vec![json!("x"), json!(1)],
        _ => Vec::new(),
    }
}

/// Whether a dotted path is a field verify leaves out by design.
fn not_reproducible(path: &str) -> bool {
    gonogo::pipeline::verify::NOT_REPRODUCIBLE.contains(&path)
}

#[test]
fn a_real_evidence_file_verifies() {
    let (h, text) = real_evidence();
    let doc: Value = serde_json::from_str(&text).unwrap();
    // The fixture has what the property test must walk.
    assert_eq!(doc["decision"], "GO_WITH_CONDITIONS", "{doc:#}");
    assert_eq!(control(&doc, "license")["status"], "WAIVED");
    assert_eq!(control(&doc, "no-todo")["findings"][0]["line"], 3);
    assert_eq!(doc["subject"]["tag"], "v1.2.0");
    assert_eq!(doc["waivers"][0]["id"], "W-1");
    assert!(
        control(&doc, "approvals")["evidence"][0]["excerpt"]
            .as_str()
            .unwrap()
            .contains("Approved-by: Ana Lima")
    );
    assert!(control(&doc, "readme")["evidence"][0]["blob"].is_string());
    assert!(gonogo::evidence::canonical::check(&doc).is_valid());

    let file = h.sibling("evidence.json");
    std::fs::write(&file, &text).unwrap();
    let out = gonogo().arg("verify").arg(&file).output().expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("every field matches"), "{stdout}");
    assert!(accepted(&doc, h.root()));
}

#[test]
fn every_leaf_edited_is_rejected_with_a_stale_and_a_recomputed_digest() {
    let (h, text) = real_evidence();
    let original: Value = serde_json::from_str(&text).unwrap();
    let mut all = Vec::new();
    leaves(&original, String::new(), String::new(), &mut all);
    assert!(all.len() > 150, "{} leaves", all.len());
    let mut compared = 0;
    let mut genuine = Vec::new();
    for (pointer, path) in &all {
        if path.starts_with("digest.") || not_reproducible(path) {
            continue;
        }
        let leaf = original.pointer(pointer).unwrap();
        for value in mutations(leaf) {
            let mut edited = original.clone();
            *edited.pointer_mut(pointer).unwrap() = value.clone();
            assert!(
                !accepted(&edited, h.root()),
                "{path} = {value} accepted with the stale digest"
            );
            reseal(&mut edited);
            if accepted(&edited, h.root()) {
                // Only an input of the repeated check may survive, and only where the edit is
                // no edit at all: a fresh check with that input writes exactly this document.
                assert_eq!(
                    fresh_check(&h, path, &value).as_ref(),
                    Some(&edited),
                    "{path} = {value} accepted with a recomputed digest"
                );
                genuine.push(path.clone());
            }
            if gonogo::evidence::Evidence::from_json(&edited.to_string()).is_ok() {
                compared += 1;
            }
        }
    }
    // Most edits parse as evidence: the comparison, not the parser, rejected them.
    assert!(compared * 10 > all.len() * 8, "{compared} of {}", all.len());
    // One more byte of size limit reads the same files: that check is as genuine as the first.
    assert_eq!(genuine, ["parameters.max_file_size"]);
}

/// `gonogo check` of the release with one input (`path`) set to `value`, where the check has
/// such an input; the evidence it writes.
fn fresh_check(h: &History, path: &str, value: &Value) -> Option<Value> {
    let mut args = vec!["--gate", "release", "--base", "v1.1.0"];
    let limit = value.to_string();
    match path {
        "parameters.max_file_size" => args.extend(["--max-file-size", limit.as_str()]),
        _ => return None,
    }
    Some(check_json(h.root(), &args).0)
}

/// Every object member and array element, as a JSON pointer and a dotted path.
fn nodes(value: &Value, pointer: String, path: String, out: &mut Vec<(String, String)>) {
    let children: Vec<(String, String, &Value)> = match value {
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                (format!("{pointer}/{k}"), p, v)
            })
            .collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("{pointer}/{i}"), format!("{path}[{i}]"), v))
            .collect(),
        _ => Vec::new(),
    };
    for (p, d, v) in children {
        out.push((p.clone(), d.clone()));
        nodes(v, p, d, out);
    }
}

#[test]
fn every_member_or_element_removed_is_rejected() {
    let (h, text) = real_evidence();
    let original: Value = serde_json::from_str(&text).unwrap();
    let mut all = Vec::new();
    nodes(&original, String::new(), String::new(), &mut all);
    for (pointer, path) in &all {
        if path == "digest" || path.starts_with("digest.") || not_reproducible(path) {
            continue;
        }
        let (parent, last) = pointer.rsplit_once('/').unwrap();
        let mut edited = original.clone();
        match edited.pointer_mut(parent).unwrap() {
            Value::Object(map) => {
                map.remove(last);
            }
            Value::Array(items) => {
                items.remove(last.parse::<usize>().unwrap());
            }
            _ => unreachable!(),
        }
        reseal(&mut edited);
        assert!(!accepted(&edited, h.root()), "{path} removed: accepted");
    }
}

#[test]
fn the_fields_left_out_by_design_are_covered_by_the_digest_only() {
    let (h, text) = real_evidence();
    let original: Value = serde_json::from_str(&text).unwrap();
    // The repository as if checked elsewhere: the root and every path under it.
    let root = original["subject"]["root"].as_str().unwrap().to_string();
    let moved_text = text.replace(&format!("{root}/"), "/elsewhere/repo/");
    let mut moved: Value = serde_json::from_str(&moved_text).unwrap();
    moved["subject"]["root"] = json!("/elsewhere/repo");
    let edits: [(&str, Value); 6] = [
        ("/subject/root", moved["subject"]["root"].clone()),
        ("/subject/mode", json!("rev")),
        ("/subject/reference", json!("refs/heads/elsewhere")),
        ("/subject/base/reference", json!("elsewhere")),
        ("/subject/base/source", json!("GITHUB_BASE_REF")),
        ("/policy/reference", json!("elsewhere")),
    ];
    let listed: Vec<String> = edits
        .iter()
        .map(|(p, _)| p.trim_start_matches('/').replace('/', "."))
        .collect();
    assert_eq!(listed, gonogo::pipeline::verify::NOT_REPRODUCIBLE);
    for (pointer, value) in edits {
        let mut edited = if pointer == "/subject/root" {
            moved.clone()
        } else {
            original.clone()
        };
        *edited.pointer_mut(pointer).unwrap() = value;
        assert!(!accepted(&edited, h.root()), "{pointer}: stale digest");
        reseal(&mut edited);
        assert!(accepted(&edited, h.root()), "{pointer}: not left out");
    }
    // The evidence holds no other path under the root (the policy is named by repository
    // paths), so a moved root is the whole of a move.
    assert!(!text.contains(&format!("{root}/")), "{text}");
}

#[test]
fn a_copy_of_the_repository_elsewhere_verifies_with_repo() {
    let (h, text) = real_evidence();
    // A copy, .git and all (a clone would name the original as its remote, which is compared).
    let copy = h.sibling("copy");
    std::fs::create_dir_all(&copy).unwrap();
    copy_tree(h.root(), &copy);
    let file = h.sibling("evidence.json");
    std::fs::write(&file, &text).unwrap();
    let out = gonogo()
        .arg("verify")
        .arg(&file)
        .arg("--repo")
        .arg(&copy)
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_digest_itself_is_checked() {
    let (h, text) = real_evidence();
    let original: Value = serde_json::from_str(&text).unwrap();
    let mut edited = original.clone();
    edited["digest"]["value"] = json!("0".repeat(64));
    assert!(!accepted(&edited, h.root()));
    let mut missing = original.clone();
    missing.as_object_mut().unwrap().remove("digest");
    let v = gonogo::pipeline::verify::verify(&missing.to_string(), Some(h.root()), None).unwrap();
    assert!(!v.verified());
    assert!(v.differences.is_empty(), "{:?}", v.differences);
    assert!(v.digest.problem().unwrap().contains("carries no digest"));
    // Layout and key order are not content.
    let pretty: Value = serde_json::from_str(&text).unwrap();
    let compact = serde_json::to_string(&pretty).unwrap();
    assert!(
        gonogo::pipeline::verify::verify(&compact, Some(h.root()), None)
            .unwrap()
            .verified()
    );
}

/// Sets the string at `pointer` to `to`; the edited document, resealed, and the value it had.
fn edit(original: &Value, pointer: &str, to: &str) -> (Value, String) {
    let mut edited = original.clone();
    let old = edited
        .pointer(pointer)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string();
    *edited.pointer_mut(pointer).unwrap() = json!(to);
    reseal(&mut edited);
    (edited, old)
}

fn index_of(doc: &Value, id: &str) -> usize {
    doc["controls"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c["id"] == id)
        .unwrap()
}

#[test]
fn edited_titles_excerpts_waivers_tags_and_blobs_are_named_field_by_field() {
    let (h, text) = real_evidence();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let readme = index_of(&doc, "readme");
    let approvals = index_of(&doc, "approvals");
    let cases = [
        (
            format!("/controls/{readme}/title"),
            format!("controls[{readme}].title"),
        ),
        (
            format!("/controls/{approvals}/evidence/0/excerpt"),
            format!("controls[{approvals}].evidence[0].excerpt"),
        ),
        (
            "/waivers/0/approved_by".to_string(),
            "waivers[0].approved_by".to_string(),
        ),
        (
            "/waivers/0/expires".to_string(),
            "waivers[0].expires".to_string(),
        ),
        ("/subject/tag".to_string(), "subject.tag".to_string()),
        (
            format!("/controls/{readme}/evidence/0/blob"),
            format!("controls[{readme}].evidence[0].blob"),
        ),
    ];
    for (pointer, path) in cases {
        let (edited, old) = edit(&doc, &pointer, "edited");
        let lines = difference_lines(&edited, h.root());
        assert!(
            lines.contains(&format!(
                "{path}: recorded \"edited\", reproduced {}",
                json!(old)
            )),
            "{pointer}: {lines:#?}"
        );
    }
    // A waiver removed from the file is one line.
    let mut dropped = doc.clone();
    dropped["waivers"].as_array_mut().unwrap().clear();
    reseal(&mut dropped);
    let lines = difference_lines(&dropped, h.root());
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("waivers[0]: only in reproduced ({")),
        "{lines:#?}"
    );
}

#[test]
fn the_cli_prints_the_field_and_exits_1() {
    let (h, text) = real_evidence();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let readme = index_of(&doc, "readme");
    let (edited, old) = edit(&doc, &format!("/controls/{readme}/title"), "Anything goes");
    let file: PathBuf = h.sibling("edited.json");
    std::fs::write(&file, serde_json::to_string_pretty(&edited).unwrap()).unwrap();
    let out = gonogo().arg("verify").arg(&file).output().expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.starts_with("NOT reproduced: 1 difference(s)"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "  - controls[{readme}].title: recorded \"Anything goes\", reproduced \"{old}\""
        )),
        "{stdout}"
    );
    // The same edit without the digest recomputed also names the digest.
    let mut stale = edited.clone();
    stale["digest"] = doc["digest"].clone();
    std::fs::write(&file, stale.to_string()).unwrap();
    let out = gonogo().arg("verify").arg(&file).output().expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("the evidence was edited after it was written"),
        "{stdout}"
    );
}
