//! `tests`: test presence per ecosystem, per module, and as a share of the sources.
//! (The file is `testing.rs` so it is not mistaken for a Rust test module; the kind is `tests`.)

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::LazyLock;

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use regex::Regex;
use serde::Deserialize;
use toml::Spanned;
use toml::de::DeTable;

use super::{CodeInfo, KindInfo, Outcome, ParamInfo, evidence_for, line_at, line_of};
use crate::evidence::Finding;
use crate::playbook::compile::Ctx;
use crate::snapshot::{ChangeKind, Content, Snapshot};

pub const KIND: KindInfo = KindInfo {
    name: "tests",
    summary: "Test files per detected ecosystem, per module, and a minimum ratio of test files to source files; with a change set, changed sources need changed tests",
    params: &[
        ParamInfo {
            name: "ecosystems",
            ty: "[string]",
            default: "detected",
            doc: "rust, python, js, go, java, csharp, ruby; unset: detected from manifests",
        },
        ParamInfo {
            name: "test-globs",
            ty: "[glob]",
            default: "[]",
            doc: "more files that are tests (count for the ecosystem whose sources they match)",
        },
        ParamInfo {
            name: "source-globs",
            ty: "[glob]",
            default: "[]",
            doc: "more files that are sources",
        },
        ParamInfo {
            name: "exclude",
            ty: "[glob]",
            default: "[]",
            doc: "paths that are neither tests nor sources (vendor/, node_modules/, testdata/ always are)",
        },
        ParamInfo {
            name: "modules",
            ty: "[glob]",
            default: "[]",
            doc: "folders that are modules (e.g. `services/*`); each with sources needs a test",
        },
        ParamInfo {
            name: "each-ecosystem",
            ty: "bool",
            default: "true",
            doc: "every detected ecosystem needs tests; false: one tested ecosystem is enough",
        },
        ParamInfo {
            name: "min-ratio",
            ty: "float",
            default: "unset",
            doc: "test files per source file at least this (e.g. 0.2); unset: reported only",
        },
        ParamInfo {
            name: "require-tests-for-changes",
            ty: "bool",
            default: "true",
            doc: "with a change set (--base, --staged): changed sources of a module (or of the repository, without `modules`) need a changed or added test",
        },
    ],
    codes: &[
        CodeInfo {
            code: "tests/missing",
            doc: "an ecosystem in use has no test file",
        },
        CodeInfo {
            code: "tests/untested-module",
            doc: "a module folder has source files but no test mapped to it",
        },
        CodeInfo {
            code: "tests/low-ratio",
            doc: "test files per source file are below `min-ratio`",
        },
        CodeInfo {
            code: "tests/untested-change",
            doc: "source files of a module changed, but no test file mapped to it was changed or added",
        },
    ],
    compile,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ecosystem {
    Rust,
    Python,
    #[serde(alias = "javascript", alias = "typescript", alias = "ts")]
    Js,
    Go,
    #[serde(alias = "kotlin")]
    Java,
    #[serde(alias = "dotnet", alias = "c#")]
    Csharp,
    Ruby,
}

const ALL: [Ecosystem; 7] = [
    Ecosystem::Rust,
    Ecosystem::Python,
    Ecosystem::Js,
    Ecosystem::Go,
    Ecosystem::Java,
    Ecosystem::Csharp,
    Ecosystem::Ruby,
];

struct Def {
    name: &'static str,
    manifests: &'static [&'static str],
    tests: &'static [&'static str],
    sources: &'static [&'static str],
    /// Neither tests nor sources (helpers next to tests, generated declarations).
    support: &'static [&'static str],
}

