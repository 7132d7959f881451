//! `[[control]]` entries: each table parsed, its id, kind, scopes and freshness checked, and its
//! parameters compiled through the `ControlKinds` trait.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Loader, RESERVED_IDS};
use crate::playbook::compile::edit_distance;
use crate::playbook::diagnostics::line_column;
use crate::playbook::schema::*;

impl Loader<'_> {
    pub(super) fn parse_controls(
        &mut self,
        source: usize,
        value: Spanned<DeValue<'_>>,
    ) -> Vec<Control> {
        let span = value.span();
        let DeValue::Array(items) = value.into_inner() else {
            self.ctx(source).error(
                "playbook::wrong-type",
                span,
                "`control` must be an array of tables, written `[[control]]`",
                "not an array of tables",
                None,
            );
            return Vec::new();
        };
        let mut controls: Vec<Control> = Vec::new();
        let mut seen: Vec<(String, Range<usize>)> = Vec::new();
        for item in items {
            let item_span = item.span();
            let DeValue::Table(table) = item.into_inner() else {
                self.ctx(source).error(
                    "playbook::wrong-type",
                    item_span,
                    "each control must be a table",
                    "not a table",
                    None,
                );
                continue;
            };
            let Some(control) = self.parse_control(source, Spanned::new(item_span, table)) else {
                continue;
            };
            if let Some((_, first)) = seen.iter().find(|(id, _)| *id == control.0.id) {
                let (line, _) = line_column(&self.sources[source].text, first.start);
                self.ctx(source).error(
                    "playbook::duplicate-id",
                    control.1.clone(),
                    format!(
                        "the control id `{}` is defined twice in this file",
                        control.0.id
                    ),
                    "defined again here",
                    Some(format!(
                        "the first definition is on line {line}; ids must be unique"
                    )),
                );
                continue;
            }
            seen.push((control.0.id.clone(), control.1));
            controls.push(control.0);
        }
        controls
    }

    /// Returns the control and the span of its id.
    pub(super) fn parse_control(
        &mut self,
        source: usize,
        table: Spanned<DeTable<'_>>,
    ) -> Option<(Control, Range<usize>)> {
        let span = table.span();
        let mut common = DeTable::default();
        let mut params = DeTable::default();
        let text = self.sources[source].text.clone();
        let mut settings: Vec<(String, String)> = table
            .get_ref()
            .iter()
            .filter(|(k, _)| !DESCRIPTIVE_KEYS.contains(&k.get_ref().as_ref()))
            .map(|(k, v)| (k.get_ref().to_string(), compact(&text[v.span()])))
            .collect();
        settings.sort();
        for (k, v) in table.into_inner() {
            if COMMON_KEYS.contains(&k.get_ref().as_ref()) {
                common.insert(k, v);
            } else {
                params.insert(k, v);
            }
        }
        let written = |key: &str| {
            common
                .get(key)
                .and_then(|v| v.get_ref().as_str().map(str::to_string))
        };
        let (written_id, written_kind) = (written("id"), written("kind"));
        let Some(common) = self
            .ctx(source)
            .table::<CommonRaw>(Spanned::new(span.clone(), common))
        else {
            // A mistake in the common keys (a wrong level) must not hide the mistakes in the
            // kind's parameters, nor make every gate that names the control fail as well.
            if let Some(id) = written_id {
                self.broken.push(id);
            }
            let kinds = self.kinds;
            if let Some(kind) = written_kind.as_deref().and_then(|k| kinds.find(k)) {
                let _ = kinds.compile(kind, Spanned::new(span, params), &mut self.ctx(source));
            }
            return None;
        };
        let id_span = common.id.span();
        let id_str = common.id.get_ref().clone();
        let problems_before = self.problems.len();
        let control = self
            .compile_control(source, span, common, params)
            .map(|mut c| {
                c.settings = settings;
                c
            });
        if control.is_none() || self.problems.len() > problems_before {
            self.broken.push(id_str.clone());
        }
        control.map(|c| (c, id_span))
    }

    pub(super) fn compile_control(
        &mut self,
        source: usize,
        span: Range<usize>,
        common: CommonRaw,
        params: DeTable<'_>,
    ) -> Option<Control> {
        let id_span = common.id.span();
        let mut ok = true;
        if !valid_id(common.id.get_ref()) {
            self.ctx(source).error(
                "playbook::invalid-id",
                id_span.clone(),
                format!("`{}` is not a valid control id", common.id.get_ref()),
                "invalid id",
                Some("ids use lowercase letters, digits, `-`, `_` and `.`, starting with a letter or digit".into()),
            );
            ok = false;
        }
        if RESERVED_IDS.contains(&common.id.get_ref().as_str()) {
            self.ctx(source).error(
                "playbook::invalid-id",
                id_span.clone(),
                format!(
                    "`{}` is reserved for a result gonogo adds itself",
                    common.id.get_ref()
                ),
                "reserved id",
                Some(format!("reserved ids: {}", RESERVED_IDS.join(", "))),
            );
            ok = false;
        }
        let kind_name = common.kind.get_ref().as_str();
        let kinds = self.kinds;
        let Some(kind) = kinds.find(kind_name) else {
            let names = kinds.names();
            self.ctx(source).error(
                "playbook::unknown-kind",
                common.kind.span(),
                format!("unknown control kind `{kind_name}`"),
                "unknown kind",
                Some(format!(
                    "{}known kinds: {} (see `gonogo controls`)",
                    names
                        .iter()
                        .min_by_key(|n| edit_distance(n, kind_name))
                        .filter(|n| edit_distance(n, kind_name) <= 2)
                        .map(|n| format!("did you mean `{n}`? "))
                        .unwrap_or_default(),
                    names.join(", ")
                )),
            );
            return None;
        };
        let params = kinds.compile(
            kind,
            Spanned::new(span.clone(), params),
            &mut self.ctx(source),
        );
        let applies_if = self.scope(source, &common.applies_if, &mut ok);
        let only_if_changed = self.scope(source, &common.only_if_changed, &mut ok);
        let within = match &common.fresh_within {
            None => None,
            Some(text) => match crate::support::duration::parse(text.get_ref()) {
                Ok(span) => Some(span),
                Err(why) => {
                    self.ctx(source).error(
                        "playbook::invalid-value",
                        text.span(),
                        format!("`{}` is not a duration: {why}", text.get_ref()),
                        "not a duration",
                        Some(
                            "write e.g. \"90 days\", \"6 months\", \"2 weeks\" or \"1 year\""
                                .into(),
                        ),
                    );
                    ok = false;
                    None
                }
            },
        };
        let freshness =
            (within.is_some() || common.fresh_within_commits.is_some()).then_some(Freshness {
                within,
                commits: common.fresh_within_commits,
            });
        let params = params?;
        if !ok {
            return None;
        }
        let (line, column) = line_column(&self.sources[source].text, id_span.start);
        let waivable_by = common.waivable_by.map(|r| r.into_inner());
        let title = common
            .title
            .unwrap_or_else(|| super::super::forgiving::title_from_id(common.id.get_ref()));
        Some(Control {
            settings: Vec::new(),
            locked: common.locked || waivable_by.is_some(),
            waivable_by,
            defined: (source, id_span.clone()),
            id: common.id.into_inner(),
            kind,
            level: common.level,
            title,
            rationale: common.rationale,
            remediation: common.remediation,
            de: common.de,
            tags: common.tags,
            applies_if,
            only_if_changed,
            freshness,
            params,
            location: Location {
                source: self.sources[source].name.clone(),
                line,
                column,
            },
        })
    }

    /// Compiles an optional list of globs into a scope; clears `ok` on errors.
    pub(super) fn scope(
        &mut self,
        source: usize,
        patterns: &[Spanned<String>],
        ok: &mut bool,
    ) -> Option<Scope> {
        if patterns.is_empty() {
            return None;
        }
        match self.ctx(source).glob_set(patterns, false) {
            Some(set) => Some(Scope {
                patterns: patterns.iter().map(|p| p.get_ref().clone()).collect(),
                set,
            }),
            None => {
                *ok = false;
                None
            }
        }
    }
}

/// A TOML value's text on one line: whitespace runs become one space, comments go.
fn compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = match line.find('#') {
            // A `#` inside a string is kept: only strip when no quote precedes it.
            Some(i) if !line[..i].contains(['"', '\'']) => &line[..i],
            _ => line,
        };
        for word in line.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
        && id.len() <= 64
}
