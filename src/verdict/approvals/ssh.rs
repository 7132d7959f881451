//! SSH signatures of git objects (`gpg.format = ssh`), verified in process: SSHSIG armor over
//! the object without its signature, namespace `git`, as `ssh-keygen -Y verify` checks them.

use ssh_key::{HashAlg, PublicKey, SshSig, public::KeyData};

use crate::snapshot::ObjectSignature;

/// The namespace git signs in.
pub const NAMESPACE: &str = "git";

/// What a stored signature proves, before asking whose key it is.
#[derive(Debug, Clone)]
pub enum Proof {
    /// The object carries no signature.
    Unsigned,
    /// A kind of signature gonogo does not verify (OpenPGP, X.509).
    Unsupported(&'static str),
    /// A signature that is malformed, for another namespace, or does not match the content.
    Bad(String),
    /// A valid signature by this key over the whole object.
    Valid(KeyData),
}

/// Checks the signature of an object cryptographically.
pub fn prove(signature: Option<&ObjectSignature>) -> Proof {
    let Some(sig) = signature else {
        return Proof::Unsigned;
    };
    let armor = sig.armor.trim();
    if armor.starts_with("-----BEGIN PGP") {
        return Proof::Unsupported("OpenPGP signatures are not verified");
    }
    if armor.starts_with("-----BEGIN SIGNED MESSAGE-----") {
        return Proof::Unsupported("X.509 signatures are not verified");
    }
    let parsed = match SshSig::from_pem(armor.as_bytes()) {
        Ok(s) => s,
        Err(e) => return Proof::Bad(format!("the SSH signature cannot be read ({e})")),
    };
    if parsed.namespace() != NAMESPACE {
        return Proof::Bad(format!(
            "the SSH signature is for the namespace `{}`, not `{NAMESPACE}`",
            parsed.namespace()
        ));
    }
    let signer = PublicKey::from(parsed.public_key().clone());
    match signer.verify(NAMESPACE, &sig.payload, &parsed) {
        Ok(()) => Proof::Valid(parsed.public_key().clone()),
        Err(e) => Proof::Bad(format!(
            "the SSH signature by {} does not match the signed content ({e})",
            fingerprint(parsed.public_key())
        )),
    }
}

/// `SHA256:…`, as `ssh-keygen -l` prints it.
pub fn fingerprint(key: &KeyData) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}
