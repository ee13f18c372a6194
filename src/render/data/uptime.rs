//! `api/uptime.json` and the `stats` command's table: the uptime figures as data.

use crate::derive::State;
use crate::derive::uptime::stats::IncidentStats;
use crate::derive::uptime::{Record, Uptime};
use crate::model::ComponentStatus;
use crate::model::Site;
use crate::render::views::format::{cadence, minutes, percent};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use std::fmt::Write as _;

/// The whole report, as written to `api/uptime.json` and printed by `stats --format json`.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The build clock, RFC 3339 in UTC.
    pub generated_at: String,
    /// IANA name of the zone the days are cut in.
    pub time_zone: String,
    /// The update cadence the statistics measure against; left out with the communication
    /// figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_cadence_minutes: Option<u32>,
    /// Share of a minute counted as downtime, per status.
    pub downtime_weights: Weights,
    /// The days of the daily arrays, oldest first (`YYYY-MM-DD`, site time zone).
    pub days: Vec<String>,
    /// Components in catalogue order.
    pub components: Vec<EntryReport>,
    /// Groups in catalogue order.
    pub groups: Vec<EntryReport>,
    /// Statistics of every incident of the page.
    pub incidents: StatsReport,
    /// The incidents open at the build clock, newest first, with the next update each promises.
    pub open_incidents: Vec<OpenIncident>,
}

/// An incident open at the build clock.
#[derive(Debug, Clone, Serialize)]
pub struct OpenIncident {
    /// Its id (file name without `.md`).
    pub id: String,
    pub name: String,
    /// Its page's absolute address.
    pub url: String,
    /// Status wire name, as in the Statuspage API.
    pub status: &'static str,
    /// The time the next update is promised by, RFC 3339 in UTC; `null` when none is.
    pub next_update: Option<String>,
    /// True once the clock is past `next_update` with no newer update.
    pub next_update_overdue: bool,
}

/// The downtime weights.
#[derive(Debug, Clone, Serialize)]
pub struct Weights {
    pub major_outage: f64,
    pub partial_outage: f64,
    pub degraded_performance: f64,
    pub under_maintenance: f64,
}

/// A component or group.
#[derive(Debug, Clone, Serialize)]
pub struct EntryReport {
    pub id: String,
    pub name: String,
    /// For components: their group's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// For groups: their members' ids.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub components: Option<Vec<String>>,
    /// First day with data, when the component is recent.
    pub since: Option<String>,
    /// Weighted downtime per day of `days`; `null` before `since`.
    pub daily_downtime_minutes: Vec<Option<f64>>,
    /// Worst status per day of `days`; `null` before `since`.
    pub daily_status: Vec<Option<&'static str>>,
    /// Uptime over the last 30, 90 and 365 days (rolling, ending at the build clock).
    pub uptime: Vec<WindowReport>,
    /// The SLO and error budget, for components that set one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slo: Option<SloReport>,
    /// Statistics of its incidents.
    pub incidents: StatsReport,
}

/// Uptime over one window.
#[derive(Debug, Clone, Serialize)]
pub struct WindowReport {
    /// Window length in days.
    pub days: u32,
    /// Uptime in percent, rounded down to two decimals; `null` without data.
    pub uptime_percent: Option<f64>,
    /// Weighted downtime.
    pub downtime_minutes: f64,
    /// Minutes of the window with data.
    pub observed_minutes: f64,
}

/// An SLO and its error budget.
#[derive(Debug, Clone, Serialize)]
pub struct SloReport {
    /// Target in percent.
    pub target_percent: f64,
    /// Rolling window in days.
    pub window_days: u32,
    /// Downtime the target allows in the window.
    pub budget_minutes: f64,
    /// Weighted downtime in the window.
    pub spent_minutes: f64,
    /// Budget left; negative when overspent.
    pub remaining_minutes: f64,
    /// True while the downtime is within the budget.
    pub met: bool,
}

/// Incident statistics.
#[derive(Debug, Clone, Serialize)]
pub struct StatsReport {
    /// Number of incidents.
    pub count: usize,
    /// Number resolved.
    pub resolved: usize,
    /// Mean time to resolve.
    pub resolve_mean_minutes: Option<f64>,
    /// Median time to resolve.
    pub resolve_median_minutes: Option<f64>,
    /// How the incidents were told, unless left out of the published file by
    /// `public_stats = false`.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub communication: Option<CommunicationReport>,
}

/// The communication statistics of some incidents: how soon and how regularly they were told.
#[derive(Debug, Clone, Serialize)]
pub struct CommunicationReport {
    /// Mean time from start to the first public update.
    pub first_update_mean_minutes: Option<f64>,
    /// Update gaps within the cadence.
    pub cadence_kept: u32,
    /// Update gaps counted.
    pub cadence_total: u32,
    /// `cadence_kept / cadence_total`, rounded down to three decimals.
    pub cadence_share: Option<f64>,
    /// Next-update promises kept: the next update or the resolution came in time.
    pub promises_kept: u32,
    /// Next-update promises broken: it came late, or is overdue at the build clock.
    pub promises_broken: u32,
    /// `promises_kept / (promises_kept + promises_broken)`, rounded down to three decimals.
    pub promise_share: Option<f64>,
}

