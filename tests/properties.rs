//! Properties: pattern normalisation never lets a path escape, and evidence does not depend on
//! the order in which a repository's files were written.

mod common;

use common::*;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// A pattern is either rejected as leaving the repository, or compiles to a glob that never
    /// matches a path outside it.
    #[test]
    fn patterns_never_escape(segments in prop::collection::vec("(\\.\\.|\\.|[a-z]{1,3}|\\*|\\*\\*|/)", 1..6)) {
        let pattern = segments.join("/");
        let escape = gonogo::playbook::compile::path_escape(&pattern);
        if escape.is_none() {
            prop_assert!(!pattern.starts_with('/'));
            prop_assert!(!pattern.split('/').any(|p| p == ".."));
        } else {
            prop_assert!(pattern.starts_with('/') || pattern.split('/').any(|p| p == ".."));
        }
    }

    /// CODEOWNERS pattern translation never panics and yields globs that compile.
    #[test]
    fn codeowners_patterns_translate_to_valid_globs(pattern in "[/!#*?a-zA-Z0-9._\\[\\]{}\\\\ -]{0,24}") {
        if let Ok(globs) = gonogo::controls::codeowners::translate(&pattern) {
            for g in globs {
                prop_assert!(globset::Glob::new(&g).is_ok(), "{} → {}", pattern, g);
            }
        }
    }
}

/// The same files written in any order give byte-identical evidence (commit time and identity
/// are fixed by the fixture helper).
#[test]
fn evidence_is_independent_of_write_order() {
    let files: Vec<(&str, &str)> = vec![
        ("README.md", "# Shop\n\nContact: team@example.com\n"),
        ("LICENSE", "MIT\n"),
        ("SECURITY.md", "Report to security@example.com\n"),
        (".github/CODEOWNERS", "* @example/team\n"),
        (
            "docs/adr/0001-record.md",
            "# 1. Record\n\nDate: 2025-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n\n## Decision\n\ny\n",
        ),
        (
            "docs/adr/0002-second.md",
            "# 2. Second\n\nDate: 2025-02-01\n\n## Status\n\nProposed\n\n## Context\n\nx\n\n## Decision\n\ny\n",
        ),
        ("pyproject.toml", "[project]\nname = \"x\"\n"),
        ("src/x/__init__.py", "X = 1\n"),
        ("tests/test_x.py", "def test(): pass\n"),
    ];
    let mut outputs = Vec::new();
    let mut order: Vec<usize> = (0..files.len()).collect();
    for round in 0..4 {
        // A different, deterministic shuffle each round.
        order.rotate_left(round + 1);
        order.swap(0, files.len() - 1 - round);
        let dir = tempfile::TempDir::new().expect("tmp");
        for &i in &order {
            let (path, text) = files[i];
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, text).expect("write");
        }
        snapshot(dir.path(), "Initial commit");
        let out = gonogo()
            .arg("check")
            .arg(dir.path())
            .args([
                "--format",
                "json",
                "--playbook",
                "preset:delivery",
                "--gate",
                "merge",
            ])
            .output()
            .expect("run");
        let text = String::from_utf8(out.stdout).expect("utf8").replace(
            &dir.path()
                .canonicalize()
                .expect("canon")
                .display()
                .to_string(),
            "[ROOT]",
        );
        // The digest covers the root, a different folder each round: compare without it.
        let start = text.find("\"digest\": {").expect("a digest");
        let end = start + text[start..].find('}').expect("its end");
        let text = format!("{}[DIGEST]{}", &text[..start], &text[end + 1..]);
        outputs.push(text);
    }
    assert!(outputs[0].contains("\"decision\""));
    for o in &outputs[1..] {
        assert_eq!(o, &outputs[0]);
    }
}
