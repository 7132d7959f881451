//! `tests`: test presence per ecosystem, per module, and as a share of the sources.
//! (The folder is `testing/` so it is not mistaken for a Rust test module; the kind is `tests`.)
//! This module owns the kind's registry entry and the run: classifying every path, the test per
//! ecosystem and the ratio; `ecosystems` holds the built-in globs, `content` the tests found by
//! reading files, `modules` the per-module and per-change checks, `params` the playbook table.

mod content;
mod ecosystems;
mod modules;
mod params;
mod scanned;

pub use ecosystems::Ecosystem;
pub use params::Params;

use std::collections::BTreeMap;

use content::{RustInline, csharp_test_projects};
use ecosystems::{ALL, BUILTIN, Role};
use modules::{ModuleSet, check_changes, check_modules, module_set};

use crate::controls::{CodeInfo, KindInfo, Outcome, ParamInfo, evidence_for};
use crate::evidence::Finding;
use crate::evidence::messages::{Arg, args, decimal};
use crate::snapshot::Snapshot;

pub const KIND: KindInfo = KindInfo {
    name: "tests",
    summary: "Test files per detected ecosystem, per module, and a minimum ratio of test files to source files; with a change set, changed sources need changed tests",
    params: &[
        ParamInfo {
            name: "ecosystems",
            ty: "[string]",
            default: "detected",
            doc: "rust, python, js, go, java (kotlin), csharp, ruby, shell, php, cpp, swift; unset: detected from manifests",
        },
        ParamInfo {
            name: "test-globs",
            ty: "[glob]",
            default: "[]",
            doc: "more files that are tests (count for the ecosystem whose sources they match)",
        },
        ParamInfo {
            name: "source-globs",
            ty: "[glob]",
            default: "[]",
            doc: "more files that are sources",
        },
        ParamInfo {
            name: "exclude",
            ty: "[glob]",
            default: "[]",
            doc: "paths that are neither tests nor sources (vendor/, node_modules/, testdata/ always are)",
        },
        ParamInfo {
            name: "modules",
            ty: "[glob]",
            default: "[]",
            doc: "folders that are modules (e.g. `services/*`); each with sources needs a test",
        },
        ParamInfo {
            name: "each-ecosystem",
            ty: "bool",
            default: "true",
            doc: "every detected ecosystem needs tests; false: one tested ecosystem is enough",
        },
        ParamInfo {
            name: "min-ratio",
            ty: "float",
            default: "unset",
            doc: "test files per source file at least this (e.g. 0.2); unset: reported only",
        },
        ParamInfo {
            name: "require-tests-for-changes",
            ty: "bool",
            default: "true",
            doc: "with a change set (--base, --staged): changed sources of a module (or of the repository, without `modules`) need a changed or added test",
        },
    ],
    codes: &[
        CodeInfo {
            code: "tests/missing",
            doc: "an ecosystem in use has no test file",
        },
        CodeInfo {
            code: "tests/untested-module",
            doc: "a module folder has source files but no test mapped to it",
        },
        CodeInfo {
            code: "tests/low-ratio",
            doc: "test files per source file are below `min-ratio`",
        },
        CodeInfo {
            code: "tests/untested-change",
            doc: "source files of a module changed, but no test file mapped to it was changed or added",
        },
    ],
    compile: params::compile,
};

/// What one ecosystem's globs found.
#[derive(Default)]
struct Found<'s> {
    manifests: Vec<&'s str>,
    tests: Vec<&'s str>,
    sources: Vec<&'s str>,
    /// Shell scripts in test folders: not sources, read for shunit2 when no test has a name.
    helpers: Vec<&'s str>,
}

/// Evidence lists at most this many files per kind.
const EVIDENCE_FILES: usize = 3;

