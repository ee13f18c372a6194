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
    assert_eq!(atom.matches("<entry>").count(), 17 + 2);
    let first = atom.find("<entry>").unwrap();
    assert!(atom[first..].contains("<title>Builds queued longer than usual</title>"));
    let rss = site.read_output("history.rss");
    assert_eq!(rss.matches("<item>").count(), 19);
    let builds = site.read_output("components/builds/history.atom");
    assert!(builds.contains("<title>Northwind Cloud Status - Builds - Incident History</title>"));

    let ics = site.read_output("maintenance.ics");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
    assert!(ics.contains("DTSTART:20261126T020000Z"));

    let badge = site.read_output("badge.svg");
    assert!(badge.contains("<title>status: degraded performance</title>"));
    let component = site.read_output("components/edge-functions/badge.svg");
    assert!(component.contains("<title>Edge Functions: degraded performance</title>"));
    let shield = site.read_output("components/api/shields.json");
    assert_eq!(
        shield,
        r#"{"schemaVersion":1,"label":"API","message":"operational","color":"1a7f37","labelColor":"555555"}"#
    );

    let embed = site.read_output("embed/index.html");
    assert!(embed.contains("Degraded performance"));
    assert!(embed.contains("Builds queued longer than usual"));
    assert!(!embed.contains("<script"), "the embed page runs no script");
    assert!(
        !embed.contains("stylesheet"),
        "the embed page is self-contained"
    );
}
