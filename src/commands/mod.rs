//! Command-line interface: clap definitions and wiring. No logic of its own.

pub mod hook;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::controls::KINDS;
use crate::diagnostics::{
    EXIT_ERROR, EXIT_GO, EXIT_NO_GO, render_diagnostic, report, stderr_color,
};
use crate::evidence::Decision;
use crate::playbook::{self, PlaybookChoice, PlaybookError};
use crate::render::{self, Format, Style};
use crate::snapshot::{self, Mode};
use crate::support::escape;

const EXAMPLES: &str = "\
Examples:
  gonogo check                          check the repository here with its playbook (or the default)
  gonogo check ../service --gate merge  check another repository at the merge gate
  gonogo check --staged --quiet         pre-commit: the index, one line of output
  gonogo check -o human -o json=evidence.json
                                        terminal output and an evidence file
  gonogo check -o github -o sarif=gonogo.sarif -o junit=gonogo.xml
                                        CI: annotations, code scanning, test report
  gonogo report evidence.json --format html > report.html
                                        render stored evidence without checking again
  gonogo report evidence.json --format markdown --summary --lang de
                                        one-page management summary in German
  gonogo playbook validate gonogo.toml  report every error in a playbook
  gonogo init --preset delivery         write a starter gonogo.toml

Exit codes: 0 GO (or GO WITH CONDITIONS unless --strict), 1 NO-GO, 2 usage, playbook or repository
error, or a must/should control that could not be evaluated (ERROR).";

