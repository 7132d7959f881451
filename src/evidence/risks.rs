//! A risk register as the `risks` control read it: each risk with its score, traffic light and
//! trend, the bands the lights come from, and the trend of the whole register. Plain data, so
//! the reports draw the risk matrix without judging anything again.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The register of one `risks` control.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RiskRegister {
    /// The register file.
    pub path: String,
    /// `markdown` or `toml`.
    pub format: String,
    pub bands: RiskBands,
    /// Every risk, in the register's order.
    pub risks: Vec<RiskRecord>,
    /// The trend against an earlier state of the register; `None` when there is none to compare.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trend: Option<RegisterTrend>,
}

/// Which scores (likelihood × impact, 1–25) are green and amber; the rest is red.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RiskBands {
    /// The highest green score.
    pub green_max: u8,
    /// The highest amber score; a score above it is red.
    pub amber_max: u8,
}

impl RiskBands {
    pub fn light(&self, score: u8) -> Light {
        if score <= self.green_max {
            Light::Green
        } else if score <= self.amber_max {
            Light::Amber
        } else {
            Light::Red
        }
    }
}

/// A traffic light.
#[derive(
    Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "lowercase")]
pub enum Light {
    Green,
    Amber,
    Red,
}

impl Light {
    /// The letter printed beside the colour, so the light reads in greyscale too.
    pub fn letter(self) -> &'static str {
        match self {
            Light::Green => "G",
            Light::Amber => "A",
            Light::Red => "R",
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Light::Green => "green",
            Light::Amber => "amber",
            Light::Red => "red",
        }
    }
}

/// How a risk moved since the earlier state.
#[derive(
    Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "lowercase")]
pub enum RiskTrend {
    /// Not in the earlier register.
    New,
    /// A higher score than before.
    Up,
    /// A lower score than before.
    Down,
    /// The same score.
    Same,
    /// Open before, closed now (or gone from the register).
    Closed,
}

impl RiskTrend {
    pub fn as_str(self) -> &'static str {
        match self {
            RiskTrend::New => "new",
            RiskTrend::Up => "up",
            RiskTrend::Down => "down",
            RiskTrend::Same => "same",
            RiskTrend::Closed => "closed",
        }
    }
    /// An arrow for tables: ↑ ↓ → ✚ ✓.
    pub fn arrow(self) -> &'static str {
        match self {
            RiskTrend::New => "✚",
            RiskTrend::Up => "↑",
            RiskTrend::Down => "↓",
            RiskTrend::Same => "→",
            RiskTrend::Closed => "✓",
        }
    }
}

/// One risk of the register.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RiskRecord {
    pub id: String,
    pub title: String,
    /// 1–5 (low/medium/high read as 1/3/5); `None` when not stated or not readable.
    pub likelihood: Option<u8>,
    pub impact: Option<u8>,
    /// likelihood × impact.
    pub score: Option<u8>,
    pub light: Option<Light>,
    pub owner: Option<String>,
    pub mitigation: Option<String>,
    /// `open`, `mitigating`, `accepted` or `closed`; `None` when not stated or not readable.
    pub status: Option<String>,
    /// The next review, YYYY-MM-DD.
    pub review: Option<String>,
    /// The linked decision record as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adr: Option<String>,
    /// The linked decision record's status, when it was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adr_status: Option<String>,
    /// The line of the risk in the register.
    pub line: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trend: Option<RiskTrend>,
    /// The score in the earlier register.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_score: Option<u8>,
}

impl RiskRecord {
    /// Whether the risk counts: neither closed nor without a status that could be read as closed.
    pub fn is_live(&self) -> bool {
        self.status.as_deref() != Some("closed")
    }
}

/// The register against an earlier state of itself.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RegisterTrend {
    /// What was compared with: `release` (the previous release tag) or `date` (N days ago).
    pub against: String,
    /// The release tag, or the date asked for (YYYY-MM-DD).
    pub reference: String,
    /// The commit whose register was read.
    pub commit: String,
    /// Risks in each trend.
    pub new: u32,
    pub up: u32,
    pub down: u32,
    pub same: u32,
    pub closed: u32,
    /// Risks of the earlier register that are gone from this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gone: Vec<String>,
    /// The sum of the scores of the live risks, then and now.
    pub previous_total: u32,
    pub total: u32,
    /// `up`, `down` or `same`: the register's total score.
    pub direction: RiskTrend,
}
