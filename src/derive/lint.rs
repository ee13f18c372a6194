//! Warnings that depend on the clock: posts dated in the future, open incidents gone quiet.

use crate::diagnostic::Diagnostic;
use crate::model::Site;
use chrono::{DateTime, Utc};

/// After this long without an update, an open incident is probably forgotten.
pub const STALE_HOURS: i64 = 24;

/// Warnings that depend on the clock: posts dated in the future are usually typos.
pub fn lint(site: &Site, now: DateTime<Utc>) -> Vec<Diagnostic> {
    // Clocks and CI runners drift a little; only flag what is clearly ahead.
    let horizon = now + chrono::Duration::minutes(10);
    let mut out = Vec::new();
    for inc in &site.incidents {
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
        warn_future_updates(
            &inc.path,
            inc.updates.iter().map(|u| (u.at, u.line)),
            horizon,
            &mut out,
        );
    }
    for m in &site.maintenance {
        warn_future_updates(
            &m.path,
            m.updates.iter().map(|u| (u.at, u.line)),
            horizon,
            &mut out,
        );
    }
    out
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
                (line, 4),
                format!(
                    "this update is dated in the future ({})",
                    at.format("%Y-%m-%d %H:%M UTC")
                ),
            )
            .with_hint("check the date and time zone of the heading"),
        );
    }
}