#[derive(Debug, Parser)]
#[command(name = "gonogo", version, about = "Go/no-go governance checks for git repositories", after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a repository against the playbook and decide the gate.
    #[command(after_help = EXAMPLES)]
    Check(CheckArgs),
    /// Write a commented starter playbook (gonogo.toml).
    Init(InitArgs),
    /// Work with playbooks.
    Playbook {
        #[command(subcommand)]
        command: PlaybookCommand,
    },
    /// List every control kind with its parameters and finding codes.
    Controls,
    /// Print the evidence stored in git for a revision (see `check --note`); a note holds every
    /// gate checked on its commit: `--gate NAME` picks one, `--list` lists them.
    Show(ShowArgs),
    /// Render an evidence file in any format, without checking again.
    Report(ReportArgs),
    /// Repeat the check an evidence file records; exit 0 when it reproduces, 1 when not.
    Verify(VerifyArgs),
    /// Compare two evidence files: improved and regressed controls, new and resolved findings.
    /// Exit 1 when the newer one is worse.
    Diff {
        old: PathBuf,
        new: PathBuf,
        /// `human` or `json`.
        #[arg(short, long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Print the JSON Schema of the evidence report.
    Schema,
    /// One overview of many evidence files (or folders of them): decisions, pass rates, oldest
    /// open findings, expiring waivers, trends.
    Portfolio(crate::portfolio::PortfolioArgs),
    /// Check every git repository below a folder, in parallel; write each evidence file and the
    /// portfolio. Exit 1 when one is NO-GO, 2 when one could not be checked.
    Scan(crate::pipeline::scan::ScanArgs),
    /// Install or remove a git hook that runs `gonogo check` (without the pre-commit framework).
    Hook {
        #[command(subcommand)]
        command: crate::commands::hook::HookCommand,
    },
    /// Print shell completions.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Subcommand)]
pub enum PlaybookCommand {
    /// Report every error of a playbook, or print that it is valid.
    Validate {
        /// The playbook; default: gonogo.toml or .gonogo/playbook.toml here, else the default preset.
        file: Option<PathBuf>,
    },
    /// Run the playbook against the fixture folders of its tests file (gonogo.tests.toml) and
    /// compare decisions and findings with the expected ones. Exit 1 when a case fails.
    Test(crate::pipeline::playbook_test::TestArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The repository (any folder inside it) or a plain folder.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Playbook file, or `preset:NAME`. Default: gonogo.toml or .gonogo/playbook.toml at the root, else preset:default.
    #[arg(short, long, value_name = "FILE")]
    pub playbook: Option<PathBuf>,
    /// The gate to decide. Default: `release` when defined, else every control.
    #[arg(short, long, value_name = "NAME")]
    pub gate: Option<String>,
    /// Check this commit, tag or branch instead of HEAD.
    #[arg(long, value_name = "REV", conflicts_with_all = ["staged", "worktree"])]
    pub rev: Option<String>,
    /// Measure changes against the merge base with this revision (default in CI: the merge
    /// request's base from GITHUB_BASE_REF, CI_MERGE_REQUEST_DIFF_BASE_SHA or
    /// CI_MERGE_REQUEST_TARGET_BRANCH_NAME).
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// Read the policy (playbook, waivers) from this trusted revision, e.g. an organisation's
    /// policy branch fetched by CI. Default: GONOGO_POLICY_REF, else the base (with --base), else
    /// the checked commit.
    #[arg(long, value_name = "REF")]
    pub policy_ref: Option<String>,
    /// The reference date for expiry, freshness and reviews: YYYY-MM-DD (00:00 UTC) or RFC 3339.
    /// Default: SOURCE_DATE_EPOCH, else today (UTC). Never the commit date.
    #[arg(long, value_name = "DATE", value_parser = crate::support::dates::parse_as_of)]
    pub as_of: Option<jiff::Timestamp>,
    /// Check the index (what the next commit would hold); changes are the index against HEAD.
    #[arg(long, conflicts_with = "worktree")]
    pub staged: bool,
    /// Check the files on disk: tracked ones plus untracked, not-ignored ones.
    #[arg(long)]
    pub worktree: bool,
    /// The version being released (for release checklists). Default: the tag being checked, without `v`.
    #[arg(long, value_name = "VERSION")]
    pub release_version: Option<String>,
    /// Treat GO WITH CONDITIONS as NO-GO.
    #[arg(long)]
    pub strict: bool,
    /// Format written to standard output.
    #[arg(short, long, value_enum)]
    pub format: Option<Format>,
    /// FORMAT or FORMAT=FILE; may repeat (e.g. `-o human -o json=evidence.json`).
    #[arg(short, long = "output", value_name = "FORMAT[=FILE]")]
    pub outputs: Vec<String>,
    /// Print only the decision line.
    #[arg(short, long)]
    pub quiet: bool,
    /// Waiver file. Default: the playbook's `[waivers] file`, else .gonogo/waivers.toml, if it exists.
    #[arg(long, value_name = "FILE")]
    pub waivers: Option<PathBuf>,
    /// An earlier evidence file: only findings it does not have count (a ratchet for legacy code).
    #[arg(long, value_name = "EVIDENCE.json")]
    pub baseline: Option<PathBuf>,
    /// The merge request's reviews as the CI fetched them: the JSON of GitHub's
    /// `pulls/{n}/reviews` or GitLab's `merge_requests/:iid/approvals`.
    #[arg(long, value_name = "FILE")]
    pub approvals: Option<PathBuf>,
    /// Store the evidence JSON as a git note on the checked commit.
    #[arg(long, conflicts_with_all = ["staged", "worktree"])]
    pub note: bool,
    /// The notes ref for --note (`audit` means `refs/notes/audit`, as in git).
    #[arg(long, value_name = "REF", default_value = crate::evidence::notes::DEFAULT_REF)]
    pub notes_ref: String,
    /// Files larger than this many bytes are reported, not read.
    #[arg(long, value_name = "BYTES", default_value_t = snapshot::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    /// Colour in terminal output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    #[command(flatten)]
    pub text: TextArgs,
}

/// How texts for people are written.
#[derive(Debug, Args)]
pub struct TextArgs {
    /// Language of texts for people. Default: the playbook's `language`, else LC_ALL/LC_MESSAGES/LANG (de* → German), else English.
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<crate::render::i18n::Language>,
    /// Markdown: the one-page management summary (decision, top risks, what must happen before go, limits).
    #[arg(long)]
    pub summary: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The evidence file (`-` for standard input), as written by `check --format json`.
    pub evidence: PathBuf,
    /// Format written to standard output.
    #[arg(short, long, value_enum)]
    pub format: Option<Format>,
    /// FORMAT or FORMAT=FILE; may repeat.
    #[arg(short, long = "output", value_name = "FORMAT[=FILE]")]
    pub outputs: Vec<String>,
    /// Colour in terminal output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    #[command(flatten)]
    pub text: TextArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The commit, tag or branch whose evidence to show.
    #[arg(default_value = "HEAD")]
    pub rev: String,
    /// The repository.
    #[arg(long, default_value = ".")]
    pub repo: PathBuf,
    #[arg(short, long, value_enum, default_value = "human")]
    pub format: Format,
    /// The notes ref the evidence is stored under.
    #[arg(long, value_name = "REF", default_value = crate::evidence::notes::DEFAULT_REF)]
    pub notes_ref: String,
    /// The gate whose evidence to show; needed when the note holds several gates.
    #[arg(short, long, value_name = "NAME")]
    pub gate: Option<String>,
    /// List the gates the note holds (decision, date, digest) instead of showing one.
    #[arg(long, conflicts_with = "gate")]
    pub list: bool,
    #[command(flatten)]
    pub text: TextArgs,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The evidence file (`-` for standard input).
    pub evidence: PathBuf,
    /// The repository; default: the root recorded in the evidence.
    #[arg(long)]
    pub repo: Option<PathBuf>,
    /// The playbook; default: the one recorded in the evidence (its SHA-256 must match).
    #[arg(short, long)]
    pub playbook: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write gonogo.toml.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// The preset the starter playbook extends.
    #[arg(long, default_value = "default")]
    pub preset: String,
    /// Overwrite an existing gonogo.toml.
    #[arg(long)]
    pub force: bool,
}

pub fn main() -> ExitCode {
    // Lets the test suite prove what a panic looks like to a user; nothing else sets it.
    if std::env::var_os("GONOGO_INTERNAL_PANIC_TEST").is_some() {
        panic!("panic requested by GONOGO_INTERNAL_PANIC_TEST");
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_ERROR } else { EXIT_GO });
        }
    };
    ExitCode::from(run(cli))
}

pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Init(args) => init(args),
        Command::Playbook {
            command: PlaybookCommand::Validate { file },
        } => validate(file),
        Command::Controls => {
            print!("{}", controls_text());
            EXIT_GO
        }
        Command::Show(args) => show(args),
        Command::Report(args) => report_command(args),
        Command::Verify(args) => verify(args),
        Command::Diff { old, new, format } => diff(&old, &new, format),
        Command::Portfolio(args) => crate::portfolio::main(args),
        Command::Scan(args) => crate::pipeline::scan::main(args),
        Command::Playbook {
            command: PlaybookCommand::Test(args),
        } => crate::pipeline::playbook_test::main(args),
        Command::Hook { command } => crate::commands::hook::run(command),
        Command::Schema => {
            print!("{}", crate::evidence::json_schema());
            EXIT_GO
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "gonogo", &mut std::io::stdout());
            EXIT_GO
        }
    }
}

struct Output {
    format: Format,
    file: Option<PathBuf>,
}

fn parse_outputs(specs: &[String], format: Option<Format>) -> Result<Vec<Output>, String> {
    let mut outputs = Vec::new();
    for spec in specs {
        let (name, file) = match spec.split_once('=') {
            Some((n, f)) if !f.is_empty() => (n, Some(PathBuf::from(f))),
            Some((n, _)) => {
                return Err(format!(
                    "`-o {spec}`: give a file after `=`, or write `-o {n}` for standard output"
                ));
            }
            None => (spec.as_str(), None),
        };
        let format = Format::from_str(name, true).map_err(|_| {
            let names: Vec<String> = Format::value_variants()
                .iter()
                .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_string()))
                .collect();
            format!(
                "`-o {spec}`: unknown format `{name}`; formats: {}",
                names.join(", ")
            )
        })?;
        outputs.push(Output { format, file });
    }
    if let Some(format) = format {
        outputs.push(Output { format, file: None });
    }
    if !outputs.iter().any(|o| o.file.is_none()) {
        outputs.insert(
            0,
            Output {
                format: Format::Human,
                file: None,
            },
        );
    }
    Ok(outputs)
}

