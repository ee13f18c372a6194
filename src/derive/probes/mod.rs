//! What the probes measured, at the build clock: per probe, the success rate and measured
//! uptime over rolling windows (from the daily rollups), the daily p50/p95 latencies for the
//! chart, the samples of the last 24 hours, and what a `statuspage` probe last read of its
//! provider.
//!
//! Pure: reads `site.probes` and `site.probe_data` and the build clock, nothing else. Days are
//! UTC days, as in `daily.csv`; a window of `n` days is today and the `n − 1` days before it,
//! and only days with a row count. A window without rows has no figure.

use crate::model::Site;
use crate::model::probe_data::{Daily, ProbeData, Sample, UpstreamRead};
use crate::model::probes::ProbeKind;
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// The rolling windows, in days, measured figures are given for.
pub const WINDOWS: [u32; 2] = [30, 90];

/// The longest window, which the chart covers.
pub const CHART_DAYS: u32 = 90;

/// Checks and downtime over one rolling window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measured {
    /// The window length in days.
    pub days: u32,
    /// Checks run in the window.
    pub checks: u64,
    /// Checks that were down.
    pub failures: u64,
    /// Minutes counted as down.
    pub downtime_minutes: u64,
    /// Minutes of the days with data (today up to the build clock).
    pub covered_minutes: u64,
}

impl Measured {
    /// Share of checks not down, in hundredths of a percent, rounded down. `None` without checks.
    pub fn success_hundredths(&self) -> Option<u32> {
        (self.checks > 0).then(|| {
            let ok = self.checks.saturating_sub(self.failures);
            (u128::from(ok) * 10_000 / u128::from(self.checks)) as u32
        })
    }

    /// 1 − downtime / minutes covered, in hundredths of a percent, rounded down. `None`
    /// without coverage.
    pub fn uptime_hundredths(&self) -> Option<u32> {
        (self.covered_minutes > 0).then(|| {
            let up = self.covered_minutes.saturating_sub(self.downtime_minutes);
            (u128::from(up) * 10_000 / u128::from(self.covered_minutes)) as u32
        })
    }
}

/// One day of the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayLatency {
    /// The UTC day.
    pub date: NaiveDate,
    /// Median latency of its passing checks.
    pub p50_ms: Option<u32>,
    /// 95th percentile latency of its passing checks.
    pub p95_ms: Option<u32>,
    /// Checks that were down.
    pub failures: u32,
}

/// Everything measured for one probe.
#[derive(Debug, Clone, PartialEq)]
pub struct ProbeFigures {
    /// Index into `site.probes.probes`.
    pub probe: usize,
    /// Index of its component in the catalogue.
    pub component: usize,
    /// One figure per entry of [`WINDOWS`].
    pub windows: Vec<Measured>,
    /// The days of the last [`CHART_DAYS`] days that have a row, oldest first.
    pub days: Vec<DayLatency>,
    /// The samples of the 24 hours before the build clock, oldest first.
    pub last_day: Vec<Sample>,
    /// The newest sample at or before the build clock.
    pub latest: Option<Sample>,
    /// What the last run of a `statuspage` probe read of the provider, when it ran at or before
    /// the build clock.
    pub upstream: Option<UpstreamRead>,
}

/// What every probe measured, at one instant.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProbeState {
    /// The build clock.
    pub now: DateTime<Utc>,
    /// Per probe with a known component, in `probes.toml` order.
    pub probes: Vec<ProbeFigures>,
}

impl ProbeState {
    /// Computes the figures of every probe of `site` at `now`.
    pub fn compute(site: &Site, now: DateTime<Utc>) -> ProbeState {
        let index = site.catalog.index();
        let empty = Default::default();
        let probes = site
            .probes
            .probes
            .iter()
            .enumerate()
            .filter_map(|(p, probe)| {
                let &component = index.get(probe.component.as_str())?;
                let data = site.probe_data.get(&probe.id).unwrap_or(&empty);
                Some(figures(p, component, data, now))
            })
            .collect();
        ProbeState { now, probes }
    }

