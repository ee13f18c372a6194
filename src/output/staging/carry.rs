//! Carrying unchanged files over from the previous output: a file whose new bytes are those of
//! the previous output's file at the same path is hard-linked into the staging folder instead of
//! being written again. A rebuild after a one-file edit then creates new links and folders, not
//! new files, and an unchanged file keeps its modification time.
//!
//! The previous output and the new one share the inode of every carried file, and after the
//! swap the new output and the spare (the previous output kept, see `spare.rs`) do. That is safe
//! because nothing writes into a file of a build's output in place: the staging writer creates
//! each file it writes anew (`create_new`, after unlinking what a path put twice or the spare
//! held, see `write_new` in `staging.rs`), the previous output is only read here, the spare's
//! files are only unlinked or kept, and no other command writes into the output folder (`serve` renders into memory). Anything that opened an output file for writing
//! would change both sites at once; keep it that way.
//!
//! Only a regular file is carried, reached from the previous output folder without following a
//! symbolic link (each folder is opened with `O_NOFOLLOW` from its parent's descriptor, and the
//! file is looked at without following), with a single link (so the new site never shares an
//! inode with anything outside the output; two where the other is the spare's file at the same
//! path, see [`Carrier::keeps`]), owned by this build's user and group and with the
//! permissions a new file would get. A carried file then differs from a written one only in its
//! inode and times. Anything else, and any failure to link (another file system, one without
//! hard links), falls back to writing.

use rustix::fd::{AsFd, BorrowedFd, OwnedFd};
use rustix::fs::{AtFlags, CWD, FileType, Mode, OFlags, linkat, openat, statat};
use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// Reads the previous output for one writer thread.
#[derive(Debug)]
pub(super) struct Carrier {
    /// The previous output folder, opened before anything was rendered.
    root: OwnedFd,
    /// The folders of the last path looked up below `root`, outermost first, each opened from
    /// the one before: consecutive files mostly share them.
    dirs: Vec<(String, OwnedFd)>,
    /// What a newly written file would be.
    like: Like,
    buf: Vec<u8>,
}

impl Carrier {
    /// A carrier from the previous output `previous` into `staging` (already created); `None`
    /// when there is no previous output folder (a first build, or `previous` is a symbolic link
    /// or not a folder).
    pub(super) fn open(previous: &Path, staging: &Path) -> Option<Carrier> {
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let root = openat(CWD, previous, flags, Mode::empty()).ok()?;
        // A new file gets the staging folder's owner and group, and the permissions of a new
        // folder without the execute bits (both are the umask, or a default ACL, applied to
        // 0o777 and 0o666).
        let like = fs::metadata(staging).ok()?;
        Some(Carrier {
            root,
            dirs: Vec::new(),
            like: Like {
                owner: (like.uid(), like.gid()),
                mode: like.mode() & 0o666,
            },
            buf: vec![0; 64 * 1024],
        })
    }

    /// Links the previous output's file at `path` (relative, with `/`) to `target` if it holds
    /// exactly `bytes`; `true` if it did. `target`'s folder exists; a file already at `target`
    /// (a path put twice) is replaced.
    pub(super) fn link(&mut self, path: &str, bytes: &[u8], target: &Path) -> bool {
        let (parent, name) = path.rsplit_once('/').unwrap_or(("", path));
        if !is_plain_name(name) {
            return false;
        }
        let Some(dir) = open_dir(&self.root, &mut self.dirs, parent) else {
            return false;
        };
        let Some(meta) = unchanged(dir, name, bytes, &self.like, 1, &mut self.buf) else {
            return false;
        };
        let mut linked = linkat(dir, name, CWD, target, AtFlags::empty());
        if linked == Err(rustix::io::Errno::EXIST) && fs::remove_file(target).is_ok() {
            linked = linkat(dir, name, CWD, target, AtFlags::empty());
        }
        if linked.is_err() {
            return false;
        }
        // The name may have been replaced between comparing and linking (only by something
        // else changing the previous output): keep the link only if it is the file compared.
        match fs::symlink_metadata(target) {
            Ok(now) if (now.dev(), now.ino()) == (meta.dev(), meta.ino()) => true,
            _ => {
                let _ = fs::remove_file(target);
                false
            }
        }
    }
}

