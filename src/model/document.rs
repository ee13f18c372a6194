//! Splitting a Markdown post into TOML front matter, a summary and timestamped updates.

use super::next_update;
use super::time::{ACCEPTED_FORMS, parse_timestamp};
use crate::diagnostic::{Diagnostic, closest};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::path::Path;

/// A post split at its `+++` fences.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    /// The TOML between the fences.
    pub front_matter: &'a str,
    /// Lines of the file before the front matter text (the opening fence and anything above).
    pub front_matter_offset: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// Lines of the file before the body.
    pub body_offset: usize,
}

const FENCE: &str = "+++";

/// Splits a post into front matter and body.
pub fn split<'a>(path: &Path, src: &'a str) -> Result<Document<'a>, Diagnostic> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut lines = src.split_inclusive('\n');
    let mut offset = 0;
    let mut skipped = 0;
    // Blank lines before the opening fence are tolerated.
    let first = loop {
        match lines.next() {
            Some(l) if l.trim().is_empty() => {
                offset += l.len();
                skipped += 1;
            }
            other => break other,
        }
    };
    if first.map(str::trim_end) != Some(FENCE) {
        return Err(Diagnostic::error(path, (skipped + 1, 1), "missing front matter")
            .with_hint("start the file with a line `+++`, then title, dates and affected components in TOML, then another `+++`"));
    }
    offset += first.map_or(0, str::len);
    let fm_start = offset;
    for (line_no, line) in (skipped + 2..).zip(lines) {
        if line.trim_end() == FENCE {
            let body_start = offset + line.len();
            return Ok(Document {
                front_matter: &src[fm_start..offset],
                front_matter_offset: skipped + 1,
                body: &src[body_start..],
                body_offset: line_no,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        path,
        (skipped + 1, 1),
        "unclosed front matter: no closing `+++` line",
    )
    .with_hint("add a line with only `+++` after the TOML front matter"))
}

/// A status word that may open an update heading, and the status it stands for.
#[derive(Debug, Clone, Copy)]
pub struct StatusWord<S> {
    /// The word as written, matched case-insensitively, e.g. "In progress".
    pub word: &'static str,
    /// The status; `None` for a plain "Update", which keeps the previous status.
    pub status: Option<S>,
}

/// An update as written, before its status is resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct RawUpdate<S> {
    /// Status from the heading, `None` for "Update".
    pub status: Option<S>,
    /// When it was posted.
    pub at: DateTime<Utc>,
    /// Markdown body up to the next update heading.
    pub body: String,
    /// Line of the heading in the file.
    pub line: usize,
    /// The next update it promises (`· next update by …` after the heading's time).
    pub next_update: Option<DateTime<Utc>>,
}

/// The body of a post: summary text and updates in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline<S> {
    /// Markdown before the first update heading.
    pub summary: String,
    /// Updates in the order they appear in the file.
    pub updates: Vec<RawUpdate<S>>,
    /// The line the body starts on (just after the closing `+++`).
    pub body_line: usize,
}

/// Finds update headings (`## Status — timestamp`) in a body, outside code blocks.
///
/// `words` are the statuses of this kind of post; `foreign` are words that belong to the other
/// kind (an incident word in a maintenance file), reported with a hint instead of ignored.
pub fn timeline<S: Copy>(
    path: &Path,
    doc: &Document<'_>,
    tz: Tz,
    words: &[StatusWord<S>],
    foreign: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Timeline<S> {
    let mut summary = String::new();
    let mut updates: Vec<RawUpdate<S>> = Vec::new();
    // The text of the section being read (the summary, then each update's body) is the lines
    // between headings: kept as ranges of the body and copied once, when the section ends.
    let mut section = Section::default();
    let mut offset = 0;
    let mut fence: Option<(char, usize)> = None;
    for (i, line) in doc.body.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let line_no = doc.body_offset + i + 1;
        let trimmed = line.trim_start();
        if let Some(f) = code_fence(trimmed) {
            fence = match fence {
                None => Some(f),
                Some(open) if open.0 == f.0 && f.1 >= open.1 => None,
                other => other,
            };
        }
        if fence.is_none()
            && indent_width(line) < 4
            && let Some(text) = level_two_heading(trimmed)
        {
            match read_heading(text, tz, words, foreign) {
                Heading::Update(status, at, next_update) => {
                    let text = section.take(doc.body);
                    match updates.last_mut() {
                        Some(u) => u.body = text,
                        None => summary = text,
                    }
                    updates.push(RawUpdate {
                        status,
                        at,
                        body: String::new(),
                        line: line_no,
                        next_update,
                    });
                    continue;
                }
                Heading::Broken(message, hint) => {
                    let column = line.len() - trimmed.len() + 4;
                    diagnostics
                        .push(Diagnostic::error(path, (line_no, column), message).with_hint(hint));
                    // Not part of the text around it.
                    section.skip();
                    continue;
                }
                Heading::Plain => {}
            }
        }
        section.extend(start..offset);
    }
    let text = section.take(doc.body);
    match updates.last_mut() {
        Some(u) => u.body = text,
        None => summary = text,
    }
    Timeline {
        summary,
        updates,
        body_line: doc.body_offset + 1,
    }
}

/// The lines of one section of a post's body, as byte ranges of the body: one range unless a
/// line inside it is left out.
#[derive(Default)]
struct Section {
    ranges: Vec<std::ops::Range<usize>>,
    /// The next line starts a new range.
    broken: bool,
}

impl Section {
    fn extend(&mut self, line: std::ops::Range<usize>) {
        match self.ranges.last_mut() {
            Some(last) if !self.broken && last.end == line.start => last.end = line.end,
            _ => self.ranges.push(line),
        }
        self.broken = false;
    }

