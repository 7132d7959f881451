//! Nothing from the repository reaches a terminal raw: file names, titles, matched lines,
//! waiver reasons and playbook lines that hold ESC, other C0/C1 controls, DEL or bidi controls
//! are shown as `\u{HEX}` in every output for people, while the JSON evidence keeps the exact
//! text. And no absolute path of the checking machine enters the evidence.

mod common;

use std::path::Path;

use common::history::{History, day};
use common::*;
use serde_json::Value;

/// A file name with a colour escape and a C0 control (the issue's example).
const ESC_NAME: &str = "src/esc\x1b[31mred\x01.env";
/// C1 CSI, DEL, a right-to-left override and an isolate in a name.
const BIDI_NAME: &str = "src/\u{202e}vne.\u{2066}exe\u{7f}\u{9b}2J.env";
/// A name that would start a new workflow command if its newline were written raw.
const NEWLINE_NAME: &str = "src/nl\n::error title=forged::forged.env";

const PLAYBOOK: &str = r#"[playbook]
name = "hostile \u001b[5m names \u202e"

[roles.board]
members = [{ name = "Ana Lima", email = "ana@example.com" }]
may-waive = ["must", "should"]

[[control]]
id = "no-env"
kind = "files"
level = "must"
title = "No env files \u001b[2J"
remediation = "Remove \u200f them \u0085"
forbid = ["**/*.env"]

[[control]]
id = "readme"
kind = "files"
level = "must"
title = "README has no TODO"
content-in = ["README.md"]
must-not-match = ["TODO.*"]

[[control]]
id = "adr"
kind = "adr"
level = "should"
title = "Architecture decisions are recorded"

[[control]]
id = "license"
kind = "files"
level = "should"
title = "A license"
require = ["LICENSE"]
"#;

const WAIVERS: &str = r#"[[waiver]]
control = "license"
reason = "later \u001b]0;title\u0007 \u202egnp.exe"
ticket = "T-1\u001b[0m"
approved-by = "Ana Lima <ana@example.com>"
created = 2026-01-01
expires = 2026-03-01
"#;

const ADR: &str = "# 1. Use \x1b[2J\u{202e}evil\u{2069}\u{ffff}\n\nDate: 2026-01-01\n\n## Status\n\nAccepted\x1b[8m\n\n## Context\n\nx\n\n## Decision\n\ny\n";

const README: &str = "# Service\n\nTODO \x1b]0;pwned\x07 \u{202e}gnp.exe \u{85} \u{61c}\u{200e}\n";

/// Whether `c` may not appear raw in output for people: C0 except TAB, LF (and CR, checked
/// separately), DEL, C1, bidi controls, line/paragraph separators, noncharacters XML forbids.
fn forbidden(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7f..=0x9f).contains(&u)
        || matches!(u, 0x61c | 0x200e | 0x200f | 0x2028..=0x202e | 0x2066..=0x2069)
        || u & 0xfffe == 0xfffe
}

/// Fails, naming the output and the place, on any raw control or bidi character (a CR only
/// before a LF, as CSV writes line ends).
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let lone_cr = *c == '\r' && chars.get(i + 1) != Some(&'\n');
        if forbidden(*c) || lone_cr {
            let around: String = chars[i.saturating_sub(40)..(i + 40).min(chars.len())]
                .iter()
                .collect();
            panic!("{what}: raw U+{:04X} in output near {around:?}", *c as u32);
        }
    }
}

/// The hostile repository, committed; `extra` files are written before the commit.
fn hostile_repo(with_names: bool) -> History {
    let mut h = History::new();
    h.write("gonogo.toml", PLAYBOOK)
        .write(".gonogo/waivers.toml", WAIVERS)
        .write("docs/adr/0001-use-evil.md", ADR)
        .write("README.md", README);
    if with_names {
        for name in [ESC_NAME, BIDI_NAME, NEWLINE_NAME] {
            h.write(name, "KEY=value\n");
        }
    } else {
        h.write("src/plain.env", "KEY=value\n");
    }
    h.commit("hostile names", day(1));
    h
}

