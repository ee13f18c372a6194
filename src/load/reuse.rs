//! Posts kept from one load to the next, so `serve` parses only the files that changed.

use super::Site;
use crate::diagnostic::Diagnostic;
use crate::model::{Incident, Maintenance};
use std::collections::HashMap;
use std::ffi::OsString;

/// Posts parsed by an earlier load of the same folder. `serve` loads the site again after every
/// save, when most files are unchanged; all are parsed again when `statuspress.toml` or
/// `components.toml` changed, since posts are read against both.
#[derive(Debug, Default)]
pub struct Reuse {
    /// Fingerprint of the config and catalogue texts the kept posts were parsed against.
    against: Fingerprint,
    /// By path relative to the root (as bytes, which hash faster than a path's components).
    pub(super) incidents: HashMap<OsString, Kept<Incident>>,
    pub(super) maintenance: HashMap<OsString, Kept<Maintenance>>,
}

/// One parsed file: the hash of its text, its [`Stamp`] when that can tell it unchanged, what
/// parsing it said, and the post while it is not lent to a site.
#[derive(Debug)]
pub(super) struct Kept<T> {
    pub(super) text: Fingerprint,
    pub(super) stamp: Option<Stamp>,
    pub(super) diags: Vec<Diagnostic>,
    pub(super) post: Option<T>,
    /// Whether the last load listed the file (one that no longer lists it forgets it).
    pub(super) listed: bool,
}

impl Reuse {
    /// An empty store for posts parsed against the config and catalogue with `fingerprint`.
    pub(super) fn against(fingerprint: Fingerprint) -> Self {
        Reuse {
            against: fingerprint,
            ..Reuse::default()
        }
    }

    /// True when the kept posts were parsed against the config and catalogue with `fingerprint`.
    pub(super) fn is_against(&self, fingerprint: Fingerprint) -> bool {
        self.against == fingerprint
    }

    /// Takes back the posts of a site made by [`load_reusing`](super::load_reusing), for the next load.
    pub fn keep(&mut self, site: Site) {
        for inc in site.incidents {
            if let Some(k) = self.incidents.get_mut(inc.path.as_os_str()) {
                k.post = Some(inc);
            }
        }
        for m in site.maintenance {
            if let Some(k) = self.maintenance.get_mut(m.path.as_os_str()) {
                k.post = Some(m);
            }
        }
    }
}

/// The length and a 64-bit hash of a text: what tells an unchanged file.
pub(super) type Fingerprint = (usize, u64);

/// What the file system says of a file (device, inode, size, modification and change times to
/// the nanosecond): a file whose stamp is the one it had when it was read has not been written
/// since, as long as the stamp is older than the read by more than the file system's clock
/// steps (see [`Stamp::read`]). Files are only read when their stamp moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    device: u64,
    inode: u64,
    len: u64,
    modified: (i64, i64),
    changed: (i64, i64),
}

/// How much older than the moment it is taken a stamp must be to tell a file unchanged: file
/// times advance in steps (of a few milliseconds on many file systems), so a file written
/// again within the step of a write just before it was read keeps its stamp; it is read again
/// until its stamp is older than this.
const SETTLED: std::time::Duration = std::time::Duration::from_secs(2);

impl Stamp {
    /// The stamp of the file at `path` (following links, as reading does), and whether it is
    /// settled enough to tell the file unchanged next time; `None` where the file system does
    /// not say.
    #[cfg(unix)]
    pub(super) fn read(path: &std::path::Path) -> Option<(Stamp, bool)> {
        use std::os::unix::fs::MetadataExt;
        let taken = std::time::SystemTime::now();
        let m = std::fs::metadata(path).ok()?;
        let stamp = Stamp {
            device: m.dev(),
            inode: m.ino(),
            len: m.len(),
            modified: (m.mtime(), m.mtime_nsec()),
            changed: (m.ctime(), m.ctime_nsec()),
        };
        let limit = (taken.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|now| now.saturating_sub(SETTLED));
        let before = |(secs, nanos): (i64, i64)| {
            let at = u64::try_from(secs)
                .ok()
                .map(|s| std::time::Duration::new(s, u32::try_from(nanos).unwrap_or(0)));
            limit.is_some_and(|limit| at.is_none_or(|at| at < limit))
        };
        let settled = before(stamp.modified) && before(stamp.changed);
        Some((stamp, settled))
    }

    /// Elsewhere files are always read.
    #[cfg(not(unix))]
    pub(super) fn read(_: &std::path::Path) -> Option<(Stamp, bool)> {
        None
    }
}

