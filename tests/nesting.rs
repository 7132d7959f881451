//! Limits on nesting and size (issue 14, point 6): hostile nesting in a repository file is a
//! finding or an ERROR naming the file and line, in a playbook or waiver file exit 2 with the
//! line; never a stack overflow. `scan` isolates each repository. Every input is built here.

mod common;

use std::path::Path;

use common::history::{History, day};
use common::*;
use serde_json::Value;

/// 400 KB of nested braces: `{{{…a…}}}`.
fn braces() -> String {
    format!("{}a{}", "{".repeat(200_000), "}".repeat(200_000))
}

fn repo(files: &[(&str, &str)]) -> History {
    let mut h = History::new();
    h.write("README.md", "# Service\n");
    for (path, text) in files {
        h.write(path, text);
    }
    h.commit("Hostile input", day(0));
    h
}

/// `gonogo check` with the given playbook text as the repository's gonogo.toml.
fn check_with(h: &History, args: &[&str]) -> (Value, i32, String) {
    let mut cmd = gonogo();
    cmd.arg("check")
        .arg(h.root())
        .args(["--format", "json"])
        .args(args);
    let (ev, code, stderr) = run_json_or_null(cmd);
    assert_ne!(code, 134, "aborted (stack overflow)");
    (ev, code, stderr)
}
/// The start of a long diagnostic, for assertion messages.
fn head(text: &str) -> String {
    text.chars().take(2000).collect()
}

const README_GATE: &str = "[playbook]\nname = \"x\"\n\n[[control]]\nid = \"readme\"\nkind = \"files\"\nlevel = \"must\"\ntitle = \"A README\"\nrequire = [\"README.md\"]\n";

#[test]
fn nested_braces_in_codeowners_are_invalid_lines_not_a_crash() {
    let hostile = format!(
        "* @org/team\n/src/{} @org/team\n/docs/{} @org/team\n",
        braces(),
        "{".repeat(400_000)
    );
    let h = repo(&[
        (".github/CODEOWNERS", &hostile),
        ("src/main.rs", "fn main() {}\n"),
    ]);
    let book = playbook("ownership-default.toml");
    let (ev, code, err) = check_with(&h, &["--playbook", book.to_str().unwrap()]);
    assert!(code == 0 || code == 1, "{code}: {err}");
    let owners = control(&ev, "owners");
    let invalid: Vec<_> = findings(owners)
        .into_iter()
        .filter(|f| f.0 == "ownership/invalid-line")
        .collect();
    assert_eq!(
        invalid,
        [
            (
                "ownership/invalid-line".to_string(),
                Some(".github/CODEOWNERS".to_string()),
                Some(2)
            ),
            (
                "ownership/invalid-line".to_string(),
                Some(".github/CODEOWNERS".to_string()),
                Some(3)
            ),
        ],
        "{owners:#}"
    );
    // The finding names the pattern, it does not repeat 400 KB of it.
    for f in owners["findings"].as_array().unwrap() {
        assert!(f["message"].as_str().unwrap().len() < 400, "{f}");
    }
}

#[test]
fn nested_braces_in_a_playbook_glob_are_exit_2_naming_the_line() {
    let book = format!(
        "{README_GATE}\n[[control]]\nid = \"docs\"\nkind = \"files\"\nlevel = \"should\"\ntitle = \"Docs\"\nrequire = [\"{}\"]\n",
        braces()
    );
    let h = repo(&[("gonogo.toml", &book)]);
    let (_, code, err) = check_with(&h, &[]);
    assert_eq!(code, 2, "{}", head(&err));
    assert!(err.contains("playbook::invalid-glob"), "{}", head(&err));
    assert!(err.contains("gonogo.toml:16:"), "{}", head(&err));
    assert!(err.contains("at most 4096 are allowed"), "{}", head(&err));

    // A tag pattern is a glob too; short but nested too deep.
    let book = format!(
        "{README_GATE}\n[[control]]\nid = \"release\"\nkind = \"release\"\nlevel = \"should\"\ntitle = \"Changelog\"\nchangelog = \"CHANGELOG.md\"\ntag-pattern = \"v{}1{}\"\n",
        "{".repeat(11),
        "}".repeat(11)
    );
    let h = repo(&[("gonogo.toml", &book)]);
    let (_, code, err) = check_with(&h, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("playbook::invalid-glob")
            && err.contains("gonogo.toml:17:")
            && err.contains("nest more than 10 deep"),
        "{}",
        head(&err)
    );
}