fn check(args: CheckArgs) -> u8 {
    let outputs = match parse_outputs(&args.outputs, args.format) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_ERROR;
        }
    };
    let mode = match (&args.rev, args.staged, args.worktree) {
        (Some(rev), _, _) => Mode::Rev(rev.clone()),
        (None, true, _) => Mode::Staged,
        (None, false, true) => Mode::Worktree,
        _ => Mode::Head,
    };
    // The CI default applies to git repositories only: a plain folder has no history to compare.
    let base = match &args.base {
        Some(rev) => Some(crate::snapshot::base::BaseChoice {
            rev: rev.clone(),
            source: crate::snapshot::base::BaseSource::Option,
        }),
        None => crate::snapshot::layout::open(&args.path, &crate::snapshot::GitEnv::from_process())
            .ok()
            .flatten()
            .and_then(|repo| crate::snapshot::base::from_ci(&repo, &|k| std::env::var(k).ok())),
    };
    let request = crate::pipeline::run::CheckRequest {
        playbook: args.playbook.clone(),
        gate: args.gate.clone(),
        strict: args.strict,
        source_date_epoch: crate::pipeline::run::source_date_epoch_from_env(),
        as_of: args.as_of.map(|at| crate::support::dates::AsOf {
            at,
            source: crate::support::dates::DateSource::AsOf,
        }),
        max_file_size: Some(args.max_file_size),
        mode: Some(mode),
        policy_ref: args.policy_ref.clone().or_else(|| {
            std::env::var("GONOGO_POLICY_REF")
                .ok()
                .filter(|v| !v.trim().is_empty())
        }),
        base: base.as_ref().map(|b| b.rev.clone()),
        base_source: base.as_ref().map(|b| b.source),
        waivers: args.waivers.clone(),
        baseline: args.baseline.clone(),
        release_version: args.release_version.clone(),
        approvals: args.approvals.clone(),
        ignore_git_env: false,
    };
    let (evidence, snapshot) =
        match crate::pipeline::run::run_check_keeping_snapshot(&args.path, &request) {
            Ok(checked) => checked,
            Err(e) => {
                eprint!("{}", e.render(stderr_color()));
                return EXIT_ERROR;
            }
        };
    let root = PathBuf::from(&evidence.subject.root);
    let style = Style {
        color: false,
        quiet: args.quiet,
        lang: crate::render::i18n::resolve(args.text.lang, evidence.playbook.language),
        summary: args.text.summary,
    };
    if let Err(code) = emit(&evidence, &outputs, style, args.color) {
        return code;
    }
    if args.note {
        match crate::evidence::notes::write(&root, &evidence, &args.notes_ref) {
            // A replacement is said even with --quiet: it removed what an earlier run stored.
            Ok(written) if !args.quiet || written.stored.replaced => {
                eprintln!("{}", written.message())
            }
            Ok(_) => {}
            Err(e) => return report(&e),
        }
    }
    // The process ends here: freeing 100,000 paths and libgit2's caches one by one took a
    // tenth of a monorepo check, and the operating system reclaims it all at once.
    std::mem::forget(snapshot);
    if crate::controls::change_rules::lacks_change_set(&evidence) {
        // Not a decision: the invocation left out the change set a `must` rule needs.
        eprintln!(
            "error: a must change rule has no change set: pass --base REV, or run in a merge request pipeline"
        );
        return EXIT_ERROR;
    }
    let unevaluated = crate::verdict::unevaluated(&evidence);
    if !unevaluated.is_empty() {
        // The evidence is written and says NO-GO (or conditions); the exit code says that the
        // decision rests on rules that could not be evaluated.
        if !args.quiet {
            eprintln!(
                "error: {} could not be evaluated: {}",
                if unevaluated.len() == 1 {
                    "a control"
                } else {
                    "controls"
                },
                unevaluated.join(", ")
            );
        }
        return EXIT_ERROR;
    }
    decision_exit(evidence.decision)
}

fn decision_exit(decision: Decision) -> u8 {
    match decision {
        Decision::Go | Decision::GoWithConditions => EXIT_GO,
        Decision::NoGo => EXIT_NO_GO,
    }
}

