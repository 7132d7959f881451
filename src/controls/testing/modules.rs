//! Tests per unit: every module folder needs a test, and with a change set every changed module
//! (or the repository) needs a changed test.

use std::collections::{BTreeMap, BTreeSet};

use foldhash::HashSet;

use globset::GlobSet;

use super::content::RustInline;
use super::{EVIDENCE_FILES, Ecosystem};
use crate::controls::{Outcome, evidence_for};
use crate::evidence::Finding;
use crate::evidence::messages::{args, phrase};
use crate::snapshot::{ChangeKind, Snapshot};

/// Folders under which tests mirror the source tree (`tests/services/x/…` tests `services/x`).
const TEST_ROOTS: &[&str] = &["tests/", "test/", "spec/", "__tests__/"];
/// Module folders; a hash set, since every path asks it about each of its ancestors (foldhash:
/// SipHash was a third of those questions' cost; the verdict sorts the evidence, so the set's
/// order never shows).
pub(super) type ModuleSet<'m> = HashSet<&'m str>;

/// The folders (`Snapshot::dirs`, read as they are: no set of them is built) that `globs` match.
pub(super) fn module_set<'s>(
    globs: &GlobSet,
    dirs: impl Iterator<Item = &'s str>,
) -> ModuleSet<'s> {
    dirs.filter(|d| globs.is_match(d)).collect()
}

/// Whether a module folder's name says it holds tests (`packages/acceptance-tests`, `e2e`,
/// `smoke-tests`, `Billing.Tests`): such a package tests the others and is no untested module.
fn holds_tests(module: &str) -> bool {
    let name = module
        .rsplit('/')
        .next()
        .unwrap_or(module)
        .to_ascii_lowercase();
    matches!(name.as_str(), "test" | "tests" | "spec" | "specs" | "e2e")
        || [
            "-tests", "_tests", ".tests", "-test", "_test", ".test", "-e2e", "-specs", "-spec",
        ]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

/// Mapping rule: a path belongs to every module folder that contains it, and to the module its
/// path mirrors below a test root (`tests/services/billing/…` → `services/billing`).
fn owners_of<'m>(modules: &ModuleSet<'m>, path: &str) -> Vec<&'m str> {
    let mut found = Vec::new();
    let mut candidates = vec![path];
    if let Some(stripped) = TEST_ROOTS.iter().find_map(|r| path.strip_prefix(r)) {
        candidates.push(stripped);
    }
    for c in candidates {
        let mut rest = c;
        while let Some((dir, _)) = rest.rsplit_once('/') {
            if let Some(m) = modules.get(dir) {
                found.push(*m);
            }
            rest = dir;
        }
    }
    found
}

/// [`owners_of`] for paths in sorted order: the owners depend only on a path's folder (the test
/// roots end in `/`), and sorted neighbours mostly share it, so a folder is asked once per run
/// of its files.
#[derive(Default)]
struct OwnersByFolder<'p, 'm> {
    folder: Option<&'p str>,
    owners: Vec<&'m str>,
}

impl<'p, 'm> OwnersByFolder<'p, 'm> {
    fn of(&mut self, modules: &ModuleSet<'m>, path: &'p str) -> &[&'m str] {
        let folder = path.rsplit_once('/').map_or("", |(folder, _)| folder);
        if self.folder != Some(folder) {
            self.owners = owners_of(modules, path);
            self.folder = Some(folder);
        }
        &self.owners
    }
}

pub(super) fn check_modules(
    modules: &ModuleSet,
    tests: &[&str],
    sources: &[&str],
    active: &[Ecosystem],
    rust: &mut RustInline,
    snap: &Snapshot,
    out: &mut Outcome,
) {
    if modules.is_empty() {
        return;
    }
    let mut tested: BTreeMap<&str, &str> = BTreeMap::new();
    let mut owners = OwnersByFolder::default();
    for t in tests {
        for &m in owners.of(modules, t) {
            tested.entry(m).or_insert(t);
        }
    }
    let mut module_sources: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut owners = OwnersByFolder::default();
    for s in sources {
        for &m in owners.of(modules, s) {
            module_sources.entry(m).or_default().push(s);
        }
    }
    let rust_active = active.contains(&Ecosystem::Rust);
    for m in modules {
        if holds_tests(m) {
            // Named for its evidence by its first file: a folder has no blob to bind.
            if let Some(first) = module_sources.get(m).and_then(|s| s.first()) {
                out.evidence.push(evidence_for(
                    snap,
                    first,
                    None,
                    None,
                    format!("module {m} is named as a package of tests: its files are tests, not an untested module"),
                ));
            }
            continue;
        }
        if let Some(t) = tested.get(m) {
            out.evidence.push(evidence_for(
                snap,
                t,
                None,
                None,
                format!("tests module {m}"),
            ));
            continue;
        }
        let Some(srcs) = module_sources.get(m) else {
            // A folder without sources (docs, configuration) needs no tests.
            continue;
        };
        if rust_active {
            let rs: Vec<&str> = srcs
                .iter()
                .copied()
                .filter(|s| s.ends_with(".rs"))
                .collect();
            if rust.first_inline(snap, &rs, out).is_some() {
                continue;
            }
        }
        out.findings.push(
            Finding::say(
                "tests/untested-module",
                args([("module", (*m).into()), ("n", srcs.len().into())]),
            )
            .at(m, None),
        );
    }
}

