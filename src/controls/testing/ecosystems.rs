//! The built-in ecosystems: their manifests, test, source and support globs, compiled once into
//! one tagged set.

use std::sync::LazyLock;

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;

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

pub(super) const ALL: [Ecosystem; 7] = [
    Ecosystem::Rust,
    Ecosystem::Python,
    Ecosystem::Js,
    Ecosystem::Go,
    Ecosystem::Java,
    Ecosystem::Csharp,
    Ecosystem::Ruby,
];

pub(super) struct Def {
    pub(super) name: &'static str,
    pub(super) manifests: &'static [&'static str],
    pub(super) tests: &'static [&'static str],
    pub(super) sources: &'static [&'static str],
    /// Neither tests nor sources (helpers next to tests, generated declarations).
    pub(super) support: &'static [&'static str],
}

impl Ecosystem {
    pub(super) fn def(self) -> Def {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Manifest,
    Test,
    Source,
    Support,
    Excluded,
}

/// Every built-in glob in one set, tagged with its ecosystem and role; built once.
pub(super) struct Builtin {
    pub(super) set: GlobSet,
    pub(super) tags: Vec<(Option<Ecosystem>, Role)>,
}

fn glob(pattern: &str) -> Result<Glob, globset::Error> {
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .empty_alternates(true)
        .build()
}

pub(super) static BUILTIN: LazyLock<Result<Builtin, String>> = LazyLock::new(|| {
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
