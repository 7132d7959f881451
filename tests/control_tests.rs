//! The `tests` control kind against fixture repositories.

mod common;

use common::history::{History, day};
use common::{
    check_fixture, check_json, codes, control, finding_paths, git_repo, has_evidence, playbook,
};
use serde_json::Value;

#[test]
fn rust_inline_tests_count_and_untested_crates_are_named() {
    let ev = check_fixture("tests-rust-inline", "tests-rust.toml");
    let c = control(&ev, "tests");
    assert_eq!(c["status"], "FAIL");
    // Rust has no tests/ folder, but #[cfg(test)] modules count; only crates/beta lacks them.
    assert_eq!(
        finding_paths(c),
        [("tests/untested-module".into(), Some("crates/beta".into()))]
    );
    assert!(has_evidence(
        c,
        "crates/alpha/src/lib.rs",
        Some(5),
        "inside the source file"
    ));
    assert!(has_evidence(
        c,
        "src/lib.rs",
        Some(5),
        "inside the source file"
    ));
    // 2 of 3 sources carry inline tests: the ratio 0.67 reaches 0.5.
    assert!(has_evidence(
        c,
        "crates/alpha/src/lib.rs",
        None,
        "ratio 0.67"
    ));
    assert_eq!(ev["decision"], "NO_GO");
}

#[test]
fn go_testdata_is_not_a_test() {
    let ev = check_fixture("tests-go-testdata", "tests-default.toml");
    let c = control(&ev, "tests");
    assert_eq!(c["status"], "FAIL");
    assert_eq!(
        finding_paths(c),
        [("tests/missing".into(), Some("go.mod".into()))]
    );
}

#[test]
fn every_ecosystem_and_module_passes_when_tested() {
    let ev = check_fixture("tests-polyglot", "tests-polyglot.toml");
    let c = control(&ev, "tests");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(codes(c).is_empty());
    for (manifest, name) in [
        ("crate/Cargo.toml", "Rust"),
        ("pyproject.toml", "Python"),
        ("package.json", "JavaScript/TypeScript"),
        ("go.mod", "Go"),
        ("pom.xml", "Java/Kotlin"),
        ("App/App.csproj", "C#"),
        ("Gemfile", "Ruby"),
    ] {
        assert!(
            has_evidence(c, manifest, None, &format!("{name} detected")),
            "{name}"
        );
    }
    // JS __tests__, Java src/test/java, Ruby spec, Go _test, Python test_*.
    for test in [
        "src/__tests__/app.js",
        "src/test/java/com/acme/AppTest.java",
        "spec/x_spec.rb",
        "cmd/main_test.go",
        "tests/test_core.py",
        "crate/tests/it.rs",
    ] {
        assert!(has_evidence(c, test, None, "test file"), "{test}");
    }
    // A C# project referencing the test SDK makes its files tests, whatever their names.
    assert!(has_evidence(
        c,
        "Verify/Verify.csproj",
        Some(3),
        "C# test project"
    ));
    assert!(has_evidence(c, "Verify/Checks.cs", None, "C# test file"));
    // Tests inside a module, and tests mirroring it under tests/, both map to it.
    assert!(has_evidence(
        c,
        "services/api/index.test.ts",
        None,
        "tests module services/api"
    ));
    assert!(has_evidence(
        c,
        "tests/services/billing/test_billing.py",
        None,
        "tests module services/billing"
    ));
}

#[test]
fn low_ratio_is_reported_with_the_numbers() {
    let ev = check_fixture("tests-low-ratio", "tests-ratio.toml");
    let c = control(&ev, "tests");
    assert_eq!(c["status"], "FAIL");
    assert_eq!(codes(c), ["tests/low-ratio"]);
    let msg = c["findings"][0]["message"].as_str().expect("message");
    assert!(
        msg.contains("1 test file(s) for 5 source file(s): ratio 0.20"),
        "{msg}"
    );
    assert!(msg.contains("at least 0.50"), "{msg}");
    // A `should` control: conditions, not NO-GO.
    assert_eq!(ev["decision"], "GO_WITH_CONDITIONS");
}

