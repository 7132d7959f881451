//! Approval carriers: the checked commit and the annotated tags on it, each with the trailers of
//! its message and, when it is signed, the signature and the exact bytes that signature covers.
//! Trailers of a signed object are read from those bytes, so what is verified is what counts.

use git2::{Oid, Repository};

use super::Snapshot;
use super::history::{HistoryError, Trailer, parse_trailers};

/// A commit or annotated tag that may carry `Approved-by:` trailers.
#[derive(Debug, Clone)]
pub struct Carrier {
    /// `commit <id>` or `tag <name>`.
    pub source: String,
    pub trailers: Vec<Trailer>,
    pub signature: Option<ObjectSignature>,
}

/// A signature stored in a git object.
#[derive(Debug, Clone)]
pub struct ObjectSignature {
    /// The armored block as stored (`-----BEGIN SSH SIGNATURE-----`…).
    pub armor: String,
    /// The bytes it signs: the object without its signature.
    pub payload: Vec<u8>,
}

/// Lines that open a signature block, as git recognises them (gpg-interface.c).
const SIGNATURE_STARTS: &[&str] = &[
    "-----BEGIN PGP SIGNATURE-----",
    "-----BEGIN PGP MESSAGE-----",
    "-----BEGIN SIGNED MESSAGE-----",
    "-----BEGIN SSH SIGNATURE-----",
];

impl Snapshot {
    /// The checked commit and every annotated tag pointing at it, with trailers and signatures.
    pub fn approval_carriers(&self) -> Result<Vec<Carrier>, HistoryError> {
        let checked = self.checked_commit()?;
        self.git()?.with_repo(|repo| carriers(repo, checked))
    }
}

fn carriers(repo: &Repository, checked: Oid) -> Result<Vec<Carrier>, HistoryError> {
    let mut out = vec![commit_carrier(repo, checked)?];
    let mut seen: Vec<Oid> = Vec::new();
    let odb = repo.odb()?;
    let names = repo.tag_names(None)?;
    for name in names.iter().flatten().flatten() {
        let Ok(reference) = repo.find_reference(&format!("refs/tags/{name}")) else {
            continue;
        };
        let Ok(tag) = reference.peel_to_tag() else {
            continue;
        };
        let points_here = tag.target_id() == checked
            || tag
                .target()
                .ok()
                .and_then(|o| o.peel_to_commit().ok())
                .is_some_and(|c| c.id() == checked);
        if !points_here || seen.contains(&tag.id()) {
            continue;
        }
        seen.push(tag.id());
        let raw = odb.read(tag.id())?;
        let (body, signature) = split_signature(raw.data());
        out.push(Carrier {
            source: format!("tag {name}"),
            trailers: parse_trailers(&message_of(body), &format!("tag {name}")),
            signature,
        });
    }
    Ok(out)
}

fn commit_carrier(repo: &Repository, checked: Oid) -> Result<Carrier, HistoryError> {
    let source = format!("commit {}", &checked.to_string()[..12]);
    let (message, signature) = match repo.extract_signature(&checked, None) {
        Ok((armor, payload)) => {
            let payload = payload.to_vec();
            (
                message_of(&payload),
                Some(ObjectSignature {
                    armor: String::from_utf8_lossy(&armor).into_owned(),
                    payload,
                }),
            )
        }
        Err(e) if e.code() == git2::ErrorCode::NotFound => {
            let commit = repo.find_commit(checked)?;
            (
                String::from_utf8_lossy(commit.message_bytes()).into_owned(),
                None,
            )
        }
        Err(e) => return Err(e.into()),
    };
    Ok(Carrier {
        trailers: parse_trailers(&message, &source),
        source,
        signature,
    })
}

/// The message of a raw commit or tag object: everything after the first blank line.
fn message_of(object: &[u8]) -> String {
    let body = object
        .windows(2)
        .position(|w| w == b"\n\n")
        .map_or(&[][..], |i| &object[i + 2..]);
    String::from_utf8_lossy(body).into_owned()
}

/// Splits a tag object at its signature block: git's rule is the last line that opens one.
fn split_signature(object: &[u8]) -> (&[u8], Option<ObjectSignature>) {
    let mut start = None;
    let mut offset = 0;
    for line in object.split_inclusive(|&b| b == b'\n') {
        if SIGNATURE_STARTS
            .iter()
            .any(|s| line.starts_with(s.as_bytes()))
        {
            start = Some(offset);
        }
        offset += line.len();
    }
    match start {
        None => (object, None),
        Some(i) => (
            &object[..i],
            Some(ObjectSignature {
                armor: String::from_utf8_lossy(&object[i..]).into_owned(),
                payload: object[..i].to_vec(),
            }),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_splits_at_the_last_signature_line() {
        let tag = b"object 1\ntype commit\ntag v1\n\nRelease\n\nApproved-by: A\n-----BEGIN SSH SIGNATURE-----\nabc\n-----END SSH SIGNATURE-----\n";
        let (body, sig) = split_signature(tag);
        let sig = sig.expect("signed");
        assert!(sig.armor.starts_with("-----BEGIN SSH SIGNATURE-----"));
        assert_eq!(body, sig.payload.as_slice());
        assert!(message_of(body).ends_with("Approved-by: A\n"));
        assert!(split_signature(b"object 1\n\nplain\n").1.is_none());
        // Not at a line start: no signature.
        assert!(
            split_signature(b"x\n\nsee -----BEGIN SSH SIGNATURE-----\n")
                .1
                .is_none()
        );
    }
}