fn run(root: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = gonogo();
    cmd.args(args).current_dir(root);
    cmd.output().expect("run gonogo")
}

fn check_to(root: &Path, format: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["check", ".", "--as-of", "2026-02-01", "-o", format];
    args.extend_from_slice(extra);
    run(root, &args)
}

fn all_strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| all_strings(x, out)),
        Value::Object(m) => m.values().for_each(|x| all_strings(x, out)),
        _ => {}
    }
}

#[test]
fn no_check_output_for_people_carries_a_raw_control_or_bidi_character() {
    let h = hostile_repo(true);
    for format in [
        "human",
        "github",
        "markdown",
        "html",
        "junit",
        "codequality",
        "sarif",
        "json",
    ] {
        let out = check_to(h.root(), format, &[]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_clean(&format!("check -o {format}"), &out.stdout);
        assert_clean(&format!("check -o {format} (stderr)"), &out.stderr);
    }
    let summary = check_to(h.root(), "markdown", &["--summary"]);
    assert_clean("check -o markdown --summary", &summary.stdout);
    // Colour on: the only escapes are gonogo's own SGR codes, none from the repository.
    let coloured = check_to(h.root(), "human", &["--color", "always"]);
    let text = String::from_utf8(coloured.stdout).expect("utf-8");
    let without_sgr = regex::Regex::new(r"\x1b\[[0-9;]*m")
        .expect("regex")
        .replace_all(&text, "");
    assert!(text.contains("\x1b[31m"), "colour was asked for: {text}");
    assert_clean(
        "check -o human --color always (gonogo's colours removed)",
        without_sgr.as_bytes(),
    );
    // The escaped form is what people see.
    let human = String::from_utf8(check_to(h.root(), "human", &[]).stdout).expect("utf-8");
    for shown in [
        "src/esc\\u{1b}[31mred\\u{1}.env",
        "src/\\u{202e}vne.\\u{2066}exe\\u{7f}\\u{9b}2J.env",
        "src/nl\\u{a}::error title=forged::forged.env",
        "No env files \\u{1b}[2J",
    ] {
        assert!(human.contains(shown), "{shown} not in {human}");
    }
}

#[test]
fn the_json_evidence_keeps_the_exact_names_and_texts() {
    let h = hostile_repo(true);
    let out = check_to(h.root(), "json", &[]);
    let ev: Value = serde_json::from_slice(&out.stdout).expect("evidence");
    let paths: Vec<String> = findings(control(&ev, "no-env"))
        .into_iter()
        .filter_map(|(_, p, _)| p)
        .collect();
    for name in [ESC_NAME, BIDI_NAME, NEWLINE_NAME] {
        assert!(paths.iter().any(|p| p == name), "{name:?} not in {paths:?}");
    }
    let mut strings = Vec::new();
    all_strings(&ev, &mut strings);
    for text in [
        "Use \x1b[2J\u{202e}evil\u{2069}\u{ffff}",
        "later \x1b]0;title\x07 \u{202e}gnp.exe",
        "No env files \x1b[2J",
    ] {
        assert!(
            strings.iter().any(|s| s.contains(text)),
            "{text:?} not in the evidence"
        );
    }
    assert!(
        strings
            .iter()
            .any(|s| s.contains("TODO \x1b]0;pwned\x07 \u{202e}gnp.exe")),
        "the README excerpt is exact"
    );
}

#[test]
fn github_annotations_cannot_be_split_or_forged() {
    let h = hostile_repo(true);
    let summary = h.sibling("step-summary.md");
    let mut cmd = gonogo();
    cmd.args(["check", ".", "--as-of", "2026-02-01", "-o", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .current_dir(h.root());
    let out = cmd.output().expect("run");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    // Every line is one of gonogo's commands: the newline in a name did not start another.
    // Each property is one of gonogo's, once: a `::` or `,` in a name did not end the list.
    for line in text.lines() {
        let rest = ["::error ", "::warning ", "::notice "]
            .iter()
            .find_map(|p| line.strip_prefix(p))
            .unwrap_or_else(|| panic!("not a command of gonogo: {line:?}"));
        let (props, _message) = rest.split_once("::").expect("properties::message");
        let mut keys: Vec<&str> = props
            .split(',')
            .map(|p| p.split('=').next().unwrap_or(""))
            .collect();
        keys.sort();
        let before = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), before, "a repeated property: {line:?}");
        assert!(
            keys.iter().all(|k| ["file", "line", "title"].contains(k)),
            "{line:?}"
        );
    }
    let no_env: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("title=no-env"))
        .collect();
    assert_eq!(no_env.len(), 3, "{text}");
    assert!(
        no_env
            .iter()
            .any(|l| l.contains("file=src/nl\\u{a}%3A%3Aerror title=forged%3A%3Aforged.env,")),
        "{text}"
    );
    assert_clean(
        "GITHUB_STEP_SUMMARY",
        &std::fs::read(&summary).expect("summary written"),
    );
}

