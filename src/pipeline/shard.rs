//! Which part of a scan one machine checks: `--shard I/N` and the CI variables that name it, and
//! the partition of repositories into shards.
//!
//! The partition is rendezvous (highest random weight) hashing with SHA-256: repository `r`
//! belongs to the shard `j` in `0..n` with the largest weight `W(r, j)`, the first 8 bytes (big
//! endian) of `SHA-256(r || 0x00 || j as 8 bytes big endian)`; ties go to the lower `j`. `r` is
//! the repository's path relative to the scan root, `/`-separated (with `--repos`, its
//! identity: `pipeline::remote::Listed`). The result depends on
//! nothing but `r` and `n`, so it is the same on every machine and in every run; adding or
//! removing a repository moves no other, and going from `n` to `n + 1` shards moves only about
//! `1 / (n + 1)` of them (those whose new weight wins).

use sha2::{Digest, Sha256};

/// Shard `index` (0-based) of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub total: usize,
    /// Where the shard came from, for the scan's summary.
    pub source: ShardSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShardSource {
    /// `--shard I/N`, 1-based.
    Flag,
    /// `--shard-index I --shard-total N`, 0-based.
    IndexFlags,
    /// `JOB_COMPLETION_INDEX` (0-based) with `--shard-total` or `GONOGO_SHARD_TOTAL`.
    KubernetesIndexedJob,
    /// `CI_NODE_INDEX` and `CI_NODE_TOTAL`, 1-based.
    GitLabParallel,
}

impl Shard {
    /// How people name it: 1-based, `2/4`.
    pub fn label(&self) -> String {
        format!("{}/{}", self.index + 1, self.total)
    }

    /// Whether the repository named `identity` belongs to this shard.
    pub fn holds(&self, identity: &str) -> bool {
        owner(identity, self.total) == self.index
    }
}

/// The shard (0-based, below `total`) the repository named `identity` belongs to.
pub fn owner(identity: &str, total: usize) -> usize {
    let mut best = (0u64, 0usize);
    for j in 0..total.max(1) {
        let w = weight(identity, j as u64);
        if j == 0 || w > best.0 {
            best = (w, j);
        }
    }
    best.1
}

fn weight(identity: &str, shard: u64) -> u64 {
    let mut h = Sha256::new();
    h.update(identity.as_bytes());
    h.update([0u8]);
    h.update(shard.to_be_bytes());
    let d = h.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&d[..8]);
    u64::from_be_bytes(first)
}

/// Why the shard could not be chosen; said in the scan's language ([`ShardError::say`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShardError {
    /// `--shard` that is not `I/N`.
    NotIOverN {
        text: String,
    },
    /// A part of `I/N`, or a variable, that is not a number.
    NotANumber {
        source: String,
        value: String,
    },
    /// `N` is 0.
    NoShards {
        source: String,
    },
    /// `I` outside `1..=N` (or `0..N`).
    OutOfRange {
        source: String,
        total: usize,
    },
    FlagAndIndex,
    IndexNeedsTotal,
    JobIndexNeedsTotal,
    CiIndexNeedsTotal,
    TotalNeedsIndex,
}

impl ShardError {
    pub fn say(&self, lang: crate::playbook::Language) -> String {
        let de = lang == crate::playbook::Language::De;
        match self {
            ShardError::NotIOverN { text } if de => {
                format!("--shard {text:?} hat nicht die Form I/N (ab 1 gezählt, z. B. 1/4)")
            }
            ShardError::NotIOverN { text } => {
                format!("--shard {text:?} is not I/N (1-based, e.g. 1/4)")
            }
            ShardError::NotANumber { source, value } if de => {
                format!("{source}: {value:?} ist keine Zahl")
            }
            ShardError::NotANumber { source, value } => {
                format!("{source}: {value:?} is not a number")
            }
            ShardError::NoShards { source } if de => {
                format!("{source}: die Zahl der Teile (Shards) muss mindestens 1 sein")
            }
            ShardError::NoShards { source } => {
                format!("{source}: the number of shards must be at least 1")
            }
            ShardError::OutOfRange { source, total } if de => format!(
                "{source}: der Teil muss zwischen 1 und {total} (ab 1 gezählt) oder zwischen 0 und {} (ab 0 gezählt) liegen",
                total - 1
            ),
            ShardError::OutOfRange { source, total } => format!(
                "{source}: the shard must lie between 1 and {total} (1-based), or 0 and {} (0-based)",
                total - 1
            ),
            ShardError::FlagAndIndex if de => {
                "entweder --shard I/N (ab 1 gezählt) oder --shard-index (ab 0 gezählt) angeben".into()
            }
            ShardError::FlagAndIndex => {
                "give either --shard I/N (1-based) or --shard-index (0-based)".into()
            }
            ShardError::IndexNeedsTotal if de => "--shard-index braucht --shard-total N".into(),
            ShardError::IndexNeedsTotal => "--shard-index needs --shard-total N".into(),
            ShardError::JobIndexNeedsTotal if de => "JOB_COMPLETION_INDEX ist gesetzt: die Zahl der Teile mit --shard-total N oder GONOGO_SHARD_TOTAL angeben (die completions des Jobs)".into(),
            ShardError::JobIndexNeedsTotal => "JOB_COMPLETION_INDEX is set: give the number of shards with --shard-total N or GONOGO_SHARD_TOTAL (the Job's completions)".into(),
            ShardError::CiIndexNeedsTotal if de => {
                "CI_NODE_INDEX ist gesetzt, CI_NODE_TOTAL aber nicht".into()
            }
            ShardError::CiIndexNeedsTotal => "CI_NODE_INDEX is set but CI_NODE_TOTAL is not".into(),
            ShardError::TotalNeedsIndex if de => {
                "--shard-total braucht --shard-index oder JOB_COMPLETION_INDEX".into()
            }
            ShardError::TotalNeedsIndex => {
                "--shard-total needs --shard-index or JOB_COMPLETION_INDEX".into()
            }
        }
    }
}

