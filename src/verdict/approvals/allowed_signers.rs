//! git's `allowed_signers` file (the format of `ssh-keygen -Y verify`, ALLOWED SIGNERS in
//! ssh-keygen(1)): `principals [options] keytype base64 [comment]` per line.

use jiff::Timestamp;
use ssh_key::PublicKey;

/// One line of the file.
#[derive(Debug, Clone)]
pub struct AllowedSigner {
    pub line: usize,
    /// Comma-separated patterns (`*`, `?`, `!` negation), as written.
    pub principals: String,
    pub namespaces: Option<String>,
    pub valid_after: Option<Timestamp>,
    pub valid_before: Option<Timestamp>,
    /// A certificate authority line; certificates are not supported, so it trusts nothing.
    pub cert_authority: bool,
    pub key: PublicKey,
}

/// Parses the whole file; the first malformed line is an error naming it.
pub fn parse(text: &str) -> Result<Vec<AllowedSigner>, String> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        out.push(parse_line(line, i + 1).map_err(|e| format!("line {}: {e}", i + 1))?);
    }
    Ok(out)
}

fn parse_line(line: &str, number: usize) -> Result<AllowedSigner, String> {
    let (principals, rest) = field(line)?;
    let principals = principals.trim_matches('"').to_string();
    if principals.is_empty() || rest.is_empty() {
        return Err("expected `principals [options] keytype key`".into());
    }
    // ssh-keygen reads a key first and takes the field for options only when it is not one.
    let first = rest.split_whitespace().next().unwrap_or_default();
    let (options, key_text) = if first.parse::<ssh_key::Algorithm>().is_ok() {
        ("", rest)
    } else {
        let (opts, key) = field(rest)?;
        if key.is_empty() {
            return Err("no key after the options".into());
        }
        (opts, key)
    };
    let key =
        crate::playbook::parse_signing_key(key_text).map_err(|e| format!("invalid key: {e}"))?;
    let mut signer = AllowedSigner {
        line: number,
        principals,
        namespaces: None,
        valid_after: None,
        valid_before: None,
        cert_authority: false,
        key,
    };
    for option in split_unquoted(options, ',') {
        let (name, value) = match option.split_once('=') {
            Some((n, v)) => (n, Some(v.trim_matches('"'))),
            None => (option, None),
        };
        match (name.to_ascii_lowercase().as_str(), value) {
            ("cert-authority", None) => signer.cert_authority = true,
            ("namespaces", Some(v)) => signer.namespaces = Some(v.to_string()),
            ("valid-after", Some(v)) => signer.valid_after = Some(timestamp(v)?),
            ("valid-before", Some(v)) => signer.valid_before = Some(timestamp(v)?),
            _ => return Err(format!("unknown option `{option}`")),
        }
    }
    Ok(signer)
}

impl AllowedSigner {
    /// Whether `identity` (an e-mail address) matches the principals, compared without case.
    pub fn names(&self, identity: &str) -> bool {
        pattern_list_matches(&self.principals, identity)
    }

    /// Why this line does not trust a `git` signature at `at`, if it does not.
    pub fn refuses(&self, at: Option<Timestamp>) -> Option<String> {
        if self.cert_authority {
            return Some("it is a cert-authority line; certificates are not supported".into());
        }
        if let Some(ns) = &self.namespaces
            && !pattern_list_matches(ns, super::ssh::NAMESPACE)
        {
            return Some(format!("its namespaces (\"{ns}\") do not include `git`"));
        }
        if self.valid_after.is_none() && self.valid_before.is_none() {
            return None;
        }
        let Some(at) = at else {
            return Some("its validity cannot be judged without a reference date".into());
        };
        if let Some(after) = self.valid_after
            && at < after
        {
            return Some(format!("it is valid only after {after}"));
        }
        if let Some(before) = self.valid_before
            && at >= before
        {
            return Some(format!("it was valid only before {before}"));
        }
        None
    }
}

/// The next whitespace-delimited field, where double quotes protect spaces.
fn field(text: &str) -> Result<(&str, &str), String> {
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => return Ok((&text[..i], text[i..].trim_start())),
            _ => {}
        }
    }
    if quoted {
        return Err("unterminated quote".into());
    }
    Ok((text, ""))
}

