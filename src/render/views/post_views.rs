//! The views of incidents and maintenance windows as [`Views`] gives them: a build makes each
//! where a page needs it; a rendering that keeps them for the next one (`serve`, see
//! `render::memo`) makes them all with the site's views, taking those it kept.

use super::posts::{self, incident_view, maintenance_view};
use super::{PostView, Views};
use rayon::prelude::*;
use std::borrow::Cow;

/// Views of posts that an earlier rendering made from the same inputs (`serve` keeps them, see
/// `render::memo`), which [`Views::build_reusing`] takes instead of making them again.
pub(crate) trait KeptViews: Sync {
    /// Whether the rendering keeps the view of every post for the next one: then all are made
    /// with the site's views and held (see [`Views::take_posts`]), rather than made where a page
    /// needs them.
    fn keeps(&self) -> bool;
    /// The view of incident `i` of `site.incidents`, if kept.
    fn incident(&self, i: usize) -> Option<PostView>;
    /// The view of window `w` of `state.windows`, if kept.
    fn window(&self, w: usize) -> Option<PostView>;
}

/// Keeps no view.
#[cfg(test)]
pub(super) struct NoneKept;

#[cfg(test)]
impl KeptViews for NoneKept {
    fn keeps(&self) -> bool {
        false
    }

    fn incident(&self, _: usize) -> Option<PostView> {
        None
    }

    fn window(&self, _: usize) -> Option<PostView> {
        None
    }
}

/// The views of every post, in the order of `site.incidents` and of `state.windows`.
#[derive(Debug, Clone, Default)]
pub(crate) struct PostViews {
    pub(crate) incidents: Vec<PostView>,
    pub(crate) windows: Vec<PostView>,
}

impl<'a> Views<'a> {
    /// The view of every post, taking those `kept` has, in parallel.
    pub(super) fn all_posts(&self, kept: &dyn KeptViews) -> PostViews {
        let (site, state) = self.of;
        let (catalogue, words) = (self.catalogue(), (site.config.time_zone, self.t));
        let incidents = (site.incidents.par_iter().enumerate())
            .map(|(i, inc)| {
                (kept.incident(i)).unwrap_or_else(|| incident_view(state, catalogue, i, inc, words))
            })
            .collect();
        let windows = (state.windows.par_iter().enumerate())
            .map(|(w, m)| {
                kept.window(w).unwrap_or_else(|| {
                    let file = &site.maintenance[state.window_file[w]];
                    maintenance_view(state, catalogue, (w, m), file.repeat.as_ref(), words)
                })
            })
            .collect();
        PostViews { incidents, windows }
    }

    /// The view of `site.incidents[i]`: the one held, or else made now, its Markdown rendered.
    pub fn incident(&self, i: usize) -> Cow<'_, PostView> {
        if let Some(posts) = &self.posts {
            return Cow::Borrowed(&posts.incidents[i]);
        }
        let (site, state) = self.of;
        let words = (site.config.time_zone, self.t);
        Cow::Owned(incident_view(
            state,
            self.catalogue(),
            i,
            &site.incidents[i],
            words,
        ))
    }

    /// The view of the maintenance window `state.windows[w]`: the one held, or else made now,
    /// its Markdown rendered.
    pub fn window(&self, w: usize) -> Cow<'_, PostView> {
        if let Some(posts) = &self.posts {
            return Cow::Borrowed(&posts.windows[w]);
        }
        let (site, state) = self.of;
        let file = &site.maintenance[state.window_file[w]];
        let words = (site.config.time_zone, self.t);
        let post = (w, &state.windows[w]);
        Cow::Owned(maintenance_view(
            state,
            self.catalogue(),
            post,
            file.repeat.as_ref(),
            words,
        ))
    }

    /// The views of the incidents `list`, in parallel.
    pub fn incidents(&self, list: &[usize]) -> Vec<Cow<'_, PostView>> {
        list.par_iter().map(|&i| self.incident(i)).collect()
    }

    /// The views of the maintenance windows `list`, in parallel.
    pub fn windows(&self, list: &[usize]) -> Vec<Cow<'_, PostView>> {
        list.par_iter().map(|&w| self.window(w)).collect()
    }

    /// Takes the views of every post held for a rendering that keeps them (none otherwise).
    pub(crate) fn take_posts(&mut self) -> PostViews {
        self.posts.take().unwrap_or_default()
    }

    fn catalogue(&self) -> posts::Catalogue<'_> {
        let (site, state) = self.of;
        posts::Catalogue {
            components: &self.components,
            groups: &site.catalog.groups,
            members: &state.group_members,
            component_group: &state.component_group,
        }
    }
}
