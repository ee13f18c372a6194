//! Where a build's files go: an in-memory map of files ([`Output`], for `serve` and tests), a
//! staging folder swapped in atomically ([`StagingDir`], for `build`, which writes each page as
//! soon as it is rendered instead of holding the whole site in memory), or only a count of them
//! ([`Tally`], for `check`).

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// A destination for rendered files that many threads may write to at once.
///
/// Putting a path twice replaces the first file, as [`Output::insert`] does.
pub trait Sink: Sync {
    /// Adds or replaces the file at `path` (relative, with `/`).
    fn put(&self, path: &str, bytes: Vec<u8>);
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
}

/// A rendered site: output paths (with `/`) to bytes, in a fixed order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    files: BTreeMap<String, Vec<u8>>,
}

impl Output {
    /// An empty site.
    pub fn new() -> Self {
        Output::default()
    }

    /// Adds or replaces a file.
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    /// Adds every file of `other`, replacing files of the same path.
    pub fn append(&mut self, mut other: Output) {
        self.files.append(&mut other.files);
    }

    /// All files in path order, by value.
    pub fn into_files(self) -> impl Iterator<Item = (String, Vec<u8>)> {
        self.files.into_iter()
    }

    /// The bytes of a file.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
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

    /// Writes the whole site to `dir`, replacing what was there only once every file is written.
    ///
    /// The new site is written to a sibling folder and swapped in by renames, so a failure at any
    /// point leaves the previous output as it was.
    pub fn write_atomic(&self, dir: &Path, site_root: &Path) -> Result<()> {
        let staging = StagingDir::create(dir, site_root)?;
        self.files
            .par_iter()
            .for_each(|(path, bytes)| staging.put(path, bytes.clone()));
        staging.commit().map(|_| ())
    }
}

/// A new site being written into a folder beside the output folder, swapped in by
/// [`StagingDir::commit`].
///
/// Files may be put from any thread; a writer thread writes them in the order they arrive, so
/// rendering threads do not wait for the disk and folder creation is not contended (on ext4,
/// parallel `mkdir`s in one parent folder cost more kernel time than they save). Until the commit
/// the previous output is untouched; dropping the staging folder without committing (a failed
/// build) removes it.
#[derive(Debug)]
pub struct StagingDir {
    dir: PathBuf,
    staging: PathBuf,
    old: PathBuf,
    queue: Option<SyncSender<(String, Vec<u8>)>>,
    writers: Vec<JoinHandle<()>>,
    shared: Arc<Shared>,
    committed: bool,
}

/// Files queued for the writer thread; bounds the memory of pages rendered but not yet written.
const QUEUE: usize = 64;

/// Writer threads. More than one only adds kernel time: measured on ext4 and tmpfs, two or four
/// writers were no faster than one (see BENCHMARKS.md).
const WRITERS: usize = 1;

#[derive(Debug, Default)]
struct Shared {
    /// Size of each file written, by path (a path put twice counts once).
    written: Mutex<HashMap<String, u64>>,
    failed: AtomicBool,
    error: Mutex<Option<anyhow::Error>>,
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

impl StagingDir {
    /// Checks that `dir` may be replaced by a build of the site in `site_root`, and creates an
    /// empty staging folder beside it.
    pub fn create(dir: &Path, site_root: &Path) -> Result<StagingDir> {
        guard_output_dir(dir, site_root)?;
        let name = dir
            .file_name()
            .context("the output folder needs a name")?
            .to_string_lossy()
            .into_owned();
        let parent = match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let pid = std::process::id();
        let staging = parent.join(format!(".{name}.new-{pid}"));
        let old = parent.join(format!(".{name}.old-{pid}"));
        let _ = fs::remove_dir_all(&staging);
        fs::create_dir(&staging).with_context(|| format!("cannot create {}", staging.display()))?;
        let shared = Arc::new(Shared::default());
        let (queue, files) = sync_channel::<(String, Vec<u8>)>(QUEUE);
        let files = Arc::new(Mutex::new(files));
        let mut handles = Vec::new();
        for k in 0..WRITERS {
            let (root, shared, files) = (staging.clone(), Arc::clone(&shared), Arc::clone(&files));
            let handle = std::thread::Builder::new()
                .name(format!("statuspress-writer-{k}"))
                .spawn(move || {
                    loop {
                        let next = lock(&files).recv();
                        let Ok((path, bytes)) = next else { break };
                        if shared.failed.load(Ordering::Relaxed) {
                            continue;
                        }
                        match write_file(&root, &path, &bytes) {
                            Ok(()) => {
                                lock(&shared.written).insert(path, bytes.len() as u64);
                            }
                            Err(e) => {
                                shared.failed.store(true, Ordering::Relaxed);
                                lock(&shared.error).get_or_insert(e);
                            }
                        }
                    }
                })
                .context("cannot start a writer thread")?;
            handles.push(handle);
        }
        Ok(StagingDir {
            dir: dir.to_path_buf(),
            staging,
            old,
            queue: Some(queue),
            writers: handles,
            shared,
            committed: false,
        })
    }

    /// Waits until every file put so far is written.
    fn finish_writing(&mut self) {
        drop(self.queue.take());
        for writer in self.writers.drain(..) {
            if writer.join().is_err() {
                self.shared.failed.store(true, Ordering::Relaxed);
                lock(&self.shared.error).get_or_insert(anyhow::anyhow!("a writer thread panicked"));
            }
        }
    }

