//! `gonogo verify`: repeat the check an evidence file records and compare the whole of it.

use super::report::read_text;
use super::*;

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The evidence file (`-` for standard input).
    pub evidence: PathBuf,
    /// The repository; default: the root recorded in the evidence.
    #[arg(long)]
    pub repo: Option<PathBuf>,
    /// The playbook; default: the one recorded in the evidence (its SHA-256 must match).
    #[arg(short, long)]
    pub playbook: Option<PathBuf>,
    /// Language of the text: en or de (default: GONOGO_LANG, the locale, the playbook's).
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<crate::render::i18n::Language>,
}

/// How many differing leaves `verify` prints before it says how many more there are.
const MAX_LISTED: usize = 200;

pub fn verify(args: VerifyArgs) -> u8 {
    let text = match read_text(&args.evidence) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let v = match crate::pipeline::verify::verify(
        &text,
        args.repo.as_deref(),
        args.playbook.as_deref(),
    ) {
        Ok(v) => v,
        Err(crate::pipeline::verify::VerifyError::NotEvidence(e)) => {
            let e = e.to_string();
            super::say_error(&format!(
                "{}: {}",
                args.evidence.display(),
                escape::text(&e)
            ));
            return EXIT_ERROR;
        }
        Err(e) => return report(&e),
    };
    let recorded_language = crate::evidence::Evidence::from_json(&text)
        .ok()
        .and_then(|e| e.playbook.language);
    let lang = crate::render::i18n::resolve(args.lang, recorded_language);
    let say =
        |key: &'static str, values: &[(&str, &str)]| crate::render::i18n::tf(lang, key, values);
    if v.verified() {
        let Some(e) = &v.repeated else {
            return EXIT_ERROR;
        };
        let digest = match &v.digest {
            crate::evidence::canonical::DigestCheck::Valid(hex) => hex.as_str(),
            _ => "",
        };
        println!(
            "{}",
            say(
                "verify.reproduced",
                &[
                    ("gate", &escape::text(&e.gate.name)),
                    (
                        "commit",
                        &escape::text(e.subject.commit.as_deref().unwrap_or("?"))
                    ),
                    ("decision", crate::render::i18n::decision(lang, e.decision)),
                    ("n", &e.controls.len().to_string()),
                    ("digest", digest),
                ]
            )
        );
        return EXIT_GO;
    }
    let mut lines: Vec<String> = v.digest.problem().into_iter().collect();
    lines.extend(v.not_repeated.clone());
    let leaves = v.differences.len();
    lines.extend(v.differences.iter().take(MAX_LISTED).map(|d| d.to_string()));
    if leaves > MAX_LISTED {
        lines.push(say(
            "verify.more",
            &[("n", &(leaves - MAX_LISTED).to_string())],
        ));
    }
    if v.not_repeated.is_some() || leaves > 0 {
        println!(
            "{}",
            say(
                "verify.not-reproduced",
                &[("n", &leaves.max(1).to_string())]
            )
        );
    } else {
        println!("{}", say("verify.digest-fails", &[]));
    }
    // Recorded and reproduced values quote the evidence file and the repository.
    for line in &lines {
        println!("  - {}", escape::text(line));
    }
    if !v.summary.is_empty() {
        println!("{}", say("verify.in-substance", &[]));
        for line in &v.summary {
            println!("  - {}", escape::text(line));
        }
    }
    EXIT_NO_GO
}
