//! `gonogo fix`: list what the playbook finds missing and what would be created; with
//! `--write`, create it from templates. A command that exists to write: only with `--write`,
//! only inside the repository, never over a file.

use super::*;
use crate::playbook::Language;

#[derive(Debug, Args)]
pub struct FixArgs {
    /// The repository (default: here).
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Playbook file, or `preset:NAME`. Default: as `gonogo check` chooses.
    #[arg(long, short = 'p')]
    pub playbook: Option<PathBuf>,
    /// The gate whose controls count (default: as `gonogo check` chooses).
    #[arg(long)]
    pub gate: Option<String>,
    /// Create the missing artifacts (without it: only list them).
    #[arg(long)]
    pub write: bool,
    /// Language of the documents and of the output (default: the playbook's, else English).
    #[arg(long, value_enum)]
    pub lang: Option<Language>,
    /// An e-mail address written where a document names a contact (default: the first
    /// member's e-mail in the playbook's roles).
    #[arg(long)]
    pub contact: Option<String>,
}

pub fn fix(args: FixArgs) -> u8 {
    let request = crate::scaffold::FixRequest {
        playbook: args.playbook,
        gate: args.gate,
        lang: args.lang,
        contact: args.contact,
        as_of: None,
        source_date_epoch: crate::pipeline::run::source_date_epoch_from_env(),
    };
    let plan = match crate::scaffold::plan(&args.path, &request) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{}", e.render(stderr_color()));
            return EXIT_ERROR;
        }
    };
    let lang = plan.lang;
    if !args.write {
        print!("{}", crate::scaffold::say::report(&plan, None, lang));
        return EXIT_GO;
    }
    let results = crate::scaffold::write_all(&plan);
    print!(
        "{}",
        crate::scaffold::say::report(&plan, Some(&results), lang)
    );
    if results.iter().any(Result::is_err) {
        EXIT_ERROR
    } else {
        EXIT_GO
    }
}
