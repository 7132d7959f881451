//! The module structure of src/ (issue 15): no cycle among the top-level modules or among the
//! children of any module, nothing but `commands` uses `commands`, no long file without a
//! reason, and docs/architecture.md shows the module graph as it is.
//!
//! Regenerate the block in docs/architecture.md with
//! `UPDATE_ARCHITECTURE=1 cargo test --test module_graph`.

#[path = "module_graph/checker.rs"]
mod checker;
mod common;

use std::path::{Path, PathBuf};

use checker::{Crate, display};
use tempfile::TempDir;

fn real_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn listed(violations: &[String]) -> String {
    violations.join("\n")
}

#[test]
fn the_module_graph_has_no_cycle_and_no_stage_imports_a_command() {
    let violations = Crate::load(&real_src()).structure_violations();
    assert!(
        violations.is_empty(),
        "{} module-structure violations (the last edge of each cycle goes against the order \
         with the fewest uses against it; cutting those edges removes every cycle):\n{}",
        violations.len(),
        listed(&violations)
    );
}

#[test]
fn no_source_file_is_long_without_a_reason() {
    let offenders = checker::long_files(&real_src());
    assert!(
        offenders.is_empty(),
        "{} long files:\n{}",
        offenders.len(),
        listed(&offenders)
    );
}

#[test]
fn architecture_md_shows_the_module_graph() {
    let doc_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/architecture.md");
    let doc = std::fs::read_to_string(&doc_path).expect("read docs/architecture.md");
    let (table, undocumented) = Crate::load(&real_src()).architecture_table();
    let expected = checker::replace_block(&doc, &table).unwrap_or_else(|how| panic!("{how}"));
    if expected != doc {
        if std::env::var_os("UPDATE_ARCHITECTURE").is_some_and(|v| v == "1") {
            std::fs::write(&doc_path, &expected).expect("write docs/architecture.md");
        } else {
            panic!(
                "docs/architecture.md: the module-graph block is not what src/ says; run \
                 `UPDATE_ARCHITECTURE=1 cargo test --test module_graph`. Lines that differ:\n{}",
                line_diff(&doc, &expected)
            );
        }
    }
    assert!(
        undocumented.is_empty(),
        "{} modules without a `//!` doc:\n{}",
        undocumented.len(),
        listed(&undocumented)
    );
}

