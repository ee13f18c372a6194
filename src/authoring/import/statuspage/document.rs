//! One saved Statuspage response, told apart by its shape: a public API v2 object
//! (`summary.json`, `components.json`, `incidents.json`, `scheduled-maintenances.json`), a page of
//! the management API v1 (a bare array of incidents, of components or of component groups; `[]`
//! past the last page), or the management API's page object.

use super::wire::{Page, Response, SpComponent, SpIncident};
use crate::authoring::Error;
use crate::diagnostic::{Diagnostic, line_col};
use crate::model::{ComponentStatus, IncidentStatus, MaintenanceStatus};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::fs;
use std::path::Path;

/// What to save, for the hints of errors.
const ACCEPTED: &str = "pass the JSON of /api/v2/summary.json, components.json, incidents.json or scheduled-maintenances.json, or pages of the management API's /v1/pages/PAGE_ID/incidents or /v1/pages/PAGE_ID/components";

/// Reads one saved response.
pub(super) fn read(path: &Path) -> Result<(String, Response), Error> {
    let text = fs::read_to_string(path)
        .map_err(|e| Error::new(format!("cannot read {}: {e}", path.display())))?;
    let response = parse(&text, path)?;
    Ok((text, response))
}

/// Parses one saved response; errors name `path` and the line and column.
pub(crate) fn parse(text: &str, path: &Path) -> Result<Response, Error> {
    let start = text.len() - text.trim_start_matches([' ', '\t', '\n', '\r']).len();
    match text.as_bytes().get(start) {
        Some(b'[') => parse_page(text, path),
        Some(b'{') => parse_object(text, path),
        _ => match serde_json::from_str::<Value>(text) {
            Err(e) => Err(json_error(path, &e)),
            Ok(_) => Err(shape_error(
                path,
                line_col(text, start),
                "neither an object nor an array".to_string(),
                ACCEPTED,
            )),
        },
    }
}

/// A public API object, or the management API's page object.
fn parse_object(text: &str, path: &Path) -> Result<Response, Error> {
    let r: Response = typed(text, path)?;
    if r.components.is_some() || r.incidents.is_some() || r.scheduled_maintenances.is_some() {
        return Ok(r);
    }
    let object: Map<String, Value> = typed(text, path)?;
    if object.contains_key("subdomain") && object.contains_key("time_zone") {
        let page: ManagementPage = typed(text, path)?;
        return Ok(Response {
            page: Some(page.into()),
            ..Response::default()
        });
    }
    Err(Error::new(format!(
        "{} has none of `components`, `incidents` or `scheduled_maintenances`",
        path.display()
    ))
    .with_hint(ACCEPTED))
}

/// The page object of the management API (`GET /v1/pages/PAGE_ID`).
#[derive(Deserialize)]
struct ManagementPage {
    name: Option<String>,
    url: Option<String>,
    domain: Option<String>,
    subdomain: Option<String>,
    time_zone: Option<String>,
}

impl From<ManagementPage> for Page {
    fn from(p: ManagementPage) -> Page {
        let nonempty = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
        let url = nonempty(p.url)
            .or_else(|| nonempty(p.domain).map(|d| format!("https://{d}")))
            .or_else(|| nonempty(p.subdomain).map(|s| format!("https://{s}.statuspage.io")));
        Page {
            name: p.name,
            url,
            time_zone: p.time_zone,
        }
    }
}

/// What one element of a management API page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An incident or a maintenance window (`/incidents`).
    Incident,
    /// A component or a group (`/components`).
    Component,
    /// A component group (`/component-groups`).
    Group,
}

impl Kind {
    fn of(v: &Value) -> Option<Kind> {
        let o = v.as_object()?;
        let status = o.get("status").and_then(Value::as_str);
        let has = |key: &str| o.contains_key(key);
        if has("incident_updates")
            || has("impact")
            || has("scheduled_for")
            || status.is_some_and(|s| {
                IncidentStatus::parse(s).is_some() || MaintenanceStatus::parse(s).is_some()
            })
        {
            Some(Kind::Incident)
        } else if has("group")
            || has("group_id")
            || status.is_some_and(|s| ComponentStatus::parse(s).is_some())
        {
            Some(Kind::Component)
        } else if status.is_none() && o.get("components").is_some_and(Value::is_array) {
            Some(Kind::Group)
        } else {
            None
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Incident => "an incident",
            Kind::Component => "a component",
            Kind::Group => "a component group",
        }
    }
}

/// A page of the management API: a bare array of one kind of object.
fn parse_page(text: &str, path: &Path) -> Result<Response, Error> {
    let values: Vec<Value> = typed(text, path)?;
    let Some(first) = values.first() else {
        return Ok(Response::default());
    };
    let starts = element_starts(text);
    let at = |i: usize| line_col(text, starts.get(i).copied().unwrap_or(0));
    let Some(kind) = Kind::of(first) else {
        return Err(shape_error(
            path,
            at(0),
            "element 0 is neither an incident nor a component".to_string(),
            ACCEPTED,
        ));
    };
    for (i, v) in values.iter().enumerate().skip(1) {
        match Kind::of(v) {
            Some(k) if k == kind => {}
            Some(k) => {
                return Err(shape_error(
                    path,
                    at(i),
                    format!(
                        "element {i} is {}, but element 0 is {}: a page holds one kind",
                        k.name(),
                        kind.name()
                    ),
                    "save the pages of /incidents and of /components in separate files",
                ));
            }
            None => {
                return Err(shape_error(
                    path,
                    at(i),
                    format!("element {i} is not {} like element 0", kind.name()),
                    ACCEPTED,
                ));
            }
        }
    }
    Ok(match kind {
        Kind::Incident => Response {
            incidents: Some(typed::<Vec<SpIncident>>(text, path)?),
            ..Response::default()
        },
        Kind::Component | Kind::Group => {
            let mut components: Vec<SpComponent> = typed(text, path)?;
            if kind == Kind::Group {
                components.iter_mut().for_each(|c| c.group = true);
            }
            Response {
                components: Some(components),
                ..Response::default()
            }
        }
    })
}

/// The byte offset of each element of the JSON array `text` (already known to be valid).
fn element_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let (mut depth, mut in_string, mut escaped, mut expecting) = (0usize, false, false, false);
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            continue;
        }
        if expecting && !(depth == 1 && b == b']') {
            starts.push(i);
        }
        expecting = false;
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                expecting = depth == 1;
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b',' => expecting = depth == 1,
            _ => {}
        }
    }
    starts
}

/// `text` as a `T`, or an error naming the line and column where it is not one.
fn typed<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, Error> {
    serde_json::from_str(text).map_err(|e| json_error(path, &e))
}

fn json_error(path: &Path, e: &serde_json::Error) -> Error {
    shape_error(path, (e.line(), e.column()), json_message(e), ACCEPTED)
}

fn shape_error(path: &Path, at: (usize, usize), message: String, hint: &str) -> Error {
    Error::invalid(
        format!("{} is not Statuspage API JSON", path.display()),
        vec![Diagnostic::error(path, at, message).with_hint(hint)],
    )
}

/// A serde_json error without its " at line L column C" suffix (the diagnostic has them).
fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests;
