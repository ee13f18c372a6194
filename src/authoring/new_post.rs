//! `statuspress new incident|maintenance`: a new post with its first update; `template` writes
//! an incident from an incident template.

mod template;

pub use template::{FromTemplate, new_incident_from_template};

use super::Error;
use super::site::{PostKind, SiteContext, parse_incident, parse_maintenance};
use super::slug::{slugify, unique};
use super::write::write_checked;
use crate::derive::lint::announced_after_end;
use crate::diagnostic::Diagnostic;
use crate::model::frontmatter::{
    AffectedLine, IncidentFrontMatter, MaintenanceFrontMatter, time as front_matter_time,
};
use crate::model::time::parse_timestamp;
use crate::model::update_text::update_block;
use crate::model::{Impact, IncidentStatus, MaintenanceStatus};
use chrono::{DateTime, Utc};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What `new incident` is asked to write.
#[derive(Debug, Clone)]
pub struct NewIncident {
    pub title: String,
    pub impact: Impact,
    /// Component or group ids.
    pub affects: Vec<String>,
    /// Status of the first update.
    pub status: IncidentStatus,
    /// Body of the first update (Markdown); a default sentence when absent.
    pub message: Option<String>,
}

/// What `new maintenance` is asked to write.
#[derive(Debug, Clone)]
pub struct NewMaintenance {
    pub title: String,
    /// Planned start, as written (read in the site time zone when it has no offset).
    pub start: String,
    /// Planned end, likewise.
    pub end: String,
    /// Component or group ids.
    pub affects: Vec<String>,
    /// Body of the first update (Markdown); a default sentence when absent.
    pub message: Option<String>,
}

/// A new post's text: its front matter, a blank line and its one update.
pub fn with_first_update(front_matter: &str, update: &str) -> String {
    format!("{front_matter}\n{}\n", update.trim_end())
}

fn check_title(title: &str) -> Result<String, Error> {
    let t = super::text::one_line(title);
    if t.is_empty() {
        return Err(Error::new("the title is empty")
            .with_hint("give it a short headline, e.g. \"Elevated error rates on the API\""));
    }
    Ok(t)
}

/// Picks a free id `<date>-<slug>` (numbered if taken) for a post.
fn new_id(ctx: &SiteContext, at: DateTime<Utc>, title: &str, fallback: &str) -> String {
    let date = at.with_timezone(&ctx.config.time_zone).format("%Y-%m-%d");
    let slug = slugify(title, 50);
    let slug = if slug.is_empty() {
        fallback.to_string()
    } else {
        slug
    };
    let mut taken: BTreeSet<String> = ctx.posts.iter().map(|p| p.id.clone()).collect();
    unique(&format!("{date}-{slug}"), "", &mut taken)
}

/// Writes a new incident file and returns its path.
pub fn new_incident(
    ctx: &SiteContext,
    req: &NewIncident,
    now: DateTime<Utc>,
) -> Result<PathBuf, Error> {
    let title = check_title(&req.title)?;
    ctx.check_components(&req.affects)?;
    let id = new_id(ctx, now, &title, "incident");
    let rel = Path::new(PostKind::Incident.dir()).join(format!("{id}.md"));
    let message = req
        .message
        .clone()
        .unwrap_or_else(|| ctx.default_text(req.status.as_str()).to_string());
    let front_matter = IncidentFrontMatter {
        comment: None,
        title: &title,
        impact: req.impact,
        started: now,
        resolved: req.status.is_resolved().then_some(now),
        affected: Some(AffectedLine::Ids(&req.affects)),
    };
    let text = with_first_update(
        &front_matter.to_text(),
        &update_block(req.status.label(), now, &message),
    );
    write_checked(&ctx.root, &rel, &text, |written| {
        let (inc, diags) = parse_incident(ctx.parse_context(), &rel, written);
        match inc {
            Some(i) if i.updates.len() == 1 => Ok(()),
            Some(_) => Err(Error::new("the message would split into several updates")
                .with_hint("remove update headings from the message")),
            None => Err(Error::invalid(
                "the new incident would not be valid; nothing was written",
                diags,
            )),
        }
    })
}

/// Writes a new maintenance file and returns its path, with a warning when the window is over
/// before it is announced (usually a wrong year: the page shows it completed, not upcoming).
pub fn new_maintenance(
    ctx: &SiteContext,
    req: &NewMaintenance,
    now: DateTime<Utc>,
) -> Result<(PathBuf, Vec<Diagnostic>), Error> {
    let title = check_title(&req.title)?;
    let tz = ctx.config.time_zone;
    let time = |what: &str, text: &str| {
        parse_timestamp(text, tz).map_err(|e| {
            Error::new(format!("--{what} `{text}` is not a valid time: {e}")).with_hint(format!(
                "write it like 2026-11-26T02:00:00Z or \"2026-11-26 03:00\" (read in {})",
                tz.name()
            ))
        })
    };
    let start = time("start", &req.start)?;
    let end = time("end", &req.end)?;
    if end <= start {
        return Err(Error::new(format!(
            "--end ({}) is not after --start ({})",
            front_matter_time(end),
            front_matter_time(start)
        ))
        .with_hint("the window must end after it starts"));
    }
    ctx.check_components(&req.affects)?;
    let id = new_id(ctx, start, &title, "maintenance");
    let rel = Path::new(PostKind::Maintenance.dir()).join(format!("{id}.md"));
    let message = req.message.clone().unwrap_or_else(|| {
        ctx.default_text(MaintenanceStatus::Scheduled.as_str())
            .to_string()
    });
    let front_matter = MaintenanceFrontMatter {
        comment: None,
        title: &title,
        start,
        end,
        affected: Some(AffectedLine::Ids(&req.affects)),
    };
    let text = with_first_update(
        &front_matter.to_text(),
        &update_block(MaintenanceStatus::Scheduled.label(), now, &message),
    );
    let mut warnings = Vec::new();
    let path = write_checked(&ctx.root, &rel, &text, |written| {
        let (m, diags) = parse_maintenance(ctx.parse_context(), &rel, written);
        match m {
            Some(m) if m.updates.len() == 1 => {
                warnings.extend(announced_after_end(&m));
                Ok(())
            }
            Some(_) => Err(Error::new("the message would split into several updates")
                .with_hint("remove update headings from the message")),
            None => Err(Error::invalid(
                "the new maintenance would not be valid; nothing was written",
                diags,
            )),
        }
    })?;
    Ok((path, warnings))
}
