//! The overview built by folding reports one at a time: each report is reduced to what the
//! overview needs (its place in the order, its decision, the fingerprints of its findings and,
//! while it may be the current state, its rates, open findings and waivers) and then dropped.
//! Long: the fold (adding reports) and its finish (making rows of the folded state) share the
//! private state types; splitting them would make those types visible to the whole portfolio.
//!
//! The result does not depend on the order in which reports are added: every choice (the
//! current state, the first report that had a finding, which duplicate is kept) is a minimum or
//! maximum under the total order of `generated_at`, commit and file name. Whole reports are
//! needed only for the diff of the last two reports of a repository and to tell whether reports
//! with the same `generated_at` and commit are the same report collected twice; those few are
//! read again at the end.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use super::{
    ExpiringWaiver, OpenFinding, Options, Portfolio, Rate, RepoTrend, Repository, Skipped, Totals,
    TrendPoint, days_between, short_name, sort_findings, timestamp, waiver_order,
};
use crate::evidence::{Decision, Evidence};
use crate::playbook::Level;

/// Where a report stands among the reports of its repository and gate.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    time: Option<jiff::Timestamp>,
    commit: Option<String>,
    source: String,
}

/// One report as the trend and the counts see it.
#[derive(Debug, Clone)]
struct Point {
    place: Place,
    generated_at: Option<String>,
    decision: Decision,
}

/// An open finding of a report, before its age is known; its texts are ids of [`Strings`].
#[derive(Debug, Clone)]
struct Open {
    control: Id,
    level: Level,
    code: Id,
    message: Id,
    path: Option<Id>,
    line: Option<u32>,
    fingerprint: Id,
}

/// A text kept once in [`Strings`].
type Id = u32;

/// Controls, codes, messages, paths and fingerprints repeat across a fleet: each is kept once,
/// and the fold's state holds 4-byte ids of them instead of pointers.
#[derive(Debug, Default)]
struct Strings {
    ids: HashMap<Arc<str>, Id>,
    list: Vec<Arc<str>>,
}

impl Strings {
    fn id(&mut self, s: &str) -> Id {
        if let Some(id) = self.ids.get(s) {
            return *id;
        }
        let a: Arc<str> = s.into();
        let id = self.list.len() as Id;
        self.list.push(a.clone());
        self.ids.insert(a, id);
        id
    }
}

/// Pushes with little spare room while the vector is small: most groups hold one report with a
/// few findings, and the amortized growth of `Vec` would leave most of their room unused.
fn push_tight<T>(v: &mut Vec<T>, item: T) {
    if v.len() == v.capacity() {
        v.reserve_exact(v.len() / 2 + 1);
    }
    v.push(item);
}

/// A waiver that may be about to expire (state `expiring` or `active`).
#[derive(Debug, Clone)]
struct Waiver {
    id: String,
    control: String,
    expires: String,
    state: String,
    approved_by: String,
    ticket: Option<String>,
}

/// What a row needs of the report that is its current state.
#[derive(Debug, Clone)]
struct Current {
    /// Index of its report in the group's points.
    point: u32,
    remote: Option<String>,
    root: String,
    /// Of the playbook (an id of [`Strings`]); the commit is its point's.
    playbook: Id,
    /// The report's own reference date (`as_of`, else `generated_at`).
    report_date: Option<jiff::Timestamp>,
    must: Rate,
    should: Rate,
    open: Vec<Open>,
    waivers: Vec<Waiver>,
}

/// The state of one repository and gate.
#[derive(Debug, Default)]
struct Group {
    points: Vec<Point>,
    /// (control, fingerprint) → the earliest report (index into `points`) that had it; sorted
    /// by the ids.
    first_seen: Vec<(Id, Id, u32)>,
    /// The reports with the latest `generated_at` and commit: the current state is one of them
    /// (the last by file name, of those that are not a copy of another).
    latest: Vec<Current>,
}

/// Reports folded so far.
#[derive(Debug, Default)]
pub struct Fold {
    groups: BTreeMap<(String, String), Group>,
    skipped: Vec<Skipped>,
    strings: Strings,
    /// Finding messages in German (from the message catalogue) instead of as recorded.
    german: bool,
}

impl Fold {
    /// An empty fold; `german`: finding messages in German.
    pub fn new(german: bool) -> Self {
        Fold {
            german,
            ..Fold::default()
        }
    }
}

/// Reads a report again (by its file name).
pub type Reload<'a> = dyn Fn(&str) -> Option<Evidence> + Sync + 'a;

impl Fold {
    pub fn skip(&mut self, skipped: Skipped) {
        self.skipped.push(skipped);
    }

