//! `gonogo show`: the evidence kept in git notes for a revision.

use super::check::{Output, emit};
use super::report::format_name;
use super::*;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The commit, tag or branch whose evidence to show.
    #[arg(default_value = "HEAD")]
    pub rev: String,
    /// The repository.
    #[arg(long, default_value = ".")]
    pub repo: PathBuf,
    #[arg(short, long, value_enum, default_value = "human")]
    pub format: Format,
    /// The notes ref the evidence is stored under.
    #[arg(long, value_name = "REF", default_value = crate::evidence::notes::DEFAULT_REF)]
    pub notes_ref: String,
    /// The gate whose evidence to show; needed when the note holds several gates.
    #[arg(short, long, value_name = "NAME")]
    pub gate: Option<String>,
    /// List the gates the note holds (decision, date, digest) instead of showing one.
    #[arg(long, conflicts_with = "gate")]
    pub list: bool,
    #[command(flatten)]
    pub text: TextArgs,
}

pub fn show(args: ShowArgs) -> u8 {
    let (commit, note) = match crate::evidence::notes::read(&args.repo, &args.rev, &args.notes_ref)
    {
        Ok(read) => read,
        Err(e) => return note_error(&e, args.text.lang),
    };
    let only = (note.gates.len() == 1)
        .then(|| note.gates.keys().next().cloned())
        .flatten();
    let gate = match (&args.gate, only) {
        (Some(gate), _) if !args.list => gate.clone(),
        (None, Some(gate)) if !args.list => gate,
        _ => return show_list(&args, &commit, &note),
    };
    let evidence = match crate::evidence::notes::evidence_of(&args.rev, &note, &gate) {
        Ok(evidence) => evidence,
        Err(e) => return note_error(&e, args.text.lang),
    };
    let style = args.text.style(&evidence, false);
    let outputs = [Output {
        format: args.format,
        file: None,
    }];
    match emit(&evidence, &outputs, style, ColorChoice::Auto) {
        Ok(()) => EXIT_GO,
        Err(code) => code,
    }
}

/// The gates a note holds (`show --list`, or a note of several gates without `--gate`).
pub fn show_list(args: &ShowArgs, commit: &str, note: &crate::evidence::notes::Note) -> u8 {
    use crate::evidence::notes::listing;
    let listing = listing::listing(
        commit,
        &crate::evidence::notes::full_ref(&args.notes_ref),
        note,
    );
    let lang = crate::render::i18n::resolve(args.text.lang, None);
    let tf = |key, values: &[(&str, &str)]| crate::render::i18n::tf(lang, key, values);
    let text = match args.format {
        Format::Json => listing::render_json(&listing),
        Format::Human => listing::render_human(
            &listing,
            &listing::Words {
                heading: tf(
                    "show.listing",
                    &[
                        ("commit", &listing.commit),
                        ("ref", &listing.notes_ref),
                        ("n", &listing.gates.len().to_string()),
                    ],
                ),
                footer: tf("show.listing-footer", &[("rev", &args.rev)]),
                no_decision: crate::render::i18n::t(lang, "show.no-decision"),
                decision: &|d| crate::render::i18n::decision(lang, d),
            },
        ),
        other => {
            let text = tf(
                "show.several-gates",
                &[
                    ("rev", &args.rev),
                    ("n", &note.gates.len().to_string()),
                    ("gates", &listing::names(note)),
                    ("format", &format_name(other)),
                ],
            );
            eprintln!("{}", tf("cmd.error", &[("text", &text)]));
            return EXIT_ERROR;
        }
    };
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Ok(()) => EXIT_GO,
        Err(_) => EXIT_ERROR,
    }
}

/// A note that cannot be shown: miette's report in English; in German the same facts from the
/// catalogue, with the hint.
fn note_error(
    e: &crate::evidence::notes::NoteError,
    lang: Option<crate::render::i18n::Language>,
) -> u8 {
    use crate::evidence::notes::NoteError as E;
    let lang = crate::render::i18n::resolve(lang, None);
    if lang != crate::render::i18n::Language::De {
        return report(e);
    }
    let tf = |key, values: &[(&str, &str)]| crate::render::i18n::tf(lang, key, values);
    let (text, hint) = match e {
        E::Repository { path, message } => (
            tf("show.repository", &[("path", path), ("why", message)]),
            None,
        ),
        E::Revision { rev, message } => {
            (tf("show.revision", &[("rev", rev), ("why", message)]), None)
        }
        E::Missing { rev, notes_ref } => (
            tf("show.missing", &[("rev", rev), ("ref", notes_ref)]),
            Some(tf("show.missing-hint", &[("rev", rev)])),
        ),
        E::NoSuchGate { rev, gate, stored } => (
            tf(
                "show.no-such-gate",
                &[("rev", rev), ("gate", gate), ("stored", stored)],
            ),
            Some(tf(
                "show.no-such-gate-hint",
                &[("rev", rev), ("gate", gate)],
            )),
        ),
        E::Invalid { rev, message } => {
            (tf("show.invalid", &[("rev", rev), ("why", message)]), None)
        }
        // Written by `check --note`, never by `show`.
        other => return report(other),
    };
    eprintln!("{}", tf("cmd.error", &[("text", &escape::text(&text))]));
    if let Some(hint) = hint {
        eprintln!("  {}", escape::text(&hint));
    }
    EXIT_ERROR
}
