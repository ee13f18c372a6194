//! Announcements as Statuspage incidents, for sites that list them in the API
//! (`[announcements] in_api = true`): impact `none`, no components, `identified` while shown and
//! `resolved` once `show_until` has passed, with the announcement's text as the first update.

use super::Api;
use super::objects::{Incident, Post};
use super::plain_body;
use crate::derive::lifecycle::{self, Body};
use crate::model::urls;
use crate::render::data::ids::{stable_id, wire_time};

impl Api<'_> {
    /// The incident object of `site.announcements[a]`.
    pub fn announcement(&self, a: usize) -> Incident {
        let notice = &self.site.announcements[a];
        let life = lifecycle::announcement(notice, self.state.now);
        let id = stable_id("announcement", &notice.id);
        let body = |b: Body| match b {
            Body::Default(name) => self.t.of("default_update", name).to_string(),
            _ => plain_body(&notice.body),
        };
        let status = life
            .steps
            .first()
            .map_or(lifecycle::ANNOUNCEMENT_SHOWN.as_str(), |s| s.status);
        let post = Post {
            incident_updates: self.updates(
                "announcement_update",
                &notice.id,
                &id,
                &life,
                &[],
                body,
            ),
            name: notice.title.clone(),
            status,
            created_at: wire_time(life.created),
            updated_at: wire_time(life.updated),
            monitoring_at: None,
            resolved_at: life.resolved.map(wire_time),
            impact: "none",
            shortlink: urls::absolute(&self.site.config.base_url, &urls::announcement(&notice.id)),
            started_at: wire_time(notice.show_from),
            page_id: self.page.id.clone(),
            components: Vec::new(),
            id,
        };
        Incident {
            post,
            reminder_intervals: None,
            postmortem_body: None,
            postmortem_body_last_updated_at: None,
            postmortem_published_at: None,
        }
    }
}
