//! `gonogo playbook validate`, `test`, `schema` and `import`.

use super::*;
use crate::pipeline::playbook_test::*;
use crate::render::i18n::{Language, t, tf};

/// The language of a playbook command: `--lang`, the environment, then the playbook's.
fn lang_of(playbook: Option<&crate::playbook::Playbook>) -> Language {
    crate::render::i18n::resolve(None, playbook.and_then(|p| p.meta.language))
}

/// `error: …` in the command's language.
fn say_error(lang: Language, text: &str) {
    eprintln!("{}", tf(lang, "cmd.error", &[("text", text)]));
}

/// "1 control" / "3 Prüfkriterien".
fn count(lang: Language, n: usize, one: &'static str, many: &'static str) -> String {
    if n == 1 {
        t(lang, one).to_string()
    } else {
        tf(lang, many, &[("n", &n.to_string())])
    }
}

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
            let lang = lang_of(Some(&p));
            println!(
                "{}",
                tf(
                    lang,
                    "playbook.valid",
                    &[
                        ("name", &escape::text(&name)),
                        ("title", &escape::text(&p.meta.name)),
                        (
                            "controls",
                            &count(
                                lang,
                                p.controls.len(),
                                "playbook.controls-one",
                                "playbook.controls"
                            )
                        ),
                        (
                            "gates",
                            &count(lang, p.gates.len(), "playbook.gates-one", "playbook.gates")
                        ),
                    ],
                )
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
                let lang = lang_of(Some(p));
                let problems = crate::verdict::waivers::problems(&set, p, lang == Language::De);
                for problem in &problems {
                    say_error(lang, &escape::text(problem));
                }
                if problems.is_empty() {
                    let n = set.waivers.len();
                    println!(
                        "{}",
                        tf(
                            lang,
                            if n == 1 {
                                "playbook.waivers-valid-one"
                            } else {
                                "playbook.waivers-valid"
                            },
                            &[
                                ("file", &escape::text(&p.waivers.file)),
                                ("n", &n.to_string())
                            ],
                        )
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
        say_error(
            lang_of(Some(p)),
            &tf(
                lang_of(Some(p)),
                "playbook.no-signers",
                &[("file", &escape::text(signers))],
            ),
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
    #[command(flatten)]
    pub lang: LangArg,
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
                say_error(lang_of(None), t(lang_of(None), "playbook.no-playbook"));
                return crate::diagnostics::EXIT_ERROR;
            }
        }
    }
    let cases_path = cases.expect("set above");
    let playbook = match crate::playbook::load(&choice, &crate::controls::REGISTRY) {
        Ok(p) => p,
        Err(e) => return report_playbook(&e),
    };
    let lang = lang_of(Some(&playbook));
    if !cases_path.is_file() {
        say_error(
            lang,
            &tf(
                lang,
                "playbook.no-tests-file",
                &[("file", &cases_path.display().to_string())],
            ),
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
            let name = crate::support::escape::text(&result.name);
            println!("{}", tf(lang, "playbook.case-pass", &[("name", &name)]));
        } else {
            failed += 1;
            let name = crate::support::escape::text(&result.name);
            println!("{}", tf(lang, "playbook.case-fail", &[("name", &name)]));
            for d in &result.differences {
                println!("      - {}", crate::support::escape::text(d));
            }
        }
    }
    println!(
        "{}",
        tf(
            lang,
            "playbook.cases",
            &[
                ("passed", &passed.to_string()),
                ("failed", &failed.to_string())
            ],
        )
    );
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
    #[command(flatten)]
    pub lang: LangArg,
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
                let lang = lang_of(None);
                eprintln!(
                    "{}",
                    tf(lang, "cmd.wrote", &[("path", &path.display().to_string())])
                );
                EXIT_GO
            }
            Err(e) => {
                let lang = lang_of(None);
                let text = tf(
                    lang,
                    "cmd.cannot-write",
                    &[
                        ("path", &path.display().to_string()),
                        ("why", &e.to_string()),
                    ],
                );
                say_error(lang, &text);
                EXIT_ERROR
            }
        },
    }
}
