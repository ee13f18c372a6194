//! What templates see of an incident's postmortem: a marker with its link and date for every
//! list that shows the incident, and the rendered report for the incident's own page.

use super::format::{TimeView, time_view};
use crate::i18n::Table;
use crate::model::Incident;
use crate::model::urls;
use crate::render::markdown::to_html;
use chrono_tz::Tz;
use serde::Serialize;

/// The marker of an incident that has a postmortem, as `post.postmortem` in every list.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PostmortemLink {
    /// The postmortem's block on the incident page, relative to the site root.
    pub url: String,
    /// When it was published.
    pub published: TimeView,
}

/// The postmortem as the incident page shows it, as `postmortem` there.
#[derive(Debug, Clone, Serialize)]
pub struct PostmortemView {
    /// When it was published.
    pub published: TimeView,
    /// Sanitized HTML of its body.
    pub body_html: String,
    /// The language of its text, where it is not the page's (left untranslated).
    pub lang: Option<String>,
}

/// The marker of `inc`'s postmortem, if it has one.
pub(super) fn link(inc: &Incident, tz: Tz, t: &'static Table) -> Option<PostmortemLink> {
    inc.postmortem.as_ref().map(|p| PostmortemLink {
        url: urls::postmortem(&inc.id),
        published: time_view(p.published, tz, t),
    })
}

/// `inc`'s postmortem with its Markdown rendered: made for its own page and dropped after, like
/// its updates.
pub fn incident_postmortem(inc: &Incident, tz: Tz, t: &'static Table) -> Option<PostmortemView> {
    inc.postmortem.as_ref().map(|p| PostmortemView {
        published: time_view(p.published, tz, t),
        body_html: to_html(&p.body),
        lang: (inc.translations.fallback.as_ref())
            .filter(|f| f.postmortem)
            .map(|f| f.language.clone()),
    })
}
