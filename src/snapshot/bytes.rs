//! Bytes as content: text or binary (`decode`), and bounded reads from disk that never follow
//! a symbolic link (`read_disk`).

use std::path::Path;
use std::sync::Arc;

use super::Content;

/// Decodes bytes as text: binary when a NUL byte appears early (git's heuristic), a UTF-8 BOM dropped.
pub(crate) fn decode(bytes: &[u8]) -> Content {
    let head = &bytes[..bytes.len().min(8000)];
    if head.contains(&0) {
        return Content::Binary;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    Content::Text(Arc::from(String::from_utf8_lossy(bytes).as_ref()))
}

/// Reads a file on disk without following a symbolic link, bounded by `limit`.
/// Reads `rel` below `root` from disk, never through a symbolic link: a link as a folder on the
/// way (`docs` → `/etc` for `docs/passwd`) is refused like a link as the file itself is not
/// followed, so a work tree cannot make gonogo read outside it.
///
/// With the content comes the git blob id of the bytes read when a regular file was read whole
/// (what `git hash-object` says of them): the evidence names the content that was evaluated,
/// without reading the file a second time to hash it.
pub(crate) fn read_beneath(
    root: &Path,
    rel: &str,
    limit: u64,
    verified: &Folders,
) -> (Content, Option<git2::Oid>) {
    let mut folder = root.to_path_buf();
    let mut parts = rel.split('/').peekable();
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            break;
        }
        folder.push(part);
        if verified.holds(&folder) {
            continue;
        }
        match std::fs::symlink_metadata(&folder) {
            Ok(m) if m.is_dir() => verified.add(&folder),
            Ok(m) if m.file_type().is_symlink() => {
                let why = format!(
                    "{rel}: the folder `{}` on its way is a symbolic link, which is not followed",
                    folder.strip_prefix(root).unwrap_or(&folder).display()
                );
                return (Content::Unreadable(why), None);
            }
            Ok(_) => {
                let why = format!("{rel}: a folder on its way is a file");
                return (Content::Unreadable(why), None);
            }
            Err(e) => return (Content::Unreadable(format!("{rel}: {e}")), None),
        }
    }
    read_disk(&root.join(rel), limit)
}

/// The folders `read_beneath` found to be real folders (not links) in this run: each is looked
/// at once, not once per file below it. The lookup was never atomic with the open that
/// follows (a folder can be replaced in between either way), so remembering it for the run
/// gives a work tree no way in that it did not have.
#[derive(Default)]
pub(crate) struct Folders(std::sync::Mutex<std::collections::HashSet<std::path::PathBuf>>);

impl Folders {
    fn holds(&self, folder: &Path) -> bool {
        self.0.lock().is_ok_and(|f| f.contains(folder))
    }

    fn add(&self, folder: &Path) {
        if let Ok(mut f) = self.0.lock() {
            f.insert(folder.to_path_buf());
        }
    }
}

fn read_disk(path: &Path, limit: u64) -> (Content, Option<git2::Oid>) {
    let unreadable = |e: std::io::Error| Content::Unreadable(format!("{}: {e}", path.display()));
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) => return (unreadable(e), None),
    };
    if meta.file_type().is_symlink() {
        let content = match std::fs::read_link(path) {
            Ok(t) => Content::Symlink(t.to_string_lossy().into_owned()),
            Err(e) => unreadable(e),
        };
        return (content, None);
    }
    if !meta.is_file() {
        let why = format!("{} is not a regular file", path.display());
        return (Content::Unreadable(why), None);
    }
    if meta.len() > limit {
        let content = Content::TooLarge {
            size: meta.len(),
            limit,
        };
        return (content, None);
    }
    use std::io::Read;
    let mut buf = Vec::with_capacity(meta.len() as usize);
    match std::fs::File::open(path).and_then(|f| f.take(limit + 1).read_to_end(&mut buf)) {
        Ok(_) if buf.len() as u64 > limit => {
            let content = Content::TooLarge {
                size: buf.len() as u64,
                limit,
            };
            (content, None)
        }
        Ok(_) => (
            decode(&buf),
            git2::Oid::hash_object(git2::ObjectType::Blob, &buf).ok(),
        ),
        Err(e) => (unreadable(e), None),
    }
}

#[cfg(all(test, unix))]
mod beneath_tests {
    use super::*;

    #[test]
    fn a_linked_folder_on_the_way_is_not_followed() {
        let outside = tempfile::tempdir().expect("temp");
        std::fs::write(outside.path().join("passwd"), "root:x:0:0\n").expect("write");
        let root = tempfile::tempdir().expect("temp");
        std::os::unix::fs::symlink(outside.path(), root.path().join("docs")).expect("link");
        std::fs::create_dir(root.path().join("real")).expect("mkdir");
        std::fs::write(root.path().join("real/a.md"), "# A\n").expect("write");
        match read_beneath(root.path(), "docs/passwd", 1 << 20, &Folders::default()).0 {
            Content::Unreadable(why) => assert!(why.contains("symbolic link"), "{why}"),
            other => panic!("read through a link: {other:?}"),
        }
        assert!(matches!(
            read_beneath(root.path(), "real/a.md", 1 << 20, &Folders::default()).0,
            Content::Text(_)
        ));
    }
}
