//! What a key-like file holds, judged by its content: a PEM `PRIVATE KEY` block is a secret, a
//! certificate or a public key is not; a file whose content cannot be read as PEM (binary key
//! stores such as PKCS#12 or JKS, files too large to read) is judged by its name, except a binary
//! key store in a test folder (`test/…`, `src/test/resources/…`, a .NET `*.Tests` project),
//! which is taken for test data such as a self-signed test certificate.

use super::{Outcome, evidence_for};
use crate::evidence::Finding;
use crate::evidence::messages::{args, phrase};
use crate::snapshot::{Content, Snapshot};

/// The verdict on one file a `forbid-keys` glob matched.
#[derive(Debug, PartialEq, Eq)]
pub enum Holds {
    /// A private key: the PEM block type and its line.
    PrivateKey { block: String, line: u32 },
    /// Only public material: the PEM block types, in order, without repeats.
    Public(Vec<String>),
    /// Content that cannot be judged (binary, too large, no PEM block, a link): the catalogue
    /// key of the words why (`keys/binary`).
    Unjudged(&'static str),
}

/// A path a `forbid-keys` glob matched: a finding when it holds a private key or cannot be
/// judged, evidence when it holds only public material.
pub fn judge_path(snap: &Snapshot, path: &str, out: &mut Outcome) {
    let content = snap.read(path);
    match judge(&content) {
        Holds::PrivateKey { block, line } => out.findings.push(
            Finding::say(
                "files/private-key",
                args([("path", path.into()), ("block", block.into())]),
            )
            .at(path, Some(line)),
        ),
        Holds::Public(blocks) => out.evidence.push(evidence_for(
            snap,
            path,
            None,
            None,
            format!(
                "holds public material only ({}), no private key",
                blocks.join(", ")
            ),
        )),
        Holds::Unjudged(why) => {
            // A binary key store in a test folder is test data (a self-signed test
            // certificate); a PEM private key there is still found by its content above.
            if let (Content::Binary, Some(folder)) = (&content, test_folder(path)) {
                out.evidence.push(evidence_for(
                    snap,
                    path,
                    None,
                    None,
                    format!("a binary key store in the test folder `{folder}`: taken for test data, not judged"),
                ));
                return;
            }
            out.findings.push(
                Finding::say(
                    "files/key-unjudged",
                    args([("path", path.into()), ("why", phrase(why, []))]),
                )
                .at(path, None),
            );
        }
    }
}

/// Judges `content` by the PEM blocks it holds (RFC 7468 labels).
pub fn judge(content: &Content) -> Holds {
    let text = match content {
        Content::Text(t) => t,
        Content::Binary => return Holds::Unjudged("keys/binary"),
        Content::TooLarge { .. } => return Holds::Unjudged("keys/too-large"),
        Content::Symlink(_) => return Holds::Unjudged("keys/symlink"),
        Content::Unreadable(_) => return Holds::Unjudged("keys/unreadable"),
    };
    let mut public: Vec<String> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let Some(label) = begin_label(line) else {
            continue;
        };
        if label.contains("PRIVATE KEY") {
            return Holds::PrivateKey {
                block: label.to_string(),
                line: u32::try_from(n + 1).unwrap_or(u32::MAX),
            };
        }
        if !public.iter().any(|p| p == label) {
            public.push(label.to_string());
        }
    }
    if public.is_empty() {
        Holds::Unjudged("keys/no-pem")
    } else {
        Holds::Public(public)
    }
}

/// The test folder a path lies in (the first, as written), if any: a folder named as in
/// [`super::TEST_FOLDERS`], or a test project named `*.Tests`, `*.Test`, `*Tests` (.NET, Swift).
pub fn test_folder(path: &str) -> Option<&str> {
    let (dir, _) = path.rsplit_once('/')?;
    dir.split('/').find(|folder| {
        let lower = folder.to_ascii_lowercase();
        super::TEST_FOLDERS.contains(&lower.as_str())
            || lower.ends_with(".tests")
            || lower.ends_with(".test")
            || folder.ends_with("Tests")
    })
}

/// The label of a PEM encapsulation boundary `-----BEGIN LABEL-----`.
fn begin_label(line: &str) -> Option<&str> {
    let label = line
        .trim()
        .strip_prefix("-----BEGIN ")?
        .strip_suffix("-----")?;
    let printable = !label.is_empty()
        && label.len() <= 64
        && label
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == ' ' || c == '-');
    printable.then_some(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Content {
        Content::Text(s.into())
    }

    #[test]
    fn private_keys_of_every_kind_are_secrets() {
        for label in [
            "PRIVATE KEY",
            "RSA PRIVATE KEY",
            "EC PRIVATE KEY",
            "OPENSSH PRIVATE KEY",
            "ENCRYPTED PRIVATE KEY",
        ] {
            let pem = format!(
                "-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n-----BEGIN {label}-----\nAA\n-----END {label}-----\n"
            );
            assert_eq!(
                judge(&text(&pem)),
                Holds::PrivateKey {
                    block: label.into(),
                    line: 4
                }
            );
        }
    }

    #[test]
    fn certificates_and_public_keys_are_public() {
        let pem = "-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n-----BEGIN PUBLIC KEY-----\nMF\n-----END PUBLIC KEY-----\n";
        assert_eq!(
            judge(&text(pem)),
            Holds::Public(vec!["CERTIFICATE".into(), "PUBLIC KEY".into()])
        );
    }

    #[test]
    fn test_folders_by_name_and_test_projects() {
        assert_eq!(test_folder("test/Api.Tests/selfSigned.pfx"), Some("test"));
        assert_eq!(test_folder("src/Api.Tests/cert.p12"), Some("Api.Tests"));
        assert_eq!(test_folder("src/test/resources/client.jks"), Some("test"));
        assert_eq!(test_folder("certs/client.p12"), None);
        assert_eq!(test_folder("latest/client.p12"), None);
        assert_eq!(test_folder("client.p12"), None);
    }

    #[test]
    fn what_cannot_be_read_as_pem_is_unjudged() {
        assert_eq!(judge(&text("hunter2\n")), Holds::Unjudged("keys/no-pem"));
        assert!(matches!(judge(&Content::Binary), Holds::Unjudged(_)));
        assert_eq!(
            judge(&text("-----BEGIN \u{1b}[31m-----\n")),
            Holds::Unjudged("keys/no-pem")
        );
    }
}
