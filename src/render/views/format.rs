//! How times and durations read on the page, in the words of the site's language (the
//! translation table's `date`, `duration` and `number` texts; `localized` writes times in
//! languages other than English).

mod localized;

pub use localized::{day_short, month_label};

use crate::i18n::Table;
use chrono::{DateTime, Datelike, Duration, NaiveDate, SecondsFormat, Timelike, Utc};
use chrono_tz::Tz;
use serde::Serialize;

/// A timestamp ready for a template. It is only an instant, a zone and a language until it is
/// serialized, as the [`TimeText`] fields; a build holds hundreds of thousands of these.
#[derive(Debug, Clone, Copy)]
pub struct TimeView {
    at: DateTime<Utc>,
    tz: Tz,
    t: &'static Table,
}

impl PartialEq for TimeView {
    fn eq(&self, other: &Self) -> bool {
        self.at == other.at && self.tz == other.tz && std::ptr::eq(self.t, other.t)
    }
}

impl TimeView {
    /// The readable forms.
    pub fn text(&self) -> TimeText {
        if self.t.english_dates() {
            time_text(self.at, self.tz)
        } else {
            localized::time_text(self.at, self.tz, self.t)
        }
    }
}

impl Serialize for TimeView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.text().serialize(serializer)
    }
}

/// What a template sees of a timestamp: machine form for `<time datetime>`, and readable forms.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TimeText {
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

/// An instant to be shown in the site time zone, in the words of `table`.
pub fn time_view(t: DateTime<Utc>, tz: Tz, table: &'static Table) -> TimeView {
    TimeView {
        at: t,
        tz,
        t: table,
    }
}

/// A calendar day as pages write it, e.g. `Nov 20, 2026`.
pub fn date_label(d: NaiveDate, t: &Table) -> String {
    if t.english_dates() {
        format!("{} {}, {}", MONTHS[d.month0() as usize], d.day(), d.year())
    } else {
        localized::date(d, t)
    }
}

/// Formats an instant in the site time zone.
///
/// Written out by hand rather than with format strings: every update of every post needs one,
/// and chrono's formatting (a format string parsed per field, strings grown piecemeal) made
/// this one of the largest costs of building the views.
fn time_text(t: DateTime<Utc>, tz: Tz) -> TimeText {
    let local = t.with_timezone(&tz);
    if !(0..=9999).contains(&local.year()) || !(0..=9999).contains(&t.year()) {
        return time_text_chrono(t, tz);
    }
    // What `%Z` prints: the zone's abbreviation (or its offset, for zones without one).
    let zone = local.offset().to_string();
    let mut date = String::with_capacity(12);
    date.push_str(MONTHS[local.month0() as usize]);
    date.push(' ');
    push_number(&mut date, local.day(), 1);
    date.push_str(", ");
    push_number(&mut date, local.year() as u32, 4);
    let mut time = String::with_capacity(6 + zone.len());
    push_number(&mut time, local.hour(), 2);
    time.push(':');
    push_number(&mut time, local.minute(), 2);
    time.push(' ');
    time.push_str(&zone);
    let mut display = String::with_capacity(date.len() + 1 + time.len());
    display.push_str(&date);
    display.push(' ');
    display.push_str(&time);
    // `YYYY-MM-DD HH:MM` in UTC, shared by the machine and the tooltip forms.
    let mut utc = String::with_capacity(20);
    push_number(&mut utc, t.year() as u32, 4);
    utc.push('-');
    push_number(&mut utc, t.month(), 2);
    utc.push('-');
    push_number(&mut utc, t.day(), 2);
    utc.push(' ');
    push_number(&mut utc, t.hour(), 2);
    utc.push(':');
    push_number(&mut utc, t.minute(), 2);
    let mut iso = String::with_capacity(20);
    iso.push_str(&utc[..10]);
    iso.push('T');
    iso.push_str(&utc[11..]);
    iso.push(':');
    push_number(&mut iso, t.second(), 2);
    iso.push('Z');
    utc.push_str(" UTC");
    TimeText {
        iso,
        display,
        date,
        time,
        utc,
    }
}

