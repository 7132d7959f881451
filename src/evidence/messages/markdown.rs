//! Messages about Markdown documents that any control reading them may give.

use super::Message;

pub const MESSAGES: &[Message] = &[Message {
    key: "markdown/too-deep",
    en: "{path} line {line}: block quotes and lists nest more than {max} levels deep; the document cannot be checked",
    de: "{path} Zeile {line}: Zitate und Listen sind mehr als {max} Ebenen tief verschachtelt; das Dokument kann nicht geprüft werden",
}];
