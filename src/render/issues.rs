//! What code scanning and merge-request widgets list: one issue per finding of a control a
//! reader must act on, with a fingerprint built from structural keys only; findings a waiver or
//! the baseline accepted are listed too, marked, so SARIF can carry them as suppressed.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use crate::evidence::{ControlResult, Evidence, Finding, Status, Suppression};
use crate::render::i18n::Language;

use super::{FALLBACK_PATH, Place, finding_text, place, troubled};

/// A stable fingerprint of one finding: SHA-256 (hex) of the control id, the finding code, the
/// path and the finding's ordinal among findings of the same control, code and path. No line
/// number and no message, so that moving text or rewording does not make a new issue.
pub(crate) fn fingerprint(control: &str, code: &str, path: &str, ordinal: usize) -> String {
    let mut h = Sha256::new();
    for part in [control, code, path, &ordinal.to_string()] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// One reportable item of a failed or errored control: a finding, or a stand-in when the
/// control has none (ERROR with its reason, FAIL without findings).
#[derive(Debug, Clone)]
pub(crate) struct Issue<'a> {
    pub control: &'a ControlResult,
    pub code: String,
    pub message: String,
    pub place: Option<Place>,
    pub fingerprint: String,
    /// Set when a waiver or the baseline accepted the finding: not an open issue. SARIF
    /// carries it with `suppressions`; Code Quality and annotations leave it out.
    pub suppressed: Option<&'a Suppression>,
}

/// The issues that are open: what Code Quality and annotations list.
pub(crate) fn open_issues<'a>(evidence: &'a Evidence, lang: Language) -> Vec<Issue<'a>> {
    issues(evidence, lang)
        .into_iter()
        .filter(|i| i.suppressed.is_none())
        .collect()
}

/// Every issue of the evidence in report order (controls by id, findings as stored), accepted
/// findings included (see [`Issue::suppressed`]). The ordinal of a fingerprint counts every
/// finding of the control, accepted or not, so a finding keeps its fingerprint when its waiver
/// expires.
pub(crate) fn issues<'a>(evidence: &'a Evidence, lang: Language) -> Vec<Issue<'a>> {
    let mut out = Vec::new();
    for c in evidence
        .controls
        .iter()
        .filter(|c| troubled(c) || c.status == Status::Baselined)
    {
        let mut seen: HashMap<(String, String), usize> = HashMap::new();
        let mut push = |finding: Option<&'a Finding>, code: String, message: String| {
            let suppressed = finding.and_then(|f| f.suppressed.as_ref());
            let place = place(evidence, c, finding);
            let path = place
                .as_ref()
                .map(|p| p.path.clone())
                .unwrap_or_else(|| FALLBACK_PATH.to_string());
            let count = seen.entry((code.clone(), path.clone())).or_default();
            let ordinal = *count;
            *count += 1;
            out.push(Issue {
                control: c,
                fingerprint: fingerprint(&c.id, &code, &path, ordinal),
                code,
                message,
                place,
                suppressed,
            });
        };
        if c.status == Status::Error {
            let reason = c
                .reason_in(lang == Language::De)
                .unwrap_or_default()
                .into_owned();
            push(
                None,
                "gonogo/error".into(),
                crate::render::i18n::tf(lang, "issue.error", &[("reason", &reason)]),
            );
        }
        for f in &c.findings {
            push(
                Some(f),
                f.code.clone(),
                finding_text::message_after_place(f, lang),
            );
        }
        if c.status == Status::Fail && c.findings.is_empty() {
            push(
                None,
                "gonogo/fail".into(),
                crate::render::i18n::tf(lang, "issue.fail", &[("title", &c.title)]),
            );
        }
    }
    out
}
