//! The views of an uptime bar: what the index shows of it (an image of its days, with a caption
//! and an accessible summary, linking to the component page) and the component page's
//! day-by-day bar, whose days tell their date, status and downtime and lead to that day in the
//! history.
//!
//! The index stays bounded by components × days whatever the history holds: a bar there is one
//! image and one link. A component page's bar is bounded by days: a quiet day is one empty
//! element, and a day with incidents, maintenance or a status set by hand carries a tooltip that
//! links to the day on its month of history instead of listing what happened.

use super::super::format::{date_label, minutes, percent};
use crate::derive::uptime::daily::{Bar, Day};
use crate::derive::uptime::{Record, Uptime};
use crate::i18n::Table;
use crate::model::ComponentStatus;
use crate::model::urls;
use serde::Serialize;

/// What a day says when hovered or focused.
#[derive(Debug, Clone, Serialize)]
pub struct TipView {
    /// e.g. "20 Nov 2026".
    pub date: String,
    /// Worst status of the day, in words.
    pub status: &'static str,
    /// e.g. "27 min downtime".
    pub downtime: String,
    /// The day on its month of history (`history/2026/11/#2026-11-20`), relative to the site
    /// root, when incidents or maintenance touched it; made of a date only, so templates may
    /// mark it safe.
    pub history: Option<String>,
}

/// One day of a bar.
#[derive(Debug, Clone, Serialize)]
pub struct DayView {
    /// CSS class: empty for a quiet day, `n` without data, else `st-<status>`.
    pub c: String,
    /// Tooltip, only for days with incidents, maintenance or another status than operational.
    pub t: Option<TipView>,
}

/// A component's or group's bar of the last `uptime_days` days, as the index shows it.
#[derive(Debug, Clone, Serialize)]
pub struct BarView {
    /// Accessible summary, e.g. "API: 99.95% uptime over the last 90 days, 3 days with
    /// incidents" (the days with incidents left out when there are none): the image's text on
    /// the index, the bar's label on the component page.
    pub label: String,
    /// The uptime over the bar window, e.g. "99.95%".
    pub uptime: String,
    /// Left end of the caption, e.g. "90 days ago".
    pub first: String,
    /// What the caption says on a narrow screen, which shows only the last [`NARROW_DAYS`]
    /// days of a longer bar; `None` when the bar is no longer than that.
    pub narrow: Option<NarrowCaption>,
    /// Set when the component (or, for a group, a member) has spent more than its error
    /// budget, e.g. "over error budget" or "API over error budget".
    pub over_budget: Option<String>,
    /// The bar's image, which all languages share: prefix it with `root`.
    pub image: String,
    /// The component page's day-by-day bar, relative to the language's root (prefix it with
    /// `root`); `None` for a group, which has no page.
    pub link: Option<String>,
}

/// A bar with its days, as the component page shows it: oldest day first.
#[derive(Debug, Clone, Serialize)]
pub struct DayBarView {
    /// The summary and captions.
    #[serde(flatten)]
    pub bar: BarView,
    /// Oldest day first.
    pub days: Vec<DayView>,
}

/// Days a bar shows on a narrow screen (the stylesheet hides or crops the older ones there).
pub const NARROW_DAYS: usize = 30;

/// The caption of a bar cut to its last [`NARROW_DAYS`] days on a narrow screen.
#[derive(Debug, Clone, Serialize)]
pub struct NarrowCaption {
    /// Left end, e.g. "30 days ago".
    pub first: String,
    /// The uptime, over the whole bar window since the screen does not show it all, e.g.
    /// "99.95% over 90 days".
    pub uptime: String,
}

/// Whose bar it is: where its image is and what it links to.
pub(super) struct Owner<'a> {
    /// The component's or group's name.
    pub(super) name: &'a str,
    /// The image, relative to the site root.
    pub(super) image: String,
    /// The component page's bar, for a component.
    pub(super) link: Option<String>,
}

