//! Each post's entry in the lists of posts, rendered by `post_line.html` once for every depth of
//! page that lists it (entries link relative to their page), and the history's month pages,
//! each with the entries of its posts and the pages of its incidents, rendered from the same
//! context as their entries so that a post is serialized once.
//!
//! The month pages list every post that has begun; the entries other lists show (the index's
//! recent past, the history index, the component pages) are kept for them, the others dropped
//! with their month, and so are the views of its posts: they are built for the month and not
//! kept for the whole build.

use super::context::PageContext;
use super::data::{Data, MonthHeading, MonthView};
use super::{COMPONENT_RECENT, Env, HISTORY_INDEX_LIMIT};
use crate::model::urls;
use crate::render::views::{PostView, incident_postmortem, incident_updates};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

/// Per page or entry rendered: the path of its file, or the error that kept it from rendering.
pub(super) type Results = Vec<Result<String, String>>;

/// A post of the lists: an incident, by its index in `Site::incidents`, or a maintenance
/// window, by its index in `State::windows`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum PostKey {
    Incident(usize),
    Window(usize),
}

/// What a list gives templates of each post: its entry, as `post.line`.
#[derive(Debug, Serialize)]
pub(super) struct Listed<'a> {
    /// The HTML of `post_line.html` for the post, at the depth of the page listing it.
    line: &'a str,
}

/// A month of history as its page and the history index list it: `mo.key`, `mo.label`,
/// `mo.url`, `mo.count` and `mo.days`.
#[derive(Debug, Serialize)]
pub(super) struct MonthList<'a> {
    key: &'a str,
    label: &'a str,
    url: &'a str,
    count: usize,
    days: Vec<DayList<'a>>,
}

/// A day of a month of history as listed: `day.date` (the id of its heading), `day.label`, the
/// entries of what started on it, `day.posts`, and the posts still under way from an earlier
/// day, `day.continued` (whole views: the template links to them by title).
#[derive(Debug, Serialize)]
pub(super) struct DayList<'a> {
    date: &'a str,
    label: &'a str,
    posts: Vec<Listed<'a>>,
    continued: Vec<&'a PostView>,
}

/// The months the history index shows: the newest, until they hold [`HISTORY_INDEX_LIMIT`]
/// posts (the month that reaches it in full).
pub(super) fn history_months(data: &Data) -> &[MonthView] {
    let mut shown = 0;
    let n = data
        .months
        .iter()
        .take_while(|m| {
            let keep = shown < HISTORY_INDEX_LIMIT;
            shown += m.count;
            keep
        })
        .count();
    &data.months[..n]
}

/// The relative roots of the pages besides the month pages that list each post.
pub(super) type Wanted = HashMap<PostKey, Vec<String>>;

/// Which posts the index, the history index and the component pages list, at which roots.
pub(super) fn wanted(env: &Env<'_>, data: &Data) -> Wanted {
    let mut wanted = Wanted::new();
    let mut want = |key: PostKey, root: &str| {
        let roots = wanted.entry(key).or_default();
        if !roots.iter().any(|r| r == root) {
            roots.push(root.to_string());
        }
    };
    let index = urls::root_of(urls::INDEX);
    for &key in data.days.iter().flat_map(|d| &d.posts) {
        want(key, &index);
    }
    let history = urls::root_of(urls::HISTORY);
    for &key in history_months(data)
        .iter()
        .flat_map(|m| &m.days)
        .flat_map(|d| &d.posts)
    {
        want(key, &history);
    }
    for (c, mine) in env.state.component_incidents.iter().enumerate() {
        let root = urls::root_of(&env.views.components[c].url);
        for &i in mine.iter().take(COMPONENT_RECENT) {
            want(PostKey::Incident(i), &root);
        }
    }
    wanted
}

/// The entries kept for the lists besides the month pages, by post and relative root.
#[derive(Debug, Default)]
pub(super) struct Kept(HashMap<(PostKey, String), String>);

