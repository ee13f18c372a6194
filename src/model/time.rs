//! Reading timestamps as authors write them, in the site's time zone when no offset is given.

use chrono::format::{Item, Parsed, StrftimeItems};
use chrono::{
    DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc,
};
use chrono_tz::Tz;
use std::sync::LazyLock;

/// The forms of timestamp accepted, for hints.
pub const ACCEPTED_FORMS: &str = "2026-11-20T14:02:00Z, 2026-11-20 14:02 UTC, 2026-11-20 15:02 +01:00, or 2026-11-20 15:02 (site time zone)";

/// Parses a timestamp written in text: RFC 3339, or `YYYY-MM-DD HH:MM[:SS]` with an
/// optional `UTC`, `Z` or offset. Without a zone, the time is read in `tz`.
pub fn parse_timestamp(text: &str, tz: Tz) -> Result<DateTime<Utc>, String> {
    let s = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Ok(dt.with_timezone(&Utc));
    }
    let (local_part, zone) = split_zone(s);
    let naive = parse_naive(&local_part).ok_or_else(|| format!("`{s}` is not a timestamp"))?;
    match zone {
        Zone::Site => local_to_utc(naive, tz),
        Zone::Utc => Ok(Utc.from_utc_datetime(&naive)),
        Zone::Offset(off) => off
            .from_local_datetime(&naive)
            .single()
            .map(|d| d.with_timezone(&Utc))
            .ok_or_else(|| format!("`{s}` has an invalid offset")),
        Zone::Invalid(z) => Err(format!("unknown time zone `{z}` in `{s}`")),
    }
}

/// Converts a TOML datetime value; a value without offset is read in `tz`, a bare date is midnight.
pub fn from_toml(value: &toml::value::Datetime, tz: Tz) -> Result<DateTime<Utc>, String> {
    let date = value
        .date
        .ok_or_else(|| "a time without a date is not a timestamp".to_string())?;
    let date = NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
        .ok_or("invalid date")?;
    let time = match value.time {
        Some(t) => NaiveTime::from_hms_nano_opt(
            t.hour.into(),
            t.minute.into(),
            t.second.unwrap_or(0).into(),
            t.nanosecond.unwrap_or(0),
        )
        .ok_or("invalid time")?,
        None => NaiveTime::MIN,
    };
    let naive = date.and_time(time);
    match value.offset {
        None => local_to_utc(naive, tz),
        Some(toml::value::Offset::Z) => Ok(Utc.from_utc_datetime(&naive)),
        Some(toml::value::Offset::Custom { minutes }) => {
            FixedOffset::east_opt(i32::from(minutes) * 60)
                .and_then(|o| o.from_local_datetime(&naive).single())
                .map(|d| d.with_timezone(&Utc))
                .ok_or_else(|| "invalid offset".to_string())
        }
    }
}

/// Reads a wall-clock time in `tz`; in a daylight-saving overlap the earlier instant is taken.
pub fn local_to_utc(naive: NaiveDateTime, tz: Tz) -> Result<DateTime<Utc>, String> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(d) => Ok(d.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, _) => Ok(a.with_timezone(&Utc)),
        LocalResult::None => Err(format!(
            "{} does not exist in {} (the clocks skip it for daylight saving time)",
            naive.format("%Y-%m-%d %H:%M"),
            tz.name()
        )),
    }
}

enum Zone<'a> {
    Site,
    Utc,
    Offset(FixedOffset),
    Invalid(&'a str),
}

fn split_zone(s: &str) -> (String, Zone<'_>) {
    if let Some(rest) = s.strip_suffix('Z').or_else(|| s.strip_suffix('z')) {
        return (rest.trim_end().to_string(), Zone::Utc);
    }
    // The date and time take at most two whitespace-separated words; a third is the zone.
    let words: Vec<&str> = s.split_whitespace().collect();
    let (date, time, rest) = match words.as_slice() {
        [date, time, rest @ ..] => (*date, *time, rest),
        _ => return (s.to_string(), Zone::Site),
    };
    let (time, attached) = split_attached_offset(time);
    let local = format!("{date} {time}");
    let zone_text = match (attached, rest) {
        (None, []) => return (local, Zone::Site),
        (Some(z), []) => z,
        (None, [z]) => *z,
        _ => return (local, Zone::Invalid(s)),
    };
    if zone_text.eq_ignore_ascii_case("utc")
        || zone_text.eq_ignore_ascii_case("gmt")
        || zone_text == "Z"
    {
        return (local, Zone::Utc);
    }
    match parse_offset(zone_text) {
        Some(o) => (local, Zone::Offset(o)),
        None => (local, Zone::Invalid(zone_text)),
    }
}