#[test]
fn nothing_detected_is_not_applicable_and_says_what_would_detect_one() {
    let ev = check_fixture("empty", "tests-default.toml");
    let c = control(&ev, "tests");
    assert_eq!(c["status"], "NOT_APPLICABLE");
    let reason = c["reason"].as_str().expect("reason");
    assert!(reason.contains("no ecosystem detected"), "{reason}");
    for marker in [
        "Cargo.toml",
        "composer.json",
        "CMakeLists.txt",
        "Package.swift",
        "bats",
    ] {
        assert!(reason.contains(marker), "{marker}: {reason}");
    }
    assert!(!reason.contains("shell script"), "{reason}");
}

#[test]
fn configured_ecosystems_and_custom_globs() {
    let ev = check_fixture("tests-none", "tests-configured.toml");
    let go = control(&ev, "go-tests");
    assert_eq!(go["status"], "FAIL");
    // No go.mod to point at: the finding has no path.
    assert_eq!(finding_paths(go), [("tests/missing".into(), None)]);
    let shell = control(&ev, "shell-tests");
    assert_eq!(shell["status"], "PASS");
    assert!(has_evidence(shell, "scripts/run.bats", None, "ratio 1.00"));
    let missing = control(&ev, "missing-bats");
    assert_eq!(codes(missing), ["tests/missing"]);
}