    /// Writes the remaining files, replaces the output folder with the staging folder, then
    /// removes the previous output.
    ///
    /// Fails, leaving the previous output as it was, if any file could not be written.
    pub fn commit(mut self) -> Result<Written> {
        self.finish_writing();
        if let Some(e) = lock(&self.shared.error).take() {
            return Err(e);
        }
        let written = Written::of(&lock(&self.shared.written));
        let (dir, staging, old) = (self.dir.clone(), self.staging.clone(), self.old.clone());
        let had_old = dir.exists();
        if had_old {
            fs::rename(&dir, &old).with_context(|| {
                format!("cannot move the previous output {} aside", dir.display())
            })?;
        }
        if let Err(e) = fs::rename(&staging, &dir) {
            if had_old {
                let _ = fs::rename(&old, &dir);
            }
            return Err(e)
                .with_context(|| format!("cannot move the new site into {}", dir.display()));
        }
        self.committed = true;
        if had_old {
            remove_tree(&old).with_context(|| {
                format!("cannot remove the previous output at {}", old.display())
            })?;
        }
        Ok(written)
    }
}

/// Removes a folder and everything in it, the entries of each folder in parallel.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let entries = fs::read_dir(dir)?.collect::<std::io::Result<Vec<_>>>()?;
    entries.par_iter().try_for_each(|e| {
        if e.file_type()?.is_dir() {
            remove_tree(&e.path())
        } else {
            fs::remove_file(e.path())
        }
    })?;
    fs::remove_dir(dir)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn write_file(root: &Path, path: &str, bytes: &[u8]) -> Result<()> {
    let target = root.join(path);
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    fs::write(&target, bytes).with_context(|| format!("cannot write {}", target.display()))
}

impl Sink for StagingDir {
    fn put(&self, path: &str, bytes: Vec<u8>) {
        if self.shared.failed.load(Ordering::Relaxed) {
            return;
        }
        if let Some(queue) = &self.queue {
            // The writer only stops early once a write failed, which commit reports.
            let _ = queue.send((path.to_string(), bytes));
        }
    }
}

impl Drop for StagingDir {
    fn drop(&mut self) {
        self.finish_writing();
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Refuses output folders whose replacement would destroy the site's sources.
fn guard_output_dir(dir: &Path, site_root: &Path) -> Result<()> {
    let abs = |p: &Path| {
        fs::canonicalize(p).unwrap_or_else(|_| std::env::current_dir().unwrap_or_default().join(p))
    };
    let (out, root) = (abs(dir), abs(site_root));
    if root.starts_with(&out) {
        bail!(
            "refusing to write the site to {}: it contains the site folder, which the build would replace; choose another --output",
            dir.display()
        );
    }
    if dir.join(crate::model::site::CONFIG_FILE).exists() {
        bail!(
            "refusing to replace {}: it holds a statuspress.toml, so it looks like a site folder, not build output",
            dir.display()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_previous_output_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let mut a = Output::new();
        a.insert("index.html", "one");
        a.insert("old/page.html", "gone soon");
        a.write_atomic(&out, &tmp.path().join("site")).unwrap();
        let mut b = Output::new();
        b.insert("index.html", "two");
        b.insert("deep/er/file.txt", "x");
        b.write_atomic(&out, &tmp.path().join("site")).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(!out.join("old").exists());
        assert!(out.join("deep/er/file.txt").exists());
        let leftovers: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["public"]);
    }

    #[test]
    fn staging_dir_writes_as_it_goes_and_vanishes_unless_committed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let site = tmp.path().join("site");
        let staging = StagingDir::create(&out, &site).unwrap();
        staging.put("a/b/page.html", b"first".to_vec());
        staging.put("a/b/page.html", b"second!".to_vec());
        staging.put("top.txt", b"x".to_vec());
        let names = |dir: &Path| -> Vec<String> {
            let mut v: Vec<String> = fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            v.sort();
            v
        };
        let pid = std::process::id();
        assert_eq!(names(tmp.path()), [format!(".public.new-{pid}")]);
        drop(staging);
        assert!(names(tmp.path()).is_empty(), "dropped staging is removed");

        let staging = StagingDir::create(&out, &site).unwrap();
        staging.put("a/b/page.html", b"first".to_vec());
        staging.put("a/b/page.html", b"second!".to_vec());
        staging.put("top.txt", b"x".to_vec());
        let written = staging.commit().unwrap();
        assert_eq!(written, Written { files: 2, bytes: 8 });
        assert_eq!(fs::read(out.join("a/b/page.html")).unwrap(), b"second!");
        assert_eq!(names(tmp.path()), ["public"]);
    }

    #[test]
    fn a_failed_write_fails_the_commit_and_keeps_the_previous_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let site = tmp.path().join("site");
        let mut a = Output::new();
        a.insert("index.html", "one");
        a.write_atomic(&out, &site).unwrap();
        let staging = StagingDir::create(&out, &site).unwrap();
        staging.put("file", b"x".to_vec());
        // A folder cannot be created where a file is.
        staging.put("file/index.html", b"y".to_vec());
        let err = staging.commit().unwrap_err();
        assert!(format!("{err:#}").contains("cannot create"), "{err:#}");
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
        let leftovers: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["public"]);
    }

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

    #[test]
    fn refuses_to_replace_the_site_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let err = Output::new()
            .write_atomic(tmp.path(), &tmp.path().join("sub"))
            .unwrap_err();
        assert!(err.to_string().contains("contains the site folder"));
    }
}
