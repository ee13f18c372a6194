//! The sink of `build`: a staging folder beside the output folder, written as pages are
//! rendered, with the files the previous output already holds unchanged linked rather than
//! written (`carry.rs`), swapped in atomically once the whole site is there (`swap.rs`), and the
//! leftovers of killed builds removed (`stale.rs`).

#[cfg(unix)]
mod carry;
#[cfg(unix)]
mod spare;
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
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
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
/// `carry.rs`), and the staging folder is the spare when there is one (see `spare.rs`). Until
/// the commit the previous output is untouched (only read, and linked to); a staging folder
/// dropped without committing (a failed build) becomes the spare, or is removed if the writer
/// failed in it.
#[derive(Debug)]
pub struct StagingDir {
    dir: PathBuf,
    files: stale::BuildFiles,
    queue: Option<SyncSender<(String, Vec<u8>)>>,
    writer: Option<JoinHandle<()>>,
    shared: Arc<Shared>,
    committed: bool,
    /// Held until the staging folder and the previous output are put away; dropped last.
    _lock: stale::BuildLock,
}

/// Files queued for the writer thread; bounds the memory of pages rendered but not yet written.
/// One writer: measured on ext4 and tmpfs, two or four were no faster than one, as they only add
/// kernel time (see BENCHMARKS.md); and the spare (`spare.rs`) is tidied by the one writer.
const QUEUE: usize = 64;

#[derive(Debug, Default)]
struct Shared {
    /// Size of each file placed, by path, and whether it was carried over from the previous
    /// output (a path put twice counts once, as last placed).
    placed: Mutex<HashMap<String, (u64, bool)>>,
    /// The writer's time, set as it ends.
    writing: Mutex<Writing>,
    failed: AtomicBool,
    error: Mutex<Option<anyhow::Error>>,
}

impl StagingDir {
    /// Checks that `dir` may be replaced by a build of the site in `site_root`, removes what
    /// killed builds left beside it, and makes the staging folder there: the spare, if there is
    /// one (see `spare.rs`), else an empty folder.
    pub fn create(dir: &Path, site_root: &Path) -> Result<StagingDir> {
        let (own, build_lock) = lock_and_tidy(dir, site_root)?;
        let staging = own.staging.clone();
        #[cfg(unix)]
        let claimed = spare::Spare::claim(&own.spare, &staging);
        #[cfg(not(unix))]
        let claimed = false;
        if !claimed {
            fs::create_dir(&staging)
                .with_context(|| format!("cannot create {}", staging.display()))?;
        }
        let shared = Arc::new(Shared::default());
        let (queue, files) = sync_channel::<(String, Vec<u8>)>(QUEUE);
        let (previous, root, thread_shared) = (dir.to_path_buf(), staging, Arc::clone(&shared));
        let writer = std::thread::Builder::new()
            .name("statuspress-writer".to_string())
            .spawn(move || write_all(&previous, &root, claimed, &files, &thread_shared))
            .context("cannot start the writer thread")?;
        Ok(StagingDir {
            dir: dir.to_path_buf(),
            files: own,
            queue: Some(queue),
            writer: Some(writer),
            shared,
            committed: false,
            _lock: build_lock,
        })
    }

    /// Waits until every file put so far is written.
    fn finish_writing(&mut self) {
        drop(self.queue.take());
        if let Some(writer) = self.writer.take()
            && writer.join().is_err()
        {
            self.shared.failed.store(true, Ordering::Relaxed);
            lock(&self.shared.error).get_or_insert(anyhow::anyhow!("the writer thread panicked"));
        }
    }

