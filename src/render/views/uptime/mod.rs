//! Views of uptime for templates: daily bars (`bar`), the words their captions share (`caption`)
//! and their images (`image`), figures, SLOs and the statistics page.

mod bar;
mod caption;
pub mod image;

pub use bar::{BarView, DayBarView};
pub use caption::{CaptionLabels, captions};

use super::format::{cadence, minutes, percent, seconds, whole_percent};
use crate::derive::uptime::stats::IncidentStats;
use crate::derive::uptime::{Figure, Record, Uptime};
use crate::i18n::Table;
use crate::model::Site;
use crate::model::components::Display;
use crate::model::urls;
use crate::model::{ComponentStatus, Group};
use bar::{Owner, bar_view, day_views};
use image::{BarImage, bar_image};
use serde::Serialize;
use std::collections::BTreeMap;

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
    pub bar: Option<DayBarView>,
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
    /// Builds the views from computed uptime; `shared` leads from the language's folder to the
    /// site root, where the bar images are.
    pub fn build(site: &Site, uptime: &Uptime, shared: &str, t: &'static Table) -> UptimeViews {
        let catalog = &site.catalog;
        let days = uptime.days.len();
        let over = |r: &Record| r.slo.is_some_and(|s| !s.met());
        let mut bars = BTreeMap::new();
        for (c, r) in catalog.components.iter().zip(&uptime.components) {
            if c.display.showcase {
                let text = over(r).then(|| t.get("uptime.over_budget").to_string());
                let owner = Owner {
                    name: &c.name,
                    image: urls::component_bar_image(&c.id),
                    link: Some(urls::component_uptime(&c.id)),
                };
                bars.insert(c.id.clone(), bar_view(&owner, r, text, days, shared, t));
            }
        }
        for (g, r) in catalog.groups.iter().zip(&uptime.groups) {
            if !group_has_bar(site, g) {
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
            let owner = Owner {
                name: &g.name,
                image: urls::group_bar_image(&g.id),
                link: None,
            };
            bars.insert(g.id.clone(), bar_view(&owner, r, text, days, shared, t));
        }
        let components = catalog
            .components
            .iter()
            .zip(&uptime.components)
            .map(|(c, r)| DetailView {
                bar: bars.get(&c.id).map(|bar| DayBarView {
                    bar: bar.clone(),
                    days: day_views(r, uptime, t),
                }),
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

/// Whether group `g` has a bar: while any member has one.
fn group_has_bar(site: &Site, g: &Group) -> bool {
    Display::of_group(site.catalog.members(&g.id).map(|c| c.display)).showcase
}

/// The image of every bar the site shows (each component with `showcase`, each group with such
/// a member), with its path relative to the site root; catalogue order, components first.
pub fn bar_images(site: &Site, uptime: &Uptime) -> Vec<(String, BarImage)> {
    let catalog = &site.catalog;
    let components = (catalog.components.iter().zip(&uptime.components))
        .filter(|(c, _)| c.display.showcase)
        .map(|(c, r)| (urls::component_bar_image(&c.id), bar_image(r)));
    let groups = (catalog.groups.iter().zip(&uptime.groups))
        .filter(|(g, _)| group_has_bar(site, g))
        .map(|(g, r)| (urls::group_bar_image(&g.id), bar_image(r)));
    components.chain(groups).collect()
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
