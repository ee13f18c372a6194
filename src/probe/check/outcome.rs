//! What one check found: a verdict, how long it took, and why.

use std::time::Instant;

/// How a check went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// It passed.
    Ok,
    /// It passed, but slowly or degraded (`degraded_performance`).
    Slow,
    /// It failed.
    Down,
}

/// The result of one check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Passed, slow or failed.
    pub verdict: Verdict,
    /// Wall time of the check, in milliseconds (the whole check, failures included).
    pub latency_ms: u32,
    /// Short and human: "certificate expires in 3 days", "NXDOMAIN", "upstream: partial_outage".
    pub detail: String,
    /// Something to look at that does not fail the check, such as a certificate close to expiry.
    pub warning: Option<String>,
}

impl Outcome {
    /// A passed check.
    pub fn ok(latency_ms: u32, detail: impl Into<String>) -> Outcome {
        Outcome::new(Verdict::Ok, latency_ms, detail)
    }

    /// A failed check.
    pub fn down(latency_ms: u32, detail: impl Into<String>) -> Outcome {
        Outcome::new(Verdict::Down, latency_ms, detail)
    }

    /// A check with `verdict` and no warning.
    pub fn new(verdict: Verdict, latency_ms: u32, detail: impl Into<String>) -> Outcome {
        Outcome {
            verdict,
            latency_ms,
            detail: detail.into(),
            warning: None,
        }
    }

    /// The same outcome with `warning`.
    pub fn with_warning(self, warning: impl Into<String>) -> Outcome {
        Outcome {
            warning: Some(warning.into()),
            ..self
        }
    }
}

/// Milliseconds since `started`, saturated to `u32`.
pub(crate) fn elapsed_ms(started: Instant) -> u32 {
    u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builders_set_verdict_detail_and_warning() {
        let o = Outcome::ok(12, "fine").with_warning("soon");
        assert_eq!(o.verdict, Verdict::Ok);
        assert_eq!(o.latency_ms, 12);
        assert_eq!(o.detail, "fine");
        assert_eq!(o.warning.as_deref(), Some("soon"));
        let d = Outcome::down(3, "NXDOMAIN");
        assert_eq!((d.verdict, d.warning), (Verdict::Down, None));
    }
}
