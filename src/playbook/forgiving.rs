//! Inputs as people write them: a level in any case or in German (`Must`, `MUSS`, `soll`), one
//! string where a list is expected (`extends = "preset:delivery"`, `controls = "*"`), a member
//! as `"Name <email>"`, a date in quotes. Each is read into the one form the loader uses; what
//! cannot be read gets a message with an example of the right form.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor, value::MapAccessDeserializer};
use toml::Spanned;

use super::schema::{Level, Member};

/// A level as written: `must`/`should`/`may` in any case, or the German `muss`/`soll`/`kann`.
pub fn level(text: &str) -> Option<Level> {
    match text.trim().to_lowercase().as_str() {
        "must" | "muss" => Some(Level::Must),
        "should" | "soll" => Some(Level::Should),
        "may" | "kann" => Some(Level::May),
        _ => None,
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        level(&text).ok_or_else(|| {
            let near = ["must", "should", "may", "muss", "soll", "kann"]
                .into_iter()
                .map(|l| (super::compile::edit_distance(&text.to_lowercase(), l), l))
                .filter(|(d, _)| *d <= 2)
                .min()
                .map(|(_, l)| format!("did you mean `{l}`? "))
                .unwrap_or_default();
            de::Error::custom(format!(
                "invalid value: `{text}` is not a level: {near}write must, should or may (MUSS, SOLL, KANN)"
            ))
        })
    }
}

/// One string or a list of strings, each with its span: `extends = "preset:x"` or `["a", "b"]`.
pub fn one_or_many<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Spanned<String>>, D::Error> {
    let whole = Spanned::<OneOrMany>::deserialize(deserializer)?;
    let span = whole.span();
    Ok(match whole.into_inner() {
        OneOrMany::One(text) => vec![Spanned::new(span, text)],
        OneOrMany::Many(list) => list,
    })
}

enum OneOrMany {
    One(String),
    Many(Vec<Spanned<String>>),
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(r#"a string or a list of strings, e.g. "preset:default" or ["a", "b"]"#)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(v.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut out = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<String>>()? {
                    out.push(item);
                }
                Ok(OneOrMany::Many(out))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// The JSON Schema of [`one_or_many`]: one string or a list of strings.
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum StringOrList {
    One(String),
    Many(Vec<String>),
}

/// The JSON Schema of a member as written: `"Name <email>"` or a table.
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum MemberInput {
    /// `"Ada Lovelace <ada@example.org>"`, or a name alone.
    Text(String),
    Table(Member),
}

/// A date as written: a TOML date (`2026-12-31`) or the same in quotes (`"2026-12-31"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateInput {
    Toml(toml::value::Datetime),
    Text(String),
}

impl DateInput {
    /// The calendar date, or None when it is no date (a time, an offset, a wrong day).
    pub fn date(&self) -> Option<jiff::civil::Date> {
        match self {
            DateInput::Toml(value) => match (&value.date, &value.time) {
                (Some(d), None) => {
                    jiff::civil::Date::new(d.year as i16, d.month as i8, d.day as i8).ok()
                }
                _ => None,
            },
            DateInput::Text(text) => text.trim().parse::<jiff::civil::Date>().ok(),
        }
    }
}

impl fmt::Display for DateInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateInput::Toml(v) => write!(f, "{v}"),
            DateInput::Text(t) => write!(f, "\"{t}\""),
        }
    }
}

impl<'de> Deserialize<'de> for DateInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = DateInput;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date like 2026-06-30 (with or without quotes)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateInput, E> {
                Ok(DateInput::Text(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<DateInput, A::Error> {
                toml::value::Datetime::deserialize(MapAccessDeserializer::new(map))
                    .map(DateInput::Toml)
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// `[[roles.x.members]]` as a table; the string form is read by [`Member`]'s `Deserialize`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct MemberTable {
    name: String,
    email: Option<String>,
    #[serde(default)]
    signing_keys: Vec<Spanned<String>>,
    github: Option<String>,
    gitlab: Option<String>,
}

/// `"Ada Lovelace <ada@example.org>"` → name and e-mail; a string without `<…>` is a name.
pub fn member_from_text(text: &str) -> Result<Member, String> {
    let text = text.trim();
    let (name, email) = match (text.find('<'), text.rfind('>')) {
        (Some(open), Some(close)) if open < close && close == text.len() - 1 => {
            let email = text[open + 1..close].trim();
            if !email.contains('@') {
                return Err(format!("`{email}` is not an e-mail address"));
            }
            (text[..open].trim(), Some(email.to_string()))
        }
        (None, None) => (text, None),
        _ => return Err("write the e-mail address in angle brackets at the end".into()),
    };
    if name.is_empty() {
        return Err("the name is empty".into());
    }
    Ok(Member {
        name: name.to_string(),
        email,
        ..Member::default()
    })
}

impl<'de> Deserialize<'de> for Member {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Member;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    r#"a member: "Ada Lovelace <ada@example.org>" or { name = "Ada Lovelace", email = "ada@example.org" }"#,
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Member, E> {
                member_from_text(v).map_err(|why| {
                    E::custom(format!(
                        "invalid value: `{v}` is not a member: {why} (e.g. \"Ada Lovelace <ada@example.org>\")"
                    ))
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Member, A::Error> {
                let t = MemberTable::deserialize(MapAccessDeserializer::new(map))?;
                Ok(Member {
                    name: t.name,
                    email: t.email,
                    signing_keys: t.signing_keys,
                    github: t.github,
                    gitlab: t.gitlab,
                })
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A control's title when the playbook gives none: its id in words (`security-policy` →
/// "Security policy").
pub fn title_from_id(id: &str) -> String {
    let words = id.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => id.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_in_any_case_and_in_german() {
        for (text, want) in [
            ("must", Level::Must),
            ("Must", Level::Must),
            ("MUSS", Level::Must),
            ("soll", Level::Should),
            ("Should", Level::Should),
            ("KANN", Level::May),
        ] {
            assert_eq!(level(text), Some(want), "{text}");
        }
        assert_eq!(level("mandatory"), None);
    }

    #[test]
    fn members_as_name_and_address() {
        let m = member_from_text("Ada Lovelace <ada@example.org>").expect("member");
        assert_eq!(
            (m.name.as_str(), m.email.as_deref()),
            ("Ada Lovelace", Some("ada@example.org"))
        );
        assert_eq!(member_from_text("Bo Chen").expect("name").name, "Bo Chen");
        assert!(member_from_text("Ada <no-address>").is_err());
        assert!(member_from_text("<ada@example.org>").is_err());
        assert!(member_from_text("Ada <ada@example.org").is_err());
    }

    #[test]
    fn titles_from_ids() {
        assert_eq!(title_from_id("security-policy"), "Security policy");
        assert_eq!(title_from_id("adr"), "Adr");
    }
}
