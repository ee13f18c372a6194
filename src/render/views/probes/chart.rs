//! The response-time charts of a probe, as numbers an SVG template draws: the daily p50 and
//! p95 of the last 30 days beside a panel of the last 24 hours' checks, and the daily p50 and
//! p95 of the last 90 days on their own. Each panel has its own scale in ms, dated ticks along
//! its bottom (UTC days; the 24 hours in the site's time zone, see [`axis`]) and the same data
//! as rows for the visually hidden table that is the chart's text alternative. Coordinates are
//! formatted here with one decimal, so the output never depends on float printing elsewhere.
//!
//! In a language written right to left the x axis is mirrored (`axis::along`): time runs from
//! right to left, as in the uptime bars, each panel's heading and ms axis stand at its right
//! edge, and the 24-hour panel is at the left, where the reading ends.

mod axis;

use crate::derive::probes::{CHART_DAYS, DayLatency, ProbeFigures, WINDOWS};
use crate::i18n::{Direction, Table};
use crate::model::probe_data::Verdict;
use crate::render::views::format::{date_label, short_date, zone_name};
use axis::{LABEL_HALF, along, day_ticks, hour_ticks, nice_ceiling};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;

/// The chart's viewBox width.
pub const WIDTH: u32 = 720;
/// The chart's viewBox height.
pub const HEIGHT: u32 = 206;
/// Baseline of the panel headings.
const HEADING_Y: f64 = 12.0;
/// Top and bottom of the plots.
const TOP: f64 = 30.0;
const BOTTOM: f64 = 180.0;
/// Tick marks below the plots, and the baseline of their labels.
const TICK_LEN: f64 = 4.0;
const LABEL_Y: f64 = 196.0;
/// The daily panel beside the 24-hour panel, the 24-hour panel, and the daily panel alone.
const DAYS_X: (f64, f64) = (56.0, 440.0);
const HOURS_X: (f64, f64) = (520.0, 700.0);
const WIDE_X: (f64, f64) = (56.0, 700.0);
// A tick label centred on a panel's edge stays inside the view.
const _: () = assert!(DAYS_X.0 >= LABEL_HALF && HOURS_X.1 + LABEL_HALF <= WIDTH as f64);
const _: () = assert!(WIDE_X.1 + LABEL_HALF <= WIDTH as f64);
/// Days between the labels of the 30-day and of the 90-day axis.
const WEEK: u32 = 7;
const FORTNIGHT: u32 = 14;
/// Hours between the labels of the 24-hour axis.
const HOURS_STEP: u32 = 6;

/// A tick of a vertical axis.
#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    /// Its height in the viewBox.
    pub y: String,
    /// e.g. "250 ms".
    pub label: String,
}

/// A labelled tick of a horizontal axis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct XTick {
    /// Its position in the viewBox.
    pub x: String,
    /// e.g. "23 Nov" or "18:00".
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

/// One panel of a chart.
#[derive(Debug, Clone, Serialize)]
pub struct Panel {
    /// Start edge, where its heading and ms axis stand: the left edge, or the right one in a
    /// chart drawn right to left.
    pub x0: String,
    /// End edge.
    pub x1: String,
    /// What it shows, above it, e.g. "Last 30 days (UTC)".
    pub heading: String,
    /// The ticks of its ms axis, lowest first.
    pub ticks: Vec<Tick>,
    /// The labelled ticks along its bottom, oldest first.
    pub marks: Vec<XTick>,
    /// The series.
    pub lines: Vec<Line>,
    /// Markers of failed checks: x positions along the top.
    pub down: Vec<String>,
}

/// One day of the text alternative.
#[derive(Debug, Clone, Serialize)]
pub struct DayRow {
    /// e.g. "23 Nov 2026".
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

/// One chart, everything its template reads.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    /// Whether the chart is drawn right to left: its texts then take `direction="rtl"`, and the
    /// labels of the ms axis stand to the right of it.
    pub rtl: bool,
    /// The id of the title element, for `aria-labelledby`; unique on the page.
    pub title_id: String,
    /// The title, e.g. "Response time of api-health".
    pub title: String,
    /// The window in days.
    pub window: u32,
    /// viewBox width.
    pub width: u32,
    /// viewBox height.
    pub height: u32,
    /// Baseline of the panel headings.
    pub heading_y: String,
    /// The band along the top where failed checks are marked.
    pub mark_top: String,
    /// Its lower end.
    pub mark_bottom: String,
    /// Bottom of the plots.
    pub bottom: String,
    /// Lower end of the tick marks below the plots.
    pub tick_end: String,
    /// Baseline of the tick labels.
    pub label_y: String,
    /// The daily panel.
    pub days: Panel,
    /// The 24-hour panel; `None` in the 90-day chart and without samples in the last 24 hours.
    pub hours: Option<Panel>,
    /// The days of the window that have a row, oldest first.
    pub rows: Vec<DayRow>,
    /// The last 24 hours, summed up; only beside the 24-hour panel.
    pub last_day: Option<LastDay>,
}

/// A probe's charts: the last 30 days beside the last 24 hours, shown first, and the last 90
/// days, behind a disclosure.
#[derive(Debug, Clone, Serialize)]
pub struct Charts {
    /// The 30-day chart with the 24-hour panel.
    pub recent: ChartView,
    /// The 90-day chart.
    pub quarter: ChartView,
}

fn coord(v: f64) -> String {
    format!("{v:.1}")
}

fn ms(v: Option<u32>, t: &Table) -> String {
    v.map_or_else(
        || t.get("number.none").to_string(),
        |v| t.fill("number.milliseconds", &[("value", &v.to_string())]),
    )
}

