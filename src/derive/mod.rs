//! Deriving the state of the site at one instant: component statuses, the page indicator,
//! which incidents are open, which maintenance is active or upcoming, and the indexes pages need.
//!
//! Pure: the clock comes in as `now`; every list has an explicit, total order.

pub(crate) mod lifecycle;
pub(crate) mod lint;
pub mod probes;
pub mod promise;
pub mod uptime;

use crate::model::Site;
use crate::model::components::SloSource;
use crate::model::maintenance::recurrence;
use crate::model::{
    Affected, Announcement, Catalog, ComponentStatus, Incident, Indicator, Maintenance,
    MaintenanceStatus,
};
use chrono::{DateTime, Utc};
use probes::ProbeState;
use std::collections::BTreeMap;
use uptime::slo::SloReport;
use uptime::{Coverage, Uptime};

/// The site's state at `now`, as indexes into the loaded `Site`.
#[derive(Debug, Clone)]
pub struct State {
    /// The instant everything is computed for.
    pub now: DateTime<Utc>,
    /// Current status per component, in catalogue order.
    pub component_status: Vec<ComponentStatus>,
    /// Current status per group (its worst member's), in catalogue order.
    pub group_status: Vec<ComponentStatus>,
    /// Per group, in catalogue order: its members, in file order.
    pub group_members: Vec<Vec<usize>>,
    /// Per component: the index of its group, if it has one.
    pub component_group: Vec<Option<usize>>,
    /// The page-wide indicator.
    pub indicator: Indicator,
    /// All incidents, newest first (by start, then id).
    pub incidents: Vec<usize>,
    /// Open incidents, newest first.
    pub open_incidents: Vec<usize>,
    /// Per incident: the components it affects with the status it gives them, catalogue order.
    pub effects: Vec<Vec<(usize, ComponentStatus)>>,
    /// Per component: its incidents, newest first.
    pub component_incidents: Vec<Vec<usize>>,
    /// The maintenance windows at `now`: each single window, and the occurrences of each
    /// recurring one around `now` ([`windows`]). Every other maintenance list indexes these.
    pub windows: Vec<Maintenance>,
    /// Per window: the index of its file in `Site::maintenance`.
    pub window_file: Vec<usize>,
    /// Status of every maintenance window at `now`.
    pub maintenance_status: Vec<MaintenanceStatus>,
    /// Per window: the components it covers, catalogue order.
    pub maintenance_effects: Vec<Vec<usize>>,
    /// In progress or verifying, earliest start first.
    pub active_maintenance: Vec<usize>,
    /// Scheduled, earliest start first.
    pub upcoming_maintenance: Vec<usize>,
    /// All maintenance, newest start first.
    pub maintenance: Vec<usize>,
    /// Uptime, SLOs and incident statistics at `now`, which pages, `api/uptime.json` and
    /// `stats` format.
    pub uptime: Uptime,
    /// What the probes measured at `now`, which component pages and `api/probes.json` show.
    pub probes: ProbeState,
    /// Per incident: the next update its open incident promises at `now`, if any.
    pub promises: Vec<Option<promise::Live>>,
    /// Announcements the index shows at `now`: warnings first, then the newest `show_from`.
    pub shown_announcements: Vec<usize>,
    /// Announcements whose `show_from` has come (each has a page and feed entries), newest
    /// `show_from` first.
    pub announcements: Vec<usize>,
}

/// Each component's group index, and each group's members in file order: one pass, so a group
/// of thousands costs no more than thousands of groups.
fn group_membership(catalog: &Catalog) -> (Vec<Option<usize>>, Vec<Vec<usize>>) {
    let index: BTreeMap<&str, usize> = catalog
        .groups
        .iter()
        .enumerate()
        .map(|(g, group)| (group.id.as_str(), g))
        .collect();
    let mut members = vec![Vec::new(); catalog.groups.len()];
    let component_group = catalog
        .components
        .iter()
        .enumerate()
        .map(|(c, comp)| {
            let g = comp.group.as_deref().and_then(|id| index.get(id).copied());
            if let Some(g) = g {
                members[g].push(c);
            }
            g
        })
        .collect();
    (component_group, members)
}

/// Expands `affected` entries (components or groups) to catalogue indexes with a status each.
pub fn expand(
    catalog: &Catalog,
    index: &BTreeMap<&str, usize>,
    affected: &[Affected],
    status_of: impl Fn(&Affected) -> ComponentStatus,
) -> Vec<(usize, ComponentStatus)> {
    let mut out: BTreeMap<usize, ComponentStatus> = BTreeMap::new();
    for a in affected {
        let status = status_of(a);
        let mut add = |i: usize| {
            let s = out.entry(i).or_insert(status);
            *s = (*s).max(status);
        };
        if let Some(&i) = index.get(a.id.as_str()) {
            add(i);
        } else {
            for (i, c) in catalog.components.iter().enumerate() {
                if c.group.as_deref() == Some(a.id.as_str()) {
                    add(i);
                }
            }
        }
    }
    out.into_iter().collect()
}

