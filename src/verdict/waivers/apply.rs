//! Applying waivers to a check's results: entitlement, locked controls, `max-days`, expiry,
//! and the failing findings each valid waiver accepts.

use super::{Waiver, WaiverSet};
use crate::evidence::messages::{Arg, args};
use crate::evidence::{ControlResult, Finding, Status, Suppression, WaiverRecord};
use crate::playbook::Playbook;

/// What applying waivers did.
#[derive(Debug, Default)]
pub struct Applied {
    pub records: Vec<WaiverRecord>,
    /// Findings of the `waivers` control: expired, not entitled, too long.
    pub findings: Vec<Finding>,
    pub warnings: Vec<String>,
    /// Set when waivers could not be judged at all.
    pub error: Option<(String, crate::evidence::messages::Said)>,
}

/// Applies waivers to the results: each valid, unexpired waiver accepts the failing findings it
/// matches; a control whose findings are all accepted becomes WAIVED.
pub fn apply(
    set: &WaiverSet,
    playbook: &Playbook,
    results: &mut [ControlResult],
    as_of: Option<jiff::Timestamp>,
) -> Applied {
    let mut applied = Applied::default();
    let Some(today) = as_of.map(|t| t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date()) else {
        applied.error = Some(crate::evidence::messages::say("waivers/no-date", args([])));
        return applied;
    };
    let policy = &playbook.waivers;
    for w in &set.waivers {
        // A waiver's problems are findings only in gates that check its control: a commit gate
        // without the runbook control is not blocked by an expired runbook exception. Naming
        // no control of the playbook is a problem of the file, in every gate.
        let in_gate = results.iter().any(|r| r.id == w.control);
        let mut findings: Vec<Finding> = Vec::new();
        let mut record = WaiverRecord {
            id: w.id.clone(),
            control: w.control.clone(),
            code: w.code.clone(),
            path: w.path.as_ref().map(|(p, _)| p.clone()),
            reason: w.reason.clone(),
            ticket: w.ticket.clone(),
            link: w.link.clone(),
            approved_by: w.approved_by.clone(),
            created: w.created.to_string(),
            expires: w.expires.to_string(),
            state: "active".into(),
            matched: 0,
            problems: Vec::new(),
            defined_at: w.defined_at.clone(),
        };
        let control = playbook.control(&w.control);
        if control.is_none() {
            // Only playbook controls can be waived: never the gate's own approval rule, and never
            // by a waiver whose entitlement cannot be checked.
            record
                .problems
                .push(format!("`{}` is not a control of the playbook", w.control));
            findings.push(
                Finding::say(
                    "waivers/unknown-control",
                    args([("id", (&w.id).into()), ("control", (&w.control).into())]),
                )
                .at(path_of(&w.defined_at), line_of(&w.defined_at)),
            );
        }
        if let Some(control) = control {
            let entitled = playbook.roles.iter().any(|r| {
                r.may_waive.contains(&control.level)
                    && r.members
                        .iter()
                        .any(|m| crate::playbook::roles::is_member(m, &w.approved_by))
            });
            if !entitled {
                record.problems.push(format!(
                    "`{}` is not a member of a role that may waive `{}` controls",
                    w.approved_by,
                    control.level.as_str()
                ));
                findings.push(
                    Finding::say(
                        "waivers/not-entitled",
                        args([
                            ("id", (&w.id).into()),
                            ("control", (&w.control).into()),
                            ("who", (&w.approved_by).into()),
                            ("level", Arg::level(control.level)),
                        ]),
                    )
                    .at(path_of(&w.defined_at), line_of(&w.defined_at)),
                );
            }
            if control.locked {
                let by_role = control
                    .waivable_by
                    .as_deref()
                    .and_then(|r| playbook.role(r));
                let allowed = by_role.is_some_and(|r| {
                    r.members
                        .iter()
                        .any(|m| crate::playbook::roles::is_member(m, &w.approved_by))
                });
                if !allowed {
                    let who = match &control.waivable_by {
                        Some(role) => {
                            format!("only a member of `{role}` (`waivable-by`) may waive it")
                        }
                        None => "it names no `waivable-by` role, so it cannot be waived".into(),
                    };
                    record
                        .problems
                        .push(format!("`{}` is locked; {who}", w.control));
                    let about = [("id", Arg::from(&w.id)), ("control", Arg::from(&w.control))];
                    let finding = match &control.waivable_by {
                        Some(role) => {
                            let [id, c] = about;
                            Finding::say("waivers/locked", args([id, c, ("role", role.into())]))
                        }
                        None => Finding::say("waivers/locked#no-role", args(about)),
                    };
                    findings.push(finding.at(path_of(&w.defined_at), line_of(&w.defined_at)));
                }
            }
            // `max-days` counts from the earlier of `created` and the first commit that held
            // the waiver: a `created` rewritten later does not restart the clock.
            let (start, since) = start_of(w);
            let span = days_between(start, w.expires);
            let max = policy.max_days(control.level) as i64;
            if span > max {
                record.problems.push(format!(
                    "runs {span} days; at most {max} for `{}` controls",
                    control.level.as_str()
                ));
                findings.push(
                    Finding::say(
                        "waivers/too-long",
                        args([
                            ("id", (&w.id).into()),
                            ("control", (&w.control).into()),
                            ("days", span.into()),
                            ("since", since.to_string().into()),
                            ("expires", w.expires.to_string().into()),
                            ("max", max.into()),
                            ("level", Arg::level(control.level)),
                        ]),
                    )
                    .at(path_of(&w.defined_at), line_of(&w.defined_at)),
                );
            }
        }
        if w.created > today {
            record.problems.push(format!(
                "created {} is after the reference date {today}",
                w.created
            ));
            findings.push(
                Finding::say(
                    "waivers/created-in-future",
                    args([
                        ("id", (&w.id).into()),
                        ("control", (&w.control).into()),
                        ("created", w.created.to_string().into()),
                        ("today", today.to_string().into()),
                    ]),
                )
                .at(path_of(&w.defined_at), line_of(&w.defined_at)),
            );
        }
        if !record.problems.is_empty() {
            record.state = "invalid".into();
        } else if w.expires < today {
            record.state = "expired".into();
            record.problems.push(format!("expired on {}", w.expires));
            findings.push(
                Finding::say(
                    "waivers/expired",
                    args([
                        ("id", (&w.id).into()),
                        ("control", (&w.control).into()),
                        ("expires", w.expires.to_string().into()),
                    ]),
                )
                .at(path_of(&w.defined_at), line_of(&w.defined_at)),
            );
        } else {
            let left = days_between(today, w.expires);
            if left <= policy.warn_days as i64 {
                record.state = "expiring".into();
                applied.warnings.push(format!(
                    "waiver {} for `{}` expires on {} (in {left} days)",
                    w.id, w.control, w.expires
                ));
            }
            if let Some(result) = results.iter_mut().find(|r| r.id == w.control) {
                for f in result
                    .findings
                    .iter_mut()
                    .filter(|f| f.suppressed.is_none())
                {
                    if waives(w, f) {
                        f.suppressed = Some(Suppression {
                            by: "waiver".into(),
                            reference: w.id.clone(),
                        });
                        record.matched += 1;
                    }
                }
            }
            if record.matched == 0 {
                if in_gate {
                    record.state = "stale".into();
                    record.problems.push("matches no failing finding".into());
                    applied.warnings.push(format!(
                        "waiver {} for `{}` matches no failing finding: remove it ({})",
                        w.id, w.control, w.defined_at
                    ));
                } else {
                    record.state = "not-in-gate".into();
                }
            }
        }
        if in_gate || control.is_none() {
            applied.findings.extend(findings);
        }
        applied.records.push(record);
    }
    for r in results.iter_mut() {
        if r.status == Status::Fail && r.findings.iter().all(|f| f.suppressed.is_some()) {
            r.status = Status::Waived;
        }
    }
    applied
}

