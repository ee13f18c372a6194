//! The one writer of post front matter: the TOML between a post's `+++` fences, as `new`,
//! `update`/`resolve`, `alert` and `import` write it, and the line edits they make to it.
//!
//! Pure text in, text out; [`document::split`] and the post parsers read what this writes, and
//! the tests check that every value survives the round trip.

use super::document;
use super::status::{ComponentStatus, Impact};
use crate::diagnostic::Diagnostic;
use chrono::{DateTime, SecondsFormat, Utc};
use std::path::Path;

/// The line that opens and closes the front matter.
const FENCE: &str = "+++\n";

/// The `affected` line, in one of the two forms the parser reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AffectedLine<'a> {
    /// `affected = ["api", "web"]`: the ids, each taking its status from the impact.
    Ids(&'a [String]),
    /// `affected = { api = "major_outage" }`: each id with the status it is given.
    Statuses(&'a [(String, ComponentStatus)]),
}

/// The front matter of an incident, written in this field order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IncidentFrontMatter<'a> {
    /// A comment written as the first line (`# ...`), e.g. naming where the post came from.
    pub comment: Option<&'a str>,
    /// Headline; any text, escaped as needed.
    pub title: &'a str,
    pub impact: Impact,
    /// When the impact began.
    pub started: DateTime<Utc>,
    /// When it ended, if it has.
    pub resolved: Option<DateTime<Utc>>,
    /// Affected components; no line at all when `None`.
    pub affected: Option<AffectedLine<'a>>,
}

/// The front matter of a maintenance window, written in this field order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaintenanceFrontMatter<'a> {
    /// A comment written as the first line (`# ...`).
    pub comment: Option<&'a str>,
    /// Headline; any text, escaped as needed.
    pub title: &'a str,
    /// Planned start.
    pub start: DateTime<Utc>,
    /// Planned end.
    pub end: DateTime<Utc>,
    /// Affected components; no line at all when `None`.
    pub affected: Option<AffectedLine<'a>>,
}

impl IncidentFrontMatter<'_> {
    /// The front matter with both fences, each line ending in `\n`.
    pub fn to_text(self) -> String {
        let mut out = open(self.comment);
        key_line(&mut out, "title", &toml_string(self.title));
        key_line(&mut out, "impact", &toml_string(self.impact.as_str()));
        key_line(&mut out, "started", &time(self.started));
        if let Some(resolved) = self.resolved {
            key_line(&mut out, "resolved", &time(resolved));
        }
        close(out, self.affected)
    }
}

impl MaintenanceFrontMatter<'_> {
    /// The front matter with both fences, each line ending in `\n`.
    pub fn to_text(self) -> String {
        let mut out = open(self.comment);
        key_line(&mut out, "title", &toml_string(self.title));
        key_line(&mut out, "start", &time(self.start));
        key_line(&mut out, "end", &time(self.end));
        close(out, self.affected)
    }
}

fn open(comment: Option<&str>) -> String {
    let mut out = String::from(FENCE);
    if let Some(c) = comment {
        out.push_str(&comment_line(c));
        out.push('\n');
    }
    out
}

fn close(mut out: String, affected: Option<AffectedLine<'_>>) -> String {
    if let Some(a) = affected {
        key_line(&mut out, "affected", &affected_value(a));
    }
    out.push_str(FENCE);
    out
}

fn key_line(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    out.push_str(value);
    out.push('\n');
}

/// The TOML value of `affected`: an array of ids or an inline table of statuses.
pub fn affected_value(a: AffectedLine<'_>) -> String {
    match a {
        AffectedLine::Ids(ids) => {
            let items: Vec<String> = ids.iter().map(|id| toml_string(id)).collect();
            format!("[{}]", items.join(", "))
        }
        AffectedLine::Statuses(list) => {
            let items: Vec<String> = list
                .iter()
                .map(|(id, s)| format!("{} = {}", toml_key(id), toml_string(s.as_str())))
                .collect();
            format!("{{ {} }}", items.join(", "))
        }
    }
}

/// A front-matter timestamp: RFC 3339 in UTC with whole seconds, e.g. `2026-11-23T12:00:00Z`.
pub fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A one-line TOML basic string with every special character escaped, quotes included. Also
/// used for the other TOML files the authoring commands write.
pub fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML key: bare when TOML allows it (as component ids always are), quoted otherwise.
fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare {
        key.to_string()
    } else {
        toml_string(key)
    }
}

/// A TOML comment line `# text`, kept to one line: line breaks and other control characters
/// become spaces.
pub fn comment_line(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!("# {text}")
}

/// Sets a top-level front-matter key to `value` (TOML text) by replacing its line, or inserting
/// one after the `after` key's line (or right after the opening `+++`). Nothing else changes.
pub fn set_key(
    path: &Path,
    text: &str,
    key: &str,
    value: &str,
    after: &str,
) -> Result<String, Diagnostic> {
    let doc = document::split(path, text)?;
    let start = doc.front_matter.as_ptr() as usize - text.as_ptr() as usize;
    let mut offset = start;
    let mut insert_at = start;
    for line in doc.front_matter.split_inclusive('\n') {
        if line.trim_start().starts_with('[') {
            break;
        }
        if is_key(line, key) {
            let ending = if line.ends_with("\r\n") { "\r\n" } else { "\n" };
            return Ok(format!(
                "{}{key} = {value}{ending}{}",
                &text[..offset],
                &text[offset + line.len()..]
            ));
        }
        offset += line.len();
        if is_key(line, after) {
            insert_at = offset;
        }
    }
    Ok(format!(
        "{}{key} = {value}\n{}",
        &text[..insert_at],
        &text[insert_at..]
    ))
}

/// Removes a top-level front-matter key's line, if there is one. Nothing else changes.
pub fn remove_key(path: &Path, text: &str, key: &str) -> Result<String, Diagnostic> {
    let doc = document::split(path, text)?;
    let mut offset = doc.front_matter.as_ptr() as usize - text.as_ptr() as usize;
    for line in doc.front_matter.split_inclusive('\n') {
        if line.trim_start().starts_with('[') {
            break;
        }
        if is_key(line, key) {
            return Ok(format!(
                "{}{}",
                &text[..offset],
                &text[offset + line.len()..]
            ));
        }
        offset += line.len();
    }
    Ok(text.to_string())
}

/// Whether a front-matter line sets `key`.
fn is_key(line: &str, key: &str) -> bool {
    line.trim_start()
        .strip_prefix(key)
        .is_some_and(|rest| rest.trim_start().starts_with('='))
}

/// Replaces the first front-matter comment line that starts with `# {prefix}` by
/// `# {comment}`; the text is returned unchanged when there is no such line.
pub fn replace_comment(path: &Path, text: &str, prefix: &str, comment: &str) -> String {
    let Ok(doc) = document::split(path, text) else {
        return text.to_string();
    };
    let mut offset = doc.front_matter.as_ptr() as usize - text.as_ptr() as usize;
    let wanted = comment_line(prefix);
    for line in doc.front_matter.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.starts_with(&wanted) {
            return format!(
                "{}{}{}",
                &text[..offset],
                comment_line(comment),
                &text[offset + content.len()..]
            );
        }
        offset += line.len();
    }
    text.to_string()
}

#[cfg(test)]
mod tests;
