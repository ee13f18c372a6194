//! What a component's uptime badge says (`components/<id>/uptime.svg`), for the badge itself and
//! for the component page that shows it.

use super::format::percent;
use crate::derive::uptime::{Figure, Record};
use crate::i18n::Table;

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
pub fn words(hundredths: Option<u32>, t: &Table) -> String {
    let days = DAYS.to_string();
    match hundredths {
        Some(_) => t.fill(
            "badge.uptime_words",
            &[("uptime", &percent(hundredths, t)), ("n", &days)],
        ),
        None => t.fill("badge.no_uptime_words", &[("n", &days)]),
    }
}
