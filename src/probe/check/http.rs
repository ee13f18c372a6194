//! `http`: one request, passing when the status is expected and the body holds what it must.

use super::Outcome;
use crate::model::probes::{Method, Probe};
use std::io::Read;
use std::time::{Duration, Instant};

/// `User-Agent` of every probe request.
pub const USER_AGENT: &str = concat!("statuspress-probe/", env!("CARGO_PKG_VERSION"));

/// How much of a body is read to look for `expect_body`.
pub const BODY_LIMIT: u64 = 1024 * 1024;

/// Redirects followed at most.
const MAX_REDIRECTS: u32 = 5;

/// Requests the probe's address within `timeout` in all (connecting included), with its
/// headers' values from `env`, trusting the public roots and the probe's `ca_file`.
pub fn check(probe: &Probe, timeout: Duration, env: &dyn Fn(&str) -> Option<String>) -> Outcome {
    let Some(url) = probe.url.as_deref() else {
        return Outcome::down(Duration::ZERO, "no url");
    };
    let mut headers = Vec::new();
    for (header, var) in &probe.headers_env {
        match env(var).filter(|v| !v.is_empty()) {
            Some(value) => headers.push((header.as_str(), value)),
            None => {
                return Outcome::down(
                    Duration::ZERO,
                    format!("{var} is not set (the value of the {header} header)"),
                );
            }
        }
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .timeout_connect(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(MAX_REDIRECTS)
        .user_agent(USER_AGENT)
        .tls_config(super::trust::ureq_tls(probe.extra_roots()))
        .build()
        .into();
    let started = Instant::now();
    let response = match probe.method {
        Method::Get => {
            let mut request = agent.get(url);
            for (h, v) in &headers {
                request = request.header(*h, v);
            }
            request.call()
        }
        Method::Head => {
            let mut request = agent.head(url);
            for (h, v) in &headers {
                request = request.header(*h, v);
            }
            request.call()
        }
    };
    let mut response = match response {
        Ok(r) => r,
        Err(e) => return Outcome::down(started.elapsed(), failure(&e, url, timeout)),
    };
    let status = response.status().as_u16();
    let mut body = Vec::new();
    if probe.method == Method::Get {
        let read = response
            .body_mut()
            .with_config()
            .limit(BODY_LIMIT)
            .reader()
            .take(BODY_LIMIT)
            .read_to_end(&mut body);
        if let Err(e) = read
            && probe.expect_body.is_some()
        {
            let mut out = Outcome::down(
                started.elapsed(),
                format!("HTTP {status}, body unreadable: {e}"),
            );
            out.status = Some(status);
            return out;
        }
    }
    let latency = started.elapsed();
    let status_ok = if probe.expect_status.is_empty() {
        (200..300).contains(&status)
    } else {
        probe.expect_status.contains(&status)
    };
    let mut out = if !status_ok {
        Outcome::down(latency, format!("HTTP {status}"))
    } else if let Some(expect) = probe
        .expect_body
        .as_ref()
        .filter(|m| !m.matches(&String::from_utf8_lossy(&body)))
    {
        Outcome::down(
            latency,
            format!("HTTP {status}, body without {}", expect.describe()),
        )
    } else {
        Outcome::passed(latency, format!("HTTP {status}"), probe.degraded_over_ms)
    };
    out.status = Some(status);
    out
}

/// A failed request in a few words; a certificate that does not verify in the words of the
/// `tls` check.
fn failure(e: &ureq::Error, url: &str, timeout: Duration) -> String {
    let tls = match e {
        ureq::Error::Rustls(tls) => Some(tls),
        ureq::Error::Io(io) => io
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<rustls::Error>()),
        _ => None,
    };
    if let Some(tls) = tls {
        let host = url::Url::parse(url)
            .ok()
            .and_then(|u| u.host_str().map(|h| h.trim_matches(['[', ']']).to_string()))
            .unwrap_or_default();
        return super::tls::error_detail(tls, &host);
    }
    match e {
        ureq::Error::Timeout(_) => format!("no answer within {} ms", timeout.as_millis()),
        ureq::Error::HostNotFound => "host not found".to_string(),
        ureq::Error::ConnectionFailed => "connection refused".to_string(),
        ureq::Error::TooManyRedirects => format!("more than {MAX_REDIRECTS} redirects"),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused".to_string()
        }
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            format!("no answer within {} ms", timeout.as_millis())
        }
        other => other.to_string(),
    }
}
