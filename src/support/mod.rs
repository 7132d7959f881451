//! What every stage may use: bounded parsing of untrusted text (`limits`), durations and the
//! reference date (`duration`, `dates`), text made safe to show to people (`escape`), and
//! the SHA-256 that binds evidence to what it read.

pub mod dates;
pub mod duration;
pub mod escape;
pub mod limits;

use sha2::Digest;

/// The first 12 characters of a commit id.
pub fn short(commit: &str) -> &str {
    // `get`: evidence files can be edited by hand; a non-hex id must not panic.
    commit.get(..12).unwrap_or(commit)
}

/// The SHA-256 of `bytes` as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = sha2::Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
