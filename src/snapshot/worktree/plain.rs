//! Which index paths libgit2 reads without complaint: gonogo's own index reader hands the
//! work-tree walk only those, and leaves the rest to libgit2, which decides as before.

/// Whether libgit2 reads `path` from an index without complaint, judged conservatively: a
/// path that might be refused (`.`, `..` or an empty part, a `.git` part in any spelling
/// git's NTFS and HFS protections know, a backslash, colon or tilde, a control character,
/// a part ending in a dot or space) answers `false`, and libgit2 reads the index, as before.
pub(super) fn plain_path(path: &[u8], mode: u32) -> bool {
    if path.is_empty()
        || path
            .iter()
            .any(|&b| matches!(b, 0..=0x1f | 0x7f | b'\\' | b':' | b'~'))
    {
        return false;
    }
    let symlink = mode & 0o170000 == 0o120000;
    path.split(|&b| b == b'/').all(|part| {
        let Some(&last) = part.last() else {
            return false;
        };
        part != b"." && part != b".." && last != b'.' && last != b' ' && !dotgit(part, symlink)
    })
}

/// `.git` in any case, once what HFS ignores (non-ASCII code points) is left out as its
/// test does; for a link, anything starting so (`.gitmodules`).
fn dotgit(part: &[u8], symlink: bool) -> bool {
    // Starting with an ASCII character other than a dot: no spelling of `.git` matches.
    if part.first().is_some_and(|&b| b != b'.' && b.is_ascii()) {
        return false;
    }
    let mut ascii = part
        .iter()
        .filter(|b| b.is_ascii())
        .map(u8::to_ascii_lowercase);
    b".git".iter().all(|&c| ascii.next() == Some(c)) && (symlink || ascii.next().is_none())
}
