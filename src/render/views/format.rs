//! How times and durations read on the page: the one format every page, notice and script
//! shares, 24-hour and day first, e.g. "20 Nov 2026, 15:02 CET", in the words of the site's
//! language (the translation table's `date`, `duration` and `number` texts; `localized` writes
//! times in languages other than English).

mod localized;

pub use localized::month_label;

use crate::i18n::Table;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Offset, SecondsFormat, Timelike, Utc};
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
///
/// The page script that switches times to UTC (`templates/base.html`) writes the same forms:
/// a text with a year is a full date and time, one without is a time of the build's day.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TimeText {
    /// RFC 3339 in UTC, e.g. `2026-11-20T14:02:00Z`.
    pub iso: String,
    /// Date and time in the site zone with the zone named, e.g. `20 Nov 2026, 15:02 CET`.
    pub display: String,
    /// [`display`](Self::display) with the zone's UTC offset where the zone's name does not
    /// say it, e.g. `20 Nov 2026, 15:02 CET (UTC+1)`; the same as `display` in UTC.
    pub long: String,
    /// Date only, e.g. `20 Nov 2026`.
    pub date: String,
    /// Time with zone, e.g. `15:02 CET`.
    pub time: String,
    /// The same instant in UTC, for a tooltip, e.g. `20 Nov 2026, 14:02 UTC`.
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

/// A calendar day as pages write it, e.g. `20 Nov 2026`.
pub fn date_label(d: NaiveDate, t: &Table) -> String {
    if !t.english_dates() {
        return localized::date(d, t);
    }
    let mut s = String::with_capacity(11);
    push_date(&mut s, d.day(), d.month0(), d.year());
    s
}

/// A day of a chart's axis, without the year, e.g. `20 Nov`.
pub fn short_date(d: NaiveDate, t: &Table) -> String {
    if !t.english_dates() {
        return localized::day_short(d, t);
    }
    let mut s = String::with_capacity(6);
    push_number(&mut s, d.day(), 1);
    s.push(' ');
    s.push_str(MONTHS[d.month0() as usize]);
    s
}

/// The name of the site zone at `at`, as times write it: `CET`, `UTC`, or `UTC+4` for a zone
/// without an abbreviation.
pub fn zone_name(at: DateTime<Utc>, tz: Tz) -> String {
    let local = at.with_timezone(&tz);
    zone_names(
        &local.offset().to_string(),
        local.offset().fix().local_minus_utc(),
    )
    .0
}

/// The zone as a time names it: its abbreviation (`CET`), or `UTC+4` for a zone that has
/// none (the time zone database then gives the bare offset, `+04`), and the offset to add in
/// parentheses where the name does not say it (`UTC+1` for `CET`, nothing for `UTC`).
fn zone_names(abbreviation: &str, offset_seconds: i32) -> (String, Option<String>) {
    if abbreviation.starts_with(['+', '-']) {
        (utc_offset(offset_seconds), None)
    } else if abbreviation == "UTC" {
        (abbreviation.to_string(), None)
    } else {
        (abbreviation.to_string(), Some(utc_offset(offset_seconds)))
    }
}

/// `UTC+1`, `UTC-3`, `UTC+5:30`, `UTC+0`.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    let mut s = String::with_capacity(9);
    s.push_str("UTC");
    s.push(sign);
    push_number(&mut s, minutes / 60, 1);
    if !minutes.is_multiple_of(60) {
        s.push(':');
        push_number(&mut s, minutes % 60, 2);
    }
    s
}

/// Appends `20 Nov 2026`.
fn push_date(s: &mut String, day: u32, month0: u32, year: i32) {
    push_number(s, day, 1);
    s.push(' ');
    s.push_str(MONTHS[month0 as usize]);
    s.push(' ');
    push_number(s, year as u32, 4);
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
    let (zone, offset) = zone_names(
        &local.offset().to_string(),
        local.offset().fix().local_minus_utc(),
    );
    let mut date = String::with_capacity(11);
    push_date(&mut date, local.day(), local.month0(), local.year());
    let mut time = String::with_capacity(6 + zone.len());
    push_number(&mut time, local.hour(), 2);
    time.push(':');
    push_number(&mut time, local.minute(), 2);
    time.push(' ');
    time.push_str(&zone);
    let mut display = String::with_capacity(date.len() + 2 + time.len());
    display.push_str(&date);
    display.push_str(", ");
    display.push_str(&time);
    let long = with_offset(&display, offset.as_deref());
    let mut utc = String::with_capacity(22);
    push_date(&mut utc, t.day(), t.month0(), t.year());
    utc.push_str(", ");
    push_number(&mut utc, t.hour(), 2);
    utc.push(':');
    push_number(&mut utc, t.minute(), 2);
    utc.push_str(" UTC");
    let mut iso = String::with_capacity(20);
    push_number(&mut iso, t.year() as u32, 4);
    iso.push('-');
    push_number(&mut iso, t.month(), 2);
    iso.push('-');
    push_number(&mut iso, t.day(), 2);
    iso.push('T');
    push_number(&mut iso, t.hour(), 2);
    iso.push(':');
    push_number(&mut iso, t.minute(), 2);
    iso.push(':');
    push_number(&mut iso, t.second(), 2);
    iso.push('Z');
    TimeText {
        iso,
        display,
        long,
        date,
        time,
        utc,
    }
}

