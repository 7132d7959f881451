//! The trend of a register: each risk's score against the register at the previous release tag
//! or as it was some time before the as-of date, read from the checked history.

use std::collections::BTreeMap;

use super::params::Against;
use super::register::{self, Row};
use crate::controls::RunContext;
use crate::evidence::risks::{RegisterTrend, RiskRecord, RiskTrend};
use crate::snapshot::{Content, HistoryError, Snapshot};

/// The earlier state to compare with: (against, reference, commit). `Ok(None)` when there is
/// none (no release yet, a history that starts later, no trend asked for).
fn earlier(
    against: &Against,
    snap: &Snapshot,
    ctx: &RunContext,
) -> Result<Option<(&'static str, String, String)>, String> {
    let git = |e: HistoryError| e.to_string();
    match against {
        Against::Nothing => Ok(None),
        Against::Release => {
            let tags = snap
                .previous_releases(&|name| !crate::snapshot::version_key(name).0.is_empty())
                .map_err(git)?;
            Ok(tags
                .into_iter()
                .next()
                .map(|t| ("release", t.name, t.commit)))
        }
        Against::Ago(span) => {
            let Some(as_of) = ctx.as_of else {
                return Err("the check has no reference date".into());
            };
            let day = crate::support::dates::utc_date(as_of)
                .checked_sub(*span)
                .map_err(|e| e.to_string())?;
            let end = jiff::tz::TimeZone::UTC
                .to_timestamp(day.at(23, 59, 59, 0))
                .map_err(|e| e.to_string())?
                .as_second();
            Ok(snap
                .commit_at_or_before(end)
                .map_err(git)?
                .map(|(commit, _)| ("date", day.to_string(), commit)))
        }
    }
}

/// Sets each risk's trend and returns the register's; `Err` says why none could be computed.
pub fn apply(
    against: &Against,
    snap: &Snapshot,
    ctx: &RunContext,
    path: &str,
    risks: &mut [RiskRecord],
) -> Result<Option<RegisterTrend>, String> {
    let Some((kind, reference, commit)) = earlier(against, snap, ctx)? else {
        return Ok(None);
    };
    let before: Vec<Row> = match snap.content_at(&commit, path).map_err(|e| e.to_string())? {
        None => Vec::new(),
        Some(Content::Text(text)) => register::read(path, &text).rows,
        Some(_) => {
            return Err(format!(
                "{path} at {reference} is not readable text (binary, too large or a link)"
            ));
        }
    };
    let old: BTreeMap<String, (Option<u8>, bool)> = before
        .iter()
        .filter_map(|r| {
            let live = r.status.value() != Some("closed");
            Some((r.id.clone()?, (r.score(), live)))
        })
        .collect();
    Ok(Some(compare(kind, reference, commit, &old, risks)))
}

/// Each risk against the earlier register: id → (score, live).
fn compare(
    kind: &str,
    reference: String,
    commit: String,
    old: &BTreeMap<String, (Option<u8>, bool)>,
    risks: &mut [RiskRecord],
) -> RegisterTrend {
    let mut t = RegisterTrend {
        against: kind.to_string(),
        reference,
        commit,
        new: 0,
        up: 0,
        down: 0,
        same: 0,
        closed: 0,
        gone: Vec::new(),
        previous_total: old
            .values()
            .filter(|(_, live)| *live)
            .map(|(s, _)| u32::from(s.unwrap_or(0)))
            .sum(),
        total: 0,
        direction: RiskTrend::Same,
    };
    for r in risks.iter_mut() {
        let live = r.is_live();
        if live {
            t.total += u32::from(r.score.unwrap_or(0));
        }
        let trend = match old.get(&r.id) {
            None | Some((_, false)) if live => Some(RiskTrend::New),
            None | Some((_, false)) => None,
            Some((_, true)) if !live => Some(RiskTrend::Closed),
            Some((before, true)) => {
                r.previous_score = *before;
                match (before, r.score) {
                    (Some(b), Some(n)) if n > *b => Some(RiskTrend::Up),
                    (Some(b), Some(n)) if n < *b => Some(RiskTrend::Down),
                    _ => Some(RiskTrend::Same),
                }
            }
        };
        if let (Some((before, true)), Some(RiskTrend::Closed)) = (old.get(&r.id), trend) {
            r.previous_score = *before;
        }
        match trend {
            Some(RiskTrend::New) => t.new += 1,
            Some(RiskTrend::Up) => t.up += 1,
            Some(RiskTrend::Down) => t.down += 1,
            Some(RiskTrend::Same) => t.same += 1,
            Some(RiskTrend::Closed) => t.closed += 1,
            None => {}
        }
        r.trend = trend;
    }
    for (id, (_, live)) in old {
        if *live && !risks.iter().any(|r| &r.id == id) {
            t.gone.push(id.clone());
            t.closed += 1;
        }
    }
    t.direction = match t.total.cmp(&t.previous_total) {
        std::cmp::Ordering::Greater => RiskTrend::Up,
        std::cmp::Ordering::Less => RiskTrend::Down,
        std::cmp::Ordering::Equal => RiskTrend::Same,
    };
    t
}
