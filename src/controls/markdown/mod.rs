//! Markdown helpers shared by controls: front matter, headings, sections, task lists.
//! Parsing is pulldown-cmark's; this module only turns its events into plain data with lines.
//! This module owns the Markdown side (outline, sections, links, tables); `frontmatter` the YAML
//! at the top of a document.

mod frontmatter;

pub use frontmatter::{
    FrontMatter, FrontMatterError, Meta, YamlReason, front_matter, load_yaml, mask_front_matter,
};

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Lowercase alphanumeric words of a text: "1. Roll-back Plan:" → ["1", "roll", "back", "plan"].
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether a heading text names a section: the name's words appear in the heading as consecutive
/// whole words, ignoring case and punctuation ("Backup" matches "Backup & Restore", not "Backups").
pub fn heading_matches(heading: &str, name: &str) -> bool {
    let name = words(name);
    !name.is_empty()
        && words(heading)
            .windows(name.len())
            .any(|w| w == name.as_slice())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 for `#`, 2 for `##`, …
    pub level: u8,
    pub text: String,
    pub line: u32,
    /// Byte range of the heading itself.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskItem {
    pub checked: bool,
    pub text: String,
    pub line: u32,
}

/// What a Markdown document is made of, as far as controls care.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub headings: Vec<Heading>,
    pub tasks: Vec<TaskItem>,
    /// The 1-based line where block quotes and lists first nest deeper than
    /// `limits::MAX_MARKDOWN_NESTING`: the document cannot be checked.
    pub too_deep: Option<u32>,
}

/// Why a document whose Markdown nests too deep (`Outline::too_deep`) was not checked.
pub fn too_deep(path: &str, line: u32) -> String {
    let (key, args) = too_deep_args(path, line);
    crate::evidence::messages::say(key, args).0
}

/// Why a document nested too deep could not be checked, from the message catalogue.
pub fn too_deep_args(
    path: &str,
    line: u32,
) -> (
    &'static str,
    std::collections::BTreeMap<String, crate::evidence::messages::Arg>,
) {
    use crate::evidence::messages::args;
    (
        "markdown/too-deep",
        args([
            ("path", path.into()),
            ("line", line.into()),
            ("max", crate::support::limits::MAX_MARKDOWN_NESTING.into()),
        ]),
    )
}

fn options() -> Options {
    Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// What controls read of a Markdown text, from one parse: its outline, tables and links.
#[derive(Debug, Default)]
pub struct Document {
    pub outline: Outline,
    pub tables: Vec<Table>,
    pub links: Vec<Link>,
}

/// Headings and task-list items of a Markdown text, with 1-based lines.
pub fn outline(text: &str) -> Outline {
    document(text).outline
}

/// Every inline or reference link of a Markdown text (images excluded).
pub fn links(text: &str) -> Vec<Link> {
    document(text).links
}

/// Every table of a Markdown text (GitHub-flavoured tables).
pub fn tables(text: &str) -> Vec<Table> {
    document(text).tables
}

/// The outline, tables and links of a Markdown text in one pass over pulldown-cmark's events
/// (an ADR needs all three; each pass parses the whole text). Past the nesting limit the outline
/// stops and says where; tables and links are still collected.
pub fn document(text: &str) -> Document {
    let lines = LineIndex::new(text);
    let mut out = Document::default();
    let mut heading: Option<(u8, usize, String)> = None;
    let mut task: Option<(bool, usize, String, usize)> = None; // checked, start, text, item depth
    let mut depth = 0usize;
    let mut nesting = 0usize;
    let mut table: Option<Table> = None;
    let mut cell: Option<String> = None;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match &event {
            Event::Start(Tag::Link { dest_url, .. }) => out.links.push(Link {
                dest: dest_url.to_string(),
                line: lines.line(range.start),
            }),
            Event::Start(Tag::Table(_)) => table = Some(Table::default()),
            Event::End(TagEnd::Table) => out.tables.extend(table.take()),
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                if let Some(t) = table.as_mut() {
                    t.rows.push(Vec::new());
                    t.lines.push(lines.line(range.start));
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                if let (Some(t), Some(c)) = (table.as_mut(), cell.take())
                    && let Some(row) = t.rows.last_mut()
                {
                    row.push(c.trim().to_string());
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(t);
                }
            }
            _ => {}
        }
        if out.outline.too_deep.is_some() {
            continue;
        }
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_)) => {
                nesting += 1;
                if nesting > crate::support::limits::MAX_MARKDOWN_NESTING {
                    out.outline.too_deep = Some(lines.line(range.start));
                }
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_)) => {
                nesting = nesting.saturating_sub(1)
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level_num(level), range.start, String::new()))
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start, text)) = heading.take() {
                    out.outline.headings.push(Heading {
                        level,
                        text: text.trim().to_string(),
                        line: lines.line(start),
                        span: start..range.end,
                    });
                }
            }
            Event::Start(Tag::Item) => depth += 1,
            Event::End(TagEnd::Item) => {
                if let Some((checked, start, text, _)) = task.take_if(|t| t.3 == depth) {
                    out.outline.tasks.push(TaskItem {
                        checked,
                        text: text.trim().to_string(),
                        line: lines.line(start),
                    });
                }
                depth = depth.saturating_sub(1);
            }
            Event::TaskListMarker(checked) if task.is_none() => {
                task = Some((checked, range.start, String::new(), depth));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, s)) = heading.as_mut() {
                    s.push_str(&t);
                }
                if let Some((_, _, s, _)) = task.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, _, s, _)) = task.as_mut() {
                    s.push(' ');
                }
            }
            _ => {}
        }
    }
    out
}

