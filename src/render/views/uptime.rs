//! Views of uptime for templates: compact daily bars, figures, SLOs and the statistics page.
//!
//! The bars are the heaviest part of the index, so a quiet day is one empty element and only
//! days with incidents, maintenance or a status set by hand carry their tooltip text.

use super::format::{cadence, date_label, minutes, percent, seconds, whole_percent};
use super::untranslated::title_language;
use crate::derive::uptime::daily::{Bar, Day};
use crate::derive::uptime::stats::IncidentStats;
use crate::derive::uptime::{Figure, Record, Uptime};
use crate::i18n::Table;
use crate::model::Site;
use crate::model::components::Display;
use crate::model::translation::Translations;
use crate::model::urls;
use crate::model::{ComponentStatus, Maintenance};
use serde::Serialize;
use std::collections::BTreeMap;

/// A link to a post in a tooltip.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub title: String,
    /// Link relative to the site root; made of validated ids only, so templates may mark it safe.
    pub url: String,
    /// The language of the title, where it is not the page's (left untranslated).
    pub lang: Option<String>,
}

/// What a day says when hovered or focused.
#[derive(Debug, Clone, Serialize)]
pub struct TipView {
    /// e.g. "20 Nov 2026".
    pub date: String,
    /// Worst status of the day, in words.
    pub status: &'static str,
    /// e.g. "27 min downtime".
    pub downtime: String,
    /// Incidents, then maintenance, that touched the day.
    pub posts: Vec<LinkView>,
}

/// One day of a bar.
#[derive(Debug, Clone, Serialize)]
pub struct DayView {
    /// CSS class: empty for a quiet day, `n` without data, else `st-<status>`.
    pub c: String,
    /// Tooltip, only for days with incidents, maintenance or another status than operational.
    pub t: Option<TipView>,
}

/// A component's or group's bar of the last `uptime_days` days.
#[derive(Debug, Clone, Serialize)]
pub struct BarView {
    /// Accessible summary, e.g. "API: 99.95% uptime over the last 90 days".
    pub label: String,
    /// The uptime over the bar window, e.g. "99.95%".
    pub uptime: String,
    /// Left end of the caption, e.g. "90 days ago".
    pub first: String,
    /// What the caption says on a narrow screen, which shows only the last [`NARROW_DAYS`]
    /// days of a longer bar; `None` when the bar is no longer than that.
    pub narrow: Option<NarrowCaption>,
    /// Oldest day first.
    pub days: Vec<DayView>,
    /// Set when the component (or, for a group, a member) has spent more than its error
    /// budget, e.g. "over error budget" or "API over error budget".
    pub over_budget: Option<String>,
}

/// Days a bar shows on a narrow screen (the stylesheet hides the older ones there).
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

/// Uptime over one rolling window.
#[derive(Debug, Clone, Serialize)]
pub struct FigureView {
    /// Window length in days.
    pub days: u32,
    /// e.g. "99.95%".
    pub uptime: String,
    /// e.g. "21.6 min".
    pub downtime: String,
}

/// A component's SLO and error budget.
#[derive(Debug, Clone, Serialize)]
pub struct SloView {
    /// e.g. "99.9%".
    pub target: String,
    /// Rolling window in days.
    pub window_days: u32,
    /// Budget of the window, e.g. "43.2 min".
    pub budget: String,
    /// Downtime spent in the window.
    pub spent: String,
    /// Budget left, or overspent.
    pub remaining: String,
    /// Share of the budget spent, e.g. "28%" (can pass 100%).
    pub spent_share: String,
    /// Whether the SLO is met at the build clock.
    pub met: bool,
}

/// Everything the component page shows about uptime.
#[derive(Debug, Clone, Serialize)]
pub struct DetailView {
    /// The daily bar, unless `showcase = false`.
    pub bar: Option<BarView>,
    /// 30, 90 and 365 days.
    pub figures: Vec<FigureView>,
    /// The SLO, if set.
    pub slo: Option<SloView>,
}

/// One row of the statistics page.
#[derive(Debug, Clone, Serialize)]
pub struct StatsRow {
    /// Name (for groups, marked as such).
    pub name: String,
    /// Link to the component page, if any.
    pub url: Option<String>,
    /// True for group rows.
    pub group: bool,
    /// Uptime over 30, 90 and 365 days.
    pub figures: Vec<FigureView>,
    /// The SLO and whether it is met, e.g. "99.9% · met".
    pub slo: Option<String>,
    /// Number of incidents.
    pub incidents: usize,
    /// Mean time to resolve.
    pub resolve_mean: String,
    /// Median time to resolve.
    pub resolve_median: String,
    /// Mean time to the first public update.
    pub first_update: String,
    /// Share of updates that kept the cadence, e.g. "93% (28 of 30)".
    pub cadence: String,
    /// Share of due next-update promises that were kept, e.g. "75% (3 of 4)".
    pub promises: String,
}

