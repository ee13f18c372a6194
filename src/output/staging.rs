//! The sink of `build`: a staging folder beside the output folder, written as pages are
//! rendered, with the files the previous output already holds unchanged linked rather than
//! written (`carry.rs`), swapped in atomically once the whole site is there (`swap.rs`), and the
//! leftovers of killed builds removed (`stale.rs`).

#[cfg(unix)]
mod carry;
mod stale;
mod swap;

use super::{Sink, Writing, Written, lock};
use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::collections::HashMap;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Instant;

/// A new site being written into a folder beside the output folder, swapped in by
/// [`StagingDir::commit`].
///
/// Files may be put from any thread; a writer thread writes them in the order they arrive, so
/// rendering threads do not wait for the disk and folder creation is not contended (on ext4,
/// parallel `mkdir`s in one parent folder cost more kernel time than they save). A file whose
/// bytes the previous output holds at the same path is hard-linked from there instead (see
/// `carry.rs`). Until the commit the previous output is untouched (only read, and linked to);
/// dropping the staging folder without committing (a failed build) removes it.
#[derive(Debug)]
pub struct StagingDir {
    dir: PathBuf,
    files: stale::BuildFiles,
    queue: Option<SyncSender<(String, Vec<u8>)>>,
    writers: Vec<JoinHandle<()>>,
    shared: Arc<Shared>,
    committed: bool,
    /// Held until the staging folder and the previous output are gone; dropped last.
    _lock: stale::BuildLock,
}

/// Files queued for the writer thread; bounds the memory of pages rendered but not yet written.
const QUEUE: usize = 64;

/// Writer threads. More than one only adds kernel time: measured on ext4 and tmpfs, two or four
/// writers were no faster than one (see BENCHMARKS.md).
const WRITERS: usize = 1;

#[derive(Debug, Default)]
struct Shared {
    /// Size of each file placed, by path, and whether it was carried over from the previous
    /// output (a path put twice counts once, as last placed).
    placed: Mutex<HashMap<String, (u64, bool)>>,
    /// The writers' time, added up as each writer ends.
    writing: Mutex<Writing>,
    failed: AtomicBool,
    error: Mutex<Option<anyhow::Error>>,
}

