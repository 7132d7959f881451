//! The snapshot's entries held compactly: every path in one sorted string, beside each entry's
//! end offset, kind and blob. At 100,000 files a `String` per path cost 100,000 allocations
//! (their headers and rounding about 1.6 MB, the `String`s another 2.4 MB) that the controls'
//! peak held for the whole run.

use super::{Entry, EntryKind};

/// One entry as the snapshot holds it, its path borrowed from the listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryRef<'a> {
    pub path: &'a str,
    pub kind: EntryKind,
    /// Git blob id, when the state comes from git objects.
    pub blob: Option<git2::Oid>,
}

#[derive(Clone, Copy)]
struct Slot {
    /// Where this entry's path ends in `text` (it starts where the one before ends).
    end: usize,
    kind: EntryKind,
    blob: Option<git2::Oid>,
}

/// Entries sorted bytewise by path, each path once.
#[derive(Default)]
pub(super) struct Listing {
    text: String,
    slots: Vec<Slot>,
}

impl Listing {
    /// Sorts the entries by path, keeps the first of a repeated path, and packs them; each
    /// path's own allocation is freed as it is copied.
    pub(super) fn new(mut entries: Vec<Entry>) -> Listing {
        if !entries.is_sorted_by(|a, b| a.path <= b.path) {
            entries.sort_by(|a, b| a.path.cmp(&b.path));
        }
        entries.dedup_by(|a, b| a.path == b.path);
        let mut text = String::with_capacity(entries.iter().map(|e| e.path.len()).sum());
        let mut slots = Vec::with_capacity(entries.len());
        for e in entries {
            text.push_str(&e.path);
            slots.push(Slot {
                end: text.len(),
                kind: e.kind,
                blob: e.blob,
            });
        }
        Listing { text, slots }
    }

    pub(super) fn len(&self) -> usize {
        self.slots.len()
    }

    fn path(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.slots[i - 1].end };
        &self.text[start..self.slots[i].end]
    }

    /// The entry at `i` (a position from [`Listing::position`]).
    pub(super) fn get(&self, i: usize) -> EntryRef<'_> {
        let slot = self.slots[i];
        EntryRef {
            path: self.path(i),
            kind: slot.kind,
            blob: slot.blob,
        }
    }

    pub(super) fn paths(&self) -> impl Iterator<Item = &str> {
        let mut start = 0;
        self.slots.iter().map(move |slot| {
            let path = &self.text[start..slot.end];
            start = slot.end;
            path
        })
    }

    /// The position of `path`: a binary search over the sorted paths.
    pub(super) fn position(&self, path: &str) -> Option<usize> {
        let (mut low, mut high) = (0, self.slots.len());
        while low < high {
            let mid = low + (high - low) / 2;
            match self.path(mid).cmp(path) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str) -> Entry {
        Entry {
            path: path.to_string(),
            kind: EntryKind::File,
            blob: None,
        }
    }

    #[test]
    fn entries_are_sorted_once_each_and_found_by_path() {
        let listing = Listing::new(vec![entry("b/c"), entry("a"), entry("b/c"), entry("ä")]);
        assert_eq!(listing.paths().collect::<Vec<_>>(), ["a", "b/c", "ä"]);
        assert_eq!(listing.len(), 3);
        assert_eq!(listing.position("b/c"), Some(1));
        assert_eq!(listing.get(2).path, "ä");
        assert_eq!(listing.position("b"), None);
        assert_eq!(listing.position(""), None);
        assert_eq!(Listing::new(Vec::new()).position("a"), None);
    }
}
