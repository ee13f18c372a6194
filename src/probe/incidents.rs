//! The incidents of probes: opened once `fail_after` runs in a row failed, made worse when a
//! slow probe goes down, and resolved once `pass_after` runs in a row passed. A single failure
//! between passes opens nothing.
//!
//! Each file is written as `alert` writes its incidents (front matter by
//! `model/frontmatter.rs`, the file through `authoring/write.rs`), with the comment
//! line `# statuspress-probe: <probe id> <down|slow>` that lets the next run find it again. A
//! run never edits an incident without that line: when a person's open incident already
//! covers the component, the probe writes nothing and says so.

use crate::authoring::Error;
use crate::authoring::new_post::with_first_update;
use crate::authoring::site::{PostKind, SiteContext, existing_incident};
use crate::authoring::slug::{slugify, unique};
use crate::authoring::text::untrusted_markdown;
use crate::authoring::update::{edit_incident, incident_with_update, write_incident};
use crate::authoring::write::write_checked;
use crate::model::frontmatter::{self, AffectedLine, IncidentFrontMatter};
use crate::model::probe_data::{Sample, Verdict};
use crate::model::probes::Probe;
use crate::model::update_text::update_block;
use crate::model::{ComponentStatus, Impact, IncidentStatus};
use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// How the marker comment of a probe's incident starts.
const MARKER: &str = "statuspress-probe: ";

/// What the recent samples of a probe call for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    /// The last `fail_after` runs all failed (`Down`) or all were slow or failed (`Slow`).
    Open(Verdict),
    /// The last `pass_after` runs all passed in time.
    Resolve,
    /// Neither: keep things as they are.
    Keep,
}

/// What `samples` (by time) call for under the probe's thresholds.
pub fn call(probe: &Probe, samples: &[Sample]) -> Call {
    let last = |n: u32| {
        let n = n as usize;
        (samples.len() >= n).then(|| &samples[samples.len() - n..])
    };
    if let Some(tail) = last(probe.fail_after) {
        if tail.iter().all(|s| s.result == Verdict::Down) {
            return Call::Open(Verdict::Down);
        }
        if tail.iter().all(|s| s.result != Verdict::Ok) {
            return Call::Open(Verdict::Slow);
        }
    }
    match last(probe.pass_after) {
        Some(tail) if tail.iter().all(|s| s.result == Verdict::Ok) => Call::Resolve,
        _ => Call::Keep,
    }
}

/// What happened to a probe's incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    /// Nothing to do.
    Nothing,
    /// A file was written: the line to print.
    Wrote(PathBuf, String),
    /// Left alone: why.
    Note(String),
}

/// The probe's open incident: its file, text and level, from the marker line.
fn open_incident<'a>(
    ctx: &'a SiteContext,
    probe: &Probe,
) -> Result<Option<(&'a crate::authoring::site::PostFile, Verdict)>, Error> {
    for post in ctx.posts.iter().filter(|p| p.kind == PostKind::Incident) {
        let Some((id, level)) = read_marker(&post.text) else {
            continue;
        };
        if id != probe.id {
            continue;
        }
        if existing_incident(ctx.parse_context(), &post.path, &post.text)?
            .resolved
            .is_none()
        {
            return Ok(Some((post, level)));
        }
    }
    Ok(None)
}

fn read_marker(text: &str) -> Option<(String, Verdict)> {
    text.lines().take(12).find_map(|line| {
        let rest = line.trim_end().strip_prefix("# ")?.strip_prefix(MARKER)?;
        let (id, level) = rest.split_once(' ')?;
        Some((id.to_string(), Verdict::parse(level.trim())?))
    })
}

fn marker(probe: &Probe, level: Verdict) -> String {
    format!("{MARKER}{} {}", probe.id, level.as_str())
}

/// The component's status and the incident's impact for a level.
fn severity(level: Verdict) -> (ComponentStatus, Impact) {
    match level {
        Verdict::Down => (ComponentStatus::MajorOutage, Impact::Major),
        _ => (ComponentStatus::DegradedPerformance, Impact::Minor),
    }
}

