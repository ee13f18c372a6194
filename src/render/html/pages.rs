//! The list of pages a site has, and rendering each through its template, in parallel.

use super::engine::{chain, render_file};
use crate::derive::State;
use crate::diagnostic::Diagnostic;
use crate::model::maintenance::recurrence::Repeat;
use crate::model::urls;
use crate::model::{MaintenanceStatus, Site};
use crate::output::Sink;
use crate::render::memo::EditionRound;
use crate::render::views::badges as uptime_badge;
use crate::render::views::{
    FollowView, PostView, SiteView, SubscribeView, Views, incident_postmortem, incident_updates,
    listed_entries, maintenance_updates,
};
use data::{Data, MonthHeading, MonthView, collect};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use tera::{Context, Tera};

mod data;
mod reads;

/// How many incidents a component page lists before pointing to the history.
pub const COMPONENT_RECENT: usize = 20;
/// How many entries the history index shows before it only links to month pages.
pub const HISTORY_INDEX_LIMIT: usize = 100;
/// Days of the "recent past" on the index.
pub const RECENT_DAYS: i64 = 7;

/// A page of the site, by what it shows.
#[derive(Debug, Clone, Copy)]
enum Page {
    Index,
    Incident(usize),
    Maintenance(usize),
    Announcement(usize),
    Component(usize),
    History,
    Month(usize),
    NotFound,
    Stats,
    Subscribe,
}

/// Renders every page into `sink`, each as soon as it is rendered, collecting template errors
/// as diagnostics; the 404 page only with `not_found`. Pages `part` kept from the previous
/// rendering of the same inputs are put as they are. Returns the paths written, sorted.
pub fn render_pages(
    tera: &Tera,
    site: &Site,
    state: &State,
    views: &Views,
    not_found: bool,
    sink: &dyn Sink,
    part: &EditionRound<'_>,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let data = collect(site, state, views);
    let mut pages = vec![Page::Index, Page::History, Page::Stats, Page::Subscribe];
    if not_found {
        pages.push(Page::NotFound);
    }
    pages.extend((0..site.incidents.len()).map(Page::Incident));
    pages.extend((0..site.maintenance.len()).map(Page::Maintenance));
    pages.extend(state.announcements.iter().copied().map(Page::Announcement));
    pages.extend((0..site.catalog.components.len()).map(Page::Component));
    pages.extend((0..data.months.len()).map(Page::Month));
    // Only the paths and any errors are kept; each page goes to the sink right away.
    let results: Vec<Result<String, String>> = pages
        .par_iter()
        .map(|&p| {
            let declared = reads::declared(p, site, views, &data, part);
            if let Some((path, key)) = &declared
                && let Some(bytes) = part.reuse(path, key)
            {
                sink.put_shared(path, bytes);
                return Ok(path.clone());
            }
            let (path, template, ctx) = page_context(site, state, views, &data, p);
            let declared = declared.map(|(_, key)| key);
            let bytes = part
                .render(tera, &path, template, ctx, declared)
                .map_err(|e| format!("rendering {template} for {path}: {}", chain(&e)))?;
            sink.put_shared(&path, bytes);
            Ok(path)
        })
        .collect();
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
/// language's folder) in every language, `robots.txt` and the stylesheet, which inner pages
/// share (the index and the 404 page inline it). Each is rendered from the built-in template
/// of the same name.
pub fn render_shared(
    tera: &Tera,
    site: &SiteView,
    paths: &[String],
    sink: &dyn Sink,
) -> Result<(), Vec<Diagnostic>> {
    let mut ctx = Context::new();
    ctx.insert("site", site);
    ctx.insert("root", "");
    let mut html_paths: Vec<String> = paths
        .iter()
        .filter_map(|p| urls::page_of_file(p))
        .map(str::to_string)
        .collect();
    html_paths.sort();
    super::sitemap::render(tera, &ctx, &html_paths, site.languages.len(), sink)?;
    for name in ["robots.txt", urls::STYLESHEET] {
        sink.put(name, render_file(tera, name, &ctx)?.into_bytes());
    }
    Ok(())
}

/// The script inner pages of one language share that switches their times to UTC and back
/// (the index and the 404 page inline it); it holds the language's words for it.
pub fn times_script(tera: &Tera, views: &Views) -> Result<String, Vec<Diagnostic>> {
    render_file(tera, urls::TIMES_SCRIPT, &base_context(views, urls::INDEX))
}

/// The context every page starts from: `site`; `root`, the relative root of the page at
/// `url` in its language's folder; and `page`, that URL, which is the same page's in every
/// language.
fn base_context(views: &Views, url: &str) -> Context {
    let mut ctx = with_root(views, &urls::root_of(url));
    ctx.insert("page", url);
    ctx
}

fn with_root(views: &Views, root: &str) -> Context {
    let mut ctx = Context::new();
    ctx.insert("site", &views.site);
    ctx.insert("root", root);
    ctx
}

/// The first window of each maintenance file in `list`, leaving out the files of `shown`: a
/// recurring window is listed once, not once per occurrence.
fn first_of_each_file(state: &State, list: &[usize], shown: &[usize]) -> Vec<usize> {
    let mut seen: Vec<usize> = shown.iter().map(|&w| state.window_file[w]).collect();
    let mut out = Vec::new();
    for &w in list {
        let f = state.window_file[w];
        if !seen.contains(&f) {
            seen.push(f);
            out.push(w);
        }
    }
    out
}

/// How many occurrences the page of a recurring window lists ahead, and behind, before the
/// others go in a folded list.
pub const OCCURRENCES_LISTED: usize = 6;

/// What the page of a recurring window says about its occurrences.
#[derive(Debug, Serialize)]
struct RecurrenceView<'a> {
    /// The rule in words, with the times of the next occurrence: "Every Sunday, 02:00–04:00 CET".
    text: String,
    /// The rule as written.
    rule: &'a str,
    /// The first [`OCCURRENCES_LISTED`] occurrences under way or to come, earliest first.
    next: Vec<&'a PostView>,
    /// The others to come, which only links to them open.
    later: Vec<&'a PostView>,
    /// The last [`OCCURRENCES_LISTED`] occurrences that have ended, latest first.
    past: Vec<&'a PostView>,
    /// The others that have ended, latest first.
    earlier: Vec<&'a PostView>,
}

