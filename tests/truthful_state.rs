//! The page never states what the files cannot back: a resolution in the future, a past window
//! called upcoming, an announcement dated after the build, a misspelled update word.

mod common;

use common::{NOW, TempSite, stderr};

fn incident_with_resolved(resolved: &str) -> String {
    format!(
        "+++\ntitle = \"API down\"\nimpact = \"critical\"\nstarted = 2026-11-23T10:00:00Z\nresolved = {resolved}\naffected = [\"api\"]\n+++\n## Investigating — 2026-11-23 10:05 UTC\nLooking.\n"
    )
}

#[test]
fn a_resolved_time_in_the_future_is_an_error_naming_it() {
    let site = TempSite::new();
    site.write(
        "incidents/outage.md",
        &incident_with_resolved("2026-11-24T11:00:00Z"),
    );
    site.write(
        "incidents/early-word.md",
        "+++\ntitle = \"Web slow\"\nstarted = 2026-11-23T09:00:00Z\n+++\n## Resolved — 2026-11-24 09:30 UTC\nFixed.\n\n## Investigating — 2026-11-23 09:05 UTC\nLooking.\n",
    );
    let expected = "\
incidents/early-word.md:5:4: error: this update resolves the incident in the future (2026-11-24 09:30 UTC), so the page would call an ongoing incident over
  help: check the date and time zone of the heading; post `## Resolved` only once it is over
incidents/outage.md:5:12: error: `resolved` is in the future (2026-11-24 11:00 UTC), so the page would call an ongoing incident over
  help: check the date and time zone, or leave `resolved` out until the incident is over
";
    let o = site.run(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), format!("{expected}error: 2 problems found\n"));
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!("{expected}error: 2 problems found; nothing was written\n")
    );

    // Within the clock-drift horizon it is accepted.
    site.write(
        "incidents/early-word.md",
        &incident_with_resolved("2026-11-23T12:05:00Z"),
    );
    site.write(
        "incidents/outage.md",
        &incident_with_resolved("2026-11-23T11:00:00Z"),
    );
    let o = site.run(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

const WRONG_YEAR_WINDOW: &str = "+++\ntitle = \"DB upgrade\"\nstart = 2025-11-20T02:00:00Z\nend = 2025-11-20T04:00:00Z\naffected = [\"api\"]\n+++\n## Scheduled — 2026-11-19 10:00 UTC\nPlanned.\n";

#[test]
fn a_window_whose_end_is_past_is_completed_and_warned_about() {
    let site = TempSite::new();
    site.write("maintenance/db.md", WRONG_YEAR_WINDOW);
    let o = site.run(&["check"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stderr(&o),
        "maintenance/db.md:4:7: warning: the window ended (2025-11-20 04:00 UTC) before it was announced (2026-11-19 10:00 UTC)\n  help: check the year and time zone of `start` and `end`; the page shows the window as completed\n"
    );
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let upcoming = site.read_output("api/v2/scheduled-maintenances/upcoming.json");
    assert!(
        upcoming.contains("\"scheduled_maintenances\":[]"),
        "{upcoming}"
    );
    let all = site.read_output("api/v2/scheduled-maintenances.json");
    assert!(all.contains("\"status\":\"completed\""), "{all}");
    let index = site.read_output("index.html");
    assert!(!index.contains("Scheduled maintenance"), "{index}");
}

#[test]
fn new_maintenance_warns_when_the_window_is_already_over() {
    let site = TempSite::new();
    let o = site.run(&[
        "new",
        "maintenance",
        "DB upgrade",
        "--start",
        "2025-11-26T02:00:00Z",
        "--end",
        "2025-11-26T04:00:00Z",
        "--affects",
        "api",
        "--now",
        NOW,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "maintenance/2025-11-26-db-upgrade.md:4:7: warning: the window ended (2025-11-26 04:00 UTC) before it was announced (2026-11-23 12:00 UTC)\n  help: check the year and time zone of `start` and `end`; the page shows the window as completed\n"
    );
    assert!(
        site.path()
            .join("maintenance/2025-11-26-db-upgrade.md")
            .exists()
    );
}

const UNANNOUNCED: &str = "+++\ntitle = \"DB upgrade\"\nstart = 2026-11-30T02:00:00Z\nend = 2026-11-30T04:00:00Z\naffected = [\"api\"]\n+++\nWe will upgrade the database.\n";

#[test]
fn an_upcoming_window_without_an_announcement_is_an_error() {
    let site = TempSite::new();
    site.write("maintenance/db.md", UNANNOUNCED);
    let o = site.run(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "maintenance/db.md:7:1: error: nothing says when this upcoming window was announced: it has no update dated before the build (2026-11-23 12:00 UTC)\n  help: announce it under the front matter, e.g. `## Scheduled — 2026-11-23 12:00 UTC` followed by what readers should know\nerror: 1 problem found\n"
    );
}

#[test]
fn announcement_times_never_follow_the_build_clock() {
    let site = TempSite::new();
    // Past windows: one without any update, one announced by a written update.
    site.write(
        "maintenance/db.md",
        &UNANNOUNCED
            .replace("2026-11-30T02", "2026-11-10T02")
            .replace("2026-11-30T04", "2026-11-10T04"),
    );
    let mut seen = Vec::new();
    for now in ["2026-11-23T12:00:00Z", "2026-11-23T13:00:00Z"] {
        let o = site.run(&["build", "--now", now]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let summary = site.read_output("api/v2/scheduled-maintenances.json");
        assert!(
            summary.contains("\"created_at\":\"2026-11-10T02:00:00.000Z\""),
            "{summary}"
        );
        let ics = site.read_output("maintenance.ics");
        assert!(ics.contains("CREATED:20261110T020000Z"), "{ics}");
        assert!(ics.contains("DTSTAMP:20261110T040000Z"), "{ics}");
        seen.push((
            site.read_output("api/v2/summary.json"),
            site.read_output("history.atom"),
            ics,
        ));
    }
    assert_eq!(seen[0], seen[1], "nothing changed, so no output may change");
}

fn open_incident_with(heading: &str) -> String {
    format!(
        "+++\ntitle = \"API down\"\nstarted = 2026-11-11T09:00:00Z\naffected = [\"api\"]\n+++\n{heading}\nFixed.\n\n## Investigating — 2026-11-11 09:05 UTC\nLooking.\n"
    )
}

#[test]
fn a_misspelled_update_word_is_an_error_with_a_suggestion() {
    let site = TempSite::new();
    site.write(
        "incidents/a.md",
        &open_incident_with("## Resolvd — 2026-11-11 10:00 UTC"),
    );
    site.write(
        "incidents/b.md",
        &open_incident_with("## Investigatin - 2026-11-11 10:00 UTC"),
    );
    site.write(
        "incidents/c.md",
        &open_incident_with("## Deploy log - 2026-11-11 10:00 UTC"),
    );
    let o = site.run(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "\
incidents/a.md:6:4: error: unknown update status `Resolvd`
  help: did you mean `Resolved`?
incidents/b.md:6:4: error: unknown update status `Investigatin`
  help: did you mean `Investigating`?
incidents/c.md:6:4: error: unknown update status `Deploy log`
  help: expected one of: Investigating, Identified, Monitoring, Update, Resolved, Postmortem, Post-mortem; a heading that is not an update takes `###`
error: 3 problems found
"
    );
}

#[test]
fn a_tab_indented_heading_is_code_not_an_update() {
    let site = TempSite::new();
    site.write(
        "incidents/a.md",
        &open_incident_with(
            "Output:\n\n\t## Resolved — 2026-11-11 10:00 UTC\n\n## Update — 2026-11-11 09:30 UTC",
        ),
    );
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let unresolved = site.read_output("api/v2/incidents/unresolved.json");
    assert!(unresolved.contains("\"name\":\"API down\""), "{unresolved}");
}
