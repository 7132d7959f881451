//! The checks across records: duplicate ids, numbering gaps and proposals gone stale.

use std::collections::BTreeMap;

use super::Adr;
use super::parse::{self, FileId};
use crate::controls::Outcome;
use crate::evidence::Finding;
use crate::evidence::messages::{Arg, args};

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
                Finding::say(
                    "adr/duplicate-id",
                    args([
                        ("path", (&adr.path).into()),
                        ("id", (&adr.record.id).into()),
                        (
                            "others",
                            Arg::AllOf {
                                all_of: others.iter().map(|o| o.to_string()).collect(),
                            },
                        ),
                    ]),
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
                Finding::say(
                    "adr/numbering-gap",
                    args([("missing", missing.into()), ("path", (&adr.path).into())]),
                )
                .at(&adr.path, adr.doc.title.as_ref().map(|t| t.1).or(Some(1))),
            );
        }
    }
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
            Finding::say(
                "adr/stale-proposed",
                args([
                    ("path", (&adr.path).into()),
                    ("date", date.to_string().into()),
                    ("days", days.into()),
                    ("today", today.to_string().into()),
                    ("max", max_days.into()),
                ]),
            )
            .at(&adr.path, line),
        );
    }
}