impl Ecosystem {
    fn def(self) -> Def {
        match self {
            Ecosystem::Rust => Def {
                name: "Rust",
                manifests: &["**/Cargo.toml"],
                tests: &["**/tests/**/*.rs"],
                sources: &["**/*.rs"],
                support: &["**/benches/**"],
            },
            Ecosystem::Python => Def {
                name: "Python",
                manifests: &[
                    "**/pyproject.toml",
                    "**/setup.py",
                    "**/setup.cfg",
                    "**/requirements*.txt",
                    "**/Pipfile",
                ],
                tests: &["**/test_*.py", "**/*_test.py"],
                sources: &["**/*.py"],
                support: &["**/tests/**", "**/test/**", "**/conftest.py"],
            },
            Ecosystem::Js => Def {
                name: "JavaScript/TypeScript",
                manifests: &["**/package.json"],
                tests: &[
                    "**/__tests__/**/*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}",
                    "**/*.{test,spec}.{js,jsx,ts,tsx,mjs,cjs,mts,cts}",
                ],
                sources: &["**/*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}"],
                support: &["**/*.d.ts", "**/dist/**"],
            },
            Ecosystem::Go => Def {
                name: "Go",
                manifests: &["**/go.mod"],
                tests: &["**/*_test.go"],
                sources: &["**/*.go"],
                support: &[],
            },
            Ecosystem::Java => Def {
                name: "Java/Kotlin",
                manifests: &["**/pom.xml", "**/build.gradle", "**/build.gradle.kts"],
                tests: &[
                    "**/src/test/**/*.{java,kt}",
                    "**/*{Test,Tests,TestCase}.{java,kt}",
                    "**/Test*.{java,kt}",
                ],
                sources: &["**/*.{java,kt}"],
                support: &["**/src/test/**"],
            },
            Ecosystem::Csharp => Def {
                name: "C#",
                manifests: &["**/*.csproj", "**/*.sln"],
                tests: &["**/*.{Tests,Test}/**/*.cs", "**/*{Test,Tests}.cs"],
                sources: &["**/*.cs"],
                support: &[],
            },
            Ecosystem::Ruby => Def {
                name: "Ruby",
                manifests: &["**/Gemfile", "**/*.gemspec"],
                tests: &[
                    "**/spec/**/*_spec.rb",
                    "**/test/**/*_test.rb",
                    "**/test/**/test_*.rb",
                ],
                sources: &["**/*.rb"],
                support: &["**/spec/**", "**/test/**"],
            },
        }
    }
}

/// Never tests, never sources: third-party code and test inputs.
const ALWAYS_EXCLUDED: &[&str] = &["**/node_modules/**", "**/vendor/**", "**/testdata/**"];

/// Folders under which tests mirror the source tree (`tests/services/x/…` tests `services/x`).
const TEST_ROOTS: &[&str] = &["tests/", "test/", "spec/", "__tests__/"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Manifest,
    Test,
    Source,
    Support,
    Excluded,
}

/// Every built-in glob in one set, tagged with its ecosystem and role; built once.
struct Builtin {
    set: GlobSet,
    tags: Vec<(Option<Ecosystem>, Role)>,
}

fn glob(pattern: &str) -> Result<Glob, globset::Error> {
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .empty_alternates(true)
        .build()
}

static BUILTIN: LazyLock<Result<Builtin, String>> = LazyLock::new(|| {
    let mut builder = GlobSetBuilder::new();
    let mut tags = Vec::new();
    let mut add = |pattern: &str, tag: (Option<Ecosystem>, Role)| -> Result<(), String> {
        builder.add(glob(pattern).map_err(|e| e.to_string())?);
        tags.push(tag);
        Ok(())
    };
    for eco in ALL {
        let d = eco.def();
        for (globs, role) in [
            (d.manifests, Role::Manifest),
            (d.tests, Role::Test),
            (d.sources, Role::Source),
            (d.support, Role::Support),
        ] {
            for g in globs {
                add(g, (Some(eco), role))?;
            }
        }
    }
    for g in ALWAYS_EXCLUDED {
        add(g, (None, Role::Excluded))?;
    }
    let set = builder.build().map_err(|e| e.to_string())?;
    Ok(Builtin { set, tags })
});

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    ecosystems: Option<Vec<Ecosystem>>,
    #[serde(default)]
    test_globs: Vec<Spanned<String>>,
    #[serde(default)]
    source_globs: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    modules: Vec<Spanned<String>>,
    min_ratio: Option<Spanned<f64>>,
    #[serde(default = "yes")]
    each_ecosystem: bool,
    require_tests_for_changes: Option<bool>,
}

fn yes() -> bool {
    true
}

#[derive(Debug)]
pub struct Params {
    each_ecosystem: bool,
    ecosystems: Option<Vec<Ecosystem>>,
    test_globs: Option<GlobSet>,
    source_globs: Option<GlobSet>,
    exclude: GlobSet,
    modules: Option<GlobSet>,
    min_ratio: Option<f64>,
    require_tests_for_changes: bool,
}

