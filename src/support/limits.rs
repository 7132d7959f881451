//! Limits on nesting and size for text that a recursive parser would otherwise descend into
//! without bound. A stack overflow aborts the process and cannot be caught, so input past these
//! limits is refused before it reaches the parser (globset compiles nested `{…}` recursively,
//! yaml-rust2 builds and drops nested collections recursively, libgit2 walks trees recursively).
//!
//! TOML needs no limit of its own: the toml crate stops at its own depth (about 80) with an error
//! that carries the position. JSON likewise (serde_json, 128). pulldown-cmark parses without
//! recursion; `MAX_MARKDOWN_NESTING` bounds what a document can ask of it all the same.

/// Longest glob accepted, in bytes (a real one is a few dozen).
pub const MAX_GLOB_LENGTH: usize = 4096;
/// Deepest nesting of `{…}` alternatives in a glob (real ones nest one or two).
pub const MAX_GLOB_NESTING: usize = 10;
/// Deepest nesting of YAML collections (front matter, catalog-info.yaml).
pub const MAX_YAML_NESTING: usize = 64;
/// Deepest nesting of Markdown containers: block quotes and lists together.
pub const MAX_MARKDOWN_NESTING: usize = 100;
/// Deepest folder nesting of a commit's tree: git's own `core.maxTreeDepth` default.
pub const MAX_TREE_DEPTH: usize = 4096;
/// Most entries listed from one commit's tree: 50 times the benchmark monorepo (100,000 files);
/// past it the tree repeats folders by reference (a "tree bomb" of a few KB listing billions).
pub const MAX_TREE_ENTRIES: usize = 5_000_000;

/// Why a glob is refused before it is compiled, if it is: too long, or `{` nested too deep.
/// A backslash escapes the next character, as in the globs gonogo builds.
pub fn glob(pattern: &str) -> Result<(), String> {
    if pattern.len() > MAX_GLOB_LENGTH {
        return Err(format!(
            "the pattern is {} bytes long; at most {MAX_GLOB_LENGTH} are allowed",
            pattern.len()
        ));
    }
    let mut depth = 0usize;
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '{' => {
                depth += 1;
                if depth > MAX_GLOB_NESTING {
                    return Err(format!(
                        "`{{…}}` alternatives nest more than {MAX_GLOB_NESTING} deep"
                    ));
                }
            }
            '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// The start of a long text for a message, so a hostile input is named, not repeated.
pub fn excerpt(text: &str) -> String {
    const KEEP: usize = 60;
    match text.char_indices().nth(KEEP) {
        Some((cut, _)) => format!("{}… ({} bytes)", &text[..cut], text.len()),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_are_refused_when_too_long_or_too_deep() {
        assert!(glob("docs/**/*.{md,{rst,txt}}").is_ok());
        assert!(glob(&"a".repeat(MAX_GLOB_LENGTH)).is_ok());
        assert!(glob(&"a".repeat(MAX_GLOB_LENGTH + 1)).is_err());
        let deep = |n: usize| format!("{}a{}", "{".repeat(n), "}".repeat(n));
        assert!(glob(&deep(MAX_GLOB_NESTING)).is_ok());
        assert!(
            glob(&deep(MAX_GLOB_NESTING + 1))
                .unwrap_err()
                .contains("nest more than")
        );
        // Escaped braces are literal and do not nest; unclosed ones still count.
        assert!(glob(&"\\{".repeat(50)).is_ok());
        assert!(glob(&"{".repeat(MAX_GLOB_NESTING + 1)).is_err());
    }

    #[test]
    fn excerpts_cut_long_texts() {
        assert_eq!(excerpt("short"), "short");
        let long = "{".repeat(400_000);
        let e = excerpt(&long);
        assert!(e.len() < 100 && e.ends_with("(400000 bytes)"), "{e}");
    }
}
