//! Statuspage's public API v2 as static files under `api/v2/`, so existing Statuspage consumers
//! (exporters, bots, client libraries) read a statuspress site unchanged.
//!
//! Every response starts with `page`; every list is present, `[]` when empty; incidents,
//! maintenance and updates are newest first; the full lists hold the [`LIMIT`] most recent, and
//! the upcoming and active maintenance lists at most [`LIMIT`] too (those that start soonest,
//! those that started last), since a recurring window has many occurrences ahead.
//!
//! [`Api`] holds what every endpoint shares (the page, the status and the component objects,
//! built in `components`); `posts` builds incident and maintenance objects, `announcements` the
//! incident objects of announcements (only with `[announcements] in_api`), `endpoints` fills and
//! writes the response files.

mod announcements;
mod components;
mod endpoints;
pub mod objects;
mod posts;

use super::ids::{stable_id, wire_time};
use crate::derive::State;
use crate::derive::lifecycle::{self, Lifecycle};
use crate::i18n::Table;
use crate::model::Indicator;
use crate::model::Site;
use crate::render::views::Refresh;
use components::Catalogue;
use objects::{Component, Page, Status};

/// How many incidents and maintenance windows a list holds at most, as on Statuspage.
pub const LIMIT: usize = 50;

/// The standard Statuspage description of an indicator.
pub fn description(indicator: Indicator) -> &'static str {
    match indicator {
        Indicator::None => "All Systems Operational",
        Indicator::Minor => "Partially Degraded Service",
        Indicator::Major => "Partial System Outage",
        Indicator::Critical => "Major Service Outage",
        Indicator::Maintenance => "Service Under Maintenance",
    }
}

/// What the endpoints share, computed once per build.
pub struct Api<'a> {
    site: &'a Site,
    state: &'a State,
    /// The `page` object.
    pub page: Page,
    /// The `status` object.
    pub status: Status,
    /// Component objects in catalogue order.
    components: Vec<Component>,
    /// Groups and components, flattened and ordered by position.
    pub listing: Vec<Component>,
    /// "Group - Component" (or the name) per component, for `affected_components`.
    qualified: Vec<String>,
    /// Timeline of every maintenance window at `now` (cheap: no Markdown involved).
    maintenance_life: Vec<Lifecycle>,
    /// The language of the human texts (update bodies); the enums stay Statuspage's.
    t: &'static Table,
}

impl<'a> Api<'a> {
    /// Computes the page, the components and the maintenance timelines.
    pub fn new(site: &'a Site, state: &'a State, t: &'static Table) -> Api<'a> {
        let now = state.now;
        let cfg = &site.config;
        let page_id = stable_id("page", &cfg.base_url);
        let maintenance_life: Vec<Lifecycle> = state
            .windows
            .iter()
            .map(|m| lifecycle::maintenance(m, now))
            .collect();
        let incident_changes = site
            .incidents
            .iter()
            .map(|inc| lifecycle::incident_updated(inc).min(now));
        let maintenance_changes = maintenance_life.iter().map(|l| l.updated.min(now));
        // Announcements come and go on the pages by the clock, in the API or not.
        let announcement_changes = state
            .announcements
            .iter()
            .map(|&a| lifecycle::announcement(&site.announcements[a], now).updated);
        let page_updated = incident_changes
            .chain(maintenance_changes)
            .chain(announcement_changes)
            .max();
        // The earliest thing the site reports: the creation time of components without `since`.
        let epoch = site
            .incidents
            .iter()
            .map(|inc| inc.started)
            .chain(maintenance_life.iter().map(|l| l.created))
            .min()
            .unwrap_or(now);
        let page = Page {
            id: page_id.clone(),
            name: cfg.title.clone(),
            url: cfg.base_url.clone(),
            time_zone: cfg.time_zone.name().to_string(),
            updated_at: wire_time(page_updated.unwrap_or(now)),
        };
        let status = Status {
            indicator: state.indicator.as_str(),
            description: description(state.indicator),
        };

        let Catalogue {
            components,
            listing,
            qualified,
        } = Catalogue::build(site, state, &page_id, epoch, &maintenance_life);

        Api {
            site,
            state,
            page,
            status,
            components,
            listing,
            qualified,
            maintenance_life,
            t,
        }
    }
}

impl Api<'_> {
    /// What the pages say about their freshness, from the values `api/v2/status.json` holds;
    /// `script` tells whether the index and the embed carry the refresh script.
    pub fn refresh(&self, script: bool) -> Refresh {
        Refresh {
            page_updated: self.page.updated_at.clone(),
            status_indicator: self.status.indicator,
            stale_after_minutes: self.site.config.stale_after_minutes,
            script,
        }
    }
}

/// An update body for the API: the Markdown as written, which reads as plain text. Raw HTML in
/// it is reduced to a few inline tags, since some consumers show bodies as HTML.
pub fn plain_body(markdown: &str) -> String {
    let text = markdown.replace('\r', "");
    let text = text.trim();
    if !text.contains('<') {
        return text.to_string();
    }
    ammonia::Builder::empty()
        .add_tags(["br", "b", "strong", "i", "em", "code", "a"])
        .add_tag_attributes("a", ["href"])
        .add_url_schemes(["http", "https", "mailto"])
        .clean(text)
        .to_string()
}

#[cfg(test)]
mod tests;
