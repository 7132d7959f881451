//! A glob set for many paths in sorted order. A glob that ends in `/**` (`services/api/**`,
//! `**/tests/**`) can only match the folders of a path, never its file name (the `/**` takes at
//! least the name), so those globs are matched once per folder and the answer reused for the
//! folder's other files. Most other globs are a folder part and a name part (`**/*_test.go`,
//! `**/tests/**/*.rs`, `src/*.md`): their folder part is matched once per folder too, and their
//! name part against the file name alone, where globset mostly answers by a hash lookup of the
//! extension or a regex over a few bytes instead of one over the whole path. What cannot be
//! split that way is matched per path. CODEOWNERS and the test ecosystems are such globs, and a
//! regex automaton per path was the largest cost of a check at 100,000 files.
//!
//! The split relies on `*` never matching `/`: the globs must be built with
//! `literal_separator(true)`, by the builder given to [`FolderGlobSet::new`].

use globset::{Glob, GlobSet, GlobSetBuilder};

#[derive(Debug)]
pub struct FolderGlobSet {
    /// Globs ending in `/**`, matched against `folder/x`.
    folders: GlobSet,
    /// The index (in the order given) of each glob of `folders`.
    folder_ids: Vec<usize>,
    /// The folder parts of the split globs, matched against `folder/x` (see [`split`]).
    conditions: GlobSet,
    /// The name parts of the split globs, matched against the file name.
    names: GlobSet,
    /// Per glob of `names`: the index given, and the condition its folder must meet (`None`:
    /// any folder, the root included).
    name_of: Vec<(usize, Option<usize>)>,
    rest: GlobSet,
    rest_ids: Vec<usize>,
}

/// What the last folder matched; one per pass over the paths.
#[derive(Debug, Default)]
pub struct FolderMemo {
    folder: Option<String>,
    hits: Vec<usize>,
    /// Per condition of the set: whether the folder meets it.
    met: Vec<bool>,
    scratch: Vec<usize>,
}

/// A glob `X/N` as a folder condition and a name glob: `N` has no `/` and no `**`; a path
/// `D/n` matches `X/N` exactly when `n` matches `N` and `D/x` matches the condition, which is
/// `X` itself when `X` ends in `/**` (for `Y/**/N`: `D` is `Y` or below it), else `X/*` (`D`
/// is `X`). `**/N` has no condition (any folder, and the root). `None` when the pattern is not
/// of that shape or the split is not safe: a character class or an escape, which may hold a
/// `/`, or braces around the last `/`.
fn split(pattern: &str) -> Option<(Option<String>, &str)> {
    if pattern.contains(['[', ']', '\\']) {
        return None;
    }
    let (folder, name) = pattern.rsplit_once('/')?;
    let balanced = |s: &str| s.matches('{').count() == s.matches('}').count();
    if folder.is_empty() || name.is_empty() || name.contains("**") || !balanced(name) {
        return None;
    }
    if !balanced(folder) || folder.contains('}') && folder.rfind('}') < folder.rfind('{') {
        return None;
    }
    if folder.split('/').all(|c| c == "**") {
        return Some((None, name));
    }
    if folder.ends_with("/**") {
        return Some((Some(folder.to_string()), name));
    }
    if folder.contains("**") && !folder.split('/').all(|c| c == "**" || !c.contains("**")) {
        return None;
    }
    Some((Some(format!("{folder}/*")), name))
}

