//! `gonogo portfolio`: one overview of many evidence files.

use super::*;
use crate::portfolio::{Options, PortfolioFormat, read_portfolio, render};

#[derive(Debug, clap::Args)]
pub struct PortfolioArgs {
    /// Evidence files, or folders searched (recursively) for `*.json` evidence files.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// markdown, html, csv or json.
    #[arg(short, long, value_enum, default_value = "markdown")]
    pub format: PortfolioFormat,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Active waivers that expire within this many days of the newest report are listed.
    #[arg(long, value_name = "DAYS", default_value_t = 30)]
    pub within: i64,
    /// How many of the oldest open findings to list, overall and per repository.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,
    #[command(flatten)]
    pub lang: LangArg,
}

/// `gonogo portfolio`: exit 0 with an overview, 2 when no file is gonogo evidence.
pub fn main(args: PortfolioArgs) -> u8 {
    let lang = args.lang.resolve();
    let options = Options {
        within_days: args.within,
        top: args.top,
        german: lang == crate::render::i18n::Language::De,
    };
    // Only the JSON lists each repository's oldest findings; the tables show the oldest's age.
    let keep = match args.format {
        PortfolioFormat::Json => options.top,
        _ => 0,
    };
    let tf = |key, values: &[(&str, &str)]| crate::render::i18n::tf(lang, key, values);
    let portfolio = read_portfolio(&args.paths, &options, keep);
    for s in &portfolio.skipped {
        let text = tf(
            "portfolio.skipped",
            &[
                ("source", &crate::support::escape::text(&s.source)),
                ("why", &crate::support::escape::text(&s.reason)),
            ],
        );
        eprintln!("{}", tf("cmd.warning", &[("text", &text)]));
    }
    if portfolio.totals.reports == 0 {
        let text = tf("portfolio.no-evidence", &[]);
        eprintln!("{}", tf("cmd.error", &[("text", &text)]));
        return crate::diagnostics::EXIT_ERROR;
    }
    let text = render(&portfolio, args.format, lang);
    match &args.output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, text) {
                let text = tf(
                    "cmd.cannot-write",
                    &[
                        ("path", &path.display().to_string()),
                        ("why", &e.to_string()),
                    ],
                );
                eprintln!("{}", tf("cmd.error", &[("text", &text)]));
                return crate::diagnostics::EXIT_ERROR;
            }
        }
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            if out
                .write_all(text.as_bytes())
                .and_then(|_| out.flush())
                .is_err()
            {
                return crate::diagnostics::EXIT_ERROR;
            }
        }
    }
    crate::diagnostics::EXIT_GO
}
