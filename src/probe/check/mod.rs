//! One try of one probe: [`run_check`] dispatches on the probe's kind to a function that
//! returns an [`Outcome`] and never takes much longer than the probe's timeout.
//!
//! Each kind lives in its own module with the same signature:
//!
//! ```text
//! pub fn check(probe: &crate::model::probes::Probe, timeout: std::time::Duration) -> Outcome
//! ```
//!
//! `http` also takes the environment, for the values of `headers_env`.

pub mod http;
pub mod tcp;

pub use crate::model::probe_data::Verdict;

use crate::model::probes::{Probe, ProbeKind};
use std::time::Duration;

/// What one try found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The check passed (a slow pass is still a pass).
    pub ok: bool,
    /// How long the try took, in milliseconds (a monotonic clock, not the run's clock).
    pub latency_ms: u32,
    /// It passed, but slower than the probe's `degraded_over_ms`.
    pub slow: bool,
    /// What was found, in a few words: `HTTP 200`, `connection refused`.
    pub detail: String,
    /// The HTTP status, when there was an answer.
    pub status: Option<u16>,
}

impl Outcome {
    /// A failed try.
    pub fn down(latency: Duration, detail: impl Into<String>) -> Outcome {
        Outcome {
            ok: false,
            latency_ms: millis(latency),
            slow: false,
            detail: detail.into(),
            status: None,
        }
    }

    /// A passing try, slow when it took longer than `degraded_over_ms`.
    pub fn passed(
        latency: Duration,
        detail: impl Into<String>,
        degraded_over_ms: Option<u32>,
    ) -> Outcome {
        let latency_ms = millis(latency);
        Outcome {
            ok: true,
            latency_ms,
            slow: degraded_over_ms.is_some_and(|limit| latency_ms > limit),
            detail: detail.into(),
            status: None,
        }
    }

    /// The word recorded for this try.
    pub fn verdict(&self) -> Verdict {
        match (self.ok, self.slow) {
            (false, _) => Verdict::Down,
            (true, true) => Verdict::Slow,
            (true, false) => Verdict::Ok,
        }
    }
}

/// Milliseconds, saturating.
pub fn millis(d: Duration) -> u32 {
    u32::try_from(d.as_millis()).unwrap_or(u32::MAX)
}

/// Runs one try of `probe`, with header values from `env`.
pub fn run_check(probe: &Probe, env: &dyn Fn(&str) -> Option<String>) -> Outcome {
    let timeout = probe.timeout();
    match probe.kind {
        ProbeKind::Http => http::check(probe, timeout, env),
        ProbeKind::Tcp => tcp::check(probe, timeout),
        // Until the modules of these kinds land: `tls::check(probe, timeout)` and so on.
        ProbeKind::Tls | ProbeKind::Dns | ProbeKind::Statuspage => Outcome::down(
            Duration::ZERO,
            format!(
                "the {} check kind is not available in this build yet",
                probe.kind.as_str()
            ),
        ),
    }
}

#[cfg(test)]
mod tests;
