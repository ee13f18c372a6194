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
use super::post_views::{Continued, post_view};
use super::reads;
use super::{COMPONENT_RECENT, Env, HISTORY_INDEX_LIMIT};
use crate::model::urls;
use crate::render::memo::{Key, PostIndex};
use crate::render::views::{PostView, incident_postmortem, incident_updates};
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
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
    /// Its entry on the month page, unless the page is kept.
    line: Option<Result<String, String>>,
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
    let mut written = Vec::new();
    // The page as the previous rendering made it, if nothing it reads changed (`serve`).
    let declared = reads::month(env.part, data, k);
    let page_kept = match &declared {
        Some((path, key)) => env.part.reuse(path, key).map(|bytes| {
            env.sink.put_shared(path, bytes);
            written.push(Ok(path.clone()));
        }),
        None => None,
    }
    .is_some();
    let posts: Vec<PostKey> = month.days.iter().flat_map(|d| &d.posts).copied().collect();
    let rendered: Vec<Rendered> = posts
        .par_iter()
        .map_init(
            || base.clone(),
            |ctx, &key| {
                let extra = wanted.get(&key).map_or(&[][..], Vec::as_slice);
                render_post(env, ctx, key, (&root, !page_kept), extra)
            },
        )
        .collect();
    let mut lines = Vec::with_capacity(rendered.len());
    let mut kept = Vec::new();
    for r in rendered {
        match r.line {
            Some(Ok(line)) => lines.push(line),
            Some(Err(e)) => written.push(Err(e)),
            None => {}
        }
        written.extend(r.written);
        kept.extend(r.kept);
    }
    if !page_kept && lines.len() == month.count {
        let mut ctx = base.clone();
        let declared = declared.map(|(_, key)| key);
        written.push(month_page(env, &mut ctx, data, k, &lines, declared));
    }
    (written, kept)
}

/// One post as its entries and page are rendered: its view goes into the context once, and
/// only if something of it is not taken from the previous rendering.
struct PostRendering<'e, 'a> {
    env: &'e Env<'a>,
    view: Cow<'a, PostView>,
    /// It among the posts the rendering keeps entries of.
    listed: PostIndex,
    /// Whether the context holds `post` already.
    inserted: bool,
}

impl PostRendering<'_, '_> {
    /// Puts the post into `ctx` if it is not there yet.
    fn insert(&mut self, ctx: &mut PageContext) {
        if !self.inserted {
            ctx.insert("post", &self.view);
            self.inserted = true;
        }
    }

    /// The entry at `root`: the kept one if the post and the site view are unchanged, else
    /// rendered (and kept).
    fn line(&mut self, ctx: &mut PageContext, root: &str) -> Result<String, String> {
        let part = self.env.part;
        if let Some(line) = part.line(self.listed, root) {
            return Ok(line);
        }
        self.insert(ctx);
        ctx.insert("root", root);
        let path = format!("the entry of {}", self.view.url);
        let text = ctx.render(self.env.tera, "post_line.html", &path)?;
        part.keep_line(self.listed, root, &text);
        Ok(text)
    }
}

/// Renders the entry of `key` at `root` (unless `on_page` is false: its month's page is kept,
/// and so is the entry, for the next rendering) and at each of `extra` roots, and its page if
/// it is an incident, from one serialization of its view, which a build makes here and drops
/// after.
fn render_post(
    env: &Env<'_>,
    ctx: &mut PageContext,
    key: PostKey,
    (root, on_page): (&str, bool),
    extra: &[String],
) -> Rendered {
    let mut post = PostRendering {
        env,
        view: post_view(env, key),
        listed: match key {
            PostKey::Incident(i) => PostIndex::Incident(i),
            PostKey::Window(w) => PostIndex::Window(w),
        },
        inserted: false,
    };
    let line = if on_page || extra.iter().any(|r| r == root) {
        Some(post.line(ctx, root))
    } else {
        env.part.carry_line(post.listed, root);
        None
    };
    let mut kept = Vec::new();
    let mut written = Vec::new();
    for other in extra {
        // A root the month page shares takes the same entry.
        let text = match &line {
            Some(line) if other == root => line.clone(),
            _ => post.line(ctx, other),
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
        written.push(incident_page(env, ctx, i, (&post.view, post.inserted)));
    }
    ctx.clear();
    Rendered {
        line: line.filter(|_| on_page),
        kept,
        written,
    }
}

/// Puts the page of incident `i` into the sink: the kept one if nothing it reads changed, else
/// rendered from `ctx` with its view `post`, which `ctx` holds already if `inserted`.
pub(super) fn incident_page(
    env: &Env<'_>,
    ctx: &mut PageContext,
    i: usize,
    (post, inserted): (&PostView, bool),
) -> Result<String, String> {
    let declared = reads::incident(env.part, env.site, i);
    if let Some((path, key)) = &declared
        && let Some(bytes) = env.part.reuse(path, key)
    {
        env.sink.put_shared(path, bytes);
        return Ok(path.clone());
    }
    if !inserted {
        ctx.insert("post", post);
    }
    let inc = &env.site.incidents[i];
    let (tz, t) = (env.site.config.time_zone, env.views.t);
    ctx.insert("root", &urls::root_of(&post.url));
    ctx.insert("page", &post.url);
    ctx.insert("updates", &incident_updates(inc, post, tz, t));
    ctx.insert("postmortem", &incident_postmortem(inc, tz, t));
    let path = urls::page_file(&post.url);
    let declared = declared.map(|(_, key)| key);
    ctx.put_kept(
        env.tera,
        "incident.html",
        path,
        env.sink,
        (env.part, declared),
    )
}

/// Renders month `k` of the history with the entries of its posts, `lines`, kept under
/// `declared` (`serve`).
fn month_page(
    env: &Env<'_>,
    ctx: &mut PageContext,
    data: &Data,
    k: usize,
    lines: &[String],
    declared: Option<Key>,
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
    let path = urls::page_file(&month.url);
    ctx.put_kept(
        env.tera,
        "history.html",
        path,
        env.sink,
        (env.part, declared),
    )
}

/// `month` as lists show it, with `posts`, the entries of what started in it in the order of
/// its days, and the views of what its days continue from `continued`.
pub(super) fn month_list<'a>(
    month: &'a MonthView,
    mut posts: impl Iterator<Item = Listed<'a>>,
    continued: &'a Continued<'_>,
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