impl std::fmt::Display for ShardError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.say(crate::playbook::Language::En))
    }
}

/// `I/N`, 1-based: `1/4` … `4/4`.
pub fn parse_one_based(text: &str) -> Result<(usize, usize), ShardError> {
    let (i, n) = text.split_once('/').ok_or_else(|| ShardError::NotIOverN {
        text: text.to_string(),
    })?;
    let number = |part: &str| {
        part.trim()
            .parse::<usize>()
            .map_err(|_| ShardError::NotANumber {
                source: format!("{text:?}"),
                value: part.to_string(),
            })
    };
    let (i, n) = (number(i)?, number(n)?);
    check(i.checked_sub(1), n, text).map(|i| (i, n))
}

fn check(index0: Option<usize>, total: usize, source: &str) -> Result<usize, ShardError> {
    if total == 0 {
        return Err(ShardError::NoShards {
            source: source.to_string(),
        });
    }
    match index0 {
        Some(i) if i < total => Ok(i),
        _ => Err(ShardError::OutOfRange {
            source: source.to_string(),
            total,
        }),
    }
}

/// The flags and the environment a shard can come from.
#[derive(Debug, Default, Clone)]
pub struct ShardInputs {
    /// `--shard I/N` (1-based).
    pub shard: Option<String>,
    /// `--shard-index I` (0-based).
    pub index: Option<usize>,
    /// `--shard-total N`.
    pub total: Option<usize>,
    /// `JOB_COMPLETION_INDEX`, `GONOGO_SHARD_TOTAL`, `CI_NODE_INDEX`, `CI_NODE_TOTAL`.
    pub env: Vec<(String, String)>,
}

impl ShardInputs {
    /// The variables this reads, from the process environment.
    pub fn env_from_process() -> Vec<(String, String)> {
        [
            "JOB_COMPLETION_INDEX",
            "GONOGO_SHARD_TOTAL",
            "CI_NODE_INDEX",
            "CI_NODE_TOTAL",
        ]
        .into_iter()
        .filter_map(|k| std::env::var(k).ok().map(|v| (k.to_string(), v)))
        .collect()
    }

    fn var(&self, name: &str) -> Option<&str> {
        self.env
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }
}

