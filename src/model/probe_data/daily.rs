//! `daily.csv`: one row per UTC day, computed from the samples of that day and kept for good.
//!
//! - `checks`, `failures` (down) and `slow` count the samples of the day.
//! - `p50_ms`, `p95_ms` and `max_ms` are the latencies of its passing samples (ok and slow),
//!   by nearest rank; empty when none passed.
//! - `downtime_minutes`: the time from each `down` sample to the next sample counts as down,
//!   but at most twice the median time between samples, so that runs that did not happen are
//!   not counted as downtime. Time is split at midnight between the days it falls on.

use super::{Sample, Verdict, check_header, row_error};
use crate::diagnostic::Diagnostic;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::BTreeMap;
use std::path::Path;

/// The header line of `daily.csv`.
pub const DAILY_HEADER: &str = "date,checks,failures,slow,p50_ms,p95_ms,max_ms,downtime_minutes";

/// One UTC day of a probe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Daily {
    /// The day, in UTC.
    pub date: NaiveDate,
    /// Samples taken.
    pub checks: u32,
    /// Samples that were down.
    pub failures: u32,
    /// Samples that passed slowly.
    pub slow: u32,
    /// Median latency of the passing samples.
    pub p50_ms: Option<u32>,
    /// 95th percentile latency of the passing samples.
    pub p95_ms: Option<u32>,
    /// Longest latency of the passing samples.
    pub max_ms: Option<u32>,
    /// Minutes counted as down.
    pub downtime_minutes: u32,
}

/// The rows of the days `samples` (sorted by time) cover.
pub fn rollup(samples: &[Sample]) -> Vec<Daily> {
    let mut days: BTreeMap<NaiveDate, (Vec<u32>, Daily)> = BTreeMap::new();
    for s in samples {
        let date = s.time.date_naive();
        let (latencies, d) = days.entry(date).or_insert_with(|| {
            (
                Vec::new(),
                Daily {
                    date,
                    checks: 0,
                    failures: 0,
                    slow: 0,
                    p50_ms: None,
                    p95_ms: None,
                    max_ms: None,
                    downtime_minutes: 0,
                },
            )
        });
        d.checks += 1;
        match s.result {
            Verdict::Down => d.failures += 1,
            Verdict::Slow => {
                d.slow += 1;
                latencies.push(s.latency_ms);
            }
            Verdict::Ok => latencies.push(s.latency_ms),
        }
    }
    let down = downtime_seconds(samples);
    days.into_values()
        .map(|(mut latencies, mut d)| {
            latencies.sort_unstable();
            d.p50_ms = rank(&latencies, 50);
            d.p95_ms = rank(&latencies, 95);
            d.max_ms = latencies.last().copied();
            let secs = down.get(&d.date).copied().unwrap_or(0);
            d.downtime_minutes = u32::try_from((secs + 30) / 60).unwrap_or(u32::MAX);
            d
        })
        .collect()
}

/// The nearest-rank percentile `p` of sorted values.
fn rank(sorted: &[u32], p: usize) -> Option<u32> {
    if sorted.is_empty() {
        return None;
    }
    let n = (p * sorted.len()).div_ceil(100).max(1);
    sorted.get(n - 1).copied()
}

/// Seconds counted as down, per UTC day (see the module's rule).
fn downtime_seconds(samples: &[Sample]) -> BTreeMap<NaiveDate, i64> {
    let mut gaps: Vec<i64> = samples
        .windows(2)
        .map(|w| (w[1].time - w[0].time).num_seconds())
        .collect();
    gaps.sort_unstable();
    let cap = gaps.get(gaps.len() / 2).map_or(0, |median| 2 * median);
    let mut out = BTreeMap::new();
    for w in samples.windows(2) {
        if w[0].result != Verdict::Down {
            continue;
        }
        let end = w[0].time + Duration::seconds((w[1].time - w[0].time).num_seconds().min(cap));
        split_by_day(w[0].time, end, &mut out);
    }
    out
}

