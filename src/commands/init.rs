//! `gonogo init`: write a commented starter playbook.

use super::*;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write gonogo.toml.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// The preset the starter playbook extends.
    #[arg(long, default_value = "default")]
    pub preset: String,
    /// Overwrite an existing gonogo.toml.
    #[arg(long)]
    pub force: bool,
    /// The language of the playbook's comments and of its reports (`de` also sets
    /// `language = "de"`). Default: GONOGO_LANG, else the locale, else English.
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<crate::render::i18n::Language>,
}

pub fn init(args: InitArgs) -> u8 {
    let lang = crate::render::i18n::resolve(args.lang, None);
    let german = lang == crate::render::i18n::Language::De;
    let Some(text) = crate::playbook::starter::starter_playbook_in(
        &args.preset,
        &crate::controls::REGISTRY,
        lang,
    ) else {
        eprintln!(
            "error: there is no preset `{}`; presets: {}",
            args.preset,
            crate::playbook::PRESETS
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        );
        return EXIT_ERROR;
    };
    let target = args.path.join("gonogo.toml");
    if target.exists() && !args.force {
        eprintln!(
            "error: {} exists; use --force to overwrite it",
            target.display()
        );
        return EXIT_ERROR;
    }
    if let Err(e) = std::fs::write(&target, text) {
        eprintln!("error: cannot write {}: {e}", target.display());
        return EXIT_ERROR;
    }
    // The schema the first line names, for editors; written fresh, so it fits this binary.
    let schema = args.path.join(crate::playbook::json_schema::SCHEMA_FILE);
    let written = schema
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| {
            std::fs::write(
                &schema,
                crate::playbook::json_schema::playbook_schema(&crate::controls::REGISTRY),
            )
        });
    if let Err(e) = written {
        eprintln!("error: cannot write {}: {e}", schema.display());
        return EXIT_ERROR;
    }
    if german {
        println!(
            "{} geschrieben (erweitert preset:{}) und {} (für Editoren)",
            target.display(),
            args.preset,
            schema.display()
        );
        println!(
            "weiter: `gonogo playbook validate`, `gonogo check` (das Quality Gate merge), `gonogo hook install`"
        );
    } else {
        println!(
            "wrote {} (extends preset:{}) and {} (for editors)",
            target.display(),
            args.preset,
            schema.display()
        );
        println!(
            "next: `gonogo playbook validate`, `gonogo check` (the merge gate), `gonogo hook install`"
        );
    }
    EXIT_GO
}