/// Writes every output; `GITHUB_STEP_SUMMARY` gets the Markdown report when `github` is among
/// the formats. Returns the exit code on failure.
fn emit(
    evidence: &crate::evidence::Evidence,
    outputs: &[Output],
    style: Style,
    color: ColorChoice,
) -> Result<(), u8> {
    let attestable = evidence.subject.commit.is_some()
        && matches!(
            evidence.subject.mode,
            snapshot::SnapshotMode::Head | snapshot::SnapshotMode::Rev
        );
    if !attestable && outputs.iter().any(|o| o.format == Format::InToto) {
        eprintln!(
            "error: an in-toto statement attests a commit; this check was of {} state, not of a commit (check HEAD or --rev)",
            serde_json::to_value(evidence.subject.mode)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        );
        return Err(EXIT_ERROR);
    }
    for output in outputs {
        let style = Style {
            color: output.format == Format::Human && output.file.is_none() && stdout_color(color),
            ..style
        };
        let text = render::render(evidence, output.format, style);
        match &output.file {
            None => {
                let mut stdout = std::io::stdout().lock();
                if stdout
                    .write_all(text.as_bytes())
                    .and_then(|_| stdout.flush())
                    .is_err()
                {
                    return Err(EXIT_ERROR);
                }
            }
            Some(path) => {
                if let Err(e) = std::fs::write(path, text) {
                    eprintln!("error: cannot write {}: {e}", path.display());
                    return Err(EXIT_ERROR);
                }
            }
        }
    }
    if outputs.iter().any(|o| o.format == Format::Github)
        && let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty())
    {
        let text = render::render(evidence, Format::Markdown, style);
        let appended = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .and_then(|mut f| f.write_all(text.as_bytes()));
        if let Err(e) = appended {
            eprintln!(
                "error: cannot append to GITHUB_STEP_SUMMARY ({}): {e}",
                Path::new(&path).display()
            );
            return Err(EXIT_ERROR);
        }
    }
    Ok(())
}

fn show(args: ShowArgs) -> u8 {
    let (commit, note) = match crate::evidence::notes::read(&args.repo, &args.rev, &args.notes_ref)
    {
        Ok(read) => read,
        Err(e) => return report(&e),
    };
    let only = (note.gates.len() == 1)
        .then(|| note.gates.keys().next().cloned())
        .flatten();
    let gate = match (&args.gate, only) {
        (Some(gate), _) if !args.list => gate.clone(),
        (None, Some(gate)) if !args.list => gate,
        _ => return show_list(&args, &commit, &note),
    };
    let evidence = match crate::evidence::notes::evidence_of(&args.rev, &note, &gate) {
        Ok(evidence) => evidence,
        Err(e) => return report(&e),
    };
    let style = Style {
        color: false,
        quiet: false,
        lang: crate::render::i18n::resolve(args.text.lang, evidence.playbook.language),
        summary: args.text.summary,
    };
    let outputs = [Output {
        format: args.format,
        file: None,
    }];
    match emit(&evidence, &outputs, style, ColorChoice::Auto) {
        Ok(()) => EXIT_GO,
        Err(code) => code,
    }
}

/// The gates a note holds (`show --list`, or a note of several gates without `--gate`).
fn show_list(args: &ShowArgs, commit: &str, note: &crate::evidence::notes::Note) -> u8 {
    use crate::evidence::notes::listing;
    let listing = listing::listing(
        commit,
        &crate::evidence::notes::full_ref(&args.notes_ref),
        note,
    );
    let text = match args.format {
        Format::Json => listing::render_json(&listing),
        Format::Human => listing::render_human(&listing, &args.rev),
        other => {
            eprintln!(
                "error: the note on {} holds {} gates ({}); choose one with --gate NAME to render it as {}, or list them with -f human or -f json",
                args.rev,
                note.gates.len(),
                listing::names(note),
                format_name(other)
            );
            return EXIT_ERROR;
        }
    };
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Ok(()) => EXIT_GO,
        Err(_) => EXIT_ERROR,
    }
}

fn format_name(format: Format) -> String {
    format
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

fn report_command(args: ReportArgs) -> u8 {
    let outputs = match parse_outputs(&args.outputs, args.format) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_ERROR;
        }
    };
    let evidence = match read_evidence(&args.evidence) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let style = Style {
        color: false,
        quiet: false,
        lang: crate::render::i18n::resolve(args.text.lang, evidence.playbook.language),
        summary: args.text.summary,
    };
    match emit(&evidence, &outputs, style, args.color) {
        Ok(()) => EXIT_GO,
        Err(code) => code,
    }
}

/// Reads and parses an evidence file (`-`: standard input); prints the error and returns exit 2.
fn read_evidence(path: &Path) -> Result<crate::evidence::Evidence, u8> {
    let text = read_text(path)?;
    crate::evidence::Evidence::from_json(&text).map_err(|e| {
        let e = e.to_string();
        eprintln!("error: {}: {}", path.display(), escape::text(&e));
        EXIT_ERROR
    })
}

