//! in-toto Statement v1 wrapping the evidence, for signing with the tools users already trust
//! (cosign, GitHub artifact attestations). gonogo signs nothing itself.

use serde_json::{Value, json};

use crate::evidence::Evidence;

pub const STATEMENT_TYPE: &str = "https://in-toto.io/Statement/v1";
/// Stable predicate type of gonogo evidence; bumped with the evidence schema's major version.
pub const PREDICATE_TYPE: &str = "https://gonogo.dev/attestation/evidence/v1";

/// The statement's subject: the repository, named by its remote (else its root), with the
/// checked commit as `gitCommit` digest. Without a commit there is nothing to attest: empty.
pub fn subject(evidence: &Evidence) -> Vec<Value> {
    let Some(commit) = &evidence.subject.commit else {
        return Vec::new();
    };
    let name = evidence
        .subject
        .remote
        .clone()
        .unwrap_or_else(|| evidence.subject.root.clone());
    let mut digest = serde_json::Map::new();
    digest.insert("gitCommit".into(), Value::String(commit.clone()));
    if let Some(tree) = &evidence.subject.tree {
        digest.insert("gitTree".into(), Value::String(tree.clone()));
    }
    vec![json!({ "name": name, "digest": digest })]
}

pub fn render(evidence: &Evidence) -> String {
    let statement = json!({
        "_type": STATEMENT_TYPE,
        "subject": subject(evidence),
        "predicateType": PREDICATE_TYPE,
        // The predicate is the evidence as a file holds it: with its digest.
        "predicate": crate::evidence::canonical::seal(evidence),
    });
    let mut text = serde_json::to_string_pretty(&statement).unwrap_or_default();
    text.push('\n');
    text
}