pub fn run(p: &Params, snap: &Snapshot, _ctx: &crate::controls::RunContext) -> Outcome {
    let builtin = match &*BUILTIN {
        Ok(b) => b,
        Err(e) => {
            return Outcome {
                error: Some(format!("built-in test globs do not compile: {e}")),
                ..Outcome::default()
            };
        }
    };
    let mut found: BTreeMap<Ecosystem, Found> =
        ALL.iter().map(|&e| (e, Found::default())).collect();
    let mut custom_tests: Vec<&str> = Vec::new();
    let mut custom_sources: Vec<&str> = Vec::new();
    let (mut hits, mut memo) = (Vec::new(), Default::default());
    // One buffer for every path's roles (a vector per path was 100,000 allocations).
    let mut roles: Vec<(Ecosystem, Role)> = Vec::new();

    // One pass: classify every path for every ecosystem; pick the active ones afterwards.
    for path in snap.paths() {
        // One candidate per path for the playbook's glob sets, built only when one is asked
        // (building it splits the path).
        let candidate = std::cell::LazyCell::new(|| globset::Candidate::new(path));
        builtin.set.matches_into(path, &mut memo, &mut hits);
        let has = |eco: Option<Ecosystem>, role: Role| {
            hits.iter().any(|&i| builtin.tags[i] == (eco, role))
        };
        if has(None, Role::Excluded)
            || (!p.exclude.is_empty() && p.exclude.is_match_candidate(&candidate))
        {
            continue;
        }
        roles.clear();
        roles.extend(hits.iter().filter_map(|&i| match builtin.tags[i] {
            (Some(e), r) => Some((e, r)),
            _ => None,
        }));
        roles.sort_by_key(|(e, _)| *e);
        roles.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        let custom_test = p
            .test_globs
            .as_ref()
            .is_some_and(|s| s.is_match_candidate(&candidate));
        let custom_source = p
            .source_globs
            .as_ref()
            .is_some_and(|s| s.is_match_candidate(&candidate));
        // Only the ecosystems some glob named for this path: for any other, every role is
        // absent and nothing below adds the path anywhere (`roles` is sorted by ecosystem).
        let mut previous = None;
        for &(eco, _) in &roles {
            if previous == Some(eco) {
                continue;
            }
            previous = Some(eco);
            let role = |r: Role| roles.contains(&(eco, r));
            let Some(f) = found.get_mut(&eco) else {
                continue;
            };
            if role(Role::Manifest) {
                f.manifests.push(path);
            }
            if (role(Role::Test) && !role(Role::NotTest)) || (custom_test && role(Role::Source)) {
                f.tests.push(path);
            } else if role(Role::Source) && !role(Role::Support) {
                f.sources.push(path);
            } else if eco == Ecosystem::Shell && role(Role::Source) {
                f.helpers.push(path);
            }
        }
        if custom_test {
            custom_tests.push(path);
        } else if custom_source {
            custom_sources.push(path);
        }
    }

    let mut out = Outcome::default();
    // Shell has no manifest: scripts sourcing shunit2 detect it, so they are read first.
    if p.ecosystems
        .as_ref()
        .is_none_or(|e| e.contains(&Ecosystem::Shell))
        && let Some(f) = found.get_mut(&Ecosystem::Shell)
    {
        scanned::golden_tests(snap, f, &mut out);
        scanned::shunit2_tests(snap, f, &mut out);
    }

    // Detected by a manifest, but without a source or a test file: a manifest kept for tooling
    // (a Jekyll Gemfile, a package.json of lint tools) in a repository with no code of that
    // ecosystem. Nothing to test there; configured ecosystems are always checked.
    let codeless: Vec<Ecosystem> = match &p.ecosystems {
        Some(_) => Vec::new(),
        None => ALL
            .iter()
            .copied()
            .filter(|e| {
                let f = &found[e];
                !f.manifests.is_empty() && f.sources.is_empty() && f.tests.is_empty()
            })
            .collect(),
    };
    let active: Vec<Ecosystem> = match &p.ecosystems {
        Some(list) => list.clone(),
        None => ALL
            .iter()
            .copied()
            .filter(|e| !found[e].manifests.is_empty() && !codeless.contains(e))
            .collect(),
    };
    for eco in &codeless {
        if let Some(m) = found[eco].manifests.first() {
            out.evidence.push(evidence_for(
                snap,
                m,
                None,
                None,
                format!(
                    "{} manifest, but no {} source or test file: no code to test",
                    eco.def().name,
                    eco.def().name
                ),
            ));
        }
    }
    let custom = p.test_globs.is_some() || p.source_globs.is_some();
    if active.is_empty() && !custom {
        if !codeless.is_empty() {
            let named: Vec<String> = codeless
                .iter()
                .filter_map(|e| {
                    let m = found[e].manifests.first()?;
                    Some(format!("{} (`{m}`)", e.def().name))
                })
                .collect();
            let mut na = if named.len() == 1 {
                Outcome::not_applicable_because(
                    "tests/no-code#one",
                    args([("manifest", named[0].as_str().into())]),
                )
            } else {
                Outcome::not_applicable_because(
                    "tests/no-code",
                    args([("manifests", Arg::AllOf { all_of: named })]),
                )
            };
            na.evidence = out.evidence;
            return na;
        }
        return match &p.ecosystems {
            Some(_) => Outcome::not_applicable_because("tests/nothing-configured", args([])),
            None => not_detected(found[&Ecosystem::Shell].sources.len()),
        };
    }

    let mut rust = RustInline::default();

    // C#: every file of a project that references the test SDK is a test.
    if active.contains(&Ecosystem::Csharp) {
        csharp_test_projects(snap, found.get_mut(&Ecosystem::Csharp), &mut out);
    }
    // Swift: files importing XCTest or Testing are tests when no name says so.
    if active.contains(&Ecosystem::Swift)
        && let Some(f) = found.get_mut(&Ecosystem::Swift)
    {
        scanned::xctest_files(snap, f, &mut out);
    }

    // At least one test per ecosystem in use.
    let findings_before = out.findings.len();
    let mut any_tested = false;
    for eco in &active {
        let f = &found[eco];
        let def = eco.def();
        if let Some(m) = f.manifests.first() {
            out.evidence.push(evidence_for(
                snap,
                m,
                None,
                None,
                format!("{} detected by this {}", def.name, def.marker),
            ));
        }
        // A shell test detects its ecosystem too: named once, as the detecting file.
        let named = f.tests.iter().filter(|t| f.manifests.first() != Some(*t));
        for t in named.take(EVIDENCE_FILES) {
            out.evidence.push(evidence_for(
                snap,
                t,
                None,
                None,
                format!("{} test file", def.name),
            ));
        }
        if !f.tests.is_empty() {
            any_tested = true;
            continue;
        }
        if *eco == Ecosystem::Rust && rust.first_inline(snap, &f.sources, &mut out).is_some() {
            any_tested = true;
            continue;
        }
        if *eco == Ecosystem::Cpp && scanned::registered_cpp_tests(snap, f, &mut out) {
            any_tested = true;
            continue;
        }
        let finding = Finding::say(
            "tests/missing",
            args([
                ("ecosystem", def.name.into()),
                ("globs", def.tests.join(", ").into()),
            ]),
        );
        out.findings.push(match f.manifests.first() {
            Some(m) => finding.at(m, None),
            None => finding,
        });
    }
    // A manifest kept only for tooling (package.json in a Ruby app) need not have tests of its own.
    if !p.each_ecosystem && any_tested {
        out.findings.truncate(findings_before);
    }
    if active.is_empty() && p.test_globs.is_some() && custom_tests.is_empty() {
        out.findings
            .push(Finding::say("tests/missing#test-globs", args([])));
    }

    // Sorted lists, each path once: a B-tree set of 60,000 paths was 10,000 node allocations.
    // The ecosystems' own lists are done with here and move into them (only Rust's sources
    // are read again, for inline tests), so a path is not held twice at the peak.
    let rust_sources: Vec<&str> = match found.get(&Ecosystem::Rust) {
        Some(f) if active.contains(&Ecosystem::Rust) => f.sources.clone(),
        _ => Vec::new(),
    };
    let (mut tests, mut sources) = (custom_tests, custom_sources);
    for eco in &active {
        if let Some(f) = found.remove(eco) {
            tests.extend(f.tests);
            sources.extend(f.sources);
        }
    }
    drop(found);
    // Each list is a few runs already in path order (one per ecosystem): the stable sort merges
    // runs, where an unstable one compared long shared prefixes n log n times.
    for list in [&mut tests, &mut sources] {
        list.sort();
        list.dedup();
    }
    // Both sorted: one pass side by side, not a search per source.
    let mut in_tests = tests.iter().peekable();
    sources.retain(|s| {
        while in_tests.next_if(|t| *t < s).is_some() {}
        in_tests.peek() != Some(&s)
    });

    let modules: Option<ModuleSet> = p
        .modules
        .as_ref()
        .map(|globs| module_set(globs, snap.dirs()));
    if let Some(modules) = &modules {
        check_modules(
            modules, &tests, &sources, &active, &mut rust, snap, &mut out,
        );
    }
    if p.require_tests_for_changes {
        check_changes(
            modules.as_ref(),
            &tests,
            &sources,
            &active,
            &mut rust,
            snap,
            &mut out,
        );
    }

    // The ratio of test files to source files; Rust sources with inline tests count as tested.
    if !sources.is_empty() {
        let ratio = |inline: usize| (tests.len() + inline) as f64 / sources.len() as f64;
        let mut inline = rust.known_count();
        if let Some(min) = p.min_ratio {
            // Read Rust sources only while it can still lift the ratio over the bar.
            if ratio(inline) < min {
                inline = rust.count_until(snap, &rust_sources, &mut out, |n| ratio(n) >= min);
            }
        }
        let r = ratio(inline);
        let summary = format!(
            "{} test file(s){} for {} source file(s): ratio {:.2}",
            tests.len(),
            if inline > 0 {
                format!(" and {inline} Rust source(s) with #[cfg(test)]")
            } else {
                String::new()
            },
            sources.len(),
            r
        );
        if let Some(min) = p.min_ratio.filter(|&min| r < min) {
            let mut a = args([
                ("tests", tests.len().into()),
                ("sources", sources.len().into()),
                ("ratio", decimal(r, 2)),
                ("min", decimal(min, 2)),
            ]);
            let key = if inline > 0 {
                a.insert("inline".into(), inline.into());
                "tests/low-ratio#inline"
            } else {
                "tests/low-ratio"
            };
            out.findings.push(Finding::say(key, a));
        } else if let Some(first) = tests.first().or(sources.first()) {
            out.evidence
                .push(evidence_for(snap, first, None, None, summary));
        }
    }
    out
}

