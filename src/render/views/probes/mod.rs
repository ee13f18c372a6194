//! Views of what the probes measured: per component, a "Measured" entry per probe with its
//! figures, its latest result and the response-time chart ([`chart`]); upstream providers
//! mirrored by `statuspage` probes; and the short figures the index shows per component and
//! per group.

pub mod chart;

use super::format::{TimeText, percent, time_view};
use crate::derive::probes::{ProbeFigures, ProbeState, is_upstream};
use crate::model::Site;
use chart::Charts;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// Measured figures over one rolling window.
#[derive(Debug, Clone, Serialize)]
pub struct MeasuredView {
    /// Window length in days.
    pub days: u32,
    /// e.g. "99.95%", "No data".
    pub uptime: String,
    /// e.g. "99.90%", "No data".
    pub success: String,
    /// e.g. "8,640 checks".
    pub checks: u64,
}

/// The newest result of a probe.
#[derive(Debug, Clone, Serialize)]
pub struct LatestView {
    /// `ok`, `slow` or `down`.
    pub result: &'static str,
    /// When it ran.
    pub time: TimeText,
    /// What it found, in a few words.
    pub detail: String,
}

/// An upstream provider's component, as its `statuspage` probe last read it.
#[derive(Debug, Clone, Serialize)]
pub struct UpstreamView {
    /// The provider's word for the component (`partial_outage`), or `unknown` when the last
    /// run could not read it.
    pub status: String,
    /// The status in words.
    pub label: String,
    /// The provider's page (the probe's address).
    pub url: String,
    /// The host of that address, for the link text.
    pub host: String,
    /// The provider's first unresolved incident on the component, when the last check named one.
    pub incident: Option<UpstreamIncidentView>,
}

/// An incident of the provider, as the last check's detail names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UpstreamIncidentView {
    /// Its name on the provider's page.
    pub name: String,
    /// Its address there (http or https only).
    pub url: String,
}

/// One probe of a component.
#[derive(Debug, Clone, Serialize)]
pub struct ProbeView {
    /// The probe id; also names the chart's ids.
    pub id: String,
    /// `http`, `tcp`, `dns`, `tls` or `statuspage`.
    pub kind: &'static str,
    /// One per window, 30 then 90 days.
    pub figures: Vec<MeasuredView>,
    /// The newest result.
    pub latest: Option<LatestView>,
    /// The response-time charts (30 days with the last 24 hours, and 90 days); `None` when no
    /// day has a latency.
    pub chart: Option<Charts>,
    /// Set for `statuspage` probes.
    pub upstream: Option<UpstreamView>,
}

/// What the probes measured, per component in catalogue order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ProbeViews {
    /// Per component: its probes, in `probes.toml` order.
    pub components: Vec<Vec<ProbeView>>,
    /// Per component: the short figure of the index, e.g. "99.95% measured" (its worst probe
    /// over 30 days), `None` without probe data.
    pub summary: Vec<Option<String>>,
    /// Per group: the worst of its members' figures, as a group's status is its worst member's;
    /// `None` when no member has one.
    pub groups: Vec<Option<String>>,
}

impl ProbeViews {
    /// Builds the views of every probe in `state`; `group_members` lists each group's
    /// components.
    pub fn build(site: &Site, state: &ProbeState, group_members: &[Vec<usize>]) -> ProbeViews {
        let n = site.catalog.components.len();
        let mut components = vec![Vec::new(); n];
        let mut worst: Vec<Option<u32>> = vec![None; n];
        for f in &state.probes {
            let view = probe_view(site, f, state.now);
            let probe = &site.probes.probes[f.probe];
            if !is_upstream(probe.kind)
                && let Some(u) = f.windows.first().and_then(|m| m.uptime_hundredths())
            {
                let w = &mut worst[f.component];
                *w = Some(w.map_or(u, |w| w.min(u)));
            }
            components[f.component].push(view);
        }
        let figure = |w: Option<u32>| w.map(|u| format!("{} measured", percent(Some(u))));
        let groups = group_members
            .iter()
            .map(|members| figure(members.iter().filter_map(|&c| worst[c]).min()))
            .collect();
        ProbeViews {
            components,
            summary: worst.into_iter().map(figure).collect(),
            groups,
        }
    }
}

fn probe_view(site: &Site, f: &ProbeFigures, now: DateTime<Utc>) -> ProbeView {
    let tz = site.config.time_zone;
    let probe = &site.probes.probes[f.probe];
    let latest = f.latest.as_ref().map(|s| LatestView {
        result: s.result.as_str(),
        time: time_view(s.time, tz).text(),
        detail: s.detail.clone(),
    });
    let upstream = is_upstream(probe.kind).then(|| {
        let url = probe.url.clone().unwrap_or_default();
        let status = f
            .latest
            .as_ref()
            .and_then(|s| upstream_status(&s.detail))
            .unwrap_or("unknown")
            .to_string();
        UpstreamView {
            incident: f.latest.as_ref().and_then(|s| upstream_incident(&s.detail)),
            label: upstream_label(&status).to_string(),
            status,
            host: host_of(&url).to_string(),
            url,
        }
    });
    ProbeView {
        id: probe.id.clone(),
        kind: probe.kind.as_str(),
        figures: f
            .windows
            .iter()
            .map(|m| MeasuredView {
                days: m.days,
                uptime: percent(m.uptime_hundredths()),
                success: percent(m.success_hundredths()),
                checks: m.checks,
            })
            .collect(),
        latest,
        chart: chart::build(&probe.id, f, now, tz),
        upstream,
    }
}

/// The provider's word from a `statuspage` sample's detail ("upstream: partial_outage (…)").
fn upstream_status(detail: &str) -> Option<&str> {
    let rest = detail.strip_prefix("upstream: ")?;
    let word = rest.split([' ', ',', '(']).next()?;
    upstream_label_known(word).then_some(word)
}

/// The incident a `statuspage` sample's detail names: `upstream: STATUS (NAME: URL)`,
/// possibly followed by " and N more incidents". `None` when the detail was cut short or the
/// address is not http(s).
fn upstream_incident(detail: &str) -> Option<UpstreamIncidentView> {
    let rest = detail.strip_prefix("upstream: ")?;
    let open = rest.find(" (")?;
    let close = rest.rfind(')')?;
    let inner = rest.get(open + 2..close)?;
    let (name, url) = inner.rsplit_once(": ")?;
    let plain = !url.contains(|c: char| c.is_whitespace() || c == '…' || c == '"');
    ((url.starts_with("https://") || url.starts_with("http://")) && plain && !name.is_empty()).then(
        || UpstreamIncidentView {
            name: name.to_string(),
            url: url.to_string(),
        },
    )
}

const UPSTREAM: &[(&str, &str)] = &[
    ("operational", "Operational"),
    ("degraded_performance", "Degraded performance"),
    ("partial_outage", "Partial outage"),
    ("major_outage", "Major outage"),
    ("under_maintenance", "Under maintenance"),
];

fn upstream_label_known(word: &str) -> bool {
    UPSTREAM.iter().any(|(k, _)| *k == word)
}

fn upstream_label(word: &str) -> &'static str {
    UPSTREAM
        .iter()
        .find(|(k, _)| *k == word)
        .map_or("Unknown", |(_, l)| l)
}

/// The host of an http(s) address, or the address itself.
fn host_of(url: &str) -> &str {
    url.split_once("://")
        .map(|(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or(rest))
        .unwrap_or(url)
}

#[cfg(test)]
mod tests;
