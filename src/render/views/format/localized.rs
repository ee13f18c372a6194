//! Times in the site's language: the translation table's `date` formats (chrono format strings)
//! with the month and day names of the language's locale, and its names of time zones (`zone`
//! texts, "MEZ" for "CET" in German); zones without an abbreviation and the offsets beside the
//! others are named as in English ("UTC+4"). English takes the hand-written fast path of the parent
//! module instead, which a test holds to the same results.

use super::{TimeText, with_offset, zone_names};
use crate::i18n::Table;
use chrono::{DateTime, NaiveDate, NaiveTime, Offset, SecondsFormat, TimeZone, Utc};
use chrono_tz::Tz;

/// [`super::time_text`] in the words of `t`.
pub(super) fn time_text(at: DateTime<Utc>, tz: Tz, t: &Table) -> TimeText {
    let local = at.with_timezone(&tz);
    let (zone, offset) = zone_names(
        &local.offset().to_string(),
        local.offset().fix().local_minus_utc(),
    );
    let zone = t.zone(&zone);
    let date = t.write_date(&local, t.get("date.date"));
    let time = t.write_date(&local, &zoned(t.get("date.time"), zone));
    let display = t.fill("date.display", &[("date", &date), ("time", &time)]);
    let utc_date = t.write_date(&at, t.get("date.date"));
    let utc_time = t.write_date(&at, &zoned(t.get("date.time"), "UTC"));
    TimeText {
        iso: at.to_rfc3339_opts(SecondsFormat::Secs, true),
        long: with_offset(&display, offset.as_deref()),
        display,
        date,
        time,
        utc: t.fill("date.display", &[("date", &utc_date), ("time", &utc_time)]),
    }
}

/// `pattern` with the zone's name for `%Z`, as text, so that a `%` in it is not read as a field.
fn zoned(pattern: &str, zone: &str) -> String {
    pattern.replace("%Z", &zone.replace('%', "%%"))
}

/// A calendar day, e.g. `20. November 2026`.
pub(super) fn date(d: NaiveDate, t: &Table) -> String {
    t.write_date(&midnight(d), t.get("date.date"))
}

/// A month of history, e.g. `November 2026` (`date.month`).
pub fn month_label(d: NaiveDate, t: &Table) -> String {
    t.write_date(&midnight(d), t.get("date.month"))
}

/// A day of a chart's axis, without the year, e.g. `20. Nov` (`date.day_short`).
pub(super) fn day_short(d: NaiveDate, t: &Table) -> String {
    t.write_date(&midnight(d), t.get("date.day_short"))
}

fn midnight(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN))
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
        assert_eq!(day_short(d, en), "5 Mar");
        // Polish: a month on its own in the nominative, in a date in the genitive.
        let pl = crate::i18n::table("pl", None);
        assert_eq!(month_label(d, pl), "marzec 2026");
        assert_eq!(date(d, pl), "5 marca 2026");
        assert_eq!(day_short(d, pl), "5 mar");
    }

    #[test]
    fn arabic_times_have_arabic_months_an_arabic_comma_and_western_digits() {
        let ar = crate::i18n::table("ar", None);
        let at = DateTime::parse_from_rfc3339("2026-11-23T12:00:00Z")
            .unwrap()
            .to_utc();
        let text = time_text(at, "Europe/Berlin".parse().unwrap(), ar);
        assert_eq!(text.display, "23 نوفمبر 2026، 13:00 CET");
        assert_eq!(text.long, "23 نوفمبر 2026، 13:00 CET (UTC+1)");
        assert_eq!(text.utc, "23 نوفمبر 2026، 12:00 UTC");
        let d = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        assert_eq!(month_label(d, ar), "مارس 2026");
        assert_eq!(day_short(d, ar), "5 مارس");
    }

    #[test]
    fn east_asian_months_and_dates() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        let ja = crate::i18n::table("ja", None);
        assert_eq!(month_label(d, ja), "2026年3月");
        assert_eq!(day_short(d, ja), "3/5");
        assert_eq!(date(d, ja), "2026年3月5日");
        let ko = crate::i18n::table("ko", None);
        assert_eq!(month_label(d, ko), "2026년 3월");
        assert_eq!(date(d, ko), "2026년 3월 5일");
        let zh = crate::i18n::table("zh-CN", None);
        assert_eq!(month_label(d, zh), "2026年3月");
        assert_eq!(date(d, zh), "2026年3月5日");
    }

    #[test]
    fn a_time_reads_in_the_order_of_the_language() {
        let at = "2026-11-20T14:02:00Z".parse::<DateTime<Utc>>().unwrap();
        let ja = crate::i18n::table("ja", None);
        let text = time_text(at, chrono_tz::Europe::Berlin, ja);
        assert_eq!(text.display, "2026年11月20日 15:02 CET");
        assert_eq!(text.long, "2026年11月20日 15:02 CET (UTC+1)");
        assert_eq!(text.utc, "2026年11月20日 14:02 UTC");
        let ko = crate::i18n::table("ko", None);
        let text = time_text(at, chrono_tz::Europe::Berlin, ko);
        assert_eq!(text.long, "2026년 11월 20일 15:02 CET (UTC+1)");
    }
}