impl Kept {
    /// The entries of `posts` at `root`, for a page listing them; an error if one is missing,
    /// which happens only where rendering it failed.
    pub(super) fn listed<'k>(
        &'k self,
        posts: impl Iterator<Item = PostKey>,
        root: &str,
    ) -> Result<Vec<Listed<'k>>, String> {
        posts
            .map(|key| {
                let line = self.0.get(&(key, root.to_string()));
                line.map(|l| Listed { line: l })
                    .ok_or_else(|| format!("the entry of {key:?} at `{root}` was not rendered"))
            })
            .collect()
    }
}

/// Renders every month page, each with the entries of its posts, and each incident's page, in
/// parallel; keeps the entries `wanted` elsewhere. Returns the paths written, or the errors,
/// and the kept entries.
pub(super) fn render_months(
    env: &Env<'_>,
    base: &PageContext,
    data: &Data,
    wanted: &Wanted,
) -> (Results, Kept) {
    let months: Vec<(Results, Vec<Entry>)> = (0..data.months.len())
        .into_par_iter()
        .map(|k| render_month(env, base, data, k, wanted))
        .collect();
    let mut results = Vec::new();
    let mut kept = Kept::default();
    for (written, entries) in months {
        results.extend(written);
        kept.0
            .extend(entries.into_iter().map(|e| ((e.key, e.root), e.line)));
    }
    (results, kept)
}

/// An entry rendered for a list besides the month pages.
struct Entry {
    key: PostKey,
    root: String,
    line: String,
}

/// What rendering one post of a month gave.
struct Rendered {
    /// Its entry on the month page.
    line: Result<String, String>,
    /// Its entries for other lists.
    kept: Vec<Entry>,
    /// Its own page, for an incident, and the errors of its other entries.
    written: Results,
}

fn render_month(
    env: &Env<'_>,
    base: &PageContext,
    data: &Data,
    k: usize,
    wanted: &Wanted,
) -> (Results, Vec<Entry>) {
    let month = &data.months[k];
    let root = urls::root_of(&month.url);
    let posts: Vec<PostKey> = month.days.iter().flat_map(|d| &d.posts).copied().collect();
    let rendered: Vec<Rendered> = posts
        .par_iter()
        .map_init(
            || base.clone(),
            |ctx, &key| {
                let extra = wanted.get(&key).map_or(&[][..], Vec::as_slice);
                render_post(env, ctx, key, &root, extra)
            },
        )
        .collect();
    let mut written = Vec::new();
    let mut lines = Vec::with_capacity(rendered.len());
    let mut kept = Vec::new();
    for r in rendered {
        match r.line {
            Ok(line) => lines.push(line),
            Err(e) => written.push(Err(e)),
        }
        written.extend(r.written);
        kept.extend(r.kept);
    }
    if lines.len() == month.count {
        let mut ctx = base.clone();
        written.push(month_page(env, &mut ctx, data, k, &lines));
    }
    (written, kept)
}

/// Renders the entry of `key` at `root` and at each of `extra` roots, and its page if it is an
/// incident, from one serialization of its view, which is built here and dropped after.
fn render_post(
    env: &Env<'_>,
    ctx: &mut PageContext,
    key: PostKey,
    root: &str,
    extra: &[String],
) -> Rendered {
    let view = &post_view(env, key);
    ctx.insert("post", view);
    let line_at = |ctx: &mut PageContext, root: &str| {
        ctx.insert("root", root);
        let path = format!("the entry of {}", view.url);
        ctx.render(env.tera, "post_line.html", &path)
    };
    let line = line_at(ctx, root);
    let mut kept = Vec::new();
    let mut written = Vec::new();
    for other in extra {
        // A root the month page shares takes the same entry.
        let text = if other == root {
            line.clone()
        } else {
            line_at(ctx, other)
        };
        match text {
            Ok(text) => kept.push(Entry {
                key,
                root: other.clone(),
                line: text,
            }),
            Err(e) => written.push(Err(e)),
        }
    }
    if let PostKey::Incident(i) = key {
        written.push(incident_page(env, ctx, i, view));
    }
    ctx.clear();
    Rendered {
        line,
        kept,
        written,
    }
}

