use crate::diagnostic::Diagnostic;
use crate::model::components::Catalog;
use crate::model::toml_source::TomlSource;
use crate::model::{Incident, IncidentStatus, ParseContext};
use chrono::{DateTime, Utc};
use std::path::Path;

fn parse(text: &str) -> (Option<Incident>, Vec<Diagnostic>) {
    let catalog = Catalog::parse(TomlSource::file(
        Path::new("components.toml"),
        "[[component]]\nid = \"api\"\nname = \"API\"\n",
    ))
    .unwrap();
    let ctx = ParseContext {
        tz: "Europe/Berlin".parse().unwrap(),
        catalog: &catalog,
        languages: &[],
    };
    let mut d = Vec::new();
    let i = Incident::parse("api", Path::new("incidents/api.md"), text, ctx, &mut d);
    (i, d)
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().to_utc()
}

/// A resolved incident (line 8: Resolved, line 11: Investigating), with room for a postmortem
/// above its updates.
const RESOLVED: &str = "+++\ntitle = \"API errors\"\nimpact = \"major\"\nstarted = 2026-11-20T14:02:00Z\naffected = [\"api\"]\n+++\n\n## Resolved — 2026-11-20 15:30 UTC\nFixed.\n\n## Investigating — 2026-11-20 14:05 UTC\nLooking.\n";

fn with_postmortem(heading: &str) -> String {
    RESOLVED.replace(
        "## Resolved",
        &format!("{heading}\nA bad deploy.\n\n### What changes\nCanaries.\n\n## Resolved"),
    )
}

fn describe(d: &[Diagnostic]) -> Vec<String> {
    d.iter()
        .map(|d| format!("{:?} {}:{} {}", d.severity, d.line, d.column, d.message))
        .collect()
}

#[test]
fn the_postmortem_is_kept_apart_from_the_status_updates() {
    let (i, d) = parse(&with_postmortem("## Postmortem — 2026-11-22 10:00 UTC"));
    assert!(d.is_empty(), "{d:?}");
    let i = i.unwrap();
    let p = i.postmortem.as_ref().unwrap();
    assert_eq!(p.published, utc("2026-11-22T10:00:00Z"));
    assert_eq!(p.body, "A bad deploy.\n\n### What changes\nCanaries.");
    assert_eq!(p.line, 8);
    let statuses: Vec<IncidentStatus> = i.updates.iter().map(|u| u.status).collect();
    assert_eq!(
        statuses,
        [IncidentStatus::Resolved, IncidentStatus::Investigating]
    );
    // Resolved by its Resolved update, not by the postmortem; told as Statuspage tells it.
    assert_eq!(i.resolved, Some(utc("2026-11-20T15:30:00Z")));
    assert_eq!(i.resolved_position, Some((14, 4)));
    assert_eq!(i.status(), IncidentStatus::Postmortem);
    assert_eq!(i.impact_position, Some((3, 10)));
}

#[test]
fn the_other_spelling_and_a_later_update_keep_the_resolution() {
    // An `Update` after the postmortem keeps the status before it: resolved.
    let text = with_postmortem("## Post-mortem — 2026-11-22 10:00 UTC").replace(
        "## Post-mortem",
        "## Update — 2026-11-23 09:00 UTC\nCredits are applied.\n\n## Post-mortem",
    );
    let (i, d) = parse(&text);
    assert!(d.is_empty(), "{d:?}");
    let i = i.unwrap();
    assert_eq!(i.updates[0].status, IncidentStatus::Resolved);
    assert_eq!(i.updates.len(), 3);
    assert_eq!(i.postmortem.unwrap().published, utc("2026-11-22T10:00:00Z"));
}

#[test]
fn a_second_postmortem_is_an_error_naming_both_lines() {
    let text = with_postmortem("## Postmortem — 2026-11-22 10:00 UTC").replace(
        "## Resolved",
        "## Postmortem — 2026-11-23 10:00 UTC\nMore.\n\n## Resolved",
    );
    let (i, d) = parse(&text);
    assert!(i.is_none());
    assert_eq!(
        describe(&d),
        ["Error 14:4 a second postmortem: this incident already has one at line 8"]
    );
    assert!(d[0].hint.as_deref().unwrap().contains("merge the two"));
}

#[test]
fn a_postmortem_on_an_open_incident_is_an_error_at_its_heading() {
    let open = RESOLVED.replace("## Resolved —", "## Monitoring —");
    let text = open.replace(
        "## Monitoring",
        "## Postmortem — 2026-11-22 10:00 UTC\nToo early.\n\n## Monitoring",
    );
    let (i, d) = parse(&text);
    assert!(i.is_none());
    assert_eq!(
        describe(&d),
        ["Error 8:4 a postmortem on an incident that is not resolved"]
    );
    assert!(
        d[0].hint
            .as_deref()
            .unwrap()
            .contains("`resolved = <time>`")
    );
    // `resolved` in the front matter is a resolution too.
    let resolved = text.replace("+++\n\n", "resolved = 2026-11-20T15:30:00Z\n+++\n\n");
    let (i, d) = parse(&resolved);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(i.unwrap().status(), IncidentStatus::Postmortem);
}

#[test]
fn a_postmortem_dated_before_the_resolution_is_a_warning() {
    // 15:00 in Berlin is 14:00 UTC, before the 15:30 UTC resolution.
    let (i, d) = parse(&with_postmortem("## Postmortem — 2026-11-20 15:00"));
    assert!(i.is_some());
    assert_eq!(
        describe(&d),
        [
            "Warning 8:4 the postmortem is dated before the incident was resolved (2026-11-20 15:30 UTC)"
        ]
    );
    assert!(d[0].hint.as_deref().unwrap().contains("time zone"));
}
