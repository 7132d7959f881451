//! SSH signing keys made at test time with `ssh-keygen`, and commits and tags signed with them
//! by the git binary (`gpg.format = ssh`), as a person signs an approval.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::history::{History, git_in};

/// An ed25519 key pair in a temporary folder.
pub struct Key {
    _dir: tempfile::TempDir,
    /// The private key file (what `user.signingkey` names).
    pub private: PathBuf,
    /// The public key line, `ssh-ed25519 AAAA… comment`.
    pub public: String,
}

impl Key {
    /// `ssh-keygen -t ed25519 -N '' -f …`.
    pub fn new(comment: &str) -> Key {
        Key::of_type("ed25519", comment)
    }

    /// A key of another type ssh-keygen makes: `ecdsa`, `rsa`.
    pub fn of_type(kind: &str, comment: &str) -> Key {
        let dir = tempfile::TempDir::new().expect("temp dir");
        let private = dir.path().join(format!("id_{kind}"));
        let out = Command::new("ssh-keygen")
            .args(["-q", "-t", kind, "-N", "", "-C", comment, "-f"])
            .arg(&private)
            .output()
            .expect("run ssh-keygen");
        assert!(
            out.status.success(),
            "ssh-keygen failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let public = std::fs::read_to_string(private.with_extension("pub"))
            .expect("public key")
            .trim()
            .to_string();
        Key {
            _dir: dir,
            private,
            public,
        }
    }

    /// The git options that make `-S` / `-s` sign with this key.
    fn config(&self) -> Vec<String> {
        vec![
            "-c".into(),
            "gpg.format=ssh".into(),
            "-c".into(),
            format!("user.signingkey={}", self.private.display()),
        ]
    }
}

/// Runs git with `key` configured for signing.
fn git_signed(root: &Path, key: &Key, args: &[&str], time: i64) -> String {
    let mut all = key.config();
    all.extend(args.iter().map(|a| a.to_string()));
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    git_in(root, &all, time)
}

/// Stages everything and commits it signed with `key`; returns the commit id.
pub fn commit_signed(h: &mut History, key: &Key, message: &str, time: i64) -> String {
    h.git(&["add", "--all", "."]);
    git_signed(
        h.root(),
        key,
        &["commit", "--quiet", "--allow-empty", "-S", "-m", message],
        time,
    );
    h.rev("HEAD")
}

/// A signed annotated tag on HEAD.
pub fn tag_signed(h: &History, key: &Key, name: &str, message: &str, time: i64) {
    git_signed(h.root(), key, &["tag", "-s", name, "-m", message], time);
}
