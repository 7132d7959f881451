//! Command-line interface: clap definitions and wiring. No logic of its own.

pub mod check;
pub mod controls;
mod controls_de;
pub mod diff;
pub mod fix;
pub mod help;
pub mod hook;
pub mod init;
pub mod playbook;
pub mod portfolio;
pub mod report;
pub mod scan;
mod scan_portfolio;
pub mod show;
pub mod steering;
pub mod verify;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::diagnostics::{
    EXIT_ERROR, EXIT_GO, EXIT_NO_GO, render_diagnostic, report, stderr_color,
};
use crate::evidence::Decision;
use crate::playbook::{PlaybookChoice, PlaybookError};
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
    Check(check::CheckArgs),
    /// Write a commented starter playbook (gonogo.toml).
    Init(init::InitArgs),
    /// List what the playbook finds missing and the files that would satisfy it; `--write`
    /// creates them from templates (English or German), never over an existing file.
    Fix(fix::FixArgs),
    /// Work with playbooks.
    Playbook {
        #[command(subcommand)]
        command: PlaybookCommand,
    },
    /// List every control kind with its parameters and finding codes.
    Controls(LangArg),
    /// Print the evidence stored in git for a revision (see `check --note`); a note holds every
    /// gate checked on its commit: `--gate NAME` picks one, `--list` lists them.
    Show(show::ShowArgs),
    /// Render an evidence file in any format, without checking again.
    Report(report::ReportArgs),
    /// Repeat the check an evidence file records; exit 0 when it reproduces, 1 when not.
    Verify(verify::VerifyArgs),
    /// Compare two evidence files: improved and regressed controls, new and resolved findings.
    /// Exit 1 when the newer one is worse; 2 when the two decide different gates or are of
    /// different repositories (compared, but not judged).
    Diff {
        old: PathBuf,
        new: PathBuf,
        /// `human` or `json`.
        #[arg(short, long, value_enum, default_value = "human")]
        format: Format,
        /// Language of the text: en or de (default: GONOGO_LANG, the locale, the playbook's).
        #[arg(long, value_enum, value_name = "LANG")]
        lang: Option<crate::render::i18n::Language>,
    },
    /// Print the JSON Schema of the evidence report.
    Schema(LangArg),
    /// One overview of many evidence files (or folders of them): decisions, pass rates, oldest
    /// open findings, expiring waivers, trends.
    Portfolio(portfolio::PortfolioArgs),
    /// Check every git repository below a folder, or those a list names (`--repos`: remote ones
    /// as blobless clones), in parallel; write each evidence file and the portfolio. Exit 1
    /// when one is NO-GO, 2 when one could not be checked or cloned.
    Scan(scan::ScanArgs),
    /// Write the monthly steering pack: each gate's decision and its change since the last pack,
    /// top risks with light and trend, the decision log and expiring waivers of the window,
    /// priorities and next steps, assumptions and limits. Markdown or printable HTML.
    Steering(steering::SteeringArgs),
    /// Install or remove a git hook that runs `gonogo check` (without the pre-commit framework).
    Hook {
        #[command(subcommand)]
        command: hook::HookCommand,
    },
    /// Print shell completions.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
        #[command(flatten)]
        lang: LangArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum PlaybookCommand {
    /// Report every error of a playbook, or print that it is valid.
    Validate {
        /// The playbook; default: gonogo.toml or .gonogo/playbook.toml here, else the default preset.
        file: Option<PathBuf>,
        #[command(flatten)]
        lang: LangArg,
    },
    /// Print the playbook as resolved: every control and gate, inherited ones included, with
    /// the file and line each came from.
    Show {
        /// The playbook; default: gonogo.toml or .gonogo/playbook.toml here, else the default preset.
        file: Option<PathBuf>,
        /// Language of the text: en or de (default: GONOGO_LANG, the locale, the playbook's).
        #[arg(long, value_enum, value_name = "LANG")]
        lang: Option<crate::render::i18n::Language>,
    },
    /// Run the playbook against the fixture folders of its tests file (gonogo.tests.toml) and
    /// compare decisions and findings with the expected ones. Exit 1 when a case fails.
    Test(playbook::TestArgs),
    /// Print the JSON Schema of a playbook (or, with --waivers, of a waiver file) for editors:
    /// taplo and Even Better TOML read it from a `#:schema` line (docs/playbook.md).
    Schema {
        /// The schema of the waiver file instead of the playbook's.
        #[arg(long)]
        waivers: bool,
        #[command(flatten)]
        lang: LangArg,
    },
    /// Translate a repolinter ruleset (repolinter.json, .yaml) or an alint config (.alint.yml)
    /// into a playbook; what cannot be translated is listed as comments.
    Import(playbook::ImportArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// `--lang` for a command that has no other text options.
#[derive(Debug, Clone, Copy, Args)]
pub struct LangArg {
    /// Language of texts for people. Default: GONOGO_LANG, else LC_ALL/LC_MESSAGES/LANG (de* → German), else the playbook's `language` where there is one, else English.
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<crate::render::i18n::Language>,
}

impl LangArg {
    /// The language of this command's texts when there is no playbook to ask.
    pub fn resolve(self) -> crate::render::i18n::Language {
        crate::render::i18n::resolve(self.lang, None)
    }
}

/// How texts for people are written.
#[derive(Debug, Args)]
pub struct TextArgs {
    /// Language of texts for people. Default: GONOGO_LANG, else LC_ALL/LC_MESSAGES/LANG (de* → German), else the playbook's `language`, else English.
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<crate::render::i18n::Language>,
    /// Markdown or HTML: the one-page management summary (decision, top risks, what must happen before go, risk matrix, limits).
    #[arg(long)]
    pub summary: bool,
    /// Markdown: fold details (least severe first) to keep the report under BYTES. Default 65536, a pull-request comment's limit; 0 = no limit.
    #[arg(long, value_name = "BYTES")]
    pub max_size: Option<usize>,
    /// SARIF: write no `automationDetails.id`, so the uploader's category (upload-sarif `category`) names the analysis.
    #[arg(long)]
    pub sarif_no_category: bool,
    /// Show in the terminal what this control looked at: the files it matched with their blob
    /// ids and lines, what it found, the fix, the waiver that applied. May repeat.
    #[arg(long, value_name = "ID")]
    pub explain: Vec<String>,
    /// Explain every control (what --explain shows), those that did not pass first.
    #[arg(short, long)]
    pub verbose: bool,
}

impl TextArgs {
    /// Prints the explanations `--explain` and `-v` ask for: to standard output after a report
    /// for people, to standard error when standard output carries a format for machines.
    /// `Err` (exit 2) for an id the evidence has no control for.
    pub fn explain(
        &self,
        evidence: &crate::evidence::Evidence,
        stdout_is_human: bool,
    ) -> Result<(), u8> {
        let which = if self.verbose {
            crate::render::explain::Explain::All
        } else if !self.explain.is_empty() {
            crate::render::explain::Explain::Ids(&self.explain)
        } else {
            return Ok(());
        };
        let lang = crate::render::i18n::resolve(self.lang, evidence.playbook.language);
        match crate::render::explain::render(evidence, which, lang) {
            Ok(text) if stdout_is_human => {
                print!("{}", crate::support::escape::output(text));
                Ok(())
            }
            Ok(text) => {
                eprint!("{}", crate::support::escape::output(text));
                Ok(())
            }
            Err(why) => {
                let text = crate::support::escape::text(&why);
                eprintln!(
                    "{}",
                    crate::render::i18n::tf(lang, "cmd.error", &[("text", &text)])
                );
                Err(EXIT_ERROR)
            }
        }
    }

    /// The style these arguments ask for, in the language resolved against the evidence.
    pub fn style(&self, evidence: &crate::evidence::Evidence, quiet: bool) -> crate::render::Style {
        crate::render::Style {
            color: false,
            quiet,
            lang: crate::render::i18n::resolve(self.lang, evidence.playbook.language),
            summary: self.summary,
            max_size: Some(self.max_size.unwrap_or(crate::render::MARKDOWN_MAX_SIZE))
                .filter(|n| *n > 0),
            uploader_category: self.sarif_no_category,
        }
    }
}

pub fn main() -> ExitCode {
    // Lets the test suite prove what a panic looks like to a user; nothing else sets it.
    if std::env::var_os("GONOGO_INTERNAL_PANIC_TEST").is_some() {
        panic!("panic requested by GONOGO_INTERNAL_PANIC_TEST");
    }
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // `--help` is written before the command line is parsed: its language is read from it here.
    let help_lang = render::i18n::resolve(help::lang_in_argv(&argv), None);
    let parsed = help::localized(Cli::command(), help_lang)
        .try_get_matches_from(&argv)
        .and_then(|m| {
            if let Some(lang) = help::lang_in_matches(&m) {
                render::i18n::set_command_line(lang);
            }
            <Cli as clap::FromArgMatches>::from_arg_matches(&m)
        });
    let cli = match parsed {
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
        Command::Check(args) => check::check(args),
        Command::Init(args) => init::init(args),
        Command::Fix(args) => fix::fix(args),
        Command::Playbook {
            command: PlaybookCommand::Validate { file, .. },
        } => playbook::validate(file),
        Command::Playbook {
            command: PlaybookCommand::Show { file, lang },
        } => playbook::show(file, lang),
        Command::Controls(lang) => {
            print!("{}", controls::controls_text(lang.resolve()));
            EXIT_GO
        }
        Command::Show(args) => show::show(args),
        Command::Report(args) => report::report_command(args),
        Command::Verify(args) => verify::verify(args),
        Command::Diff {
            old,
            new,
            format,
            lang,
        } => diff::diff(&old, &new, format, lang),
        Command::Portfolio(args) => portfolio::main(args),
        Command::Scan(args) => scan::main(args),
        Command::Steering(args) => steering::main(args),
        Command::Playbook {
            command: PlaybookCommand::Test(args),
        } => playbook::test(args),
        Command::Playbook {
            command: PlaybookCommand::Schema { waivers, .. },
        } => {
            print!("{}", playbook::schema_text(waivers));
            EXIT_GO
        }
        Command::Playbook {
            command: PlaybookCommand::Import(args),
        } => playbook::import(args),
        Command::Hook { command } => hook::run(command),
        Command::Schema(_) => {
            print!("{}", crate::evidence::json_schema());
            EXIT_GO
        }
        Command::Completions { shell, .. } => {
            clap_complete::generate(shell, &mut Cli::command(), "gonogo", &mut std::io::stdout());
            EXIT_GO
        }
    }
}

/// `error: TEXT` in the language of the command line and the environment.
pub(crate) fn say_error(text: &str) {
    let lang = render::i18n::resolve(None, None);
    eprintln!("{}", render::i18n::tf(lang, "cmd.error", &[("text", text)]));
}

fn stdout_color(choice: ColorChoice) -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => !no_color && std::io::stdout().is_terminal(),
    }
}