/// What the probe looks at, for the text: its address, or host and port, or name, as inline
/// code (with no backtick that could close it).
fn target(probe: &Probe) -> String {
    let t = match (&probe.url, &probe.host, probe.port, &probe.name) {
        (Some(url), ..) => url.clone(),
        (None, Some(host), Some(port), _) => format!("{host}:{port}"),
        (None, _, _, Some(name)) => name.clone(),
        _ => probe.id.clone(),
    };
    format!("`{}`", t.replace('`', ""))
}

/// The first sample of the run of samples like the last one at the end of `samples`.
fn streak_start(samples: &[Sample], failing: bool) -> Option<&Sample> {
    let matches = |s: &Sample| (s.result != Verdict::Ok) == failing;
    let n = samples.iter().rev().take_while(|s| matches(s)).count();
    samples.get(samples.len() - n)
}

fn minute(t: DateTime<Utc>) -> DateTime<Utc> {
    t.duration_trunc(TimeDelta::minutes(1)).unwrap_or(t)
}

fn what_failed(probe: &Probe, samples: &[Sample], tries: u32) -> String {
    let last = samples.last().map_or("", |s| s.detail.as_str());
    let since = streak_start(samples, true).map_or(String::new(), |s| {
        format!(" since {}", s.time.format("%Y-%m-%d %H:%M UTC"))
    });
    let runs = samples
        .iter()
        .rev()
        .take_while(|s| s.result != Verdict::Ok)
        .count();
    format!(
        "Automatic monitoring (probe `{}`) found {} from {} in {runs} runs in a row{since}; the last run made {tries} {}.",
        probe.id,
        untrusted_markdown(last),
        target(probe),
        if tries == 1 { "try" } else { "tries" }
    )
}

/// Opens, escalates or resolves the incident of `probe` as its `samples` call for, at the
/// clock `now`. `tries` is how many tries its last run made.
pub fn apply(
    ctx: &SiteContext,
    probe: &Probe,
    samples: &[Sample],
    tries: u32,
    now: DateTime<Utc>,
) -> Result<Done, Error> {
    let now = minute(now);
    let open = open_incident(ctx, probe)?;
    let name = ctx
        .catalog
        .component(&probe.component)
        .map_or(probe.component.as_str(), |c| c.name.as_str());
    match (call(probe, samples), open) {
        (Call::Resolve, Some((post, _))) => {
            let body = format!(
                "Automatic monitoring (probe `{}`) has found {} working again for {} runs in a row.",
                probe.id,
                target(probe),
                probe.pass_after
            );
            let path = edit_incident(
                ctx,
                post,
                IncidentStatus::Resolved.label(),
                &body,
                now,
                true,
            )?;
            Ok(Done::Wrote(
                path,
                format!("{}: resolved the incident", probe.id),
            ))
        }
        (Call::Open(Verdict::Down), Some((post, Verdict::Slow))) => {
            escalate(ctx, probe, post, samples, tries, now, name)
        }
        (Call::Open(level), None) => {
            if let Some(human) = human_incident(ctx, probe)? {
                return Ok(Done::Note(format!(
                    "{}: {} is {} by the probe, but the open incident {} covers it; nothing was written",
                    probe.id,
                    probe.component,
                    if level == Verdict::Down {
                        "down"
                    } else {
                        "slow"
                    },
                    human.display()
                )));
            }
            create(ctx, probe, samples, tries, level, now, name)
        }
        _ => Ok(Done::Nothing),
    }
}

/// An open incident without a probe's marker on the probe's component (or its group).
fn human_incident(ctx: &SiteContext, probe: &Probe) -> Result<Option<PathBuf>, Error> {
    let group = ctx
        .catalog
        .component(&probe.component)
        .and_then(|c| c.group.clone());
    for post in ctx.posts.iter().filter(|p| p.kind == PostKind::Incident) {
        if read_marker(&post.text).is_some() {
            continue;
        }
        let Ok(inc) = existing_incident(ctx.parse_context(), &post.path, &post.text) else {
            continue;
        };
        let covers = inc
            .affected
            .iter()
            .any(|a| a.id == probe.component || Some(&a.id) == group.as_ref());
        if inc.resolved.is_none() && covers {
            return Ok(Some(post.path.clone()));
        }
    }
    Ok(None)
}

