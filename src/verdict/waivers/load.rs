//! Loading a waiver file: bounded reading, parsing every `[[waiver]]` with span diagnostics,
//! and validating dates, references and paths.

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Waiver, WaiverSet, identity};
use crate::evidence::SourceDigest;
use crate::playbook::compile::Ctx;
use crate::playbook::diagnostics::{PlaybookError, Problem, Source, line_column};
use crate::playbook::forgiving::DateInput;

/// A waiver file larger than this is refused.
const MAX_WAIVER_BYTES: u64 = 4 << 20;

/// One `[[waiver]]` as written.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct WaiverRaw {
    /// Optional; default `<control>#<n>`.
    id: Option<String>,
    /// The id of the control the waiver excuses.
    control: String,
    /// Only findings with this code (`files/missing-any`).
    code: Option<String>,
    /// Only findings at paths matching this glob.
    #[schemars(with = "Option<String>")]
    path: Option<Spanned<String>>,
    /// Why the exception is granted.
    reason: String,
    /// A ticket (a ticket or a link is required).
    ticket: Option<String>,
    /// A link (a ticket or a link is required).
    link: Option<String>,
    /// Who granted it, a member of a role entitled to waive the control's level, written as
    /// role members are: `"Name <email>"`, a name, or `{ name = "…", email = "…" }`.
    #[schemars(with = "crate::playbook::forgiving::MemberInput")]
    approved_by: crate::playbook::schema::Member,
    /// When the waiver was granted: a date, `2026-02-01` (quotes allowed).
    #[schemars(schema_with = "toml_date")]
    created: Spanned<DateInput>,
    /// When the waiver ends: a date, `2026-04-15` (quotes allowed).
    #[schemars(schema_with = "toml_date")]
    expires: Spanned<DateInput>,
}

/// A gonogo waiver file: exceptions to controls, each with a reason, an approver and an expiry
/// (docs/waivers.md).
#[derive(schemars::JsonSchema)]
#[schemars(title = "gonogo waivers", deny_unknown_fields)]
#[allow(dead_code)] // read by schemars only
struct WaiverFile {
    /// The waivers, each a `[[waiver]]` table.
    waiver: Option<Vec<WaiverRaw>>,
}

/// A TOML date, which editors see as a string in `YYYY-MM-DD` form.
fn toml_date(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "string", "format": "date" })
}

/// The JSON Schema of a waiver file, as pretty JSON with a trailing newline.
pub fn json_schema() -> String {
    let schema = crate::playbook::json_schema::settings()
        .into_generator()
        .into_root_schema_for::<WaiverFile>();
    crate::playbook::json_schema::pretty(&schema)
}

/// Loads a waiver file; `display` names it in messages and the evidence.
pub fn load(path: &Path, display: &str) -> Result<WaiverSet, PlaybookError> {
    let meta = std::fs::metadata(path).map_err(|e| {
        PlaybookError::plain(format!("cannot read {display}: {e}")).about("waiver file")
    })?;
    if meta.len() > MAX_WAIVER_BYTES {
        return Err(PlaybookError::plain(format!(
            "{display} is {} bytes; waiver files larger than {MAX_WAIVER_BYTES} bytes are refused",
            meta.len()
        ))
        .about("waiver file"));
    }
    let text = std::fs::read_to_string(path).map_err(|e| {
        PlaybookError::plain(format!("cannot read {display}: {e}")).about("waiver file")
    })?;
    parse(display, &text)
}