impl Carrier {
    /// Whether the spare's file at `path`, the inode `id` (device and inode), may stay in the
    /// staging folder: it is the previous output's file at `path`, which holds exactly `bytes`,
    /// with no link but those two, and could have been written by this build.
    pub(super) fn keeps(&mut self, path: &str, bytes: &[u8], id: (u64, u64)) -> bool {
        let (parent, name) = path.rsplit_once('/').unwrap_or(("", path));
        if !is_plain_name(name) {
            return false;
        }
        let Some(dir) = open_dir(&self.root, &mut self.dirs, parent) else {
            return false;
        };
        unchanged(dir, name, bytes, &self.like, 2, &mut self.buf)
            .is_some_and(|meta| (meta.dev(), meta.ino()) == id)
    }
}

/// What a new file of the staging folder would be: its owner and group, and its permissions.
#[derive(Debug)]
struct Like {
    owner: (u32, u32),
    mode: u32,
}

/// The metadata of the regular file `name` of `dir` if its bytes are `bytes` and it could have
/// been written by this build (see [`Like`]) with `links` links: the length from its metadata
/// first, then the bytes. Never follows a symbolic link and never opens anything but a regular
/// file (opening a device or a pipe could block or act).
fn unchanged(
    dir: BorrowedFd<'_>,
    name: &str,
    bytes: &[u8],
    like: &Like,
    links: u64,
    buf: &mut [u8],
) -> Option<Metadata> {
    let st = statat(dir, name, AtFlags::SYMLINK_NOFOLLOW).ok()?;
    if FileType::from_raw_mode(st.st_mode) != FileType::RegularFile
        || u64::try_from(st.st_size).ok()? != bytes.len() as u64
    {
        return None;
    }
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
    let mut file = File::from(openat(dir, name, flags, Mode::empty()).ok()?);
    // Looked at again once open: the opened file is the one compared, and then linked.
    let meta = file.metadata().ok()?;
    let fits = meta.is_file()
        && meta.len() == bytes.len() as u64
        && meta.nlink() == links
        && (meta.uid(), meta.gid()) == like.owner
        && meta.mode() & 0o7777 == like.mode;
    (fits && same_bytes(&mut file, bytes, buf).ok()?).then_some(meta)
}

/// Whether the next `bytes.len()` bytes of `file` are `bytes`.
fn same_bytes(file: &mut File, bytes: &[u8], buf: &mut [u8]) -> io::Result<bool> {
    let mut at = 0;
    while at < bytes.len() {
        let want = buf.len().min(bytes.len() - at);
        let n = file.read(&mut buf[..want])?;
        if n == 0 || buf[..n] != bytes[at..at + n] {
            return Ok(false);
        }
        at += n;
    }
    Ok(true)
}

/// The folder `parent` (relative, with `/`; empty for the root) below `root`, each part opened
/// from the one before without following symbolic links; `None` if it is not there as folders.
/// Keeps the chain in `dirs` and reopens only the parts that differ from the last lookup.
fn open_dir<'a>(
    root: &'a OwnedFd,
    dirs: &'a mut Vec<(String, OwnedFd)>,
    parent: &str,
) -> Option<BorrowedFd<'a>> {
    let parts: Vec<&str> = if parent.is_empty() {
        Vec::new()
    } else {
        parent.split('/').collect()
    };
    if !parts.iter().all(|p| is_plain_name(p)) {
        return None;
    }
    let same = dirs
        .iter()
        .zip(&parts)
        .take_while(|((name, _), part)| name == *part)
        .count();
    dirs.truncate(same);
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    for part in &parts[same..] {
        let at = dirs.last().map_or(root.as_fd(), |(_, fd)| fd.as_fd());
        let fd = openat(at, *part, flags, Mode::empty()).ok()?;
        dirs.push(((*part).to_string(), fd));
    }
    Some(dirs.last().map_or(root.as_fd(), |(_, fd)| fd.as_fd()))
}

/// A name that stays in its folder: not empty, `.` or `..`.
fn is_plain_name(name: &str) -> bool {
    !matches!(name, "" | "." | "..")
}
