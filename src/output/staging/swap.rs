//! Putting the staging folder in place of the output folder: in one step where the system can
//! exchange two folders (Linux, `renameat2` with `RENAME_EXCHANGE`), otherwise with two renames.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Puts `staging` in place of `dir`, and returns where the previous output now is (to be
/// removed), if there was one.
///
/// With an exchange, `dir` always holds a whole site: the previous one, then the new one, and the
/// previous one ends up at `staging`. Without it, `dir` is moved to `old` first, so for a moment
/// there is no `dir`; a build killed then leaves the previous site at `old`, which the next build
/// puts back (see `stale.rs`).
pub(super) fn swap_in(staging: &Path, dir: &Path, old: &Path) -> io::Result<Option<PathBuf>> {
    abort_at("before-swap");
    let previous = if fs::symlink_metadata(dir).is_err() {
        fs::rename(staging, dir)?;
        None
    } else if exchange(staging, dir)? {
        Some(staging.to_path_buf())
    } else {
        fs::rename(dir, old)?;
        abort_at("between-renames");
        if let Err(e) = fs::rename(staging, dir) {
            let _ = fs::rename(old, dir);
            return Err(e);
        }
        Some(old.to_path_buf())
    };
    abort_at("after-swap");
    Ok(previous)
}

/// Exchanges two folders atomically; `false` where the system or file system cannot.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    if test_setting("STATUSPRESS_TEST_SWAP").is_some_and(|v| v == "rename") {
        return Ok(false);
    }
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        // An old kernel, or a file system without the exchange (some network file systems).
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Exchanges two folders atomically; `false` where the system or file system cannot.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

/// A setting for the tests of the swap only, from the environment; see README.md ("Testing the
/// output swap"). Never set in normal use.
fn test_setting(name: &str) -> Option<std::ffi::OsString> {
    std::env::var_os(name)
}

/// Aborts the process at the named step of the swap when `STATUSPRESS_TEST_ABORT_AT` names it,
/// as a kill would: the tests check what a killed build leaves behind.
pub(super) fn abort_at(step: &str) {
    if test_setting("STATUSPRESS_TEST_ABORT_AT").is_some_and(|v| v == step) {
        eprintln!("STATUSPRESS_TEST_ABORT_AT={step}: aborting");
        std::process::abort();
    }
}
