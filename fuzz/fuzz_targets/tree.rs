//! The whole pipeline over a tree listing with odd names and contents, held in memory
//! (`%%% PATH` lines start a file): every kind of control that needs no history runs over it,
//! with the tree's own waiver file when it parses; the evidence renders in every format with
//! repository text escaped, survives writing and reading, and checked against itself as a
//! baseline it has no new finding.
#![no_main]
use libfuzzer_sys::fuzz_target;

use std::sync::OnceLock;

use gonogo::playbook::Playbook;
use gonogo::snapshot::Snapshot;

mod common;

const PLAYBOOK: &str = r#"
[playbook]
name = "fuzz every kind"

[roles.board]
members = [{ name = "Ana Lima", email = "ana@example.com" }]
may-waive = ["must", "should", "may"]

[[control]]
id = "files"
kind = "files"
level = "must"
title = "Files"
require = ["README*", "{LICENSE,COPYING}{,.md,.txt}"]
forbid = ["**/*.{pem,env}", "**/id_rsa", "**/.[!.]*rc"]
content-in = ["**/*.{md,yml,yaml,env,toml}"]
must-match = ['\w+']
must-not-match = ['-----BEGIN [A-Z ]*PRIVATE KEY-----', '(?i)\bTODO\b.*']
case-insensitive = true

[[control]]
id = "tests"
kind = "tests"
level = "should"
title = "Tests"
modules = ["services/*", "crates/*", "packages/**/src"]
min-ratio = 0.1

[[control]]
id = "adr"
kind = "adr"
level = "should"
title = "ADRs"
status-synonyms = { approved = "accepted" }

[[control]]
id = "owners"
kind = "ownership"
level = "must"
title = "Owners"
min-coverage = 0.5
critical-paths = [".github/workflows/**", "deploy/**"]

[[control]]
id = "runbooks"
kind = "runbook"
level = "may"
title = "Runbooks"
service-dirs = ["services/*"]
runbook = ["{service_dir}/RUNBOOK.md", "docs/runbooks/{service}.md"]
required-sections = [["Rollback", "Roll back"], ["Escalation", "Contact"]]

[[control]]
id = "dod"
kind = "dod"
level = "may"
title = "Definition of Done"
min-items = 2
required-items = ["(?i)review"]
"#;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let files = common::files(&text, "README.md", 64);
    let waivers = files
        .iter()
        .find(|(p, _)| p == ".gonogo/waivers.toml")
        .and_then(|(p, t)| gonogo::verdict::waivers::parse(p, t).ok());
    let snapshot = Snapshot::in_memory(files, 1 << 16);
    // Loaded once: compiling its globs and regexes is not what this target fuzzes.
    static LOADED: OnceLock<Playbook> = OnceLock::new();
    let playbook = LOADED.get_or_init(|| {
        gonogo::playbook::load::load_text(
            "gonogo.toml".into(),
            PLAYBOOK.into(),
            "fuzz".into(),
            &gonogo::controls::REGISTRY,
        )
        .expect("the fuzz playbook is valid")
    });
    let options = gonogo::CheckOptions {
        source_date_epoch: Some(1_767_225_600),
        playbook_path: Some("gonogo.toml".into()),
        max_file_size: 1 << 16,
        waivers,
        ..Default::default()
    };
    let evidence = gonogo::check(playbook, &snapshot, &options).expect("the playbook has no gates");
    common::render_all(&evidence);
    let baseline = gonogo::verdict::baseline::Baseline {
        name: "baseline.json".into(),
        sha256: String::new(),
        evidence: evidence.clone(),
    };
    let again = gonogo::check(
        playbook,
        &snapshot,
        &gonogo::CheckOptions {
            baseline: Some(baseline),
            ..options
        },
    )
    .expect("the playbook has no gates");
    let trend = gonogo::evidence::trend::diff(&evidence, &again);
    assert!(
        trend.new_findings.is_empty(),
        "a baseline of itself adds no finding"
    );
    common::assert_clean(
        "diff",
        &gonogo::render::trend::render_text(&trend, gonogo::render::i18n::Language::En),
    );
});
