//! The monthly steering pack as data: the window it covers, each gate's decision now and at the
//! last pack, the current check's evidence (risks, waivers, findings), the decision log of the
//! window, and the priorities with their next steps. Renderers write it; nothing here judges.

use super::{Decision, Evidence, Record, WaiverRecord};

/// One steering pack.
#[derive(Debug, Clone)]
pub struct SteeringPack {
    /// The first and last day of the window, YYYY-MM-DD.
    pub start: String,
    pub end: String,
    /// `2026-11` for a month, else empty.
    pub month: Option<String>,
    pub gates: Vec<GateStatus>,
    /// The check of the widest gate (`steering`, else `release`, else the last gate).
    pub evidence: Evidence,
    /// Decision records dated in the window (added) or changed in it.
    pub decisions: Vec<DecisionEntry>,
    /// Waivers that expire before the end of the window plus 30 days, or have expired.
    pub waivers_expiring: Vec<WaiverRecord>,
    pub priorities: Option<Priorities>,
}

/// A gate's decision now, and at the last pack (the newest evidence in git notes from before the
/// window).
#[derive(Debug, Clone)]
pub struct GateStatus {
    pub name: String,
    pub description: Option<String>,
    pub decision: Decision,
    pub previous: Option<Decision>,
    /// When the previous decision was made (its evidence's reference date).
    pub previous_as_of: Option<String>,
}

/// A decision record of the window.
#[derive(Debug, Clone)]
pub struct DecisionEntry {
    pub record: Record,
    /// `added` (dated in the window) or `changed` (its file changed in the window).
    pub change: &'static str,
}

/// The priorities file: its path and the lines that carry its structure (headings, list items).
#[derive(Debug, Clone)]
pub struct Priorities {
    pub path: String,
    pub lines: Vec<String>,
}
