//! Problems that depend on the clock: posts dated in the future, open incidents gone quiet,
//! postmortems overdue (`postmortem`), and what the page cannot state truthfully at the build
//! instant (errors).

use crate::diagnostic::Diagnostic;
use crate::model::update_text::{Precision, heading_time};
use crate::model::{Incident, Maintenance, MaintenanceStatus, Site};
use chrono::{DateTime, Utc};

mod postmortem;

/// After this long without an update, an open incident is probably forgotten.
pub const STALE_HOURS: i64 = 24;

/// Problems that depend on the clock. Warnings: posts dated in the future are usually typos.
/// Errors: what would make the page lie at `now` (an incident resolved in the future, an
/// upcoming maintenance window that nothing says was announced).
pub fn lint(site: &Site, now: DateTime<Utc>) -> Vec<Diagnostic> {
    // Clocks and CI runners drift a little; only flag what is clearly ahead.
    let horizon = now + chrono::Duration::minutes(10);
    let mut out = Vec::new();
    for inc in &site.incidents {
        let resolved_in_future = future_resolution(inc, horizon);
        out.extend(resolved_in_future.clone());
        if inc.started > horizon {
            out.push(
                Diagnostic::warning(
                    &inc.path,
                    (1, 1),
                    format!(
                        "`started` is in the future ({})",
                        inc.started.format("%Y-%m-%d %H:%M UTC")
                    ),
                )
                .with_hint(
                    "check the date and time zone; the incident is shown as if it had begun",
                ),
            );
        }
        if inc.updates.is_empty() {
            out.push(
                Diagnostic::warning(&inc.path, (1, 1), "the incident has no updates, so readers see no word from you")
                    .with_hint("add one, e.g. `## Investigating — 2026-11-20 14:05 UTC` followed by what you know"),
            );
        }
        let last_word = inc.updates.first().map_or(inc.started, |u| u.at);
        if inc.is_open() && now - last_word > chrono::Duration::hours(STALE_HOURS) {
            out.push(
                Diagnostic::warning(&inc.path, (inc.updates.first().map_or(1, |u| u.line), 1), format!("the incident is open but has had no update for more than {STALE_HOURS} hours"))
                    .with_hint("post an update, or resolve it with `resolved = ...` or a `## Resolved — ...` update"),
            );
        }
        out.extend(promise_problems(inc, now));
        // The resolving update's error already says it is in the future.
        let error_line = resolved_in_future.map(|d| d.line);
        warn_future_updates(
            &inc.path,
            inc.updates
                .iter()
                .filter(|u| Some(u.line) != error_line)
                .map(|u| (u.at, u.line))
                .chain(inc.postmortem.iter().map(|p| (p.published, p.line))),
            horizon,
            &mut out,
        );
    }
    out.extend(postmortem::overdue(site, now));
    for m in &site.maintenance {
        out.extend(unannounced(m, now));
        out.extend(announced_after_end(m));
        warn_future_updates(
            &m.path,
            m.updates.iter().map(|u| (u.at, u.line)),
            horizon,
            &mut out,
        );
    }
    out
}

/// An open incident past the next update it promised (readers are told it is overdue), and a
/// front-matter `next_update` that promises nothing: answered by a newer update already, or
/// left on a resolved incident.
fn promise_problems(inc: &Incident, now: DateTime<Utc>) -> Option<Diagnostic> {
    let time = |t: DateTime<Utc>| heading_time(t, Precision::Minute);
    if let Some(live) = super::promise::live(inc, now).filter(|l| l.overdue) {
        return Some(
            Diagnostic::warning(
                &inc.path,
                live.position,
                format!(
                    "the next update was promised by {} and is overdue: the pages say so",
                    time(live.by)
                ),
            )
            .with_hint(format!(
                "post an update (`statuspress update {} --status ... --next 30m`), or move `next_update` to when the next one will come",
                inc.id
            )),
        );
    }
    let by = inc.next_update?;
    let position = inc.next_update_position.unwrap_or((1, 1));
    if let Some(resolved) = inc.resolved {
        return Some(
            Diagnostic::warning(
                &inc.path,
                position,
                format!(
                    "`next_update` ({}) is set on an incident resolved at {}: a resolved incident promises nothing",
                    time(by),
                    time(resolved)
                ),
            )
            .with_hint("remove the `next_update` line"),
        );
    }
    let newest = inc.updates.first()?;
    (by <= newest.at).then(|| {
        Diagnostic::warning(
            &inc.path,
            position,
            format!(
                "`next_update` ({}) is not after the newest update ({}), so it promises nothing",
                time(by),
                time(newest.at)
            ),
        )
        .with_hint("set it to when the next update will come, or remove the line")
    })
}

