//! Approvals that prove who approved: an `Approved-by:` trailer counts only when the commit or
//! annotated tag carrying it is SSH-signed by a key the playbook lists for that member, or when
//! the CI passes the merge request's reviews with `--approvals FILE`. Keys are made at test time
//! with ssh-keygen and the objects signed by the git binary.

mod common;

use std::path::{Path, PathBuf};

use common::history::{History, day, git_in};
use common::signing::{Key, commit_signed, tag_signed};
use common::*;
use serde_json::Value;

const ANA: &str = "Approved-by: Ana Lima <ana@example.com>";
const BO: &str = "Approved-by: Bo Chen <bo@example.com>";

/// Ana (release-managers) and Bo (security), each with a key of their own.
struct Team {
    ana: Key,
    bo: Key,
}

impl Team {
    fn new() -> Team {
        Team {
            ana: Key::new("ana@example.com"),
            bo: Key::new("bo@example.com"),
        }
    }

    /// A playbook with `signing-keys` for both members (when `keys`), and `extra` on top.
    fn playbook(&self, h: &History, keys: bool, extra: &str) -> PathBuf {
        let keys_of = |k: &Key| {
            if keys {
                format!(", signing-keys = [\"{}\"]", k.public)
            } else {
                String::new()
            }
        };
        let text = format!(
            r#"[playbook]
name = "signed approvals"

{extra}

[roles.release-managers]
members = [{{ name = "Ana Lima", email = "ana@example.com", github = "ana-l", gitlab = "ana.lima"{} }}]

[roles.security]
members = [{{ name = "Bo Chen", email = "bo@example.com", github = "BoChen", gitlab = "bo"{} }}]

[[control]]
id = "readme"
kind = "files"
level = "must"
title = "A README"
require = ["README.md"]

[gates.release]
controls = ["*"]
approvals = ["release-managers", "security"]

[gates.ship]
controls = ["*"]
approvals = ["release-managers"]
"#,
            keys_of(&self.ana),
            keys_of(&self.bo)
        );
        PathBuf::from(h.write_beside("playbook.toml", &text))
    }
}

fn repo() -> History {
    let mut h = History::new();
    h.write("README.md", "# Orders\n");
    h.commit("Start", day(1));
    h.write("CHANGELOG.md", "# Changelog\n");
    h
}

fn check(h: &History, playbook: &Path, gate: &str, extra: &[&str]) -> (Value, i32) {
    let pb = playbook.to_str().expect("utf-8");
    let mut args = vec!["--playbook", pb, "--gate", gate];
    args.extend(extra);
    check_json(h.root(), &args)
}

