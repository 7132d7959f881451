//! Playbook diagnostics: every problem found in a playbook, with the file and the
//! exact byte span it concerns, rendered by miette.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use std::borrow::Cow;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};

use crate::support::escape;

/// One loaded playbook text: a file on disk or an embedded preset.
#[derive(Debug, Clone)]
pub struct Source {
    /// Display name: a path as given, or `preset:NAME`.
    pub name: String,
    pub text: Arc<str>,
    pub sha256: String,
}

/// One problem in one playbook source.
#[derive(Debug, Clone)]
pub struct Problem {
    pub code: &'static str,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
    pub source: usize,
    pub span: Range<usize>,
}

/// A problem resolved against its source, ready for miette.
#[derive(Debug, Clone)]
pub struct SpanDiagnostic {
    problem: Problem,
    /// The source as shown: control and bidi characters escaped (`render::escape::block`).
    source: NamedSource<Arc<str>>,
    /// `problem.span` in the shown source.
    shown: Range<usize>,
    /// 1-based line and column of the span start.
    pub line: usize,
    pub column: usize,
    pub file: String,
}

impl SpanDiagnostic {
    pub fn code_str(&self) -> &'static str {
        self.problem.code
    }
    pub fn message(&self) -> &str {
        &self.problem.message
    }
}

impl fmt::Display for SpanDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape::text(&self.problem.message))
    }
}

impl std::error::Error for SpanDiagnostic {}

impl Diagnostic for SpanDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.problem.code))
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.problem
            .help
            .as_ref()
            .map(|h| Box::new(escape::text(h).into_owned()) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = &self.shown;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(
                Some(escape::text(&self.problem.label).into_owned()),
                (span.start, span.end - span.start),
            ),
        )))
    }
}

/// Everything wrong with a playbook, reported together.
#[derive(Debug, Clone)]
pub struct PlaybookError {
    pub diagnostics: Vec<SpanDiagnostic>,
    /// Problems not tied to a span (e.g. a file that cannot be read at all).
    pub plain: Vec<String>,
    /// What the sources are, for people: "playbook" or "waiver file".
    pub about: &'static str,
    /// Said in German (`PlaybookError::in_german`).
    pub german: bool,
}

impl PlaybookError {
    pub fn new(sources: &[Source], mut problems: Vec<Problem>) -> Self {
        problems.sort_by_key(|p| (p.source, p.span.start));
        problems
            .dedup_by(|a, b| a.source == b.source && a.span == b.span && a.message == b.message);
        // A quoted line is shown with its control characters escaped, once per source.
        let shown: Vec<Option<Arc<str>>> = sources
            .iter()
            .map(|s| match escape::block(&s.text) {
                Cow::Borrowed(_) => None,
                Cow::Owned(t) => Some(t.into()),
            })
            .collect();
        let diagnostics = problems
            .into_iter()
            .map(|problem| {
                let src = &sources[problem.source];
                let (line, column) = line_column(&src.text, problem.span.start);
                let mut problem = problem;
                problem.span = clamp(&src.text, problem.span.clone());
                let (text, span) = match &shown[problem.source] {
                    None => (src.text.clone(), problem.span.clone()),
                    Some(t) => (
                        t.clone(),
                        escape::block_offset(&src.text, problem.span.start)
                            ..escape::block_offset(&src.text, problem.span.end),
                    ),
                };
                SpanDiagnostic {
                    source: NamedSource::new(escape::text(&src.name), text),
                    shown: span,
                    file: src.name.clone(),
                    line,
                    column,
                    problem,
                }
            })
            .collect();
        PlaybookError {
            diagnostics,
            plain: Vec::new(),
            about: "playbook",
            german: false,
        }
    }

    /// The same errors, said of another kind of file.
    pub fn about(mut self, about: &'static str) -> Self {
        self.about = about;
        self
    }

    pub fn plain(message: String) -> Self {
        PlaybookError {
            diagnostics: Vec::new(),
            plain: vec![message],
            about: "playbook",
            german: false,
        }
    }

    /// The same errors said in German, where the table of diagnostic texts has them
    /// ([`super::diagnostics_de`]); a text it lacks stays English.
    pub fn in_german(mut self) -> Self {
        let de = |text: &str| super::diagnostics_de::german(text).unwrap_or_else(|| text.into());
        for d in &mut self.diagnostics {
            d.problem.message = de(&d.problem.message);
            d.problem.label = de(&d.problem.label);
            d.problem.help = d.problem.help.as_deref().map(de);
        }
        self.plain = self.plain.iter().map(|p| de(p)).collect();
        self.german = true;
        self
    }

    /// A copy of these errors said in German.
    pub fn clone_in_german(&self) -> Self {
        self.clone().in_german()
    }

    pub fn count(&self) -> usize {
        self.diagnostics.len() + self.plain.len()
    }
}

impl fmt::Display for PlaybookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.count();
        if self.german {
            let about = match self.about {
                "waiver file" => "die Datei der Ausnahmegenehmigungen",
                "tests file" => "die Testdatei",
                _ => "das Playbook",
            };
            write!(f, "{about} hat {n} Fehler")?;
        } else {
            write!(
                f,
                "the {} has {n} error{}",
                self.about,
                if n == 1 { "" } else { "s" }
            )?;
        }
        for p in &self.plain {
            write!(f, ": {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for PlaybookError {}

impl Diagnostic for PlaybookError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("playbook::invalid"))
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(
            self.diagnostics.iter().map(|d| d as &dyn Diagnostic),
        ))
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut offset = offset;
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn clamp(text: &str, span: Range<usize>) -> Range<usize> {
    let start = span.start.min(text.len());
    let end = span.end.clamp(start, text.len());
    start..end
}

#[cfg(test)]
mod tests {
    use super::{PlaybookError, Problem, Source};

    #[test]
    fn a_quoted_line_and_the_message_are_escaped_with_colour_too() {
        let text = "[playbook]\nname = \"\x1b[2J\u{202e}x\"\r\nother = 1\n";
        let start = text.find("name").unwrap();
        let source = Source {
            name: "gonogo\u{202e}.toml".into(),
            text: text.into(),
            sha256: String::new(),
        };
        let problem = Problem {
            code: "playbook::unknown-key",
            message: "unknown field `\x1b[31m`".into(),
            label: "here \u{9b}".into(),
            help: Some("help \u{2066}".into()),
            source: 0,
            span: start..start + 4,
        };
        let e = PlaybookError::new(&[source], vec![problem]);
        let sgr = regex::Regex::new("\x1b\\[[0-9;]*m").unwrap();
        for color in [false, true] {
            let out = crate::diagnostics::render_diagnostic(&e, color);
            // Colour codes are miette's; nothing else may be a raw control.
            let plain = sgr.replace_all(&out, "");
            assert!(
                !plain
                    .chars()
                    .any(|c| crate::support::escape::is_escaped(c) && c != '\n'),
                "{plain:?}"
            );
            for shown in [
                "\\u{1b}[2J\\u{202e}x",
                "`\\u{1b}[31m`",
                "here \\u{9b}",
                "help \\u{2066}",
                "gonogo\\u{202e}.toml",
            ] {
                assert!(plain.contains(shown), "{shown} not in {plain}");
            }
            // The label still points at `name`, on line 2.
            assert!(plain.contains("2 │ name"), "{plain}");
        }
    }
}
