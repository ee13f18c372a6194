//! Keeping every read inside the site folder: a symbolic link is followed only while it stays
//! inside, so a link to the system's configuration (or anywhere else) is never read, published or
//! served.

use crate::diagnostic::Diagnostic;
use std::fs;
use std::path::{Path, PathBuf};

/// The site folder, resolved once, that every path read must stay inside.
pub(crate) struct SiteFolder {
    /// The root as given, for naming paths relative to it.
    root: PathBuf,
    /// The root with every link resolved, to compare resolved paths against.
    resolved: PathBuf,
}

impl SiteFolder {
    /// The folder at `root`. A root that cannot be resolved is compared as given (reading it
    /// then fails on its own, with its own message).
    pub(crate) fn new(root: &Path) -> Self {
        SiteFolder {
            root: root.to_path_buf(),
            resolved: fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    /// Whether `path` (the root joined with a relative path) may be read: true unless it leads
    /// out of the site through a link, in which case an error naming that link goes to `diags`.
    /// A path that cannot be resolved (it does not exist, or a link points to nothing) is left
    /// to the reader, which reports it.
    pub(crate) fn admits(&self, path: &Path, diags: &mut Vec<Diagnostic>) -> bool {
        if self.stays_inside(path) {
            return true;
        }
        diags.push(self.refusal(path));
        false
    }

    /// Like [`SiteFolder::admits`] for an entry of a walk that follows links, whose start the
    /// caller has admitted: only links need resolving, since anything else is inside its parent
    /// folder.
    pub(crate) fn admits_entry(
        &self,
        entry: &walkdir::DirEntry,
        diags: &mut Vec<Diagnostic>,
    ) -> bool {
        !entry.path_is_symlink() || self.admits(entry.path(), diags)
    }

    fn stays_inside(&self, path: &Path) -> bool {
        fs::canonicalize(path).map_or(true, |p| p.starts_with(&self.resolved))
    }

    /// The error for `path`, which leads outside: it names the first link on the way that does,
    /// and where that link points as it is written.
    fn refusal(&self, path: &Path) -> Diagnostic {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        let mut prefix = self.root.clone();
        let mut link = path.to_path_buf();
        for part in relative.components() {
            prefix.push(part);
            let is_link = fs::symlink_metadata(&prefix).is_ok_and(|m| m.is_symlink());
            if is_link && !self.stays_inside(&prefix) {
                link = prefix;
                break;
            }
        }
        let target = fs::read_link(&link).unwrap_or_else(|_| link.clone());
        let name = link.strip_prefix(&self.root).unwrap_or(&link);
        Diagnostic::error(
            name,
            (1, 1),
            format!(
                "symbolic link leads outside the site folder, to {}",
                target.display()
            ),
        )
        .with_hint(
            "copy what it points to into the site folder, or remove the link; nothing outside \
             the site folder is read",
        )
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_are_judged_by_where_they_lead() {
        let site = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let root = site.path();
        fs::create_dir_all(root.join("static/inner")).unwrap();
        fs::write(root.join("static/inner/a.txt"), "a").unwrap();
        fs::write(outside.path().join("secret"), "s").unwrap();
        symlink("inner/a.txt", root.join("static/alias.txt")).unwrap();
        symlink(outside.path(), root.join("static/out")).unwrap();
        let folder = SiteFolder::new(root);
        let mut diags = Vec::new();
        assert!(folder.admits(&root.join("static/alias.txt"), &mut diags));
        assert!(folder.admits(&root.join("static/missing"), &mut diags));
        assert!(diags.is_empty(), "{diags:?}");
        assert!(!folder.admits(&root.join("static/out/secret"), &mut diags));
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].path, Path::new("static/out"));
        assert_eq!(
            diags[0].message,
            format!(
                "symbolic link leads outside the site folder, to {}",
                outside.path().display()
            )
        );
    }
}

/// Refuses `rel` (relative to `root`) when it, or a folder on the way to it, leads outside the
/// site folder through a link: for files that commands beside the build read and write, such as
/// the ledger of `notify`, which must stay inside the site as everything the build reads does.
pub(crate) fn check_inside(root: &Path, rel: &Path) -> Result<(), Diagnostic> {
    let site = SiteFolder::new(root);
    let mut diags = Vec::new();
    let mut path = root.to_path_buf();
    for part in rel.components() {
        path.push(part);
        if !site.admits(&path, &mut diags) {
            let mut d = diags.remove(0);
            if let Ok(inner) = d.path.strip_prefix(root) {
                d.path = inner.to_path_buf();
            }
            return Err(d);
        }
    }
    Ok(())
}

/// The text of the site file `rel`, or `None` when there is no such file. It is read only when
/// it stays inside the site folder ([`check_inside`]).
pub(crate) fn read_optional(root: &Path, rel: &Path) -> Result<Option<String>, Diagnostic> {
    check_inside(root, rel)?;
    if std::fs::symlink_metadata(root.join(rel)).is_err() {
        return Ok(None);
    }
    super::read::read_utf8(root, rel).map(Some)
}
