//! Incidents: one Markdown file each, with front matter, a timeline of updates and, once it is
//! over, a postmortem.

use super::document::StatusWord;
use super::post::{self, Affected, ParseContext, Update};
use super::status::{ComponentStatus, Impact, IncidentStatus};
use super::translation::Translations;
use crate::diagnostic::{Diagnostic, suggest};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::{Spanned, Value};

mod postmortem;
mod translate;

pub use postmortem::Postmortem;

/// An incident as written by the operator.
#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    /// The file stem.
    pub id: String,
    /// Path relative to the site root.
    pub path: PathBuf,
    /// Headline.
    pub title: String,
    /// How badly users are affected.
    pub impact: Impact,
    /// When the impact began.
    pub started: DateTime<Utc>,
    /// When it ended, from the front matter or the resolving update.
    pub resolved: Option<DateTime<Utc>>,
    /// Where `resolved` is stated: the line and column of its front matter value, or of the
    /// resolving update's heading.
    pub resolved_position: Option<(usize, usize)>,
    /// Affected components and groups.
    pub affected: Vec<Affected>,
    /// Markdown before the first update.
    pub summary: String,
    /// Status updates, newest first (the postmortem is not one of them).
    pub updates: Vec<Update<IncidentStatus>>,
    /// The live next-update promise, from the front matter's `next_update`.
    pub next_update: Option<DateTime<Utc>>,
    /// The line and column of the `next_update` value.
    pub next_update_position: Option<(usize, usize)>,
    /// The report published after the resolution, from its `## Postmortem` section (boxed: most
    /// incidents have none, and a build holds every incident).
    pub postmortem: Option<Box<Postmortem>>,
    /// Where `impact` is stated (line and column of its value), for checks about it.
    pub impact_position: Option<(usize, usize)>,
    /// Its texts in the site's other languages.
    pub translations: Translations,
}

/// Words that start an incident update heading.
pub const WORDS: &[StatusWord<IncidentStatus>] = &[
    StatusWord {
        word: "Investigating",
        status: Some(IncidentStatus::Investigating),
    },
    StatusWord {
        word: "Identified",
        status: Some(IncidentStatus::Identified),
    },
    StatusWord {
        word: "Monitoring",
        status: Some(IncidentStatus::Monitoring),
    },
    StatusWord {
        word: "Update",
        status: None,
    },
    StatusWord {
        word: "Resolved",
        status: Some(IncidentStatus::Resolved),
    },
    StatusWord {
        word: "Postmortem",
        status: Some(IncidentStatus::Postmortem),
    },
    StatusWord {
        word: "Post-mortem",
        status: Some(IncidentStatus::Postmortem),
    },
];

/// The maintenance words, reported in an incident with a hint.
pub(crate) const MAINTENANCE_WORDS: &[&str] =
    &["Scheduled", "In progress", "Verifying", "Completed"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Option<Spanned<Value>>,
    impact: Option<Spanned<String>>,
    started: Option<Spanned<Value>>,
    resolved: Option<Spanned<Value>>,
    affected: Option<Spanned<Value>>,
    next_update: Option<Spanned<Value>>,
}

/// Keys the incident front matter accepts.
pub const KEYS: &[&str] = &[
    "title",
    "impact",
    "started",
    "resolved",
    "affected",
    "next_update",
];

/// Opens an incident file (or a sibling file translating one): its id, front matter, summary and
/// updates, read with Incident's keys and status words.
fn open<'a>(
    id: &str,
    path: &'a Path,
    text: &'a str,
    tz: chrono_tz::Tz,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<post::Opened<'a, FrontMatter, IncidentStatus>> {
    post::open(
        id,
        path,
        text,
        tz,
        KEYS,
        WORDS,
        MAINTENANCE_WORDS,
        diagnostics,
    )
}