    fn skip(&mut self) {
        self.broken = true;
    }

    /// The section's text without surrounding whitespace, and an empty section to read next.
    fn take(&mut self, body: &str) -> String {
        let text = match self.ranges.as_slice() {
            [] => String::new(),
            [one] => body[one.clone()].trim().to_string(),
            more => {
                let whole: String = more.iter().map(|r| &body[r.clone()]).collect();
                whole.trim().to_string()
            }
        };
        *self = Section::default();
        text
    }
}

/// A code fence opening or closing line: its character and length.
pub(crate) fn code_fence(line: &str) -> Option<(char, usize)> {
    let c = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = line.chars().take_while(|x| *x == c).count();
    (n >= 3).then_some((c, n))
}

/// The width of a line's indentation in columns, a tab reaching the next multiple of four as in
/// CommonMark: four or more make an indented code block, never a heading.
pub(crate) fn indent_width(line: &str) -> usize {
    line.chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .fold(0, |width, c| {
            if c == '\t' {
                width / 4 * 4 + 4
            } else {
                width + 1
            }
        })
}

/// The text of a level-two ATX heading line (`## text`, indentation already removed).
pub(crate) fn level_two_heading(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("##")?;
    if !(rest.starts_with(' ') || rest.starts_with('\t')) {
        return None;
    }
    let text = rest.trim();
    // An ATX heading may be closed by a run of `#`.
    let text = text.trim_end_matches('#').trim_end();
    Some(text)
}

enum Heading<S> {
    Plain,
    Update(Option<S>, DateTime<Utc>, Option<DateTime<Utc>>),
    Broken(String, String),
}

/// What may stand between an update heading's status word and its time.
pub(crate) const SEPARATORS: &[char] = &['—', '–', '-', '·', ':', '|'];

fn read_heading<S: Copy>(
    text: &str,
    tz: Tz,
    words: &[StatusWord<S>],
    foreign: &[&str],
) -> Heading<S> {
    let starts_with_word = |w: &str| starts_with_word(text, w);
    let matched = words
        .iter()
        .filter(|w| starts_with_word(w.word))
        .max_by_key(|w| w.word.len());
    let Some(word) = matched else {
        if let Some(f) = foreign.iter().find(|w| starts_with_word(w)) {
            let rest = &text[f.len()..];
            if looks_like_update(rest) {
                let allowed: Vec<&str> = words.iter().map(|w| w.word).collect();
                return Heading::Broken(
                    format!("`{f}` is not a status for this kind of post"),
                    format!("use one of: {}", allowed.join(", ")),
                );
            }
        }
        return unknown_word(text, tz, words);
    };
    let rest = &text[word.word.len()..];
    if !looks_like_update(rest) {
        return unknown_word(text, tz, words);
    }
    let stamp = rest.trim_start().trim_start_matches(SEPARATORS).trim();
    let (stamp, promise) = next_update::split(stamp);
    match parse_timestamp(stamp, tz) {
        Ok(at) => match promise.map(|p| (p, next_update::parse(p, at, tz))) {
            None => Heading::Update(word.status, at, None),
            Some((_, Ok(by))) if by > at => Heading::Update(word.status, at, Some(by)),
            Some((p, Ok(_))) => Heading::Broken(
                format!("the next update promised by `{p}` is not after this update ({stamp})"),
                "promise a time after the update's own, e.g. `· next update by` the update's time plus 30 minutes".to_string(),
            ),
            Some((p, Err(e))) => Heading::Broken(
                format!("the next update promised in `{text}` has no readable time (`{p}`): {e}"),
                format!("accepted forms: {}", next_update::ACCEPTED_FORMS),
            ),
        },
        Err(e) => Heading::Broken(
            format!("update heading `{text}` has no readable timestamp: {e}"),
            format!(
                "write it as `## {} — 2026-11-20 14:05 UTC`; accepted forms: {ACCEPTED_FORMS}",
                word.word
            ),
        ),
    }
}

/// Whether `text` starts with the status word `word` in any case, as a whole word. The words are
/// ASCII, so comparing bytes without case finds what lower-casing both would.
fn starts_with_word(text: &str, word: &str) -> bool {
    let n = word.len();
    text.len() >= n
        && text.as_bytes()[..n].eq_ignore_ascii_case(word.as_bytes())
        && text[n..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// A heading shaped like an update, `## Word — <timestamp>`, whose word is not a status (usually
/// a typo such as `Resolvd`): an error, since read as text it would silently leave the status
/// as it was. Anything else is a plain heading.
fn unknown_word<S>(text: &str, tz: Tz, words: &[StatusWord<S>]) -> Heading<S> {
    let split = text.char_indices().find_map(|(i, c)| {
        let word = text[..i].trim();
        let (stamp, _) = next_update::split(&text[i + c.len_utf8()..]);
        (SEPARATORS.contains(&c)
            && word.starts_with(char::is_alphabetic)
            && parse_timestamp(stamp, tz).is_ok())
        .then_some(word)
    });
    let Some(word) = split else {
        return Heading::Plain;
    };
    let allowed: Vec<&str> = words.iter().map(|w| w.word).collect();
    let hint = match closest(word, allowed.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None => format!(
            "expected one of: {}; a heading that is not an update takes `###`",
            allowed.join(", ")
        ),
    };
    Heading::Broken(format!("unknown update status `{word}`"), hint)
}

/// After the status word: a separator, or directly a date.
fn looks_like_update(rest: &str) -> bool {
    let rest = rest.trim_start();
    rest.starts_with(SEPARATORS) || rest.starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests;
