//! Views of incidents and maintenance windows, and of their updates with the Markdown rendered.

use super::components::{ComponentView, StatusView};
use super::format::{TimeView, duration, time_view};
use super::postmortem::{self, PostmortemLink};
use super::untranslated::Untranslated;
use super::updates::{PromiseView, UpdateView};
use super::updates::{Words, incident_timeline, maintenance_timeline, promise_view, update_views};
use crate::derive::State;
use crate::i18n::Table;
use crate::model::maintenance::recurrence::Repeat;
use crate::model::urls;
use crate::model::{ComponentStatus, Group, Incident, Maintenance};
use crate::render::markdown::{to_html, to_plain_text};
use chrono_tz::Tz;
use serde::Serialize;

/// A component touched by an incident or maintenance.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AffectedView {
    pub id: String,
    /// Component name.
    pub name: String,
    /// Group name, if grouped.
    pub group: Option<String>,
    /// The status the post gives it.
    pub status: StatusView,
    /// Whether that status is true now, was, or will be.
    pub tense: Tense,
    /// The status in words and in its tense: "Degraded performance", "was: major outage",
    /// "will be under maintenance".
    pub words: String,
    /// Link relative to the site root.
    pub url: String,
}

/// When a post's status for its components holds, seen from the build clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tense {
    /// The post impairs them now (an open incident, a window under way).
    Now,
    /// It did (a resolved incident, a completed window).
    Was,
    /// It will (a window still to come).
    WillBe,
}

impl Tense {
    /// `status` in words in this tense.
    pub fn words(self, status: ComponentStatus, t: &Table) -> String {
        let adjective = status == ComponentStatus::UnderMaintenance;
        let text = || t.of("status_text", status.as_str());
        match (self, adjective) {
            (Tense::Now, _) => t.of("status", status.as_str()).to_string(),
            (Tense::Was, true) => t.get("tense.was_under_maintenance").to_string(),
            (Tense::Was, false) => t.fill("tense.was", &[("status", text())]),
            (Tense::WillBe, true) => t.get("tense.will_be_under_maintenance").to_string(),
            (Tense::WillBe, false) => t.fill("tense.will_be", &[("status", text())]),
        }
    }
}

/// An incident or maintenance window, with everything a page or list shows.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PostView {
    /// `incident` or `maintenance`.
    pub kind: &'static str,
    /// Id (file stem).
    pub id: String,
    /// Link relative to the site root (for one occurrence of a recurring maintenance window,
    /// its page at the occurrence's anchor).
    pub url: String,
    /// The `id` of the occurrence's element on its page (recurring maintenance only).
    pub anchor: Option<String>,
    /// How a recurring maintenance window repeats, in words: "Every Sunday, 02:00–04:00 CET".
    pub repeats: Option<String>,
    pub title: String,
    /// Impact wire name (`maintenance` for maintenance).
    pub impact: &'static str,
    pub impact_label: &'static str,
    /// Status wire name.
    pub status: &'static str,
    pub status_label: &'static str,
    /// True while unresolved (incidents) or not completed (maintenance).
    pub open: bool,
    /// Start of impact or planned start.
    pub start: TimeView,
    /// Resolution or completion, if over.
    pub end: Option<TimeView>,
    /// Planned end (maintenance only).
    pub scheduled_end: Option<TimeView>,
    /// How long it lasted, or has lasted so far.
    pub duration: String,
    /// Affected components.
    pub affected: Vec<AffectedView>,
    /// Sanitized HTML of the summary.
    pub summary_html: String,
    /// The newest update. (All updates are rendered only for the post's own page, where
    /// templates get them as `updates`: see [`super::incident_updates`].)
    pub latest: Option<UpdateView>,
    /// The newest update as plain text, shortened for lists (escape it once when printing).
    pub excerpt: String,
    /// The next update an open incident promises at the build clock, due or overdue.
    pub next_update: Option<PromiseView>,
    /// Number of updates.
    pub update_count: usize,
    /// An incident's postmortem: its link and date, for the marker lists show.
    pub postmortem: Option<PostmortemLink>,
    /// Year and month of the start in the site zone, `YYYY/MM`.
    pub month: String,
    /// The history page of that month (the history index for a window not begun yet, which no
    /// month lists), relative to the site root.
    pub history_url: String,
    /// What of it reads in the site's default language on a page of another.
    pub untranslated: Untranslated,
}

fn affected_views(
    catalogue: Catalogue<'_>,
    effects: impl Iterator<Item = (usize, ComponentStatus)>,
    tense: Tense,
    t: &'static Table,
) -> Vec<AffectedView> {
    let effects: Vec<(usize, ComponentStatus)> = effects.collect();
    let status_of = |c: usize| {
        effects
            .binary_search_by_key(&c, |&(k, _)| k)
            .ok()
            .map(|k| effects[k].1)
    };
    // A large group whose every member the post gives one status is told as the group: a post
    // that names a group of thousands would otherwise list them all, on every page that lists
    // it. A small group keeps its members' names, which say more.
    let mut whole = vec![None; catalogue.groups.len()];
    for (g, members) in catalogue.members.iter().enumerate() {
        let first = members.first().and_then(|&c| status_of(c));
        if members.len() > GROUP_LISTED_UP_TO
            && first.is_some()
            && members.iter().all(|&c| status_of(c) == first)
        {
            whole[g] = first;
        }
    }
    let mut out = Vec::new();
    let mut told = vec![false; catalogue.groups.len()];
    for &(c, s) in &effects {
        let comp = &catalogue.components[c];
        match catalogue.component_group[c] {
            Some(g) if whole[g].is_some() => {
                if !told[g] {
                    told[g] = true;
                    let group = &catalogue.groups[g];
                    out.push(AffectedView {
                        id: group.id.clone(),
                        name: t.count(
                            "post.group_whole",
                            catalogue.members[g].len() as u64,
                            &[("group", &group.name)],
                        ),
                        group: None,
                        status: StatusView::new(s, t),
                        tense,
                        words: tense.words(s, t),
                        url: urls::COMPONENT_LIST.to_string(),
                    });
                }
            }
            _ => out.push(AffectedView {
                id: comp.id.clone(),
                name: comp.name.clone(),
                group: comp.group.clone(),
                status: StatusView::new(s, t),
                tense,
                words: tense.words(s, t),
                url: comp.url.clone(),
            }),
        }
    }
    out
}