#[test]
fn invalid_parameters_are_reported_at_their_spans() {
    let dir = git_repo("tests-none");
    let out = common::gonogo()
        .arg("check")
        .arg(dir.path())
        .arg("--playbook")
        .arg(playbook("tests-invalid.toml"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown variant `cobol`"), "{err}");
    assert!(err.contains("tests-invalid.toml:9:15"), "{err}");
    assert!(err.contains("`min-ratio = -1` is not a ratio"), "{err}");
}

#[test]
fn a_tooling_manifest_needs_no_tests_when_one_ecosystem_is_enough() {
    // A Rails app with a package.json for asset tooling and no script: nothing of JS to test.
    let ev = check_fixture("tests-tooling-manifest", "tests-any-ecosystem.toml");
    assert_eq!(control(&ev, "tests-any")["status"], "PASS");
    let each = control(&ev, "tests-each");
    assert_eq!(each["status"], "PASS", "{each:#}");
    assert!(has_evidence(each, "package.json", None, "no code to test"));

    // With a script, JavaScript is in use: Ruby is tested, JS is not.
    let mut h = History::from_fixture("tests-tooling-manifest");
    h.write("app/javascript/cart.js", "export const items = [];\n");
    h.commit("A script", day(0));
    let book = playbook("tests-any-ecosystem.toml").display().to_string();
    let (ev, _) = check_json(h.root(), &["--playbook", &book]);
    assert_eq!(control(&ev, "tests-any")["status"], "PASS");
    let each = control(&ev, "tests-each");
    assert_eq!(each["status"], "FAIL");
    assert_eq!(codes(each), ["tests/missing"]);
    assert_eq!(
        finding_paths(each),
        [(
            "tests/missing".to_string(),
            Some("package.json".to_string())
        )]
    );
}

// ---------------------------------------------------------------------------------------------
// Every ecosystem: one tested and one untested repository each
// ---------------------------------------------------------------------------------------------

/// The default-playbook `tests` control of a fixture.
fn tests_of(fixture: &str) -> Value {
    let ev = check_fixture(fixture, "tests-default.toml");
    control(&ev, "tests").clone()
}

#[test]
fn shell_scripts_with_bats_tests_are_tested() {
    let c = tests_of("tests-shell-bats");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(has_evidence(
        &c,
        "test/greet.bats",
        None,
        "Shell detected by this test script"
    ));
    // The helper next to the bats file is neither a test nor a source: 1 test, 2 sources.
    assert!(has_evidence(
        &c,
        "test/greet.bats",
        None,
        "1 test file(s) for 2 source file(s)"
    ));
    // A fixture named for having no manifest still has a bats test: tested, not N/A.
    let c = tests_of("tests-none");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(has_evidence(&c, "scripts/run.bats", None, "Shell detected"));
}

#[test]
fn a_script_sourcing_shunit2_is_a_shell_test() {
    let c = tests_of("tests-shell-shunit2");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(has_evidence(
        &c,
        "tests/rotate_suite.sh",
        Some(12),
        "sourcing shunit2"
    ));
    assert!(has_evidence(
        &c,
        "tests/rotate_suite.sh",
        None,
        "Shell detected"
    ));
}

#[test]
fn shell_scripts_without_tests_are_named_and_fail_when_shell_is_required() {
    let c = tests_of("tests-shell-untested");
    assert_eq!(c["status"], "NOT_APPLICABLE");
    let reason = c["reason"].as_str().expect("reason");
    assert!(
        reason.contains("2 shell script(s) without a bats or shunit2 test"),
        "{reason}"
    );

    let mut h = History::from_fixture("tests-shell-untested");
    h.commit("Backup scripts", day(0));
    let book = h.write_beside(
        "shell.toml",
        r#"
[[control]]
id = "tests"
kind = "tests"
level = "must"
title = "Shell scripts are tested"
ecosystems = ["bash"]
"#,
    );
    let (ev, code) = check_json(h.root(), &["--playbook", &book]);
    let c = control(&ev, "tests");
    assert_eq!(c["status"], "FAIL");
    assert_eq!(finding_paths(c), [("tests/missing".into(), None)]);
    assert!(
        c["findings"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("no Shell test file found (looked for **/*.bats"),
        "{c:#}"
    );
    assert_eq!(code, 1);
}

#[test]
fn php_with_phpunit_is_tested_and_without_tests_fails_at_composer_json() {
    let c = tests_of("tests-php-phpunit");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(has_evidence(&c, "composer.json", None, "PHP detected"));
    assert!(has_evidence(
        &c,
        "tests/InvoiceTest.php",
        None,
        "PHP test file"
    ));
    // tests/bootstrap.php is support: 1 test for 1 source.
    assert!(has_evidence(
        &c,
        "tests/InvoiceTest.php",
        None,
        "ratio 1.00"
    ));

    let c = tests_of("tests-php-untested");
    assert_eq!(c["status"], "FAIL");
    assert_eq!(
        finding_paths(&c),
        [("tests/missing".into(), Some("composer.json".into()))]
    );
}

#[test]
fn c_with_ctest_is_tested_and_enable_testing_alone_is_not() {
    let c = tests_of("tests-cpp-ctest");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(has_evidence(&c, "CMakeLists.txt", None, "C/C++ detected"));
    assert!(has_evidence(
        &c,
        "tests/test_ring.c",
        None,
        "C/C++ test file"
    ));

    let c = tests_of("tests-cpp-untested");
    assert_eq!(c["status"], "FAIL");
    assert_eq!(
        finding_paths(&c),
        [("tests/missing".into(), Some("CMakeLists.txt".into()))]
    );
}

#[test]
fn a_test_registered_in_the_build_counts_for_c() {
    let mut h = History::from_fixture("tests-cpp-untested");
    h.write(
        "CMakeLists.txt",
        "cmake_minimum_required(VERSION 3.20)\nproject(ring C)\nenable_testing()\nadd_executable(ring src/ring.c)\nADD_TEST(NAME selftest COMMAND ring --self-test)\n",
    );
    h.commit("A self-test", day(0));
    let (ev, _) = check_json(
        h.root(),
        &["--playbook", &common::playbook_arg("tests-default.toml")],
    );
    let c = control(&ev, "tests");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(has_evidence(
        c,
        "CMakeLists.txt",
        Some(5),
        "registered in the build"
    ));

    // Autotools: a `check` target in the root Makefile counts too.
    let mut h = History::from_fixture("tests-cpp-untested");
    h.delete("CMakeLists.txt");
    h.write(
        "configure.ac",
        "AC_INIT([ring], [0.1])\nAC_PROG_CC\nAC_OUTPUT\n",
    );
    h.write(
        "Makefile",
        "CC ?= cc\nall: ring\ncheck: ring\n\t./ring --self-test\n",
    );
    h.commit("Autotools", day(0));
    let (ev, _) = check_json(
        h.root(),
        &["--playbook", &common::playbook_arg("tests-default.toml")],
    );
    let c = control(&ev, "tests");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(has_evidence(
        c,
        "Makefile",
        Some(3),
        "registered in the build"
    ));
}

#[test]
fn swift_tests_by_folder_and_by_xctest_import() {
    let c = tests_of("tests-swift-xctest");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(has_evidence(&c, "Package.swift", None, "Swift detected"));
    assert!(has_evidence(
        &c,
        "Tests/RingTests/RingTests.swift",
        None,
        "Swift test file"
    ));
    // Package.swift is a build file, not a source: 1 test for 1 source.
    assert!(has_evidence(
        &c,
        "Tests/RingTests/RingTests.swift",
        None,
        "ratio 1.00"
    ));

    let c = tests_of("tests-swift-untested");
    assert_eq!(c["status"], "FAIL");
    assert_eq!(
        finding_paths(&c),
        [("tests/missing".into(), Some("Package.swift".into()))]
    );

    // An Xcode project whose test target has no conventional name: the import says it.
    let mut h = History::from_fixture("tests-swift-untested");
    h.delete("Package.swift");
    h.write("Ring.xcodeproj/project.pbxproj", "// !$*UTF8*$!\n{\n}\n");
    h.write(
        "Checks/Dropping.swift",
        "import XCTest\n@testable import Ring\n\nfinal class Dropping: XCTestCase {}\n",
    );
    h.commit("Xcode", day(0));
    let (ev, _) = check_json(
        h.root(),
        &["--playbook", &common::playbook_arg("tests-default.toml")],
    );
    let c = control(&ev, "tests");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(has_evidence(
        c,
        "Checks/Dropping.swift",
        Some(1),
        "importing a test framework"
    ));
}

#[test]
fn kotlin_source_sets_are_tests_and_a_kotlin_project_without_them_fails() {
    let c = tests_of("tests-kotlin-multiplatform");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(has_evidence(
        &c,
        "build.gradle.kts",
        None,
        "Java/Kotlin detected"
    ));
    assert!(has_evidence(
        &c,
        "src/commonTest/kotlin/acme/RingSpec.kt",
        None,
        "Java/Kotlin test file"
    ));

    let c = tests_of("tests-kotlin-untested");
    assert_eq!(c["status"], "FAIL");
    assert_eq!(
        finding_paths(&c),
        [("tests/missing".into(), Some("build.gradle.kts".into()))]
    );
}

#[test]
fn javascript_tests_in_test_folders_and_cypress_count() {
    let c = tests_of("tests-js-test-dirs");
    assert_eq!(c["status"], "PASS", "{c:#}");
    for test in ["test/slugify.js", "cypress/e2e/demo.cy.js"] {
        assert!(
            has_evidence(&c, test, None, "JavaScript/TypeScript test file"),
            "{test}"
        );
    }
    let c = tests_of("tests-js-untested");
    assert_eq!(c["status"], "FAIL");
    assert_eq!(
        finding_paths(&c),
        [("tests/missing".into(), Some("package.json".into()))]
    );
}

#[test]
fn ruby_minitest_is_tested_and_a_gem_without_tests_fails() {
    let c = tests_of("tests-ruby-minitest");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(has_evidence(
        &c,
        "test/ring_test.rb",
        None,
        "Ruby test file"
    ));
    // test_helper.rb is support, not a test and not a source.
    assert!(!has_evidence(
        &c,
        "test/test_helper.rb",
        None,
        "Ruby test file"
    ));
    assert!(has_evidence(
        &c,
        "test/ring_test.rb",
        None,
        "1 test file(s) for 1 source file(s)"
    ));

    let c = tests_of("tests-ruby-untested");
    assert_eq!(c["status"], "FAIL");
    assert_eq!(
        finding_paths(&c),
        [("tests/missing".into(), Some("ring.gemspec".into()))]
    );
}

#[test]
fn dotnet_test_projects_by_name_and_framework() {
    let c = tests_of("tests-dotnet-xunit");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(has_evidence(
        &c,
        "tests/Ring.Tests/Ring.Tests.csproj",
        Some(6),
        "C# test project"
    ));
    assert!(has_evidence(
        &c,
        "tests/Ring.Tests/Dropping.cs",
        None,
        "C# test file"
    ));

    let c = tests_of("tests-dotnet-untested");
    assert_eq!(c["status"], "FAIL");
    assert_eq!(codes(&c), ["tests/missing"]);

    // A project named as a test project is one, whatever it references and wherever it lies.
    let mut h = History::from_fixture("tests-dotnet-untested");
    h.write(
        "checks/Ring.UnitTests.csproj",
        "<Project Sdk=\"Microsoft.NET.Sdk\">\n</Project>\n",
    );
    h.write("checks/Dropping.cs", "namespace Acme.Checks;\n");
    h.commit("Checks", day(0));
    let (ev, _) = check_json(
        h.root(),
        &["--playbook", &common::playbook_arg("tests-default.toml")],
    );
    let c = control(&ev, "tests");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(has_evidence(
        c,
        "checks/Ring.UnitTests.csproj",
        None,
        "C# test project, by its name"
    ));
}

#[test]
fn ecosystem_aliases_are_accepted() {
    let mut h = History::from_fixture("tests-php-phpunit");
    h.commit("Invoice", day(0));
    let book = h.write_beside(
        "aliases.toml",
        r#"
[[control]]
id = "tests"
kind = "tests"
level = "must"
title = "Aliases"
ecosystems = ["php", "c++", "swift", "sh", "kotlin"]
"#,
    );
    let (ev, _) = check_json(h.root(), &["--playbook", &book]);
    let c = control(&ev, "tests");
    // PHP is tested; the other four are configured but absent, so each lacks a test.
    assert_eq!(codes(c).len(), 4, "{c:#}");
    assert!(has_evidence(
        c,
        "tests/InvoiceTest.php",
        None,
        "PHP test file"
    ));
}

// ---------------------------------------------------------------------------------------------
// The delivery preset's changed-code-needs-changed-tests rule on a single package
// ---------------------------------------------------------------------------------------------

/// A layout written inline: (manifest, manifest text, source, test).
type Layout<'a> = Option<(&'a str, &'a str, &'a str, &'a str)>;

/// A single-package repository on `main`, with a `feature` branch checked out; `layout` is
/// (manifest, manifest text, source, test) or the Rust fixture when `None`.
fn single_package(layout: Layout) -> History {
    let mut h = match layout {
        None => History::from_fixture("tests-single-package"),
        Some((manifest, text, source, test)) => {
            let h = History::new();
            h.write(manifest, text);
            h.write(source, "first\n");
            h.write(test, "first\n");
            h
        }
    };
    h.commit("Initial commit", day(0));
    h.branch("feature");
    h.switch("feature");
    h
}

fn delivery_tests(h: &History) -> Value {
    let (ev, _) = check_json(
        h.root(),
        &[
            "--playbook",
            "preset:delivery",
            "--gate",
            "merge",
            "--base",
            "main",
        ],
    );
    control(&ev, "tests-present").clone()
}

#[test]
fn a_single_package_needs_changed_tests_for_changed_sources() {
    let layouts: [(&str, Layout); 5] = [
        ("Rust", None),
        (
            "Python",
            Some((
                "pyproject.toml",
                "[project]\nname = \"ring\"\n",
                "src/ring/core.py",
                "tests/test_core.py",
            )),
        ),
        (
            "npm",
            Some((
                "package.json",
                "{ \"name\": \"ring\" }\n",
                "src/index.ts",
                "tests/index.test.ts",
            )),
        ),
        (
            "Go",
            Some((
                "go.mod",
                "module example.com/ring\n",
                "src/ring/ring.go",
                "src/ring/ring_test.go",
            )),
        ),
        (
            "Maven",
            Some((
                "pom.xml",
                "<project/>\n",
                "src/main/java/acme/Ring.java",
                "src/test/java/acme/RingTest.java",
            )),
        ),
    ];
    for (name, layout) in layouts {
        let (source, test) = match layout {
            None => ("src/lib.rs", "tests/ring.rs"),
            Some((_, _, source, test)) => (source, test),
        };
        // Only the source changed: the repository is the unit, and it has no changed test.
        let mut h = single_package(layout);
        h.write(source, "second\n");
        h.commit("Change the source", day(1));
        let c = delivery_tests(&h);
        assert_eq!(c["status"], "FAIL", "{name}: {c:#}");
        assert_eq!(
            finding_paths(&c),
            [("tests/untested-change".into(), None)],
            "{name}"
        );
        let message = c["findings"][0]["message"].as_str().unwrap_or_default();
        assert!(
            message.starts_with("the repository: 1 source file(s) changed")
                && message.contains(source),
            "{name}: {message}"
        );

        // Source and test changed together: the change is covered.
        h.write(test, "second\n");
        h.commit("Test it", day(2));
        let c = delivery_tests(&h);
        assert_eq!(c["status"], "PASS", "{name}: {c:#}");
        assert!(
            has_evidence(
                &c,
                test,
                None,
                "changed test for the changes in the repository"
            ),
            "{name}: {c:#}"
        );
    }
}

#[test]
fn with_service_folders_only_the_services_are_units() {
    // A root script outside services/ changes untested: as before, services/* alone are units.
    let mut h = History::new();
    h.write("Cargo.toml", "[workspace]\nmembers = [\"services/*\"]\n");
    h.write("services/api/Cargo.toml", "[package]\nname = \"api\"\n");
    h.write("services/api/src/lib.rs", "pub fn a() {}\n");
    h.write("services/api/tests/a.rs", "#[test]\nfn a() {}\n");
    h.write("tools/gen.rs", "fn main() {}\n");
    h.commit("Initial commit", day(0));
    h.branch("feature");
    h.switch("feature");
    h.write("tools/gen.rs", "fn main() { println!(); }\n");
    h.commit("Tooling", day(1));
    let c = delivery_tests(&h);
    assert!(
        codes(&c).iter().all(|code| code != "tests/untested-change"),
        "{c:#}"
    );

    h.write("services/api/src/lib.rs", "pub fn a() -> u8 { 1 }\n");
    h.commit("Service change", day(2));
    let c = delivery_tests(&h);
    assert_eq!(
        finding_paths(&c)
            .into_iter()
            .filter(|(code, _)| code == "tests/untested-change")
            .collect::<Vec<_>>(),
        [("tests/untested-change".into(), Some("services/api".into()))]
    );
}

#[test]
fn php_tests_by_phpunit_suffix_and_kahlan_specs_count() {
    let c = tests_of("tests-php-kahlan");
    assert_eq!(c["status"], "PASS", "{c:#}");
    for test in ["tests/cart_test.php", "spec/cart.spec.php"] {
        assert!(has_evidence(&c, test, None, "PHP test file"), "{test}");
    }
    assert!(has_evidence(&c, "spec/cart.spec.php", None, "ratio 2.00"));

    let mut h = History::from_fixture("tests-php-kahlan");
    h.delete("tests/cart_test.php").delete("spec/cart.spec.php");
    h.commit("Untested cart", day(0));
    let (ev, code) = check_json(h.root(), &["--playbook", &tests_playbook()]);
    let c = control(&ev, "tests");
    assert_eq!(c["status"], "FAIL", "{c:#}");
    assert_eq!(
        finding_paths(c),
        [("tests/missing".into(), Some("composer.json".into()))]
    );
    assert_eq!(code, 1);
}

/// The fixture playbook of the default `tests` control, as a path argument.
fn tests_playbook() -> String {
    playbook("tests-default.toml").display().to_string()
}

#[test]
fn shell_scripts_compared_with_expected_output_are_tests() {
    let c = tests_of("tests-shell-golden");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(has_evidence(
        &c,
        "tests/stamp-a-file.sh",
        None,
        "Shell test with expected output `tests/stamp-a-file.expected`"
    ));
    assert!(has_evidence(
        &c,
        "tests/stamp-a-file.sh",
        None,
        "Shell detected by this test script"
    ));

    // Without its expected output the script is a helper: no shell test, and shell required fails.
    let mut h = History::from_fixture("tests-shell-golden");
    h.delete("tests/stamp-a-file.expected");
    h.commit("No expected output", day(0));
    let (ev, _) = check_json(h.root(), &["--playbook", &tests_playbook()]);
    assert_eq!(control(&ev, "tests")["status"], "NOT_APPLICABLE");
    let book = h.write_beside(
        "shell.toml",
        "[[control]]\nid = \"tests\"\nkind = \"tests\"\nlevel = \"must\"\ntitle = \"Shell is tested\"\necosystems = [\"shell\"]\n",
    );
    let (ev, code) = check_json(h.root(), &["--playbook", &book]);
    assert_eq!(control(&ev, "tests")["status"], "FAIL");
    assert_eq!(code, 1);
}

#[test]
fn manifests_without_code_have_nothing_to_test() {
    let c = tests_of("tests-docs-only");
    assert_eq!(c["status"], "NOT_APPLICABLE", "{c:#}");
    let reason = c["reason"].as_str().expect("reason");
    assert!(
        reason
            == "no code to test: manifests of JavaScript/TypeScript (`package.json`) and Ruby (`docs/Gemfile`), but no source or test file of them",
        "{reason}"
    );
    assert!(has_evidence(
        &c,
        "docs/Gemfile",
        None,
        "Ruby manifest, but no Ruby source or test file"
    ));

    // One script makes JavaScript an ecosystem in use, and it has no test.
    let mut h = History::from_fixture("tests-docs-only");
    h.write(
        "scripts/toc.js",
        "module.exports = (pages) => pages.sort();\n",
    );
    h.commit("A table of contents script", day(0));
    let (ev, code) = check_json(h.root(), &["--playbook", &tests_playbook()]);
    let c = control(&ev, "tests");
    assert_eq!(c["status"], "FAIL", "{c:#}");
    assert_eq!(
        finding_paths(c),
        [("tests/missing".into(), Some("package.json".into()))]
    );
    assert!(has_evidence(c, "docs/Gemfile", None, "no code to test"));
    assert_eq!(code, 1);
}

#[test]
fn a_package_of_tests_is_not_an_untested_module() {
    let modules = "[[control]]\nid = \"tests\"\nkind = \"tests\"\nlevel = \"must\"\ntitle = \"Every package is tested\"\nmodules = [\"packages/*\"]\n";
    let mut h = History::from_fixture("tests-test-packages");
    h.commit("Workspace", day(0));
    let book = h.write_beside("modules.toml", modules);
    let (ev, code) = check_json(h.root(), &["--playbook", &book]);
    let c = control(&ev, "tests");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(has_evidence(
        c,
        "packages/acceptance-tests/cucumber.js",
        None,
        "module packages/acceptance-tests is named as a package of tests"
    ));
    assert_eq!(code, 0);

    // A package of code without tests is still one.
    h.write(
        "packages/web/package.json",
        "{ \"name\": \"@shelf/web\" }\n",
    );
    h.write(
        "packages/web/src/page.ts",
        "export const title = \"Shelf\";\n",
    );
    h.commit("A web package", day(1));
    let (ev, _) = check_json(h.root(), &["--playbook", &book]);
    let c = control(&ev, "tests");
    assert_eq!(c["status"], "FAIL", "{c:#}");
    assert_eq!(
        finding_paths(c),
        [("tests/untested-module".into(), Some("packages/web".into()))]
    );
}
