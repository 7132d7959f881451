//! Text from a checked repository, made safe to show to people.
//!
//! A file name, an ADR title or a matched line can hold terminal escapes (`ESC [31m`), other
//! control characters, or Unicode bidi controls that reorder what a reviewer reads. Every
//! renderer for people shows each such code point in one visible form, `\u{HEX}` (lowercase hex,
//! as Rust writes it): ESC is `\u{1b}`, RIGHT-TO-LEFT OVERRIDE is `\u{202e}`. JSON and SARIF keep
//! the exact text (serde_json escapes C0 controls; [`json_text`] writes the rest as `\uXXXX`).
//! A backslash itself is not escaped: the exact name is always in the JSON evidence.

use std::borrow::Cow;
use std::fmt::Write;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Whether `c` is shown as `\u{HEX}` in text for people: C0 controls, DEL, C1 controls, bidi
/// embeddings, overrides, isolates and marks, line and paragraph separators, and the
/// noncharacters XML 1.0 and HTML forbid.
pub fn is_escaped(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200e}' | '\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{fdd0}'..='\u{fdef}'
    ) || (c as u32) & 0xfffe == 0xfffe
}

fn push_escaped(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:x}}}", c as u32);
}

fn escape_with(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(|c| is_escaped(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_escaped(c) && !keep(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One line of text for people: every escaped code point, newlines and tabs included, as
/// `\u{HEX}`. Idempotent: the result holds nothing to escape.
pub fn text(s: &str) -> Cow<'_, str> {
    escape_with(s, |_| false)
}

/// Text whose line structure is ours to keep (a whole report, a quoted source file): as
/// [`text`], but LF, TAB and the CR of a CRLF stay.
pub fn block(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_escaped(c) && c != '\n' && c != '\t') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let crlf = c == '\r' && chars.peek() == Some(&'\n');
        if is_escaped(c) && c != '\n' && c != '\t' && !crlf {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The byte offset in `block(s)` that corresponds to byte offset `offset` of `s` (rounded down
/// to a character boundary), so that spans into a source still point at the same text.
pub fn block_offset(s: &str, offset: usize) -> usize {
    let mut offset = offset.min(s.len());
    while !s.is_char_boundary(offset) {
        offset -= 1;
    }
    let escaped = block(&s[..offset]).len();
    // A CR at the cut is escaped alone but kept before its LF: count it as kept.
    if s[..offset].ends_with('\r') && s[offset..].starts_with('\n') {
        escaped + 1 - "\\u{d}".len()
    } else {
        escaped
    }
}

/// Every string (and object key) in `value`, escaped as [`text`]; whether any changed.
pub fn value(value: &mut Value) -> bool {
    match value {
        Value::String(s) => match text(s) {
            Cow::Owned(e) => {
                *s = e;
                true
            }
            Cow::Borrowed(_) => false,
        },
        Value::Array(items) => items.iter_mut().fold(false, |any, v| self::value(v) | any),
        Value::Object(map) => {
            if map.keys().any(|k| matches!(text(k), Cow::Owned(_))) {
                let old = std::mem::take(map);
                for (k, mut v) in old {
                    self::value(&mut v);
                    map.insert(text(&k).into_owned(), v);
                }
                true
            } else {
                map.values_mut().fold(false, |any, v| self::value(v) | any)
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

/// A copy of `data` with every string escaped as [`text`], for a renderer for people; `data`
/// itself when nothing needs escaping. Falls back to `data` only if the copy cannot be made,
/// which plain serde types never cause.
pub fn strings<T: Serialize + DeserializeOwned + Clone>(data: &T) -> Cow<'_, T> {
    let Ok(mut v) = serde_json::to_value(data) else {
        return Cow::Borrowed(data);
    };
    if !self::value(&mut v) {
        return Cow::Borrowed(data);
    }
    match serde_json::from_value(v) {
        Ok(escaped) => Cow::Owned(escaped),
        Err(_) => Cow::Borrowed(data),
    }
}

/// A whole rendered report (Markdown, HTML, XML, workflow commands) as a last guard: escaped
/// as [`block`] (a lone CR would move the cursor back over a line). Our own templates hold none.
pub fn output(s: String) -> String {
    match block(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(escaped) => escaped,
    }
}

/// JSON text with every escaped code point that serde_json leaves raw (DEL, C1, bidi, LS/PS,
/// noncharacters) written as a `\uXXXX` escape: the same JSON value, no raw control in the file.
pub fn json_text(s: String) -> String {
    if !s.chars().any(is_escaped_in_json) {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_escaped_in_json(c) {
            // All such code points are in the Basic Multilingual Plane except the
            // noncharacters U+xFFFE/U+xFFFF of the other planes: those take a surrogate pair.
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{u:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Raw in serde_json's output although [`is_escaped`]: serde_json escapes only C0 itself, and
/// outside strings JSON holds nothing but ASCII punctuation, digits and letters.
fn is_escaped_in_json(c: char) -> bool {
    is_escaped(c) && c > '\u{1f}'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_shown_visibly() {
        assert_eq!(
            text("src/esc\x1b[31mred\x01.env"),
            "src/esc\\u{1b}[31mred\\u{1}.env"
        );
        assert_eq!(
            text("a\u{202e}b\u{2066}c\u{200f}d\u{61c}"),
            "a\\u{202e}b\\u{2066}c\\u{200f}d\\u{61c}"
        );
        assert_eq!(text("\u{7f}\u{85}\u{9b}"), "\\u{7f}\\u{85}\\u{9b}");
        assert_eq!(text("x\ny\tz\r"), "x\\u{a}y\\u{9}z\\u{d}");
        assert_eq!(
            text("\u{fffe}\u{ffff}\u{10ffff}\u{fdd0}"),
            "\\u{fffe}\\u{ffff}\\u{10ffff}\\u{fdd0}"
        );
        assert!(matches!(text("plain ÄÖÜ ✓ 日本"), Cow::Borrowed(_)));
        assert_eq!(text(&text("\x1b\u{202e}")), text("\x1b\u{202e}"));
    }

    #[test]
    fn blocks_keep_their_lines() {
        assert_eq!(block("a\r\nb\tc\rd\x1b\n"), "a\r\nb\tc\\u{d}d\\u{1b}\n");
        let s = "x = \"\x1b[2J\"\r\ny = 1\u{202e}\n";
        for (i, _) in s.char_indices() {
            assert!(block(s).is_char_boundary(block_offset(s, i)));
        }
        let y = s.find('y').unwrap();
        assert_eq!(&block(s)[block_offset(s, y)..][..1], "y");
        let cr = s.find('\r').unwrap();
        assert_eq!(&block(s)[block_offset(s, cr)..][..2], "\r\n");
    }

    /// Found by fuzz/names: the last guard kept a lone CR.
    #[test]
    fn the_last_guard_escapes_a_lone_carriage_return() {
        let found = "# Shop service\n\nA small we# b shopSh7\0\0\0\r\0\0kse".to_string();
        let out = output(found);
        assert!(!out.contains('\r'), "{out:?}");
        assert!(
            out.contains("shopSh7\\u{0}\\u{0}\\u{0}\\u{d}\\u{0}"),
            "{out:?}"
        );
        assert_eq!(output("a\r\nb\tc\n".into()), "a\r\nb\tc\n");
    }

    #[test]
    fn json_text_is_the_same_value_without_raw_controls() {
        let v = serde_json::json!({"p\u{202e}": "a\u{9b}b\u{2028}\u{1fffe}\x1b"});
        let text = json_text(serde_json::to_string(&v).unwrap());
        assert!(!text.chars().any(is_escaped), "{text}");
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), v);
    }

    #[test]
    fn values_are_escaped_keys_included() {
        let mut v = serde_json::json!({"k\x1b": ["\u{202e}", 1, null], "ok": "fine"});
        value(&mut v);
        assert_eq!(
            v,
            serde_json::json!({"k\\u{1b}": ["\\u{202e}", 1, null], "ok": "fine"})
        );
    }
}
