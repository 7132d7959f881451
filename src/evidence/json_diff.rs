//! Leaf-level differences between two JSON values, one per differing leaf, named by a JSON path
//! (`controls[3].title`). Arrays compare by position: order is part of the evidence.

use serde_json::Value;

/// One difference, with both sides as compact JSON (`None`: absent on that side).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub path: String,
    pub recorded: Option<String>,
    pub reproduced: Option<String>,
}

/// How much of a subtree that exists on one side only is shown.
const PREVIEW: usize = 160;

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.recorded, &self.reproduced) {
            (Some(r), Some(p)) => write!(f, "{}: recorded {r}, reproduced {p}", self.path),
            (Some(r), None) => write!(f, "{}: only in recorded ({})", self.path, preview(r)),
            (None, Some(p)) => write!(f, "{}: only in reproduced ({})", self.path, preview(p)),
            (None, None) => write!(f, "{}: differs", self.path),
        }
    }
}

fn preview(text: &str) -> String {
    match text.char_indices().nth(PREVIEW) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// Every leaf where `recorded` and `reproduced` differ, in document order (keys sorted).
pub fn differences(recorded: &Value, reproduced: &Value) -> Vec<Difference> {
    let mut out = Vec::new();
    walk(String::new(), Some(recorded), Some(reproduced), &mut out);
    out
}

fn walk(path: String, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<Difference>) {
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                walk(join_key(&path, key), x.get(key), y.get(key), out);
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) => {
            for i in 0..x.len().max(y.len()) {
                walk(format!("{path}[{i}]"), x.get(i), y.get(i), out);
            }
        }
        (Some(x), Some(y)) if x == y => {}
        (a, b) => out.push(Difference {
            path: if path.is_empty() { "$".into() } else { path },
            recorded: a.map(Value::to_string),
            reproduced: b.map(Value::to_string),
        }),
    }
}

/// `a.b` for plain names, `a["odd key"]` for anything else, so a path reads back unambiguously.
fn join_key(path: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    match (path.is_empty(), plain) {
        (true, true) => key.to_string(),
        (false, true) => format!("{path}.{key}"),
        (_, false) => format!("{path}[{}]", Value::String(key.into())),
    }
}

/// Removes the field a dotted path (`subject.base.reference`) names, where it exists.
pub fn remove_path(value: &mut Value, path: &str) {
    let mut parts: Vec<&str> = path.split('.').collect();
    let Some(last) = parts.pop() else { return };
    let mut node = value;
    for part in parts {
        match node.get_mut(part) {
            Some(next) => node = next,
            None => return,
        }
    }
    if let Some(map) = node.as_object_mut() {
        map.remove(last);
    }
}

/// Replaces `from` by `to` in every string of `value` (keys stay).
pub fn replace_in_strings(value: &mut Value, from: &str, to: &str) {
    match value {
        Value::String(s) if s.contains(from) => *s = s.replace(from, to),
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| replace_in_strings(v, from, to)),
        Value::Object(map) => map
            .values_mut()
            .for_each(|v| replace_in_strings(v, from, to)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn lines(a: Value, b: Value) -> Vec<String> {
        differences(&a, &b).iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn names_each_differing_leaf() {
        let a =
            json!({"controls": [{"id": "a", "title": "x"}, {"id": "b", "tags": [1]}], "n": null});
        let b = json!({"controls": [{"id": "a", "title": "y"}, {"id": "b", "tags": [1, 2]}], "n": null});
        assert_eq!(
            lines(a, b),
            [
                r#"controls[0].title: recorded "x", reproduced "y""#,
                "controls[1].tags[1]: only in reproduced (2)",
            ]
        );
    }

    #[test]
    fn a_subtree_on_one_side_is_one_line() {
        let a = json!({"waivers": [{"id": "w1"}]});
        let b = json!({"waivers": []});
        assert_eq!(
            lines(a, b),
            [r#"waivers[0]: only in recorded ({"id":"w1"})"#]
        );
        assert_eq!(
            lines(json!({"a": null}), json!({})),
            ["a: only in recorded (null)"]
        );
        assert_eq!(
            lines(json!({"a": {"b": 1}}), json!({"a": 1})),
            [r#"a: recorded {"b":1}, reproduced 1"#]
        );
    }

    #[test]
    fn odd_keys_are_quoted_and_equal_values_give_nothing() {
        assert_eq!(
            lines(json!({"a.b": 1}), json!({"a.b": 2})),
            [r#"["a.b"]: recorded 1, reproduced 2"#]
        );
        assert!(lines(json!({"x": [1, {"y": "z"}]}), json!({"x": [1, {"y": "z"}]})).is_empty());
        assert_eq!(lines(json!(1), json!(2)), ["$: recorded 1, reproduced 2"]);
    }

    #[test]
    fn removes_a_dotted_path() {
        let mut v = json!({"subject": {"root": "/x", "base": null}, "root": 1});
        remove_path(&mut v, "subject.root");
        remove_path(&mut v, "subject.base.reference");
        remove_path(&mut v, "nothing.here");
        assert_eq!(v, json!({"subject": {"base": null}, "root": 1}));
    }
}
