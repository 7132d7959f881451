//! `gonogo portfolio`: one overview of many evidence files.

use super::*;
use crate::portfolio::{Options, PortfolioFormat, read_portfolio, write};

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
}

/// `gonogo portfolio`: exit 0 with an overview, 2 when no file is gonogo evidence.
pub fn main(args: PortfolioArgs) -> u8 {
    let options = Options {
        within_days: args.within,
        top: args.top,
    };
    // Only the JSON lists each repository's oldest findings; the tables show the oldest's age.
    let keep = match args.format {
        PortfolioFormat::Json => options.top,
        _ => 0,
    };
    let portfolio = read_portfolio(&args.paths, &options, keep);
    for s in &portfolio.skipped {
        eprintln!(
            "warning: skipped {}: {}",
            crate::support::escape::text(&s.source),
            crate::support::escape::text(&s.reason)
        );
    }
    if portfolio.totals.reports == 0 {
        eprintln!("error: none of the given paths holds gonogo evidence");
        return crate::diagnostics::EXIT_ERROR;
    }
    // Written as it is made: a fleet's page is never held whole.
    match &args.output {
        Some(path) => {
            let written = std::fs::File::create(path)
                .and_then(|mut file| write(&portfolio, args.format, &mut file));
            if let Err(e) = written {
                eprintln!("error: cannot write {}: {e}", path.display());
                return crate::diagnostics::EXIT_ERROR;
            }
        }
        None => {
            let mut out = std::io::stdout().lock();
            if write(&portfolio, args.format, &mut out).is_err() {
                return crate::diagnostics::EXIT_ERROR;
            }
        }
    }
    crate::diagnostics::EXIT_GO
}
