//! From a provider's summary to the outcome for one of its components: which component, what
//! its status means here, and which unresolved incidents affect it.

use super::UpstreamIncident;
use super::wire::{Component, Incident, Summary};
use crate::diagnostic::closest;
use crate::probe::check::outcome::{Outcome, Verdict};

/// Incident statuses after which an incident no longer affects anything.
const DONE: [&str; 3] = ["resolved", "postmortem", "completed"];

/// The component `wanted` names: by id, then by name in any case; a component before a group of
/// the same name.
pub(super) fn find<'a>(summary: &'a Summary, wanted: &str) -> Option<&'a Component> {
    let wanted = wanted.trim();
    let by_name = |group: bool| {
        summary
            .components
            .iter()
            .find(|c| c.group == group && c.name.trim().eq_ignore_ascii_case(wanted))
    };
    summary
        .components
        .iter()
        .find(|c| c.id == wanted)
        .or_else(|| by_name(false))
        .or_else(|| by_name(true))
}

/// Why `wanted` is not on the page, with up to three close names, or the page's first names.
pub(super) fn not_found(summary: &Summary, provider: &str, wanted: &str) -> String {
    let mut names: Vec<&str> = summary.components.iter().map(|c| c.name.as_str()).collect();
    let mut close: Vec<&str> = Vec::new();
    while close.len() < 3 {
        let Some(c) = closest(wanted.trim(), names.iter().copied()) else {
            break;
        };
        close.push(c);
        names.retain(|n| *n != c);
    }
    let quoted = |list: &[&str]| {
        list.iter()
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let hint = if !close.is_empty() {
        format!("did you mean {}?", quoted(&close))
    } else if summary.components.is_empty() {
        "it lists no components".to_owned()
    } else {
        let all: Vec<&str> = summary.components.iter().map(|c| c.name.as_str()).collect();
        let more = if all.len() > 10 { ", …" } else { "" };
        format!(
            "its components: {}{more}",
            quoted(&all[..all.len().min(10)])
        )
    };
    format!(
        "no component \"{}\" on {provider}'s page; {hint}",
        wanted.trim()
    )
}

/// What the provider's status word for a component means here: operational passes,
/// degraded_performance is slow, partial and major outages are down, maintenance passes with a
/// warning, and a word Statuspage does not use passes with a warning rather than raise an alarm.
pub(super) fn verdict(status: &str) -> (Verdict, Option<String>) {
    match status {
        "operational" => (Verdict::Ok, None),
        "degraded_performance" => (Verdict::Slow, None),
        "partial_outage" | "major_outage" => (Verdict::Down, None),
        "under_maintenance" => (Verdict::Ok, Some("upstream: under_maintenance".to_owned())),
        other => (
            Verdict::Ok,
            Some(format!(
                "upstream reports a status this check does not know: {other}"
            )),
        ),
    }
}

/// The unresolved incidents that affect `component`: first those that name it (by id or name),
/// then those that name no component at all, since they may; each in the page's order, with
/// an address only when it is http(s).
pub(super) fn incidents(
    summary: &Summary,
    component: &Component,
    page_url: &str,
) -> Vec<UpstreamIncident> {
    let open: Vec<&Incident> = (summary.incidents.iter())
        .filter(|i| !DONE.contains(&i.status.as_str()))
        .collect();
    let naming = open.iter().filter(|i| names(i, component) == Some(true));
    let silent = open.iter().filter(|i| names(i, component).is_none());
    naming
        .chain(silent)
        .map(|i| {
            let url = (i.shortlink.clone())
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| {
                    format!("{}/incidents/{}", page_url.trim_end_matches('/'), i.id)
                });
            let impact = i.impact.as_deref().unwrap_or("none");
            UpstreamIncident::new(&i.name, &i.status, impact, url.trim())
        })
        .collect()
}

/// Whether `incident` names `component`; `None` when it names no component.
fn names(incident: &Incident, component: &Component) -> Option<bool> {
    let listed = incident.components.as_ref().filter(|l| !l.is_empty())?;
    Some(listed.iter().any(|c| {
        c.id.as_deref() == Some(component.id.as_str())
            || (c.name.as_deref())
                .is_some_and(|n| n.trim().eq_ignore_ascii_case(component.name.trim()))
    }))
}

/// The outcome for a component found on the page.
pub(super) fn outcome(
    component: &Component,
    incidents: &[UpstreamIncident],
    latency: u32,
) -> Outcome {
    let (verdict, warning) = verdict(&component.status);
    let mut detail = format!("upstream: {}", component.status);
    if let Some(first) = incidents.first() {
        match &first.url {
            Some(url) => detail.push_str(&format!(" ({}: {url})", first.name)),
            None => detail.push_str(&format!(" ({})", first.name)),
        }
        match incidents.len() {
            1 => {}
            2 => detail.push_str(" and 1 more incident"),
            n => detail.push_str(&format!(" and {} more incidents", n - 1)),
        }
    }
    let warning = warning.or_else(|| {
        (verdict == Verdict::Ok)
            .then(|| incidents.first())
            .flatten()
            .map(|i| format!("upstream incident: {} ({})", i.name, i.status))
    });
    let outcome = Outcome::new(verdict, latency, detail);
    match warning {
        Some(w) => outcome.with_warning(w),
        None => outcome,
    }
}

#[cfg(test)]
mod tests;