fn notes(c: &Value) -> Vec<String> {
    c["evidence"]
        .as_array()
        .expect("evidence")
        .iter()
        .map(|e| {
            format!(
                "{} | {} | {}",
                e["path"].as_str().unwrap_or_default(),
                e["excerpt"].as_str().unwrap_or_default(),
                e["note"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

#[test]
fn an_approval_signed_by_the_members_key_is_verified_and_the_gate_passes() {
    let team = Team::new();
    let mut h = repo();
    let commit = commit_signed(
        &mut h,
        &team.ana,
        &format!("Release 1.2.0\n\n{ANA}"),
        day(2),
    );
    let pb = team.playbook(&h, true, "");
    let (ev, code) = check(&h, &pb, "ship", &[]);
    let c = control(&ev, "approvals");
    assert_eq!(c["status"], "PASS", "{c:#}");
    let n = notes(c).join("\n");
    assert!(n.contains(&format!("commit {}", &commit[..12])), "{n}");
    assert!(
        n.contains(
            "approval by role `release-managers`, verified: SSH signature by Ana Lima's key SHA256:"
        ),
        "{n}"
    );
    assert_eq!((ev["decision"].as_str(), code), (Some("GO"), 0));

    // Both roles: Ana signs the commit, Bo signs an annotated tag with his own trailer.
    tag_signed(
        &h,
        &team.bo,
        "v1.2.0",
        &format!("Approve 1.2.0\n\n{BO}"),
        day(3),
    );
    let (ev, code) = check(&h, &pb, "release", &[]);
    let c = control(&ev, "approvals");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(notes(c).iter().any(|n| n.starts_with("tag v1.2.0 | ")
        && n.contains("role `security`, verified: SSH signature by Bo Chen's key")));
    assert_eq!(code, 0);
}

#[test]
fn ecdsa_and_rsa_keys_verify_too() {
    for kind in ["ecdsa", "rsa"] {
        let team = Team {
            ana: Key::of_type(kind, "ana@example.com"),
            bo: Key::new("bo@example.com"),
        };
        let mut h = repo();
        commit_signed(
            &mut h,
            &team.ana,
            &format!("Release 1.2.0\n\n{ANA}"),
            day(2),
        );
        let pb = team.playbook(&h, true, "");
        let (ev, code) = check(&h, &pb, "ship", &[]);
        let c = control(&ev, "approvals");
        assert_eq!(c["status"], "PASS", "{kind}: {c:#}");
        assert_eq!(code, 0, "{kind}");
    }
}

#[test]
fn the_same_trailer_unsigned_is_unverified_and_the_gate_is_no_go() {
    let team = Team::new();
    let mut h = repo();
    h.commit(&format!("Release 1.2.0\n\n{ANA}"), day(2));
    h.tag_annotated("v1.2.0", &format!("Approve 1.2.0\n\n{BO}"));
    let pb = team.playbook(&h, true, "");
    let (ev, code) = check(&h, &pb, "release", &[]);
    let c = control(&ev, "approvals");
    assert_eq!(c["status"], "FAIL");
    assert_eq!(codes(c), ["approvals/unverified", "approvals/unverified"]);
    let m = messages(c);
    assert!(m.contains("the commit is not signed"), "{m}");
    assert!(m.contains("the tag is not signed"), "{m}");
    assert!(
        notes(c)
            .iter()
            .all(|n| n.contains("unverified") && n.contains("does not count")),
        "{:?}",
        notes(c)
    );
    assert_eq!((ev["decision"].as_str(), code), (Some("NO_GO"), 1));

    // An OpenPGP-signed tag is not verified, and says so.
    let pgp = tamper(&h, "v1.2.0", "tag", |t| {
        format!(
            "{t}-----BEGIN PGP SIGNATURE-----\n\niQEzBAABCAAdFiEE\n-----END PGP SIGNATURE-----\n"
        )
    });
    h.git(&["update-ref", "refs/tags/v1.2.0", &pgp]);
    let (ev, _) = check(&h, &pb, "release", &[]);
    let m = messages(control(&ev, "approvals"));
    assert!(
        m.contains("the tag is signed, but OpenPGP signatures are not verified"),
        "{m}"
    );
}

#[test]
fn a_signature_by_another_key_does_not_count() {
    let team = Team::new();
    let stranger = Key::new("eve@example.com");
    let mut h = repo();
    commit_signed(
        &mut h,
        &stranger,
        &format!("Release 1.2.0\n\n{ANA}"),
        day(2),
    );
    let pb = team.playbook(&h, true, "");
    let (ev, code) = check(&h, &pb, "ship", &[]);
    let c = control(&ev, "approvals");
    assert_eq!(codes(c), ["approvals/wrong-signer"]);
    assert!(messages(c).contains("which is not a key of Ana Lima"));
    assert_eq!(code, 1);

    // Bo signs a commit that claims Ana's approval and his own: only his counts.
    commit_signed(
        &mut h,
        &team.bo,
        &format!("Release 1.2.1\n\n{ANA}\n{BO}"),
        day(3),
    );
    let (ev, code) = check(&h, &pb, "release", &[]);
    let c = control(&ev, "approvals");
    assert_eq!(codes(c), ["approvals/wrong-signer"]);
    assert!(
        messages(c).contains("signed by the key of Bo Chen"),
        "{}",
        messages(c)
    );
    assert!(
        notes(c)
            .iter()
            .any(|n| n.contains(BO) && n.contains("role `security`, verified"))
    );
    assert_eq!(code, 1);
}

/// Rewrites an object with `edit` applied to its text, keeping its signature.
fn tamper(h: &History, rev: &str, kind: &str, edit: impl Fn(&str) -> String) -> String {
    let raw = h.git(&["cat-file", kind, rev]);
    let path = h.sibling("tampered");
    std::fs::write(&path, edit(&raw)).expect("write");
    h.git(&[
        "hash-object",
        "-t",
        kind,
        "-w",
        path.to_str().expect("utf-8"),
    ])
    .trim()
    .to_string()
}

#[test]
fn a_tampered_signature_fails_even_when_unsigned_trailers_are_accepted() {
    let team = Team::new();
    let mut h = repo();
    commit_signed(
        &mut h,
        &team.ana,
        &format!("Release 1.2.0\n\n{ANA}"),
        day(2),
    );
    let forged = tamper(&h, "HEAD", "commit", |t| {
        t.replace("Release 1.2.0", "Release 6.6.6")
    });
    h.git(&["update-ref", "refs/heads/main", &forged]);
    assert!(h.git(&["cat-file", "commit", "HEAD"]).contains("gpgsig"));
    for extra in ["", "[approvals]\naccept-unsigned = true"] {
        let pb = team.playbook(&h, true, extra);
        let (ev, code) = check(&h, &pb, "ship", &[]);
        let c = control(&ev, "approvals");
        assert_eq!(codes(c), ["approvals/bad-signature"], "{extra}: {c:#}");
        assert!(messages(c).contains("does not match the signed content"));
        assert_eq!(code, 1);
    }

    // A tag whose message was edited after signing.
    let mut h = repo();
    commit_signed(
        &mut h,
        &team.ana,
        &format!("Release 1.2.0\n\n{ANA}"),
        day(2),
    );
    tag_signed(
        &h,
        &team.bo,
        "v1.2.0",
        &format!("Approve 1.2.0\n\n{BO}"),
        day(3),
    );
    let forged = tamper(&h, "v1.2.0", "tag", |t| {
        t.replace("Approve 1.2.0", "Approve 9.9.9")
    });
    h.git(&["update-ref", "refs/tags/v1.2.0", &forged]);
    let pb = team.playbook(&h, true, "");
    let (ev, _) = check(&h, &pb, "release", &[]);
    assert_eq!(
        codes(control(&ev, "approvals")),
        ["approvals/bad-signature"]
    );
}

#[test]
fn an_allowed_signers_file_lists_keys_by_principal() {
    let team = Team::new();
    let mut h = repo();
    commit_signed(
        &mut h,
        &team.ana,
        &format!("Release 1.2.0\n\n{ANA}"),
        day(2),
    );
    tag_signed(
        &h,
        &team.bo,
        "v1.2.0",
        &format!("Approve 1.2.0\n\n{BO}"),
        day(3),
    );
    let table = "[approvals]\nallowed-signers = \".gonogo/allowed_signers\"";
    let pb = team.playbook(&h, false, table);
    // The signers file is policy: it is read from the policy branch, never from the checked
    // commit's work tree.
    set_signers_text(&h, None);

    // Missing: the rule cannot be evaluated.
    let (ev, code) = check(&h, &pb, "release", POLICY);
    let c = control(&ev, "approvals");
    assert_eq!(c["status"], "ERROR");
    assert!(
        c["reason"]
            .as_str()
            .unwrap()
            .contains(".gonogo/allowed_signers")
    );
    assert_eq!(code, 2, "an ERROR must or should result exits 2");

    set_signers(
        &h,
        &format!(
            "# who may sign approvals\nana@example.com namespaces=\"git\" {}\n\"bo@example.com\" {}\n",
            team.ana.public, team.bo.public
        ),
    );
    let (ev, code) = check(&h, &pb, "release", POLICY);
    let c = control(&ev, "approvals");
    assert_eq!(c["status"], "PASS", "{c:#}");
    let n = notes(c).join("\n");
    assert!(n.contains("Ana Lima's key SHA256:"), "{n}");
    assert!(n.contains("(.gonogo/allowed_signers line 2)"), "{n}");
    assert!(n.contains(".gonogo/allowed_signers |  | allowed signers, 2 key(s), SHA-256 "));
    assert_eq!(code, 0);

    // Bo's signature on a claim of Ana's approval is Bo's, whatever the trailer says.
    commit_signed(&mut h, &team.bo, &format!("Release 1.2.1\n\n{ANA}"), day(4));
    let (ev, _) = check(&h, &pb, "ship", POLICY);
    let c = control(&ev, "approvals");
    assert_eq!(codes(c), ["approvals/wrong-signer"]);
    assert!(messages(c).contains("signed by the key of Bo Chen"));

    // A key that expired before the checked date does not verify.
    commit_signed(
        &mut h,
        &team.ana,
        &format!("Release 1.2.2\n\n{ANA}"),
        day(5),
    );
    set_signers(
        &h,
        &format!(
            "ana@example.com valid-before=20260102 {}\n",
            team.ana.public
        ),
    );
    let (ev, _) = check(&h, &pb, "ship", POLICY);
    let c = control(&ev, "approvals");
    assert_eq!(codes(c), ["approvals/unverified"]);
    assert!(messages(c).contains("valid only before"), "{}", messages(c));

    // A malformed line is an error naming it.
    set_signers(&h, "ana@example.com ssh-ed25519 AAAAnot-a-key\n");
    let (ev, _) = check(&h, &pb, "ship", POLICY);
    let c = control(&ev, "approvals");
    assert_eq!(c["status"], "ERROR");
    assert!(
        c["reason"]
            .as_str()
            .unwrap()
            .contains("line 1: invalid key"),
        "{c:#}"
    );
}

const POLICY: &[&str] = &["--policy-ref", "policy"];

/// Writes the allowed signers file on the `policy` branch, through a linked worktree.
fn set_signers(h: &History, text: &str) {
    set_signers_text(h, Some(text.to_string()));
}

fn set_signers_text(h: &History, text: Option<String>) {
    let wt = h.sibling("policy-worktree");
    if !wt.exists() {
        h.worktree_add("policy-worktree", "policy");
    }
    std::fs::create_dir_all(wt.join(".gonogo")).expect("mkdir");
    if let Some(text) = text {
        std::fs::write(wt.join(".gonogo/allowed_signers"), text).expect("write");
    }
    git_in(&wt, &["add", "--all", "."], day(0));
    git_in(
        &wt,
        &["commit", "--quiet", "--allow-empty", "-m", "signers"],
        day(0),
    );
}

#[test]
fn accept_unsigned_lets_plain_trailers_count_and_says_so() {
    let team = Team::new();
    let mut h = repo();
    h.commit(&format!("Release 1.2.0\n\n{ANA}"), day(2));
    let pb = team.playbook(&h, false, "[approvals]\naccept-unsigned = true");
    let (ev, code) = check(&h, &pb, "ship", &[]);
    let c = control(&ev, "approvals");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(
        notes(c)[0].contains(
            "approval by role `release-managers`, accepted unsigned (`[approvals] accept-unsigned = true`); unverified: the commit is not signed"
        ),
        "{:?}",
        notes(c)
    );
    assert_eq!(code, 0);
}

#[test]
fn github_reviews_of_the_checked_commit_are_verified_by_the_ci() {
    let team = Team::new();
    let mut h = repo();
    let old = h.commit("Feature", day(2));
    let head = h.commit("Feature, reviewed", day(3));
    let pb = team.playbook(&h, false, "");
    let json = format!(
        r#"[
  {{"id": 1, "user": {{"login": "ana-l", "id": 7}}, "state": "APPROVED", "commit_id": "{old}", "submitted_at": "2026-01-03T09:00:00Z", "body": ""}},
  {{"id": 2, "user": {{"login": "ana-l"}}, "state": "APPROVED", "commit_id": "{head}", "submitted_at": "2026-01-04T09:00:00Z"}},
  {{"id": 3, "user": {{"login": "bochen"}}, "state": "APPROVED", "commit_id": "{old}", "submitted_at": "2026-01-03T10:00:00Z"}},
  {{"id": 4, "user": {{"login": "mallory"}}, "state": "APPROVED", "commit_id": "{head}", "submitted_at": "2026-01-04T10:00:00Z"}}
]"#
    );
    let file = h.write_beside("reviews.json", &json);
    let file_s = file.as_str();
    let (ev, code) = check(&h, &pb, "ship", &["--approvals", file_s]);
    let c = control(&ev, "approvals");
    assert_eq!(c["status"], "PASS", "{c:#}");
    let sha = gonogo::support::sha256_hex(json.as_bytes());
    assert_eq!(ev["approvals_file"]["sha256"], sha.as_str());
    assert_eq!(ev["approvals_file"]["name"], file_s);
    let n = notes(c).join("\n");
    assert!(
        n.contains(&format!("APPROVED by @ana-l on {}", &head[..12]))
            && n.contains("verified: GitHub review by Ana Lima, fetched by the CI"),
        "{n}"
    );
    assert_eq!(code, 0);

    // Bo approved an older commit only: it does not count, and the finding says why.
    let (ev, code) = check(&h, &pb, "release", &["--approvals", file_s]);
    let c = control(&ev, "approvals");
    assert_eq!(codes(c), ["approvals/missing"]);
    let m = messages(c);
    assert!(
        m.contains(&format!(
            "@bochen approved {}, not the checked commit",
            &old[..12]
        )),
        "{m}"
    );
    assert!(!m.contains("mallory") && !notes(c).join("\n").contains("mallory"));
    assert_eq!(code, 1);

    // Only the latest review counts: Ana asked for changes after approving.
    let json = format!(
        r#"[{{"user": {{"login": "ana-l"}}, "state": "APPROVED", "commit_id": "{head}", "submitted_at": "2026-01-04T09:00:00Z"}},
{{"user": {{"login": "ana-l"}}, "state": "COMMENTED", "commit_id": "{head}", "submitted_at": "2026-01-04T09:30:00Z"}},
{{"user": {{"login": "ana-l"}}, "state": "CHANGES_REQUESTED", "commit_id": "{head}", "submitted_at": "2026-01-04T10:00:00Z"}}]"#
    );
    let file = h.write_beside("reviews-2.json", &json);
    let (ev, _) = check(&h, &pb, "ship", &["--approvals", file.as_str()]);
    let c = control(&ev, "approvals");
    assert_eq!(codes(c), ["approvals/missing"]);
    assert!(messages(c).contains("the latest review by @ana-l is CHANGES_REQUESTED"));
}

#[test]
fn gitlab_approvals_are_verified_by_the_ci() {
    let team = Team::new();
    let mut h = repo();
    h.commit("Feature", day(2));
    let pb = team.playbook(&h, false, "");
    let file = h.write_beside(
        "approvals.json",
        r#"{"id": 5, "iid": 5, "approvals_required": 2, "approvals_left": 0,
            "approved_by": [{"user": {"name": "Ana Lima", "username": "ana.lima", "id": 1}},
                            {"user": {"name": "Bo Chen", "username": "bo", "id": 2}}]}"#,
    );
    let (ev, code) = check(&h, &pb, "release", &["--approvals", file.as_str()]);
    let c = control(&ev, "approvals");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert!(
        notes(c)
            .iter()
            .any(|n| n.contains("APPROVED by @bo") && n.contains("GitLab review by Bo Chen"))
    );
    assert_eq!(code, 0);
}

#[test]
fn an_approvals_file_that_does_not_parse_is_exit_2_naming_it() {
    let team = Team::new();
    let mut h = repo();
    h.commit("Feature", day(2));
    let pb = team.playbook(&h, false, "");
    for (name, text, says) in [
        ("broken.json", "[{", "is not JSON"),
        ("other.json", r#"{"reviews": []}"#, "is neither"),
    ] {
        let file = h.write_beside(name, text);
        let out = gonogo()
            .args(["check", "--gate", "ship", "--playbook"])
            .arg(&pb)
            .arg("--approvals")
            .arg(&file)
            .arg(h.root())
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(name) && stderr.contains(says), "{stderr}");
    }
}

#[test]
fn verify_repeats_a_check_with_its_approvals_file_and_refuses_a_changed_one() {
    let team = Team::new();
    let mut h = repo();
    let head = h.commit("Feature", day(2));
    let pb = team.playbook(&h, false, "");
    let json = format!(
        r#"[{{"user": {{"login": "ana-l"}}, "state": "APPROVED", "commit_id": "{head}", "submitted_at": "2026-01-04T09:00:00Z"}}]"#
    );
    let file = h.write_beside("reviews.json", &json);
    let evidence = h.sibling("evidence.json");
    let out = gonogo()
        .args(["check", "-q", "--gate", "ship", "--playbook"])
        .arg(&pb)
        .arg("--approvals")
        .arg(&file)
        .arg("-o")
        .arg(format!("json={}", evidence.display()))
        .arg(h.root())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let verify = |pb: &Path| {
        gonogo()
            .arg("verify")
            .arg(&evidence)
            .arg("--playbook")
            .arg(pb)
            .output()
            .expect("run")
    };
    let out = verify(&pb);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(&file, json.replace("APPROVED", "DISMISSED")).expect("write");
    let out = verify(&pb);
    assert_ne!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("reviews.json"));
}

#[test]
fn malformed_keys_and_unknown_approval_keys_are_playbook_errors_with_a_span() {
    let text = "[approvals]\naccept-unsigned = true\nallowed-signer = \"x\"\n\n[roles.r]\nmembers = [{ name = \"Ana\", signing-keys = [\"ssh-ed25519 AAAAC3Nz-broken\"] }]\n";
    let err = gonogo::playbook::load::load_text(
        "p.toml".into(),
        text.into(),
        "p".into(),
        &gonogo::controls::REGISTRY,
    )
    .expect_err("refused");
    let found: Vec<(&str, usize)> = err
        .diagnostics
        .iter()
        .map(|d| (d.code_str(), d.line))
        .collect();
    assert_eq!(
        found,
        [("playbook::unknown-key", 3), ("playbook::invalid-value", 6)],
        "{err:?}"
    );
    let key = err.diagnostics.iter().find(|d| d.line == 6).unwrap();
    assert!(key.message().contains("is not an SSH public key"));
    let line = text.lines().nth(5).unwrap();
    assert_eq!(key.column, line.find("\"ssh-ed25519").unwrap() + 1);
}

#[test]
fn the_approval_trailer_s_name_is_the_playbook_s_choice() {
    let team = Team::new();
    let mut h = repo();
    commit_signed(
        &mut h,
        &team.ana,
        "Release 1.2.0\n\nFreigegeben-von: Ana Lima <ana@example.com>",
        day(2),
    );
    // The default trailer is `Approved-by`: a `Freigegeben-von` line is no approval.
    let pb = team.playbook(&h, true, "");
    let (ev, code) = check(&h, &pb, "ship", &[]);
    assert_eq!(control(&ev, "approvals")["status"], "FAIL");
    assert_eq!(code, 1);
    // With `trailer = "Freigegeben-von"` it is, signed by the member's key.
    let pb = team.playbook(&h, true, "[approvals]\ntrailer = \"Freigegeben-von\"");
    let (ev, code) = check(&h, &pb, "ship", &[]);
    let c = control(&ev, "approvals");
    assert_eq!(c["status"], "PASS", "{c:#}");
    assert_eq!(code, 0);
}