/// Diff mode: with a change set, each module whose sources were added, modified or renamed needs
/// a test mapped to it that was added, modified or renamed too (a changed Rust source with inline
/// `#[cfg(test)]` tests counts as a changed test). Without `modules`, or when no folder matches
/// them (a single package: `src/` and `tests/` at the root), the repository is one unit.
/// Deleted sources need no test.
pub(super) fn check_changes(
    modules: Option<&ModuleSet>,
    tests: &[&str],
    sources: &[&str],
    active: &[Ecosystem],
    rust: &mut RustInline,
    snap: &Snapshot,
    out: &mut Outcome,
) {
    let Some(set) = &snap.changes else {
        return;
    };
    // `services/*` in a repository without services: the repository is the one unit, so a
    // single-package layout is checked as well; where module folders exist, only they are.
    let modules = modules.filter(|m| !m.is_empty());
    let changed: BTreeSet<&str> = set
        .changes
        .iter()
        .filter(|c| c.kind != ChangeKind::Deleted)
        .map(|c| c.path.as_str())
        .collect();
    let changed_sources: Vec<&str> = sources
        .iter()
        .copied()
        .filter(|s| changed.contains(s))
        .collect();
    if changed_sources.is_empty() {
        return;
    }
    let mut changed_tests: Vec<&str> = tests
        .iter()
        .copied()
        .filter(|t| changed.contains(t))
        .collect();
    if active.contains(&Ecosystem::Rust) {
        for s in changed_sources.iter().filter(|s| s.ends_with(".rs")) {
            if rust.check(snap, s, out) {
                changed_tests.push(s);
            }
        }
    }
    // Units: each module, or the whole repository ("") without `modules`.
    let units_of = |path: &str| -> Vec<&str> {
        match modules {
            Some(m) => owners_of(m, path),
            None => vec![""],
        }
    };
    let mut unit_sources: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for s in &changed_sources {
        for u in units_of(s) {
            unit_sources.entry(u).or_default().push(s);
        }
    }
    let mut unit_tests: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for t in &changed_tests {
        for u in units_of(t) {
            unit_tests.entry(u).or_default().insert(t);
        }
    }
    for (unit, srcs) in unit_sources {
        let name = if unit.is_empty() {
            "the repository".to_string()
        } else {
            format!("module {unit}")
        };
        if let Some(ts) = unit_tests.get(unit) {
            for t in ts.iter().take(EVIDENCE_FILES) {
                out.evidence.push(evidence_for(
                    snap,
                    t,
                    None,
                    None,
                    format!("changed test for the changes in {name}"),
                ));
            }
            continue;
        }
        let listed: Vec<&str> = srcs.iter().copied().take(EVIDENCE_FILES).collect();
        let more = srcs.len().saturating_sub(EVIDENCE_FILES);
        let mut a = args([
            (
                "unit",
                if unit.is_empty() {
                    phrase("tests/unit#repository", [])
                } else {
                    phrase("tests/unit", [("module", unit.into())])
                },
            ),
            ("n", srcs.len().into()),
            ("paths", listed.join(", ").into()),
        ]);
        let key = if more > 0 {
            a.insert("more".into(), more.into());
            "tests/untested-change#more"
        } else {
            "tests/untested-change"
        };
        let finding = Finding::say(key, a);
        out.findings.push(if unit.is_empty() {
            finding
        } else {
            finding.at(unit, None)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::holds_tests;

    #[test]
    fn packages_named_for_tests_hold_tests() {
        for m in [
            "packages/acceptance-tests",
            "packages/smoke-tests",
            "services/e2e",
            "src/Billing.Tests",
            "tests",
        ] {
            assert!(holds_tests(m), "{m}");
        }
        for m in ["packages/core", "services/testimonials", "packages/latest"] {
            assert!(!holds_tests(m), "{m}");
        }
    }
}
