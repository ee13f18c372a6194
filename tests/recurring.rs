//! Recurring maintenance (`repeat`) on built pages, the API, the calendar, uptime and `check`.

mod common;

use common::{TempSite, assert_ok, stderr};
use icalendar::parser::{read_calendar, unfold};
use serde_json::Value;

/// Every Sunday 02:00–04:00 in Berlin (the site zone), first on Sunday 4 October 2026, so that
/// the clocks go back on its fourth occurrence. Announced in September; the window of
/// 15 November finished early.
const WEEKLY: &str = "+++
title = \"Weekly database maintenance\"
start = 2026-10-04T02:00:00
end = 2026-10-04T04:00:00
repeat = \"FREQ=WEEKLY;BYDAY=SU\"
skip = [2026-12-06]
affected = [\"api\"]
+++
Failover of the primary database.

## Completed — 2026-11-15 01:30 UTC
Finished early.

## Scheduled — 2026-09-20 10:00 UTC
Every Sunday from October.
";

const PAGE: &str = "maintenance/weekly-db/index.html";

fn site() -> TempSite {
    let site = TempSite::new();
    site.write("maintenance/weekly-db.md", WEEKLY);
    site
}

fn build_at(site: &TempSite, now: &str) {
    let _ = std::fs::remove_dir_all(site.path().join("public"));
    assert_ok(&site.run(&["build", "--now", now]));
}

fn json(site: &TempSite, rel: &str) -> Value {
    serde_json::from_str(&site.read_output(rel)).unwrap()
}

/// `(id, status, scheduled_for, scheduled_until, shortlink)` of each maintenance in `rel`.
fn entries(site: &TempSite, rel: &str) -> Vec<(String, String, String, String, String)> {
    let v = json(site, rel);
    v["scheduled_maintenances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let s = |k: &str| m[k].as_str().unwrap().to_string();
            (
                s("id"),
                s("status"),
                s("scheduled_for"),
                s("scheduled_until"),
                s("shortlink"),
            )
        })
        .collect()
}

