//! What every stage may use: bounded parsing of untrusted text (`limits`), durations and the
//! reference date (`duration`, `dates`), text made safe to show to people (`escape`), and
//! the SHA-256 that binds evidence to what it read.

pub mod dates;
pub mod duration;
pub mod escape;
pub mod folder_globs;
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

/// gonogo's home: the SARIF driver's `informationUri` and every rule's `helpUri` point here.
/// `repository` in Cargo.toml, once it is set; until then the placeholder the installation
/// guide uses (`OWNER` stands for wherever gonogo is hosted).
pub const PROJECT_URL: &str = if env!("CARGO_PKG_REPOSITORY").is_empty() {
    "https://github.com/OWNER/gonogo"
} else {
    env!("CARGO_PKG_REPOSITORY")
};

/// The documentation page of a control kind, at the version of this binary, so the page
/// describes the parameters and finding codes this binary knows.
pub fn kind_docs_url(kind: &str) -> String {
    let page = match kind {
        "files" | "adr" | "runbook" | "dod" | "tests" | "ownership" | "changes" | "release"
        | "gate-evidence" => format!("docs/controls/{kind}.md"),
        // The controls gonogo adds itself.
        "waivers" => "docs/waivers.md".into(),
        "approvals" => "docs/git.md".into(),
        "policy" => "docs/security.md".into(),
        _ => "docs/controls.md".into(),
    };
    format!("{PROJECT_URL}/blob/v{}/{page}", env!("CARGO_PKG_VERSION"))
}
