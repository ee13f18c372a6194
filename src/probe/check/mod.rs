//! One try of one probe: [`run_check`] dispatches on the probe's kind to a function that
//! returns an [`Outcome`] and never takes much longer than the probe's timeout.
//!
//! - [`http`] and [`tcp`] take the probe itself (`http` also the environment, for the values
//!   of `headers_env`);
//! - [`tls`] (the certificate of a TLS server: handshake, chain, name, days left), [`dns`] (a
//!   name resolves, optionally to an expected record) and [`statuspage`] (one component of an
//!   upstream provider's Statuspage) take a small target of their own, built here from the
//!   probe, and answer with an [`outcome::Outcome`] that [`from_kind`] turns into this one.
//!
//! Every check is blocking, bounded by its timeout, never panics on what the network sends,
//! and reports a failure with a detail a person can act on. Those that speak TLS trust the
//! public roots and the probe's `ca_file` (`trust`).

pub mod dns;
pub mod http;
pub mod outcome;
pub mod statuspage;
pub mod tcp;
pub mod tls;
pub(crate) mod trust;

pub use crate::model::probe_data::Verdict;

use crate::model::probe_data::UpstreamRead;
use crate::model::probes::{Probe, ProbeKind, RecordType};
use chrono::{DateTime, Utc};
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
    /// What a `statuspage` check read on the provider's page.
    pub upstream: Option<UpstreamRead>,
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
            upstream: None,
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
            upstream: None,
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

/// Runs one try of `probe`, with header values from `env`; a certificate is judged at `now`.
pub fn run_check(
    probe: &Probe,
    now: DateTime<Utc>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Outcome {
    let timeout = probe.timeout();
    match probe.kind {
        ProbeKind::Http => http::check(probe, timeout, env),
        ProbeKind::Tcp => tcp::check(probe, timeout),
        ProbeKind::Tls => match tls_target(probe, timeout) {
            Some(target) => from_kind(tls::check(&target, now, probe.extra_roots())),
            None => Outcome::down(Duration::ZERO, "no host to connect to"),
        },
        ProbeKind::Dns => from_kind(dns::check(&dns::DnsQuery {
            name: probe.name.clone().unwrap_or_default(),
            record_type: match probe.record_type {
                RecordType::A => dns::RecordKind::A,
                RecordType::Aaaa => dns::RecordKind::Aaaa,
                RecordType::Cname => dns::RecordKind::Cname,
                RecordType::Mx => dns::RecordKind::Mx,
                RecordType::Txt => dns::RecordKind::Txt,
            },
            expect: probe.expect.clone(),
            timeout,
            nameserver: None,
        })),
        ProbeKind::Statuspage => {
            let read = statuspage::check_trusting(
                &statuspage::Upstream {
                    url: probe.url.clone().unwrap_or_default(),
                    component: probe.upstream_component.clone().unwrap_or_default(),
                    timeout,
                },
                probe.extra_roots(),
            );
            Outcome {
                upstream: Some(read.reading(now)),
                ..from_kind(read.outcome)
            }
        }
    }
}

/// Where a `tls` probe connects: `host` and `port` (443 by default), or the host and port of
/// its `url`.
fn tls_target(probe: &Probe, timeout: Duration) -> Option<tls::TlsTarget> {
    let from_url = probe
        .url
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| Some((u.host_str()?.to_string(), u.port_or_known_default())));
    let host = probe
        .host
        .clone()
        .or_else(|| from_url.as_ref().map(|(h, _)| h.clone()))?;
    let port = probe
        .port
        .or_else(|| from_url.and_then(|(_, p)| p))
        .unwrap_or(443);
    Some(tls::TlsTarget {
        server_name: host.trim_matches(['[', ']']).to_string(),
        host,
        port,
        expires_within_days: probe.expires_within_days,
        timeout,
    })
}

/// The outcome of a `tls`, `dns` or `statuspage` check in this module's terms: a warning (a
/// certificate about to expire, an upstream incident) is kept in the detail.
pub fn from_kind(o: outcome::Outcome) -> Outcome {
    let detail = match o.warning {
        Some(w) if !o.detail.is_empty() => format!("{}; {w}", o.detail),
        Some(w) => w,
        None => o.detail,
    };
    Outcome {
        ok: o.verdict != outcome::Verdict::Down,
        latency_ms: o.latency_ms,
        slow: o.verdict == outcome::Verdict::Slow,
        detail,
        status: None,
        upstream: None,
    }
}

#[cfg(test)]
mod tests;
