use super::*;
use crate::fixture::{OPEN_WEB, SILENT, WINDOW, at, site};

#[test]
fn resolved_without_an_update_gets_an_implied_resolved_step() {
    let s = site(&[("blip", SILENT)], &[]);
    let life = incident(&s.incidents[0]);
    let statuses: Vec<&str> = life.steps.iter().map(|s| s.status).collect();
    assert_eq!(statuses, ["resolved", "investigating"]);
    assert_eq!(
        life.steps[0].body,
        Body::Default(IncidentStatus::Resolved.as_str())
    );
    assert_eq!(life.steps[0].at, at("2026-11-01T08:20:00Z"));
    assert_eq!(life.steps[1].body, Body::Summary);
    assert_eq!(life.created, at("2026-11-01T08:00:00Z"));
    assert_eq!(life.updated, at("2026-11-01T08:20:00Z"));
    assert_eq!(life.resolved, Some(at("2026-11-01T08:20:00Z")));
    assert!(!life.steps[0].active && life.steps[1].active);
}

#[test]
fn written_updates_are_kept_newest_first() {
    let s = site(&[("web", OPEN_WEB)], &[]);
    let life = incident(&s.incidents[0]);
    let got: Vec<(&str, Body)> = life.steps.iter().map(|s| (s.status, s.body)).collect();
    assert_eq!(
        got,
        [
            ("identified", Body::Update(0)),
            ("investigating", Body::SummaryThenUpdate(1))
        ]
    );
    assert_eq!(life.updated, at("2026-11-20T10:30:00Z"));
    assert_eq!(life.monitoring, None);
    assert_eq!(incident_updated(&s.incidents[0]), life.updated);
}

#[test]
fn maintenance_gets_the_clock_changes_nobody_wrote() {
    let s = site(&[], &[("m", WINDOW)]);
    let m = &s.maintenance[0];
    let before = maintenance(m, at("2026-11-20T00:00:00Z"));
    assert_eq!(before.steps.len(), 1);
    assert_eq!(before.steps[0].status, "scheduled");
    assert_eq!(before.created, at("2026-11-15T09:00:00Z"));
    assert_eq!(before.resolved, None);

    let during = maintenance(m, at("2026-11-21T03:00:00Z"));
    let got: Vec<(&str, DateTime<Utc>)> = during.steps.iter().map(|s| (s.status, s.at)).collect();
    assert_eq!(
        got,
        [
            ("in_progress", at("2026-11-21T02:00:00Z")),
            ("scheduled", at("2026-11-15T09:00:00Z"))
        ]
    );
    assert!(during.steps[0].active);

    let after = maintenance(m, at("2026-11-22T00:00:00Z"));
    let statuses: Vec<&str> = after.steps.iter().map(|s| s.status).collect();
    assert_eq!(statuses, ["completed", "in_progress", "scheduled"]);
    assert_eq!(after.resolved, Some(at("2026-11-21T04:00:00Z")));
    assert_eq!(after.updated, at("2026-11-21T04:00:00Z"));
    assert_eq!(
        after.steps[0].body,
        Body::Default(MaintenanceStatus::Completed.as_str())
    );
}

#[test]
fn an_early_completion_update_is_not_doubled() {
    let text = WINDOW.replace(
        "## Scheduled",
        "## Completed — 2026-11-21 03:10 UTC\nDone early.\n\n## Scheduled",
    );
    let s = site(&[], &[("m", &text)]);
    let life = maintenance(&s.maintenance[0], at("2026-11-22T00:00:00Z"));
    let got: Vec<(&str, DateTime<Utc>)> = life.steps.iter().map(|s| (s.status, s.at)).collect();
    assert_eq!(
        got,
        [
            ("completed", at("2026-11-21T03:10:00Z")),
            ("in_progress", at("2026-11-21T02:00:00Z")),
            ("scheduled", at("2026-11-15T09:00:00Z"))
        ]
    );
    assert_eq!(life.resolved, Some(at("2026-11-21T03:10:00Z")));
}

#[test]
fn updates_posted_after_now_are_left_out() {
    let text = WINDOW.replace(
        "## Scheduled",
        "## Completed — 2026-11-21 03:10 UTC\nDone early.\n\n## Scheduled",
    );
    let s = site(&[], &[("m", &text)]);
    let life = maintenance(&s.maintenance[0], at("2026-11-20T00:00:00Z"));
    let statuses: Vec<&str> = life.steps.iter().map(|s| s.status).collect();
    assert_eq!(statuses, ["scheduled"]);
}

#[test]
fn an_announcement_is_posted_at_show_from_and_resolved_at_show_until() {
    use crate::fixture::{RATE_LIMITS, site_with_announcements};
    let s = site_with_announcements(&[("rates", RATE_LIMITS)], "");
    let a = &s.announcements[0];
    let shown = announcement(a, at("2026-11-23T12:00:00Z"));
    let got: Vec<(&str, Body, bool)> = shown
        .steps
        .iter()
        .map(|s| (s.status, s.body, s.active))
        .collect();
    assert_eq!(got, [("identified", Body::Summary, true)]);
    assert_eq!(shown.created, at("2026-11-16T09:00:00Z"));
    assert_eq!((shown.updated, shown.resolved), (shown.created, None));
    let ended = announcement(a, at("2026-12-05T00:00:00Z"));
    let got: Vec<(&str, DateTime<Utc>)> = ended.steps.iter().map(|s| (s.status, s.at)).collect();
    assert_eq!(
        got,
        [
            ("resolved", at("2026-12-02T00:00:00Z")),
            ("identified", at("2026-11-16T09:00:00Z"))
        ]
    );
    assert_eq!(ended.steps[0].body, Body::Default(ANNOUNCEMENT_ENDED));
    assert_eq!(ended.resolved, Some(at("2026-12-02T00:00:00Z")));
    assert_eq!(ended.updated, at("2026-12-02T00:00:00Z"));
}

#[test]
fn a_postmortem_is_the_newest_step_after_the_resolution_it_follows() {
    let text = SILENT.replace(
        "A short blip.\n",
        "A short blip.\n\n## Postmortem — 2026-11-03 09:00 UTC\nA full disk.\n",
    );
    let s = site(&[("blip", &text)], &[]);
    let inc = &s.incidents[0];
    assert!(inc.updates.is_empty());
    let life = incident(inc);
    let got: Vec<(&str, Body, DateTime<Utc>)> = life
        .steps
        .iter()
        .map(|s| (s.status, s.body, s.at))
        .collect();
    assert_eq!(
        got,
        [
            ("postmortem", Body::Postmortem, at("2026-11-03T09:00:00Z")),
            (
                "resolved",
                Body::Default(IncidentStatus::Resolved.as_str()),
                at("2026-11-01T08:20:00Z")
            ),
            ("investigating", Body::Summary, at("2026-11-01T08:00:00Z")),
        ]
    );
    assert!(!life.steps[0].active);
    // The postmortem is the incident's latest change; the resolution stays when it ended.
    assert_eq!(life.updated, at("2026-11-03T09:00:00Z"));
    assert_eq!(incident_updated(inc), life.updated);
    assert_eq!(life.resolved, Some(at("2026-11-01T08:20:00Z")));
}