/// The text of a file (`-`: standard input); prints the error and returns exit 2.
fn read_text(path: &Path) -> Result<String, u8> {
    if path.as_os_str() == "-" {
        let mut s = String::new();
        if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut s) {
            eprintln!("error: cannot read standard input: {e}");
            return Err(EXIT_ERROR);
        }
        Ok(s)
    } else {
        std::fs::read_to_string(path).map_err(|e| {
            eprintln!("error: cannot read {}: {e}", path.display());
            EXIT_ERROR
        })
    }
}

/// How many differing leaves `verify` prints before it says how many more there are.
const MAX_LISTED: usize = 200;

fn verify(args: VerifyArgs) -> u8 {
    let text = match read_text(&args.evidence) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let v = match crate::pipeline::verify::verify(
        &text,
        args.repo.as_deref(),
        args.playbook.as_deref(),
    ) {
        Ok(v) => v,
        Err(crate::pipeline::verify::VerifyError::NotEvidence(e)) => {
            let e = e.to_string();
            eprintln!("error: {}: {}", args.evidence.display(), escape::text(&e));
            return EXIT_ERROR;
        }
        Err(e) => return report(&e),
    };
    if v.verified() {
        let Some(e) = &v.repeated else {
            return EXIT_ERROR;
        };
        let digest = match &v.digest {
            crate::evidence::canonical::DigestCheck::Valid(hex) => hex.as_str(),
            _ => "",
        };
        println!(
            "reproduced: {} at {} — decision {}, {} controls match; every field matches, digest sha256:{digest}",
            escape::text(&e.gate.name),
            escape::text(e.subject.commit.as_deref().unwrap_or("?")),
            e.decision.label(),
            e.controls.len()
        );
        return EXIT_GO;
    }
    let mut lines: Vec<String> = v.digest.problem().into_iter().collect();
    lines.extend(v.not_repeated.clone());
    let leaves = v.differences.len();
    lines.extend(v.differences.iter().take(MAX_LISTED).map(|d| d.to_string()));
    if leaves > MAX_LISTED {
        lines.push(format!("… and {} more", leaves - MAX_LISTED));
    }
    if v.not_repeated.is_some() || leaves > 0 {
        println!("NOT reproduced: {} difference(s)", leaves.max(1));
    } else {
        println!("NOT verified: the content reproduces, but its digest does not hold");
    }
    // Recorded and reproduced values quote the evidence file and the repository.
    for line in &lines {
        println!("  - {}", escape::text(line));
    }
    if !v.summary.is_empty() {
        println!("in substance:");
        for line in &v.summary {
            println!("  - {}", escape::text(line));
        }
    }
    EXIT_NO_GO
}

fn diff(old: &Path, new: &Path, format: Format) -> u8 {
    let (a, b) = match (read_evidence(old), read_evidence(new)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let trend = crate::evidence::trend::diff(&a, &b);
    match format {
        Format::Json => println!(
            "{}",
            escape::json_text(serde_json::to_string_pretty(&trend).unwrap_or_default())
        ),
        _ => print!("{}", crate::evidence::trend::render_text(&trend)),
    }
    if trend.is_worse() {
        EXIT_NO_GO
    } else {
        EXIT_GO
    }
}

fn stdout_color(choice: ColorChoice) -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => !no_color && std::io::stdout().is_terminal(),
    }
}

/// The playbook's path as the evidence records it: relative to the repository root when inside
/// it, else absolute (never relative to the current folder, which `verify` does not know).
pub fn report_playbook(e: &PlaybookError) -> u8 {
    let summary = e.to_string();
    let summary = escape::text(&summary);
    if e.diagnostics.is_empty() {
        eprintln!("error: {summary}");
        return EXIT_ERROR;
    }
    let color = stderr_color();
    for d in &e.diagnostics {
        eprint!("{}", render_diagnostic(d, color));
    }
    eprintln!("error: {summary}");
    EXIT_ERROR
}

