//! Front matter: splitting the YAML block at the top of a document from its body, and reading
//! it (bounded) into flat keys with their lines.

use std::collections::BTreeMap;

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
    pub reason: YamlReason,
    pub line: u32,
}

/// Why YAML from a repository file was not read: the parser's own words, or one of the bounds
/// gonogo sets. Its `Display` is the English sentence; the message catalogue says it in German.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlReason {
    Parser(String),
    Alias,
    TooDeep(usize),
    TooManyEvents(usize),
}

impl std::fmt::Display for YamlReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            YamlReason::Parser(info) => f.write_str(info),
            YamlReason::Alias => {
                f.write_str("YAML aliases (`*name`) are not read: they can expand without bound")
            }
            YamlReason::TooDeep(n) => write!(f, "YAML nested more than {n} levels deep"),
            YamlReason::TooManyEvents(n) => write!(f, "more than {n} YAML events"),
        }
    }
}

impl From<&YamlReason> for crate::evidence::messages::Arg {
    fn from(reason: &YamlReason) -> Self {
        use crate::evidence::messages::{phrase, yaml};
        match reason {
            YamlReason::Parser(info) => yaml::parser_reason(info),
            YamlReason::Alias => phrase("yaml/alias", []),
            YamlReason::TooDeep(n) => phrase("yaml/too-deep", [("n", (*n).into())]),
            YamlReason::TooManyEvents(n) => phrase("yaml/too-many-events", [("n", (*n).into())]),
        }
    }
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
pub fn load_yaml(text: &str) -> Result<Vec<yaml_rust2::Yaml>, (YamlReason, usize)> {
    use yaml_rust2::Event;
    let max_depth = crate::support::limits::MAX_YAML_NESTING;
    let mut parser = yaml_rust2::parser::Parser::new_from_str(text);
    let mut depth = 0usize;
    for _ in 0..MAX_YAML_EVENTS {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) => {
                return yaml_rust2::YamlLoader::load_from_str(text)
                    .map_err(|e| (YamlReason::Parser(e.info().to_string()), e.marker().line()));
            }
            Ok((Event::Alias(_), mark)) => {
                return Err((YamlReason::Alias, mark.line()));
            }
            Ok((Event::SequenceStart(..) | Event::MappingStart(..), mark)) => {
                depth += 1;
                if depth > max_depth {
                    return Err((YamlReason::TooDeep(max_depth), mark.line()));
                }
            }
            Ok((Event::SequenceEnd | Event::MappingEnd, _)) => depth = depth.saturating_sub(1),
            Ok(_) => {}
            Err(e) => {
                return Err((YamlReason::Parser(e.info().to_string()), e.marker().line()));
            }
        }
    }
    Err((YamlReason::TooManyEvents(MAX_YAML_EVENTS), 0))
}

fn parse_yaml(yaml: &str) -> Result<FrontMatter, FrontMatterError> {
    use yaml_rust2::Yaml;
    let docs = load_yaml(yaml).map_err(|(reason, line)| FrontMatterError {
        reason,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Each bound's English in a finding is its own sentence; German exists for each.
    #[test]
    fn reasons_are_said_in_both_languages() {
        use crate::evidence::messages::Arg;
        for reason in [
            YamlReason::Alias,
            YamlReason::TooDeep(64),
            YamlReason::Parser("invalid indentation".into()),
        ] {
            let Arg::Phrase { phrase } = Arg::from(&reason) else {
                panic!("not a phrase")
            };
            assert_eq!(phrase.render(false), Some(reason.to_string()));
            assert!(phrase.render(true).is_some_and(|de| !de.is_empty()));
        }
    }

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
        assert!(err.reason.to_string().contains("aliases"), "{err:?}");
        assert!(load_yaml("owner: team\n").is_ok());
    }

    #[test]
    fn no_front_matter_without_closing_fence() {
        assert_eq!(front_matter("---\nstatus: x\n").0, None);
        assert_eq!(front_matter("# Title\n").0, None);
    }

    #[test]
    fn front_matter_error_line_is_a_file_line() {
        let (fm, _) = front_matter("---\nowner: ana\nreview_in: [6 months\n---\n");
        let err = fm.expect("present").expect_err("invalid");
        assert!((3..=4).contains(&err.line), "{err:?}");
    }
}
