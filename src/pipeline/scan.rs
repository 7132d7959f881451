//! `gonogo scan ROOT`: check every git repository below a folder, several at a time, write each
//! one's evidence and the portfolio of them all.
//!
//! A folder holding `.git` (a folder, or a file as in worktrees and submodules) is a repository;
//! the walk does not descend into it, so nested repositories (submodules, vendored clones) are
//! part of the one that holds them and are not checked on their own. Symbolic links are not
//! followed. Each repository is checked as `gonogo check` checks it: its committed HEAD, its own
//! playbook (or `--playbook`), its own waiver file.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::Args;

use crate::evidence::{Decision, Evidence};
use crate::pipeline::run::{CheckRequest, RunError};
use crate::portfolio::{self, Input, PortfolioFormat, Skipped};

/// A repository found below the scan root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    /// Relative to the root, `/`-separated; `.` for the root itself.
    pub relative: String,
    /// The file stem of its evidence: the folder name, made unique with `-2`, `-3`, ….
    pub name: String,
}

/// Every git repository below `root` (the root included), at most `max_depth` folders deep,
/// ordered by relative path. `exclude` (e.g. the output folder) is not searched.
pub fn discover(root: &Path, max_depth: usize, exclude: Option<&Path>) -> Vec<Found> {
    let exclude = exclude.and_then(|p| std::fs::canonicalize(p).ok());
    let mut found = Vec::new();
    let mut walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .max_depth(max_depth)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_dir() {
            continue;
        }
        if entry.file_name() == ".git" {
            walker.skip_current_dir();
            continue;
        }
        if exclude.is_some() && std::fs::canonicalize(entry.path()).ok() == exclude {
            walker.skip_current_dir();
            continue;
        }
        if entry.path().join(".git").exists() {
            let rel = entry
                .path()
                .strip_prefix(root)
                .unwrap_or(entry.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            found.push((entry.path().to_path_buf(), rel));
            walker.skip_current_dir();
        }
    }
    found.sort_by(|a, b| a.1.cmp(&b.1));
    let mut used = std::collections::BTreeSet::new();
    found
        .into_iter()
        .map(|(path, rel)| {
            let base = if rel.is_empty() {
                std::fs::canonicalize(&path)
                    .ok()
                    .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                    .unwrap_or_else(|| "repository".into())
            } else {
                rel.rsplit('/').next().unwrap_or(&rel).to_string()
            };
            let base = sanitize(&base);
            let mut name = base.clone();
            let mut n = 2;
            while !used.insert(name.clone()) || name == "portfolio" {
                name = format!("{base}-{n}");
                n += 1;
            }
            Found {
                path,
                relative: if rel.is_empty() { ".".into() } else { rel },
                name,
            }
        })
        .collect()
}

/// A file stem safe everywhere: letters, digits, `.`, `_`, `-`.
fn sanitize(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_start_matches('.').to_string();
    if s.is_empty() { "repository".into() } else { s }
}

/// Stack of each scan worker: far more than a check needs, so that a recursive parser the depth
/// limits (`crate::support::limits`) missed still has room. A stack overflow cannot be caught.
const WORKER_STACK: usize = 64 << 20;

/// Why a repository was not checked.
#[derive(Debug)]
pub enum Failure {
    Run(RunError),
    /// The check panicked; the scan went on with the other repositories.
    Panicked(String),
}

impl Failure {
    pub fn render(&self, color: bool) -> String {
        match self {
            Failure::Run(e) => e.render(color),
            Failure::Panicked(m) => format!("error: gonogo hit an internal error: {m}\n"),
        }
    }

    pub fn summary(&self) -> String {
        match self {
            Failure::Run(e) => e.summary(),
            Failure::Panicked(m) => format!("internal error: {m}"),
        }
    }
}

/// One repository's check, isolated: a panic becomes that repository's failure.
fn check_one(repo: &Found, request: &CheckRequest) -> Result<Evidence, Failure> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // Lets the test suite prove that one repository's panic spares the others.
        if std::env::var_os("GONOGO_INTERNAL_SCAN_PANIC_TEST")
            .is_some_and(|v| v.to_str() == Some(repo.relative.as_str()))
        {
            panic!("panic requested by GONOGO_INTERNAL_SCAN_PANIC_TEST");
        }
        crate::pipeline::run::run_check(&repo.path, request)
    }))
    .map_err(|payload| {
        Failure::Panicked(
            payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into()),
        )
    })?
    .map_err(Failure::Run)
}

/// Checks every repository, `jobs` at a time; results in the order of `repos`.
/// `progress(done, total, name)` is called after each check.
pub fn check_all(
    repos: &[Found],
    request: &CheckRequest,
    jobs: usize,
    progress: &(dyn Fn(usize, usize, &str) + Sync),
) -> Vec<Result<Evidence, Failure>> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Evidence, Failure>>>> =
        Mutex::new((0..repos.len()).map(|_| None).collect());
    let workers = jobs.clamp(1, repos.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            let work = || {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(repo) = repos.get(i) else { break };
                    let result = check_one(repo, request);
                    if let Ok(mut r) = results.lock() {
                        r[i] = Some(result);
                    }
                    let n = done.fetch_add(1, Ordering::SeqCst) + 1;
                    progress(n, repos.len(), &repo.relative);
                }
            };
            let spawned = std::thread::Builder::new()
                .name("gonogo-scan".into())
                .stack_size(WORKER_STACK)
                .spawn_scoped(s, work);
            if spawned.is_err() {
                // No thread for this worker: the others (or this thread) do its share.
                work();
            }
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(Failure::Panicked("the check did not finish".into()))))
        .collect()
}

// ---------------------------------------------------------------- command line

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
    let options = portfolio::Options {
        within_days: args.within,
        top: args.top,
    };
    let portfolio = portfolio::build(inputs, skipped, &options);
    for (file, format) in [
        ("portfolio.md", PortfolioFormat::Markdown),
        ("portfolio.json", PortfolioFormat::Json),
    ] {
        let path = args.out.join(file);
        if let Err(e) = std::fs::write(&path, portfolio::render(&portfolio, format)) {
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
fn normalize(path: &std::path::Path) -> std::path::PathBuf {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_file_stems() {
        assert_eq!(sanitize("my repo/x"), "my-repo-x");
        assert_eq!(sanitize(".hidden"), "hidden");
        assert_eq!(sanitize(""), "repository");
    }
}
