//! What `serve` keeps of one rendering to reuse in the next.
//!
//! Rendering is a pure function of the site and the clock. `serve` renders the site again after
//! every save, when most of it is as before: [`Memo`] keeps what the previous rendering read and
//! made, and the next one takes every file whose inputs are unchanged instead of rendering it
//! again. The result is the same, byte for byte, as rendering everything
//! (`tests/serve_incremental.rs` checks it after random edits). The rules:
//!
//! - **Globals** ([`inputs::Globals`]): the clock, the mode and every part of the site but its
//!   posts (configuration, catalogue, templates, translations, announcements, probes, static
//!   files) are compared whole. When any differs, nothing is reused.
//! - **Posts**: an incident is *unchanged* when the previous rendering had one of the same id,
//!   equal as loaded (translations included), with the same effects on components and the same
//!   live promise; a maintenance window when it equals the previous one of its key, with the
//!   same status, components and recurrence; a maintenance file when it equals the previous
//!   one of its id. These are all a post's view (`PostView`) reads besides the globals, so an
//!   unchanged post keeps its view.
//! - **Files** are kept with a [`Key`] of what they were rendered from. A page is reused when
//!   its template and whole context are equal ([`Key::Context`]). Files that would cost more to
//!   compare that way name what they read instead ([`Reads`]: the page of an incident or of a
//!   maintenance file, a month of history, a feed): the posts, which must be unchanged, any
//!   other words, compared by value,
//!   and, for a page, the site view every page shows (its status, the build stamp). A month
//!   names the posts that started in it and those still under way on its days from an earlier
//!   one, even of an earlier month, with its days as words. The sitemap is kept with the site
//!   view and the list of pages it was made from.
//! - **Entries**: a post's entry in the lists (`post_line.html`, rendered once and printed by
//!   every list that shows it) is kept by the post and the relative root of the pages listing
//!   it, and reused while the post and the site view are unchanged. The pages kept by context
//!   (the index, the history index, components) hold their entries in it; a month page kept by
//!   its key still gives the other lists the entries of its posts from here.
//!
//! Everything else (the API, calendars, badges, the uptime bar images, which read every post
//! and the clock, the contexts of the other pages) is made again every time. The compiled
//! templates are kept while the site's templates are the same.

mod edition;
mod files;
mod inputs;

pub(crate) use edition::{EditionRound, PostIndex};
pub(crate) use files::{Key, Reads};
pub(crate) use inputs::PostId;

use super::Mode;
use super::raw_html_limits::{self, PostProblems};
use crate::derive::State;
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::output::Sink;
use files::{Group, Recorder};
use inputs::{Globals, Posts, Unchanged};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use tera::Tera;

/// What `serve` keeps of one rendering for the next (see the module). Empty at first and after
/// a rendering that failed.
#[derive(Default)]
pub struct Memo {
    /// The compiled templates, and the site's templates they were compiled from.
    engine: Option<(Vec<(String, String)>, Tera)>,
    kept: Option<Kept>,
    /// How many files the last rendering took from the one before.
    reused: usize,
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let files: usize = (self.kept.iter())
            .flat_map(|k| k.editions.values())
            .map(edition::Store::len)
            .sum();
        f.debug_struct("Memo")
            .field("files", &files)
            .field("reused", &self.reused)
            .finish()
    }
}

/// One rendering's inputs and what it made of them.
struct Kept {
    /// What it read apart from the posts (`None` for a rendering that keeps nothing).
    globals: Option<Globals>,
    posts: Posts,
    /// The raw HTML problems of each incident and maintenance file, in the order of `posts`.
    raw_html: (Vec<Option<PostProblems>>, Vec<Option<PostProblems>>),
    /// Per language folder.
    editions: HashMap<String, edition::Store>,
    /// The files every language shares that are rendered from the pages (the sitemap).
    shared: Option<Group>,
}

impl Memo {
    /// How many files the last rendering took from the one before instead of rendering them.
    pub fn reused(&self) -> usize {
        self.reused
    }

    /// Starts a rendering of `site` at `state` for `mode`: the round that reuses what this
    /// memo kept, and the compiled templates if the site's are the same.
    pub(crate) fn begin(
        &mut self,
        site: &Site,
        state: &State,
        mode: Mode,
    ) -> (Round, Option<Tera>) {
        let engine = (self.engine.take())
            .filter(|(templates, _)| *templates == site.templates)
            .map(|(_, tera)| tera);
        let globals = Globals::of(site, state.now, mode);
        let old = (self.kept.take()).filter(|k| k.globals.as_ref() == Some(&globals));
        (Round::begin(site, state, globals, old), engine)
    }

    /// Ends the rendering of `round`: keeps it if it succeeded with `engine`, compiled from the
    /// site's `templates`; forgets everything if it failed.
    pub(crate) fn end(
        &mut self,
        round: Round,
        engine: Option<Tera>,
        templates: &[(String, String)],
    ) {
        match engine {
            Some(tera) => {
                self.reused = round.reused.load(Ordering::Relaxed);
                self.kept = round.finish();
                self.engine = Some((templates.to_vec(), tera));
            }
            None => *self = Memo::default(),
        }
    }
}

