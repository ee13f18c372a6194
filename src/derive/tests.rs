use super::*;
use crate::load::{Sources, parse};
use crate::model::IncidentStatus;
use std::path::PathBuf;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn site(incidents: &[(&str, &str)], maintenance: &[(&str, &str)]) -> Site {
    let posts = |dir: &str, list: &[(&str, &str)]| {
        list.iter()
            .map(|(id, t)| (PathBuf::from(format!("{dir}/{id}.md")), t.to_string()))
            .collect()
    };
    parse(Sources {
        config: "title = \"T\"\nbase_url = \"https://s.test\"\n".into(),
        components: "[[group]]\nid = \"core\"\nname = \"Core\"\n[[component]]\nid = \"api\"\nname = \"API\"\ngroup = \"core\"\n[[component]]\nid = \"web\"\nname = \"Web\"\ngroup = \"core\"\n[[component]]\nid = \"mail\"\nname = \"Mail\"\n".into(),
        incidents: posts("incidents", incidents),
        maintenance: posts("maintenance", maintenance),
        ..Sources::default()
    })
    .unwrap()
}

const OPEN_MINOR_API: &str = "+++\ntitle = \"Slow API\"\nimpact = \"minor\"\nstarted = 2026-11-20T10:00:00Z\naffected = [\"api\"]\n+++\n## Investigating — 2026-11-20 10:05 UTC\nLooking.\n";
const RESOLVED_CRITICAL_CORE: &str = "+++\ntitle = \"Down\"\nimpact = \"critical\"\nstarted = 2026-11-19T10:00:00Z\nresolved = 2026-11-19T11:00:00Z\naffected = [\"core\"]\n+++\n";
const WINDOW: &str = "+++\ntitle = \"Mail upgrade\"\nstart = 2026-11-20T09:00:00Z\nend = 2026-11-20T12:00:00Z\naffected = [\"mail\"]\n+++\n";

#[test]
fn open_incidents_set_component_and_group_status() {
    let s = site(&[("a", OPEN_MINOR_API), ("b", RESOLVED_CRITICAL_CORE)], &[]);
    let st = State::derive(&s, at("2026-11-20T11:00:00Z"));
    assert_eq!(
        st.component_status,
        [
            ComponentStatus::DegradedPerformance,
            ComponentStatus::Operational,
            ComponentStatus::Operational
        ]
    );
    assert_eq!(st.group_status, [ComponentStatus::DegradedPerformance]);
    assert_eq!(st.indicator, Indicator::Minor);
    assert_eq!(st.open_incidents.len(), 1);
    // Newest first, and the group incident lands on both members.
    assert_eq!(
        st.incidents
            .iter()
            .map(|&i| s.incidents[i].id.as_str())
            .collect::<Vec<_>>(),
        ["a", "b"]
    );
    assert_eq!(
        st.effects[st.incidents[1]],
        [
            (0, ComponentStatus::MajorOutage),
            (1, ComponentStatus::MajorOutage)
        ]
    );
    assert_eq!(st.component_incidents[1].len(), 1);
    assert_eq!(
        s.incidents[st.incidents[1]].status(),
        IncidentStatus::Resolved
    );
}

#[test]
fn active_maintenance_puts_components_under_maintenance() {
    let s = site(&[], &[("m", WINDOW)]);
    let during = State::derive(&s, at("2026-11-20T10:00:00Z"));
    assert_eq!(
        during.component_status[2],
        ComponentStatus::UnderMaintenance
    );
    assert_eq!(during.indicator, Indicator::Maintenance);
    assert_eq!(during.active_maintenance, [0]);
    let before = State::derive(&s, at("2026-11-19T10:00:00Z"));
    assert_eq!(before.upcoming_maintenance, [0]);
    assert_eq!(before.indicator, Indicator::None);
    let after = State::derive(&s, at("2026-11-21T10:00:00Z"));
    assert!(after.active_maintenance.is_empty() && after.upcoming_maintenance.is_empty());
}

#[test]
fn an_outage_outranks_maintenance() {
    let s = site(
        &[(
            "a",
            &OPEN_MINOR_API.replace("[\"api\"]", "{ mail = \"major_outage\" }"),
        )],
        &[("m", WINDOW)],
    );
    let st = State::derive(&s, at("2026-11-20T10:00:00Z"));
    assert_eq!(st.component_status[2], ComponentStatus::MajorOutage);
    assert_eq!(st.indicator, Indicator::Critical);
}

#[test]
fn an_open_incident_without_components_still_shows_in_the_indicator() {
    let s = site(
        &[(
            "a",
            &OPEN_MINOR_API
                .replace("affected = [\"api\"]\n", "impact = \"major\"\n")
                .replace("impact = \"minor\"\n", ""),
        )],
        &[],
    );
    let st = State::derive(&s, at("2026-11-20T11:00:00Z"));
    assert!(
        st.component_status
            .iter()
            .all(|s| *s == ComponentStatus::Operational)
    );
    assert_eq!(st.indicator, Indicator::Major);
}