/// Up to this many members, a wholly affected group is listed by its components' names.
pub const GROUP_LISTED_UP_TO: usize = 5;

/// What a post's affected list is told against: the component views and the groups.
#[derive(Debug, Clone, Copy)]
pub(super) struct Catalogue<'a> {
    /// Component views in catalogue order.
    pub components: &'a [ComponentView],
    /// Groups in catalogue order.
    pub groups: &'a [Group],
    /// Per group, its members' indexes.
    pub members: &'a [Vec<usize>],
    /// Per component, its group's index.
    pub component_group: &'a [Option<usize>],
}

fn month_of(t: chrono::DateTime<chrono::Utc>, tz: Tz) -> String {
    urls::month_key(t.with_timezone(&tz).date_naive())
}

/// Characters of an update shown in lists before it is cut.
pub const EXCERPT_CHARS: usize = 220;

fn excerpt_of(markdown: &str) -> String {
    to_plain_text(markdown, EXCERPT_CHARS)
}

/// The view of `site.incidents[i]`.
pub(super) fn incident_view(
    state: &State,
    catalogue: Catalogue<'_>,
    i: usize,
    inc: &Incident,
    (tz, t): Words,
) -> PostView {
    let status = inc.status();
    let end = inc.end_or(state.now);
    let latest = update_views(incident_timeline(inc).take(1), (tz, t)).pop();
    let month = month_of(inc.started, tz);
    PostView {
        kind: "incident",
        id: inc.id.clone(),
        url: urls::incident(&inc.id),
        anchor: None,
        repeats: None,
        title: inc.title.clone(),
        impact: inc.impact.as_str(),
        impact_label: t.of("impact", inc.impact.as_str()),
        status: status.as_str(),
        status_label: t.of("update", status.as_str()),
        open: inc.is_open(),
        start: time_view(inc.started, tz, t),
        end: inc.resolved.map(|r| time_view(r, tz, t)),
        scheduled_end: None,
        duration: duration(end - inc.started, t),
        affected: affected_views(
            catalogue,
            state.effects[i].iter().copied(),
            if inc.is_open() {
                Tense::Now
            } else {
                Tense::Was
            },
            t,
        ),
        summary_html: to_html(&inc.summary),
        history_url: urls::month(&month),
        month,
        latest,
        excerpt: excerpt_of(inc.updates.first().map_or("", |u| u.body.as_str())),
        next_update: state.promises[i]
            .as_ref()
            .map(|l| promise_view(l, state.now, (tz, t))),
        update_count: inc.updates.len(),
        postmortem: postmortem::link(inc, tz, t),
        untranslated: Untranslated::of(&inc.translations, t),
    }
}

/// The view of the maintenance window `state.windows[i]`, which `repeat` repeats if it is an
/// occurrence of a recurring window.
pub(super) fn maintenance_view(
    state: &State,
    catalogue: Catalogue<'_>,
    (i, m): (usize, &Maintenance),
    repeat: Option<&Repeat>,
    (tz, t): Words,
) -> PostView {
    let status = state.maintenance_status[i];
    let completed = m.completed_at(state.now);
    let latest = update_views(maintenance_timeline(m).take(1), (tz, t)).pop();
    let month = month_of(m.start, tz);
    PostView {
        kind: "maintenance",
        id: m.id.clone(),
        url: urls::window(m),
        anchor: m.occurrence.map(|o| urls::occurrence_anchor(o.date)),
        repeats: repeat.map(|r| r.describe(m.start, t)),
        title: m.title.clone(),
        impact: "maintenance",
        impact_label: t.get("post.maintenance"),
        status: status.as_str(),
        status_label: t.of("update", status.as_str()),
        open: completed.is_none(),
        start: time_view(m.start, tz, t),
        end: completed.map(|c| time_view(c, tz, t)),
        scheduled_end: Some(time_view(m.end, tz, t)),
        // How long it took once completed; the planned length before.
        duration: duration(completed.unwrap_or(m.end) - m.start, t),
        affected: affected_views(
            catalogue,
            state.maintenance_effects[i]
                .iter()
                .map(|&c| (c, ComponentStatus::UnderMaintenance)),
            if completed.is_some() {
                Tense::Was
            } else if status.is_active() {
                Tense::Now
            } else {
                Tense::WillBe
            },
            t,
        ),
        summary_html: to_html(&m.summary),
        // The history lists a window once it has begun; until then its month may have no page.
        history_url: if m.start <= state.now {
            urls::month(&month)
        } else {
            urls::HISTORY.to_string()
        },
        month,
        latest,
        excerpt: excerpt_of(m.updates.first().map_or("", |u| u.body.as_str())),
        next_update: None,
        update_count: m.updates.len(),
        postmortem: None,
        untranslated: Untranslated::of(&m.translations, t),
    }
}
