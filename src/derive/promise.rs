//! Next-update promises: the one an open incident makes at the clock, and whether each promise of
//! its history was kept.
//!
//! An update promises the next one by a time (its heading's `· next update by …`); the front
//! matter's `next_update` is the live promise, and counts as the newest update's when that update
//! records none. A promise is kept when the next update (or the resolution) came at or before
//! the promised time, broken when it came later or the incident is still open past it.
//!
//! Pure: the clock comes in as `now`.

use crate::model::Incident;
use chrono::{DateTime, Utc};

/// The promise an open incident makes at the clock, which the pages show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Live {
    /// The time the next update was promised by.
    pub by: DateTime<Utc>,
    /// True once the clock is past it: no update has come since the one that promised it.
    pub overdue: bool,
    /// Where it is written: the `next_update` value, or the promising update's heading.
    pub position: (usize, usize),
}

/// How one promise turned out at the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The next update or the resolution came at or before the promised time.
    Kept,
    /// It came later, or has not come and the time is past.
    Broken,
    /// Not due yet.
    Pending,
}

/// One promise of an incident's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Promise {
    /// When the promising update was posted.
    pub made: DateTime<Utc>,
    /// The time the next update was promised by.
    pub by: DateTime<Utc>,
    /// Kept, broken or not due yet.
    pub outcome: Outcome,
}

/// The time of the newest update, or the start when there is none: a live promise must be later.
fn last_word(inc: &Incident) -> DateTime<Utc> {
    inc.updates.first().map_or(inc.started, |u| u.at)
}

/// The front matter's `next_update`, when it can be the newest update's promise: later than
/// that update. An earlier one was answered by it and is stale (`check` warns).
fn front_matter_promise(inc: &Incident) -> Option<DateTime<Utc>> {
    inc.next_update.filter(|&by| by > last_word(inc))
}

/// The promise an open incident makes at `now`: the front matter's `next_update`, or else the
/// newest update's own. `None` for a resolved incident and when nothing is promised.
pub fn live(inc: &Incident, now: DateTime<Utc>) -> Option<Live> {
    if !inc.is_open() {
        return None;
    }
    let (by, position) = match (front_matter_promise(inc), inc.updates.first()) {
        (Some(by), _) => (by, inc.next_update_position.unwrap_or((1, 1))),
        (None, Some(newest)) => (
            newest.next_update?,
            (newest.line, crate::model::post::HEADING_COLUMN),
        ),
        (None, None) => return None,
    };
    Some(Live {
        by,
        overdue: now > by,
        position,
    })
}

/// The promise the outputs attach to `inc.updates[k]`: an open incident's newest update carries
/// the live promise ([`live`]); any other update the one its heading records, unless it resolves
/// the incident.
pub fn of_update(inc: &Incident, k: usize) -> Option<DateTime<Utc>> {
    if k == 0 && inc.is_open() {
        // The live promise's time does not depend on the clock, only whether it is overdue.
        return live(inc, inc.started).map(|l| l.by);
    }
    let u = inc.updates.get(k)?;
    u.next_update
        .filter(|&by| by > u.at && !u.status.is_resolved())
}

/// Every promise of an incident's history, oldest first, with its outcome at `now`.
///
/// Each update before the resolution counts with the promise its heading records; the newest
/// update of an open incident without one takes the front matter's `next_update`. Updates that
/// resolve the incident, or come after its resolution, promise nothing.
pub fn history(inc: &Incident, now: DateTime<Utc>) -> Vec<Promise> {
    let mut out = Vec::new();
    let open_or_before = |at: DateTime<Utc>| inc.resolved.is_none_or(|r| at < r);
    // `updates` is newest first: the update answering the one at `k` is at `k - 1`.
    for (k, u) in inc.updates.iter().enumerate().rev() {
        if u.status.is_resolved() || !open_or_before(u.at) {
            continue;
        }
        let recorded = u.next_update.filter(|&by| by > u.at);
        let by = match (recorded, k) {
            (Some(by), _) => by,
            (None, 0) if inc.is_open() => match front_matter_promise(inc) {
                Some(by) => by,
                None => continue,
            },
            _ => continue,
        };
        let answered = k
            .checked_sub(1)
            .map(|newer| inc.updates[newer].at)
            .into_iter()
            .chain(inc.resolved)
            .min();
        let outcome = match answered {
            Some(at) if at <= by => Outcome::Kept,
            Some(_) => Outcome::Broken,
            None if now > by => Outcome::Broken,
            None => Outcome::Pending,
        };
        out.push(Promise {
            made: u.at,
            by,
            outcome,
        });
    }
    // An open incident with no update yet may still promise its first.
    if inc.updates.is_empty()
        && let Some(l) = live(inc, now)
    {
        out.push(Promise {
            made: inc.started,
            by: l.by,
            outcome: if l.overdue {
                Outcome::Broken
            } else {
                Outcome::Pending
            },
        });
    }
    out
}

#[cfg(test)]
mod tests;
