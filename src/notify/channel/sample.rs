//! A notice for the channels' unit tests: the second update of an incident.

use chrono::{DateTime, Utc};

use crate::notify::notice::{Notice, NoticeKind, Tone, Words};

/// "Identified: Elevated error rates" on Acme Status, major impact on API and Web, at
/// 2026-11-20T14:40:00Z.
pub fn notice() -> Notice {
    Notice {
        key: "incident/2026-11-20-api-errors/update/2026-11-20T14:40:00Z".into(),
        thread: "incident/2026-11-20-api-errors".into(),
        first_of_thread: false,
        kind: NoticeKind::IncidentUpdated,
        tone: Tone::Major,
        site_title: "Acme Status".into(),
        site_url: "https://status.acme.test".into(),
        title: "Elevated error rates".into(),
        status: "Identified".into(),
        impact: "Major impact".into(),
        components: vec!["API".into(), "Web".into()],
        component_ids: vec!["api".into(), "web".into(), "core".into()],
        body_markdown: "A bad deploy of the *API*; we are [rolling back](https://acme.test/ops)."
            .into(),
        at: DateTime::parse_from_rfc3339("2026-11-20T14:40:00Z")
            .unwrap()
            .with_timezone(&Utc),
        at_text: "20 Nov 2026, 15:40 CET".into(),
        window_text: None,
        url: "https://status.acme.test/incidents/2026-11-20-api-errors/".into(),
        words: Words::builtin("en"),
    }
}