fn recurrence_view<'a>(
    repeat: &'a Repeat,
    windows: &[usize],
    state: &State,
    views: &'a Views,
) -> RecurrenceView<'a> {
    let done = |w: usize| state.maintenance_status[w] == MaintenanceStatus::Completed;
    // Every occurrence has its anchor on the page, for links from the API, feeds and bars.
    let mut next: Vec<&PostView> = windows
        .iter()
        .filter(|&&w| !done(w))
        .map(|&w| &views.maintenance[w])
        .collect();
    let later = next.split_off(next.len().min(OCCURRENCES_LISTED));
    let mut past: Vec<&PostView> = windows
        .iter()
        .rev()
        .filter(|&&w| done(w))
        .map(|&w| &views.maintenance[w])
        .collect();
    let earlier = past.split_off(past.len().min(OCCURRENCES_LISTED));
    let reference = windows
        .iter()
        .find(|&&w| !done(w))
        .or(windows.last())
        .map_or(state.now, |&w| state.windows[w].start);
    RecurrenceView {
        text: repeat.describe(reference, views.t),
        rule: &repeat.rule,
        next,
        later,
        past,
        earlier,
    }
}

/// The file of `page`, its template and its context.
fn page_context(
    site: &Site,
    state: &State,
    views: &Views,
    data: &Data<'_>,
    page: Page,
) -> (String, &'static str, Context) {
    match page {
        Page::Index => {
            let mut ctx = base_context(views, urls::INDEX);
            ctx.insert("entries", &listed_entries(&views.entries));
            ctx.insert(
                "open_incidents",
                &state
                    .open_incidents
                    .iter()
                    .map(|&i| &views.incidents[i])
                    .collect::<Vec<_>>(),
            );
            // A recurring window shows once: its occurrence under way, or else its next one.
            let active = first_of_each_file(state, &state.active_maintenance, &[]);
            let upcoming = first_of_each_file(state, &state.upcoming_maintenance, &active);
            let cards = |list: &[usize]| -> Vec<&PostView> {
                list.iter().map(|&i| &views.maintenance[i]).collect()
            };
            ctx.insert("active_maintenance", &cards(&active));
            ctx.insert("upcoming_maintenance", &cards(&upcoming));
            ctx.insert(
                "announcements",
                &state
                    .shown_announcements
                    .iter()
                    .map(|&a| &views.announcements[a])
                    .collect::<Vec<_>>(),
            );
            ctx.insert("days", &data.days);
            ctx.insert("uptime", &views.uptime.bars);
            (urls::page_file(urls::INDEX), "index.html", ctx)
        }
        Page::Incident(i) => {
            let post = &views.incidents[i];
            let mut ctx = base_context(views, &post.url);
            ctx.insert("post", post);
            let inc = &site.incidents[i];
            let tz = site.config.time_zone;
            ctx.insert("updates", &incident_updates(inc, tz, views.t));
            ctx.insert("postmortem", &incident_postmortem(inc, tz, views.t));
            (urls::page_file(&post.url), "incident.html", ctx)
        }
        Page::Maintenance(f) => {
            let file = &site.maintenance[f];
            let windows = &data.file_windows[f];
            let url = urls::maintenance(&file.id);
            let mut ctx = base_context(views, &url);
            // The page of a recurring window tells its occurrence under way, or else the next,
            // or else the last.
            let featured = windows
                .iter()
                .find(|&&w| state.maintenance_status[w].is_active())
                .or_else(|| {
                    windows
                        .iter()
                        .find(|&&w| state.maintenance_status[w] == MaintenanceStatus::Scheduled)
                })
                .or(windows.last())
                .map(|&w| PostView {
                    url: url.clone(),
                    anchor: None,
                    ..views.maintenance[w].clone()
                });
            ctx.insert("post", &featured);
            ctx.insert(
                "recurrence",
                &file
                    .repeat
                    .as_ref()
                    .map(|r| recurrence_view(r, windows, state, views)),
            );
            ctx.insert(
                "updates",
                &maintenance_updates(file, site.config.time_zone, views.t),
            );
            (urls::page_file(&url), "maintenance.html", ctx)
        }
        Page::Announcement(a) => {
            let view = &views.announcements[a];
            let mut ctx = base_context(views, &view.url);
            ctx.insert("announcement", view);
            (urls::page_file(&view.url), "announcement.html", ctx)
        }
        Page::Component(c) => {
            let comp = &views.components[c];
            let mine = &state.component_incidents[c];
            let mut ctx = base_context(views, &comp.url);
            ctx.insert("component", comp);
            ctx.insert(
                "open_incidents",
                &mine
                    .iter()
                    .filter(|&&i| site.incidents[i].is_open())
                    .map(|&i| &views.incidents[i])
                    .collect::<Vec<_>>(),
            );
            ctx.insert(
                "recent_incidents",
                &mine
                    .iter()
                    .take(COMPONENT_RECENT)
                    .map(|&i| &views.incidents[i])
                    .collect::<Vec<_>>(),
            );
            ctx.insert("incident_count", &mine.len());
            let open: Vec<usize> = data.component_maintenance[c]
                .iter()
                .copied()
                .filter(|&m| views.maintenance[m].open)
                .collect();
            let maintenance: Vec<&PostView> = first_of_each_file(state, &open, &[])
                .into_iter()
                .map(|m| &views.maintenance[m])
                .collect();
            ctx.insert("maintenance", &maintenance);
            ctx.insert("uptime", &views.uptime.components[c]);
            ctx.insert("probes", &views.probes.components[c]);
            let badge = uptime_badge::uptime(&state.uptime.components[c]);
            ctx.insert(
                "follow",
                &FollowView::build(
                    &site.config.base_url,
                    comp,
                    uptime_badge::words(badge, views.t),
                    views.t,
                ),
            );
            (urls::page_file(&comp.url), "component.html", ctx)
        }
        Page::History => {
            let mut ctx = base_context(views, urls::HISTORY);
            let mut shown = 0;
            let months: Vec<&MonthView<'_>> = data
                .months
                .iter()
                .take_while(|m| {
                    let keep = shown < HISTORY_INDEX_LIMIT;
                    shown += m.posts.len();
                    keep
                })
                .collect();
            let archive: Vec<BTreeMap<&str, String>> = data
                .months
                .iter()
                .map(|m| {
                    BTreeMap::from([
                        ("label", m.label.clone()),
                        ("url", m.url.clone()),
                        ("count", m.posts.len().to_string()),
                    ])
                })
                .collect();
            ctx.insert("months", &months);
            ctx.insert("archive", &archive);
            ctx.insert("complete", &(months.len() == data.months.len()));
            ctx.insert("month", &Option::<MonthHeading<'_>>::None);
            (urls::page_file(urls::HISTORY), "history.html", ctx)
        }
        Page::Month(k) => {
            let month = &data.months[k];
            let mut ctx = base_context(views, &month.url);
            ctx.insert("months", &[month]);
            ctx.insert("month", &MonthHeading::from(month));
            ctx.insert(
                "newer",
                &k.checked_sub(1)
                    .map(|j| &data.months[j])
                    .map(|m| (&m.label, &m.url)),
            );
            ctx.insert("older", &data.months.get(k + 1).map(|m| (&m.label, &m.url)));
            ctx.insert("complete", &true);
            (urls::page_file(&month.url), "history.html", ctx)
        }
        Page::Stats => {
            let mut ctx = base_context(views, urls::STATS);
            ctx.insert("stats", &views.uptime.stats);
            (urls::page_file(urls::STATS), "stats.html", ctx)
        }
        Page::Subscribe => {
            let mut ctx = base_context(views, urls::SUBSCRIBE);
            let subscribe = SubscribeView::build(
                &site.config.base_url,
                &site.config.subscribe,
                &views.entries,
            );
            ctx.insert("subscribe", &subscribe);
            (urls::page_file(urls::SUBSCRIBE), "subscribe.html", ctx)
        }
        Page::NotFound => {
            // Served for any missing path, so it links through the absolute base path; its
            // language switcher leads to each language's status page.
            let mut ctx = with_root(views, &views.site.base_path);
            ctx.insert("page", urls::INDEX);
            (urls::NOT_FOUND_FILE.to_string(), "404.html", ctx)
        }
    }
}