/// The shard to check, in this order: `--shard I/N`; `--shard-index I --shard-total N`;
/// `JOB_COMPLETION_INDEX` with `--shard-total N` or `GONOGO_SHARD_TOTAL`; `CI_NODE_INDEX` with
/// `CI_NODE_TOTAL`. `None`: the whole list.
pub fn resolve(inputs: &ShardInputs) -> Result<Option<Shard>, ShardError> {
    let number = |name: &str, v: &str| {
        v.parse::<usize>().map_err(|_| ShardError::NotANumber {
            source: name.to_string(),
            value: v.to_string(),
        })
    };
    if let Some(text) = &inputs.shard {
        if inputs.index.is_some() {
            return Err(ShardError::FlagAndIndex);
        }
        let (index, total) = parse_one_based(text)?;
        return Ok(Some(Shard {
            index,
            total,
            source: ShardSource::Flag,
        }));
    }
    if let Some(i) = inputs.index {
        let total = inputs.total.ok_or(ShardError::IndexNeedsTotal)?;
        let index = check(Some(i), total, &format!("--shard-index {i}"))?;
        return Ok(Some(Shard {
            index,
            total,
            source: ShardSource::IndexFlags,
        }));
    }
    if let Some(v) = inputs.var("JOB_COMPLETION_INDEX") {
        let i = number("JOB_COMPLETION_INDEX", v)?;
        let total = match (inputs.total, inputs.var("GONOGO_SHARD_TOTAL")) {
            (Some(n), _) => n,
            (None, Some(t)) => number("GONOGO_SHARD_TOTAL", t)?,
            (None, None) => return Err(ShardError::JobIndexNeedsTotal),
        };
        let index = check(Some(i), total, &format!("JOB_COMPLETION_INDEX={i}"))?;
        return Ok(Some(Shard {
            index,
            total,
            source: ShardSource::KubernetesIndexedJob,
        }));
    }
    if let Some(v) = inputs.var("CI_NODE_INDEX") {
        let i = number("CI_NODE_INDEX", v)?;
        let total = match (inputs.total, inputs.var("CI_NODE_TOTAL")) {
            (Some(n), _) => n,
            (None, Some(t)) => number("CI_NODE_TOTAL", t)?,
            (None, None) => return Err(ShardError::CiIndexNeedsTotal),
        };
        let index = check(i.checked_sub(1), total, &format!("CI_NODE_INDEX={i}"))?;
        return Ok(Some(Shard {
            index,
            total,
            source: ShardSource::GitLabParallel,
        }));
    }
    if inputs.total.is_some() {
        return Err(ShardError::TotalNeedsIndex);
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_said_in_english_and_german() {
        use crate::playbook::Language::{De, En};
        let e = parse_one_based("3").unwrap_err();
        assert_eq!(e.say(En), "--shard \"3\" is not I/N (1-based, e.g. 1/4)");
        assert!(e.say(De).contains("hat nicht die Form I/N"));
        let e = parse_one_based("5/4").unwrap_err();
        assert_eq!(
            e.say(En),
            "5/4: the shard must lie between 1 and 4 (1-based), or 0 and 3 (0-based)"
        );
        assert!(e.say(De).contains("zwischen 1 und 4"));
        let e = parse_one_based("x/4").unwrap_err();
        assert_eq!(e.say(De), "\"x/4\": \"x\" ist keine Zahl");
    }

    fn env(pairs: &[(&str, &str)]) -> ShardInputs {
        ShardInputs {
            env: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..ShardInputs::default()
        }
    }

    #[test]
    fn the_weights_are_fixed() {
        // SHA-256 of "team-a/svc", 0x00, 8 zero bytes: pinned, so the partition cannot change unseen.
        assert_eq!(weight("team-a/svc", 0), 0x15c4_1155_2f9a_5ba9);
        assert_ne!(weight("team-a/svc", 0), weight("team-a/svc", 1));
        assert_eq!(owner("anything", 1), 0);
        assert_eq!(owner("anything", 0), 0);
    }

    #[test]
    fn flags_and_variables() {
        let flag = ShardInputs {
            shard: Some("1/4".into()),
            ..ShardInputs::default()
        };
        assert_eq!(resolve(&flag).unwrap().unwrap().index, 0);
        let idx = ShardInputs {
            index: Some(3),
            total: Some(4),
            ..ShardInputs::default()
        };
        assert_eq!(resolve(&idx).unwrap().unwrap().label(), "4/4");
        assert!(
            resolve(&ShardInputs {
                shard: Some("0/4".into()),
                ..ShardInputs::default()
            })
            .is_err()
        );
        assert!(
            resolve(&ShardInputs {
                shard: Some("5/4".into()),
                ..ShardInputs::default()
            })
            .is_err()
        );
        let k = resolve(&env(&[
            ("JOB_COMPLETION_INDEX", "0"),
            ("GONOGO_SHARD_TOTAL", "3"),
        ]))
        .unwrap()
        .unwrap();
        assert_eq!((k.index, k.total), (0, 3));
        assert!(resolve(&env(&[("JOB_COMPLETION_INDEX", "0")])).is_err());
        let g = resolve(&env(&[("CI_NODE_INDEX", "2"), ("CI_NODE_TOTAL", "3")]))
            .unwrap()
            .unwrap();
        assert_eq!(
            (g.index, g.total, g.source),
            (1, 3, ShardSource::GitLabParallel)
        );
        assert!(resolve(&env(&[("CI_NODE_INDEX", "0"), ("CI_NODE_TOTAL", "3")])).is_err());
        assert_eq!(resolve(&env(&[])).unwrap(), None);
    }

    #[test]
    fn shards_are_complete_disjoint_and_stable() {
        let names: Vec<String> = (0..1000)
            .map(|i| format!("team-{}/svc-{i}", i % 7))
            .collect();
        for n in [1, 2, 4, 7, 16] {
            let mut seen = vec![0usize; names.len()];
            for j in 0..n {
                for (k, name) in names.iter().enumerate() {
                    if owner(name, n) == j {
                        seen[k] += 1;
                    }
                }
            }
            assert!(seen.iter().all(|c| *c == 1), "n={n}");
        }
        // One more shard moves about a fifth of 1,000 from 4 to 5 shards, never much more.
        let moved = names.iter().filter(|s| owner(s, 4) != owner(s, 5)).count();
        assert!(moved < 1000 / 5 + 60, "{moved}");
        assert!(
            names
                .iter()
                .all(|s| owner(s, 5) == 4 || owner(s, 4) == owner(s, 5))
        );
    }
}