fn compile(table: Spanned<DeTable<'_>>, ctx: &mut Ctx<'_>) -> Option<super::Params> {
    let raw: Raw = ctx.table(table)?;
    let mut ok = true;
    if let Some(m) = &raw.min_ratio {
        let v = *m.get_ref();
        if !v.is_finite() || v < 0.0 {
            ctx.error(
                "playbook::invalid-value",
                m.span(),
                format!("`min-ratio = {v}` is not a ratio"),
                "not a number of at least 0",
                Some("write test files per source file, e.g. `min-ratio = 0.2`".into()),
            );
            ok = false;
        }
    }
    let optional = |ctx: &mut Ctx<'_>, globs: &[Spanned<String>]| {
        if globs.is_empty() {
            Some(None)
        } else {
            ctx.glob_set(globs, false).map(Some)
        }
    };
    let test_globs = optional(ctx, &raw.test_globs);
    let source_globs = optional(ctx, &raw.source_globs);
    let modules = optional(ctx, &raw.modules);
    let exclude = ctx.glob_set(&raw.exclude, false);
    if !ok {
        return None;
    }
    let mut ecosystems = raw.ecosystems;
    if let Some(e) = &mut ecosystems {
        e.sort();
        e.dedup();
    }
    Some(super::Params::Tests(Params {
        ecosystems,
        test_globs: test_globs?,
        source_globs: source_globs?,
        exclude: exclude?,
        modules: modules?,
        min_ratio: raw.min_ratio.map(|m| *m.get_ref()),
        each_ecosystem: raw.each_ecosystem,
        require_tests_for_changes: raw.require_tests_for_changes.unwrap_or(true),
    }))
}

/// What one ecosystem's globs found.
#[derive(Default)]
struct Found<'s> {
    manifests: Vec<&'s str>,
    tests: Vec<&'s str>,
    sources: Vec<&'s str>,
}

/// Evidence lists at most this many files per kind.
const EVIDENCE_FILES: usize = 3;

static RUST_CFG_TEST: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"#\s*!?\s*\[\s*cfg\s*\(\s*(?:all\s*\(\s*)?test\b").ok());