impl State {
    /// Which posts touch which components, as [`Uptime::compute`] reads it.
    pub fn coverage(&self) -> Coverage<'_> {
        Coverage {
            incidents: &self.incidents,
            effects: &self.effects,
            windows: &self.windows,
            maintenance: &self.maintenance,
            maintenance_effects: &self.maintenance_effects,
        }
    }

    /// Computes the state of `site` at `now`, uptime included.
    pub fn derive(site: &Site, now: DateTime<Utc>) -> State {
        let catalog = &site.catalog;
        let index = catalog.index();
        let effects: Vec<Vec<(usize, ComponentStatus)>> = site
            .incidents
            .iter()
            .map(|inc| expand(catalog, &index, &inc.affected, |a| inc.status_for(a)))
            .collect();
        let (windows, window_file) = windows(site, now);
        let file_effects: Vec<Vec<usize>> = site
            .maintenance
            .iter()
            .map(|m| {
                expand(catalog, &index, &m.affected, |_| {
                    ComponentStatus::UnderMaintenance
                })
                .into_iter()
                .map(|(i, _)| i)
                .collect()
            })
            .collect();
        let maintenance_effects: Vec<Vec<usize>> = window_file
            .iter()
            .map(|&f| file_effects[f].clone())
            .collect();

        let mut incidents: Vec<usize> = (0..site.incidents.len()).collect();
        incidents.sort_by(|&a, &b| newest_first(&site.incidents[a], &site.incidents[b]));
        let open_incidents: Vec<usize> = incidents
            .iter()
            .copied()
            .filter(|&i| site.incidents[i].is_open())
            .collect();

        let mut component_status: Vec<ComponentStatus> =
            catalog.components.iter().map(|c| c.status).collect();
        for &i in &open_incidents {
            for &(c, s) in &effects[i] {
                component_status[c] = component_status[c].max(s);
            }
        }
        let maintenance_status: Vec<MaintenanceStatus> =
            windows.iter().map(|m| m.status_at(now)).collect();
        let by_start =
            |list: &mut Vec<usize>| list.sort_by(|&a, &b| window_order(&windows[a], &windows[b]));
        let mut active_maintenance: Vec<usize> = (0..windows.len())
            .filter(|&i| maintenance_status[i].is_active())
            .collect();
        let mut upcoming_maintenance: Vec<usize> = (0..windows.len())
            .filter(|&i| maintenance_status[i] == MaintenanceStatus::Scheduled)
            .collect();
        by_start(&mut active_maintenance);
        by_start(&mut upcoming_maintenance);
        let mut maintenance: Vec<usize> = (0..windows.len()).collect();
        by_start(&mut maintenance);
        maintenance.reverse();
        for &m in &active_maintenance {
            for &c in &maintenance_effects[m] {
                component_status[c] = component_status[c].max(ComponentStatus::UnderMaintenance);
            }
        }

        let (component_group, group_members) = group_membership(catalog);
        let group_status = group_members
            .iter()
            .map(|members| {
                members
                    .iter()
                    .map(|&c| component_status[c])
                    .max()
                    .unwrap_or(ComponentStatus::Operational)
            })
            .collect();
        let worst = component_status
            .iter()
            .copied()
            .max()
            .unwrap_or(ComponentStatus::Operational);
        // An open incident that names no component still means something is wrong.
        let implied = open_incidents
            .iter()
            .map(|&i| site.incidents[i].impact.component_status())
            .max()
            .unwrap_or(ComponentStatus::Operational);
        let indicator = Indicator::from_worst(worst.max(implied));

        let mut component_incidents = vec![Vec::new(); catalog.components.len()];
        for &i in &incidents {
            for &(c, _) in &effects[i] {
                component_incidents[c].push(i);
            }
        }
        let mut uptime = Uptime::compute(
            site,
            Coverage {
                incidents: &incidents,
                effects: &effects,
                windows: &windows,
                maintenance: &maintenance,
                maintenance_effects: &maintenance_effects,
            },
            now,
        );
        // An SLO measured on probes spends its budget on the downtime they measured.
        for (c, comp) in catalog.components.iter().enumerate() {
            if let Some(slo) = comp.slo.filter(|s| s.source == SloSource::Probes) {
                let (covered, down) = probes::worst_downtime(site, &comp.id, slo.window_days, now);
                uptime.components[c].slo = Some(SloReport {
                    target_ppm: slo.target_ppm,
                    window_days: slo.window_days,
                    observed: i64::try_from(covered * 60).unwrap_or(i64::MAX),
                    spent: i64::try_from(down * 60_000).unwrap_or(i64::MAX),
                });
            }
        }
        State {
            now,
            component_status,
            group_status,
            group_members,
            component_group,
            indicator,
            incidents,
            open_incidents,
            effects,
            component_incidents,
            windows,
            window_file,
            maintenance_status,
            maintenance_effects,
            active_maintenance,
            upcoming_maintenance,
            maintenance,
            uptime,
            probes: ProbeState::compute(site, now),
            promises: site
                .incidents
                .iter()
                .map(|inc| promise::live(inc, now))
                .collect(),
            shown_announcements: shown_announcements(&site.announcements, now),
            announcements: published_announcements(&site.announcements, now),
        }
    }
}

