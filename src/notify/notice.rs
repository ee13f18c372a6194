//! What one event says, before any channel formats it: the same facts for Slack, email or a
//! webhook, already in words, in the site's language and time zone.

use crate::i18n::{Direction, Table};
use chrono::{DateTime, Utc};

/// Which change a notice announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoticeKind {
    /// A new incident (its first update).
    IncidentOpened,
    /// A later update of an open incident (Identified, Monitoring, Update).
    IncidentUpdated,
    /// The incident's resolution.
    IncidentResolved,
    /// A postmortem posted on an incident.
    Postmortem,
    /// A maintenance window announced (its Scheduled update).
    MaintenanceScheduled,
    /// A window that started, by the clock or by an In progress update.
    MaintenanceStarted,
    /// A written update of a window that is neither its start nor its end (Verifying, Update).
    MaintenanceUpdated,
    /// A window that ended, by the clock or by a Completed update.
    MaintenanceCompleted,
}

impl NoticeKind {
    /// The name in `[[notify]] events`: `incident`, `update`, `resolved` or `maintenance`
    /// (`postmortem` counts as `update`).
    pub fn event_name(self) -> &'static str {
        match self {
            NoticeKind::IncidentOpened => "incident",
            NoticeKind::IncidentUpdated | NoticeKind::Postmortem => "update",
            NoticeKind::IncidentResolved => "resolved",
            NoticeKind::MaintenanceScheduled
            | NoticeKind::MaintenanceStarted
            | NoticeKind::MaintenanceUpdated
            | NoticeKind::MaintenanceCompleted => "maintenance",
        }
    }

    /// Whether the notice is about a maintenance window rather than an incident.
    pub fn is_maintenance(self) -> bool {
        self.event_name() == "maintenance"
    }
}

/// How bad the post is, for colours and severity fields. Incidents take their impact;
/// maintenance is `Maintenance`; a resolved incident or a completed window is `Resolved`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tone {
    /// Over: resolved, completed.
    Resolved,
    /// Impact none.
    None,
    /// Impact minor.
    Minor,
    /// Impact major.
    Major,
    /// Impact critical.
    Critical,
    /// Planned maintenance (scheduled or in progress).
    Maintenance,
}

/// One event, ready for any channel.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// The event's stable key in the ledger, e.g.
    /// `incident/2026-11-20-api-errors/update/2026-11-20T14:40:00Z`. It does not change when the
    /// text of an update is edited.
    pub key: String,
    /// The same for every notice of one post, e.g. `incident/2026-11-20-api-errors`: email uses it
    /// for threading (`Message-ID`, `In-Reply-To`), a webhook as the incident's identity.
    pub thread: String,
    /// Whether this is the first notice of its post (email threading: no `In-Reply-To`).
    pub first_of_thread: bool,
    /// What changed.
    pub kind: NoticeKind,
    /// Colour and severity.
    pub tone: Tone,
    /// The site's title, e.g. "Acme Status".
    pub site_title: String,
    /// The site's public address, without a trailing slash.
    pub site_url: String,
    /// The post's title.
    pub title: String,
    /// The post's status after this event, in words: "Investigating", "Resolved", "In progress".
    pub status: String,
    /// The impact in words ("Major impact", the tag pages show); empty for maintenance.
    pub impact: String,
    /// The names of the affected components, in catalogue order.
    pub components: Vec<String>,
    /// The ids of the affected components and of their groups, for `[[notify]] components`
    /// filters.
    pub component_ids: Vec<String>,
    /// The update's text as written (Markdown), or the default text when nobody wrote one.
    pub body_markdown: String,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// `at` in words in the site's time zone, e.g. "20 Nov 2026, 14:40 CET".
    pub at_text: String,
    /// For maintenance, the window in words in the site's time zone, e.g.
    /// "26 Nov 2026, 02:00 – 04:00 CET".
    pub window_text: Option<String>,
    /// The absolute address of the post's page.
    pub url: String,
    /// The words every channel puts around the post's own, in the same language.
    pub words: Words,
}

/// The words of a message that are not the post's own: labels, links and what a maintenance
/// event or a postmortem is called, from the translation table's `notify` section and the
/// site's punctuation. The same for every notice of a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    /// The language tag, e.g. `de`, for an email's `lang`.
    pub language: &'static str,
    /// Whether the language is written right to left.
    pub right_to_left: bool,
    /// The colon after a label, as pages write it (":", "\u{a0}:" in French, "：" in Japanese).
    pub colon: &'static str,
    /// Between the items of a list (", "; "، " in Arabic).
    pub list_comma: &'static str,
    /// "Maintenance scheduled".
    pub maintenance_scheduled: &'static str,
    /// "Maintenance started".
    pub maintenance_started: &'static str,
    /// "Maintenance update".
    pub maintenance_update: &'static str,
    /// "Maintenance completed".
    pub maintenance_completed: &'static str,
    /// "Postmortem", the status of an incident's postmortem.
    pub postmortem: &'static str,
    /// "Status".
    pub status: &'static str,
    /// "Impact".
    pub impact: &'static str,
    /// "Components".
    pub components: &'static str,
    /// "Affects", before the components in emails and posts.
    pub affects: &'static str,
    /// "Window".
    pub window: &'static str,
    /// "When", before a window in a post.
    pub when: &'static str,
    /// "Posted".
    pub posted: &'static str,
    /// "View on {site}".
    view_on: &'static str,
    /// "View the incident".
    pub view_incident: &'static str,
    /// "View the maintenance".
    pub view_maintenance: &'static str,
    /// "Read more", the link after a text cut to a channel's length.
    pub read_more: &'static str,
}

impl Words {
    /// The words of the table `t`.
    pub(crate) fn new(t: &'static Table) -> Words {
        let n = |name: &str| t.of("notify", name);
        Words {
            language: t.language(),
            right_to_left: t.direction() == Direction::Rtl,
            colon: t.get("site.colon"),
            list_comma: t.get("site.list_comma"),
            maintenance_scheduled: n("maintenance_scheduled"),
            maintenance_started: n("maintenance_started"),
            maintenance_update: n("maintenance_update"),
            maintenance_completed: n("maintenance_completed"),
            postmortem: t.of("update", "postmortem"),
            status: n("status"),
            impact: n("impact"),
            components: n("components"),
            affects: n("affects"),
            window: n("window"),
            when: n("when"),
            posted: n("posted"),
            view_on: n("view_on"),
            view_incident: n("view_incident"),
            view_maintenance: n("view_maintenance"),
            read_more: n("read_more"),
        }
    }

    /// The words of the built-in table of `language` (`de`, `ar`), English where it has none.
    pub fn builtin(language: &str) -> Words {
        Words::new(crate::i18n::table(language, None))
    }

    /// "View on Acme Status".
    pub fn view_on(&self, site_title: &str) -> String {
        crate::i18n::fill(self.view_on, &[("site", site_title)])
    }

    /// A label and its value, as pages join them: "Affects: API, Web".
    pub fn labelled(&self, label: &str, value: &str) -> String {
        format!("{label}{} {value}", self.colon)
    }

    /// Items joined as a list: "API, Web".
    pub fn list(&self, items: &[String]) -> String {
        items.join(self.list_comma)
    }
}