/// The body of each section: from the end of its heading to the next heading of the same or a
/// higher level (or the end of the text).
pub fn section_body<'t>(text: &'t str, headings: &[Heading], index: usize) -> &'t str {
    let h = &headings[index];
    let end = headings[index + 1..]
        .iter()
        .find(|n| n.level <= h.level)
        .map_or(text.len(), |n| n.span.start);
    text.get(h.span.end..end).unwrap_or("")
}

/// A link in a Markdown text: its destination as written, and its 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub dest: String,
    pub line: u32,
}

/// A table: the header row first, then the body rows; cell text without emphasis markers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<Vec<String>>,
    /// 1-based line of each row.
    pub lines: Vec<u32>,
}

fn level_num(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Maps byte offsets to 1-based line numbers.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    pub fn line(&self, offset: usize) -> u32 {
        (self.starts.partition_point(|&s| s <= offset)) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_tasks_have_lines() {
        let text = "# Done\n\nIntro\n\n## Checklist\n\n- [ ] tests pass\n- [x] docs *updated*\n- plain item\n";
        let o = outline(text);
        assert_eq!(o.headings.len(), 2);
        assert_eq!(
            (
                o.headings[1].level,
                o.headings[1].text.as_str(),
                o.headings[1].line
            ),
            (2, "Checklist", 5)
        );
        assert_eq!(o.tasks.len(), 2);
        assert_eq!(
            (
                o.tasks[0].checked,
                o.tasks[0].text.as_str(),
                o.tasks[0].line
            ),
            (false, "tests pass", 7)
        );
        assert_eq!(
            (o.tasks[1].checked, o.tasks[1].text.as_str()),
            (true, "docs updated")
        );
        assert_eq!(
            section_body(text, &o.headings, 0)
                .trim_start()
                .lines()
                .next(),
            Some("Intro")
        );
    }

    #[test]
    fn headings_match_on_whole_words_ignoring_case() {
        assert!(heading_matches("Rollback", "rollback"));
        assert!(heading_matches("2. Roll back plan:", "Roll-back"));
        assert!(heading_matches("Backup & Restore", "restore"));
        assert!(heading_matches("On-call escalation", "On-call"));
        assert!(!heading_matches("Backups", "Backup"));
        assert!(!heading_matches("Rollbacks and more", "rollback"));
        assert!(!heading_matches("Anything", "  -- "));
    }

    #[test]
    fn masked_front_matter_keeps_lines_and_hides_yaml() {
        let text = "---\nowner: ana\n---\n# Runbook\n";
        let (_, body) = front_matter(text);
        let masked = mask_front_matter(text, body);
        assert_eq!(masked.len(), text.len());
        let o = outline(&masked);
        assert_eq!(o.headings.len(), 1);
        assert_eq!(
            (o.headings[0].text.as_str(), o.headings[0].line),
            ("Runbook", 4)
        );
    }

    #[test]
    fn links_and_tables_have_lines() {
        let text = "# T\n\nSee [two](0002-two.md) and ![img](x.png).\n\n| Status | Date |\n|---|---|\n| **Accepted** | 2024-01-02 |\n";
        let l = links(text);
        assert_eq!(l.len(), 1);
        assert_eq!((l[0].dest.as_str(), l[0].line), ("0002-two.md", 3));
        let t = tables(text);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rows[0], vec!["Status", "Date"]);
        assert_eq!(t[0].rows[1], vec!["Accepted", "2024-01-02"]);
        assert_eq!(t[0].lines, vec![5, 7]);
    }
}
