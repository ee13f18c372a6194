//! Sinks that keep the files in memory: the whole site ([`Output`], for `serve` and tests) or
//! only their count and size ([`Tally`], for `check`).

use super::{Sink, Written, lock};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

/// A rendered site: output paths (with `/`) to bytes, in a fixed order.
///
/// The bytes are shared: `serve` keeps the files of one build to put them into the next
/// unchanged (see [`crate::build::Memo`]), without copying them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    files: BTreeMap<String, Arc<Vec<u8>>>,
}

impl Output {
    /// An empty site.
    pub fn new() -> Self {
        Output::default()
    }

    /// Adds or replaces a file.
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), Arc::new(bytes.into()));
    }

    /// Adds or replaces a file with bytes another holder keeps too.
    pub fn insert_shared(&mut self, path: impl Into<String>, bytes: Arc<Vec<u8>>) {
        self.files.insert(path.into(), bytes);
    }

    /// Adds every file of `other`, replacing files of the same path.
    pub fn append(&mut self, mut other: Output) {
        self.files.append(&mut other.files);
    }

    /// All files in path order, by value.
    pub fn into_files(self) -> impl Iterator<Item = (String, Arc<Vec<u8>>)> {
        self.files.into_iter()
    }

    /// The bytes of a file.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|b| b.as_slice())
    }

    /// A file as text (for tests and the dev server).
    pub fn text(&self, path: &str) -> Option<&str> {
        self.get(path).and_then(|b| std::str::from_utf8(b).ok())
    }

    /// All files in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when there is no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Number and total size of the files.
    pub fn written(&self) -> Written {
        Written {
            files: self.len(),
            bytes: self.files.values().map(|f| f.len() as u64).sum(),
        }
    }
}

impl Sink for Mutex<Output> {
    fn put(&self, path: &str, mut bytes: Vec<u8>) {
        // Rendered pages come in buffers grown by doubling; the whole site is held in memory,
        // so return the unused part rather than keep it per file.
        bytes.shrink_to_fit();
        self.lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path, bytes);
    }

    fn put_shared(&self, path: &str, bytes: Arc<Vec<u8>>) {
        self.lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert_shared(path, bytes);
    }
}

/// A sink that keeps only which paths were put: what a check needs to know about the output
/// without holding the whole site in memory.
#[derive(Debug, Default)]
pub struct Tally {
    /// Size of each file, by path (a path put twice counts once, as the last size).
    sizes: Mutex<HashMap<String, u64>>,
}

impl Tally {
    /// Number and total size of the distinct paths put so far.
    pub fn written(&self) -> Written {
        Written::of(&lock(&self.sizes))
    }
}

impl Sink for Tally {
    fn put(&self, path: &str, bytes: Vec<u8>) {
        lock(&self.sizes).insert(path.to_string(), bytes.len() as u64);
    }

    fn put_shared(&self, path: &str, bytes: Arc<Vec<u8>>) {
        lock(&self.sizes).insert(path.to_string(), bytes.len() as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn append_adds_files_and_the_newer_wins() {
        let mut a = Output::new();
        a.insert("a.txt", "a");
        a.insert("same.txt", "old");
        let mut b = Output::new();
        b.insert("b.txt", "b");
        b.insert("same.txt", "new");
        a.append(b);
        let files: Vec<(&str, &[u8])> = a.iter().collect();
        assert_eq!(
            files,
            [
                ("a.txt", &b"a"[..]),
                ("b.txt", &b"b"[..]),
                ("same.txt", &b"new"[..])
            ]
        );
    }
}
