//! The list of pages a site has, and rendering each through its template, in parallel.

use super::engine::{chain, render_file};
use crate::derive::State;
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::model::urls;
use crate::output::Sink;
use crate::render::views::badges as uptime_badge;
use crate::render::views::{
    FollowView, PostView, SubscribeView, Views, incident_updates, listed_entries,
    maintenance_updates,
};
use data::{Data, MonthHeading, MonthView, collect};
use rayon::prelude::*;
use std::collections::BTreeMap;
use tera::{Context, Tera};

mod data;

/// How many incidents a component page lists before pointing to the history.
pub const COMPONENT_RECENT: usize = 20;
/// How many entries the history index shows before it only links to month pages.
pub const HISTORY_INDEX_LIMIT: usize = 100;
/// Days of the "recent past" on the index.
pub const RECENT_DAYS: i64 = 7;

#[derive(Debug, Clone, Copy)]
enum Page {
    Index,
    Incident(usize),
    Maintenance(usize),
    Component(usize),
    History,
    Month(usize),
    NotFound,
    Stats,
    Subscribe,
}

/// Renders every page into `sink`, each as soon as it is rendered, collecting template errors
/// as diagnostics. Returns the paths written, sorted.
pub fn render_pages(
    tera: &Tera,
    site: &Site,
    state: &State,
    views: &Views,
    sink: &dyn Sink,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let data = collect(site, state, views);
    let mut pages = vec![
        Page::Index,
        Page::History,
        Page::NotFound,
        Page::Stats,
        Page::Subscribe,
    ];
    pages.extend((0..site.incidents.len()).map(Page::Incident));
    pages.extend((0..site.maintenance.len()).map(Page::Maintenance));
    pages.extend((0..site.catalog.components.len()).map(Page::Component));
    pages.extend((0..data.months.len()).map(Page::Month));
    // Only the paths and any errors are kept; each page goes to the sink right away.
    let results: Vec<Result<String, String>> = pages
        .par_iter()
        .map(|&p| {
            let (path, result) = render_page(tera, site, state, views, &data, p);
            result.map(|html| {
                sink.put(&path, html.into_bytes());
                path
            })
        })
        .collect();
    let mut errors = Vec::new();
    let mut paths = Vec::with_capacity(results.len() + 3);
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
    let mut html_paths: Vec<String> = paths
        .iter()
        .filter_map(|p| urls::page_of_file(p))
        .map(str::to_string)
        .collect();
    html_paths.sort();
    let ctx = base_context(views, urls::INDEX);
    paths.extend(super::sitemap::render(tera, &ctx, &html_paths, sink)?);
    // Inner pages share one cached stylesheet; the index and 404 page inline it.
    // Each is rendered from the built-in template of the same name.
    for name in ["robots.txt", urls::STYLESHEET] {
        sink.put(name, render_file(tera, name, &ctx)?.into_bytes());
        paths.push(name.to_string());
    }
    paths.sort();
    Ok(paths)
}

/// The context every page starts from: `site`, and `root`, the relative root of the page at
/// `url`.
fn base_context(views: &Views, url: &str) -> Context {
    with_root(views, &urls::root_of(url))
}

fn with_root(views: &Views, root: &str) -> Context {
    let mut ctx = Context::new();
    ctx.insert("site", &views.site);
    ctx.insert("root", root);
    ctx
}

fn render_page(
    tera: &Tera,
    site: &Site,
    state: &State,
    views: &Views,
    data: &Data<'_>,
    page: Page,
) -> (String, Result<String, String>) {
    let (path, template, ctx) = match page {
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
            ctx.insert(
                "active_maintenance",
                &state
                    .active_maintenance
                    .iter()
                    .map(|&i| &views.maintenance[i])
                    .collect::<Vec<_>>(),
            );
            ctx.insert(
                "upcoming_maintenance",
                &state
                    .upcoming_maintenance
                    .iter()
                    .map(|&i| &views.maintenance[i])
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
            ctx.insert(
                "updates",
                &incident_updates(&site.incidents[i], site.config.time_zone),
            );
            (urls::page_file(&post.url), "incident.html", ctx)
        }
        Page::Maintenance(i) => {
            let post = &views.maintenance[i];
            let mut ctx = base_context(views, &post.url);
            ctx.insert("post", post);
            ctx.insert(
                "updates",
                &maintenance_updates(&site.maintenance[i], site.config.time_zone),
            );
            (urls::page_file(&post.url), "maintenance.html", ctx)
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
            let maintenance: Vec<&PostView> = data.component_maintenance[c]
                .iter()
                .map(|&m| &views.maintenance[m])
                .filter(|m| m.open)
                .collect();
            ctx.insert("maintenance", &maintenance);
            ctx.insert("uptime", &views.uptime.components[c]);
            ctx.insert("probes", &views.probes.components[c]);
            let badge = uptime_badge::uptime(&state.uptime.components[c]);
            ctx.insert(
                "follow",
                &FollowView::build(&site.config.base_url, comp, uptime_badge::words(badge)),
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
            // Served for any missing path, so it links through the absolute base path.
            let ctx = with_root(views, &views.site.base_path);
            (urls::NOT_FOUND_FILE.to_string(), "404.html", ctx)
        }
    };
    let result = tera
        .render(template, &ctx)
        .map_err(|e| format!("rendering {template} for {path}: {}", chain(&e)));
    (path, result)
}
