//! What killed builds leave beside the output folder, and the lock that tells them apart from
//! builds still running.
//!
//! Each build holds an advisory lock (`flock`) on `.NAME.lock-PID` for as long as its staging
//! folder `.NAME.new-PID` or swapped-out output `.NAME.old-PID` exists. The kernel drops the lock
//! when the process ends, however it ends, so a folder whose lock can be taken is stale. A lock
//! is used rather than asking whether process PID is alive because PIDs are reused: in a
//! container every build may well run as the same PID, and a stale folder would look alive.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

/// The files of one build beside the output folder `NAME`.
#[derive(Debug, Clone)]
pub(super) struct BuildFiles {
    pub(super) staging: PathBuf,
    pub(super) old: PathBuf,
    lock: PathBuf,
    /// The spare, which is not this build's, only where it looks for one.
    #[cfg_attr(not(unix), allow(dead_code))]
    pub(super) spare: PathBuf,
}

impl BuildFiles {
    pub(super) fn of(parent: &Path, name: &str, pid: u32) -> BuildFiles {
        BuildFiles {
            staging: parent.join(format!(".{name}.new-{pid}")),
            old: parent.join(format!(".{name}.old-{pid}")),
            lock: parent.join(format!(".{name}.lock-{pid}")),
            spare: parent.join(format!(".{name}.spare")),
        }
    }

    /// Removes both folders and then the lock file (whose lock the caller holds).
    fn remove(&self) {
        let _ = super::remove_tree(&self.staging);
        let _ = super::remove_tree(&self.old);
        let _ = fs::remove_file(&self.lock);
    }
}

/// The lock of a running build, released when dropped (or when the process ends).
#[derive(Debug)]
pub(super) struct BuildLock {
    _file: File,
    path: PathBuf,
}

impl Drop for BuildLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Takes this build's lock, waiting while another build cleans up a stale one of the same PID.
pub(super) fn lock_own(files: &BuildFiles) -> io::Result<BuildLock> {
    loop {
        let file = File::create(&files.lock)?;
        platform::lock(&file, true)?;
        // A build removing a stale lock file of this PID may have removed it meanwhile: a lock
        // on a file that is no longer there guards nothing, so take it again.
        if platform::is_at(&file, &files.lock) {
            return Ok(BuildLock {
                _file: file,
                path: files.lock.clone(),
            });
        }
    }
}

/// Removes what killed builds left beside the output folder `name` in `parent`, skipping the
/// folders of builds that still run. If the output is missing (a build killed between the two
/// renames of the fallback swap), a stale previous output is put back first.
pub(super) fn remove_stale(parent: &Path, name: &str, own: &BuildFiles) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let mut pids: Vec<u32> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| pid_of(&e.file_name().to_string_lossy(), name))
        .collect();
    pids.sort_unstable();
    pids.dedup();
    let dir = parent.join(name);
    for pid in pids {
        let files = BuildFiles::of(parent, name, pid);
        let is_own = files.lock == own.lock;
        let lock = if is_own {
            None
        } else {
            take_stale_lock(&files)
        };
        if !is_own && lock.is_none() {
            continue;
        }
        if fs::symlink_metadata(&dir).is_err() && files.old.is_dir() {
            let _ = fs::rename(&files.old, &dir);
        }
        if is_own {
            let _ = super::remove_tree(&files.staging);
            let _ = super::remove_tree(&files.old);
        } else {
            files.remove();
        }
        drop(lock);
    }
}

/// The lock of a build that no longer runs, held while its files are removed; `None` if that
/// build still runs. A build that left no lock file is stale (it had not locked yet, or it
/// predates locks).
fn take_stale_lock(files: &BuildFiles) -> Option<Option<File>> {
    let file = match File::open(&files.lock) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Some(None),
        Err(_) => return None,
    };
    match platform::lock(&file, false) {
        Ok(()) if platform::is_at(&file, &files.lock) => Some(Some(file)),
        _ => None,
    }
}

/// The PID in `.NAME.new-PID`, `.NAME.old-PID` or `.NAME.lock-PID`.
fn pid_of(file_name: &str, name: &str) -> Option<u32> {
    let rest = file_name.strip_prefix('.')?.strip_prefix(name)?;
    let pid = [".new-", ".old-", ".lock-"]
        .iter()
        .find_map(|kind| rest.strip_prefix(kind))?;
    pid.parse().ok()
}

#[cfg(unix)]
mod platform {
    use rustix::fs::{FlockOperation, flock};
    use std::fs::{self, File};
    use std::io;
    use std::os::unix::fs::MetadataExt;
    use std::path::Path;

    /// An exclusive advisory lock on `file`; without `wait`, fails at once if it is held.
    pub(super) fn lock(file: &File, wait: bool) -> io::Result<()> {
        let operation = if wait {
            FlockOperation::LockExclusive
        } else {
            FlockOperation::NonBlockingLockExclusive
        };
        Ok(flock(file, operation)?)
    }

    /// Whether `path` still names the open `file`.
    pub(super) fn is_at(file: &File, path: &Path) -> bool {
        match (file.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
}

#[cfg(not(unix))]
mod platform {
    use std::fs::File;
    use std::io;
    use std::path::Path;

    /// Without advisory locks, every other build counts as running: nothing of theirs is removed.
    pub(super) fn lock(_: &File, wait: bool) -> io::Result<()> {
        if wait {
            Ok(())
        } else {
            Err(io::ErrorKind::WouldBlock.into())
        }
    }

    pub(super) fn is_at(_: &File, _: &Path) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::pid_of;

    #[test]
    fn only_the_files_of_builds_of_this_output_are_recognised() {
        assert_eq!(pid_of(".public.new-12", "public"), Some(12));
        assert_eq!(pid_of(".public.old-7", "public"), Some(7));
        assert_eq!(pid_of(".public.lock-3", "public"), Some(3));
        assert_eq!(pid_of(".public.new-x", "public"), None);
        assert_eq!(pid_of(".site.new-12", "public"), None);
        assert_eq!(pid_of(".public-2.new-12", "public"), None);
        assert_eq!(pid_of("public.new-12", "public"), None);
    }
}
