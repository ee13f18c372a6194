use super::*;
use crate::fixture::{OPEN_WEB, RESOLVED_API, SILENT, WINDOW, at, derived};
use crate::model::MaintenanceStatus;

fn events(incidents: &[(&str, &str)], maintenance: &[(&str, &str)], now: &str) -> Vec<Event> {
    let (site, state) = derived(incidents, maintenance, now);
    list(&site, &state)
}

fn keys(events: &[Event]) -> Vec<&str> {
    events.iter().map(|e| e.notice.key.as_str()).collect()
}

#[test]
fn an_open_incident_is_opened_then_updated() {
    let e = events(&[("web", OPEN_WEB)], &[], "2026-11-20T11:00:00Z");
    assert_eq!(
        keys(&e),
        [
            "incident/web/opened",
            "incident/web/update/2026-11-20T10:30:00Z"
        ]
    );
    let opened = &e[0].notice;
    assert_eq!(opened.kind, NoticeKind::IncidentOpened);
    assert!(opened.first_of_thread && !e[1].notice.first_of_thread);
    assert_eq!(opened.thread, "incident/web");
    assert_eq!(opened.tone, Tone::Major);
    assert_eq!(opened.status, "Investigating");
    assert_eq!(opened.impact, "Major impact");
    assert_eq!(opened.components, ["Web"]);
    assert_eq!(opened.component_ids, ["web", "core"]);
    assert_eq!(opened.body_markdown, "Summary.\n\nLooking & checking.");
    assert_eq!(opened.at, at("2026-11-20T10:05:00Z"));
    assert_eq!(opened.at_text, "20 Nov 2026, 10:05 UTC");
    assert_eq!(opened.url, "https://status.acme.test/incidents/web/");
    assert_eq!(opened.site_url, "https://status.acme.test");
    assert_eq!(opened.site_title, "Acme Status");
    assert_eq!(e[0].impact, Some(Impact::Major));
    assert_eq!(e[0].source, Source::Incident { post: 0, step: 1 });
    let update = &e[1].notice;
    assert_eq!(
        (
            update.kind,
            update.status.as_str(),
            update.body_markdown.as_str()
        ),
        (NoticeKind::IncidentUpdated, "Identified", "Found it.")
    );
    assert_eq!(e[1].source, Source::Incident { post: 0, step: 0 });
}

#[test]
fn updates_after_the_clock_are_not_events_yet() {
    let e = events(&[("web", OPEN_WEB)], &[], "2026-11-20T10:10:00Z");
    assert_eq!(keys(&e), ["incident/web/opened"]);
}

#[test]
fn a_resolution_by_the_front_matter_keeps_its_key_when_an_update_says_it() {
    let e = events(&[("blip", SILENT)], &[], "2026-11-02T00:00:00Z");
    assert_eq!(
        keys(&e),
        [
            "incident/blip/opened",
            "incident/blip/resolved/2026-11-01T08:20:00Z"
        ]
    );
    assert_eq!(e[0].notice.body_markdown, "A short blip.");
    assert_eq!(e[0].notice.at, at("2026-11-01T08:00:00Z"));
    let resolved = &e[1].notice;
    assert_eq!(resolved.kind, NoticeKind::IncidentResolved);
    assert_eq!(resolved.tone, Tone::Resolved);
    assert_eq!(resolved.body_markdown, "This incident has been resolved.");
    let written = SILENT.replace(
        "A short blip.\n",
        "A short blip.\n\n## Resolved — 2026-11-01 08:25 UTC\nAll good.\n",
    );
    // The only update both opens and closes it: one event, under the key already recorded.
    let again = events(&[("blip", &written)], &[], "2026-11-02T00:00:00Z");
    assert_eq!(keys(&again), keys(&e)[1..]);
    assert_eq!(again[0].notice.kind, NoticeKind::IncidentResolved);
    assert!(again[0].notice.first_of_thread);
    assert_eq!(again[0].notice.body_markdown, "A short blip.\n\nAll good.");
}

#[test]
fn edited_text_keeps_every_key_and_equal_times_are_numbered() {
    let edited = OPEN_WEB.replace("Found it.", "Found it: a bad deploy.");
    let a = events(&[("web", OPEN_WEB)], &[], "2026-11-21T00:00:00Z");
    let b = events(&[("web", &edited)], &[], "2026-11-21T00:00:00Z");
    assert_eq!(keys(&a), keys(&b));
    assert_ne!(a[1].notice.body_markdown, b[1].notice.body_markdown);
    let twice = OPEN_WEB.replace(
        "## Identified",
        "## Update — 2026-11-20 10:30 UTC\nMore.\n\n## Identified",
    );
    let e = events(&[("web", &twice)], &[], "2026-11-21T00:00:00Z");
    assert_eq!(
        keys(&e),
        [
            "incident/web/opened",
            "incident/web/update/2026-11-20T10:30:00Z",
            "incident/web/update/2026-11-20T10:30:00Z/2"
        ]
    );
    assert_eq!(e[2].notice.body_markdown, "More.");
}

