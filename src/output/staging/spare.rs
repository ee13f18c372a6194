//! The spare: the output before the previous one, kept beside the output folder as
//! `.NAME.spare` and taken as the next build's staging folder, so that a rebuild after a small
//! edit creates and removes only what changed instead of a whole tree.
//!
//! After a swap the previous output is not removed but becomes the spare. Most of its files are
//! the inodes of the new output (they were carried over, see `carry.rs`), so it costs the disk
//! its folders and the old versions of the files that changed. The next build renames it to its
//! staging folder (a rename, so two builds never take the same spare), lists it without
//! following links, and then, for each file put:
//!
//! - a spare file that is the very inode of the output's file at the same path, whose bytes are
//!   the new ones, stays where it is (`kept`);
//! - any other spare entry at that path is removed first, then the file is carried over or
//!   written as without a spare;
//!
//! and before the swap it removes every spare entry the new site does not have. The staging
//! folder then holds exactly the new site, as if made from nothing. A spare that is not a
//! folder of this user is removed, and anything in it that is neither a folder nor a regular
//! file (a link, a pipe) is removed when it is listed, so nothing is ever written through it.
//!
//! A spare holds a `.gitignore` of `*`, so that git does not see it in a site repository.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// What marks a spare as not to be committed: git skips a folder whose `.gitignore` ignores
/// everything in it, itself included.
pub(super) const GITIGNORE: &[u8] =
    b"# The previous output of statuspress build, kept to make the next build faster.\n*\n";

/// A spare taken as the staging folder: what it holds, by path relative to it.
#[derive(Debug, Default)]
pub(super) struct Spare {
    /// Its regular files, with their device and inode.
    files: HashMap<String, (u64, u64)>,
    /// Its folders.
    dirs: HashSet<String>,
    /// Folders that hold a file of the new site (and so stay), and the folders created.
    used: HashSet<String>,
}

/// What the spare had at a path a file is put at.
pub(super) enum Found {
    /// Nothing.
    Nothing,
    /// A regular file, with its device and inode.
    File((u64, u64)),
}

impl Spare {
    /// Renames the spare at `spare` to `staging`; `false` if there is no spare, or it is not a
    /// folder of this user (it is removed then).
    pub(super) fn claim(spare: &Path, staging: &Path) -> bool {
        if fs::rename(spare, staging).is_err() {
            return false;
        }
        let mine = fs::symlink_metadata(staging)
            .is_ok_and(|m| m.is_dir() && m.uid() == rustix::process::geteuid().as_raw());
        if !mine {
            let _ = super::remove_tree(staging);
        }
        mine
    }

    /// Lists the spare claimed as `staging`, removing what a build never makes (links, pipes,
    /// names that are not UTF-8); if it cannot, empties `staging` and returns an empty list.
    pub(super) fn open(staging: &Path) -> io::Result<Spare> {
        match Spare::list(staging) {
            Ok(spare) => Ok(spare),
            Err(_) => {
                super::remove_tree(staging)?;
                fs::create_dir(staging)?;
                Ok(Spare::default())
            }
        }
    }

    fn list(root: &Path) -> io::Result<Spare> {
        use walkdir::DirEntryExt as _;
        let mut spare = Spare::default();
        // Every entry is on the device of the folder: the inode is read from the folder's
        // listing, without looking at each file.
        let dev = fs::symlink_metadata(root)?.dev();
        for entry in walkdir::WalkDir::new(root).min_depth(1).follow_links(false) {
            let entry = entry.map_err(io::Error::other)?;
            let rel = entry.path().strip_prefix(root).map_err(io::Error::other)?;
            let kind = entry.file_type();
            match rel
                .to_str()
                .map(|r| r.replace(std::path::MAIN_SEPARATOR, "/"))
            {
                Some(rel) if kind.is_dir() => {
                    spare.dirs.insert(rel);
                }
                Some(rel) if kind.is_file() => {
                    spare.files.insert(rel, (dev, entry.ino()));
                }
                // A link, a pipe, a name that is not UTF-8: nothing a build made.
                _ if kind.is_dir() => super::remove_tree(entry.path())?,
                _ => fs::remove_file(entry.path())?,
            }
        }
        Ok(spare)
    }

    /// Makes ready the folders of `path` (relative, with `/`) below `root`: a spare file in the
    /// way of one is removed; returns whether they were all there already.
    pub(super) fn folders_ready(&mut self, root: &Path, path: &str) -> io::Result<bool> {
        let Some((parent, _)) = path.rsplit_once('/') else {
            return Ok(true);
        };
        if self.used.contains(parent) {
            return Ok(true);
        }
        let mut ready = true;
        let mut at = 0;
        while at <= parent.len() {
            let end = parent[at..].find('/').map_or(parent.len(), |k| at + k);
            let folder = &parent[..end];
            if self.files.remove(folder).is_some() {
                fs::remove_file(root.join(folder))?;
            }
            ready &= self.dirs.contains(folder);
            self.used.insert(folder.to_string());
            at = end + 1;
        }
        Ok(ready)
    }

    /// Takes what the spare had at `path`; a folder there is removed.
    pub(super) fn take(&mut self, root: &Path, path: &str) -> io::Result<Found> {
        if let Some(id) = self.files.remove(path) {
            return Ok(Found::File(id));
        }
        if self.dirs.remove(path) {
            super::remove_tree(&root.join(path))?;
            let below = format!("{path}/");
            self.files.retain(|p, _| !p.starts_with(&below));
            self.dirs.retain(|p| !p.starts_with(&below));
        }
        Ok(Found::Nothing)
    }

    /// Removes from `root` every spare file and folder the new site does not have.
    pub(super) fn remove_rest(self, root: &Path) -> io::Result<()> {
        let mut dirs: Vec<&String> = self.dirs.difference(&self.used).collect();
        dirs.sort_by_key(|d| d.len());
        let mut removed: Vec<&str> = Vec::new();
        for dir in dirs {
            if !inside_any(dir, &removed) {
                ignore_missing(super::remove_tree(&root.join(dir)))?;
                removed.push(dir);
            }
        }
        for file in self.files.keys() {
            if !inside_any(file, &removed) {
                ignore_missing(fs::remove_file(root.join(file)))?;
            }
        }
        Ok(())
    }
}

/// Keeps the swapped-out `previous` output as the spare at `spare`; `false` if it could not be
/// (it is then still at `previous`, for the caller to remove).
pub(super) fn keep(previous: &Path, spare: &Path) -> bool {
    let marked = super::write_new(&previous.join(".gitignore"), GITIGNORE).is_ok();
    marked && fs::rename(previous, spare).is_ok()
}

/// Whether `path` is below one of the folders `removed` (all relative, with `/`).
fn inside_any(path: &str, removed: &[&str]) -> bool {
    removed.iter().any(|r| {
        path.strip_prefix(r)
            .is_some_and(|rest| rest.starts_with('/'))
    })
}

fn ignore_missing(result: io::Result<()>) -> io::Result<()> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}
