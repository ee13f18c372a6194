//! `maintenance.ics`: an iCalendar file of scheduled, in-progress and recent maintenance windows,
//! for calendar apps to subscribe to. Times are in UTC; UIDs derive from the window's file id.

use super::ids::{host_of, stable_id};
use crate::derive::State;
use crate::derive::lifecycle;
use crate::model::MaintenanceStatus;
use crate::model::Site;
use crate::model::urls;
use crate::output::Output;
use chrono::Duration;
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};

/// Completed windows stay in the calendar this many days after their end.
pub const RECENT_DAYS: i64 = 90;
/// At most this many windows, the newest first.
pub const LIMIT: usize = 100;

/// Renders `maintenance.ics` into `output`.
pub fn render(site: &Site, state: &State, output: &mut Output) {
    output.insert(
        urls::MAINTENANCE_CALENDAR,
        calendar(site, state).to_string(),
    );
}

/// The calendar of `site` at `state.now`.
pub fn calendar(site: &Site, state: &State) -> Calendar {
    let now = state.now;
    let cfg = &site.config;
    let host = host_of(&cfg.base_url);
    let mut cal = Calendar::empty();
    for (key, value) in [
        ("VERSION", "2.0"),
        ("PRODID", "-//statuspress//maintenance calendar//EN"),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
    ] {
        cal.append_property(Property::new(key, value));
    }
    cal.append_property(Property::new(
        "X-WR-CALNAME",
        format!("{} maintenance", cfg.title),
    ));
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
        let event = Event::new()
            .uid(&format!("{}@{host}", stable_id("maintenance", &m.id)))
            .timestamp(life.updated)
            .created(life.created)
            .last_modified(life.updated)
            .add_property("SEQUENCE", life.steps.len().to_string())
            .add_property("TRANSP", "TRANSPARENT")
            .starts(m.start)
            .ends(m.end)
            .summary(&m.title)
            .description(description.trim())
            .url(&url)
            .status(EventStatus::Confirmed)
            .done();
        cal.push(event);
    }
    cal
}

#[cfg(test)]
mod tests;
