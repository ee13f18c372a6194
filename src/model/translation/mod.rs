//! Posts and components in the site's other languages, and the site as published in one of
//! them.
//!
//! A post is written in the default language. Its title may be translated in its own front
//! matter (`title.en = "…"` beside `title.de = "…"`, [`read_text`]), and its whole text in a
//! sibling file `<id>.<lang>.md` ([`sibling`]): the same front matter (facts that must agree with
//! the original's) and the same update headings, paired with the original's by their times, over
//! translated text. Components and groups take `name.<lang>` and `description.<lang>` the same way.
//!
//! [`localize()`] makes the site of one language: every translated text in place of the default
//! language's, and for each post a [`Fallback`] naming what is left in the default language,
//! which the pages mark (`lang`) and note.

mod localize;
pub mod sibling;
mod text;

pub use localize::{localize, maintenance as localize_maintenance};
pub use text::read_text;
pub(crate) use text::required;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// A post's texts in the site's other languages.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Translations {
    /// The titles of its front matter's table (`title.de = "…"`), by language.
    pub titles: BTreeMap<String, String>,
    /// What its sibling files `<id>.<lang>.md` hold, by language.
    pub siblings: BTreeMap<String, PostText>,
    /// In the site of one language ([`localize()`]): what of the post reads in the default
    /// language; `None` where everything is translated, and in the default language's site
    /// (boxed, since every post of a build carries this).
    pub fallback: Option<Box<Fallback>>,
}

/// The text of a post in one language, from its sibling file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PostText {
    /// The sibling file, relative to the site root.
    pub path: PathBuf,
    /// Its front matter's `title`, if it has one.
    pub title: Option<String>,
    /// Its Markdown before the first update (an announcement's whole body).
    pub summary: String,
    /// Its updates' Markdown, by the line of the original's update heading each translates.
    pub updates: BTreeMap<usize, String>,
    /// Its postmortem's Markdown, if it has one.
    pub postmortem: Option<String>,
}

/// What of a post reads in the default language on the pages of another.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fallback {
    /// The default language's tag: the language of the texts left untranslated.
    pub language: String,
    /// Nothing of the post is translated.
    pub whole: bool,
    /// The title is the default language's.
    pub title: bool,
    /// The summary (an announcement's body) is.
    pub summary: bool,
    /// The lines (in the original file) of the updates that are.
    pub updates: BTreeSet<usize>,
    /// The postmortem is.
    pub postmortem: bool,
}

impl Fallback {
    /// Whether the update whose heading is at `line` of the original reads in the default
    /// language.
    pub fn update(&self, line: usize) -> bool {
        self.updates.contains(&line)
    }
}

/// The names and descriptions of a component or group in the site's other languages, by
/// language (`name.de`, `description.de` in `components.toml`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names {
    /// Names by language.
    pub name: BTreeMap<String, String>,
    /// Descriptions by language.
    pub description: BTreeMap<String, String>,
}
