//! `maintenance.ics`: an iCalendar file of scheduled, in-progress and recent maintenance windows,
//! for calendar apps to subscribe to. Times are in UTC; UIDs derive from the window's file id.

use super::ids::{host_of, stable_id};
use crate::derive::State;
use crate::derive::lifecycle;
use crate::model::MaintenanceStatus;
use crate::model::Site;
use crate::model::urls;
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
pub fn render(site: &Site, state: &State, output: &mut Output) {
    output.insert(urls::MAINTENANCE_CALENDAR, calendar(site, state));
}

/// The calendar of `site` at `state.now`, as the text of an iCalendar file.
pub fn calendar(site: &Site, state: &State) -> String {
    let now = state.now;
    let cfg = &site.config;
    let host = host_of(&cfg.base_url);
    let mut cal = Lines::default();
    cal.raw("BEGIN", "VCALENDAR");
    cal.raw("VERSION", "2.0");
    cal.text("PRODID", "-//statuspress//maintenance calendar//EN");
    cal.raw("CALSCALE", "GREGORIAN");
    cal.raw("METHOD", "PUBLISH");
    cal.text("X-WR-CALNAME", &format!("{} maintenance", cfg.title));
    let cutoff = now - Duration::days(RECENT_DAYS);
    // `state.maintenance` is newest start first.
    let shown = state
        .maintenance
        .iter()
        .copied()
        .filter(|&i| {
            state.maintenance_status[i] != MaintenanceStatus::Completed
                || site.maintenance[i].end >= cutoff
        })
        .take(LIMIT);
    for i in shown {
        let m = &site.maintenance[i];
        let life = lifecycle::maintenance(m, now);
        let url = urls::absolute(&cfg.base_url, &urls::maintenance(&m.id));
        let affected: Vec<&str> = state.maintenance_effects[i]
            .iter()
            .map(|&c| site.catalog.components[c].name.as_str())
            .collect();
        let mut description = m.summary.replace('\r', "").trim().to_string();
        if !affected.is_empty() {
            description.push_str(&format!("\n\nAffected: {}", affected.join(", ")));
        }
        description.push_str(&format!(
            "\n\nStatus: {}\n{url}",
            state.maintenance_status[i].label()
        ));
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
    cal.raw("END", "VCALENDAR");
    cal.0
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
