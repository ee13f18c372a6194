//! `api/probes.json`: what the probes measured, as data. Written only when the site has probes.

use crate::derive::probes::{Measured, ProbeState, is_upstream};
use crate::model::Site;
use crate::model::probe_data::UpstreamRead;
use crate::model::probe_data::upstream::web_address;
use crate::model::status::ComponentStatus;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

/// The whole file.
#[derive(Debug, Clone, Serialize)]
pub struct ProbesReport {
    /// The build clock, RFC 3339 in UTC.
    pub generated_at: String,
    /// Per probe, in `probes.toml` order.
    pub probes: Vec<ProbeReport>,
}

/// One probe.
#[derive(Debug, Clone, Serialize)]
pub struct ProbeReport {
    pub id: String,
    /// The id of its component.
    pub component: String,
    /// `http`, `tcp`, `dns`, `tls` or `statuspage`.
    pub kind: &'static str,
    /// The newest check at or before the build clock; `null` before the first.
    pub last: Option<LastReport>,
    /// Over the last 30 and 90 UTC days.
    pub windows: Vec<WindowReport>,
    /// The days of the last 90 with a row, oldest first.
    pub daily: Vec<DayReport>,
    /// `statuspage` probes only (left out for the other kinds): what the last run read of
    /// the provider's component; `null` before the first run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upstream: Option<Option<UpstreamReport>>,
}

/// What a `statuspage` probe last read of its provider.
#[derive(Debug, Clone, Serialize)]
pub struct UpstreamReport {
    /// One of Statuspage's five component statuses, `unknown` for any other word of the
    /// provider, `null` when the run could not read the component.
    pub status: Option<&'static str>,
    /// The component's name on the provider's page; `null` when not read.
    pub component_name: Option<String>,
    /// When it was read, RFC 3339 in UTC.
    pub checked_at: String,
    /// The provider's unresolved incidents on the component (at most 5).
    pub incidents: Vec<UpstreamIncidentReport>,
    /// Incidents beyond those listed.
    pub more_incidents: u32,
}

/// An unresolved incident of the provider.
#[derive(Debug, Clone, Serialize)]
pub struct UpstreamIncidentReport {
    pub name: String,
    /// The provider's word: `investigating`, `identified`, `monitoring`, …
    pub status: String,
    /// `none`, `minor`, `major` or `critical`, as the provider says.
    pub impact: String,
    /// Its http(s) address, `null` when the provider gave none.
    pub url: Option<String>,
}

/// The newest check.
#[derive(Debug, Clone, Serialize)]
pub struct LastReport {
    /// RFC 3339 in UTC.
    pub time: String,
    /// `ok`, `slow` or `down`.
    pub result: &'static str,
    pub latency_ms: u32,
    pub detail: String,
}

/// One rolling window.
#[derive(Debug, Clone, Serialize)]
pub struct WindowReport {
    pub days: u32,
    pub checks: u64,
    pub failures: u64,
    /// Share of checks not down, in percent, rounded down to two decimals; `null` without checks.
    pub success_percent: Option<f64>,
    /// 1 − downtime / minutes covered, in percent, rounded down to two decimals; `null` without
    /// data.
    pub uptime_percent: Option<f64>,
    pub downtime_minutes: u64,
    /// Minutes of the days with data (today up to the build clock).
    pub covered_minutes: u64,
}

/// One day.
#[derive(Debug, Clone, Serialize)]
pub struct DayReport {
    /// `YYYY-MM-DD`, UTC.
    pub date: String,
    /// `null` when no check of the day passed.
    pub p50_ms: Option<u32>,
    pub p95_ms: Option<u32>,
    pub failures: u32,
}

fn percent(h: Option<u32>) -> Option<f64> {
    h.map(|h| f64::from(h) / 100.0)
}

fn window(m: &Measured) -> WindowReport {
    WindowReport {
        days: m.days,
        checks: m.checks,
        failures: m.failures,
        success_percent: percent(m.success_hundredths()),
        uptime_percent: percent(m.uptime_hundredths()),
        downtime_minutes: m.downtime_minutes,
        covered_minutes: m.covered_minutes,
    }
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn upstream(read: &UpstreamRead) -> UpstreamReport {
    UpstreamReport {
        status: read.status.as_ref().map(|_| {
            read.component_status()
                .map_or("unknown", ComponentStatus::as_str)
        }),
        component_name: read.component_name.clone(),
        checked_at: rfc3339(read.checked_at),
        incidents: read
            .incidents
            .iter()
            .map(|i| UpstreamIncidentReport {
                name: i.name.clone(),
                status: i.status.clone(),
                impact: i.impact.clone(),
                url: i.url.as_deref().and_then(web_address).map(str::to_string),
            })
            .collect(),
        more_incidents: read.more_incidents,
    }
}

impl ProbesReport {
    /// The report of `state`.
    pub fn build(site: &Site, state: &ProbeState) -> ProbesReport {
        ProbesReport {
            generated_at: rfc3339(state.now),
            probes: state
                .probes
                .iter()
                .map(|f| {
                    let probe = &site.probes.probes[f.probe];
                    ProbeReport {
                        id: probe.id.clone(),
                        component: probe.component.clone(),
                        kind: probe.kind.as_str(),
                        last: f.latest.as_ref().map(|s| LastReport {
                            time: rfc3339(s.time),
                            result: s.result.as_str(),
                            latency_ms: s.latency_ms,
                            detail: s.detail.clone(),
                        }),
                        windows: f.windows.iter().map(window).collect(),
                        daily: f
                            .days
                            .iter()
                            .map(|d| DayReport {
                                date: d.date.to_string(),
                                p50_ms: d.p50_ms,
                                p95_ms: d.p95_ms,
                                failures: d.failures,
                            })
                            .collect(),
                        upstream: is_upstream(probe.kind)
                            .then(|| f.upstream.as_ref().map(upstream)),
                    }
                })
                .collect(),
        }
    }

    /// The JSON text, with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string(self).expect("the report is plain data");
        s.push('\n');
        s
    }
}