fn split_unquoted(text: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut quoted, mut start) = (false, 0);
    for (i, c) in text.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if c == sep && !quoted {
            out.push(&text[start..i]);
            start = i + 1;
        }
    }
    out.push(&text[start..]);
    out.retain(|s| !s.is_empty());
    out
}

/// `YYYYMMDD`, `YYYYMMDDHHMM` or `YYYYMMDDHHMMSS`, optionally ending in `Z`. ssh-keygen reads
/// a time without `Z` as local time; gonogo reads every time as UTC, the same on every machine.
fn timestamp(text: &str) -> Result<Timestamp, String> {
    let digits = text.strip_suffix(['Z', 'z']).unwrap_or(text);
    let bad = || format!("`{text}` is not a time (YYYYMMDD[HHMM[SS]][Z])");
    if !digits.bytes().all(|b| b.is_ascii_digit()) || ![8, 12, 14].contains(&digits.len()) {
        return Err(bad());
    }
    let n = |r: std::ops::Range<usize>| digits.get(r).map_or(Ok(0), |s| s.parse::<i8>());
    let year: i16 = digits[..4].parse().map_err(|_| bad())?;
    let (month, day) = (n(4..6).map_err(|_| bad())?, n(6..8).map_err(|_| bad())?);
    let (hour, minute, second) = (
        n(8..10).map_err(|_| bad())?,
        n(10..12).map_err(|_| bad())?,
        n(12..14).map_err(|_| bad())?,
    );
    jiff::civil::DateTime::new(year, month, day, hour, minute, second, 0)
        .and_then(|dt| jiff::tz::TimeZone::UTC.to_timestamp(dt))
        .map_err(|_| bad())
}

/// ssh_config(5) PATTERNS: a comma-separated list; a negated (`!`) match refuses outright.
fn pattern_list_matches(list: &str, subject: &str) -> bool {
    let subject = subject.to_lowercase();
    let mut matched = false;
    for pattern in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (negated, pattern) = match pattern.strip_prefix('!') {
            Some(p) => (true, p),
            None => (false, pattern),
        };
        if wildcard(&pattern.to_lowercase(), &subject) {
            if negated {
                return false;
            }
            matched = true;
        }
    }
    matched
}

/// `*` any run, `?` one character.
fn wildcard(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILM+rvN+ot98qgEN796jTiQfZfG1KaT0PtFDJ/XFSqti";

    #[test]
    fn lines_with_and_without_options() {
        let text = format!(
            "# team\n\nana@example.com {KEY} ana\n\"bo@example.com,*@ops.example\" namespaces=\"git,file\",valid-after=20260101,valid-before=\"20270101Z\" {KEY}\n"
        );
        let signers = parse(&text).expect("parses");
        assert_eq!(signers.len(), 2);
        assert!(signers[0].names("ANA@example.com"));
        assert!(!signers[0].names("bo@example.com"));
        assert_eq!(signers[1].line, 4);
        assert!(signers[1].names("cy@ops.example"));
        let at = |s: &str| Some(s.parse::<Timestamp>().unwrap());
        assert!(signers[1].refuses(at("2026-06-01T00:00:00Z")).is_none());
        assert!(signers[1].refuses(at("2025-12-31T00:00:00Z")).is_some());
        assert!(signers[1].refuses(at("2027-01-01T00:00:00Z")).is_some());
    }

    #[test]
    fn refusals_and_errors() {
        let s = &parse(&format!("*,!eve@example.com namespaces=\"file\" {KEY}")).unwrap()[0];
        assert!(!s.names("eve@example.com"));
        assert!(s.names("ana@example.com"));
        assert!(s.refuses(None).unwrap().contains("namespaces"));
        let ca = &parse(&format!("*@example.com cert-authority {KEY}")).unwrap()[0];
        assert!(ca.refuses(None).is_some());
        assert!(parse("ana@example.com").unwrap_err().starts_with("line 1:"));
        assert!(
            parse(&format!("a@b bogus=1 {KEY}"))
                .unwrap_err()
                .contains("bogus")
        );
        assert!(parse("a@b ssh-ed25519 AAAAnotbase64").is_err());
        assert!(parse(&format!("a@b valid-after=2026 {KEY}")).is_err());
    }

    #[test]
    fn wildcards() {
        assert!(wildcard("*@example.com", "ana@example.com"));
        assert!(wildcard("a?a@*", "ana@x"));
        assert!(!wildcard("*@example.com", "ana@example.org"));
        assert!(wildcard("*", ""));
    }
}
