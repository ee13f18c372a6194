use super::*;
use crate::model::components::Catalog;
use crate::model::toml_source::TomlSource;
use chrono_tz::Tz;

fn catalog() -> Catalog {
    Catalog::parse(TomlSource::file(
        Path::new("components.toml"),
        "[[group]]\nid = \"core\"\nname = \"Core\"\n[[component]]\nid = \"api\"\nname = \"API\"\ngroup = \"core\"\n[[component]]\nid = \"web\"\nname = \"Web\"\ngroup = \"core\"\n",
    ))
    .unwrap()
}

fn parse(text: &str) -> (Option<Incident>, Vec<Diagnostic>) {
    let cat = catalog();
    let ctx = ParseContext {
        tz: "Europe/Berlin".parse::<Tz>().unwrap(),
        catalog: &cat,
        languages: &[],
    };
    let mut d = Vec::new();
    let i = Incident::parse(
        "2026-11-20-api",
        Path::new("incidents/2026-11-20-api.md"),
        text,
        ctx,
        &mut d,
    );
    (i, d)
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

const EXAMPLE: &str = r#"+++
title = "Elevated error rates on the API"
impact = "major"
started = 2026-11-20T14:02:00Z
affected = ["api", "web"]
+++

Summary here.

## Identified — 2026-11-20 14:40 UTC
A faulty deploy is being rolled back.

## Resolved — 2026-11-20 15:30 UTC
Error rates are back to normal.

## Update — 2026-11-20 14:50 UTC
Rollback half done.

## Investigating — 2026-11-20 15:05
We are investigating.
"#;

#[test]
fn parses_the_documented_example_in_any_update_order() {
    let (i, d) = parse(EXAMPLE);
    assert!(d.is_empty(), "{d:?}");
    let i = i.unwrap();
    assert_eq!(i.title, "Elevated error rates on the API");
    assert_eq!(i.impact, Impact::Major);
    assert_eq!(i.started, utc("2026-11-20T14:02:00Z"));
    // Newest first; 15:05 Berlin is 14:05 UTC.
    let times: Vec<_> = i
        .updates
        .iter()
        .map(|u| (u.status, u.at.format("%H:%M").to_string()))
        .collect();
    assert_eq!(
        times,
        [
            (IncidentStatus::Resolved, "15:30".into()),
            (IncidentStatus::Identified, "14:50".into()),
            (IncidentStatus::Identified, "14:40".into()),
            (IncidentStatus::Investigating, "14:05".into()),
        ]
    );
    assert_eq!(i.resolved, Some(utc("2026-11-20T15:30:00Z")));
    assert_eq!(i.status(), IncidentStatus::Resolved);
    assert_eq!(i.summary, "Summary here.");
}

#[test]
fn ongoing_without_resolution() {
    let (i, _) = parse(
        "+++\ntitle = \"x\"\nimpact = \"minor\"\nstarted = 2026-11-20T14:02:00Z\naffected = { api = \"partial_outage\" }\n+++\n## Monitoring — 2026-11-20 14:30 UTC\nWatching.\n",
    );
    let i = i.unwrap();
    assert!(i.is_open());
    assert_eq!(i.status(), IncidentStatus::Monitoring);
    assert_eq!(i.status_for(&i.affected[0]), ComponentStatus::PartialOutage);
}

#[test]
fn front_matter_resolution_wins() {
    let (i, _) = parse(
        "+++\ntitle = \"x\"\nstarted = 2026-11-20T14:02:00Z\nresolved = 2026-11-20T15:00:00Z\naffected = { web = \"major_outage\" }\n+++\n",
    );
    let i = i.unwrap();
    assert_eq!(i.status(), IncidentStatus::Resolved);
    assert_eq!(
        i.impact,
        Impact::Critical,
        "impact follows the worst stated status when left out"
    );
}

#[test]
fn reports_all_problems_with_positions_and_hints() {
    let (i, d) = parse(
        "+++\ntitle = \"\"\nimpact = \"severe\"\nstarted = 2026-11-20T14:02:00Z\nresolved = 2026-11-20T13:00:00Z\naffected = [\"api\", \"wbe\"]\n+++\n## Resolved — 2026-11-20 25:00 UTC\n",
    );
    assert!(i.is_none());
    let lines: Vec<String> = d
        .iter()
        .map(|d| format!("{}:{}:{} {}", d.path.display(), d.line, d.column, d.message))
        .collect();
    assert_eq!(
        lines,
        [
            "incidents/2026-11-20-api.md:8:4 update heading `Resolved — 2026-11-20 25:00 UTC` has no readable timestamp: `2026-11-20 25:00 UTC` is not a timestamp",
            "incidents/2026-11-20-api.md:2:9 `title` is empty",
            "incidents/2026-11-20-api.md:6:20 unknown component `wbe`",
            "incidents/2026-11-20-api.md:3:10 unknown impact `severe`",
            "incidents/2026-11-20-api.md:5:12 `resolved` is before `started`",
        ]
    );
    assert_eq!(
        d[2].hint.as_deref(),
        Some("did you mean `web`?; components and groups are defined in components.toml")
    );
}

#[test]
fn unknown_front_matter_key_is_reported() {
    let (_, d) =
        parse("+++\ntitle = \"x\"\nstarted = 2026-11-20T14:02:00Z\nafected = [\"api\"]\n+++\n");
    assert_eq!(d[0].message, "unknown key `afected`");
    assert_eq!(d[0].line, 4);
    assert!(
        d[0].hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean `affected`?")
    );
}

#[test]
fn missing_started_falls_back_to_the_first_update() {
    let (i, d) = parse("+++\ntitle = \"x\"\n+++\n## Investigating — 2026-11-20 14:05 UTC\nx\n");
    assert!(d.is_empty());
    assert_eq!(i.unwrap().started, utc("2026-11-20T14:05:00Z"));
    let (_, d) = parse("+++\ntitle = \"x\"\n+++\n");
    assert_eq!(d[0].message, "missing `started` in the front matter");
}

#[test]
fn next_update_promises_are_read_from_front_matter_and_headings() {
    let (i, d) = parse(
        "+++\ntitle = \"x\"\nstarted = 2026-11-20T14:02:00Z\nnext_update = \"2026-11-20 15:45\"\n+++\n## Identified — 2026-11-20 14:40 UTC · next update by 2026-11-20 15:10 UTC\nFound.\n\n## Investigating — 2026-11-20 14:05 UTC · next update by 15:35\nLooking.\n",
    );
    assert!(d.is_empty(), "{d:?}");
    let i = i.unwrap();
    // Without an offset, the site zone (Berlin) applies, as for `started`.
    assert_eq!(i.next_update, Some(utc("2026-11-20T14:45:00Z")));
    assert_eq!(i.next_update_position, Some((4, 15)));
    assert_eq!(i.updates[0].next_update, Some(utc("2026-11-20T15:10:00Z")));
    assert_eq!(i.updates[0].body, "Found.");
    // A time alone is its first occurrence after the update, in the site zone.
    assert_eq!(i.updates[1].next_update, Some(utc("2026-11-20T14:35:00Z")));
}

#[test]
fn unreadable_promises_are_errors_with_position_and_hint() {
    let (i, d) = parse(
        "+++\ntitle = \"x\"\nstarted = 2026-11-20T14:02:00Z\nnext_update = \"soon\"\n+++\n## Identified — 2026-11-20 14:40 UTC · next update by lunch\nFound.\n\n## Investigating — 2026-11-20 14:05 UTC · next update by 2026-11-20 14:00 UTC\nLooking.\n",
    );
    assert!(i.is_none());
    let lines: Vec<String> = d
        .iter()
        .map(|d| format!("{}:{}:{} {}", d.path.display(), d.line, d.column, d.message))
        .collect();
    assert_eq!(
        lines,
        [
            "incidents/2026-11-20-api.md:6:4 the next update promised in `Identified — 2026-11-20 14:40 UTC · next update by lunch` has no readable time (`lunch`): `lunch` is not a time",
            "incidents/2026-11-20-api.md:9:4 the next update promised by `2026-11-20 14:00 UTC` is not after this update (2026-11-20 14:05 UTC)",
            "incidents/2026-11-20-api.md:4:15 `next_update` is not a valid timestamp: `soon` is not a timestamp",
        ]
    );
    assert!(
        d[0].hint
            .as_deref()
            .unwrap()
            .contains("next update by 12:15")
    );
    assert!(
        d[2].hint
            .as_deref()
            .unwrap()
            .starts_with("write it as next_update = ")
    );
}
