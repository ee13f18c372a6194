//! Support for the email and Mastodon channel tests: a notice to send, an SMTP server and an
//! HTTP receiver on loopback that record what they get, and a reader of MIME messages.
#![allow(dead_code, reason = "each test file uses a different subset")]

pub mod http;
pub mod mime;
pub mod smtp;

use chrono::{DateTime, Utc};
use statuspress::notify::notice::{Notice, NoticeKind, Tone, Words};
use std::net::TcpListener;

/// The second update of an incident on "Acme Status": "Identified: Elevated error rates", major
/// impact on API and Web, at 2026-11-20T14:40:00Z.
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
        body_markdown:
            "We found a bad deploy of the *API* and are [rolling it back](https://acme.test/ops)."
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

/// The first notice of the same incident: "Investigating", 35 minutes earlier.
pub fn first_notice() -> Notice {
    Notice {
        key: "incident/2026-11-20-api-errors/update/2026-11-20T14:05:00Z".into(),
        first_of_thread: true,
        kind: NoticeKind::IncidentOpened,
        status: "Investigating".into(),
        body_markdown: "We are investigating.".into(),
        at: DateTime::parse_from_rfc3339("2026-11-20T14:05:00Z")
            .unwrap()
            .with_timezone(&Utc),
        at_text: "20 Nov 2026, 15:05 CET".into(),
        ..notice()
    }
}

/// A port that accepts connections (the kernel completes them) and never says a word: for
/// timeouts. Keep it alive as long as the test needs the silence.
pub fn silent_port() -> TcpListener {
    TcpListener::bind("127.0.0.1:0").unwrap()
}
