//! The Statuspage JSON the import reads (public API v2 and management API v1 objects), merging
//! several responses into one, and the posts they hold: each id once, where its status puts it.

use super::post_text::time;
use crate::model::{IncidentStatus, MaintenanceStatus};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The part of a Statuspage response the import reads. A management API page (a bare array) is
/// read into the list it holds.
#[derive(Debug, Default, Deserialize)]
pub struct Response {
    /// The page.
    pub page: Option<Page>,
    /// Components and groups (components.json, summary.json).
    pub components: Option<Vec<SpComponent>>,
    /// Incidents (incidents.json; unresolved ones in summary.json).
    pub incidents: Option<Vec<SpIncident>>,
    /// Maintenance (scheduled-maintenances.json, summary.json).
    pub scheduled_maintenances: Option<Vec<SpIncident>>,
}

/// `page`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Page {
    /// Page name.
    pub name: Option<String>,
    /// Public address.
    pub url: Option<String>,
    /// IANA time zone.
    pub time_zone: Option<String>,
}

/// A component or group.
#[derive(Debug, Clone, Deserialize)]
pub struct SpComponent {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// True for groups.
    #[serde(default)]
    pub group: bool,
    /// Parent group id.
    pub group_id: Option<String>,
    /// Start date, `YYYY-MM-DD`.
    pub start_date: Option<String>,
    /// Place on the page: within its group for a member, among the top-level entries otherwise.
    pub position: Option<i64>,
    /// Whether its uptime bar is shown.
    pub showcase: Option<bool>,
    /// Whether it is listed only while not operational.
    pub only_show_if_degraded: Option<bool>,
}

/// An incident or scheduled maintenance (the management API lists both as incidents).
#[derive(Debug, Clone, Deserialize)]
pub struct SpIncident {
    pub id: String,
    pub name: String,
    pub status: String,
    pub impact: Option<String>,
    /// The impact set by hand (management API), which the page shows instead of `impact`.
    pub impact_override: Option<String>,
    /// Created.
    pub created_at: Option<String>,
    /// Last changed.
    pub updated_at: Option<String>,
    /// Impact start.
    pub started_at: Option<String>,
    /// Resolution.
    pub resolved_at: Option<String>,
    /// Maintenance start.
    pub scheduled_for: Option<String>,
    /// Maintenance end.
    pub scheduled_until: Option<String>,
    /// Updates, newest first.
    #[serde(default)]
    pub incident_updates: Vec<SpUpdate>,
    /// Components (full objects).
    #[serde(default)]
    pub components: Vec<SpComponent>,
    /// The postmortem's text (management API), Markdown or HTML.
    pub postmortem_body: Option<String>,
    /// When the postmortem was published; `None` while it is a draft.
    pub postmortem_published_at: Option<String>,
}

/// One update.
#[derive(Debug, Clone, Deserialize)]
pub struct SpUpdate {
    /// Status after the update.
    pub status: String,
    /// HTML-ish body.
    pub body: Option<String>,
    /// Shown time.
    pub display_at: Option<String>,
    /// Posted time.
    pub created_at: Option<String>,
    /// Component changes.
    pub affected_components: Option<Vec<SpAffected>>,
}

/// A component change in an update.
#[derive(Debug, Clone, Deserialize)]
pub struct SpAffected {
    /// Component id (missing in some odd entries).
    pub code: Option<String>,
    /// Name, "Group - Child" for grouped components.
    pub name: Option<String>,
    /// Status after the update.
    pub new_status: Option<String>,
}

/// Merges responses in the order given: the first page with each field gives it, the first copy
/// of each component id is kept, and every incident and maintenance window is listed (copies of
/// one id are merged by [`posts`]).
pub fn merge(responses: Vec<Response>) -> Response {
    let mut page: Option<Page> = None;
    let mut components: Vec<SpComponent> = Vec::new();
    let mut incidents: Vec<SpIncident> = Vec::new();
    let mut maintenance: Vec<SpIncident> = Vec::new();
    for r in responses {
        if let Some(p) = r.page {
            let merged = page.get_or_insert_with(Page::default);
            fill(&mut merged.name, p.name);
            fill(&mut merged.url, p.url);
            fill(&mut merged.time_zone, p.time_zone);
        }
        for c in r.components.unwrap_or_default() {
            if !components.iter().any(|x| x.id == c.id) {
                components.push(c);
            }
        }
        incidents.extend(r.incidents.unwrap_or_default());
        maintenance.extend(r.scheduled_maintenances.unwrap_or_default());
    }
    Response {
        page,
        components: Some(components),
        incidents: Some(incidents),
        scheduled_maintenances: Some(maintenance),
    }
}