#[test]
fn future_dates_are_warned_about() {
    let s = site(&[("a", OPEN_MINOR_API)], &[]);
    assert!(lint(&s, at("2026-11-20T11:00:00Z")).is_empty());
    let w = lint(&s, at("2026-11-19T11:00:00Z"));
    let msgs: Vec<_> = w.iter().map(|d| (d.line, d.message.as_str())).collect();
    assert_eq!(
        msgs,
        [
            (1, "`started` is in the future (2026-11-20 10:00 UTC)"),
            (
                7,
                "this update is dated in the future (2026-11-20 10:05 UTC)"
            )
        ]
    );
    assert!(!w[0].is_error());
}

#[test]
fn forgotten_and_silent_incidents_are_warned_about() {
    let s = site(&[("a", OPEN_MINOR_API), ("b", RESOLVED_CRITICAL_CORE)], &[]);
    let w = lint(&s, at("2026-11-22T12:00:00Z"));
    let msgs: Vec<_> = w
        .iter()
        .map(|d| (d.path.to_string_lossy().into_owned(), d.message.as_str()))
        .collect();
    assert_eq!(
        msgs,
        [
            (
                "incidents/a.md".to_string(),
                "the incident is open but has had no update for more than 24 hours"
            ),
            (
                "incidents/b.md".to_string(),
                "the incident has no updates, so readers see no word from you"
            ),
        ]
    );
}

#[test]
fn what_the_page_cannot_state_at_now_is_an_error() {
    let s = site(&[("b", RESOLVED_CRITICAL_CORE)], &[("w", WINDOW)]);
    // Before its start, nothing says when the window was announced; `resolved` is ahead.
    let errors = |now| {
        lint(&s, at(now))
            .into_iter()
            .filter(|d| d.is_error())
            .map(|d| (d.line, d.column, d.message))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        errors("2026-11-19T10:30:00Z"),
        [
            (5, 12, "`resolved` is in the future (2026-11-19 11:00 UTC), so the page would call an ongoing incident over".to_string()),
            (7, 1, "nothing says when this upcoming window was announced: it has no update dated before the build (2026-11-19 10:30 UTC)".to_string()),
        ]
    );
    // Within the clock-drift horizon, and once the window has started, both are fine.
    assert_eq!(errors("2026-11-19T10:55:00Z").len(), 1);
    assert!(errors("2026-11-20T09:00:00Z").is_empty());
}

#[test]
fn group_members_are_indexed_once_in_file_order() {
    let components = "[[group]]\nid = \"a\"\nname = \"A\"\n[[group]]\nid = \"b\"\nname = \"B\"\n[[component]]\nid = \"b1\"\nname = \"B1\"\ngroup = \"b\"\n[[component]]\nid = \"solo\"\nname = \"Solo\"\n[[component]]\nid = \"a1\"\nname = \"A1\"\ngroup = \"a\"\n[[component]]\nid = \"b2\"\nname = \"B2\"\ngroup = \"b\"\n[[component]]\nid = \"b3\"\nname = \"B3\"\ngroup = \"b\"\n";
    let outage = "+++\ntitle = \"Down\"\nimpact = \"major\"\nstarted = 2026-11-20T10:00:00Z\naffected = [\"b3\"]\n+++\n";
    let s = parse(Sources {
        config: "title = \"T\"\nbase_url = \"https://s.test\"\n".into(),
        components: components.into(),
        incidents: vec![(PathBuf::from("incidents/x.md"), outage.to_string())],
        ..Sources::default()
    })
    .unwrap();
    let st = State::derive(&s, at("2026-11-20T11:00:00Z"));
    assert_eq!(st.group_members, [vec![2], vec![0, 3, 4]]);
    assert_eq!(
        st.component_group,
        [Some(1), None, Some(0), Some(1), Some(1)]
    );
    assert_eq!(
        st.group_status,
        [ComponentStatus::Operational, ComponentStatus::PartialOutage]
    );
}

#[test]
fn announcements_are_shown_between_show_from_and_show_until_warnings_first() {
    use crate::fixture::{EMAIL_ALERTS, PAST_NOTICE, RATE_LIMITS, site_with_announcements};
    let s = site_with_announcements(
        &[
            ("email", EMAIL_ALERTS),
            ("moved", PAST_NOTICE),
            ("rates", RATE_LIMITS),
        ],
        "",
    );
    let ids = |list: &[usize]| -> Vec<&str> {
        list.iter()
            .map(|&a| s.announcements[a].id.as_str())
            .collect()
    };
    let st = State::derive(&s, at("2026-11-23T12:00:00Z"));
    // The warning comes first although the notice is newer; the October one has ended.
    assert_eq!(ids(&st.shown_announcements), ["rates", "email"]);
    assert_eq!(ids(&st.announcements), ["email", "rates", "moved"]);
    let st = State::derive(&s, at("2026-11-18T12:00:00Z"));
    assert_eq!(ids(&st.shown_announcements), ["rates"]);
    assert_eq!(ids(&st.announcements), ["rates", "moved"]);
    let st = State::derive(&s, at("2026-12-02T00:00:00Z"));
    assert_eq!(ids(&st.shown_announcements), ["email"]);
    let st = State::derive(&s, at("2026-09-30T00:00:00Z"));
    assert!(st.announcements.is_empty() && st.shown_announcements.is_empty());
}
