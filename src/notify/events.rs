//! The events of a site at the clock: every change of every post that subscribers are told
//! about, each with a key that stays the same from one run to the next.
//!
//! Events come from the same timelines as the API and the feeds (`derive::lifecycle`), so a
//! change nobody wrote an update for (a window starting by the clock, an incident closed by
//! `resolved` alone) is an event too, with Statuspage's default text. Keys name the post, the
//! kind of change and, for changes that can happen more than once, its time: editing an
//! update's text never changes a key, so it is never announced twice.
//!
//! | key | event |
//! | --- | --- |
//! | `incident/<id>/opened` | the incident's first update (or its start) |
//! | `incident/<id>/update/<time>` | each later update (`/2`, `/3` for more at the same time) |
//! | `incident/<id>/resolved/<time>` | its resolution, at the resolution time |
//! | `incident/<id>/postmortem/<time>` | the incident's postmortem, linking to it on the page |
//! | `maintenance/<id>/scheduled` | the window's announcement |
//! | `maintenance/<id>/started` | its start, by the clock or an In progress update |
//! | `maintenance/<id>/update/<time>` | any other update |
//! | `maintenance/<id>/completed` | its end, by the clock or a Completed update |
//!
//! An occurrence of a recurring window is told like a window of its own, under
//! `maintenance/<id>/<date>/…` (the local date of its start), once it starts within the longest
//! `max_age_hours` of the channels, or is still to come: older occurrences make no events, so a
//! weekly window does not fill the ledger with every week of its past. The announcement of the
//! series (its updates before the first occurrence) is told once, as `maintenance/<id>/scheduled`.
//!
//! A start, an announcement or an end happens once per post, so its key has no time: an In
//! progress update written after the clock already started the window does not announce the
//! start again.

use super::notice::{Notice, NoticeKind, Tone, Words};
use crate::derive::State;
use crate::derive::lifecycle::{self, Body, Step};
use crate::i18n::Table;
use crate::model::urls;
use crate::model::{Impact, Incident, IncidentStatus, Site, Update};
use crate::render::views::format::{next_update_sentence, time_view};
use chrono::{DateTime, SecondsFormat, Utc};
use std::collections::BTreeMap;

/// One event, with what filters and the webhook need beside its notice.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// What every channel renders.
    pub notice: Notice,
    /// The incident's impact, for `min_impact`; `None` for maintenance.
    pub impact: Option<Impact>,
    /// The post and timeline step it comes from.
    pub source: Source,
}

/// Where an event comes from: a post (its index in the site) and the step of its timeline
/// (index in the newest-first steps, as in the API's updates).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// An incident.
    Incident {
        /// Index in `site.incidents`.
        post: usize,
        /// Index in its newest-first timeline.
        step: usize,
    },
    /// A maintenance window.
    Maintenance {
        /// Index in `site.maintenance`.
        post: usize,
        /// Index in its newest-first timeline.
        step: usize,
    },
}

/// Every event of `site` up to the clock of `state`, by time, then key, in the words of the
/// site's default language: the table its root pages and its API are rendered with.
pub fn list(site: &Site, state: &State) -> Vec<Event> {
    let t = crate::render::table_of(site);
    let mut events = Vec::new();
    for i in 0..site.incidents.len() {
        incident_events(site, state, (i, t), &mut events);
    }
    // The first window of each recurring file tells the announcement of its series.
    let mut told = vec![false; site.maintenance.len()];
    for i in 0..state.windows.len() {
        let file = state.window_file[i];
        let tells_series = !std::mem::replace(&mut told[file], true);
        maintenance::events(site, state, (i, tells_series, t), &mut events);
    }
    events.sort_by(|a, b| (a.notice.at, &a.notice.key).cmp(&(b.notice.at, &b.notice.key)));
    events
}

/// RFC 3339 in UTC to the second, as keys hold times.
fn key_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Gives keys that two events of one post share a `/2`, `/3`, … suffix, in timeline order.
fn number_keys(keys: &mut [String]) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for key in keys.iter_mut() {
        let n = seen.entry(key.clone()).or_default();
        *n += 1;
        if *n > 1 {
            key.push_str(&format!("/{n}"));
        }
    }
}