#[test]
fn a_postmortem_follows_the_resolution() {
    let text = RESOLVED_API.replace(
        "## Resolved",
        "## Postmortem — 2026-11-11 10:00 UTC\nRoot cause.\n\n## Resolved",
    );
    let e = events(&[("api", &text)], &[], "2026-11-20T00:00:00Z");
    let kinds: Vec<NoticeKind> = e.iter().map(|e| e.notice.kind).collect();
    assert_eq!(
        kinds,
        [
            NoticeKind::IncidentOpened,
            NoticeKind::IncidentResolved,
            NoticeKind::Postmortem
        ]
    );
    assert_eq!(
        e[2].notice.key,
        "incident/api/postmortem/2026-11-11T10:00:00Z"
    );
    assert_eq!(e[2].notice.kind.event_name(), "update");
    assert_eq!(e[2].notice.body_markdown, "Root cause.");
    assert_eq!(e[2].notice.status, "Postmortem");
    assert_eq!(
        e[2].notice.url,
        "https://status.acme.test/incidents/api/#postmortem"
    );
    assert_eq!(e[1].notice.url, "https://status.acme.test/incidents/api/");
    assert_eq!(e[0].notice.components, ["API", "Mail"]);
    assert_eq!(e[0].notice.component_ids, ["api", "mail", "core"]);
}

#[test]
fn a_window_is_scheduled_started_and_completed_by_the_clock() {
    let before = events(&[], &[("mail", WINDOW)], "2026-11-20T00:00:00Z");
    assert_eq!(keys(&before), ["maintenance/mail/scheduled"]);
    let n = &before[0].notice;
    assert_eq!(n.kind, NoticeKind::MaintenanceScheduled);
    assert_eq!((n.tone, n.impact.as_str()), (Tone::Maintenance, ""));
    assert_eq!(n.body_markdown, "Upgrading mail.\n\nWe will upgrade mail.");
    assert_eq!(
        n.window_text.as_deref(),
        Some("21 Nov 2026, 02:00 – 04:00 UTC")
    );
    assert_eq!(before[0].impact, None);
    let after = events(&[], &[("mail", WINDOW)], "2026-11-22T00:00:00Z");
    assert_eq!(
        keys(&after),
        [
            "maintenance/mail/scheduled",
            "maintenance/mail/started",
            "maintenance/mail/completed"
        ]
    );
    assert_eq!(after[1].notice.at, at("2026-11-21T02:00:00Z"));
    assert_eq!(
        after[1].notice.body_markdown,
        MaintenanceStatus::InProgress.default_text()
    );
    assert_eq!(after[2].notice.tone, Tone::Resolved);
    assert_eq!(after[2].notice.status, "Completed");
}

#[test]
fn a_start_written_after_the_clock_started_the_window_is_not_a_second_start() {
    let written = WINDOW.replace(
        "## Scheduled",
        "## In progress — 2026-11-21 02:05 UTC\nStarted.\n\n## Scheduled",
    );
    let e = events(&[], &[("mail", &written)], "2026-11-21T03:00:00Z");
    assert_eq!(
        keys(&e),
        ["maintenance/mail/scheduled", "maintenance/mail/started"]
    );
    assert_eq!(e[1].notice.body_markdown, "Started.");
}

#[test]
fn a_window_nobody_announced_starts_with_its_summary() {
    let silent = WINDOW.replace(
        "## Scheduled — 2026-11-15 09:00 UTC\nWe will upgrade mail.\n",
        "",
    );
    let e = events(&[], &[("mail", &silent)], "2026-11-21T03:00:00Z");
    assert_eq!(keys(&e), ["maintenance/mail/started"]);
    assert!(e[0].notice.first_of_thread);
    assert_eq!(
        e[0].notice.body_markdown,
        format!(
            "Upgrading mail.\n\n{}",
            MaintenanceStatus::InProgress.default_text()
        )
    );
}

#[test]
fn events_of_all_posts_are_ordered_by_time_then_key() {
    let e = events(
        &[("web", OPEN_WEB), ("api", RESOLVED_API)],
        &[("mail", WINDOW)],
        "2026-11-22T00:00:00Z",
    );
    let times: Vec<DateTime<Utc>> = e.iter().map(|e| e.notice.at).collect();
    let mut sorted = times.clone();
    sorted.sort();
    assert_eq!(times, sorted);
    assert_eq!(e.len(), 2 + 2 + 3);
    assert_eq!(e[0].notice.key, "incident/api/opened");
}

#[test]
fn window_text_names_both_dates_when_they_differ() {
    let tz: chrono_tz::Tz = "Europe/Berlin".parse().unwrap();
    let en = crate::i18n::english_table();
    assert_eq!(
        window_text(
            at("2026-11-26T01:00:00Z"),
            at("2026-11-26T03:00:00Z"),
            tz,
            en
        ),
        "26 Nov 2026, 02:00 – 04:00 CET"
    );
    assert_eq!(
        window_text(
            at("2026-11-26T22:00:00Z"),
            at("2026-11-27T02:00:00Z"),
            tz,
            en
        ),
        "26 Nov 2026, 23:00 CET – 27 Nov 2026, 03:00 CET"
    );
    assert_eq!(
        window_text(
            at("2026-10-25T00:00:00Z"),
            at("2026-10-25T02:00:00Z"),
            tz,
            en
        ),
        "25 Oct 2026, 02:00 CEST – 25 Oct 2026, 03:00 CET"
    );
}

