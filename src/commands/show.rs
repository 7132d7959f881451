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
        Err(e) => return report(&e),
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
        Err(e) => return report(&e),
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
    let text = match args.format {
        Format::Json => listing::render_json(&listing),
        Format::Human => listing::render_human(&listing, &args.rev),
        other => {
            eprintln!(
                "error: the note on {} holds {} gates ({}); choose one with --gate NAME to render it as {}, or list them with -f human or -f json",
                args.rev,
                note.gates.len(),
                listing::names(note),
                format_name(other)
            );
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
