//! German for people, English for machines: `init --lang de` writes a German playbook, the
//! presets' controls and every finding gonogo writes read German in German reports, the evidence
//! keeps the English sentence with its catalogue key, and the language is chosen as documented.

mod common;

use common::history::{History, day};
use common::*;

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn init_lang_de_writes_a_german_playbook_whose_reports_are_german() {
    let mut h = History::new();
    h.write(
        "README.md",
        "# Bestellungen\n\nDer Dienst nimmt Bestellungen an.\n",
    );
    h.commit("README", day(0));
    let out = gonogo()
        .args(["init", "--lang", "de", "--preset", "default"])
        .arg(h.root())
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("geschrieben"), "{}", text(&out));
    let playbook = std::fs::read_to_string(h.root().join("gonogo.toml")).expect("read");
    assert!(playbook.contains("\nlanguage = \"de\""), "{playbook}");
    assert!(playbook.contains("# gonogo-Playbook: die für dieses Repository vereinbarten"));
    assert!(
        playbook.contains("Bevor eine Änderung gemergt wird"),
        "{playbook}"
    );
    h.commit("Playbook", day(1));

    // No --lang: the playbook's language decides, as a CI runner's C locale names none.
    let out = gonogo().arg("check").arg(h.root()).output().expect("run");
    let human = text(&out);
    assert_eq!(out.status.code(), Some(1), "{human}");
    assert!(
        human.contains("Eine Lizenz legt die Nutzungsbedingungen fest"),
        "{human}"
    );
    assert!(human.contains("keine Datei passt auf"), "{human}");
    assert!(human.contains("1 Muss-Kriterium nicht erfüllt"), "{human}");
    assert!(!human.contains("matches a file"), "{human}");

    // The evidence stays English, with the message each sentence was made from.
    let (ev, _) = check_json(h.root(), &[]);
    let finding = &control(&ev, "license")["findings"][0];
    assert!(
        finding["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("none of ")),
        "{finding:#}"
    );
    assert_eq!(finding["said"]["key"], "files/missing-any", "{finding:#}");
    assert_eq!(
        control(&ev, "license")["de"]["title"],
        "Eine Lizenz legt die Nutzungsbedingungen fest"
    );
}

#[test]
fn the_language_comes_from_the_flag_then_gonogo_lang_then_the_locale_then_the_playbook() {
    let mut h = History::from_fixture("missing-must");
    h.commit("Fixture", day(0));
    let run = |env: &[(&str, &str)], args: &[&str]| {
        let mut cmd = gonogo();
        cmd.arg("check").arg(h.root()).args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        text(&cmd.output().expect("run"))
    };
    let german = |s: &str| s.contains("Entscheidung:");
    assert!(german(&run(&[("GONOGO_LANG", "de")], &[])));
    assert!(german(&run(
        &[("GONOGO_LANG", "de"), ("LANG", "en_US.UTF-8")],
        &[]
    )));
    assert!(!german(&run(&[("GONOGO_LANG", "de")], &["--lang", "en"])));
    assert!(german(&run(&[("LC_ALL", "de_AT.UTF-8")], &[])));
    assert!(!german(&run(&[], &[])));
}

#[test]
fn playbook_show_names_where_each_control_and_gate_came_from() {
    let mut h = History::new();
    h.write(
        "gonogo.toml",
        "[playbook]\nname = \"Shop\"\nextends = \"preset:delivery\"\n\n[[control]]\nid = \"changelog\"\nkind = \"files\"\nlevel = \"soll\"\nrequire = [\"CHANGELOG.md\"]\n",
    );
    h.commit("Playbook", day(0));
    let out = gonogo()
        .current_dir(h.root())
        .args(["playbook", "show", "--lang", "en"])
        .output()
        .expect("run");
    let shown = text(&out);
    assert!(out.status.success(), "{shown}");
    assert!(
        shown.contains("Read from: gonogo.toml ← preset:delivery ← preset:default"),
        "{shown}"
    );
    assert!(shown.contains("defined here: gonogo.toml:6:6"), "{shown}");
    assert!(shown.contains("inherited: preset:default:12:6"), "{shown}");
    assert!(
        shown.contains("release: Before a release is shipped"),
        "{shown}"
    );
    let out = gonogo()
        .current_dir(h.root())
        .args(["playbook", "show", "--lang", "de"])
        .output()
        .expect("run");
    let shown = text(&out);
    assert!(shown.contains("geerbt: preset:default:12:6"), "{shown}");
    assert!(shown.contains("changelog"), "{shown}");
    assert!(shown.contains("SOLL"), "{shown}");
}

