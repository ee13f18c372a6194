//! Post files: finding them, reading them and parsing them in parallel, with unique ids.

use super::confine::SiteFolder;
use super::is_scratch_file;
use super::reuse::{Fingerprint, Kept, Stamp, fingerprint};
use crate::diagnostic::Diagnostic;
use crate::model::post::check_post_id;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Where the texts of posts come from.
#[derive(Clone, Copy)]
pub(super) enum PostTexts<'a> {
    /// Already read, as (path relative to the root, text).
    InMemory(&'a [(PathBuf, String)]),
    /// Read from `root` as each is parsed.
    OnDisk {
        root: &'a Path,
        paths: &'a [PathBuf],
    },
}

impl PostTexts<'_> {
    pub(super) fn len(self) -> usize {
        match self {
            PostTexts::InMemory(files) => files.len(),
            PostTexts::OnDisk { paths, .. } => paths.len(),
        }
    }

    /// The paths of every post, readable or not.
    pub(super) fn paths(&self) -> Vec<&Path> {
        (0..self.len()).map(|i| self.path(i)).collect()
    }

    fn path(&self, i: usize) -> &Path {
        match self {
            PostTexts::InMemory(files) => &files[i].0,
            PostTexts::OnDisk { paths, .. } => &paths[i],
        }
    }

    /// The stamp of post `i` on disk (see [`Stamp::read`]).
    fn stamp(&self, i: usize) -> Option<(Stamp, bool)> {
        match self {
            PostTexts::InMemory(_) => None,
            PostTexts::OnDisk { root, paths } => Stamp::read(&root.join(&paths[i])),
        }
    }

    /// The text of post `i`, or why it cannot be read.
    fn text(&self, i: usize) -> Result<Cow<'_, str>, Diagnostic> {
        match self {
            PostTexts::InMemory(files) => Ok(Cow::Borrowed(files[i].1.as_str())),
            PostTexts::OnDisk { root, paths } => read_post(root, &paths[i]).map(Cow::Owned),
        }
    }
}

/// Markdown files under a folder, relative to the root, sorted by path. The one lister of
/// posts: the build, `check`, the authoring commands and `import` all find posts through it.
///
/// A missing folder has no posts. Anything else in it that cannot be read (a folder without
/// permission, a link to nothing, a link loop, a link out of the site) is an error in `diags`
/// naming it, and so is a file ending in `.MD` or `.Md`, which is not read.
pub(crate) fn list_posts(root: &Path, dir: &str, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let base = root.join(dir);
    let relative = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let mut paths = Vec::new();
    let site = SiteFolder::new(root);
    if !site.admits(&base, diags) {
        return paths;
    }
    let mut refused = Vec::new();
    let walk = WalkDir::new(&base)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| {
            let wanted = e.depth() == 0 || !is_scratch_file(&e.file_name().to_string_lossy());
            wanted && site.admits_entry(e, &mut refused)
        });
    for entry in walk {
        match entry {
            Ok(e) if !e.file_type().is_file() => {}
            Ok(e) => match e.path().extension() {
                Some(x) if x == "md" => paths.push(relative(e.path())),
                Some(x) if x.eq_ignore_ascii_case("md") => {
                    diags.push(misspelled_extension(&relative(e.path())));
                }
                _ => {}
            },
            Err(e) if e.depth() == 0 && !base.exists() => {}
            Err(e) => {
                let path = e.path().map_or_else(|| PathBuf::from(dir), relative);
                diags.push(super::read::unwalkable(&path, &e));
            }
        }
    }
    diags.append(&mut refused);
    paths.sort_by_cached_key(|p| path_order_key(p));
    paths
}

/// A file that would be a post but for the case of its extension (`.MD`, `.Md`): an error
/// rather than a post, so that one spelling gives one id on every file system.
fn misspelled_extension(path: &Path) -> Diagnostic {
    let stem = post_id(path);
    Diagnostic::error(
        path,
        (1, 1),
        "not read as a post: post files end in lower-case `.md`",
    )
    .with_hint(format!("rename it to `{stem}.md`"))
}