/// Parses waiver text, reporting every problem with its span.
pub fn parse(display: &str, text: &str) -> Result<WaiverSet, PlaybookError> {
    let source = Source {
        name: display.to_string(),
        text: Arc::from(text),
        sha256: crate::support::sha256_hex(text.as_bytes()),
    };
    let mut problems: Vec<Problem> = Vec::new();
    let mut waivers = Vec::new();
    let (root, syntax) = DeTable::parse_recoverable(text);
    let mut ctx = Ctx {
        source: 0,
        problems: &mut problems,
        file: crate::playbook::compile::FileKind::Waivers,
    };
    for e in &syntax {
        ctx.toml_error(e, 0..0);
    }
    if syntax.is_empty() {
        for (key, value) in root.into_inner() {
            if key.get_ref() != "waiver" {
                ctx.error(
                    "waivers::unknown-key",
                    key.span(),
                    format!("unknown top-level key `{}`", key.get_ref()),
                    "unknown key",
                    Some("a waiver file holds `[[waiver]]` tables only".into()),
                );
                continue;
            }
            let span = value.span();
            let DeValue::Array(items) = value.into_inner() else {
                ctx.error(
                    "waivers::wrong-type",
                    span,
                    "`waiver` must be an array of tables, written `[[waiver]]`",
                    "not an array of tables",
                    None,
                );
                continue;
            };
            for (index, item) in items.into_iter().enumerate() {
                let span = item.span();
                let Some(raw) = ctx.value::<WaiverRaw>(item) else {
                    continue;
                };
                if let Some(w) = validate(raw, index, span, text, display, &mut ctx) {
                    waivers.push(w);
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(PlaybookError::new(&[source], problems).about("waiver file"));
    }
    Ok(WaiverSet {
        source: Some(SourceDigest {
            name: display.to_string(),
            sha256: source.sha256,
        }),
        waivers,
    })
}

fn validate(
    raw: WaiverRaw,
    index: usize,
    span: std::ops::Range<usize>,
    text: &str,
    display: &str,
    ctx: &mut Ctx<'_>,
) -> Option<Waiver> {
    let mut ok = true;
    let mut date = |d: &Spanned<DateInput>, what: &str, ctx: &mut Ctx<'_>| {
        let value = d.get_ref();
        let parsed = value.date();
        if parsed.is_none() {
            ctx.error(
                "waivers::invalid-date",
                d.span(),
                format!("`{what}` must be a date like 2026-06-30, not `{value}`"),
                "not a date",
                None,
            );
            ok = false;
        }
        parsed
    };
    let created = date(&raw.created, "created", ctx);
    let expires = date(&raw.expires, "expires", ctx);
    if let (Some(c), Some(e)) = (created, expires)
        && e < c
    {
        ctx.error(
            "waivers::invalid-date",
            raw.expires.span(),
            format!("the waiver expires ({e}) before it was created ({c})"),
            "before `created`",
            None,
        );
        ok = false;
    }
    if raw.ticket.as_deref().is_none_or(str::is_empty)
        && raw.link.as_deref().is_none_or(str::is_empty)
    {
        ctx.error(
            "waivers::missing-key",
            span.clone(),
            "a waiver needs a `ticket` or a `link` where the exception was decided",
            "in this waiver",
            None,
        );
        ok = false;
    }
    let approved_by = match &raw.approved_by.email {
        Some(email) if !raw.approved_by.name.trim().is_empty() => {
            format!("{} <{email}>", raw.approved_by.name.trim())
        }
        Some(email) => email.clone(),
        None => raw.approved_by.name.trim().to_string(),
    };
    if raw.reason.trim().is_empty() || approved_by.trim().is_empty() {
        ctx.error(
            "waivers::missing-key",
            span.clone(),
            "a waiver needs a non-empty `reason` and `approved-by`",
            "in this waiver",
            None,
        );
        ok = false;
    }
    let path = match &raw.path {
        None => None,
        Some(p) => match ctx.glob(p, false) {
            Some(g) => Some((p.get_ref().clone(), g.compile_matcher())),
            None => {
                ok = false;
                None
            }
        },
    };
    if !ok {
        return None;
    }
    let (line, _) = line_column(text, span.start);
    let key = identity(
        raw.id.as_deref(),
        &raw.control,
        raw.code.as_deref(),
        raw.path.as_ref().map(|p| p.get_ref().as_str()),
    );
    Some(Waiver {
        key,
        first_commit: None,
        id: raw
            .id
            .unwrap_or_else(|| format!("{}#{}", raw.control, index + 1)),
        control: raw.control,
        code: raw.code,
        path,
        reason: raw.reason,
        ticket: raw.ticket,
        link: raw.link,
        approved_by,
        created: created?,
        expires: expires?,
        defined_at: format!("{display}:{line}"),
    })
}
