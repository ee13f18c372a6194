//! Statuspage's public API v2 as static files under `api/v2/`, so existing Statuspage consumers
//! (exporters, bots, client libraries) read a statuspress site unchanged.
//!
//! Every response starts with `page`; every list is present, `[]` when empty; incidents,
//! maintenance and updates are newest first; the full lists hold the [`LIMIT`] most recent.

pub mod objects;

use super::ids::{stable_id, wire_time};
use crate::derive::State;
use crate::derive::lifecycle::{self, Body, Lifecycle};
use crate::model::Site;
use crate::model::urls;
use crate::model::{ComponentStatus, Indicator, MaintenanceStatus};
use crate::output::Output;
use chrono::{DateTime, Utc};
use objects::{AffectedComponent, Component, Incident, Maintenance, Page, Status, Update};
use serde::Serialize;

/// How many incidents and maintenance windows the full lists hold, as on Statuspage.
pub const LIMIT: usize = 50;

/// The standard Statuspage description of an indicator.
pub fn description(indicator: Indicator) -> &'static str {
    match indicator {
        Indicator::None => "All Systems Operational",
        Indicator::Minor => "Partially Degraded Service",
        Indicator::Major => "Partial System Outage",
        Indicator::Critical => "Major Service Outage",
        Indicator::Maintenance => "Service Under Maintenance",
    }
}

/// What the endpoints share, computed once per build.
pub struct Api<'a> {
    site: &'a Site,
    state: &'a State,
    /// The `page` object.
    pub page: Page,
    /// The `status` object.
    pub status: Status,
    /// Component objects in catalogue order.
    components: Vec<Component>,
    /// Groups and components, flattened and ordered by position.
    pub listing: Vec<Component>,
    /// "Group - Component" (or the name) per component, for `affected_components`.
    qualified: Vec<String>,
    /// Timeline of every maintenance window at `now` (cheap: no Markdown involved).
    maintenance_life: Vec<Lifecycle>,
}

impl<'a> Api<'a> {
    /// Computes the page, the components and the maintenance timelines.
    pub fn new(site: &'a Site, state: &'a State) -> Api<'a> {
        let now = state.now;
        let cfg = &site.config;
        let page_id = stable_id("page", &cfg.base_url);
        let maintenance_life: Vec<Lifecycle> = site
            .maintenance
            .iter()
            .map(|m| lifecycle::maintenance(m, now))
            .collect();
        let incident_changes = site
            .incidents
            .iter()
            .map(|inc| lifecycle::incident_updated(inc).min(now));
        let maintenance_changes = maintenance_life.iter().map(|l| l.updated.min(now));
        let page_updated = incident_changes.chain(maintenance_changes).max();
        // The earliest thing the site reports: the creation time of components without `since`.
        let epoch = site
            .incidents
            .iter()
            .map(|inc| inc.started)
            .chain(maintenance_life.iter().map(|l| l.created))
            .min()
            .unwrap_or(now);
        let page = Page {
            id: page_id.clone(),
            name: cfg.title.clone(),
            url: cfg.base_url.clone(),
            time_zone: cfg.time_zone.name().to_string(),
            updated_at: wire_time(page_updated.unwrap_or(now)),
        };
        let status = Status {
            indicator: state.indicator.as_str(),
            description: description(state.indicator),
        };

