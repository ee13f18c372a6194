//! Days in the site time zone and the daily bars cut from the segments.
//!
//! A day runs from one local midnight to the next, so daylight-saving days last 23 or 25 hours.

use super::downtime::{Interval, Tally, tally};
use crate::model::ComponentStatus;
use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// One local calendar day as a span of Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    /// The local date.
    pub date: NaiveDate,
    /// Its first second (local midnight).
    pub start: i64,
    /// The next day's first second.
    pub end: i64,
}

/// The first instant of a local date: midnight, or the first time that exists when the clocks
/// skip midnight; in an overlap the earlier instant.
pub fn day_start(date: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let midnight = date.and_time(NaiveTime::MIN);
    // Gaps last at most a few hours; step through them a quarter of an hour at a time.
    for step in 0..(24 * 4) {
        let local = midnight + Duration::minutes(15 * step);
        match tz.from_local_datetime(&local) {
            LocalResult::Single(t) => return t.with_timezone(&Utc),
            LocalResult::Ambiguous(earlier, _) => return earlier.with_timezone(&Utc),
            LocalResult::None => {}
        }
    }
    Utc.from_utc_datetime(&midnight)
}

/// The `count` days ending with `today`, oldest first.
pub fn days(today: NaiveDate, count: u32, tz: Tz) -> Vec<Day> {
    let first = today - Duration::days(i64::from(count.max(1)) - 1);
    let mut out = Vec::with_capacity(count as usize);
    let mut date = first;
    let mut start = day_start(date, tz).timestamp();
    while date <= today {
        let next = date + Duration::days(1);
        let end = day_start(next, tz).timestamp();
        out.push(Day { date, start, end });
        date = next;
        start = end;
    }
    out
}

/// One day of an uptime bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// False for days before the component existed (its `since` date).
    pub data: bool,
    /// Seconds in each status during the day (up to the build clock for today).
    pub tally: Tally,
    /// Seconds of the day that count: the whole day, or up to the build clock for today.
    pub observed: i64,
    /// Incidents (indexes into `Site::incidents`) that touched the day, newest first.
    pub incidents: Vec<usize>,
    /// Maintenance windows (indexes into `State::windows`) that touched the day, newest first.
    pub maintenance: Vec<usize>,
}

impl Bar {
    /// The worst status of the day.
    pub fn worst(&self) -> ComponentStatus {
        self.tally.worst()
    }
}

/// A post's span of time: `(start, end, index)`, with `end` already clipped to the build clock.
pub type Span = (i64, i64, usize);

/// Cuts segments into daily bars and lists the posts that touched each day.
///
/// `since` is the first second with data; posts must come in the order wanted in each day.
pub fn bars(
    days: &[Day],
    now: i64,
    since: Option<i64>,
    segments: &[Interval],
    incidents: &[Span],
    maintenance: &[Span],
) -> Vec<Bar> {
    let since = since.unwrap_or(i64::MIN);
    let mut out: Vec<Bar> = days
        .iter()
        .map(|d| {
            let data = d.end > since;
            let (from, to) = (d.start.max(since), d.end.min(now));
            Bar {
                data,
                tally: if data && from < to {
                    tally(segments, from, to)
                } else {
                    Tally::default()
                },
                observed: if data { (to - from).max(0) } else { 0 },
                incidents: Vec::new(),
                maintenance: Vec::new(),
            }
        })
        .collect();
    attach(days, &mut out, incidents, |b| &mut b.incidents);
    attach(days, &mut out, maintenance, |b| &mut b.maintenance);
    out
}

/// The first and the last local date a post spanning `start..end` (Unix seconds) touches in the
/// zone `tz`: the days [`bars`] attach it to, which the history lists it on too. A post of no
/// length still belongs to the day it happened on.
pub fn touched_dates(start: i64, end: i64, tz: Tz) -> (NaiveDate, NaiveDate) {
    let date = |t: i64| {
        DateTime::from_timestamp(t, 0)
            .unwrap_or_default()
            .with_timezone(&tz)
            .date_naive()
    };
    (date(start), date(last_second(start, end)))
}

/// The last second a post spanning `start..end` covers: at least its first.
fn last_second(start: i64, end: i64) -> i64 {
    end.max(start + 1) - 1
}

/// Adds each post to the list `pick` chooses of every day it touched.
fn attach(days: &[Day], bars: &mut [Bar], posts: &[Span], pick: fn(&mut Bar) -> &mut Vec<usize>) {
    for &(start, end, index) in posts {
        let end = last_second(start, end) + 1;
        let first = days.partition_point(|d| d.end <= start);
        for k in (first..days.len()).take_while(|&k| days[k].start < end) {
            pick(&mut bars[k]).push(index);
        }
    }
}