fn waives(w: &Waiver, f: &Finding) -> bool {
    w.code.as_deref().is_none_or(|c| c == f.code)
        && match &w.path {
            None => true,
            Some((_, m)) => f.path.as_deref().is_some_and(|p| m.is_match(p)),
        }
}

fn path_of(defined_at: &str) -> &str {
    defined_at.rsplit_once(':').map_or(defined_at, |(p, _)| p)
}

fn line_of(defined_at: &str) -> Option<u32> {
    defined_at
        .rsplit_once(':')
        .and_then(|(_, l)| l.parse().ok())
}

/// Where `max-days` counts from: the earlier of `created` and the first commit that held the
/// waiver, with the words that say which. A commit time beyond the years jiff represents counts
/// as the earliest date there is when it lies before 1970 (never as a later start).
fn start_of(w: &Waiver) -> (jiff::civil::Date, String) {
    let created = (w.created, w.created.to_string());
    let Some(first) = &w.first_commit else {
        return created;
    };
    let date = match crate::support::dates::commit_date(first.time) {
        Ok(d) => d,
        Err(_) if first.time < 0 => jiff::civil::Date::MIN,
        Err(_) => return created,
    };
    if date < w.created {
        let short = crate::support::short(&first.commit);
        (date, format!("{date}, when commit {short} first held it"))
    } else {
        created
    }
}

/// Whole days from `a` to `b`.
fn days_between(a: jiff::civil::Date, b: jiff::civil::Date) -> i64 {
    b.duration_since(a).as_secs() / 86_400
}

/// What is wrong with a waiver file for this playbook, judged today as a check would judge it:
/// unknown controls, approvers not entitled, locked controls, too long, expired, dated ahead.
/// One line per problem, `file:line: message [code]`.
pub fn problems(set: &WaiverSet, playbook: &Playbook, german: bool) -> Vec<String> {
    let mut results: Vec<ControlResult> = playbook
        .controls
        .iter()
        .map(|c| {
            crate::verdict::result_parts(
                &c.id,
                c.kind,
                c.level,
                c.title.clone(),
                String::new(),
                crate::controls::Outcome::default(),
            )
        })
        .collect();
    let applied = apply(set, playbook, &mut results, Some(jiff::Timestamp::now()));
    applied
        .findings
        .iter()
        .map(|f| {
            let place = match (&f.path, f.line) {
                (Some(p), Some(l)) => format!("{p}:{l}: "),
                (Some(p), None) => format!("{p}: "),
                _ => String::new(),
            };
            format!("{place}{} [{}]", f.message_in(german), f.code)
        })
        .collect()
}