    /// Folds one report in.
    pub fn add(&mut self, source: &str, e: &Evidence) {
        let key = (e.repository_key(), e.gate.name.clone());
        let place = Place {
            time: timestamp(e.generated_at.as_deref()),
            commit: e.subject.commit.clone(),
            source: source.to_string(),
        };
        let mut group = self.groups.remove(&key).unwrap_or_default();
        let index = group.points.len() as u32;
        for c in &e.controls {
            for f in &c.findings {
                let seen = (
                    self.strings.id(&c.id),
                    self.strings.id(&fingerprint(&c.id, f)),
                );
                let found = group
                    .first_seen
                    .binary_search_by(|(c2, f2, _)| (*c2, *f2).cmp(&seen));
                match found {
                    Ok(at) => {
                        let earliest = &mut group.first_seen[at].2;
                        if group.points[*earliest as usize].place > place {
                            *earliest = index;
                        }
                    }
                    Err(at) => {
                        if group.first_seen.len() == group.first_seen.capacity() {
                            group
                                .first_seen
                                .reserve_exact(group.first_seen.len() / 2 + 1);
                        }
                        group.first_seen.insert(at, (seen.0, seen.1, index));
                    }
                }
            }
        }
        // The latest reports share their `generated_at` and commit: the first one's tell.
        let newer = match group.latest.first() {
            None => Ordering::Greater,
            Some(c) => {
                let at = &group.points[c.point as usize].place;
                (&place.time, &place.commit).cmp(&(&at.time, &at.commit))
            }
        };
        match newer {
            Ordering::Less => {}
            Ordering::Greater => group.latest = vec![self.current(e, index)],
            Ordering::Equal => group.latest.push(self.current(e, index)),
        }
        let point = Point {
            place,
            generated_at: e.generated_at.clone(),
            decision: e.decision,
        };
        push_tight(&mut group.points, point);
        self.groups.insert(key, group);
    }

    /// The overview; `reload` reads the last two reports of a repository with several again.
    /// Each row lists at most `keep` of its oldest open findings (at most `options.top`).
    pub fn finish(
        mut self,
        skipped: Vec<Skipped>,
        options: &Options,
        reload: &Reload,
        keep: usize,
    ) -> Portfolio {
        let keep = keep.min(options.top);
        // The texts stay (as a list, without the index that found them).
        let strings = std::mem::take(&mut self.strings.list);
        self.strings = Strings::default();
        let mut skipped_all = self.skipped;
        skipped_all.extend(skipped);
        let as_of_ts = self
            .groups
            .values()
            .flat_map(|g| g.points.iter().filter_map(|p| p.place.time))
            .max();
        let as_of = as_of_ts.map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string());

        // Short names that two repositories share are replaced by the key.
        // (The keys come in order, so each repository's gates are next to each other.)
        let mut first_key: HashMap<String, &str> = HashMap::new();
        let mut shared: HashSet<String> = HashSet::new();
        for (key, _) in self.groups.keys() {
            let first = first_key.entry(short_name(key)).or_insert(key);
            if *first != key.as_str() {
                shared.insert(short_name(key));
            }
        }
        drop(first_key);
        let name_of = |key: &str| {
            let short = short_name(key);
            if shared.contains(&short) {
                key.to_string()
            } else {
                short
            }
        };

        let mut repositories = Vec::with_capacity(self.groups.len());
        let mut oldest: Vec<OpenFinding> = Vec::new();
        let mut all_waivers = Vec::new();
        let mut reports = 0;
        let mut pending = Vec::new();
        // Each group is dropped once its row is made.
        let groups = std::mem::take(&mut self.groups);
        for ((key, gate), group) in groups {
            let name = name_of(&key);
            let order = unique_order(&group, reload);
            let row = row(
                (&name, &key, &gate),
                &strings,
                &group,
                &order,
                as_of_ts,
                options,
                keep,
            );
            reports += row.repository.reports;
            all_waivers.extend(row.repository.expiring_waivers.iter().cloned());
            // The oldest overall are among the oldest of each repository.
            oldest.extend(row.oldest);
            if oldest.len() > options.top.saturating_mul(4).max(1024) {
                sort_findings(&mut oldest);
                oldest.truncate(options.top);
            }
            if let Some(p) = row.pending {
                pending.push((repositories.len(), p));
            }
            repositories.push(row.repository);
        }

        // The diff of the last two reports, for repositories with several.
        use rayon::prelude::*;
        let diffs: Vec<_> = pending
            .par_iter()
            .map(|(i, p)| {
                let old = reload_point(reload, &p.previous);
                let new = reload_point(reload, &p.current);
                match (old, new) {
                    (Some(old), Some(new)) => Ok(crate::evidence::trend::diff(&old, &new)),
                    (None, _) => Err(p.previous.place.source.clone()),
                    (_, None) => Err(p.current.place.source.clone()),
                }
                .map(|d| (*i, d))
            })
            .collect();
        for ((i, p), diff) in pending.into_iter().zip(diffs) {
            match diff {
                Ok((_, last)) => {
                    repositories[i].trend = Some(Box::new(RepoTrend {
                        decisions: p.decisions,
                        last,
                    }))
                }
                Err(source) => skipped_all.push(Skipped {
                    source,
                    reason: "changed or removed while the portfolio was read; the trend of its \
                             repository is left out"
                        .into(),
                }),
            }
        }

