//! The pages besides the history's months and the incidents (which `lines.rs` renders with the
//! entries of their posts): the index, the history index, the pages of components, maintenance
//! files and announcements, statistics, subscribing and the 404 page. `serve` keeps each by its
//! whole context, but for the page of a maintenance file, which names what it reads
//! (`reads.rs`).

use super::context::PageContext;
use super::current;
use super::data::Data;
use super::lines::{Kept, PostKey, history_months, incident_page, month_list};
use super::post_views::{Continued, post_view};
use super::reads;
use super::recurrence::recurrence_view;
use super::{COMPONENT_RECENT, Env, Page};
use crate::model::MaintenanceStatus;
use crate::model::urls;
use crate::render::views::badges as uptime_badge;
use crate::render::views::uptime;
use crate::render::views::{FollowView, PostView, SubscribeView, maintenance_updates};
use serde::Serialize;
use std::collections::BTreeMap;

/// A day of the recent past as the index lists it: `day.label`, `day.date`, `day.posts` (the
/// entries listed), `day.more` (how many more started that day) and `day.history` (the day in
/// the history, relative to the site root).
#[derive(Debug, Serialize)]
struct DayList<'a> {
    label: &'a str,
    date: &'a str,
    posts: Vec<super::lines::Listed<'a>>,
    more: usize,
    history: &'a str,
}

/// Renders `page` into the sink from `ctx`, which holds `site`; returns its path.
pub(super) fn render(
    env: &Env<'_>,
    ctx: &mut PageContext,
    data: &Data,
    kept: &Kept,
    page: Page,
) -> Result<String, String> {
    let result = render_page(env, ctx, data, kept, page);
    ctx.clear();
    result
}

fn render_page(
    env: &Env<'_>,
    ctx: &mut PageContext,
    data: &Data,
    kept: &Kept,
    page: Page,
) -> Result<String, String> {
    let (site, state, views) = (env.site, env.state, env.views);
    // The key of what the page reads, for one that names it (`serve`).
    let mut declared = None;
    let (url, template) = match page {
        Page::Index => {
            let root = urls::root_of(urls::INDEX);
            current::index(ctx, state, views);
            let days = data
                .days
                .iter()
                .map(|d| {
                    Ok(DayList {
                        label: &d.label,
                        date: &d.date,
                        posts: kept.listed(d.posts.iter().copied(), &root)?,
                        more: d.more,
                        history: &d.history,
                    })
                })
                .collect::<Result<Vec<_>, String>>()?;
            ctx.insert("days", &days);
            (urls::INDEX.to_string(), "index.html")
        }
        Page::MaintenanceList => {
            current::maintenance(ctx, state, views);
            (urls::MAINTENANCE_LIST.to_string(), "maintenance_list.html")
        }
        Page::AnnouncementList => {
            current::announcements(ctx, state, views);
            (
                urls::ANNOUNCEMENT_LIST.to_string(),
                "announcement_list.html",
            )
        }
        Page::Incident(i) => {
            let post = post_view(env, PostKey::Incident(i));
            return incident_page(env, ctx, i, (&post, false));
        }
        Page::Maintenance(f) => {
            declared = reads::maintenance(env.part, site, data, f);
            if let Some((path, key)) = &declared
                && let Some(bytes) = env.part.reuse(path, key)
            {
                env.sink.put_shared(path, bytes);
                return Ok(path.clone());
            }
            let file = &site.maintenance[f];
            let windows = &data.file_windows[f];
            let posts = views.windows(windows);
            let url = urls::maintenance(&file.id);
            // The page of a recurring window tells its occurrence under way, or else the next,
            // or else the last.
            let featured = windows
                .iter()
                .position(|&w| state.maintenance_status[w].is_active())
                .or_else(|| {
                    windows
                        .iter()
                        .position(|&w| state.maintenance_status[w] == MaintenanceStatus::Scheduled)
                })
                .or(windows.len().checked_sub(1))
                .map(|k| PostView {
                    url: url.clone(),
                    anchor: None,
                    ..posts[k].as_ref().clone()
                });
            ctx.insert("post", &featured);
            ctx.insert(
                "recurrence",
                &file
                    .repeat
                    .as_ref()
                    .map(|r| recurrence_view(r, windows, &posts, state, views.t)),
            );
            ctx.insert(
                "updates",
                &maintenance_updates(file, site.config.time_zone, views.t),
            );
            (url, "maintenance.html")
        }
        Page::Announcement(a) => {
            let view = &views.announcements[a];
            ctx.insert("announcement", view);
            (view.url.clone(), "announcement.html")
        }
        Page::Component(c) => {
            let comp = &views.components[c];
            let mine = &state.component_incidents[c];
            ctx.insert("component", comp);
            let open: Vec<usize> = (mine.iter().copied())
                .filter(|&i| site.incidents[i].is_open())
                .collect();
            ctx.insert("open_incidents", &views.incidents(&open));
            let recent = mine.iter().take(COMPONENT_RECENT);
            let root = urls::root_of(&comp.url);
            let recent = kept.listed(recent.map(|&i| PostKey::Incident(i)), &root)?;
            ctx.insert("recent_incidents", &recent);
            ctx.insert("incident_count", &mine.len());
            current::component_maintenance(ctx, state, views, &data.component_maintenance[c]);
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
            (comp.url.clone(), "component.html")
        }
        Page::History => {
            let root = urls::root_of(urls::HISTORY);
            let shown = history_months(data);
            let continued = Continued::of(env, shown);
            let months = shown
                .iter()
                .map(|m| {
                    let keys = m.days.iter().flat_map(|d| &d.posts).copied();
                    let posts = kept.listed(keys, &root)?;
                    Ok(month_list(m, posts.into_iter(), &continued))
                })
                .collect::<Result<Vec<_>, String>>()?;
            let archive: Vec<BTreeMap<&str, String>> = data
                .months
                .iter()
                .map(|m| {
                    BTreeMap::from([
                        ("label", m.label.clone()),
                        ("url", m.url.clone()),
                        ("count", m.count.to_string()),
                    ])
                })
                .collect();
            ctx.insert("months", &months);
            ctx.insert("archive", &archive);
            ctx.insert("complete", &(shown.len() == data.months.len()));
            ctx.insert("month", &Option::<()>::None);
            (urls::HISTORY.to_string(), "history.html")
        }
        Page::Stats => {
            ctx.insert("stats", &views.uptime.stats);
            (urls::STATS.to_string(), "stats.html")
        }
        Page::Subscribe => {
            let subscribe = SubscribeView::build(
                &site.config.base_url,
                &site.config.subscribe,
                &views.entries,
            );
            ctx.insert("subscribe", &subscribe);
            (urls::SUBSCRIBE.to_string(), "subscribe.html")
        }
        Page::NotFound => {
            // Served for any missing path, so it links through the absolute base path; its
            // language switcher leads to each language's status page.
            ctx.insert("root", &views.site.base_path);
            ctx.insert("page", urls::INDEX);
            // It inlines the stylesheet, whose rules draw the bars' captions in every language.
            let days = env.state.uptime.days.len();
            ctx.insert("captions", &uptime::captions(env.site, days));
            let path = urls::NOT_FOUND_FILE.to_string();
            return ctx.put_kept(env.tera, "404.html", path, env.sink, (env.part, None));
        }
    };
    ctx.insert("root", &urls::root_of(&url));
    ctx.insert("page", &url);
    let declared = declared.map(|(_, key)| key);
    let path = urls::page_file(&url);
    ctx.put_kept(env.tera, template, path, env.sink, (env.part, declared))
}
