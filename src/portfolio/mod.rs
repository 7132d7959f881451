//! `gonogo portfolio`: many evidence reports in, one overview out.
//!
//! Reports are grouped by repository (remote URL, else root path) and gate; within a group they
//! are ordered by `generated_at`, then commit, then file name, and the last one is the current
//! state. Everything here is a pure function of the reports: no clock, no disk but the reading.

mod fold;
mod inputs;
mod render;

use serde::Serialize;

use crate::evidence::{Decision, Evidence, Status};
use crate::playbook::Level;

pub use inputs::{parse_evidence, read_inputs, read_portfolio};
pub use render::{PortfolioFormat, render};

/// Bumped when a field of the portfolio JSON changes meaning or is removed.
pub const PORTFOLIO_SCHEMA_VERSION: &str = "1.0";

/// Options that change the overview.
#[derive(Debug, Clone)]
pub struct Options {
    /// Active waivers that expire within this many days of the portfolio's date are listed.
    pub within_days: i64,
    /// How many of the oldest open findings to list, overall and per repository.
    pub top: usize,
    /// Finding messages in German where the evidence records their catalogue key.
    pub german: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            within_days: 30,
            top: 10,
            german: false,
        }
    }
}

/// One report and where it came from.
#[derive(Debug, Clone)]
pub struct Input {
    /// The file it was read from (or, for `scan`, written to).
    pub source: String,
    pub evidence: Evidence,
}

/// Something that is not in the overview, and why.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Skipped {
    pub source: String,
    pub reason: String,
}

#[derive(Debug, Serialize)]
pub struct Portfolio {
    pub portfolio_schema_version: String,
    /// The date of the newest report: ages and expiries are measured against it.
    pub as_of: Option<String>,
    pub within_days: i64,
    pub totals: Totals,
    /// One per repository and gate, ordered by name, key and gate.
    pub repositories: Vec<Repository>,
    /// The oldest open findings of all repositories (at most `top`).
    pub oldest_findings: Vec<OpenFinding>,
    pub expiring_waivers: Vec<ExpiringWaiver>,
    /// Files (or repositories) that are not part of the overview.
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Totals {
    /// Distinct repositories (by remote URL, else root), whatever gates their reports decide.
    pub repositories: usize,
    /// Rows: one per repository and gate.
    pub gates: usize,
    pub reports: usize,
    pub go: usize,
    pub go_with_conditions: usize,
    pub no_go: usize,
    pub skipped: usize,
    pub must: Rate,
    pub should: Rate,
    pub open_findings: usize,
    pub expiring_waivers: usize,
}

/// Controls of one level in the current reports, by status.
///
/// `applicable` counts every control that is not N/A; `passed` counts PASS only. WAIVED and
/// BASELINED controls are applicable but not passed (they would fail; an exception is not a
/// pass); ERROR is applicable and not passed (nothing was proven).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Rate {
    pub passed: usize,
    pub applicable: usize,
    pub failed: usize,
    pub errored: usize,
    pub waived: usize,
    pub baselined: usize,
    pub not_applicable: usize,
    /// `passed * 100 / applicable`, rounded down; absent when nothing applies.
    pub percent: Option<u32>,
}

impl Rate {
    fn add(&mut self, status: Status) {
        match status {
            Status::Pass => self.passed += 1,
            Status::Fail => self.failed += 1,
            Status::Error => self.errored += 1,
            Status::Waived => self.waived += 1,
            Status::Baselined => self.baselined += 1,
            Status::NotApplicable => self.not_applicable += 1,
        }
        if status != Status::NotApplicable {
            self.applicable += 1;
        }
        self.percent = percent(self.passed, self.applicable);
    }

    fn merge(&mut self, other: &Rate) {
        self.passed += other.passed;
        self.applicable += other.applicable;
        self.failed += other.failed;
        self.errored += other.errored;
        self.waived += other.waived;
        self.baselined += other.baselined;
        self.not_applicable += other.not_applicable;
        self.percent = percent(self.passed, self.applicable);
    }

    /// `5/6 (83%)`, or `n/a`.
    pub fn text(&self) -> String {
        match self.percent {
            Some(p) => format!("{}/{} ({p}%)", self.passed, self.applicable),
            None => "n/a".into(),
        }
    }
}

