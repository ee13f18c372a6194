//! What the page of a recurring maintenance window says about its occurrences, and which
//! window of each file lists show.

use crate::derive::State;
use crate::model::MaintenanceStatus;
use crate::model::maintenance::recurrence::Repeat;
use crate::render::views::PostView;
use serde::Serialize;
use std::borrow::Cow;

/// The first window of each maintenance file in `list`, leaving out the files of `shown`: a
/// recurring window is listed once, not once per occurrence.
pub(super) fn first_of_each_file(state: &State, list: &[usize], shown: &[usize]) -> Vec<usize> {
    let mut seen: Vec<usize> = shown.iter().map(|&w| state.window_file[w]).collect();
    let mut out = Vec::new();
    for &w in list {
        let f = state.window_file[w];
        if !seen.contains(&f) {
            seen.push(f);
            out.push(w);
        }
    }
    out
}

/// How many occurrences the page of a recurring window lists ahead, and behind, before the
/// others go in a folded list.
pub const OCCURRENCES_LISTED: usize = 6;

/// What the page of a recurring window says about its occurrences.
#[derive(Debug, Serialize)]
pub(super) struct RecurrenceView<'a> {
    /// The rule in words, with the times of the next occurrence: "Every Sunday, 02:00–04:00 CET".
    text: String,
    /// The rule as written.
    rule: &'a str,
    /// The first [`OCCURRENCES_LISTED`] occurrences under way or to come, earliest first.
    next: Vec<&'a PostView>,
    /// The others to come, which only links to them open.
    later: Vec<&'a PostView>,
    /// The last [`OCCURRENCES_LISTED`] occurrences that have ended, latest first.
    past: Vec<&'a PostView>,
    /// The others that have ended, latest first.
    earlier: Vec<&'a PostView>,
}

/// The occurrences of `repeat` among `windows` (one file's, earliest first), whose views are
/// `posts`, in the same order.
pub(super) fn recurrence_view<'a>(
    repeat: &'a Repeat,
    windows: &[usize],
    posts: &'a [Cow<'_, PostView>],
    state: &State,
    t: &'static crate::i18n::Table,
) -> RecurrenceView<'a> {
    let done = |w: usize| state.maintenance_status[w] == MaintenanceStatus::Completed;
    // Every occurrence has its anchor on the page, for links from the API, feeds and bars.
    let mut next: Vec<&PostView> = (windows.iter().zip(posts))
        .filter(|&(&w, _)| !done(w))
        .map(|(_, view)| view.as_ref())
        .collect();
    let later = next.split_off(next.len().min(OCCURRENCES_LISTED));
    let mut past: Vec<&PostView> = (windows.iter().zip(posts).rev())
        .filter(|&(&w, _)| done(w))
        .map(|(_, view)| view.as_ref())
        .collect();
    let earlier = past.split_off(past.len().min(OCCURRENCES_LISTED));
    let reference = windows
        .iter()
        .find(|&&w| !done(w))
        .or(windows.last())
        .map_or(state.now, |&w| state.windows[w].start);
    RecurrenceView {
        text: repeat.describe(reference, t),
        rule: &repeat.rule,
        next,
        later,
        past,
        earlier,
    }
}
