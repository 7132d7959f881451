//! `gonogo scan --repos FILE`: remote repositories as blobless partial clones with only the
//! blobs the playbook reads, the bytes each transferred, reuse without fetching, and a
//! repository that cannot be cloned as an error line while the others complete.

mod common;

use std::path::{Path, PathBuf};

use common::history::{History, day};
use common::{gonogo, has_object, playbook_arg, run_text};
use serde_json::Value;

const EPOCH: &str = "1772323200";

/// A remote that serves partial clones, from a fixture tree.
fn remote(fixture: &str) -> (History, String) {
    let mut h = History::from_fixture(fixture);
    h.commit("Initial commit", day(1));
    let url = h.serve_partial_clones();
    (h, url)
}

fn scan(list: &str, out: &Path, extra: &[&str]) -> (String, String, i32) {
    run_text(scan_command(list, out, extra))
}

fn scan_command(list: &str, out: &Path, extra: &[&str]) -> assert_cmd::Command {
    let file = out.with_extension("list");
    std::fs::write(&file, list).expect("write list");
    let mut cmd = gonogo();
    cmd.arg("scan")
        .arg("--repos")
        .arg(&file)
        .arg("--out")
        .arg(out)
        .args(extra)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        // The git gonogo runs reads no configuration of the machine.
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null");
    if !extra.contains(&"--playbook") {
        cmd.args(["--playbook", &playbook_arg("scan-remote.toml")]);
    }
    cmd
}

fn lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

fn line<'a>(lines: &'a [Value], repository: &str) -> &'a Value {
    lines
        .iter()
        .find(|l| l["repository"] == repository)
        .unwrap_or_else(|| panic!("no line for {repository}: {lines:?}"))
}

/// The one clone below `<out>/.gonogo-clones` whose name starts with `name-`.
fn clone_of(out: &Path, name: &str) -> PathBuf {
    std::fs::read_dir(out.join(".gonogo-clones"))
        .expect("clones")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&format!("{name}-")))
        })
        .unwrap_or_else(|| panic!("no clone of {name}"))
}

