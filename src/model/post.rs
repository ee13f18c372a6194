//! Pieces shared by incidents and maintenance: timestamps, `affected` and update statuses.

use super::components::{Catalog, is_valid_id};
use super::document::{self, RawUpdate, StatusWord, Timeline};
use super::status::ComponentStatus;
use super::time;
use super::toml_source::{Keys, TomlSource};
use crate::diagnostic::{Diagnostic, suggest};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::path::Path;
use toml::{Spanned, Value};

/// One entry of `affected`: a component or group id, with the status it is given if stated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Affected {
    /// Component or group id.
    pub id: String,
    /// Status given in the table form; `None` in the list form.
    pub status: Option<ComponentStatus>,
}

/// An update with its status resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Update<S> {
    /// Status at this update.
    pub status: S,
    /// When it was posted.
    pub at: DateTime<Utc>,
    /// Markdown body.
    pub body: String,
    /// Line of its heading in the file.
    pub line: usize,
    /// The next update it promised, as its heading records it (incidents only).
    pub next_update: Option<DateTime<Utc>>,
}

/// The column a diagnostic about an update points at: its status word, after `## `.
pub const HEADING_COLUMN: usize = 4;

/// The context posts are read in: the site time zone and the component catalogue.
#[derive(Debug, Clone, Copy)]
pub struct ParseContext<'a> {
    /// Time zone for times written without an offset.
    pub tz: Tz,
    /// Known components and groups.
    pub catalog: &'a Catalog,
    /// The site's languages, the default first (empty where they are not known): a title may
    /// be given in each of them.
    pub languages: &'a [String],
}

/// Reads a timestamp field given as a TOML datetime or a string.
pub fn read_time(
    src: &TomlSource<'_>,
    field: &str,
    value: &Spanned<Value>,
    tz: Tz,
) -> Result<DateTime<Utc>, Diagnostic> {
    let result = match value.get_ref() {
        Value::Datetime(d) => time::from_toml(d, tz),
        Value::String(s) => time::parse_timestamp(s, tz),
        other => Err(format!(
            "expected a date and time, found a {}",
            other.type_str()
        )),
    };
    result.map_err(|e| {
        src.error_span(&value.span(), format!("`{field}` is not a valid timestamp: {e}"))
            .with_hint(format!("write it as {field} = 2026-11-20T14:02:00Z (the offset may be left out to use the site time zone)"))
    })
}

/// Reads `affected`: a list of ids, or a table of id → status. Unknown ids are reported.
pub fn read_affected(
    src: &TomlSource<'_>,
    value: &Spanned<Value>,
    catalog: &Catalog,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Affected> {
    let span = value.span();
    let ids = catalog.ids();
    let check = |id: &str, at: usize, diagnostics: &mut Vec<Diagnostic>| -> bool {
        if catalog.target(id).is_some() {
            return true;
        }
        diagnostics.push(
            src.error_at(at, format!("unknown component `{id}`"))
                .with_hint(format!(
                    "{}; components and groups are defined in components.toml",
                    suggest(id, &ids, "component")
                )),
        );
        false
    };
    // As many as are written: most posts name each component once, and the list is kept as is.
    let mut out = Vec::with_capacity(match value.get_ref() {
        Value::Array(items) => items.len(),
        Value::Table(table) => table.len(),
        _ => 0,
    });
    match value.get_ref() {
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::String(id) => {
                        if check(id, src.find_in(&span, &format!("\"{id}\"")), diagnostics) {
                            out.push(Affected {
                                id: id.clone(),
                                status: None,
                            });
                        }
                    }
                    other => diagnostics.push(
                        src.error_span(
                            &span,
                            format!(
                                "`affected` lists a {} where a component id was expected",
                                other.type_str()
                            ),
                        )
                        .with_hint("write ids as strings: affected = [\"api\", \"web\"]"),
                    ),
                }
            }
        }
        Value::Table(table) => {
            for (id, status) in table {
                if !check(id, src.find_key(&span, id), diagnostics) {
                    continue;
                }
                let status_text = status.as_str().unwrap_or_default();
                match ComponentStatus::parse(status_text) {
                    Some(s) => out.push(Affected {
                        id: id.clone(),
                        status: Some(s),
                    }),
                    None => {
                        let at = src.find_in(
                            &(src.find_key(&span, id)..span.end),
                            &format!("\"{status_text}\""),
                        );
                        diagnostics.push(
                            src.error_at(at, format!("unknown status `{status_text}` for `{id}`"))
                                .with_hint(suggest(status_text, ComponentStatus::NAMES, "status")),
                        );
                    }
                }
            }
            // A TOML table forgets the order it was written in; keep the text's order.
            out.sort_by_key(|a| src.find_key(&span, &a.id));
        }
        other => diagnostics.push(
            src.error_span(
                &span,
                format!(
                    "`affected` must be a list or a table, found a {}",
                    other.type_str()
                ),
            )
            .with_hint("write affected = [\"api\"] or affected = { api = \"partial_outage\" }"),
        ),
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|a| seen.insert(a.id.clone()));
    out
}