fn y_of(v: u32, top: u32) -> f64 {
    BOTTOM - (BOTTOM - TOP) * f64::from(v.min(top)) / f64::from(top)
}

fn ticks(top: u32, t: &Table) -> Vec<Tick> {
    [0, top / 2, top]
        .into_iter()
        .map(|v| Tick {
            y: coord(y_of(v, top)),
            label: ms(Some(v), t),
        })
        .collect()
}

/// Labelled ticks at `(x, label)`.
fn marks(at: impl Iterator<Item = (f64, String)>) -> Vec<XTick> {
    at.map(|(x, label)| XTick { x: coord(x), label }).collect()
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

/// The charts of `f` at `now`, the 24 hours told in `tz`, in the words of `t`; `None` when no
/// day of the last 90 has a latency.
pub fn build(
    id: &str,
    f: &ProbeFigures,
    now: DateTime<Utc>,
    (tz, t): (Tz, &Table),
) -> Option<Charts> {
    f.days.iter().find_map(|d| d.p95_ms.or(d.p50_ms))?;
    let recent_days = WINDOWS[0];
    let hours = hours_panel(f, now, (tz, t));
    let recent = chart(
        (id, f, now),
        recent_days,
        if hours.is_some() { DAYS_X } else { WIDE_X },
        WEEK,
        t,
    );
    Some(Charts {
        recent: ChartView {
            hours,
            last_day: last_day(f, t),
            ..recent
        },
        quarter: chart((id, f, now), CHART_DAYS, WIDE_X, FORTNIGHT, t),
    })
}

/// The chart of the daily p50 and p95 over the last `window` days, its daily panel spanning
/// `span`, labelled every `step` days back from today.
fn chart(
    (id, f, now): (&str, &ProbeFigures, DateTime<Utc>),
    window: u32,
    span: (f64, f64),
    step: u32,
    t: &Table,
) -> ChartView {
    let today = now.date_naive();
    let first = today - Duration::days(i64::from(window) - 1);
    let in_window: Vec<&DayLatency> = f
        .days
        .iter()
        .filter(|d| d.date >= first && d.date <= today)
        .collect();
    let top = nice_ceiling(
        in_window
            .iter()
            .filter_map(|d| d.p95_ms.or(d.p50_ms))
            .max()
            .unwrap_or(0),
    );
    let per_day = (span.1 - span.0) / f64::from(window.max(2) - 1);
    let x_of_day = |d: NaiveDate| along(span.0 + per_day * (d - first).num_days() as f64, t);
    // Each day of the window, present or not, so gaps break the lines.
    let all_days: Vec<(NaiveDate, Option<&DayLatency>)> = (0..i64::from(window))
        .map(|i| first + Duration::days(i))
        .map(|d| (d, in_window.iter().copied().find(|r| r.date == d)))
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
        x0: coord(along(span.0, t)),
        x1: coord(along(span.1, t)),
        heading: t.count("chart.days_heading", u64::from(window), &[]),
        ticks: ticks(top, t),
        marks: marks(
            day_ticks(first, window, step)
                .into_iter()
                .map(|d| (x_of_day(d), short_date(d, t))),
        ),
        lines: vec![line("p95", |r| r.p95_ms), line("p50", |r| r.p50_ms)],
        down: in_window
            .iter()
            .filter(|d| d.failures > 0)
            .map(|d| coord(x_of_day(d.date)))
            .collect(),
    };
    ChartView {
        rtl: t.direction() == Direction::Rtl,
        title_id: format!("chart-{id}-{window}d"),
        title: t.fill("chart.title", &[("id", id)]),
        window,
        width: WIDTH,
        height: HEIGHT,
        heading_y: coord(HEADING_Y),
        mark_top: coord(TOP - 4.0),
        mark_bottom: coord(TOP + 4.0),
        bottom: coord(BOTTOM),
        tick_end: coord(BOTTOM + TICK_LEN),
        label_y: coord(LABEL_Y),
        days,
        hours: None,
        rows: in_window
            .iter()
            .map(|d| DayRow {
                date: date_label(d.date, t),
                p50: ms(d.p50_ms, t),
                p95: ms(d.p95_ms, t),
                failures: d.failures,
            })
            .collect(),
        last_day: None,
    }
}

fn last_day(f: &ProbeFigures, t: &Table) -> Option<LastDay> {
    (!f.last_day.is_empty()).then(|| {
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
            min: ms(passing.first().copied(), t),
            median: ms(passing.get(passing.len().saturating_sub(1) / 2).copied(), t),
            max: ms(passing.last().copied(), t),
        }
    })
}

fn hours_panel(f: &ProbeFigures, now: DateTime<Utc>, (tz, t): (Tz, &Table)) -> Option<Panel> {
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
    let x_of = |at: DateTime<Utc>| {
        let share = (at - start).num_seconds() as f64 / 86_400.0;
        along(
            HOURS_X.0 + (HOURS_X.1 - HOURS_X.0) * share.clamp(0.0, 1.0),
            t,
        )
    };
    Some(Panel {
        x0: coord(along(HOURS_X.0, t)),
        x1: coord(along(HOURS_X.1, t)),
        heading: t.fill(
            "chart.hours_heading",
            &[("zone", t.zone(&zone_name(now, tz)))],
        ),
        ticks: ticks(top, t),
        marks: marks(
            hour_ticks(now, tz, HOURS_STEP)
                .into_iter()
                .map(|(t, label)| (x_of(t), label)),
        ),
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
    })
}

#[cfg(test)]
mod tests;
