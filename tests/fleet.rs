//! `gonogo scan` at fleet size: shards that are complete, disjoint and stable; unchanged
//! repositories reused; one NDJSON line per repository, an error line for a broken one.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::history::{History, day};
use common::{copy_tree, fixtures, gonogo, init, run_text, snapshot};
use gonogo::pipeline::shard::owner;
use serde_json::Value;

const EPOCH: &str = "1772323200";

fn make_repo(dir: &Path, tree: &str) {
    std::fs::create_dir_all(dir).expect("mkdir");
    copy_tree(&fixtures().join("repos").join(tree), dir);
    snapshot(dir, "Initial commit");
}

fn scan(root: &Path, out: &Path, extra: &[&str], env: &[(&str, &str)]) -> (String, String, i32) {
    let mut cmd = gonogo();
    cmd.arg("scan")
        .arg(root)
        .arg("--out")
        .arg(out)
        .args(extra)
        .env("SOURCE_DATE_EPOCH", EPOCH);
    for (k, v) in env {
        cmd.env(k, v);
    }
    run_text(cmd)
}

fn lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

fn names(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("team-{}/service-{i:04}", i % 13))
        .collect()
}

/// Each entry's shard, 0-based, as `scan --shard` computes it over a whole list.
fn partition(list: &[String], n: usize) -> Vec<usize> {
    list.iter().map(|r| owner(r, n)).collect()
}

#[test]
fn shards_of_1000_are_complete_disjoint_and_adding_one_moves_few() {
    let list = names(1000);
    for n in [1, 2, 3, 4, 8, 10] {
        // Shards 1..n (1-based as on the command line).
        let parts: Vec<BTreeSet<&String>> = (1..=n)
            .map(|i| list.iter().filter(|r| owner(r, n) == i - 1).collect())
            .collect();
        let union: BTreeSet<&String> = parts.iter().flatten().copied().collect();
        assert_eq!(union.len(), 1000, "n={n}: complete");
        assert_eq!(
            parts.iter().map(BTreeSet::len).sum::<usize>(),
            1000,
            "n={n}: disjoint"
        );
        // Balanced enough that no shard is idle or doubled.
        for p in &parts {
            assert!(
                p.len() > 1000 / n / 2 && p.len() < 1000 / n * 2,
                "n={n}: {}",
                p.len()
            );
        }
        // Adding one repository moves at most a few of the others (rendezvous: none).
        let mut more = list.clone();
        more.push("team-new/service-new".into());
        let before = partition(&list, n);
        let after = partition(&more, n);
        let moved = (0..1000).filter(|k| before[*k] != after[*k]).count();
        let bound = 1 + 1000 / n / 10;
        assert!(moved <= bound, "n={n}: {moved} moved, at most {bound}");
        assert!(owner(&more[1000], n) < n);
    }
    // Adding a shard moves only those the new shard takes.
    let moved = list.iter().filter(|r| owner(r, 4) != owner(r, 5)).count();
    assert!(
        moved < 1000 / 5 * 3 / 2,
        "{moved} of 1000 moved from 4 to 5 shards"
    );
    assert!(
        list.iter()
            .all(|r| owner(r, 4) == owner(r, 5) || owner(r, 5) == 4)
    );
}

