//! Scheduled maintenance windows, single or recurring (`repeat`, see [`recurrence`]).

pub mod recurrence;
mod series;
mod translate;

use super::document::StatusWord;
use super::post::{self, Affected, ParseContext, Update};
use super::status::MaintenanceStatus;
use super::translation::Translations;
use crate::diagnostic::Diagnostic;
use chrono::{DateTime, NaiveDate, Utc};
use recurrence::{Repeat, Slot};
use serde::Deserialize;
use series::{attach_updates, read_skip};
use std::path::{Path, PathBuf};
use toml::{Spanned, Value};

/// A maintenance window as written by the operator.
#[derive(Debug, Clone, PartialEq)]
pub struct Maintenance {
    /// The file stem.
    pub id: String,
    /// Path relative to the site root.
    pub path: PathBuf,
    /// Headline.
    pub title: String,
    /// Planned start.
    pub start: DateTime<Utc>,
    /// Planned end.
    pub end: DateTime<Utc>,
    /// Line and column of the `end` value.
    pub end_position: (usize, usize),
    /// The line the body starts on, where an announcement belongs.
    pub body_line: usize,
    /// Components and groups under maintenance.
    pub affected: Vec<Affected>,
    /// Markdown before the first update.
    pub summary: String,
    /// Updates, newest first.
    pub updates: Vec<Update<MaintenanceStatus>>,
    /// The rule of a recurring window (`repeat`), whose first occurrence is `start`–`end`.
    pub repeat: Option<Repeat>,
    /// For a recurring file: per update (same order), the local date of the occurrence it
    /// belongs to; `None` for the announcement of the series, posted before its first occurrence.
    pub update_occurrence: Vec<Option<NaiveDate>>,
    /// For one occurrence of a recurring window (see [`Maintenance::windows`]): which one.
    pub occurrence: Option<Occurrence>,
    /// Its texts in the site's other languages.
    pub translations: Translations,
}

/// Which occurrence of a recurring window a [`Maintenance`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// Local date of its start in the site zone, which names it.
    pub date: NaiveDate,
    /// Start of the first occurrence of the series.
    pub first_start: DateTime<Utc>,
}

/// Words that start a maintenance update heading.
pub const WORDS: &[StatusWord<MaintenanceStatus>] = &[
    StatusWord {
        word: "Scheduled",
        status: Some(MaintenanceStatus::Scheduled),
    },
    StatusWord {
        word: "In progress",
        status: Some(MaintenanceStatus::InProgress),
    },
    StatusWord {
        word: "In-progress",
        status: Some(MaintenanceStatus::InProgress),
    },
    StatusWord {
        word: "Verifying",
        status: Some(MaintenanceStatus::Verifying),
    },
    StatusWord {
        word: "Completed",
        status: Some(MaintenanceStatus::Completed),
    },
    StatusWord {
        word: "Update",
        status: None,
    },
];

const INCIDENT_WORDS: &[&str] = &[
    "Investigating",
    "Identified",
    "Monitoring",
    "Resolved",
    "Postmortem",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Option<Spanned<Value>>,
    start: Option<Spanned<Value>>,
    end: Option<Spanned<Value>>,
    affected: Option<Spanned<Value>>,
    repeat: Option<Spanned<String>>,
    skip: Option<Spanned<Value>>,
}

/// Keys the maintenance front matter accepts.
pub const KEYS: &[&str] = &["title", "start", "end", "affected", "repeat", "skip"];

/// Opens a maintenance file (or a sibling file translating one): its id, front matter, summary and
/// updates, read with Maintenance's keys and status words.
fn open<'a>(
    id: &str,
    path: &'a Path,
    text: &'a str,
    tz: chrono_tz::Tz,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<post::Opened<'a, FrontMatter, MaintenanceStatus>> {
    post::open(id, path, text, tz, KEYS, WORDS, INCIDENT_WORDS, diagnostics)
}

