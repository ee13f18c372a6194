//! An incident's postmortem: the report of what happened and what changes, published once the
//! incident is over. It is written as a `## Postmortem — <time>` section of the incident file,
//! like an update, but it is not a status of the timeline: it is read out of the updates here.

use crate::diagnostic::Diagnostic;
use crate::model::document::RawUpdate;
use crate::model::post::HEADING_COLUMN;
use crate::model::status::IncidentStatus;
use crate::model::update_text::{Precision, heading_time};
use chrono::{DateTime, Utc};
use std::path::Path;

/// The postmortem of an incident.
#[derive(Debug, Clone, PartialEq)]
pub struct Postmortem {
    /// When it was published: the time of its heading.
    pub published: DateTime<Utc>,
    /// Markdown body.
    pub body: String,
    /// Line of its heading in the file.
    pub line: usize,
}

/// Takes the postmortem section out of `updates` (in file order), leaving the status updates.
///
/// An incident has one postmortem: a second section is an error at its heading naming the line
/// of the first, since the page could show only one of them.
pub(super) fn take(
    path: &Path,
    updates: &mut Vec<RawUpdate<IncidentStatus>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Postmortem> {
    let (sections, rest): (Vec<_>, Vec<_>) = std::mem::take(updates)
        .into_iter()
        .partition(|u| u.status == Some(IncidentStatus::Postmortem));
    *updates = rest;
    let mut sections = sections.into_iter();
    let first = sections.next()?;
    for extra in sections {
        diagnostics.push(
            Diagnostic::error(
                path,
                (extra.line, HEADING_COLUMN),
                format!(
                    "a second postmortem: this incident already has one at line {}",
                    first.line
                ),
            )
            .with_hint(
                "keep one `## Postmortem` section: merge the two, and use `###` headings inside it",
            ),
        );
    }
    Some(Postmortem {
        published: first.at,
        body: first.body,
        line: first.line,
    })
}

/// Checks a postmortem against the incident's resolution: on an incident that is not resolved
/// it is an error (the page would call the incident over without knowing when it ended); one
/// dated before the resolution is a warning, usually a wrong date or time zone.
pub(super) fn check(
    path: &Path,
    postmortem: &Postmortem,
    resolved: Option<DateTime<Utc>>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let at = (postmortem.line, HEADING_COLUMN);
    match resolved {
        None => diagnostics.push(
            Diagnostic::error(path, at, "a postmortem on an incident that is not resolved")
                .with_hint(
                    "resolve it first: add `resolved = <time>` to the front matter or a `## Resolved — <time>` update; a postmortem is published once the incident is over",
                ),
        ),
        Some(r) if postmortem.published < r => diagnostics.push(
            Diagnostic::warning(
                path,
                at,
                format!(
                    "the postmortem is dated before the incident was resolved ({})",
                    heading_time(r, Precision::Minute)
                ),
            )
            .with_hint("check the heading's date and time zone; a postmortem is published after the resolution"),
        ),
        Some(_) => {}
    }
}

#[cfg(test)]
mod tests;
