//! The renderers on a real report: snapshots of every format, the official validators (SARIF
//! 2.1.0 JSON schema, JUnit XSD via xmllint, headless Chromium for HTML), languages, links,
//! determinism, `gonogo report` and the GitHub step summary.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use common::tools::tool;
use common::*;
use tempfile::TempDir;

/// The `report-demo` fixture as a git repository with a GitHub remote, and its evidence file.
struct Demo {
    repo: TempDir,
    evidence: PathBuf,
    root: String,
}

fn demo() -> Demo {
    let (repo, evidence) = report_demo();
    let root = repo
        .path()
        .canonicalize()
        .expect("canon")
        .display()
        .to_string();
    Demo {
        repo,
        evidence,
        root,
    }
}

impl Demo {
    /// `gonogo report EVIDENCE args…` → stdout, with the temporary root replaced by `[REPO]`.
    fn report(&self, args: &[&str]) -> String {
        let out = gonogo()
            .arg("report")
            .arg(&self.evidence)
            .args(args)
            .output()
            .expect("run");
        assert_eq!(
            out.status.code(),
            Some(0),
            "report {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .expect("utf8")
            .replace(&self.root, "[REPO]")
    }
}

#[test]
fn markdown_report_has_the_decision_table_links_and_decision_log() {
    let d = demo();
    let md = d.report(&["--format", "markdown", "--lang", "en"]);
    assert!(md.starts_with("## 🔴 NO-GO — Gate `merge`"), "{md}");
    assert!(md.contains("| 🔴 | `license` | must | FAIL |"));
    assert!(md.contains("| 🟡 | `adr` | should | FAIL |"));
    let commit = open_repo(d.repo.path())
        .head()
        .expect("head")
        .peel_to_commit()
        .expect("commit")
        .id()
        .to_string();
    assert!(md.contains(&format!(
        "https://github.com/acme/shop-orders/blob/{commit}/docs/adr/0003-events-with-kafka.md#L7"
    )));
    assert!(md.contains("### Decision log of `adr`"));
    assert!(md.contains("Publish order events with Kafka &amp; Avro"));
    insta::assert_snapshot!("demo_markdown", md);
}

#[test]
fn management_summary_in_english_and_german() {
    let d = demo();
    let en = d.report(&["--format", "markdown", "--summary"]);
    for part in [
        "## Decision",
        "## Top risks",
        "## What must happen before go",
        "## Assumptions and limits of this check",
        "- [ ] `license`: Add a LICENSE file",
    ] {
        assert!(en.contains(part), "{part} missing:\n{en}");
    }
    insta::assert_snapshot!("demo_summary_en", en);
    let de = d.report(&["--format", "markdown", "--summary", "--lang", "de"]);
    assert!(de.contains("## Größte Risiken"), "{de}");
    assert!(de.contains("🔴 **NO-GO**"));
    insta::assert_snapshot!("demo_summary_de", de);
}

#[test]
fn language_comes_from_the_flag_then_the_playbook_then_the_locale() {
    let d = demo();
    let run = |env: &[(&str, &str)], args: &[&str]| {
        let mut cmd = gonogo();
        cmd.arg("report").arg(&d.evidence).args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        String::from_utf8(cmd.output().expect("run").stdout).expect("utf8")
    };
    assert!(run(&[], &[]).contains("Decision: gate `merge`: NO-GO"));
    let de = run(&[("LANG", "de_DE.UTF-8")], &[]);
    assert!(
        de.contains("Entscheidung: Gate `merge`: NO-GO (1 Muss-Kriterium nicht erfüllt"),
        "{de}"
    );
    assert!(de.contains("KONTROLLE"));
    assert!(run(&[("LANG", "de_DE.UTF-8")], &["--lang", "en"]).contains("Decision:"));

    // A playbook that says `language = "de"` wins over the locale.
    let pb = d.repo.path().join("gonogo.toml");
    let text = std::fs::read_to_string(&pb).expect("read");
    std::fs::write(
        &pb,
        text.replace(
            "owner = \"orders-team\"",
            "owner = \"orders-team\"\nlanguage = \"de\"",
        ),
    )
    .expect("write");
    // A locale that names no language (CI runners' `C.UTF-8`) leaves it to the playbook.
    let out = gonogo()
        .env("LANG", "C.UTF-8")
        .args(["check", "--worktree", "--format", "markdown"])
        .arg(d.repo.path())
        .output()
        .expect("run");
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains("### Kontrollen"), "{md}");
    assert!(md.contains("NICHT ERFÜLLT"));
}

