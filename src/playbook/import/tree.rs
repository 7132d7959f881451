//! A ruleset as a tree of values, each with the byte offset it starts at, read from YAML (with
//! yaml-rust2's marked events) or JSON (serde_json when YAML cannot read it), so that every
//! problem can name its line and column.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::support::limits::MAX_YAML_NESTING;

/// A value of the ruleset and the byte offset it starts at (0 when unknown).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub at: usize,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(String),
    Str(String),
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl Node {
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn bool(&self) -> Option<bool> {
        match &self.value {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// A string or a list of strings, as both tools accept for globs; `None` for anything else.
    pub fn strings(&self) -> Option<Vec<String>> {
        match &self.value {
            Value::Str(s) => Some(vec![s.clone()]),
            Value::List(items) => items.iter().map(|i| i.str().map(str::to_string)).collect(),
            _ => None,
        }
    }

    pub fn entries(&self) -> &[(String, Node)] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }
}

/// Why a text is not a tree: the message and the byte offset it concerns.
#[derive(Debug)]
pub struct SyntaxError {
    pub message: String,
    pub at: usize,
}

/// Reads YAML (JSON is YAML too); when YAML cannot read a `.json` file, serde_json's reading
/// and its error position count.
pub fn parse(text: &str, json: bool) -> Result<Node, SyntaxError> {
    match parse_yaml(text) {
        Ok(node) => Ok(node),
        Err(yaml_error) if json => match serde_json::from_str::<serde_json::Value>(text) {
            Ok(value) => Ok(from_json(value)),
            Err(e) => Err(SyntaxError {
                message: format!("not valid JSON: {e}"),
                at: offset_of(text, e.line(), e.column().saturating_sub(1)),
            }),
        }
        .or(Err(yaml_error)),
        Err(e) => Err(e),
    }
}

fn from_json(value: serde_json::Value) -> Node {
    let value = match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => Value::Number(n.to_string()),
        serde_json::Value::String(s) => Value::Str(s),
        serde_json::Value::Array(items) => Value::List(items.into_iter().map(from_json).collect()),
        serde_json::Value::Object(map) => {
            Value::Map(map.into_iter().map(|(k, v)| (k, from_json(v))).collect())
        }
    };
    Node { at: 0, value }
}

/// The byte offset of a 1-based line and 0-based character column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &text[start.min(text.len())..];
    start
        + rest
            .char_indices()
            .nth(column)
            .map_or(rest.len(), |(i, _)| i)
}

fn parse_yaml(text: &str) -> Result<Node, SyntaxError> {
    let mut builder = Builder {
        text,
        stack: Vec::new(),
        root: None,
        error: None,
        skipping: 0,
    };
    let mut parser = Parser::new_from_str(text);
    if let Err(e) = parser.load(&mut builder, false) {
        return Err(SyntaxError {
            message: format!("not valid YAML: {}", e.info()),
            at: byte_of(text, e.marker()),
        });
    }
    if let Some(e) = builder.error {
        return Err(e);
    }
    Ok(builder.root.unwrap_or(Node {
        at: 0,
        value: Value::Null,
    }))
}

fn byte_of(text: &str, marker: &Marker) -> usize {
    text.char_indices()
        .nth(marker.index())
        .map_or(text.len(), |(i, _)| i)
}

/// Open collections while the events arrive: a list, or a map with the key awaiting its value.
enum Open {
    List(usize, Vec<Node>),
    Map(usize, Vec<(String, Node)>, Option<String>),
}

struct Builder<'t> {
    text: &'t str,
    stack: Vec<Open>,
    root: Option<Node>,
    error: Option<SyntaxError>,
    /// Open collections below the nesting limit, read past without building them.
    skipping: usize,
}

impl Builder<'_> {
    fn fail(&mut self, at: usize, message: &str) {
        if self.error.is_none() {
            self.error = Some(SyntaxError {
                message: message.to_string(),
                at,
            });
        }
    }

    fn add(&mut self, node: Node) {
        let at = node.at;
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Open::List(_, items)) => items.push(node),
            Some(Open::Map(_, entries, key)) => match key.take() {
                Some(k) => entries.push((k, node)),
                None => match node.value {
                    Value::Str(k) | Value::Number(k) => *key = Some(k),
                    Value::Bool(b) => *key = Some(b.to_string()),
                    _ => self.fail(at, "a mapping key must be a plain value"),
                },
            },
        }
    }
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let at = byte_of(self.text, &mark);
        let opens = matches!(event, Event::SequenceStart(..) | Event::MappingStart(..));
        let closes = matches!(event, Event::SequenceEnd | Event::MappingEnd);
        if self.skipping > 0 {
            self.skipping = self.skipping + usize::from(opens) - usize::from(closes);
            return;
        }
        if opens && self.stack.len() >= MAX_YAML_NESTING {
            self.fail(at, "the ruleset is nested too deeply");
            self.skipping = 1;
            return;
        }
        match event {
            Event::Scalar(text, style, _, _) => {
                let value = if style == TScalarStyle::Plain {
                    plain(text)
                } else {
                    Value::Str(text)
                };
                self.add(Node { at, value });
            }
            Event::SequenceStart(..) => self.stack.push(Open::List(at, Vec::new())),
            Event::MappingStart(..) => self.stack.push(Open::Map(at, Vec::new(), None)),
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.stack.pop() {
                    Some(Open::List(at, items)) => Node {
                        at,
                        value: Value::List(items),
                    },
                    Some(Open::Map(at, entries, _)) => Node {
                        at,
                        value: Value::Map(entries),
                    },
                    None => return,
                };
                self.add(node);
            }
            Event::Alias(_) => self.fail(at, "YAML aliases are not supported in an import"),
            _ => {}
        }
    }
}

/// A plain scalar as YAML's core schema reads it.
fn plain(text: String) -> Value {
    match text.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        t if t.parse::<f64>().is_ok() && !t.starts_with(['+', '.']) => Value::Number(text),
        _ => Value::Str(text),
    }
}