#[test]
fn a_remote_is_cloned_blobless_with_only_the_blobs_the_playbook_reads() {
    let (h, url) = remote("compliant");
    h.tag("v1.0.0");
    let tmp = tempfile::TempDir::new().expect("tmp");
    let out = tmp.path().join("out");
    let (stdout, stderr, code) = scan(&format!("# one\n{url}/\n"), &out, &["--format", "ndjson"]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    let lines = lines(&stdout);
    assert_eq!(lines.len(), 1);
    let l = line(&lines, &url);
    assert_eq!(l["decision"], "GO", "{l}");
    assert_eq!(l["reused"], false);
    let bytes = l["bytes_fetched"].as_u64().expect("bytes_fetched");
    assert!(bytes > 0, "{l}");
    assert!(stderr.contains("fetched"), "{stderr}");

    let clone = clone_of(&out, "repo");
    // The blobs the controls read are there; a file no control reads was never fetched.
    assert!(has_object(&clone, &h.blob("README.md")));
    assert!(has_object(&clone, &h.blob("LICENSE")));
    for other in [
        "pyproject.toml",
        "src/shop/__init__.py",
        "docs/adr/0001-record-architecture-decisions.md",
    ] {
        assert!(!has_object(&clone, &h.blob(other)), "{other} was fetched");
    }
    // The bytes reported are the packs in the clone, all of them fetched by this scan.
    let packs: u64 = std::fs::read_dir(clone.join(".git/objects/pack"))
        .expect("packs")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pack"))
        .map(|e| e.metadata().expect("size").len())
        .sum();
    assert_eq!(bytes, packs);
    // Tags come along (the `release` kind finds the previous release by its tag).
    let cloned = git2::Repository::open(&clone).expect("open clone");
    assert!(cloned.find_reference("refs/tags/v1.0.0").is_ok());
    // The evidence file is written and names the commit.
    let evidence = common::read_json(&out.join("repo.json"));
    assert_eq!(evidence["subject"]["commit"], h.rev("HEAD"));
}

#[test]
fn a_second_scan_reuses_without_fetching_and_a_change_is_fetched() {
    let (mut h, url) = remote("compliant");
    let tmp = tempfile::TempDir::new().expect("tmp");
    let out = tmp.path().join("out");
    let list = format!("{url}\n");
    let (first, err, code) = scan(&list, &out, &[]);
    assert_eq!(code, 0, "{first}\n{err}");
    assert!(first.contains(" fetched)"), "{first}");
    let clone = clone_of(&out, "repo");
    let packs = |dir: &Path| {
        std::fs::read_dir(dir.join(".git/objects/pack"))
            .expect("packs")
            .count()
    };
    let before = packs(&clone);

    let (second, err, code) = scan(&list, &out, &["--format", "ndjson"]);
    assert_eq!(code, 0, "{second}\n{err}");
    let l = lines(&second);
    assert_eq!(l[0]["reused"], true, "{second}");
    assert_eq!(l[0]["bytes_fetched"], 0);
    assert_eq!(packs(&clone), before, "nothing was fetched");

    // A new commit on the remote: fetched (its new README blob too) and checked again.
    h.write("README.md", "# Shop\n\nNow with a second paragraph.\n");
    h.commit("Update the README", day(2));
    let (third, err, code) = scan(&list, &out, &["--format", "ndjson"]);
    assert_eq!(code, 0, "{third}\n{err}");
    let l = lines(&third);
    assert_eq!(l[0]["reused"], false, "{third}");
    assert_eq!(l[0]["commit"], h.rev("HEAD"));
    assert!(l[0]["bytes_fetched"].as_u64().expect("bytes") > 0);
    assert!(has_object(&clone, &h.blob("README.md")));
    assert!(!has_object(&clone, &h.blob("pyproject.toml")));
}

#[test]
fn a_bad_url_is_an_error_line_and_the_others_complete() {
    let (_a, good) = remote("compliant");
    let local = History::from_fixture("compliant");
    let mut local = local;
    local.commit("Initial commit", day(1));
    let tmp = tempfile::TempDir::new().expect("tmp");
    let out = tmp.path().join("out");
    let bad = format!("file://{}/missing-repo", tmp.path().display());
    let nowhere = tmp.path().join("no-such-folder").display().to_string();
    let list = format!("{bad}\n{good}\n{}\n{nowhere}\n", local.root().display());
    let (stdout, stderr, code) = scan(&list, &out, &["--format", "ndjson"]);
    assert_eq!(code, 2, "{stdout}\n{stderr}");
    let lines = lines(&stdout);
    assert_eq!(lines.len(), 4, "{stdout}");
    let error = line(&lines, &nowhere)["error"].as_str().expect("error");
    assert!(error.ends_with("is not a git repository"), "{error}");
    let failed = line(&lines, &bad);
    assert!(failed["decision"].is_null());
    let error = failed["error"].as_str().expect("error");
    assert!(error.contains("could not be cloned"), "{error}");
    assert_eq!(line(&lines, &good)["decision"], "GO");
    let here = local.root().display().to_string();
    assert_eq!(line(&lines, &here)["decision"], "GO");
    assert!(line(&lines, &here)["bytes_fetched"].is_null());
    assert!(stderr.contains("could not be cloned"), "{stderr}");

    // In text: the error on standard error, NOT CHECKED on the list.
    let (text, stderr, code) = scan(&list, &out, &[]);
    assert_eq!(code, 2);
    assert!(text.contains("NOT CHECKED"), "{text}");
    assert!(stderr.contains("could not be cloned"), "{stderr}");
    assert!(
        text.contains(" fetched)") || text.contains("(reused)"),
        "{text}"
    );

    // The scan's new sentences in German.
    let mut cmd = scan_command(&list, &out, &["--force"]);
    cmd.env("GONOGO_LANG", "de");
    let (text, stderr, code) = run_text(cmd);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("konnte nicht geklont oder abgerufen werden"),
        "{stderr}"
    );
    assert!(text.contains(" abgerufen)"), "{text}");
}

