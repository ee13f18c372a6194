//! What several pages share, computed once per build: the history's months and their days, the
//! index's days of the recent past, and the maintenance windows of each component.

use super::lines::PostKey;
use super::{RECENT_DAYS, RECENT_LISTED};
use crate::derive::State;
use crate::derive::uptime::daily::touched_dates;
use crate::derive::uptime::{incident_span, window_span};
use crate::model::Site;
use crate::model::urls;
use crate::render::views::Views;
use crate::render::views::format::{date_label, month_label};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// A month of history.
#[derive(Debug)]
pub(super) struct MonthView {
    /// `YYYY/MM`.
    pub(super) key: String,
    /// e.g. "November 2026".
    pub(super) label: String,
    /// Link relative to the site root.
    pub(super) url: String,
    /// How many incidents and maintenance windows started that month.
    pub(super) count: usize,
    /// Its days with entries, newest first.
    pub(super) days: Vec<HistoryDay>,
}

/// A day of a month of history: what started on it, and what was still under way from an
/// earlier day. Its heading's id is its date, which the days of the uptime bars link to.
#[derive(Debug)]
pub(super) struct HistoryDay {
    /// `YYYY-MM-DD` in the site time zone, the id of its heading ([`urls::day_anchor`]).
    pub(super) date: String,
    /// e.g. "20 Nov 2026".
    pub(super) label: String,
    /// Incidents and maintenance that started that day, newest first. Their views are built
    /// when the month is rendered, not kept for the whole build.
    pub(super) posts: Vec<PostKey>,
    /// For a day the uptime bars show: incidents and maintenance that started on an earlier
    /// day and still touched this one, as the bars count them, newest start first. The pages
    /// listing the day build their views ([`super::post_views::Continued`]).
    pub(super) continued: Vec<PostKey>,
}

/// A month without its posts, for a month page's own heading and links (its posts are in
/// `months`, so they are serialized once per page, not twice).
#[derive(Debug, Serialize)]
pub(super) struct MonthHeading<'a> {
    /// `YYYY/MM`.
    pub(super) key: &'a str,
    /// e.g. "November 2026".
    pub(super) label: &'a str,
    /// Link relative to the site root.
    pub(super) url: &'a str,
}

impl<'a> From<&'a MonthView> for MonthHeading<'a> {
    fn from(m: &'a MonthView) -> Self {
        MonthHeading {
            key: &m.key,
            label: &m.label,
            url: &m.url,
        }
    }
}

/// A day of the recent past on the index.
#[derive(Debug)]
pub(super) struct DayView {
    /// e.g. "20 Nov 2026".
    pub(super) label: String,
    /// `YYYY-MM-DD`.
    pub(super) date: String,
    /// The newest of the incidents and maintenance that started that day, as many as the
    /// index's [`RECENT_LISTED`] leave room for, newest first.
    pub(super) posts: Vec<PostKey>,
    /// How many more started that day.
    pub(super) more: usize,
    /// The day in the history, relative to the site root, where all of them are.
    pub(super) history: String,
}

/// What pages share: the months of history and the days of the recent past (newest first),
/// and the maintenance windows of each component.
pub(super) struct Data {
    pub(super) months: Vec<MonthView>,
    pub(super) days: Vec<DayView>,
    pub(super) component_maintenance: Vec<Vec<usize>>,
    /// Per maintenance file: its windows (indexes into `State::windows`), earliest start first.
    pub(super) file_windows: Vec<Vec<usize>>,
}

/// A post that has begun: its start, its key and its span (see [`incident_span`]), if any.
type Begun = (DateTime<Utc>, PostKey, Option<(i64, i64)>);

/// What started on a day, and what continued into it.
#[derive(Default)]
struct Entries {
    started: Vec<PostKey>,
    continued: Vec<PostKey>,
}

/// The order of the kinds of posts that start at the same instant: incidents first, as the
/// `kind` of their views sorts.
fn kind(key: PostKey) -> u8 {
    match key {
        PostKey::Incident(_) => 0,
        PostKey::Window(_) => 1,
    }
}