#[test]
fn playbook_validate_judges_the_waiver_file_against_the_playbook() {
    let mut h = History::new();
    h.write(
        "gonogo.toml",
        "[playbook]\nextends = \"preset:default\"\n\n[roles.leads]\nmembers = [\"Ana Lima <ana@example.org>\"]\nmay-waive = [\"should\"]\n",
    );
    h.write(
        ".gonogo/waivers.toml",
        "[[waiver]]\ncontrol = \"adr\"\nreason = \"Decisions move to ADRs next quarter\"\nticket = \"GOV-1\"\napproved-by = \"Ana Lima\"\ncreated = 2099-01-01\nexpires = 2099-02-01\n\n[[waiver]]\ncontrol = \"no-such-control\"\nreason = \"x\"\nticket = \"GOV-2\"\napproved-by = \"Bo Chen\"\ncreated = 2026-01-01\nexpires = 2026-02-01\n",
    );
    h.commit("Playbook and waivers", day(0));
    let out = gonogo()
        .current_dir(h.root())
        .args(["playbook", "validate"])
        .output()
        .expect("run");
    let said = text(&out);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert!(
        said.contains(".gonogo/waivers.toml:9: waiver no-such-control#2 names `no-such-control`"),
        "{said}"
    );
    assert!(said.contains("[waivers/created-in-future]"), "{said}");

    // A waiver file that does not parse is reported with its place, like a playbook.
    h.write(".gonogo/waivers.toml", "[[waiver]]\ncontrol = \"adr\"\n");
    let out = gonogo()
        .current_dir(h.root())
        .args(["playbook", "validate"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("waivers.toml"), "{}", text(&out));
}

/// Every preset says each control's title, rationale and remediation, and each description, in
/// German too: a German report never falls back to English for a preset's words.
#[test]
fn every_preset_speaks_german() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/playbook/presets");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("presets") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        let table: toml::Table = text.parse().expect("preset parses");
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let mut described: Vec<(String, &toml::Value)> = Vec::new();
        if let Some(p) = table.get("playbook") {
            described.push(("[playbook]".into(), p));
        }
        for (gate, g) in table
            .get("gates")
            .and_then(|g| g.as_table())
            .into_iter()
            .flatten()
        {
            described.push((format!("[gates.{gate}]"), g));
        }
        for (at, t) in described {
            if t.get("description").is_some()
                && t.get("de").and_then(|d| d.get("description")).is_none()
            {
                missing.push(format!("{name} {at}: de.description"));
            }
        }
        for c in table
            .get("control")
            .and_then(|c| c.as_array())
            .into_iter()
            .flatten()
        {
            let id = c.get("id").and_then(|i| i.as_str()).unwrap_or("?");
            for key in ["title", "rationale", "remediation"] {
                if c.get(key).is_some() && c.get("de").and_then(|d| d.get(key)).is_none() {
                    missing.push(format!("{name} {id}: de.{key}"));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "German missing:\n{}",
        missing.join("\n")
    );
}

#[test]
fn explain_shows_what_a_control_looked_at_in_the_terminal() {
    let mut h = History::from_fixture("missing-must");
    h.commit("Fixture", day(0));
    let out = gonogo()
        .arg("check")
        .arg(h.root())
        .args(["--explain", "readme", "--explain", "license"])
        .output()
        .expect("run");
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    let readme = &shown[shown.find("── readme").expect("readme explained")..];
    assert!(
        readme.contains("defined at preset:default:12:6"),
        "{readme}"
    );
    // The file it matched, with its blob id and the line that counted.
    assert!(readme.contains("README.md [blob "), "{readme}");
    assert!(readme.contains("README.md:1 [blob "), "{readme}");
    assert!(readme.contains("no findings"), "{readme}");
    let license = &shown[shown.find("── license").expect("license explained")..];
    assert!(license.contains("looked at nothing"), "{license}");
    assert!(license.contains("[files/missing-any]"), "{license}");
    assert!(license.contains("fix: Add a LICENSE file"), "{license}");

    // A misspelt id is a usage error that names the nearest control.
    let out = gonogo()
        .arg("check")
        .arg(h.root())
        .args(["--explain", "licence", "--format", "json"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("did you mean `license`?"),
        "{}",
        text(&out)
    );

    // -v explains every control, failing ones first; with JSON on stdout it goes to stderr.
    let out = gonogo()
        .arg("check")
        .arg(h.root())
        .args(["-v", "--format", "json", "--lang", "de"])
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(serde_json::from_slice::<serde_json::Value>(&out.stdout).is_ok());
    let first_fail = err.find("NICHT ERFÜLLT").expect("a failing control");
    let first_pass = err.find(", ERFÜLLT)").expect("a passing control");
    assert!(first_fail < first_pass, "{err}");
}

#[test]
fn playbook_diagnostics_are_german_when_german_is_asked_for() {
    let mut h = History::new();
    h.write(
        "gonogo.toml",
        "[playbook]\nextends = \"preset:defualt\"\n\n[[control]]\nid = \"readme\"\nkind = \"fils\"\nlevel = \"mst\"\nrequire = [\"/etc/passwd\"]\n",
    );
    h.commit("Playbook", day(0));
    let out = gonogo()
        .current_dir(h.root())
        .env("GONOGO_LANG", "de")
        .args(["playbook", "validate"])
        .output()
        .expect("run");
    let said = text(&out);
    assert_eq!(out.status.code(), Some(2), "{said}");
    for german in [
        "es gibt kein Preset `defualt`",
        "war `preset:default` gemeint?",
        "`mst` ist keine Verbindlichkeit",
        "Fehler: das Playbook hat 2 Fehler",
    ] {
        assert!(said.contains(german), "missing {german:?} in\n{said}");
    }
    assert!(!said.contains("there is no preset"), "{said}");

    // `check --lang de` says the same in German; without it, English.
    let out = gonogo()
        .arg("check")
        .arg(h.root())
        .args(["--lang", "de"])
        .output()
        .expect("run");
    assert!(text(&out).contains("es gibt kein Preset"), "{}", text(&out));
    let out = gonogo().arg("check").arg(h.root()).output().expect("run");
    assert!(text(&out).contains("there is no preset"), "{}", text(&out));
}
