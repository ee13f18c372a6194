//! Uptime, SLOs and incident statistics, computed from the incident history at build time.
//!
//! The model: for each component, every second is classified by the worst status that any
//! incident or maintenance window gives it at that second ([`downtime::sweep`]). Weights from
//! `[downtime_weights]` say how much of each status counts as downtime (major outage fully,
//! partial outage 30 %, degraded performance and maintenance not at all, by default). An incident
//! that overlaps a maintenance window still counts: the worse status wins, and an outage is
//! worse than maintenance. A group's status at each second is its worst member's. A status set
//! by hand in `components.toml` counts from the start of today's bar up to the build clock.
//!
//! Pure: takes the site, which posts touch which components, and the build clock; reads and
//! writes nothing. Computed once per build by [`State::derive`](crate::derive::State::derive).

pub mod daily;
pub mod downtime;
pub mod slo;
pub mod stats;

use crate::model::Site;
use crate::model::config::{UptimeSettings, Weights};
use crate::model::{ComponentStatus, MaintenanceStatus};
use chrono::{DateTime, Utc};
use daily::{Bar, Day, Span};
use downtime::{Interval, Tally, sweep, tally};
use rayon::prelude::*;
use slo::SloReport;
use stats::{Facts, IncidentStats};

/// The rolling windows, in days, that uptime figures are given for.
pub const WINDOWS: [u32; 3] = [30, 90, 365];

const DAY: i64 = 86_400;

/// Downtime over a rolling window ending at the build clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    /// The window length in days.
    pub days: u32,
    /// Seconds of the window with data (shorter when the component is newer than the window).
    pub observed: i64,
    /// Seconds spent in each status.
    pub tally: Tally,
    /// Weighted downtime in thousandths of a second.
    pub downtime: i64,
}

impl Figure {
    /// Uptime in hundredths of a percent, rounded down (9995 is 99.95 %), so any downtime
    /// shows as less than 100 %. `None` without data.
    pub fn uptime_hundredths(&self) -> Option<u32> {
        if self.observed <= 0 {
            return None;
        }
        let total = i128::from(self.observed) * 1000;
        let up = (total - i128::from(self.downtime)).max(0);
        Some((up * 10_000 / total) as u32)
    }

    /// Weighted downtime in minutes.
    pub fn downtime_minutes(&self) -> f64 {
        self.downtime as f64 / 60_000.0
    }
}

/// Everything computed for one component or group.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// First second with data (local midnight of `since`), if the component is recent.
    pub since: Option<i64>,
    /// One bar per day of [`Uptime::days`].
    pub bars: Vec<Bar>,
    /// One figure per entry of [`WINDOWS`].
    pub windows: Vec<Figure>,
    /// The figure over the bar window (`uptime_days`), shown beside the bars.
    pub bar_window: Figure,
    /// Standing against the SLO, for components that have one.
    pub slo: Option<SloReport>,
    /// Statistics of its incidents.
    pub stats: IncidentStats,
}

/// Uptime and incident statistics of a whole site at one instant.
#[derive(Debug, Clone, PartialEq)]
pub struct Uptime {
    /// The settings used.
    pub settings: UptimeSettings,
    /// The build clock, in Unix seconds.
    pub now: i64,
    /// The days of the bars, oldest first, ending today in the site time zone.
    pub days: Vec<Day>,
    /// Per component, in catalogue order.
    pub components: Vec<Record>,
    /// Per group, in catalogue order.
    pub groups: Vec<Record>,
    /// Statistics of every incident of the page.
    pub stats: IncidentStats,
}

/// The raw material of one record before it is cut into days and windows.
#[derive(Default)]
struct Source {
    since: Option<i64>,
    intervals: Vec<Interval>,
    incidents: Vec<Span>,
    maintenance: Vec<Span>,
    slo: Option<crate::model::components::Slo>,
}

/// Which posts touch which components: the part of the derived state uptime is computed from.
#[derive(Debug, Clone, Copy)]
pub struct Coverage<'a> {
    /// All incidents, newest first.
    pub incidents: &'a [usize],
    /// Per incident: the components it affects with the status it gives them.
    pub effects: &'a [Vec<(usize, ComponentStatus)>],
    /// The maintenance windows ([`crate::derive::State::windows`]).
    pub windows: &'a [crate::model::Maintenance],
    /// All maintenance windows, newest start first.
    pub maintenance: &'a [usize],
    /// Per maintenance window: the components it covers.
    pub maintenance_effects: &'a [Vec<usize>],
}

