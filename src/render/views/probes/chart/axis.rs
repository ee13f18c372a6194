//! The axes of the response-time charts: round tops and ticks of the ms axis, dated ticks of a
//! daily axis (UTC days, as `daily.csv` has them) and hour ticks of the last 24 hours in the
//! site's time zone, and which way the time axis runs.

use super::WIDTH;
use crate::i18n::{Direction, Table};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

/// Where `x` of a chart read left to right lies in a chart in the direction of `t`'s language:
/// the same, or mirrored, so that time runs right to left in a language written so.
pub(super) fn along(x: f64, t: &Table) -> f64 {
    match t.direction() {
        Direction::Ltr => x,
        Direction::Rtl => f64::from(WIDTH) - x,
    }
}

/// Half the width a tick label ("23 Nov", "18:00") takes at the chart's font size, in viewBox
/// units, with a margin.
pub(super) const LABEL_HALF: f64 = 20.0;

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

/// The days of a window of `days` days from `first` that get a label: its last day and every
/// `step` days before it, oldest first.
pub(super) fn day_ticks(first: NaiveDate, days: u32, step: u32) -> Vec<NaiveDate> {
    let last = first + Duration::days(i64::from(days.max(1)) - 1);
    let step = i64::from(step.max(1));
    let mut out: Vec<NaiveDate> = (0..)
        .map(|k| last - Duration::days(k * step))
        .take_while(|d| *d >= first)
        .collect();
    out.reverse();
    out
}

/// The instants of the 24 hours before `now` (`now` included) at which the clock in `tz` shows
/// a whole multiple of `every` hours, each with its label ("18:00"), oldest first. Local times
/// a change to summer time skips have no tick; a repeated hour gets its first instant.
pub(super) fn hour_ticks(now: DateTime<Utc>, tz: Tz, every: u32) -> Vec<(DateTime<Utc>, String)> {
    let start = now - Duration::hours(24);
    let last_day = now.with_timezone(&tz).date_naive();
    let mut day = start.with_timezone(&tz).date_naive();
    let mut out = Vec::new();
    while day <= last_day {
        for hour in (0..24).step_by(every.clamp(1, 24) as usize) {
            let at = day
                .and_hms_opt(hour, 0, 0)
                .and_then(|local| tz.from_local_datetime(&local).earliest())
                .map(|t| t.with_timezone(&Utc));
            if let Some(t) = at.filter(|t| *t > start && *t <= now) {
                out.push((t, format!("{hour:02}:00")));
            }
        }
        let Some(next) = day.succ_opt() else { break };
        day = next;
    }
    out.sort_by_key(|&(t, _)| t);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::views::format::short_date as short_date_in;

    fn short_date(d: NaiveDate) -> String {
        short_date_in(d, crate::i18n::english_table())
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn labels(ticks: &[(DateTime<Utc>, String)]) -> Vec<(String, &str)> {
        ticks
            .iter()
            .map(|(t, l)| (t.format("%Y-%m-%dT%H:%MZ").to_string(), l.as_str()))
            .collect()
    }

    #[test]
    fn thirty_days_are_labelled_weekly_back_from_today() {
        // The 30 days up to Nov 23: Oct 25 to Nov 23.
        let ticks = day_ticks(date("2026-10-25"), 30, 7);
        let names: Vec<String> = ticks.into_iter().map(short_date).collect();
        assert_eq!(names, ["26 Oct", "2 Nov", "9 Nov", "16 Nov", "23 Nov"]);
    }

    #[test]
    fn ninety_days_are_labelled_every_two_weeks() {
        let ticks = day_ticks(date("2026-08-26"), 90, 14);
        let names: Vec<String> = ticks.into_iter().map(short_date).collect();
        assert_eq!(
            names,
            [
                "31 Aug", "14 Sep", "28 Sep", "12 Oct", "26 Oct", "9 Nov", "23 Nov"
            ]
        );
        // A window starting on a tick keeps it.
        assert_eq!(
            day_ticks(date("2026-11-09"), 15, 14),
            [date("2026-11-09"), date("2026-11-23")]
        );
        assert_eq!(day_ticks(date("2026-11-23"), 1, 7), [date("2026-11-23")]);
    }

    #[test]
    fn hours_are_the_site_zone_clock() {
        let now = utc("2026-11-23T12:00:00Z");
        // 13:00 CET: the day before at 18:00, then midnight, 06:00 and 12:00 in Berlin.
        let berlin = hour_ticks(now, "Europe/Berlin".parse().unwrap(), 6);
        assert_eq!(
            labels(&berlin),
            [
                ("2026-11-22T17:00Z".into(), "18:00"),
                ("2026-11-22T23:00Z".into(), "00:00"),
                ("2026-11-23T05:00Z".into(), "06:00"),
                ("2026-11-23T11:00Z".into(), "12:00"),
            ]
        );
        // Half-hour offsets: 17:30 in Kolkata.
        let kolkata = hour_ticks(now, "Asia/Kolkata".parse().unwrap(), 6);
        assert_eq!(
            labels(&kolkata),
            [
                ("2026-11-22T12:30Z".into(), "18:00"),
                ("2026-11-22T18:30Z".into(), "00:00"),
                ("2026-11-23T00:30Z".into(), "06:00"),
                ("2026-11-23T06:30Z".into(), "12:00"),
            ]
        );
        // In UTC the clock's own hour is a tick, 24 hours before it is not.
        let plain = hour_ticks(now, Tz::UTC, 6);
        assert_eq!(
            labels(&plain),
            [
                ("2026-11-22T18:00Z".into(), "18:00"),
                ("2026-11-23T00:00Z".into(), "00:00"),
                ("2026-11-23T06:00Z".into(), "06:00"),
                ("2026-11-23T12:00Z".into(), "12:00"),
            ]
        );
    }

    #[test]
    fn hours_follow_a_change_of_summer_time() {
        // Berlin leaves summer time at 01:00 UTC on Oct 25: midnight was 22:00 UTC, 06:00 is
        // 05:00 UTC, seven hours later.
        let now = utc("2026-10-25T12:00:00Z");
        let ticks = hour_ticks(now, "Europe/Berlin".parse().unwrap(), 6);
        assert_eq!(
            labels(&ticks),
            [
                ("2026-10-24T16:00Z".into(), "18:00"),
                ("2026-10-24T22:00Z".into(), "00:00"),
                ("2026-10-25T05:00Z".into(), "06:00"),
                ("2026-10-25T11:00Z".into(), "12:00"),
            ]
        );
        // Santiago skips midnight when summer time starts (6 Sep 2026): no tick for it.
        let now = utc("2026-09-06T12:00:00Z");
        let ticks = hour_ticks(now, "America/Santiago".parse().unwrap(), 6);
        let names: Vec<&str> = ticks.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(names, ["12:00", "18:00", "06:00"]);
    }

    #[test]
    fn axis_tops_are_round() {
        assert_eq!(nice_ceiling(0), 10);
        assert_eq!(nice_ceiling(11), 20);
        assert_eq!(nice_ceiling(240), 250);
        assert_eq!(nice_ceiling(2400), 2500);
        assert_eq!(nice_ceiling(2600), 5000);
        assert_eq!(nice_ceiling(5001), 10_000);
        assert_eq!(nice_ceiling(u32::MAX), u32::MAX);
    }
}
