//! `statuspress alert --from alertmanager`: Prometheus Alertmanager webhooks (version 4) to
//! incidents.
//!
//! An alert group (its `groupKey`) maps to one open incident at a time, found again through a
//! comment line in the front matter that names the group's hash and the alerts seen so far. A
//! firing group opens an incident, newly firing alerts add an update, and a resolved group adds a
//! Resolved update and sets `resolved`. Delivering the same payload again changes nothing.
//! Alert text is untrusted: titles go into TOML only escaped, bodies only as inert Markdown.

mod payload;
mod text;

pub use payload::{Alert, Group, parse_payload};

use super::Error;
use super::new_post::with_first_update;
use super::site::{PostKind, SiteContext, existing_incident, parse_incident};
use super::slug::{slugify, unique};
use super::update::{edit_incident, incident_with_update, write_incident};
use super::write::write_checked;
use crate::model::frontmatter::{AffectedLine, IncidentFrontMatter};
use crate::model::update_text::update_block;
use crate::model::{Impact, IncidentStatus};
use chrono::{DateTime, Utc};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use text::{alert_item, marker, read_marker, replace_marker, title_of};

/// What `alert` did.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The incident file written or looked at, if any.
    pub path: Option<PathBuf>,
    /// True when a file was written.
    pub changed: bool,
    /// One line for the terminal.
    pub summary: String,
}

/// Applies a payload to the site: opens, updates or resolves the group's incident.
pub fn apply_alertmanager(
    ctx: &SiteContext,
    text: &str,
    now: DateTime<Utc>,
) -> Result<Outcome, Error> {
    let group = parse_payload(text)?;
    let label = ctx.config.alerts.component_label.clone();
    let alerts = group.payload.alerts.clone().unwrap_or_default();
    let firing: Vec<&Alert> = alerts.iter().filter(|a| a.is_firing()).collect();

    // Incidents of this group, with their parsed state.
    let mut open = None;
    let mut last_resolved: Option<(DateTime<Utc>, PathBuf)> = None;
    for post in ctx.posts.iter().filter(|p| p.kind == PostKind::Incident) {
        let Some((hash, seen, _)) = read_marker(&post.text) else {
            continue;
        };
        if hash != group.hash {
            continue;
        }
        let inc = existing_incident(ctx.parse_context(), &post.path, &post.text)?;
        match inc.resolved {
            None => open = Some((post, seen)),
            Some(r) if last_resolved.as_ref().is_none_or(|(t, _)| r > *t) => {
                last_resolved = Some((r, post.path.clone()))
            }
            Some(_) => {}
        }
    }

    if let Some((post, seen)) = open {
        let path = Some(ctx.root.join(&post.path));
        if group.resolved || firing.is_empty() {
            let items: Vec<String> = alerts.iter().map(|a| alert_item(a, &label)).collect();
            let body = format!("The alerts have resolved:\n\n{}", items.join("\n"));
            edit_incident(
                ctx,
                post,
                IncidentStatus::Resolved.label(),
                &body,
                now,
                true,
            )?;
            return Ok(Outcome {
                path,
                changed: true,
                summary: "Resolved the incident of this alert group.".into(),
            });
        }
        let new: Vec<&Alert> = firing
            .iter()
            .copied()
            .filter(|a| !seen.contains(&a.fingerprint()))
            .collect();
        if new.is_empty() {
            return Ok(Outcome {
                path,
                changed: false,
                summary: "No change: the incident already lists every firing alert.".into(),
            });
        }
        let mut seen = seen;
        seen.extend(new.iter().map(|a| a.fingerprint()));
        let items: Vec<String> = new.iter().map(|a| alert_item(a, &label)).collect();
        let body = format!("More alerts are firing:\n\n{}", items.join("\n"));
        let (text, before) = incident_with_update(
            ctx.parse_context(),
            &post.path,
            &post.text,
            "Update",
            &body,
            now,
            false,
        )?;
        let text = replace_marker(&post.path, &text, &group.hash, &seen);
        write_incident(ctx, &post.path, &text, before + 1)?;
        return Ok(Outcome {
            path,
            changed: true,
            summary: format!("Added an update for {} newly firing alert(s).", new.len()),
        });
    }

    if group.resolved || firing.is_empty() {
        let summary = if last_resolved.is_some() {
            "No change: the incident of this alert group is already resolved."
        } else {
            "No change: no open incident belongs to this alert group."
        };
        return Ok(Outcome {
            path: last_resolved.map(|(_, p)| ctx.root.join(p)),
            changed: false,
            summary: summary.into(),
        });
    }
    if let Some((resolved_at, p)) = &last_resolved
        && firing
            .iter()
            .all(|a| a.starts_at().is_some_and(|s| s <= *resolved_at))
    {
        return Ok(Outcome {
            path: Some(ctx.root.join(p)),
            changed: false,
            summary: "No change: these alerts started before the group's incident was resolved (a repeated delivery).".into(),
        });
    }
    create(ctx, &group, &firing, now).map(|path| Outcome {
        path: Some(path),
        changed: true,
        summary: "Opened an incident for this alert group.".into(),
    })
}

