//! The control kinds a playbook may name, as the playbook sees them: a name and a compiler of
//! the parameters. The controls stage implements these traits (`controls::REGISTRY`), so the
//! playbook holds each control's compiled parameters without knowing any control.

use std::any::Any;
use std::fmt::Debug;

use toml::Spanned;
use toml::de::DeTable;

use super::compile::Ctx;

/// A control's parameters after its kind validated them.
pub trait ControlParams: Debug + Send + Sync {
    /// For the kind that compiled them, to get its own type back.
    fn as_any(&self) -> &dyn Any;

    /// Which files' content the control reads. A kind that cannot say it narrowly reads
    /// [`Reads::Everything`], the safe answer: whoever fetches only what is read (a blobless
    /// clone, docs/scaling.md) then fetches every file for it.
    fn reads(&self) -> Reads {
        Reads::Everything
    }
}

/// The files whose content a control reads (paths alone, such as a forbidden file's name, need
/// no content).
#[derive(Debug, Clone)]
pub enum Reads {
    /// Only files matched by one of these sets (each as the playbook compiled it, case rules
    /// included); no set: no content at all.
    Matching(Vec<globset::GlobSet>),
    /// Any file may be read.
    Everything,
}

impl Reads {
    /// Whether the control may read `path`'s content.
    pub fn path(&self, path: &str) -> bool {
        match self {
            Reads::Everything => true,
            Reads::Matching(sets) => {
                let candidate = globset::Candidate::new(path);
                sets.iter().any(|s| s.is_match_candidate(&candidate))
            }
        }
    }
}

impl super::Playbook {
    /// What each control reads, by control id, in playbook order: the content a check of this
    /// playbook may read, besides the policy files themselves.
    pub fn reads(&self) -> Vec<(&str, Reads)> {
        self.controls
            .iter()
            .map(|c| (c.id.as_str(), c.params.reads()))
            .collect()
    }
}

/// A documented parameter of a control kind, as the JSON Schema of the playbook describes it.
#[derive(Debug, Clone, Copy)]
pub struct ParamDoc {
    pub name: &'static str,
    /// The type as `gonogo controls` writes it: `[glob]`, `bool`, `integer`, `duration`, …
    pub ty: &'static str,
    /// The default as written in the docs (`[]`, `1`, `"auto"`, `the required files`).
    pub default: &'static str,
    pub doc: &'static str,
}

/// A control kind with its documentation, for the JSON Schema of the playbook.
#[derive(Debug, Clone)]
pub struct KindDoc {
    pub name: &'static str,
    pub summary: &'static str,
    pub params: Vec<ParamDoc>,
}

/// Every control kind a playbook may use.
pub trait ControlKinds: Sync {
    /// Every kind with its summary and parameters, in the registry's order.
    fn docs(&self) -> Vec<KindDoc> {
        Vec::new()
    }

    /// The names of every kind, for "did you mean" and the list in an unknown-kind error.
    fn names(&self) -> Vec<&'static str>;

    /// The canonical name of `kind`, or `None` when there is no such kind.
    fn find(&self, kind: &str) -> Option<&'static str>;

    /// Validates the parameters of a control of kind `kind` (a name `find` returned): each
    /// problem is reported through `ctx` at its span; `None` when there was one.
    fn compile(
        &self,
        kind: &str,
        params: Spanned<DeTable<'_>>,
        ctx: &mut Ctx<'_>,
    ) -> Option<Box<dyn ControlParams>>;
}
