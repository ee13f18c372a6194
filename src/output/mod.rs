//! Where a build's files go, each a [`Sink`]: an in-memory map of files ([`Output`], for
//! `serve` and tests) or only their count ([`Tally`], for `check`), both in `memory.rs`; or a
//! staging folder swapped in atomically ([`StagingDir`] in `staging.rs`, for `build`, which
//! writes each page as soon as it is rendered instead of holding the whole site in memory).

mod memory;
mod staging;

pub use memory::{Output, Tally};
pub use staging::{StagingDir, recover};

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A destination for rendered files that many threads may write to at once.
///
/// Putting a path twice replaces the first file, as [`Output::insert`] does.
pub trait Sink: Sync {
    /// Adds or replaces the file at `path` (relative, with `/`).
    fn put(&self, path: &str, bytes: Vec<u8>);

    /// Like [`Sink::put`], with bytes another holder keeps too: a sink in memory keeps them
    /// without a copy (`serve` puts the files it kept from the previous build this way).
    fn put_shared(&self, path: &str, bytes: Arc<Vec<u8>>) {
        self.put(path, Arc::unwrap_or_clone(bytes));
    }
}

/// A sink that puts every file into a folder of another sink: `de/` holds the pages of a
/// language other than the site's default.
pub struct Within<'a> {
    sink: &'a dyn Sink,
    folder: &'a str,
}

impl<'a> Within<'a> {
    /// Files put into it go to `folder` (relative, ending in `/`) of `sink`.
    pub fn new(sink: &'a dyn Sink, folder: &'a str) -> Self {
        Within { sink, folder }
    }
}

impl Sink for Within<'_> {
    fn put(&self, path: &str, bytes: Vec<u8>) {
        self.sink.put(&format!("{}{path}", self.folder), bytes);
    }

    fn put_shared(&self, path: &str, bytes: Arc<Vec<u8>>) {
        self.sink
            .put_shared(&format!("{}{path}", self.folder), bytes);
    }
}

/// What a sink received: for a staging folder, what it held when committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Number of files.
    pub files: usize,
    /// Sum of all file sizes.
    pub bytes: u64,
}

impl Written {
    /// The count and total of file sizes by path.
    fn of(sizes: &HashMap<String, u64>) -> Written {
        Written {
            files: sizes.len(),
            bytes: sizes.values().sum(),
        }
    }
}

/// What a staging folder's writer did: how many files it carried over from the previous
/// output (hard links, or kept from the spare) and how many it wrote, the time it spent on each
/// kind of step (it runs while pages render), and the time of putting the previous output away
/// after the swap. All zero for the other sinks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Writing {
    /// Files linked from the previous output, their bytes unchanged.
    pub carried: usize,
    /// Files written anew.
    pub written: usize,
    /// Creating folders in the staging folder.
    pub mkdir: Duration,
    /// Comparing with the previous output's files and linking the unchanged ones.
    pub carry: Duration,
    /// Writing files.
    pub write: Duration,
    /// Removing the previous output after the swap, or keeping it as the spare.
    pub remove: Duration,
    /// Whether the staging folder was the spare, the output before the previous one.
    pub from_spare: bool,
    /// Listing the spare.
    pub list: Duration,
    /// Removing what the spare held that the new site does not have.
    pub tidy: Duration,
    /// Whether the previous output was kept as the spare for the next build.
    pub kept_spare: bool,
}

/// Locks `m`, also after a panic of another holder (the data is only files put so far).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
