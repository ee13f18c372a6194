//! One language's part of a rendering: the views of its posts, their entries in the lists and
//! its files, taken from the previous rendering where unchanged and kept for the next.

use super::Round;
use super::files::{File, Key, Reads};
use crate::render::views::{KeptViews, PostView, SiteView};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use tera::Context;

/// What one language's rendering kept: the site view its pages showed, its posts' views, their
/// entries, its files (by path in its folder).
#[derive(Debug, Default)]
pub(super) struct Store {
    site_view: Vec<u8>,
    /// The views of the posts, in the order of the rendering's posts.
    incidents: Vec<Option<PostView>>,
    windows: Vec<Option<PostView>>,
    /// The entries of each post in the lists (`post_line.html`), in the order of the
    /// rendering's posts, each with the relative root of the pages listing it: an entry reads
    /// the post's view, the root and the site view.
    incident_lines: Vec<Lines>,
    window_lines: Vec<Lines>,
    files: HashMap<String, File>,
}

/// A post's entries, by the relative root of the pages listing them.
type Lines = Vec<(String, String)>;

/// A post of the lists, by its index in `Site::incidents` or `State::windows`.
#[derive(Debug, Clone, Copy)]
pub(crate) enum PostIndex {
    Incident(usize),
    Window(usize),
}

impl Store {
    /// The entries of post `p`, by its index in this store's rendering.
    fn lines(&mut self, p: PostIndex) -> Option<&mut Lines> {
        match p {
            PostIndex::Incident(i) => self.incident_lines.get_mut(i),
            PostIndex::Window(w) => self.window_lines.get_mut(w),
        }
    }
}

impl Store {
    /// Number of files kept.
    pub(super) fn len(&self) -> usize {
        self.files.len()
    }
}