    /// The figures of the probes of component `c`, in `probes.toml` order.
    pub fn of_component(&self, c: usize) -> impl Iterator<Item = &ProbeFigures> {
        self.probes.iter().filter(move |f| f.component == c)
    }

    /// Whether component `c` has a probe.
    pub fn has_probes(&self, c: usize) -> bool {
        self.of_component(c).next().is_some()
    }
}

/// Whether probe kind `kind` mirrors an upstream provider.
pub fn is_upstream(kind: ProbeKind) -> bool {
    kind == ProbeKind::Statuspage
}

/// The first day of a window of `days` days ending today.
fn window_start(now: DateTime<Utc>, days: u32) -> NaiveDate {
    now.date_naive() - Duration::days(i64::from(days) - 1)
}

/// Minutes of `date` up to `now`: a whole day before today, the elapsed part of today.
fn day_minutes(date: NaiveDate, now: DateTime<Utc>) -> u64 {
    let today = now.date_naive();
    if date < today {
        1440
    } else if date == today {
        let midnight = today.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
        midnight.map_or(0, |m| ((now - m).num_minutes()).max(0) as u64)
    } else {
        0
    }
}

/// The figure over the rows of `daily` that fall in the window of `days` days ending at `now`.
pub fn measured(daily: &[Daily], days: u32, now: DateTime<Utc>) -> Measured {
    let start = window_start(now, days);
    let today = now.date_naive();
    let mut m = Measured {
        days,
        checks: 0,
        failures: 0,
        downtime_minutes: 0,
        covered_minutes: 0,
    };
    for d in daily.iter().filter(|d| d.date >= start && d.date <= today) {
        let covered = day_minutes(d.date, now);
        m.checks += u64::from(d.checks);
        m.failures += u64::from(d.failures);
        m.downtime_minutes += u64::from(d.downtime_minutes).min(covered);
        m.covered_minutes += covered;
    }
    m
}

/// The downtime an SLO with `slo_source = "probes"` spends: over the window of `days` days
/// ending at `now`, per UTC day the worst of the component's probes (`statuspage` probes, which
/// measure a provider, left out). Returns (minutes covered, minutes down); a day counts as
/// covered when any of them has a row for it.
pub fn worst_downtime(site: &Site, component: &str, days: u32, now: DateTime<Utc>) -> (u64, u64) {
    let start = window_start(now, days);
    let today = now.date_naive();
    let mut worst: std::collections::BTreeMap<NaiveDate, u32> = Default::default();
    let empty = Default::default();
    for probe in site
        .probes
        .probes
        .iter()
        .filter(|p| p.component == component && !is_upstream(p.kind))
    {
        let data = site.probe_data.get(&probe.id).unwrap_or(&empty);
        for d in data
            .daily
            .iter()
            .filter(|d| d.date >= start && d.date <= today)
        {
            let w = worst.entry(d.date).or_insert(0);
            *w = (*w).max(d.downtime_minutes);
        }
    }
    worst
        .into_iter()
        .fold((0, 0), |(covered, down), (date, minutes)| {
            let day = day_minutes(date, now);
            (covered + day, down + u64::from(minutes).min(day))
        })
}

fn figures(probe: usize, component: usize, data: &ProbeData, now: DateTime<Utc>) -> ProbeFigures {
    let (daily, samples) = (&data.daily, &data.samples);
    let start = window_start(now, CHART_DAYS);
    let today = now.date_naive();
    let day_ago = now - Duration::hours(24);
    ProbeFigures {
        probe,
        component,
        windows: WINDOWS.iter().map(|&w| measured(daily, w, now)).collect(),
        days: daily
            .iter()
            .filter(|d| d.date >= start && d.date <= today)
            .map(|d| DayLatency {
                date: d.date,
                p50_ms: d.p50_ms,
                p95_ms: d.p95_ms,
                failures: d.failures,
            })
            .collect(),
        last_day: samples
            .iter()
            .filter(|s| s.time > day_ago && s.time <= now)
            .cloned()
            .collect(),
        latest: samples.iter().rev().find(|s| s.time <= now).cloned(),
        upstream: (data.upstream.clone()).filter(|u| u.checked_at <= now),
    }
}

#[cfg(test)]
mod tests;
