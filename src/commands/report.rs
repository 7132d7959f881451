//! `gonogo report`: render an evidence file in any format without checking again.

use super::check::{emit, parse_outputs};
use super::*;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The evidence file (`-` for standard input), as written by `check --format json`.
    pub evidence: PathBuf,
    /// Format written to standard output.
    #[arg(short, long, value_enum)]
    pub format: Option<Format>,
    /// FORMAT or FORMAT=FILE; may repeat.
    #[arg(short, long = "output", value_name = "FORMAT[=FILE]")]
    pub outputs: Vec<String>,
    /// Colour in terminal output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    #[command(flatten)]
    pub text: TextArgs,
}

pub fn format_name(format: Format) -> String {
    format
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

pub fn report_command(args: ReportArgs) -> u8 {
    let outputs = match parse_outputs(&args.outputs, args.format) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_ERROR;
        }
    };
    let evidence = match read_evidence(&args.evidence) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let style = args.text.style(&evidence, false);
    if let Err(code) = emit(&evidence, &outputs, style, args.color) {
        return code;
    }
    let stdout_is_human = outputs
        .iter()
        .any(|o| o.file.is_none() && o.format == Format::Human);
    match args.text.explain(&evidence, stdout_is_human) {
        Ok(()) => EXIT_GO,
        Err(code) => code,
    }
}

/// Reads and parses an evidence file (`-`: standard input); prints the error and returns exit 2.
pub fn read_evidence(path: &Path) -> Result<crate::evidence::Evidence, u8> {
    let text = read_text(path)?;
    crate::evidence::Evidence::from_json(&text).map_err(|e| {
        let e = e.to_string();
        super::say_error(&format!("{}: {}", path.display(), escape::text(&e)));
        EXIT_ERROR
    })
}

/// The text of a file (`-`: standard input); prints the error and returns exit 2.
pub fn read_text(path: &Path) -> Result<String, u8> {
    if path.as_os_str() == "-" {
        let mut s = String::new();
        if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut s) {
            let lang = crate::render::i18n::resolve(None, None);
            super::say_error(&crate::render::i18n::tf(
                lang,
                "cmd.cannot-read",
                &[("path", "-"), ("why", &e.to_string())],
            ));
            return Err(EXIT_ERROR);
        }
        Ok(s)
    } else {
        std::fs::read_to_string(path).map_err(|e| {
            let lang = crate::render::i18n::resolve(None, None);
            super::say_error(&crate::render::i18n::tf(
                lang,
                "cmd.cannot-read",
                &[
                    ("path", &path.display().to_string()),
                    ("why", &e.to_string()),
                ],
            ));
            EXIT_ERROR
        })
    }
}
