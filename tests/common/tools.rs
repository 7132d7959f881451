//! External tools some tests hand their output to (validators, chromium, pre-commit,
//! actionlint): outside CI a missing one skips the test, in CI it fails it.

use std::path::PathBuf;

/// Whether the tests run in CI (`CI` is set), where every tool must be installed.
pub fn ci() -> bool {
    std::env::var_os("CI").is_some()
}

/// A tool on PATH; `None` (skip, with a message) outside CI, a failure in CI.
pub fn tool(name: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        // CI installs the tools (.ci/run): there a missing one is a failure, not a skip.
        assert!(!ci(), "{name} is missing; .ci/run installs it");
        eprintln!("skipped: {name} is not installed (.ci/run installs it)");
    }
    found
}
