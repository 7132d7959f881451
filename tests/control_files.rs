//! The `files` control: key-like files judged by what they hold, and required files that are empty.

mod common;

use common::history::History;
use common::*;

/// A PEM block, assembled here so that no secret scanner mistakes this file for a leak.
fn pem(label: &str) -> String {
    let dashes = "-----";
    format!("{dashes}BEGIN {label}{dashes}\nZml4dHVyZQ==\n{dashes}END {label}{dashes}\n")
}

#[test]
fn certificates_and_public_keys_pass_and_say_what_they_hold() {
    let repo = git_repo("files-keys");
    let (ev, _) = check_playbook(repo.path(), "files-keys.toml", &[]);
    let c = control(&ev, "no-secrets");
    // Only the binary key store fails: it cannot be judged, so its name decides.
    assert_eq!(
        findings(c),
        [(
            "files/key-unjudged".to_string(),
            Some("certs/client.p12".to_string()),
            None
        )],
        "{c:#}"
    );
    assert!(
        has_evidence(
            c,
            "cacerts/root-ca.pem",
            None,
            "public material only (CERTIFICATE)"
        ),
        "{c:#}"
    );
    assert!(
        has_evidence(
            c,
            "cacerts/signing-public.pem",
            None,
            "public material only (PUBLIC KEY)"
        ),
        "{c:#}"
    );
}

#[test]
fn a_private_key_fails_at_its_line_whatever_its_name() {
    let mut h = History::from_fixture("files-keys");
    h.delete("certs/client.p12");
    h.write("deploy/server.key", &pem("RSA PRIVATE KEY"));
    h.write(
        "cacerts/bundle.pem",
        &format!("{}{}", pem("CERTIFICATE"), pem("EC PRIVATE KEY")),
    );
    h.write("home/id_ed25519", &pem("OPENSSH PRIVATE KEY"));
    h.write("notes.key", "hunter2\n");
    h.commit("Keys", FIXTURE_TIME);
    let (ev, code) = check_playbook(h.root(), "files-keys.toml", &[]);
    assert_eq!((ev["decision"].as_str(), code), (Some("NO_GO"), 1));
    let f = |code: &str, path: &str, line: Option<u64>| {
        (code.to_string(), Some(path.to_string()), line)
    };
    assert_eq!(
        findings(control(&ev, "no-secrets")),
        [
            f("files/key-unjudged", "notes.key", None),
            f("files/private-key", "cacerts/bundle.pem", Some(4)),
            f("files/private-key", "deploy/server.key", Some(1)),
            f("files/private-key", "home/id_ed25519", Some(1)),
        ]
    );
}

#[test]
fn an_empty_required_file_is_not_there_in_substance_and_says_how_to_fill_it() {
    let repo = git_repo("files-empty");
    let (ev, code) = check_playbook(repo.path(), "files-empty.toml", &[]);
    assert_eq!((ev["decision"].as_str(), code), (Some("NO_GO"), 1));
    let f = |code: &str, path: &str| (code.to_string(), Some(path.to_string()), None);
    assert_eq!(
        findings(control(&ev, "license")),
        [f("files/empty", "LICENSE")]
    );
    // Whitespace only is empty too.
    assert_eq!(
        findings(control(&ev, "security-policy")),
        [f("files/empty", "SECURITY.md")]
    );
    // A marker file is empty by design where the playbook says so.
    assert_eq!(status(&ev, "typed-marker"), "PASS");
    // The fix fits the finding: fill the file, not "add" it.
    let fix = control(&ev, "license")["findings"][0]["fix"]
        .as_str()
        .expect("own fix");
    assert!(fix.contains("allow-empty"), "{fix}");
}

#[test]
fn one_filled_alternative_satisfies_require_any_and_filled_files_pass() {
    let mut h = History::from_fixture("files-empty");
    h.write(
        "COPYING",
        "Licensed under the Apache License, Version 2.0.\n",
    );
    h.write(
        "SECURITY.md",
        "# Security\n\nReport to security@example.org.\n",
    );
    h.commit("Fill the legal files", FIXTURE_TIME);
    let (ev, code) = check_playbook(h.root(), "files-empty.toml", &[]);
    assert_eq!((ev["decision"].as_str(), code), (Some("GO"), 0), "{ev:#}");
}

#[test]
fn human_output_prints_each_location_once_and_the_fix_that_fits() {
    let repo = git_repo("files-empty");
    let mut cmd = gonogo();
    cmd.arg("check")
        .arg(repo.path())
        .arg("--playbook")
        .arg(common::playbook("files-empty.toml"));
    let (text, _, code) = run_text(cmd);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("  - LICENSE: matches `{LICEN[CS]E,COPYING}*` but is empty [files/empty]"),
        "{text}"
    );
    assert!(!text.contains("LICENSE: LICENSE"), "{text}");
    // The control's remediation ("Add a LICENSE file") fits a missing file, not an empty one.
    assert!(!text.contains("Add a LICENSE file."), "{text}");
    assert!(text.contains("fix: Write the file's content"), "{text}");
}

#[test]
fn a_binary_key_store_in_a_test_folder_is_test_data() {
    let repo = git_repo("files-test-keystores");
    let (ev, code) = check_playbook(repo.path(), "files-keys.toml", &[]);
    let c = control(&ev, "no-secrets");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(has_evidence(
        c,
        "test/Shop.Tests/selfSignedTestCertificate.pfx",
        None,
        "a binary key store in the test folder `test`: taken for test data"
    ));
    assert_eq!(code, 0);

    // Failing: the same key store outside a test folder is judged by its name, and a PEM
    // private key in a test folder is still found by its content.
    let mut h = History::from_fixture("files-test-keystores");
    let store = "test/Shop.Tests/selfSignedTestCertificate.pfx";
    let bytes = std::fs::read(h.root().join(store)).expect("the fixture's key store");
    h.delete(store).write_bytes("src/Shop/signing.pfx", &bytes);
    h.write("test/Shop.Tests/token.key", &pem("PRIVATE KEY"));
    h.commit("Keys", FIXTURE_TIME);
    let (ev, code) = check_playbook(h.root(), "files-keys.toml", &[]);
    let c = control(&ev, "no-secrets");
    assert_eq!(
        findings(c),
        [
            (
                "files/key-unjudged".to_string(),
                Some("src/Shop/signing.pfx".to_string()),
                None
            ),
            (
                "files/private-key".to_string(),
                Some("test/Shop.Tests/token.key".to_string()),
                Some(1)
            ),
        ],
        "{c:#}"
    );
    assert_eq!(code, 1);
}
