//! The `statuspage` check: one component of an upstream provider, read from the provider's
//! public Statuspage summary (`api/v2/summary.json`, the format statuspress itself writes).
//!
//! The component's status word decides: operational passes, degraded_performance is
//! [`Slow`](Verdict::Slow), partial and major outages are [`Down`](Verdict::Down),
//! under_maintenance passes with a warning. The unresolved incidents that affect the component
//! come along with their short links, and [`UpstreamOutcome::reading`] is what the run keeps of
//! it all in `upstream.json`, for the page to show. A page that cannot be read is
//! Down too, but with [`UpstreamOutcome::unreachable`] set: that is the probe's view of the
//! provider's status page, not the provider's own word on its service.

mod judge;
mod wire;

pub use crate::model::probe_data::UpstreamIncident;

use super::outcome::{Outcome, Verdict, elapsed_ms};
use crate::model::probe_data::UpstreamRead;
use chrono::{DateTime, Utc};
use std::time::{Duration, Instant};

/// The most a summary may weigh; real ones are tens of kilobytes.
const MAX_BYTES: u64 = 8 * 1024 * 1024;

/// Redirects followed before giving up (a page moved to a custom domain is one).
const MAX_REDIRECTS: u32 = 5;

/// What a `statuspage` check reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upstream {
    /// The provider's page (`https://www.githubstatus.com`) or its summary
    /// (`https://www.githubstatus.com/api/v2/summary.json`).
    pub url: String,
    /// The component's id or name on that page (names in any case).
    pub component: String,
    /// The whole request gives up after this.
    pub timeout: Duration,
}

/// The result of a `statuspage` check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpstreamOutcome {
    /// The verdict, with a detail such as "upstream: partial_outage".
    pub outcome: Outcome,
    /// True when the provider's page could not be read (an error status, a timeout, not a
    /// summary): the check failed, which says nothing about the provider's own service.
    pub unreachable: bool,
    /// The provider's word for the component (`partial_outage`), when the page was read and
    /// the component found.
    pub upstream_status: Option<String>,
    /// The component's name as the provider writes it.
    pub upstream_name: Option<String>,
    /// Unresolved incidents that affect the component: those that name it, then those that name
    /// no component (they may affect it), each in the page's order.
    pub incidents: Vec<UpstreamIncident>,
    /// The provider's status page, for a link: its own address from the summary, else the
    /// address the check was given without `/api/v2/summary.json`.
    pub page_url: String,
}

impl UpstreamOutcome {
    /// What a run read at `checked_at`, as `upstream.json` keeps it: the component's name,
    /// word and first incidents, or nothing when the page or the component could not be read.
    pub fn reading(&self, checked_at: DateTime<Utc>) -> UpstreamRead {
        match (&self.upstream_name, &self.upstream_status) {
            (Some(name), Some(status)) => {
                UpstreamRead::new(checked_at, name, status, self.incidents.clone())
            }
            _ => UpstreamRead::unread(checked_at),
        }
    }
}

/// Reads the provider's summary and judges the component.
pub fn check(u: &Upstream) -> UpstreamOutcome {
    check_trusting(u, &[])
}

/// Like [`check`], trusting `extra_roots` (DER certificates: the probe's `ca_file`) besides
/// the public roots.
pub(crate) fn check_trusting(u: &Upstream, extra_roots: &[Vec<u8>]) -> UpstreamOutcome {
    let started = Instant::now();
    let summary_url = summary_url(&u.url);
    let fallback_page = page_url(&summary_url);
    let read = fetch(&summary_url, u.timeout, extra_roots).and_then(|text| {
        wire::parse(&text).map_err(|e| {
            format!("the provider's status page could not be read: {summary_url} is not a Statuspage summary ({e})")
        })
    });
    let latency = elapsed_ms(started);
    let summary = match read {
        Ok(summary) => summary,
        Err(detail) => {
            return UpstreamOutcome {
                outcome: Outcome::down(latency, detail),
                unreachable: true,
                upstream_status: None,
                upstream_name: None,
                incidents: Vec::new(),
                page_url: fallback_page,
            };
        }
    };
    let page = summary.page.clone().unwrap_or_default();
    let page_url = page
        .url
        .filter(|p| p.starts_with("http://") || p.starts_with("https://"))
        .unwrap_or(fallback_page);
    let Some(component) = judge::find(&summary, &u.component) else {
        let provider = page.name.unwrap_or_else(|| page_url.clone());
        return UpstreamOutcome {
            outcome: Outcome::new(
                Verdict::Down,
                latency,
                judge::not_found(&summary, &provider, &u.component),
            ),
            unreachable: false,
            upstream_status: None,
            upstream_name: None,
            incidents: Vec::new(),
            page_url,
        };
    };
    let incidents = judge::incidents(&summary, component, &page_url);
    UpstreamOutcome {
        outcome: judge::outcome(component, &incidents, latency),
        unreachable: false,
        upstream_status: Some(component.status.clone()),
        upstream_name: Some(component.name.clone()),
        incidents,
        page_url,
    }
}

