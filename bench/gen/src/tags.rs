//! `gonogo-bench tags`: the repository of the ref-scale benchmark. A linear history of
//! `--tags` commits, commit N tagged `v1.N.0` (every hundredth tag annotated) and changing
//! CHANGELOG.md, a playbook whose `release` control needs the previous release, and branches
//! until the repository holds `--refs` refs; refs packed as in a clone.

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub const USAGE: &str = "gonogo-bench tags --out DIR [--tags N] [--refs N]";

/// What the ref-scale repository looks like.
pub struct Options {
    pub out: PathBuf,
    pub tags: usize,
    pub refs: usize,
}

const PLAYBOOK: &str = r#"[playbook]
name = "ref scale benchmark"

[[control]]
id = "since-release"
kind = "release"
level = "must"
title = "The changelog changed since the previous release"
require-changed = ["CHANGELOG.md"]
"#;

pub fn parse(args: &[String]) -> Result<Options, String> {
    let mut opts = Options {
        out: PathBuf::new(),
        tags: 10_000,
        refs: 100_000,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--out" => opts.out = PathBuf::from(value()?),
            "--tags" => opts.tags = super::number(value()?)?,
            "--refs" => opts.refs = super::number(value()?)?,
            _ => return Err(format!("unknown argument `{a}`")),
        }
    }
    if opts.out.as_os_str().is_empty() {
        return Err("--out is required".into());
    }
    if opts.tags < 2 {
        return Err("--tags must be at least 2".into());
    }
    Ok(opts)
}

pub fn generate(opts: &Options) -> Result<String, String> {
    if opts.out.exists() {
        std::fs::remove_dir_all(&opts.out)
            .map_err(|e| format!("cannot remove {}: {e}", opts.out.display()))?;
    }
    std::fs::create_dir_all(&opts.out).map_err(|e| format!("{}: {e}", opts.out.display()))?;
    super::git(&opts.out, &["init", "-q", "-b", "main"])?;
    let marks = opts.out.join(".git/bench-marks");
    let mut child = Command::new("git")
        .arg("-C")
        .arg(&opts.out)
        .args(["fast-import", "--quiet", "--done"])
        .arg(format!("--export-marks={}", marks.display()))
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git fast-import: {e}"))?;
    let stdin = child.stdin.take().ok_or("no stdin for fast-import")?;
    let mut out = BufWriter::with_capacity(1 << 20, stdin);
    let io = |e: std::io::Error| format!("writing to git fast-import: {e}");
    let who = "Release Bot <release@example.com>";
    for n in 0..opts.tags {
        let time = super::date(n);
        let msg = format!("Release 1.{n}.0\n");
        write!(
            out,
            "commit refs/heads/main\nmark :{}\ncommitter {who} {time} +0000\ndata {}\n{msg}",
            n + 1,
            msg.len()
        )
        .map_err(io)?;
        if n == 0 {
            write!(
                out,
                "M 100644 inline gonogo.toml\ndata {}\n{PLAYBOOK}\n",
                PLAYBOOK.len()
            )
            .map_err(io)?;
        } else {
            writeln!(out, "from :{n}").map_err(io)?;
        }
        let log = format!("## 1.{n}.0\n");
        write!(
            out,
            "M 100644 inline CHANGELOG.md\ndata {}\n{log}\n",
            log.len()
        )
        .map_err(io)?;
        if n % 100 == 0 {
            let m = format!("Release v1.{n}.0\n");
            write!(
                out,
                "tag v1.{n}.0\nfrom :{}\ntagger {who} {time} +0000\ndata {}\n{m}\n",
                n + 1,
                m.len()
            )
            .map_err(io)?;
        }
    }
    writeln!(out, "done").map_err(io)?;
    out.flush().map_err(io)?;
    drop(out);
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("git fast-import failed: {status}"));
    }
    let ids = read_marks(&marks)?;
    // Lightweight tags and branches straight into packed-refs (a loose file each would take
    // minutes to write); `git pack-refs` then folds in the loose refs fast-import wrote.
    let mut refs: Vec<(String, &str)> = Vec::with_capacity(opts.refs);
    for n in (0..opts.tags).filter(|n| n % 100 != 0) {
        refs.push((format!("refs/tags/v1.{n}.0"), &ids[n]));
    }
    let branches = opts.refs.saturating_sub(opts.tags + 1);
    for b in 0..branches {
        refs.push((format!("refs/heads/topic/{b:06}"), &ids[b % opts.tags]));
    }
    refs.sort();
    let mut text = String::from("# pack-refs with: peeled fully-peeled sorted \n");
    for (name, id) in &refs {
        let _ = writeln!(text, "{id} {name}");
    }
    std::fs::write(opts.out.join(".git/packed-refs"), text).map_err(|e| e.to_string())?;
    super::git(&opts.out, &["pack-refs", "--all"])?;
    super::git(&opts.out, &["reset", "-q", "--hard", "main"])?;
    let count = super::git(&opts.out, &["for-each-ref", "--format=x"])?
        .lines()
        .count();
    Ok(format!(
        "{}: {} commits, {} release tags, {count} refs",
        opts.out.display(),
        opts.tags,
        opts.tags
    ))
}

/// The commit of each mark, by mark - 1 (the commit number).
fn read_marks(path: &Path) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut ids: Vec<(usize, String)> = text
        .lines()
        .filter_map(|l| {
            let (mark, id) = l.strip_prefix(':')?.split_once(' ')?;
            Some((mark.parse().ok()?, id.to_string()))
        })
        .collect();
    ids.sort();
    Ok(ids.into_iter().map(|(_, id)| id).collect())
}
