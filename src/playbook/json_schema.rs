//! The JSON Schema of a playbook, for editors (taplo, Even Better TOML): the tables as their
//! serde types describe them (schemars), and each control kind's parameters from the kinds'
//! own documentation, so that an editor completes and explains every key of a `[[control]]`.

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};

use super::kinds::{ControlKinds, KindDoc, ParamDoc};
use super::schema::WaiverPolicyRaw;
use super::schema::{ApprovalPolicyRaw, CommonRaw, GateRaw, MetaRaw, PolicyRaw, RoleRaw};

/// Where `gonogo init` puts the schema, relative to the playbook it writes.
pub const SCHEMA_FILE: &str = ".gonogo/playbook.schema.json";

/// Draft 7, which taplo reads.
pub fn settings() -> SchemaSettings {
    SchemaSettings::draft07()
}

/// The schema of a playbook file, as pretty JSON with a trailing newline.
pub fn playbook_schema(kinds: &dyn ControlKinds) -> String {
    let mut generator = settings().into_generator();
    let mut properties = Map::new();
    properties.insert(
        "playbook".into(),
        described::<MetaRaw>(&mut generator, "Metadata of the playbook (all optional)."),
    );
    let controls: Vec<Value> = kinds
        .docs()
        .iter()
        .map(|k| json!({ "$ref": format!("#/definitions/control-{}", k.name) }))
        .collect();
    properties.insert(
        "control".into(),
        json!({
            "description": "The controls: each a `[[control]]` table with the common keys and its kind's parameters.",
            "type": "array",
            "items": { "oneOf": controls },
        }),
    );
    let gate = generator.subschema_for::<GateRaw>();
    properties.insert(
        "gates".into(),
        json!({
            "description": "Gates by name (`commit`, `merge`, `release`, `handover`, …): which controls decide each.",
            "type": "object",
            "additionalProperties": gate,
        }),
    );
    let role = generator.subschema_for::<RoleRaw>();
    properties.insert(
        "roles".into(),
        json!({
            "description": "Roles by name, for gate approvals and waivers.",
            "type": "object",
            "additionalProperties": role,
        }),
    );
    properties.insert(
        "decisions".into(),
        json!({
            "description": "Decision types by name, each with the role accountable for it (`\"release approval\" = \"release-managers\"`); a gate's `approvals` may name a decision type instead of a role.",
            "type": "object",
            "additionalProperties": { "type": "string" },
        }),
    );
    properties.insert(
        "policy".into(),
        described::<PolicyRaw>(
            &mut generator,
            "Who owns the rules and what extending playbooks may not touch.",
        ),
    );
    properties.insert(
        "waivers".into(),
        described::<WaiverPolicyRaw>(
            &mut generator,
            "Where waivers are kept and what they may do (docs/waivers.md).",
        ),
    );
    properties.insert(
        "approvals".into(),
        described::<ApprovalPolicyRaw>(&mut generator, "How approval trailers are proven."),
    );
    let common = Value::from(CommonRaw::json_schema(&mut generator));
    let mut definitions: Map<String, Value> = generator.take_definitions(true);
    for kind in kinds.docs() {
        definitions.insert(format!("control-{}", kind.name), control(&common, &kind));
    }
    let root = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "gonogo playbook",
        "description": "A gonogo playbook: controls, gates, roles and waivers (docs/playbook.md).",
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
        "definitions": definitions,
    });
    pretty(&root)
}

/// The schema of `T` with a description of where it is used.
fn described<T: JsonSchema>(generator: &mut schemars::SchemaGenerator, description: &str) -> Value {
    let schema = generator.subschema_for::<T>();
    json!({ "description": description, "allOf": [schema] })
}

/// One kind's control table: the common keys, `kind` fixed to the kind's name, and its
/// parameters; any other key is an error, as in the loader.
fn control(common: &Value, kind: &KindDoc) -> Value {
    let mut properties = common
        .get("properties")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    properties.insert(
        "kind".into(),
        json!({ "description": kind.summary, "const": kind.name }),
    );
    for param in &kind.params {
        properties.insert(param.name.into(), parameter(param));
    }
    json!({
        "title": format!("control of kind `{}`", kind.name),
        "description": kind.summary,
        "type": "object",
        "required": common.get("required").cloned().unwrap_or_else(|| json!([])),
        "properties": properties,
        "additionalProperties": false,
    })
}

/// A parameter's schema from its documented type; unknown type names accept any value.
pub fn parameter(param: &ParamDoc) -> Value {
    let mut schema = type_schema(param.ty).unwrap_or_else(|| json!({}));
    let default = default_value(param.default, &schema);
    let mut description = param.doc.to_string();
    if default.is_none() {
        description.push_str(&format!(" (default: {})", param.default));
    }
    if let Some(object) = schema.as_object_mut() {
        object.insert("description".into(), Value::String(description));
        if let Some(default) = default {
            object.insert("default".into(), default);
        }
    }
    schema
}

/// The JSON Schema of a type name as `gonogo controls` writes it.
pub fn type_schema(ty: &str) -> Option<Value> {
    let strings = json!({ "type": "array", "items": { "type": "string" } });
    Some(match ty {
        "bool" => json!({ "type": "boolean" }),
        "integer" => json!({ "type": "integer", "minimum": 0 }),
        "float" => json!({ "type": "number" }),
        "string" | "glob" | "path" | "path template" | "duration" | "regex" => {
            json!({ "type": "string" })
        }
        "table" => json!({ "type": "object" }),
        "[string | [string]]" => json!({
            "type": "array",
            "items": { "anyOf": [{ "type": "string" }, strings] },
        }),
        _ if ty.starts_with('[') && ty.ends_with(']') && !ty[1..].contains('[') => strings,
        _ => return None,
    })
}

/// The default as a JSON value when the docs write it as a TOML value of the parameter's type.
fn default_value(text: &str, schema: &Value) -> Option<Value> {
    let parsed: toml::Table = toml::from_str(&format!("v = {text}")).ok()?;
    let value = serde_json::to_value(parsed.get("v")?).ok()?;
    let fits = match schema.get("type").and_then(Value::as_str) {
        Some("boolean") => value.is_boolean(),
        Some("integer") => value.is_u64(),
        Some("number") => value.is_number(),
        Some("string") => value.is_string(),
        Some("array") => value
            .as_array()
            .is_some_and(|a| a.iter().all(Value::is_string)),
        Some("object") => value.is_object(),
        _ => false,
    };
    fits.then_some(value)
}

/// Pretty JSON with a trailing newline, without `null` as a type: TOML has no null, so an
/// optional key is simply left out.
pub fn pretty(value: &impl serde::Serialize) -> String {
    let mut value = serde_json::to_value(value).unwrap_or_default();
    drop_null(&mut value);
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

fn drop_null(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(choices)) = map.get_mut("anyOf") {
                choices.retain(|c| c.get("type").and_then(Value::as_str) != Some("null"));
                if choices.len() == 1
                    && let Value::Object(only) = choices.remove(0)
                {
                    map.remove("anyOf");
                    for (k, v) in only {
                        map.entry(k).or_insert(v);
                    }
                }
            }
            map.values_mut().for_each(drop_null);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null),
        _ => {}
    }
}