pub(super) fn fingerprint(text: &str) -> Fingerprint {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    (text.len(), h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{COMPONENTS_FILE, CONFIG_FILE, load, load_reusing};
    use std::fs;
    use std::path::Path;

    const CONFIG: &str = "title = \"T\"\nbase_url = \"https://t.test\"\n";
    const COMPONENTS: &str = "[[component]]\nid = \"api\"\nname = \"API\"\n[[component]]\nid = \"web\"\nname = \"Web\"\n";

    fn post(title: &str, component: &str) -> String {
        format!(
            "+++\ntitle = \"{title}\"\nstarted = 2026-11-20T10:00:00Z\naffected = [\"{component}\"]\n+++\n\n## Resolved — 2026-11-20 11:00 UTC\nDone.\n"
        )
    }

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    fn titles(site: &Site) -> Vec<(String, String)> {
        site.incidents
            .iter()
            .map(|i| (i.id.clone(), i.title.clone()))
            .collect()
    }

    fn site_folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), CONFIG_FILE, CONFIG);
        write(dir.path(), COMPONENTS_FILE, COMPONENTS);
        write(dir.path(), "incidents/a.md", &post("A", "api"));
        write(dir.path(), "incidents/b.md", &post("B", "web"));
        // An update dated before `started`: a warning the second load must report again.
        write(
            dir.path(),
            "incidents/c.md",
            &format!(
                "{}\n## Investigating — 2026-11-20 09:00 UTC\nEarly.\n",
                post("C", "api")
            ),
        );
        dir
    }

    /// The test site, loaded once with its posts kept.
    fn loaded_once() -> (tempfile::TempDir, Reuse) {
        let dir = site_folder();
        let mut reuse = Reuse::default();
        let site = load_reusing(dir.path(), &mut reuse).unwrap();
        reuse.keep(site);
        (dir, reuse)
    }

    #[test]
    fn a_reusing_load_equals_a_fresh_one_after_edits() {
        let dir = site_folder();
        let root = dir.path();
        let mut reuse = Reuse::default();
        let first = load_reusing(root, &mut reuse).unwrap();
        assert_eq!(format!("{first:?}"), format!("{:?}", load(root).unwrap()));
        reuse.keep(first);

        write(root, "incidents/b.md", &post("B edited", "web"));
        write(root, "incidents/d.md", &post("D", "web"));
        fs::remove_file(root.join("incidents/a.md")).unwrap();
        let second = load_reusing(root, &mut reuse).unwrap();
        let fresh = load(root).unwrap();
        assert_eq!(format!("{second:?}"), format!("{fresh:?}"));
        assert_eq!(
            titles(&second),
            [("b", "B edited"), ("c", "C"), ("d", "D")]
                .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        assert_eq!(second.warnings.len(), 1, "{:?}", second.warnings);
        assert!(
            second.warnings[0]
                .message
                .contains("dated before `started`")
        );
        assert_eq!(reuse.incidents.len(), 3, "forgets removed files");
    }

    #[test]
    fn only_changed_files_are_parsed_again() {
        let (dir, mut reuse) = loaded_once();
        let root = dir.path();
        // Mark the kept posts: a reused post keeps the mark, a parsed one comes from its file.
        for kept in reuse.incidents.values_mut() {
            kept.post.as_mut().unwrap().title.push_str(" (kept)");
        }
        write(root, "incidents/b.md", &post("B edited", "web"));
        let second = load_reusing(root, &mut reuse).unwrap();
        assert_eq!(
            titles(&second),
            [("a", "A (kept)"), ("b", "B edited"), ("c", "C (kept)")]
                .map(|(a, b)| (a.to_string(), b.to_string()))
        );
    }

    #[test]
    fn a_file_written_after_its_stamp_settled_is_read_again() {
        let (dir, mut reuse) = loaded_once();
        let root = dir.path();
        // Old enough for the next load to record stamps it trusts.
        std::thread::sleep(SETTLED + std::time::Duration::from_millis(100));
        let second = load_reusing(root, &mut reuse).unwrap();
        reuse.keep(second);
        assert!(reuse.incidents.values().all(|k| k.stamp.is_some()));
        // The same length, other words: only the stamp tells.
        let text = post("A", "api").replace("Done.", "Fine.");
        write(root, "incidents/a.md", &text);
        let third = load_reusing(root, &mut reuse).unwrap();
        assert_eq!(format!("{third:?}"), format!("{:?}", load(root).unwrap()));
        assert!(third.incidents[0].updates[0].body.contains("Fine."));
    }

    #[test]
    fn unchanged_posts_are_read_again_when_the_catalogue_changes() {
        let (dir, mut reuse) = loaded_once();
        let root = dir.path();
        // `web` is gone: b.md, unchanged, must now fail to load.
        write(
            root,
            COMPONENTS_FILE,
            "[[component]]\nid = \"api\"\nname = \"API\"\n",
        );
        let errors = load_reusing(root, &mut reuse).unwrap_err();
        assert!(
            errors.iter().any(|d| d.path == Path::new("incidents/b.md")
                && d.message.contains("unknown component `web`")),
            "{errors:?}"
        );
        // After a failed load, fixing the file gives the same site as a fresh load.
        write(root, "incidents/b.md", &post("B", "api"));
        let again = load_reusing(root, &mut reuse).unwrap();
        assert_eq!(format!("{again:?}"), format!("{:?}", load(root).unwrap()));
    }
}
