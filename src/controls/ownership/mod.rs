//! `ownership`: a CODEOWNERS file that parses, covers the repository and its critical paths,
//! and (optionally) a contact people can reach.
//! This module owns the kind's registry entry and the run over the CODEOWNERS file; `contact`
//! looks for a reachable contact, `params` reads the playbook table.

mod contact;
mod params;

pub use contact::catalog_owner;
pub use params::{FlavorParam, Params};

use contact::check_contact;

use crate::controls::codeowners::{self, Flavor, IssueKind, Matcher};
use crate::controls::files::unreadable;
use crate::controls::{CodeInfo, KindInfo, Outcome, ParamInfo, evidence_for};
use crate::evidence::Finding;
use crate::evidence::messages::{Arg, args, decimal};
use crate::snapshot::{Content, Snapshot};

pub const KIND: KindInfo = KindInfo {
    name: "ownership",
    summary: "A CODEOWNERS file (GitHub or GitLab) that is valid, covers the files and critical paths; optionally a reachable contact",
    params: &[
        ParamInfo {
            name: "flavor",
            ty: "string",
            default: "\"auto\"",
            doc: "`auto`, `github` or `gitlab`: where CODEOWNERS is looked for and which dialect is read",
        },
        ParamInfo {
            name: "min-coverage",
            ty: "float",
            default: "unset",
            doc: "share of files (0.0–1.0) that must have an owner; unset: reported, not enforced",
        },
        ParamInfo {
            name: "critical-paths",
            ty: "[glob]",
            default: "[]",
            doc: "every file matching these globs must have an owner",
        },
        ParamInfo {
            name: "require-contact",
            ty: "bool",
            default: "false",
            doc: "require an e-mail address in README/SECURITY.md or `spec.owner` in catalog-info.yaml",
        },
        ParamInfo {
            name: "forbid-unowned-patterns",
            ty: "bool",
            default: "false",
            doc: "report CODEOWNERS patterns without owners (which unown files) as findings",
        },
        ParamInfo {
            name: "allow-unmatched-patterns",
            ty: "bool",
            default: "false",
            doc: "do not report patterns that match no file",
        },
    ],
    codes: &[
        CodeInfo {
            code: "ownership/missing",
            doc: "no CODEOWNERS file in the locations the platform reads",
        },
        CodeInfo {
            code: "ownership/unreadable",
            doc: "the CODEOWNERS file is binary, too large, a link or unreadable",
        },
        CodeInfo {
            code: "ownership/invalid-line",
            doc: "a line the platform skips: bad owner, unsupported syntax, bad section header",
        },
        CodeInfo {
            code: "ownership/duplicate-pattern",
            doc: "a pattern repeats an earlier one in the same section",
        },
        CodeInfo {
            code: "ownership/unmatched-pattern",
            doc: "a pattern matches no file in the snapshot",
        },
        CodeInfo {
            code: "ownership/no-owners",
            doc: "a pattern has no owners (only with `forbid-unowned-patterns = true`)",
        },
        CodeInfo {
            code: "ownership/low-coverage",
            doc: "the share of owned files is below `min-coverage`",
        },
        CodeInfo {
            code: "ownership/unowned-critical",
            doc: "a file matching `critical-paths` has no owner",
        },
        CodeInfo {
            code: "ownership/no-contact",
            doc: "`require-contact` is set and no contact was found",
        },
    ],
    compile: params::compile,
};

/// At most this many unowned files are named in a message.
const LIST_UNOWNED: usize = 5;

/// `auto`: GitHub when `.github/CODEOWNERS` exists; GitLab when the repository shows GitLab
/// (`.gitlab/CODEOWNERS`, `.gitlab-ci.yml`, anything under `.gitlab/`); GitHub otherwise.
pub fn resolve_flavor(param: FlavorParam, snap: &Snapshot) -> Flavor {
    match param {
        FlavorParam::Github => Flavor::Github,
        FlavorParam::Gitlab => Flavor::Gitlab,
        FlavorParam::Auto => {
            if snap.contains(".github/CODEOWNERS") {
                Flavor::Github
            } else if snap.contains(".gitlab-ci.yml")
                || snap.paths().any(|p| p.starts_with(".gitlab/"))
            {
                Flavor::Gitlab
            } else {
                Flavor::Github
            }
        }
    }
}