fn create(
    ctx: &SiteContext,
    group: &Group,
    firing: &[&Alert],
    now: DateTime<Utc>,
) -> Result<PathBuf, Error> {
    let cfg = &ctx.config.alerts;
    let mut components: Vec<String> = Vec::new();
    for a in firing {
        if let Some(c) = a
            .labels
            .get(&cfg.component_label)
            .map(|c| c.trim().to_string())
            && !c.is_empty()
            && !components.contains(&c)
        {
            components.push(c);
        }
    }
    ctx.check_components(&components).map_err(|e| Error {
        message: format!(
            "{} (from the `{}` label of the alerts); no incident was written",
            e.message, cfg.component_label
        ),
        ..e
    })?;
    let impact = firing
        .iter()
        .map(|a| cfg.impact_for(a.labels.get("severity").map(String::as_str)))
        .max()
        .unwrap_or(Impact::Minor);
    let title = title_of(&group.payload);
    let date = now.with_timezone(&ctx.config.time_zone).format("%Y-%m-%d");
    let slug = slugify(&title, 40);
    let slug = if slug.is_empty() {
        "alert".to_string()
    } else {
        slug
    };
    let mut taken: BTreeSet<String> = ctx.posts.iter().map(|p| p.id.clone()).collect();
    let id = unique(
        &format!("{date}-{slug}-{}", &group.hash[..6]),
        "",
        &mut taken,
    );
    let rel = Path::new(PostKind::Incident.dir()).join(format!("{id}.md"));
    let seen: BTreeSet<String> = firing.iter().map(|a| a.fingerprint()).collect();
    let items: Vec<String> = firing
        .iter()
        .map(|a| alert_item(a, &cfg.component_label))
        .collect();
    let body = format!("Our monitoring reports a problem:\n\n{}", items.join("\n"));
    let comment = marker(&group.hash, &seen);
    let front_matter = IncidentFrontMatter {
        comment: Some(&comment),
        title: &title,
        impact,
        started: now,
        resolved: None,
        affected: Some(AffectedLine::Ids(&components)),
    };
    let text = with_first_update(
        &front_matter.to_text(),
        &update_block(IncidentStatus::Investigating.label(), now, &body),
    );
    write_checked(&ctx.root, &rel, &text, |written| {
        let (inc, diags) = parse_incident(ctx.parse_context(), &rel, written);
        match inc {
            Some(i) if i.updates.len() == 1 && i.title == title => Ok(()),
            Some(_) => Err(Error::new(
                "the alert text would change the incident's structure; nothing was written",
            )),
            None => Err(Error::invalid(
                "the incident would not be valid; nothing was written",
                diags,
            )),
        }
    })
}