        repositories.sort_by(|a, b| {
            (a.name.as_str(), a.key.as_str(), a.gate.as_str()).cmp(&(
                b.name.as_str(),
                b.key.as_str(),
                b.gate.as_str(),
            ))
        });
        sort_findings(&mut oldest);
        oldest.truncate(options.top);
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
        skipped_all.sort();
        totals.skipped = skipped_all.len();
        Portfolio {
            portfolio_schema_version: super::PORTFOLIO_SCHEMA_VERSION.into(),
            as_of,
            within_days: options.within_days,
            totals,
            repositories,
            oldest_findings: oldest,
            expiring_waivers: all_waivers,
            skipped: skipped_all,
        }
    }
}

impl Fold {
    fn current(&mut self, e: &Evidence, point: u32) -> Current {
        let mut must = Rate::default();
        let mut should = Rate::default();
        let open_count = e
            .controls
            .iter()
            .map(|c| c.findings.iter().filter(|f| f.suppressed.is_none()).count())
            .sum();
        let mut open = Vec::with_capacity(open_count);
        for c in &e.controls {
            match c.level {
                Level::Must => must.add(c.status),
                Level::Should => should.add(c.status),
                Level::May => {}
            }
            for f in c.findings.iter().filter(|f| f.suppressed.is_none()) {
                open.push(Open {
                    control: self.strings.id(&c.id),
                    level: c.level,
                    code: self.strings.id(&f.code),
                    message: {
                        let text = f.message_in(self.german);
                        self.strings.id(&text)
                    },
                    path: f.path.as_deref().map(|p| self.strings.id(p)),
                    line: f.line,
                    fingerprint: self.strings.id(&fingerprint(&c.id, f)),
                });
            }
        }
        let mut waivers: Vec<Waiver> = e
            .waivers
            .iter()
            .filter(|w| matches!(w.state.as_str(), "expiring" | "active"))
            .map(|w| Waiver {
                id: w.id.clone(),
                control: w.control.clone(),
                expires: w.expires.clone(),
                state: w.state.clone(),
                approved_by: w.approved_by.clone(),
                ticket: w.ticket.clone().or_else(|| w.link.clone()),
            })
            .collect();
        waivers.shrink_to_fit();
        Current {
            point,
            remote: e.subject.remote.clone(),
            root: e.subject.root.clone(),
            playbook: self.strings.id(&e.playbook.name),
            report_date: timestamp(e.as_of.as_deref())
                .or_else(|| timestamp(e.generated_at.as_deref())),
            must,
            should,
            open,
            waivers,
        }
    }
}

/// The report of a point, read again, if it still is the report that was read.
fn reload_point(reload: &Reload, p: &Point) -> Option<Evidence> {
    reload(&p.place.source).filter(|e| {
        e.generated_at == p.generated_at
            && e.subject.commit == p.place.commit
            && e.decision == p.decision
    })
}

/// The group's reports (indices into its points) oldest first, each report once: of reports
/// with the same `generated_at` and commit, those identical to an earlier one (the same report
/// collected twice) are left out. Only such reports are read again.
fn unique_order(group: &Group, reload: &Reload) -> Vec<u32> {
    let mut order: Vec<u32> = (0..group.points.len() as u32).collect();
    order.sort_by(|a, b| {
        group.points[*a as usize]
            .place
            .cmp(&group.points[*b as usize].place)
    });
    let same_time = |a: u32, b: u32| {
        let (a, b) = (
            &group.points[a as usize].place,
            &group.points[b as usize].place,
        );
        (&a.time, &a.commit) == (&b.time, &b.commit)
    };
    let mut unique = Vec::with_capacity(order.len());
    let mut run_start = 0;
    while run_start < order.len() {
        let mut run_end = run_start + 1;
        while run_end < order.len() && same_time(order[run_start], order[run_end]) {
            run_end += 1;
        }
        if run_end - run_start == 1 {
            unique.push(order[run_start]);
        } else {
            let mut kept: Vec<Option<Evidence>> = Vec::new();
            for &i in &order[run_start..run_end] {
                let e = reload(&group.points[i as usize].place.source);
                let copy = e.is_some() && kept.iter().any(|k| k.is_some() && *k == e);
                if !copy {
                    unique.push(i);
                    kept.push(e);
                }
            }
        }
        run_start = run_end;
    }
    unique
}