        let catalog = &site.catalog;
        let n = catalog.components.len();
        let mut covered_by: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (m, comps) in state.maintenance_effects.iter().enumerate() {
            for &c in comps {
                covered_by[c].push(m);
            }
        }
        let mut times: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::with_capacity(n);
        for (c, comp) in catalog.components.iter().enumerate() {
            let created = comp
                .since
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map_or(epoch, |d| d.and_utc());
            let changes = state.component_incidents[c]
                .iter()
                .map(|&i| lifecycle::incident_updated(&site.incidents[i]))
                // A window changes a component when it starts and when it ends.
                .chain(covered_by[c].iter().flat_map(|&m| {
                    let start = site.maintenance[m].start;
                    (start <= now)
                        .then_some(start)
                        .into_iter()
                        .chain(maintenance_life[m].resolved)
                }))
                .map(|t| t.min(now));
            let updated = changes.fold(created, DateTime::max);
            times.push((created, updated));
        }
        let group_id = |g: &str| stable_id("group", g);
        // 1-based positions: of each component within its group, or at the top level.
        let mut position = vec![0; n];
        let mut in_group: std::collections::BTreeMap<&str, usize> = Default::default();
        let mut top_level = 0;
        for (c, comp) in catalog.components.iter().enumerate() {
            position[c] = match comp.group.as_deref() {
                None => {
                    top_level += 1;
                    top_level
                }
                Some(g) => {
                    let k = in_group.entry(g).or_insert_with(|| {
                        top_level += 1;
                        0
                    });
                    *k += 1;
                    *k
                }
            };
        }
        let components: Vec<Component> = catalog
            .components
            .iter()
            .enumerate()
            .map(|(c, comp)| Component {
                id: stable_id("component", &comp.id),
                name: comp.name.clone(),
                status: state.component_status[c].as_str(),
                created_at: wire_time(times[c].0),
                updated_at: wire_time(times[c].1),
                position: position[c],
                description: comp.description.clone(),
                showcase: true,
                start_date: comp.since.map(|d| d.format("%Y-%m-%d").to_string()),
                group_id: comp.group.as_deref().map(group_id),
                page_id: page_id.clone(),
                group: false,
                only_show_if_degraded: false,
                components: None,
            })
            .collect();
        let qualified = catalog
            .components
            .iter()
            .map(
                |comp| match comp.group.as_deref().and_then(|g| catalog.group(g)) {
                    Some(g) => format!("{} - {}", g.name, comp.name),
                    None => comp.name.clone(),
                },
            )
            .collect();

        // Tree order: each group where its first member stands, followed by its members.
        let mut tree: Vec<Component> = Vec::with_capacity(n + catalog.groups.len());
        let mut top = 0;
        let mut groups_done: Vec<&str> = Vec::new();
        for (c, comp) in catalog.components.iter().enumerate() {
            match comp.group.as_deref() {
                None => {
                    top += 1;
                    tree.push(components[c].clone());
                }
                Some(g) if !groups_done.contains(&g) => {
                    groups_done.push(g);
                    top += 1;
                    let members: Vec<usize> = (0..n)
                        .filter(|&x| catalog.components[x].group.as_deref() == Some(g))
                        .collect();
                    let (gi, group) = catalog
                        .groups
                        .iter()
                        .enumerate()
                        .find(|(_, x)| x.id == g)
                        .expect("groups are checked on load");
                    let created = members.iter().map(|&x| times[x].0).min().unwrap_or(epoch);
                    let updated = members.iter().map(|&x| times[x].1).max().unwrap_or(epoch);
                    tree.push(Component {
                        id: group_id(g),
                        name: group.name.clone(),
                        status: state.group_status[gi].as_str(),
                        created_at: wire_time(created),
                        updated_at: wire_time(updated),
                        position: top,
                        description: group.description.clone(),
                        showcase: true,
                        start_date: None,
                        group_id: None,
                        page_id: page_id.clone(),
                        group: true,
                        only_show_if_degraded: false,
                        components: Some(
                            members.iter().map(|&x| components[x].id.clone()).collect(),
                        ),
                    });
                    tree.extend(members.iter().map(|&x| components[x].clone()));
                }
                Some(_) => {}
            }
        }
        // Statuspage lists groups and children interleaved, by position alone.
        let mut listing = tree;
        listing.sort_by_key(|c| c.position);