impl Incident {
    /// Parses an incident file. Problems are added to `diagnostics`; `None` means unusable.
    pub fn parse(
        id: &str,
        path: &Path,
        text: &str,
        ctx: ParseContext<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Incident> {
        let start = diagnostics.len();
        let post::Opened {
            src,
            front_matter: fm,
            mut timeline,
        } = open(id, path, text, ctx.tz, diagnostics)?;

        let postmortem = postmortem::take(path, &mut timeline.updates, diagnostics);
        let (title, titles) = super::translation::required(
            &src,
            "title",
            fm.title.as_ref(),
            "\"Elevated error rates on the API\"",
            ctx.languages,
            diagnostics,
        );
        let affected = match &fm.affected {
            Some(v) => post::read_affected(&src, v, ctx.catalog, diagnostics),
            None => Vec::new(),
        };
        let impact = match &fm.impact {
            Some(s) => Impact::parse(s.get_ref()).unwrap_or_else(|| {
                diagnostics.push(
                    src.error_span(&s.span(), format!("unknown impact `{}`", s.get_ref()))
                        .with_hint(suggest(s.get_ref(), Impact::NAMES, "impact")),
                );
                Impact::Minor
            }),
            // Without an impact, the worst stated component status implies one.
            None => affected
                .iter()
                .filter_map(|a| a.status)
                .max()
                .map_or(Impact::Minor, Impact::from_component_status),
        };
        let first_update = timeline.updates.iter().map(|u| u.at).min();
        let started = match &fm.started {
            Some(v) => post::read_time(&src, "started", v, ctx.tz)
                .map_err(|d| diagnostics.push(d))
                .ok(),
            None => {
                if first_update.is_none() {
                    diagnostics.push(
                        src.error_at(0, "missing `started` in the front matter")
                            .with_hint(
                                "add when the impact began, e.g. started = 2026-11-20T14:02:00Z",
                            ),
                    );
                }
                first_update
            }
        };
        let fm_resolved = fm.resolved.as_ref().and_then(|v| {
            post::read_time(&src, "resolved", v, ctx.tz)
                .map_err(|d| diagnostics.push(d))
                .ok()
        });
        if let (Some(s), Some(r), Some(v)) = (started, fm_resolved, &fm.resolved)
            && r < s
        {
            diagnostics.push(
                src.error_span(&v.span(), "`resolved` is before `started`")
                    .with_hint(
                        "check both dates and their time zones; resolved must come after started",
                    ),
            );
        }
        if let (Some(s), Some(first)) = (started, timeline.updates.iter().min_by_key(|u| u.at))
            && first.at < s
        {
            diagnostics.push(
                Diagnostic::warning(
                    path,
                    (first.line, post::HEADING_COLUMN),
                    "this update is dated before `started`",
                )
                .with_hint("check the update's timestamp and time zone, or move `started` earlier"),
            );
        }

        let next_update = fm.next_update.as_ref().and_then(|v| {
            post::read_time(&src, "next_update", v, ctx.tz)
                .map_err(|d| diagnostics.push(d))
                .ok()
                .map(|t| (t, src.pos(v.span().start)))
        });
        let updates = post::resolve_updates(timeline.updates, IncidentStatus::Investigating);
        let resolved = fm_resolved.or_else(|| resolution_time(&updates));
        let resolved_position = match (&fm_resolved, &fm.resolved) {
            (Some(_), Some(v)) => Some(src.pos(v.span().start)),
            _ => resolution_update(&updates).map(|u| (u.line, post::HEADING_COLUMN)),
        };
        if let Some(p) = &postmortem {
            postmortem::check(path, p, resolved, diagnostics);
        }
        if diagnostics[start..].iter().any(Diagnostic::is_error) {
            return None;
        }
        Some(Incident {
            id: id.to_string(),
            path: path.to_path_buf(),
            title,
            impact,
            started: started?,
            resolved,
            resolved_position,
            affected,
            summary: timeline.summary,
            updates,
            next_update: next_update.map(|(t, _)| t),
            next_update_position: next_update.map(|(_, p)| p),
            postmortem: postmortem.map(Box::new),
            impact_position: fm.impact.as_ref().map(|s| src.pos(s.span().start)),
            translations: Translations {
                titles,
                ..Translations::default()
            },
        })
    }

    /// The incident's status: its latest update's while open; once resolved, resolved, or
    /// postmortem when it has one (as Statuspage tells an incident with a published postmortem).
    pub fn status(&self) -> IncidentStatus {
        match (self.resolved, &self.postmortem) {
            (Some(_), Some(_)) => IncidentStatus::Postmortem,
            (Some(_), None) => IncidentStatus::Resolved,
            (None, _) => self
                .updates
                .first()
                .map_or(IncidentStatus::Investigating, |u| u.status),
        }
    }

    /// True until it is resolved.
    pub fn is_open(&self) -> bool {
        self.resolved.is_none()
    }

    /// The status a listed component gets: the stated one, or the one the impact implies.
    pub fn status_for(&self, affected: &Affected) -> ComponentStatus {
        affected
            .status
            .unwrap_or_else(|| self.impact.component_status())
    }

    /// The end of the impact for a computation at `now`: resolved, or `now` while open.
    pub fn end_or(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        self.resolved.unwrap_or(now).max(self.started)
    }
}

/// The time of the first update of the trailing run of resolved updates.
fn resolution_time(newest_first: &[Update<IncidentStatus>]) -> Option<DateTime<Utc>> {
    resolution_update(newest_first).map(|u| u.at)
}

/// The first update of the trailing run of resolved updates: the one that closed the incident.
fn resolution_update(newest_first: &[Update<IncidentStatus>]) -> Option<&Update<IncidentStatus>> {
    newest_first
        .iter()
        .take_while(|u| u.status.is_resolved())
        .last()
}

#[cfg(test)]
mod tests;
