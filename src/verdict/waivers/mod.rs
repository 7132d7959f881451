//! Waivers: exceptions to a control, granted by someone entitled to grant them, with an expiry.
//! Loaded from `.gonogo/waivers.toml` (or the playbook's `[waivers] file`) with span diagnostics,
//! then applied to a check's results.
//!
//! Loading and its span diagnostics live in `load`, applying to results in `apply`, and the
//! age of each waiver (its first commit) in `age`.

pub mod age;
mod apply;
mod load;

use globset::GlobMatcher;

use crate::evidence::SourceDigest;

pub use apply::{Applied, apply, problems};
pub use load::{json_schema, load, parse};

#[derive(Debug, Clone)]
pub struct Waiver {
    pub id: String,
    pub control: String,
    pub code: Option<String>,
    pub path: Option<(String, GlobMatcher)>,
    pub reason: String,
    pub ticket: Option<String>,
    pub link: Option<String>,
    pub approved_by: String,
    pub created: jiff::civil::Date,
    pub expires: jiff::civil::Date,
    pub defined_at: String,
    /// Its identity across versions of the file: the `id` when given, else control, code, path.
    pub key: String,
    /// The earliest commit that held it, when the file's history was read ([`crate::verdict::waivers::age`]).
    pub first_commit: Option<crate::snapshot::FirstSeen>,
}

/// A waiver's identity across versions of the waiver file: an explicit `id`, else what it
/// waives (a derived `control#n` id moves when another waiver is added above it).
pub fn identity(id: Option<&str>, control: &str, code: Option<&str>, path: Option<&str>) -> String {
    match id {
        Some(id) => format!("id\u{1f}{id}"),
        None => format!(
            "scope\u{1f}{control}\u{1f}{}\u{1f}{}",
            code.unwrap_or(""),
            path.unwrap_or("")
        ),
    }
}

/// The waivers of one file.
#[derive(Debug, Clone, Default)]
pub struct WaiverSet {
    pub source: Option<SourceDigest>,
    pub waivers: Vec<Waiver>,
}
