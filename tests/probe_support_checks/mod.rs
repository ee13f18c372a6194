//! Support for the tests of the `tls`, `dns` and `statuspage` probe checks: servers on
//! loopback, started by each test, that answer as the real thing does or fail in one chosen way.
#![allow(dead_code, reason = "each test file uses a different subset")]

pub mod dns;
pub mod http;
pub mod tls;

use chrono::{DateTime, Utc};
use std::net::TcpListener;

/// The injected clock of these tests: 2026-07-31 12:00 UTC.
pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-07-31T12:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// A port that accepts connections (the kernel completes them) and never says a word: for
/// timeouts. Keep it alive as long as the test needs the silence.
pub fn silent_port() -> TcpListener {
    TcpListener::bind("127.0.0.1:0").unwrap()
}

/// A port nothing listens on (bound, then closed).
pub fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}