#[test]
fn nested_braces_in_a_waiver_path_are_exit_2_naming_the_line() {
    let book = format!(
        "{README_GATE}\n[roles.lead]\nmembers = [{{ name = \"Ana Lima\", email = \"ana@example.com\" }}]\nmay-waive = [\"must\"]\n"
    );
    let waivers = format!(
        "[[waiver]]\ncontrol = \"readme\"\npath = \"{}\"\nreason = \"Hostile\"\nticket = \"T-1\"\napproved-by = \"Ana Lima <ana@example.com>\"\ncreated = 2026-01-01\nexpires = 2026-02-01\n",
        braces()
    );
    let h = repo(&[("gonogo.toml", &book), (".gonogo/waivers.toml", &waivers)]);
    let (_, code, err) = check_with(&h, &[]);
    assert_eq!(code, 2, "{}", head(&err));
    assert!(
        err.contains("playbook::invalid-glob") && err.contains("waivers.toml:3:"),
        "{}",
        head(&err)
    );
}

#[test]
fn deeply_nested_toml_in_a_playbook_or_waiver_file_is_exit_2_naming_the_line() {
    let nested = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    let book = format!("[playbook]\nname = \"x\"\nextra = {nested}\n");
    let h = repo(&[("gonogo.toml", &book)]);
    let (_, code, err) = check_with(&h, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("playbook::syntax") && err.contains("gonogo.toml:3:"),
        "{}",
        head(&err)
    );
    // Inline tables as well, in the waiver file.
    let inline = format!("{}1{}", "{ a = ".repeat(100_000), " }".repeat(100_000));
    let waivers = format!("[[waiver]]\ncontrol = \"readme\"\nreason = {inline}\n");
    let h = repo(&[
        ("gonogo.toml", README_GATE),
        (".gonogo/waivers.toml", &waivers),
    ]);
    let (_, code, err) = check_with(&h, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("waivers.toml:3:"), "{}", head(&err));
}

const ADR_BOOK: &str = "[playbook]\nname = \"adr\"\n\n[[control]]\nid = \"adr\"\nkind = \"adr\"\nlevel = \"must\"\ntitle = \"Decisions are recorded\"\n";

fn adr(text: &str) -> (Value, i32) {
    let h = repo(&[
        ("gonogo.toml", ADR_BOOK),
        (
            "docs/adr/0001-record-decisions.md",
            "# 1. Record decisions\n\nStatus: accepted\n\nDate: 2025-12-01\n\n## Context\n\nx\n\n## Decision\n\nx\n\n## Consequences\n\nx\n",
        ),
        ("docs/adr/0002-hostile.md", text),
    ]);
    let (ev, code, err) = check_with(&h, &[]);
    assert_ne!(ev, Value::Null, "{err}");
    (ev, code)
}

