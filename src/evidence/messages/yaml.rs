//! Why front matter is not valid YAML, said inside a finding: the parser's most common reasons
//! and gonogo's own bounds in both languages; any other reason of the parser is quoted as it is.

use super::{Arg, Message, phrase};

pub const MESSAGES: &[Message] = &[
    Message {
        key: "yaml/alias",
        en: "YAML aliases (`*name`) are not read: they can expand without bound",
        de: "YAML-Aliase (`*name`) werden nicht gelesen: sie können sich unbegrenzt ausdehnen",
    },
    Message {
        key: "yaml/too-deep",
        en: "YAML nested more than {n} levels deep",
        de: "YAML ist tiefer als {n} Ebenen verschachtelt",
    },
    Message {
        key: "yaml/too-many-events",
        en: "more than {n} YAML events",
        de: "mehr als {n} YAML-Elemente",
    },
    Message {
        key: "yaml/other",
        en: "{detail}",
        de: "Meldung des YAML-Parsers: `{detail}`",
    },
];

/// The parser's reasons that gonogo says in German, by the parser's English words.
pub const PARSER: &[Message] = &[
    Message {
        key: "yaml/mapping-values",
        en: "mapping values are not allowed in this context",
        de: "an dieser Stelle ist kein Wert mit `:` erlaubt",
    },
    Message {
        key: "yaml/expected-key",
        en: "while parsing a block mapping, did not find expected key",
        de: "in einer Zuordnung fehlt an dieser Stelle ein Schlüssel",
    },
    Message {
        key: "yaml/expected-node",
        en: "while parsing a node, did not find expected node content",
        de: "an dieser Stelle fehlt ein Wert",
    },
    Message {
        key: "yaml/sequence-entries",
        en: "block sequence entries are not allowed in this context",
        de: "an dieser Stelle sind keine Listeneinträge (`- …`) erlaubt",
    },
    Message {
        key: "yaml/expected-dash",
        en: "while parsing a block collection, did not find expected '-' indicator",
        de: "in einer Liste fehlt an dieser Stelle ein `-`",
    },
    Message {
        key: "yaml/flow-mapping",
        en: "while parsing a flow mapping, did not find expected ',' or '}'",
        de: "in einer Zuordnung in geschweiften Klammern fehlt `,` oder `}`",
    },
    Message {
        key: "yaml/flow-sequence",
        en: "while parsing a flow sequence, expected ',' or ']'",
        de: "in einer Liste in eckigen Klammern fehlt `,` oder `]`",
    },
    Message {
        key: "yaml/unclosed-quote",
        en: "while scanning a quoted scalar, found unexpected end of stream",
        de: "ein Text in Anführungszeichen wird nicht geschlossen",
    },
    Message {
        key: "yaml/trailing-after-quote",
        en: "invalid trailing content after double-quoted scalar",
        de: "nach einem Text in Anführungszeichen folgt noch etwas",
    },
    Message {
        key: "yaml/unknown-escape",
        en: "while parsing a quoted scalar, found unknown escape character",
        de: "ein Text in Anführungszeichen enthält ein unbekanntes Escape-Zeichen",
    },
    Message {
        key: "yaml/tab-in-value",
        en: "while scanning a plain scalar, found a tab",
        de: "ein Wert enthält einen Tabulator",
    },
    Message {
        key: "yaml/tab-indent",
        en: "tab cannot be used as indentation",
        de: "Tabulatoren sind zum Einrücken nicht erlaubt",
    },
    Message {
        key: "yaml/tabs",
        en: "tabs disallowed within this context (block indentation)",
        de: "Tabulatoren sind zum Einrücken nicht erlaubt",
    },
    Message {
        key: "yaml/indentation",
        en: "invalid indentation",
        de: "ungültige Einrückung",
    },
    Message {
        key: "yaml/eof",
        en: "unexpected eof",
        de: "der YAML-Block endet unerwartet",
    },
    Message {
        key: "yaml/simple-key",
        en: "simple key expect ':'",
        de: "nach dem Schlüssel fehlt ein `:`",
    },
    Message {
        key: "yaml/duplicated-anchor",
        en: "while parsing anchor, found duplicated anchor",
        de: "ein Anker (`&name`) ist doppelt vergeben",
    },
    Message {
        key: "yaml/unknown-anchor",
        en: "while parsing node, found unknown anchor",
        de: "ein Verweis nennt einen unbekannten Anker",
    },
    Message {
        key: "yaml/comment-space",
        en: "comments must be separated from other tokens by whitespace",
        de: "vor einem Kommentar (`#`) muss ein Leerzeichen stehen",
    },
];

/// The parser's reason as a phrase: in German where the catalogue knows it, else quoted.
pub fn parser_reason(info: &str) -> Arg {
    match PARSER.iter().find(|m| m.en == info) {
        Some(m) => phrase(m.key, []),
        None => phrase("yaml/other", [("detail", info.into())]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The English of every reason is the parser's, word for word.
    #[test]
    fn the_catalogue_says_what_the_parser_says() {
        let known = PARSER.iter().map(|m| m.en);
        for info in known.chain(["unexpected character: `%'"]) {
            let Arg::Phrase { phrase } = parser_reason(info) else {
                panic!("not a phrase")
            };
            assert_eq!(phrase.render(false).as_deref(), Some(info));
            assert!(phrase.render(true).is_some_and(|de| !de.is_empty()));
        }
    }
}
