//! Every fixture repository checked with `--lang de`, in the human and the Markdown format: no
//! English sentence may show (issue 17). English is found by a small list of English words that
//! never occur in German text; code spans, paths and ids are left out of the search, since they
//! are the repository's and the playbook's own words.
//!
//! What still leaks and is being translated elsewhere is listed in `KNOWN_LEAKS`, one line each,
//! so that the test catches every new leak while those are open.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

/// English words and phrases that do not occur in German sentences (with their spaces, so that
/// `Ordnerstruktur` does not hit ` or `).
const ENGLISH: &[&str] = &[
    " the ",
    "The ",
    " is ",
    " are ",
    " were ",
    " has ",
    " have ",
    " has no ",
    " does not ",
    " do not ",
    " cannot ",
    " must ",
    " should ",
    "missing",
    " not ",
    " no ",
    "No ",
    " which ",
    " with ",
    " without ",
    " and ",
    " or ",
    " of ",
    " for ",
    " found",
    " matches ",
    " required",
    " expected",
    " needs ",
    " yet",
];

/// English terms German texts use as they are.
const TERMS: &[&str] = &["Definition of Done", "Quality Gate", "Front Matter"];

/// How a known leak is matched.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Known {
    /// A text taken out of the line; the rest of the line is still checked.
    Text,
    /// Any line holding this (a finding code, a prefix) is passed over whole.
    Line,
}

/// Known English in German output, translated elsewhere or not yet: (what, how, why). Remove
/// an entry when its text is translated; the test then keeps it from coming back.
const KNOWN_LEAKS: &[(&str, Known, &str)] = &[];

/// The topic of a fixture name, as in `fixture_evidence.rs`: which fixture playbooks go with it.
fn topic(name: &str) -> &str {
    match name.split('-').next().unwrap_or(name) {
        "history" | "git" => "git",
        "compliant" | "valid" => "valid",
        other => other,
    }
}

fn names(dir: &Path, want_dirs: bool) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("read fixtures")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir() == want_dirs))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| want_dirs || n.ends_with(".toml"))
        .collect();
    v.sort();
    v
}

/// A line without its code spans (`…`), links' targets, URLs and path-like words: what is left
/// are the words gonogo wrote.
fn prose(line: &str) -> String {
    let mut out = String::new();
    let line = line.replace(['(', ')', ',', ';', ':', '"'], " ");
    for (i, part) in line.split('`').enumerate() {
        if i % 2 == 0 {
            out.push_str(part);
        } else {
            out.push_str(" · ");
        }
    }
    let out: Vec<&str> = out
        .split(' ')
        .map(|w| {
            if w.contains('/') || w.contains("://") || w.contains('_') {
                "·"
            } else {
                w
            }
        })
        .collect();
    format!(" {} ", out.join(" "))
}

/// The English words a line of German output holds, after the known leaks and the texts of
/// the checked repository and playbook (`own`) are taken out.
fn english_in(line: &str, own: &[String]) -> Vec<&'static str> {
    if KNOWN_LEAKS
        .iter()
        .any(|(what, how, _)| *how == Known::Line && line.contains(what))
    {
        return Vec::new();
    }
    let mut line = line.to_string();
    // Longest first, so that a title is taken out before a word of it.
    let mut texts: Vec<&str> = own.iter().map(String::as_str).collect();
    texts.extend(
        KNOWN_LEAKS
            .iter()
            .filter(|(_, how, _)| *how == Known::Text)
            .map(|(what, _, _)| *what),
    );
    texts.extend(TERMS);
    texts.sort_by_key(|t| std::cmp::Reverse(t.len()));
    for text in texts.into_iter().filter(|t| t.len() > 2) {
        line = line.replace(text, " · ");
        // Markdown escapes some characters of the texts it quotes.
        line = line.replace(&markdown_escaped(text), " · ");
    }
    let text = prose(&line);
    ENGLISH
        .iter()
        .copied()
        .filter(|w| text.contains(w))
        .collect()
}