fn split_by_day(start: DateTime<Utc>, end: DateTime<Utc>, out: &mut BTreeMap<NaiveDate, i64>) {
    let mut at = start;
    while at < end {
        let date = at.date_naive();
        let midnight = date
            .succ_opt()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map_or(end, |m| m.and_utc());
        let until = end.min(midnight);
        *out.entry(date).or_default() += (until - at).num_seconds();
        at = until;
    }
}

/// The rows of `kept` with those of `fresh` (computed from the samples) in their place, by
/// date. A day whose samples have partly scrolled out of the window (the kept row counts more
/// checks) keeps its row.
pub fn merge(kept: &[Daily], fresh: Vec<Daily>) -> Vec<Daily> {
    let mut by_day: BTreeMap<NaiveDate, Daily> = kept.iter().map(|d| (d.date, d.clone())).collect();
    for d in fresh {
        match by_day.get(&d.date) {
            Some(old) if old.checks > d.checks => {}
            _ => {
                by_day.insert(d.date, d);
            }
        }
    }
    by_day.into_values().collect()
}

fn opt(v: Option<u32>) -> String {
    v.map_or(String::new(), |v| v.to_string())
}

/// The text of `daily.csv`.
pub fn format_daily(rows: &[Daily]) -> String {
    let mut out = String::from(DAILY_HEADER);
    out.push('\n');
    for d in rows {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{}\n",
            d.date.format("%Y-%m-%d"),
            d.checks,
            d.failures,
            d.slow,
            opt(d.p50_ms),
            opt(d.p95_ms),
            opt(d.max_ms),
            d.downtime_minutes
        ));
    }
    out
}

/// Parses `daily.csv`, reporting every malformed row with its line. Rows come back by date.
pub fn parse_daily(path: &Path, text: &str) -> Result<Vec<Daily>, Vec<Diagnostic>> {
    check_header(path, text, DAILY_HEADER).map_err(|d| vec![d])?;
    let mut rows: Vec<Daily> = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        match parse_row(line) {
            Ok(d) if rows.iter().any(|r| r.date == d.date) => errors.push(row_error(
                path,
                i + 1,
                format!("a second row for {}", d.date),
                "each day has one row; restore the file from git, or delete one of them",
            )),
            Ok(d) => rows.push(d),
            Err(why) => errors.push(row_error(
                path,
                i + 1,
                format!("malformed daily row: {why}"),
                "rows read date,checks,failures,slow,p50_ms,p95_ms,max_ms,downtime_minutes, e.g. 2026-11-23,288,1,0,120,340,900,5; restore the file from git, or delete the row",
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    rows.sort_by_key(|d| d.date);
    Ok(rows)
}

fn parse_row(line: &str) -> Result<Daily, String> {
    let fields: Vec<&str> = line.split(',').collect();
    let [date, checks, failures, slow, p50, p95, max, downtime] = fields[..] else {
        return Err(format!("expected 8 fields, found {}", fields.len()));
    };
    let number = |name: &str, s: &str| {
        s.parse::<u32>()
            .map_err(|_| format!("{name} `{s}` is not a whole number"))
    };
    let optional = |name: &str, s: &str| {
        if s.is_empty() {
            Ok(None)
        } else {
            number(name, s).map(Some)
        }
    };
    let row = Daily {
        date: NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .map_err(|_| format!("`{date}` is not a date like 2026-11-23"))?,
        checks: number("checks", checks)?,
        failures: number("failures", failures)?,
        slow: number("slow", slow)?,
        p50_ms: optional("p50_ms", p50)?,
        p95_ms: optional("p95_ms", p95)?,
        max_ms: optional("max_ms", max)?,
        downtime_minutes: number("downtime_minutes", downtime)?,
    };
    if row.failures + row.slow > row.checks {
        return Err("more failures and slow samples than checks".to_string());
    }
    Ok(row)
}