pub fn run(p: &Params, snap: &Snapshot, _ctx: &super::RunContext) -> Outcome {
    let builtin = match &*BUILTIN {
        Ok(b) => b,
        Err(e) => {
            return Outcome {
                error: Some(format!("built-in test globs do not compile: {e}")),
                ..Outcome::default()
            };
        }
    };
    let mut found: BTreeMap<Ecosystem, Found> =
        ALL.iter().map(|&e| (e, Found::default())).collect();
    let mut custom_tests: Vec<&str> = Vec::new();
    let mut custom_sources: Vec<&str> = Vec::new();
    let dirs: HashSet<&str> = if p.modules.is_some() {
        snap.dirs().iter().map(String::as_str).collect()
    } else {
        HashSet::new()
    };
    let mut hits = Vec::new();

    // One pass: classify every path for every ecosystem; pick the active ones afterwards.
    for path in snap.paths() {
        // One candidate per path for every glob set (building it splits the path each time).
        let candidate = globset::Candidate::new(path);
        builtin.set.matches_candidate_into(&candidate, &mut hits);
        let has = |eco: Option<Ecosystem>, role: Role| {
            hits.iter().any(|&i| builtin.tags[i] == (eco, role))
        };
        if has(None, Role::Excluded) || p.exclude.is_match_candidate(&candidate) {
            continue;
        }
        let mut roles: Vec<(Ecosystem, Role)> = hits
            .iter()
            .filter_map(|&i| match builtin.tags[i] {
                (Some(e), r) => Some((e, r)),
                _ => None,
            })
            .collect();
        roles.sort_by_key(|(e, _)| *e);
        roles.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        let custom_test = p
            .test_globs
            .as_ref()
            .is_some_and(|s| s.is_match_candidate(&candidate));
        let custom_source = p
            .source_globs
            .as_ref()
            .is_some_and(|s| s.is_match_candidate(&candidate));
        for eco in ALL {
            let role = |r: Role| roles.contains(&(eco, r));
            let f = found.get_mut(&eco).expect("every ecosystem has an entry");
            if role(Role::Manifest) {
                f.manifests.push(path);
            }
            if role(Role::Test) || (custom_test && role(Role::Source)) {
                f.tests.push(path);
            } else if role(Role::Source) && !role(Role::Support) {
                f.sources.push(path);
            }
        }
        if custom_test {
            custom_tests.push(path);
        } else if custom_source {
            custom_sources.push(path);
        }
    }

    let active: Vec<Ecosystem> = match &p.ecosystems {
        Some(list) => list.clone(),
        None => ALL
            .iter()
            .copied()
            .filter(|e| !found[e].manifests.is_empty())
            .collect(),
    };
    let custom = p.test_globs.is_some() || p.source_globs.is_some();
    if active.is_empty() && !custom {
        return Outcome::not_applicable(match &p.ecosystems {
            Some(_) => "`ecosystems = []` and no `test-globs` or `source-globs`: nothing to check"
                .to_string(),
            None => "no ecosystem detected (no Cargo.toml, pyproject.toml, setup.py, requirements.txt, package.json, go.mod, pom.xml, build.gradle, *.csproj, *.sln or Gemfile) and none configured in `ecosystems`".to_string(),
        });
    }

    let mut out = Outcome::default();
    let mut rust = RustInline::default();

    // C#: every file of a project that references the test SDK is a test.
    if active.contains(&Ecosystem::Csharp) {
        csharp_test_projects(snap, found.get_mut(&Ecosystem::Csharp), &mut out);
    }

    let mut tests: BTreeSet<&str> = custom_tests.iter().copied().collect();
    let mut sources: BTreeSet<&str> = custom_sources.iter().copied().collect();
    for eco in &active {
        let f = &found[eco];
        tests.extend(f.tests.iter().copied());
        sources.extend(f.sources.iter().copied());
    }
    for t in &tests {
        sources.remove(t);
    }

    // At least one test per ecosystem in use.
    let findings_before = out.findings.len();
    let mut any_tested = false;
    for eco in &active {
        let f = &found[eco];
        let def = eco.def();
        if let Some(m) = f.manifests.first() {
            out.evidence.push(evidence_for(
                snap,
                m,
                None,
                None,
                format!("{} detected by this manifest", def.name),
            ));
        }
        for t in f.tests.iter().take(EVIDENCE_FILES) {
            out.evidence.push(evidence_for(
                snap,
                t,
                None,
                None,
                format!("{} test file", def.name),
            ));
        }
        if !f.tests.is_empty() {
            any_tested = true;
            continue;
        }
        if *eco == Ecosystem::Rust && rust.first_inline(snap, &f.sources, &mut out).is_some() {
            any_tested = true;
            continue;
        }
        let message = format!(
            "no {} test file found (looked for {})",
            def.name,
            def.tests.join(", ")
        );
        let finding = Finding::new("tests/missing", message);
        out.findings.push(match f.manifests.first() {
            Some(m) => finding.at(m, None),
            None => finding,
        });
    }
    // A manifest kept only for tooling (package.json in a Ruby app) need not have tests of its own.
    if !p.each_ecosystem && any_tested {
        out.findings.truncate(findings_before);
    }
    if active.is_empty() && p.test_globs.is_some() && custom_tests.is_empty() {
        out.findings.push(Finding::new(
            "tests/missing",
            "no file matches `test-globs`",
        ));
    }

    let modules: Option<ModuleSet> = p.modules.as_ref().map(|globs| module_set(globs, &dirs));
    if let Some(modules) = &modules {
        check_modules(
            modules, &tests, &sources, &active, &mut rust, snap, &mut out,
        );
    }
    if p.require_tests_for_changes {
        check_changes(
            modules.as_ref(),
            &tests,
            &sources,
            &active,
            &mut rust,
            snap,
            &mut out,
        );
    }

    // The ratio of test files to source files; Rust sources with inline tests count as tested.
    if !sources.is_empty() {
        let rust_sources: Vec<&str> = if active.contains(&Ecosystem::Rust) {
            found[&Ecosystem::Rust].sources.clone()
        } else {
            Vec::new()
        };
        let ratio = |inline: usize| (tests.len() + inline) as f64 / sources.len() as f64;
        let mut inline = rust.known_count();
        if let Some(min) = p.min_ratio {
            // Read Rust sources only while it can still lift the ratio over the bar.
            if ratio(inline) < min {
                inline = rust.count_until(snap, &rust_sources, &mut out, |n| ratio(n) >= min);
            }
        }
        let r = ratio(inline);
        let summary = format!(
            "{} test file(s){} for {} source file(s): ratio {:.2}",
            tests.len(),
            if inline > 0 {
                format!(" and {inline} Rust source(s) with #[cfg(test)]")
            } else {
                String::new()
            },
            sources.len(),
            r
        );
        if let Some(min) = p.min_ratio.filter(|&min| r < min) {
            out.findings.push(Finding::new(
                "tests/low-ratio",
                format!("{summary}; at least {min:.2} required"),
            ));
        } else if let Some(first) = tests.iter().next().or(sources.iter().next()) {
            out.evidence
                .push(evidence_for(snap, first, None, None, summary));
        }
    }
    out
}

