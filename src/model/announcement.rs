//! Announcements: notices that are not incidents (a change to the API's rate limits, a new way to
//! subscribe), one Markdown file each under `announcements/`, shown on the index from `show_from`
//! until `show_until`.
//!
//! ```markdown
//! +++
//! title = "API rate limits change on December 1"
//! show_from = 2026-11-16T09:00:00Z
//! show_until = 2026-12-02T00:00:00Z
//! level = "warning"
//! +++
//!
//! Markdown body.
//! ```

use super::post;
use super::translation::Translations;
use crate::diagnostic::{Diagnostic, suggest};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::{Spanned, Value};

/// How much an announcement matters to readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Good to know (the default).
    Info,
    /// Readers may have to act, or will notice a change.
    Warning,
}

impl Level {
    /// Every wire name, mildest first.
    pub const NAMES: &'static [&'static str] = &["info", "warning"];

    /// The wire name: `info` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
        }
    }

    /// The word that tells readers the level without relying on colour.
    pub fn label(self) -> &'static str {
        match self {
            Level::Info => "Notice",
            Level::Warning => "Warning",
        }
    }

    /// Parses a wire name.
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "info" => Some(Level::Info),
            "warning" => Some(Level::Warning),
            _ => None,
        }
    }
}

/// An announcement as written by the operator.
#[derive(Debug, Clone, PartialEq)]
pub struct Announcement {
    /// The file stem.
    pub id: String,
    /// Path relative to the site root.
    pub path: PathBuf,
    /// Headline.
    pub title: String,
    /// `info` unless the file says otherwise.
    pub level: Level,
    /// When it is first shown (and published in the feeds).
    pub show_from: DateTime<Utc>,
    /// When it stops being shown on the index; shown until the file is removed without one.
    pub show_until: Option<DateTime<Utc>>,
    /// The Markdown after the front matter.
    pub body: String,
    /// Its texts in the site's other languages.
    pub translations: Translations,
}

/// Keys the announcement front matter accepts.
pub const KEYS: &[&str] = &["title", "show_from", "show_until", "level"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Option<Spanned<Value>>,
    show_from: Option<Spanned<Value>>,
    show_until: Option<Spanned<Value>>,
    level: Option<Spanned<String>>,
}

impl Announcement {
    /// Parses an announcement file; times without an offset are read in `tz`, and a title may be
    /// given in each of `languages` (the site's, the default first). Problems are added to
    /// `diagnostics`; `None` means unusable.
    pub fn parse(
        id: &str,
        path: &Path,
        text: &str,
        (tz, languages): (Tz, &[String]),
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Announcement> {
        let start = diagnostics.len();
        let (doc, src, fm) =
            post::open_front_matter::<FrontMatter>(id, path, text, KEYS, diagnostics)?;
        let fm = fm?;
        let (title, titles) = super::translation::required(
            &src,
            "title",
            fm.title.as_ref(),
            "\"API rate limits change on December 1\"",
            languages,
            diagnostics,
        );
        let level = match &fm.level {
            None => Level::Info,
            Some(l) => Level::parse(l.get_ref()).unwrap_or_else(|| {
                diagnostics.push(
                    src.error_span(&l.span(), format!("unknown level `{}`", l.get_ref()))
                        .with_hint(suggest(l.get_ref(), Level::NAMES, "level")),
                );
                Level::Info
            }),
        };
        let show_from = match &fm.show_from {
            Some(v) => post::read_time(&src, "show_from", v, tz)
                .map_err(|d| diagnostics.push(d))
                .ok(),
            None => {
                diagnostics.push(
                    src.error_at(0, "missing `show_from` in the front matter")
                        .with_hint(
                            "add when the announcement is first shown, e.g. show_from = 2026-11-16T09:00:00Z",
                        ),
                );
                None
            }
        };
        let show_until = fm.show_until.as_ref().and_then(|v| {
            post::read_time(&src, "show_until", v, tz)
                .map_err(|d| diagnostics.push(d))
                .ok()
        });
        if let (Some(from), Some(until), Some(v)) = (show_from, show_until, &fm.show_until)
            && until <= from
        {
            diagnostics.push(
                Diagnostic::warning(
                    path,
                    src.pos(v.span().start),
                    "`show_until` is not after `show_from`: the announcement is never shown",
                )
                .with_hint(
                    "check both times and their time zones; show_until must come after show_from",
                ),
            );
        }
        if diagnostics[start..].iter().any(Diagnostic::is_error) {
            return None;
        }
        Some(Announcement {
            id: id.to_string(),
            path: path.to_path_buf(),
            title,
            level,
            show_from: show_from?,
            show_until,
            body: doc.body.trim().to_string(),
            translations: Translations {
                titles,
                ..Translations::default()
            },
        })
    }

    /// True once `show_from` has come: from then on it has a page and feed entries.
    pub fn is_published(&self, now: DateTime<Utc>) -> bool {
        self.show_from <= now
    }

    /// True while the index shows it: from `show_from` until `show_until`.
    pub fn is_shown(&self, now: DateTime<Utc>) -> bool {
        self.is_published(now) && !self.has_ended(now)
    }

    /// True once `show_until` has passed.
    pub fn has_ended(&self, now: DateTime<Utc>) -> bool {
        self.show_until.is_some_and(|until| until <= now)
    }
}

mod translate;

#[cfg(test)]
mod tests;