/// The posts at `paths`, as (relative path, text). An unreadable or non-UTF-8 file is never
/// skipped silently: it gets an error in `diags` that names it.
pub(crate) fn read_posts(
    root: &Path,
    paths: Vec<PathBuf>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(PathBuf, String)> {
    let read: Vec<(PathBuf, Result<String, Diagnostic>)> = paths
        .into_par_iter()
        .map(|p| {
            let text = read_post(root, &p);
            (p, text)
        })
        .collect();
    let mut out = Vec::with_capacity(read.len());
    for (path, text) in read {
        match text {
            Ok(t) => out.push((path, t)),
            Err(d) => diags.push(d),
        }
    }
    out
}

fn read_post(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    super::read::read_utf8(root, path)
}

/// Bytes that sort like the path does (component by component), so sorting compares flat byte
/// strings instead of splitting both paths into components at every comparison.
fn path_order_key(path: &Path) -> Vec<u8> {
    let mut key = Vec::with_capacity(path.as_os_str().len() + 1);
    for c in path.components() {
        key.extend_from_slice(c.as_os_str().as_encoded_bytes());
        // Lower than any byte of a file name: a component sorts before its longer extensions.
        key.push(0);
    }
    key
}

/// The id of a post: its file stem.
pub fn post_id(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Two posts of a kind may not share a file name, which is their id.
fn check_unique_ids(files: PostTexts<'_>, diags: &mut Vec<Diagnostic>) {
    let mut first_seen: HashMap<String, &Path> = HashMap::new();
    for i in 0..files.len() {
        let path = files.path(i);
        let id = post_id(path);
        if let Some(other) = first_seen.get(&id) {
            diags.push(
                Diagnostic::error(
                    path,
                    (1, 1),
                    format!(
                        "duplicate id `{id}`: {} has the same file name",
                        other.display()
                    ),
                )
                .with_hint("the file name is the id; rename one of the two files"),
            );
        } else {
            first_seen.insert(id, path);
        }
    }
}

/// The checks of posts that need neither the configuration nor the catalogue, for when those
/// cannot be read: each file can be read, its name is an id, and no two share it.
pub(super) fn check_unparsed(files: PostTexts<'_>, diags: &mut Vec<Diagnostic>) {
    check_unique_ids(files, diags);
    let problems: Vec<Diagnostic> = (0..files.len())
        .into_par_iter()
        .filter_map(|i| {
            let path = files.path(i);
            match files.text(i) {
                Ok(_) => check_post_id(path, &post_id(path)),
                Err(unreadable) => Some(unreadable),
            }
        })
        .collect();
    diags.extend(problems);
}

/// What reading one file gave: an unreadable file, a post reused as it was, or a fresh parse.
enum Outcome<T> {
    Unreadable(Diagnostic),
    Unchanged(Option<Stamp>),
    Parsed {
        post: Option<T>,
        /// `None` for a post without problems when nothing is kept (`build`): the posts are
        /// collected over the outcomes' allocation, so each outcome is kept near a post's size.
        found: Option<Box<Found>>,
    },
}

/// What a fresh parse found besides the post: what the reuse store keeps of the file, and the
/// problems.
struct Found {
    text: Fingerprint,
    stamp: Option<Stamp>,
    diags: Vec<Diagnostic>,
}

/// Parses every post (in parallel), checks that ids are unique, and reports problems in
/// `diags`. With `kept`, files whose text is unchanged are not parsed again (nor read, when
/// their stamp tells them unchanged), and `kept` is left describing this load.
pub(super) fn parse_posts<T: Send + Sync>(
    files: PostTexts<'_>,
    diags: &mut Vec<Diagnostic>,
    parse: impl Fn(&str, &Path, &str, &mut Vec<Diagnostic>) -> Option<T> + Sync,
    kept: Option<&mut HashMap<OsString, Kept<T>>>,
) -> Vec<T> {
    check_unique_ids(files, diags);
    let previous = kept.as_deref();
    let outcomes: Vec<Outcome<T>> = (0..files.len())
        .into_par_iter()
        .map(|i| {
            let path = files.path(i);
            let before =
                (previous.and_then(|k| k.get(path.as_os_str()))).filter(|k| k.post.is_some());
            // The stamp is taken before the text is read: a write after it moves the stamp.
            let stamp = before.and_then(|_| files.stamp(i));
            let settled = stamp.and_then(|(s, settled)| settled.then_some(s));
            if let Some(k) = before
                && k.stamp.is_some()
                && k.stamp == stamp.map(|(s, _)| s)
            {
                return Outcome::Unchanged(k.stamp);
            }
            let text = match files.text(i) {
                Ok(text) => text,
                Err(unreadable) => return Outcome::Unreadable(unreadable),
            };
            let hash = previous.map(|_| fingerprint(&text)).unwrap_or_default();
            if before.is_some_and(|k| k.text == hash) {
                return Outcome::Unchanged(settled);
            }
            let mut d = Vec::new();
            let post = parse(&post_id(path), path, &text, &mut d);
            let found = (previous.is_some() || !d.is_empty()).then(|| {
                Box::new(Found {
                    text: hash,
                    stamp: settled,
                    diags: d,
                })
            });
            Outcome::Parsed { post, found }
        })
        .collect();
    // Updated in place: each file met is marked listed, and those no longer listed go.
    let mut kept = kept;
    for k in kept.iter_mut().flat_map(|k| k.values_mut()) {
        k.listed = false;
    }
    // Collected in place, over the outcomes' own allocation: a second list beside them would
    // hold every post twice for a moment (60 MB at 100,000 incidents).
    let posts = outcomes
        .into_iter()
        .enumerate()
        .filter_map(|(i, outcome)| {
            let path = files.path(i);
            match outcome {
                Outcome::Unreadable(d) => {
                    diags.push(d);
                    None
                }
                Outcome::Unchanged(stamp) => {
                    let k = (kept.as_deref_mut())
                        .and_then(|e| e.get_mut(path.as_os_str()))
                        .expect("an unchanged post was kept");
                    k.stamp = stamp;
                    k.listed = true;
                    diags.extend(k.diags.iter().cloned());
                    k.post.take()
                }
                Outcome::Parsed { post, found } => {
                    if let Some(found) = found {
                        let Found {
                            text,
                            stamp,
                            diags: d,
                        } = *found;
                        diags.extend(d.iter().cloned());
                        if let Some(k) = kept.as_deref_mut() {
                            let entry = Kept {
                                text,
                                stamp,
                                diags: d,
                                post: None,
                                listed: true,
                            };
                            k.insert(path.as_os_str().to_owned(), entry);
                        }
                    }
                    post
                }
            }
        })
        .collect();
    if let Some(k) = kept {
        k.retain(|_, e| e.listed);
    }
    posts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outcome_is_about_the_size_of_its_post() {
        // The posts are collected over the outcomes' allocation, and keep all of it for the
        // whole build: at 100,000 incidents each byte more is 100 KB.
        let outcome = std::mem::size_of::<Outcome<crate::model::Incident>>();
        let incident = std::mem::size_of::<crate::model::Incident>();
        assert!(
            outcome <= incident + 16,
            "an outcome takes {outcome} bytes for an incident of {incident}"
        );
    }

    #[test]
    fn a_missing_folder_has_no_posts_and_a_broken_entry_is_named() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let mut diags = Vec::new();
        assert!(list_posts(root, "incidents", &mut diags).is_empty());
        assert!(diags.is_empty(), "{diags:?}");
        std::fs::create_dir_all(root.join("incidents/.drafts")).unwrap();
        std::fs::write(root.join("incidents/b.md"), "x").unwrap();
        std::fs::write(root.join("incidents/.drafts/c.md"), "x").unwrap();
        std::fs::write(root.join("incidents/a.md~"), "x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("nowhere"), root.join("incidents/a.md")).unwrap();
        let paths = list_posts(root, "incidents", &mut diags);
        assert_eq!(paths, [PathBuf::from("incidents/b.md")]);
        if cfg!(unix) {
            assert_eq!(diags.len(), 1, "{diags:?}");
            assert_eq!(diags[0].path, Path::new("incidents/a.md"));
            assert!(diags[0].message.starts_with("cannot read file: "));
        }
    }

    #[test]
    fn path_order_key_sorts_like_paths() {
        let names = [
            "incidents/a-b.md",
            "incidents/a/b.md",
            "incidents/a.md",
            "incidents/a",
            "incidents/2026/x.md",
            "incidents/2026-01-01-x.md",
            "incidents/2026/2026-01-01-x.md",
            "incidents/Z.md",
            "incidents/é.md",
            "incidents/ab/c.md",
        ];
        let mut by_path: Vec<PathBuf> = names.iter().map(PathBuf::from).collect();
        let mut by_key = by_path.clone();
        by_path.sort();
        by_key.sort_by_cached_key(|p| path_order_key(p));
        assert_eq!(by_key, by_path);
    }
}
