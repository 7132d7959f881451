//! `gonogo playbook validate`, `test`, `schema` and `import`.

use super::*;
use crate::pipeline::playbook_test::*;

/// Prints every diagnostic of a playbook error, then its summary; returns exit code 2.
/// In German when GONOGO_LANG or the locale asks for it (the playbook's own `language` cannot
/// be read from a playbook that does not load).
pub fn report_playbook(e: &PlaybookError) -> u8 {
    let german = crate::render::i18n::resolve(None, None) == crate::render::i18n::Language::De;
    report_playbook_in(e, german)
}

pub fn report_playbook_in(e: &PlaybookError, german: bool) -> u8 {
    let translated;
    let e = if german {
        translated = e.clone_in_german();
        &translated
    } else {
        e
    };
    let summary = e.to_string();
    let summary = escape::text(&summary);
    let error = if german { "Fehler" } else { "error" };
    if e.diagnostics.is_empty() {
        eprintln!("{error}: {summary}");
        return EXIT_ERROR;
    }
    let color = stderr_color();
    for d in &e.diagnostics {
        eprint!("{}", render_diagnostic(d, color));
    }
    eprintln!("{error}: {summary}");
    EXIT_ERROR
}

/// The JSON Schema of a playbook, or of a waiver file.
pub fn schema_text(waivers: bool) -> String {
    if waivers {
        crate::verdict::waivers::json_schema()
    } else {
        crate::playbook::json_schema::playbook_schema(&crate::controls::REGISTRY)
    }
}

/// The repository root around the working directory (or it), the playbook chosen there, and
/// the result of loading it.
fn chosen(
    file: Option<&Path>,
) -> (
    PathBuf,
    PlaybookChoice,
    Result<crate::playbook::Playbook, PlaybookError>,
) {
    let root =
        crate::snapshot::layout::open(Path::new("."), &crate::snapshot::GitEnv::from_process())
            .ok()
            .flatten()
            .and_then(|r| r.workdir().map(Path::to_path_buf))
            .unwrap_or_else(|| PathBuf::from("."));
    let choice = crate::playbook::choose(file, Some(&root));
    let loaded = match &choice {
        PlaybookChoice::Explicit(p) | PlaybookChoice::Discovered(p) => {
            crate::playbook::load::load_file_typed(p, &crate::controls::REGISTRY)
        }
        PlaybookChoice::Preset(n) => crate::playbook::load_preset(n, &crate::controls::REGISTRY),
    };
    (root, choice, loaded)
}

/// `gonogo playbook show`: the resolved playbook for people.
pub fn show(file: Option<PathBuf>, lang: Option<crate::render::i18n::Language>) -> u8 {
    let (_, _, loaded) = chosen(file.as_deref());
    match loaded {
        Ok(p) => {
            let lang = crate::render::i18n::resolve(lang, p.meta.language);
            print!(
                "{}",
                escape::output(crate::playbook::show::resolved_text(&p, lang))
            );
            EXIT_GO
        }
        Err(e) => report_playbook(&e),
    }
}

pub fn validate(file: Option<PathBuf>) -> u8 {
    let (root, choice, loaded) = chosen(file.as_deref());
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
            validate_named_files(&p, &root)
        }
        Err(e) => report_playbook(&e),
    }
}

/// The files a valid playbook names: the waiver file (read and judged against the playbook:
/// known controls, entitled approvers) and the allowed-signers file (present).
fn validate_named_files(p: &crate::playbook::Playbook, root: &Path) -> u8 {
    let mut code = EXIT_GO;
    let waivers = root.join(&p.waivers.file);
    if waivers.is_file() {
        match crate::verdict::waivers::load(&waivers, &p.waivers.file) {
            Ok(set) => {
                let german = crate::render::i18n::resolve(None, p.meta.language)
                    == crate::render::i18n::Language::De;
                let problems = crate::verdict::waivers::problems(&set, p, german);
                for problem in &problems {
                    eprintln!("error: {}", escape::text(problem));
                }
                if problems.is_empty() {
                    println!(
                        "valid: {} ({} waiver{})",
                        escape::text(&p.waivers.file),
                        set.waivers.len(),
                        if set.waivers.len() == 1 { "" } else { "s" }
                    );
                } else {
                    code = EXIT_ERROR;
                }
            }
            Err(e) => code = report_playbook(&e),
        }
    }
    if let Some(signers) = &p.approvals.allowed_signers
        && !root.join(signers).is_file()
    {
        eprintln!(
            "error: `[approvals] allowed-signers` names {}, which does not exist",
            escape::text(signers)
        );
        code = EXIT_ERROR;
    }
    code
}

