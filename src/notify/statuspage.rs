//! Statuspage's webhook payloads for an event, built from the same objects as the site's
//! `api/v2/` files, so a receiver gets exactly what the API says of the post at the clock.
//!
//! ```json
//! {"meta": {...}, "page": {"id", "status_indicator", "status_description"}, "incident": {...}}
//! {"meta": {...}, "page": {...}, "component_update": {...}, "component": {...}}
//! ```
//!
//! A maintenance window goes out as an `incident`, as Statuspage sends it.

use super::events::{Event, Source};
use crate::model::Site;
use crate::model::urls;
use crate::render::data::api::Api;
use crate::render::data::api::objects::{Component, Update};
use crate::render::data::ids::stable_id;
use serde::Serialize;

/// Where `meta.documentation` points: Statuspage's description of these payloads.
pub const DOCUMENTATION: &str =
    "https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/";

#[derive(Serialize)]
struct Meta {
    unsubscribe: String,
    documentation: &'static str,
}

#[derive(Serialize)]
struct Page<'a> {
    id: &'a str,
    status_indicator: &'static str,
    status_description: &'static str,
}

#[derive(Serialize)]
struct IncidentPayload<'a, T: Serialize> {
    meta: &'a Meta,
    page: &'a Page<'a>,
    incident: &'a T,
}

#[derive(Serialize)]
struct ComponentUpdate<'a> {
    created_at: &'a str,
    new_status: &'static str,
    old_status: &'static str,
    id: String,
    component_id: &'a str,
}

#[derive(Serialize)]
struct ComponentPayload<'a> {
    meta: &'a Meta,
    page: &'a Page<'a>,
    component_update: ComponentUpdate<'a>,
    component: Component,
}

/// The payloads of `event`, as the JSON bodies sent: the `incident` payload, then one
/// `component_update` payload per component whose status its update changed, in catalogue
/// order. Objects keep the API's key order.
pub fn payloads(api: &Api<'_>, site: &Site, event: &Event) -> Vec<String> {
    let meta = Meta {
        unsubscribe: urls::absolute(&site.config.base_url, urls::SUBSCRIBE),
        documentation: DOCUMENTATION,
    };
    let page = Page {
        id: &api.page.id,
        status_indicator: api.status.indicator,
        status_description: api.status.description,
    };
    let json = |value: &dyn erased::Pretty| value.pretty();
    let (incident, update): (String, Option<Update>) = match event.source {
        Source::Incident { post, step } => {
            let object = api.incident(post);
            let update = object.post.incident_updates.get(step).cloned();
            let body = IncidentPayload {
                meta: &meta,
                page: &page,
                incident: &object,
            };
            (json(&body), update)
        }
        Source::Maintenance { post, step } => {
            let object = api.maintenance(post);
            let update = object.post.incident_updates.get(step).cloned();
            let body = IncidentPayload {
                meta: &meta,
                page: &page,
                incident: &object,
            };
            (json(&body), update)
        }
    };
    let mut out = vec![incident];
    let Some(update) = update else { return out };
    for changed in update
        .affected_components
        .iter()
        .flatten()
        .filter(|a| a.old_status != a.new_status)
    {
        let Some(mut component) = api.listing.iter().find(|c| c.id == changed.code).cloned() else {
            continue;
        };
        component.status = changed.new_status;
        out.push(json(&ComponentPayload {
            meta: &meta,
            page: &page,
            component_update: ComponentUpdate {
                created_at: &update.created_at,
                new_status: changed.new_status,
                old_status: changed.old_status,
                id: stable_id(
                    "component_update",
                    &format!("{}/{}", update.id, changed.code),
                ),
                component_id: &changed.code,
            },
            component,
        }));
    }
    out
}

/// Pretty JSON of the payload structs through one function.
mod erased {
    /// A payload that serializes as pretty JSON.
    pub trait Pretty {
        fn pretty(&self) -> String;
    }

    impl<T: serde::Serialize> Pretty for T {
        fn pretty(&self) -> String {
            serde_json::to_string_pretty(self).unwrap_or_default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{OPEN_WEB, WINDOW, derived};
    use crate::notify::events;

    #[test]
    fn an_opening_carries_the_api_incident_and_the_components_it_changed() {
        let (site, state) = derived(&[("web", OPEN_WEB)], &[], "2026-11-20T11:00:00Z");
        let api = Api::new(&site, &state, crate::i18n::english_table());
        let list = events::list(&site, &state);
        let p: Vec<serde_json::Value> = payloads(&api, &site, &list[0])
            .iter()
            .map(|b| serde_json::from_str(b).unwrap())
            .collect();
        assert_eq!(p.len(), 2);
        assert_eq!(
            p[0]["meta"]["unsubscribe"],
            "https://status.acme.test/subscribe/"
        );
        assert_eq!(p[0]["page"]["status_indicator"], "major");
        assert_eq!(p[0]["page"]["status_description"], "Partial System Outage");
        let incident = &p[0]["incident"];
        assert_eq!(incident["id"], stable_id("incident", "web"));
        assert_eq!(incident["name"], "Web errors");
        assert_eq!(incident["status"], "identified");
        assert_eq!(incident["incident_updates"].as_array().unwrap().len(), 2);
        // The API's key order, not sorted.
        let body = &payloads(&api, &site, &list[0])[0];
        assert!(body.find("\"meta\"") < body.find("\"page\""));
        let (_, object) = body.split_once("\"incident\": {").unwrap();
        let keys = ["\"id\"", "\"name\"", "\"status\"", "\"created_at\""];
        let at: Vec<usize> = keys.iter().map(|k| object.find(k).unwrap()).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
        let update = &p[1]["component_update"];
        assert_eq!(update["old_status"], "operational");
        assert_eq!(update["new_status"], "partial_outage");
        assert_eq!(update["created_at"], "2026-11-20T10:05:00.000Z");
        assert_eq!(p[1]["component"]["name"], "Web");
        assert_eq!(p[1]["component"]["status"], "partial_outage");
        assert_eq!(update["component_id"], p[1]["component"]["id"]);
        // The second update changes no component: the incident payload alone.
        assert_eq!(payloads(&api, &site, &list[1]).len(), 1);
    }

    #[test]
    fn a_window_goes_out_as_an_incident() {
        let (site, state) = derived(&[], &[("mail", WINDOW)], "2026-11-21T03:00:00Z");
        let api = Api::new(&site, &state, crate::i18n::english_table());
        let list = events::list(&site, &state);
        let started: Vec<serde_json::Value> = payloads(&api, &site, &list[1])
            .iter()
            .map(|b| serde_json::from_str(b).unwrap())
            .collect();
        assert_eq!(
            started[0]["incident"]["scheduled_for"],
            "2026-11-21T02:00:00.000Z"
        );
        assert_eq!(started[0]["page"]["status_indicator"], "maintenance");
        assert_eq!(
            started[1]["component_update"]["new_status"],
            "under_maintenance"
        );
    }
}
