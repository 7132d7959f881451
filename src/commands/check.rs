//! `gonogo check`: parse the outputs, run the pipeline, write every report, pick the exit code.

use super::*;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The repository (any folder inside it) or a plain folder.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Playbook file, or `preset:NAME`. Default: gonogo.toml or .gonogo/playbook.toml at the root, else preset:default.
    #[arg(short, long, value_name = "FILE")]
    pub playbook: Option<PathBuf>,
    /// The gate to decide. Default: `merge`, or `release` when the checked commit is a release
    /// tag; the other of the two when one is missing; every control when both are.
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

pub struct Output {
    pub format: Format,
    pub file: Option<PathBuf>,
}

pub fn parse_outputs(specs: &[String], format: Option<Format>) -> Result<Vec<Output>, String> {
    // Before any playbook is read: `--lang` and the environment choose.
    let lang = crate::render::i18n::resolve(None, None);
    let mut outputs = Vec::new();
    for spec in specs {
        let (name, file) = match spec.split_once('=') {
            Some((n, f)) if !f.is_empty() => (n, Some(PathBuf::from(f))),
            Some((n, _)) => {
                return Err(crate::render::i18n::tf(
                    lang,
                    "check.output-no-file",
                    &[("spec", spec), ("name", n)],
                ));
            }
            None => (spec.as_str(), None),
        };
        let format = Format::from_str(name, true).map_err(|_| {
            let names: Vec<String> = Format::value_variants()
                .iter()
                .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_string()))
                .collect();
            crate::render::i18n::tf(
                lang,
                "check.output-unknown",
                &[
                    ("spec", spec),
                    ("name", name),
                    ("formats", &names.join(", ")),
                ],
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

pub fn check(args: CheckArgs) -> u8 {
    let outputs = match parse_outputs(&args.outputs, args.format) {
        Ok(o) => o,
        Err(e) => {
            super::say_error(&e);
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
        missing: None,
    };
    let (evidence, snapshot) =
        match crate::pipeline::run::run_check_keeping_snapshot(&args.path, &request) {
            Ok(checked) => checked,
            Err(e) => {
                // The playbook did not load, so only --lang and the environment can ask for German.
                let e = if crate::render::i18n::resolve(args.text.lang, None)
                    == crate::render::i18n::Language::De
                {
                    e.in_german()
                } else {
                    e
                };
                eprint!("{}", e.render(stderr_color()));
                return EXIT_ERROR;
            }
        };
    let root = PathBuf::from(&evidence.subject.root);
    let style = args.text.style(&evidence, args.quiet);
    if let Err(code) = emit(&evidence, &outputs, style, args.color) {
        return code;
    }
    let stdout_is_human = outputs
        .iter()
        .any(|o| o.file.is_none() && o.format == Format::Human);
    if let Err(code) = args.text.explain(&evidence, stdout_is_human) {
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
            "{}",
            crate::render::i18n::t(style.lang, "check.no-change-set")
        );
        return EXIT_ERROR;
    }
    let unevaluated = crate::verdict::unevaluated(&evidence);
    if !unevaluated.is_empty() {
        // The evidence is written and says NO-GO (or conditions); the exit code says that the
        // decision rests on rules that could not be evaluated.
        if !args.quiet {
            let key = if unevaluated.len() == 1 {
                "check.unevaluated-one"
            } else {
                "check.unevaluated"
            };
            eprintln!(
                "{}",
                crate::render::i18n::tf(style.lang, key, &[("ids", &unevaluated.join(", "))])
            );
        }
        return EXIT_ERROR;
    }
    decision_exit(evidence.decision)
}

pub fn decision_exit(decision: Decision) -> u8 {
    match decision {
        Decision::Go | Decision::GoWithConditions => EXIT_GO,
        Decision::NoGo => EXIT_NO_GO,
    }
}

/// Writes every output; `GITHUB_STEP_SUMMARY` gets the Markdown report when `github` is among
/// the formats. Returns the exit code on failure.
pub fn emit(
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
        let mode = serde_json::to_value(evidence.subject.mode)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let text = crate::render::i18n::tf(style.lang, "check.in-toto", &[("mode", &mode)]);
        say(style.lang, &text);
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
                    let text = crate::render::i18n::tf(
                        style.lang,
                        "cmd.cannot-write",
                        &[
                            ("path", &path.display().to_string()),
                            ("why", &e.to_string()),
                        ],
                    );
                    say(style.lang, &text);
                    return Err(EXIT_ERROR);
                }
            }
        }
    }
    if outputs.iter().any(|o| o.format == Format::Github)
        && let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty())
    {
        // GitHub drops a step summary over 1 MiB whole: the report folds to what is left of it.
        let used = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let left = (render::STEP_SUMMARY_MAX_SIZE as u64).saturating_sub(used) as usize;
        let style = Style {
            max_size: Some(left.max(4096)),
            ..style
        };
        let text = render::render(evidence, Format::Markdown, style);
        let appended = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .and_then(|mut f| f.write_all(text.as_bytes()));
        if let Err(e) = appended {
            let text = crate::render::i18n::tf(
                style.lang,
                "check.step-summary",
                &[
                    ("path", &Path::new(&path).display().to_string()),
                    ("why", &e.to_string()),
                ],
            );
            say(style.lang, &text);
            return Err(EXIT_ERROR);
        }
    }
    Ok(())
}

/// `error: TEXT` in `lang`.
fn say(lang: crate::render::i18n::Language, text: &str) {
    eprintln!(
        "{}",
        crate::render::i18n::tf(lang, "cmd.error", &[("text", text)])
    );
}
