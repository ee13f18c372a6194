//! The Statuspage API v2 JSON the import reads, and merging several responses into one.

use crate::authoring::Error;
use crate::diagnostic::Diagnostic;
use serde::Deserialize;
use std::fs;
use std::path::Path;

/// The part of a Statuspage response the import reads.
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
}

/// An incident or scheduled maintenance.
#[derive(Debug, Clone, Deserialize)]
pub struct SpIncident {
    pub id: String,
    pub name: String,
    pub status: String,
    pub impact: Option<String>,
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

/// Reads one saved response, naming the file, line and column of bad JSON.
pub(super) fn read_response(path: &Path) -> Result<Response, Error> {
    let text = fs::read_to_string(path)
        .map_err(|e| Error::new(format!("cannot read {}: {e}", path.display())))?;
    let r: Response = serde_json::from_str(&text).map_err(|e| {
        Error::invalid(
            format!("{} is not Statuspage API JSON", path.display()),
            vec![Diagnostic::error(path, (e.line(), e.column()), json_message(&e)).with_hint(
                "save the response of /api/v2/summary.json, components.json, incidents.json or scheduled-maintenances.json",
            )],
        )
    })?;
    if r.components.is_none() && r.incidents.is_none() && r.scheduled_maintenances.is_none() {
        return Err(Error::new(format!(
            "{} has none of `components`, `incidents` or `scheduled_maintenances`",
            path.display()
        ))
        .with_hint("pass the JSON of /api/v2/summary.json, components.json, incidents.json or scheduled-maintenances.json"));
    }
    Ok(r)
}

/// A serde_json error without its " at line L column C" suffix (the diagnostic has them).
fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Reads the files and merges them into one response (first of each id wins, except that the
/// copy of an incident with more updates wins over a shorter one).
pub fn merge(responses: Vec<Response>) -> Response {
    let mut page = None;
    let mut components: Vec<SpComponent> = Vec::new();
    let mut incidents: Vec<SpIncident> = Vec::new();
    let mut maintenance: Vec<SpIncident> = Vec::new();
    let add = |list: &mut Vec<SpIncident>, items: Vec<SpIncident>| {
        for i in items {
            match list.iter_mut().find(|x| x.id == i.id) {
                Some(x)
                    if (i.incident_updates.len(), &i.updated_at)
                        > (x.incident_updates.len(), &x.updated_at) =>
                {
                    *x = i
                }
                Some(_) => {}
                None => list.push(i),
            }
        }
    };
    for r in responses {
        page = page.or(r.page);
        for c in r.components.unwrap_or_default() {
            if !components.iter().any(|x| x.id == c.id) {
                components.push(c);
            }
        }
        add(&mut incidents, r.incidents.unwrap_or_default());
        add(
            &mut maintenance,
            r.scheduled_maintenances.unwrap_or_default(),
        );
    }
    Response {
        page,
        components: Some(components),
        incidents: Some(incidents),
        scheduled_maintenances: Some(maintenance),
    }
}
