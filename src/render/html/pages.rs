//! The list of pages a site has, and rendering each through its template, in parallel: first
//! the history's months with the entries of their posts and the incidents' pages (`lines.rs`),
//! then the pages that list some of those entries and the others (`page.rs`), each from a
//! context that holds `site` already (`context.rs`).

use super::engine::render_file;
use crate::derive::State;
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::model::urls;
use crate::output::Sink;
use crate::render::memo::EditionRound;
use crate::render::views::uptime::CaptionLabels;
use crate::render::views::{SiteView, Views};
use context::PageContext;
use data::collect;
use rayon::prelude::*;
use tera::{Context, Tera};

mod context;
mod current;
mod data;
mod lines;
mod page;
mod post_views;
mod reads;
mod recurrence;

/// How many incidents a component page lists before pointing to the history.
pub const COMPONENT_RECENT: usize = 20;
/// How many entries the history index shows before it only links to month pages.
pub const HISTORY_INDEX_LIMIT: usize = 100;
/// Days of the "recent past" on the index.
pub const RECENT_DAYS: i64 = 7;
/// How many incidents and maintenance windows the index's recent past lists in all, the newest;
/// each day links to the history for the rest.
pub const RECENT_LISTED: usize = 5;

/// The pages besides the history's months (and the incidents, which are rendered with them).
#[derive(Debug, Clone, Copy)]
enum Page {
    Index,
    MaintenanceList,
    AnnouncementList,
    Incident(usize),
    Maintenance(usize),
    Announcement(usize),
    Component(usize),
    History,
    NotFound,
    Stats,
    Subscribe,
}

/// What every page of one language is rendered with.
struct Env<'a> {
    tera: &'a Tera,
    site: &'a Site,
    state: &'a State,
    views: &'a Views<'a>,
    sink: &'a dyn Sink,
    /// What the previous rendering of the language kept (`serve`), to reuse and keep.
    part: &'a EditionRound<'a>,
}

/// Renders every page into `sink`, each as soon as it is rendered, collecting template errors
/// as diagnostics; the 404 page only with `not_found`. Pages and entries `part` kept from the
/// previous rendering of the same inputs are taken as they are. Returns the paths written,
/// sorted.
pub fn render_pages(
    tera: &Tera,
    site: &Site,
    state: &State,
    views: &Views,
    not_found: bool,
    sink: &dyn Sink,
    part: &EditionRound<'_>,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let env = Env {
        tera,
        site,
        state,
        views,
        sink,
        part,
    };
    let data = collect(site, state, views);
    let base = PageContext::new(&views.site);
    let wanted = lines::wanted(&env, &data);
    // Only the paths and any errors are kept; each page goes to the sink right away.
    let (mut results, kept) = lines::render_months(&env, &base, &data, &wanted);
    let mut pages = vec![
        Page::Index,
        Page::MaintenanceList,
        Page::AnnouncementList,
        Page::History,
        Page::Stats,
        Page::Subscribe,
    ];
    if not_found {
        pages.push(Page::NotFound);
    }
    // Every incident has begun, so a month lists it and has rendered its page; this is only
    // for one that no month would list.
    let mut listed = vec![false; site.incidents.len()];
    for &key in data
        .months
        .iter()
        .flat_map(|m| &m.days)
        .flat_map(|d| &d.posts)
    {
        if let lines::PostKey::Incident(i) = key {
            listed[i] = true;
        }
    }
    pages.extend(
        (0..site.incidents.len())
            .filter(|&i| !listed[i])
            .map(Page::Incident),
    );
    pages.extend((0..site.maintenance.len()).map(Page::Maintenance));
    pages.extend(state.announcements.iter().copied().map(Page::Announcement));
    pages.extend((0..site.catalog.components.len()).map(Page::Component));
    results.par_extend(pages.par_iter().map_init(
        || base.clone(),
        |ctx, &p| page::render(&env, ctx, &data, &kept, p),
    ));
    let mut errors = Vec::new();
    let mut paths = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(path) => paths.push(path),
            Err(e) => errors.push(e),
        }
    }
    errors.sort();
    errors.dedup();
    if !errors.is_empty() {
        return Err(errors
            .into_iter()
            .map(|e| {
                Diagnostic::error("templates", (1, 1), e)
                    .with_hint("fix the template; built-in names are listed in the README")
            })
            .collect());
    }
    paths.sort();
    Ok(paths)
}

/// Renders the files of the site root that every language shares, with `site`, the view of
/// the default language: the sitemap of the pages at `paths` (their files, relative to a
/// language's folder) in every language, `robots.txt` and the stylesheet, which the pages
/// share (the 404 page inlines it), and which gets the bar captions' words in every language
/// as `captions`. Each is rendered from the built-in template of the same name.
pub fn render_shared(
    tera: &Tera,
    site: &SiteView,
    captions: &[CaptionLabels],
    paths: &[String],
    sink: &dyn Sink,
) -> Result<(), Vec<Diagnostic>> {
    let mut ctx = Context::new();
    ctx.insert("site", site);
    ctx.insert("root", "");
    ctx.insert("captions", captions);
    let mut html_paths: Vec<&str> = paths.iter().filter_map(|p| urls::page_of_file(p)).collect();
    html_paths.sort_unstable();
    super::sitemap::render(tera, &ctx, &html_paths, site.languages.len(), sink)?;
    for name in ["robots.txt", urls::STYLESHEET] {
        sink.put(name, render_file(tera, name, &ctx)?.into_bytes());
    }
    Ok(())
}

/// The script the pages of one language share that switches their times to UTC and back (the
/// 404 page inlines it); it holds the language's words for it.
pub fn times_script(tera: &Tera, views: &Views) -> Result<String, Vec<Diagnostic>> {
    render_file(tera, urls::TIMES_SCRIPT, &base_context(views, urls::INDEX))
}

/// The context of the time script: `site`, and the root and page of the index.
fn base_context(views: &Views, url: &str) -> Context {
    let mut ctx = Context::new();
    ctx.insert("site", &views.site);
    ctx.insert("root", &urls::root_of(url));
    ctx.insert("page", url);
    ctx
}
