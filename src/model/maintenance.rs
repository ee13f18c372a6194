//! Scheduled maintenance windows.

use super::document::StatusWord;
use super::post::{self, Affected, ParseContext, Update};
use super::status::MaintenanceStatus;
use crate::diagnostic::Diagnostic;
use chrono::{DateTime, Utc};
use serde::Deserialize;
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
    title: Option<Spanned<String>>,
    start: Option<Spanned<Value>>,
    end: Option<Spanned<Value>>,
    affected: Option<Spanned<Value>>,
}

/// Keys the maintenance front matter accepts.
pub const KEYS: &[&str] = &["title", "start", "end", "affected"];

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
        } = post::open::<FrontMatter, _>(
            id,
            path,
            text,
            ctx.tz,
            KEYS,
            WORDS,
            INCIDENT_WORDS,
            diagnostics,
        )?;
        let title =
            post::required_text(&src, "title", fm.title, "\"Database upgrade\"", diagnostics);
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
        let updates = post::resolve_updates(timeline.updates, MaintenanceStatus::Scheduled);
        if diagnostics[first..].iter().any(Diagnostic::is_error) {
            return None;
        }
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
        })
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
        match first_posted {
            Some(at) => Some(at.min(self.start)),
            None => (self.start <= now).then_some(self.start),
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
mod tests {
    use super::*;
    use crate::model::components::Catalog;
    use crate::model::toml_source::TomlSource;
    use chrono_tz::Tz;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn parse(text: &str) -> (Option<Maintenance>, Vec<Diagnostic>) {
        let cat = Catalog::parse(TomlSource::file(
            Path::new("components.toml"),
            "[[component]]\nid = \"db\"\nname = \"DB\"\n",
        ))
        .unwrap();
        let mut d = Vec::new();
        let m = Maintenance::parse(
            "m",
            Path::new("maintenance/m.md"),
            text,
            ParseContext {
                tz: Tz::UTC,
                catalog: &cat,
            },
            &mut d,
        );
        (m, d)
    }

    const WINDOW: &str = "+++\ntitle = \"DB upgrade\"\nstart = 2026-11-26T02:00:00Z\nend = 2026-11-26T04:00:00Z\naffected = [\"db\"]\n+++\n## Scheduled — 2026-11-19 10:00 UTC\nPlanned.\n";

    #[test]
    fn status_follows_the_clock() {
        let m = parse(WINDOW).0.unwrap();
        assert_eq!(
            m.status_at(utc("2026-11-20T00:00:00Z")),
            MaintenanceStatus::Scheduled
        );
        assert_eq!(
            m.status_at(utc("2026-11-26T02:00:00Z")),
            MaintenanceStatus::InProgress
        );
        assert_eq!(
            m.status_at(utc("2026-11-26T04:00:00Z")),
            MaintenanceStatus::Completed
        );
        assert_eq!(
            m.completed_at(utc("2026-11-27T00:00:00Z")),
            Some(utc("2026-11-26T04:00:00Z"))
        );
    }

    #[test]
    fn later_updates_override_the_clock() {
        let text = WINDOW.replace("## Scheduled", "## Completed — 2026-11-26 03:10 UTC\nDone early.\n## Verifying — 2026-11-26 02:50 UTC\nChecking.\n## Scheduled");
        let m = parse(&text).0.unwrap();
        assert_eq!(
            m.status_at(utc("2026-11-26T02:55:00Z")),
            MaintenanceStatus::Verifying
        );
        assert_eq!(
            m.status_at(utc("2026-11-26T03:30:00Z")),
            MaintenanceStatus::Completed
        );
        assert_eq!(
            m.completed_at(utc("2026-11-26T03:30:00Z")),
            Some(utc("2026-11-26T03:10:00Z"))
        );
    }

    #[test]
    fn a_window_past_its_end_is_never_scheduled() {
        // Written with the wrong year: announced a year after it ended.
        let text = WINDOW.replace("2026-11-26T0", "2025-11-26T0").replace(
            "## Scheduled",
            "## Update — 2026-11-19 11:00 UTC\nStill on.\n## Scheduled",
        );
        let m = parse(&text).0.unwrap();
        let now = utc("2026-11-20T00:00:00Z");
        assert_eq!(m.status_at(now), MaintenanceStatus::Completed);
        assert_eq!(m.completed_at(now), Some(utc("2025-11-26T04:00:00Z")));
        assert_eq!(m.end_position, (4, 7));
        // An overrun told by an update after the end still counts.
        let overrun = WINDOW.replace(
            "## Scheduled",
            "## In progress — 2026-11-26 04:10 UTC\nAlmost.\n## Scheduled",
        );
        let m = parse(&overrun).0.unwrap();
        assert_eq!(
            m.status_at(utc("2026-11-26T04:20:00Z")),
            MaintenanceStatus::InProgress
        );
    }

    #[test]
    fn the_announcement_is_never_after_the_clock_nor_moves_with_it() {
        let m = parse(WINDOW).0.unwrap();
        assert_eq!(m.body_line, 7);
        assert_eq!(m.announced_at(utc("2026-11-19T09:00:00Z")), None);
        for now in ["2026-11-19T10:00:00Z", "2026-11-30T00:00:00Z"] {
            assert_eq!(m.announced_at(utc(now)), Some(utc("2026-11-19T10:00:00Z")));
        }
        let unannounced = parse(&WINDOW.replace("## Scheduled — 2026-11-19 10:00 UTC\n", ""))
            .0
            .unwrap();
        assert_eq!(unannounced.announced_at(utc("2026-11-20T00:00:00Z")), None);
        for now in ["2026-11-26T02:00:00Z", "2026-12-30T00:00:00Z"] {
            assert_eq!(
                unannounced.announced_at(utc(now)),
                Some(utc("2026-11-26T02:00:00Z"))
            );
        }
    }

    #[test]
    fn end_before_start_and_incident_words_are_errors() {
        let text = WINDOW
            .replace("end = 2026-11-26T04:00:00Z", "end = 2026-11-26T01:00:00Z")
            .replace("## Scheduled", "## Resolved");
        let (m, d) = parse(&text);
        assert!(m.is_none());
        let msgs: Vec<_> = d.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            msgs,
            [
                (7, "`Resolved` is not a status for this kind of post"),
                (4, "`end` is not after `start`")
            ]
        );
    }
}