/// Resolves "Update" headings to the status before them and sorts updates newest first.
///
/// Equal times keep file order (the one higher in the file counts as newer).
pub fn resolve_updates<S: Copy>(raw: Vec<RawUpdate<S>>, initial: S) -> Vec<Update<S>> {
    let mut indexed: Vec<(usize, RawUpdate<S>)> = raw.into_iter().enumerate().collect();
    // Oldest first: by time, and for equal times the lower one in the file first.
    indexed.sort_by(|(ia, a), (ib, b)| a.at.cmp(&b.at).then(ib.cmp(ia)));
    let mut current = initial;
    // A new list of the exact length: collected in place, the updates would keep the larger
    // allocation of the raw ones for as long as the site is loaded.
    let mut out: Vec<Update<S>> = Vec::with_capacity(indexed.len());
    out.extend(indexed.into_iter().map(|(_, u)| {
        current = u.status.unwrap_or(current);
        Update {
            status: current,
            at: u.at,
            body: u.body,
            line: u.line,
            next_update: u.next_update,
        }
    }));
    out.reverse();
    out
}

/// The id of a post is its file stem; it must be usable in a URL.
pub fn check_post_id(path: &Path, id: &str) -> Option<Diagnostic> {
    (!is_valid_id(id)).then(|| {
        Diagnostic::error(path, (1, 1), format!("file name `{id}` cannot be used as an id"))
            .with_hint("rename the file using lowercase letters, digits and `-`, e.g. 2026-11-20-api-errors.md")
    })
}

/// A post opened up: its front matter deserialized and its body split into a timeline.
pub struct Opened<'a, F, S> {
    /// The front matter text, for positions of later diagnostics.
    pub src: TomlSource<'a>,
    /// The deserialized front matter.
    pub front_matter: F,
    /// Summary and updates.
    pub timeline: Timeline<S>,
}

/// Checks the id, splits the file and parses its front matter against `keys`: the document, the
/// front matter's source (for positions) and the front matter when it could be read. An unknown
/// key is reported but does not stop the other checks of the post. `None` when the file cannot
/// be split.
pub(crate) fn open_front_matter<'a, F: serde::de::DeserializeOwned>(
    id: &str,
    path: &'a Path,
    text: &'a str,
    keys: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(document::Document<'a>, TomlSource<'a>, Option<F>)> {
    diagnostics.extend(check_post_id(path, id));
    let doc = document::split(path, text)
        .map_err(|d| diagnostics.push(d))
        .ok()?;
    let src = TomlSource {
        path,
        text: doc.front_matter,
        line_offset: doc.front_matter_offset,
    };
    let (front_matter, problems) = src.read_known::<F>(&Keys::flat(keys));
    diagnostics.extend(problems);
    Some((doc, src, front_matter))
}

/// Checks the id, splits the file, parses the front matter and reads the update headings.
///
/// `None` when the file has no usable front matter (the reason is in `diagnostics`).
#[allow(
    clippy::too_many_arguments,
    reason = "one call per post kind, each argument is distinct"
)]
pub fn open<'a, F: serde::de::DeserializeOwned, S: Copy>(
    id: &str,
    path: &'a Path,
    text: &'a str,
    tz: Tz,
    keys: &[&str],
    words: &[StatusWord<S>],
    foreign: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Opened<'a, F, S>> {
    let (doc, src, front_matter) = open_front_matter::<F>(id, path, text, keys, diagnostics)?;
    // The updates are read even when the front matter cannot be, so one run shows both.
    let timeline = document::timeline(path, &doc, tz, words, foreign, diagnostics);
    // Only the kinds of post that can hold a live promise in their front matter (incidents)
    // record one in their headings.
    if !keys.contains(&"next_update") {
        for u in timeline.updates.iter().filter(|u| u.next_update.is_some()) {
            diagnostics.push(
                Diagnostic::error(
                    path,
                    (u.line, HEADING_COLUMN),
                    "only incident updates promise a next update",
                )
                .with_hint(
                    "remove `· next update by …` from the heading, or say it in the update's text",
                ),
            );
        }
    }
    let front_matter = front_matter?;
    Some(Opened {
        src,
        front_matter,
        timeline,
    })
}
