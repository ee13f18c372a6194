//! An imported incident or maintenance window as the text of a post: front matter with a
//! marker naming its Statuspage id, then every update, newest first.

use super::safe_id;
use super::wire::{SpIncident, SpUpdate};
use crate::authoring::import::html_to_md;
use crate::authoring::text::one_line;
use crate::model::frontmatter::{AffectedLine, IncidentFrontMatter, MaintenanceFrontMatter};
use crate::model::update_text::{Precision, update_heading};
use crate::model::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus};
use chrono::{DateTime, Duration, SubsecRound, Utc};
use std::collections::BTreeMap;

/// How the marker comment of an imported post starts.
pub(super) const MARKER: &str = "Imported from Statuspage: ";

/// Marker comment in an imported post's front matter, naming its source.
fn marker(kind: &str, id: &str) -> String {
    format!("{MARKER}{kind} {}", safe_id(id))
}

/// A Statuspage time, to the whole second.
pub(super) fn time(s: Option<&str>) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s?.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc).trunc_subsecs(0))
}

fn update_time(u: &SpUpdate) -> Option<DateTime<Utc>> {
    time(u.display_at.as_deref()).or_else(|| time(u.created_at.as_deref()))
}

/// Updates newest first: by shown time, keeping the page's order for equal times.
fn sorted_updates(i: &SpIncident) -> Vec<&SpUpdate> {
    let mut ups: Vec<&SpUpdate> = i.incident_updates.iter().collect();
    let precise = |u: &SpUpdate| {
        u.display_at
            .as_deref()
            .or(u.created_at.as_deref())
            .and_then(|s| DateTime::parse_from_rfc3339(s.trim()).ok())
            .map(|t| t.with_timezone(&Utc))
    };
    ups.sort_by_key(|u| std::cmp::Reverse(precise(u)));
    ups
}

/// The heading word of an imported incident update: its status's label, or "Update".
fn incident_word(status: &str) -> &'static str {
    IncidentStatus::parse(status).map_or("Update", IncidentStatus::label)
}

/// The heading word of an imported maintenance update: its status's label, or "Update".
fn maintenance_word(status: &str) -> &'static str {
    MaintenanceStatus::parse(status).map_or("Update", MaintenanceStatus::label)
}

fn timeline(
    updates: &[&SpUpdate],
    word: fn(&str) -> &'static str,
    fallback: DateTime<Utc>,
) -> String {
    let mut out = String::new();
    for u in updates {
        let at = update_time(u).unwrap_or(fallback);
        let body = html_to_md::convert(u.body.as_deref().unwrap_or(""));
        out.push('\n');
        out.push_str(&update_heading(word(&u.status), at, Precision::Second));
        if !body.trim().is_empty() {
            out.push_str(body.trim());
            out.push('\n');
        }
    }
    out
}

/// The incident file's text and its start.
pub(super) fn incident_text(
    i: &SpIncident,
    ids: &BTreeMap<String, String>,
) -> (String, DateTime<Utc>) {
    let updates = sorted_updates(i);
    let declared = time(i.started_at.as_deref()).or_else(|| time(i.created_at.as_deref()));
    let earliest = updates.iter().filter_map(|u| update_time(u)).min();
    // A back-dated incident can have its first update before `started_at`; start at the earlier.
    let started = match (declared, earliest) {
        (Some(d), Some(e)) => d.min(e),
        (d, e) => d.or(e).unwrap_or_default(),
    };
    let impact = [&i.impact_override, &i.impact]
        .into_iter()
        .find_map(|s| s.as_deref().and_then(Impact::parse))
        .unwrap_or(Impact::None);
    let resolved = matches!(i.status.as_str(), "resolved" | "postmortem").then(|| {
        time(i.resolved_at.as_deref())
            .or_else(|| {
                updates
                    .iter()
                    .find(|u| u.status == "resolved")
                    .and_then(|u| update_time(u))
            })
            .or_else(|| updates.first().and_then(|u| update_time(u)))
            .unwrap_or(started)
            .max(started)
    });
    // Affected components, in order of first mention, with the worst status an update gave.
    let mut affected: Vec<(String, Option<ComponentStatus>)> = Vec::new();
    let mut note = |code: &str, status: Option<ComponentStatus>| {
        let Some(id) = ids.get(code) else { return };
        match affected.iter_mut().find(|(a, _)| a == id) {
            Some((_, s)) => *s = (*s).max(status),
            None => affected.push((id.clone(), status)),
        }
    };
    for c in &i.components {
        note(&c.id, None);
    }
    for u in updates.iter().rev() {
        for a in u.affected_components.iter().flatten() {
            if let Some(code) = &a.code {
                note(
                    code,
                    a.new_status.as_deref().and_then(ComponentStatus::parse),
                );
            }
        }
    }
    // With any status given, every component gets one (its impact's when none was given).
    let statuses: Vec<(String, ComponentStatus)> = affected
        .iter()
        .map(|(id, s)| (id.clone(), s.unwrap_or_else(|| impact.component_status())))
        .collect();
    let ids: Vec<String> = affected.iter().map(|(id, _)| id.clone()).collect();
    let affected = if affected.iter().any(|(_, s)| s.is_some()) {
        Some(AffectedLine::Statuses(&statuses))
    } else {
        (!ids.is_empty()).then_some(AffectedLine::Ids(&ids))
    };
    let comment = marker("incident", &i.id);
    let front_matter = IncidentFrontMatter {
        comment: Some(&comment),
        title: &title(&i.name),
        impact,
        started,
        resolved,
        affected,
    };
    let text = front_matter.to_text() + &timeline(&updates, incident_word, started);
    (text, started)
}

fn title(name: &str) -> String {
    let t = one_line(name);
    if t.is_empty() {
        "Untitled".to_string()
    } else {
        t
    }
}

/// The maintenance file's text and its start.
pub(super) fn maintenance_text(
    m: &SpIncident,
    ids: &BTreeMap<String, String>,
) -> (String, DateTime<Utc>) {
    let updates = sorted_updates(m);
    let fallback = time(m.started_at.as_deref())
        .or_else(|| time(m.created_at.as_deref()))
        .or_else(|| updates.last().and_then(|u| update_time(u)))
        .unwrap_or_default();
    let start = time(m.scheduled_for.as_deref()).unwrap_or(fallback);
    let end = time(m.scheduled_until.as_deref())
        .filter(|e| *e > start)
        .unwrap_or(start + Duration::hours(1));
    let mut affected: Vec<String> = Vec::new();
    let codes = m
        .components
        .iter()
        .map(|c| c.id.clone())
        .chain(updates.iter().flat_map(|u| {
            u.affected_components
                .iter()
                .flatten()
                .filter_map(|a| a.code.clone())
        }));
    for code in codes {
        if let Some(id) = ids.get(&code)
            && !affected.contains(id)
        {
            affected.push(id.clone());
        }
    }
    let comment = marker("maintenance", &m.id);
    let front_matter = MaintenanceFrontMatter {
        comment: Some(&comment),
        title: &title(&m.name),
        start,
        end,
        affected: (!affected.is_empty()).then_some(AffectedLine::Ids(&affected)),
    };
    let text = front_matter.to_text() + &timeline(&updates, maintenance_word, start);
    (text, start)
}
