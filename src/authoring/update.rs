//! `statuspress update` and `resolve`: a new update at the top of a post's timeline.
//!
//! The file is edited as text: the update is inserted right before the first existing update
//! heading (after the front matter and the summary), or appended when there is none, and
//! `resolved` and `next_update` are set by replacing or inserting one front-matter line
//! ([`frontmatter::set_key`]), or removed ([`frontmatter::remove_key`]). Every other byte stays.
//!
//! Every incident update answers the promise of the one before: it sets `next_update` to its own
//! promise (also recorded in its heading) or removes the line.

use super::Error;
use super::site::{
    PostFile, PostKind, SiteContext, existing_incident, existing_maintenance, parse_incident,
    parse_maintenance,
};
use super::write::write_checked;
use crate::diagnostic::Diagnostic;
use crate::model::frontmatter::{self, time as front_matter_time};
use crate::model::update_text::{promised_update_block, update_block};
use crate::model::{Incident, IncidentStatus, MaintenanceStatus, ParseContext};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

/// Inserts `block` before line `line` (1-based) of `text`, or appends it when `line` is `None`.
pub fn insert_before_line(text: &str, line: Option<usize>, block: &str) -> String {
    let Some(line) = line else {
        let mut out = text.to_string();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        if !out.ends_with("\n\n") {
            out.push('\n');
        }
        out.push_str(block.trim_end_matches('\n'));
        out.push('\n');
        return out;
    };
    let offset: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut out = String::with_capacity(text.len() + block.len());
    out.push_str(&text[..offset]);
    out.push_str(block);
    out.push_str(&text[offset..]);
    out
}

/// Reads a status name as typed: the wire name, or the label, in any case, `-` or `_` or space.
pub fn parse_status_name<S: Copy>(
    name: &str,
    all: &[S],
    wire: impl Fn(S) -> &'static str,
) -> Option<S> {
    let norm = |s: &str| s.trim().to_lowercase().replace(['-', ' '], "_");
    all.iter().copied().find(|s| norm(wire(*s)) == norm(name))
}

/// An update to write into an incident: its heading word, text, time, and the next update it
/// promises.
#[derive(Debug, Clone, Copy)]
pub struct Posting<'a> {
    /// The heading's status word, e.g. "Identified".
    pub word: &'a str,
    /// The text (Markdown).
    pub body: &'a str,
    /// When it is posted.
    pub at: DateTime<Utc>,
    /// The time the next update is promised by, if any.
    pub next: Option<DateTime<Utc>>,
}

/// Adds an update with the given status to a post and returns the path written. `next` is the
/// `--next` promise as typed (incidents only).
pub fn add_update(
    ctx: &SiteContext,
    id: &str,
    status: &str,
    message: Option<&str>,
    next: Option<&str>,
    now: DateTime<Utc>,
) -> Result<PathBuf, Error> {
    let post = ctx.find(id)?;
    match post.kind {
        PostKind::Incident => {
            let s = parse_status_name(status, IncidentStatus::ALL, IncidentStatus::as_str)
                .ok_or_else(|| unknown_status(status, IncidentStatus::NAMES, "an incident"))?;
            if s == IncidentStatus::Postmortem {
                postmortem_allowed(ctx, id, post)?;
            }
            let next = match next {
                Some(_) if s.is_resolved() => {
                    return Err(Error::new(format!(
                        "--next cannot go with --status {}: a resolved incident promises no next update",
                        s.as_str()
                    ))
                    .with_hint("leave --next out, or post an update that keeps the incident open"));
                }
                Some(text) => Some(super::next_update::parse(text, now, ctx.config.time_zone)?),
                None => None,
            };
            let posting = Posting {
                word: s.label(),
                body: message.unwrap_or(ctx.default_text(s.as_str())),
                at: now,
                next,
            };
            let (text, before) = incident_with_posting(
                ctx.parse_context(),
                &post.path,
                &post.text,
                posting,
                s.is_resolved(),
            )?;
            write_incident(ctx, &post.path, &text, before + 1)
        }
        PostKind::Maintenance if next.is_some() => Err(Error::new(format!(
            "`{id}` is a maintenance window: --next promises the next update of an incident"
        ))
        .with_hint("leave --next out; a window's times are its `start` and `end`")),
        PostKind::Maintenance => {
            let s = parse_status_name(status, MaintenanceStatus::ALL, MaintenanceStatus::as_str)
                .ok_or_else(|| {
                    unknown_status(status, MaintenanceStatus::NAMES, "a maintenance window")
                })?;
            let message = message.unwrap_or(ctx.default_text(s.as_str()));
            edit_maintenance(ctx, post, s.label(), message, now)
        }
    }
}