impl StagingDir {
    /// Checks that `dir` may be replaced by a build of the site in `site_root`, removes what
    /// killed builds left beside it, and creates an empty staging folder there.
    pub fn create(dir: &Path, site_root: &Path) -> Result<StagingDir> {
        let (own, build_lock) = lock_and_tidy(dir, site_root)?;
        let staging = own.staging.clone();
        fs::create_dir(&staging).with_context(|| format!("cannot create {}", staging.display()))?;
        let shared = Arc::new(Shared::default());
        let (queue, files) = sync_channel::<(String, Vec<u8>)>(QUEUE);
        let files = Arc::new(Mutex::new(files));
        let mut handles = Vec::new();
        for k in 0..WRITERS {
            let (root, shared, files) = (staging.clone(), Arc::clone(&shared), Arc::clone(&files));
            // Opened now, before anything is rendered: the previous output as it is at the start.
            let mut writer = Writer::new(dir, &staging);
            let handle = std::thread::Builder::new()
                .name(format!("statuspress-writer-{k}"))
                .spawn(move || {
                    loop {
                        let next = lock(&files).recv();
                        let Ok((path, bytes)) = next else { break };
                        if shared.failed.load(Ordering::Relaxed) {
                            continue;
                        }
                        match writer.place(&root, &path, &bytes) {
                            Ok(carried) => {
                                lock(&shared.placed).insert(path, (bytes.len() as u64, carried));
                            }
                            Err(e) => {
                                shared.failed.store(true, Ordering::Relaxed);
                                lock(&shared.error).get_or_insert(e);
                            }
                        }
                    }
                    lock(&shared.writing).add(&writer.times);
                })
                .context("cannot start a writer thread")?;
            handles.push(handle);
        }
        Ok(StagingDir {
            dir: dir.to_path_buf(),
            files: own,
            queue: Some(queue),
            writers: handles,
            shared,
            committed: false,
            _lock: build_lock,
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

    /// Writes the remaining files, replaces the output folder with the staging folder (in one
    /// step where the system can, see `swap.rs`), then removes the previous output.
    ///
    /// Fails, leaving the previous output as it was, if any file could not be written.
    pub fn commit(mut self) -> Result<(Written, Writing)> {
        self.finish_writing();
        if let Some(e) = lock(&self.shared.error).take() {
            return Err(e);
        }
        let mut writing = *lock(&self.shared.writing);
        let written = {
            let placed = lock(&self.shared.placed);
            writing.carried = placed.values().filter(|(_, carried)| *carried).count();
            writing.written = placed.len() - writing.carried;
            Written {
                files: placed.len(),
                bytes: placed.values().map(|(size, _)| size).sum(),
            }
        };
        let (dir, files) = (&self.dir, &self.files);
        let previous = swap::swap_in(&files.staging, dir, &files.old)
            .with_context(|| format!("cannot move the new site into {}", dir.display()))?;
        self.committed = true;
        if let Some(previous) = previous {
            let started = Instant::now();
            remove_tree(&previous).with_context(|| {
                format!(
                    "cannot remove the previous output at {}",
                    previous.display()
                )
            })?;
            writing.remove = started.elapsed();
        }
        Ok((written, writing))
    }
}

/// Puts back the output a build killed in the middle of its swap took away, and removes what
/// killed builds left beside `dir`. A build runs this before loading the site, so that even a
/// build that fails leaves the previous output in place.
pub fn recover(dir: &Path, site_root: &Path) -> Result<()> {
    lock_and_tidy(dir, site_root).map(drop)
}

/// Checks `dir`, takes this build's lock beside it and removes what killed builds left there.
fn lock_and_tidy(dir: &Path, site_root: &Path) -> Result<(stale::BuildFiles, stale::BuildLock)> {
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
    fs::create_dir_all(&parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let own = stale::BuildFiles::of(&parent, &name, std::process::id());
    let build_lock = stale::lock_own(&own)
        .with_context(|| format!("cannot lock the build of {}", dir.display()))?;
    stale::remove_stale(&parent, &name, &own);
    Ok((own, build_lock))
}

/// Removes a folder and everything in it, the entries of each folder in parallel. A symbolic
/// link in place of the folder (an output folder that was a link, now swapped out) is removed
/// itself: what it points to is outside the output and stays as it is.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    if fs::symlink_metadata(dir)?.file_type().is_symlink() {
        return fs::remove_file(dir);
    }
    remove_folder(dir)
}

/// Removes a folder and everything in it; symbolic links inside are removed, not followed.
fn remove_folder(dir: &Path) -> std::io::Result<()> {
    let entries = fs::read_dir(dir)?.collect::<std::io::Result<Vec<_>>>()?;
    entries.par_iter().try_for_each(|e| {
        if e.file_type()?.is_dir() {
            remove_folder(&e.path())
        } else {
            fs::remove_file(e.path())
        }
    })?;
    fs::remove_dir(dir)
}

/// One writer thread's way of placing files into the staging folder, and its time.
struct Writer {
    /// Links unchanged files from the previous output; `None` without one (or off Unix).
    #[cfg(unix)]
    carrier: Option<carry::Carrier>,
    times: Writing,
}

impl Writer {
    fn new(_previous: &Path, _staging: &Path) -> Writer {
        Writer {
            #[cfg(unix)]
            carrier: carry::Carrier::open(_previous, _staging),
            times: Writing::default(),
        }
    }

    /// Puts `bytes` at `path` below `root`: linked from the previous output if it holds them
    /// (`true`), written otherwise (`false`).
    fn place(&mut self, root: &Path, path: &str, bytes: &[u8]) -> Result<bool> {
        let target = root.join(path);
        let started = Instant::now();
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        self.times.mkdir += started.elapsed();
        #[cfg(unix)]
        if let Some(carrier) = &mut self.carrier {
            let started = Instant::now();
            let carried = carrier.link(path, bytes, &target);
            self.times.carry += started.elapsed();
            if carried {
                return Ok(true);
            }
        }
        let started = Instant::now();
        write_new(&target, bytes).with_context(|| format!("cannot write {}", target.display()))?;
        self.times.write += started.elapsed();
        Ok(false)
    }
}

/// Writes `bytes` into a new file at `target`. Never into an existing file: the one a path put
/// twice left there may be a link to the previous output's file, which writing in place would
/// change too. It is unlinked first.
fn write_new(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let create = || {
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(target)
    };
    let mut file = match create() {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            fs::remove_file(target)?;
            create()?
        }
        file => file?,
    };
    file.write_all(bytes)
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
            let _ = fs::remove_dir_all(&self.files.staging);
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
mod tests;
