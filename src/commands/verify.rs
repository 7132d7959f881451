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
            eprintln!("error: {}: {}", args.evidence.display(), escape::text(&e));
            return EXIT_ERROR;
        }
        Err(e) => return report(&e),
    };
    if v.verified() {
        let Some(e) = &v.repeated else {
            return EXIT_ERROR;
        };
        let digest = match &v.digest {
            crate::evidence::canonical::DigestCheck::Valid(hex) => hex.as_str(),
            _ => "",
        };
        println!(
            "reproduced: {} at {} — decision {}, {} controls match; every field matches, digest sha256:{digest}",
            escape::text(&e.gate.name),
            escape::text(e.subject.commit.as_deref().unwrap_or("?")),
            e.decision.label(),
            e.controls.len()
        );
        return EXIT_GO;
    }
    let mut lines: Vec<String> = v.digest.problem().into_iter().collect();
    lines.extend(v.not_repeated.clone());
    let leaves = v.differences.len();
    lines.extend(v.differences.iter().take(MAX_LISTED).map(|d| d.to_string()));
    if leaves > MAX_LISTED {
        lines.push(format!("… and {} more", leaves - MAX_LISTED));
    }
    if v.not_repeated.is_some() || leaves > 0 {
        println!("NOT reproduced: {} difference(s)", leaves.max(1));
    } else {
        println!("NOT verified: the content reproduces, but its digest does not hold");
    }
    // Recorded and reproduced values quote the evidence file and the repository.
    for line in &lines {
        println!("  - {}", escape::text(line));
    }
    if !v.summary.is_empty() {
        println!("in substance:");
        for line in &v.summary {
            println!("  - {}", escape::text(line));
        }
    }
    EXIT_NO_GO
}
