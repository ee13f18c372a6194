//! The response-time chart of a probe, as numbers an SVG template draws: the daily p50 and
//! p95 over the last 90 days beside a panel of the last 24 hours' samples, each with its own
//! scale in ms, and the same data as rows for the visually hidden table that is the chart's
//! text alternative. Coordinates are formatted here with one decimal, so the output never
//! depends on float printing elsewhere.

use crate::derive::probes::{CHART_DAYS, DayLatency, ProbeFigures};
use crate::model::probe_data::Verdict;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::Serialize;

/// The chart's viewBox width.
pub const WIDTH: u32 = 720;
/// The chart's viewBox height.
pub const HEIGHT: u32 = 200;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 172.0;
const DAYS_X: (f64, f64) = (56.0, 480.0);
const HOURS_X: (f64, f64) = (560.0, 712.0);

/// A tick of a vertical axis.
#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    /// Its height in the viewBox.
    pub y: String,
    /// e.g. "250 ms".
    pub label: String,
}

/// One series: polylines, split where data is missing.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    /// CSS class: `p95`, `p50` or `lat`.
    pub class: &'static str,
    /// `points` of each polyline.
    pub segments: Vec<String>,
}

/// One panel of the chart.
#[derive(Debug, Clone, Serialize)]
pub struct Panel {
    /// Left edge.
    pub x0: String,
    /// Right edge.
    pub x1: String,
    /// The ticks of its ms axis, lowest first.
    pub ticks: Vec<Tick>,
    /// The series.
    pub lines: Vec<Line>,
    /// Markers of failed checks: x positions along the top.
    pub down: Vec<String>,
    /// Left caption, e.g. "90 days ago".
    pub first: &'static str,
    /// Right caption, e.g. "today".
    pub last: &'static str,
}

/// One day of the text alternative.
#[derive(Debug, Clone, Serialize)]
pub struct DayRow {
    /// e.g. "Nov 23, 2026".
    pub date: String,
    /// e.g. "120 ms", "–" when no check passed.
    pub p50: String,
    /// e.g. "480 ms".
    pub p95: String,
    /// Failed checks of the day.
    pub failures: u32,
}

/// The last 24 hours in the text alternative.
#[derive(Debug, Clone, Serialize)]
pub struct LastDay {
    /// Checks run.
    pub checks: usize,
    /// Checks down.
    pub down: usize,
    /// Fastest passing check.
    pub min: String,
    /// Median of the passing checks.
    pub median: String,
    /// Slowest passing check.
    pub max: String,
}

/// Everything the chart template reads.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    /// The id of the title element, for `aria-labelledby`.
    pub title_id: String,
    /// The title, e.g. "Response time of api-health".
    pub title: String,
    /// viewBox width.
    pub width: u32,
    /// viewBox height.
    pub height: u32,
    /// Bottom of the plots, where the captions sit below.
    pub bottom: String,
    /// The daily panel.
    pub days: Panel,
    /// The 24-hour panel; `None` without samples in the last 24 hours.
    pub hours: Option<Panel>,
    /// The days of the window that have a row, oldest first.
    pub rows: Vec<DayRow>,
    /// The last 24 hours, summed up.
    pub last_day: Option<LastDay>,
}

fn coord(v: f64) -> String {
    format!("{v:.1}")
}

fn ms(v: Option<u32>) -> String {
    v.map_or_else(|| "–".to_string(), |v| format!("{v} ms"))
}

/// The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `v` (at least 10 ms).
pub(super) fn nice_ceiling(v: u32) -> u32 {
    let mut decade = 1u32;
    loop {
        for m in [10u32, 20, 25, 50] {
            let c = decade.saturating_mul(m);
            if c >= v || c == u32::MAX {
                return c;
            }
        }
        decade = decade.saturating_mul(10);
    }
}

fn y_of(v: u32, top: u32) -> f64 {
    BOTTOM - (BOTTOM - TOP) * f64::from(v.min(top)) / f64::from(top)
}

fn ticks(top: u32) -> Vec<Tick> {
    [0, top / 2, top]
        .into_iter()
        .map(|v| Tick {
            y: coord(y_of(v, top)),
            label: format!("{v} ms"),
        })
        .collect()
}