/// `text` as the Markdown report writes it inside a sentence.
fn markdown_escaped(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if matches!(c, '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out.replace('&', "&amp;")
}

/// The texts of the repository and of a fixture playbook in the evidence: control titles,
/// rationales and remediations a fixture playbook defines, its name and gate, the records,
/// risks and roles read. A preset's own texts are not among them: they must read German.
fn own_texts(evidence: &serde_json::Value) -> Vec<String> {
    fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
            serde_json::Value::Object(o) => o.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    let from_fixture =
        |at: &serde_json::Value| !at.as_str().unwrap_or("preset:").starts_with("preset:");
    for c in evidence["controls"].as_array().into_iter().flatten() {
        if from_fixture(&c["defined_at"]) {
            for field in ["id", "title", "rationale", "remediation"] {
                strings(&c[field], &mut out);
            }
        }
        strings(&c["records"], &mut out);
        // The risk register's own words: titles, owners, mitigations as the team wrote them.
        strings(&c["risks"]["risks"], &mut out);
    }
    let book = &evidence["playbook"];
    if from_fixture(&book["path"]) {
        for field in ["name", "description", "roles"] {
            strings(&book[field], &mut out);
        }
        strings(&evidence["gate"]["description"], &mut out);
    }
    out
}

/// The German human and Markdown output of one check, (format, text), and the texts of the
/// repository and the playbook it shows.
fn german(repo: &Path, playbook: Option<&str>) -> (Vec<(&'static str, String)>, Vec<String>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let md = dir.path().join("report.md");
    let json = dir.path().join("evidence.json");
    let mut cmd = gonogo();
    cmd.arg("check")
        .arg(repo)
        .args(["--lang", "de", "-o", "human", "-o"])
        .arg(format!("markdown={}", md.display()))
        .arg("-o")
        .arg(format!("json={}", json.display()));
    if let Some(name) = playbook {
        cmd.arg("--playbook").arg(common::playbook(name));
    }
    let out = cmd.output().expect("run gonogo");
    let human = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let markdown = std::fs::read_to_string(&md).unwrap_or_default();
    let own = std::fs::read_to_string(&json)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .map(|e| own_texts(&e))
        .unwrap_or_default();
    (vec![("human", human), ("markdown", markdown)], own)
}

#[test]
fn every_fixture_reads_german() {
    let repos = names(&fixtures().join("repos"), true);
    let playbooks = names(&fixtures().join("playbooks"), false);
    assert!(repos.len() > 40, "fixtures not found");
    // English line → where it showed first, and how often.
    let mut leaks: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for name in &repos {
        let repo = git_repo(name);
        let books = std::iter::once(None).chain(
            playbooks
                .iter()
                .filter(|b| topic(b) == topic(name))
                .map(|b| Some(b.as_str())),
        );
        for book in books {
            let (outputs, own) = german(repo.path(), book);
            for (format, text) in outputs {
                for line in text.lines() {
                    let words = english_in(line, &own);
                    if words.is_empty() {
                        continue;
                    }
                    let place = format!(
                        "{name} ({}, {format}) [{}]",
                        book.unwrap_or("preset:default"),
                        words.join("|")
                    );
                    leaks.entry(line.trim().to_string()).or_insert((place, 0)).1 += 1;
                }
            }
        }
    }
    let report: Vec<String> = leaks
        .iter()
        .map(|(line, (place, n))| format!("{place} ×{n}\n    {line}"))
        .collect();
    assert!(
        report.is_empty(),
        "{} English line(s) in German output:\n{}",
        report.len(),
        report.join("\n")
    );
}

#[test]
fn the_word_list_finds_english_and_spares_german_and_code() {
    let own = ["Tests are present".to_string()];
    assert!(!english_in("no file matches `LICENSE`", &[]).is_empty());
    assert!(english_in("keine Datei passt auf `the file is missing`", &[]).is_empty());
    assert!(english_in("docs/the_and_or/README.md: Abschnitt fehlt", &[]).is_empty());
    assert!(english_in("Ordnerstruktur und Nachweise oder Freigabe", &[]).is_empty());
    assert!(english_in("NICHT ERFÜLLT tests (muss, Tests are present)", &own).is_empty());
    assert!(!english_in("Tests are present; the file is missing", &own).is_empty());
}

/// HTML as the text a reader sees: scripts and styles out, tags as spaces, entities read.
fn visible_text(html: &str) -> String {
    let mut text = html.to_string();
    for (open, close) in [("<script", "</script>"), ("<style", "</style>")] {
        while let Some(start) = text.find(open) {
            let end = text[start..]
                .find(close)
                .map_or(text.len(), |e| start + e + close.len());
            text.replace_range(start..end, " ");
        }
    }
    let tags = regex::Regex::new(r"<[^>]*>").expect("regex");
    tags.replace_all(&text, " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
}

/// The lines of `text` with English words, each with the words and where it showed.
fn english_lines(place: &str, text: &str, own: &[String]) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let words = english_in(line, own);
            (!words.is_empty())
                .then(|| format!("{place} [{}]\n    {}", words.join("|"), line.trim()))
        })
        .collect()
}

/// `gonogo ARGS --lang de` in `dir`: standard output and error together.
fn german_run(dir: &Path, args: &[&str]) -> String {
    let mut cmd = gonogo();
    cmd.current_dir(dir).args(args).args(["--lang", "de"]);
    let (out, err, _) = run_text(cmd);
    format!("{out}{err}")
}

