//! Incident templates: `incident-templates/<name>.md`, from which `new incident --template NAME`
//! writes a new incident.
//!
//! A template is an incident file without times: front matter with `title`, `impact` and
//! `affected` (each optional, each overridden by the command line), a summary, and one update
//! whose heading is only its status word (`## Investigating`), since the time is the time of the
//! post. Its text may hold the placeholders of [`PLACEHOLDERS`], written `{{ name }}`.
//!
//! This module reads a template and checks it ([`IncidentTemplate::parse`]); `fill` gives the
//! incident it makes for given values, and `check` makes one with sample values and parses it
//! as an incident, as `check` does for every template of a site.

mod fill;
mod placeholders;

pub use fill::{Filled, Values, sample_values};
pub use placeholders::{PLACEHOLDERS, placeholder_list};

use super::components::Catalog;
use super::document::{self, SEPARATORS, Timeline, code_fence, indent_width, level_two_heading};
use super::incident::{MAINTENANCE_WORDS, WORDS};
use super::post::{self, Affected, ParseContext, check_post_id};
use super::status::{Impact, IncidentStatus};
use super::toml_source::{Keys, Refused, TomlSource};
use crate::diagnostic::{Diagnostic, suggest};
use placeholders::{placeholder_names, placeholders};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::{Spanned, Value};

/// Where a placeholder is first used, for messages about its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Use {
    /// Its name, one of [`PLACEHOLDERS`].
    pub name: &'static str,
    /// Line and column of its `{{`.
    pub at: (usize, usize),
}

/// A template as written, checked against the site's components.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentTemplate {
    /// The file stem: what `--template` names.
    pub name: String,
    /// Path relative to the site root.
    pub path: PathBuf,
    /// The title as written, with its placeholders.
    pub title: Option<String>,
    /// The impact, if the template sets one.
    pub impact: Option<Impact>,
    /// The affected components and groups, if the template names any.
    pub affected: Vec<Affected>,
    /// The status of the first update (`Update` stands for investigating).
    pub status: IncidentStatus,
    /// The summary as written, with its placeholders.
    pub summary: String,
    /// The first update's text as written, with its placeholders.
    pub message: String,
    /// Each placeholder used, at its first use.
    pub uses: Vec<Use>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Option<Spanned<String>>,
    impact: Option<Spanned<String>>,
    affected: Option<Spanned<Value>>,
}

/// The keys a template's front matter accepts.
pub const KEYS: &[&str] = &["title", "impact", "affected"];

const REFUSED: &[Refused<'static>] = &[
    Refused {
        key: "started",
        reason: "is not set in a template",
        hint: "remove it: `new incident` sets started to the time of the post",
    },
    Refused {
        key: "resolved",
        reason: "is not set in a template",
        hint: "remove it: a new incident is open; `statuspress resolve` closes it",
    },
];

