//! The `VTIMEZONE` of the site zone, which a `DTSTART;TZID=…` of a recurring window refers to.
//!
//! RFC 5545 wants every `TZID` defined in the file. chrono-tz knows the zone's offsets but not its
//! rules, so the zone is written as what it does: the offset in effect from [`from`] on, then
//! every change of offset up to [`YEARS_AHEAD`] years after the build, each as its own
//! `STANDARD` or `DAYLIGHT` observance. Calendar apps that know the zone by its IANA name use
//! their own data; the others read these.

use super::Lines;
use chrono::{DateTime, Duration, FixedOffset, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

/// Changes of offset are listed up to this many years after the build.
pub const YEARS_AHEAD: i64 = 2;

/// The earliest instant the definition covers: a year before `first`, the earliest first
/// occurrence in the file.
pub fn from(first: DateTime<Utc>) -> DateTime<Utc> {
    first - Duration::days(366)
}

/// One offset of the zone from an instant on.
struct Observance {
    /// When it begins.
    at: DateTime<Utc>,
    /// The offset before it.
    before: FixedOffset,
    /// Its offset.
    offset: FixedOffset,
    /// Daylight-saving time or not.
    daylight: bool,
    /// Its abbreviation, e.g. "CEST".
    name: String,
}

fn observance(tz: Tz, at: DateTime<Utc>, before: FixedOffset) -> Observance {
    let offset = tz.offset_from_utc_datetime(&at.naive_utc());
    Observance {
        at,
        before,
        offset: offset.fix(),
        daylight: offset.dst_offset() != Duration::zero(),
        name: offset
            .abbreviation()
            .map_or_else(|| offset.fix().to_string(), str::to_string),
    }
}

/// The zone's offsets from `from` to `to`: the one in effect at `from`, then each change, found
/// day by day and then to the second.
fn observances(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Observance> {
    let offset_at = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc()).fix();
    let first = offset_at(from);
    let mut out = vec![observance(tz, from, first)];
    let mut t = from;
    let mut current = first;
    while t < to {
        let next = t + Duration::days(1);
        if offset_at(next) != current {
            // The change lies in (t, next]: narrow it to the second.
            let (mut lo, mut hi) = (t.timestamp(), next.timestamp());
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if DateTime::from_timestamp(mid, 0).is_some_and(|m| offset_at(m) == current) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let o = observance(tz, DateTime::from_timestamp(hi, 0).unwrap_or(next), current);
            current = o.offset;
            out.push(o);
        }
        t = next;
    }
    out
}

/// `+0100`, as `TZOFFSETFROM` and `TZOFFSETTO` write an offset.
fn ical_offset(o: FixedOffset) -> String {
    let secs = o.local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let secs = secs.abs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

/// Writes the `VTIMEZONE` of `tz` from `from` to [`YEARS_AHEAD`] years after `now`.
pub fn vtimezone(cal: &mut Lines, tz: Tz, from: DateTime<Utc>, now: DateTime<Utc>) {
    let to = now + Duration::days(366 * YEARS_AHEAD);
    cal.raw("BEGIN", "VTIMEZONE");
    cal.text("TZID", tz.name());
    for o in observances(tz, from, to) {
        let kind = if o.daylight { "DAYLIGHT" } else { "STANDARD" };
        // The onset on the wall clock before the change.
        let onset = o.at.with_timezone(&o.before).naive_local();
        cal.raw("BEGIN", kind);
        cal.raw("DTSTART", &onset.format("%Y%m%dT%H%M%S").to_string());
        cal.raw("TZOFFSETFROM", &ical_offset(o.before));
        cal.raw("TZOFFSETTO", &ical_offset(o.offset));
        cal.text("TZNAME", &o.name);
        cal.raw("END", kind);
    }
    cal.raw("END", "VTIMEZONE");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn berlin_changes_twice_a_year_at_one_in_the_morning_utc() {
        let list = observances(
            Tz::Europe__Berlin,
            utc("2026-01-01T00:00:00Z"),
            utc("2027-01-01T00:00:00Z"),
        );
        let told: Vec<(String, String, bool, String)> = list
            .iter()
            .map(|o| {
                (
                    o.at.to_rfc3339(),
                    ical_offset(o.offset),
                    o.daylight,
                    o.name.clone(),
                )
            })
            .collect();
        assert_eq!(
            told,
            [
                (
                    "2026-01-01T00:00:00+00:00".into(),
                    "+0100".into(),
                    false,
                    "CET".into()
                ),
                (
                    "2026-03-29T01:00:00+00:00".into(),
                    "+0200".into(),
                    true,
                    "CEST".into()
                ),
                (
                    "2026-10-25T01:00:00+00:00".into(),
                    "+0100".into(),
                    false,
                    "CET".into()
                ),
            ]
        );
        let mut cal = Lines::default();
        vtimezone(
            &mut cal,
            Tz::Europe__Berlin,
            utc("2026-01-01T00:00:00Z"),
            utc("2026-06-01T00:00:00Z"),
        );
        // Onsets on the wall clock before each change: 02:00 CET, 03:00 CEST.
        assert!(cal.0.contains("BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT\r\n"), "{}", cal.0);
        assert!(cal.0.contains("BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"));
    }

    #[test]
    fn offsets_are_signed_hours_and_minutes() {
        let east = |s: i32| FixedOffset::east_opt(s).unwrap();
        assert_eq!(ical_offset(east(3600)), "+0100");
        assert_eq!(ical_offset(east(-(3 * 3600 + 1800))), "-0330");
        assert_eq!(ical_offset(east(0)), "+0000");
        assert_eq!(ical_offset(east(5 * 3600 + 45 * 60)), "+0545");
    }

    #[test]
    fn a_zone_without_changes_has_one_observance() {
        let list = observances(
            Tz::Asia__Tokyo,
            utc("2026-01-01T00:00:00Z"),
            utc("2028-01-01T00:00:00Z"),
        );
        assert_eq!(list.len(), 1);
        assert_eq!(ical_offset(list[0].offset), "+0900");
        assert_eq!(list[0].name, "JST");
    }
}
