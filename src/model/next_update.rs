//! The next update an incident update promises, as its heading records it:
//! `## Identified — 2026-11-27 11:45 UTC · next update by 2026-11-27 12:15 UTC`.
//!
//! The front matter's `next_update` holds only the live promise; the heading keeps each
//! update's own, so kept and broken promises can be counted over the whole history. Reading
//! happens here; [`update_text`](super::update_text) writes the suffix.

use super::time::parse_timestamp;
use chrono::{DateTime, Days, Utc};
use chrono_tz::Tz;

/// The words that start the suffix, matched case-insensitively.
pub const PHRASE: &str = "next update";

/// The forms a promised time may take, for hints.
pub const ACCEPTED_FORMS: &str = "`· next update by 2026-11-27 12:15 UTC` (any timestamp form), or a time alone, `· next update by 12:15` (site time zone) or `by 12:15 UTC`, which is the first such time after the update";

/// Splits a heading's text after the status word into the update's timestamp and the promise
/// text, if it has one: `2026-11-27 11:45 UTC · next update by 12:15` gives
/// `("2026-11-27 11:45 UTC", Some("12:15"))`.
pub fn split(stamp: &str) -> (&str, Option<&str>) {
    // The phrase in any case: ASCII, so where its bytes match is where it starts.
    let phrase = PHRASE.as_bytes();
    let found =
        (stamp.as_bytes().windows(phrase.len())).position(|w| w.eq_ignore_ascii_case(phrase));
    let Some(at) = found else {
        return (stamp, None);
    };
    let before = stamp[..at]
        .trim_end()
        .trim_end_matches(['—', '–', '-', '·', '|', ',', ';', '('])
        .trim_end();
    let mut rest = stamp[at + PHRASE.len()..].trim_start();
    for word in ["by", "at"] {
        if rest.len() >= word.len()
            && rest.is_char_boundary(word.len())
            && rest[..word.len()].eq_ignore_ascii_case(word)
            && rest[word.len()..].starts_with(char::is_whitespace)
        {
            rest = rest[word.len()..].trim_start();
            break;
        }
    }
    let rest = rest
        .trim_start_matches(':')
        .trim()
        .trim_end_matches(['.', ')'])
        .trim_end();
    (before, Some(rest))
}

/// Reads a promised time: any timestamp form (the site zone when it names none), or a time of
/// day alone (`12:15`, `12:15 UTC`, `12:15 +01:00`), which is its first occurrence at or after
/// `after`, the time of the update that makes the promise.
pub fn parse(text: &str, after: DateTime<Utc>, tz: Tz) -> Result<DateTime<Utc>, String> {
    if text.is_empty() {
        return Err("the promise gives no time".to_string());
    }
    if let Ok(t) = parse_timestamp(text, tz) {
        return Ok(t);
    }
    // A time alone: try it on the days around the update (offsets reach 14 hours either way)
    // and take the first occurrence that is not before it.
    let first_day = after.date_naive().checked_sub_days(Days::new(1));
    let candidates = (0..4u64).filter_map(|k| {
        let day = first_day?.checked_add_days(Days::new(k))?;
        parse_timestamp(&format!("{day} {text}"), tz).ok()
    });
    candidates
        .filter(|t| *t >= after)
        .min()
        .ok_or_else(|| format!("`{text}` is not a time"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn splits_the_suffix_off_the_timestamp() {
        assert_eq!(
            split("2026-11-27 11:45 UTC"),
            ("2026-11-27 11:45 UTC", None)
        );
        assert_eq!(
            split("2026-11-27 11:45 UTC · next update by 2026-11-27 12:15 UTC"),
            ("2026-11-27 11:45 UTC", Some("2026-11-27 12:15 UTC"))
        );
        assert_eq!(
            split("2026-11-27 11:45 (Next Update at 12:15.)"),
            ("2026-11-27 11:45", Some("12:15"))
        );
        assert_eq!(
            split("2026-11-27 11:45 — next update: 12:15"),
            ("2026-11-27 11:45", Some("12:15"))
        );
        assert_eq!(
            split("2026-11-27 11:45 · next update"),
            ("2026-11-27 11:45", Some(""))
        );
    }

    #[test]
    fn reads_full_timestamps_in_the_site_zone() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let after = utc("2026-11-27T11:45:00Z");
        assert_eq!(
            parse("2026-11-27 12:15 UTC", after, berlin),
            Ok(utc("2026-11-27T12:15:00Z"))
        );
        assert_eq!(
            parse("2026-11-27 13:15", after, berlin),
            Ok(utc("2026-11-27T12:15:00Z"))
        );
    }

    #[test]
    fn a_time_alone_is_its_first_occurrence_after_the_update() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        // 12:45 in Berlin: the same day.
        assert_eq!(
            parse("13:15", utc("2026-11-27T11:45:00Z"), berlin),
            Ok(utc("2026-11-27T12:15:00Z"))
        );
        // Written at 23:50 in Berlin, 00:30 is the next day.
        assert_eq!(
            parse("00:30", utc("2026-11-27T22:50:00Z"), berlin),
            Ok(utc("2026-11-27T23:30:00Z"))
        );
        assert_eq!(
            parse("12:15 UTC", utc("2026-11-27T11:45:00Z"), berlin),
            Ok(utc("2026-11-27T12:15:00Z"))
        );
        // Far from UTC: 09:00 in Auckland, posted at 08:00 local time.
        let auckland: Tz = "Pacific/Auckland".parse().unwrap();
        assert_eq!(
            parse("09:00", utc("2026-11-26T19:00:00Z"), auckland),
            Ok(utc("2026-11-26T20:00:00Z"))
        );
        assert!(parse("soon", utc("2026-11-27T11:45:00Z"), berlin).is_err());
        assert!(parse("", utc("2026-11-27T11:45:00Z"), berlin).is_err());
    }
}
