//! The checks across records: duplicate ids, numbering gaps, supersession with its replacement,
//! proposals gone stale, and resolving a record's relative links.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;

use super::Adr;
use super::parse::{self, FileId};
use crate::controls::Outcome;
use crate::evidence::Finding;
use crate::snapshot::Snapshot;

pub(super) fn duplicates(adrs: &[&Adr], out: &mut Outcome) {
    let mut by_id: BTreeMap<String, Vec<&Adr>> = BTreeMap::new();
    for adr in adrs {
        let key = match &adr.file_id {
            Some(FileId {
                number: Some(n), ..
            }) => n.to_string(),
            _ => adr.record.id.clone(),
        };
        by_id.entry(key).or_default().push(adr);
    }
    for group in by_id.values().filter(|g| g.len() > 1) {
        for adr in group {
            let others: Vec<&str> = group
                .iter()
                .filter(|o| o.path != adr.path)
                .map(|o| o.path.as_str())
                .collect();
            out.findings.push(
                Finding::new(
                    "adr/duplicate-id",
                    format!(
                        "{}: id {} is also used by {}",
                        adr.path,
                        adr.record.id,
                        others.join(", ")
                    ),
                )
                .at(&adr.path, adr.doc.title.as_ref().map(|t| t.1).or(Some(1))),
            );
        }
    }
}

pub(super) fn gaps(adrs: &[&Adr], out: &mut Outcome) {
    let mut numbered: Vec<(u64, &Adr)> = adrs
        .iter()
        .filter_map(|a| Some((a.file_id.as_ref()?.number?, *a)))
        .collect();
    numbered.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.path.cmp(&b.1.path)));
    for pair in numbered.windows(2) {
        let (prev, (next, adr)) = (pair[0].0, pair[1]);
        if next > prev + 1 {
            let missing = if next == prev + 2 {
                format!("{}", prev + 1)
            } else {
                format!("{}–{}", prev + 1, next - 1)
            };
            out.findings.push(
                Finding::new(
                    "adr/numbering-gap",
                    format!("number(s) {missing} are missing before {}", adr.path),
                )
                .at(&adr.path, adr.doc.title.as_ref().map(|t| t.1).or(Some(1))),
            );
        }
    }
}

static MD_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\]\(\s*<?([^)>\s]+)").expect("static regex"));
static ADR_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\badr[-_ #]*|^|[\s\[\x22'])0*(\d{1,6})\b").expect("static regex")
});

/// A superseded record must name its replacement (a link or a number) and that record must exist.
pub(super) fn superseded(
    adr: &Adr,
    numbers: &BTreeSet<(usize, u64)>,
    snap: &Snapshot,
    out: &mut Outcome,
) {
    let mut hints: Vec<(String, u32)> = Vec::new();
    if let Some(s) = &adr.doc.status {
        hints.extend(s.raw.lines().map(|l| (l.to_string(), s.line)));
    }
    hints.extend(adr.doc.replacement_hints.iter().cloned());
    let own = adr.file_id.as_ref().and_then(|f| f.number);
    let mut named: Vec<(String, u32)> = Vec::new();
    for (hint, line) in &hints {
        let links: Vec<&str> = MD_LINK
            .captures_iter(hint)
            .filter_map(|c| c.get(1).map(|m| m.as_str()))
            .collect();
        if !links.is_empty() {
            for link in links {
                match resolve(&adr.path, link) {
                    Some(target) if snap.contains(&target) => return,
                    _ => named.push((link.to_string(), *line)),
                }
            }
            continue;
        }
        let without_dates = parse_date_free(hint);
        for c in ADR_NUMBER.captures_iter(&without_dates) {
            let Some(n) = c.get(1).and_then(|m| m.as_str().parse::<u64>().ok()) else {
                continue;
            };
            if Some(n) == own {
                continue;
            }
            if numbers.contains(&(adr.folder, n)) {
                return;
            }
            named.push((n.to_string(), *line));
        }
    }
    let line = adr.doc.status.as_ref().map(|s| s.line);
    match named.first() {
        None => out.findings.push(
            Finding::new(
                "adr/superseded-without-replacement",
                format!("{} is superseded but names no replacement", adr.path),
            )
            .at(&adr.path, line),
        ),
        Some((what, at)) => out.findings.push(
            Finding::new(
                "adr/replacement-missing",
                format!("{} is superseded by {what}, which does not exist", adr.path),
            )
            .at(&adr.path, Some(*at)),
        ),
    }
}

fn parse_date_free(s: &str) -> String {
    static DATES: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}").expect("static regex"));
    DATES.replace_all(s, " ").into_owned()
}

/// A relative link from `from` resolved to a repository path; `None` for URLs, anchors, absolute
/// paths and links that leave the repository.
pub(super) fn resolve(from: &str, dest: &str) -> Option<String> {
    let dest = dest.split(['#', '?']).next().unwrap_or("");
    if dest.is_empty() || dest.contains("://") || dest.starts_with('/') || dest.contains(':') {
        return None;
    }
    let dest = dest.replace("%20", " ");
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in dest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

pub(super) fn stale(adr: &Adr, max_days: i64, as_of: jiff::Timestamp, out: &mut Outcome) {
    let Some(date) = adr.record.date.as_deref().and_then(parse::parse_date) else {
        return;
    };
    let today = as_of.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    let Ok(span) = date.until(today) else {
        return;
    };
    let days = i64::from(span.get_days());
    if days > max_days {
        let line = adr.doc.date.as_ref().map(|d| d.line).or(adr.record.line);
        out.findings.push(
            Finding::new(
                "adr/stale-proposed",
                format!(
                    "{} has been proposed since {date} ({days} days before {today}; at most {max_days} allowed)",
                    adr.path
                ),
            )
            .at(&adr.path, line),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_inside_the_repository() {
        assert_eq!(
            resolve("docs/adr/0001-a.md", "0002-b.md").as_deref(),
            Some("docs/adr/0002-b.md")
        );
        assert_eq!(
            resolve("docs/adr/0001-a.md", "./0002-b.md#ctx").as_deref(),
            Some("docs/adr/0002-b.md")
        );
        assert_eq!(
            resolve("docs/adr/0001-a.md", "../x.md").as_deref(),
            Some("docs/x.md")
        );
        assert_eq!(resolve("adr/0001-a.md", "../../x.md"), None);
        assert_eq!(resolve("adr/0001-a.md", "https://example.com/x.md"), None);
    }
}
