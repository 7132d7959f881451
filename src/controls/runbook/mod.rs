//! `runbook`: every service has a runbook with the required sections, an owner or contact, and a
//! review that is not overdue; or every runbook matched by `paths` or discovered has them.
//! This module owns the kind's registry entry and the run: which runbooks there are and which are
//! missing; `discovery` finds runbooks where they are, `runs` what the repository runs, `checks`
//! judges each file, `review` its review date, `params` the playbook table.

mod checks;
mod discovery;
mod params;
mod review;
mod runs;

pub use params::Params;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::controls::{CodeInfo, KindInfo, Outcome, ParamInfo, RunContext};
use crate::evidence::Finding;
use crate::evidence::messages::{Arg, args, phrase};
use crate::snapshot::Snapshot;

pub const KIND: KindInfo = KindInfo {
    name: "runbook",
    summary: "Every service (or every matched file) has a runbook with the required sections, an owner and a current review",
    params: &[
        ParamInfo {
            name: "service-dirs",
            ty: "[glob]",
            default: "[]",
            doc: "folders that are services, e.g. `services/*`; a folder counts when it holds a file",
        },
        ParamInfo {
            name: "services",
            ty: "[string]",
            default: "[]",
            doc: "service names listed by hand (each must have a runbook)",
        },
        ParamInfo {
            name: "runbook",
            ty: "[template]",
            default: "[\"{service_dir}/RUNBOOK.md\", \"docs/runbooks/{service}.md\"]",
            doc: "where a service's runbook is, `{service}` and `{service_dir}` replaced; the first that exists counts",
        },
        ParamInfo {
            name: "paths",
            ty: "[glob]",
            default: "[]",
            doc: "runbooks checked as they are, without services (e.g. alert runbooks `docs/runbooks/*.md`)",
        },
        ParamInfo {
            name: "exclude",
            ty: "[glob]",
            default: "[]",
            doc: "files matched by `paths` that are not runbooks (e.g. `docs/runbooks/README.md`)",
        },
        ParamInfo {
            name: "discover",
            ty: "bool",
            default: "false",
            doc: "also find runbooks where they are: Markdown in `runbooks/`, `docs/runbooks/`, `ops/`, `operations/`, `docs/operations/`, files named `*runbook*`, else files with a heading that names a runbook or holding every required section",
        },
        ParamInfo {
            name: "case-insensitive",
            ty: "bool",
            default: "true",
            doc: "match `runbook` templates and `paths` ignoring case (RUNBOOK.md = runbook.md)",
        },
        ParamInfo {
            name: "required-sections",
            ty: "[string | [string]]",
            default: "[]",
            doc: "headings every runbook needs; a list gives synonyms (`[\"Restore\", \"Backup\"]`), the first is the name",
        },
        ParamInfo {
            name: "allow-empty-sections",
            ty: "bool",
            default: "false",
            doc: "accept a required heading with nothing under it",
        },
        ParamInfo {
            name: "require-owner",
            ty: "bool",
            default: "true",
            doc: "a runbook names an owner: an `owner-keys` front matter key, or a contact in a `contact-sections` section",
        },
        ParamInfo {
            name: "owner-keys",
            ty: "[string]",
            default: "[\"owner\", \"owners\", \"owner_slack\", \"contact\", \"team\"]",
            doc: "front matter keys whose non-empty value names an owner",
        },
        ParamInfo {
            name: "contact-sections",
            ty: "[string]",
            default: "[\"Contact\", \"Contacts\", \"Escalation\", \"Owner\", \"Owners\", \"On-call\"]",
            doc: "headings whose section names an owner when it holds an e-mail address, an @handle or a link",
        },
        ParamInfo {
            name: "require-review",
            ty: "bool",
            default: "false",
            doc: "every runbook has `last_reviewed_on` in its front matter",
        },
        ParamInfo {
            name: "review-in",
            ty: "duration",
            default: "\"6 months\"",
            doc: "how long a review holds when the front matter has no `review_in` (`90 days`, `6 months`, `1 year`)",
        },
    ],
    codes: &[
        CodeInfo {
            code: "runbook/missing",
            doc: "a service has no runbook at any `runbook` template, `paths` matches no file, or the repository runs something and no runbook was found",
        },
        CodeInfo {
            code: "runbook/missing-section",
            doc: "a runbook has no heading for a required section (nor a synonym)",
        },
        CodeInfo {
            code: "runbook/empty-section",
            doc: "a required section has nothing under its heading",
        },
        CodeInfo {
            code: "runbook/no-owner",
            doc: "a runbook names no owner or contact",
        },
        CodeInfo {
            code: "runbook/missing-review",
            doc: "`require-review` is set and a runbook has no `last_reviewed_on`",
        },
        CodeInfo {
            code: "runbook/stale-review",
            doc: "`last_reviewed_on` + `review_in` lies before the as-of date",
        },
        CodeInfo {
            code: "runbook/invalid-review-metadata",
            doc: "`last_reviewed_on` is not a date (YYYY-MM-DD) or `review_in` is not a duration",
        },
        CodeInfo {
            code: "runbook/invalid-front-matter",
            doc: "the YAML front matter does not parse; owner and review are then not checked",
        },
        CodeInfo {
            code: "runbook/unreadable",
            doc: "a runbook is binary, too large, a link or unreadable",
        },
    ],
    compile: params::compile,
};

