//! CODEOWNERS patterns as globs, and matching paths against every rule in one pass.

use globset::GlobBuilder;

use super::Codeowners;
use crate::support::folder_globs::{FolderGlobSet, FolderMemo};

/// Translates a CODEOWNERS pattern to globs (`*` never crosses `/`).
///
/// - a leading `/`, or a `/` inside the pattern, anchors it at the root; otherwise it
///   matches at any depth (`*.rs` → `**/*.rs`);
/// - a trailing `/` matches a folder and everything below (`docs/` → `**/docs/**`);
/// - otherwise the pattern matches a path itself and, when it names a folder, everything
///   below it — except a last segment of exactly `*` (`docs/*`), which matches direct
///   children only, as GitHub documents.
pub fn translate(pattern: &str) -> Result<Vec<String>, String> {
    let dir_only = pattern.ends_with('/');
    let trimmed = pattern.trim_end_matches('/');
    let anchored_root = trimmed.starts_with('/');
    let rest = trimmed.trim_start_matches('/');
    if rest.is_empty() {
        // `/` alone: the whole repository.
        return if pattern.is_empty() {
            Err("the pattern is empty".into())
        } else {
            Ok(vec!["**".into()])
        };
    }
    let anchored = anchored_root || rest.contains('/');
    let base = if anchored || rest.starts_with("**") {
        rest.to_string()
    } else {
        format!("**/{rest}")
    };
    let globs = if base.ends_with("/**") || base == "**" {
        vec![base]
    } else if dir_only {
        vec![format!("{base}/**")]
    } else if base.rsplit('/').next() == Some("*") {
        vec![base]
    } else {
        vec![base.clone(), format!("{base}/**")]
    };
    for g in &globs {
        build_glob(g)?;
    }
    Ok(globs)
}

fn build_glob(glob: &str) -> Result<globset::Glob, String> {
    // Before globset: it compiles nested alternatives recursively (a stack overflow).
    crate::support::limits::glob(glob)?;
    GlobBuilder::new(glob)
        .literal_separator(true)
        .backslash_escape(true)
        .build()
        .map_err(|e| e.kind().to_string())
}

/// All rules' globs in one set, for last-match-wins over many paths in one pass (folder globs
/// matched once per folder: [`FolderGlobSet`]).
#[derive(Debug)]
pub struct Matcher {
    set: FolderGlobSet,
    /// Rule index of each glob in `set`.
    rule_of: Vec<usize>,
}

impl Matcher {
    pub fn new(co: &Codeowners) -> Result<Matcher, String> {
        let mut globs: Vec<&str> = Vec::new();
        let mut rule_of = Vec::new();
        for (r, rule) in co.rules.iter().enumerate() {
            for g in &rule.globs {
                globs.push(g);
                rule_of.push(r);
            }
        }
        let set = FolderGlobSet::new(&globs, &build_glob)?;
        Ok(Matcher { set, rule_of })
    }

    /// The rules that match `path` (into `hits`, ascending) and the winner per section
    /// (into `winners`): the last matching rule of each section. Paths in sorted order reuse
    /// `memo` best.
    pub fn matches(
        &self,
        co: &Codeowners,
        path: &str,
        memo: &mut (FolderMemo, Vec<usize>),
        hits: &mut Vec<usize>,
        winners: &mut Vec<usize>,
    ) {
        let (memo, scratch) = memo;
        self.set.matches_into(path, memo, scratch);
        hits.clear();
        hits.extend(scratch.iter().map(|&g| self.rule_of[g]));
        hits.sort_unstable();
        hits.dedup();
        winners.clear();
        for &r in hits.iter() {
            let section = co.rules[r].section;
            match winners
                .iter_mut()
                .find(|w| co.rules[**w].section == section)
            {
                // `hits` is ascending, so a later rule replaces an earlier one.
                Some(w) => *w = r,
                None => winners.push(r),
            }
        }
    }
}
