//! `gonogo steering`: write the monthly steering pack (Markdown and printable HTML).

use super::*;
use crate::pipeline::steering::{SteeringRequest, Window, steering};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PackFormat {
    Markdown,
    Html,
}

#[derive(Debug, clap::Args)]
pub struct SteeringArgs {
    /// The repository.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Playbook file or `preset:NAME` (default: the repository's own, else preset:default).
    #[arg(short, long, value_name = "FILE")]
    pub playbook: Option<PathBuf>,
    /// The window: this long before the reference date (`30d`, `4 weeks`, `1 month`).
    #[arg(long, value_name = "DURATION", conflicts_with = "month")]
    pub since: Option<String>,
    /// The window: one calendar month (`2026-11`); the reference date is its last day unless
    /// `--as-of` says otherwise.
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<String>,
    /// The reference date of the check (default: SOURCE_DATE_EPOCH, else now).
    #[arg(long, value_name = "DATE", value_parser = crate::support::dates::parse_as_of)]
    pub as_of: Option<jiff::Timestamp>,
    /// The priorities file (default: what the playbook's `priorities` control found, else docs/priorities.md).
    #[arg(long, value_name = "PATH")]
    pub priorities: Option<String>,
    /// The notes ref the earlier evidence is read from.
    #[arg(long, value_name = "REF", default_value = crate::evidence::notes::DEFAULT_REF)]
    pub notes_ref: String,
    /// Format written to standard output.
    #[arg(short, long, value_enum, default_value = "markdown")]
    pub format: PackFormat,
    /// Write both `steering-<period>.md` and `steering-<period>.html` into this folder instead.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Language of the pack.
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<crate::render::i18n::Language>,
}

fn window(args: &SteeringArgs) -> Result<(Window, Option<crate::support::dates::AsOf>), String> {
    let explicit = args.as_of.map(|at| crate::support::dates::AsOf {
        at,
        source: crate::support::dates::DateSource::AsOf,
    });
    if let Some(month) = &args.month {
        let start: jiff::civil::Date = format!("{month}-01")
            .parse()
            .map_err(|_| format!("`--month {month}` is no month; write YYYY-MM, e.g. 2026-11"))?;
        let end = start.last_of_month();
        let as_of = explicit.or_else(|| {
            jiff::tz::TimeZone::UTC
                .to_timestamp(end.at(23, 59, 59, 0))
                .ok()
                .map(|at| crate::support::dates::AsOf {
                    at,
                    source: crate::support::dates::DateSource::AsOf,
                })
        });
        return Ok((
            Window {
                start,
                end,
                month: Some(month.clone()),
            },
            as_of,
        ));
    }
    let span = crate::support::duration::parse(args.since.as_deref().unwrap_or("30d"))
        .map_err(|e| format!("`--since`: {e}"))?;
    let at = crate::support::dates::AsOf::resolve(
        explicit,
        crate::pipeline::run::source_date_epoch_from_env(),
    );
    let end = at.date();
    let start = end
        .checked_sub(span)
        .map_err(|e| format!("`--since`: {e}"))?;
    Ok((
        Window {
            start,
            end,
            month: None,
        },
        explicit,
    ))
}

/// `gonogo steering`: exit 0 with the pack written, 2 when the repository or playbook could
/// not be read.
pub fn main(args: SteeringArgs) -> u8 {
    let (window, as_of) = match window(&args) {
        Ok(w) => w,
        Err(e) => {
            super::say_error(&escape::text(&e));
            return EXIT_ERROR;
        }
    };
    let request = SteeringRequest {
        check: crate::pipeline::run::CheckRequest {
            playbook: args.playbook.clone(),
            source_date_epoch: crate::pipeline::run::source_date_epoch_from_env(),
            as_of,
            ..Default::default()
        },
        window,
        priorities: args.priorities.clone(),
        notes_ref: crate::evidence::notes::full_ref(&args.notes_ref),
    };
    let pack = match steering(&args.path, &request) {
        Ok(p) => p,
        Err(e) => {
            eprint!("{}", e.render(std::io::stderr().is_terminal()));
            return EXIT_ERROR;
        }
    };
    let lang = crate::render::i18n::resolve(args.lang, pack.evidence.playbook.language);
    let md = || escape::output(crate::render::steering::markdown(&pack, lang));
    let html = || escape::output(crate::render::steering::html(&pack, lang));
    match &args.out_dir {
        Some(dir) => {
            let stem = format!(
                "steering-{}",
                pack.month.clone().unwrap_or_else(|| pack.end.clone())
            );
            for (ext, text) in [("md", md()), ("html", html())] {
                let file = dir.join(format!("{stem}.{ext}"));
                if let Err(e) =
                    std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&file, text))
                {
                    super::say_error(&crate::render::i18n::tf(
                        lang,
                        "cmd.cannot-write",
                        &[
                            ("path", &file.display().to_string()),
                            ("why", &e.to_string()),
                        ],
                    ));
                    return EXIT_ERROR;
                }
                println!("{}", file.display());
            }
        }
        None => {
            let text = match args.format {
                PackFormat::Markdown => md(),
                PackFormat::Html => html(),
            };
            print!("{text}");
        }
    }
    EXIT_GO
}