impl FolderGlobSet {
    /// The set of `patterns`, each built by `build` (which must set `literal_separator`), as
    /// are the parts of a split pattern.
    pub fn new(
        patterns: &[&str],
        build: &dyn Fn(&str) -> Result<Glob, String>,
    ) -> Result<FolderGlobSet, String> {
        let mut folders = GlobSetBuilder::new();
        let mut conditions = GlobSetBuilder::new();
        let mut names = GlobSetBuilder::new();
        let mut rest = GlobSetBuilder::new();
        let (mut folder_ids, mut rest_ids, mut name_of) = (Vec::new(), Vec::new(), Vec::new());
        let mut condition_ids: std::collections::HashMap<String, usize> = Default::default();
        for (i, pattern) in patterns.iter().enumerate() {
            // Built whole first: a pattern globset refuses is refused as written.
            let whole = build(pattern)?;
            // `**/**` matches a file at the root too: not a folder glob.
            if pattern.ends_with("/**") && !pattern.split('/').all(|c| c == "**") {
                folders.add(whole);
                folder_ids.push(i);
                continue;
            }
            let parts = split(pattern).and_then(|(condition, name)| {
                let name = build(name).ok()?;
                let condition = match condition {
                    None => None,
                    Some(c) => Some((build(&c).ok()?, c)),
                };
                Some((condition, name))
            });
            let Some((condition, name)) = parts else {
                rest.add(whole);
                rest_ids.push(i);
                continue;
            };
            let condition = condition.map(|(glob, text)| {
                let next = condition_ids.len();
                *condition_ids.entry(text).or_insert_with(|| {
                    conditions.add(glob);
                    next
                })
            });
            names.add(name);
            name_of.push((i, condition));
        }
        let built = |b: GlobSetBuilder| b.build().map_err(|e| e.to_string());
        Ok(FolderGlobSet {
            folders: built(folders)?,
            folder_ids,
            conditions: built(conditions)?,
            names: built(names)?,
            name_of,
            rest: built(rest)?,
            rest_ids,
        })
    }