fn fill<T>(slot: &mut Option<T>, other: Option<T>) {
    if slot.is_none() {
        *slot = other;
    }
}

/// The incidents and the maintenance windows of the listed posts, each id once.
///
/// Copies of one id (pages that overlap, or the public and the management API) become one: the
/// copy with more updates wins, then the one changed last, then the first; it takes the fields
/// it lacks from the others. A post goes by its status: the management API lists maintenance as
/// incidents. A published postmortem that is not among the updates becomes one.
pub(super) fn posts(listed: Vec<SpIncident>) -> (Vec<SpIncident>, Vec<SpIncident>) {
    let mut by_id: BTreeMap<String, SpIncident> = BTreeMap::new();
    for i in listed {
        match by_id.remove(&i.id) {
            Some(known) => by_id.insert(i.id.clone(), combine(known, i)),
            None => by_id.insert(i.id.clone(), i),
        };
    }
    by_id
        .into_values()
        .map(with_postmortem)
        .partition(|i| !is_maintenance(i))
}

/// One post from two copies of it.
fn combine(first: SpIncident, second: SpIncident) -> SpIncident {
    let rank = |i: &SpIncident| (i.incident_updates.len(), time(i.updated_at.as_deref()));
    let (mut w, other) = if rank(&second) > rank(&first) {
        (second, first)
    } else {
        (first, second)
    };
    fill(&mut w.impact, other.impact);
    fill(&mut w.impact_override, other.impact_override);
    fill(&mut w.created_at, other.created_at);
    fill(&mut w.updated_at, other.updated_at);
    fill(&mut w.started_at, other.started_at);
    fill(&mut w.resolved_at, other.resolved_at);
    fill(&mut w.scheduled_for, other.scheduled_for);
    fill(&mut w.scheduled_until, other.scheduled_until);
    fill(&mut w.postmortem_body, other.postmortem_body);
    fill(
        &mut w.postmortem_published_at,
        other.postmortem_published_at,
    );
    if w.components.is_empty() {
        w.components = other.components;
    }
    w
}

/// Whether a post is a maintenance window: by its status, or, when that is unknown, by a
/// scheduled start.
fn is_maintenance(i: &SpIncident) -> bool {
    if MaintenanceStatus::parse(&i.status).is_some() {
        true
    } else if IncidentStatus::parse(&i.status).is_some() {
        false
    } else {
        i.scheduled_for.is_some()
    }
}

/// A resolved incident's published postmortem as a `postmortem` update, unless it has one. A
/// draft (no `postmortem_published_at`) stays out. Of several `postmortem` updates (one
/// republished), the newest is kept: a post has one postmortem, the one the page shows.
fn with_postmortem(mut i: SpIncident) -> SpIncident {
    let shown =
        |u: &SpUpdate| time(u.display_at.as_deref()).or_else(|| time(u.created_at.as_deref()));
    let newest = (i.incident_updates.iter().enumerate())
        .filter(|(_, u)| u.status == "postmortem")
        .max_by_key(|&(k, u)| (shown(u), std::cmp::Reverse(k)))
        .map(|(k, _)| k);
    let mut k = 0;
    i.incident_updates.retain(|u| {
        k += 1;
        u.status != "postmortem" || Some(k - 1) == newest
    });
    let resolved = matches!(i.status.as_str(), "resolved" | "postmortem");
    let listed = i.incident_updates.iter().any(|u| u.status == "postmortem");
    let body = i.postmortem_body.clone().filter(|b| !b.trim().is_empty());
    let at = (i.postmortem_published_at.clone()).filter(|at| time(Some(at)).is_some());
    if let (Some(body), Some(at)) = (body, at)
        && resolved
        && !listed
    {
        i.incident_updates.push(SpUpdate {
            status: "postmortem".to_string(),
            body: Some(body),
            display_at: Some(at.clone()),
            created_at: Some(at),
            affected_components: None,
        });
    }
    i
}
