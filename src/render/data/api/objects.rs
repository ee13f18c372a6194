//! The objects of Statuspage's public API v2, field for field and in its key order
//! (serde writes struct fields in declaration order). An incident with a postmortem also
//! carries the postmortem fields of Statuspage's management API, after the public ones.

use serde::Serialize;

/// `page`: the first key of every response.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// Page id, derived from the base URL.
    pub id: String,
    pub name: String,
    /// Base URL, no trailing slash.
    pub url: String,
    /// IANA time zone of the site.
    pub time_zone: String,
    /// Latest change of anything on the page.
    pub updated_at: String,
}

/// `status`: the page rollup.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// `none`, `minor`, `major`, `critical` or `maintenance`.
    pub indicator: &'static str,
    /// The standard description of the indicator.
    pub description: &'static str,
}

/// A component or a group (with `group: true` and the ids of its members).
#[derive(Debug, Clone, Serialize)]
pub struct Component {
    pub id: String,
    pub name: String,
    /// Current status; a group's is its worst member's.
    pub status: &'static str,
    /// When it started to exist.
    pub created_at: String,
    /// Its latest change.
    pub updated_at: String,
    /// 1-based position within its parent (the top level or its group).
    pub position: usize,
    pub description: Option<String>,
    /// Whether its uptime bar is shown (`showcase`); for a group, whether any member's is.
    pub showcase: bool,
    /// `since`, as `YYYY-MM-DD`.
    pub start_date: Option<String>,
    /// Id of its group; null at the top level and for groups.
    pub group_id: Option<String>,
    pub page_id: String,
    /// True for a group.
    pub group: bool,
    /// Whether it is listed only while not operational (`only_show_if_degraded`); for a
    /// group, whether every member is.
    pub only_show_if_degraded: bool,
    /// Member ids, present only on groups.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub components: Option<Vec<String>>,
}

/// A component an update touches, with its status before and after.
#[derive(Debug, Clone, Serialize)]
pub struct AffectedComponent {
    pub code: String,
    /// "Group - Component", or the component name.
    pub name: String,
    /// Status before this update.
    pub old_status: &'static str,
    /// Status from this update on.
    pub new_status: &'static str,
}

/// An update of an incident or maintenance window.
#[derive(Debug, Clone, Serialize)]
pub struct Update {
    pub id: String,
    /// Incident or maintenance status at this update.
    pub status: &'static str,
    /// The text as written (Markdown, which reads as plain text).
    pub body: String,
    /// Id of the incident or maintenance.
    pub incident_id: String,
    /// When it was posted.
    pub created_at: String,
    /// Same as `created_at`: updates are not edited after the fact here.
    pub updated_at: String,
    /// Same as `created_at`.
    pub display_at: String,
    /// Components of the post, or null when it names none.
    pub affected_components: Option<Vec<AffectedComponent>>,
    /// Always true.
    pub deliver_notifications: bool,
    /// Always null.
    pub custom_tweet: Option<String>,
    /// Always null.
    pub tweet_id: Option<String>,
}

/// The fields an incident and a scheduled maintenance share, in Statuspage's order.
#[derive(Debug, Clone, Serialize)]
pub struct Post {
    pub id: String,
    pub name: String,
    /// `investigating`, `identified`, `monitoring`, `resolved` or `postmortem`; for maintenance
    /// `scheduled`, `in_progress`, `verifying` or `completed`.
    pub status: &'static str,
    /// Start of impact (incidents) or first announcement (maintenance).
    pub created_at: String,
    /// Latest update, resolution or change.
    pub updated_at: String,
    /// When it entered monitoring (always null for maintenance).
    pub monitoring_at: Option<String>,
    /// When it was resolved or completed.
    pub resolved_at: Option<String>,
    /// `none`, `minor`, `major` or `critical`; always `maintenance` for maintenance.
    pub impact: &'static str,
    /// Absolute URL of its page.
    pub shortlink: String,
    /// Start of impact (incidents) or first announcement (maintenance).
    pub started_at: String,
    pub page_id: String,
    /// Updates, newest first.
    pub incident_updates: Vec<Update>,
    /// Affected or covered components with their current status.
    pub components: Vec<Component>,
}

/// An incident.
#[derive(Debug, Clone, Serialize)]
pub struct Incident {
    #[serde(flatten)]
    pub post: Post,
    /// Always null.
    pub reminder_intervals: Option<String>,
    /// The postmortem's text as written (Markdown, which reads as plain text). Like the two
    /// fields after it, absent on an incident without a postmortem: no captured public v2
    /// response has these fields, so every other incident keeps the public shape exactly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postmortem_body: Option<String>,
    /// When the postmortem's text last changed: its publication, the only time the file gives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postmortem_body_last_updated_at: Option<String>,
    /// When the postmortem was published.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postmortem_published_at: Option<String>,
}

/// A scheduled maintenance: the incident object with the window instead of reminders.
#[derive(Debug, Clone, Serialize)]
pub struct Maintenance {
    #[serde(flatten)]
    pub post: Post,
    /// Planned start.
    pub scheduled_for: String,
    /// Planned end.
    pub scheduled_until: String,
}
