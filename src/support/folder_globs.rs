//! A glob set for many paths in sorted order: a glob that ends in `/**` (`services/api/**`,
//! `**/tests/**`) can only match the folders of a path, never its file name (the `/**` takes at
//! least the name), so those globs are matched once per folder and the answer reused for the
//! folder's other files; the other globs are matched per path. CODEOWNERS and the test
//! ecosystems are mostly such folder globs, and a regex automaton per path was the largest cost
//! of a check at 100,000 files.

use globset::{Candidate, Glob, GlobSet, GlobSetBuilder};

#[derive(Debug)]
pub struct FolderGlobSet {
    folders: GlobSet,
    /// The index (in the order given) of each glob of `folders`.
    folder_ids: Vec<usize>,
    rest: GlobSet,
    rest_ids: Vec<usize>,
}

/// What the last folder matched; one per pass over the paths.
#[derive(Debug, Default)]
pub struct FolderMemo {
    folder: Option<String>,
    hits: Vec<usize>,
    scratch: Vec<usize>,
}

impl FolderGlobSet {
    pub fn new(globs: Vec<Glob>) -> Result<FolderGlobSet, globset::Error> {
        let (mut folders, mut rest) = (GlobSetBuilder::new(), GlobSetBuilder::new());
        let (mut folder_ids, mut rest_ids) = (Vec::new(), Vec::new());
        for (i, glob) in globs.into_iter().enumerate() {
            if glob.glob().ends_with("/**") {
                folders.add(glob);
                folder_ids.push(i);
            } else {
                rest.add(glob);
                rest_ids.push(i);
            }
        }
        Ok(FolderGlobSet {
            folders: folders.build()?,
            folder_ids,
            rest: rest.build()?,
            rest_ids,
        })
    }

    /// The indices of the globs that match `path` (whose candidate is `candidate`), ascending,
    /// into `out`.
    pub fn matches_into(
        &self,
        path: &str,
        candidate: &Candidate<'_>,
        memo: &mut FolderMemo,
        out: &mut Vec<usize>,
    ) {
        out.clear();
        if !self.folder_ids.is_empty()
            && let Some((folder, _)) = path.rsplit_once('/')
        {
            if memo.folder.as_deref() != Some(folder) {
                // Any file name stands for all: the globs see only the folders.
                let stand_in = format!("{folder}/x");
                self.folders.matches_into(&stand_in, &mut memo.scratch);
                memo.hits.clear();
                memo.hits
                    .extend(memo.scratch.iter().map(|&g| self.folder_ids[g]));
                memo.folder = Some(folder.to_string());
            }
            out.extend_from_slice(&memo.hits);
        }
        if !self.rest_ids.is_empty() {
            self.rest
                .matches_candidate_into(candidate, &mut memo.scratch);
            out.extend(memo.scratch.iter().map(|&g| self.rest_ids[g]));
        }
        out.sort_unstable();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glob(pattern: &str) -> Glob {
        globset::GlobBuilder::new(pattern)
            .literal_separator(true)
            .build()
            .unwrap()
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
        ];
        let split = FolderGlobSet::new(patterns.iter().map(|p| glob(p)).collect()).unwrap();
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
        ];
        paths.sort();
        let (mut memo, mut got, mut want) = (FolderMemo::default(), Vec::new(), Vec::new());
        for path in paths {
            let candidate = Candidate::new(path);
            split.matches_into(path, &candidate, &mut memo, &mut got);
            whole.matches_into(path, &mut want);
            assert_eq!(got, want, "{path}");
        }
    }
}
