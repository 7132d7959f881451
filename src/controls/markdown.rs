//! Markdown helpers shared by controls: front matter, headings, sections, task lists.
//! Parsing is pulldown-cmark's; this module only turns its events into plain data with lines.

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Front matter as flat data: a key maps to a string or a list of strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meta {
    Text(String),
    List(Vec<String>),
}

impl Meta {
    /// The value as one string (a list joined with ", ").
    pub fn as_text(&self) -> String {
        match self {
            Meta::Text(s) => s.clone(),
            Meta::List(v) => v.join(", "),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// Keys lowercased.
    pub fields: BTreeMap<String, Meta>,
    /// 1-based line of each key, for evidence.
    pub lines: BTreeMap<String, u32>,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&Meta> {
        self.fields.get(&key.to_ascii_lowercase())
    }
}

/// Front matter that is present but not valid YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub message: String,
    pub line: u32,
}

/// Splits YAML front matter (`---` … `---` at the very start) from the body.
/// Returns the parsed front matter (if any) and the byte offset where the body starts.
pub fn front_matter(text: &str) -> (Option<Result<FrontMatter, FrontMatterError>>, usize) {
    let Some(rest) = text.strip_prefix("---") else {
        return (None, 0);
    };
    let Some(first_nl) = rest.find('\n') else {
        return (None, 0);
    };
    if !rest[..first_nl].trim().is_empty() {
        return (None, 0);
    }
    let yaml_start = 3 + first_nl + 1;
    let mut offset = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let yaml = &text[yaml_start..offset];
            let body = offset + line.len();
            return (Some(parse_yaml(yaml)), body);
        }
        offset += line.len();
    }
    (None, 0)
}

/// Most YAML events a governance file may produce; real front matter has dozens.
const MAX_YAML_EVENTS: usize = 100_000;

/// Loads YAML from a repository file, bounded: aliases are refused (each would copy its anchor,
/// so a few hundred bytes can expand without limit), and so are inputs with too many events or
/// collections nested too deep (the loader builds and drops them recursively).
/// The error carries a 0-based line.
pub fn load_yaml(text: &str) -> Result<Vec<yaml_rust2::Yaml>, (String, usize)> {
    use yaml_rust2::Event;
    let max_depth = crate::support::limits::MAX_YAML_NESTING;
    let mut parser = yaml_rust2::parser::Parser::new_from_str(text);
    let mut depth = 0usize;
    for _ in 0..MAX_YAML_EVENTS {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) => {
                return yaml_rust2::YamlLoader::load_from_str(text)
                    .map_err(|e| (e.info().to_string(), e.marker().line()));
            }
            Ok((Event::Alias(_), mark)) => {
                return Err((
                    "YAML aliases (`*name`) are not read: they can expand without bound".into(),
                    mark.line(),
                ));
            }
            Ok((Event::SequenceStart(..) | Event::MappingStart(..), mark)) => {
                depth += 1;
                if depth > max_depth {
                    return Err((
                        format!("YAML nested more than {max_depth} levels deep"),
                        mark.line(),
                    ));
                }
            }
            Ok((Event::SequenceEnd | Event::MappingEnd, _)) => depth = depth.saturating_sub(1),
            Ok(_) => {}
            Err(e) => return Err((e.info().to_string(), e.marker().line())),
        }
    }
    Err((format!("more than {MAX_YAML_EVENTS} YAML events"), 0))
}

fn parse_yaml(yaml: &str) -> Result<FrontMatter, FrontMatterError> {
    use yaml_rust2::Yaml;
    let docs = load_yaml(yaml).map_err(|(message, line)| FrontMatterError {
        message,
        // +1 for the opening `---` line; marker lines are 0-based in yaml-rust2.
        line: line as u32 + 1,
    })?;
    let mut fm = FrontMatter::default();
    let Some(Yaml::Hash(map)) = docs.into_iter().next() else {
        return Ok(fm);
    };
    for (k, v) in map {
        let Some(key) = scalar(&k) else { continue };
        let key = key.to_ascii_lowercase();
        let value = match &v {
            Yaml::Array(items) => Meta::List(items.iter().filter_map(scalar).collect()),
            other => match scalar(other) {
                Some(s) => Meta::Text(s),
                None => continue,
            },
        };
        if let Some(line) = key_line(yaml, &key) {
            fm.lines.insert(key.clone(), line);
        }
        fm.fields.insert(key, value);
    }
    Ok(fm)
}

