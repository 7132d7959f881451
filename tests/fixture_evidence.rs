//! The whole evidence of every fixture repository, kept as snapshots: a refactoring must leave
//! each one byte-identical. Each repository is checked with the embedded default playbook and
//! with every fixture playbook of its topic (`adr-*.toml` on `adr-*` repositories, …).

mod common;

use std::path::Path;

use common::*;

/// The topic of a fixture name: `adr-status` → `adr`, `ownership-github-ok` → `ownership`;
/// the scripted-history playbooks (`git-*`) go with `history-service`, the general ones
/// (`valid-*`) with `compliant`.
fn topic(name: &str) -> &str {
    match name.split('-').next().unwrap_or(name) {
        "history" | "git" => "git",
        "compliant" | "valid" => "valid",
        other => other,
    }
}

fn names(dir: &Path, suffix: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("read fixtures")
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_type()
                .map(|t| !t.is_dir() || suffix.is_empty())
                .unwrap_or(false)
        })
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(suffix))
        .collect();
    v.sort();
    v
}

/// The evidence as gonogo wrote it, with what depends on this machine replaced: the temporary
/// repository's path, the fixture playbooks' folder, and the digest (it covers the path).
fn evidence(repo: &Path, playbook: Option<&str>) -> String {
    let mut cmd = gonogo();
    cmd.arg("check").arg(repo).args(["--format", "json"]);
    if let Some(name) = playbook {
        cmd.arg("--playbook").arg(common::playbook(name));
    }
    let out = cmd.output().expect("run gonogo");
    let mut text = String::from_utf8(out.stdout).expect("UTF-8 evidence");
    // A playbook that does not load gives diagnostics instead; they are behaviour too.
    if !text.starts_with('{') {
        text = String::from_utf8_lossy(&out.stderr).into_owned();
    }
    let dir = fixtures().join("playbooks").display().to_string();
    let root = repo.canonicalize().expect("canonical repo path");
    let text = text
        .replace(&dir, "<playbooks>")
        .replace(&root.display().to_string(), "<repo>")
        .replace(&repo.display().to_string(), "<repo>");
    let digest = regex::Regex::new(r#""value": "[0-9a-f]{64}""#).expect("regex");
    let text = digest.replace_all(&text, r#""value": "<digest>""#);
    format!("exit {}\n{text}", out.status.code().unwrap_or(-1))
}

#[test]
fn every_fixture_s_evidence_is_unchanged() {
    let repos = names(&fixtures().join("repos"), "");
    let playbooks = names(&fixtures().join("playbooks"), ".toml");
    assert!(
        repos.len() > 40 && playbooks.len() > 20,
        "fixtures not found"
    );
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/fixture_evidence");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for name in &repos {
            let repo = git_repo(name);
            let mut all = format!("== preset:default\n{}", evidence(repo.path(), None));
            for book in playbooks.iter().filter(|b| topic(b) == topic(name)) {
                all.push_str(&format!(
                    "\n== {book}\n{}",
                    evidence(repo.path(), Some(book))
                ));
            }
            insta::assert_snapshot!(name.as_str(), all);
        }
    });
}

/// A preset reports each finding once: two of its controls that check the same thing would
/// count one problem twice (quality-gates' `unit-tests` next to the default's `tests-present`).
#[test]
fn no_preset_reports_one_finding_from_two_controls() {
    let mut twice = Vec::new();
    // Each preset's widest gate: `release`, or `handover` in the handover preset.
    let presets: Vec<(&str, String)> = gonogo::playbook::PRESETS
        .iter()
        .map(|(name, _)| {
            let book = gonogo::playbook::load_preset(name, &gonogo::controls::REGISTRY)
                .unwrap_or_else(|e| panic!("preset {name}: {e:?}"));
            let gate = ["release", "handover"]
                .into_iter()
                .find(|g| book.gates.iter().any(|x| x.name == *g))
                .unwrap_or_else(|| panic!("preset {name} has no release or handover gate"));
            (*name, gate.to_string())
        })
        .collect();
    for name in names(&fixtures().join("repos"), "") {
        let repo = git_repo(&name);
        for (preset, gate) in &presets {
            let mut cmd = gonogo();
            cmd.arg("check")
                .arg(repo.path())
                .args(["--format", "json", "--gate", gate, "--playbook"])
                .arg(format!("preset:{preset}"));
            let (ev, _, err) = run_json_or_null(cmd);
            assert!(ev["controls"].is_array(), "{name}, {preset}: {err}");
            let mut seen: Vec<(
                serde_json::Value,
                serde_json::Value,
                serde_json::Value,
                String,
            )> = Vec::new();
            for c in ev["controls"].as_array().into_iter().flatten() {
                for f in c["findings"].as_array().into_iter().flatten() {
                    let key = (
                        f["code"].clone(),
                        f["path"].clone(),
                        f["message"].clone(),
                        c["id"].as_str().unwrap_or_default().to_string(),
                    );
                    if let Some(other) = seen
                        .iter()
                        .find(|k| (&k.0, &k.1, &k.2) == (&key.0, &key.1, &key.2) && k.3 != key.3)
                    {
                        twice.push(format!(
                            "{name}, {preset}: {} and {}: {}",
                            other.3, key.3, key.2
                        ));
                    }
                    seen.push(key);
                }
            }
        }
    }
    assert!(
        twice.is_empty(),
        "findings reported twice:\n{}",
        twice.join("\n")
    );
}
