//! The portfolio of a scan: written from the evidence of every repository, unless the scan's
//! index says the files in the output folder were made of the same inputs and are unchanged.

use crate::pipeline::scan_cache::{self, Index, PortfolioStamp, Tally};
use crate::portfolio::{Input, PortfolioFormat, Skipped};

/// One input of the portfolio: a repository's evidence file, its index entry (with the file's
/// digest) when it has one, and its evidence unless it was reused unread.
pub struct Source {
    pub name: String,
    pub entry: Option<scan_cache::Entry>,
    pub evidence: Option<crate::evidence::Evidence>,
}

/// Writes `portfolio.md` and `portfolio.json` unless the index says the files there were made of
/// the same inputs and they are unchanged. Returns its totals, the stamp for the index (none
/// when an input has no recorded digest or a file could not be written) and whether a write
/// failed.
pub fn write_portfolio(
    out: &std::path::Path,
    index: &Index,
    sources: Vec<Source>,
    skipped: Vec<Skipped>,
    options: &crate::portfolio::Options,
    lang: crate::render::i18n::Language,
    error: &dyn Fn(String),
) -> (Tally, Option<PortfolioStamp>, bool) {
    let mut parts = vec![format!(
        "options within={} top={} german={} lang={lang:?}",
        options.within_days, options.top, options.german
    )];
    let mut digestible = true;
    for source in &sources {
        match &source.entry {
            Some(entry) => parts.push(format!("input {} {}", source.name, entry.sha256)),
            None => digestible = false,
        }
    }
    parts.extend(
        skipped
            .iter()
            .map(|s| format!("skipped {} {}", s.source, s.reason)),
    );
    let inputs = digestible.then(|| scan_cache::portfolio_digest(&parts));
    if let Some(inputs) = &inputs
        && let Some(tally) = scan_cache::portfolio_current(index, out, inputs)
    {
        return (tally, index.portfolio.clone(), false);
    }
    // Rebuilt: the reused evidence is read now, still as the index recorded it.
    let mut skipped = skipped;
    let mut inputs_read = Vec::with_capacity(sources.len());
    for Source {
        name,
        entry,
        evidence,
    } in sources
    {
        let evidence = evidence.or_else(|| entry.and_then(|e| scan_cache::evidence_of(out, &e)));
        match evidence {
            Some(evidence) => inputs_read.push(Input {
                source: name,
                evidence,
            }),
            None => skipped.push(Skipped {
                reason: crate::render::i18n::tf(lang, "scan.evidence-changed", &[]),
                source: name,
            }),
        }
    }
    let portfolio = crate::portfolio::build(inputs_read, skipped, options);
    let mut files = std::collections::BTreeMap::new();
    let mut failed = false;
    for (file, format) in [
        ("portfolio.md", PortfolioFormat::Markdown),
        ("portfolio.json", PortfolioFormat::Json),
    ] {
        let path = out.join(file);
        let text = crate::portfolio::render(&portfolio, format, lang);
        match std::fs::write(&path, &text) {
            Ok(()) => {
                files.insert(
                    file.to_string(),
                    crate::support::sha256_hex(text.as_bytes()),
                );
            }
            Err(e) => {
                error(crate::render::i18n::tf(
                    lang,
                    "cmd.cannot-write",
                    &[
                        ("path", &path.display().to_string()),
                        ("why", &e.to_string()),
                    ],
                ));
                failed = true;
            }
        }
    }
    let t = &portfolio.totals;
    let tally = Tally {
        go: t.go,
        go_with_conditions: t.go_with_conditions,
        no_go: t.no_go,
        skipped: t.skipped,
    };
    let stamp = inputs.filter(|_| !failed).map(|inputs| PortfolioStamp {
        inputs,
        files,
        tally,
    });
    (tally, stamp, failed)
}