impl State {
    /// The windows told beyond their own page (the API's maintenance lists, the feeds): every
    /// single window, and of a recurring one the occurrences that have begun and the next one,
    /// which carries the announcement of the series; later occurrences are listed on the
    /// series' page only, so a weekly window is not announced twelve times over. Newest start
    /// first, as [`State::maintenance`].
    pub fn told_windows(&self) -> Vec<usize> {
        let files = self.window_file.iter().max().map_or(0, |&f| f + 1);
        let mut next_told = vec![false; files];
        // `maintenance` is newest start first: walk it oldest first.
        let mut out: Vec<usize> = self
            .maintenance
            .iter()
            .rev()
            .copied()
            .filter(|&w| {
                let m = &self.windows[w];
                m.occurrence.is_none()
                    || m.start <= self.now
                    || !std::mem::replace(&mut next_told[self.window_file[w]], true)
            })
            .collect();
        out.reverse();
        out
    }
}

/// The announcements published at `now`, newest `show_from` first (then by id).
fn published_announcements(all: &[Announcement], now: DateTime<Utc>) -> Vec<usize> {
    let mut list: Vec<usize> = (0..all.len())
        .filter(|&a| all[a].is_published(now))
        .collect();
    list.sort_by(|&a, &b| {
        all[b]
            .show_from
            .cmp(&all[a].show_from)
            .then_with(|| all[a].id.cmp(&all[b].id))
    });
    list
}

/// The announcements shown at `now`: warnings before notices, each newest `show_from` first.
fn shown_announcements(all: &[Announcement], now: DateTime<Utc>) -> Vec<usize> {
    let mut list: Vec<usize> = published_announcements(all, now)
        .into_iter()
        .filter(|&a| all[a].is_shown(now))
        .collect();
    // Stable: equal levels keep the newest-first order.
    list.sort_by_key(|&a| std::cmp::Reverse(all[a].level));
    list
}

/// Newest start first; the id breaks ties so the order never depends on load order.
pub fn newest_first(a: &Incident, b: &Incident) -> std::cmp::Ordering {
    b.started.cmp(&a.started).then_with(|| a.id.cmp(&b.id))
}

fn window_order(a: &Maintenance, b: &Maintenance) -> std::cmp::Ordering {
    a.start
        .cmp(&b.start)
        .then_with(|| a.end.cmp(&b.end))
        .then_with(|| a.id.cmp(&b.id))
}

/// The maintenance windows of `site` at `now`, with the file of each: a single window as it is,
/// a recurring one as its occurrences from [`recurrence::PAST_DAYS`] (or the uptime or longest
/// SLO window, if longer) before `now` to [`recurrence::AHEAD_DAYS`] after it. The range moves
/// with the clock; an occurrence keeps its key, so its ids do not.
pub fn windows(site: &Site, now: DateTime<Utc>) -> (Vec<Maintenance>, Vec<usize>) {
    let slo_days = site
        .catalog
        .components
        .iter()
        .filter_map(|c| c.slo.map(|s| s.window_days))
        .max()
        .unwrap_or(0);
    let past = recurrence::PAST_DAYS
        .max(i64::from(site.config.uptime.days))
        .max(i64::from(slo_days));
    let from = now - chrono::Duration::days(past);
    let to = now + chrono::Duration::days(recurrence::AHEAD_DAYS);
    let mut windows = Vec::with_capacity(site.maintenance.len());
    let mut files = Vec::with_capacity(site.maintenance.len());
    for (f, m) in site.maintenance.iter().enumerate() {
        if m.repeat.is_none() {
            windows.push(m.clone());
            files.push(f);
            continue;
        }
        for w in m.windows(from, to) {
            windows.push(w);
            files.push(f);
        }
    }
    (windows, files)
}

#[cfg(test)]
mod tests;

pub use lint::{STALE_HOURS, lint};
