//! The incident and scheduled maintenance objects, with their updates.

use super::Api;
use super::objects::{AffectedComponent, Component, Incident, Maintenance, Post, Update};
use super::plain_body;
use crate::derive::lifecycle::{self, Body, Lifecycle};
use crate::derive::promise;
use crate::i18n::Table;
use crate::model::{self, urls};
use crate::model::{ComponentStatus, IncidentStatus, MaintenanceStatus};
use crate::render::data::ids::{stable_id, wire_time};
use crate::render::views::format::next_update_sentence;

impl Api<'_> {
    /// The component objects of the components a post affects.
    fn component_objects(&self, effects: &[(usize, ComponentStatus)]) -> Vec<Component> {
        effects
            .iter()
            .map(|&(c, _)| self.components[c].clone())
            .collect()
    }

    /// The incident object of `site.incidents[i]`.
    pub fn incident(&self, i: usize) -> Incident {
        let inc = &self.site.incidents[i];
        let life = lifecycle::incident(inc);
        let id = stable_id("incident", &inc.id);
        let effects = &self.state.effects[i];
        let live = self.state.promises[i].map(|l| l.by);
        let tz = self.site.config.time_zone;
        // The API has no field for a promise: like hosted pages, the update's text ends with it.
        let promise = |k: usize| promise::of_update(inc, k);
        let postmortem = inc.postmortem.as_ref().map(|p| p.body.as_str());
        let body = |b: Body| {
            let text = body_text(&inc.summary, &inc.updates, postmortem, b, self.t);
            let written = match b {
                Body::Update(k) | Body::SummaryThenUpdate(k) => Some(k),
                Body::Summary | Body::Default(_) | Body::Postmortem => None,
            };
            match written.and_then(|k| promise(k).map(|by| (by, inc.updates[k].at))) {
                Some((by, at)) => with_paragraph(text, &next_update_sentence(by, at, tz, self.t)),
                None => text,
            }
        };
        let mut incident_updates =
            self.updates("incident_update", &inc.id, &id, &life, effects, body);
        // An open incident with no update written yet may promise its first.
        if let (true, Some(by), Some(only)) =
            (inc.updates.is_empty(), live, incident_updates.first_mut())
        {
            only.body = with_paragraph(
                std::mem::take(&mut only.body),
                &next_update_sentence(by, inc.started, tz, self.t),
            );
        }
        let post = Post {
            incident_updates,
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
            components: self.component_objects(effects),
            id,
        };
        // This file tells only when the postmortem was published, not when its text last changed.
        let published = inc.postmortem.as_ref().map(|p| wire_time(p.published));
        Incident {
            post,
            reminder_intervals: None,
            postmortem_body: postmortem.map(plain_body),
            postmortem_body_last_updated_at: published.clone(),
            postmortem_published_at: published,
        }
    }

    /// The scheduled maintenance object of the window `state.windows[i]` (each occurrence of a
    /// recurring window is one, with an id from its key).
    pub fn maintenance(&self, i: usize) -> Maintenance {
        let m = &self.state.windows[i];
        let life = &self.maintenance_life[i];
        let key = m.key();
        let id = stable_id("maintenance", &key);
        let effects: Vec<(usize, ComponentStatus)> = self.state.maintenance_effects[i]
            .iter()
            .map(|&c| (c, ComponentStatus::UnderMaintenance))
            .collect();
        let body = |b: Body| body_text(&m.summary, &m.updates, None, b, self.t);
        let post = Post {
            incident_updates: self.updates("maintenance_update", &key, &id, life, &effects, body),
            name: m.title.clone(),
            status: self.state.maintenance_status[i].as_str(),
            created_at: wire_time(life.created),
            updated_at: wire_time(life.updated),
            monitoring_at: None,
            resolved_at: life.resolved.map(wire_time),
            impact: "maintenance",
            shortlink: urls::absolute(&self.site.config.base_url, &urls::window(m)),
            started_at: wire_time(life.created),
            page_id: self.page.id.clone(),
            components: self.component_objects(&effects),
            id,
        };
        Maintenance {
            post,
            scheduled_for: wire_time(m.start),
            scheduled_until: wire_time(m.end),
        }
    }

    /// Update objects of a timeline, newest first, each with the post's components before and
    /// after it, as Statuspage fills `affected_components`.
    pub(super) fn updates(
        &self,
        kind: &str,
        post_id: &str,
        wire_id: &str,
        life: &Lifecycle,
        effects: &[(usize, ComponentStatus)],
        body: impl Fn(Body) -> String,
    ) -> Vec<Update> {
        // Components are operational before a post's first update, unless that update already
        // closes it (an incident told only by its "Resolved"): then they had the post's status.
        let closed_at_once = life.steps.last().is_some_and(|first| {
            first.status == IncidentStatus::Resolved.as_str()
                || first.status == IncidentStatus::Postmortem.as_str()
                || first.status == MaintenanceStatus::Completed.as_str()
        });
        let mut before: Vec<ComponentStatus> = effects
            .iter()
            .map(|&(_, given)| {
                if closed_at_once {
                    given
                } else {
                    ComponentStatus::Operational
                }
            })
            .collect();
        let mut out: Vec<Update> = life
            .steps
            .iter()
            .rev()
            .map(|step| {
                let at = wire_time(step.at);
                let key = match step.body {
                    // The postmortem keeps the id it had as a written update.
                    Body::Update(_) | Body::SummaryThenUpdate(_) | Body::Postmortem => {
                        format!("{post_id}@{at}#{}", step.rank)
                    }
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
                    body: body(step.body),
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
}

/// The API body of one step of a post's timeline, from the post's summary, its updates and an
/// incident's postmortem.
fn body_text<S>(
    summary: &str,
    updates: &[model::Update<S>],
    postmortem: Option<&str>,
    b: Body,
    t: &Table,
) -> String {
    match b {
        Body::Update(k) => plain_body(&updates[k].body),
        Body::Summary => plain_body(summary),
        Body::SummaryThenUpdate(k) => summary_then(summary, &updates[k].body),
        Body::Default(name) => t.of("default_update", name).to_string(),
        Body::Postmortem => plain_body(postmortem.unwrap_or_default()),
    }
}

/// `text` with `paragraph` after a blank line (or alone when `text` is empty).
fn with_paragraph(text: String, paragraph: &str) -> String {
    if text.is_empty() {
        paragraph.to_string()
    } else {
        format!("{text}\n\n{paragraph}")
    }
}

/// The body of a post's oldest update: its summary, a blank line, then the update's text.
fn summary_then(summary: &str, update: &str) -> String {
    let update = plain_body(update);
    let summary = plain_body(summary);
    if update.is_empty() {
        summary
    } else {
        format!("{summary}\n\n{update}")
    }
}