fn percent(passed: usize, applicable: usize) -> Option<u32> {
    (applicable > 0).then(|| (passed * 100 / applicable) as u32)
}

#[derive(Debug, Serialize)]
pub struct Repository {
    /// Short name for people: the last part of the remote URL or root path.
    pub name: String,
    /// What groups reports: the remote URL (without `.git`), else the root path.
    pub key: String,
    pub remote: Option<String>,
    pub root: String,
    pub gate: String,
    pub playbook: String,
    /// Of the current (latest) report.
    pub decision: Decision,
    pub generated_at: Option<String>,
    pub commit: Option<String>,
    pub source: String,
    /// How many distinct reports of this repository and gate were read.
    pub reports: usize,
    pub must: Rate,
    pub should: Rate,
    /// Findings of the current report that no waiver or baseline accepts.
    pub open_findings: usize,
    /// The oldest of them (at most `top`).
    pub oldest_findings: Vec<OpenFinding>,
    /// The age of the oldest of them (the tables show it; the JSON has `oldest_findings`).
    #[serde(skip)]
    pub oldest_age_days: Option<i64>,
    pub expiring_waivers: Vec<ExpiringWaiver>,
    /// When several reports exist (boxed: most rows of a fleet have none).
    pub trend: Option<Box<RepoTrend>>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct OpenFinding {
    pub repository: String,
    pub control: String,
    pub level: Level,
    pub code: String,
    pub message: String,
    pub path: Option<String>,
    pub line: Option<u32>,
    pub fingerprint: String,
    /// `generated_at` of the earliest report of this repository that had the finding.
    pub first_seen: Option<String>,
    pub first_seen_commit: Option<String>,
    /// Whole days from `first_seen` to the portfolio's date.
    pub age_days: Option<i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ExpiringWaiver {
    pub repository: String,
    pub id: String,
    pub control: String,
    pub expires: String,
    /// Days from the portfolio's date to the expiry (negative: already past).
    pub days_left: Option<i64>,
    pub state: String,
    pub approved_by: String,
    pub ticket: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct RepoTrend {
    /// Every report of the group, oldest first.
    pub decisions: Vec<TrendPoint>,
    /// The last two reports compared (`gonogo diff`).
    pub last: crate::evidence::trend::Trend,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TrendPoint {
    pub generated_at: Option<String>,
    pub commit: Option<String>,
    pub decision: Decision,
}

fn short_name(key: &str) -> String {
    key.trim_end_matches('/')
        .rsplit(['/', ':'])
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or(key)
        .to_string()
}

fn timestamp(s: Option<&str>) -> Option<jiff::Timestamp> {
    s.and_then(|s| s.parse::<jiff::Timestamp>().ok())
}

fn days_between(from: jiff::Timestamp, to: jiff::Timestamp) -> i64 {
    (to.as_second() - from.as_second()).div_euclid(86_400)
}

/// Builds the overview of reports held in memory (as `scan` has them).
pub fn build(inputs: Vec<Input>, skipped: Vec<Skipped>, options: &Options) -> Portfolio {
    let mut state = fold::Fold::new(options.german);
    for input in &inputs {
        state.add(&input.source, &input.evidence);
    }
    let reload = |source: &str| {
        inputs
            .iter()
            .find(|i| i.source == source)
            .map(|i| i.evidence.clone())
    };
    state.finish(skipped, options, &reload, options.top)
}

/// Oldest first; findings of unknown age last; then by repository, control, code, path.
fn sort_findings(list: &mut [OpenFinding]) {
    list.sort_by(|a, b| {
        let age = |f: &OpenFinding| std::cmp::Reverse(f.age_days.unwrap_or(i64::MIN));
        age(a)
            .cmp(&age(b))
            .then_with(|| a.repository.cmp(&b.repository))
            .then_with(|| a.control.cmp(&b.control))
            .then_with(|| a.code.cmp(&b.code))
            .then_with(|| a.path.cmp(&b.path))
            .then_with(|| a.fingerprint.cmp(&b.fingerprint))
    });
}

fn waiver_order(a: &ExpiringWaiver, b: &ExpiringWaiver) -> std::cmp::Ordering {
    (&a.expires, &a.repository, &a.control, &a.id).cmp(&(
        &b.expires,
        &b.repository,
        &b.control,
        &b.id,
    ))
}