#[test]
fn an_update_that_promises_the_next_says_when() {
    let promising = OPEN_WEB.replace(
        "## Identified — 2026-11-20 10:30 UTC",
        "## Identified — 2026-11-20 10:30 UTC · next update by 2026-11-20 11:00 UTC",
    );
    assert_ne!(promising, OPEN_WEB, "the fixture has the heading");
    let e = events(&[("web", &promising)], &[], "2026-11-20T11:00:00Z");
    assert_eq!(
        e[1].notice.body_markdown,
        "Found it.\n\nNext update by 11:00 UTC."
    );
    assert_eq!(e[0].notice.body_markdown, "Summary.\n\nLooking & checking.");
}

/// Every Saturday 02:00–04:00 UTC from 3 October, announced in September; the window of
/// 14 November overran and was completed by hand.
const WEEKLY: &str = "+++\ntitle = \"Weekly mail patching\"\nstart = 2026-10-03T02:00:00Z\nend = 2026-10-03T04:00:00Z\nrepeat = \"FREQ=WEEKLY;BYDAY=SA\"\naffected = [\"mail\"]\n+++\nPatching mail.\n\n## Completed — 2026-11-14 04:30 UTC\nDone.\n\n## In progress — 2026-11-14 04:10 UTC\nRunning late.\n\n## Scheduled — 2026-09-20 09:00 UTC\nEvery Saturday.\n";

fn weekly_events(now: &str, max_age_hours: u32) -> Vec<Event> {
    let mut site = crate::fixture::site(&[], &[("weekly", WEEKLY)]);
    let config = format!(
        "title = \"Acme Status\"\nbase_url = \"https://status.acme.test\"\n[[notify]]\nkind = \"slack\"\nname = \"ops\"\nurl_env = \"SLACK_URL\"\nmax_age_hours = {max_age_hours}\n"
    );
    site.config = crate::model::Config::parse(crate::model::toml_source::TomlSource::file(
        std::path::Path::new("statuspress.toml"),
        &config,
    ))
    .unwrap();
    let state = State::derive(&site, at(now));
    list(&site, &state)
}

#[test]
fn a_recurring_window_announces_its_series_once_and_only_recent_occurrences() {
    let e = weekly_events("2026-11-21T05:00:00Z", 48);
    assert_eq!(
        keys(&e),
        [
            "maintenance/weekly/scheduled",
            "maintenance/weekly/2026-11-21/started",
            "maintenance/weekly/2026-11-21/completed",
        ]
    );
    let series = &e[0].notice;
    assert_eq!(series.thread, "maintenance/weekly");
    assert!(series.first_of_thread);
    assert_eq!(series.url, "https://status.acme.test/maintenance/weekly/");
    assert_eq!(
        series.window_text.as_deref(),
        Some("Every Saturday, 02:00–04:00 UTC")
    );
    assert_eq!(series.body_markdown, "Patching mail.\n\nEvery Saturday.");
    let started = &e[1].notice;
    assert_eq!(started.thread, "maintenance/weekly/2026-11-21");
    assert!(started.first_of_thread && !e[2].notice.first_of_thread);
    assert_eq!(started.at, at("2026-11-21T02:00:00Z"));
    assert_eq!(
        started.url,
        "https://status.acme.test/maintenance/weekly/#on-2026-11-21"
    );
    assert!(started.body_markdown.starts_with("Patching mail.\n\n"));
    assert_eq!(e[2].notice.at, at("2026-11-21T04:00:00Z"));

    // A longer memory reaches the overrun of the 14th, told by its own updates.
    let e = weekly_events("2026-11-21T05:00:00Z", 24 * 8);
    assert_eq!(
        keys(&e),
        [
            "maintenance/weekly/scheduled",
            "maintenance/weekly/2026-11-14/started",
            "maintenance/weekly/2026-11-14/completed",
            "maintenance/weekly/2026-11-21/started",
            "maintenance/weekly/2026-11-21/completed",
        ]
    );
    assert_eq!(e[1].notice.at, at("2026-11-14T04:10:00Z"));
    assert_eq!(e[1].notice.body_markdown, "Patching mail.\n\nRunning late.");
    assert_eq!(e[2].notice.body_markdown, "Done.");
    // Keys do not change as the clock moves on.
    let later = weekly_events("2026-11-28T05:00:00Z", 24 * 8);
    assert!(keys(&later).contains(&"maintenance/weekly/2026-11-21/completed"));
    assert_eq!(
        keys(&later)
            .iter()
            .filter(|k| k.ends_with("/scheduled"))
            .count(),
        1
    );
}

mod languages;