fn round2(x: f64) -> f64 {
    let r = (x * 100.0).round() / 100.0;
    if r == 0.0 { 0.0 } else { r }
}

fn stats_report(s: &IncidentStats) -> StatsReport {
    let m = |secs: Option<i64>| secs.map(|s| round2(s as f64 / 60.0));
    StatsReport {
        count: s.count,
        resolved: s.resolved,
        resolve_mean_minutes: m(s.resolve_mean),
        resolve_median_minutes: m(s.resolve_median),
        communication: Some(CommunicationReport {
            first_update_mean_minutes: m(s.first_update_mean),
            cadence_kept: s.cadence_kept,
            cadence_total: s.cadence_total,
            cadence_share: s.cadence_share().map(|x| (x * 1000.0).floor() / 1000.0),
            promises_kept: s.promises_kept,
            promises_broken: s.promises_broken,
            promise_share: s.promise_share().map(|x| (x * 1000.0).floor() / 1000.0),
        }),
    }
}

fn entry(id: &str, name: &str, r: &Record, uptime: &Uptime, site: &Site) -> EntryReport {
    let weights = &uptime.settings.weights;
    let tz = site.config.time_zone;
    EntryReport {
        id: id.to_string(),
        name: name.to_string(),
        group: None,
        components: None,
        since: r.since.and_then(|s| {
            DateTime::<Utc>::from_timestamp(s, 0)
                .map(|t| t.with_timezone(&tz).date_naive().to_string())
        }),
        daily_downtime_minutes: r
            .bars
            .iter()
            .map(|b| {
                b.data
                    .then(|| round2(b.tally.downtime(weights) as f64 / 60_000.0))
            })
            .collect(),
        daily_status: r
            .bars
            .iter()
            .map(|b| b.data.then(|| b.worst().as_str()))
            .collect(),
        uptime: r
            .windows
            .iter()
            .map(|f| WindowReport {
                days: f.days,
                uptime_percent: f.uptime_hundredths().map(|h| f64::from(h) / 100.0),
                downtime_minutes: round2(f.downtime_minutes()),
                observed_minutes: round2(f.observed as f64 / 60.0),
            })
            .collect(),
        slo: None,
        incidents: stats_report(&r.stats),
    }
}

impl Report {
    /// Builds the report of `site` from its state at the clock.
    pub fn build(site: &Site, state: &State) -> Report {
        let uptime = &state.uptime;
        let catalog = &site.catalog;
        let w = |s: ComponentStatus| f64::from(uptime.settings.weights.per_mille(s)) / 1000.0;
        Report {
            generated_at: DateTime::<Utc>::from_timestamp(uptime.now, 0)
                .unwrap_or_default()
                .to_rfc3339_opts(SecondsFormat::Secs, true),
            time_zone: site.config.time_zone.name().to_string(),
            update_cadence_minutes: Some(uptime.settings.update_cadence_minutes),
            downtime_weights: Weights {
                major_outage: w(ComponentStatus::MajorOutage),
                partial_outage: w(ComponentStatus::PartialOutage),
                degraded_performance: w(ComponentStatus::DegradedPerformance),
                under_maintenance: w(ComponentStatus::UnderMaintenance),
            },
            days: uptime.days.iter().map(|d| d.date.to_string()).collect(),
            components: catalog
                .components
                .iter()
                .zip(&uptime.components)
                .map(|(c, r)| EntryReport {
                    group: c.group.clone(),
                    slo: r.slo.map(|s| SloReport {
                        target_percent: c.slo.map_or(0.0, |s| s.target),
                        window_days: s.window_days,
                        budget_minutes: round2(s.budget_minutes()),
                        spent_minutes: round2(s.spent_minutes()),
                        remaining_minutes: round2(s.remaining_minutes()),
                        met: s.met(),
                    }),
                    ..entry(&c.id, &c.name, r, uptime, site)
                })
                .collect(),
            groups: catalog
                .groups
                .iter()
                .zip(&uptime.groups)
                .map(|(g, r)| EntryReport {
                    components: Some(catalog.members(&g.id).map(|c| c.id.clone()).collect()),
                    ..entry(&g.id, &g.name, r, uptime, site)
                })
                .collect(),
            incidents: stats_report(&uptime.stats),
            open_incidents: state
                .open_incidents
                .iter()
                .map(|&i| {
                    let inc = &site.incidents[i];
                    let live = state.promises[i];
                    OpenIncident {
                        id: inc.id.clone(),
                        name: inc.title.clone(),
                        url: crate::model::urls::absolute(
                            &site.config.base_url,
                            &crate::model::urls::incident(&inc.id),
                        ),
                        status: inc.status().as_str(),
                        next_update: live.map(|l| l.by.to_rfc3339_opts(SecondsFormat::Secs, true)),
                        next_update_overdue: live.is_some_and(|l| l.overdue),
                    }
                })
                .collect(),
        }
    }

