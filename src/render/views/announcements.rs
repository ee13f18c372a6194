//! Views of announcements: what the index and an announcement's own page show.

use super::format::{TimeView, time_view};
use super::untranslated::Untranslated;
use crate::i18n::Table;
use crate::model::{Announcement, urls};
use crate::render::markdown::to_html;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

/// An announcement, with its Markdown rendered.
#[derive(Debug, Clone, Serialize)]
pub struct AnnouncementView {
    /// Id (file stem).
    pub id: String,
    /// Link relative to the site root.
    pub url: String,
    pub title: String,
    /// `info` or `warning`.
    pub level: &'static str,
    /// The level in words, which says it without colour: "Notice" or "Warning".
    pub level_label: &'static str,
    /// When it is first shown.
    pub show_from: TimeView,
    /// When it stops being shown, if it does.
    pub show_until: Option<TimeView>,
    /// True while the index shows it.
    pub shown: bool,
    /// Sanitized HTML of the body.
    pub body_html: String,
    /// What of it reads in the site's default language on a page of another.
    pub untranslated: Untranslated,
}

/// The view of `a` at `now`.
pub fn announcement_view(
    a: &Announcement,
    now: DateTime<Utc>,
    tz: Tz,
    t: &'static Table,
) -> AnnouncementView {
    AnnouncementView {
        id: a.id.clone(),
        url: urls::announcement(&a.id),
        title: a.title.clone(),
        level: a.level.as_str(),
        level_label: t.of("announcement", a.level.as_str()),
        show_from: time_view(a.show_from, tz, t),
        show_until: a.show_until.map(|at| time_view(at, tz, t)),
        shown: a.is_shown(now),
        body_html: to_html(&a.body),
        untranslated: Untranslated::of(&a.translations, t),
    }
}
