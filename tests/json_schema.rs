//! The JSON Schemas of the playbook and the waiver file: in step with the types, accepting every
//! valid fixture, and rejecting what the loader rejects.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn playbook_schema() -> String {
    gonogo::playbook::json_schema::playbook_schema(&gonogo::controls::REGISTRY)
}

/// TOML as an editor hands it to a JSON Schema validator: dates become strings.
fn toml_to_json(text: &str) -> Value {
    fn convert(value: toml::Value) -> Value {
        match value {
            toml::Value::String(s) => Value::String(s),
            toml::Value::Integer(i) => Value::from(i),
            toml::Value::Float(f) => Value::from(f),
            toml::Value::Boolean(b) => Value::Bool(b),
            toml::Value::Datetime(d) => Value::String(d.to_string()),
            toml::Value::Array(items) => Value::Array(items.into_iter().map(convert).collect()),
            toml::Value::Table(t) => {
                Value::Object(t.into_iter().map(|(k, v)| (k, convert(v))).collect())
            }
        }
    }
    convert(toml::Value::Table(
        toml::from_str::<toml::Table>(text).expect("valid TOML"),
    ))
}

fn validator(text: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(text).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

fn errors(validator: &jsonschema::Validator, toml_text: &str) -> Vec<String> {
    validator
        .iter_errors(&toml_to_json(toml_text))
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect()
}

#[test]
fn schemas_in_docs_are_generated_from_the_types() {
    let on_disk = std::fs::read_to_string(root().join("docs/playbook.schema.json")).unwrap();
    assert_eq!(
        on_disk,
        playbook_schema(),
        "docs/playbook.schema.json is stale: run `cargo run -- playbook schema > docs/playbook.schema.json`"
    );
    let on_disk = std::fs::read_to_string(root().join("docs/waivers.schema.json")).unwrap();
    assert_eq!(
        on_disk,
        gonogo::verdict::waivers::json_schema(),
        "docs/waivers.schema.json is stale: run `cargo run -- playbook schema --waivers > docs/waivers.schema.json`"
    );
}

#[test]
fn the_command_prints_the_schemas() {
    let out = assert_cmd::Command::cargo_bin("gonogo")
        .unwrap()
        .args(["playbook", "schema"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), playbook_schema());
    let out = assert_cmd::Command::cargo_bin("gonogo")
        .unwrap()
        .args(["playbook", "schema", "--waivers"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        gonogo::verdict::waivers::json_schema()
    );
}

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_valid_fixture_playbook_and_preset_validates() {
    let validator = validator(&playbook_schema());
    let mut texts: Vec<(String, String)> = toml_files(&root().join("fixtures/playbooks"))
        .into_iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    for (name, _) in gonogo::playbook::PRESETS {
        let text = gonogo::playbook::preset_text(name).unwrap();
        texts.push((format!("preset:{name}"), text.to_string()));
    }
    assert!(texts.len() > 30);
    for (name, text) in texts {
        let errors = errors(&validator, &text);
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

#[test]
fn the_starter_playbooks_validate() {
    let validator = validator(&playbook_schema());
    for (name, _) in gonogo::playbook::PRESETS {
        let text =
            gonogo::playbook::starter::starter_playbook(name, &gonogo::controls::REGISTRY).unwrap();
        let errors = errors(&validator, &text);
        assert!(errors.is_empty(), "starter of {name}: {errors:#?}");
    }
}

const GOOD: &str = r#"
[playbook]
name = "x"

[[control]]
id = "readme"
kind = "files"
level = "must"
title = "A README"
require = ["README.md"]

[gates.merge]
controls = ["*"]
"#;

/// Each sample is GOOD with one mistake; the loader and the schema both reject it.
#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let validator = validator(&playbook_schema());
    assert!(errors(&validator, GOOD).is_empty());
    load(GOOD).expect("GOOD loads");
    let samples = [
        (
            "unknown top-level key",
            GOOD.replace("[playbook]", "[playbok]"),
        ),
        (
            "unknown key in a control",
            GOOD.replace(
                "title = \"A README\"",
                "title = \"A README\"\ntitel = \"x\"",
            ),
        ),
        (
            "wrong type for level",
            GOOD.replace("level = \"must\"", "level = 1"),
        ),
        (
            "unknown level",
            GOOD.replace("level = \"must\"", "level = \"critical\""),
        ),
        (
            "unknown kind",
            GOOD.replace("kind = \"files\"", "kind = \"filez\""),
        ),
        (
            "a parameter of another kind",
            GOOD.replace(
                "require = [\"README.md\"]",
                "require = [\"README.md\"]\nrequired-sections = [\"Usage\"]",
            ),
        ),
        (
            "wrong type for a parameter",
            GOOD.replace("require = [\"README.md\"]", "require = \"README.md\""),
        ),
        (
            "a title that is not text",
            GOOD.replace("title = \"A README\"", "title = 1"),
        ),
        (
            // A gate without `controls` adds to an inherited gate, which only the loader can
            // tell; controls of the wrong type the schema rejects itself.
            "gate whose controls are a number",
            GOOD.replace("controls = [\"*\"]", "controls = 1"),
        ),
        (
            "unknown key in a gate",
            GOOD.replace("controls = [\"*\"]", "controls = [\"*\"]\ncontrol = []"),
        ),
    ];
    for (what, text) in samples {
        assert!(load(&text).is_err(), "the loader accepts {what}");
        assert!(
            !errors(&validator, &text).is_empty(),
            "the schema accepts {what}"
        );
    }
}

fn load(text: &str) -> Result<gonogo::playbook::Playbook, gonogo::playbook::PlaybookError> {
    gonogo::playbook::load::load_text(
        "sample.toml".into(),
        text.into(),
        "sample.toml".into(),
        &gonogo::controls::REGISTRY,
    )
}

const WAIVER: &str = r#"
[[waiver]]
id = "W-1"
control = "license"
reason = "Licensing is being clarified."
ticket = "LEGAL-42"
approved-by = "Ana Lima <ana@example.com>"
created = 2026-02-01
expires = 2026-04-15
"#;

#[test]
fn the_waiver_schema_accepts_waivers_and_rejects_mistakes() {
    let validator = validator(&gonogo::verdict::waivers::json_schema());
    assert!(errors(&validator, WAIVER).is_empty());
    let fixture = root().join("fixtures/playbook-tests/basic/cases/waived/.gonogo/waivers.toml");
    let errs = errors(&validator, &std::fs::read_to_string(fixture).unwrap());
    assert!(errs.is_empty(), "{errs:#?}");
    let samples = [
        (
            "unknown top-level key",
            WAIVER.replace("[[waiver]]", "[[waivers]]"),
        ),
        ("unknown key", WAIVER.replace("ticket =", "tiket =")),
        (
            "missing reason",
            WAIVER.replace("reason = \"Licensing is being clarified.\"\n", ""),
        ),
        (
            "wrong type",
            WAIVER.replace("control = \"license\"", "control = 3"),
        ),
    ];
    for (what, text) in samples {
        assert!(
            gonogo::verdict::waivers::parse("w.toml", &text).is_err(),
            "the loader accepts {what}"
        );
        assert!(
            !errors(&validator, &text).is_empty(),
            "the schema accepts {what}"
        );
    }
}

#[test]
fn init_names_the_schema_on_the_first_line_and_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    assert_cmd::Command::cargo_bin("gonogo")
        .unwrap()
        .arg("init")
        .arg(dir.path())
        .assert()
        .code(0);
    let text = std::fs::read_to_string(dir.path().join("gonogo.toml")).unwrap();
    assert_eq!(
        text.lines().next(),
        Some("#:schema ./.gonogo/playbook.schema.json")
    );
    let schema = std::fs::read_to_string(dir.path().join(".gonogo/playbook.schema.json")).unwrap();
    assert_eq!(schema, playbook_schema());
}
