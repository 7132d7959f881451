//! `gonogo portfolio`: many evidence reports in, one overview out.
//!
//! Reports are grouped by repository (remote URL, else root path) and gate; within a group they
//! are ordered by `generated_at`, then commit, then file name, and the last one is the current
//! state. Everything here is a pure function of the reports: no clock, no disk but the reading.

mod inputs;
mod render;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::evidence::{Decision, Evidence, Status};
use crate::playbook::Level;

pub use inputs::{parse_evidence, read_inputs};
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
}

impl Default for Options {
    fn default() -> Self {
        Options {
            within_days: 30,
            top: 10,
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
    pub expiring_waivers: Vec<ExpiringWaiver>,
    /// When several reports exist.
    pub trend: Option<RepoTrend>,
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

/// Builds the overview.
pub fn build(inputs: Vec<Input>, mut skipped: Vec<Skipped>, options: &Options) -> Portfolio {
    let as_of_ts = inputs
        .iter()
        .filter_map(|i| timestamp(i.evidence.generated_at.as_deref()))
        .max();
    let as_of = as_of_ts.map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string());

    let mut groups: BTreeMap<(String, String), Vec<Input>> = BTreeMap::new();
    for input in inputs {
        let key = input.evidence.repository_key();
        groups
            .entry((key, input.evidence.gate.name.clone()))
            .or_default()
            .push(input);
    }
    // Short names that two repositories share are replaced by the key.
    let mut name_count: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (key, _) in groups.keys() {
        name_count
            .entry(short_name(key))
            .or_default()
            .insert(key.clone());
    }

    let mut repositories = Vec::new();
    let mut all_open = Vec::new();
    let mut all_waivers = Vec::new();
    let mut reports = 0;
    for ((key, gate), mut group) in groups {
        group.sort_by(|a, b| {
            let ta = timestamp(a.evidence.generated_at.as_deref());
            let tb = timestamp(b.evidence.generated_at.as_deref());
            ta.cmp(&tb)
                .then_with(|| a.evidence.subject.commit.cmp(&b.evidence.subject.commit))
                .then_with(|| a.source.cmp(&b.source))
        });
        // The same report collected twice (identical evidence) counts once.
        let mut unique: Vec<Input> = Vec::with_capacity(group.len());
        for input in group {
            if !unique.iter().any(|u| u.evidence == input.evidence) {
                unique.push(input);
            }
        }
        let group = unique;
        let short = short_name(&key);
        let name = if name_count.get(&short).is_some_and(|k| k.len() > 1) {
            key.clone()
        } else {
            short
        };
        reports += group.len();
        let repo = repository(&name, &key, &gate, &group, as_of_ts, options);
        all_open.extend(repo.1);
        all_waivers.extend(repo.0.expiring_waivers.iter().cloned());
        repositories.push(repo.0);
    }
    repositories.sort_by(|a, b| {
        (a.name.as_str(), a.key.as_str(), a.gate.as_str()).cmp(&(
            b.name.as_str(),
            b.key.as_str(),
            b.gate.as_str(),
        ))
    });
    sort_findings(&mut all_open);
    all_open.truncate(options.top);
    all_waivers.sort_by(waiver_order);

    let distinct: BTreeSet<&str> = repositories.iter().map(|r| r.key.as_str()).collect();
    let mut totals = Totals {
        repositories: distinct.len(),
        gates: repositories.len(),
        reports,
        ..Totals::default()
    };
    for r in &repositories {
        match r.decision {
            Decision::Go => totals.go += 1,
            Decision::GoWithConditions => totals.go_with_conditions += 1,
            Decision::NoGo => totals.no_go += 1,
        }
        totals.must.merge(&r.must);
        totals.should.merge(&r.should);
        totals.open_findings += r.open_findings;
    }
    totals.expiring_waivers = all_waivers.len();
    skipped.sort();
    totals.skipped = skipped.len();
    Portfolio {
        portfolio_schema_version: PORTFOLIO_SCHEMA_VERSION.into(),
        as_of,
        within_days: options.within_days,
        totals,
        repositories,
        oldest_findings: all_open,
        expiring_waivers: all_waivers,
        skipped,
    }
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

/// The row of one group (ordered oldest first) and all its open findings.
fn repository(
    name: &str,
    key: &str,
    gate: &str,
    group: &[Input],
    as_of: Option<jiff::Timestamp>,
    options: &Options,
) -> (Repository, Vec<OpenFinding>) {
    let current = group.last().expect("a group has a report");
    let e = &current.evidence;
    let mut must = Rate::default();
    let mut should = Rate::default();
    for c in &e.controls {
        match c.level {
            Level::Must => must.add(c.status),
            Level::Should => should.add(c.status),
            Level::May => {}
        }
    }

    // The earliest report that had each (control, fingerprint).
    let mut first_seen: BTreeMap<(String, String), &Evidence> = BTreeMap::new();
    for input in group {
        for c in &input.evidence.controls {
            for f in &c.findings {
                first_seen
                    .entry((c.id.clone(), fingerprint(&c.id, f)))
                    .or_insert(&input.evidence);
            }
        }
    }
    let mut open = Vec::new();
    for c in &e.controls {
        for f in c.findings.iter().filter(|f| f.suppressed.is_none()) {
            let fp = fingerprint(&c.id, f);
            let first = first_seen.get(&(c.id.clone(), fp.clone())).copied();
            let seen_at = first.and_then(|r| r.generated_at.clone());
            let age_days = match (timestamp(seen_at.as_deref()), as_of) {
                (Some(t), Some(now)) => Some(days_between(t, now)),
                _ => None,
            };
            open.push(OpenFinding {
                repository: name.to_string(),
                control: c.id.clone(),
                level: c.level,
                code: f.code.clone(),
                message: f.message.clone(),
                path: f.path.clone(),
                line: f.line,
                fingerprint: fp,
                first_seen: seen_at,
                first_seen_commit: first.and_then(|r| r.subject.commit.clone()),
                age_days,
            });
        }
    }
    sort_findings(&mut open);
    let open_findings = open.len();
    let mut oldest = open.clone();
    oldest.truncate(options.top);

    let mut expiring_waivers: Vec<ExpiringWaiver> = e
        .waivers
        .iter()
        .filter_map(|w| {
            let expires = timestamp(Some(&format!("{}T00:00:00Z", w.expires)));
            // Days left as the waiver's own report saw them: another repository's newer report
            // says nothing about this one's waivers.
            let report_date = timestamp(e.as_of.as_deref())
                .or_else(|| timestamp(e.generated_at.as_deref()))
                .or(as_of);
            let days_left = match (expires, report_date) {
                (Some(x), Some(now)) => Some(days_between(now, x)),
                _ => None,
            };
            let soon = match w.state.as_str() {
                "expiring" => true,
                "active" => days_left.is_some_and(|d| d <= options.within_days),
                _ => false,
            };
            soon.then(|| ExpiringWaiver {
                repository: name.to_string(),
                id: w.id.clone(),
                control: w.control.clone(),
                expires: w.expires.clone(),
                days_left,
                state: w.state.clone(),
                approved_by: w.approved_by.clone(),
                ticket: w.ticket.clone().or_else(|| w.link.clone()),
            })
        })
        .collect();
    expiring_waivers.sort_by(waiver_order);

    let trend = (group.len() > 1).then(|| RepoTrend {
        decisions: group
            .iter()
            .map(|i| TrendPoint {
                generated_at: i.evidence.generated_at.clone(),
                commit: i.evidence.subject.commit.clone(),
                decision: i.evidence.decision,
            })
            .collect(),
        last: crate::evidence::trend::diff(&group[group.len() - 2].evidence, e),
    });

    let repo = Repository {
        name: name.to_string(),
        key: key.to_string(),
        remote: e.subject.remote.clone(),
        root: e.subject.root.clone(),
        gate: gate.to_string(),
        playbook: e.playbook.name.clone(),
        decision: e.decision,
        generated_at: e.generated_at.clone(),
        commit: e.subject.commit.clone(),
        source: current.source.clone(),
        reports: group.len(),
        must,
        should,
        open_findings,
        oldest_findings: oldest,
        expiring_waivers,
        trend,
    };
    (repo, open)
}

fn fingerprint(control: &str, f: &crate::evidence::Finding) -> String {
    f.fingerprint
        .clone()
        .unwrap_or_else(|| crate::evidence::fingerprint(control, f))
}