fn validate(file: Option<PathBuf>) -> u8 {
    let root =
        crate::snapshot::layout::open(Path::new("."), &crate::snapshot::GitEnv::from_process())
            .ok()
            .flatten()
            .and_then(|r| r.workdir().map(Path::to_path_buf))
            .unwrap_or_else(|| PathBuf::from("."));
    let choice = playbook::choose(file.as_deref(), Some(&root));
    let loaded = match &choice {
        PlaybookChoice::Explicit(p) | PlaybookChoice::Discovered(p) => {
            playbook::load::load_file_typed(p)
        }
        PlaybookChoice::Preset(n) => playbook::load_preset(n),
    };
    match loaded {
        Ok(p) => {
            let name = match &choice {
                PlaybookChoice::Explicit(p) | PlaybookChoice::Discovered(p) => {
                    p.display().to_string()
                }
                PlaybookChoice::Preset(n) => format!("preset:{n}"),
            };
            println!(
                "valid: {} ({}): {} control{}, {} gate{}",
                escape::text(&name),
                escape::text(&p.meta.name),
                p.controls.len(),
                if p.controls.len() == 1 { "" } else { "s" },
                p.gates.len(),
                if p.gates.len() == 1 { "" } else { "s" }
            );
            EXIT_GO
        }
        Err(e) => report_playbook(&e),
    }
}

fn init(args: InitArgs) -> u8 {
    let Some(text) = starter_playbook(&args.preset) else {
        eprintln!(
            "error: there is no preset `{}`; presets: {}",
            args.preset,
            playbook::PRESETS
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        );
        return EXIT_ERROR;
    };
    let target = args.path.join("gonogo.toml");
    if target.exists() && !args.force {
        eprintln!(
            "error: {} exists; use --force to overwrite it",
            target.display()
        );
        return EXIT_ERROR;
    }
    if let Err(e) = std::fs::write(&target, text) {
        eprintln!("error: cannot write {}: {e}", target.display());
        return EXIT_ERROR;
    }
    println!(
        "wrote {} (extends preset:{})",
        target.display(),
        args.preset
    );
    println!("next: edit it, then run `gonogo playbook validate` and `gonogo check`");
    EXIT_GO
}

/// A commented starter playbook that extends a preset.
pub fn starter_playbook(preset: &str) -> Option<String> {
    playbook::preset_text(preset)?;
    Some(format!(
        r#"# gonogo playbook — the guardrails and go/no-go criteria agreed for this repository.
# Reference: docs/playbook.md. Check it with `gonogo playbook validate`.

[playbook]
name = "My service"
version = "0.1.0"
owner = "platform-team"
# language = "de"               # texts for people: "en" or "de"
# Start from an embedded preset; the controls below add to or override its controls by id.
extends = ["preset:{preset}"]
# disable = ["codeowners"]      # switch off an inherited control

# A control: id (stable), kind (see `gonogo controls`), level (must | should | may).
[[control]]
id = "changelog"
kind = "files"
level = "should"
title = "Changes are recorded in a changelog"
rationale = "Reviewers and auditors read what changed per release."
remediation = "Add CHANGELOG.md (see https://keepachangelog.com)."
tags = ["release"]
require = ["{{CHANGELOG,CHANGES,HISTORY}}{{,.md}}"]
case-insensitive = true

# No secrets or key material in the repository.
# [[control]]
# id = "no-private-keys"
# kind = "files"
# level = "must"
# title = "No private keys are committed"
# forbid = ["**/*.pem", "**/id_rsa"]

# Gates pick controls by id, `tag:NAME`, or `*`.
[gates.merge]
description = "Before a merge request is merged"
controls = ["*"]
exclude = ["tag:release"]

[gates.release]
description = "Before a release is shipped"
controls = ["*"]
"#
    ))
}

/// The text of `gonogo controls`.
pub fn controls_text() -> String {
    let mut out = String::new();
    for kind in KINDS {
        out.push_str(&format!(
            "{}
  {}
  parameters:
",
            kind.name, kind.summary
        ));
        for p in kind.params {
            out.push_str(&format!(
                "    {} ({}, default {})
        {}\n",
                p.name, p.ty, p.default, p.doc
            ));
        }
        out.push_str("  finding codes:\n");
        for c in kind.codes {
            out.push_str(&format!("    {}\n        {}\n", c.code, c.doc));
        }
        out.push('\n');
    }
    out.push_str("Every control also takes: id, kind, level (must|should|may), title, rationale, remediation, tags,\napplies-if, only-if-changed, fresh-within, fresh-within-commits. See docs/playbook.md.\n");
    out
}