        Api {
            site,
            state,
            page,
            status,
            components,
            listing,
            qualified,
            maintenance_life,
        }
    }

    /// The incident object of `site.incidents[i]`.
    pub fn incident(&self, i: usize) -> Incident {
        let inc = &self.site.incidents[i];
        let life = lifecycle::incident(inc);
        let id = stable_id("incident", &inc.id);
        let effects = &self.state.effects[i];
        let body = |b: Body| match b {
            Body::Update(k) => inc.updates[k].body.as_str(),
            Body::Summary => inc.summary.as_str(),
            Body::Default(text) => text,
        };
        Incident {
            incident_updates: self.updates("incident_update", &inc.id, &id, &life, effects, body),
            name: inc.title.clone(),
            status: inc.status().as_str(),
            created_at: wire_time(life.created),
            updated_at: wire_time(life.updated),
            monitoring_at: life.monitoring.map(wire_time),
            resolved_at: life.resolved.map(wire_time),
            impact: inc.impact.as_str(),
            shortlink: urls::absolute(&self.site.config.base_url, &urls::incident(&inc.id)),
            started_at: wire_time(inc.started),
            page_id: self.page.id.clone(),
            components: effects
                .iter()
                .map(|&(c, _)| self.components[c].clone())
                .collect(),
            reminder_intervals: None,
            id,
        }
    }

    /// The scheduled maintenance object of `site.maintenance[i]`.
    pub fn maintenance(&self, i: usize) -> Maintenance {
        let m = &self.site.maintenance[i];
        let life = &self.maintenance_life[i];
        let id = stable_id("maintenance", &m.id);
        let effects: Vec<(usize, ComponentStatus)> = self.state.maintenance_effects[i]
            .iter()
            .map(|&c| (c, ComponentStatus::UnderMaintenance))
            .collect();
        let body = |b: Body| match b {
            Body::Update(k) => m.updates[k].body.as_str(),
            Body::Summary => m.summary.as_str(),
            Body::Default(text) => text,
        };
        Maintenance {
            incident_updates: self.updates("maintenance_update", &m.id, &id, life, &effects, body),
            name: m.title.clone(),
            status: self.state.maintenance_status[i].as_str(),
            created_at: wire_time(life.created),
            updated_at: wire_time(life.updated),
            monitoring_at: None,
            resolved_at: life.resolved.map(wire_time),
            impact: "maintenance",
            shortlink: urls::absolute(&self.site.config.base_url, &urls::maintenance(&m.id)),
            started_at: wire_time(life.created),
            page_id: self.page.id.clone(),
            components: effects
                .iter()
                .map(|&(c, _)| self.components[c].clone())
                .collect(),
            scheduled_for: wire_time(m.start),
            scheduled_until: wire_time(m.end),
            id,
        }
    }

    /// Update objects of a timeline, newest first, each with the post's components before and
    /// after it.
    fn updates<'b>(
        &self,
        kind: &str,
        post_id: &str,
        wire_id: &str,
        life: &Lifecycle,
        effects: &[(usize, ComponentStatus)],
        body: impl Fn(Body) -> &'b str,
    ) -> Vec<Update> {
        let mut before = vec![ComponentStatus::Operational; effects.len()];
        let mut out: Vec<Update> = life
            .steps
            .iter()
            .rev()
            .map(|step| {
                let at = wire_time(step.at);
                let key = match step.body {
                    Body::Update(_) => format!("{post_id}@{at}#{}", step.rank),
                    _ => format!("{post_id}@{at}/{}", step.status),
                };
                let affected = (!effects.is_empty()).then(|| {
                    effects
                        .iter()
                        .zip(before.iter_mut())
                        .map(|(&(c, given), old)| {
                            let new = if step.active {
                                given
                            } else {
                                ComponentStatus::Operational
                            };
                            let entry = AffectedComponent {
                                code: self.components[c].id.clone(),
                                name: self.qualified[c].clone(),
                                old_status: old.as_str(),
                                new_status: new.as_str(),
                            };
                            *old = new;
                            entry
                        })
                        .collect()
                });
                Update {
                    id: stable_id(kind, &key),
                    status: step.status,
                    body: plain_body(body(step.body)),
                    incident_id: wire_id.to_string(),
                    created_at: at.clone(),
                    updated_at: at.clone(),
                    display_at: at,
                    affected_components: affected,
                    deliver_notifications: true,
                    custom_tweet: None,
                    tweet_id: None,
                }
            })
            .collect();
        out.reverse();
        out
    }

    /// Writes every endpoint into `output`.
    pub fn render(&self, output: &mut Output) {
        let state = self.state;
        let incidents: Vec<Incident> = state
            .incidents
            .iter()
            .take(LIMIT)
            .map(|&i| self.incident(i))
            .collect();
        let shown: Vec<usize> = state.incidents.iter().take(LIMIT).copied().collect();
        // Open incidents past the cap (rare) are built on their own.
        let extra: Vec<(usize, Incident)> = state
            .open_incidents
            .iter()
            .filter(|i| !shown.contains(i))
            .map(|&i| (i, self.incident(i)))
            .collect();
        let find = |i: usize| -> &Incident {
            match shown.iter().position(|&x| x == i) {
                Some(k) => &incidents[k],
                None => &extra.iter().find(|(x, _)| *x == i).expect("built above").1,
            }
        };
        let unresolved: Vec<&Incident> = state.open_incidents.iter().map(|&i| find(i)).collect();

        let recent: Vec<usize> = state.maintenance.iter().take(LIMIT).copied().collect();
        let maintenance: Vec<(usize, Maintenance)> = state
            .maintenance
            .iter()
            .filter(|&&m| {
                recent.contains(&m) || state.maintenance_status[m] != MaintenanceStatus::Completed
            })
            .map(|&m| (m, self.maintenance(m)))
            .collect();
        let pick = |keep: &dyn Fn(MaintenanceStatus) -> bool| -> Vec<&Maintenance> {
            maintenance
                .iter()
                .filter(|(m, _)| keep(state.maintenance_status[*m]))
                .map(|(_, o)| o)
                .collect()
        };
        let all_maintenance: Vec<&Maintenance> = maintenance
            .iter()
            .filter(|(m, _)| recent.contains(m))
            .map(|(_, o)| o)
            .collect();
        let upcoming = pick(&|s| s == MaintenanceStatus::Scheduled);
        let active = pick(&|s| s.is_active());
        let upcoming_or_active = pick(&|s| s != MaintenanceStatus::Completed);

        let page = &self.page;
        let mut put = |path: &str, value: &dyn erased::Json| {
            output.insert(path, value.to_json());
        };
        put(
            urls::api::SUMMARY,
            &Summary {
                page,
                components: &self.listing,
                incidents: &unresolved,
                scheduled_maintenances: &upcoming_or_active,
                status: &self.status,
            },
        );
        put(
            urls::api::STATUS,
            &StatusEnvelope {
                page,
                status: &self.status,
            },
        );
        put(
            urls::api::COMPONENTS,
            &Components {
                page,
                components: &self.listing,
            },
        );
        let all: Vec<&Incident> = incidents.iter().collect();
        put(
            urls::api::INCIDENTS,
            &Incidents {
                page,
                incidents: &all,
            },
        );
        put(
            urls::api::INCIDENTS_UNRESOLVED,
            &Incidents {
                page,
                incidents: &unresolved,
            },
        );
        for (path, list) in [
            (urls::api::MAINTENANCES, &all_maintenance),
            (urls::api::MAINTENANCES_UPCOMING, &upcoming),
            (urls::api::MAINTENANCES_ACTIVE, &active),
        ] {
            put(
                path,
                &Maintenances {
                    page,
                    scheduled_maintenances: list,
                },
            );
        }
    }
}