    /// Writes the remaining files, replaces the output folder with the staging folder (in one
    /// step where the system can, see `swap.rs`), then keeps the previous output as the spare
    /// for the next build (or removes it where it cannot be kept).
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
            #[cfg(unix)]
            if !is_link(&previous) && spare::keep(&previous, &files.spare) {
                writing.kept_spare = true;
                writing.remove = started.elapsed();
                return Ok((written, writing));
            }
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

/// The writer thread: lists the spare if the staging folder `root` is one (`claimed`), places
/// each file received in `root`, linked from the previous output where it is unchanged, then
/// removes what the spare held beyond the new site. After a failure it only drains the queue,
/// so that rendering threads never wait on it.
fn write_all(
    previous: &Path,
    root: &Path,
    claimed: bool,
    files: &Receiver<(String, Vec<u8>)>,
    shared: &Shared,
) {
    let fail = |e: anyhow::Error| {
        shared.failed.store(true, Ordering::Relaxed);
        lock(&shared.error).get_or_insert(e);
    };
    let started = Instant::now();
    // Opened before anything is rendered: the previous output as it is at the start.
    let mut writer = match Writer::new(previous, root, claimed) {
        Ok(writer) => Some(writer),
        Err(e) => {
            fail(e);
            None
        }
    };
    let listed = started.elapsed();
    for (path, bytes) in files {
        let Some(w) = writer
            .as_mut()
            .filter(|_| !shared.failed.load(Ordering::Relaxed))
        else {
            continue;
        };
        match w.place(root, &path, &bytes) {
            Ok(carried) => {
                lock(&shared.placed).insert(path, (bytes.len() as u64, carried));
            }
            Err(e) => fail(e),
        }
    }
    if let Some(mut w) = writer {
        if !shared.failed.load(Ordering::Relaxed)
            && let Err(e) = w.finish(root)
        {
            fail(e);
        }
        w.times.list = listed;
        *lock(&shared.writing) = w.times;
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

/// Whether `path` is a symbolic link.
#[cfg(unix)]
fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
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
    /// What the staging folder held when it was the spare (nothing for a new folder), and the
    /// folders made ready so far.
    #[cfg(unix)]
    spare: spare::Spare,
    times: Writing,
}

impl Writer {
    /// The writer into `staging`, linking from the `previous` output; lists the spare first if
    /// `staging` is one (`claimed`).
    #[cfg(unix)]
    fn new(previous: &Path, staging: &Path, claimed: bool) -> Result<Writer> {
        let spare = if claimed {
            spare::Spare::open(staging)
                .with_context(|| format!("cannot make {} empty", staging.display()))?
        } else {
            spare::Spare::default()
        };
        Ok(Writer {
            carrier: carry::Carrier::open(previous, staging),
            times: Writing {
                from_spare: claimed,
                ..Writing::default()
            },
            spare,
        })
    }

    #[cfg(not(unix))]
    fn new(_previous: &Path, _staging: &Path, _claimed: bool) -> Result<Writer> {
        Ok(Writer {
            times: Writing::default(),
        })
    }

    /// Puts `bytes` at `path` below `root`: kept from the spare or linked from the previous
    /// output if that holds them (`true`), written otherwise (`false`).
    fn place(&mut self, root: &Path, path: &str, bytes: &[u8]) -> Result<bool> {
        let target = root.join(path);
        let started = Instant::now();
        #[cfg(unix)]
        let ready = (self.spare.folders_ready(root, path))
            .with_context(|| format!("cannot make the folders of {}", target.display()))?;
        #[cfg(not(unix))]
        let ready = false;
        if !ready && let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        self.times.mkdir += started.elapsed();
        #[cfg(unix)]
        if let spare::Found::File(id) = (self.spare.take(root, path))
            .with_context(|| format!("cannot replace {}", target.display()))?
            && let Some(carrier) = &mut self.carrier
        {
            let started = Instant::now();
            let kept = carrier.keeps(path, bytes, id);
            self.times.carry += started.elapsed();
            if kept {
                return Ok(true);
            }
        }
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

    /// Removes what the spare held that the new site does not have, once every file is placed.
    fn finish(&mut self, _root: &Path) -> Result<()> {
        #[cfg(unix)]
        {
            let started = Instant::now();
            std::mem::take(&mut self.spare)
                .remove_rest(_root)
                .with_context(|| format!("cannot tidy {}", _root.display()))?;
            self.times.tidy += started.elapsed();
        }
        Ok(())
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
            // Any folder serves as the spare: what it holds is only ever kept where it is the
            // output's own file with the new bytes. Not one the writer failed in, though: what
            // failed there (a folder it may not change, say) would fail the next build too.
            #[cfg(unix)]
            if !self.shared.failed.load(Ordering::Relaxed)
                && spare::keep(&self.files.staging, &self.files.spare)
            {
                return;
            }
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