/// A trend whose diff still has to be computed from the two reports.
struct Pending {
    decisions: Vec<TrendPoint>,
    previous: Point,
    current: Point,
}

struct Row {
    repository: Repository,
    /// The oldest open findings (at most `top`).
    oldest: Vec<OpenFinding>,
    pending: Option<Pending>,
}

/// The row of a group; `(name, key, gate)` name it.
fn row(
    (name, key, gate): (&str, &str, &str),
    strings: &[Arc<str>],
    group: &Group,
    order: &[u32],
    as_of: Option<jiff::Timestamp>,
    options: &Options,
    keep: usize,
) -> Row {
    let order: Vec<&Point> = order.iter().map(|i| &group.points[*i as usize]).collect();
    let last = order[order.len() - 1];
    let current = group
        .latest
        .iter()
        .find(|c| std::ptr::eq(&group.points[c.point as usize], last))
        .expect("the latest report is kept");

    // Ages first, then only the oldest become findings of the overview.
    let first_seen_of = |o: &Open| {
        group
            .first_seen
            .binary_search_by(|(c, f, _)| (*c, *f).cmp(&(o.control, o.fingerprint)))
            .ok()
            .map(|at| &group.points[group.first_seen[at].2 as usize])
    };
    let mut aged: Vec<(Option<i64>, &Open)> = current
        .open
        .iter()
        .map(|o| {
            let seen_at = first_seen_of(o).and_then(|p| timestamp(p.generated_at.as_deref()));
            let age = match (seen_at, as_of) {
                (Some(t), Some(now)) => Some(days_between(t, now)),
                _ => None,
            };
            (age, o)
        })
        .collect();
    let text = |id: Id| &*strings[id as usize];
    // The order of `sort_findings` (the repository is the same for all).
    aged.sort_by(|(age_a, a), (age_b, b)| {
        let age = |d: &Option<i64>| std::cmp::Reverse(d.unwrap_or(i64::MIN));
        age(age_a)
            .cmp(&age(age_b))
            .then_with(|| text(a.control).cmp(text(b.control)))
            .then_with(|| text(a.code).cmp(text(b.code)))
            .then_with(|| a.path.map(text).cmp(&b.path.map(text)))
            .then_with(|| text(a.fingerprint).cmp(text(b.fingerprint)))
    });
    let open_findings = aged.len();
    let oldest_age_days = aged.first().and_then(|(age, _)| *age);
    let open: Vec<OpenFinding> = aged
        .iter()
        .take(options.top)
        .map(|(age_days, o)| {
            let first = first_seen_of(o);
            OpenFinding {
                repository: name.to_string(),
                control: text(o.control).to_string(),
                level: o.level,
                code: text(o.code).to_string(),
                message: text(o.message).to_string(),
                path: o.path.map(|p| text(p).to_string()),
                line: o.line,
                fingerprint: text(o.fingerprint).to_string(),
                first_seen: first.and_then(|p| p.generated_at.clone()),
                first_seen_commit: first.and_then(|p| p.place.commit.clone()),
                age_days: *age_days,
            }
        })
        .collect();
    let mut expiring_waivers: Vec<ExpiringWaiver> = current
        .waivers
        .iter()
        .filter_map(|w| {
            let expires = timestamp(Some(&format!("{}T00:00:00Z", w.expires)));
            // Days left as the waiver's own report saw them: another repository's newer report
            // says nothing about this one's waivers.
            let report_date = current.report_date.or(as_of);
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
                ticket: w.ticket.clone(),
            })
        })
        .collect();
    expiring_waivers.sort_by(waiver_order);

    let pending = (order.len() > 1).then(|| Pending {
        decisions: order
            .iter()
            .map(|p| TrendPoint {
                generated_at: p.generated_at.clone(),
                commit: p.place.commit.clone(),
                decision: p.decision,
            })
            .collect(),
        previous: order[order.len() - 2].clone(),
        current: last.clone(),
    });

    let repository = Repository {
        name: name.to_string(),
        key: key.to_string(),
        remote: current.remote.clone(),
        root: current.root.clone(),
        gate: gate.to_string(),
        playbook: text(current.playbook).to_string(),
        decision: last.decision,
        generated_at: last.generated_at.clone(),
        commit: last.place.commit.clone(),
        source: last.place.source.clone(),
        reports: order.len(),
        must: current.must.clone(),
        should: current.should.clone(),
        open_findings,
        oldest_findings: open.iter().take(keep).cloned().collect(),
        oldest_age_days,
        expiring_waivers,
        trend: None,
    };
    Row {
        repository,
        oldest: open,
        pending,
    }
}

fn fingerprint(control: &str, f: &crate::evidence::Finding) -> String {
    f.fingerprint
        .clone()
        .unwrap_or_else(|| crate::evidence::fingerprint(control, f))
}
