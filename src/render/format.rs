//! How times and durations read on the page.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use chrono_tz::Tz;
use serde::Serialize;

/// A timestamp ready for a template: machine form for `<time datetime>`, and readable forms.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TimeView {
    /// RFC 3339 in UTC, e.g. `2026-11-20T14:02:00Z`.
    pub iso: String,
    /// Date and time in the site zone with the zone named, e.g. `Nov 20, 2026 15:02 CET`.
    pub display: String,
    /// Date only, e.g. `Nov 20, 2026`.
    pub date: String,
    /// Time with zone, e.g. `15:02 CET`.
    pub time: String,
    /// The same instant in UTC, for a tooltip, e.g. `2026-11-20 14:02 UTC`.
    pub utc: String,
}

/// Formats an instant in the site time zone.
pub fn time_view(t: DateTime<Utc>, tz: Tz) -> TimeView {
    let local = t.with_timezone(&tz);
    TimeView {
        iso: t.to_rfc3339_opts(SecondsFormat::Secs, true),
        display: local.format("%b %-d, %Y %H:%M %Z").to_string(),
        date: local.format("%b %-d, %Y").to_string(),
        time: local.format("%H:%M %Z").to_string(),
        utc: t.format("%Y-%m-%d %H:%M UTC").to_string(),
    }
}

/// A short human duration: `45m`, `1h 28m`, `3d 4h`. Never negative.
pub fn duration(d: Duration) -> String {
    let minutes = d.num_minutes().max(0);
    let (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    match (days, hours, mins) {
        (0, 0, m) => format!("{m}m"),
        (0, h, 0) => format!("{h}h"),
        (0, h, m) => format!("{h}h {m}m"),
        (d, 0, _) => format!("{d}d"),
        (d, h, _) => format!("{d}d {h}h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_name_the_zone() {
        let t = DateTime::parse_from_rfc3339("2026-11-20T14:02:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let v = time_view(t, "Europe/Berlin".parse().unwrap());
        assert_eq!(v.display, "Nov 20, 2026 15:02 CET");
        assert_eq!(v.iso, "2026-11-20T14:02:00Z");
        let summer = DateTime::parse_from_rfc3339("2026-07-01T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            time_view(summer, "Europe/Berlin".parse().unwrap()).time,
            "12:00 CEST"
        );
        assert_eq!(time_view(t, Tz::UTC).time, "14:02 UTC");
    }

    #[test]
    fn durations_read_short() {
        assert_eq!(duration(Duration::minutes(45)), "45m");
        assert_eq!(duration(Duration::minutes(88)), "1h 28m");
        assert_eq!(duration(Duration::minutes(120)), "2h");
        assert_eq!(duration(Duration::minutes(3 * 1440 + 250)), "3d 4h");
        assert_eq!(duration(Duration::minutes(-5)), "0m");
    }
}
