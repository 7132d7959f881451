//! SARIF 2.1.0 for code scanning.
//!
//! - One rule per control; `ruleId` is the control id (stable as long as the playbook keeps it).
//!   The finding code is in the result's `properties.code`.
//! - `level`: must → error, should → warning, may → note.
//! - Every result has a location: the finding's file and line; for a repository-wide finding the
//!   control's line in the playbook when the playbook is a file in the repository; else
//!   `gonogo.toml` line 1 (the file a repository playbook would be), with the real definition
//!   (e.g. `preset:default:53:6`) in the message and `properties.definedAt`.
//! - `partialFingerprints."gonogo/v1"`: SHA-256 of control id, code, path and ordinal (no line,
//!   no message).
//! - A finding a waiver or the baseline accepted is a result with `suppressions` (kind
//!   `external`): code scanning shows it as suppressed, not as an open alert.
//! - `artifactLocation.uri` is an RFC 3986 relative reference: every byte but unreserved ones
//!   and `/` percent-encoded.
//! - Rules: `helpUri` is the control kind's documentation page, the driver's `informationUri`
//!   gonogo's home ([`crate::support::PROJECT_URL`]); `name` is the id in PascalCase
//!   (`security-policy` → `SecurityPolicy`), left out where that equals the id but for case.
//! - `automationDetails.id` is `gonogo/<gate>/` unless the uploader sets the category
//!   ([`Style::uploader_category`]).

use serde_json::{Value, json};

use crate::evidence::{Evidence, Suppression};
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
            let mut rule = json!({
                "id": c.id,
                "shortDescription": { "text": c.title },
                "fullDescription": { "text": full },
                "help": { "text": help, "markdown": help },
                "helpUri": crate::support::kind_docs_url(&c.kind),
                "defaultConfiguration": { "level": level(c.level) },
                "properties": {
                    "tags": tags,
                    "kind": c.kind,
                    "level": c.level.as_str(),
                    "definedAt": c.defined_at,
                }
            });
            // A friendly name differs from the id (SARIF 3.49.7; the SARIF multitool compares
            // without case), else there is none.
            if let Some(name) = pascal_case(&c.id).filter(|n| !n.eq_ignore_ascii_case(&c.id)) {
                rule["name"] = json!(name);
            }
            rule
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
            let mut result = json!({
                "ruleId": c.id,
                "ruleIndex": index_of(&c.id),
                "level": level(c.level),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": super::encode_path(&path), "uriBaseId": "%SRCROOT%" },
                        "region": { "startLine": line }
                    }
                }],
                "partialFingerprints": { "gonogo/v1": issue.fingerprint },
                "properties": {
                    "code": issue.code,
                    "status": c.status,
                    "definedAt": c.defined_at,
                }
            });
            if let Some(s) = issue.suppressed {
                result["suppressions"] = json!([suppression(evidence, s, lang)]);
            }
            result
        })
        .collect();

    let mut run = json!({
        "tool": {
            "driver": {
                "name": evidence.tool.name,
                "version": evidence.tool.version,
                "semanticVersion": evidence.tool.version,
                "informationUri": crate::support::PROJECT_URL,
                "rules": rules,
            }
        },
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
    // upload-sarif's `category` applies only to runs without an id of their own.
    if !style.uploader_category {
        run["automationDetails"] = json!({ "id": format!("gonogo/{}/", evidence.gate.name) });
    }
    // `repositoryUri` must be a URI: scp-like remotes (git@host:o/r) become web addresses.
    let repository_uri = evidence.subject.remote.as_deref().and_then(|r| {
        super::web_repo(r)
            .map(|w| w.base)
            .or_else(|| r.contains("://").then(|| r.to_string()))
    });
    if let (Some(remote), Some(commit)) = (repository_uri, &evidence.subject.commit) {
        // `mappedTo`: the repository's root is `%SRCROOT%`, so result paths map into it.
        let mut vcp = json!({
            "repositoryUri": remote,
            "revisionId": commit,
            "mappedTo": { "uriBaseId": "%SRCROOT%" },
        });
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

/// SARIF's suppression of an accepted finding: a waiver with its reason, id, expiry and
/// approver; the baseline with its file.
fn suppression(evidence: &Evidence, s: &Suppression, lang: i18n::Language) -> Value {
    if s.by == "waiver" {
        let waiver = evidence.waivers.iter().find(|w| w.id == s.reference);
        let justification = waiver
            .map(|w| w.reason.clone())
            .filter(|r| !r.trim().is_empty())
            .unwrap_or_else(|| tf(lang, "waivers.suppressed", &[("reference", &s.reference)]));
        let mut properties = json!({ "waiver": s.reference });
        if let Some(w) = waiver {
            properties["expires"] = json!(w.expires);
            properties["approvedBy"] = json!(w.approved_by);
            properties["state"] = json!(w.state);
            if let Some(t) = &w.ticket {
                properties["ticket"] = json!(t);
            }
        }
        json!({
            "kind": "external",
            "status": "accepted",
            "justification": justification,
            "properties": properties,
        })
    } else {
        json!({
            "kind": "external",
            "status": "accepted",
            "justification": format!("{}: {}", t(lang, "baseline.suppressed"), s.reference),
            "properties": { "baseline": s.reference },
        })
    }
}

/// `security-policy` → `SecurityPolicy`: a friendly rule name; `None` when nothing is left.
fn pascal_case(id: &str) -> Option<String> {
    let name: String = id
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_are_pascal_case_and_never_the_id() {
        assert_eq!(
            pascal_case("security-policy").as_deref(),
            Some("SecurityPolicy")
        );
        assert_eq!(pascal_case("adr").as_deref(), Some("Adr"));
        assert_eq!(pascal_case("--").as_deref(), None);
    }

    #[test]
    fn every_kind_has_a_documentation_page() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let kinds = crate::controls::KINDS.iter().map(|k| k.name);
        for kind in kinds.chain(["waivers", "approvals", "policy"]) {
            let url = crate::support::kind_docs_url(kind);
            let page = url.split_once("/blob/").map(|(_, r)| r).unwrap_or_default();
            let page = page.split_once('/').map(|(_, p)| p).unwrap_or_default();
            assert!(root.join(page).is_file(), "{kind}: {url}");
            assert!(url.starts_with(crate::support::PROJECT_URL), "{url}");
        }
    }

    #[test]
    fn uris_are_percent_encoded_references() {
        use super::super::encode_path;
        assert_eq!(
            encode_path("docs/adr/0002-use kafka.md"),
            "docs/adr/0002-use%20kafka.md"
        );
        assert_eq!(encode_path("100%-uptime.md"), "100%25-uptime.md");
        assert_eq!(encode_path("a,b:c%d"), "a%2Cb%3Ac%25d");
        assert_eq!(encode_path("docs/Übergabe.md"), "docs/%C3%9Cbergabe.md");
    }
}