/// A service: its name and, when found through `service-dirs`, its folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Service {
    name: String,
    dir: Option<String>,
}

impl Service {
    fn label(&self) -> String {
        match &self.dir {
            Some(dir) => format!("service `{}` ({dir})", self.name),
            None => format!("service `{}`", self.name),
        }
    }
    /// The service as a phrase of a message.
    fn phrase(&self) -> Arg {
        match &self.dir {
            Some(dir) => phrase(
                "runbook/service#dir",
                [("name", (&self.name).into()), ("dir", dir.into())],
            ),
            None => phrase("runbook/service", [("name", (&self.name).into())]),
        }
    }
}

pub fn run(p: &Params, snap: &Snapshot, ctx: &RunContext) -> Outcome {
    let mut out = Outcome::default();
    let services = find_services(p, snap);
    // Lowercased path → path, for case-insensitive templates; the first in sorted order wins.
    // Only paths some filled-in template names are kept (a map of every path would hold the
    // whole tree a second time).
    let mut folded: HashMap<String, &str> = HashMap::new();
    if p.case_insensitive {
        let wanted: HashSet<String> = services
            .iter()
            .flat_map(|service| p.templates.iter().filter_map(|t| expand(t, service)))
            .map(|candidate| candidate.to_lowercase())
            .collect();
        for path in snap.paths() {
            let lower = path.to_lowercase();
            if wanted.contains(&lower) {
                folded.entry(lower).or_insert(path);
            }
        }
    }
    let lookup = |candidate: &str| -> Option<String> {
        if snap.contains(candidate) {
            Some(candidate.to_string())
        } else if p.case_insensitive {
            folded.get(&candidate.to_lowercase()).map(|s| s.to_string())
        } else {
            None
        }
    };
    // Runbook path → what it is the runbook of; each file is checked once.
    let mut runbooks: BTreeMap<String, String> = BTreeMap::new();
    for service in &services {
        // Each filled-in template with the template it came from.
        let candidates: Vec<(String, &String)> = p
            .templates
            .iter()
            .filter_map(|t| expand(t, service).map(|c| (c, t)))
            .collect();
        if candidates.is_empty() {
            out.findings.push(Finding::say(
                "runbook/missing#no-folder",
                args([("service", service.phrase())]),
            ));
            continue;
        }
        let found = candidates
            .iter()
            .find_map(|(c, t)| lookup(c).map(|path| (path, t)));
        match found {
            Some((path, template)) => {
                runbooks.entry(path).or_insert_with(|| {
                    format!(
                        "runbook of {}, found by template `{template}`",
                        service.label()
                    )
                });
            }
            None => out.findings.push(Finding::say(
                "runbook/missing#service",
                args([
                    ("service", service.phrase()),
                    (
                        "paths",
                        Arg::AnyOf {
                            any_of: candidates.iter().map(|(c, _)| format!("`{c}`")).collect(),
                        },
                    ),
                ]),
            )),
        }
    }
    let mut matched = 0;
    for path in snap.paths() {
        if p.exclude_set.is_match(path) {
            continue;
        }
        if let Some(&i) = p.path_set.matches(path).first() {
            matched += 1;
            let glob = p.paths.get(i).map_or("", String::as_str);
            runbooks
                .entry(path.to_string())
                .or_insert_with(|| format!("runbook found by `paths` glob `{glob}`"));
        }
    }
    if p.discover {
        for (path, note) in discovery::discover(p, snap, &runbooks) {
            runbooks.entry(path).or_insert(note);
        }
    }
    if runbooks.is_empty() && services.is_empty() {
        if p.service_dirs.is_empty() && !p.discover {
            // `paths` alone name the runbooks asked for: matching nothing is a finding.
            out.findings.push(missing_paths(p));
            return out;
        }
        return nothing_found(p, snap);
    }
    if !p.paths.is_empty() && matched == 0 {
        // `paths` are asked for even beside services: an empty match is a finding.
        out.findings.push(missing_paths(p));
    }
    let mut need_as_of = false;
    for (path, note) in &runbooks {
        need_as_of |= checks::check_runbook(p, snap, ctx, path, note, &mut out);
    }
    if need_as_of && ctx.as_of.is_none() {
        out.fail_to_evaluate("runbook/no-as-of", args([]));
    }
    out
}

