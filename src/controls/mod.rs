//! Control kinds: the registry, and the dispatch from a compiled control to its check.
//! Each kind is a pure function of its parameters and the snapshot.

pub mod adr;
pub mod change_rules;
pub mod changes;
pub mod codeowners;
pub mod decision_rights;
pub mod dod;
pub mod files;
pub mod fixes;
pub mod freshness;
pub mod gate_evidence;
pub mod handover;
pub mod keys;
pub mod markdown;
pub mod ownership;
pub mod release;
pub mod risks;
pub mod runbook;
pub mod testing;

use toml::Spanned;
use toml::de::DeTable;

use crate::evidence::messages::{Arg, Said};
use crate::evidence::{EvidenceItem, Finding};
use crate::playbook::compile::Ctx;
use crate::playbook::{ControlKinds, ControlParams};
use crate::snapshot::Snapshot;
use std::collections::BTreeMap;

/// Compiled parameters of one control, by kind.
#[derive(Debug)]
pub enum Params {
    Files(files::Params),
    Changes(changes::Params),
    Release(release::Params),
    Runbook(runbook::Params),
    Dod(dod::Params),
    Tests(testing::Params),
    Ownership(ownership::Params),
    Adr(adr::Params),
    GateEvidence(gate_evidence::Params),
    Risks(risks::Params),
    DecisionRights(decision_rights::Params),
    Handover(handover::Params),
}

/// A documented parameter of a control kind.
pub struct ParamInfo {
    pub name: &'static str,
    pub ty: &'static str,
    pub default: &'static str,
    pub doc: &'static str,
}

/// A documented finding code.
pub struct CodeInfo {
    pub code: &'static str,
    pub doc: &'static str,
}

type CompileFn = for<'a, 'b, 'c> fn(Spanned<DeTable<'a>>, &mut Ctx<'b>) -> Option<Params>;

/// One control kind: its name, documentation, and parameter compiler.
pub struct KindInfo {
    pub name: &'static str,
    pub summary: &'static str,
    pub params: &'static [ParamInfo],
    pub codes: &'static [CodeInfo],
    pub compile: CompileFn,
}

/// Every control kind gonogo knows. `docs/controls.md` is checked against this list.
pub const KINDS: &[KindInfo] = &[
    files::KIND,
    adr::KIND,
    runbook::KIND,
    dod::KIND,
    changes::KIND,
    release::KIND,
    testing::KIND,
    ownership::KIND,
    gate_evidence::KIND,
    risks::KIND,
    decision_rights::KIND,
    handover::KIND,
];

pub fn kind(name: &str) -> Option<&'static KindInfo> {
    KINDS.iter().find(|k| k.name == name)
}

/// The kinds as the playbook loader sees them: pass `&REGISTRY` to `playbook::load*`.
pub struct Registry;

pub static REGISTRY: Registry = Registry;

impl ControlKinds for Registry {
    fn docs(&self) -> Vec<crate::playbook::kinds::KindDoc> {
        KINDS
            .iter()
            .map(|k| crate::playbook::kinds::KindDoc {
                name: k.name,
                summary: k.summary,
                params: k
                    .params
                    .iter()
                    .map(|p| crate::playbook::kinds::ParamDoc {
                        name: p.name,
                        ty: p.ty,
                        default: p.default,
                        doc: p.doc,
                    })
                    .collect(),
            })
            .collect()
    }

    fn names(&self) -> Vec<&'static str> {
        KINDS.iter().map(|k| k.name).collect()
    }

    fn find(&self, kind: &str) -> Option<&'static str> {
        self::kind(kind).map(|k| k.name)
    }

    fn compile(
        &self,
        kind: &str,
        params: Spanned<DeTable<'_>>,
        ctx: &mut Ctx<'_>,
    ) -> Option<Box<dyn ControlParams>> {
        let compiled = (self::kind(kind)?.compile)(params, ctx)?;
        Some(Box::new(compiled))
    }
}

/// The compiled parameters of a playbook control; `None` for parameters of another origin.
pub fn params_of(params: &dyn ControlParams) -> Option<&Params> {
    params.as_any().downcast_ref::<Params>()
}

impl ControlParams for Params {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    /// `files` says which files it reads and `changes` reads paths only; the other kinds
    /// discover what they read (records, sections, ecosystems) and answer that they may read
    /// anything.
    fn reads(&self) -> crate::playbook::Reads {
        match self {
            Params::Files(p) => p.reads(),
            Params::Changes(_) => crate::playbook::Reads::Matching(Vec::new()),
            _ => crate::playbook::Reads::Everything,
        }
    }
}

/// What a control found and what it looked at.
#[derive(Debug, Default)]
pub struct Outcome {
    pub findings: Vec<Finding>,
    pub evidence: Vec<EvidenceItem>,
    /// Set when the control's scope matched nothing.
    pub not_applicable: Option<String>,
    /// Set when the control could not be evaluated.
    pub error: Option<String>,
    /// Records read, reported as data in their own order (e.g. the decision log).
    pub records: Vec<crate::evidence::Record>,
    /// The catalogue message of `error` or `not_applicable`, for reports in German.
    pub reason_said: Option<Said>,
    /// The risk register read, as data (a `risks` control).
    pub risks: Option<crate::evidence::risks::RiskRegister>,
}

