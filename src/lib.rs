//! gonogo: governance playbook in, go/no-go evidence out.
//!
//! The pipeline: [`playbook`] and [`policy`] → [`snapshot`] → [`controls`] → [`verdict`] →
//! [`evidence`] → [`render`], run end to end by [`pipeline`]; [`commands`] are the thin CLI layer
//! over it. [`support`] and [`diagnostics`] may be used by every layer.
//! The library API is [`check`] and [`render::render`]; the CLI only wires them.

pub mod commands;
pub mod controls;
pub mod diagnostics;
pub mod evidence;
pub mod pipeline;
pub mod playbook;
pub mod policy;
pub mod portfolio;
pub mod render;
pub mod scaffold;
pub mod snapshot;
pub mod support;
pub mod verdict;

pub use pipeline::check::{CheckError, CheckOptions, check, version_of_tag};
