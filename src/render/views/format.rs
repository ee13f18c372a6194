//! How times and durations read on the page.

use chrono::{DateTime, Datelike, Duration, SecondsFormat, Timelike, Utc};
use chrono_tz::Tz;
use serde::Serialize;

/// A timestamp ready for a template. It is only an instant and a zone until it is serialized,
/// as the [`TimeText`] fields; a build holds hundreds of thousands of these.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeView {
    at: DateTime<Utc>,
    tz: Tz,
}

impl TimeView {
    /// The readable forms.
    pub fn text(&self) -> TimeText {
        time_text(self.at, self.tz)
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

/// An instant to be shown in the site time zone.
pub fn time_view(t: DateTime<Utc>, tz: Tz) -> TimeView {
    TimeView { at: t, tz }
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
pub fn due_time(at: DateTime<Utc>, reference: DateTime<Utc>, tz: Tz) -> String {
    let text = time_text(at, tz);
    if at.with_timezone(&tz).date_naive() == reference.with_timezone(&tz).date_naive() {
        text.time
    } else {
        text.display
    }
}

/// The sentence an update's text ends with when it promises the next one, as hosted status
/// pages write it: "Next update by 12:30 CET." ([`due_time`] from the update's own time).
pub fn next_update_sentence(by: DateTime<Utc>, posted: DateTime<Utc>, tz: Tz) -> String {
    format!("Next update by {}.", due_time(by, posted, tz))
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

/// "99.95%" from hundredths of a percent, "100%" for no downtime, "No data" without data.
pub fn percent(hundredths: Option<u32>) -> String {
    match hundredths {
        None => "No data".to_string(),
        Some(10_000) => "100%".to_string(),
        Some(h) => format!("{}.{:02}%", h / 100, h % 100),
    }
}

/// Downtime minutes as read: "0 min", "14.4 min", "2h 30m".
pub fn minutes(m: f64) -> String {
    if m.abs() < 60.0 {
        let tenths = (m * 10.0).round() / 10.0;
        if tenths == tenths.trunc() {
            format!("{} min", tenths as i64)
        } else {
            format!("{tenths:.1} min")
        }
    } else {
        let sign = if m < 0.0 { "-" } else { "" };
        format!(
            "{sign}{}",
            duration(Duration::seconds((m.abs() * 60.0).round() as i64))
        )
    }
}

/// The share of updates that kept the cadence, e.g. "93% (28 of 30)", or "–" without any.
pub fn cadence(share: Option<f64>, kept: u32, total: u32) -> String {
    share.map_or_else(
        || "–".to_string(),
        |share| format!("{}% ({kept} of {total})", (share * 100.0).floor()),
    )
}

/// An optional number of seconds as a short duration, or "–".
pub fn seconds(s: Option<i64>) -> String {
    s.map_or_else(|| "–".to_string(), |s| duration(Duration::seconds(s)))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let value = serde_json::to_value(time_view(t, Tz::UTC)).unwrap();
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
            due_time(due, t("2026-11-23T10:00:00Z"), berlin),
            "12:30 CET"
        );
        // 23:30 UTC is already the next day in Berlin.
        assert_eq!(
            due_time(t("2026-11-23T23:30:00Z"), t("2026-11-23T22:00:00Z"), berlin),
            "Nov 24, 2026 00:30 CET"
        );
        assert_eq!(
            due_time(due, t("2026-11-24T08:00:00Z"), berlin),
            "Nov 23, 2026 12:30 CET"
        );
    }

    #[test]
    fn durations_read_short() {
        assert_eq!(duration(Duration::minutes(45)), "45m");
        assert_eq!(duration(Duration::minutes(88)), "1h 28m");
        assert_eq!(duration(Duration::minutes(120)), "2h");
        assert_eq!(duration(Duration::minutes(3 * 1440 + 250)), "3d 4h");
        assert_eq!(duration(Duration::minutes(-5)), "0m");
    }

    #[test]
    fn percent_never_rounds_up() {
        assert_eq!(percent(Some(9999)), "99.99%");
        assert_eq!(percent(Some(9990)), "99.90%");
        assert_eq!(percent(Some(10_000)), "100%");
        assert_eq!(percent(Some(9_836)), "98.36%");
        assert_eq!(percent(None), "No data");
    }

    #[test]
    fn minutes_read_short() {
        assert_eq!(minutes(0.0), "0 min");
        assert_eq!(minutes(14.4), "14.4 min");
        assert_eq!(minutes(57.0), "57 min");
        assert_eq!(minutes(-0.3), "-0.3 min");
        assert_eq!(minutes(150.0), "2h 30m");
        assert_eq!(minutes(-150.0), "-2h 30m");
    }
}
