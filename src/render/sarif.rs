//! SARIF 2.1.0 for code scanning.
//!
//! - One rule per control; `ruleId` is the control id (stable as long as the playbook keeps it).
//!   The finding code is in the result's `properties.code`.
//! - `level`: must → error, should → warning, may → note.
//! - Every result has a location: the finding's file and line; for a repository-wide finding the
//!   control's line in the playbook when the playbook is a file in the repository; else
//!   `gonogo.toml` line 1 (the file a repository playbook would be), with the real definition
//!   (e.g. `preset:default:53:6`) in the message and `properties.definedAt`.
//! - `partialFingerprints."gonogo/v1"`: SHA-256 of control id, code, path and ordinal (no line).

use serde_json::{Value, json};

use crate::evidence::Evidence;
use crate::playbook::Level;
use crate::render::i18n::{self, t, tf};

use super::{FALLBACK_PATH, Style, issues};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn level(level: Level) -> &'static str {
    match level {
        Level::Must => "error",
        Level::Should => "warning",
        Level::May => "note",
    }
}

pub fn render(evidence: &Evidence, style: Style) -> String {
    let lang = style.lang;
    let rules: Vec<Value> = evidence
        .controls
        .iter()
        .map(|c| {
            let help = c
                .remediation
                .clone()
                .unwrap_or_else(|| t(lang, "tool.no-remediation").to_string());
            let full = c.rationale.clone().unwrap_or_else(|| c.title.clone());
            let mut tags = c.tags.clone();
            tags.push(format!("gonogo/{}", c.kind));
            tags.push(format!("level/{}", c.level.as_str()));
            json!({
                "id": c.id,
                "name": c.id,
                "shortDescription": { "text": c.title },
                "fullDescription": { "text": full },
                "help": { "text": help, "markdown": help },
                "defaultConfiguration": { "level": level(c.level) },
                "properties": {
                    "tags": tags,
                    "kind": c.kind,
                    "level": c.level.as_str(),
                    "definedAt": c.defined_at,
                }
            })
        })
        .collect();
    let index_of = |id: &str| evidence.controls.iter().position(|c| c.id == id);

    let results: Vec<Value> = issues(evidence, lang)
        .into_iter()
        .map(|issue| {
            let c = issue.control;
            let (path, line, note) = match &issue.place {
                Some(p) => (p.path.clone(), p.line.unwrap_or(1).max(1), None),
                None => (
                    FALLBACK_PATH.to_string(),
                    1,
                    Some(tf(
                        lang,
                        "tool.fallback-location",
                        &[("source", &c.defined_at)],
                    )),
                ),
            };
            let text = match note {
                Some(n) => format!("{}. {n}", issue.message.trim_end_matches('.')),
                None => issue.message.clone(),
            };
            json!({
                "ruleId": c.id,
                "ruleIndex": index_of(&c.id),
                "level": level(c.level),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": path, "uriBaseId": "%SRCROOT%" },
                        "region": { "startLine": line }
                    }
                }],
                "partialFingerprints": { "gonogo/v1": issue.fingerprint },
                "properties": {
                    "code": issue.code,
                    "status": c.status,
                    "definedAt": c.defined_at,
                }
            })
        })
        .collect();

    let mut run = json!({
        "tool": {
            "driver": {
                "name": evidence.tool.name,
                "version": evidence.tool.version,
                "semanticVersion": evidence.tool.version,
                "rules": rules,
            }
        },
        "automationDetails": { "id": format!("gonogo/{}/", evidence.gate.name) },
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": { "%SRCROOT%": { "description": { "text": "The repository root." } } },
        "results": results,
        "properties": {
            "decision": evidence.decision,
            "decisionText": tf(lang, "tool.decision", &[
                ("gate", &evidence.gate.name),
                ("decision", i18n::decision(lang, evidence.decision)),
            ]),
            "gate": evidence.gate.name,
            "playbook": evidence.playbook.path,
            "playbookSha256": evidence.playbook.sha256,
            "policy": evidence.policy,
        }
    });
    // `repositoryUri` must be a URI: scp-like remotes (git@host:o/r) become web addresses.
    let repository_uri = evidence.subject.remote.as_deref().and_then(|r| {
        super::web_repo(r)
            .map(|w| w.base)
            .or_else(|| r.contains("://").then(|| r.to_string()))
    });
    if let (Some(remote), Some(commit)) = (repository_uri, &evidence.subject.commit) {
        let mut vcp = json!({ "repositoryUri": remote, "revisionId": commit });
        if let Some(r) = &evidence.subject.reference {
            vcp["branch"] = json!(r);
        }
        run["versionControlProvenance"] = json!([vcp]);
    }
    let doc = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [run],
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
