//! Views of what the probes measured: per component, a "Measured" entry per probe with its
//! figures, its latest result and the response-time chart ([`chart`]); upstream providers
//! mirrored by `statuspage` probes; and the short figures the index shows per component and
//! per group.

pub mod chart;

use super::format::{TimeText, percent, time_view};
use crate::derive::probes::{ProbeFigures, ProbeState, is_upstream};
use crate::i18n::Table;
use crate::model::Site;
use crate::model::probe_data::UpstreamRead;
use crate::model::probe_data::upstream::web_address;
use crate::model::probes::Probe;
use crate::model::status::ComponentStatus;
use chart::Charts;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
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
    /// The result in words.
    pub result_label: &'static str,
    /// When it ran.
    pub time: TimeText,
    /// What it found, in a few words.
    pub detail: String,
}

/// An upstream provider's component, as its `statuspage` probe last read it (`upstream.json`).
#[derive(Debug, Clone, Serialize)]
pub struct UpstreamView {
    /// One of Statuspage's five words (`partial_outage`), or `unknown` when the provider wrote
    /// another word or the last run could not read it.
    pub status: &'static str,
    /// The status in words.
    pub label: &'static str,
    /// The provider's page (the probe's address).
    pub url: String,
    /// The host of that address, for the link text.
    pub host: String,
    /// The component's name on the provider's page, when the last run read it.
    pub component_name: Option<String>,
    /// When the last run read the page; `None` before the first run.
    pub checked: Option<TimeText>,
    /// The provider's first unresolved incident on the component.
    pub incident: Option<UpstreamIncidentView>,
    /// How many more unresolved incidents the provider has on it.
    pub more_incidents: u32,
}

/// An incident of the provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UpstreamIncidentView {
    /// Its name on the provider's page.
    pub name: String,
    /// Its address there, http or https only; `None` shows the name without a link.
    pub url: Option<String>,
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
    pub fn build(
        site: &Site,
        state: &ProbeState,
        group_members: &[Vec<usize>],
        t: &'static Table,
    ) -> ProbeViews {
        let n = site.catalog.components.len();
        let mut components = vec![Vec::new(); n];
        let mut worst: Vec<Option<u32>> = vec![None; n];
        for f in &state.probes {
            let view = probe_view(site, f, state.now, t);
            let probe = &site.probes.probes[f.probe];
            if !is_upstream(probe.kind)
                && let Some(u) = f.windows.first().and_then(|m| m.uptime_hundredths())
            {
                let w = &mut worst[f.component];
                *w = Some(w.map_or(u, |w| w.min(u)));
            }
            components[f.component].push(view);
        }
        let figure = |w: Option<u32>| {
            w.map(|u| t.fill("uptime.measured", &[("uptime", &percent(Some(u), t))]))
        };
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

fn probe_view(site: &Site, f: &ProbeFigures, now: DateTime<Utc>, t: &'static Table) -> ProbeView {
    let tz = site.config.time_zone;
    let probe = &site.probes.probes[f.probe];
    let latest = f.latest.as_ref().map(|s| LatestView {
        result: s.result.as_str(),
        result_label: t.of("probe", s.result.as_str()),
        time: time_view(s.time, tz, t).text(),
        detail: s.detail.clone(),
    });
    let upstream =
        is_upstream(probe.kind).then(|| upstream_view(probe, f.upstream.as_ref(), (tz, t)));
    ProbeView {
        id: probe.id.clone(),
        kind: probe.kind.as_str(),
        figures: f
            .windows
            .iter()
            .map(|m| MeasuredView {
                days: m.days,
                uptime: percent(m.uptime_hundredths(), t),
                success: percent(m.success_hundredths(), t),
                checks: m.checks,
            })
            .collect(),
        latest,
        chart: chart::build(&probe.id, f, now, (tz, t)),
        upstream,
    }
}

/// The upstream line of a `statuspage` probe from what its last run read.
fn upstream_view(
    probe: &Probe,
    read: Option<&UpstreamRead>,
    (tz, t): (Tz, &'static Table),
) -> UpstreamView {
    let url = probe.url.clone().unwrap_or_default();
    let known = read.and_then(UpstreamRead::component_status);
    let first = read.and_then(|r| r.incidents.first());
    UpstreamView {
        status: known.map_or("unknown", ComponentStatus::as_str),
        label: known.map_or(t.get("uptime.unknown"), |s| t.of("status", s.as_str())),
        host: host_of(&url).to_string(),
        url,
        component_name: read.and_then(|r| r.component_name.clone()),
        checked: read.map(|r| time_view(r.checked_at, tz, t).text()),
        incident: first.map(|i| UpstreamIncidentView {
            name: i.name.clone(),
            url: i.url.as_deref().and_then(web_address).map(str::to_string),
        }),
        more_incidents: read.map_or(0, |r| {
            let listed = u32::try_from(r.incidents.len()).unwrap_or(u32::MAX);
            listed.saturating_sub(1).saturating_add(r.more_incidents)
        }),
    }
}

/// The host of an http(s) address, or the address itself.
fn host_of(url: &str) -> &str {
    url.split_once("://")
        .map(|(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or(rest))
        .unwrap_or(url)
}

#[cfg(test)]
mod tests;
