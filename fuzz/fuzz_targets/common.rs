//! Shared by the fuzz targets: how an input becomes files, and the oracle every output for
//! people must satisfy (no raw control or bidi character; see gonogo::support::escape).
#![allow(dead_code)]

use gonogo::evidence::Evidence;
use gonogo::render::{self, Format, Style};
use gonogo::support::escape;

/// Splits an input into files: the first file is `first`; each line `%%% PATH` starts a file
/// named PATH. At most `max` files.
pub fn files(text: &str, first: &str, max: usize) -> Vec<(String, String)> {
    let mut out = vec![(first.to_string(), String::new())];
    for line in text.split_inclusive('\n') {
        if let Some(path) = line.strip_prefix("%%% ") {
            if out.len() == max {
                break;
            }
            out.push((
                path.trim_end_matches(['\n', '\r']).to_string(),
                String::new(),
            ));
        } else if let Some(last) = out.last_mut() {
            last.1.push_str(line);
        }
    }
    out
}

/// Panics (a finding for the fuzzer) when `text` shows a raw control or bidi character: all
/// of them except LF, TAB and the CR of a CRLF, after removing gonogo's own colour codes.
pub fn assert_clean(what: &str, text: &str) {
    let text = strip_sgr(text);
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let crlf = *c == '\r' && chars.get(i + 1) == Some(&'\n');
        if escape::is_escaped(*c) && !matches!(c, '\n' | '\t') && !crlf {
            panic!("{what}: raw U+{:04X} in {text:?}", *c as u32);
        }
    }
}

/// `text` without SGR sequences (`ESC [ digits ; m`), the only escapes gonogo writes itself.
fn strip_sgr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("\x1b[") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let n = after
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b';')
            .count();
        if after.as_bytes().get(n) == Some(&b'm') {
            rest = &after[n + 1..];
        } else {
            out.push_str("\x1b[");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Every format, for people and tools; the ones for people must pass the oracle, the JSON ones
/// must hold no raw C1/bidi character and parse back to the same value.
pub fn render_all(evidence: &Evidence) {
    for format in [
        Format::Human,
        Format::Markdown,
        Format::Html,
        Format::Junit,
        Format::Github,
    ] {
        for color in [false, true] {
            let style = Style {
                color,
                ..Style::default()
            };
            assert_clean(
                &format!("{format:?}"),
                &render::render(evidence, format, style),
            );
        }
    }
    let summary = Style {
        summary: true,
        ..Style::default()
    };
    assert_clean(
        "summary",
        &render::render(evidence, Format::Markdown, summary),
    );
    for format in [
        Format::Json,
        Format::Sarif,
        Format::Codequality,
        Format::InToto,
    ] {
        let text = render::render(evidence, format, Style::default());
        assert_clean(&format!("{format:?}"), &text);
        serde_json::from_str::<serde_json::Value>(&text).expect("the JSON formats are JSON");
    }
    // The evidence as written reads back as the same evidence (the digest added).
    let json = render::render(evidence, Format::Json, Style::default());
    let mut back = Evidence::from_json(&json).expect("written evidence parses");
    back.digest = None;
    let mut orig = evidence.clone();
    orig.digest = None;
    assert_eq!(back, orig, "evidence survives writing and reading");
}