/// Appends `n` in decimal, zero-padded to at least `width` digits.
fn push_number(s: &mut String, n: u32, width: usize) {
    let mut digits = [b'0'; 10];
    let mut k = digits.len();
    let mut rest = n;
    loop {
        k -= 1;
        digits[k] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let start = k.min(digits.len().saturating_sub(width));
    for &d in &digits[start..] {
        s.push(char::from(d));
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// [`time_text`] through chrono's format strings: the reference, and the fallback for years
/// outside 0–9999, which chrono writes with a sign.
fn time_text_chrono(t: DateTime<Utc>, tz: Tz) -> TimeText {
    let local = t.with_timezone(&tz);
    TimeText {
        iso: t.to_rfc3339_opts(SecondsFormat::Secs, true),
        display: local.format("%b %-d, %Y %H:%M %Z").to_string(),
        date: local.format("%b %-d, %Y").to_string(),
        time: local.format("%H:%M %Z").to_string(),
        utc: t.format("%Y-%m-%d %H:%M UTC").to_string(),
    }
}

/// A promised time as a sentence reads it: the time with its zone (`12:30 CET`) when it falls
/// on the same day as `reference` in the site zone, the date too otherwise
/// (`Nov 28, 2026 09:00 CET`). Pages take the build clock as `reference`, an update's text the
/// time it was posted.
pub fn due_time(at: DateTime<Utc>, reference: DateTime<Utc>, tz: Tz, t: &'static Table) -> String {
    let text = time_view(at, tz, t).text();
    if at.with_timezone(&tz).date_naive() == reference.with_timezone(&tz).date_naive() {
        text.time
    } else {
        text.display
    }
}

/// The sentence an update's text ends with when it promises the next one, as hosted status
/// pages write it: "Next update by 12:30 CET." ([`due_time`] from the update's own time).
pub fn next_update_sentence(
    by: DateTime<Utc>,
    posted: DateTime<Utc>,
    tz: Tz,
    t: &'static Table,
) -> String {
    t.fill(
        "post.next_update_sentence",
        &[("time", &due_time(by, posted, tz, t))],
    )
}

/// A short human duration: `45m`, `1h 28m`, `3d 4h`. Never negative.
pub fn duration(d: Duration, t: &Table) -> String {
    let minutes = d.num_minutes().max(0);
    let (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    let (d, h, m) = (days.to_string(), hours.to_string(), mins.to_string());
    let args = [("d", d.as_str()), ("h", h.as_str()), ("m", m.as_str())];
    let key = match (days, hours, mins) {
        (0, 0, _) => "duration.minutes",
        (0, _, 0) => "duration.hours",
        (0, _, _) => "duration.hours_minutes",
        (_, 0, _) => "duration.days",
        (_, _, _) => "duration.days_hours",
    };
    t.fill(key, &args)
}

/// "99.95%" from hundredths of a percent, "100%" for no downtime, "No data" without data.
pub fn percent(hundredths: Option<u32>, t: &Table) -> String {
    let value = match hundredths {
        None => return t.get("number.no_data").to_string(),
        Some(10_000) => "100".to_string(),
        Some(h) => t.decimal(&format!("{}.{:02}", h / 100, h % 100)),
    };
    t.fill("number.percent", &[("value", &value)])
}

/// Downtime minutes as read: "0 min", "14.4 min", "2h 30m".
pub fn minutes(m: f64, t: &Table) -> String {
    if m.abs() < 60.0 {
        let tenths = (m * 10.0).round() / 10.0;
        let value = if tenths == tenths.trunc() {
            format!("{}", tenths as i64)
        } else {
            t.decimal(&format!("{tenths:.1}"))
        };
        t.fill("duration.short_minutes", &[("value", &value)])
    } else {
        let sign = if m < 0.0 { "-" } else { "" };
        format!(
            "{sign}{}",
            duration(Duration::seconds((m.abs() * 60.0).round() as i64), t)
        )
    }
}

/// A whole percentage: "93%".
pub fn whole_percent(value: f64, t: &Table) -> String {
    t.fill("number.percent", &[("value", &format!("{value}"))])
}

/// The share of updates that kept the cadence, e.g. "93% (28 of 30)", or "–" without any.
pub fn cadence(share: Option<f64>, kept: u32, total: u32, t: &Table) -> String {
    share.map_or_else(
        || t.get("number.none").to_string(),
        |share| {
            t.fill(
                "stats.share",
                &[
                    ("share", &whole_percent((share * 100.0).floor(), t)),
                    ("kept", &kept.to_string()),
                    ("total", &total.to_string()),
                ],
            )
        },
    )
}

/// An optional number of seconds as a short duration, or "–".
pub fn seconds(s: Option<i64>, t: &Table) -> String {
    s.map_or_else(
        || t.get("number.none").to_string(),
        |s| duration(Duration::seconds(s), t),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> &'static Table {
        crate::i18n::english_table()
    }

    fn de() -> &'static Table {
        crate::i18n::table("de", None)
    }

    #[test]
    fn times_name_the_zone() {
        let t = DateTime::parse_from_rfc3339("2026-11-20T14:02:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let v = time_text(t, "Europe/Berlin".parse().unwrap());
        assert_eq!(v.display, "Nov 20, 2026 15:02 CET");
        assert_eq!(v.iso, "2026-11-20T14:02:00Z");
        let summer = DateTime::parse_from_rfc3339("2026-07-01T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            time_text(summer, "Europe/Berlin".parse().unwrap()).time,
            "12:00 CEST"
        );
        assert_eq!(time_text(t, Tz::UTC).time, "14:02 UTC");
    }

    #[test]
    fn a_time_view_serializes_as_its_text() {
        let t = DateTime::parse_from_rfc3339("2026-11-20T14:02:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let value = serde_json::to_value(time_view(t, Tz::UTC, en())).unwrap();
        assert_eq!(value["display"], "Nov 20, 2026 14:02 UTC");
        assert_eq!(value["iso"], "2026-11-20T14:02:00Z");
        assert_eq!(value["utc"], "2026-11-20 14:02 UTC");
        assert_eq!(value.as_object().unwrap().len(), 5);
    }

    #[test]
    fn hand_written_formats_match_chrono() {
        let zones = [
            "Europe/Berlin",
            "UTC",
            "America/Sao_Paulo",
            "Asia/Kolkata",
            "Australia/Lord_Howe",
            "Pacific/Chatham",
        ];
        let start = DateTime::parse_from_rfc3339("2015-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        for zone in zones {
            let tz: Tz = zone.parse().unwrap();
            // Every 7 hours and 13 minutes for twelve years: all months, days, hours and DST changes.
            for k in 0..14_600 {
                let t = start + Duration::minutes(k * 433) + Duration::seconds(k % 60);
                assert_eq!(time_text(t, tz), time_text_chrono(t, tz), "{t} in {zone}");
            }
        }
        for edge in ["0000-01-01T00:30:00Z", "9999-12-31T23:30:00Z"] {
            let t = DateTime::parse_from_rfc3339(edge)
                .unwrap()
                .with_timezone(&Utc);
            let tz: Tz = "Asia/Tokyo".parse().unwrap();
            assert_eq!(time_text(t, tz), time_text_chrono(t, tz), "{edge}");
        }
    }

    #[test]
    fn due_times_give_the_date_only_on_another_day() {
        let t = |s| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let due = t("2026-11-23T11:30:00Z");
        assert_eq!(
            due_time(due, t("2026-11-23T10:00:00Z"), berlin, en()),
            "12:30 CET"
        );
        // 23:30 UTC is already the next day in Berlin.
        assert_eq!(
            due_time(
                t("2026-11-23T23:30:00Z"),
                t("2026-11-23T22:00:00Z"),
                berlin,
                en()
            ),
            "Nov 24, 2026 00:30 CET"
        );
        assert_eq!(
            due_time(due, t("2026-11-24T08:00:00Z"), berlin, en()),
            "Nov 23, 2026 12:30 CET"
        );
    }

    #[test]
    fn durations_read_short() {
        assert_eq!(duration(Duration::minutes(45), en()), "45m");
        assert_eq!(duration(Duration::minutes(88), en()), "1h 28m");
        assert_eq!(duration(Duration::minutes(120), en()), "2h");
        assert_eq!(duration(Duration::minutes(3 * 1440 + 250), en()), "3d 4h");
        assert_eq!(duration(Duration::minutes(-5), en()), "0m");
    }

    #[test]
    fn percent_never_rounds_up() {
        assert_eq!(percent(Some(9999), en()), "99.99%");
        assert_eq!(percent(Some(9990), en()), "99.90%");
        assert_eq!(percent(Some(10_000), en()), "100%");
        assert_eq!(percent(Some(9_836), en()), "98.36%");
        assert_eq!(percent(None, en()), "No data");
    }

    #[test]
    fn minutes_read_short() {
        assert_eq!(minutes(0.0, en()), "0 min");
        assert_eq!(minutes(14.4, en()), "14.4 min");
        assert_eq!(minutes(57.0, en()), "57 min");
        assert_eq!(minutes(-0.3, en()), "-0.3 min");
        assert_eq!(minutes(150.0, en()), "2h 30m");
        assert_eq!(minutes(-150.0, en()), "-2h 30m");
    }

    #[test]
    fn german_reads_german() {
        let t = |s| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let text = time_view(t("2026-03-20T14:02:00Z"), berlin, de()).text();
        assert_eq!(text.display, "20. März 2026, 15:02 MEZ");
        assert_eq!(text.iso, "2026-03-20T14:02:00Z");
        assert_eq!(
            due_time(
                t("2026-07-01T10:00:00Z"),
                t("2026-07-01T08:00:00Z"),
                berlin,
                de()
            ),
            "12:00 MESZ"
        );
        assert_eq!(duration(Duration::minutes(140), de()), "2 Std. 20 Min.");
        assert_eq!(
            duration(Duration::minutes(3 * 1440 + 250), de()),
            "3 T. 4 Std."
        );
        assert_eq!(percent(Some(9995), de()), "99,95 %");
        assert_eq!(percent(Some(10_000), de()), "100 %");
        assert_eq!(minutes(14.4, de()), "14,4 Min.");
        assert_eq!(cadence(Some(0.934), 28, 30, de()), "93 % (28 von 30)");
        assert_eq!(
            date_label(NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(), de()),
            "3. Dezember 2026"
        );
    }

    #[test]
    fn the_english_table_writes_what_the_fast_path_writes() {
        let en_formats = crate::i18n::table(
            "en",
            Some(&crate::i18n::Custom {
                texts: [(
                    "index.components".to_string(),
                    crate::i18n::Text::Plain("Parts".to_string()),
                )]
                .into(),
            }),
        );
        let start = DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        for zone in ["Europe/Berlin", "UTC", "Asia/Kolkata", "America/Sao_Paulo"] {
            let tz: Tz = zone.parse().unwrap();
            for k in 0..2_000 {
                let at = start + Duration::minutes(k * 433);
                assert_eq!(
                    localized::time_text(at, tz, en_formats),
                    time_text(at, tz),
                    "{at} in {zone}"
                );
            }
        }
        let d = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        assert_eq!(localized::date(d, en()), date_label(d, en()));
    }
}
