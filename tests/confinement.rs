//! A repository's own policy files never make gonogo read outside the repository's files, and
//! content that cannot be evaluated is ERROR, never a pass or a waivable failure (issue 14,
//! points 1–3). Secrets in these tests are fake and made up at test time.

mod common;

use std::time::Duration;

use common::history::{History, day};
use common::*;

/// A value only this test run knows, put into the process environment of gonogo.
fn fake_secret() -> String {
    format!(
        "FAKE-SECRET-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    )
}

/// Runs `gonogo check` with the secret in its environment; returns exit code and all output.
fn run(repo: &std::path::Path, secret: &str, args: &[&str]) -> (i32, String) {
    let out = gonogo()
        .arg("check")
        .arg(repo)
        .args(args)
        .env("GONOGO_TEST_TOKEN", secret)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("run");
    (out.status.code().unwrap_or(-1), output_text(&out))
}

fn playbook_extending(target: &str) -> String {
    format!(
        "[playbook]\nname = \"Hostile\"\nextends = [\"{target}\"]\n\n[[control]]\nid = \"readme\"\nkind = \"files\"\nlevel = \"must\"\ntitle = \"A README\"\nrequire = [\"README.md\"]\n"
    )
}

#[test]
fn extends_outside_the_repository_is_refused_and_quotes_nothing() {
    let secret = fake_secret();
    for target in [
        "/etc/passwd",
        "../../../../../../../../proc/self/environ",
        "/proc/self/environ",
        "/dev/zero",
        "C:/Windows/win.ini",
    ] {
        let mut h = History::new();
        h.write("README.md", "# Service\n");
        h.write("gonogo.toml", &playbook_extending(target));
        h.commit("Hostile playbook", day(0));
        for mode in [&[][..], &["--worktree"][..]] {
            let (code, text) = run(h.root(), &secret, mode);
            assert_eq!(code, 2, "{target} {mode:?}: {text}");
            assert!(text.contains("path-outside-repository"), "{target}: {text}");
            assert!(text.contains("gonogo.toml:3:"), "names the line: {text}");
            assert!(
                !text.contains(&secret),
                "{target} leaked the environment: {text}"
            );
            assert!(
                !text.contains("root:x:0:0"),
                "{target} quoted /etc/passwd: {text}"
            );
        }
    }
}

#[test]
fn git_s_own_folder_is_not_a_policy_file() {
    let secret = fake_secret();
    let mut h = History::new();
    h.write("README.md", "# Service\n");
    h.write("gonogo.toml", &playbook_extending(".git/config"));
    h.commit("Extends git's config", day(0));
    // CI checkouts keep a token in .git/config.
    h.git(&[
        "config",
        "http.https://example.invalid/.extraheader",
        &format!("AUTHORIZATION: basic {secret}"),
    ]);
    for mode in [&[][..], &["--worktree"][..]] {
        let (code, text) = run(h.root(), &secret, mode);
        assert_eq!(code, 2, "{mode:?}: {text}");
        assert!(text.contains("git's own folder"), "{text}");
        assert!(!text.contains(&secret), "{mode:?}: {text}");
    }
    // The waiver file too, named in the playbook or on a link.
    let mut h = History::new();
    h.write("README.md", "# Service\n");
    h.write(
        "gonogo.toml",
        "[playbook]\nname = \"Hostile\"\n\n[waivers]\nfile = \".git/config\"\n",
    );
    h.commit("Waivers in git's config", day(0));
    h.git(&["config", "user.signingkey", &secret]);
    for mode in [&[][..], &["--worktree"][..]] {
        let (code, text) = run(h.root(), &secret, mode);
        assert!(!text.contains(&secret), "{mode:?}: {text}");
        assert_eq!(code, 2, "{text}");
        assert!(text.contains("gonogo.toml:5:"), "names the line: {text}");
    }
}

#[cfg(unix)]
#[test]
fn links_and_special_files_in_the_work_tree_are_not_read() {
    let secret = fake_secret();
    let mut h = History::new();
    h.write("README.md", "# Service\n");
    h.write("gonogo.toml", &playbook_extending("base.toml"));
    h.commit("Extends base.toml", day(0));
    let root = h.root().to_path_buf();
    // A link out of the repository, to the process environment.
    std::os::unix::fs::symlink("/proc/self/environ", root.join("base.toml")).unwrap();
    let (code, text) = run(&root, &secret, &["--worktree"]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("leads outside"), "{text}");
    assert!(!text.contains(&secret), "{text}");
    // A link to a device and a FIFO: refused without opening (no hang, no memory growth).
    std::fs::remove_file(root.join("base.toml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", root.join("base.toml")).unwrap();
    let (code, text) = run(&root, &secret, &["--worktree"]);
    assert_eq!(code, 2, "{text}");
    std::fs::remove_file(root.join("base.toml")).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(root.join("base.toml"))
        .status()
        .expect("mkfifo");
    assert!(fifo.success());
    let (code, text) = run(&root, &secret, &["--worktree"]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("not a regular file"), "{text}");
    // The waiver file as a link out of the repository.
    std::fs::remove_file(root.join("base.toml")).unwrap();
    std::fs::write(root.join("base.toml"), "[playbook]\nname = \"Base\"\n").unwrap();
    std::fs::create_dir_all(root.join(".gonogo")).unwrap();
    std::os::unix::fs::symlink("/proc/self/environ", root.join(".gonogo/waivers.toml")).unwrap();
    let (code, text) = run(&root, &secret, &["--worktree"]);
    assert_eq!(code, 2, "{text}");
    assert!(!text.contains(&secret), "{text}");
}

#[test]
fn scan_reports_a_hostile_repository_without_quoting_it() {
    let secret = fake_secret();
    let mut bad = History::new();
    bad.write("README.md", "# Bad\n");
    bad.write("gonogo.toml", &playbook_extending("/proc/self/environ"));
    bad.commit("Hostile", day(0));
    let folder = bad.root().parent().unwrap().to_path_buf();
    let out = gonogo()
        .arg("scan")
        .arg(&folder)
        .arg("-o")
        .arg(folder.join("reports"))
        .env("GONOGO_TEST_TOKEN", &secret)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("scan");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(!text.contains(&secret), "{text}");
    for entry in walkdir::WalkDir::new(folder.join("reports"))
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_file() {
            let written = std::fs::read_to_string(entry.path()).unwrap_or_default();
            assert!(!written.contains(&secret), "{}", entry.path().display());
        }
    }
}

/// A repository whose README's blob is gone from the object store, as in a partial clone.
fn missing_blob() -> (History, String) {
    let mut h = History::new();
    h.write(
        "gonogo.toml",
        "[playbook]\nname = \"Content\"\n\n[[control]]\nid = \"readme-contact\"\nkind = \"files\"\nlevel = \"must\"\ntitle = \"The README names a contact\"\nrequire = [\"README.md\"]\nmust-match = [\"Contact:\"]\n",
    );
    h.write("README.md", "# Service\n\nContact: ops@example.com\n");
    h.commit("Service", day(0));
    let blob = h.git(&["rev-parse", "HEAD:README.md"]).trim().to_string();
    let object = h
        .root()
        .join(".git/objects")
        .join(&blob[..2])
        .join(&blob[2..]);
    std::fs::remove_file(&object).expect("the blob is a loose object");
    (h, blob)
}

#[test]
fn a_missing_object_is_an_error_naming_it_never_a_waivable_failure() {
    let (h, blob) = missing_blob();
    let (ev, code) = check_json(h.root(), &[]);
    assert_eq!(code, 2, "{ev:#}");
    let c = control(&ev, "readme-contact");
    assert_eq!(c["status"], "ERROR", "{c:#}");
    let reason = c["reason"].as_str().unwrap();
    assert!(
        reason.contains(&blob) && reason.contains("README.md"),
        "{reason}"
    );
    assert!(codes(c).is_empty(), "{c:#}");
    assert_eq!(ev["decision"], "NO_GO");

    // A waiver cannot turn it into a pass, and neither can a baseline.
    h.write(
        ".gonogo/waivers.toml",
        "[[waiver]]\nid = \"W-1\"\ncontrol = \"readme-contact\"\nreason = \"Trying to waive what was not checked.\"\nticket = \"X-1\"\napproved-by = \"Ana Lima <ana@example.com>\"\ncreated = 2026-01-01\nexpires = 2026-01-20\n",
    );
    let (ev, _) = check_json(h.root(), &["--worktree"]);
    assert_eq!(
        control(&ev, "readme-contact")["status"],
        "PASS",
        "the work tree has the content: {ev:#}"
    );
    let baseline = h.sibling("baseline.json");
    let (recorded, _) = check_json(h.root(), &[]);
    std::fs::write(&baseline, recorded.to_string()).unwrap();
    let (ev, code) = check_json(h.root(), &["--baseline", baseline.to_str().unwrap()]);
    assert_eq!(code, 2, "{ev:#}");
    assert_eq!(control(&ev, "readme-contact")["status"], "ERROR");
}

#[test]
fn a_git_lfs_pointer_is_not_the_content() {
    let mut h = History::new();
    h.write(
        "gonogo.toml",
        "[playbook]\nname = \"Content\"\n\n[[control]]\nid = \"spec-approved\"\nkind = \"files\"\nlevel = \"must\"\ntitle = \"The specification is approved\"\nrequire = [\"docs/spec.md\"]\nmust-match = [\"Status: approved\"]\n",
    );
    h.write(
        "docs/spec.md",
        "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n",
    );
    h.commit("Spec in LFS", day(0));
    for mode in [&[][..], &["--worktree"][..]] {
        let (ev, code) = check_json(h.root(), mode);
        assert_eq!(code, 2, "{ev:#}");
        let c = control(&ev, "spec-approved");
        assert_eq!(c["status"], "ERROR");
        assert!(
            c["reason"].as_str().unwrap().contains("git lfs pull"),
            "{c:#}"
        );
    }
}