/// `-` lines only in `old`, `+` lines only in `new`: enough to see what a stale block lacks.
fn line_diff(old: &str, new: &str) -> String {
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    let removed = old_lines.iter().filter(|l| !new_lines.contains(l));
    let added = new_lines.iter().filter(|l| !old_lines.contains(l));
    removed
        .map(|l| format!("- {l}"))
        .chain(added.map(|l| format!("+ {l}")))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn cutting_the_last_edge_of_every_reported_cycle_leaves_none() {
    let krate = Crate::load(&real_src());
    let mut graph = krate.children_graph(&[]);
    let cycles = checker::cycles(&graph);
    for cycle in &cycles {
        let (last, first) = (&cycle[cycle.len() - 1], &cycle[0]);
        if let Some(targets) = graph.get_mut(last) {
            targets.remove(first);
        }
    }
    assert_eq!(checker::cycles(&graph), Vec::<Vec<String>>::new());
    for (from, targets) in &graph {
        for to in targets.keys() {
            assert!(
                checker::shortest_path(&graph, to, from).is_none(),
                "{from} -> {to} is still on a cycle"
            );
        }
    }
}

/// A scratch copy of the real src/, in `<temp>/src`.
fn copy_of_src() -> (TempDir, PathBuf) {
    let dir = TempDir::new().expect("temp dir");
    let src = dir.path().join("src");
    std::fs::create_dir_all(&src).expect("mkdir src");
    common::copy_tree(&real_src(), &src);
    (dir, src)
}

/// Appends `line` to `file` and returns the line number it got.
fn append_line(file: &Path, line: &str) -> usize {
    let mut text = std::fs::read_to_string(file).expect("read");
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(line);
    text.push('\n');
    std::fs::write(file, &text).expect("write");
    text.lines().count()
}

#[test]
fn a_cycle_in_a_scratch_copy_is_caught() {
    let (_dir, src) = copy_of_src();
    let krate = Crate::load(&src);
    let top = krate.children_graph(&[]);
    // The first edge A -> B between modules on no cycle with no other way from A to B: then
    // `B -> A` makes the only new cycle `A -> B -> A`, whatever else is tangled today.
    let on_cycle = |node: &str| {
        top.get(node).is_some_and(|targets| {
            targets
                .keys()
                .any(|next| checker::shortest_path(&top, next, node).is_some())
        })
    };
    let only_way = |from: &str, to: &str| {
        top[from]
            .keys()
            .filter(|other| *other != to)
            .all(|other| checker::shortest_path(&top, other, to).is_none())
    };
    let (a, b) = top
        .iter()
        .flat_map(|(from, targets)| targets.keys().map(move |to| (from.clone(), to.clone())))
        .find(|(from, to)| !on_cycle(from) && !on_cycle(to) && only_way(from, to))
        .expect("an edge between two top-level modules that are on no cycle");
    let b_file = src.join(&krate.modules[&vec![b.clone()]].file);
    let line = append_line(
        &b_file,
        &format!("#[allow(unused_imports)] use crate::{a} as _;"),
    );
    let violations = Crate::load(&src).structure_violations();
    let b_rel = &krate.modules[&vec![b.clone()]].file;
    let b_parts: Vec<_> = b_rel.iter().map(|part| part.to_string_lossy()).collect();
    let b_shown = format!("src/{}", b_parts.join("/"));
    let injected = format!("{b} -> {a}: {b_shown}:{line},");
    assert!(
        violations
            .iter()
            .any(|v| v.starts_with("cycle among top-level modules:")
                && v.contains(&format!("{a} -> {b}"))
                && v.contains(&injected)),
        "no cycle through {a} and {b} ({injected}) in:\n{}",
        listed(&violations)
    );

    // A stage that uses a command.
    if !krate.modules.contains_key(&vec!["commands".to_string()]) {
        append_line(&src.join("lib.rs"), "pub mod commands;");
        std::fs::create_dir_all(src.join("commands")).expect("mkdir");
        std::fs::write(src.join("commands/mod.rs"), "//! Commands.\n").expect("write");
    }
    let stage = krate
        .modules
        .keys()
        .find(|path| path.len() == 1 && path[0] != "commands")
        .expect("a top-level module")
        .clone();
    let stage_file = src.join(&krate.modules[&stage].file);
    append_line(
        &stage_file,
        "#[allow(unused_imports)] use crate::commands as _;",
    );
    let violations = Crate::load(&src).structure_violations();
    let expected = format!("`{}` uses `commands` (", display(&stage));
    assert!(
        violations.iter().any(|v| v.starts_with(&expected)),
        "no violation starting with {expected} in:\n{}",
        listed(&violations)
    );
}

/// A crate in a temporary folder: `files` are paths below `src/` and their texts.
fn tiny_crate(files: &[(&str, &str)]) -> (TempDir, PathBuf) {
    let dir = TempDir::new().expect("temp dir");
    let src = dir.path().join("src");
    for (path, text) in files {
        let file = src.join(path);
        std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
        std::fs::write(file, text).expect("write");
    }
    (dir, src)
}

fn edges(krate: &Crate) -> Vec<String> {
    let mut edges: Vec<String> = krate
        .references
        .iter()
        .map(|r| format!("{} -> {}", display(&r.from), display(&r.to)))
        .collect();
    edges.dedup();
    edges
}

#[test]
fn a_clean_dag_passes() {
    let (_dir, src) = tiny_crate(&[
        ("lib.rs", "//! Root.\npub mod a;\npub mod b;\npub mod c;\n"),
        (
            "a.rs",
            "//! A.\nuse crate::b::B;\npub fn f() -> B { crate::c::g() }\n",
        ),
        ("b.rs", "//! B.\npub type B = crate::c::C;\n"),
        ("c.rs", "//! C.\npub struct C;\npub fn g() -> C { C }\n"),
        // Not reachable from lib.rs: neither counts.
        ("main.rs", "use gonogo::a;\nfn main() {}\n"),
        ("orphan.rs", "use crate::a::f;\n"),
    ]);
    let krate = Crate::load(&src);
    assert_eq!(edges(&krate), ["a -> b", "a -> c", "b -> c"]);
    assert_eq!(krate.structure_violations(), Vec::<String>::new());
}

#[test]
fn a_three_cycle_is_reported_with_its_path_and_places() {
    let (_dir, src) = tiny_crate(&[
        ("lib.rs", "mod a;\nmod b;\nmod c;\n"),
        ("a.rs", "use crate::b::X;\n"),
        ("b.rs", "pub struct X;\n\nfn f() { crate::c::g(); }\n"),
        (
            "c.rs",
            "pub fn g() {\n    let _ = format!(\"{}\", crate::a::NAME);\n}\n",
        ),
    ]);
    assert_eq!(
        Crate::load(&src).structure_violations(),
        ["cycle among top-level modules: a -> b -> c -> a \
          (a -> b: src/a.rs:1, 1 use; b -> c: src/b.rs:3, 1 use; c -> a: src/c.rs:2, 1 use)"]
    );
}

#[test]
fn a_use_through_a_crate_root_re_export_is_refused() {
    let (_dir, src) = tiny_crate(&[
        ("lib.rs", "pub mod a;\npub mod b;\npub use b::run;\n"),
        ("a.rs", "fn f() { crate::run(); }\n"),
        ("b.rs", "pub fn run() {}\n"),
    ]);
    assert_eq!(
        Crate::load(&src).structure_violations(),
        ["src/a.rs:1: `a` uses `crate::run` through the crate root's re-export; name its module"]
    );
}

#[test]
fn nested_groups_super_self_and_imported_names_are_resolved() {
    let (_dir, src) = tiny_crate(&[
        ("lib.rs", "pub mod a;\npub mod c;\npub mod d;\n"),
        ("a/mod.rs", "pub mod b;\npub mod e;\npub struct Shared;\n"),
        // super:: twice, to the parent (ignored) and a sibling of the parent.
        (
            "a/b.rs",
            "use super::Shared;\nuse super::super::c::C;\nfn f() { self::g(); super::e::h(); }\nfn g() {}\n",
        ),
        ("a/e.rs", "pub fn h() {}\n"),
        ("c.rs", "pub struct C;\n"),
        // Nested groups; a module brought in by `use`, then used by its name; a test module.
        (
            "d.rs",
            "use crate::{a::{b, self as alias}, c};\nfn f() { alias::e::h(); }\n\
             #[cfg(test)]\nmod tests {\n    use super::super::c::C;\n}\n",
        ),
    ]);
    let krate = Crate::load(&src);
    assert_eq!(
        edges(&krate),
        [
            "a::b -> a",
            "a::b -> a::e",
            "a::b -> c",
            "d -> a",
            "d -> a::b",
            "d -> a::e",
            "d -> c",
        ]
    );
    assert_eq!(krate.structure_violations(), Vec::<String>::new());
}

#[test]
fn a_cycle_among_siblings_is_caught_but_a_parent_and_its_children_may_use_each_other() {
    let (_dir, src) = tiny_crate(&[
        ("lib.rs", "pub mod stage;\n"),
        (
            "stage/mod.rs",
            "pub mod one;\npub mod two;\npub const KINDS: [fn(); 2] = [one::run, two::run];\npub struct Params;\n",
        ),
        (
            "stage/one.rs",
            "use super::Params;\npub fn run() { super::two::help(); }\n",
        ),
        (
            "stage/two.rs",
            "pub fn run() {}\npub fn help() { super::one::run(); }\n",
        ),
    ]);
    assert_eq!(
        Crate::load(&src).structure_violations(),
        [
            "cycle inside `stage`: stage::one -> stage::two -> stage::one \
          (stage::one -> stage::two: src/stage/one.rs:2, 1 use; \
          stage::two -> stage::one: src/stage/two.rs:2, 1 use)"
        ]
    );
}

#[test]
fn only_commands_and_the_root_use_commands() {
    let (_dir, src) = tiny_crate(&[
        (
            "lib.rs",
            "pub mod commands;\npub mod stage;\npub use commands::run;\n",
        ),
        ("commands/mod.rs", "pub mod check;\npub use check::run;\n"),
        (
            "commands/check.rs",
            "pub fn run() { crate::stage::work(); }\n",
        ),
        (
            "stage.rs",
            "pub fn work() {}\n#[cfg(test)]\nmod tests {\n    use crate::commands::check::run;\n}\n",
        ),
    ]);
    assert_eq!(
        Crate::load(&src).structure_violations(),
        [
            "`stage` uses `commands::check` (src/stage.rs:4): only `commands` itself and the crate \
             root may use commands",
            "cycle among top-level modules: commands -> stage -> commands \
             (commands -> stage: src/commands/check.rs:1, 1 use; stage -> commands: src/stage.rs:4, 1 use)",
        ]
    );
}

#[test]
fn missing_files_and_unparsable_files_are_reported() {
    let (_dir, src) = tiny_crate(&[
        ("lib.rs", "mod gone;\nmod broken;\n"),
        ("broken.rs", "fn (\n"),
    ]);
    let violations = Crate::load(&src).structure_violations();
    assert_eq!(violations.len(), 2, "{}", listed(&violations));
    assert!(violations[0].starts_with("src/broken.rs:1: cannot parse"));
    assert!(violations[1].starts_with("src/lib.rs:1: `mod gone;` has no file"));
}

#[test]
fn a_long_file_needs_a_reason_and_bin_is_exempt() {
    let body = "fn f() {}\n".repeat(checker::LONG_FILE_LINES);
    let (_dir, src) = tiny_crate(&[
        ("lib.rs", &format!("//! Root.\n{body}")),
        (
            "reasoned.rs",
            &format!("//! Reasoned.\n//! Long: one table that reads best in one place.\n{body}"),
        ),
        ("empty_reason.rs", &format!("// Long:\n{body}")),
        ("bin/tool.rs", &format!("\n{body}")),
        ("short.rs", "fn f() {}\n"),
    ]);
    let offenders = checker::long_files(&src);
    assert_eq!(offenders.len(), 2, "{}", listed(&offenders));
    assert!(offenders[0].starts_with("src/empty_reason.rs: 501 lines"));
    assert!(offenders[1].starts_with("src/lib.rs: 501 lines"));
}

#[test]
fn the_architecture_table_has_depth_one_and_two_with_first_sentences_and_uses() {
    let (_dir, src) = tiny_crate(&[
        ("lib.rs", "//! Root.\npub mod a;\npub mod b;\n"),
        (
            "a/mod.rs",
            "//! The a stage, e.g. this one. More words.\n//! Still the first paragraph.\npub mod x;\npub mod y;\n",
        ),
        ("a/x.rs", "//! X: `a|b` in [`crate::b`].\nuse super::y;\n"),
        ("a/y.rs", "pub mod deep;\n"),
        (
            "a/y/deep.rs",
            "//! Too deep for the table.\nuse crate::b::B;\n",
        ),
        (
            "b.rs",
            "//! B\n//! without a full stop\n//!\n//! Second paragraph.\npub struct B;\n",
        ),
    ]);
    let (table, undocumented) = Crate::load(&src).architecture_table();
    assert_eq!(
        table,
        "| module | owns | uses |\n|---|---|---|\n\
         | `a` | The a stage, e.g. this one. | b |\n\
         | `a::x` | X: `a\\|b` in `crate::b`. | y |\n\
         | `a::y` |  |  |\n\
         | `b` | B without a full stop |  |\n"
    );
    assert_eq!(undocumented.len(), 1);
    assert!(undocumented[0].starts_with("`a::y` (src/a/y.rs): no `//!` doc"));

    let doc = format!(
        "# T\n\ntext\n{}\nold\n{}\nafter\n",
        checker::BLOCK_START,
        checker::BLOCK_END
    );
    let replaced = checker::replace_block(&doc, &table).expect("markers");
    assert_eq!(
        replaced,
        format!(
            "# T\n\ntext\n{}\n{table}{}\nafter\n",
            checker::BLOCK_START,
            checker::BLOCK_END
        )
    );
    assert!(checker::replace_block("# T\n", &table).is_err());
}
