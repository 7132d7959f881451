//! Approval trailers: the `Key: value` lines of a commit or tag message, by git's rule. Which
//! messages carry them (the checked commit, the annotated tags at it) is `snapshot::signed`.

/// A `Key: value` trailer from a commit or tag message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trailer {
    pub key: String,
    pub value: String,
    /// Where it was found: `commit <id>` or `tag <name>`.
    pub source: String,
}

/// Trailers: the `Token: value` lines of the last paragraph, git's rule — the subject paragraph is
/// never a trailer block, and a paragraph is one only when each of its lines is a trailer (or
/// continues one with leading whitespace). A signature block at the end is ignored.
pub fn parse_trailers(message: &str, source: &str) -> Vec<Trailer> {
    let message = message.replace("\r\n", "\n");
    let message = message
        .split("-----BEGIN PGP SIGNATURE-----")
        .next()
        .unwrap_or(&message);
    let paragraphs: Vec<&str> = message
        .trim()
        .split("\n\n")
        .map(|p| p.trim_matches('\n'))
        .filter(|p| !p.trim().is_empty())
        .collect();
    if paragraphs.len() < 2 {
        return Vec::new();
    }
    let Some(last) = paragraphs.last() else {
        return Vec::new();
    };
    let mut out: Vec<Trailer> = Vec::new();
    for line in last.lines() {
        if line.starts_with([' ', '\t']) {
            match out.last_mut() {
                Some(t) => {
                    t.value.push(' ');
                    t.value.push_str(line.trim());
                    continue;
                }
                None => return Vec::new(),
            }
        }
        let Some((key, value)) = line.split_once(':') else {
            return Vec::new();
        };
        let key = key.trim_end();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Vec::new();
        }
        out.push(Trailer {
            key: key.to_string(),
            value: value.trim().to_string(),
            source: source.to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailers_come_from_the_last_paragraph() {
        let msg = "Release 1.2.0\n\nBody text: not a trailer\n\nApproved-by: Ana Lima <ana@example.com>\nSigned-off-by: Bo <bo@example.com>\n";
        let t = parse_trailers(msg, "commit x");
        assert_eq!(t.len(), 2);
        assert_eq!(
            (t[0].key.as_str(), t[0].value.as_str()),
            ("Approved-by", "Ana Lima <ana@example.com>")
        );
    }

    #[test]
    fn a_subject_or_a_paragraph_of_prose_has_no_trailers() {
        assert!(parse_trailers("Approved-by: Ana <ana@example.com>\n", "x").is_empty());
        let prose = "Release\n\nApproved-by: Ana <ana@example.com>\nafter the meeting.\n";
        assert!(parse_trailers(prose, "x").is_empty());
        let crlf = "Release\r\n\r\nApproved-by: Ana\r\n  Lima <ana@example.com>\r\n";
        let t = parse_trailers(crlf, "x");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].value, "Ana Lima <ana@example.com>");
    }
}