/// Polylines through `points` (x, value), broken where a value is missing.
pub(super) fn segments(points: impl Iterator<Item = (f64, Option<u32>)>, top: u32) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for (x, v) in points {
        match v {
            Some(v) => current.push(format!("{},{}", coord(x), coord(y_of(v, top)))),
            None if !current.is_empty() => out.push(std::mem::take(&mut current).join(" ")),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

fn day_label(d: NaiveDate) -> String {
    format!("{} {}, {}", d.format("%b"), d.day(), d.year())
}

/// The chart of `f`; `None` when no day in the window has a latency.
pub fn build(id: &str, f: &ProbeFigures, now: DateTime<Utc>) -> Option<ChartView> {
    let top_day = f.days.iter().filter_map(|d| d.p95_ms.or(d.p50_ms)).max()?;
    let top = nice_ceiling(top_day);
    let first = now.date_naive() - Duration::days(i64::from(CHART_DAYS) - 1);
    let span = f64::from(CHART_DAYS - 1);
    let x_of_day = |d: NaiveDate| {
        let i = (d - first).num_days() as f64;
        DAYS_X.0 + (DAYS_X.1 - DAYS_X.0) * i / span
    };
    // Each day of the window, present or not, so gaps break the lines.
    let all_days: Vec<(NaiveDate, Option<&DayLatency>)> = (0..i64::from(CHART_DAYS))
        .map(|i| first + Duration::days(i))
        .map(|d| (d, f.days.iter().find(|r| r.date == d)))
        .collect();
    let line = |class, pick: fn(&DayLatency) -> Option<u32>| Line {
        class,
        segments: segments(
            all_days
                .iter()
                .map(|&(d, r)| (x_of_day(d), r.and_then(pick))),
            top,
        ),
    };
    let days = Panel {
        x0: coord(DAYS_X.0),
        x1: coord(DAYS_X.1),
        ticks: ticks(top),
        lines: vec![line("p95", |r| r.p95_ms), line("p50", |r| r.p50_ms)],
        down: f
            .days
            .iter()
            .filter(|d| d.failures > 0)
            .map(|d| coord(x_of_day(d.date)))
            .collect(),
        first: "90 days ago",
        last: "today",
    };
    let hours = hours_panel(f, now);
    let last_day = (!f.last_day.is_empty()).then(|| {
        let mut passing: Vec<u32> = f
            .last_day
            .iter()
            .filter(|s| s.result != Verdict::Down)
            .map(|s| s.latency_ms)
            .collect();
        passing.sort_unstable();
        LastDay {
            checks: f.last_day.len(),
            down: f.last_day.len() - passing.len(),
            min: ms(passing.first().copied()),
            median: ms(passing.get(passing.len().saturating_sub(1) / 2).copied()),
            max: ms(passing.last().copied()),
        }
    });
    Some(ChartView {
        title_id: format!("chart-{id}"),
        title: format!("Response time of {id}"),
        width: WIDTH,
        height: HEIGHT,
        bottom: coord(BOTTOM),
        days,
        hours,
        rows: f
            .days
            .iter()
            .map(|d| DayRow {
                date: day_label(d.date),
                p50: ms(d.p50_ms),
                p95: ms(d.p95_ms),
                failures: d.failures,
            })
            .collect(),
        last_day,
    })
}

fn hours_panel(f: &ProbeFigures, now: DateTime<Utc>) -> Option<Panel> {
    f.last_day.last()?;
    let start = now - Duration::hours(24);
    let top = nice_ceiling(
        f.last_day
            .iter()
            .filter(|s| s.result != Verdict::Down)
            .map(|s| s.latency_ms)
            .max()
            .unwrap_or(0)
            .max(1),
    );
    let x_of = |t: DateTime<Utc>| {
        let share = (t - start).num_seconds() as f64 / 86_400.0;
        HOURS_X.0 + (HOURS_X.1 - HOURS_X.0) * share.clamp(0.0, 1.0)
    };
    Some(Panel {
        x0: coord(HOURS_X.0),
        x1: coord(HOURS_X.1),
        ticks: ticks(top),
        lines: vec![Line {
            class: "lat",
            segments: segments(
                f.last_day.iter().map(|s| {
                    let v = (s.result != Verdict::Down).then_some(s.latency_ms);
                    (x_of(s.time), v)
                }),
                top,
            ),
        }],
        down: f
            .last_day
            .iter()
            .filter(|s| s.result == Verdict::Down)
            .map(|s| coord(x_of(s.time)))
            .collect(),
        first: "24 h ago",
        last: "now",
    })
}
