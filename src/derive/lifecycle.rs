//! The life of an incident or maintenance window as machine-readable outputs tell it: when it was
//! created and last changed, and its full timeline of updates, newest first.
//!
//! Operators do not always write an update for every change: an incident can be closed by
//! `resolved` alone, and a maintenance window starts and ends by the clock. Consumers of the API
//! and feeds expect the newest update to carry the current status, so those changes get an implied
//! update with Statuspage's default wording (`default_update` texts of the translation table).

use crate::model::{Announcement, Incident, IncidentStatus, Maintenance, MaintenanceStatus};
use chrono::{DateTime, Utc};

/// Where the text of a step comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// The written update at this index of the post's `updates` (newest first).
    Update(usize),
    /// The post's summary (the oldest step of a post without written updates).
    Summary,
    /// The post's summary, then the written update at this index: the oldest update of a post
    /// with a summary.
    SummaryThenUpdate(usize),
    /// An implied change, with Statuspage's default wording: the name of the text in the
    /// translation table's `default_update` section (the status's wire name, or
    /// [`ANNOUNCEMENT_ENDED`]).
    Default(&'static str),
    /// The incident's postmortem.
    Postmortem,
}

/// One update of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// Status wire name, e.g. `identified` or `in_progress`: the key of its words in the
    /// translation table's `update` section.
    pub status: &'static str,
    /// When it was posted.
    pub at: DateTime<Utc>,
    pub body: Body,
    /// True while the post impairs its components (open incident, maintenance under way).
    pub active: bool,
    /// Among steps at the same instant, its rank (0 for the first, oldest first), for stable ids.
    pub rank: usize,
}

/// Creation and change times and the timeline of one post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lifecycle {
    /// When it was opened (incident start, or the first announcement of a maintenance window).
    pub created: DateTime<Utc>,
    /// Its latest change.
    pub updated: DateTime<Utc>,
    /// When it entered monitoring, if it did.
    pub monitoring: Option<DateTime<Utc>>,
    /// When it was resolved or completed.
    pub resolved: Option<DateTime<Utc>>,
    /// Updates, newest first; never empty.
    pub steps: Vec<Step>,
}

/// The latest change of an incident, without building its timeline.
pub fn incident_updated(inc: &Incident) -> DateTime<Utc> {
    let latest = inc.updates.first().map_or(inc.started, |u| u.at);
    latest
        .max(inc.started)
        .max(inc.resolved.unwrap_or(inc.started))
        .max(inc.postmortem.as_ref().map_or(inc.started, |p| p.published))
}

/// The timeline of an incident.
pub fn incident(inc: &Incident) -> Lifecycle {
    let mut steps: Vec<Step> = Vec::with_capacity(inc.updates.len() + 1);
    // Oldest first while building.
    for (i, u) in inc.updates.iter().enumerate().rev() {
        steps.push(incident_step(u.status, u.at, Body::Update(i)));
    }
    if steps.is_empty() {
        let body = if inc.summary.trim().is_empty() {
            Body::Default(IncidentStatus::Investigating.as_str())
        } else {
            Body::Summary
        };
        steps.push(incident_step(
            IncidentStatus::Investigating,
            inc.started,
            body,
        ));
    }
    if let Some(resolved) = inc.resolved
        && !inc.updates.first().is_some_and(|u| u.status.is_resolved())
    {
        let at = resolved.max(steps.last().map_or(resolved, |s| s.at));
        steps.push(incident_step(
            IncidentStatus::Resolved,
            at,
            Body::Default(IncidentStatus::Resolved.as_str()),
        ));
    }
    // The postmortem is told as Statuspage tells it: one more update, with status postmortem.
    // In time order (stable, so it follows what was posted at the same instant).
    if let Some(p) = &inc.postmortem {
        steps.push(incident_step(
            IncidentStatus::Postmortem,
            p.published,
            Body::Postmortem,
        ));
        steps.sort_by_key(|s| s.at);
    }
    let monitoring = steps
        .iter()
        .find(|s| s.status == IncidentStatus::Monitoring.as_str())
        .map(|s| s.at);
    open_with_summary(&mut steps, &inc.summary);
    finish(inc.started, monitoring, inc.resolved, steps)
}

fn incident_step(status: IncidentStatus, at: DateTime<Utc>, body: Body) -> Step {
    Step {
        status: status.as_str(),
        at,
        body,
        active: !status.is_resolved(),
        rank: 0,
    }
}

fn maintenance_step(status: MaintenanceStatus, at: DateTime<Utc>, body: Body) -> Step {
    Step {
        status: status.as_str(),
        at,
        body,
        active: status.is_active(),
        rank: 0,
    }
}

