//! What several pages share, computed once per build: the history's months, the index's days
//! of the recent past, and the maintenance windows of each component.

use super::RECENT_DAYS;
use super::lines::{Post, PostKey};
use crate::derive::State;
use crate::model::Site;
use crate::model::urls;
use crate::render::views::Views;
use crate::render::views::format::{date_label, month_label};
use chrono::Duration;
use serde::Serialize;

/// A month of history.
#[derive(Debug)]
pub(super) struct MonthView<'a> {
    /// `YYYY/MM`.
    pub(super) key: String,
    /// e.g. "November 2026".
    pub(super) label: String,
    /// Link relative to the site root.
    pub(super) url: String,
    /// Incidents and maintenance that started that month, newest first.
    pub(super) posts: Vec<Post<'a>>,
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

impl<'a> From<&'a MonthView<'_>> for MonthHeading<'a> {
    fn from(m: &'a MonthView<'_>) -> Self {
        MonthHeading {
            key: &m.key,
            label: &m.label,
            url: &m.url,
        }
    }
}

/// A day of the recent past on the index.
#[derive(Debug)]
pub(super) struct DayView<'a> {
    /// e.g. "20 Nov 2026".
    pub(super) label: String,
    /// `YYYY-MM-DD`.
    pub(super) date: String,
    /// Incidents and maintenance that started that day, newest first.
    pub(super) posts: Vec<Post<'a>>,
}

/// What pages share: the months of history and the days of the recent past (newest first),
/// and the maintenance windows of each component.
pub(super) struct Data<'a> {
    pub(super) months: Vec<MonthView<'a>>,
    pub(super) days: Vec<DayView<'a>>,
    pub(super) component_maintenance: Vec<Vec<usize>>,
    /// Per maintenance file: its windows (indexes into `State::windows`), earliest start first.
    pub(super) file_windows: Vec<Vec<usize>>,
}

/// Groups the posts that have begun by month and by day, and the windows by component.
pub(super) fn collect<'a>(site: &Site, state: &State, views: &'a Views) -> Data<'a> {
    let tz = site.config.time_zone;
    // History: incidents and maintenance that have begun, grouped by month of start, newest first.
    let mut posts: Vec<(chrono::DateTime<chrono::Utc>, Post<'a>)> = state
        .incidents
        .iter()
        .map(|&i| {
            (
                site.incidents[i].started,
                Post::of(PostKey::Incident(i), views),
            )
        })
        .collect();
    posts.extend(
        state
            .maintenance
            .iter()
            .filter(|&&m| state.windows[m].start <= state.now)
            .map(|&m| (state.windows[m].start, Post::of(PostKey::Window(m), views))),
    );
    posts.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1.view.kind.cmp(b.1.view.kind))
            .then_with(|| a.1.view.id.cmp(&b.1.view.id))
    });
    let mut months: Vec<MonthView<'a>> = Vec::new();
    for &(at, post) in &posts {
        let month = &post.view.month;
        if months.last().is_none_or(|m| &m.key != month) {
            let local = at.with_timezone(&tz);
            months.push(MonthView {
                key: month.clone(),
                label: month_label(local.date_naive(), views.t),
                url: urls::month(month),
                posts: Vec::new(),
            });
        }
        months.last_mut().expect("pushed above").posts.push(post);
    }
    // The recent past: each of the last days, today first, with what started on it.
    let today = state.now.with_timezone(&tz).date_naive();
    let first_day = today - Duration::days(RECENT_DAYS - 1);
    let mut days: Vec<DayView<'a>> = (0..RECENT_DAYS)
        .map(|k| {
            let d = today - Duration::days(k);
            DayView {
                label: date_label(d, views.t),
                date: d.format("%Y-%m-%d").to_string(),
                posts: Vec::new(),
            }
        })
        .collect();
    for &(at, post) in posts
        .iter()
        .take_while(|(at, _)| at.with_timezone(&tz).date_naive() >= first_day)
    {
        let d = at.with_timezone(&tz).date_naive();
        if d <= today {
            let k = (today - d).num_days() as usize;
            days[k].posts.push(post);
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