/// Groups the posts that have begun by month and by day, and the windows by component.
pub(super) fn collect(site: &Site, state: &State, views: &Views<'_>) -> Data {
    let tz = site.config.time_zone;
    let now = state.now;
    // History: incidents and maintenance that have begun, newest first, with their spans.
    let mut posts: Vec<Begun> = state
        .incidents
        .iter()
        .map(|&i| {
            let inc = &site.incidents[i];
            (inc.started, PostKey::Incident(i), incident_span(inc, now))
        })
        .collect();
    posts.extend(
        state
            .maintenance
            .iter()
            .filter(|&&m| state.windows[m].start <= now)
            .map(|&m| {
                let w = &state.windows[m];
                (w.start, PostKey::Window(m), window_span(w, now))
            }),
    );
    let id = |key: PostKey| match key {
        PostKey::Incident(i) => &site.incidents[i].id,
        PostKey::Window(w) => &state.windows[w].id,
    };
    posts.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| kind(a.1).cmp(&kind(b.1)))
            .then_with(|| id(a.1).cmp(id(b.1)))
    });
    // Each post under the day it started, and under each later day of the bars' window its span
    // touched: every day a bar links to has its heading, and the years before stay as written.
    let bars_from = state.uptime.days.first().map_or(NaiveDate::MAX, |d| d.date);
    let mut by_day: BTreeMap<NaiveDate, Entries> = BTreeMap::new();
    for &(at, post, span) in &posts {
        let first = at.with_timezone(&tz).date_naive();
        by_day.entry(first).or_default().started.push(post);
        if let (Some((start, end)), Some(next)) = (span, first.succ_opt()) {
            let (_, last) = touched_dates(start, end, tz);
            for day in next.max(bars_from).iter_days().take_while(|d| *d <= last) {
                by_day.entry(day).or_default().continued.push(post);
            }
        }
    }
    let mut months: Vec<MonthView> = Vec::new();
    for (date, entries) in by_day.into_iter().rev() {
        let key = urls::month_key(date);
        if months.last().is_none_or(|m| m.key != key) {
            months.push(MonthView {
                label: month_label(date, views.t),
                url: urls::month(&key),
                key,
                count: 0,
                days: Vec::new(),
            });
        }
        let month = months.last_mut().expect("pushed above");
        month.count += entries.started.len();
        month.days.push(HistoryDay {
            date: urls::day_anchor(date),
            label: date_label(date, views.t),
            posts: entries.started,
            continued: entries.continued,
        });
    }
    // The recent past: each of the last days, today first, with the newest of what started on
    // it, up to RECENT_LISTED in all; the history has the rest.
    let today = now.with_timezone(&tz).date_naive();
    let first_day = today - Duration::days(RECENT_DAYS - 1);
    let mut days: Vec<DayView> = (0..RECENT_DAYS)
        .map(|k| {
            let d = today - Duration::days(k);
            DayView {
                label: date_label(d, views.t),
                date: d.format("%Y-%m-%d").to_string(),
                posts: Vec::new(),
                more: 0,
                history: urls::history_day(d),
            }
        })
        .collect();
    let mut listed = 0;
    for (at, post, _) in posts
        .iter()
        .take_while(|(at, _, _)| at.with_timezone(&tz).date_naive() >= first_day)
    {
        let d = at.with_timezone(&tz).date_naive();
        if d <= today {
            let day = &mut days[(today - d).num_days() as usize];
            if listed < RECENT_LISTED {
                day.posts.push(*post);
                listed += 1;
            } else {
                day.more += 1;
            }
        }
    }
    let mut component_maintenance = vec![Vec::new(); site.catalog.components.len()];
    for &m in &state.maintenance {
        for &c in &state.maintenance_effects[m] {
            component_maintenance[c].push(m);
        }
    }
    for list in &mut component_maintenance {
        list.reverse();
    }
    let mut file_windows = vec![Vec::new(); site.maintenance.len()];
    for &m in state.maintenance.iter().rev() {
        file_windows[state.window_file[m]].push(m);
    }
    Data {
        months,
        days,
        component_maintenance,
        file_windows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{RESOLVED_API, SILENT, WINDOW, derived};
    use crate::render::views::Edition;

    #[test]
    fn months_list_posts_newest_first_incidents_before_windows_of_the_same_instant() {
        // `zz` starts when the window does, `aa` and `bb` together a little earlier.
        let same_start = |title: &str, start: &str| {
            format!(
                "+++\ntitle = \"{title}\"\nstarted = {start}\nresolved = 2026-11-21T05:00:00Z\naffected = [\"mail\"]\n+++\nDown.\n"
            )
        };
        let (zz, bb, aa) = (
            same_start("Zed", "2026-11-21T02:00:00Z"),
            same_start("Bee", "2026-11-21T01:00:00Z"),
            same_start("Ay", "2026-11-21T01:00:00Z"),
        );
        let (site, state) = derived(
            &[
                ("zz", &zz),
                ("bb", &bb),
                ("api", RESOLVED_API),
                ("aa", &aa),
                ("blip", SILENT),
            ],
            &[("m", WINDOW)],
            "2026-11-23T12:00:00Z",
        );
        let t = crate::i18n::english_table();
        let edition = Edition::new(&site.config.base_url, "en", "en");
        let refresh = crate::render::data::api::Api::new(&site, &state, t).refresh(true);
        let views = Views::build(&site, &state, refresh, &edition, t);
        let data = collect(&site, &state, &views);
        let view = |key: PostKey| match key {
            PostKey::Incident(i) => views.incident(i).into_owned(),
            PostKey::Window(w) => views.window(w).into_owned(),
        };
        assert_eq!(data.months.len(), 1);
        let month = &data.months[0];
        assert_eq!(
            (month.key.as_str(), month.label.as_str()),
            ("2026/11", "November 2026")
        );
        let started: Vec<PostKey> = (month.days.iter())
            .flat_map(|d| d.posts.iter().copied())
            .collect();
        assert_eq!(month.count, started.len());
        let listed: Vec<(&str, String)> = (started.iter())
            .map(|&key| view(key))
            .map(|p| (p.kind, p.id))
            .collect();
        let expected = [
            ("incident", "zz"),
            ("maintenance", "m"),
            ("incident", "aa"),
            ("incident", "bb"),
            ("incident", "api"),
            ("incident", "blip"),
        ];
        assert_eq!(listed, expected.map(|(k, id)| (k, id.to_string())));
        // The month every post's view names is the month listing it.
        assert!(started.iter().all(|&key| view(key).month == month.key));
        // The recent past holds the day with posts, in the order of the month.
        let days: Vec<Vec<String>> = (data.days.iter())
            .map(|d| d.posts.iter().map(|&key| view(key).id).collect())
            .collect();
        assert_eq!(days[2], ["zz", "m", "aa", "bb"]);
        assert!(days.iter().enumerate().all(|(k, d)| k == 2 || d.is_empty()));
    }
}