#[test]
fn html_is_one_self_contained_page() {
    let d = demo();
    let html = d.report(&["--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "no scripts");
    assert!(!html.contains("<link"), "no external stylesheets");
    assert!(!html.contains("src=\""), "no external images");
    // The only URLs are links to files at the commit.
    let links: Vec<&str> = html.split("href=\"").skip(1).collect();
    assert!(!links.is_empty(), "findings link to their files");
    for link in links {
        assert!(
            link.starts_with("https://github.com/acme/shop-orders/blob/"),
            "unexpected link {}",
            &link[..link.len().min(80)]
        );
    }
    assert!(!html.contains("url("), "no assets from CSS");
    assert!(html.contains("@media print"));
    // Escaped by askama, which writes entities as numbers.
    assert!(html.contains("Kafka &#38; Avro"));
    insta::assert_snapshot!("demo_html", html);
}

/// Headless Chromium renders the page: the decision and every control id are on it; a
/// screenshot is taken (GONOGO_SCREENSHOT=PATH keeps it, e.g. docs/report.png).
#[test]
fn html_renders_in_headless_chromium() {
    let Some(chromium) = tool("chromium") else {
        return;
    };
    let d = demo();
    let dir = TempDir::new().expect("tmp");
    let page = dir.path().join("report.html");
    std::fs::write(&page, d.report(&["--format", "html"])).expect("write");
    let url = format!("file://{}", page.display());
    let headless = |extra: &[&str], profile: &str| {
        let out = Process::new(&chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
            ])
            .arg(format!(
                "--user-data-dir={}",
                dir.path().join(profile).display()
            ))
            .args(extra)
            .arg(&url)
            .output()
            .expect("chromium runs");
        assert!(
            out.status.success(),
            "chromium failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let dom = headless(&["--dump-dom"], "profile-dom");
    assert!(dom.contains("class=\"verdict red\">NO-GO<"), "{dom}");
    let evidence: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&d.evidence).expect("read")).expect("json");
    for c in evidence["controls"].as_array().expect("controls") {
        let id = c["id"].as_str().expect("id");
        assert!(
            dom.contains(&format!("<code>{id}</code>")),
            "{id} not shown"
        );
    }

    let shot = dir.path().join("report.png");
    headless(
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1100,1500",
        ],
        "profile-shot",
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    assert!(png.len() > 20_000, "screenshot is nearly empty");
    if let Some(keep) = std::env::var_os("GONOGO_SCREENSHOT") {
        std::fs::copy(&shot, Path::new(&keep)).expect("keep screenshot");
    }
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let d = demo();
    let text = d.report(&["--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&text).expect("json");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json"),
        )
        .expect("schema"),
    )
    .expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    for rule in rules {
        for key in ["shortDescription", "fullDescription", "help"] {
            assert!(rule[key]["text"].is_string(), "{key} of {}", rule["id"]);
        }
        assert!(rule["properties"]["tags"].is_array());
    }
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 5);
    let mut fingerprints = std::collections::BTreeSet::new();
    for r in results {
        let loc = &r["locations"][0]["physicalLocation"];
        assert!(loc["artifactLocation"]["uri"].is_string(), "{r:#}");
        assert!(loc["region"]["startLine"].as_u64().unwrap_or(0) >= 1);
        assert!(fingerprints.insert(r["partialFingerprints"]["gonogo/v1"].to_string()));
    }
    let by_rule = |id: &str| {
        results
            .iter()
            .find(|r| r["ruleId"] == id)
            .unwrap_or_else(|| panic!("no result for {id}"))
    };
    assert_eq!(by_rule("license")["level"], "error");
    assert_eq!(by_rule("adr")["level"], "warning");
    assert_eq!(by_rule("no-todo-in-readme")["level"], "note");
    // A repository-wide finding of a control in the repository's playbook points at its line.
    let changelog = &by_rule("changelog")["locations"][0]["physicalLocation"];
    assert_eq!(changelog["artifactLocation"]["uri"], "gonogo.toml");
    assert_eq!(changelog["region"]["startLine"], 28);
    insta::assert_snapshot!("demo_sarif", text);
}

