//! Views of components and groups: their statuses, links and the component list's rows.

use super::probes::UpstreamView;
use crate::derive::State;
use crate::i18n::Table;
use crate::model::ComponentStatus;
use crate::model::Site;
use crate::model::components::Display;
use crate::model::urls;
use serde::Serialize;

/// A component status with its words.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StatusView {
    /// Wire name, used as CSS class.
    pub key: &'static str,
    /// Readable label.
    pub label: &'static str,
}

impl StatusView {
    /// `s` in the words of `t`.
    pub fn new(s: ComponentStatus, t: &'static Table) -> Self {
        StatusView {
            key: s.as_str(),
            label: t.of("status", s.as_str()),
        }
    }
}

/// A component as shown in lists.
#[derive(Debug, Clone, Serialize)]
pub struct ComponentView {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// Current status.
    pub status: StatusView,
    /// Group name, if grouped.
    pub group: Option<String>,
    /// Link relative to the site root.
    pub url: String,
    /// Number of open incidents affecting it.
    pub open_incidents: usize,
    /// The short measured figure, e.g. "99.95% measured", when it has probe data.
    pub measured: Option<String>,
    /// The upstream provider its first `statuspage` probe mirrors (boxed: most components have
    /// none).
    pub upstream: Option<Box<UpstreamView>>,
    /// Whether its uptime bar is shown (`showcase`).
    pub showcase: bool,
    /// Whether the index lists it: always, or while it is not operational for a component
    /// with `only_show_if_degraded`.
    pub listed: bool,
}

/// A group with its components.
#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// Worst member status.
    pub status: StatusView,
    /// The worst measured figure of its members, e.g. "99.95% measured", when one has probe data.
    pub measured: Option<String>,
    /// Members in file order.
    pub components: Vec<ComponentView>,
    /// Whether the index lists it: while any member is listed.
    pub listed: bool,
}

/// One row of the component list: a group or an ungrouped component.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Entry {
    /// A group and its members.
    Group(GroupView),
    /// A component outside any group.
    Component(ComponentView),
}

/// Every component's view, in catalogue order.
pub(super) fn component_views(site: &Site, state: &State, t: &'static Table) -> Vec<ComponentView> {
    let mut open_count = vec![0; site.catalog.components.len()];
    for &i in &state.open_incidents {
        for &(c, _) in &state.effects[i] {
            open_count[c] += 1;
        }
    }
    site.catalog
        .components
        .iter()
        .enumerate()
        .map(|(i, c)| ComponentView {
            listed: listed(c.display, state.component_status[i]),
            showcase: c.display.showcase,
            id: c.id.clone(),
            name: c.name.clone(),
            description: c.description.clone(),
            status: StatusView::new(state.component_status[i], t),
            group: state.component_group[i].map(|g| site.catalog.groups[g].name.clone()),
            url: urls::component(&c.id),
            open_incidents: open_count[i],
            measured: None,
            upstream: None,
        })
        .collect()
}

/// The rows of the component list: ungrouped components and groups, where each group's first
/// member stands; `measured` holds each group's figure.
pub(super) fn entries(
    site: &Site,
    state: &State,
    components: &[ComponentView],
    measured: &[Option<String>],
    t: &'static Table,
) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut group_done = vec![false; site.catalog.groups.len()];
    for (i, view) in components.iter().enumerate() {
        match state.component_group[i] {
            None => out.push(Entry::Component(view.clone())),
            Some(g) if !group_done[g] => {
                group_done[g] = true;
                let group = &site.catalog.groups[g];
                let members = &state.group_members[g];
                out.push(Entry::Group(GroupView {
                    id: group.id.clone(),
                    name: group.name.clone(),
                    description: group.description.clone(),
                    status: StatusView::new(state.group_status[g], t),
                    measured: measured.get(g).cloned().flatten(),
                    components: members.iter().map(|&c| components[c].clone()).collect(),
                    listed: members.iter().any(|&c| components[c].listed),
                }));
            }
            Some(_) => {}
        }
    }
    out
}

/// Whether a component of this display and status is listed on the index: a component with
/// `only_show_if_degraded` only while it is not operational, as on a Statuspage.
fn listed(display: Display, status: ComponentStatus) -> bool {
    !display.only_show_if_degraded || status != ComponentStatus::Operational
}

/// The rows of `entries` the index lists: groups with their listed members only, and no group
/// whose members are all left out.
pub fn listed_entries(entries: &[Entry]) -> Vec<Entry> {
    entries
        .iter()
        .filter_map(|e| match e {
            Entry::Component(c) => c.listed.then(|| e.clone()),
            Entry::Group(g) => g.listed.then(|| {
                Entry::Group(GroupView {
                    components: g.components.iter().filter(|c| c.listed).cloned().collect(),
                    ..g.clone()
                })
            }),
        })
        .collect()
}