/// `text (UTC+1)`, or `text` alone without an offset to name.
fn with_offset(text: &str, offset: Option<&str>) -> String {
    match offset {
        Some(o) => format!("{text} ({o})"),
        None => text.to_string(),
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
    let (zone, offset) = zone_names(
        &local.format("%Z").to_string(),
        local.offset().fix().local_minus_utc(),
    );
    let display = format!("{} {zone}", local.format("%-d %b %Y, %H:%M"));
    TimeText {
        iso: t.to_rfc3339_opts(SecondsFormat::Secs, true),
        long: with_offset(&display, offset.as_deref()),
        display,
        date: local.format("%-d %b %Y").to_string(),
        time: format!("{} {zone}", local.format("%H:%M")),
        utc: t.format("%-d %b %Y, %H:%M UTC").to_string(),
    }
}

/// A promised time as a sentence reads it: the time with its zone (`12:30 CET`) when it falls
/// on the same day as `reference` in the site zone, the date too otherwise
/// (`28 Nov 2026, 09:00 CET`). Pages take the build clock as `reference`, an update's text the
/// time it was posted.
pub fn due_time(at: DateTime<Utc>, reference: DateTime<Utc>, tz: Tz, t: &'static Table) -> String {
    let text = time_view(at, tz, t).text();
    if at.with_timezone(&tz).date_naive() == reference.with_timezone(&tz).date_naive() {
        text.time
    } else {
        text.display
    }
}

/// [`due_time`] with the zone's UTC offset where its name does not say it, as pages show a
/// promise: `12:30 CET (UTC+1)`.
pub fn due_time_long(
    at: DateTime<Utc>,
    reference: DateTime<Utc>,
    tz: Tz,
    t: &'static Table,
) -> String {
    let text = time_view(at, tz, t).text();
    let offset = &text.long[text.display.len()..];
    format!("{}{offset}", due_time(at, reference, tz, t))
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

/// The zones `tz` uses in the year from `now`, by offset: (offset in seconds, name, offset to
/// name beside it), e.g. CET (UTC+1) and CEST (UTC+2) for Europe/Berlin.
fn year_zones(tz: Tz, now: DateTime<Utc>) -> Vec<(i32, String, Option<String>)> {
    let mut zones: Vec<(i32, String, Option<String>)> = Vec::new();
    // The zone at noon on the first of each month: standard and daylight time.
    let today = now.with_timezone(&tz).date_naive();
    let start = today.with_day(1).unwrap_or(today);
    for m in 0..12 {
        let Some(at) = (start.checked_add_months(chrono::Months::new(m)))
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .and_then(|n| n.and_local_timezone(tz).earliest())
        else {
            continue;
        };
        let seconds = at.offset().fix().local_minus_utc();
        let (zone, offset) = zone_names(&at.offset().to_string(), seconds);
        if !zones.iter().any(|z| z.1 == zone) {
            zones.push((seconds, zone, offset));
        }
    }
    zones.sort();
    zones
}

/// True when `tz` is UTC all year from `now`: its times need no switch to UTC.
pub fn always_utc(tz: Tz, now: DateTime<Utc>) -> bool {
    matches!(year_zones(tz, now).as_slice(), [(0, zone, None)] if zone == "UTC")
}

/// What the footer says of the times on a page, from the zones the site's time zone uses in
/// the year from `now`: "Times are in Europe/Berlin time: CET (UTC+1) or CEST (UTC+2).",
/// "Times are in UTC."
pub fn zone_note(tz: Tz, now: DateTime<Utc>, t: &Table) -> String {
    if always_utc(tz, now) {
        return t.get("site.times_utc").to_string();
    }
    let names: Vec<String> = year_zones(tz, now)
        .into_iter()
        .map(|(_, zone, offset)| with_offset(t.zone(&zone), offset.as_deref()))
        .collect();
    let zones = match names.as_slice() {
        [init @ .., last] if !init.is_empty() => t.fill(
            "site.zones_or",
            &[
                ("list", &init.join(t.get("site.list_comma"))),
                ("last", last),
            ],
        ),
        _ => names.join(t.get("site.list_comma")),
    };
    t.fill("site.times_in", &[("zone", tz.name()), ("zones", &zones)])
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
mod tests;
