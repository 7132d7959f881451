//! Objects a read found missing: in a blobless partial clone (`scan --repos`) the blobs a
//! check read but did not have, so that the caller fetches them and checks again.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

/// A shared record of missing object ids; clones share one record.
#[derive(Debug, Clone, Default)]
pub struct MissingObjects(Arc<Mutex<BTreeSet<String>>>);

impl MissingObjects {
    /// Records that object `oid` was wanted and not there.
    pub fn note(&self, oid: git2::Oid) {
        if let Ok(mut set) = self.0.lock() {
            set.insert(oid.to_string());
        }
    }

    /// Every object recorded so far, sorted; the record is then empty.
    pub fn take(&self) -> Vec<String> {
        self.0
            .lock()
            .map(|mut set| std::mem::take(&mut *set).into_iter().collect())
            .unwrap_or_default()
    }
}