#[test]
fn each_shard_checks_only_its_part_and_together_they_check_all() {
    let root = tempfile::TempDir::new().expect("tmp");
    let all: Vec<String> = (0..6).map(|i| format!("svc-{i}")).collect();
    for name in &all {
        make_repo(&root.path().join(name), "compliant");
    }
    let mut seen = Vec::new();
    // The same partition from the 1-based flag, the 0-based flags and the CI variables.
    type Way<'a> = (Vec<String>, Vec<(&'a str, String)>);
    let ways: [Way; 3] = [
        (vec!["--shard".into(), "{i1}/3".into()], vec![]),
        (
            vec![
                "--shard-index".into(),
                "{i0}".into(),
                "--shard-total".into(),
                "3".into(),
            ],
            vec![],
        ),
        (
            vec![],
            vec![
                ("CI_NODE_INDEX", "{i1}".into()),
                ("CI_NODE_TOTAL", "3".into()),
            ],
        ),
    ];
    for (way, (flags, vars)) in ways.iter().enumerate() {
        let mut union = Vec::new();
        for i in 0..3 {
            let fill = |s: &String| {
                s.replace("{i1}", &(i + 1).to_string())
                    .replace("{i0}", &i.to_string())
            };
            let flags: Vec<String> = flags.iter().map(fill).collect();
            let mut flags: Vec<&str> = flags.iter().map(String::as_str).collect();
            flags.extend(["--format", "ndjson"]);
            let vars: Vec<(&str, String)> = vars.iter().map(|(k, v)| (*k, fill(v))).collect();
            let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let out = tempfile::TempDir::new().expect("tmp");
            let (stdout, stderr, code) = scan(root.path(), out.path(), &flags, &vars);
            assert_eq!(code, 0, "{stdout}{stderr}");
            assert!(stderr.contains(&format!("(shard {}/3)", i + 1)), "{stderr}");
            let part: Vec<String> = lines(&stdout)
                .iter()
                .map(|l| l["repository"].as_str().unwrap().to_string())
                .collect();
            let expected: Vec<&String> = all.iter().filter(|r| owner(r, 3) == i).collect();
            let mut sorted = part.clone();
            sorted.sort();
            assert_eq!(
                sorted.iter().collect::<Vec<_>>(),
                expected,
                "way {way} shard {i}"
            );
            // Only this part's evidence is written.
            for r in &all {
                assert_eq!(
                    out.path().join(format!("{r}.json")).is_file(),
                    part.contains(r)
                );
            }
            union.extend(part);
        }
        union.sort();
        assert_eq!(union, all, "way {way}: complete and disjoint");
        seen.push(union);
    }
    // The Kubernetes Indexed Job form: 0-based, the total from GONOGO_SHARD_TOTAL.
    let out = tempfile::TempDir::new().expect("tmp");
    let (stdout, stderr, code) = scan(
        root.path(),
        out.path(),
        &["--format", "ndjson"],
        &[("JOB_COMPLETION_INDEX", "0"), ("GONOGO_SHARD_TOTAL", "3")],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        lines(&stdout).len(),
        all.iter().filter(|r| owner(r, 3) == 0).count()
    );
    // A shard outside 1..N is refused.
    let (_, stderr, code) = scan(root.path(), out.path(), &["--shard", "0/3"], &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("1-based"), "{stderr}");
}

