//! The content of a feed entry: every update of the post in Statuspage's markup (an incident's
//! postmortem marked "Postmortem published" and linked), or an announcement's text; each post's
//! made once however many feeds carry it.

use super::{Kind, Post};
use crate::derive::lifecycle::{Body, Step};
use crate::i18n::{Table, fill};
use crate::model::{Maintenance, Site};
use crate::render::escape;
use crate::render::markdown::to_html;
use crate::render::views::format::time_view;
use crate::render::views::{AnnouncementView, PostView, Views};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::cell::RefCell;
use std::collections::HashMap;

/// Entry contents, each made once however many feeds carry the post.
pub(super) struct Contents<'a> {
    pub(super) site: &'a Site,
    /// The maintenance windows ([`State::windows`](crate::derive::State::windows)).
    pub(super) windows: &'a [Maintenance],
    pub(super) views: &'a Views,
    made: RefCell<HashMap<(Kind, usize), String>>,
}

impl<'a> Contents<'a> {
    pub(super) fn new(site: &'a Site, windows: &'a [Maintenance], views: &'a Views) -> Self {
        Contents {
            site,
            windows,
            views,
            made: RefCell::default(),
        }
    }

    /// The content of `post`'s entry.
    pub(super) fn of(&self, post: &Post) -> String {
        let key = (post.kind, post.index);
        if let Some(html) = self.made.borrow().get(&key) {
            return html.clone();
        }
        let (view, texts) = match post.kind {
            Kind::Incident => {
                let inc = &self.site.incidents[post.index];
                let texts = Texts {
                    updates: inc.updates.iter().map(|u| u.body.as_str()).collect(),
                    postmortem: (inc.postmortem.as_ref())
                        .zip(post.postmortem_link(self.site))
                        .map(|(p, url)| (p.body.as_str(), url)),
                };
                (&self.views.incidents[post.index], texts)
            }
            Kind::Maintenance => {
                let m = &self.windows[post.index];
                let texts = Texts {
                    updates: m.updates.iter().map(|u| u.body.as_str()).collect(),
                    postmortem: None,
                };
                (&self.views.maintenance[post.index], texts)
            }
            Kind::Announcement => {
                return announcement_html(&self.views.announcements[post.index], self.views.t);
            }
        };
        let words = (self.site.config.time_zone, self.views.t);
        let html = content_html(view, &texts, &post.life.steps, words);
        self.made.borrow_mut().insert(key, html.clone());
        html
    }
}

/// The Markdown texts of a post that its timeline's steps point at.
pub(super) struct Texts<'a> {
    /// Update bodies, newest first.
    pub(super) updates: Vec<&'a str>,
    /// An incident's postmortem and the absolute address of its block on the incident page.
    pub(super) postmortem: Option<(&'a str, String)>,
}

/// The HTML of every update, newest first, in Statuspage's markup. The postmortem is marked
/// "Postmortem published" and links to its block on the incident page.
pub(super) fn content_html(
    view: &PostView,
    texts: &Texts<'_>,
    steps: &[Step],
    (tz, t): (Tz, &'static Table),
) -> String {
    let bodies = &texts.updates;
    // The newest update is the view's `latest`, rendered already.
    let update = |k: usize| match (k, &view.latest) {
        (0, Some(latest)) => latest.body_html.clone(),
        _ => bodies.get(k).map_or_else(String::new, |b| to_html(b)),
    };
    let mut html = String::new();
    for step in steps {
        let mut label = t.of("update", step.status);
        let body = match step.body {
            Body::Update(k) => update(k),
            Body::Summary => view.summary_html.clone(),
            Body::SummaryThenUpdate(k) => format!("{}{}", view.summary_html, update(k)),
            Body::Default(name) => {
                format!("<p>{}</p>", escape::html(t.of("default_update", name)))
            }
            Body::Postmortem => {
                label = t.get("feeds.postmortem_published");
                texts
                    .postmortem
                    .as_ref()
                    .map_or_else(String::new, |(text, url)| {
                        format!(
                            "<p>{}</p>{}",
                            t.fill("feeds.read_postmortem_html", &[("url", &escape::html(url))]),
                            to_html(text)
                        )
                    })
            }
        };
        let head = format!(
            "<small>{}</small><br><strong>{}</strong>",
            posted_at(step.at, tz, t),
            escape::html(label)
        );
        let trimmed = body.trim();
        match trimmed
            .strip_prefix("<p>")
            .and_then(|b| b.strip_suffix("</p>"))
        {
            Some(inner) if !inner.contains("<p>") => {
                html.push_str(&format!("<p>{head} - {inner}</p>"));
            }
            _ => html.push_str(&format!("<p>{head}</p>{trimmed}")),
        }
    }
    html
}

/// When an update was posted, as Statuspage's feeds mark it up: `Nov <var data-var='date'>20</var>,
/// <var data-var='time'>15:02</var> CET` with English dates; in another language its date and
/// time in its own words and order (`date.display`), each in its `var`:
/// `<var data-var='date'>2026年11月20日</var> <var data-var='time'>15:02 CET</var>`.
fn posted_at(at: DateTime<Utc>, tz: Tz, t: &'static Table) -> String {
    if t.english_dates() {
        let local = at.with_timezone(&tz);
        return format!(
            "{} <var data-var='date'>{}</var>, <var data-var='time'>{}</var> {}",
            local.format("%b"),
            local.format("%e"),
            local.format("%H:%M"),
            t.zone(&local.format("%Z").to_string()),
        );
    }
    let text = time_view(at, tz, t).text();
    fill(
        &escape::html(t.get("date.display")),
        &[
            (
                "date",
                &format!("<var data-var='date'>{}</var>", escape::html(&text.date)),
            ),
            (
                "time",
                &format!("<var data-var='time'>{}</var>", escape::html(&text.time)),
            ),
        ],
    )
}

/// The content of an announcement's entry: its level and when it is shown, then its text.
fn announcement_html(view: &AnnouncementView, t: &Table) -> String {
    let from = view.show_from.text().display;
    let shown = match &view.show_until {
        Some(until) => t.fill(
            "feeds.shown_from_until",
            &[("from", &from), ("until", &until.text().display)],
        ),
        None => t.fill("feeds.shown_from", &[("from", &from)]),
    };
    format!(
        "<p><strong>{}</strong> - {}</p>{}",
        view.level_label,
        escape::html(&shown),
        view.body_html
    )
}
