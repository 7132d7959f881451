//! The built-in ecosystems: their manifests, test, source and support globs, compiled once into
//! one tagged set.

use std::sync::LazyLock;

use globset::{Glob, GlobBuilder};
use serde::Deserialize;

use crate::support::folder_globs::FolderGlobSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ecosystem {
    Rust,
    Python,
    #[serde(alias = "javascript", alias = "typescript", alias = "ts")]
    Js,
    Go,
    /// The JVM languages: a `build.gradle.kts` builds Java as often as Kotlin, so one ecosystem.
    #[serde(alias = "kotlin")]
    Java,
    #[serde(alias = "dotnet", alias = "c#")]
    Csharp,
    Ruby,
    #[serde(alias = "bash", alias = "sh", alias = "bats")]
    Shell,
    Php,
    #[serde(alias = "c", alias = "c++", alias = "cxx")]
    Cpp,
    Swift,
}

/// In this order in the evidence; new ecosystems go last so older evidence keeps its order.
pub(super) const ALL: [Ecosystem; 11] = [
    Ecosystem::Rust,
    Ecosystem::Python,
    Ecosystem::Js,
    Ecosystem::Go,
    Ecosystem::Java,
    Ecosystem::Csharp,
    Ecosystem::Ruby,
    Ecosystem::Shell,
    Ecosystem::Php,
    Ecosystem::Cpp,
    Ecosystem::Swift,
];

pub(super) struct Def {
    pub(super) name: &'static str,
    /// What the files that detect the ecosystem are, for the evidence ("manifest").
    pub(super) marker: &'static str,
    pub(super) manifests: &'static [&'static str],
    pub(super) tests: &'static [&'static str],
    pub(super) sources: &'static [&'static str],
    /// Neither tests nor sources (helpers next to tests, generated declarations).
    pub(super) support: &'static [&'static str],
    /// Never tests, even where a test glob matches (`test_helper.rb`).
    pub(super) not_tests: &'static [&'static str],
}

/// A JavaScript/TypeScript glob: the prefix followed by every script extension.
macro_rules! js {
    ($prefix:literal) => {
        concat!($prefix, "{js,jsx,ts,tsx,mjs,cjs,mts,cts}")
    };
}