/// The view of the post `key`.
pub(super) fn post_view(env: &Env<'_>, key: PostKey) -> PostView {
    match key {
        PostKey::Incident(i) => env.views.incident(i),
        PostKey::Window(w) => env.views.window(w),
    }
}

/// The views of the posts that the days of some months show as still under way from an earlier
/// day, by post: built for the pages that list those months, each once however many days show
/// it. Only the days of the uptime bars' window have such posts, so there are few.
pub(super) struct Continued(HashMap<PostKey, PostView>);

impl Continued {
    /// The views of the posts continued on the days of `months`.
    pub(super) fn of(env: &Env<'_>, months: &[MonthView]) -> Continued {
        let mut keys: Vec<PostKey> = (months.iter())
            .flat_map(|m| &m.days)
            .flat_map(|d| d.continued.iter().copied())
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let views = keys.par_iter().map(|&key| (key, post_view(env, key)));
        Continued(views.collect())
    }

    /// The views of `keys`, which are among the posts continued on the days it was built for.
    fn views<'c>(&'c self, keys: &[PostKey]) -> Vec<&'c PostView> {
        keys.iter()
            .map(|key| {
                self.0
                    .get(key)
                    .expect("built for every continued post of its months")
            })
            .collect()
    }
}

/// Renders the page of incident `i` into the sink, from `ctx` holding its `post`, the view
/// `post`.
pub(super) fn incident_page(
    env: &Env<'_>,
    ctx: &mut PageContext,
    i: usize,
    post: &PostView,
) -> Result<String, String> {
    let inc = &env.site.incidents[i];
    let (tz, t) = (env.site.config.time_zone, env.views.t);
    ctx.insert("root", &urls::root_of(&post.url));
    ctx.insert("page", &post.url);
    ctx.insert("updates", &incident_updates(inc, post, tz, t));
    ctx.insert("postmortem", &incident_postmortem(inc, tz, t));
    ctx.put(
        env.tera,
        "incident.html",
        urls::page_file(&post.url),
        env.sink,
    )
}

/// Renders month `k` of the history with the entries of its posts, `lines`.
fn month_page(
    env: &Env<'_>,
    ctx: &mut PageContext,
    data: &Data,
    k: usize,
    lines: &[String],
) -> Result<String, String> {
    let month = &data.months[k];
    ctx.insert("root", &urls::root_of(&month.url));
    ctx.insert("page", &month.url);
    let posts = lines.iter().map(|l| Listed { line: l });
    // What its days continue may have started in an earlier month, rendered elsewhere.
    let continued = Continued::of(env, std::slice::from_ref(month));
    ctx.insert("months", &[month_list(month, posts, &continued)]);
    ctx.insert("month", &MonthHeading::from(month));
    let link = |m: &MonthView| (m.label.clone(), m.url.clone());
    ctx.insert("newer", &k.checked_sub(1).map(|j| link(&data.months[j])));
    ctx.insert("older", &data.months.get(k + 1).map(link));
    ctx.insert("complete", &true);
    ctx.put(
        env.tera,
        "history.html",
        urls::page_file(&month.url),
        env.sink,
    )
}

/// `month` as lists show it, with `posts`, the entries of what started in it in the order of
/// its days, and the views of what its days continue from `continued`.
pub(super) fn month_list<'a>(
    month: &'a MonthView,
    mut posts: impl Iterator<Item = Listed<'a>>,
    continued: &'a Continued,
) -> MonthList<'a> {
    let days = month
        .days
        .iter()
        .map(|d| DayList {
            date: &d.date,
            label: &d.label,
            posts: posts.by_ref().take(d.posts.len()).collect(),
            continued: continued.views(&d.continued),
        })
        .collect();
    MonthList {
        key: &month.key,
        label: &month.label,
        url: &month.url,
        count: month.count,
        days,
    }
}
