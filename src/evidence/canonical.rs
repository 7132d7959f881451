//! The canonical form of an evidence document and the SHA-256 digest over it.
//!
//! Canonical form (RFC 8785 JCS for documents whose numbers are integers, as gonogo's are): the
//! JSON value without the top-level `digest` field, object keys sorted by UTF-16 code units, no
//! insignificant whitespace, strings escaped as JSON requires and nothing more (`"`, `\`,
//! control characters; `\b \t \n \f \r` short, others `\u00xx`), integers in decimal. The digest
//! is the lowercase hex SHA-256 of that text's UTF-8 bytes, written as
//! `"digest": {"algorithm": "sha256", "value": "<hex>"}`.

use serde_json::Value;

use crate::evidence::{Evidence, EvidenceDigest};

/// The top-level field that carries the digest; it is not part of the canonical form.
pub const DIGEST_FIELD: &str = "digest";
/// The only algorithm gonogo writes and accepts.
pub const ALGORITHM: &str = "sha256";

/// The canonical text of `value`, leaving out a top-level `digest` field.
pub fn canonical(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) => write_object(map, true, &mut out),
        other => write_value(other, &mut out),
    }
    out
}

/// The hex SHA-256 of the canonical form of `document`.
pub fn digest_of(document: &Value) -> String {
    crate::support::sha256_hex(canonical(document).as_bytes())
}

/// The evidence as written: a copy that carries the digest of its own canonical form.
pub fn seal(evidence: &Evidence) -> Evidence {
    let mut sealed = evidence.clone();
    sealed.digest = None;
    // Serialising plain serde types cannot fail; an empty value would only give a wrong digest,
    // which `verify` reports, never a false "verified".
    let value = serde_json::to_value(&sealed).unwrap_or(Value::Null);
    sealed.digest = Some(EvidenceDigest {
        algorithm: ALGORITHM.into(),
        value: digest_of(&value),
    });
    sealed
}

/// What the digest a document carries says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DigestCheck {
    /// The document carries the digest of its canonical form.
    Valid(String),
    /// No `digest` field: written by a gonogo before digests, or stripped.
    Missing,
    /// The `digest` field is not `{"algorithm": "sha256", "value": "<64 hex>"}`.
    Malformed(String),
    /// The content was changed after the digest was computed (or the digest was).
    Wrong { recorded: String, computed: String },
}

impl DigestCheck {
    pub fn is_valid(&self) -> bool {
        matches!(self, DigestCheck::Valid(_))
    }

    /// One line for people; `None` when the digest holds.
    pub fn problem(&self) -> Option<String> {
        match self {
            DigestCheck::Valid(_) => None,
            DigestCheck::Missing => Some(
                "digest: the evidence carries no digest (written before gonogo sealed evidence, or removed), so an edit cannot be ruled out".into(),
            ),
            DigestCheck::Malformed(why) => Some(format!("digest: {why}")),
            DigestCheck::Wrong { recorded, computed } => Some(format!(
                "digest: the evidence was edited after it was written (recorded {ALGORITHM}:{recorded}, content has {ALGORITHM}:{computed})"
            )),
        }
    }
}

/// Checks the digest `document` carries against its canonical form.
pub fn check(document: &Value) -> DigestCheck {
    let Some(field) = document.get(DIGEST_FIELD) else {
        return DigestCheck::Missing;
    };
    let algorithm = field.get("algorithm").and_then(Value::as_str);
    let recorded = field.get("value").and_then(Value::as_str);
    let (Some(algorithm), Some(recorded)) = (algorithm, recorded) else {
        return DigestCheck::Malformed(
            "the digest is not {\"algorithm\": \"sha256\", \"value\": \"<hex>\"}".into(),
        );
    };
    if algorithm != ALGORITHM {
        return DigestCheck::Malformed(format!(
            "unknown digest algorithm `{algorithm}` (gonogo writes `{ALGORITHM}`)"
        ));
    }
    let computed = digest_of(document);
    if recorded == computed {
        DigestCheck::Valid(computed)
    } else {
        DigestCheck::Wrong {
            recorded: recorded.to_string(),
            computed,
        }
    }
}