/// `scan`, `portfolio` (Markdown and HTML), `check --explain` and `-v`, `hook install` and
/// `uninstall` with the hook they write, `playbook validate` and `controls`, all with
/// `--lang de`: no English sentence (issue 17).
#[test]
fn the_other_commands_read_german() {
    let root = tempfile::tempdir().expect("tempdir");
    let fleet = root.path().join("fleet");
    for (name, tree) in [
        ("ok", "compliant"),
        ("cond", "conditions"),
        ("bad", "missing-must"),
        ("adr", "adr-nygard"),
    ] {
        let dir = fleet.join(name);
        std::fs::create_dir_all(&dir).expect("mkdir");
        copy_tree(&fixtures().join("repos").join(tree), &dir);
        snapshot(&dir, "Initial commit");
    }
    let out = root.path().join("out");
    let out_arg = out.display().to_string();
    let mut texts: Vec<(String, String)> = Vec::new();
    texts.push((
        "scan".into(),
        german_run(root.path(), &["scan", "fleet", "--out", &out_arg]),
    ));
    let mut own = Vec::new();
    for name in ["ok", "cond", "bad", "adr"] {
        let evidence = read_json(&out.join(format!("{name}.json")));
        own.extend(own_texts(&evidence));
    }
    texts.push((
        "scan: portfolio.md".into(),
        std::fs::read_to_string(out.join("portfolio.md")).expect("portfolio.md"),
    ));
    texts.push((
        "portfolio markdown".into(),
        german_run(root.path(), &["portfolio", &out_arg]),
    ));
    texts.push((
        "portfolio html".into(),
        visible_text(&german_run(
            root.path(),
            &["portfolio", &out_arg, "--format", "html"],
        )),
    ));
    for args in [
        &[
            "check",
            "--quiet",
            "--explain",
            "readme",
            "--explain",
            "license",
        ][..],
        &["check", "--quiet", "-v"][..],
    ] {
        for name in ["bad", "adr"] {
            texts.push((
                format!("{} in {name}", args.join(" ")),
                german_run(&fleet.join(name), args),
            ));
        }
    }
    let repo = fleet.join("ok");
    texts.push((
        "hook install".into(),
        german_run(&repo, &["hook", "install"]),
    ));
    let hook = std::fs::read_to_string(repo.join(".git/hooks/pre-commit")).expect("hook");
    // Installed with `--lang de`, the hook's check speaks German too.
    assert!(hook.contains("--lang de\n"), "{hook}");
    // The script's comments and echo lines: what a person reads of it.
    let said: String = hook
        .lines()
        .filter(|l| l.starts_with('#') || l.trim_start().starts_with("echo"))
        .map(|l| format!("{l}\n"))
        .collect();
    texts.push(("the hook".into(), said));
    texts.push((
        "hook install again".into(),
        german_run(&repo, &["hook", "install"]),
    ));
    texts.push((
        "hook uninstall".into(),
        german_run(&repo, &["hook", "uninstall"]),
    ));
    texts.push((
        "hook uninstall again".into(),
        german_run(&repo, &["hook", "uninstall"]),
    ));
    texts.push((
        "playbook validate".into(),
        german_run(&repo, &["playbook", "validate"]),
    ));
    // `controls`: a parameter's line starts with its name, which is the playbook's key.
    let controls: String = german_run(&repo, &["controls"])
        .lines()
        .map(|l| match l.strip_prefix("    ") {
            Some(rest) if !rest.starts_with(' ') => {
                format!("    {}\n", rest.split_once(' ').map_or("", |(_, r)| r))
            }
            _ => format!("{l}\n"),
        })
        .collect();
    texts.push(("controls".into(), controls));
    for (place, text) in &texts {
        assert!(!text.trim().is_empty(), "{place}: no output");
    }
    let leaks: Vec<String> = texts
        .iter()
        .flat_map(|(place, text)| english_lines(place, text, &own))
        .collect();
    assert!(
        leaks.is_empty(),
        "{} English line(s) in German output:\n{}",
        leaks.len(),
        leaks.join("\n")
    );
}

/// `--help` in German: with GONOGO_LANG, with the locale, with `--lang de` before clap parses;
/// English without them.
#[test]
fn help_reads_german_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let help = |env: &[(&str, &str)], args: &[&str]| {
        let mut cmd = gonogo();
        cmd.current_dir(dir.path()).args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        run_text(cmd).0
    };
    for text in [
        help(&[("GONOGO_LANG", "de")], &["check", "--help"]),
        help(&[("LANG", "de_DE.UTF-8")], &["check", "--help"]),
        help(&[], &["check", "--lang", "de", "--help"]),
    ] {
        assert!(text.contains("Quality Gate entscheiden"), "{text}");
        for heading in ["Aufruf:", "Argumente:", "Optionen:", "Beispiele:"] {
            assert!(text.contains(heading), "{heading}:\n{text}");
        }
        assert!(
            !text.contains("Usage:") && !text.contains("Options:"),
            "{text}"
        );
    }
    let english = help(&[], &["check", "--help"]);
    assert!(english.contains("Usage:") && english.contains("decide the gate"));
    // Every command's help: German words only, but for code spans, names and paths.
    for args in [
        &["--help"][..],
        &["scan", "--help"][..],
        &["portfolio", "--help"][..],
        &["hook", "install", "--help"][..],
        &["playbook", "--help"][..],
        &["controls", "--help"][..],
    ] {
        let text = help(&[("GONOGO_LANG", "de")], args);
        assert!(text.contains("Aufruf:"), "{args:?}:\n{text}");
        let leaks = english_lines(&args.join(" "), &text, &[]);
        assert!(leaks.is_empty(), "{}", leaks.join("\n"));
    }
}