/// No service and no runbook: FAIL when the repository runs something (naming what), else
/// NOT_APPLICABLE, saying where the control looked.
fn nothing_found(p: &Params, snap: &Snapshot) -> Outcome {
    let places = looked_in(p);
    let (artefacts, not_counted) = runs::artefacts(snap);
    let not_counted_evidence: Vec<_> = not_counted
        .iter()
        .take(RUN_EVIDENCE_PER_KIND)
        .map(|a| {
            crate::controls::evidence_for(
                snap,
                &a.path,
                None,
                None,
                format!("does not count as running something: {}", a.what),
            )
        })
        .collect();
    if artefacts.is_empty() {
        let mut out = if not_counted.is_empty() {
            Outcome::not_applicable_because("runbook/nothing-runs", args([("looked", places)]))
        } else {
            let named: Vec<String> = not_counted
                .iter()
                .take(3)
                .map(|a| format!("`{}`", a.path))
                .collect();
            Outcome::not_applicable_because(
                "runbook/nothing-runs#not-counted",
                args([("looked", places), ("files", named.join(", ").into())]),
            )
        };
        out.evidence = not_counted_evidence;
        return out;
    }
    let mut out = Outcome {
        evidence: not_counted_evidence,
        ..Outcome::default()
    };
    let named: Vec<&str> = artefacts.iter().take(3).map(|a| a.path.as_str()).collect();
    let more = artefacts.len() - named.len();
    let looked = ("looked", places);
    out.findings.push(match (named.as_slice(), more) {
        ([one], 0) => Finding::say(
            "runbook/missing#runs-one",
            args([("path", (*one).into()), looked]),
        ),
        (names, 0) => Finding::say(
            "runbook/missing#runs",
            args([
                (
                    "paths",
                    Arg::AllOf {
                        all_of: names.iter().map(|n| n.to_string()).collect(),
                    },
                ),
                looked,
            ]),
        ),
        (names, more) => Finding::say(
            "runbook/missing#runs-more",
            args([
                ("paths", names.join(", ").into()),
                ("more", more.into()),
                looked,
            ]),
        ),
    });
    // A few of each kind: a Terraform tree of hundreds of files is named by its first ones.
    let mut per_kind: HashMap<&str, usize> = HashMap::new();
    for a in &artefacts {
        let seen = per_kind.entry(a.what.as_str()).or_default();
        *seen += 1;
        if *seen <= RUN_EVIDENCE_PER_KIND {
            out.evidence.push(crate::controls::evidence_for(
                snap,
                &a.path,
                None,
                None,
                format!("runs something: {}", a.what),
            ));
        }
    }
    out
}