#[test]
fn deeply_nested_markdown_in_an_adr_or_a_runbook_is_an_error_naming_the_line() {
    let head = "# 2. Hostile\n\nStatus: accepted\n\n";
    for (body, line) in [
        (">".repeat(400_000), 5),
        // `+ + + x`: a list in a list in a list (`- - -` would be a rule).
        ("+ ".repeat(200_000), 5),
        // One list per line, each inside the item above: the 101st starts 100 lines down.
        (
            (0..150)
                .map(|i| format!("{}- x\n", "  ".repeat(i)))
                .collect::<String>(),
            105,
        ),
    ] {
        let (ev, code) = adr(&format!("{head}{body}\n"));
        let c = control(&ev, "adr");
        assert_eq!(c["status"], "ERROR", "{c:#}");
        assert_eq!(code, 2, "an ERROR must or should result exits 2");
        let reason = c["reason"].as_str().unwrap_or_default();
        assert!(
            reason.contains(&format!("docs/adr/0002-hostile.md line {line}:"))
                && reason.contains("more than 100 levels"),
            "{reason}"
        );
    }

    let book = "[playbook]\nname = \"rb\"\n\n[[control]]\nid = \"runbooks\"\nkind = \"runbook\"\nlevel = \"must\"\ntitle = \"Runbooks\"\npaths = [\"docs/runbooks/*.md\"]\nrequired-sections = [\"Rollback\"]\n";
    let runbook = format!(
        "---\nowner: ana@example.com\n---\n# Runbook\n\n## Rollback\n\n{}x\n",
        "1. ".repeat(200_000)
    );
    let h = repo(&[("gonogo.toml", book), ("docs/runbooks/api.md", &runbook)]);
    let (ev, _, err) = check_with(&h, &[]);
    let c = control(&ev, "runbooks");
    assert_eq!(c["status"], "ERROR", "{c:#} {err}");
    let reason = c["reason"].as_str().unwrap_or_default();
    assert!(reason.contains("docs/runbooks/api.md line 8"), "{reason}");
}

#[test]
fn deeply_nested_yaml_front_matter_is_invalid_front_matter_with_its_line() {
    let flow = format!(
        "---\nstatus: accepted\ntags: {}{}\n---\n# 2. Hostile\n",
        "[".repeat(200_000),
        "]".repeat(200_000)
    );
    // 1,200 mappings, each one space deeper (720 KB): past the limit of 64.
    let block: String = (0..1200)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    let block = format!("---\nstatus: accepted\nnested:\n{block}---\n# 2. Hostile\n");
    for (text, line, ours) in [(flow, 3, false), (block, 3, true)] {
        let (ev, _) = adr(&text);
        let hits: Vec<_> = findings(control(&ev, "adr"))
            .into_iter()
            .filter(|f| f.0 == "adr/invalid-front-matter")
            .collect();
        assert_eq!(hits.len(), 1, "{ev:#}");
        assert_eq!(hits[0].1.as_deref(), Some("docs/adr/0002-hostile.md"));
        // The line where the nesting passes the limit, at or after the key that starts it.
        assert!(hits[0].2.is_some_and(|l| l >= line), "{hits:?}");
        let c = control(&ev, "adr");
        let message = c["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == "adr/invalid-front-matter")
            .unwrap()["message"]
            .as_str()
            .unwrap()
            .to_string();
        // The limit here, or yaml-rust2's own for flow collections: an error either way.
        assert!(
            message.contains("nested more than 64")
                || (!ours && message.contains("recursion limit")),
            "{message}"
        );
    }
}

fn scan(root: &Path, out: &Path, env: &[(&str, &str)]) -> (String, String, i32) {
    let mut cmd = gonogo();
    cmd.arg("scan").arg(root).arg("--out").arg(out);
    for (k, v) in env {
        cmd.env(k, v);
    }
    run_text(cmd)
}
#[test]
fn scan_checks_a_hostile_repository_and_survives_one_that_panics() {
    let root = tempfile::TempDir::new().unwrap();
    let out = tempfile::TempDir::new().unwrap();
    let good = root.path().join("good");
    std::fs::create_dir_all(&good).unwrap();
    copy_tree(&fixtures().join("repos/compliant"), &good);
    snapshot(&good, "Initial commit");
    let hostile = root.path().join("hostile");
    std::fs::create_dir_all(hostile.join(".github")).unwrap();
    copy_tree(&fixtures().join("repos/compliant"), &hostile);
    std::fs::write(
        hostile.join(".github/CODEOWNERS"),
        format!("* @org/team\n/src/{} @org/team\n", braces()),
    )
    .unwrap();
    std::fs::write(
        hostile.join("gonogo.toml"),
        "[playbook]\nname = \"h\"\n\n[[control]]\nid = \"owners\"\nkind = \"ownership\"\nlevel = \"must\"\ntitle = \"CODEOWNERS\"\n",
    )
    .unwrap();
    snapshot(&hostile, "Initial commit");

    let (stdout, stderr, code) = scan(root.path(), out.path(), &[]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stdout.contains("NO-GO") && stdout.contains("hostile"),
        "{stdout}"
    );
    let ev: Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("hostile.json")).unwrap())
            .unwrap();
    assert!(
        codes(control(&ev, "owners")).contains(&"ownership/invalid-line".to_string()),
        "{ev:#}"
    );
    assert!(out.path().join("good.json").is_file());

    // A repository whose check panics is reported with its message; the others go on.
    let out = tempfile::TempDir::new().unwrap();
    let (stdout, stderr, code) = scan(
        root.path(),
        out.path(),
        &[("GONOGO_INTERNAL_SCAN_PANIC_TEST", "hostile")],
    );
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        stdout.contains("NOT CHECKED") && stdout.contains("hostile"),
        "{stdout}"
    );
    assert!(
        stderr.contains("hostile could not be checked")
            && stderr.contains("panic requested by GONOGO_INTERNAL_SCAN_PANIC_TEST"),
        "{stderr}"
    );
    assert!(out.path().join("good.json").is_file());
    assert!(!out.path().join("hostile.json").exists());
    let portfolio: Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("portfolio.json")).unwrap())
            .unwrap();
    assert!(
        portfolio.to_string().contains("internal error"),
        "{portfolio:#}"
    );
}

