//! Reports follow the conventions of where they go: SARIF as code scanning reads it (checked by
//! Microsoft's SARIF multitool with its GitHub rules, not only the schema), accepted findings
//! as suppressed results, JUnit and Code Quality counts and categories, and Markdown that fits
//! a pull-request comment (65,536 characters) and a step summary (1 MiB).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use common::tools::ci;
use common::*;
use serde_json::{Value, json};
use tempfile::TempDir;

/// The `report-demo` fixture's evidence (NO-GO: must, should and may findings) as JSON.
fn demo_evidence() -> (TempDir, Value) {
    let (repo, file) = report_demo();
    let ev = read_json(&file);
    (repo, ev)
}

/// `gonogo report` of `evidence` (written next to the repository's git dir) with `args`.
fn report(repo: &TempDir, name: &str, evidence: &Value, args: &[&str]) -> String {
    let file = repo.path().join(format!(".git/{name}.json"));
    let mut evidence = evidence.clone();
    // An edited evidence no longer matches its digest; reports do not need it.
    evidence.as_object_mut().expect("object").remove("digest");
    std::fs::write(&file, serde_json::to_string(&evidence).expect("json")).expect("write");
    let out = gonogo()
        .arg("report")
        .arg(&file)
        .args(args)
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "report {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf8")
}

fn control_mut<'a>(ev: &'a mut Value, id: &str) -> &'a mut Value {
    ev["controls"]
        .as_array_mut()
        .expect("controls")
        .iter_mut()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no control {id}"))
}

/// The demo with a waived must control (`license`, waiver W-7), a baselined finding of the may
/// control and `adr` findings at paths that are no valid URI references as they stand.
fn accepted_evidence() -> (TempDir, Value) {
    let (repo, mut ev) = demo_evidence();
    let license = control_mut(&mut ev, "license");
    license["status"] = "WAIVED".into();
    license["findings"][0]["suppressed"] = json!({ "by": "waiver", "reference": "W-7" });
    let todo = control_mut(&mut ev, "no-todo-in-readme");
    todo["status"] = "BASELINED".into();
    todo["findings"][0]["suppressed"] = json!({ "by": "baseline", "reference": "old.json" });
    let adr = control_mut(&mut ev, "adr");
    let first = adr["findings"][0].clone();
    let odd = ["docs/adr/0002-use kafka.md", "100%-uptime.md", "a,b:c%d"];
    adr["findings"] = odd
        .iter()
        .map(|p| {
            let mut f = first.clone();
            f["path"] = (*p).into();
            f["line"] = 3.into();
            f["message"] = format!("{p}: status `Parked` means none of the known statuses").into();
            f
        })
        .collect();
    let mut by_status = serde_json::Map::new();
    for c in ev["controls"].as_array().unwrap() {
        let n = by_status
            .entry(c["status"].as_str().unwrap().to_string())
            .or_insert(json!(0));
        *n = json!(n.as_u64().unwrap() + 1);
    }
    ev["summary"]["by_status"] = Value::Object(by_status);
    ev["waivers"] = json!([{
        "id": "W-7", "control": "license", "code": null, "path": null,
        "reason": "Licence chosen by legal in Q1; tracked in LEGAL-12",
        "ticket": "LEGAL-12", "link": null, "approved_by": "Ada Lovelace",
        "created": "2026-01-05", "expires": "2026-03-31", "state": "active",
        "matched": 1, "problems": [], "defined_at": "waivers.toml:1"
    }]);
    (repo, ev)
}