#[test]
fn junit_validates_against_the_junit_xsd() {
    let d = demo();
    let xml = d.report(&["--format", "junit"]);
    assert!(xml.contains("<failure type=\"must\""));
    // The type is a machine field: the same in German output, where the message is German.
    let de = d.report(&["--format", "junit", "--lang", "de"]);
    assert!(de.contains("<failure type=\"must\""), "{de}");
    assert!(
        !de.contains("type=\"MUSS\"") && !de.contains("type=\"muss\""),
        "{de}"
    );
    insta::assert_snapshot!("demo_junit", xml);
    let Some(xmllint) = tool("xmllint") else {
        return;
    };
    let dir = TempDir::new().expect("tmp");
    let file = dir.path().join("junit.xml");
    std::fs::write(&file, &xml).expect("write");
    let out = Process::new(xmllint)
        .args(["--noout", "--schema"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/junit-10.xsd"))
        .arg(&file)
        .output()
        .expect("xmllint runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn codequality_has_unique_stable_fingerprints_and_a_path_for_every_issue() {
    let d = demo();
    let text = d.report(&["--format", "codequality"]);
    assert!(!text.starts_with('\u{feff}'), "no BOM");
    let issues: Vec<serde_json::Value> = serde_json::from_str(&text).expect("json array");
    assert_eq!(issues.len(), 5);
    let mut seen = std::collections::BTreeSet::new();
    for i in &issues {
        assert!(seen.insert(i["fingerprint"].as_str().expect("fp").to_string()));
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&i["severity"].as_str().expect("severity"))
        );
        assert!(i["location"]["path"].is_string());
        assert!(i["location"]["lines"]["begin"].as_u64().unwrap_or(0) >= 1);
        assert!(i["description"].is_string() && i["check_name"].is_string());
    }
    insta::assert_snapshot!("demo_codequality", text);
}

#[test]
fn github_annotations_and_the_step_summary() {
    let d = demo();
    let text = d.report(&["--format", "github"]);
    assert!(
        text.contains("::error title=license (must)%3A A license states the terms of use::none of")
    );
    assert!(text.contains("::notice file=README.md,line=6,title=no-todo-in-readme"));
    assert!(
        text.trim_end()
            .lines()
            .last()
            .expect("line")
            .starts_with("::error title=gonogo%3A gate `merge` is NO-GO::")
    );
    insta::assert_snapshot!("demo_github", text);

    let dir = TempDir::new().expect("tmp");
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").expect("write");
    gonogo()
        .env("GITHUB_STEP_SUMMARY", &summary)
        .arg("check")
        .arg(d.repo.path())
        .args(["-o", "github"])
        .assert()
        .code(1)
        .stdout(predicates::str::contains("::error"));
    let written = std::fs::read_to_string(&summary).expect("summary");
    assert!(
        written.starts_with("earlier step\n## 🔴 NO-GO"),
        "{written}"
    );
    assert!(written.contains("| 🔴 | `license` | must | FAIL |"));
}

#[test]
fn report_renders_stored_evidence_like_check_and_deterministically() {
    let d = demo();
    for format in [
        "human",
        "json",
        "markdown",
        "html",
        "sarif",
        "junit",
        "codequality",
        "github",
    ] {
        let direct = gonogo()
            .arg("check")
            .arg(d.repo.path())
            .args(["--format", format])
            .output()
            .expect("run")
            .stdout;
        let again = gonogo()
            .arg("check")
            .arg(d.repo.path())
            .args(["--format", format])
            .output()
            .expect("run")
            .stdout;
        assert_eq!(direct, again, "{format}: two runs differ");
        let stored = gonogo()
            .arg("report")
            .arg(&d.evidence)
            .args(["--format", format])
            .output()
            .expect("run")
            .stdout;
        assert_eq!(direct, stored, "{format}: report differs from check");
    }
    // -o FORMAT=FILE works for report too, and bad input is exit 2.
    let out = d.repo.path().join(".git/out.sarif");
    gonogo()
        .arg("report")
        .arg(&d.evidence)
        .arg("-o")
        .arg(format!("sarif={}", out.display()))
        .assert()
        .code(0);
    assert!(
        std::fs::read_to_string(&out)
            .expect("file")
            .contains("\"version\": \"2.1.0\"")
    );
    gonogo()
        .args(["report", "/nonexistent/evidence.json"])
        .assert()
        .code(2);
}

#[test]
fn a_go_report_reads_green_everywhere() {
    let repo = git_repo("compliant");
    let md = String::from_utf8(
        gonogo()
            .arg("check")
            .arg(repo.path())
            .args(["--format", "markdown", "--summary"])
            .output()
            .expect("run")
            .stdout,
    )
    .expect("utf8");
    assert!(md.contains("🟢 **GO**"), "{md}");
    assert!(md.contains("Nothing: the gate is open."));
    let sarif: serde_json::Value = serde_json::from_slice(
        &gonogo()
            .arg("check")
            .arg(repo.path())
            .args(["--format", "sarif"])
            .output()
            .expect("run")
            .stdout,
    )
    .expect("json");
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
    let cq = gonogo()
        .arg("check")
        .arg(repo.path())
        .args(["--format", "codequality"])
        .output()
        .expect("run")
        .stdout;
    assert_eq!(String::from_utf8_lossy(&cq), "[]\n");
}

/// Evidence with an errored and a not-applicable control and hostile text in a finding: every
/// format stays valid and escapes it.
#[test]
fn hostile_text_and_every_status_stay_valid_in_every_format() {
    let d = demo();
    let mut ev: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&d.evidence).expect("read")).expect("json");
    let hostile = "50% <script>alert(1)</script> & \"q\" 'a' | @team, x:y\r\nnext\u{1}line";
    for c in ev["controls"].as_array_mut().expect("controls") {
        match c["id"].as_str() {
            Some("readme") => {
                c["status"] = "ERROR".into();
                c["reason"] = "README.md cannot be read: binary".into();
            }
            Some("security-policy") => {
                c["status"] = "NOT_APPLICABLE".into();
                c["reason"] = "no path matches `applies-if`".into();
            }
            Some("license") => {
                c["findings"][0]["message"] = hostile.into();
                c["findings"][0]["path"] = "dir with space/LICENSE#1.md".into();
                c["findings"][0]["line"] = 3.into();
            }
            _ => {}
        }
    }
    let file = d.repo.path().join(".git/hostile.json");
    std::fs::write(&file, serde_json::to_string(&ev).expect("json")).expect("write");
    let render = |format: &str| {
        let out = gonogo()
            .arg("report")
            .arg(&file)
            .args(["--format", format])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(0), "{format}");
        String::from_utf8(out.stdout).expect("utf8")
    };

    let md = render("markdown");
    assert!(!md.contains("<script>"), "{md}");
    assert!(md.contains("&lt;script&gt;") && md.contains("&#64;team"));
    assert!(md.contains("dir%20with%20space/LICENSE%231.md#L3"));
    let html = render("html");
    assert!(
        !html.contains("<script>") && html.contains("&#60;script&#62;alert(1)&#60;/script&#62;")
    );
    assert!(html.contains("<td class=\"st red\">ERROR</td>"));

    let gh = render("github");
    let line = gh
        .lines()
        .find(|l| l.contains("alert(1)"))
        .expect("annotation");
    assert!(line.starts_with("::error file=dir with space/LICENSE#1.md,line=3,title="));
    // A line break in repository text is shown escaped, never a second workflow command.
    assert!(
        line.contains("50%25 <script>") && line.contains("\\u{d}\\u{a}next"),
        "{line}"
    );
    assert!(!line.contains('\r') && !line.contains("\nnext"), "{line}");
    assert!(gh.contains("::error title=readme (must)%3A"));

    let sarif: serde_json::Value = serde_json::from_str(&render("sarif")).expect("sarif json");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json"),
        )
        .expect("schema"),
    )
    .expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    assert!(validator.is_valid(&sarif));
    let codes: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["properties"]["code"].as_str())
        .collect();
    assert!(codes.contains(&"gonogo/error"), "{codes:?}");

    let cq: serde_json::Value = serde_json::from_str(&render("codequality")).expect("cq json");
    assert!(cq.as_array().expect("array").len() >= 6);

    let xml = render("junit");
    assert!(xml.contains("<error type=\"must\""));
    assert!(xml.contains("<skipped message=\"Not applicable: no path matches `applies-if`\"/>"));
    assert!(!xml.contains('\u{1}'));
    if let Some(xmllint) = tool("xmllint") {
        let path = d.repo.path().join(".git/hostile.xml");
        std::fs::write(&path, &xml).expect("write");
        let out = Process::new(xmllint)
            .args(["--noout", "--schema"])
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/junit-10.xsd"))
            .arg(&path)
            .output()
            .expect("xmllint");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Human output in German names the statuses in German.
    let de = String::from_utf8(
        gonogo()
            .arg("report")
            .arg(&file)
            .args(["--lang", "de"])
            .output()
            .expect("run")
            .stdout,
    )
    .expect("utf8");
    assert!(
        de.contains("FEHLER readme") && de.contains("ENTFÄLLT"),
        "{de}"
    );
}
