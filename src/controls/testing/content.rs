//! Tests found by reading files rather than by name: Rust sources with `#[cfg(test)]`, and C#
//! projects that reference the test SDK.

use std::collections::{BTreeSet, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::Found;
use crate::controls::{Outcome, evidence_for, line_at, line_of};
use crate::snapshot::{Content, Snapshot};

pub(super) static RUST_CFG_TEST: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"#\s*!?\s*\[\s*cfg\s*\(\s*(?:all\s*\(\s*)?test\b").ok());
/// Which Rust sources carry `#[cfg(test)]`, read lazily and at most once each.
#[derive(Default)]
pub(super) struct RustInline {
    checked: HashSet<String>,
    with_tests: BTreeSet<String>,
}

impl RustInline {
    /// Reads one file (size-capped by the snapshot); records evidence when it has inline tests.
    pub(super) fn check(&mut self, snap: &Snapshot, path: &str, out: &mut Outcome) -> bool {
        if self.with_tests.contains(path) {
            return true;
        }
        if !self.checked.insert(path.to_string()) {
            return false;
        }
        let Content::Text(text) = snap.read(path) else {
            return false;
        };
        let Some(m) = RUST_CFG_TEST.as_ref().and_then(|re| re.find(&text)) else {
            return false;
        };
        out.evidence.push(evidence_for(
            snap,
            path,
            Some(line_of(&text, m.start())),
            Some(line_at(&text, m.start())),
            "Rust unit tests inside the source file",
        ));
        self.with_tests.insert(path.to_string());
        true
    }

    pub(super) fn first_inline(
        &mut self,
        snap: &Snapshot,
        sources: &[&str],
        out: &mut Outcome,
    ) -> Option<String> {
        sources
            .iter()
            .find(|s| self.check(snap, s, out))
            .map(|s| s.to_string())
    }

    pub(super) fn known_count(&self) -> usize {
        self.with_tests.len()
    }

    /// Checks sources in order until `enough(count)` holds; returns the count.
    pub(super) fn count_until(
        &mut self,
        snap: &Snapshot,
        sources: &[&str],
        out: &mut Outcome,
        enough: impl Fn(usize) -> bool,
    ) -> usize {
        for s in sources {
            if enough(self.with_tests.len()) {
                break;
            }
            self.check(snap, s, out);
        }
        self.with_tests.len()
    }
}

/// A project file that references a test SDK or test framework.
pub(super) static CSHARP_TEST_REFERENCE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r#"Microsoft\.NET\.Test\.Sdk|MSTest\.Sdk|Include="(?:xunit|NUnit|MSTest)"#).ok()
});

/// Finds C# test projects — named `*Tests.csproj`/`*Test.csproj`, or referencing the test SDK
/// or a test framework — and moves their sources to tests.
pub(super) fn csharp_test_projects(
    snap: &Snapshot,
    found: Option<&mut Found<'_>>,
    out: &mut Outcome,
) {
    let Some(f) = found else { return };
    let mut test_dirs: Vec<String> = Vec::new();
    for m in f.manifests.iter().filter(|m| m.ends_with(".csproj")) {
        let by_name = m.ends_with("Tests.csproj") || m.ends_with("Test.csproj");
        let text = match snap.read(m) {
            Content::Text(text) => Some(text),
            _ => None,
        };
        let reference = text.as_ref().and_then(|t| {
            let at = CSHARP_TEST_REFERENCE.as_ref()?.find(t)?.start();
            Some((line_of(t, at), line_at(t, at).to_string()))
        });
        match reference {
            Some((line, excerpt)) => out.evidence.push(evidence_for(
                snap,
                m,
                Some(line),
                Some(&excerpt),
                "C# test project",
            )),
            None if by_name => out.evidence.push(evidence_for(
                snap,
                m,
                None,
                None,
                "C# test project, by its name",
            )),
            None => continue,
        }
        test_dirs.push(match m.rsplit_once('/') {
            Some((dir, _)) => format!("{dir}/"),
            None => String::new(),
        });
    }
    if test_dirs.is_empty() {
        return;
    }
    let (tests, sources): (Vec<&str>, Vec<&str>) = f
        .sources
        .iter()
        .partition(|s| test_dirs.iter().any(|d| s.starts_with(d.as_str())));
    f.tests.extend(tests);
    f.tests.sort_unstable();
    f.sources = sources;
}
