//! The one sink of a build: an in-memory map of files, written to disk atomically.

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

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

    /// Sum of all file sizes.
    pub fn total_bytes(&self) -> usize {
        self.files.values().map(Vec::len).sum()
    }

    /// Writes the whole site to `dir`, replacing what was there only once every file is written.
    ///
    /// The new site is written to a sibling folder and swapped in by renames, so a failure at any
    /// point leaves the previous output as it was.
    pub fn write_atomic(&self, dir: &Path, site_root: &Path) -> Result<()> {
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
        if let Err(e) = self.write_into(&staging) {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
        let had_old = dir.exists();
        if had_old {
            fs::rename(dir, &old).with_context(|| {
                format!("cannot move the previous output {} aside", dir.display())
            })?;
        }
        if let Err(e) = fs::rename(&staging, dir) {
            if had_old {
                let _ = fs::rename(&old, dir);
            }
            let _ = fs::remove_dir_all(&staging);
            return Err(e)
                .with_context(|| format!("cannot move the new site into {}", dir.display()));
        }
        if had_old {
            fs::remove_dir_all(&old).with_context(|| {
                format!("cannot remove the previous output at {}", old.display())
            })?;
        }
        Ok(())
    }

    fn write_into(&self, dir: &Path) -> Result<()> {
        let mut dirs: Vec<PathBuf> = self
            .files
            .keys()
            .filter_map(|p| Path::new(p).parent().map(|d| dir.join(d)))
            .collect();
        dirs.dedup();
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        for d in &dirs {
            fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()))?;
        }
        self.files.par_iter().try_for_each(|(path, bytes)| {
            let target = dir.join(path);
            fs::write(&target, bytes).with_context(|| format!("cannot write {}", target.display()))
        })
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
    if dir.join(crate::load::CONFIG_FILE).exists() {
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
