//! `gonogo scan`: check every git repository below a folder, write each evidence file and the
//! portfolio.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::Args;

use crate::evidence::Decision;
use crate::pipeline::run::CheckRequest;
use crate::pipeline::scan::*;
use crate::portfolio::{Input, PortfolioFormat, Skipped};

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// The folder to search for git repositories.
    #[arg(default_value = ".")]
    pub root: PathBuf,
    /// Where to write `<repository>.json` for each repository and `portfolio.md` / `portfolio.json`.
    #[arg(short, long, value_name = "DIR", default_value = "gonogo-scan")]
    pub out: PathBuf,
    /// Playbook file or `preset:NAME` for every repository. Default: each repository's own, else preset:default.
    #[arg(short, long, value_name = "FILE")]
    pub playbook: Option<PathBuf>,
    /// The gate to decide in every repository.
    #[arg(short, long, value_name = "NAME")]
    pub gate: Option<String>,
    /// Treat GO WITH CONDITIONS as NO-GO.
    #[arg(long)]
    pub strict: bool,
    /// The reference date of every check: YYYY-MM-DD or RFC 3339. Default: SOURCE_DATE_EPOCH,
    /// else today (UTC).
    #[arg(long, value_name = "DATE", value_parser = crate::support::dates::parse_as_of)]
    pub as_of: Option<jiff::Timestamp>,
    /// How many repositories to check at once. Default: the number of cores.
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// How many folders deep to look for repositories below ROOT.
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub max_depth: usize,
    /// Waivers expiring within this many days are listed in the portfolio.
    #[arg(long, value_name = "DAYS", default_value_t = 30)]
    pub within: i64,
    /// How many of the oldest open findings the portfolio lists.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,
    /// Print only the summary line.
    #[arg(short, long)]
    pub quiet: bool,
}

/// `gonogo scan`: exit 0 when every repository is GO (or GO WITH CONDITIONS unless --strict),
/// 1 when one is NO-GO, 2 when one could not be checked (the others are still written).
pub fn main(args: ScanArgs) -> u8 {
    if !args.root.is_dir() {
        eprintln!("error: {} is not a folder", args.root.display());
        return crate::diagnostics::EXIT_ERROR;
    }
    let repos = discover(&args.root, args.max_depth, Some(&args.out));
    if repos.is_empty() {
        eprintln!(
            "error: no git repository below {} (looked {} folders deep; see --max-depth)",
            args.root.display(),
            args.max_depth
        );
        return crate::diagnostics::EXIT_ERROR;
    }
    // gonogo never writes into a repository it checks.
    let out_abs = std::env::current_dir()
        .map(|cwd| cwd.join(&args.out))
        .unwrap_or_else(|_| args.out.clone());
    for repo in &repos {
        let repo_abs = std::fs::canonicalize(&repo.path).unwrap_or_else(|_| repo.path.clone());
        let out_norm = normalize(&out_abs);
        if out_norm.starts_with(&repo_abs) {
            eprintln!(
                "error: the output folder {} is inside {}, a repository this scan checks; pass --out a folder outside the scanned repositories",
                out_norm.display(),
                repo_abs.display()
            );
            return crate::diagnostics::EXIT_ERROR;
        }
    }
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!("error: cannot create {}: {e}", args.out.display());
        return crate::diagnostics::EXIT_ERROR;
    }
    let jobs = args.jobs.filter(|j| *j > 0).unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let request = CheckRequest {
        playbook: args.playbook.clone(),
        gate: args.gate.clone(),
        strict: args.strict,
        source_date_epoch: crate::pipeline::run::source_date_epoch_from_env(),
        // One reference date for every repository of the scan, read once.
        as_of: Some(crate::support::dates::AsOf::resolve(
            args.as_of.map(|at| crate::support::dates::AsOf {
                at,
                source: crate::support::dates::DateSource::AsOf,
            }),
            crate::pipeline::run::source_date_epoch_from_env(),
        )),
        max_file_size: None,
        ignore_git_env: true,
        ..CheckRequest::default()
    };
    let tty = std::io::stderr().is_terminal();
    let progress = |done: usize, total: usize, name: &str| {
        if tty {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K[{done}/{total}] {name}");
            let _ = err.flush();
        }
    };
    let results = check_all(&repos, &request, jobs, &progress);
    if tty {
        eprint!("\r\x1b[2K");
    }

    let mut inputs = Vec::new();
    let mut skipped = Vec::new();
    let mut write_failed = false;
    for (repo, result) in repos.iter().zip(results) {
        match result {
            Ok(evidence) => {
                let file = format!("{}.json", repo.name);
                let text = crate::render::render(
                    &evidence,
                    crate::render::Format::Json,
                    crate::render::Style::default(),
                );
                if let Err(e) = std::fs::write(args.out.join(&file), text) {
                    eprintln!(
                        "error: cannot write {}: {e}",
                        args.out.join(&file).display()
                    );
                    write_failed = true;
                }
                if !args.quiet {
                    println!(
                        "{:<20} {}",
                        evidence.decision.label(),
                        crate::support::escape::text(&repo.relative)
                    );
                }
                inputs.push(Input {
                    source: file,
                    evidence,
                });
            }
            Err(e) => {
                let name = crate::support::escape::text(&repo.relative);
                eprintln!("error: {name} could not be checked:");
                eprint!("{}", e.render(false));
                if !args.quiet {
                    println!("{:<20} {name}", "NOT CHECKED");
                }
                skipped.push(Skipped {
                    source: repo.relative.clone(),
                    reason: format!("not checked: {}", e.summary()),
                });
            }
        }
    }
    let any_no_go = inputs.iter().any(|i| i.evidence.decision == Decision::NoGo);
    let options = crate::portfolio::Options {
        within_days: args.within,
        top: args.top,
    };
    let portfolio = crate::portfolio::build(inputs, skipped, &options);
    for (file, format) in [
        ("portfolio.md", PortfolioFormat::Markdown),
        ("portfolio.json", PortfolioFormat::Json),
    ] {
        let path = args.out.join(file);
        if let Err(e) = std::fs::write(&path, crate::portfolio::render(&portfolio, format)) {
            eprintln!("error: cannot write {}: {e}", path.display());
            write_failed = true;
        }
    }
    let t = &portfolio.totals;
    println!(
        "{} repositories: {} GO, {} GO WITH CONDITIONS, {} NO-GO, {} not checked; wrote {}",
        repos.len(),
        t.go,
        t.go_with_conditions,
        t.no_go,
        t.skipped,
        args.out.join("portfolio.md").display()
    );
    if t.skipped > 0 || write_failed {
        crate::diagnostics::EXIT_ERROR
    } else if any_no_go {
        crate::diagnostics::EXIT_NO_GO
    } else {
        crate::diagnostics::EXIT_GO
    }
}

/// An absolute path with `.` and `..` resolved lexically, and through the file system for the
/// part that exists (so a symlinked temp folder compares equal to its target).
pub fn normalize(path: &std::path::Path) -> std::path::PathBuf {
    let mut out = std::path::PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_os_string()),
            None => break,
        }
        existing.pop();
    }
    let mut resolved = std::fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}