/// The statistics page.
#[derive(Debug, Clone, Serialize)]
pub struct StatsPageView {
    /// The whole page's incidents.
    pub page: StatsRow,
    /// Groups, then components, in catalogue order.
    pub rows: Vec<StatsRow>,
    /// The update cadence in minutes.
    pub cadence_minutes: u32,
    /// Whether the rows carry the communication figures (`first_update`, `cadence`); with
    /// `public_stats = false` they are empty.
    pub communication: bool,
    /// The downtime weights: each status in words (as inside a sentence) and its weight.
    pub weights: Vec<(&'static str, String)>,
}

/// All uptime views of one build.
#[derive(Debug, Clone, Serialize)]
pub struct UptimeViews {
    /// Bars by component or group id (ids are unique across both), of the components with
    /// `showcase` and the groups with any such member.
    pub bars: BTreeMap<String, BarView>,
    /// Component page details, in catalogue order.
    pub components: Vec<DetailView>,
    /// The statistics page.
    pub stats: StatsPageView,
}

impl UptimeViews {
    /// Builds the views from computed uptime; tooltips link to the incidents of `site` and
    /// the maintenance windows `windows` (the state's).
    pub fn build(
        site: &Site,
        uptime: &Uptime,
        windows: &[Maintenance],
        t: &'static Table,
    ) -> UptimeViews {
        let catalog = &site.catalog;
        let posts = Posts { site, windows };
        let bar = |name: &str, r: &Record, over: Option<String>| {
            bar_view(name, r, over, uptime, &posts, t)
        };
        let over = |r: &Record| r.slo.is_some_and(|s| !s.met());
        let mut bars = BTreeMap::new();
        for (c, r) in catalog.components.iter().zip(&uptime.components) {
            if c.display.showcase {
                let text = over(r).then(|| t.get("uptime.over_budget").to_string());
                bars.insert(c.id.clone(), bar(&c.name, r, text));
            }
        }
        for (g, r) in catalog.groups.iter().zip(&uptime.groups) {
            if !Display::of_group(catalog.members(&g.id).map(|c| c.display)).showcase {
                continue;
            }
            let members: Vec<&str> = catalog
                .components
                .iter()
                .zip(&uptime.components)
                .filter(|(c, r)| c.group.as_deref() == Some(g.id.as_str()) && over(r))
                .map(|(c, _)| c.name.as_str())
                .collect();
            let text = (!members.is_empty()).then(|| {
                t.fill(
                    "uptime.members_over_budget",
                    &[("names", &members.join(t.get("site.list_comma")))],
                )
            });
            bars.insert(g.id.clone(), bar(&g.name, r, text));
        }
        let components = catalog
            .components
            .iter()
            .zip(&uptime.components)
            .map(|(c, r)| DetailView {
                bar: bars.get(&c.id).cloned(),
                figures: figures(r, t),
                slo: r.slo.map(|s| SloView {
                    target: target(c.slo.map_or(0.0, |s| s.target), t),
                    window_days: s.window_days,
                    budget: minutes(s.budget_minutes(), t),
                    spent: minutes(s.spent_minutes(), t),
                    remaining: minutes(s.remaining_minutes(), t),
                    spent_share: if s.budget_minutes() > 0.0 {
                        whole_percent((s.spent_minutes() / s.budget_minutes() * 100.0).floor(), t)
                    } else {
                        t.get("number.none").to_string()
                    },
                    met: s.met(),
                }),
            })
            .collect();
        let mut rows: Vec<StatsRow> = catalog
            .groups
            .iter()
            .zip(&uptime.groups)
            .map(|(g, r)| {
                let name = t.fill("stats.group_row", &[("name", &g.name)]);
                stats_row(name, None, true, r, t)
            })
            .collect();
        rows.extend(
            catalog
                .components
                .iter()
                .zip(&uptime.components)
                .map(|(c, r)| StatsRow {
                    slo: c.slo.zip(r.slo).map(|(slo, s)| {
                        let key = if s.met() {
                            "stats.slo_met"
                        } else {
                            "stats.slo_missed"
                        };
                        t.fill(key, &[("target", &target(slo.target, t))])
                    }),
                    ..stats_row(c.name.clone(), Some(urls::component(&c.id)), false, r, t)
                }),
        );
        let mut page = StatsRow {
            figures: Vec::new(),
            ..stats_counts(
                t.get("stats.all_incidents").to_string(),
                None,
                false,
                &uptime.stats,
                t,
            )
        };
        let communication = site.config.public_stats;
        if !communication {
            for row in std::iter::once(&mut page).chain(&mut rows) {
                row.first_update.clear();
                row.cadence.clear();
            }
        }
        let w = uptime.settings.weights;
        let stats = StatsPageView {
            page,
            rows,
            cadence_minutes: uptime.settings.update_cadence_minutes,
            communication,
            weights: [
                ComponentStatus::MajorOutage,
                ComponentStatus::PartialOutage,
                ComponentStatus::DegradedPerformance,
                ComponentStatus::UnderMaintenance,
            ]
            .iter()
            .map(|&s| {
                let share = whole_percent(f64::from(w.per_mille(s) / 10), t);
                (t.of("status_text", s.as_str()), share)
            })
            .collect(),
        };
        UptimeViews {
            bars,
            components,
            stats,
        }
    }
}

/// An SLO's target, e.g. "99.9%".
fn target(percent: f64, t: &Table) -> String {
    t.fill(
        "number.percent",
        &[("value", &t.decimal(&percent.to_string()))],
    )
}

fn figures(r: &Record, t: &Table) -> Vec<FigureView> {
    r.windows.iter().map(|f| figure_view(f, t)).collect()
}

fn figure_view(f: &Figure, t: &Table) -> FigureView {
    FigureView {
        days: f.days,
        uptime: percent(f.uptime_hundredths(), t),
        downtime: minutes(f.downtime_minutes(), t),
    }
}

fn stats_row(name: String, url: Option<String>, group: bool, r: &Record, t: &Table) -> StatsRow {
    StatsRow {
        figures: figures(r, t),
        ..stats_counts(name, url, group, &r.stats, t)
    }
}

fn stats_counts(
    name: String,
    url: Option<String>,
    group: bool,
    s: &IncidentStats,
    t: &Table,
) -> StatsRow {
    StatsRow {
        name,
        url,
        group,
        figures: Vec::new(),
        slo: None,
        incidents: s.count,
        resolve_mean: seconds(s.resolve_mean, t),
        resolve_median: seconds(s.resolve_median, t),
        first_update: seconds(s.first_update_mean, t),
        cadence: cadence(s.cadence_share(), s.cadence_kept, s.cadence_total, t),
        promises: cadence(s.promise_share(), s.promises_kept, s.promises_due(), t),
    }
}

/// The posts that tooltips link to: the incidents of the site and the state's maintenance
/// windows.
struct Posts<'a> {
    site: &'a Site,
    windows: &'a [Maintenance],
}

