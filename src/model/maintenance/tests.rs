//! Tests of parsing maintenance windows and their state at the clock.

use super::*;
use crate::model::components::Catalog;
use crate::model::toml_source::TomlSource;
use chrono_tz::Tz;

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn parse(text: &str) -> (Option<Maintenance>, Vec<Diagnostic>) {
    let cat = Catalog::parse(TomlSource::file(
        Path::new("components.toml"),
        "[[component]]\nid = \"db\"\nname = \"DB\"\n",
    ))
    .unwrap();
    let mut d = Vec::new();
    let m = Maintenance::parse(
        "m",
        Path::new("maintenance/m.md"),
        text,
        ParseContext {
            tz: Tz::UTC,
            catalog: &cat,
            languages: &[],
        },
        &mut d,
    );
    (m, d)
}

const WINDOW: &str = "+++\ntitle = \"DB upgrade\"\nstart = 2026-11-26T02:00:00Z\nend = 2026-11-26T04:00:00Z\naffected = [\"db\"]\n+++\n## Scheduled — 2026-11-19 10:00 UTC\nPlanned.\n";

#[test]
fn status_follows_the_clock() {
    let m = parse(WINDOW).0.unwrap();
    assert_eq!(
        m.status_at(utc("2026-11-20T00:00:00Z")),
        MaintenanceStatus::Scheduled
    );
    assert_eq!(
        m.status_at(utc("2026-11-26T02:00:00Z")),
        MaintenanceStatus::InProgress
    );
    assert_eq!(
        m.status_at(utc("2026-11-26T04:00:00Z")),
        MaintenanceStatus::Completed
    );
    assert_eq!(
        m.completed_at(utc("2026-11-27T00:00:00Z")),
        Some(utc("2026-11-26T04:00:00Z"))
    );
}

#[test]
fn later_updates_override_the_clock() {
    let text = WINDOW.replace("## Scheduled", "## Completed — 2026-11-26 03:10 UTC\nDone early.\n## Verifying — 2026-11-26 02:50 UTC\nChecking.\n## Scheduled");
    let m = parse(&text).0.unwrap();
    assert_eq!(
        m.status_at(utc("2026-11-26T02:55:00Z")),
        MaintenanceStatus::Verifying
    );
    assert_eq!(
        m.status_at(utc("2026-11-26T03:30:00Z")),
        MaintenanceStatus::Completed
    );
    assert_eq!(
        m.completed_at(utc("2026-11-26T03:30:00Z")),
        Some(utc("2026-11-26T03:10:00Z"))
    );
}

#[test]
fn a_window_past_its_end_is_never_scheduled() {
    // Written with the wrong year: announced a year after it ended.
    let text = WINDOW.replace("2026-11-26T0", "2025-11-26T0").replace(
        "## Scheduled",
        "## Update — 2026-11-19 11:00 UTC\nStill on.\n## Scheduled",
    );
    let m = parse(&text).0.unwrap();
    let now = utc("2026-11-20T00:00:00Z");
    assert_eq!(m.status_at(now), MaintenanceStatus::Completed);
    assert_eq!(m.completed_at(now), Some(utc("2025-11-26T04:00:00Z")));
    assert_eq!(m.end_position, (4, 7));
    // An overrun told by an update after the end still counts.
    let overrun = WINDOW.replace(
        "## Scheduled",
        "## In progress — 2026-11-26 04:10 UTC\nAlmost.\n## Scheduled",
    );
    let m = parse(&overrun).0.unwrap();
    assert_eq!(
        m.status_at(utc("2026-11-26T04:20:00Z")),
        MaintenanceStatus::InProgress
    );
}

#[test]
fn the_announcement_is_never_after_the_clock_nor_moves_with_it() {
    let m = parse(WINDOW).0.unwrap();
    assert_eq!(m.body_line, 7);
    assert_eq!(m.announced_at(utc("2026-11-19T09:00:00Z")), None);
    for now in ["2026-11-19T10:00:00Z", "2026-11-30T00:00:00Z"] {
        assert_eq!(m.announced_at(utc(now)), Some(utc("2026-11-19T10:00:00Z")));
    }
    let unannounced = parse(&WINDOW.replace("## Scheduled — 2026-11-19 10:00 UTC\n", ""))
        .0
        .unwrap();
    assert_eq!(unannounced.announced_at(utc("2026-11-20T00:00:00Z")), None);
    for now in ["2026-11-26T02:00:00Z", "2026-12-30T00:00:00Z"] {
        assert_eq!(
            unannounced.announced_at(utc(now)),
            Some(utc("2026-11-26T02:00:00Z"))
        );
    }
}

