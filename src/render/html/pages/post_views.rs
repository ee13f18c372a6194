//! The views of posts as the pages get them: each made where a page needs it in a build (the
//! views of `serve` hold them all), and those of the posts a month's days continue from an
//! earlier day, which may have started in an earlier month.

use super::Env;
use super::data::MonthView;
use super::lines::PostKey;
use crate::render::views::PostView;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;

/// The view of the post `key`: the one the views hold (`serve`), or else made now.
pub(super) fn post_view<'v>(env: &Env<'v>, key: PostKey) -> Cow<'v, PostView> {
    match key {
        PostKey::Incident(i) => env.views.incident(i),
        PostKey::Window(w) => env.views.window(w),
    }
}

/// The views of the posts that the days of some months show as still under way from an earlier
/// day, by post: made for the pages that list those months, each once however many days show
/// it. Only the days of the uptime bars' window have such posts, so there are few.
pub(super) struct Continued<'v>(HashMap<PostKey, Cow<'v, PostView>>);

impl<'v> Continued<'v> {
    /// The views of the posts continued on the days of `months`.
    pub(super) fn of(env: &Env<'v>, months: &[MonthView]) -> Continued<'v> {
        let mut keys: Vec<PostKey> = (months.iter())
            .flat_map(|m| &m.days)
            .flat_map(|d| d.continued.iter().copied())
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let views = keys.par_iter().map(|&key| (key, post_view(env, key)));
        Continued(views.collect())
    }

    /// The views of `keys`, which are among the posts continued on the days it was made for.
    pub(super) fn views<'c>(&'c self, keys: &[PostKey]) -> Vec<&'c PostView> {
        keys.iter()
            .map(|key| {
                let view = self.0.get(key);
                view.expect("made for every continued post of its months")
                    .as_ref()
            })
            .collect()
    }
}
