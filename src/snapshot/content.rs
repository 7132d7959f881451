//! Reading a path's content through the snapshot's backend, cached, with content that cannot
//! be evaluated (an unreadable object, a Git LFS pointer) recorded for the control that read it.

use super::{Backend, Content, EntryKind, EntryRef, Snapshot, dir, memory};

impl Snapshot {
    /// Reads a file's content, bounded by the size cap; binary content is detected, not decoded.
    pub fn read(&self, path: &str) -> Content {
        let Some(i) = self.position(path) else {
            return Content::Unreadable(format!("{path} is not in the snapshot"));
        };
        if let Some(c) = self.cache.lock().ok().and_then(|c| c.get(&i).cloned()) {
            self.note_if_unevaluable(path);
            return c;
        }
        let entry = self.entries.get(i);
        let (root, limit) = (&self.subject.root, self.max_file_size);
        let (content, disk_blob) = match entry.kind {
            EntryKind::Submodule => (Content::Unreadable(format!("{path} is a submodule")), None),
            _ => match &self.backend {
                Backend::Git(g) => g.read(entry, root, limit, &self.folders),
                Backend::Dir => dir::read(root, entry, limit, &self.folders),
                Backend::Memory(texts) => (memory::read(texts, entry, self.max_file_size), None),
            },
        };
        if let Some(oid) = disk_blob
            && let Ok(mut blobs) = self.disk_blobs.lock()
        {
            blobs.insert(i, oid);
        }
        let content = self.judge_evaluable(entry, content);
        if let Ok(mut c) = self.cache.lock() {
            c.insert(i, content.clone());
        }
        self.note_if_unevaluable(path);
        content
    }

    /// Tells the control running on this thread (see [`Snapshot::tracking`]) that it read
    /// content that cannot be evaluated.
    fn note_if_unevaluable(&self, path: &str) {
        let Some(why) = self
            .unevaluable
            .lock()
            .ok()
            .and_then(|u| u.get(path).cloned())
        else {
            return;
        };
        TOUCHED.with(|t| {
            if let Some(map) = t.borrow_mut().as_mut() {
                map.insert(path.to_string(), why);
            }
        });
    }

    /// Runs `f` (one control: controls do not spread over threads) and returns what it read
    /// that could not be evaluated, path → why.
    pub fn tracking<T>(f: impl FnOnce() -> T) -> (T, std::collections::BTreeMap<String, String>) {
        TOUCHED.with(|t| *t.borrow_mut() = Some(Default::default()));
        let out = f();
        let touched = TOUCHED.with(|t| t.borrow_mut().take()).unwrap_or_default();
        (out, touched)
    }

    /// Records content that exists but cannot be evaluated: an object git cannot read, and a
    /// Git LFS pointer where the content is meant (the pointer is not the document).
    fn judge_evaluable(&self, entry: EntryRef<'_>, content: Content) -> Content {
        let why = match &content {
            Content::Unreadable(why)
                if matches!(self.backend, Backend::Git(_)) && why.starts_with("object ") =>
            {
                Some(format!(
                    "{why} (a partial clone without this blob, or a corrupt repository: fetch the objects, e.g. `git fetch --refetch`, or check a complete clone)"
                ))
            }
            Content::Text(t) if is_lfs_pointer(t) => Some(format!(
                "{} is a Git LFS pointer, not the file's content: check a work tree with the LFS content (`git lfs pull`, then `gonogo check --worktree`)",
                entry.path
            )),
            _ => None,
        };
        let Some(why) = why else {
            return content;
        };
        if let Ok(mut u) = self.unevaluable.lock() {
            u.insert(entry.path.to_string(), why.clone());
        }
        Content::Unreadable(why)
    }
}

thread_local! {
    /// Unevaluable paths the control running on this thread has read.
    static TOUCHED: std::cell::RefCell<Option<std::collections::BTreeMap<String, String>>> =
        const { std::cell::RefCell::new(None) };
}

/// A Git LFS pointer file (the spec's first line, small, with an oid line).
fn is_lfs_pointer(text: &str) -> bool {
    text.len() < 1024
        && text.starts_with("version https://git-lfs.github.com/spec/v1")
        && text.lines().any(|l| l.starts_with("oid sha256:"))
}