fn title(name: &str, level: Verdict) -> String {
    match level {
        Verdict::Down => format!("{name} is down"),
        _ => format!("{name} is slow"),
    }
}

fn escalate(
    ctx: &SiteContext,
    probe: &Probe,
    post: &crate::authoring::site::PostFile,
    samples: &[Sample],
    tries: u32,
    now: DateTime<Utc>,
    name: &str,
) -> Result<Done, Error> {
    let (status, impact) = severity(Verdict::Down);
    let body = format!("{} {name} is now down.", what_failed(probe, samples, tries));
    let (text, before) = incident_with_update(
        ctx.parse_context(),
        &post.path,
        &post.text,
        "Update",
        &body,
        now,
        false,
    )?;
    let affected = vec![(probe.component.clone(), status)];
    let edit = |text: &str, key: &str, value: &str| {
        frontmatter::set_key(&post.path, text, key, value, "started")
            .map_err(|d| Error::invalid("cannot edit the front matter", vec![d]))
    };
    let text = edit(&text, "impact", &frontmatter::toml_string(impact.as_str()))?;
    let text = edit(
        &text,
        "affected",
        &frontmatter::affected_value(AffectedLine::Statuses(&affected)),
    )?;
    let text = edit(
        &text,
        "title",
        &frontmatter::toml_string(&title(name, Verdict::Down)),
    )?;
    let text =
        frontmatter::replace_comment(&post.path, &text, MARKER, &marker(probe, Verdict::Down));
    let path = write_incident(ctx, &post.path, &text, before + 1)?;
    Ok(Done::Wrote(
        path,
        format!("{}: the incident is now a major outage", probe.id),
    ))
}

fn create(
    ctx: &SiteContext,
    probe: &Probe,
    samples: &[Sample],
    tries: u32,
    level: Verdict,
    now: DateTime<Utc>,
    name: &str,
) -> Result<Done, Error> {
    let (status, impact) = severity(level);
    let title = title(name, level);
    let started = streak_start(samples, true).map_or(now, |s| minute(s.time).min(now));
    let date = started
        .with_timezone(&ctx.config.time_zone)
        .format("%Y-%m-%d");
    let mut taken: BTreeSet<String> = ctx.posts.iter().map(|p| p.id.clone()).collect();
    let id = unique(
        &format!(
            "{date}-{}",
            slugify(&format!("{} {}", probe.id, level.as_str()), 40)
        ),
        "",
        &mut taken,
    );
    let rel = Path::new(PostKind::Incident.dir()).join(format!("{id}.md"));
    let affected = vec![(probe.component.clone(), status)];
    let comment = marker(probe, level);
    let front_matter = IncidentFrontMatter {
        comment: Some(&comment),
        title: &title,
        impact,
        started,
        resolved: None,
        affected: Some(AffectedLine::Statuses(&affected)),
    };
    let text = with_first_update(
        &front_matter.to_text(),
        &update_block(
            IncidentStatus::Investigating.label(),
            now,
            &what_failed(probe, samples, tries),
        ),
    );
    let path = write_checked(&ctx.root, &rel, &text, |written| {
        let (inc, diags) =
            crate::authoring::site::parse_incident(ctx.parse_context(), &rel, written);
        match inc {
            Some(i) if i.updates.len() == 1 => Ok(()),
            Some(_) => Err(Error::new(
                "the incident would not have one update; nothing was written",
            )),
            None => Err(Error::invalid(
                "the incident would not be valid; nothing was written",
                diags,
            )),
        }
    })?;
    Ok(Done::Wrote(
        path,
        format!("{}: opened an incident ({})", probe.id, status.as_str()),
    ))
}

#[cfg(test)]
mod tests;
