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
