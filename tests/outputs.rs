//! Feeds, calendar, badges and the embed page of the example site, and the links to them.

mod common;

use common::{TempSite, stderr};

#[test]
fn example_site_publishes_and_advertises_its_machine_readable_outputs() {
    let site = TempSite::example();
    let o = site.run(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));

    let index = site.read_output("index.html");
    for href in [
        "href=\"history.atom\"",
        "href=\"history.rss\"",
        "href=\"maintenance.ics\"",
        "href=\"api/v2/summary.json\"",
        "href=\"embed/\"",
    ] {
        assert!(index.contains(href), "index links {href}");
    }
    assert!(index.contains("<link rel=\"alternate\" type=\"application/atom+xml\""));
    assert!(index.contains("<link rel=\"alternate\" type=\"application/rss+xml\""));
    let incident = site.read_output("incidents/2026-11-23-builds-queued/index.html");
    assert!(
        incident.contains("type=\"application/atom+xml\""),
        "every page advertises the feeds"
    );

    let atom = site.read_output("history.atom");
    // 18 incidents, 2 single windows, of the weekly one its 12 past Sundays in the last 90 days
    // and the next, and 2 announcements.
    assert_eq!(atom.matches("<entry>").count(), 18 + 2 + 13 + 2);
    let first = atom.find("<entry>").unwrap();
    assert!(atom[first..].contains("<title>Builds queued longer than usual</title>"));
    let rss = site.read_output("history.rss");
    assert_eq!(rss.matches("<item>").count(), 35);
    let builds = site.read_output("components/builds/history.atom");
    assert!(builds.contains("<title>Northwind Cloud Status - Builds - Incident History</title>"));

    let ics = site.read_output("maintenance.ics");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    // Two single windows, and the weekly one as one event with its rule.
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 3);
    assert!(ics.contains("DTSTART:20261126T020000Z"));
    assert!(ics.contains("\r\nDTSTART;TZID=Europe/Berlin:20260906T020000\r\nEXDATE;TZID=Europe/Berlin:20261227T020000,20270103T020000\r\n"));
    assert_eq!(ics.matches("\r\nRRULE:FREQ=WEEKLY;BYDAY=SU\r\n").count(), 1);

    let badge = site.read_output("badge.svg");
    assert!(badge.contains("<title>status: degraded performance</title>"));
    let component = site.read_output("components/edge-functions/badge.svg");
    assert!(component.contains("<title>Edge Functions: degraded performance</title>"));
    let shield = site.read_output("components/api/shields.json");
    assert_eq!(
        shield,
        r#"{"schemaVersion":1,"label":"API","message":"operational","color":"1a7f37","labelColor":"555555"}"#
    );
    // The API's 30-day uptime, spent by the error rates of Nov 20 and the outage of Nov 4.
    assert_eq!(
        site.read_output("components/api/uptime.json"),
        r#"{"schemaVersion":1,"label":"API uptime","message":"99.83%","color":"9a6700","labelColor":"555555"}"#
    );
    assert!(
        site.read_output("components/api/uptime.svg")
            .contains(">99.83%</text>")
    );

    let embed = site.read_output("embed/index.html");
    assert!(embed.contains("Degraded performance"));
    assert!(embed.contains("Builds queued longer than usual"));
    assert_eq!(
        embed.matches("<script").count(),
        embed.matches("<script data-statuspress-refresh ").count(),
        "the embed page runs no script but its own refresh script"
    );
    for variant in [
        "embed/index.html",
        "embed/light/index.html",
        "embed/dark/index.html",
    ] {
        let embed = site.read_output(variant);
        assert!(
            embed.contains("Builds queued longer than usual"),
            "{variant}"
        );
        assert!(
            !embed.contains("stylesheet") && !embed.contains(" src="),
            "{variant} is self-contained"
        );
    }
}

/// An incident told only by its resolution, and a past window nobody wrote an update for: the summary
/// of each reaches the API and the feeds, and the incident's components were not operational.
#[test]
fn summaries_and_the_status_before_a_lone_resolution_reach_the_api_and_feeds() {
    let site = TempSite::new();
    site.write(
        "incidents/2026-11-20-slow.md",
        "+++\ntitle = \"API slow\"\nimpact = \"minor\"\nstarted = 2026-11-20T10:00:00Z\nresolved = 2026-11-20T11:00:00Z\naffected = { api = \"degraded_performance\" }\n+++\nEU customers see slow responses; retry.\n\n## Resolved — 2026-11-20 11:00 UTC\nFixed.\n",
    );
    site.write(
        "maintenance/2026-11-21-db.md",
        "+++\ntitle = \"DB upgrade\"\nstart = 2026-11-21T02:00:00Z\nend = 2026-11-21T04:00:00Z\naffected = [\"api\"]\n+++\nWrites pause for a minute.\n",
    );
    let o = site.run(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));

    let api: serde_json::Value =
        serde_json::from_str(&site.read_output("api/v2/incidents.json")).unwrap();
    let update = &api["incidents"][0]["incident_updates"][0];
    assert_eq!(
        update["body"],
        "EU customers see slow responses; retry.\n\nFixed."
    );
    assert_eq!(
        update["affected_components"][0]["old_status"],
        "degraded_performance"
    );
    assert_eq!(
        update["affected_components"][0]["new_status"],
        "operational"
    );
    let api: serde_json::Value =
        serde_json::from_str(&site.read_output("api/v2/scheduled-maintenances.json")).unwrap();
    // The oldest update, the announcement, carries the summary.
    let updates = api["scheduled_maintenances"][0]["incident_updates"]
        .as_array()
        .unwrap();
    assert_eq!(
        updates.last().unwrap()["body"],
        "Writes pause for a minute."
    );
    for feed in ["history.atom", "history.rss", "components/api/history.atom"] {
        let text = site.read_output(feed);
        assert!(
            text.contains("EU customers see slow responses; retry."),
            "{feed}"
        );
        assert!(text.contains("Writes pause for a minute."), "{feed}");
    }
}