fn write_value(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        // Integers print exactly; a fraction (only in an edited file) as serde_json prints it,
        // which is still one text per value.
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => write_object(map, false, out),
    }
}

fn write_object(map: &serde_json::Map<String, Value>, top: bool, out: &mut String) {
    let mut keys: Vec<&String> = map
        .keys()
        .filter(|k| !(top && k.as_str() == DIGEST_FIELD))
        .collect();
    // JCS orders by UTF-16 code units, which differs from byte order above U+FFFF.
    keys.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
    out.push('{');
    for (i, key) in keys.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(key, out);
        out.push(':');
        write_value(&map[key.as_str()], out);
    }
    out.push('}');
}

/// serde_json escapes exactly what JCS does: `"`, `\` and U+0000..U+001F, short forms first.
fn write_string(s: &str, out: &mut String) {
    out.push_str(&serde_json::to_string(s).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Found by fuzz/evidence: a 78-digit number parsed to a float 1 ULP off, so the canonical
    /// text of an edited file and of its own canonical form differed (serde_json parses
    /// floats exactly only with `float_roundtrip`).
    #[test]
    fn the_canonical_form_is_a_fixpoint_for_every_number() {
        let found = format!(" \t\t\t{} ", "4".repeat(78));
        for text in [
            found.as_str(),
            "1e400",
            "-0.0",
            "0.1",
            "2.2250738585072011e-308",
            "[1.7976931348623157e308, 5e-324]",
        ] {
            let Ok(v) = serde_json::from_str::<Value>(text) else {
                continue;
            };
            let once = canonical(&v);
            let back: Value = serde_json::from_str(&once).unwrap();
            assert_eq!(back, v, "{text}");
            assert_eq!(canonical(&back), once, "{text}");
        }
    }

    #[test]
    fn sorts_keys_drops_whitespace_and_the_top_level_digest() {
        let doc = json!({"b": [1, {"z": null, "a": true}], "a": "x", "digest": {"value": "0"}});
        assert_eq!(canonical(&doc), r#"{"a":"x","b":[1,{"a":true,"z":null}]}"#);
        // Only the top-level digest is left out.
        let nested = json!({"x": {"digest": 1}});
        assert_eq!(canonical(&nested), r#"{"x":{"digest":1}}"#);
    }

    #[test]
    fn escapes_as_jcs_does() {
        let doc = json!({"s": "a\"b\\c\n\u{1}\u{7f}é/\u{2028}"});
        assert_eq!(
            canonical(&doc),
            "{\"s\":\"a\\\"b\\\\c\\n\\u0001\u{7f}é/\u{2028}\"}"
        );
    }

    #[test]
    fn orders_keys_by_utf16_code_units() {
        // U+1F600 (surrogates D83D DE00) sorts before U+FF61 in UTF-16, after it in UTF-8.
        let doc = json!({"\u{FF61}": 2, "\u{1F600}": 1});
        assert_eq!(canonical(&doc), "{\"\u{1F600}\":1,\"\u{FF61}\":2}");
    }

    #[test]
    fn the_digest_ignores_layout_and_catches_content() {
        let a: Value = serde_json::from_str("{ \"a\": 1,\n \"b\": [true] }").unwrap();
        let b: Value = serde_json::from_str("{\"b\":[true],\"a\":1}").unwrap();
        assert_eq!(digest_of(&a), digest_of(&b));
        assert_eq!(
            digest_of(&json!({})),
            "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
        );
        let mut sealed = a.clone();
        sealed["digest"] = json!({"algorithm": "sha256", "value": digest_of(&a)});
        assert!(check(&sealed).is_valid());
        sealed["a"] = json!(2);
        assert!(matches!(check(&sealed), DigestCheck::Wrong { .. }));
        assert_eq!(check(&a), DigestCheck::Missing);
        sealed["digest"]["algorithm"] = json!("md5");
        assert!(matches!(check(&sealed), DigestCheck::Malformed(_)));
    }
}
