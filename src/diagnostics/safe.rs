//! A miette diagnostic with every text escaped for the terminal ([`crate::support::escape`]): the
//! message, code, help, labels, related diagnostics and causes. Errors quote paths, names and
//! values from the checked repository; the wrapper shows them as the reports do. Quoted source
//! text is escaped where it is made (`playbook::diagnostics`), because its spans must move with it.
//! Its test is there too: a playbook error is the richest diagnostic there is.

use std::fmt;

use miette::{Diagnostic, LabeledSpan, Severity, SourceCode};

use crate::support::escape::text;

/// The escaped copy of one diagnostic and everything under it.
pub struct Safe<'a> {
    message: String,
    code: Option<String>,
    severity: Option<Severity>,
    help: Option<String>,
    url: Option<String>,
    labels: Vec<LabeledSpan>,
    source_code: Option<&'a dyn SourceCode>,
    related: Vec<Safe<'a>>,
    diagnostic_source: Option<Box<Safe<'a>>>,
    cause: Option<Box<Cause>>,
}

impl<'a> Safe<'a> {
    pub fn new(d: &'a dyn Diagnostic) -> Self {
        Self::at_depth(d, 0)
    }

    // Depth-bounded: a diagnostic graph is ours, but a cycle must not recurse forever.
    fn at_depth(d: &'a dyn Diagnostic, depth: usize) -> Self {
        let deeper = depth < 32;
        Safe {
            message: text(&d.to_string()).into_owned(),
            code: d.code().map(|c| text(&c.to_string()).into_owned()),
            severity: d.severity(),
            help: d.help().map(|h| text(&h.to_string()).into_owned()),
            url: d.url().map(|u| text(&u.to_string()).into_owned()),
            labels: d
                .labels()
                .map(|labels| {
                    labels
                        .map(|l| {
                            let label = l.label().map(|s| text(s).into_owned());
                            if l.primary() {
                                LabeledSpan::new_primary_with_span(label, *l.inner())
                            } else {
                                LabeledSpan::new_with_span(label, *l.inner())
                            }
                        })
                        .collect()
                })
                .unwrap_or_default(),
            source_code: d.source_code(),
            related: match d.related() {
                Some(related) if deeper => related.map(|r| Self::at_depth(r, depth + 1)).collect(),
                _ => Vec::new(),
            },
            diagnostic_source: d
                .diagnostic_source()
                .filter(|_| deeper)
                .map(|s| Box::new(Self::at_depth(s, depth + 1))),
            cause: Cause::chain(d.source()),
        }
    }
}

impl fmt::Debug for Safe<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Safe<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Safe<'_> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.cause.as_deref().map(|c| c as _)
    }
}

impl Diagnostic for Safe<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.code.as_ref().map(|c| Box::new(c) as _)
    }
    fn severity(&self) -> Option<Severity> {
        self.severity
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help.as_ref().map(|h| Box::new(h) as _)
    }
    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.url.as_ref().map(|u| Box::new(u) as _)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source_code
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
        }
    }
    fn diagnostic_source(&self) -> Option<&dyn Diagnostic> {
        self.diagnostic_source.as_deref().map(|d| d as _)
    }
}

/// One escaped cause of the standard error chain.
#[derive(Debug)]
struct Cause {
    message: String,
    next: Option<Box<Cause>>,
}

impl Cause {
    fn chain(first: Option<&(dyn std::error::Error + 'static)>) -> Option<Box<Cause>> {
        let mut messages = Vec::new();
        let mut current = first;
        while let Some(e) = current.filter(|_| messages.len() < 32) {
            messages.push(text(&e.to_string()).into_owned());
            current = e.source();
        }
        messages.into_iter().rev().fold(None, |next, message| {
            Some(Box::new(Cause { message, next }))
        })
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Cause {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.next.as_deref().map(|c| c as _)
    }
}
