//! `gonogo-bench gen`: builds a deterministic synthetic monorepo for the benchmark (bench/run.sh).
//!
//! The same `--files`, `--commits` and `--seed` give the same commits, byte for byte: content
//! comes from a seeded splitmix64, dates from a fixed epoch, and the history is written with
//! `git fast-import` (one process, no per-commit `git commit`).
//!
//! Layout: governance files at the root (CODEOWNERS, DEFINITION_OF_DONE.md, CHANGELOG.md, …),
//! ~2% of the files as ADRs in `docs/adr/` in three styles (Nygard sections, MADR front matter,
//! bullets), one service per ~300 files under `services/` with a RUNBOOK.md, a manifest of its
//! ecosystem (Rust, JS, Go, Python, Java), sources in deep folders and tests named the
//! ecosystem's way. History: an initial import, then commits that touch 1–3 files (sometimes a
//! governance file), a merged side branch every 200 commits, a release tag every
//! `commits / 20`; finally a branch `feature` one commit ahead of `main` that changes 50 files.
//!
//! `gonogo-bench tags`: the ref-scale repository (10,000 release tags, 100,000 refs), see
//! [`tags`].

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

mod tags;

const USAGE: &str =
    "usage: gonogo-bench gen --out DIR [--files N] [--commits N] [--seed S] [--no-checkout]
       gonogo-bench tags --out DIR [--tags N] [--refs N]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("tags") {
        return match tags::parse(&args[1..]).map(|o| tags::generate(&o)) {
            Ok(Ok(summary)) => {
                println!("{summary}");
                ExitCode::SUCCESS
            }
            Ok(Err(e)) => {
                eprintln!("gonogo-bench: {e}");
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("gonogo-bench: {e}\nusage: {}", tags::USAGE);
                ExitCode::from(2)
            }
        };
    }
    match parse(&args) {
        Ok(opts) => match generate(&opts) {
            Ok(summary) => {
                println!("{summary}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("gonogo-bench: {e}");
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("gonogo-bench: {e}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

#[derive(Debug, Clone)]
struct Options {
    out: PathBuf,
    files: usize,
    commits: usize,
    seed: u64,
    checkout: bool,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut it = args.iter();
    if it.next().map(String::as_str) != Some("gen") {
        return Err("expected the subcommand `gen` or `tags`".into());
    }
    let mut opts = Options {
        out: PathBuf::new(),
        files: 10_000,
        commits: 0,
        seed: 1,
        checkout: true,
    };
    let mut commits = None;
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--out" => opts.out = PathBuf::from(value()?),
            "--files" => opts.files = number(value()?)?,
            "--commits" => commits = Some(number(value()?)?),
            "--seed" => opts.seed = number(value()?)? as u64,
            "--no-checkout" => opts.checkout = false,
            _ => return Err(format!("unknown argument `{a}`")),
        }
    }
    if opts.out.as_os_str().is_empty() {
        return Err("--out is required".into());
    }
    if opts.files < 100 {
        return Err("--files must be at least 100".into());
    }
    opts.commits = commits.unwrap_or(opts.files / 2).max(1);
    Ok(opts)
}

fn number(s: &str) -> Result<usize, String> {
    s.replace('_', "")
        .parse()
        .map_err(|_| format!("`{s}` is not a number"))
}

/// splitmix64: small, fast, and good enough for synthetic data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "order", "billing", "account", "ledger", "invoice", "payment", "customer", "session", "token",
    "catalog", "search", "report", "export", "import", "audit", "policy", "tenant", "quota",
    "metric", "alert", "queue", "worker", "cache", "gateway", "router", "schema", "mapper",
    "client", "server", "handler", "store", "index", "stream", "batch", "event", "notify",
];
const DIRS: &[&str] = &[
    "core", "api", "domain", "infra", "adapters", "model", "util", "internal", "service", "http",
    "storage", "jobs", "config", "auth", "events", "common",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Source,
    Test,
    Adr(u8),
    Runbook,
    Governance,
    Other,
}

struct File {
    path: String,
    kind: Kind,
    version: u32,
}

#[derive(Clone, Copy)]
enum Eco {
    Rust,
    Js,
    Go,
    Python,
    Java,
}

const ECOS: [Eco; 5] = [Eco::Rust, Eco::Js, Eco::Go, Eco::Python, Eco::Java];

fn root_files() -> Vec<(&'static str, Kind)> {
    vec![
        ("README.md", Kind::Other),
        ("CHANGELOG.md", Kind::Governance),
        ("SECURITY.md", Kind::Governance),
        ("CONTRIBUTING.md", Kind::Governance),
        ("DEFINITION_OF_DONE.md", Kind::Governance),
        (".github/CODEOWNERS", Kind::Governance),
        (".github/pull_request_template.md", Kind::Governance),
        (".gitignore", Kind::Other),
        ("docs/architecture.md", Kind::Other),
        ("docs/adr/README.md", Kind::Other),
    ]
}

/// The file list: deterministic from the seed, exactly `files` paths.
fn layout(files: usize, seed: u64) -> (Vec<File>, Vec<String>) {
    let mut rng = Rng(seed ^ 0x05EE_D0FF_11E5);
    let mut out: Vec<File> = root_files()
        .into_iter()
        .map(|(p, kind)| File {
            path: p.to_string(),
            kind,
            version: 0,
        })
        .collect();
    let adrs = (files * 2 / 100).max(3);
    for n in 1..=adrs {
        let slug = format!("{}-{}", rng.pick(WORDS), rng.pick(WORDS));
        out.push(File {
            path: format!("docs/adr/{n:04}-use-{slug}.md"),
            kind: Kind::Adr((n % 3) as u8),
            version: 0,
        });
    }
    let remaining = files.saturating_sub(out.len());
    let service_count = (remaining / 300).max(1);
    let mut services = Vec::new();
    let mut idx = 0usize;
    for s in 0..service_count {
        let name = format!("svc-{:04}-{}", s + 1, rng.pick(WORDS));
        let eco = ECOS[rng.below(ECOS.len())];
        let base = format!("services/{name}");
        services.push(base.clone());
        // An even share, the last service taking the remainder.
        let share = if s + 1 == service_count {
            remaining - remaining / service_count * s
        } else {
            remaining / service_count
        };
        let manifest = match eco {
            Eco::Rust => "Cargo.toml",
            Eco::Js => "package.json",
            Eco::Go => "go.mod",
            Eco::Python => "pyproject.toml",
            Eco::Java => "pom.xml",
        };
        let mut fixed = vec![
            (format!("{base}/RUNBOOK.md"), Kind::Runbook),
            (format!("{base}/README.md"), Kind::Other),
            (format!("{base}/{manifest}"), Kind::Other),
        ];
        fixed.truncate(share);
        let fixed_len = fixed.len();
        for (path, kind) in fixed {
            out.push(File {
                path,
                kind,
                version: 0,
            });
        }
        // About ten files per folder, folders one to four levels deep, as in real code bases.
        let folders: Vec<String> = (0..(share / 10).max(1))
            .map(|_| {
                let mut dir = String::new();
                for _ in 0..1 + rng.below(4) {
                    dir.push_str(rng.pick(DIRS));
                    dir.push('/');
                }
                dir
            })
            .collect();
        for i in 0..share - fixed_len {
            idx += 1;
            let dir = &folders[rng.below(folders.len())];
            let stem = format!("{}_{idx:06}", rng.pick(WORDS));
            let test = i % 4 == 3;
            let path = match (eco, test) {
                (Eco::Rust, false) => format!("{base}/src/{dir}{stem}.rs"),
                (Eco::Rust, true) => format!("{base}/tests/{dir}{stem}.rs"),
                (Eco::Js, false) => format!("{base}/src/{dir}{stem}.ts"),
                (Eco::Js, true) => format!("{base}/src/{dir}{stem}.test.ts"),
                (Eco::Go, false) => format!("{base}/pkg/{dir}{stem}.go"),
                (Eco::Go, true) => format!("{base}/pkg/{dir}{stem}_test.go"),
                (Eco::Python, false) => format!("{base}/app/{dir}{stem}.py"),
                (Eco::Python, true) => format!("{base}/tests/{dir}test_{stem}.py"),
                (Eco::Java, false) => format!("{base}/src/main/java/{dir}{}.java", camel(&stem)),
                (Eco::Java, true) => {
                    format!("{base}/src/test/java/{dir}{}Test.java", camel(&stem))
                }
            };
            out.push(File {
                path,
                kind: if test { Kind::Test } else { Kind::Source },
                version: 0,
            });
        }
    }
    (out, services)
}

fn camel(s: &str) -> String {
    s.split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// Seconds since the epoch of commit `n`: one commit an hour from 2019-01-01.
fn date(n: usize) -> i64 {
    1_546_300_800 + n as i64 * 3_600
}

fn day(n: usize) -> String {
    let days = date(n) / 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn filler(rng: &mut Rng, lines: usize, prefix: &str) -> String {
    let mut s = String::new();
    for _ in 0..lines {
        s.push_str(prefix);
        for w in 0..6 + rng.below(6) {
            if w > 0 {
                s.push(' ');
            }
            s.push_str(rng.pick(WORDS));
        }
        s.push('\n');
    }
    s
}

/// The content of a file at a version, and the commit index it is written in (for dates).
fn content(
    file: &File,
    number: usize,
    seed: u64,
    commit: usize,
    services: &[String],
    adrs: usize,
) -> String {
    let mut rng =
        Rng(seed ^ (number as u64).wrapping_mul(0x1000_0000_01B3) ^ u64::from(file.version) << 40);
    let path = &file.path;
    let today = day(commit);
    match file.kind {
        Kind::Adr(style) => {
            let n: usize = path[9..13].parse().unwrap_or(1);
            let title = format!("Use {}", path[18..path.len() - 3].replace('-', " "));
            let status = if n + 2 >= adrs { "Proposed" } else { "Accepted" };
            let body = format!(
                "## Context\n\n{}\n## Decision\n\n{}\n## Consequences\n\n{}",
                filler(&mut rng, 4, ""),
                filler(&mut rng, 3, ""),
                filler(&mut rng, 2, "- ")
            );
            match style {
                0 => format!("# {n}. {title}\n\nDate: {today}\n\n## Status\n\n{status}\n\n{body}"),
                1 => format!(
                    "---\nstatus: {}\ndate: {today}\ndeciders: team-{}\n---\n\n# {title}\n\n{}",
                    status.to_lowercase(),
                    n % 7,
                    body.replace("## Context", "## Context and Problem Statement")
                        .replace("## Decision\n", "## Decision Outcome\n")
                ),
                _ => format!(
                    "# ADR-{n:04}: {title}\n\n* Status: {}\n* Date: {today}\n\n{body}",
                    status.to_lowercase()
                ),
            }
        }
        Kind::Runbook => format!(
            "# Runbook: {}\n\nLast reviewed: {today}\n\n## Monitoring\n\n{}\n## Rollback\n\n{}\n## Restore\n\n{}\n## Escalation\n\nPage @org/team-{} first.\n\n{}",
            &path[9..path.len() - 11],
            filler(&mut rng, 3, "- "),
            filler(&mut rng, 3, "1. "),
            filler(&mut rng, 2, "1. "),
            number % 17,
            filler(&mut rng, 2, "- ")
        ),
        Kind::Governance => match path.as_str() {
            ".github/CODEOWNERS" => {
                let mut s = String::from("# Code owners (last matching pattern wins)\n* @org/platform\n/docs/ @org/architecture\n");
                for (i, svc) in services.iter().enumerate() {
                    s.push_str(&format!("/{svc}/ @org/team-{}\n", i % 17));
                }
                s.push_str(&format!("# revision {}\n", file.version));
                s
            }
            "DEFINITION_OF_DONE.md" => format!(
                "# Definition of Done\n\nRevised {today}.\n\n- [ ] Code reviewed by a second engineer\n- [ ] Unit tests written and passing\n- [ ] Documentation updated\n- [ ] Security review for new endpoints\n- [ ] Runbook updated\n- [ ] Changelog entry added\n"
            ),
            ".github/pull_request_template.md" => {
                "## What\n\n## Checklist\n\n- [ ] Tests\n- [ ] Docs\n- [ ] ADR when a decision was made\n".into()
            }
            "CHANGELOG.md" => format!(
                "# Changelog\n\n## [Unreleased]\n\n{}\n",
                filler(&mut rng, 5, "- ")
            ),
            _ => format!("# {path}\n\nUpdated {today}.\n\n{}", filler(&mut rng, 6, "")),
        },
        Kind::Source | Kind::Test => {
            let comment = if path.ends_with(".py") { "# " } else { "// " };
            let mut s = format!("{comment}{path} (revision {})\n", file.version);
            let lines = 4 + rng.below(30);
            s.push_str(&filler(&mut rng, lines, comment));
            s
        }
        Kind::Other => format!("# {path}\n\n{}", filler(&mut rng, 3, "")),
    }
}

fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

struct Importer<W: Write> {
    out: W,
    mark: usize,
}

impl<W: Write> Importer<W> {
    fn commit(
        &mut self,
        branch: &str,
        n: usize,
        message: &str,
        from: Option<usize>,
        merge: Option<usize>,
        files: &[(String, String)],
    ) -> std::io::Result<usize> {
        self.mark += 1;
        let who = format!("Dev {} <dev{}@example.com>", n % 23, n % 23);
        write!(
            self.out,
            "commit refs/heads/{branch}\nmark :{}\nauthor {who} {} +0000\ncommitter {who} {} +0000\ndata {}\n{message}\n",
            self.mark,
            date(n),
            date(n),
            message.len()
        )?;
        if let Some(f) = from {
            writeln!(self.out, "from :{f}")?;
        }
        if let Some(m) = merge {
            writeln!(self.out, "merge :{m}")?;
        }
        for (path, data) in files {
            write!(
                self.out,
                "M 100644 inline {path}\ndata {}\n{data}\n",
                data.len()
            )?;
        }
        Ok(self.mark)
    }

    fn tag(&mut self, name: &str, mark: usize, n: usize) -> std::io::Result<()> {
        let message = format!("Release {name}\n");
        write!(
            self.out,
            "tag {name}\nfrom :{mark}\ntagger Release Bot <release@example.com> {} +0000\ndata {}\n{message}\n",
            date(n),
            message.len()
        )
    }
}

fn generate(opts: &Options) -> Result<String, String> {
    let (mut files, services) = layout(opts.files, opts.seed);
    let adrs = files
        .iter()
        .filter(|f| matches!(f.kind, Kind::Adr(_)))
        .count();
    if opts.out.exists() {
        std::fs::remove_dir_all(&opts.out)
            .map_err(|e| format!("cannot remove {}: {e}", opts.out.display()))?;
    }
    std::fs::create_dir_all(&opts.out).map_err(|e| format!("{}: {e}", opts.out.display()))?;
    git(&opts.out, &["init", "-q", "-b", "main"])?;
    let mut child = Command::new("git")
        .arg("-C")
        .arg(&opts.out)
        .args(["fast-import", "--quiet", "--done"])
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git fast-import: {e}"))?;
    let stdin = child.stdin.take().ok_or("no stdin for fast-import")?;
    let mut imp = Importer {
        out: BufWriter::with_capacity(1 << 20, stdin),
        mark: 0,
    };
    let io = |e: std::io::Error| format!("writing to git fast-import: {e}");
    let seed = opts.seed;
    let write = |files: &[File], picks: &[usize], n: usize| -> Vec<(String, String)> {
        picks
            .iter()
            .map(|&i| {
                (
                    files[i].path.clone(),
                    content(&files[i], i, seed, n, &services, adrs),
                )
            })
            .collect()
    };

    let all: Vec<usize> = (0..files.len()).collect();
    let batch = write(&files, &all, 0);
    let mut tip = imp
        .commit("main", 0, "Initial import", None, None, &batch)
        .map_err(io)?;
    drop(batch);
    let mut rng = Rng(seed ^ 0xC0_FFEE);
    let governance: Vec<usize> = (0..files.len())
        .filter(|&i| !matches!(files[i].kind, Kind::Source | Kind::Test | Kind::Other))
        .collect();
    let code: Vec<usize> = (0..files.len())
        .filter(|&i| matches!(files[i].kind, Kind::Source | Kind::Test))
        .collect();
    let tag_every = (opts.commits / 20).max(1);
    let mut n = 1;
    let mut releases = 0;
    let pick = |rng: &mut Rng, files: &mut [File], avoid: &[usize]| -> Vec<usize> {
        let count = 1 + rng.below(3);
        let mut picks = Vec::new();
        for _ in 0..count {
            let pool = if rng.below(100) < 3 {
                &governance
            } else {
                &code
            };
            let i = pool[rng.below(pool.len())];
            if !picks.contains(&i) && !avoid.contains(&i) {
                files[i].version += 1;
                picks.push(i);
            }
        }
        picks
    };
    // Small histories (under 200 commits) have no side branch to merge, and so none to delete.
    let mut side_branch = false;
    while n < opts.commits {
        if n % 200 == 0 && n + 4 <= opts.commits {
            side_branch = true;
            // A side branch of two commits, one more on main, then a merge taking the side's files.
            let s1 = pick(&mut rng, &mut files, &[]);
            let side1 = imp
                .commit(
                    "side",
                    n,
                    &format!("Side work {n}"),
                    Some(tip),
                    None,
                    &write(&files, &s1, n),
                )
                .map_err(io)?;
            let s2 = pick(&mut rng, &mut files, &s1);
            let side2 = imp
                .commit(
                    "side",
                    n + 1,
                    &format!("Side work {}", n + 1),
                    Some(side1),
                    None,
                    &write(&files, &s2, n + 1),
                )
                .map_err(io)?;
            let side_files: Vec<usize> = s1.iter().chain(&s2).copied().collect();
            let m = pick(&mut rng, &mut files, &side_files);
            tip = imp
                .commit(
                    "main",
                    n + 2,
                    &format!("Main work {}", n + 2),
                    Some(tip),
                    None,
                    &write(&files, &m, n + 2),
                )
                .map_err(io)?;
            tip = imp
                .commit(
                    "main",
                    n + 3,
                    &format!("Merge branch 'side' ({n})"),
                    Some(tip),
                    Some(side2),
                    &write(&files, &side_files, n + 3),
                )
                .map_err(io)?;
            n += 4;
        } else {
            let picks = pick(&mut rng, &mut files, &[]);
            let message = format!("Change {} ({n})", files[picks[0]].path);
            tip = imp
                .commit(
                    "main",
                    n,
                    &message,
                    Some(tip),
                    None,
                    &write(&files, &picks, n),
                )
                .map_err(io)?;
            n += 1;
        }
        if n / tag_every > releases && n < opts.commits {
            releases = n / tag_every;
            imp.tag(&format!("v1.{releases}.0"), tip, n).map_err(io)?;
        }
    }
    // The merge request of the change-mode benchmark: 50 files, one of them an ADR.
    let mut change: Vec<usize> = (0..49).map(|k| code[k * code.len() / 49]).collect();
    let adr = governance
        .iter()
        .copied()
        .find(|&i| matches!(files[i].kind, Kind::Adr(_)));
    change.extend(adr);
    for &i in &change {
        files[i].version += 1;
    }
    imp.commit(
        "feature",
        n,
        "Feature: touch 50 files",
        Some(tip),
        None,
        &write(&files, &change, n),
    )
    .map_err(io)?;
    writeln!(imp.out, "done").map_err(io)?;
    imp.out.flush().map_err(io)?;
    drop(imp);
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("git fast-import failed: {status}"));
    }
    if side_branch {
        git(&opts.out, &["branch", "-D", "side"])?;
    }
    if opts.checkout {
        git(&opts.out, &["reset", "-q", "--hard", "main"])?;
    }
    let tree = git(&opts.out, &["rev-parse", "main^{tree}"])?;
    Ok(format!(
        "{}: {} files ({} ADRs, {} services), {} commits on main, {} tags, tree {tree}",
        opts.out.display(),
        files.len(),
        adrs,
        services.len(),
        n,
        releases
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generated(dir: &Path, seed: u64) -> String {
        let opts = Options {
            out: dir.to_path_buf(),
            files: 600,
            commits: 420,
            seed,
            checkout: false,
        };
        generate(&opts).unwrap();
        git(dir, &["rev-parse", "main", "feature"]).unwrap()
    }

    #[test]
    fn small_histories_without_a_side_branch_are_generated_and_checked_out() {
        let tmp = tempfile::tempdir().unwrap();
        for commits in [20, 200] {
            let dir = tmp.path().join(commits.to_string());
            let opts = Options {
                out: dir.clone(),
                files: 300,
                commits,
                seed: 1,
                checkout: true,
            };
            generate(&opts).unwrap();
            let count = git(&dir, &["rev-list", "--count", "main"]).unwrap();
            assert_eq!(count, commits.to_string());
            assert!(dir.join("README.md").is_file(), "no work tree at {commits}");
        }
    }

    #[test]
    fn same_seed_same_commits_and_the_asked_file_count() {
        let tmp = tempfile::tempdir().unwrap();
        let a = generated(&tmp.path().join("a"), 7);
        let b = generated(&tmp.path().join("b"), 7);
        let c = generated(&tmp.path().join("c"), 8);
        assert_eq!(a, b);
        assert_ne!(a, c);
        let listed = git(
            &tmp.path().join("a"),
            &["ls-tree", "-r", "--name-only", "main"],
        )
        .unwrap();
        assert_eq!(listed.lines().count(), 600);
        let count = git(&tmp.path().join("a"), &["rev-list", "--count", "main"]).unwrap();
        assert_eq!(count, "420");
        let changed = git(
            &tmp.path().join("a"),
            &["diff", "--name-only", "main", "feature"],
        )
        .unwrap();
        assert_eq!(changed.lines().count(), 50);
    }

    #[test]
    fn dates_are_civil() {
        assert_eq!(day(0), "2019-01-01");
        assert_eq!(day(24 * 365), "2020-01-01");
    }
}