/// The index's view of the bar of `owner` from its record `r`; `shared` leads from a language's
/// folder to the site root, where the images are.
pub(super) fn bar_view(
    owner: &Owner<'_>,
    r: &Record,
    over_budget: Option<String>,
    days: usize,
    shared: &str,
    t: &Table,
) -> BarView {
    let n = days;
    let up = percent(r.bar_window.uptime_hundredths(), t);
    let no_data = r.bars.iter().filter(|b| !b.data).count();
    let name = owner.name;
    let mut label = if no_data == n {
        t.count("uptime.bar_label_no_data", n as u64, &[("name", name)])
    } else {
        let mut label = t.count(
            "uptime.bar_label",
            n as u64,
            &[("name", name), ("uptime", &up)],
        );
        let with_incidents = r.bars.iter().filter(|b| !b.incidents.is_empty()).count();
        if with_incidents > 0 {
            label.push_str(t.get("site.list_comma"));
            label.push_str(&t.count("uptime.incident_days", with_incidents as u64, &[]));
        }
        label
    };
    if no_data > 0 && no_data < n {
        label.push_str(t.get("site.list_comma"));
        label.push_str(&t.count("uptime.days_before", no_data as u64, &[]));
    }
    if let Some(over) = &over_budget {
        label.push_str(t.get("site.list_comma"));
        label.push_str(over);
    }
    BarView {
        label,
        uptime: if no_data == n {
            t.get("number.no_data").to_string()
        } else {
            t.fill("uptime.uptime", &[("uptime", &up)])
        },
        first: first_label(n, t),
        narrow: narrow_first_label(n, t).map(|first| NarrowCaption {
            first,
            uptime: if no_data == n {
                t.get("number.no_data").to_string()
            } else {
                t.count("uptime.over_days", n as u64, &[("uptime", &up)])
            },
        }),
        over_budget,
        image: format!("{shared}{}", owner.image),
        link: owner.link.clone(),
    }
}

/// The left end of the caption of a bar of `days` days: "90 days ago", or "Today" for a bar of
/// one day. The same for every bar of a language, since every bar shows the site's window.
pub(super) fn first_label(days: usize, t: &Table) -> String {
    if days == 1 {
        t.get("uptime.today").to_string()
    } else {
        t.count("uptime.days_ago", days as u64, &[])
    }
}

/// The left end of the caption on a narrow screen, "30 days ago", for a bar longer than
/// [`NARROW_DAYS`]; `None` for a shorter one, which a narrow screen shows whole.
pub(super) fn narrow_first_label(days: usize, t: &Table) -> Option<String> {
    (days > NARROW_DAYS).then(|| t.count("uptime.days_ago", NARROW_DAYS as u64, &[]))
}

/// The days of a record's bar, oldest first, for the component page.
pub(super) fn day_views(r: &Record, uptime: &Uptime, t: &'static Table) -> Vec<DayView> {
    uptime
        .days
        .iter()
        .zip(&r.bars)
        .map(|(d, b)| day_view(d, b, uptime, t))
        .collect()
}

/// The worst status of a day; `None` for a day before the component existed, which has no data.
pub(super) fn day_status(bar: &Bar) -> Option<ComponentStatus> {
    bar.data.then(|| bar.worst())
}

fn day_view(day: &Day, bar: &Bar, uptime: &Uptime, t: &'static Table) -> DayView {
    let Some(worst) = day_status(bar) else {
        return DayView {
            c: "n".to_string(),
            t: None,
        };
    };
    let c = if worst == ComponentStatus::Operational {
        String::new()
    } else {
        format!("st-{}", worst.as_str())
    };
    let posts = !(bar.incidents.is_empty() && bar.maintenance.is_empty());
    // A day that is not quiet without a post (a status set by hand) still says what it was.
    if !posts && c.is_empty() {
        return DayView { c, t: None };
    }
    let down = bar.tally.downtime(&uptime.settings.weights) as f64 / 60_000.0;
    DayView {
        c,
        t: Some(TipView {
            date: date_label(day.date, t),
            status: t.of("status", worst.as_str()),
            downtime: if down > 0.0 {
                t.fill("uptime.downtime", &[("downtime", &minutes(down, t))])
            } else {
                t.get("uptime.no_downtime").to_string()
            },
            history: posts.then(|| urls::history_day(day.date)),
        }),
    }
}