/// One language's part of a [`Round`]: a rendering of another build reuses nothing.
pub(crate) struct EditionRound<'r> {
    round: Option<&'r Round>,
    /// The language's folder (`""` for the default language).
    root: String,
    /// What the previous rendering kept for the language; emptied as it is reused.
    old: Mutex<Store>,
    /// Whether the site view equals the previous rendering's (set once the views are built).
    site_view_same: AtomicBool,
    /// What this rendering keeps.
    new: Mutex<Store>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl<'r> EditionRound<'r> {
    /// A part that reuses and keeps nothing.
    pub(crate) fn off() -> EditionRound<'static> {
        EditionRound {
            round: None,
            root: String::new(),
            old: Mutex::default(),
            site_view_same: AtomicBool::new(false),
            new: Mutex::default(),
        }
    }

    pub(super) fn new(round: &'r Round, root: &str, old: Store) -> Self {
        let new = Store {
            incident_lines: vec![Vec::new(); round.unchanged.incidents.len()],
            window_lines: vec![Vec::new(); round.unchanged.windows.len()],
            ..Store::default()
        };
        EditionRound {
            round: Some(round),
            root: root.to_string(),
            old: Mutex::new(old),
            site_view_same: AtomicBool::new(false),
            new: Mutex::new(new),
        }
    }

    /// The round this part belongs to, if it is on.
    pub(crate) fn round(&self) -> Option<&'r Round> {
        self.round
    }

    /// Notes the site view of this rendering's pages, and whether it is the previous one.
    pub(crate) fn site_view(&self, view: &SiteView) {
        if self.round.is_none() {
            return;
        }
        let json = serde_json::to_vec(view).expect("a site view serializes");
        let same = lock(&self.old).site_view == json;
        self.site_view_same.store(same, Ordering::SeqCst);
        lock(&self.new).site_view = json;
    }

    /// True when nothing `reads` names changed since the previous rendering.
    fn unchanged(&self, reads: &Reads) -> bool {
        let Some(round) = self.round else {
            return false;
        };
        (!reads.site_view || self.site_view_same.load(Ordering::SeqCst))
            && reads.posts.iter().all(|p| round.unchanged.ids.contains(p))
    }

    /// The kept file at `path` (in the language's folder) if it was rendered from `key` and
    /// what `key` names is unchanged; it is kept again for the next rendering.
    pub(crate) fn reuse(&self, path: &str, key: &Key) -> Option<Arc<Vec<u8>>> {
        let fresh = match key {
            Key::Context(..) => true,
            Key::Reads(reads) => self.unchanged(reads),
        };
        self.take_if(path, |kept| fresh && kept == key)
    }

    /// The kept page at `path` if it was rendered from `template` with a context equal to
    /// `ctx`, which holds everything it shows; it is kept again for the next rendering.
    pub(crate) fn reuse_context(
        &self,
        path: &str,
        template: &'static str,
        ctx: &Context,
    ) -> Option<Arc<Vec<u8>>> {
        self.take_if(
            path,
            |kept| matches!(kept, Key::Context(t, c) if *t == template && c == ctx),
        )
    }

    /// The kept file at `path` if its key passes `equal`, kept again for the next rendering.
    fn take_if(&self, path: &str, equal: impl FnOnce(&Key) -> bool) -> Option<Arc<Vec<u8>>> {
        let round = self.round?;
        let (path, kept) = lock(&self.old).files.remove_entry(path)?;
        if !equal(&kept.key) {
            return None;
        }
        round.reused.fetch_add(1, Ordering::Relaxed);
        let bytes = kept.bytes.clone();
        lock(&self.new).files.insert(path, kept);
        Some(bytes)
    }

    /// Keeps a file rendered now from `key`, for the next rendering.
    pub(crate) fn keep(&self, path: &str, key: Key, bytes: &Arc<Vec<u8>>) {
        if self.round.is_some() {
            let file = File {
                key,
                bytes: bytes.clone(),
            };
            lock(&self.new).files.insert(path.to_string(), file);
        }
    }

    /// The file at `path`: the kept one if its key is `key()` and unchanged, else `make()`.
    pub(crate) fn file(
        &self,
        path: &str,
        key: impl FnOnce() -> Key,
        make: impl FnOnce() -> Vec<u8>,
    ) -> Arc<Vec<u8>> {
        if self.round.is_none() {
            return Arc::new(make());
        }
        let key = key();
        if let Some(bytes) = self.reuse(path, &key) {
            return bytes;
        }
        let bytes = Arc::new(make());
        self.keep(path, key, &bytes);
        bytes
    }

    /// Takes the kept entry of `post` in the lists of pages whose relative root is `root` into
    /// this rendering's, if the post and the site view are unchanged.
    fn take_line(&self, post: PostIndex, root: &str) -> Option<(String, String)> {
        let round = self.round?;
        if !self.site_view_same.load(Ordering::SeqCst) {
            return None;
        }
        let unchanged = &round.unchanged;
        let old = match post {
            PostIndex::Incident(i) => PostIndex::Incident((*unchanged.incidents.get(i)?)?),
            PostIndex::Window(w) => PostIndex::Window((*unchanged.windows.get(w)?)?),
        };
        let mut store = lock(&self.old);
        let lines = store.lines(old)?;
        let k = lines.iter().position(|(r, _)| r == root)?;
        Some(lines.swap_remove(k))
    }

    /// The kept entry of `post` at `root` (see [`EditionRound::carry_line`]), kept again.
    pub(crate) fn line(&self, post: PostIndex, root: &str) -> Option<String> {
        let (root, line) = self.take_line(post, root)?;
        let copy = line.clone();
        lock(&self.new).lines(post)?.push((root, line));
        Some(copy)
    }

    /// Keeps the kept entry of `post` at `root` for the next rendering, if the post and the
    /// site view are unchanged, without giving it to this one (whose page of it is kept).
    pub(crate) fn carry_line(&self, post: PostIndex, root: &str) {
        if let Some(entry) = self.take_line(post, root)
            && let Some(lines) = lock(&self.new).lines(post)
        {
            lines.push(entry);
        }
    }

    /// Keeps the entry of `post` rendered now for pages at `root`, for the next rendering.
    pub(crate) fn keep_line(&self, post: PostIndex, root: &str, line: &str) {
        if self.round.is_some()
            && let Some(lines) = lock(&self.new).lines(post)
        {
            lines.push((root.to_string(), line.to_string()));
        }
    }

    /// Hands what this part keeps to its round, with the views of the posts (by index, as
    /// [`KeptViews`] gives them).
    pub(crate) fn finish(self, incidents: Vec<PostView>, windows: Vec<PostView>) {
        let Some(round) = self.round else {
            return;
        };
        let mut store = self.new.into_inner().unwrap_or_else(|e| e.into_inner());
        store.incidents = incidents.into_iter().map(Some).collect();
        store.windows = windows.into_iter().map(Some).collect();
        round.keep_edition(self.root, store);
    }
}

/// The previous views of unchanged posts.
impl KeptViews for EditionRound<'_> {
    fn keeps(&self) -> bool {
        self.round.is_some()
    }

    fn incident(&self, i: usize) -> Option<PostView> {
        let j = (*self.round?.unchanged.incidents.get(i)?)?;
        lock(&self.old).incidents.get_mut(j)?.take()
    }

    fn window(&self, w: usize) -> Option<PostView> {
        let j = (*self.round?.unchanged.windows.get(w)?)?;
        lock(&self.old).windows.get_mut(j)?.take()
    }
}