/// Why nothing was detected: a manifest of each ecosystem that would have detected it, and a
/// hint when shell scripts are there but no shell test.
fn not_detected(shell_scripts: usize) -> Outcome {
    let manifests: Vec<&str> = ALL
        .iter()
        .filter(|e| **e != Ecosystem::Shell)
        .filter_map(|e| e.def().manifests.first().copied())
        .map(|m| m.strip_prefix("**/").unwrap_or(m))
        .collect();
    let manifests = ("manifests", Arg::from(manifests.join(", ")));
    if shell_scripts > 0 {
        return Outcome::not_applicable_because(
            "tests/not-detected#shell",
            args([manifests, ("n", shell_scripts.into())]),
        );
    }
    Outcome::not_applicable_because("tests/not-detected", args([manifests]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use content::RUST_CFG_TEST;

    #[test]
    fn builtin_globs_compile() {
        assert!(BUILTIN.is_ok());
        assert!(RUST_CFG_TEST.is_some());
        assert!(scanned::patterns_compile());
        assert!(content::CSHARP_TEST_REFERENCE.is_some());
    }

    #[test]
    fn cfg_test_is_found_with_any_spacing() {
        let re = RUST_CFG_TEST.as_ref().expect("regex");
        for yes in [
            "#[cfg(test)]",
            "# [ cfg ( test ) ]",
            "#![cfg(test)]",
            "#[cfg(all(test, feature = \"x\"))]",
        ] {
            assert!(re.is_match(yes), "{yes}");
        }
        for no in ["#[cfg(testing)]", "#[cfg(not(test))]", "cfg(test)"] {
            assert!(!re.is_match(no), "{no}");
        }
    }
}
