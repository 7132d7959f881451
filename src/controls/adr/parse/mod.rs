//! Reading one ADR: title, status, date and sections, in whichever style the record uses.
//! This module owns what a record reads as (`Doc`, `Field`, `Style`); `md` and `rst` read the two
//! syntaxes, `fields` the key/value lines both share, `values` words and dates, `status` the
//! table of status spellings, `sections` the table of headings and labels, `names` the ids and
//! numbers in file names and titles.

mod fields;
mod md;
mod names;
mod rst;
mod sections;
mod status;
mod values;

pub use md::parse_markdown;
pub use names::{FileId, file_id, file_id_is_numbered, title_number};
pub use rst::parse_rst;
pub use sections::{LABEL_SYNONYMS, SECTION_ALIASES, label, section_aliases};
pub use status::{STATUS_SYNONYMS, StatusRead, UNKNOWN, read_status, strip_markup};
pub use values::{normalise_words, parse_date};

use crate::controls::markdown::{FrontMatterError, Link};

/// Where a record's metadata was found, in the order styles are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// YAML front matter with a `status` key (MADR 3/4, Hugo).
    FrontMatter,
    /// `* Status: …` list under the title (MADR 2, log4brains).
    Bullets,
    /// A `## Status` section, wherever it stands (Nygard, adr-tools).
    Section,
    /// `**Status**: …` on its own line.
    Inline,
    /// A table with a Status column or row.
    Table,
    /// reStructuredText.
    Rst,
    /// No status found anywhere.
    None,
}

impl Style {
    pub fn as_str(self) -> &'static str {
        match self {
            Style::FrontMatter => "front-matter",
            Style::Bullets => "bullets",
            Style::Section => "section",
            Style::Inline => "inline",
            Style::Table => "table",
            Style::Rst => "rst",
            Style::None => "none",
        }
    }
}

/// A metadata value as written, with the line it stands on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The value; for a status section, every content line joined with `\n`.
    pub raw: String,
    pub line: u32,
    /// The whole line, for evidence.
    pub excerpt: String,
}

/// One ADR as read.
#[derive(Debug, Clone)]
pub struct Doc {
    pub title: Option<(String, u32)>,
    /// Every heading (normalised text) with its line.
    pub headings: Vec<(String, u32)>,
    pub status: Option<Field>,
    pub date: Option<Field>,
    /// Who decided: `deciders` / `decision-makers` in the front matter, else a `Deciders:` line
    /// (`Entscheider:`) under the title or in bold anywhere.
    pub deciders: Option<Field>,
    pub style: Style,
    /// `number`, `index` or `id` from front matter.
    pub meta_id: Option<String>,
    /// Texts that may name a replacement (`superseded_by`, "Superseded by …" lines).
    pub replacement_hints: Vec<(String, u32)>,
    pub links: Vec<Link>,
    pub front_matter_error: Option<FrontMatterError>,
    /// The file line where Markdown nests too deep to be checked.
    pub too_deep: Option<u32>,
}

impl Doc {
    fn new() -> Self {
        Doc {
            title: None,
            headings: Vec::new(),
            status: None,
            date: None,
            deciders: None,
            style: Style::None,
            meta_id: None,
            replacement_hints: Vec::new(),
            links: Vec::new(),
            front_matter_error: None,
            too_deep: None,
        }
    }
}