impl Uptime {
    /// Computes uptime, SLOs and statistics of `site` as of `now`.
    pub fn compute(site: &Site, coverage: Coverage<'_>, now: DateTime<Utc>) -> Uptime {
        let settings = site.config.uptime;
        let tz = site.config.time_zone;
        let t = now.timestamp();
        let catalog = &site.catalog;
        let days = daily::days(now.with_timezone(&tz).date_naive(), settings.days, tz);

        let today_start = days.last().map_or(t, |d| d.start);
        let mut components: Vec<Source> = catalog
            .components
            .iter()
            .map(|c| {
                let since = c.since.map(|d| daily::day_start(d, tz).timestamp());
                Source {
                    intervals: manual_status(
                        c.status,
                        today_start.max(since.unwrap_or(i64::MIN)),
                        t,
                    ),
                    since,
                    slo: c.slo,
                    ..Source::default()
                }
            })
            .collect();
        // Newest first, so that every day lists its posts newest first.
        for &i in coverage.incidents {
            let Some((start, end)) = incident_span(&site.incidents[i], now) else {
                continue;
            };
            for &(c, status) in &coverage.effects[i] {
                components[c].incidents.push((start, end, i));
                if status != ComponentStatus::Operational && end > start {
                    components[c]
                        .intervals
                        .push(Interval { start, end, status });
                }
            }
        }
        for &m in coverage.maintenance {
            let Some((start, end)) = window_span(&coverage.windows[m], now) else {
                continue;
            };
            for &c in &coverage.maintenance_effects[m] {
                components[c].maintenance.push((start, end, m));
                if end > start {
                    components[c].intervals.push(Interval {
                        start,
                        end,
                        status: ComponentStatus::UnderMaintenance,
                    });
                }
            }
        }
        let groups: Vec<Source> = catalog
            .groups
            .iter()
            .map(|g| {
                group_source(
                    &components,
                    catalog
                        .components
                        .iter()
                        .map(|c| c.group.as_deref() == Some(g.id.as_str())),
                )
            })
            .collect();

        let cadence = i64::from(settings.update_cadence_minutes) * 60;
        let facts: Vec<Facts> = site
            .incidents
            .par_iter()
            .map(|inc| Facts::of(inc, now, cadence))
            .collect();
        let record = |s: &Source| record(s, &days, t, &settings.weights, settings.days, &facts);
        let page_incidents = coverage
            .incidents
            .iter()
            .copied()
            .filter(|&i| site.incidents[i].started <= now);
        Uptime {
            settings,
            now: t,
            stats: IncidentStats::of(&facts, page_incidents),
            components: components.par_iter().map(record).collect(),
            groups: groups.par_iter().map(record).collect(),
            days,
        }
    }
}

/// The span of an incident that has started by `now`, in Unix seconds: from its start to its
/// resolution, or to `now` while it is open. The bars attach it to every day it touches, and the
/// history lists it on each of those days.
pub fn incident_span(inc: &crate::model::Incident, now: DateTime<Utc>) -> Option<(i64, i64)> {
    (inc.started <= now).then(|| {
        (
            inc.started.timestamp(),
            inc.end_or(now).min(now).timestamp(),
        )
    })
}

/// The span of a maintenance window that has begun by `now`, in Unix seconds: from its start to
/// its completion, or to `now` while it lasts.
pub fn window_span(w: &crate::model::Maintenance, now: DateTime<Utc>) -> Option<(i64, i64)> {
    (w.start <= now && w.status_at(now) != MaintenanceStatus::Scheduled).then(|| {
        (
            w.start.timestamp(),
            w.completed_at(now).unwrap_or(now).min(now).timestamp(),
        )
    })
}

/// The interval a status set by hand in `components.toml` covers: the catalogue does not say
/// when it was set, so it counts from `from` (the start of today's bar, or `since` if later) up
/// to the build clock. Operational covers nothing.
fn manual_status(status: ComponentStatus, from: i64, now: i64) -> Vec<Interval> {
    if status == ComponentStatus::Operational || from >= now {
        return Vec::new();
    }
    vec![Interval {
        start: from,
        end: now,
        status,
    }]
}

/// A group's source: its members' intervals together (the sweep keeps the worst), and the
/// posts of any member, each once. It has data from its earliest member's `since`.
fn group_source(components: &[Source], member: impl Iterator<Item = bool>) -> Source {
    let members: Vec<&Source> = components
        .iter()
        .zip(member)
        .filter(|(_, m)| *m)
        .map(|(s, _)| s)
        .collect();
    let since = if members.is_empty() || members.iter().any(|m| m.since.is_none()) {
        None
    } else {
        members.iter().filter_map(|m| m.since).min()
    };
    let merge = |pick: fn(&Source) -> &Vec<Span>| {
        let mut all: Vec<Span> = members
            .iter()
            .flat_map(|m| pick(m).iter().copied())
            .collect();
        // Newest first, by start then index, as for a single component.
        all.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
        all.dedup_by_key(|s| s.2);
        all
    };
    Source {
        since,
        intervals: members
            .iter()
            .flat_map(|m| m.intervals.iter().copied())
            .collect(),
        incidents: merge(|m| &m.incidents),
        maintenance: merge(|m| &m.maintenance),
        slo: None,
    }
}

fn record(
    src: &Source,
    days: &[Day],
    now: i64,
    weights: &Weights,
    bar_days: u32,
    facts: &[Facts],
) -> Record {
    let segments = sweep(&src.intervals);
    let figure = |n: u32| {
        let from = (now - i64::from(n) * DAY).max(src.since.unwrap_or(i64::MIN));
        let t = if from < now {
            tally(&segments, from, now)
        } else {
            Tally::default()
        };
        Figure {
            days: n,
            observed: (now - from).max(0),
            tally: t,
            downtime: t.downtime(weights),
        }
    };
    Record {
        since: src.since,
        bars: daily::bars(
            days,
            now,
            src.since,
            &segments,
            &src.incidents,
            &src.maintenance,
        ),
        windows: WINDOWS.iter().map(|&n| figure(n)).collect(),
        bar_window: figure(bar_days),
        slo: src.slo.map(|s| SloReport::new(&s, &figure(s.window_days))),
        stats: IncidentStats::of(facts, src.incidents.iter().map(|s| s.2)),
    }
}

#[cfg(test)]
mod tests;