#[test]
fn end_before_start_and_incident_words_are_errors() {
    let text = WINDOW
        .replace("end = 2026-11-26T04:00:00Z", "end = 2026-11-26T01:00:00Z")
        .replace("## Scheduled", "## Resolved");
    let (m, d) = parse(&text);
    assert!(m.is_none());
    let msgs: Vec<_> = d.iter().map(|d| (d.line, d.message.as_str())).collect();
    assert_eq!(
        msgs,
        [
            (7, "`Resolved` is not a status for this kind of post"),
            (4, "`end` is not after `start`")
        ]
    );
}

const WEEKLY: &str = "+++\ntitle = \"Weekly DB\"\nstart = 2026-11-01T02:00:00Z\nend = 2026-11-01T03:00:00Z\nrepeat = \"FREQ=WEEKLY;BYDAY=SU\"\naffected = [\"db\"]\n+++\n## Completed — 2026-11-15 02:40 UTC\nDone early.\n## Update — 2026-11-15 02:20 UTC\nHalfway.\n## In progress — 2026-11-08 03:10 UTC\nOverrunning.\n## Update — 2026-11-07 12:00 UTC\nTomorrow's window moves the replicas too.\n## Scheduled — 2026-10-20 09:00 UTC\nEvery Sunday from November.\n";

#[test]
fn updates_of_a_recurring_file_belong_to_their_occurrence() {
    let m = parse(WEEKLY).0.unwrap();
    let on: Vec<(usize, Option<String>, MaintenanceStatus)> = m
        .updates
        .iter()
        .zip(&m.update_occurrence)
        .map(|(u, d)| (u.line, d.map(|d| d.to_string()), u.status))
        .collect();
    assert_eq!(
        on,
        [
            // Inside the window of the 15th; the Update carries that window's own status.
            (8, Some("2026-11-15".into()), MaintenanceStatus::Completed),
            (10, Some("2026-11-15".into()), MaintenanceStatus::Scheduled),
            // After the end of the 8th: an overrun of that window.
            (12, Some("2026-11-08".into()), MaintenanceStatus::InProgress),
            // Between two windows, a plain update is about the next one.
            (14, Some("2026-11-08".into()), MaintenanceStatus::Scheduled),
            // Before the first: the announcement of the series.
            (16, None, MaintenanceStatus::Scheduled),
        ]
    );
    let windows = m.windows(utc("2026-11-01T00:00:00Z"), utc("2026-11-23T00:00:00Z"));
    let keys: Vec<String> = windows.iter().map(Maintenance::key).collect();
    assert_eq!(
        keys,
        [
            "m/2026-11-01",
            "m/2026-11-08",
            "m/2026-11-15",
            "m/2026-11-22"
        ]
    );
    let lines = |w: &Maintenance| w.updates.iter().map(|u| u.line).collect::<Vec<_>>();
    assert_eq!(lines(&windows[0]), [16]);
    assert_eq!(lines(&windows[1]), [12, 14, 16]);
    assert_eq!(lines(&windows[2]), [8, 10, 16]);
    // Each occurrence has its own state at the clock.
    let now = utc("2026-11-08T03:30:00Z");
    let states: Vec<MaintenanceStatus> = windows.iter().map(|w| w.status_at(now)).collect();
    assert_eq!(
        states,
        [
            MaintenanceStatus::Completed,
            MaintenanceStatus::InProgress,
            MaintenanceStatus::Scheduled,
            MaintenanceStatus::Scheduled
        ]
    );
    assert_eq!(
        windows[2].completed_at(utc("2026-11-15T02:50:00Z")),
        Some(utc("2026-11-15T02:40:00Z"))
    );
    // Announced with the series, whatever the clock.
    for w in &windows {
        assert_eq!(w.announced_at(now), Some(utc("2026-10-20T09:00:00Z")));
    }
}

#[test]
fn an_occurrence_nobody_announced_is_known_since_the_series_began() {
    let text = WEEKLY.split("## Completed").next().unwrap().to_string();
    let m = parse(&text).0.unwrap();
    let windows = m.windows(utc("2026-11-20T00:00:00Z"), utc("2026-11-25T00:00:00Z"));
    assert_eq!(windows.len(), 1);
    let next = &windows[0];
    assert_eq!(next.start, utc("2026-11-22T02:00:00Z"));
    assert_eq!(next.announced_at(utc("2026-10-30T00:00:00Z")), None);
    assert_eq!(
        next.announced_at(utc("2026-11-20T00:00:00Z")),
        Some(utc("2026-11-01T02:00:00Z"))
    );
}