impl Outcome {
    pub fn not_applicable(reason: impl Into<String>) -> Self {
        Outcome {
            not_applicable: Some(reason.into()),
            ..Outcome::default()
        }
    }
    /// Not applicable, for a reason from the message catalogue.
    pub fn not_applicable_because(key: &str, args: BTreeMap<String, Arg>) -> Self {
        let (text, said) = crate::evidence::messages::say(key, args);
        Outcome {
            not_applicable: Some(text),
            reason_said: Some(said),
            ..Outcome::default()
        }
    }
    /// Marks the control as not evaluated, for a reason from the message catalogue.
    pub fn fail_to_evaluate(&mut self, key: &str, args: BTreeMap<String, Arg>) {
        let (text, said) = crate::evidence::messages::say(key, args);
        self.error = Some(text);
        self.reason_said = Some(said);
    }
}

/// Facts of one run that controls may use besides the snapshot.
#[derive(Debug, Clone, Default)]
pub struct RunContext {
    /// The version being released (`--release-version`, or the tag being checked, without a leading `v`).
    pub release_version: Option<String>,
    /// The date the check speaks for (`--as-of`, else SOURCE_DATE_EPOCH, else the clock; see
    /// [`crate::support::dates`]). Age checks (stale reviews, old proposals) compare against it, never
    /// against a commit date, which the commit's author sets.
    pub as_of: Option<jiff::Timestamp>,
    /// In a release gate without a change set: the changes since the previous release, which
    /// `changes` controls compare with, or why there is none.
    pub release_window: Option<Result<crate::snapshot::base::ReleaseWindow, String>>,
    /// The playbook's roles: who is who, for controls that judge names (`decision-rights`).
    pub roles: Vec<crate::playbook::schema::Role>,
}

/// Folder names of test code and test data: numbered records there are no decision log (adr-j
/// keeps expected records in `src/test/resources/…`, log4brains a whole project in
/// `integration-tests/`), and a binary key store there is a test certificate.
pub const TEST_FOLDERS: &[&str] = &[
    "test",
    "tests",
    "testdata",
    "test-data",
    "fixtures",
    "__fixtures__",
    "__tests__",
    "integration-tests",
    "e2e",
    "spec",
];

/// Runs one control. Its parameters were compiled by [`REGISTRY`]; parameters of another origin
/// cannot be evaluated, which is an error, never a pass.
pub fn run(params: &dyn ControlParams, snapshot: &Snapshot, ctx: &RunContext) -> Outcome {
    let Some(params) = params_of(params) else {
        return Outcome {
            error: Some("the control's parameters were not compiled by gonogo's controls".into()),
            ..Outcome::default()
        };
    };
    match params {
        Params::Files(p) => files::run(p, snapshot, ctx),
        Params::Changes(p) => changes::run(p, snapshot, ctx),
        Params::Release(p) => release::run(p, snapshot, ctx),
        Params::Runbook(p) => runbook::run(p, snapshot, ctx),
        Params::Dod(p) => dod::run(p, snapshot, ctx),
        Params::Tests(p) => testing::run(p, snapshot, ctx),
        Params::Ownership(p) => ownership::run(p, snapshot, ctx),
        Params::Adr(p) => adr::run(p, snapshot, ctx),
        Params::GateEvidence(p) => gate_evidence::run(p, snapshot, ctx),
        Params::Risks(p) => risks::run(p, snapshot, ctx),
        Params::DecisionRights(p) => decision_rights::run(p, snapshot, ctx),
        Params::Handover(p) => handover::run(p, snapshot, ctx),
    }
}

/// An evidence item for a path at the snapshot's state.
pub fn evidence_for(
    snapshot: &Snapshot,
    path: &str,
    line: Option<u32>,
    excerpt: Option<&str>,
    note: impl Into<String>,
) -> EvidenceItem {
    EvidenceItem {
        path: path.to_string(),
        blob: snapshot.blob_id(path),
        line,
        excerpt: excerpt.map(short_excerpt),
        note: Some(note.into()),
    }
}

/// A line shortened for evidence: trimmed, at most 160 characters.
pub fn short_excerpt(line: &str) -> String {
    let line = line.trim();
    if line.chars().count() <= 160 {
        return line.to_string();
    }
    let mut s: String = line.chars().take(159).collect();
    s.push('…');
    s
}

/// 1-based line number of a byte offset.
pub fn line_of(text: &str, offset: usize) -> u32 {
    let offset = offset.min(text.len());
    (text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1) as u32
}

/// The whole line containing a byte offset.
pub fn line_at(text: &str, offset: usize) -> &str {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    text[start..end].trim_end_matches('\r')
}

/// Why the history could not be read, as a message of the catalogue.
pub fn history_said(e: &crate::snapshot::history::HistoryError) -> Said {
    use crate::evidence::messages::args;
    use crate::snapshot::history::HistoryError;
    let (key, a) = match e {
        HistoryError::Shallow(why) => ("history/shallow", args([("why", why.into())])),
        HistoryError::NoCommit(why) => ("history/no-commit", args([("why", why.into())])),
        HistoryError::Limit(n) => ("history/limit", args([("n", (*n).into())])),
        HistoryError::Git(why) => ("history/git", args([("why", why.into())])),
    };
    Said {
        key: key.into(),
        args: a,
    }
}

/// Why the history could not be read, as a phrase for a placeholder.
pub fn history_phrase(e: &crate::snapshot::history::HistoryError) -> Arg {
    Arg::Phrase {
        phrase: Box::new(history_said(e)),
    }
}

impl Outcome {
    /// Marks the control as not evaluated, for a reason already made from the catalogue.
    pub fn fail_with(&mut self, said: Said) {
        self.fail_to_evaluate(&said.key, said.args);
    }
    /// Marks the control as not evaluated, for the reason a finding would have given.
    pub fn fail_as(&mut self, f: Finding) {
        match f.said {
            Some(said) => self.fail_with(said),
            None => self.error = Some(f.message),
        }
    }
}
