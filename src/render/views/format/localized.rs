//! Times in the site's language: the translation table's `date` formats (chrono format strings)
//! with the month and day names of the language's locale, and its names of time zones (`zone`
//! texts, "MEZ" for "CET" in German). English takes the hand-written fast path of the parent
//! module instead, which a test holds to the same results.

use super::TimeText;
use crate::i18n::Table;
use chrono::format::{Item, StrftimeItems};
use chrono::{DateTime, NaiveDate, NaiveTime, SecondsFormat, TimeZone, Utc};
use chrono_tz::Tz;
use std::fmt::Write as _;

/// [`super::time_text`] in the words of `t`.
pub(super) fn time_text(at: DateTime<Utc>, tz: Tz, t: &Table) -> TimeText {
    let local = at.with_timezone(&tz);
    let abbreviation = local.offset().to_string();
    let zone = t.zone(&abbreviation);
    // The zone goes into the format as text, so that `%` in it cannot be read as a field.
    let zoned = |key: &str| t.get(key).replace("%Z", &zone.replace('%', "%%"));
    let date = write(&local, t.get("date.date"), t);
    let time = write(&local, &zoned("date.time"), t);
    let display = t.fill("date.display", &[("date", &date), ("time", &time)]);
    TimeText {
        iso: at.to_rfc3339_opts(SecondsFormat::Secs, true),
        display,
        date,
        time,
        utc: at.format("%Y-%m-%d %H:%M UTC").to_string(),
    }
}

/// A calendar day, e.g. `20. November 2026`.
pub(super) fn date(d: NaiveDate, t: &Table) -> String {
    write(&midnight(d), t.get("date.date"), t)
}

/// A month of history, e.g. `November 2026` (`date.month`).
pub fn month_label(d: NaiveDate, t: &Table) -> String {
    write(&midnight(d), t.get("date.month"), t)
}

/// A day of a chart's axis, without the year, e.g. `Nov 20` (`date.day_short`).
pub fn day_short(d: NaiveDate, t: &Table) -> String {
    write(&midnight(d), t.get("date.day_short"), t)
}

fn midnight(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN))
}

/// `at` through the format `pattern` with the table's month and day names. A pattern chrono
/// cannot read (which `check` reports in a site's table) is written out as it is.
fn write<Z: TimeZone>(at: &DateTime<Z>, pattern: &str, t: &Table) -> String
where
    Z::Offset: std::fmt::Display,
{
    if StrftimeItems::new(pattern).any(|i| i == Item::Error) {
        return pattern.to_string();
    }
    let mut out = String::new();
    if write!(out, "{}", at.format_localized(pattern, t.dates())).is_err() {
        return pattern.to_string();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_and_axis_labels_follow_the_language() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        let de = crate::i18n::table("de", None);
        let en = crate::i18n::english_table();
        assert_eq!(month_label(d, de), "März 2026");
        assert_eq!(month_label(d, en), "March 2026");
        assert_eq!(day_short(d, de), "5. Mär");
        assert_eq!(day_short(d, en), "Mar 5");
    }
}
