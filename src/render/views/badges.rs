//! What a component's uptime badge says (`components/<id>/uptime.svg`), for the badge itself and
//! for the component page that shows it.

use super::format::percent;
use crate::derive::uptime::{Figure, Record};

/// The window of the uptime badges, in days: one of [`WINDOWS`](crate::derive::uptime::WINDOWS).
pub const DAYS: u32 = 30;

/// The uptime an uptime badge shows: over the last [`DAYS`] days, in hundredths of a
/// percent (`None` without data).
pub fn uptime(r: &Record) -> Option<u32> {
    r.windows
        .iter()
        .find(|f| f.days == DAYS)
        .and_then(Figure::uptime_hundredths)
}

/// An uptime badge in words, e.g. "99.95% uptime over the last 30 days".
pub fn words(hundredths: Option<u32>) -> String {
    match hundredths {
        Some(_) => format!("{} uptime over the last {DAYS} days", percent(hundredths)),
        None => format!("no uptime data for the last {DAYS} days"),
    }
}
