//! Playbook and waiver abuse: pathological regexes, paths out of the repository, cycles,
//! huge playbooks — each a diagnostic or a clear refusal, never a hang or a crash.

mod common;

use common::*;
use predicates::prelude::*;

fn load(text: &str) -> Result<gonogo::playbook::Playbook, gonogo::playbook::PlaybookError> {
    gonogo::playbook::load::load_text(
        "abuse.toml".into(),
        text.into(),
        "abuse".into(),
        &gonogo::controls::REGISTRY,
    )
}

fn codes_of(err: &gonogo::playbook::PlaybookError) -> Vec<&'static str> {
    err.diagnostics.iter().map(|d| d.code_str()).collect()
}

const HEAD: &str = "[playbook]\nname = \"abuse\"\n\n";

#[test]
fn pathological_regexes_are_diagnostics() {
    let huge = format!(
        "{HEAD}[[control]]\nid = \"x\"\nkind = \"files\"\nlevel = \"must\"\ntitle = \"x\"\ncontent-in = [\"*\"]\nmust-match = ['(\\w{{100}}){{100}}', '{}', 'a{{100000}}']\n",
        "a|".repeat(3000)
    );
    let err = load(&huge).expect_err("refused");
    assert_eq!(codes_of(&err), ["playbook::invalid-regex"; 3]);
    let messages: Vec<&str> = err.diagnostics.iter().map(|d| d.message()).collect();
    assert!(
        messages.iter().any(|m| m.contains("1 MiB limit")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("bytes long")),
        "{messages:?}"
    );
}

#[test]
fn paths_outside_the_repository_are_rejected() {
    let text = format!(
        "{HEAD}[[control]]\nid = \"x\"\nkind = \"files\"\nlevel = \"must\"\ntitle = \"x\"\nrequire = [\"/etc/passwd\", \"../secrets/*\", \"docs/../../x\", \"C:/windows\"]\n\n[[control]]\nid = \"y\"\nkind = \"release\"\nlevel = \"must\"\ntitle = \"y\"\nchangelog = \"../CHANGELOG.md\"\n\n[waivers]\nfile = \"/tmp/waivers.toml\"\n"
    );
    let err = load(&text).expect_err("refused");
    assert_eq!(codes_of(&err), ["playbook::path-outside-repository"; 6]);
}

#[test]
fn ten_thousand_controls_load_and_run() {
    let mut text = String::from(HEAD);
    for i in 0..10_000 {
        text.push_str(&format!(
            "[[control]]\nid = \"c{i}\"\nkind = \"files\"\nlevel = \"may\"\ntitle = \"control {i}\"\nrequire = [\"file-{i}.txt\"]\n\n"
        ));
    }
    let pb = load(&text).expect("valid");
    assert_eq!(pb.controls.len(), 10_000);
    let dir = tempfile::TempDir::new().expect("tmp");
    let path = dir.path().join("big.toml");
    std::fs::write(&path, &text).expect("write");
    let repo = git_repo("compliant");
    let (ev, code) = check_json(repo.path(), &["--playbook", path.to_str().expect("utf8")]);
    assert_eq!(code, 0, "may controls never decide");
    assert_eq!(ev["controls"].as_array().map(Vec::len), Some(10_000));
}

#[test]
fn oversized_playbooks_and_waiver_files_are_refused() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let path = dir.path().join("huge.toml");
    let f = std::fs::File::create(&path).expect("create");
    f.set_len(100 << 20).expect("100 MB");
    gonogo()
        .args(["playbook", "validate"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("104857600 bytes").and(predicate::str::contains("refused")),
        );
    let repo = git_repo("compliant");
    let waivers = dir.path().join("waivers.toml");
    std::fs::File::create(&waivers)
        .expect("create")
        .set_len(100 << 20)
        .expect("100 MB");
    gonogo()
        .arg("check")
        .arg(repo.path())
        .arg("--waivers")
        .arg(&waivers)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("waivers.toml is 104857600 bytes")
                .and(predicate::str::contains("refused")),
        );
}

#[test]
fn non_utf8_and_binary_playbooks_are_clear_errors() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let path = dir.path().join("binary.toml");
    std::fs::write(&path, b"[playbook]\nname = \"\xff\xfe\"\n").expect("write");
    gonogo()
        .args(["playbook", "validate"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not UTF-8"));
    let err = load("[playbook]\nname = \"a\0b\"\n\u{0}\n").expect_err("invalid");
    assert!(!err.diagnostics.is_empty());
}

#[test]
fn extends_cycles_of_any_length_stop() {
    let dir = tempfile::TempDir::new().expect("tmp");
    for (me, next) in [("a", "b"), ("b", "c"), ("c", "a")] {
        std::fs::write(
            dir.path().join(format!("{me}.toml")),
            format!("[playbook]\nname = \"{me}\"\nextends = [\"{next}.toml\"]\n"),
        )
        .expect("write");
    }
    std::fs::write(
        dir.path().join("self.toml"),
        "[playbook]\nextends = [\"self.toml\"]\n",
    )
    .expect("write");
    for start in ["a.toml", "self.toml"] {
        let err = gonogo::playbook::load_file(&dir.path().join(start), &gonogo::controls::REGISTRY)
            .expect_err("cycle");
        assert_eq!(codes_of(&err), ["playbook::extends-cycle"], "{start}");
    }
}

#[test]
fn ids_of_builtin_results_are_reserved() {
    let text = format!(
        "{HEAD}[[control]]\nid = \"approvals\"\nkind = \"files\"\nlevel = \"may\"\ntitle = \"x\"\nrequire = [\"x\"]\n"
    );
    let err = load(&text).expect_err("reserved");
    assert_eq!(codes_of(&err), ["playbook::invalid-id"]);
    assert!(err.diagnostics[0].message().contains("reserved"));
}