#[test]
fn the_index_shows_the_next_occurrence_once() {
    let site = site();
    // Monday 23 November 2026: the next window is Sunday the 29th, 02:00 CET (01:00 UTC).
    build_at(&site, "2026-11-23T12:00:00Z");
    let index = site.read_output("index.html");
    let section = |index: &str, id: &str| -> String {
        let from = index.find(&format!("id=\"{id}\"")).expect(id);
        let len = index[from..].find("</section>").unwrap();
        index[from..from + len].to_string()
    };
    let upcoming = section(&index, "upcoming-h");
    assert_eq!(
        upcoming.matches("maintenance/weekly-db/#on-").count(),
        1,
        "one card for the series: {upcoming}"
    );
    // Last Sunday's window is in the recent past.
    assert!(section(&index, "past-h").contains("href=\"maintenance/weekly-db/#on-2026-11-22\""));
    assert!(upcoming.contains("href=\"maintenance/weekly-db/#on-2026-11-29\""));
    assert!(upcoming.contains("Every Sunday, 02:00–04:00 CET"));
    assert!(!index.contains("id=\"active-h\""));

    // Sunday 29 November, 02:30 in Berlin: under way, and no longer upcoming.
    build_at(&site, "2026-11-29T01:30:00Z");
    let index = site.read_output("index.html");
    let active = section(&index, "active-h");
    assert!(active.contains("href=\"maintenance/weekly-db/#on-2026-11-29\""));
    assert!(!index.contains("id=\"upcoming-h\""));
    let summary = json(&site, "api/v2/summary.json");
    let api = summary["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "API")
        .unwrap();
    assert_eq!(api["status"], "under_maintenance");
}

#[test]
fn the_page_of_the_series_says_how_it_repeats_and_lists_its_occurrences() {
    let site = site();
    build_at(&site, "2026-11-23T12:00:00Z");
    let page = site.read_output(PAGE);
    assert!(
        page.contains("<dd>Every Sunday, 02:00–04:00 CET</dd>"),
        "{page}"
    );
    let upcoming = &page[page.find("<h3>Upcoming</h3>").unwrap()..];
    let upcoming = &upcoming[..upcoming.find("</ol>").unwrap()];
    let ids: Vec<&str> = upcoming
        .match_indices("<li id=\"")
        .map(|(i, _)| &upcoming[i + 8..i + 21])
        .collect();
    // 6 December is skipped.
    assert_eq!(
        ids,
        [
            "on-2026-11-29",
            "on-2026-12-13",
            "on-2026-12-20",
            "on-2026-12-27",
            "on-2027-01-03",
            "on-2027-01-10"
        ]
    );
    let recent = &page[page.find("<h3>Recent</h3>").unwrap()..];
    assert!(recent.contains("id=\"on-2026-11-22\""));
    // The window of the 15th finished at 02:30 CET, after 30 minutes.
    let fifteenth = &recent[recent.find("id=\"on-2026-11-15\"").unwrap()..];
    let fifteenth = &fifteenth[..fifteenth.find("</li>").unwrap()];
    assert!(fifteenth.contains("(took 30m)"), "{fifteenth}");
    assert!(fifteenth.contains("Completed"));
}

#[test]
fn each_occurrence_is_an_api_entry_with_its_own_stable_id_and_dst_correct_times() {
    let site = site();
    // A week before: the occurrence of 1 November is the next one, so the API lists it.
    build_at(&site, "2026-10-27T12:00:00Z");
    let before = entries(&site, "api/v2/scheduled-maintenances.json");
    build_at(&site, "2026-11-23T12:00:00Z");
    let after = entries(&site, "api/v2/scheduled-maintenances.json");

    let by_time = |list: &[(String, String, String, String, String)], at: &str| {
        list.iter()
            .find(|e| e.2 == at)
            .cloned()
            .unwrap_or_else(|| panic!("no entry at {at}"))
    };
    // 25 October: 02:00 happens twice in Berlin (the earlier, CEST, starts it) and 04:00 CET
    // ends it; in summer the window is 00:00–02:00 UTC, in winter 01:00–03:00 UTC.
    let dst_day = by_time(&after, "2026-10-25T00:00:00.000Z");
    assert_eq!(dst_day.3, "2026-10-25T03:00:00.000Z");
    assert_eq!(
        by_time(&after, "2026-10-18T00:00:00.000Z").3,
        "2026-10-18T02:00:00.000Z"
    );
    assert_eq!(
        by_time(&after, "2026-11-01T01:00:00.000Z").3,
        "2026-11-01T03:00:00.000Z"
    );
    assert_eq!(
        dst_day.4,
        "https://status.acme.test/maintenance/weekly-db/#on-2026-10-25"
    );

    // Ids are unique, and the same occurrence keeps its id as the clock moves.
    let mut ids: Vec<&String> = after.iter().map(|e| &e.0).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), after.len());
    let at = "2026-11-01T01:00:00.000Z";
    let (old, new) = (by_time(&before, at), by_time(&after, at));
    assert_eq!(old.0, new.0, "id of {at}");
    assert_eq!(old.1, "scheduled");
    // Occurrences after the next one are on the series' page only.
    assert!(!before.iter().any(|e| e.2.starts_with("2026-11-08")));
    assert_eq!(by_time(&after, "2026-11-01T01:00:00.000Z").1, "completed");
    assert_eq!(by_time(&after, "2026-11-29T01:00:00.000Z").1, "scheduled");
    // Every entry links to its own anchor on the page of the series.
    let page = site.read_output(PAGE);
    for e in &after {
        let anchor = e.4.split_once('#').unwrap().1;
        assert!(page.contains(&format!("<li id=\"{anchor}\">")), "{anchor}");
    }
    // The skipped Sunday has no entry.
    assert!(!after.iter().any(|e| e.2.starts_with("2026-12-06")));

    // Upcoming: the series' next occurrence, not the twelve Sundays after it.
    let upcoming = entries(&site, "api/v2/scheduled-maintenances/upcoming.json");
    let starts: Vec<&str> = upcoming.iter().map(|e| &e.2[..10]).collect();
    assert_eq!(starts, ["2026-11-29"]);
    assert!(upcoming.iter().all(|e| e.1 == "scheduled"));

    // Active at 02:30 CET on the 29th: that occurrence only.
    build_at(&site, "2026-11-29T01:30:00Z");
    let active = entries(&site, "api/v2/scheduled-maintenances/active.json");
    assert_eq!(active.len(), 1);
    assert_eq!(active[0].0, by_time(&after, "2026-11-29T01:00:00.000Z").0);
    assert_eq!(active[0].1, "in_progress");
}

