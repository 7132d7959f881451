//! What every stage may use: bounded parsing of untrusted text (`limits`), durations and the
//! reference date (`duration`, `dates`), and text made safe to show to people (`escape`).

pub mod dates;
pub mod duration;
pub mod escape;
pub mod limits;

/// The first 12 characters of a commit id.
pub fn short(commit: &str) -> &str {
    // `get`: evidence files can be edited by hand; a non-hex id must not panic.
    commit.get(..12).unwrap_or(commit)
}