/// A commit whose tree is `levels` folders, each holding `fanout` names for the same subtree
/// (fanout 1: a chain of folders `a/a/a/…`; fanout 2: a "tree bomb" listing 2^levels paths).
fn crafted_tree(levels: usize, fanout: usize) -> History {
    let h = repo(&[]);
    let repo = open_repo(h.root());
    let blob = repo.blob(b"x\n").unwrap();
    let mut b = repo.treebuilder(None).unwrap();
    b.insert("f.txt", blob, 0o100644).unwrap();
    let mut tree = b.write().unwrap();
    for _ in 0..levels {
        let mut b = repo.treebuilder(None).unwrap();
        for n in 0..fanout {
            b.insert(format!("d{n}"), tree, 0o040000).unwrap();
        }
        tree = b.write().unwrap();
    }
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    let mut b = repo.treebuilder(Some(&head.tree().unwrap())).unwrap();
    b.insert("deep", tree, 0o040000).unwrap();
    let tree = repo.find_tree(b.write().unwrap()).unwrap();
    let sig = fixture_signature(FIXTURE_TIME);
    repo.commit(Some("HEAD"), &sig, &sig, "Crafted tree", &tree, &[&head])
        .unwrap();
    h
}

#[test]
fn a_tree_nested_deeper_than_git_allows_or_a_tree_bomb_is_exit_2() {
    let h = crafted_tree(5000, 1);
    let (_, code, err) = check_with(&h, &[]);
    assert_eq!(code, 2, "{}", head(&err));
    assert!(
        err.contains("nests folders more than 4096 deep") && err.contains("`deep/d0/"),
        "{}",
        head(&err)
    );
    // 2^23 files below `deep/`: refused at 5,000,000 entries, before listing them all.
    let h = crafted_tree(23, 2);
    let (_, code, err) = check_with(&h, &[]);
    assert_eq!(code, 2, "{}", head(&err));
    assert!(err.contains("more than 5000000 entries"), "{}", head(&err));
}