#[test]
fn report_show_portfolio_and_diff_show_hostile_names_escaped() {
    let mut h = hostile_repo(false);
    let old = h.sibling("old.json");
    let out = check_to(h.root(), &format!("json={}", old.display()), &[]);
    assert_eq!(out.status.code(), Some(1));
    for name in [ESC_NAME, BIDI_NAME, NEWLINE_NAME] {
        h.write(name, "KEY=value\n");
    }
    h.commit("hostile names", day(2));
    let new = h.sibling("new.json");
    let out = check_to(h.root(), &format!("json={}", new.display()), &["--note"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let new_s = new.to_str().expect("utf-8 path");
    let old_s = old.to_str().expect("utf-8 path");
    for format in [
        "human",
        "github",
        "markdown",
        "html",
        "junit",
        "codequality",
        "json",
    ] {
        let out = run(h.root(), &["report", new_s, "-f", format]);
        assert_eq!(out.status.code(), Some(0), "report -f {format}");
        assert_clean(&format!("report -f {format}"), &out.stdout);
        let out = run(h.root(), &["show", "--repo", ".", "-f", format]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "show -f {format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_clean(&format!("show -f {format}"), &out.stdout);
    }
    for format in ["markdown", "html", "csv", "json"] {
        let out = run(h.root(), &["portfolio", old_s, new_s, "-f", format]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "portfolio -f {format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_clean(&format!("portfolio -f {format}"), &out.stdout);
        assert_clean(&format!("portfolio -f {format} (stderr)"), &out.stderr);
    }
    let diff = run(h.root(), &["diff", old_s, new_s]);
    let text = String::from_utf8(diff.stdout.clone()).expect("utf-8");
    assert!(text.contains("src/esc\\u{1b}[31mred\\u{1}.env"), "{text}");
    assert_clean("diff", &diff.stdout);
    let diff = run(h.root(), &["diff", old_s, new_s, "--format", "json"]);
    assert_clean("diff --format json", &diff.stdout);
    let trend: Value = serde_json::from_slice(&diff.stdout).expect("json");
    assert!(
        trend
            .to_string()
            .contains("src/esc\\u001b[31mred\\u0001.env"),
        "exact in JSON"
    );
}

#[test]
fn verify_prints_recorded_and_reproduced_values_escaped() {
    let h = hostile_repo(true);
    let file = h.sibling("evidence.json");
    check_to(h.root(), &format!("json={}", file.display()), &[]);
    let text = std::fs::read_to_string(&file).expect("evidence");
    let mut ev: Value = serde_json::from_str(&text).expect("json");
    // An edited title with an escape of its own: `verify` quotes it when it reports the change.
    ev["controls"][0]["title"] = Value::String("edited \x1b[2J\u{202e} title".into());
    std::fs::write(&file, serde_json::to_string_pretty(&ev).expect("json")).expect("write");
    let out = run(h.root(), &["verify", file.to_str().expect("utf-8")]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown = String::from_utf8(out.stdout.clone()).expect("utf-8");
    // Values are quoted as JSON strings (C0 as `\u001b`); the bidi override is escaped too.
    assert!(
        shown.contains(r#""edited \u001b[2J\u{202e} title""#),
        "{shown}"
    );
    assert_clean("verify", &out.stdout);
}

#[test]
fn diagnostics_quote_playbook_and_waiver_lines_escaped() {
    // A raw ESC inside a TOML string is a syntax error, quoted with the line that holds it.
    let h = History::new();
    h.write(
        "gonogo.toml",
        "[playbook]\nname = \"x\x1b[2J\u{202e}\"\n\n[[control]]\nid = \"r\"\nkind = \"files\"\nlevel = \"must\"\ntitle = \"t\"\nrequire = [\"README\"]\n",
    );
    let out = run(h.root(), &["check", ".", "--worktree"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr.clone()).expect("utf-8");
    assert!(
        err.contains("x\\u{1b}[2J\\u{202e}"),
        "the line is quoted, escaped: {err}"
    );
    assert_clean("a playbook syntax error", &out.stderr);
    let out = run(h.root(), &["playbook", "validate", "gonogo.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert_clean("playbook validate", &out.stderr);
    // A waiver file: an unknown key named with a bidi override and a value with a C1 control.
    let h = History::new();
    h.write("gonogo.toml", "[playbook]\nname = \"x\"\n\n[[control]]\nid = \"r\"\nkind = \"files\"\nlevel = \"must\"\ntitle = \"t\"\nrequire = [\"README\"]\n")
        .write(
            ".gonogo/waivers.toml",
            "[[waiver]]\ncontrol = \"r\"\n\"re\u{202e}ason\" = \"x\u{9b}31m\"\n",
        );
    let out = run(h.root(), &["check", ".", "--worktree"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8(out.stderr.clone()).expect("utf-8");
    assert!(err.contains("re\\u{202e}ason"), "{err}");
    assert_clean("a waiver file error", &out.stderr);
}

/// Every string of `v` (with its JSON pointer) that contains `needle`.
fn pointers_containing(v: &Value, at: &str, needle: &str, out: &mut Vec<String>) {
    match v {
        Value::String(s) if s.contains(needle) => out.push(at.to_string()),
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers_containing(x, &format!("{at}/{i}"), needle, out);
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                pointers_containing(x, &format!("{at}/{k}"), needle, out);
            }
        }
        _ => {}
    }
}

#[test]
fn no_absolute_path_of_the_checking_machine_enters_the_evidence() {
    let mut h = History::new();
    h.write(
        "gonogo.toml",
        "[playbook]\nname = \"paths\"\nextends = [\"policy/base.toml\"]\n\n[roles.board]\nmembers = [{ name = \"Ana Lima\", email = \"ana@example.com\" }]\nmay-waive = [\"must\", \"should\"]\n\n[[control]]\nid = \"readme\"\nkind = \"files\"\nlevel = \"must\"\ntitle = \"README\"\nrequire = [\"README.md\"]\n",
    )
    .write(
        "policy/base.toml",
        "[playbook]\nname = \"base\"\n\n[[control]]\nid = \"license\"\nkind = \"files\"\nlevel = \"should\"\ntitle = \"License\"\nrequire = [\"LICENSE\"]\n",
    )
    .write(".gonogo/waivers.toml", WAIVERS)
    .write("reviews.json", "[]\n");
    h.commit("policy", day(1));
    let root = h.root().to_path_buf();
    let canonical = std::fs::canonicalize(&root).expect("canonical");
    let temp = root.parent().expect("temp dir").to_path_buf();
    let temp_canonical = canonical.parent().expect("temp dir").to_path_buf();
    // A first run gives the baseline; it lies inside the repository (not committed).
    let baseline = root.join("baseline.json");
    let out = check_to(&root, &format!("json={}", baseline.display()), &[]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let abs = |p: &str| root.join(p).display().to_string();
    let runs: Vec<Vec<String>> = vec![
        vec![],
        vec!["--worktree".into()],
        // Every input named by its absolute path inside the repository.
        vec![
            "--playbook".into(),
            abs("gonogo.toml"),
            "--waivers".into(),
            abs(".gonogo/waivers.toml"),
            "--baseline".into(),
            abs("baseline.json"),
            "--approvals".into(),
            abs("reviews.json"),
        ],
        vec![
            "--worktree".into(),
            "--baseline".into(),
            "baseline.json".into(),
            "--approvals".into(),
            "reviews.json".into(),
        ],
    ];
    for extra in runs {
        let file = h.sibling("evidence.json");
        let extra_refs: Vec<&str> = extra.iter().map(String::as_str).collect();
        let out = check_to(&root, &format!("json={}", file.display()), &extra_refs);
        // NO-GO, or GO WITH CONDITIONS with the baseline: a decision, not an error.
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{extra:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let ev: Value =
            serde_json::from_str(&std::fs::read_to_string(&file).expect("evidence")).expect("json");
        let mut hits = Vec::new();
        for needle in [&temp, &temp_canonical] {
            pointers_containing(&ev, "", &needle.display().to_string(), &mut hits);
        }
        hits.sort();
        hits.dedup();
        assert_eq!(hits, vec!["/subject/root".to_string()], "{extra:?}: {ev:#}");
        assert_eq!(
            ev["playbook"]["sources"][1]["name"], "policy/base.toml",
            "{extra:?}"
        );
        assert_eq!(
            ev["waiver_file"]["name"], ".gonogo/waivers.toml",
            "{extra:?}"
        );
        if extra.iter().any(|a| a == "--baseline") {
            assert_eq!(ev["baseline"]["name"], "baseline.json", "{extra:?}");
            assert_eq!(ev["approvals_file"]["name"], "reviews.json", "{extra:?}");
        }
    }
    // `verify` finds the baseline named relative to the root again.
    let file = h.sibling("evidence.json");
    check_to(
        &root,
        &format!("json={}", file.display()),
        &["--baseline", &abs("baseline.json")],
    );
    let out = run(&temp, &["verify", file.to_str().expect("utf-8")]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn scan_and_hook_messages_show_folder_names_escaped() {
    // A scanned folder whose repository is named with an escape and a bidi override.
    let h = hostile_repo(true);
    let area = h.sibling("area");
    let name = "svc\x1b[31m\u{202e}";
    std::fs::create_dir_all(&area).expect("mkdir");
    std::fs::rename(h.root(), area.join(name)).expect("move the repository");
    let out_dir = h.sibling("scan-out");
    let out = run(
        &area,
        &[
            "scan",
            ".",
            "--out",
            out_dir.to_str().expect("utf-8"),
            "--as-of",
            "2026-02-01",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown = String::from_utf8(out.stdout.clone()).expect("utf-8");
    assert!(shown.contains("svc\\u{1b}[31m\\u{202e}"), "{shown}");
    assert_clean("scan", &out.stdout);
    assert_clean("scan (stderr)", &out.stderr);
    let portfolio = std::fs::read(out_dir.join("portfolio.md")).expect("portfolio.md");
    assert_clean("scan portfolio.md", &portfolio);

    // `hook install` names the hooks folder, which `core.hooksPath` may name oddly.
    let h = History::new();
    h.git(&["config", "core.hooksPath", "hooks\x1b]0;x\x07"]);
    let out = run(h.root(), &["hook", "install", "."]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown = String::from_utf8(out.stdout.clone()).expect("utf-8");
    assert!(shown.contains("hooks\\u{1b}]0;x\\u{7}"), "{shown}");
    assert_clean("hook install", &out.stdout);
}