impl Maintenance {
    /// Parses a maintenance file. Problems are added to `diagnostics`; `None` means unusable.
    pub fn parse(
        id: &str,
        path: &Path,
        text: &str,
        ctx: ParseContext<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Maintenance> {
        let first = diagnostics.len();
        let post::Opened {
            src,
            front_matter: fm,
            timeline,
        } = open(id, path, text, ctx.tz, diagnostics)?;
        let (title, titles) = super::translation::required(
            &src,
            "title",
            fm.title.as_ref(),
            "\"Database upgrade\"",
            ctx.languages,
            diagnostics,
        );
        let time =
            |field: &str, v: &Option<Spanned<Value>>, diagnostics: &mut Vec<Diagnostic>| match v {
                Some(v) => post::read_time(&src, field, v, ctx.tz)
                    .map_err(|d| diagnostics.push(d))
                    .ok(),
                None => {
                    diagnostics.push(
                        src.error_at(0, format!("missing `{field}` in the front matter"))
                            .with_hint(format!(
                                "add the planned {field}, e.g. {field} = 2026-11-26T02:00:00Z"
                            )),
                    );
                    None
                }
            };
        let start = time("start", &fm.start, diagnostics);
        let end = time("end", &fm.end, diagnostics);
        if let (Some(s), Some(e), Some(v)) = (start, end, &fm.end)
            && e <= s
        {
            diagnostics.push(src.error_span(&v.span(), "`end` is not after `start`").with_hint("the window must end after it starts; check both times and their time zones"));
        }
        let affected = match &fm.affected {
            Some(v) => post::read_affected(&src, v, ctx.catalog, diagnostics),
            None => Vec::new(),
        };
        let skip = fm
            .skip
            .as_ref()
            .map(|v| read_skip(&src, v, diagnostics))
            .unwrap_or_default();
        let repeat = match (&fm.repeat, start, end) {
            (Some(rule), Some(s), Some(e)) if e > s => {
                Repeat::parse(&src, rule, skip, (s, e), ctx.tz)
                    .map_err(|d| diagnostics.push(d))
                    .ok()
            }
            (None, ..) if fm.skip.is_some() => {
                diagnostics.push(
                    src.error_span(&fm.skip.as_ref()?.span(), "`skip` without `repeat`")
                        .with_hint("`skip` lists dates a recurring window does not take place on: add `repeat`, or remove `skip`"),
                );
                None
            }
            _ => None,
        };
        if diagnostics[first..].iter().any(Diagnostic::is_error) {
            return None;
        }
        let (updates, update_occurrence) = match &repeat {
            Some(r) => attach_updates(timeline.updates, r),
            None => (
                post::resolve_updates(timeline.updates, MaintenanceStatus::Scheduled),
                Vec::new(),
            ),
        };
        Some(Maintenance {
            id: id.to_string(),
            path: path.to_path_buf(),
            title,
            start: start?,
            end: end?,
            end_position: src.pos(fm.end.as_ref()?.span().start),
            body_line: timeline.body_line,
            affected,
            summary: timeline.summary,
            updates,
            repeat,
            update_occurrence,
            occurrence: None,
            translations: Translations {
                titles,
                ..Translations::default()
            },
        })
    }

    /// The key of this window among all windows: the file id, followed by `/` and the date of
    /// the occurrence for one occurrence of a recurring window. Stable ids derive from it.
    pub fn key(&self) -> String {
        match &self.occurrence {
            Some(o) => format!("{}/{}", self.id, o.date),
            None => self.id.clone(),
        }
    }

    /// The windows of this file that overlap `from`..`to`: the file itself when it does not
    /// repeat; else its occurrences there (or the nearest one when none does), each with the
    /// announcement of the series and the updates that belong to it.
    pub fn windows(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Maintenance> {
        match &self.repeat {
            None => vec![self.clone()],
            Some(r) => r
                .slots_within(from, to)
                .into_iter()
                .map(|slot| self.occurrence(slot))
                .collect(),
        }
    }

    /// One occurrence of this recurring file as a window of its own.
    fn occurrence(&self, slot: Slot) -> Maintenance {
        let (updates, _): (Vec<_>, Vec<_>) = self
            .updates
            .iter()
            .zip(&self.update_occurrence)
            .filter(|(_, on)| on.is_none_or(|d| d == slot.date))
            .map(|(u, on)| (u.clone(), *on))
            .unzip();
        Maintenance {
            start: slot.start,
            end: slot.end,
            updates,
            repeat: None,
            update_occurrence: Vec::new(),
            occurrence: Some(Occurrence {
                date: slot.date,
                first_start: self.start,
            }),
            ..self.clone_head()
        }
    }

    /// This window without its timeline, to build occurrences from.
    fn clone_head(&self) -> Maintenance {
        Maintenance {
            id: self.id.clone(),
            path: self.path.clone(),
            title: self.title.clone(),
            start: self.start,
            end: self.end,
            end_position: self.end_position,
            body_line: self.body_line,
            affected: self.affected.clone(),
            summary: self.summary.clone(),
            updates: Vec::new(),
            repeat: None,
            update_occurrence: Vec::new(),
            occurrence: None,
            translations: self.translations.clone(),
        }
    }

    /// The status at `now`: the clock's (scheduled, in progress, completed), unless an update
    /// posted after the clock's last change says otherwise. A window whose end has passed is never
    /// scheduled, whatever its updates say: it can overrun (in progress, verifying) but not be
    /// upcoming any more.
    pub fn status_at(&self, now: DateTime<Utc>) -> MaintenanceStatus {
        let (clock, since) = if now >= self.end {
            (MaintenanceStatus::Completed, Some(self.end))
        } else if now >= self.start {
            (MaintenanceStatus::InProgress, Some(self.start))
        } else {
            (MaintenanceStatus::Scheduled, None)
        };
        match self.updates.iter().find(|u| u.at <= now) {
            Some(u) if u.status == MaintenanceStatus::Scheduled && now >= self.end => clock,
            Some(u) if since.is_none_or(|t| u.at >= t) => u.status,
            _ => clock,
        }
    }

    /// When the window was announced, as the files tell it at `now`: its first update posted by
    /// `now` (or its start, if that came first), else its start once that has passed. `None` for
    /// an upcoming window with no update posted yet, whose announcement nothing dates.
    ///
    /// Never after `now`, and the same at every later `now`, so outputs do not change from one
    /// build to the next while the file does not.
    pub fn announced_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let first_posted = self
            .updates
            .iter()
            .filter(|u| u.at <= now)
            .map(|u| u.at)
            .min();
        // An occurrence nobody announced on its own is known since the series began.
        let known = self
            .occurrence
            .map_or(self.start, |o| o.first_start.min(self.start));
        match first_posted {
            Some(at) => Some(at.min(self.start)),
            None => (known <= now).then_some(known),
        }
    }

    /// When the window actually ended: the completing update, or the planned end once passed.
    pub fn completed_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        (self.status_at(now) == MaintenanceStatus::Completed).then(|| {
            self.updates
                .iter()
                .filter(|u| u.at <= now)
                .take_while(|u| u.status == MaintenanceStatus::Completed)
                .last()
                .map_or(self.end, |u| u.at)
        })
    }
}

#[cfg(test)]
mod tests;
