//! Tests found by reading a few files when their names say nothing: shell scripts beside an
//! `.expected` output (found without reading), shell scripts that source shunit2, Swift files that import XCTest or Testing, and C/C++ builds that register tests
//! (CTest, Meson, or a `test`/`check` target in the root Makefile). Each is read only when the
//! ecosystem has no test by name, and at most `MAX_READS` files per ecosystem.

use std::sync::LazyLock;

use regex::Regex;

use super::Found;
use crate::controls::{Outcome, evidence_for, line_at, line_of};
use crate::snapshot::{Content, Snapshot};

/// Files read per ecosystem at most: enough for the test folders of a small project, cheap on a
/// large tree.
const MAX_READS: usize = 32;

fn regex(pattern: &str) -> Option<Regex> {
    Regex::new(pattern).ok()
}

static SHUNIT2: LazyLock<Option<Regex>> =
    LazyLock::new(|| regex(r"(?m)^[ \t]*(?:\.|source)[ \t][^\n]*shunit2"));
static XCTEST: LazyLock<Option<Regex>> =
    LazyLock::new(|| regex(r"(?m)^[ \t]*(?:@testable[ \t]+)?import[ \t]+(?:XCTest|Testing)\b"));
/// CMake commands are case-insensitive; `enable_testing()` alone registers no test.
static CTEST: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(
        r"(?mi)^[ \t]*(?:add_test|gtest_discover_tests|gtest_add_tests|catch_discover_tests|doctest_discover_tests)[ \t]*\(",
    )
});
static MESON_TEST: LazyLock<Option<Regex>> =
    LazyLock::new(|| regex(r"(?m)^[ \t]*test[ \t]*\([ \t]*['\x22]"));
static MAKE_TEST: LazyLock<Option<Regex>> =
    LazyLock::new(|| regex(r"(?m)^(?:test|check)[ \t]*:(?:[^=]|$)"));

/// Whether every pattern compiled (checked by the unit test).
#[cfg(test)]
pub(super) fn patterns_compile() -> bool {
    [&SHUNIT2, &XCTEST, &CTEST, &MESON_TEST, &MAKE_TEST]
        .iter()
        .all(|r| r.is_some())
}

/// The first match of `re` in `path`: its line number and the line.
fn find(snap: &Snapshot, path: &str, re: &Option<Regex>) -> Option<(u32, String)> {
    let re = re.as_ref()?;
    let Content::Text(text) = snap.read(path) else {
        return None;
    };
    let m = re.find(&text)?;
    Some((
        line_of(&text, m.start()),
        line_at(&text, m.start()).to_string(),
    ))
}

fn file_name(path: &str) -> &str {
    path.rsplit_once('/').map_or(path, |(_, name)| name)
}

/// Shell: scripts in test folders, or named like tests, that source shunit2 are tests and
/// detect the ecosystem.
pub(super) fn shunit2_tests<'s>(snap: &Snapshot, f: &mut Found<'s>, out: &mut Outcome) {
    if !f.tests.is_empty() {
        return;
    }
    let candidates: Vec<&'s str> = f
        .helpers
        .iter()
        .chain(f.sources.iter().filter(|s| file_name(s).contains("test")))
        .copied()
        .take(MAX_READS)
        .collect();
    for path in candidates {
        let Some((line, text)) = find(snap, path, &SHUNIT2) else {
            continue;
        };
        out.evidence.push(evidence_for(
            snap,
            path,
            Some(line),
            Some(&text),
            "Shell test sourcing shunit2",
        ));
        f.manifests.push(path);
        f.tests.push(path);
        f.sources.retain(|s| *s != path);
    }
}

/// Shell: a script in a test folder beside a file of the same name ending `.expected`
/// (`tests/new-record.sh` and `tests/new-record.expected`) is a golden-output test: its output is
/// compared with that file. Found by name, nothing is read; such scripts detect the ecosystem.
pub(super) fn golden_tests<'s>(snap: &Snapshot, f: &mut Found<'s>, out: &mut Outcome) {
    if !f.tests.is_empty() {
        return;
    }
    let golden: Vec<(&'s str, String)> = f
        .helpers
        .iter()
        .filter_map(|path| {
            let stem = path.rsplit_once('.').map_or(*path, |(stem, _)| stem);
            let expected = format!("{stem}.expected");
            snap.contains(&expected).then_some((*path, expected))
        })
        .collect();
    if let Some((path, expected)) = golden.first() {
        out.evidence.push(evidence_for(
            snap,
            path,
            None,
            None,
            format!("Shell test with expected output `{expected}`"),
        ));
    }
    for (path, _) in golden {
        f.manifests.push(path);
        f.tests.push(path);
    }
}

/// Swift: without a test by name, sources that import XCTest or Testing are tests; files with
/// "Test" in their path are read first.
pub(super) fn xctest_files(snap: &Snapshot, f: &mut Found<'_>, out: &mut Outcome) {
    if !f.tests.is_empty() {
        return;
    }
    let mut candidates = f.sources.clone();
    candidates.sort_by_key(|s| !s.contains("Test"));
    for path in candidates.into_iter().take(MAX_READS) {
        let Some((line, text)) = find(snap, path, &XCTEST) else {
            continue;
        };
        out.evidence.push(evidence_for(
            snap,
            path,
            Some(line),
            Some(&text),
            "Swift test importing a test framework",
        ));
        f.tests.push(path);
        f.sources.retain(|s| *s != path);
    }
    f.tests.sort_unstable();
}

/// C/C++: without a test by name, a build file that registers tests counts: `add_test` and
/// the test-discovery commands in a CMakeLists.txt, `test(` in a meson.build, or a `test` or
/// `check` target in the root Makefile. Returns whether one was found.
pub(super) fn registered_cpp_tests(snap: &Snapshot, f: &Found<'_>, out: &mut Outcome) -> bool {
    let builds = f.manifests.iter().filter_map(|m| {
        let re = match file_name(m) {
            "CMakeLists.txt" => &CTEST,
            "meson.build" => &MESON_TEST,
            _ => return None,
        };
        Some((*m, re))
    });
    let makefiles = ["Makefile", "GNUmakefile", "makefile"]
        .into_iter()
        .filter(|m| snap.contains(m))
        .map(|m| (m, &MAKE_TEST));
    for (path, re) in builds.chain(makefiles).take(MAX_READS) {
        if let Some((line, text)) = find(snap, path, re) {
            out.evidence.push(evidence_for(
                snap,
                path,
                Some(line),
                Some(&text),
                "C/C++ tests registered in the build",
            ));
            return true;
        }
    }
    false
}
