//! What the index and the component pages show of the present, bounded whatever the history
//! holds, and the pages that list in full what they show the first few of: the maintenance
//! windows scheduled, and the announcements shown now. Ongoing incidents and maintenance in
//! progress are never cut.

use super::context::PageContext;
use super::recurrence::first_of_each_file;
use crate::derive::State;
use crate::render::views::{AnnouncementView, PostView, Views, listed_entries};

/// How many scheduled maintenance windows the index and a component page list before they link
/// to the page of all of them.
pub const UPCOMING_LISTED: usize = 3;
/// How many announcements the index shows before it links to the page of all of them.
pub const ANNOUNCEMENTS_LISTED: usize = 3;

/// The maintenance windows in progress and scheduled, as the index and the maintenance page
/// list them: a recurring window once, by its occurrence under way, or else its next one.
struct Windows<'a> {
    active: Vec<&'a PostView>,
    upcoming: Vec<&'a PostView>,
}

impl<'a> Windows<'a> {
    fn of(state: &State, views: &'a Views) -> Windows<'a> {
        let active = first_of_each_file(state, &state.active_maintenance, &[]);
        let upcoming = first_of_each_file(state, &state.upcoming_maintenance, &active);
        let cards = |list: &[usize]| -> Vec<&'a PostView> {
            list.iter().map(|&i| &views.maintenance[i]).collect()
        };
        Windows {
            active: cards(&active),
            upcoming: cards(&upcoming),
        }
    }
}

/// The announcements shown now: warnings first, then the newest.
fn shown_announcements<'a>(state: &State, views: &'a Views) -> Vec<&'a AnnouncementView> {
    state
        .shown_announcements
        .iter()
        .map(|&a| &views.announcements[a])
        .collect()
}

/// Adds to `ctx` what the index shows: the components, the ongoing incidents, maintenance in
/// progress, the first [`UPCOMING_LISTED`] scheduled windows and [`ANNOUNCEMENTS_LISTED`]
/// announcements with how many more there are (`more_maintenance`, `more_announcements`) and
/// the uptime bars.
pub(super) fn index(ctx: &mut PageContext, state: &State, views: &Views) {
    ctx.insert("entries", &listed_entries(&views.entries));
    ctx.insert(
        "open_incidents",
        &state
            .open_incidents
            .iter()
            .map(|&i| &views.incidents[i])
            .collect::<Vec<_>>(),
    );
    let Windows {
        active,
        mut upcoming,
    } = Windows::of(state, views);
    let more = upcoming.split_off(upcoming.len().min(UPCOMING_LISTED));
    ctx.insert("active_maintenance", &active);
    ctx.insert("upcoming_maintenance", &upcoming);
    ctx.insert("more_maintenance", &more.len());
    let mut announcements = shown_announcements(state, views);
    let more = announcements.split_off(announcements.len().min(ANNOUNCEMENTS_LISTED));
    ctx.insert("announcements", &announcements);
    ctx.insert("more_announcements", &more.len());
    ctx.insert("uptime", &views.uptime.bars);
}

/// Adds to `ctx` what the maintenance page lists: every window in progress and scheduled.
pub(super) fn maintenance(ctx: &mut PageContext, state: &State, views: &Views) {
    let windows = Windows::of(state, views);
    ctx.insert("active_maintenance", &windows.active);
    ctx.insert("upcoming_maintenance", &windows.upcoming);
}

/// Adds to `ctx` what the announcements page lists: every announcement shown now.
pub(super) fn announcements(ctx: &mut PageContext, state: &State, views: &Views) {
    ctx.insert("announcements", &shown_announcements(state, views));
}

/// Adds to `ctx` a component page's maintenance, from its windows `mine` (earliest start first):
/// those in progress, then the next [`UPCOMING_LISTED`] scheduled, a recurring window once, and
/// how many more are scheduled (`more_maintenance`), which the maintenance page lists.
pub(super) fn component_maintenance(
    ctx: &mut PageContext,
    state: &State,
    views: &Views,
    mine: &[usize],
) {
    let open: Vec<usize> = mine
        .iter()
        .copied()
        .filter(|&m| views.maintenance[m].open)
        .collect();
    let (mut listed, upcoming): (Vec<usize>, Vec<usize>) = first_of_each_file(state, &open, &[])
        .into_iter()
        .partition(|&m| state.maintenance_status[m].is_active());
    listed.extend(upcoming.iter().take(UPCOMING_LISTED));
    let maintenance: Vec<&PostView> = listed.iter().map(|&m| &views.maintenance[m]).collect();
    ctx.insert("maintenance", &maintenance);
    ctx.insert(
        "more_maintenance",
        &upcoming.len().saturating_sub(UPCOMING_LISTED),
    );
}