fn warn_future_updates(
    path: &std::path::Path,
    updates: impl Iterator<Item = (DateTime<Utc>, usize)>,
    horizon: DateTime<Utc>,
    out: &mut Vec<Diagnostic>,
) {
    for (at, line) in updates.filter(|(at, _)| *at > horizon) {
        out.push(
            Diagnostic::warning(
                path,
                (line, crate::model::post::HEADING_COLUMN),
                format!(
                    "this update is dated in the future ({})",
                    at.format("%Y-%m-%d %H:%M UTC")
                ),
            )
            .with_hint("check the date and time zone of the heading"),
        );
    }
}

/// An incident resolved after `horizon` would read as over while it is not: an error at the
/// `resolved` value, or at the resolving update's heading.
fn future_resolution(inc: &Incident, horizon: DateTime<Utc>) -> Option<Diagnostic> {
    let resolved = inc.resolved.filter(|r| *r > horizon)?;
    let position = inc.resolved_position.unwrap_or((1, 1));
    let when = heading_time(resolved, Precision::Minute);
    let from_update = inc.updates.iter().any(|u| u.line == position.0);
    let (message, hint) = if from_update {
        (
            format!(
                "this update resolves the incident in the future ({when}), so the page would call an ongoing incident over"
            ),
            "check the date and time zone of the heading; post `## Resolved` only once it is over",
        )
    } else {
        (
            format!(
                "`resolved` is in the future ({when}), so the page would call an ongoing incident over"
            ),
            "check the date and time zone, or leave `resolved` out until the incident is over",
        )
    };
    Some(Diagnostic::error(&inc.path, position, message).with_hint(hint))
}

/// An upcoming window with no update posted by `now`: nothing dates its announcement, and any
/// date the outputs gave it would be in the future or change with every build.
fn unannounced(m: &Maintenance, now: DateTime<Utc>) -> Option<Diagnostic> {
    if m.announced_at(now).is_some() {
        return None;
    }
    let at = heading_time(now, Precision::Minute);
    Some(
        Diagnostic::error(
            &m.path,
            (m.body_line, 1),
            format!("nothing says when this upcoming window was announced: it has no update dated before the build ({at})"),
        )
        .with_hint(format!(
            "announce it under the front matter, e.g. `## Scheduled — {at}` followed by what readers should know"
        )),
    )
}

/// A window announced as scheduled after its planned end: usually a wrong year or time zone in
/// `start` and `end`. The page shows it completed ([`Maintenance::status_at`]). A recurring
/// window is announced again for later occurrences, so it is not checked.
pub(crate) fn announced_after_end(m: &Maintenance) -> Option<Diagnostic> {
    if m.repeat.is_some() {
        return None;
    }
    let announced = m
        .updates
        .iter()
        .filter(|u| u.status == MaintenanceStatus::Scheduled && u.at > m.end)
        .map(|u| u.at)
        .min()?;
    let format = |t: DateTime<Utc>| heading_time(t, Precision::Minute);
    Some(
        Diagnostic::warning(
            &m.path,
            m.end_position,
            format!(
                "the window ended ({}) before it was announced ({})",
                format(m.end),
                format(announced)
            ),
        )
        .with_hint("check the year and time zone of `start` and `end`; the page shows the window as completed"),
    )
}