/// Resolves an incident (a Resolved update and `resolved`), or completes a maintenance window.
pub fn resolve(
    ctx: &SiteContext,
    id: &str,
    message: Option<&str>,
    now: DateTime<Utc>,
) -> Result<PathBuf, Error> {
    let post = ctx.find(id)?;
    match post.kind {
        PostKind::Incident => {
            let inc = existing_incident(ctx.parse_context(), &post.path, &post.text)?;
            if let Some(at) = inc.resolved {
                return Err(Error::new(format!(
                    "incident `{id}` is already resolved (at {})",
                    front_matter_time(at)
                ))
                .with_hint(format!("to add a postmortem, run `statuspress update {id} --status postmortem --message ...`")));
            }
            let message = message.unwrap_or(ctx.default_text(IncidentStatus::Resolved.as_str()));
            edit_incident(
                ctx,
                post,
                IncidentStatus::Resolved.label(),
                message,
                now,
                true,
            )
        }
        PostKind::Maintenance => {
            let s = MaintenanceStatus::Completed;
            edit_maintenance(
                ctx,
                post,
                s.label(),
                message.unwrap_or(ctx.default_text(s.as_str())),
                now,
            )
        }
    }
}

/// A postmortem goes on a resolved incident that has none yet.
fn postmortem_allowed(ctx: &SiteContext, id: &str, post: &PostFile) -> Result<(), Error> {
    let inc = existing_incident(ctx.parse_context(), &post.path, &post.text)?;
    if let Some(p) = &inc.postmortem {
        return Err(Error::new(format!(
            "incident `{id}` already has a postmortem (line {} of {})",
            p.line,
            post.path.display()
        ))
        .with_hint("edit its text in the file; an incident has one postmortem"));
    }
    if inc.resolved.is_none() {
        return Err(
            Error::new(format!("incident `{id}` is not resolved yet")).with_hint(format!(
                "resolve it first with `statuspress resolve {id}`, then add the postmortem"
            )),
        );
    }
    Ok(())
}

fn unknown_status(status: &str, names: &[&str], what: &str) -> Error {
    let list = format!("statuses: {}", names.join(", "));
    let hint = match crate::diagnostic::closest(status, names.iter().copied()) {
        Some(c) => format!("did you mean `{c}`? {list}"),
        None => list,
    };
    Error::new(format!("`{status}` is not a status of {what}")).with_hint(hint)
}

/// Adds an update that promises nothing to an incident's text; pure, for `resolve`, `alert`
/// and `probe`.
pub fn incident_with_update(
    ctx: ParseContext<'_>,
    path: &Path,
    text: &str,
    word: &str,
    body: &str,
    now: DateTime<Utc>,
    set_resolved: bool,
) -> Result<(String, usize), Error> {
    let posting = Posting {
        word,
        body,
        at: now,
        next: None,
    };
    incident_with_posting(ctx, path, text, posting, set_resolved)
}

/// Adds an update to an incident's text, with `resolved` set when it resolves and `next_update`
/// set to its promise (or removed); pure. Returns the text and the number of updates before.
pub fn incident_with_posting(
    ctx: ParseContext<'_>,
    path: &Path,
    text: &str,
    posting: Posting<'_>,
    set_resolved: bool,
) -> Result<(String, usize), Error> {
    let inc = existing_incident(ctx, path, text)?;
    let postmortem_line = inc.postmortem.as_ref().map(|p| p.line);
    let first_line = inc
        .updates
        .iter()
        .map(|u| u.line)
        .chain(postmortem_line)
        .min();
    let block = match posting.next {
        Some(next) => promised_update_block(posting.word, posting.at, Some(next), posting.body),
        None => update_block(posting.word, posting.at, posting.body),
    };
    let mut new_text = insert_before_line(text, first_line, &block);
    let front_matter_error = |d| Error::invalid("cannot edit the front matter", vec![d]);
    if set_resolved && inc.resolved.is_none() {
        new_text = frontmatter::set_key(
            path,
            &new_text,
            "resolved",
            &front_matter_time(posting.at),
            "started",
        )
        .map_err(front_matter_error)?;
    }
    new_text = match posting.next {
        Some(next) => frontmatter::set_key(
            path,
            &new_text,
            "next_update",
            &front_matter_time(next),
            "started",
        ),
        None => frontmatter::remove_key(path, &new_text, "next_update"),
    }
    .map_err(front_matter_error)?;
    Ok((new_text, sections(&inc)))
}

