//! `--next`: when the next update is promised, as typed on the command line.

use super::Error;
use crate::model::frontmatter::time as front_matter_time;
use crate::model::time::parse_timestamp;
use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;

/// The accepted forms, for the error's hint.
const FORMS: &str = "a delay from now, `30m`, `90m`, `1h` or `1h30m`, or a time, `2026-11-27T12:30` or \"2026-11-27 12:30\" (site time zone unless it names one: `2026-11-27T11:30:00Z`)";

/// The longest delay `--next` accepts: a promise further out is not one readers can hold you to.
const MAX_DAYS: i64 = 14;

/// Reads `--next`: a delay from `now` (`30m`, `1h`, `1h30m`) or a time (read in `tz` without an
/// offset). It must be after `now` and within [`MAX_DAYS`] days.
pub fn parse(text: &str, now: DateTime<Utc>, tz: Tz) -> Result<DateTime<Utc>, Error> {
    let trimmed = text.trim();
    let at = match delay(trimmed) {
        Some(d) => now + d,
        None => parse_timestamp(trimmed, tz).map_err(|_| {
            Error::new(format!("--next `{text}` is neither a delay nor a time"))
                .with_hint(format!("write {FORMS}"))
        })?,
    };
    if at <= now {
        return Err(Error::new(format!(
            "--next `{text}` ({}) is not after the time of the update ({})",
            front_matter_time(at),
            front_matter_time(now)
        ))
        .with_hint(format!("promise a later time: {FORMS}")));
    }
    if at - now > TimeDelta::days(MAX_DAYS) {
        return Err(Error::new(format!(
            "--next `{text}` ({}) is more than {MAX_DAYS} days away",
            front_matter_time(at)
        ))
        .with_hint(
            "promise the next update within hours: readers of an open incident wait for it",
        ));
    }
    Ok(at)
}

/// `30m`, `1h`, `1h30m` (also `90 min`, `2 hours`): hours and minutes, in that order.
fn delay(text: &str) -> Option<TimeDelta> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut rest = compact.to_ascii_lowercase();
    let mut total = 0i64;
    let mut units_seen = 0;
    for (units, minutes) in [(&["hours", "hour", "h"][..], 60), (&["min", "m"][..], 1)] {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || digits > 5 {
            continue;
        }
        let Some(unit) = units.iter().find(|u| rest[digits..].starts_with(**u)) else {
            continue;
        };
        total += rest[..digits].parse::<i64>().ok()? * minutes;
        rest = rest[digits + unit.len()..].to_string();
        units_seen += 1;
    }
    (units_seen > 0 && rest.is_empty()).then(|| TimeDelta::minutes(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn delays_count_from_the_clock() {
        let now = utc("2026-11-27T11:45:00Z");
        for (text, want) in [
            ("30m", "2026-11-27T12:15:00Z"),
            ("90m", "2026-11-27T13:15:00Z"),
            ("1h", "2026-11-27T12:45:00Z"),
            ("1h30m", "2026-11-27T13:15:00Z"),
            ("2 hours", "2026-11-27T13:45:00Z"),
            ("45 min", "2026-11-27T12:30:00Z"),
        ] {
            assert_eq!(parse(text, now, Tz::UTC), Ok(utc(want)), "{text}");
        }
    }

    #[test]
    fn times_are_read_in_the_site_zone() {
        let now = utc("2026-11-27T11:45:00Z");
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        assert_eq!(
            parse("2026-11-27T13:30", now, berlin),
            Ok(utc("2026-11-27T12:30:00Z"))
        );
        assert_eq!(
            parse("2026-11-27 12:30 UTC", now, berlin),
            Ok(utc("2026-11-27T12:30:00Z"))
        );
    }

    #[test]
    fn bad_values_name_the_accepted_forms() {
        let now = utc("2026-11-27T11:45:00Z");
        for text in ["30", "soon", "m30", "1m1h", "30s", "", "-30m"] {
            let e = parse(text, now, Tz::UTC).unwrap_err();
            assert!(
                e.message.contains("neither a delay nor a time"),
                "{text}: {e}"
            );
            assert!(e.hint.unwrap().contains("`30m`"), "{text}");
        }
        let past = parse("2026-11-27T11:00", now, Tz::UTC).unwrap_err();
        assert!(
            past.message.contains("is not after the time of the update"),
            "{past}"
        );
        assert!(parse("0m", now, Tz::UTC).is_err());
        let far = parse("400h", now, Tz::UTC).unwrap_err();
        assert!(far.message.contains("more than 14 days away"), "{far}");
    }
}
