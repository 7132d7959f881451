//! CODEOWNERS: parsing (GitHub and GitLab dialects) and matching paths to owners.
//! Pure: text in, rules and problems out; no snapshot, no findings.
//! This module owns what a file reads as (`Codeowners`, its sections, rules and issues);
//! `parser` reads the lines, `owners` judges owner tokens, `patterns` turns patterns into globs
//! and matches paths.

use crate::evidence::messages::{Arg, Said, args};

mod owners;
mod parser;
mod patterns;
#[cfg(test)]
mod tests;

pub use owners::{is_email, owner_error};
pub use parser::parse;
pub use patterns::{Matcher, translate};

/// Which dialect a CODEOWNERS file is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Github,
    Gitlab,
}

impl Flavor {
    pub fn name(self) -> &'static str {
        match self {
            Flavor::Github => "github",
            Flavor::Gitlab => "gitlab",
        }
    }

    /// Where the platform looks for the file, in its order; the first present one counts.
    pub fn locations(self) -> &'static [&'static str] {
        match self {
            Flavor::Github => &[".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"],
            Flavor::Gitlab => &["CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"],
        }
    }
}

/// A GitLab section (`[Name]`, `^[Name]`, `[Name][2] @owner`); GitHub files have one implicit section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub name: String,
    /// Line of the first header with this name; `None` for the implicit leading section.
    pub line: Option<u32>,
    pub optional: bool,
    pub approvals: Option<u32>,
}

/// One pattern line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub line: u32,
    pub pattern: String,
    /// Owners as written, or the section's default owners when the line names none.
    pub owners: Vec<String>,
    /// True when `owners` came from the section header.
    pub default_owners: bool,
    /// Index into `Codeowners::sections`.
    pub section: usize,
    /// GitLab `!pattern`: matching files are excluded from the section's ownership.
    pub exclude: bool,
    /// The pattern translated to globs (see [`translate`]).
    pub globs: Vec<String>,
}

impl Rule {
    /// Whether a file this rule wins for has an owner.
    pub fn owns(&self) -> bool {
        !self.exclude && !self.owners.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueKind {
    /// The platform skips the line (bad owner, unsupported syntax, bad section header).
    Invalid,
    /// The same pattern appeared earlier in the same section, at `first`.
    Duplicate { first: u32 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub line: u32,
    pub kind: IssueKind,
    /// What is wrong with the line, from the message catalogue.
    pub said: Said,
}

impl Issue {
    /// What is wrong with the line, in English.
    pub fn message(&self) -> String {
        self.said
            .render(false)
            .unwrap_or_else(|| self.said.key.clone())
    }
}

/// A catalogue message with its values.
pub(crate) fn said<const N: usize>(key: &str, pairs: [(&str, Arg); N]) -> Said {
    Said {
        key: key.into(),
        args: args(pairs),
    }
}

#[derive(Debug, Clone)]
pub struct Codeowners {
    pub flavor: Flavor,
    pub sections: Vec<Section>,
    pub rules: Vec<Rule>,
    pub issues: Vec<Issue>,
}