#[test]
fn a_blob_missing_when_a_control_reads_it_is_an_error_not_a_pass() {
    let (_h, url) = remote("compliant");
    let tmp = tempfile::TempDir::new().expect("tmp");
    let out = tmp.path().join("out");
    let (stdout, stderr, code) = scan(&format!("{url}\n"), &out, &[]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    // The clone lacks pyproject.toml's blob; a check that reads it says so.
    let clone = clone_of(&out, "repo");
    let mut cmd = gonogo();
    cmd.arg("check")
        .arg(&clone)
        .args(["--playbook", &playbook_arg("scan-remote-more.toml")])
        .args(["--format", "json"]);
    let (json, err, _) = run_text(cmd);
    let evidence: Value =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}\n{err}"));
    assert_eq!(
        common::status(&evidence, "project-named"),
        "ERROR",
        "{json}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn the_list_comes_from_standard_input_and_an_empty_one_is_refused() {
    let tmp = tempfile::TempDir::new().expect("tmp");
    let (stdout, stderr, code) = scan("# nothing\n\n", &tmp.path().join("out"), &[]);
    assert_eq!(code, 2, "{stdout}");
    assert!(stderr.contains("names no repository"), "{stderr}");
    let (_h, url) = remote("compliant");
    let mut cmd = gonogo();
    cmd.args(["scan", "--repos", "-", "--out"])
        .arg(tmp.path().join("out2"))
        .args(["--playbook", &playbook_arg("scan-remote.toml")])
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .write_stdin(format!("{url}\n"));
    let (stdout, stderr, code) = run_text(cmd);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(stdout.starts_with("GO"), "{stdout}");
}

#[test]
fn shards_split_a_list_by_the_normalised_url() {
    let remotes: Vec<(History, String)> = (0..4).map(|_| remote("compliant")).collect();
    // Written with a trailing `/`: the identity, and so the shard, is the bare URL.
    let list: String = remotes.iter().map(|(_, url)| format!("{url}/\n")).collect();
    let tmp = tempfile::TempDir::new().expect("tmp");
    let mut seen = Vec::new();
    for i in 1..=2 {
        let out = tmp.path().join(format!("shard-{i}"));
        let shard = format!("{i}/2");
        let (stdout, stderr, code) = scan(&list, &out, &["--format", "ndjson", "--shard", &shard]);
        assert_eq!(code, 0, "{stdout}\n{stderr}");
        for l in lines(&stdout) {
            let url = l["repository"].as_str().expect("repository").to_string();
            assert_eq!(gonogo::pipeline::shard::owner(&url, 2), i - 1, "{url}");
            seen.push(url);
        }
    }
    seen.sort();
    let mut all: Vec<String> = remotes.iter().map(|(_, u)| u.clone()).collect();
    all.sort();
    assert_eq!(seen, all, "complete and disjoint");
}

#[test]
fn kinds_that_discover_what_they_read_fetch_it_as_they_read_it_and_judge_as_a_full_clone() {
    let mut h = History::from_fixture("compliant");
    h.write("data/large.csv", &"id,value\n".repeat(2000));
    h.commit("Initial commit", day(1));
    let url = h.serve_partial_clones();
    let tmp = tempfile::TempDir::new().expect("tmp");
    let out = tmp.path().join("out");
    // preset:default has `adr`, `tests` and `ownership` controls, which declare nothing.
    let (stdout, stderr, code) = scan(
        &format!("{url}\n"),
        &out,
        &["--format", "ndjson", "--playbook", "preset:default"],
    );
    assert!(code == 0 || code == 1, "{stdout}\n{stderr}");
    let remote = common::read_json(&out.join("repo.json"));
    // The same repository checked from its full local copy.
    let local_out = tmp.path().join("local");
    let mut cmd = gonogo();
    cmd.arg("scan")
        .arg(h.root().parent().expect("parent"))
        .arg("--out")
        .arg(&local_out)
        .args(["--playbook", "preset:default"])
        .env("SOURCE_DATE_EPOCH", EPOCH);
    let (text, err, _) = run_text(cmd);
    let local = common::read_json(&local_out.join("repo.json"));
    let statuses = |e: &Value| -> Vec<(String, String, Vec<String>)> {
        e["controls"]
            .as_array()
            .expect("controls")
            .iter()
            .map(|c| {
                (
                    c["id"].as_str().unwrap_or_default().to_string(),
                    c["status"].as_str().unwrap_or_default().to_string(),
                    common::codes(c),
                )
            })
            .collect()
    };
    assert_eq!(statuses(&remote), statuses(&local), "{text}{err}");
    assert_eq!(remote["decision"], local["decision"]);
    // What no control read stayed on the server.
    let clone = clone_of(&out, "repo");
    assert!(!has_object(&clone, &h.blob("data/large.csv")));
    assert!(has_object(&clone, &h.blob(".github/CODEOWNERS")));
}
