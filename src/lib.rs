//! gonogo: governance playbook in, go/no-go evidence out.
//!
//! The pipeline: [`playbook`] → [`snapshot`] → [`controls`] → [`verdict`] → [`evidence`] → [`render`].
//! The library API is [`check`] and [`render::render`]; the CLI only wires them.

pub mod approvals;
pub mod base;
pub mod baseline;
pub mod canonical;
pub mod change_rules;
pub mod check;
pub mod cli;
pub mod controls;
pub mod dates;
pub mod duration;
pub mod evidence;
pub mod freshness;
pub mod hook;
pub mod i18n;
pub mod json_diff;
pub mod limits;
pub mod markdown;
pub mod notes;
pub mod playbook;
pub mod playbook_test;
pub mod policy;
pub mod portfolio;
pub mod render;
pub mod run;
pub mod scan;
pub mod snapshot;
pub mod trend;
pub mod verdict;
pub mod verify;
pub mod waiver_age;
pub mod waivers;

pub use check::{CheckError, CheckOptions, check, version_of_tag};