    /// The indices of the globs that match `path`, ascending, into `out`.
    pub fn matches_into(&self, path: &str, memo: &mut FolderMemo, out: &mut Vec<usize>) {
        out.clear();
        let (folder, name) = match path.rsplit_once('/') {
            Some((folder, name)) => (Some(folder), name),
            None => (None, path),
        };
        match folder {
            Some(folder) if memo.folder.as_deref() != Some(folder) => {
                // Any file name stands for all: the globs see only the folders.
                let stand_in = format!("{folder}/x");
                self.folders.matches_into(&stand_in, &mut memo.scratch);
                memo.hits.clear();
                memo.hits
                    .extend(memo.scratch.iter().map(|&g| self.folder_ids[g]));
                self.conditions.matches_into(&stand_in, &mut memo.scratch);
                memo.met.clear();
                memo.met.resize(self.conditions.len(), false);
                for &c in &memo.scratch {
                    memo.met[c] = true;
                }
                memo.folder = Some(folder.to_string());
            }
            Some(_) => {}
            None => {
                // A file at the root: no folder glob and no condition holds.
                memo.hits.clear();
                memo.met.clear();
                memo.met.resize(self.conditions.len(), false);
                memo.folder = None;
            }
        }
        out.extend_from_slice(&memo.hits);
        if !self.name_of.is_empty() {
            self.names.matches_into(name, &mut memo.scratch);
            out.extend(memo.scratch.iter().filter_map(|&g| {
                let (id, condition) = self.name_of[g];
                condition.is_none_or(|c| memo.met[c]).then_some(id)
            }));
        }
        if !self.rest_ids.is_empty() {
            self.rest.matches_into(path, &mut memo.scratch);
            out.extend(memo.scratch.iter().map(|&g| self.rest_ids[g]));
        }
        out.sort_unstable();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glob(pattern: &str) -> Glob {
        build(pattern).unwrap()
    }

    fn build(pattern: &str) -> Result<Glob, String> {
        globset::GlobBuilder::new(pattern)
            .literal_separator(true)
            .empty_alternates(true)
            .build()
            .map_err(|e| e.to_string())
    }

    #[test]
    fn the_split_set_matches_what_one_set_matches() {
        let patterns = [
            "services/api/**",
            "**/tests/**",
            "a*/**",
            "**/*.rs",
            "*.md",
            "docs/**/adr/**",
            "**",
            "README.md",
            "**/test_*.py",
            "**/tests/**/*.rs",
            "**/__tests__/**/*.{js,ts}",
            "**/*.{test,spec}.{js,ts}",
            "**/src/*Test/**/*.{java,kt}",
            "src/*.md",
            "docs/**/adr/*.md",
            "{a/b,c}/*.rs",
            "x/{a/b,c}.rs",
            "**/**/deep.txt",
            "**/.env",
            "a/[/]b.rs",
            "**/{test,tests}/**/{*_test,test_*}.sh",
            "*/*",
            "services/*/RUNBOOK.md",
        ];
        let split = FolderGlobSet::new(&patterns, &build).unwrap();
        let mut whole = GlobSetBuilder::new();
        for p in patterns {
            whole.add(glob(p));
        }
        let whole = whole.build().unwrap();
        let mut paths = vec![
            "README.md",
            "services/api/src/lib.rs",
            "services/api/x",
            "services/apix/a.rs",
            "services/api",
            "a/tests/t.py",
            "ab/c/d",
            "tests",
            "tests/x",
            "docs/adr/0001.md",
            "docs/x/adr/y/z.md",
            "docs/adr",
            "test_a.py",
            "x/y/test_b.py",
            "crate/tests/a/b.rs",
            "tests/x.rs",
            "crate/tests.rs",
            "web/__tests__/a.js",
            "web/__tests__/x/a.ts",
            "__tests__/a.js",
            "a.test.ts",
            "web/a.spec.js",
            "web/a.spec.jsx",
            "m/src/jvmTest/k/A.kt",
            "m/src/jvmTest/A.java",
            "src/Test/A.java",
            "src/a.md",
            "src/x/a.md",
            "docs/adr/0002.md",
            "docs/q/adr/0003.md",
            "a/b/x.rs",
            "c/y.rs",
            "x/a/b.rs",
            "x/c.rs",
            "deep.txt",
            "p/q/deep.txt",
            ".env",
            "app/.env",
            "a/b/test/x_test.sh",
            "test/test_y.sh",
            "y_test.sh",
            "services/billing/RUNBOOK.md",
            "services/billing/x/RUNBOOK.md",
        ];
        paths.sort();
        let (mut memo, mut got, mut want) = (FolderMemo::default(), Vec::new(), Vec::new());
        for path in paths {
            split.matches_into(path, &mut memo, &mut got);
            whole.matches_into(path, &mut want);
            assert_eq!(got, want, "{path}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        #[test]
        fn any_split_matches_what_the_whole_glob_matches(
            patterns in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        "**", "*", "a", "b*", "{a,b}", "*.rs", "test_*", "x{,y}", "{a/b,c}", "*a*",
                    ]),
                    1..5,
                ),
                1..6,
            ),
            mut paths in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        "a", "b", "ab", "c", "test_x.rs", "x.rs", "a.rs", "x", "xy", "ba",
                    ]),
                    1..6,
                ),
                1..40,
            ),
        ) {
            let patterns: Vec<String> = patterns.iter().map(|p| p.join("/")).collect();
            let patterns: Vec<&str> = patterns
                .iter()
                .map(String::as_str)
                .filter(|p| build(p).is_ok())
                .collect();
            let split = FolderGlobSet::new(&patterns, &build).unwrap();
            let mut whole = GlobSetBuilder::new();
            for p in &patterns {
                whole.add(glob(p));
            }
            let whole = whole.build().unwrap();
            let mut paths: Vec<String> = paths.iter_mut().map(|p| p.join("/")).collect();
            paths.sort();
            let (mut memo, mut got, mut want) = (FolderMemo::default(), Vec::new(), Vec::new());
            for path in &paths {
                split.matches_into(path, &mut memo, &mut got);
                whole.matches_into(path.as_str(), &mut want);
                proptest::prop_assert_eq!(&got, &want, "{} in {:?}", path, patterns);
            }
        }
    }
}