/// The timeline of a maintenance window at `now`: written updates up to `now`, plus the start and
/// end the clock implies when no update tells them.
pub fn maintenance(m: &Maintenance, now: DateTime<Utc>) -> Lifecycle {
    let status = m.status_at(now);
    let completed = m.completed_at(now);
    let written: Vec<(usize, &crate::model::Update<MaintenanceStatus>)> = m
        .updates
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, u)| u.at <= now)
        .collect();
    // An upcoming window with nothing posted is an error of `lint`, so no output is built from
    // this fallback.
    let created = m.announced_at(now).unwrap_or(now);
    let mut steps: Vec<Step> = written
        .iter()
        .map(|&(i, u)| maintenance_step(u.status, u.at, Body::Update(i)))
        .collect();
    let has = |s: MaintenanceStatus| written.iter().any(|(_, u)| u.status == s);
    if steps.is_empty() {
        steps.push(maintenance_step(
            MaintenanceStatus::Scheduled,
            created,
            Body::Default(MaintenanceStatus::Scheduled.as_str()),
        ));
    }
    if now >= m.start && !has(MaintenanceStatus::InProgress) {
        steps.push(maintenance_step(
            MaintenanceStatus::InProgress,
            m.start,
            Body::Default(MaintenanceStatus::InProgress.as_str()),
        ));
    }
    if let Some(done) = completed
        && !has(MaintenanceStatus::Completed)
    {
        steps.push(maintenance_step(
            MaintenanceStatus::Completed,
            done,
            Body::Default(MaintenanceStatus::Completed.as_str()),
        ));
    }
    // Implied steps were appended; put everything back in time order (stable, so written
    // updates keep their order among equal times).
    steps.sort_by_key(|s| s.at);
    if steps.last().is_some_and(|s| s.status != status.as_str()) {
        let at = steps.last().map_or(created, |s| s.at);
        // A window still being verified reads as in progress.
        let body = match status {
            MaintenanceStatus::Completed | MaintenanceStatus::Scheduled => status.as_str(),
            _ => MaintenanceStatus::InProgress.as_str(),
        };
        steps.push(maintenance_step(status, at, Body::Default(body)));
    }
    open_with_summary(&mut steps, &m.summary);
    finish(created, None, completed, steps)
}

/// The status an announcement has where it is told as an incident (the Statuspage API, when
/// `[announcements] in_api` is on) while it is shown: the situation is known, and nobody is
/// investigating anything.
pub const ANNOUNCEMENT_SHOWN: IncidentStatus = IncidentStatus::Identified;

/// The implied update that ends an announcement told as an incident: the name of its text in
/// the translation table's `default_update` section.
pub const ANNOUNCEMENT_ENDED: &str = "announcement_ended";

/// The timeline of an announcement told as an incident at `now`: posted at `show_from` with its
/// text (as [`Body::Summary`]) and, once `show_until` has passed, resolved then.
pub fn announcement(a: &Announcement, now: DateTime<Utc>) -> Lifecycle {
    let mut steps = vec![incident_step(
        ANNOUNCEMENT_SHOWN,
        a.show_from,
        Body::Summary,
    )];
    let ended = a
        .show_until
        .filter(|&until| until <= now)
        .map(|until| until.max(a.show_from));
    if let Some(end) = ended {
        steps.push(incident_step(
            IncidentStatus::Resolved,
            end,
            Body::Default(ANNOUNCEMENT_ENDED),
        ));
    }
    finish(a.show_from, None, ended, steps)
}

/// Makes the oldest of the oldest-first `steps` carry the post's summary (who is affected, the
/// workaround), so consumers get it as Statuspage gives an incident's description: before the
/// text of a written update, or instead of the default text of an implied one.
fn open_with_summary(steps: &mut [Step], summary: &str) {
    if summary.trim().is_empty() {
        return;
    }
    if let Some(oldest) = steps.first_mut() {
        oldest.body = match oldest.body {
            Body::Update(k) | Body::SummaryThenUpdate(k) => Body::SummaryThenUpdate(k),
            Body::Summary | Body::Default(_) => Body::Summary,
            // Only when dated before everything else; the summary stays out of the report.
            Body::Postmortem => Body::Postmortem,
        };
    }
}

/// Ranks equal instants, sets `updated` and turns the oldest-first `steps` newest first.
fn finish(
    created: DateTime<Utc>,
    monitoring: Option<DateTime<Utc>>,
    resolved: Option<DateTime<Utc>>,
    mut steps: Vec<Step>,
) -> Lifecycle {
    for i in 1..steps.len() {
        if steps[i].at == steps[i - 1].at {
            steps[i].rank = steps[i - 1].rank + 1;
        }
    }
    let updated = steps
        .iter()
        .map(|s| s.at)
        .chain(resolved)
        .fold(created, DateTime::max);
    steps.reverse();
    Lifecycle {
        created,
        updated,
        monitoring,
        resolved,
        steps,
    }
}

#[cfg(test)]
mod tests;