#[test]
fn a_second_scan_reuses_every_unchanged_result_and_force_checks_again() {
    let root = tempfile::TempDir::new().expect("tmp");
    for i in 0..8 {
        let tree = ["compliant", "conditions", "missing-must"][i % 3];
        make_repo(&root.path().join(format!("svc-{i}")), tree);
    }
    let out = tempfile::TempDir::new().expect("tmp");
    let started = std::time::Instant::now();
    let (first, _, code) = scan(root.path(), out.path(), &["--format", "ndjson"], &[]);
    let cold = started.elapsed();
    assert_eq!(code, 1);
    let first = lines(&first);
    assert!(first.iter().all(|l| l["reused"] == false));
    let evidence_before: Vec<String> = (0..8)
        .map(|i| std::fs::read_to_string(out.path().join(format!("svc-{i}.json"))).unwrap())
        .collect();

    let started = std::time::Instant::now();
    let (second, stderr, code) = scan(root.path(), out.path(), &["--format", "ndjson"], &[]);
    let warm = started.elapsed();
    assert_eq!(code, 1);
    let second = lines(&second);
    let reused = second.iter().filter(|l| l["reused"] == true).count();
    assert_eq!(reused, 8, "{second:?}");
    assert!(stderr.contains("8 reused"), "{stderr}");
    // Measured, never asserted (no timed tests): docs/performance.md has a manual run.
    eprintln!(
        "cold scan {cold:?}, warm scan {warm:?}: {:.1}x",
        cold.as_secs_f64() / warm.as_secs_f64().max(1e-9)
    );
    // The same decisions and the untouched evidence.
    for a in &first {
        let b = second
            .iter()
            .find(|l| l["repository"] == a["repository"])
            .expect("every repository again");
        assert_eq!(b["decision"], a["decision"]);
        assert_eq!(b["evidence"], a["evidence"]);
    }
    for (i, before) in evidence_before.iter().enumerate() {
        let now = std::fs::read_to_string(out.path().join(format!("svc-{i}.json"))).unwrap();
        assert_eq!(&now, before);
    }

    // A new commit in one repository: that one is checked again, the rest reused.
    std::fs::write(root.path().join("svc-0/NOTES.md"), "# Notes\n").unwrap();
    snapshot(&root.path().join("svc-0"), "Add notes");
    // An uncommitted change does not matter: scan checks the committed HEAD.
    std::fs::write(
        root.path().join("svc-1/README.md"),
        "changed, not committed\n",
    )
    .unwrap();
    let (third, _, _) = scan(root.path(), out.path(), &["--format", "ndjson"], &[]);
    let third = lines(&third);
    let fresh: Vec<&str> = third
        .iter()
        .filter(|l| l["reused"] == false)
        .map(|l| l["repository"].as_str().unwrap())
        .collect();
    assert_eq!(fresh, ["svc-0"]);

    // Another policy (here: --strict) and --force check everything again.
    let (strict, _, _) = scan(
        root.path(),
        out.path(),
        &["--format", "ndjson", "--strict"],
        &[],
    );
    assert!(lines(&strict).iter().all(|l| l["reused"] == false));
    let (forced, _, _) = scan(
        root.path(),
        out.path(),
        &["--format", "ndjson", "--force"],
        &[],
    );
    assert!(lines(&forced).iter().all(|l| l["reused"] == false));
    // A hand-edited evidence file is not reused.
    let (_, _, _) = scan(root.path(), out.path(), &[], &[]);
    std::fs::write(out.path().join("svc-2.json"), "{}").unwrap();
    let (again, _, _) = scan(root.path(), out.path(), &["--format", "ndjson"], &[]);
    let fresh: Vec<String> = lines(&again)
        .iter()
        .filter(|l| l["reused"] == false)
        .map(|l| l["repository"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fresh, ["svc-2"]);
}

#[test]
fn a_reused_scan_reports_and_writes_exactly_what_a_full_scan_does() {
    let root = tempfile::TempDir::new().expect("tmp");
    for i in 0..6 {
        let tree = ["compliant", "conditions", "missing-must"][i % 3];
        make_repo(&root.path().join(format!("svc-{i}")), tree);
    }
    let out = tempfile::TempDir::new().expect("tmp");
    let read = |file: &str| std::fs::read_to_string(out.path().join(file)).expect(file);
    let portfolio = || (read("portfolio.md"), read("portfolio.json"));
    let same_lines = |a: &str, b: &str| {
        // In the order they finished: sorted to compare.
        let sorted = |text: &str| {
            let mut l = lines(text);
            l.sort_by_key(|l| l["repository"].as_str().map(String::from));
            l
        };
        let (a, b) = (sorted(a), sorted(b));
        assert_eq!(a.len(), b.len());
        for (a, b) in a.iter().zip(&b) {
            for field in [
                "repository",
                "commit",
                "decision",
                "counts",
                "evidence",
                "error",
            ] {
                assert_eq!(a[field], b[field], "{field}: {a} / {b}");
            }
        }
    };
    let (first, first_err, first_code) =
        scan(root.path(), out.path(), &["--format", "ndjson"], &[]);
    let written = portfolio();

    // Every repository reused: the same lines, summary, exit code and portfolio, though no
    // evidence is parsed and the portfolio is not built again.
    let (second, second_err, second_code) =
        scan(root.path(), out.path(), &["--format", "ndjson"], &[]);
    assert!(lines(&second).iter().all(|l| l["reused"] == true));
    same_lines(&first, &second);
    assert_eq!(second_code, first_code);
    assert_eq!(
        second_err.replace("6 reused", "0 reused"),
        first_err,
        "the same totals"
    );
    assert_eq!(portfolio(), written);

    // A portfolio file changed by hand is written again.
    std::fs::write(out.path().join("portfolio.md"), "edited\n").unwrap();
    scan(root.path(), out.path(), &["-q"], &[]);
    assert_eq!(portfolio(), written);
    // Other portfolio options or another language build it again, and back.
    scan(root.path(), out.path(), &["-q", "--top", "1"], &[]);
    assert_ne!(read("portfolio.json"), written.1);
    scan(root.path(), out.path(), &["-q", "--lang", "de"], &[]);
    assert!(
        read("portfolio.md").starts_with("# Governance-Portfolio"),
        "{}",
        read("portfolio.md")
    );
    scan(root.path(), out.path(), &["-q"], &[]);
    assert_eq!(portfolio(), written);

    // One repository changed: the portfolio holds the reused evidence of the others as read
    // from their files, the same as a scan that checks every repository again.
    std::fs::write(root.path().join("svc-4/NOTES.md"), "# Notes\n").unwrap();
    snapshot(&root.path().join("svc-4"), "Add notes");
    let (partial, _, _) = scan(root.path(), out.path(), &["--format", "ndjson"], &[]);
    assert_eq!(
        lines(&partial)
            .iter()
            .filter(|l| l["reused"] == true)
            .count(),
        5
    );
    let rebuilt = portfolio();
    assert_ne!(rebuilt, written);
    let (forced, _, _) = scan(
        root.path(),
        out.path(),
        &["--format", "ndjson", "--force"],
        &[],
    );
    same_lines(&partial, &forced);
    assert_eq!(portfolio(), rebuilt);
}

#[test]
fn a_broken_repository_is_an_error_line_and_the_others_complete() {
    let root = tempfile::TempDir::new().expect("tmp");
    make_repo(&root.path().join("good-1"), "compliant");
    make_repo(&root.path().join("good-2"), "conditions");
    // No commit: nothing to check.
    init(&root.path().join("unborn"));
    let out = tempfile::TempDir::new().expect("tmp");
    let (stdout, stderr, code) = scan(root.path(), out.path(), &["--format", "ndjson"], &[]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    let lines = lines(&stdout);
    assert_eq!(lines.len(), 3, "{stdout}");
    for l in &lines {
        let keys: BTreeSet<&str> = l.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            BTreeSet::from([
                "repository",
                "commit",
                "decision",
                "counts",
                "evidence",
                "duration_ms",
                "reused",
                "error",
                "bytes_fetched",
            ])
        );
        let repo = l["repository"].as_str().unwrap();
        if repo.starts_with("good") {
            assert!(l["error"].is_null(), "{l}");
            assert_eq!(l["evidence"], format!("{repo}.json"));
            assert!(l["decision"].is_string());
            assert!(l["counts"]["PASS"].as_u64().unwrap() > 0);
            assert_eq!(l["commit"].as_str().map(str::len), Some(40));
        } else {
            assert!(l["error"].as_str().is_some_and(|e| !e.is_empty()), "{l}");
            assert!(l["evidence"].is_null() && l["decision"].is_null(), "{l}");
        }
    }
    assert!(out.path().join("good-1.json").is_file());
    assert!(out.path().join("good-2.json").is_file());
}

/// The examples docs/scaling.md shows, verbatim.
const EXAMPLES: [&str; 3] = [
    "docs/examples/fleet-matrix.yml",
    "docs/examples/fleet-indexed-job.yaml",
    "docs/examples/fleet-queries.sql",
];

#[test]
fn scaling_doc_shows_the_examples_verbatim_and_they_parse() {
    let doc = common::crate_file("docs/scaling.md");
    for example in EXAMPLES {
        assert!(
            doc.contains(&common::crate_file(example)),
            "docs/scaling.md does not contain {example} verbatim"
        );
    }
    let load = |rel: &str| {
        yaml_rust2::YamlLoader::load_from_str(&common::crate_file(rel))
            .unwrap_or_else(|e| panic!("{rel} is not YAML: {e}"))
            .remove(0)
    };
    let workflow = load("docs/examples/fleet-matrix.yml");
    let shards = workflow["jobs"]["scan"]["strategy"]["matrix"]["shard"]
        .as_vec()
        .expect("a shard matrix");
    assert!(shards.len() > 1);
    assert!(workflow["jobs"]["portfolio"]["needs"].as_str() == Some("scan"));
    let job = load("docs/examples/fleet-indexed-job.yaml");
    assert_eq!(job["kind"].as_str(), Some("Job"));
    assert_eq!(job["spec"]["completionMode"].as_str(), Some("Indexed"));
    let completions = job["spec"]["completions"].as_i64().expect("completions");
    let env = job["spec"]["template"]["spec"]["containers"][0]["env"]
        .as_vec()
        .expect("env");
    let total = env
        .iter()
        .find(|v| v["name"].as_str() == Some("GONOGO_SHARD_TOTAL"))
        .and_then(|v| v["value"].as_str())
        .expect("GONOGO_SHARD_TOTAL");
    assert_eq!(
        total,
        completions.to_string(),
        "the shard total is the Job's completions"
    );
}

/// Python with the duckdb package (.ci/run installs it); `None` skips outside CI.
fn duckdb_python() -> Option<std::path::PathBuf> {
    let python = common::tools::tool("python3")?;
    let ok = std::process::Command::new(&python)
        .args(["-c", "import duckdb"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            !common::tools::ci(),
            "python3 -m duckdb is missing; .ci/run installs it"
        );
        eprintln!("skipped: the Python package duckdb is not installed (.ci/run installs it)");
        return None;
    }
    Some(python)
}

#[test]
fn the_duckdb_queries_of_the_scaling_doc_answer_over_two_shards() {
    let Some(python) = duckdb_python() else {
        return;
    };
    let root = tempfile::TempDir::new().expect("tmp");
    for (name, tree) in [
        ("good", "compliant"),
        ("cond", "conditions"),
        ("bad-1", "missing-must"),
        ("bad-2", "missing-must"),
    ] {
        make_repo(&root.path().join(name), tree);
    }
    init(&root.path().join("unborn"));
    let work = tempfile::TempDir::new().expect("tmp");
    for shard in 1..=2 {
        let out = work.path().join(format!("evidence/shard-{shard}"));
        let (stdout, stderr, _) = scan(
            root.path(),
            &out,
            &[
                "--gate",
                "release",
                "--format",
                "ndjson",
                "--shard",
                &format!("{shard}/2"),
            ],
            &[],
        );
        assert!(stderr.contains(" of 5 (shard"), "{stderr}");
        std::fs::write(out.join(format!("shard-{shard}.ndjson")), stdout).unwrap();
    }
    // Each statement in turn; the results of the three questions as JSON.
    let script = r#"
import duckdb, json, sys
con = duckdb.connect()
answers = []
for stmt in [s.strip() for s in open(sys.argv[1]).read().split(';') if s.strip()]:
    rows = con.execute(stmt).fetchall()
    code = [l for l in stmt.splitlines() if not l.lstrip().startswith('--')]
    if not code[0].lstrip().upper().startswith('CREATE'):
        answers.append([[str(v) if v is not None else None for v in r] for r in rows])
print(json.dumps(answers))
"#;
    let out = std::process::Command::new(python)
        .current_dir(work.path())
        .args(["-c", script])
        .arg(common::crate_root().join("docs/examples/fleet-queries.sql"))
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answers: Value = serde_json::from_slice(&out.stdout).expect("json");
    eprintln!("{answers}");
    // By decision: 2 NO-GO, 1 GO WITH CONDITIONS, 1 GO WITH CONDITIONS or GO, and the one
    // that could not be checked (no decision).
    let by_decision = answers[0].as_array().unwrap();
    let count = |d: Option<&str>| {
        by_decision
            .iter()
            .find(|r| r[0].as_str() == d)
            .map(|r| r[1].as_str().unwrap().parse::<u32>().unwrap())
    };
    assert_eq!(count(Some("NO_GO")), Some(2));
    assert_eq!(count(None), Some(1));
    // The error line.
    assert_eq!(answers[1][0][0], "unborn");
    // NO-GO on the release gate, by control: both NO-GO repositories under each MUST control
    // they fail.
    let by_control = answers[2].as_array().unwrap();
    assert!(!by_control.is_empty());
    for row in by_control {
        assert_eq!(row[1], "2", "{row}");
        assert_eq!(row[2], "bad-1, bad-2", "{row}");
    }
}

#[test]
fn a_moved_fleet_is_checked_again() {
    // The evidence names the repository's path (`subject.root`): a moved clone is not reused.
    let tmp = tempfile::TempDir::new().expect("tmp");
    let before = tmp.path().join("a");
    make_repo(&before.join("svc"), "compliant");
    let out = tmp.path().join("out");
    let (_, _, code) = scan(&before, &out, &[], &[]);
    assert_eq!(code, 0);
    let (again, _, _) = scan(&before, &out, &["--format", "ndjson"], &[]);
    assert_eq!(lines(&again)[0]["reused"], true);
    let after = tmp.path().join("b");
    std::fs::rename(&before, &after).unwrap();
    let (moved, _, _) = scan(&after, &out, &["--format", "ndjson"], &[]);
    assert_eq!(lines(&moved)[0]["reused"], false);
}

#[test]
fn packed_branches_and_separate_git_dirs_are_reused_and_a_changed_remote_is_checked_again() {
    // HEAD is read from the `.git` folder's files; a packed branch and a `.git` file (here:
    // `--separate-git-dir`) give the same commit, so the earlier result is reused.
    let mut plain = History::from_fixture("compliant");
    let commit = plain.commit("Initial commit", day(0));
    let mut separate = History::separate_git_dir();
    separate.tree("compliant");
    separate.commit("Initial commit", day(0));
    let out = tempfile::TempDir::new().expect("tmp");
    let separate_out = tempfile::TempDir::new().expect("tmp");
    for (h, out) in [(&plain, &out), (&separate, &separate_out)] {
        let fleet = h.root().parent().expect("parent");
        let (_, _, code) = scan(fleet, out.path(), &[], &[]);
        assert_eq!(code, 0);
        let (again, _, _) = scan(fleet, out.path(), &["--format", "ndjson"], &[]);
        assert_eq!(lines(&again)[0]["reused"], true, "{again}");
    }

    let fleet = plain.root().parent().expect("parent");
    plain.git(&["pack-refs", "--all"]);
    assert!(!plain.git_dir().join("refs/heads/main").exists());
    let (packed, _, _) = scan(fleet, out.path(), &["--format", "ndjson"], &[]);
    assert_eq!(lines(&packed)[0]["reused"], true, "{packed}");
    assert_eq!(lines(&packed)[0]["commit"], commit.as_str());

    // The evidence names the remote: a new one checks the repository again, once.
    plain.git(&[
        "remote",
        "add",
        "origin",
        "https://git.example/team/svc.git",
    ]);
    let (remote, _, _) = scan(fleet, out.path(), &["--format", "ndjson"], &[]);
    assert_eq!(lines(&remote)[0]["reused"], false, "{remote}");
    let (again, _, _) = scan(fleet, out.path(), &["--format", "ndjson"], &[]);
    assert_eq!(lines(&again)[0]["reused"], true, "{again}");
}