impl Ecosystem {
    pub(super) fn def(self) -> Def {
        match self {
            Ecosystem::Rust => Def {
                name: "Rust",
                marker: "manifest",
                manifests: &["**/Cargo.toml"],
                tests: &["**/tests/**/*.rs"],
                sources: &["**/*.rs"],
                support: &["**/benches/**"],
                not_tests: &[],
            },
            Ecosystem::Python => Def {
                name: "Python",
                marker: "manifest",
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
                not_tests: &[],
            },
            Ecosystem::Js => Def {
                name: "JavaScript/TypeScript",
                marker: "manifest",
                manifests: &["**/package.json"],
                tests: &[
                    js!("**/__tests__/**/*."),
                    js!("**/*.{test,spec}."),
                    js!("**/{test,tests,spec,e2e,cypress}/**/*."),
                    js!("**/*.{cy,e2e,e2e-spec}."),
                ],
                sources: &[js!("**/*.")],
                support: &["**/*.d.ts", "**/dist/**"],
                not_tests: &[],
            },
            Ecosystem::Go => Def {
                name: "Go",
                marker: "manifest",
                manifests: &["**/go.mod"],
                tests: &["**/*_test.go"],
                sources: &["**/*.go"],
                support: &[],
                not_tests: &[],
            },
            Ecosystem::Java => Def {
                name: "Java/Kotlin",
                marker: "manifest",
                manifests: &["**/pom.xml", "**/build.gradle", "**/build.gradle.kts"],
                tests: &[
                    "**/src/test/**/*.{java,kt}",
                    // Kotlin Multiplatform and Android source sets: commonTest, jvmTest, androidTest.
                    "**/src/*Test/**/*.{java,kt}",
                    "**/*{Test,Tests,TestCase}.{java,kt}",
                    "**/Test*.{java,kt}",
                ],
                sources: &["**/*.{java,kt}"],
                support: &[
                    "**/src/test/**",
                    "**/src/*Test/**",
                    "**/src/testFixtures/**",
                ],
                not_tests: &[],
            },
            Ecosystem::Csharp => Def {
                name: "C#",
                marker: "manifest",
                manifests: &["**/*.csproj", "**/*.sln", "**/*.slnx"],
                tests: &["**/*{Test,Tests}/**/*.cs", "**/*{Test,Tests}.cs"],
                sources: &["**/*.cs"],
                support: &[],
                not_tests: &[],
            },
            Ecosystem::Ruby => Def {
                name: "Ruby",
                marker: "manifest",
                manifests: &["**/Gemfile", "**/*.gemspec", "**/Rakefile"],
                tests: &[
                    "**/*_spec.rb",
                    "**/*_test.rb",
                    "**/{test,tests}/**/test_*.rb",
                ],
                sources: &["**/*.rb"],
                support: &["**/spec/**", "**/test/**", "**/tests/**"],
                not_tests: &["**/{test,spec,rails}_helper.rb"],
            },
            // No manifest: a bats file or a named shunit2 test marks shell code as tested; shell
            // scripts alone do not make an ecosystem (a deploy script in any repository would).
            Ecosystem::Shell => Def {
                name: "Shell",
                marker: "test script",
                manifests: &SHELL_TESTS,
                tests: &SHELL_TESTS,
                sources: &["**/*.{sh,bash}"],
                support: &["**/{test,tests}/**"],
                not_tests: &[],
            },
            Ecosystem::Php => Def {
                name: "PHP",
                marker: "manifest",
                manifests: &[
                    "**/composer.json",
                    "**/phpunit.xml",
                    "**/phpunit.xml.dist",
                    "**/phpunit.dist.xml",
                ],
                // PHPUnit (`*Test.php`, or `*_test.php` by a `suffix` in phpunit.xml), phpt,
                // Kahlan (`*.spec.php`) and phpspec (`spec/**/*Spec.php`).
                tests: &[
                    "**/*Test.php",
                    "**/*.phpt",
                    "**/*_test.php",
                    "**/*.spec.php",
                    "**/spec/**/*Spec.php",
                ],
                sources: &["**/*.php"],
                support: &["**/{test,tests,spec}/**"],
                not_tests: &[],
            },
            Ecosystem::Cpp => Def {
                name: "C/C++",
                marker: "manifest",
                manifests: &["**/CMakeLists.txt", "**/meson.build", "**/configure.ac"],
                tests: &[
                    "**/{test,tests}/**/*.{c,cc,cpp,cxx,h,hh,hpp,hxx}",
                    "**/*{_test,_tests,_unittest}.{c,cc,cpp,cxx}",
                    "**/test_*.{c,cc,cpp,cxx}",
                ],
                sources: &["**/*.{c,cc,cpp,cxx,h,hh,hpp,hxx}"],
                support: &["**/{third_party,third-party,external,extern}/**"],
                not_tests: &[],
            },
            Ecosystem::Swift => Def {
                name: "Swift",
                marker: "manifest",
                manifests: &["**/Package.swift", "**/*.xcodeproj/project.pbxproj"],
                // `*Tests` covers SwiftPM's Tests/ and Xcode's AppTests/ targets.
                tests: &["**/*Tests/**/*.swift", "**/*{Test,Tests}.swift"],
                sources: &["**/*.swift"],
                support: &["**/Package.swift", "**/Package@swift-*.swift"],
                not_tests: &[],
            },
        }
    }
}

const SHELL_TESTS: [&str; 2] = ["**/*.bats", "**/{test,tests}/**/{*_test,test_*}.sh"];

/// Never tests, never sources: third-party code and test inputs.
const ALWAYS_EXCLUDED: &[&str] = &["**/node_modules/**", "**/vendor/**", "**/testdata/**"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Manifest,
    Test,
    Source,
    Support,
    NotTest,
    Excluded,
}

/// Every built-in glob in one set, tagged with its ecosystem and role; built once (folder globs
/// matched once per folder: [`FolderGlobSet`]).
pub(super) struct Builtin {
    pub(super) set: FolderGlobSet,
    pub(super) tags: Vec<(Option<Ecosystem>, Role)>,
}

fn glob(pattern: &str) -> Result<Glob, globset::Error> {
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .empty_alternates(true)
        .build()
}

pub(super) static BUILTIN: LazyLock<Result<Builtin, String>> = LazyLock::new(|| {
    let mut patterns: Vec<&str> = Vec::new();
    let mut tags = Vec::new();
    let mut add = |pattern: &'static str, tag: (Option<Ecosystem>, Role)| -> Result<(), String> {
        patterns.push(pattern);
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
            (d.not_tests, Role::NotTest),
        ] {
            for g in globs {
                add(g, (Some(eco), role))?;
            }
        }
    }
    for g in ALWAYS_EXCLUDED {
        add(g, (None, Role::Excluded))?;
    }
    let build = |p: &str| glob(p).map_err(|e| e.to_string());
    let set = FolderGlobSet::new(&patterns, &build)?;
    Ok(Builtin { set, tags })
});
