//! Writing planned artifacts into the work tree: only inside the repository root, never through
//! a symbolic link, never over an existing file.

use std::io::Write;
use std::path::{Component, Path};

/// Why one artifact was not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The file exists (perhaps created since the plan).
    Exists,
    /// The path leaves the repository (absolute, `..`).
    Outside,
    /// A folder on the way is a symbolic link, or not a folder.
    Link(String),
    /// The file system refused.
    Io(String),
}

/// Writes `content` to `rel` below `root`: creates missing folders, refuses a path whose
/// folders include a symbolic link (or a file), and never replaces a file (`create_new`).
pub fn write_new(root: &Path, rel: &str, content: &str) -> Result<(), Refused> {
    let rel_path = Path::new(rel);
    if rel.is_empty()
        || rel_path
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
    {
        return Err(Refused::Outside);
    }
    let mut dir = root.to_path_buf();
    let parts: Vec<_> = rel_path.components().collect();
    for part in &parts[..parts.len() - 1] {
        dir.push(part);
        match std::fs::symlink_metadata(&dir) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(Refused::Link(display(root, &dir)));
            }
            Ok(m) if !m.is_dir() => return Err(Refused::Link(display(root, &dir))),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir(&dir).map_err(|e| Refused::Io(e.to_string()))?;
            }
            Err(e) => return Err(Refused::Io(e.to_string())),
        }
    }
    let target = root.join(rel_path);
    // `create_new` fails on an existing file and on a dangling link alike: nothing is replaced
    // and no link is followed.
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&target)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(Refused::Exists),
        Err(e) => return Err(Refused::Io(e.to_string())),
    };
    file.write_all(content.as_bytes())
        .map_err(|e| Refused::Io(e.to_string()))
}

fn display(root: &Path, p: &Path) -> String {
    p.strip_prefix(root)
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_new_files_only_inside_and_never_through_links() {
        let tmp = tempfile::tempdir().expect("tmp");
        let root = tmp.path();
        assert_eq!(write_new(root, "docs/a/b.md", "x"), Ok(()));
        assert_eq!(
            std::fs::read_to_string(root.join("docs/a/b.md")).unwrap(),
            "x"
        );
        assert_eq!(write_new(root, "docs/a/b.md", "y"), Err(Refused::Exists));
        assert_eq!(
            std::fs::read_to_string(root.join("docs/a/b.md")).unwrap(),
            "x"
        );
        assert_eq!(write_new(root, "../escape.md", "y"), Err(Refused::Outside));
        assert_eq!(write_new(root, "/etc/x", "y"), Err(Refused::Outside));
        #[cfg(unix)]
        {
            let outside = tempfile::tempdir().expect("tmp");
            std::os::unix::fs::symlink(outside.path(), root.join("linked")).unwrap();
            assert_eq!(
                write_new(root, "linked/x.md", "y"),
                Err(Refused::Link("linked".into()))
            );
            assert!(!outside.path().join("x.md").exists());
            std::os::unix::fs::symlink(outside.path().join("t.md"), root.join("dangling.md"))
                .unwrap();
            assert_eq!(write_new(root, "dangling.md", "y"), Err(Refused::Exists));
            assert!(!outside.path().join("t.md").exists());
        }
    }
}