fn incident_events(
    site: &Site,
    state: &State,
    (i, t): (usize, &'static Table),
    out: &mut Vec<Event>,
) {
    let inc = &site.incidents[i];
    let life = lifecycle::incident(inc);
    let now = state.now;
    // Oldest first, with each step's index in the newest-first timeline.
    let steps: Vec<(usize, &Step)> = life
        .steps
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, s)| s.at <= now)
        .collect();
    // The step that closed the incident: the oldest of the trailing run of resolved steps.
    let closing = inc.resolved.and_then(|_| {
        steps
            .iter()
            .rev()
            .take_while(|(_, s)| {
                IncidentStatus::parse(s.status).is_some_and(IncidentStatus::is_resolved)
            })
            .last()
            .map(|(k, _)| *k)
    });
    let thread = format!("incident/{}", inc.id);
    let mut kinds = Vec::new();
    let mut keys = Vec::new();
    for (n, &(k, step)) in steps.iter().enumerate() {
        let (kind, key) = if Some(k) == closing {
            let at = inc.resolved.unwrap_or(step.at);
            (
                NoticeKind::IncidentResolved,
                format!("{thread}/resolved/{}", key_time(at)),
            )
        } else if n == 0 {
            (NoticeKind::IncidentOpened, format!("{thread}/opened"))
        } else if step.status == IncidentStatus::Postmortem.as_str() {
            (
                NoticeKind::Postmortem,
                format!("{thread}/postmortem/{}", key_time(step.at)),
            )
        } else {
            (
                NoticeKind::IncidentUpdated,
                format!("{thread}/update/{}", key_time(step.at)),
            )
        };
        kinds.push(kind);
        keys.push(key);
    }
    number_keys(&mut keys);
    let (components, component_ids) =
        component_names(site, state, state.effects[i].iter().map(|&(c, _)| c));
    let url = urls::absolute(&site.config.base_url, &urls::incident(&inc.id));
    // A postmortem's notice leads to the report itself.
    let postmortem_url = urls::absolute(&site.config.base_url, &urls::postmortem(&inc.id));
    let postmortem = inc.postmortem.as_ref().map(|p| p.body.as_str());
    let words = Words::new(t);
    let tz = site.config.time_zone;
    for (n, ((&(k, step), kind), key)) in steps.iter().zip(kinds).zip(keys).enumerate() {
        let tone = if step.active {
            tone_of(inc.impact)
        } else {
            Tone::Resolved
        };
        out.push(Event {
            notice: Notice {
                key,
                thread: thread.clone(),
                first_of_thread: n == 0,
                kind,
                tone,
                site_title: site.config.title.clone(),
                site_url: site.config.base_url.clone(),
                title: inc.title.clone(),
                status: t.of("update", step.status).to_string(),
                impact: t.of("impact_tag", inc.impact.as_str()).to_string(),
                components: components.clone(),
                component_ids: component_ids.clone(),
                body_markdown: with_promise(
                    body(&inc.summary, &inc.updates, postmortem, step.body, t),
                    inc,
                    step.body,
                    (tz, t),
                ),
                at: step.at,
                at_text: time_view(step.at, tz, t).text().display,
                window_text: None,
                url: if kind == NoticeKind::Postmortem {
                    postmortem_url.clone()
                } else {
                    url.clone()
                },
                words,
            },
            impact: Some(inc.impact),
            source: Source::Incident { post: i, step: k },
        });
    }
}

fn tone_of(impact: Impact) -> Tone {
    match impact {
        Impact::None => Tone::None,
        Impact::Minor => Tone::Minor,
        Impact::Major => Tone::Major,
        Impact::Critical => Tone::Critical,
    }
}

/// A window in words in the site zone and the language of `t`: "26 Nov 2026, 02:00 – 04:00 CET",
/// or with both dates (and zones) when they differ.
pub fn window_text(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    tz: chrono_tz::Tz,
    t: &'static Table,
) -> String {
    let (s, e) = (time_view(start, tz, t).text(), time_view(end, tz, t).text());
    let zone = |t: &str| t.split_once(' ').map(|(_, z)| z.to_string());
    match (s.date == e.date, zone(&s.time) == zone(&e.time)) {
        (true, true) => {
            let start_clock = s.time.split(' ').next().unwrap_or_default();
            let times = format!("{start_clock} – {}", e.time);
            t.fill("date.display", &[("date", &s.date), ("time", &times)])
        }
        _ => format!("{} – {}", s.display, e.display),
    }
}

/// An incident step's text followed by the next update it promised, as the API tells it:
/// "Next update by 14:00 CET."
fn with_promise(
    text: String,
    inc: &Incident,
    b: Body,
    (tz, t): (chrono_tz::Tz, &'static Table),
) -> String {
    let k = match b {
        Body::Update(k) | Body::SummaryThenUpdate(k) => k,
        Body::Summary | Body::Default(_) | Body::Postmortem => return text,
    };
    match crate::derive::promise::of_update(inc, k) {
        Some(by) => format!(
            "{text}\n\n{}",
            next_update_sentence(by, inc.updates[k].at, tz, t)
        ),
        None => text,
    }
}

/// The text of a step: the update as written, the summary, both, the default wording of `t`, or
/// an incident's postmortem.
fn body<S>(
    summary: &str,
    updates: &[Update<S>],
    postmortem: Option<&str>,
    b: Body,
    t: &Table,
) -> String {
    match b {
        Body::Update(k) => updates[k].body.trim().to_string(),
        Body::Summary => summary.trim().to_string(),
        Body::SummaryThenUpdate(k) => {
            let update = updates[k].body.trim();
            if update.is_empty() {
                summary.trim().to_string()
            } else {
                format!("{}\n\n{update}", summary.trim())
            }
        }
        Body::Default(name) => t.of("default_update", name).to_string(),
        Body::Postmortem => postmortem.unwrap_or_default().trim().to_string(),
    }
}

/// The names of components (catalogue indexes, in catalogue order), and their ids followed by
/// the ids of their groups.
fn component_names(
    site: &Site,
    state: &State,
    components: impl Iterator<Item = usize>,
) -> (Vec<String>, Vec<String>) {
    let catalog = &site.catalog;
    let mut names = Vec::new();
    let mut ids = Vec::new();
    let mut groups: Vec<usize> = Vec::new();
    for c in components {
        names.push(catalog.components[c].name.clone());
        ids.push(catalog.components[c].id.clone());
        if let Some(g) = state.component_group[c] {
            groups.push(g);
        }
    }
    groups.sort_unstable();
    groups.dedup();
    ids.extend(groups.into_iter().map(|g| catalog.groups[g].id.clone()));
    (names, ids)
}

mod maintenance;

#[cfg(test)]
mod tests;
