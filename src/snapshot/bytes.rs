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
pub(crate) fn read_disk(path: &Path, limit: u64) -> Content {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) => return Content::Unreadable(format!("{}: {e}", path.display())),
    };
    if meta.file_type().is_symlink() {
        return match std::fs::read_link(path) {
            Ok(t) => Content::Symlink(t.to_string_lossy().into_owned()),
            Err(e) => Content::Unreadable(format!("{}: {e}", path.display())),
        };
    }
    if !meta.is_file() {
        return Content::Unreadable(format!("{} is not a regular file", path.display()));
    }
    if meta.len() > limit {
        return Content::TooLarge {
            size: meta.len(),
            limit,
        };
    }
    use std::io::Read;
    let mut buf = Vec::with_capacity(meta.len() as usize);
    match std::fs::File::open(path).and_then(|f| f.take(limit + 1).read_to_end(&mut buf)) {
        Ok(_) if buf.len() as u64 > limit => Content::TooLarge {
            size: buf.len() as u64,
            limit,
        },
        Ok(_) => decode(&buf),
        Err(e) => Content::Unreadable(format!("{}: {e}", path.display())),
    }
}