#[derive(Debug, clap::Args)]
pub struct TestArgs {
    /// The playbook (or its tests file, `NAME.tests.toml`). Default: gonogo.toml or
    /// .gonogo/playbook.toml here.
    pub file: Option<PathBuf>,
    /// The tests file. Default: beside the playbook, `gonogo.toml` → `gonogo.tests.toml`.
    #[arg(long, value_name = "FILE")]
    pub cases: Option<PathBuf>,
}

/// `gonogo playbook test`: exit 0 when every case passes, 1 when one fails, 2 when the playbook
/// or the tests file has errors.
pub fn test(args: TestArgs) -> u8 {
    let (file, mut cases) = match &args.file {
        Some(f) if args.cases.is_none() && f.to_string_lossy().ends_with(".tests.toml") => {
            (None, Some(f.clone()))
        }
        other => (other.clone(), args.cases.clone()),
    };
    // The playbook: the one named, else the tests file's `playbook`, else the one discovered.
    let mut named_by_tests = None;
    if file.is_none()
        && let Some(c) = &cases
    {
        match load(c, None) {
            Ok(t) => named_by_tests = t.playbook.or_else(|| playbook_for(c)),
            Err(e) => return report_playbook(&e),
        }
    }
    let choice = match (file, named_by_tests) {
        (Some(f), _) | (None, Some(f)) => crate::playbook::choose(Some(&f), None),
        (None, None) => crate::playbook::choose(None, Some(Path::new("."))),
    };
    let playbook_path = match &choice {
        PlaybookChoice::Explicit(p) | PlaybookChoice::Discovered(p) => p.clone(),
        PlaybookChoice::Preset(name) => PathBuf::from(format!("preset:{name}")),
    };
    if cases.is_none() {
        match &choice {
            PlaybookChoice::Explicit(p) | PlaybookChoice::Discovered(p) => {
                cases = Some(tests_file_for(p));
            }
            PlaybookChoice::Preset(_) => {
                eprintln!(
                    "error: no playbook here (gonogo.toml or .gonogo/playbook.toml); name one, or a tests file with --cases"
                );
                return crate::diagnostics::EXIT_ERROR;
            }
        }
    }
    let cases_path = cases.expect("set above");
    let playbook = match crate::playbook::load(&choice, &crate::controls::REGISTRY) {
        Ok(p) => p,
        Err(e) => return report_playbook(&e),
    };
    if !cases_path.is_file() {
        eprintln!(
            "error: there is no tests file {}; write one (see docs/playbook-tests.md) or name it with --cases",
            cases_path.display()
        );
        return crate::diagnostics::EXIT_ERROR;
    }
    let tests = match load(&cases_path, Some(&playbook)) {
        Ok(t) => t,
        Err(e) => return report_playbook(&e),
    };
    let (mut passed, mut failed) = (0, 0);
    for case in &tests.cases {
        let result = run_case(case, &playbook_path);
        if result.passed() {
            passed += 1;
            println!("PASS  {}", crate::support::escape::text(&result.name));
        } else {
            failed += 1;
            println!("FAIL  {}", crate::support::escape::text(&result.name));
            for d in &result.differences {
                println!("      - {}", crate::support::escape::text(d));
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed > 0 {
        crate::diagnostics::EXIT_NO_GO
    } else {
        crate::diagnostics::EXIT_GO
    }
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The ruleset: repolinter.json / repolinter.yaml (todogroup/repolinter) or .alint.yml.
    pub file: PathBuf,
    /// Write the playbook here instead of to stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `gonogo playbook import`: exit 0 with the playbook written, 2 when the file cannot be read
/// or holds something that is not a ruleset.
pub fn import(args: ImportArgs) -> u8 {
    let text = match crate::playbook::import::import_file(&args.file, &crate::controls::REGISTRY) {
        Ok(text) => text,
        Err(e) => return report_playbook(&e),
    };
    match &args.output {
        None => {
            print!("{text}");
            EXIT_GO
        }
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => {
                eprintln!("wrote {}", path.display());
                EXIT_GO
            }
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                EXIT_ERROR
            }
        },
    }
}