#[test]
fn the_calendar_has_one_event_with_the_rule_in_the_site_zone() {
    let site = site();
    build_at(&site, "2026-11-23T12:00:00Z");
    let text = site.read_output("maintenance.ics");
    let unfolded = unfold(&text);
    let cal = read_calendar(&unfolded).unwrap();
    let events: Vec<_> = cal
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();
    assert_eq!(events.len(), 1, "{text}");
    let prop = |name: &str| {
        events[0]
            .properties
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("no {name}"))
    };
    assert_eq!(prop("RRULE").val.to_string(), "FREQ=WEEKLY;BYDAY=SU");
    assert_eq!(prop("DTSTART").val.to_string(), "20261004T020000");
    assert_eq!(prop("DTEND").val.to_string(), "20261004T040000");
    assert_eq!(prop("EXDATE").val.to_string(), "20261206T020000");
    for name in ["DTSTART", "DTEND", "EXDATE"] {
        let params = &prop(name).params;
        assert_eq!(params.len(), 1);
        assert_eq!(params[0].key.to_string(), "TZID");
        assert_eq!(
            params[0].val.as_ref().map(ToString::to_string).as_deref(),
            Some("Europe/Berlin")
        );
    }
    assert!(text.contains("\r\nRRULE:FREQ=WEEKLY;BYDAY=SU\r\n"));
    // The zone it names is defined in the file, with the changes around the first occurrence.
    let zones: Vec<_> = cal
        .components
        .iter()
        .filter(|c| c.name == "VTIMEZONE")
        .collect();
    assert_eq!(zones.len(), 1);
    let observances: Vec<String> = zones[0]
        .components
        .iter()
        .map(|o| {
            let p = |n: &str| {
                o.properties
                    .iter()
                    .find(|p| p.name == n)
                    .unwrap()
                    .val
                    .to_string()
            };
            format!("{} {} {}", o.name, p("DTSTART"), p("TZOFFSETTO"))
        })
        .collect();
    assert!(
        observances.contains(&"STANDARD 20261025T030000 +0100".to_string()),
        "{observances:?}"
    );
    assert!(observances.contains(&"DAYLIGHT 20270328T020000 +0200".to_string()));
    assert!(
        prop("DESCRIPTION")
            .val
            .to_string()
            .contains("Repeats: Every Sunday")
    );
}

#[test]
fn occurrences_count_in_uptime_like_single_windows() {
    let site = site();
    site.write(
        "statuspress.toml",
        &format!(
            "{}\n[downtime_weights]\nunder_maintenance = 1.0\n",
            common::CONFIG
        ),
    );
    build_at(&site, "2026-11-23T12:00:00Z");
    let v = json(&site, "api/uptime.json");
    let days: Vec<&str> = v["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    let api = v["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "api")
        .unwrap();
    let minutes = |day: &str| {
        let k = days.iter().position(|d| *d == day).unwrap();
        api["daily_downtime_minutes"][k].as_f64().unwrap()
    };
    let status = |day: &str| {
        let k = days.iter().position(|d| *d == day).unwrap();
        api["daily_status"][k].as_str().unwrap().to_string()
    };
    assert_eq!(minutes("2026-10-18"), 120.0);
    // The night the clocks go back: 02:00 CEST to 04:00 CET is three hours.
    assert_eq!(minutes("2026-10-25"), 180.0);
    // Completed early by its update.
    assert_eq!(minutes("2026-11-15"), 30.0);
    assert_eq!(minutes("2026-11-16"), 0.0);
    assert_eq!(status("2026-11-22"), "under_maintenance");
    assert_eq!(status("2026-11-21"), "operational");
}

#[test]
fn a_bad_rule_is_a_check_error_at_the_repeat_value() {
    let site = TempSite::new();
    site.write(
        "maintenance/weekly-db.md",
        &WEEKLY.replace("BYDAY=SU\"", "BYDAY=SUNDAY\""),
    );
    let o = site.run(&["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("maintenance/weekly-db.md:5:11"),
        "file, line and column of the rule: {err}"
    );
    assert!(err.contains("`repeat` is not a valid RRULE"), "{err}");
    assert!(
        err.contains("FREQ=WEEKLY;BYDAY=SU"),
        "a valid example: {err}"
    );

    site.write(
        "maintenance/weekly-db.md",
        &WEEKLY.replace("FREQ=WEEKLY;BYDAY=SU", "FREQ=WEEKLY;BYDAY=SA"),
    );
    let err = stderr(&site.run(&["check"]));
    assert!(err.contains("maintenance/weekly-db.md:5:10"), "{err}");
    assert!(err.contains("is not an occurrence of `repeat`"), "{err}");
}
