//! What the HTML pages share. The pages are askama templates in `templates/html/` (checked and
//! compiled with the binary; every `{{ value }}` escaped for HTML by askama); this module holds
//! the helpers they call: texts in the page's language, a path as a link, backtick spans as
//! `<code>`.

use crate::evidence::Evidence;
use crate::render::i18n::{self, Language};

/// What every page knows: its language, for the texts of the templates.
pub(crate) trait Texts {
    fn lang(&self) -> Language;

    /// The page's text for `key`.
    fn t(&self, key: &'static str) -> &'static str {
        i18n::t(self.lang(), key)
    }

    /// The `lang` attribute of the page.
    fn lang_code(&self) -> &'static str {
        i18n::code(self.lang())
    }
}

/// The page as text. Writing a template into a `String` fails only if a helper of the
/// template does, and none does; an empty page would be the answer then, never a panic.
pub(crate) fn render(page: &impl askama::Template) -> String {
    page.render().unwrap_or_default()
}

/// The traffic light of a decision: red, amber, green from the top, `light` lit.
pub(crate) fn lamp(light: &str) -> [Option<&'static str>; 3] {
    ["red", "amber", "green"].map(|c| (c == light).then_some(c))
}

/// The footer every page of a report ends with: tool, schema and playbook digest.
pub(crate) fn footer(evidence: &Evidence, lang: Language) -> String {
    i18n::tf(
        lang,
        "report.footer",
        &[
            ("version", &evidence.tool.version),
            ("schema", &evidence.schema_version),
            ("sha", super::short(&evidence.playbook.sha256)),
        ],
    )
}

/// A repository path as shown: its label, and the link to the file at the checked commit when
/// the remote allows one.
pub(crate) struct PathLink {
    pub href: Option<String>,
    pub label: String,
}

impl PathLink {
    pub fn new(evidence: &Evidence, path: &str, line: Option<u32>, label: String) -> Self {
        PathLink {
            href: super::file_link(evidence, path, line),
            label,
        }
    }
}

/// The filters the templates use besides askama's own.
pub(crate) mod filters {
    use std::fmt::{Display, Write};

    use askama::filters::{Html, Safe, escape};

    /// Text with its backtick spans shown as `<code>` (an unpaired backtick stays); every part
    /// escaped by askama's HTML escaper.
    pub fn code<T: Display>(text: T, _: &dyn askama::Values) -> askama::Result<Safe<String>> {
        let text = text.to_string();
        let parts: Vec<&str> = text.split('`').collect();
        let mut out = String::with_capacity(text.len() + 16);
        let paired = parts.len() % 2 == 1;
        for (i, part) in parts.iter().enumerate() {
            let Ok(escaped) = escape(part, Html);
            if i > 0 && !paired {
                out.push('`');
            }
            if paired && i % 2 == 1 {
                write!(out, "<code>{escaped}</code>")?;
            } else {
                write!(out, "{escaped}")?;
            }
        }
        Ok(Safe(out))
    }
}

#[cfg(test)]
mod tests {
    use super::filters::code;

    fn shown(s: &str) -> String {
        code(s, &()).unwrap().0
    }

    #[test]
    fn backtick_spans_are_code_and_every_part_is_escaped() {
        assert_eq!(shown("a `<b>` c"), "a <code>&#60;b&#62;</code> c");
        assert_eq!(shown("one ` & two"), "one ` &#38; two");
        assert_eq!(shown("\"x\" 'y'"), "&#34;x&#34; &#39;y&#39;");
    }
}