/// Which Rust sources carry `#[cfg(test)]`, read lazily and at most once each.
#[derive(Default)]
struct RustInline {
    checked: HashSet<String>,
    with_tests: BTreeSet<String>,
}

impl RustInline {
    /// Reads one file (size-capped by the snapshot); records evidence when it has inline tests.
    fn check(&mut self, snap: &Snapshot, path: &str, out: &mut Outcome) -> bool {
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

    fn first_inline(
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

    fn known_count(&self) -> usize {
        self.with_tests.len()
    }

    /// Checks sources in order until `enough(count)` holds; returns the count.
    fn count_until(
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

/// The module folders: every folder of the snapshot that a `modules` glob matches.
/// Module folders; a hash set, since every path asks it about each of its ancestors.
type ModuleSet<'m> = HashSet<&'m str>;

fn module_set<'s>(globs: &GlobSet, dirs: &HashSet<&'s str>) -> ModuleSet<'s> {
    dirs.iter().copied().filter(|d| globs.is_match(d)).collect()
}

/// Mapping rule: a path belongs to every module folder that contains it, and to the module its
/// path mirrors below a test root (`tests/services/billing/…` → `services/billing`).
fn owners_of<'m>(modules: &ModuleSet<'m>, path: &str) -> Vec<&'m str> {
    let mut found = Vec::new();
    let mut candidates = vec![path];
    if let Some(stripped) = TEST_ROOTS.iter().find_map(|r| path.strip_prefix(r)) {
        candidates.push(stripped);
    }
    for c in candidates {
        let mut rest = c;
        while let Some((dir, _)) = rest.rsplit_once('/') {
            if let Some(m) = modules.get(dir) {
                found.push(*m);
            }
            rest = dir;
        }
    }
    found
}

fn check_modules(
    modules: &ModuleSet,
    tests: &BTreeSet<&str>,
    sources: &BTreeSet<&str>,
    active: &[Ecosystem],
    rust: &mut RustInline,
    snap: &Snapshot,
    out: &mut Outcome,
) {
    if modules.is_empty() {
        return;
    }
    let mut tested: BTreeMap<&str, &str> = BTreeMap::new();
    for t in tests {
        for m in owners_of(modules, t) {
            tested.entry(m).or_insert(t);
        }
    }
    let mut module_sources: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for s in sources {
        for m in owners_of(modules, s) {
            module_sources.entry(m).or_default().push(s);
        }
    }
    let rust_active = active.contains(&Ecosystem::Rust);
    for m in modules {
        if let Some(t) = tested.get(m) {
            out.evidence.push(evidence_for(
                snap,
                t,
                None,
                None,
                format!("tests module {m}"),
            ));
            continue;
        }
        let Some(srcs) = module_sources.get(m) else {
            // A folder without sources (docs, configuration) needs no tests.
            continue;
        };
        if rust_active {
            let rs: Vec<&str> = srcs
                .iter()
                .copied()
                .filter(|s| s.ends_with(".rs"))
                .collect();
            if rust.first_inline(snap, &rs, out).is_some() {
                continue;
            }
        }
        out.findings.push(
            Finding::new(
                "tests/untested-module",
                format!("module {m} has {} source file(s) and no test", srcs.len()),
            )
            .at(m, None),
        );
    }
}

