//! `maintenance.ics`: an iCalendar file of scheduled, in-progress and recent maintenance windows,
//! for calendar apps to subscribe to. Times of single windows are in UTC; UIDs derive from the
//! window's file id.
//!
//! A recurring window is one event with its `RRULE`, its `DTSTART` and `DTEND` on the wall clock
//! of the site zone (`TZID`), and a `VTIMEZONE` of that zone ([`timezone`]), so that calendar
//! apps keep it at the same local time across daylight-saving changes, as the site does. Dates
//! in `skip` are its `EXDATE`s.

mod timezone;

use super::ids::{host_of, stable_id};
use crate::derive::State;
use crate::derive::lifecycle;
use crate::i18n::Table;
use crate::model::urls;
use crate::model::{Maintenance, MaintenanceStatus, Site};
use crate::output::Output;
use crate::render::escape;
use chrono::{DateTime, Duration, Utc};

/// Completed windows stay in the calendar this many days after their end.
pub const RECENT_DAYS: i64 = 90;
/// At most this many windows, the newest first.
pub const LIMIT: usize = 100;

/// The longest content line, in octets, before it is folded (RFC 5545, section 3.1).
const LINE_OCTETS: usize = 75;

/// Renders `maintenance.ics` into `output`.
pub fn render(site: &Site, state: &State, t: &Table, output: &mut Output) {
    output.insert(urls::MAINTENANCE_CALENDAR, calendar(site, state, t));
}

/// The calendar of `site` at `state.now`, as the text of an iCalendar file, in the words of `t`.
pub fn calendar(site: &Site, state: &State, t: &Table) -> String {
    let now = state.now;
    let cfg = &site.config;
    let host = host_of(&cfg.base_url);
    let mut cal = Lines::default();
    cal.raw("BEGIN", "VCALENDAR");
    cal.raw("VERSION", "2.0");
    cal.text("PRODID", "-//statuspress//maintenance calendar//EN");
    cal.raw("CALSCALE", "GREGORIAN");
    cal.raw("METHOD", "PUBLISH");
    cal.text(
        "X-WR-CALNAME",
        &t.fill("calendar.name", &[("title", &cfg.title)]),
    );
    let cutoff = now - Duration::days(RECENT_DAYS);
    // `state.maintenance` is newest start first; a recurring file is one event, where its
    // newest shown occurrence would be.
    let mut series_told = vec![false; site.maintenance.len()];
    let shown = state
        .maintenance
        .iter()
        .copied()
        .filter(|&i| {
            state.maintenance_status[i] != MaintenanceStatus::Completed
                || state.windows[i].end >= cutoff
        })
        .filter(|&i| {
            let file = state.window_file[i];
            site.maintenance[file].repeat.is_none()
                || !std::mem::replace(&mut series_told[file], true)
        })
        .take(LIMIT)
        .collect::<Vec<usize>>();
    // The earliest first occurrence of the recurring windows in the file, if any.
    let mut zone_from: Option<DateTime<Utc>> = None;
    let mut events = Lines::default();
    for i in shown {
        let file = &site.maintenance[state.window_file[i]];
        if file.repeat.is_some() {
            zone_from = Some(zone_from.map_or(file.start, |t| t.min(file.start)));
            series_event(&mut events, (site, state, t), i, host);
            continue;
        }
        let cal = &mut events;
        let m = &state.windows[i];
        let life = lifecycle::maintenance(m, now);
        let url = urls::absolute(&cfg.base_url, &urls::maintenance(&m.id));
        let affected: Vec<&str> = state.maintenance_effects[i]
            .iter()
            .map(|&c| site.catalog.components[c].name.as_str())
            .collect();
        let description = description(
            m,
            &affected,
            None,
            t.of("update", state.maintenance_status[i].as_str()),
            (&url, t),
        );
        // In the order of the property names, as calendars have always been written here.
        cal.raw("BEGIN", "VEVENT");
        cal.time("CREATED", life.created);
        cal.text("DESCRIPTION", description.trim());
        cal.time("DTEND", m.end);
        cal.time("DTSTAMP", life.updated);
        cal.time("DTSTART", m.start);
        cal.time("LAST-MODIFIED", life.updated);
        cal.raw("SEQUENCE", &life.steps.len().to_string());
        cal.raw("STATUS", "CONFIRMED");
        cal.text("SUMMARY", &m.title);
        cal.raw("TRANSP", "TRANSPARENT");
        cal.text(
            "UID",
            &format!("{}@{host}", stable_id("maintenance", &m.id)),
        );
        cal.raw("URL", &escape::ical_uri(&url));
        cal.raw("END", "VEVENT");
    }
    if let Some(first) = zone_from {
        timezone::vtimezone(&mut cal, cfg.time_zone, timezone::from(first), now);
    }
    cal.0.push_str(&events.0);
    cal.raw("END", "VCALENDAR");
    cal.0
}