/// The summary's address: `url` itself when it names a `.json` file, else
/// `url/api/v2/summary.json`.
fn summary_url(url: &str) -> String {
    let url = url.trim();
    let path = url.split(['?', '#']).next().unwrap_or(url);
    if path.ends_with(".json") {
        url.to_owned()
    } else {
        format!("{}/api/v2/summary.json", url.trim_end_matches('/'))
    }
}

/// The page a summary address belongs to.
fn page_url(summary_url: &str) -> String {
    summary_url
        .strip_suffix("/api/v2/summary.json")
        .unwrap_or(summary_url)
        .to_owned()
}

/// The body of a 2xx answer at `url`, or why there is none.
fn fetch(url: &str, timeout: Duration, extra_roots: &[Vec<u8>]) -> Result<String, String> {
    let unread = |why: String| format!("the provider's status page could not be read: {why}");
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(unread(format!("{url} is not an http(s) address")));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(MAX_REDIRECTS)
        .user_agent(concat!("statuspress-probe/", env!("CARGO_PKG_VERSION")))
        .tls_config(super::trust::ureq_tls(extra_roots))
        .build()
        .into();
    let mut response = agent
        .get(url)
        .header("Accept", "application/json")
        .call()
        .map_err(|e| unread(transport_error(&e, url, timeout)))?;
    let status = response.status().as_u16();
    if !(200..300).contains(&status) {
        return Err(unread(format!("HTTP {status} from {url}")));
    }
    response
        .body_mut()
        .with_config()
        .limit(MAX_BYTES)
        .read_to_string()
        .map_err(|e| unread(transport_error(&e, url, timeout)))
}

/// A request that got no answer, in words.
fn transport_error(e: &ureq::Error, url: &str, timeout: Duration) -> String {
    match e {
        ureq::Error::Timeout(_) => {
            format!("no answer from {url} within {} ms", timeout.as_millis())
        }
        ureq::Error::HostNotFound => format!("the host of {url} does not resolve"),
        ureq::Error::ConnectionFailed => format!("no connection to {url}"),
        ureq::Error::TooManyRedirects => {
            format!("{url} redirects more than {MAX_REDIRECTS} times")
        }
        ureq::Error::BodyExceedsLimit(_) => {
            format!(
                "the answer from {url} is larger than {} MB",
                MAX_BYTES / 1024 / 1024
            )
        }
        other => format!("{url}: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_address_gets_the_summary_path() {
        let page = "https://www.githubstatus.com";
        assert_eq!(
            summary_url(page),
            "https://www.githubstatus.com/api/v2/summary.json"
        );
        assert_eq!(
            summary_url("https://www.githubstatus.com/"),
            summary_url(page)
        );
        let json = "https://status.acme.test/api/v2/summary.json";
        assert_eq!(summary_url(json), json);
        assert_eq!(
            summary_url("https://x.test/s.json?x=1"),
            "https://x.test/s.json?x=1"
        );
    }

    #[test]
    fn the_page_is_the_summary_address_without_its_path() {
        assert_eq!(
            page_url("https://www.githubstatus.com/api/v2/summary.json"),
            "https://www.githubstatus.com"
        );
        assert_eq!(page_url("https://x.test/s.json"), "https://x.test/s.json");
    }

    #[test]
    fn an_address_that_is_not_http_is_unreachable_without_a_request() {
        let o = check(&Upstream {
            url: "ftp://status.acme.test".into(),
            component: "API".into(),
            timeout: Duration::from_millis(100),
        });
        assert!(o.unreachable);
        assert_eq!(o.outcome.verdict, Verdict::Down);
        assert!(
            o.outcome.detail.contains("is not an http(s) address"),
            "{}",
            o.outcome.detail
        );
    }
}
