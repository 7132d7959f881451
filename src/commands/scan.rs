//! `gonogo scan`: check every git repository below a folder, write each evidence file and the
//! portfolio.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::Args;

use crate::commands::scan_portfolio::{Source, write_portfolio};
use crate::evidence::Decision;
use crate::pipeline::run::CheckRequest;
use crate::pipeline::scan::*;
use crate::pipeline::scan_each::{Done, Settings, scan_one};
use crate::pipeline::shard::ShardInputs;
use crate::portfolio::Skipped;

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// The folder to search for git repositories.
    #[arg(default_value = ".")]
    pub root: PathBuf,
    /// Check the repositories this file lists instead (`-`: standard input), one per line: a
    /// URL (`https://…`, `ssh://…`, `git@host:path`, `file://…`) or a local path; `#` starts a
    /// comment. A remote one is kept as a blobless partial clone in `<out>/.gonogo-clones/`
    /// and only the files the playbook reads are fetched; the bytes are reported (needs git ≥
    /// 2.29 on PATH; docs/scaling.md).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["root", "max_depth"])]
    pub repos: Option<PathBuf>,
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
    /// Check only part I of N of the repositories, 1-based (`1/4` … `4/4`), partitioned by a
    /// stable hash of each repository's path below ROOT, or its URL (without credentials, a
    /// trailing `/` or `.git`) or path as `--repos` lists it (docs/scaling.md). Default: the
    /// environment's `JOB_COMPLETION_INDEX` (0-based, with --shard-total or GONOGO_SHARD_TOTAL),
    /// else `CI_NODE_INDEX` and `CI_NODE_TOTAL` (1-based), else every repository.
    #[arg(long, value_name = "I/N", conflicts_with = "shard_index")]
    pub shard: Option<String>,
    /// The part to check, 0-based (`0` … `N-1`), with --shard-total.
    #[arg(long, value_name = "I", requires = "shard_total")]
    pub shard_index: Option<usize>,
    /// How many parts the repositories are split into.
    #[arg(long, value_name = "N")]
    pub shard_total: Option<usize>,
    /// Check every repository again, even one whose commit, policy and gonogo version are those
    /// of the evidence an earlier scan left in --out (a remote one: as `git ls-remote` reports
    /// its HEAD, before any fetch).
    #[arg(long)]
    pub force: bool,
    /// `text`: a line per repository for people; `ndjson`: one JSON object per repository on
    /// standard output as soon as it is done (the summary goes to standard error). A remote
    /// repository's line has the bytes its clone and fetches transferred.
    #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = ["text", "ndjson"])]
    pub format: String,
    #[command(flatten)]
    pub lang: crate::commands::LangArg,
}

