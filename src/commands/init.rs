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
    let tf = |key, values: &[(&str, &str)]| crate::render::i18n::tf(lang, key, values);
    let error = |text: String| eprintln!("{}", tf("cmd.error", &[("text", &text)]));
    let cannot_write = |path: &std::path::Path, e: std::io::Error| {
        error(tf(
            "cmd.cannot-write",
            &[
                ("path", &path.display().to_string()),
                ("why", &e.to_string()),
            ],
        ))
    };
    let Some(text) = crate::playbook::starter::starter_playbook_in(
        &args.preset,
        &crate::controls::REGISTRY,
        lang,
    ) else {
        let presets: Vec<&str> = crate::playbook::PRESETS.iter().map(|(n, _)| *n).collect();
        error(tf(
            "init.no-preset",
            &[("preset", &args.preset), ("presets", &presets.join(", "))],
        ));
        return EXIT_ERROR;
    };
    let target = args.path.join("gonogo.toml");
    if target.exists() && !args.force {
        error(tf(
            "init.exists",
            &[("path", &target.display().to_string())],
        ));
        return EXIT_ERROR;
    }
    if let Err(e) = std::fs::write(&target, text) {
        cannot_write(&target, e);
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
        cannot_write(&schema, e);
        return EXIT_ERROR;
    }
    println!(
        "{}",
        tf(
            "init.wrote",
            &[
                ("path", &target.display().to_string()),
                ("preset", &args.preset),
                ("schema", &schema.display().to_string()),
            ],
        )
    );
    println!("{}", tf("init.next", &[]));
    EXIT_GO
}
