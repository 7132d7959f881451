//! The snapshot's entries held compactly: every path in one sorted string, beside each entry's
//! end offset, kind and blob. At 100,000 files a `String` per path cost 100,000 allocations
//! (their headers and rounding about 1.6 MB, the `String`s another 2.4 MB) that the controls'
//! peak held for the whole run. A listing from git (the index, the commit's trees) is built
//! straight into that form by [`ListingBuilder`]: paths arrive sorted there, and 100,000
//! `String`s held until the conversion were the peak of a merge request's check.

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

    /// The bytes of all paths together.
    pub(super) fn text_len(&self) -> usize {
        self.text.len()
    }

    fn start(&self, i: usize) -> usize {
        if i == 0 { 0 } else { self.slots[i - 1].end }
    }

    fn path(&self, i: usize) -> &str {
        &self.text[self.start(i)..self.slots[i].end]
    }

    /// The entries as separate values (for callers that take them apart).
    pub(super) fn into_entries(self) -> Vec<Entry> {
        (0..self.len())
            .map(|i| {
                let e = self.get(i);
                Entry {
                    path: e.path.to_string(),
                    kind: e.kind,
                    blob: e.blob,
                }
            })
            .collect()
    }

    /// The position of the first path that is not below `key` bytewise.
    pub(super) fn lower_bound(&self, key: &[u8]) -> usize {
        let (mut low, mut high) = (0, self.slots.len());
        while low < high {
            let mid = low + (high - low) / 2;
            if self.path(mid).as_bytes() < key {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
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
        let at = self.lower_bound(path.as_bytes());
        (at < self.len() && self.path(at) == path).then_some(at)
    }
}

/// A listing built from entries that arrive in order (the index, a commit's trees in git's
/// order, which is bytewise order of the whole paths), packed as they come. Entries that turn
/// out not to be strictly ordered (a crafted tree, a path made valid UTF-8) are sorted and
/// deduplicated at the end, as [`Listing::new`] does.
pub(super) struct ListingBuilder {
    listing: Listing,
    ordered: bool,
}

impl ListingBuilder {
    pub(super) fn with_capacity(entries: usize, bytes: usize) -> ListingBuilder {
        ListingBuilder {
            listing: Listing {
                text: String::with_capacity(bytes),
                slots: Vec::with_capacity(entries),
            },
            ordered: true,
        }
    }

    /// Continues `listing` (strictly ordered, as every [`Listing`] is).
    pub(super) fn from_listing(listing: Listing) -> ListingBuilder {
        ListingBuilder {
            listing,
            ordered: true,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.listing.len()
    }

    /// Appends the entry at `prefix` + `name`.
    pub(super) fn push(
        &mut self,
        prefix: &str,
        name: &str,
        kind: EntryKind,
        blob: Option<git2::Oid>,
    ) {
        let start = self.listing.text.len();
        self.listing.text.push_str(prefix);
        self.listing.text.push_str(name);
        self.note_order(start, self.listing.text.len());
        self.listing.slots.push(Slot {
            end: self.listing.text.len(),
            kind,
            blob,
        });
    }

    /// Appends the entries of `from` in `range`.
    pub(super) fn extend_from(&mut self, from: &Listing, range: std::ops::Range<usize>) {
        if range.is_empty() {
            return;
        }
        let (first, last) = (from.start(range.start), from.slots[range.end - 1].end);
        let base = self.listing.text.len();
        self.listing.text.push_str(&from.text[first..last]);
        // Within the range the order holds (a listing's); only the seam is compared.
        self.note_order(base, base + from.slots[range.start].end - first);
        self.listing
            .slots
            .extend(from.slots[range].iter().map(|slot| Slot {
                end: slot.end - first + base,
                ..*slot
            }));
    }

    /// Notes whether the path at `start..end` of the text, the next entry's, comes strictly
    /// after the last entry's.
    fn note_order(&mut self, start: usize, end: usize) {
        let Some(last) = self.listing.slots.len().checked_sub(1) else {
            return;
        };
        let text = self.listing.text.as_bytes();
        if text[self.listing.start(last)..start] >= text[start..end] {
            self.ordered = false;
        }
    }

    pub(super) fn finish(mut self) -> Listing {
        if self.ordered {
            // Room reserved for more than came is given back (large blocks shrink in place).
            self.listing.text.shrink_to_fit();
            self.listing.slots.shrink_to_fit();
            self.listing
        } else {
            Listing::new(self.listing.into_entries())
        }
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

    #[test]
    fn a_builder_packs_ordered_entries_and_sorts_the_rest_at_the_end() {
        let mut from = ListingBuilder::with_capacity(0, 0);
        for path in ["a/1", "a/2", "b/1", "c"] {
            from.push("", path, EntryKind::File, None);
        }
        let from = from.finish();
        // Ordered: pushes and ranges of another listing keep their place.
        let mut ordered = ListingBuilder::with_capacity(0, 0);
        ordered.push("", "0", EntryKind::File, None);
        ordered.extend_from(&from, 0..2);
        ordered.push("a/", "3", EntryKind::Symlink, None);
        ordered.extend_from(&from, 3..4);
        ordered.extend_from(&from, 4..4);
        let ordered = ordered.finish();
        assert_eq!(
            ordered.paths().collect::<Vec<_>>(),
            ["0", "a/1", "a/2", "a/3", "c"]
        );
        assert_eq!(ordered.get(3).kind, EntryKind::Symlink);
        assert_eq!(ordered.position("c"), Some(4));
        assert_eq!(ordered.lower_bound(b"a/"), 1);
        assert_eq!(ordered.lower_bound(b"b"), 4);
        // Out of order at a seam, a repeated path: sorted and deduplicated as `Listing::new`
        // does, the first of a repeated path kept.
        let mut crafted = ListingBuilder::with_capacity(0, 0);
        crafted.extend_from(&from, 2..4);
        crafted.extend_from(&from, 0..1);
        crafted.push("", "c", EntryKind::Symlink, None);
        crafted.push("", "\u{fffd}", EntryKind::File, None);
        let crafted = crafted.finish();
        assert_eq!(
            crafted.paths().collect::<Vec<_>>(),
            ["a/1", "b/1", "c", "\u{fffd}"]
        );
        assert_eq!(crafted.get(2).kind, EntryKind::File);
    }
}
