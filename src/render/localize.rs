//! The evidence as a reader of another language sees it: the controls' titles, rationales and
//! remediations in that language where the playbook gives them, every finding and reason
//! from the message catalogue, and the notes of the evidence items (`notes_de`). The JSON evidence itself stays as it was made.

use std::borrow::Cow;

use crate::evidence::Evidence;
use crate::render::i18n::Language;

pub(crate) fn for_reader(evidence: &Evidence, lang: Language) -> Cow<'_, Evidence> {
    if lang != Language::De {
        return Cow::Borrowed(evidence);
    }
    let mut e = evidence.clone();
    if e.playbook.description_de.is_some() {
        e.playbook.description = e.playbook.description_de.clone();
    }
    if e.gate.description_de.is_some() {
        e.gate.description = e.gate.description_de.clone();
    }
    for c in &mut e.controls {
        if let Some(de) = c.de.clone() {
            if let Some(title) = de.title {
                c.title = title;
            }
            if de.rationale.is_some() {
                c.rationale = de.rationale;
            }
            if de.remediation.is_some() {
                c.remediation = de.remediation;
            }
        }
        if let Some(reason) = c.reason_in(true) {
            c.reason = Some(reason.into_owned());
        }
        for item in &mut c.evidence {
            if let Some(de) = item.note.as_deref().and_then(super::notes_de::german) {
                item.note = Some(de);
            }
        }
        for f in &mut c.findings {
            f.message = f.message_in(true).into_owned();
            if let Some(fix) = &f.fix {
                f.fix = Some(crate::controls::fixes::localized(&f.code, fix, true).to_string());
            }
        }
    }
    Cow::Owned(e)
}
