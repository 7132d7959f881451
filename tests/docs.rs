//! The docs and the binary agree: every registered control kind is documented with all its
//! parameters and finding codes, and the README keeps its two commands.

mod common;

use common::crate_file;

#[test]
fn every_control_kind_is_documented_with_its_parameters_and_codes() {
    let catalog = crate_file("docs/controls.md");
    for kind in gonogo::controls::KINDS {
        assert!(
            catalog.contains(&format!("`{}`", kind.name)),
            "docs/controls.md lacks kind `{}`",
            kind.name
        );
        let page = crate_file(&format!("docs/controls/{}.md", kind.name));
        for p in kind.params {
            assert!(
                page.contains(&format!("| `{}` |", p.name)),
                "docs/controls/{}.md has no table row for parameter `{}`",
                kind.name,
                p.name
            );
        }
        for c in kind.codes {
            assert!(
                page.contains(&format!("| `{}` |", c.code)),
                "docs/controls/{}.md has no table row for code `{}`",
                kind.name,
                c.code
            );
            assert!(
                c.code.starts_with(&format!("{}/", kind.name)),
                "code {} is not under its kind",
                c.code
            );
        }
    }
}

#[test]
fn every_preset_is_documented_and_valid() {
    let doc = crate_file("docs/playbook.md");
    for (name, _) in gonogo::playbook::PRESETS {
        assert!(
            doc.contains(&format!("`{name}`")),
            "docs/playbook.md lacks preset `{name}`"
        );
        let playbook = match gonogo::playbook::load_preset(name, &gonogo::controls::REGISTRY) {
            Ok(p) => p,
            Err(e) => panic!("preset {name} is invalid: {e:?}"),
        };
        // A failing control must say what to do about it.
        let bare: Vec<&str> = playbook
            .controls
            .iter()
            .filter(|c| c.remediation.as_deref().is_none_or(|r| r.trim().is_empty()))
            .map(|c| c.id.as_str())
            .collect();
        assert!(
            bare.is_empty(),
            "preset {name}: controls without a remediation: {bare:?}"
        );
    }
}

#[test]
fn readme_has_the_two_commands() {
    let readme = crate_file("README.md");
    assert!(readme.contains("cargo run --release -- check ."));
    assert!(readme.contains("cargo test --all-targets"));
    let ci = crate_file(".ci/run");
    assert!(
        ci.contains("cargo test --all-targets"),
        ".ci/run must run the README's test command"
    );
}

#[test]
fn every_finding_code_has_a_fix_that_fits_it() {
    use gonogo::controls::fixes::{FIXES, fix_of};
    for kind in gonogo::controls::KINDS {
        for c in kind.codes {
            assert!(
                fix_of(c.code).is_some(),
                "finding code {} has no entry in controls::fixes::FIXES",
                c.code
            );
        }
    }
    // The table names only codes that exist: a kind's, or one gonogo adds itself.
    // (`freshness/` codes come from the change rules of the `changes` and `release` kinds.)
    let builtin = ["approvals/", "dates/", "freshness/", "policy/", "waivers/"];
    for (code, _) in FIXES {
        let known = gonogo::controls::KINDS
            .iter()
            .any(|k| k.codes.iter().any(|c| c.code == *code))
            || builtin.iter().any(|b| code.starts_with(b));
        assert!(known, "controls::fixes::FIXES names unknown code {code}");
    }
}

#[test]
fn every_own_fix_exists_in_german() {
    use gonogo::controls::fixes::{FIXES, FIXES_DE, Fix};
    for (code, fix) in FIXES {
        if let Fix::Own(_) = fix {
            let de = FIXES_DE.iter().find(|(c, _)| c == code);
            assert!(
                de.is_some_and(|(_, t)| !t.trim().is_empty()),
                "finding code {code} has no German fix in FIXES_DE"
            );
        }
    }
    for (code, _) in FIXES_DE {
        assert!(
            matches!(gonogo::controls::fixes::fix_of(code), Some(Fix::Own(_))),
            "FIXES_DE names {code}, which has no fix of its own"
        );
    }
}