/// The description of a window: its summary, the components it covers, how it repeats, its
/// status and its page.
fn description(
    m: &Maintenance,
    affected: &[&str],
    repeats: Option<String>,
    status: &str,
    (url, t): (&str, &Table),
) -> String {
    let mut description = m.summary.replace('\r', "").trim().to_string();
    if !affected.is_empty() {
        let components = affected.join(t.get("site.list_comma"));
        description.push_str("\n\n");
        description.push_str(&t.fill("calendar.affected", &[("components", &components)]));
    }
    if let Some(words) = repeats {
        description.push_str("\n\n");
        description.push_str(&t.fill("calendar.repeats", &[("rule", &words)]));
    }
    description.push_str("\n\n");
    description.push_str(&t.fill("calendar.status", &[("status", status)]));
    description.push('\n');
    description.push_str(url);
    description.trim().to_string()
}

/// The one event of the recurring file of window `i`: its first occurrence with the rule.
fn series_event(cal: &mut Lines, (site, state, t): (&Site, &State, &Table), i: usize, host: &str) {
    let now = state.now;
    let file = &site.maintenance[state.window_file[i]];
    let Some(repeat) = &file.repeat else {
        return;
    };
    let tz = site.config.time_zone;
    let url = urls::absolute(&site.config.base_url, &urls::maintenance(&file.id));
    let affected: Vec<&str> = state.maintenance_effects[i]
        .iter()
        .map(|&c| site.catalog.components[c].name.as_str())
        .collect();
    let posted: Vec<_> = file.updates.iter().filter(|u| u.at <= now).collect();
    let created = file.announced_at(now).unwrap_or(file.start.min(now));
    let updated = posted
        .iter()
        .map(|u| u.at)
        .max()
        .unwrap_or(created)
        .max(created);
    let first = repeat.first_local();
    let end = file.end.with_timezone(&tz).naive_local();
    let local = |t: chrono::NaiveDateTime| t.format("%Y%m%dT%H%M%S").to_string();
    let zone = format!("TZID={}", tz.name());
    let text = description(
        file,
        &affected,
        Some(repeat.describe(state.windows[i].start, t)),
        t.of("update", state.maintenance_status[i].as_str()),
        (&url, t),
    );
    cal.raw("BEGIN", "VEVENT");
    cal.time("CREATED", created);
    cal.text("DESCRIPTION", &text);
    cal.raw(&format!("DTEND;{zone}"), &local(end));
    cal.time("DTSTAMP", updated);
    cal.raw(&format!("DTSTART;{zone}"), &local(first));
    if !repeat.skip.is_empty() {
        let dates: Vec<String> = repeat
            .skip
            .iter()
            .map(|d| local(d.and_time(first.time())))
            .collect();
        cal.raw(&format!("EXDATE;{zone}"), &dates.join(","));
    }
    cal.time("LAST-MODIFIED", updated);
    cal.raw("RRULE", &repeat.ical_rule());
    cal.raw("SEQUENCE", &posted.len().to_string());
    cal.raw("STATUS", "CONFIRMED");
    cal.text("SUMMARY", &file.title);
    cal.raw("TRANSP", "TRANSPARENT");
    cal.text(
        "UID",
        &format!("{}@{host}", stable_id("maintenance", &file.id)),
    );
    cal.raw("URL", &escape::ical_uri(&url));
    cal.raw("END", "VEVENT");
}

/// The content lines of a calendar, each ended by CRLF and folded at [`LINE_OCTETS`].
#[derive(Default)]
struct Lines(String);

impl Lines {
    /// A TEXT property: `value` is escaped.
    fn text(&mut self, name: &str, value: &str) {
        self.raw(name, &escape::ical_text(value));
    }

    /// A UTC date-time property, e.g. `20261121T020000Z`.
    fn time(&mut self, name: &str, at: DateTime<Utc>) {
        self.raw(name, &at.format("%Y%m%dT%H%M%SZ").to_string());
    }

    /// A property whose value is already in its wire form.
    fn raw(&mut self, name: &str, value: &str) {
        let line = format!("{name}:{value}");
        let mut room = LINE_OCTETS;
        let mut start = 0;
        for (i, c) in line.char_indices() {
            if i + c.len_utf8() - start > room {
                self.0.push_str(&line[start..i]);
                self.0.push_str("\r\n ");
                start = i;
                // A continuation line starts with the space that marks it.
                room = LINE_OCTETS - 1;
            }
        }
        self.0.push_str(&line[start..]);
        self.0.push_str("\r\n");
    }
}

#[cfg(test)]
mod tests;