/// One rendering, as it takes files from the previous one and keeps its own for the next.
pub(crate) struct Round {
    /// Off for a build that is not `serve`'s: nothing is reused or kept.
    on: bool,
    /// Which posts are unchanged since the previous rendering.
    unchanged: Unchanged,
    /// The id of each incident and the name of each window, by index.
    incident_ids: Vec<String>,
    window_ids: Vec<PostId>,
    /// The previous rendering's, while this one takes from it.
    old: Mutex<Option<Kept>>,
    /// How many files were taken from it.
    reused: AtomicUsize,
    /// This rendering's.
    new: Mutex<Kept>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Round {
    /// A rendering that reuses and keeps nothing.
    pub(crate) fn off() -> Round {
        Round {
            on: false,
            unchanged: Unchanged::default(),
            incident_ids: Vec::new(),
            window_ids: Vec::new(),
            old: Mutex::new(None),
            reused: AtomicUsize::new(0),
            new: Mutex::new(Kept::empty(None)),
        }
    }

    fn begin(site: &Site, state: &State, globals: Globals, old: Option<Kept>) -> Round {
        let mut old = old;
        let (posts, unchanged) = Posts::compare(
            site,
            state,
            old.as_mut().map(|k| std::mem::take(&mut k.posts)),
        );
        let incident_ids = posts.incident_ids().to_vec();
        let mut new = Kept::empty(Some(globals));
        new.posts = posts;
        Round {
            on: true,
            unchanged,
            incident_ids,
            window_ids: state.windows.iter().map(PostId::window).collect(),
            old: Mutex::new(old),
            reused: AtomicUsize::new(0),
            new: Mutex::new(new),
        }
    }

    /// The name of incident `i` of `site.incidents`.
    pub(crate) fn incident(&self, i: usize) -> PostId {
        PostId::Incident(self.incident_ids[i].clone())
    }

    /// The name of window `w` of `state.windows`.
    pub(crate) fn window(&self, w: usize) -> PostId {
        self.window_ids[w].clone()
    }

    /// The part of the rendering of the language whose folder is `root`.
    pub(crate) fn edition(&self, root: &str) -> EditionRound<'_> {
        if !self.on {
            return EditionRound::off();
        }
        let old = (lock(&self.old).as_mut())
            .and_then(|k| k.editions.remove(root))
            .unwrap_or_default();
        EditionRound::new(self, root, old)
    }

    fn keep_edition(&self, root: String, store: edition::Store) {
        lock(&self.new).editions.insert(root, store);
    }

    /// The raw HTML problems of every post of `site` (see [`raw_html_limits`]), checked again
    /// only in the post files that changed.
    pub(crate) fn raw_html(&self, site: &Site) -> Vec<Diagnostic> {
        if !self.on {
            return raw_html_limits::problems(site);
        }
        let (mut incidents, mut files) = (lock(&self.old).as_mut())
            .map(|k| std::mem::take(&mut k.raw_html))
            .unwrap_or_default();
        let mut kept = (Vec::new(), Vec::new());
        let problems = raw_html_limits::problems_with(site, |post| {
            let (problems, keep) = match post {
                raw_html_limits::Post::Incident(i) => {
                    let old = self.unchanged.incidents[i].and_then(|j| incidents[j].take());
                    let fresh = || raw_html_limits::incident(&site.incidents[i]);
                    (old.unwrap_or_else(fresh), &mut kept.0)
                }
                raw_html_limits::Post::Maintenance(f) => {
                    let old = self.unchanged.files[f].and_then(|j| files[j].take());
                    let fresh = || raw_html_limits::maintenance(&site.maintenance[f]);
                    (old.unwrap_or_else(fresh), &mut kept.1)
                }
            };
            keep.push(Some(problems.clone()));
            problems
        });
        lock(&self.new).raw_html = kept;
        problems
    }

    /// Puts the files every language shares that `make` renders into `sink` (the sitemap), or
    /// the kept ones if they were rendered from the same `words()`: everything they read.
    pub(crate) fn shared<E>(
        &self,
        sink: &dyn Sink,
        words: impl FnOnce() -> Vec<String>,
        make: impl FnOnce(&dyn Sink) -> Result<(), E>,
    ) -> Result<(), E> {
        if !self.on {
            return make(sink);
        }
        let words = words();
        let kept = lock(&self.old).as_mut().and_then(|k| k.shared.take());
        if let Some(group) = kept.filter(|g| g.words == words) {
            for (path, bytes) in &group.files {
                sink.put_shared(path, bytes.clone());
            }
            self.reused.fetch_add(group.files.len(), Ordering::Relaxed);
            lock(&self.new).shared = Some(group);
            return Ok(());
        }
        let recorder = Recorder::new(sink);
        make(&recorder)?;
        let files = recorder.into_files();
        lock(&self.new).shared = Some(Group { words, files });
        Ok(())
    }

    /// What this rendering keeps, if it is on.
    fn finish(self) -> Option<Kept> {
        self.on
            .then(|| self.new.into_inner().unwrap_or_else(|e| e.into_inner()))
    }
}

impl Kept {
    fn empty(globals: Option<Globals>) -> Kept {
        Kept {
            globals,
            posts: Posts::default(),
            raw_html: (Vec::new(), Vec::new()),
            editions: HashMap::new(),
            shared: None,
        }
    }
}

#[cfg(test)]
mod tests;
