//! Ref scale (issue 14, point 7): the previous-release search with 10,000 release tags finds
//! the right release for the newest, a middle and an early one, in release (version) order and
//! among ancestors only. How long it takes is measured by the benchmark (`bench/run.sh`, the
//! `tags` scenario), never here.

mod common;

use common::history::{History, day};
use common::{check_json_env, control};
use serde_json::Value;

const PLAYBOOK: &str = r#"[playbook]
name = "ref scale"

[[control]]
id = "since-release"
kind = "release"
level = "must"
title = "The changelog changed since the previous release"
require-changed = ["CHANGELOG.md"]
"#;

const RELEASES: usize = 10_000;

/// A linear history of `RELEASES` commits, commit N tagged `v1.N.0` (every thousandth tag
/// annotated), each changing CHANGELOG.md; a side branch off commit 10 with the highest
/// version of all (`v9.0.0`), an ancestor of none of the checked releases; tags that are no
/// release; and 10,000 branches. fast-import writes the commits, the lightweight tags go
/// straight into packed-refs: the setup takes about a second.
fn ten_thousand_releases() -> History {
    let h = History::new();
    let mut s = String::with_capacity(RELEASES * 200);
    let who = "Fixture <fixture@example.com>";
    for n in 0..RELEASES {
        let time = day(0) + n as i64 * 60;
        let msg = format!("Release {n}\n");
        s.push_str(&format!(
            "commit refs/heads/main\nmark :{}\ncommitter {who} {time} +0000\ndata {}\n{msg}",
            n + 1,
            msg.len()
        ));
        if n > 0 {
            s.push_str(&format!("from :{n}\n"));
        } else {
            s.push_str(&format!(
                "M 100644 inline gonogo.toml\ndata {}\n{PLAYBOOK}\n",
                PLAYBOOK.len()
            ));
        }
        let log = format!("## 1.{n}.0\n");
        s.push_str(&format!(
            "M 100644 inline CHANGELOG.md\ndata {}\n{log}\n",
            log.len()
        ));
        if n % 1000 == 0 {
            let (tag, m) = (format!("v1.{n}.0"), format!("Release v1.{n}.0\n"));
            s.push_str(&format!(
                "tag {tag}\nfrom :{}\ntagger {who} {time} +0000\ndata {}\n{m}\n",
                n + 1,
                m.len()
            ));
        }
    }
    let side = RELEASES + 1;
    s.push_str(&format!(
        "commit refs/heads/side\nmark :{side}\ncommitter {who} {} +0000\ndata 5\nSide\nfrom :11\nM 100644 inline CHANGELOG.md\ndata 5\nside\n\ndone\n",
        day(1)
    ));
    let marks = h.fast_import(&s);
    let mut refs: Vec<(String, String)> = (0..RELEASES)
        .filter(|n| n % 1000 != 0)
        .map(|n| (format!("refs/tags/v1.{n}.0"), marks[&(n + 1)].clone()))
        .collect();
    refs.push(("refs/tags/v9.0.0".into(), marks[&side].clone()));
    // Tags that are not releases, on an ancestor of every checked commit but the early ones.
    refs.push(("refs/tags/nightly".into(), marks[&9000].clone()));
    refs.push(("refs/tags/w2.0.0".into(), marks[&9000].clone()));
    refs.extend((0..RELEASES).map(|n| (format!("refs/heads/topic/{n}"), marks[&(n + 1)].clone())));
    h.packed_refs(&refs);
    h.git(&["reset", "--quiet", "--hard", "main"]);
    h
}

/// The previous release the release control compared with, by its evidence.
fn previous(ev: &Value) -> String {
    let c = control(ev, "since-release");
    c["evidence"]
        .as_array()
        .expect("evidence")
        .iter()
        .find_map(|e| e["path"].as_str()?.strip_prefix("refs/tags/"))
        .unwrap_or_else(|| panic!("no previous release in {c:#}"))
        .to_string()
}

#[test]
fn the_previous_release_is_found_among_ten_thousand_tags() {
    let h = ten_thousand_releases();
    for (rev, want) in [
        ("v1.9999.0", "v1.9998.0"),
        ("v1.5000.0", "v1.4999.0"),
        // v1.100.0 sorts before v1.99.0 by name; by version it is newer.
        ("v1.100.0", "v1.99.0"),
        ("v1.10.0", "v1.9.0"),
        ("v1.1.0", "v1.0.0"),
        // HEAD~3 is v1.9996.0, found through the tag on the commit.
        ("HEAD~3", "v1.9995.0"),
    ] {
        let (ev, code) = check_json_env(h.root(), &["--rev", rev], &[]);
        assert_eq!(previous(&ev), want, "--rev {rev}");
        assert_eq!(
            control(&ev, "since-release")["status"],
            "PASS",
            "--rev {rev}"
        );
        assert_eq!(code, 0, "--rev {rev}");
    }
    // The first release has none before it: the whole history counts as changed.
    let (ev, code) = check_json_env(h.root(), &["--rev", "v1.0.0"], &[]);
    let c = control(&ev, "since-release");
    assert!(
        c["evidence"]
            .as_array()
            .expect("evidence")
            .iter()
            .all(|e| !e["path"].as_str().unwrap_or("").starts_with("refs/tags/")),
        "{c:#}"
    );
    assert_eq!(code, 0);
    // On the side branch, the only release before v9.0.0 is where it branched off.
    let (ev, _) = check_json_env(h.root(), &["--rev", "v9.0.0"], &[]);
    assert_eq!(previous(&ev), "v1.10.0");
}

#[test]
fn a_commit_graph_file_changes_nothing() {
    let h = ten_thousand_releases();
    h.git(&["commit-graph", "write", "--reachable"]);
    assert!(h.root().join(".git/objects/info/commit-graph").is_file());
    for (rev, want) in [("v1.5000.0", "v1.4999.0"), ("v1.3.0", "v1.2.0")] {
        let (ev, code) = check_json_env(h.root(), &["--rev", rev], &[]);
        assert_eq!(previous(&ev), want, "--rev {rev}");
        assert_eq!(code, 0);
    }
}
