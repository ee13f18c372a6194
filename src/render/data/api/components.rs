//! The component objects of the API: each component's and group's times, positions and
//! listing order, computed once per build.

use super::objects::Component;
use crate::derive::State;
use crate::derive::lifecycle::{self, Lifecycle};
use crate::model::Site;
use crate::model::components::Display;
use crate::render::data::ids::{stable_id, wire_time};
use chrono::{DateTime, Utc};

/// The components as the API shows them.
pub(super) struct Catalogue {
    /// Component objects in catalogue order.
    pub components: Vec<Component>,
    /// Groups and components, flattened and ordered by position.
    pub listing: Vec<Component>,
    /// "Group - Component" (or the name) per component, for `affected_components`.
    pub qualified: Vec<String>,
}

impl Catalogue {
    /// The component objects of `site` at `state.now`. `epoch` is the creation time of
    /// components without `since`; `maintenance_life` holds every window's timeline.
    pub(super) fn build(
        site: &Site,
        state: &State,
        page_id: &str,
        epoch: DateTime<Utc>,
        maintenance_life: &[Lifecycle],
    ) -> Catalogue {
        let times = times(site, state, epoch, maintenance_life);
        let position = positions(site);
        let components: Vec<Component> = site
            .catalog
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
                showcase: comp.display.showcase,
                start_date: comp.since.map(|d| d.format("%Y-%m-%d").to_string()),
                group_id: comp.group.as_deref().map(group_id),
                page_id: page_id.to_string(),
                group: false,
                only_show_if_degraded: comp.display.only_show_if_degraded,
                components: None,
            })
            .collect();
        let listing = listing(site, state, page_id, epoch, &times, &components);
        Catalogue {
            components,
            listing,
            qualified: qualified_names(site, state),
        }
    }
}

fn group_id(g: &str) -> String {
    stable_id("group", g)
}

/// When each component was created (its `since`, else `epoch`) and last changed, in catalogue
/// order.
fn times(
    site: &Site,
    state: &State,
    epoch: DateTime<Utc>,
    maintenance_life: &[Lifecycle],
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let now = state.now;
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
                let start = state.windows[m].start;
                (start <= now)
                    .then_some(start)
                    .into_iter()
                    .chain(maintenance_life[m].resolved)
            }))
            .map(|t| t.min(now));
        let updated = changes.fold(created, DateTime::max);
        times.push((created, updated));
    }
    times
}

/// 1-based positions: of each component within its group, or at the top level.
fn positions(site: &Site) -> Vec<usize> {
    let catalog = &site.catalog;
    let n = catalog.components.len();
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
    position
}

/// "Group - Component" (or the name alone) per component.
fn qualified_names(site: &Site, state: &State) -> Vec<String> {
    let catalog = &site.catalog;
    catalog
        .components
        .iter()
        .zip(&state.component_group)
        .map(|(comp, group)| match group {
            Some(g) => format!("{} - {}", catalog.groups[*g].name, comp.name),
            None => comp.name.clone(),
        })
        .collect()
}

/// Groups and components in Statuspage's listing order: groups and children interleaved, by
/// position alone.
fn listing(
    site: &Site,
    state: &State,
    page_id: &str,
    epoch: DateTime<Utc>,
    times: &[(DateTime<Utc>, DateTime<Utc>)],
    components: &[Component],
) -> Vec<Component> {
    let catalog = &site.catalog;
    let n = catalog.components.len();
    // Tree order: each group where its first member stands, followed by its members.
    let mut tree: Vec<Component> = Vec::with_capacity(n + catalog.groups.len());
    let mut top = 0;
    let mut group_done = vec![false; catalog.groups.len()];
    for (c, group_index) in state.component_group.iter().enumerate() {
        match *group_index {
            None => {
                top += 1;
                tree.push(components[c].clone());
            }
            Some(gi) if !group_done[gi] => {
                group_done[gi] = true;
                top += 1;
                let members = &state.group_members[gi];
                let group = &catalog.groups[gi];
                let display =
                    Display::of_group(members.iter().map(|&x| catalog.components[x].display));
                let created = members.iter().map(|&x| times[x].0).min().unwrap_or(epoch);
                let updated = members.iter().map(|&x| times[x].1).max().unwrap_or(epoch);
                tree.push(Component {
                    id: group_id(&group.id),
                    name: group.name.clone(),
                    status: state.group_status[gi].as_str(),
                    created_at: wire_time(created),
                    updated_at: wire_time(updated),
                    position: top,
                    description: group.description.clone(),
                    showcase: display.showcase,
                    start_date: None,
                    group_id: None,
                    page_id: page_id.to_string(),
                    group: true,
                    only_show_if_degraded: display.only_show_if_degraded,
                    components: Some(members.iter().map(|&x| components[x].id.clone()).collect()),
                });
                tree.extend(members.iter().map(|&x| components[x].clone()));
            }
            Some(_) => {}
        }
    }
    let mut listing = tree;
    listing.sort_by_key(|c| c.position);
    listing
}