/// Diff mode: with a change set, each module whose sources were added, modified or renamed needs
/// a test mapped to it that was added, modified or renamed too (a changed Rust source with inline
/// `#[cfg(test)]` tests counts as a changed test). Without `modules` the repository is one unit.
/// Deleted sources need no test.
fn check_changes(
    modules: Option<&ModuleSet>,
    tests: &BTreeSet<&str>,
    sources: &BTreeSet<&str>,
    active: &[Ecosystem],
    rust: &mut RustInline,
    snap: &Snapshot,
    out: &mut Outcome,
) {
    let Some(set) = &snap.changes else {
        return;
    };
    let changed: BTreeSet<&str> = set
        .changes
        .iter()
        .filter(|c| c.kind != ChangeKind::Deleted)
        .map(|c| c.path.as_str())
        .collect();
    let changed_sources: Vec<&str> = sources
        .iter()
        .copied()
        .filter(|s| changed.contains(s))
        .collect();
    if changed_sources.is_empty() {
        return;
    }
    let mut changed_tests: Vec<&str> = tests
        .iter()
        .copied()
        .filter(|t| changed.contains(t))
        .collect();
    if active.contains(&Ecosystem::Rust) {
        for s in changed_sources.iter().filter(|s| s.ends_with(".rs")) {
            if rust.check(snap, s, out) {
                changed_tests.push(s);
            }
        }
    }
    // Units: each module, or the whole repository ("") without `modules`.
    let units_of = |path: &str| -> Vec<&str> {
        match modules {
            Some(m) => owners_of(m, path),
            None => vec![""],
        }
    };
    let mut unit_sources: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for s in &changed_sources {
        for u in units_of(s) {
            unit_sources.entry(u).or_default().push(s);
        }
    }
    let mut unit_tests: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for t in &changed_tests {
        for u in units_of(t) {
            unit_tests.entry(u).or_default().insert(t);
        }
    }
    for (unit, srcs) in unit_sources {
        let name = if unit.is_empty() {
            "the repository".to_string()
        } else {
            format!("module {unit}")
        };
        if let Some(ts) = unit_tests.get(unit) {
            for t in ts.iter().take(EVIDENCE_FILES) {
                out.evidence.push(evidence_for(
                    snap,
                    t,
                    None,
                    None,
                    format!("changed test for the changes in {name}"),
                ));
            }
            continue;
        }
        let listed: Vec<&str> = srcs.iter().copied().take(EVIDENCE_FILES).collect();
        let more = srcs.len().saturating_sub(EVIDENCE_FILES);
        let finding = Finding::new(
            "tests/untested-change",
            format!(
                "{name}: {} source file(s) changed ({}{}) and no test file of it was changed or added",
                srcs.len(),
                listed.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            ),
        );
        out.findings.push(if unit.is_empty() {
            finding
        } else {
            finding.at(unit, None)
        });
    }
}

/// Finds C# projects that reference `Microsoft.NET.Test.Sdk` and moves their sources to tests.
fn csharp_test_projects(snap: &Snapshot, found: Option<&mut Found<'_>>, out: &mut Outcome) {
    let Some(f) = found else { return };
    let mut test_dirs: Vec<String> = Vec::new();
    for m in f.manifests.iter().filter(|m| m.ends_with(".csproj")) {
        let Content::Text(text) = snap.read(m) else {
            continue;
        };
        if let Some(at) = text.find("Microsoft.NET.Test.Sdk") {
            out.evidence.push(evidence_for(
                snap,
                m,
                Some(line_of(&text, at)),
                Some(line_at(&text, at)),
                "C# test project",
            ));
            test_dirs.push(match m.rsplit_once('/') {
                Some((dir, _)) => format!("{dir}/"),
                None => String::new(),
            });
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_globs_compile() {
        assert!(BUILTIN.is_ok());
        assert!(RUST_CFG_TEST.is_some());
    }

    #[test]
    fn cfg_test_is_found_with_any_spacing() {
        let re = RUST_CFG_TEST.as_ref().expect("regex");
        for yes in [
            "#[cfg(test)]",
            "# [ cfg ( test ) ]",
            "#![cfg(test)]",
            "#[cfg(all(test, feature = \"x\"))]",
        ] {
            assert!(re.is_match(yes), "{yes}");
        }
        for no in ["#[cfg(testing)]", "#[cfg(not(test))]", "cfg(test)"] {
            assert!(!re.is_match(no), "{no}");
        }
    }
}