fn split_attached_offset(time: &str) -> (&str, Option<&str>) {
    match time.find(['+', '-']) {
        Some(i) if i > 0 => (&time[..i], Some(&time[i..])),
        _ => (time, None),
    }
}

fn parse_offset(z: &str) -> Option<FixedOffset> {
    let z = z
        .strip_prefix("UTC")
        .or_else(|| z.strip_prefix("GMT"))
        .unwrap_or(z);
    let (sign, rest) = match z.as_bytes().first()? {
        b'+' => (1, &z[1..]),
        b'-' => (-1, &z[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) || digits.is_empty() || digits.len() > 4 {
        return None;
    }
    let (h, m) = if digits.len() <= 2 {
        (digits.parse::<i32>().ok()?, 0)
    } else {
        (
            digits[..digits.len() - 2].parse().ok()?,
            digits[digits.len() - 2..].parse().ok()?,
        )
    };
    if h > 14 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

/// The forms of a date and time without zone, tried in order.
const NAIVE_FORMATS: &[&str] = &[
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S%.f",
];

/// [`NAIVE_FORMATS`] parsed once: `NaiveDateTime::parse_from_str` parses its format string at
/// every call, which was most of the time spent reading an update heading.
static NAIVE_ITEMS: LazyLock<Vec<Vec<Item<'static>>>> = LazyLock::new(|| {
    NAIVE_FORMATS
        .iter()
        .map(|f| {
            StrftimeItems::new(f)
                .parse_to_owned()
                .expect("the formats are valid")
        })
        .collect()
});

/// What `NaiveDateTime::parse_from_str` gives for the first of [`NAIVE_FORMATS`] that reads `s`.
fn parse_naive(s: &str) -> Option<NaiveDateTime> {
    NAIVE_ITEMS.iter().find_map(|items| {
        let mut parsed = Parsed::new();
        chrono::format::parse(&mut parsed, s, items.iter()).ok()?;
        parsed.to_naive_datetime_with_offset(0).ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn accepts_the_documented_forms() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let want = utc("2026-11-20T14:02:00Z");
        for text in [
            "2026-11-20T14:02:00Z",
            "2026-11-20T15:02:00+01:00",
            "2026-11-20 14:02 UTC",
            "2026-11-20 14:02:00 UTC",
            "2026-11-20 14:02Z",
            "2026-11-20 14:02 Z",
            "2026-11-20 15:02 +01:00",
            "2026-11-20 15:02+01:00",
            "2026-11-20 15:02 +0100",
            "2026-11-20 15:02",
            "2026-11-20T15:02",
        ] {
            assert_eq!(parse_timestamp(text, tz), Ok(want), "{text}");
        }
    }

    #[test]
    fn naive_forms_read_as_chrono_reads_them_with_each_format() {
        let texts = [
            "2026-11-20 14:02",
            "2026-11-20 14:02:07",
            "2026-11-20T14:02",
            "2026-11-20T14:02:07.25",
            "2026-11-20 14:02:07.000000001",
            "2026-1-2 3:04",
            "2026-11-2014:02",
            "+2026-11-20 14:02",
            "2026-11-20 14:02:60",
            "2026-02-30 10:00",
            "2026-11-20 24:00",
            "2026-11-20",
            "20 Nov 2026 14:02",
            "",
        ];
        for text in texts {
            let chrono = NAIVE_FORMATS
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok());
            assert_eq!(parse_naive(text), chrono, "{text:?}");
        }
        assert!(parse_naive("2026-11-20 14:02").is_some());
    }

    #[test]
    fn summer_time_uses_the_summer_offset() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        assert_eq!(
            parse_timestamp("2026-07-01 12:00", tz),
            Ok(utc("2026-07-01T10:00:00Z"))
        );
    }

    #[test]
    fn rejects_garbage_and_skipped_times() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        assert!(parse_timestamp("yesterday", tz).is_err());
        assert!(
            parse_timestamp("2026-11-20 14:02 CEST", tz)
                .unwrap_err()
                .contains("unknown time zone")
        );
        assert!(
            parse_timestamp("2026-03-29 02:30", tz)
                .unwrap_err()
                .contains("daylight saving")
        );
        assert!(parse_timestamp("2026-13-01 10:00", tz).is_err());
    }

    #[test]
    fn toml_values_without_offset_use_the_site_zone() {
        let tz: Tz = "America/New_York".parse().unwrap();
        let v: toml::value::Datetime = "2026-11-20T09:02:00".parse().unwrap();
        assert_eq!(from_toml(&v, tz), Ok(utc("2026-11-20T14:02:00Z")));
        let v: toml::value::Datetime = "2026-11-20T14:02:00Z".parse().unwrap();
        assert_eq!(from_toml(&v, tz), Ok(utc("2026-11-20T14:02:00Z")));
    }
}