/// How many files of one kind the evidence of a missing runbook names.
const RUN_EVIDENCE_PER_KIND: usize = 5;

/// Where the control looked for runbooks, as a phrase of a message.
fn looked_in(p: &Params) -> Arg {
    let mut places: Vec<String> = p.service_dirs.iter().map(|d| format!("`{d}`")).collect();
    places.extend(p.paths.iter().map(|g| format!("`{g}`")));
    if p.discover {
        places.extend(discovery::FOLDERS.iter().map(|f| format!("`{f}/`")));
        let places = ("places", Arg::from(places.join(", ")));
        if p.sections.is_empty() {
            return phrase("runbook/looked-in#discover", [places]);
        }
        let names: Vec<String> = p.sections.iter().map(|s| s.name.clone()).collect();
        return phrase(
            "runbook/looked-in#discover-sections",
            [places, ("sections", quoted(&names).into())],
        );
    }
    phrase("runbook/looked-in", [("places", places.join(", ").into())])
}

/// `paths` globs that match no file.
fn missing_paths(p: &Params) -> Finding {
    Finding::say(
        "runbook/missing#paths",
        args([("globs", quoted(&p.paths).into())]),
    )
}

/// Services from `service-dirs` (folders holding at least one file) and from `services`.
fn find_services(p: &Params, snap: &Snapshot) -> Vec<Service> {
    let mut dirs: BTreeSet<String> = BTreeSet::new();
    if !p.service_dirs.is_empty() {
        for dir in snap.dirs() {
            if p.service_dir_set.is_match(dir) {
                dirs.insert(dir.to_string());
            }
        }
    }
    let mut services: Vec<Service> = dirs
        .into_iter()
        .map(|dir| Service {
            name: dir.rsplit('/').next().unwrap_or(&dir).to_string(),
            dir: Some(dir),
        })
        .collect();
    for name in &p.services {
        if !services.iter().any(|s| &s.name == name) {
            services.push(Service {
                name: name.clone(),
                dir: None,
            });
        }
    }
    services.sort();
    services
}

/// A template filled in for a service; `None` when it needs a folder the service does not have.
fn expand(template: &str, service: &Service) -> Option<String> {
    let mut path = template.replace("{service}", &service.name);
    if path.contains("{service_dir}") {
        path = path.replace("{service_dir}", service.dir.as_deref()?);
    }
    Some(path)
}

/// The text of a 1-based line.
fn line_text(text: &str, line: u32) -> Option<&str> {
    text.lines().nth((line as usize).checked_sub(1)?)
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_skip_when_the_service_has_no_folder() {
        let listed = Service {
            name: "payments".into(),
            dir: None,
        };
        assert_eq!(expand("{service_dir}/RUNBOOK.md", &listed), None);
        assert_eq!(
            expand("docs/runbooks/{service}.md", &listed).as_deref(),
            Some("docs/runbooks/payments.md")
        );
        let found = Service {
            name: "ledger".into(),
            dir: Some("services/ledger".into()),
        };
        assert_eq!(
            expand("{service_dir}/RUNBOOK.md", &found).as_deref(),
            Some("services/ledger/RUNBOOK.md")
        );
    }
}