/// `gonogo scan`: exit 0 when every repository is GO (or GO WITH CONDITIONS unless --strict),
/// 1 when one is NO-GO, 2 when one could not be checked (the others are still written).
pub fn main(args: ScanArgs) -> u8 {
    let lang = args.lang.resolve();
    let tf = |key, values: &[(&str, &str)]| crate::render::i18n::tf(lang, key, values);
    let error = |text: String| eprintln!("{}", tf("cmd.error", &[("text", &text)]));
    if args.repos.is_none() && !args.root.is_dir() {
        error(tf(
            "scan.not-a-folder",
            &[("path", &args.root.display().to_string())],
        ));
        return crate::diagnostics::EXIT_ERROR;
    }
    let shard = match crate::pipeline::shard::resolve(&ShardInputs {
        shard: args.shard.clone(),
        index: args.shard_index,
        total: args.shard_total,
        env: ShardInputs::env_from_process(),
    }) {
        Ok(shard) => shard,
        Err(e) => {
            error(e.say(lang));
            return crate::diagnostics::EXIT_ERROR;
        }
    };
    let all = match &args.repos {
        Some(file) => match crate::pipeline::remote::read_list(file, lang) {
            Ok(list) => crate::pipeline::remote::targets(&list, &args.out),
            Err(e) => {
                error(e.to_string());
                return crate::diagnostics::EXIT_ERROR;
            }
        },
        None => discover(&args.root, args.max_depth, Some(&args.out)),
    };
    let found = all.len();
    if found == 0 {
        error(tf(
            "scan.none-found",
            &[
                ("root", &args.root.display().to_string()),
                ("depth", &args.max_depth.to_string()),
            ],
        ));
        return crate::diagnostics::EXIT_ERROR;
    }
    // gonogo never writes into a repository it checks.
    let out_abs = std::env::current_dir()
        .map(|cwd| cwd.join(&args.out))
        .unwrap_or_else(|_| args.out.clone());
    let out_norm = normalize(&out_abs);
    let out_within = crate::pipeline::scan::Within::of(&out_norm);
    for repo in all.iter().filter(|r| r.remote.is_none()) {
        if out_within.contains(&repo.path) {
            let repo_abs = std::fs::canonicalize(&repo.path).unwrap_or_else(|_| repo.path.clone());
            error(tf(
                "scan.out-inside",
                &[
                    ("out", &out_norm.display().to_string()),
                    ("repo", &repo_abs.display().to_string()),
                ],
            ));
            return crate::diagnostics::EXIT_ERROR;
        }
    }
    let repos: Vec<Found> = all
        .into_iter()
        .filter(|r| shard.is_none_or(|s| s.holds(&r.relative)))
        .collect();
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        error(tf(
            "cmd.cannot-create",
            &[
                ("path", &args.out.display().to_string()),
                ("why", &e.to_string()),
            ],
        ));
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
    let ndjson = args.format == "ndjson";
    let tty = std::io::stderr().is_terminal();
    let index = crate::pipeline::scan_cache::load(&args.out);
    let policy = crate::pipeline::scan_cache::policy_digest(&request);
    let render = |evidence: &crate::evidence::Evidence| {
        crate::render::render(
            evidence,
            crate::render::Format::Json,
            crate::render::Style::default(),
        )
    };
    let settings = Settings {
        out: &args.out,
        request: &request,
        index: &index,
        policy: &policy,
        force: args.force,
        render: &render,
        lang,
    };
    let work = |i: usize| scan_one(&repos[i], &settings);
    let done = |n: usize, total: usize, d: &Done| {
        if ndjson {
            // One whole line per repository, as soon as it is done.
            let text = serde_json::to_string(&d.line).unwrap_or_default();
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{text}");
            let _ = out.flush();
        }
        if tty {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K[{n}/{total}] {}", d.line.repository);
            let _ = err.flush();
        }
    };
    let results = in_parallel(repos.len(), jobs, &work, &done);
    if tty {
        eprint!("\r\x1b[2K");
    }

    let mut sources = Vec::new();
    let mut skipped = Vec::new();
    let mut write_failed = false;
    let mut any_no_go = false;
    let mut reused = 0;
    let mut fetched: Option<u64> = None;
    let mut next_index = index.clone();
    for (repo, d) in repos.iter().zip(results) {
        let d = d.unwrap_or_else(|| Done {
            result: Err(Failure::Panicked(tf("scan.did-not-finish", &[]))),
            file: None,
            write_error: None,
            entry: None,
            line: crate::pipeline::scan_each::Line {
                repository: repo.relative.clone(),
                commit: None,
                decision: None,
                counts: Default::default(),
                evidence: None,
                duration_ms: 0,
                reused: false,
                error: Some(tf("scan.did-not-finish", &[])),
                bytes_fetched: None,
            },
        });
        reused += usize::from(d.line.reused);
        fetched = fetched.or(d.line.bytes_fetched.map(|_| 0));
        fetched = fetched.map(|f| f + d.line.bytes_fetched.unwrap_or(0));
        match &d.entry {
            Some(entry) => next_index
                .entries
                .insert(repo.relative.clone(), entry.clone()),
            None => next_index.entries.remove(&repo.relative),
        };
        if let Some(e) = &d.write_error {
            error(e.to_string());
            write_failed = true;
        }
        match d.result {
            Ok(evidence) => {
                if let Some(decision) = d.line.decision {
                    any_no_go |= decision == Decision::NoGo;
                    if !args.quiet && !ndjson {
                        println!(
                            "{:<20} {}{}",
                            crate::render::i18n::decision(lang, decision),
                            crate::support::escape::text(&repo.relative),
                            crate::pipeline::remote::texts::line_note(
                                d.line.reused,
                                d.line.bytes_fetched,
                                lang
                            )
                        );
                    }
                }
                sources.push(Source {
                    name: format!("{}.json", repo.name),
                    entry: d.entry,
                    evidence,
                });
            }
            Err(e) => {
                // A playbook's diagnostics in the scan's language.
                let e = match e {
                    Failure::Run(run) if lang == crate::render::i18n::Language::De => {
                        Failure::Run(run.in_german())
                    }
                    other => other,
                };
                let name = crate::support::escape::text(&repo.relative);
                // A failed clone names the repository itself.
                if !matches!(e, Failure::Fetch(_)) {
                    error(tf("scan.not-checked-error", &[("name", &name)]));
                }
                eprint!("{}", e.render(false));
                if !args.quiet && !ndjson {
                    println!("{:<20} {name}", tf("scan.not-checked", &[]));
                }
                skipped.push(Skipped {
                    source: repo.relative.clone(),
                    reason: tf("scan.skipped-reason", &[("why", &e.summary())]),
                });
            }
        }
    }
    let options = crate::portfolio::Options {
        within_days: args.within,
        top: args.top,
        german: lang == crate::render::i18n::Language::De,
    };
    let (t, stamp, portfolio_failed) =
        write_portfolio(&args.out, &index, sources, skipped, &options, lang, &error);
    write_failed |= portfolio_failed;
    next_index.portfolio = stamp;
    // An unchanged index (every repository reused) is not written again.
    let saved = if next_index == index {
        Ok(())
    } else {
        crate::pipeline::scan_cache::save(&args.out, &next_index)
    };
    if let Err(e) = saved {
        // The results stand; the next scan checks everything again.
        let path = args.out.join(crate::pipeline::scan_cache::INDEX_FILE);
        let text = tf(
            "cmd.cannot-write",
            &[
                ("path", &path.display().to_string()),
                ("why", &e.to_string()),
            ],
        );
        eprintln!("{}", tf("cmd.warning", &[("text", &text)]));
    }
    let shard_text = shard
        .map(|s| {
            tf(
                "scan.shard",
                &[("found", &found.to_string()), ("label", &s.label())],
            )
        })
        .unwrap_or_default();
    let fetched_text = fetched
        .map(|b| format!(", {}", crate::pipeline::remote::texts::fetched(b, lang)))
        .unwrap_or_default();
    let summary = tf(
        if repos.len() == 1 {
            "scan.summary-one"
        } else {
            "scan.summary"
        },
        &[
            ("n", &repos.len().to_string()),
            ("shard", &shard_text),
            ("go", &t.go.to_string()),
            ("conditions", &t.go_with_conditions.to_string()),
            ("no_go", &t.no_go.to_string()),
            ("skipped", &t.skipped.to_string()),
            ("reused", &reused.to_string()),
            ("fetched", &fetched_text),
            ("path", &args.out.join("portfolio.md").display().to_string()),
        ],
    );
    if ndjson {
        eprintln!("{summary}");
    } else {
        println!("{summary}");
    }
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
