//! Views of the updates of a post's timeline, with the Markdown rendered, and of the next
//! update a post promises.

use super::PostView;
use super::format::{TimeView, due_time, due_time_long, time_view};
use super::untranslated::update_language;
use crate::derive::promise::Live;
use crate::i18n::Table;
use crate::model::{Incident, Maintenance};
use crate::render::markdown::to_html;
use chrono_tz::Tz;
use serde::Serialize;

/// One update of a timeline.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct UpdateView {
    /// Status wire name.
    pub status: &'static str,
    /// The status in words.
    pub label: &'static str,
    /// When it was posted.
    pub at: TimeView,
    /// Sanitized HTML body.
    pub body_html: String,
    /// The language of its text, where it is not the page's (left untranslated).
    pub lang: Option<String>,
    /// The next update it promised, as its heading records it (`when` read from its own day).
    pub next_update: Option<PromiseView>,
}

/// A promised next update: "Next update by 12:30 CET", or "Update overdue since 12:30 CET".
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PromiseView {
    /// The promised time.
    pub at: TimeView,
    /// It in words: the time with its zone, with the date when it is another day
    /// ([`due_time`]); an open incident's live promise names the zone's UTC offset too
    /// ([`due_time_long`]).
    pub when: String,
    /// True once the clock is past it with no newer update: pages say the update is overdue.
    pub overdue: bool,
}

/// An incident's updates, newest first, with their Markdown rendered: made for its own page
/// and dropped after, rather than kept for the whole build. The newest is `post`'s `latest`,
/// the incident's view, which has it rendered already.
pub fn incident_updates(
    inc: &Incident,
    post: &PostView,
    tz: Tz,
    t: &'static Table,
) -> Vec<UpdateView> {
    let mut updates: Vec<UpdateView> = post.latest.iter().cloned().collect();
    updates.extend(update_views(
        incident_timeline(inc).skip(updates.len()),
        (tz, t),
    ));
    updates
}

/// A maintenance window's updates, newest first, like [`incident_updates`].
pub fn maintenance_updates(m: &Maintenance, tz: Tz, t: &'static Table) -> Vec<UpdateView> {
    update_views(maintenance_timeline(m), (tz, t))
}

/// The zone and the language a view is written in.
pub(super) type Words = (Tz, &'static Table);

/// An update as [`update_views`] reads it: status word, time, Markdown body, the next update it
/// promised, and the language of its text where that is not the page's.
type UpdateParts<'a> = (
    &'static str,
    chrono::DateTime<chrono::Utc>,
    &'a str,
    Option<chrono::DateTime<chrono::Utc>>,
    Option<String>,
);

pub(super) fn incident_timeline(inc: &Incident) -> impl Iterator<Item = UpdateParts<'_>> {
    let fallback = inc.translations.fallback.as_deref();
    inc.updates.iter().map(move |u| {
        let lang = update_language(fallback, u.line);
        (
            u.status.as_str(),
            u.at,
            u.body.as_str(),
            u.next_update,
            lang,
        )
    })
}

pub(super) fn maintenance_timeline(m: &Maintenance) -> impl Iterator<Item = UpdateParts<'_>> {
    let fallback = m.translations.fallback.as_deref();
    m.updates.iter().map(move |u| {
        let lang = update_language(fallback, u.line);
        (u.status.as_str(), u.at, u.body.as_str(), None, lang)
    })
}

pub(super) fn update_views<'a>(
    updates: impl Iterator<Item = UpdateParts<'a>>,
    (tz, t): Words,
) -> Vec<UpdateView> {
    updates
        .map(|(status, at, body, next, lang)| UpdateView {
            status,
            label: t.of("update", status),
            at: time_view(at, tz, t),
            body_html: to_html(body),
            lang,
            next_update: next.map(|by| PromiseView {
                at: time_view(by, tz, t),
                when: due_time(by, at, tz, t),
                overdue: false,
            }),
        })
        .collect()
}

/// The view of an open incident's promise at the build clock.
pub(super) fn promise_view(
    live: &Live,
    now: chrono::DateTime<chrono::Utc>,
    (tz, t): Words,
) -> PromiseView {
    PromiseView {
        at: time_view(live.by, tz, t),
        when: due_time_long(live.by, now, tz, t),
        overdue: live.overdue,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{OPEN_WEB, RESOLVED_API, derived};
    use crate::render::data::api::Api;
    use crate::render::views::{Edition, Views};

    #[test]
    fn an_incidents_updates_start_with_its_views_latest_and_are_all_rendered() {
        let (site, state) = derived(
            &[("web", OPEN_WEB), ("api", RESOLVED_API)],
            &[],
            "2026-11-20T12:00:00Z",
        );
        let t = crate::i18n::english_table();
        let edition = Edition::new(&site.config.base_url, "en", "en");
        let refresh = Api::new(&site, &state, t).refresh(true);
        let views = Views::build(&site, &state, refresh, &edition, t);
        let tz = site.config.time_zone;
        for (i, inc) in site.incidents.iter().enumerate() {
            let updates = incident_updates(inc, &views.incident(i), tz, t);
            let all = update_views(incident_timeline(inc), (tz, t));
            let json = |u: &[UpdateView]| serde_json::to_string(u).unwrap();
            assert_eq!(json(&updates), json(&all), "{}", inc.id);
            assert_eq!(updates.len(), 2);
        }
    }
}
