//! Renderers: each a pure function of the evidence.

pub mod human;
pub mod json;

use crate::evidence::Evidence;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Table and findings for a terminal.
    Human,
    /// The evidence report (deterministic JSON).
    Json,
}

/// How human-readable output looks.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub color: bool,
    pub quiet: bool,
}

pub fn render(evidence: &Evidence, format: Format, style: Style) -> String {
    match format {
        Format::Human => human::render(evidence, style),
        Format::Json => json::render(evidence),
    }
}