fn scalar(y: &yaml_rust2::Yaml) -> Option<String> {
    use yaml_rust2::Yaml;
    match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Line (1-based, counting the opening `---`) of a top-level key in the YAML text.
fn key_line(yaml: &str, key: &str) -> Option<u32> {
    yaml.lines()
        .position(|l| {
            l.split_once(':').is_some_and(|(k, _)| {
                !l.starts_with([' ', '\t'])
                    && k.trim().trim_matches(['"', '\'']).eq_ignore_ascii_case(key)
            })
        })
        .map(|i| i as u32 + 2)
}

/// The text with its front matter (the first `body` bytes) blanked out: byte offsets and lines
/// stay as they are, and the YAML cannot be misread as Markdown (a `---` under `key: value` is a heading).
pub fn mask_front_matter(text: &str, body: usize) -> String {
    let body = body.min(text.len());
    let mut masked: String = text[..body]
        .bytes()
        .map(|b| if b == b'\n' { '\n' } else { ' ' })
        .collect();
    masked.push_str(&text[body..]);
    masked
}

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
    format!(
        "{path} line {line}: block quotes and lists nest more than {} levels deep; the document cannot be checked",
        crate::support::limits::MAX_MARKDOWN_NESTING
    )
}

fn options() -> Options {
    Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Headings and task-list items of a Markdown text, with 1-based lines.
pub fn outline(text: &str) -> Outline {
    let lines = LineIndex::new(text);
    let mut out = Outline::default();
    let mut heading: Option<(u8, usize, String)> = None;
    let mut task: Option<(bool, usize, String, usize)> = None; // checked, start, text, item depth
    let mut depth = 0usize;
    let mut nesting = 0usize;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_)) => {
                nesting += 1;
                if nesting > crate::support::limits::MAX_MARKDOWN_NESTING {
                    out.too_deep = Some(lines.line(range.start));
                    break;
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
                    out.headings.push(Heading {
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
                    out.tasks.push(TaskItem {
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

/// Every inline or reference link of a Markdown text (images excluded).
pub fn links(text: &str) -> Vec<Link> {
    let lines = LineIndex::new(text);
    Parser::new_ext(text, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some(Link {
                dest: dest_url.to_string(),
                line: lines.line(range.start),
            }),
            _ => None,
        })
        .collect()
}

/// A table: the header row first, then the body rows; cell text without emphasis markers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<Vec<String>>,
    /// 1-based line of each row.
    pub lines: Vec<u32>,
}

/// Every table of a Markdown text (GitHub-flavoured tables).
pub fn tables(text: &str) -> Vec<Table> {
    let lines = LineIndex::new(text);
    let mut out = Vec::new();
    let mut table: Option<Table> = None;
    let mut cell: Option<String> = None;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Table(_)) => table = Some(Table::default()),
            Event::End(TagEnd::Table) => out.extend(table.take()),
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                if let Some(t) = table.as_mut() {
                    t.rows.push(Vec::new());
                    t.lines.push(lines.line(range.start));
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                if let (Some(t), Some(c)) = (table.as_mut(), cell.take()) {
                    if let Some(row) = t.rows.last_mut() {
                        row.push(c.trim().to_string());
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
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
    fn front_matter_is_split_and_parsed() {
        let text = "---\nstatus: Accepted\ndeciders: [ana, bo]\ndate: 2024-05-01\n---\n# Title\n";
        let (fm, body) = front_matter(text);
        let fm = fm.expect("present").expect("valid");
        assert_eq!(fm.get("Status"), Some(&Meta::Text("Accepted".into())));
        assert_eq!(
            fm.get("deciders"),
            Some(&Meta::List(vec!["ana".into(), "bo".into()]))
        );
        assert_eq!(fm.lines.get("date"), Some(&4));
        assert_eq!(&text[body..], "# Title\n");
    }

    #[test]
    fn invalid_front_matter_is_an_error_with_a_line() {
        let (fm, _) = front_matter("---\nstatus: [unclosed\n---\nbody\n");
        assert!(fm.expect("present").is_err());
    }

    #[test]
    fn yaml_aliases_are_refused_not_expanded() {
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b]\n";
        let (fm, _) = front_matter(&format!("---\n{bomb}---\n# T\n"));
        let err = fm.expect("present").expect_err("refused");
        assert!(err.message.contains("aliases"), "{err:?}");
        assert!(load_yaml("owner: team\n").is_ok());
    }

    #[test]
    fn no_front_matter_without_closing_fence() {
        assert_eq!(front_matter("---\nstatus: x\n").0, None);
        assert_eq!(front_matter("# Title\n").0, None);
    }

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
    fn front_matter_error_line_is_a_file_line() {
        let (fm, _) = front_matter("---\nowner: ana\nreview_in: [6 months\n---\n");
        let err = fm.expect("present").expect_err("invalid");
        assert!((3..=4).contains(&err.line), "{err:?}");
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