impl IncidentTemplate {
    /// Reads the template `name` at `path`. Problems are added to `diagnostics`, at the lines of
    /// the template; `None` means unusable.
    pub fn parse(
        name: &str,
        path: &Path,
        text: &str,
        ctx: ParseContext<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<IncidentTemplate> {
        let start = diagnostics.len();
        diagnostics.extend(check_post_id(path, name));
        let uses = placeholders(path, text, diagnostics);
        let doc = document::split(path, text)
            .map_err(|d| diagnostics.push(d))
            .ok()?;
        let src = TomlSource {
            path,
            text: doc.front_matter,
            line_offset: doc.front_matter_offset,
        };
        let keys = Keys {
            allowed: KEYS,
            nested: &[],
            refused: REFUSED,
        };
        let (fm, problems) = src.read_known::<FrontMatter>(&keys);
        diagnostics.extend(problems);
        let timeline = first_update(path, &doc, ctx, diagnostics);
        let fm = fm?;
        let title = fm.title.map(|t| {
            if t.get_ref().contains("{{") && placeholder_names(t.get_ref()).any(|n| n == "title") {
                diagnostics.push(
                    src.error_span(&t.span(), "the title cannot use `{{ title }}`")
                        .with_hint(
                            "write the title out; `{{ title }}` is for the summary and the update",
                        ),
                );
            }
            t.into_inner().trim().to_string()
        });
        let impact = fm.impact.as_ref().and_then(|s| {
            let impact = Impact::parse(s.get_ref());
            if impact.is_none() {
                diagnostics.push(
                    src.error_span(&s.span(), format!("unknown impact `{}`", s.get_ref()))
                        .with_hint(suggest(s.get_ref(), Impact::NAMES, "impact")),
                );
            }
            impact
        });
        let affected = match &fm.affected {
            Some(v) => post::read_affected(&src, v, ctx.catalog, diagnostics),
            None => Vec::new(),
        };
        let (status, summary, message) = timeline?;
        if diagnostics[start..].iter().any(Diagnostic::is_error) {
            return None;
        }
        Some(IncidentTemplate {
            name: name.to_string(),
            path: path.to_path_buf(),
            title,
            impact,
            affected,
            status,
            summary,
            message,
            uses,
        })
    }

    /// Makes the incident of this template with sample values and parses it as the build would;
    /// what would not be valid is reported at the template's first line.
    pub fn check(&self, ctx: ParseContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
        let values = sample_values(self, ctx.catalog);
        let filled = match self.fill(&values, ctx.catalog) {
            Ok(filled) => filled,
            Err(problems) => {
                diagnostics.extend(problems);
                return;
            }
        };
        let mut problems = Vec::new();
        let made = super::Incident::parse(
            "sample",
            &self.path,
            &filled.to_text(values.now),
            ctx,
            &mut problems,
        );
        for p in problems.into_iter().filter(Diagnostic::is_error) {
            diagnostics.push(
                Diagnostic::error(
                    &self.path,
                    (1, 1),
                    format!(
                        "the incident this template makes is not valid: {}",
                        p.message
                    ),
                )
                .with_hint(
                    p.hint
                        .unwrap_or_else(|| "check the template's text".to_string()),
                ),
            );
        }
        if made.is_some_and(|inc| inc.updates.len() != 1) {
            diagnostics.push(
                Diagnostic::error(
                    &self.path,
                    (1, 1),
                    "filled in, this template makes an incident with more than one update",
                )
                .with_hint("a placeholder at the start of a line must not make an update heading"),
            );
        }
    }
}

/// The status, summary and first update's text of a template's body. The update heading is a
/// status word alone; a heading with a time, a second update, or none at all is an error.
fn first_update(
    path: &Path,
    doc: &document::Document<'_>,
    ctx: ParseContext<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(IncidentStatus, String, String)> {
    // Each update heading gets a time (any will do: it is replaced by the time of the post), so
    // that the incident parser splits the body as it will split the incident.
    let mut body = String::with_capacity(doc.body.len() + 64);
    let mut fence: Option<(char, usize)> = None;
    for (i, line) in doc.body.split_inclusive('\n').enumerate() {
        let line_no = doc.body_offset + i + 1;
        let trimmed = line.trim_start();
        if let Some(f) = code_fence(trimmed) {
            fence = match fence {
                None => Some(f),
                Some(open) if open.0 == f.0 && f.1 >= open.1 => None,
                other => other,
            };
        }
        let heading = (fence.is_none() && indent_width(line) < 4)
            .then(|| level_two_heading(trimmed))
            .flatten()
            .and_then(|text| update_word(text).map(|(word, timed)| (word, timed, text)));
        match heading {
            Some((word, timed, text)) => {
                if timed {
                    let column = line.len() - trimmed.len() + 4;
                    diagnostics.push(
                        Diagnostic::error(
                            path,
                            (line_no, column),
                            format!("update heading `{text}` has a time; a template's does not"),
                        )
                        .with_hint(format!(
                            "write it as `## {word}`: `new incident` adds the time of the post"
                        )),
                    );
                }
                body.push_str(&format!("## {word} — 2000-01-01 00:00 UTC\n"));
            }
            None => body.push_str(line),
        }
    }
    let checked = document::Document {
        body: &body,
        ..*doc
    };
    let Timeline {
        summary, updates, ..
    } = document::timeline(
        path,
        &checked,
        ctx.tz,
        WORDS,
        MAINTENANCE_WORDS,
        diagnostics,
    );
    let mut updates = updates.into_iter();
    let Some(first) = updates.next() else {
        diagnostics.push(
            Diagnostic::error(path, (doc.body_offset + 1, 1), "the template has no update")
                .with_hint(
                    "end it with the first update: a line `## Investigating` and its text below",
                ),
        );
        return None;
    };
    if let Some(second) = updates.next() {
        diagnostics.push(
            Diagnostic::error(
                path,
                (second.line, post::HEADING_COLUMN),
                "a template holds one update, the first; this is a second",
            )
            .with_hint(format!(
                "remove it, or make it a `###` heading inside the update of line {}",
                first.line
            )),
        );
    }
    let status = first.status.unwrap_or(IncidentStatus::Investigating);
    Some((status, summary, first.body))
}

/// The status word an update heading's text starts with (longest match, as the incident parser
/// reads it), and whether more than the word follows (a time, in an incident).
fn update_word(text: &str) -> Option<(&'static str, bool)> {
    let lower = text.to_lowercase();
    let word = WORDS
        .iter()
        .map(|w| w.word)
        .filter(|w| lower.starts_with(&w.to_lowercase()))
        .max_by_key(|w| w.len())?;
    let rest = text.get(word.len()..)?.trim();
    if rest.is_empty() {
        return Some((word, false));
    }
    let timed = rest.starts_with(SEPARATORS) || rest.starts_with(|c: char| c.is_ascii_digit());
    timed.then_some((word, true))
}

/// The names of `affected`, as a reader says them: "API", "API and Website", "API, Website and
/// Email". Groups go by their own name.
pub fn component_names(affected: &[Affected], catalog: &Catalog) -> String {
    let names: Vec<&str> = affected
        .iter()
        .filter_map(|a| {
            catalog
                .component(&a.id)
                .map(|c| c.name.as_str())
                .or_else(|| catalog.group(&a.id).map(|g| g.name.as_str()))
        })
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests;
