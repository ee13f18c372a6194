//! How long a run waits: request timeouts and the waits between tries.

use std::time::Duration;

/// Tries after the first that a delivery gets within one run.
pub const RETRIES: u32 = 3;
/// The longest `Retry-After` honoured.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(30);

/// How a run behaves.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Print what would be sent; send and record nothing.
    pub dry_run: bool,
    /// The first wait before a retry; each next one is twice as long.
    pub backoff: Duration,
    /// How long one request may take in all.
    pub timeout: Duration,
    /// How long connecting may take.
    pub connect_timeout: Duration,
}

/// The variable that shortens the first retry wait (milliseconds), for tests only.
pub const BACKOFF_VAR: &str = "STATUSPRESS_NOTIFY_BACKOFF_MS";
/// The variable that shortens the request timeout (milliseconds), for tests only.
pub const TIMEOUT_VAR: &str = "STATUSPRESS_NOTIFY_TIMEOUT_MS";

impl Settings {
    /// The defaults (1 s first wait, 30 s per request, 10 s to connect), with the waits of
    /// [`BACKOFF_VAR`] and [`TIMEOUT_VAR`] when `env` sets them.
    pub fn new(dry_run: bool, env: &dyn Fn(&str) -> Option<String>) -> Settings {
        let ms = |var: &str| {
            env(var)
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_millis)
        };
        let timeout = ms(TIMEOUT_VAR).unwrap_or(Duration::from_secs(30));
        Settings {
            dry_run,
            backoff: ms(BACKOFF_VAR).unwrap_or(Duration::from_secs(1)),
            timeout,
            connect_timeout: timeout.min(Duration::from_secs(10)),
        }
    }
}

/// How long to wait before retry number `attempt` (from 0): `Retry-After` when the receiver
/// gave one (at most [`MAX_RETRY_AFTER`]), else `backoff` doubled per earlier retry.
pub fn delay(attempt: u32, backoff: Duration, retry_after: Option<Duration>) -> Duration {
    match retry_after {
        Some(after) => after.min(MAX_RETRY_AFTER),
        None => backoff * 2u32.saturating_pow(attempt),
    }
}

/// A wait in words: `250 ms`, `2 s`.
pub(super) fn words(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{} ms", d.as_millis())
    } else {
        format!("{} s", d.as_secs())
    }
}