pub fn run(p: &Params, snap: &Snapshot, _ctx: &crate::controls::RunContext) -> Outcome {
    let mut out = Outcome::default();
    let flavor = resolve_flavor(p.flavor, snap);
    if p.require_contact {
        check_contact(snap, &mut out);
    }
    let locations = flavor.locations();
    let Some(path) = locations.iter().copied().find(|l| snap.contains(l)) else {
        out.findings.push(Finding::say(
            "ownership/missing",
            args([
                ("platform", platform(flavor).into()),
                (
                    "paths",
                    locations
                        .iter()
                        .map(|l| format!("`{l}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                        .into(),
                ),
            ]),
        ));
        return out;
    };
    for other in locations.iter().filter(|l| **l != path && snap.contains(l)) {
        out.evidence.push(evidence_for(
            snap,
            other,
            None,
            None,
            format!("ignored: {} reads {path} first", platform(flavor)),
        ));
    }
    let text = match snap.read(path) {
        Content::Text(t) => t,
        other => {
            out.findings
                .push(unreadable("ownership/unreadable", path, &other));
            return out;
        }
    };
    let co = codeowners::parse(&text, flavor);
    let lines: Vec<&str> = text.lines().collect();
    let excerpt = |line: u32| lines.get(line as usize - 1).copied();
    out.evidence.push(evidence_for(
        snap,
        path,
        None,
        None,
        format!(
            "CODEOWNERS read as {} ({} pattern(s), {} section(s))",
            flavor.name(),
            co.rules.len(),
            co.sections.len() - 1
        ),
    ));

    for issue in &co.issues {
        let code = match issue.kind {
            IssueKind::Invalid => "ownership/invalid-line",
            IssueKind::Duplicate { .. } => "ownership/duplicate-pattern",
        };
        out.findings.push(
            Finding::say_as(
                code,
                "ownership/line",
                args([
                    ("path", path.into()),
                    ("line", issue.line.into()),
                    (
                        "why",
                        Arg::Phrase {
                            phrase: Box::new(issue.said.clone()),
                        },
                    ),
                ]),
            )
            .at(path, Some(issue.line)),
        );
        out.evidence.push(evidence_for(
            snap,
            path,
            Some(issue.line),
            excerpt(issue.line),
            code,
        ));
    }
    for rule in co
        .rules
        .iter()
        .filter(|r| r.owners.is_empty() && !r.exclude)
    {
        if p.forbid_unowned_patterns {
            out.findings.push(
                Finding::say(
                    "ownership/no-owners",
                    args([
                        ("path", path.into()),
                        ("line", rule.line.into()),
                        ("pattern", rule.pattern.as_str().into()),
                    ]),
                )
                .at(path, Some(rule.line)),
            );
        }
        out.evidence.push(evidence_for(
            snap,
            path,
            Some(rule.line),
            excerpt(rule.line),
            "pattern without owners: matching files are unowned",
        ));
    }

    let matcher = match Matcher::new(&co) {
        Ok(m) => m,
        Err(e) => {
            out.fail_to_evaluate(
                "ownership/uncompilable",
                args([("path", path.into()), ("why", e.to_string().into())]),
            );
            return out;
        }
    };
    // One pass over all paths: owners per file, critical files, and which rules ever match.
    let mut matched = vec![false; co.rules.len()];
    let (mut scratch, mut hits, mut winners) = (Default::default(), Vec::new(), Vec::new());
    let mut total = 0usize;
    let mut unowned: Vec<&str> = Vec::new();
    let mut critical_owned: Vec<(&str, u32)> = Vec::new();
    for file in snap.paths() {
        total += 1;
        matcher.matches(&co, file, &mut scratch, &mut hits, &mut winners);
        for &r in &hits {
            matched[r] = true;
        }
        let owner_rule = winners
            .iter()
            .copied()
            .filter(|&r| co.rules[r].owns())
            .max();
        let critical = p.critical.is_match(file);
        match owner_rule {
            None => {
                unowned.push(file);
                if critical {
                    out.findings.push(
                        Finding::say(
                            "ownership/unowned-critical",
                            args([("file", file.into()), ("path", path.into())]),
                        )
                        .at(file, None),
                    );
                }
            }
            Some(r) if critical => critical_owned.push((file, co.rules[r].line)),
            Some(_) => {}
        }
    }
    if !p.allow_unmatched_patterns {
        for (rule, _) in co.rules.iter().zip(&matched).filter(|(_, m)| !**m) {
            out.findings.push(
                Finding::say(
                    "ownership/unmatched-pattern",
                    args([
                        ("path", path.into()),
                        ("line", rule.line.into()),
                        (
                            "pattern",
                            if rule.exclude {
                                format!("!{}", rule.pattern)
                            } else {
                                rule.pattern.clone()
                            }
                            .into(),
                        ),
                    ]),
                )
                .at(path, Some(rule.line)),
            );
        }
    }
    for (file, line) in critical_owned.iter().take(20) {
        out.evidence.push(evidence_for(
            snap,
            path,
            Some(*line),
            excerpt(*line),
            format!("owns critical path {file}"),
        ));
    }

    let owned = total - unowned.len();
    let share = if total == 0 {
        1.0
    } else {
        owned as f64 / total as f64
    };
    let first: Vec<&str> = unowned.iter().take(LIST_UNOWNED).copied().collect();
    let coverage = format!(
        "{owned} of {total} files have an owner ({:.1} %); {} unowned{}",
        share * 100.0,
        unowned.len(),
        if first.is_empty() {
            String::new()
        } else {
            format!(
                ", first: {}{}",
                first.join(", "),
                if unowned.len() > first.len() {
                    ", …"
                } else {
                    ""
                }
            )
        }
    );
    out.evidence
        .push(evidence_for(snap, path, None, None, coverage.clone()));
    if let Some(min) = p.min_coverage.filter(|&min| share < min) {
        let mut a = args([
            ("owned", owned.into()),
            ("total", total.into()),
            ("share", decimal(share * 100.0, 1)),
            ("unowned", unowned.len().into()),
            ("min", decimal(min * 100.0, 1)),
        ]);
        let key = if first.is_empty() {
            "ownership/low-coverage"
        } else {
            let more = if unowned.len() > first.len() {
                ", …"
            } else {
                ""
            };
            a.insert("first".into(), format!("{}{more}", first.join(", ")).into());
            "ownership/low-coverage#first"
        };
        out.findings.push(Finding::say(key, a).at(path, None));
    }
    out
}

fn platform(flavor: Flavor) -> &'static str {
    match flavor {
        Flavor::Github => "GitHub",
        Flavor::Gitlab => "GitLab",
    }
}