fn bar_view(
    name: &str,
    r: &Record,
    over_budget: Option<String>,
    uptime: &Uptime,
    views: &Posts<'_>,
    t: &'static Table,
) -> BarView {
    let n = uptime.days.len();
    let up = percent(r.bar_window.uptime_hundredths(), t);
    let no_data = r.bars.iter().filter(|b| !b.data).count();
    let mut label = if no_data == n {
        t.count("uptime.bar_label_no_data", n as u64, &[("name", name)])
    } else {
        t.count(
            "uptime.bar_label",
            n as u64,
            &[("name", name), ("uptime", &up)],
        )
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
        first: if n == 1 {
            t.get("uptime.today").to_string()
        } else {
            t.count("uptime.days_ago", n as u64, &[])
        },
        narrow: (n > NARROW_DAYS).then(|| NarrowCaption {
            first: t.count("uptime.days_ago", NARROW_DAYS as u64, &[]),
            uptime: if no_data == n {
                t.get("number.no_data").to_string()
            } else {
                t.count("uptime.over_days", n as u64, &[("uptime", &up)])
            },
        }),
        days: uptime
            .days
            .iter()
            .zip(&r.bars)
            .map(|(d, b)| day_view(d, b, uptime, views, t))
            .collect(),
        over_budget,
    }
}

fn day_view(
    day: &Day,
    bar: &Bar,
    uptime: &Uptime,
    views: &Posts<'_>,
    t: &'static Table,
) -> DayView {
    if !bar.data {
        return DayView {
            c: "n".to_string(),
            t: None,
        };
    }
    let worst = bar.worst();
    let c = if worst == ComponentStatus::Operational {
        String::new()
    } else {
        format!("st-{}", worst.as_str())
    };
    // A day that is not quiet without a post (a status set by hand) still says what it was.
    if bar.incidents.is_empty() && bar.maintenance.is_empty() && c.is_empty() {
        return DayView { c, t: None };
    }
    let down = bar.tally.downtime(&uptime.settings.weights) as f64 / 60_000.0;
    let link = |title: &str, url: String, translations: &Translations| LinkView {
        title: title.to_string(),
        url,
        lang: title_language(translations),
    };
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
            posts: bar
                .incidents
                .iter()
                .map(|&i| &views.site.incidents[i])
                .map(|inc| link(&inc.title, urls::incident(&inc.id), &inc.translations))
                .chain(
                    bar.maintenance
                        .iter()
                        .map(|&m| &views.windows[m])
                        .map(|w| link(&w.title, urls::window(w), &w.translations)),
                )
                .collect(),
        }),
    }
}