/// Renders the API into `output`.
pub fn render(site: &Site, state: &State, output: &mut Output) {
    Api::new(site, state).render(output);
}

/// An update body for the API: the Markdown as written, which reads as plain text. Raw HTML in
/// it is reduced to a few inline tags, since some consumers show bodies as HTML.
pub fn plain_body(markdown: &str) -> String {
    let text = markdown.replace('\r', "");
    let text = text.trim();
    if !text.contains('<') {
        return text.to_string();
    }
    ammonia::Builder::empty()
        .add_tags(["br", "b", "strong", "i", "em", "code", "a"])
        .add_tag_attributes("a", ["href"])
        .add_url_schemes(["http", "https", "mailto"])
        .clean(text)
        .to_string()
}

/// Serialization of the envelopes without naming each type at the call site.
mod erased {
    /// A value that becomes compact JSON.
    pub trait Json {
        /// Compact JSON bytes.
        fn to_json(&self) -> Vec<u8>;
    }

    impl<T: serde::Serialize> Json for T {
        fn to_json(&self) -> Vec<u8> {
            serde_json::to_vec(self).expect("API objects have only string keys")
        }
    }
}

#[derive(Serialize)]
struct Summary<'a> {
    page: &'a Page,
    components: &'a [Component],
    incidents: &'a [&'a Incident],
    scheduled_maintenances: &'a [&'a Maintenance],
    status: &'a Status,
}

#[derive(Serialize)]
struct StatusEnvelope<'a> {
    page: &'a Page,
    status: &'a Status,
}

#[derive(Serialize)]
struct Components<'a> {
    page: &'a Page,
    components: &'a [Component],
}

#[derive(Serialize)]
struct Incidents<'a> {
    page: &'a Page,
    incidents: &'a [&'a Incident],
}

#[derive(Serialize)]
struct Maintenances<'a> {
    page: &'a Page,
    scheduled_maintenances: &'a [&'a Maintenance],
}

#[cfg(test)]
mod tests;