#[test]
fn sarif_suppresses_accepted_findings_and_encodes_uris() {
    let (repo, ev) = accepted_evidence();
    let sarif: Value =
        serde_json::from_str(&report(&repo, "accepted", &ev, &["--format", "sarif"])).unwrap();
    let run = &sarif["runs"][0];
    let results = run["results"].as_array().expect("results");
    let of = |id: &str| -> Vec<&Value> { results.iter().filter(|r| r["ruleId"] == id).collect() };

    // The waived finding is a result with an external suppression: reason, waiver, expiry.
    let license = of("license");
    assert_eq!(license.len(), 1);
    let s = &license[0]["suppressions"][0];
    assert_eq!(s["kind"], "external");
    assert_eq!(s["status"], "accepted");
    assert_eq!(
        s["justification"],
        "Licence chosen by legal in Q1; tracked in LEGAL-12"
    );
    assert_eq!(s["properties"]["waiver"], "W-7");
    assert_eq!(s["properties"]["expires"], "2026-03-31");
    // The baselined finding names the baseline.
    let todo = of("no-todo-in-readme");
    assert_eq!(todo.len(), 1);
    let s = &todo[0]["suppressions"][0];
    assert_eq!(s["kind"], "external");
    assert!(s["justification"].as_str().unwrap().contains("old.json"));
    // Open findings carry no suppression.
    assert!(of("changelog")[0].get("suppressions").is_none());

    // URIs are RFC 3986 references: space, `%`, `,` and `:` percent-encoded, `/` kept.
    let uris: Vec<&str> = of("adr")
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(
        uris,
        [
            "docs/adr/0002-use%20kafka.md",
            "100%25-uptime.md",
            "a%2Cb%3Ac%25d"
        ]
    );
    // Fingerprints: structural keys only, so the same finding keeps its fingerprint when its
    // message or line changes.
    let mut moved = ev.clone();
    for f in control_mut(&mut moved, "adr")["findings"]
        .as_array_mut()
        .unwrap()
    {
        f["line"] = 40.into();
        f["message"] = "reworded entirely".into();
    }
    let sarif2: Value =
        serde_json::from_str(&report(&repo, "moved", &moved, &["--format", "sarif"])).unwrap();
    let prints = |s: &Value| -> Vec<String> {
        s["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["partialFingerprints"]["gonogo/v1"].to_string())
            .collect()
    };
    assert_eq!(prints(&sarif), prints(&sarif2));

    // Rules: a help page per kind, tags, no name equal to the id; the driver's home page.
    let driver = &run["tool"]["driver"];
    assert!(
        driver["informationUri"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    for rule in driver["rules"].as_array().unwrap() {
        let help = rule["helpUri"].as_str().expect("helpUri");
        let kind = rule["properties"]["kind"].as_str().unwrap();
        assert!(
            help.ends_with(&format!("/docs/controls/{kind}.md")),
            "{help}"
        );
        assert!(rule["properties"]["tags"].is_array());
        if let Some(name) = rule["name"].as_str() {
            assert!(!name.eq_ignore_ascii_case(rule["id"].as_str().unwrap()));
        }
    }
    // gonogo names the analysis unless the uploader does.
    assert_eq!(run["automationDetails"]["id"], "gonogo/merge/");
    let uploaded: Value = serde_json::from_str(&report(
        &repo,
        "accepted",
        &ev,
        &["--format", "sarif", "--sarif-no-category"],
    ))
    .unwrap();
    assert!(uploaded["runs"][0].get("automationDetails").is_none());

    multitool(&repo, &sarif);
}

/// Microsoft's SARIF multitool (npm `@microsoft/sarif-multitool`, installed by .ci/run under
/// .ci/tools/sarif): `validate --rule-kind "Gh;Sarif"` runs the SARIF rules and GitHub's
/// ingestion rules; any result is a failure.
fn multitool(repo: &TempDir, sarif: &Value) {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".ci/tools/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
    if !bin.is_file() || !cfg!(all(target_os = "linux", target_arch = "x86_64")) {
        assert!(!ci(), "the SARIF multitool is missing; .ci/run installs it");
        eprintln!("skipped: the SARIF multitool is not installed (.ci/run installs it)");
        return;
    }
    let dir = repo.path().join(".git/multitool");
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("gonogo.sarif");
    std::fs::write(&input, serde_json::to_string_pretty(sarif).unwrap()).unwrap();
    let output: PathBuf = dir.join("validation.sarif");
    let out = Process::new(&bin)
        .args(["validate", "--rule-kind", "Gh;Sarif", "-o"])
        .arg(&output)
        .arg(&input)
        // A self-contained .NET binary: no ICU on small CI images, no telemetry.
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .env("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
        .output()
        .expect("the multitool runs");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{log}");
    let validation = read_json(&output);
    let findings = validation["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(findings.is_empty(), "{log}\n{findings:#?}");
}

#[test]
fn junit_skips_and_codequality_categorises_accepted_controls() {
    let (repo, ev) = accepted_evidence();
    let xml = report(&repo, "accepted", &ev, &["--format", "junit"]);
    // license (waived), no-todo-in-readme (baselined) and tests-present (N/A) are skipped.
    assert!(xml.contains("skipped=\"3\""), "{xml}");
    let cq: Value = serde_json::from_str(&report(
        &repo,
        "accepted",
        &ev,
        &["--format", "codequality"],
    ))
    .unwrap();
    let allowed = [
        "Bug Risk",
        "Clarity",
        "Compatibility",
        "Complexity",
        "Duplication",
        "Performance",
        "Security",
        "Style",
    ];
    for issue in cq.as_array().unwrap() {
        let categories = issue["categories"].as_array().unwrap();
        assert!(!categories.is_empty());
        for c in categories {
            assert!(allowed.contains(&c.as_str().unwrap()), "{c}");
        }
        // Accepted findings are no open issues.
        assert_ne!(issue["check_name"], "license");
        assert_ne!(issue["check_name"], "no-todo-in-readme");
    }
    let md = report(&repo, "accepted", &ev, &["--format", "markdown"]);
    assert!(md.contains("1 waived (license)"), "{md}");
    let html = report(&repo, "accepted", &ev, &["--format", "html"]);
    assert!(html.contains("1 waived (license)"), "{html}");
}

/// The demo evidence with `n` findings spread over its failed controls.
fn many_findings(ev: &Value, n: usize) -> Value {
    let mut ev = ev.clone();
    let failed: Vec<String> = ev["controls"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "FAIL")
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    let per = n / failed.len();
    for id in &failed {
        let c = control_mut(&mut ev, id);
        let code = c["findings"][0]["code"].clone();
        c["findings"] = (0..per)
            .map(|i| {
                let path = format!("src/module_{}/file_{i}.rs", i / 50);
                json!({
                    "code": code, "path": path, "line": i + 1,
                    "message": format!("{path}: finding {i} of `{id}` says at some length what is wrong here"),
                })
            })
            .collect();
    }
    ev
}

#[test]
fn markdown_folds_to_fit_a_comment_and_a_step_summary() {
    let (repo, ev) = demo_evidence();
    let must: Vec<String> = ev["controls"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["level"] == "must" && c["status"] == "FAIL")
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    assert!(!must.is_empty());
    // A small report is whole.
    let small = report(&repo, "small", &ev, &["--format", "markdown"]);
    assert!(!small.contains("Shortened"), "{small}");

    for n in [3_000, 11_000] {
        let big = many_findings(&ev, n);
        let whole = report(
            &repo,
            "big",
            &big,
            &["--format", "markdown", "--max-size", "0"],
        );
        assert!(whole.len() > 65_536, "{n}: {}", whole.len());
        for lang in ["en", "de"] {
            let md = report(
                &repo,
                "big",
                &big,
                &["--format", "markdown", "--lang", lang],
            );
            assert!(md.len() <= 65_536, "{n} {lang}: {} bytes", md.len());
            assert!(md.chars().count() <= 65_536);
            // It says that it folded, and how to see the rest.
            let (shortened, more) = if lang == "en" {
                (
                    "Shortened to stay under 65536 bytes",
                    "more findings: `gonogo check`",
                )
            } else {
                (
                    "Gekürzt, um unter 65536 Bytes",
                    "weitere Befunde: `gonogo check`",
                )
            };
            assert!(md.contains(shortened), "{n} {lang}");
            assert!(md.contains(more), "{n} {lang}");
            // Every failing must control is there, with its first finding and its fix.
            for id in &must {
                assert!(md.contains(&format!("`{id}` —")), "{n} {lang}: {id}");
                assert!(
                    md.contains(&format!("finding 0 of `{id}`")),
                    "{n} {lang}: {id}"
                );
            }
            assert!(md.contains("<sub>gonogo"), "the footer stays: {n} {lang}");
        }
        let summary = report(&repo, "big", &big, &["--format", "markdown", "--summary"]);
        assert!(summary.len() <= 65_536);

        // The step summary: what is left of 1 MiB.
        let dir = TempDir::new().unwrap();
        let step = dir.path().join("summary.md");
        std::fs::write(&step, "earlier output of this step\n").unwrap();
        let file = repo.path().join(".git/big.json");
        let out = gonogo()
            .arg("report")
            .arg(&file)
            .args(["-o", "github=/dev/null"])
            .env("GITHUB_STEP_SUMMARY", &step)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let len = std::fs::metadata(&step).unwrap().len();
        assert!(len <= 1024 * 1024, "{n}: step summary {len} bytes");
        assert!(len > 65_536 || whole.len() < 1024 * 1024, "{n}: {len}");
    }
}

#[test]
fn playbook_and_waiver_paths_are_relative_to_the_repository() {
    let repo = git_repo("report-demo");
    let root = repo.path().canonicalize().unwrap();
    std::fs::create_dir_all(root.join("policy")).unwrap();
    std::fs::write(
        root.join("policy/base.toml"),
        "[playbook]\nname = \"base\"\n\n[[control]]\nid = \"notice\"\nkind = \"files\"\nlevel = \"may\"\ntitle = \"A NOTICE file\"\nrequire = [\"NOTICE\"]\n",
    )
    .unwrap();
    let playbook = std::fs::read_to_string(root.join("gonogo.toml")).unwrap();
    std::fs::write(
        root.join("gonogo.toml"),
        playbook.replacen("extends = [", "extends = [\"policy/base.toml\", ", 1),
    )
    .unwrap();
    std::fs::write(
        root.join("waivers.toml"),
        "[[waiver]]\nid = \"W-1\"\ncontrol = \"notice\"\nreason = \"later\"\nticket = \"T-1\"\napproved-by = \"a\"\ncreated = 2026-01-01\nexpires = 2026-02-01\n",
    )
    .unwrap();
    // Absolute paths to files inside the repository, from another working directory.
    let elsewhere = TempDir::new().unwrap();
    let out = gonogo()
        .current_dir(elsewhere.path())
        .args(["check", "--worktree", "--format", "json", "--playbook"])
        .arg(root.join("gonogo.toml"))
        .arg("--waivers")
        .arg(root.join("waivers.toml"))
        .arg(&root)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let ev: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(ev["playbook"]["path"], "gonogo.toml");
    let sources: Vec<&str> = ev["playbook"]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        sources,
        ["gonogo.toml", "policy/base.toml", "preset:default"]
    );
    for c in ev["controls"].as_array().unwrap() {
        let at = c["defined_at"].as_str().unwrap();
        assert!(!at.starts_with('/'), "{at}");
    }
    for w in ev["waivers"].as_array().unwrap() {
        let at = w["defined_at"].as_str().unwrap();
        assert!(at.starts_with("waivers.toml"), "{at}");
    }
    // Only the checked folder itself is absolute.
    let root_text = root.display().to_string();
    let leaks: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(&root_text) && !l.trim_start().starts_with("\"root\""))
        .collect();
    assert!(leaks.is_empty(), "{leaks:#?}");
}