/// The update sections of an incident: its status updates and its postmortem.
fn sections(inc: &Incident) -> usize {
    inc.updates.len() + usize::from(inc.postmortem.is_some())
}

/// Adds an update to an incident file and writes it (checked, through the temporary file):
/// `update`, `resolve`, `alert` and `probe` all go through here.
pub fn edit_incident(
    ctx: &SiteContext,
    post: &PostFile,
    word: &str,
    body: &str,
    now: DateTime<Utc>,
    set_resolved: bool,
) -> Result<PathBuf, Error> {
    let (text, before) = incident_with_update(
        ctx.parse_context(),
        &post.path,
        &post.text,
        word,
        body,
        now,
        set_resolved,
    )?;
    write_incident(ctx, &post.path, &text, before + 1)
}

/// Accepts a re-parsed post only if it is valid and has exactly `want` updates.
fn expect_updates(found: Option<usize>, diags: Vec<Diagnostic>, want: usize) -> Result<(), Error> {
    match found {
        Some(n) if n == want => Ok(()),
        Some(_) => Err(Error::new(
            "the message would change the other updates; nothing was written",
        )
        .with_hint("check the message for update headings or an unclosed code block (```)")),
        None => Err(Error::invalid(
            "the result would not be valid; nothing was written",
            diags,
        )),
    }
}

/// Writes an incident's new text, checking that it parses with `updates` update sections
/// (status updates and the postmortem).
pub fn write_incident(
    ctx: &SiteContext,
    rel: &Path,
    text: &str,
    updates: usize,
) -> Result<PathBuf, Error> {
    write_checked(&ctx.root, rel, text, |written| {
        let (inc, diags) = parse_incident(ctx.parse_context(), rel, written);
        expect_updates(inc.as_ref().map(sections), diags, updates)
    })
}

fn edit_maintenance(
    ctx: &SiteContext,
    post: &PostFile,
    word: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<PathBuf, Error> {
    let m = existing_maintenance(ctx.parse_context(), &post.path, &post.text)?;
    let first_line = m.updates.iter().map(|u| u.line).min();
    let text = insert_before_line(&post.text, first_line, &update_block(word, now, body));
    let want = m.updates.len() + 1;
    write_checked(&ctx.root, &post.path, &text, |written| {
        let (m, diags) = parse_maintenance(ctx.parse_context(), &post.path, written);
        expect_updates(m.map(|m| m.updates.len()), diags, want)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const POST: &str = "+++\ntitle = \"x\"\nstarted = 2026-11-20T14:02:00Z\naffected = [\"api\"]\n+++\n\nSummary.\n\n## Investigating — 2026-11-20 14:05 UTC\nLooking.\n";

    #[test]
    fn inserts_before_the_first_update_or_appends() {
        let out = insert_before_line(
            POST,
            Some(9),
            "## Identified — 2026-11-20 15:00 UTC\nFound.\n\n",
        );
        assert_eq!(
            out,
            POST.replace(
                "## Investigating",
                "## Identified — 2026-11-20 15:00 UTC\nFound.\n\n## Investigating"
            )
        );
        assert_eq!(
            insert_before_line("+++\n+++\nSummary", None, "## A\nb\n\n"),
            "+++\n+++\nSummary\n\n## A\nb\n"
        );
        assert_eq!(
            insert_before_line("+++\n+++\n\n", None, "## A\nb\n\n"),
            "+++\n+++\n\n## A\nb\n"
        );
    }

    #[test]
    fn status_names_are_forgiving() {
        let s = |n| parse_status_name(n, MaintenanceStatus::ALL, MaintenanceStatus::as_str);
        assert_eq!(s("In progress"), Some(MaintenanceStatus::InProgress));
        assert_eq!(s("in-progress"), Some(MaintenanceStatus::InProgress));
        assert_eq!(s("done"), None);
    }
}