    /// The report as the public site gives it: without the communication statistics when
    /// `public_stats = false`, which `statuspress stats` reports all the same.
    pub fn published(mut self, site: &Site) -> Report {
        if site.config.public_stats {
            return self;
        }
        self.update_cadence_minutes = None;
        for e in self.components.iter_mut().chain(&mut self.groups) {
            e.incidents.communication = None;
        }
        self.incidents.communication = None;
        self
    }

    /// The report as compact JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string(self).expect("the report is plain data");
        s.push('\n');
        s
    }

    /// The report as a readable table for the terminal, in English: it is for the operator.
    pub fn table(&self) -> String {
        let en = crate::i18n::english_table();
        let percent = |h| percent(h, en);
        let minutes = |m| minutes(m, en);
        let cadence = |s, k, t| cadence(s, k, t, en);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Uptime as of {} (rolling windows; days in {})",
            self.generated_at, self.time_zone
        );
        let w = &self.downtime_weights;
        let _ = writeln!(
            out,
            "Downtime weights: major outage {}, partial outage {}, degraded performance {}, maintenance {}\n",
            w.major_outage, w.partial_outage, w.degraded_performance, w.under_maintenance
        );
        let rows: Vec<(String, &EntryReport)> = self
            .groups
            .iter()
            .map(|g| (format!("{} (group)", g.name), g))
            .chain(self.components.iter().map(|c| (c.name.clone(), c)))
            .collect();
        let width = rows
            .iter()
            .map(|(n, _)| n.chars().count())
            .max()
            .unwrap_or(0)
            .max(9);
        let pct = |e: &EntryReport, k: usize| {
            percent(
                e.uptime[k]
                    .uptime_percent
                    .map(|p| (p * 100.0).round() as u32),
            )
        };
        let _ = writeln!(
            out,
            "{:width$}  {:>8}  {:>8}  {:>8}  SLO",
            "COMPONENT", "30 DAYS", "90 DAYS", "365 DAYS"
        );
        for (name, e) in &rows {
            let slo = e.slo.as_ref().map_or(String::new(), |s| {
                format!(
                    "{}% over {} days: {} of {} spent, {}",
                    s.target_percent,
                    s.window_days,
                    minutes(s.spent_minutes),
                    minutes(s.budget_minutes),
                    if s.met { "met" } else { "MISSED" }
                )
            });
            let _ = writeln!(
                out,
                "{name:width$}  {:>8}  {:>8}  {:>8}  {slo}",
                pct(e, 0),
                pct(e, 1),
                pct(e, 2)
            );
        }
        let cadence_title = self
            .update_cadence_minutes
            .map_or_else(|| "CADENCE".to_string(), |c| format!("CADENCE ({c} MIN)"));
        let _ = writeln!(
            out,
            "\n{:width$}  {:>9}  {:>10}  {:>11}  {:>12}  {cadence_title:17}  PROMISES KEPT",
            "INCIDENTS", "COUNT", "MTTR MEAN", "MTTR MEDIAN", "FIRST UPDATE",
        );
        let all = std::iter::once(("All incidents".to_string(), &self.incidents))
            .chain(rows.iter().map(|(n, e)| (n.clone(), &e.incidents)));
        let m = |x: Option<f64>| x.map_or_else(|| "–".to_string(), minutes);
        for (name, s) in all {
            let (first, cadence, promises) = s.communication.as_ref().map_or_else(
                || ("–".to_string(), "–".to_string(), "–".to_string()),
                |c| {
                    (
                        m(c.first_update_mean_minutes),
                        cadence(c.cadence_share, c.cadence_kept, c.cadence_total),
                        cadence(
                            c.promise_share,
                            c.promises_kept,
                            c.promises_kept + c.promises_broken,
                        ),
                    )
                },
            );
            let _ = writeln!(
                out,
                "{name:width$}  {:>9}  {:>10}  {:>11}  {first:>12}  {cadence:17}  {promises}",
                s.count,
                m(s.resolve_mean_minutes),
                m(s.resolve_median_minutes),
            );
        }
        let promised: Vec<&OpenIncident> = self
            .open_incidents
            .iter()
            .filter(|o| o.next_update.is_some())
            .collect();
        if !promised.is_empty() {
            let _ = writeln!(out, "\nNext updates promised by open incidents:");
        }
        for o in promised {
            let state = if o.next_update_overdue {
                "OVERDUE since"
            } else {
                "due by"
            };
            let by = o.next_update.as_deref().unwrap_or_default();
            let _ = writeln!(out, "  {} ({}): {state} {by}", o.name, o.id);
        }
        out
    }
}
