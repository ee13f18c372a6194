//! What a recurring file holds beside its rule: the dates it skips, and which occurrence each of
//! its updates belongs to.

use super::recurrence::{Repeat, Slot};
use crate::diagnostic::Diagnostic;
use crate::model::document::RawUpdate;
use crate::model::post::{self, Update};
use crate::model::status::MaintenanceStatus;
use crate::model::toml_source::TomlSource;
use chrono::NaiveDate;
use toml::{Spanned, Value};

/// Reads `skip`: local dates (`skip = [2026-12-27]`) on which a recurring window does not
/// take place.
pub(super) fn read_skip(
    src: &TomlSource<'_>,
    value: &Spanned<Value>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<NaiveDate> {
    let bad = |diagnostics: &mut Vec<Diagnostic>| {
        diagnostics.push(
            src.error_span(&value.span(), "`skip` is not a list of dates")
                .with_hint(
                    "list the dates in the site time zone, e.g. skip = [2026-12-27, 2027-01-03]",
                ),
        );
    };
    let Value::Array(items) = value.get_ref() else {
        bad(diagnostics);
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let date = match item {
            Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => d
                .date
                .and_then(|d| NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())),
            Value::String(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
            _ => None,
        };
        match date {
            Some(d) => out.push(d),
            None => {
                bad(diagnostics);
                return Vec::new();
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The updates of a recurring file, newest first, each with the occurrence it belongs to: the
/// one it falls in; between two, the one before for In progress, Verifying and Completed (an
/// overrun, a late close) and the next one for anything else; before the first, the series.
/// Statuses that an "Update" heading carries over are carried within its occurrence only.
pub(super) fn attach_updates(
    raw: Vec<RawUpdate<MaintenanceStatus>>,
    repeat: &Repeat,
) -> (Vec<Update<MaintenanceStatus>>, Vec<Option<NaiveDate>>) {
    let mut order: Vec<usize> = (0..raw.len()).collect();
    order.sort_by_key(|&i| raw[i].at);
    let mut on: Vec<Option<NaiveDate>> = vec![None; raw.len()];
    let mut slots = repeat.slots().peekable();
    let mut previous: Option<Slot> = None;
    for &i in &order {
        let at = raw[i].at;
        while let Some(next) = slots.next_if(|s| s.start <= at) {
            previous = Some(next);
        }
        let Some(prev) = previous else {
            continue;
        };
        let closing = matches!(
            raw[i].status,
            Some(
                MaintenanceStatus::InProgress
                    | MaintenanceStatus::Verifying
                    | MaintenanceStatus::Completed
            )
        );
        on[i] = Some(if at < prev.end || closing {
            prev.date
        } else {
            slots.peek().map_or(prev.date, |n| n.date)
        });
    }
    // Resolve each occurrence's statuses on its own, then put the file back together.
    let mut groups: std::collections::BTreeMap<Option<NaiveDate>, Vec<RawUpdate<_>>> =
        std::collections::BTreeMap::new();
    for (u, date) in raw.into_iter().zip(on) {
        groups.entry(date).or_default().push(u);
    }
    let mut all: Vec<(usize, Update<MaintenanceStatus>, Option<NaiveDate>)> = Vec::new();
    for (date, members) in groups {
        for u in post::resolve_updates(members, MaintenanceStatus::Scheduled) {
            all.push((u.line, u, date));
        }
    }
    // Newest first; among equal times the one higher in the file first, as `resolve_updates`.
    all.sort_by(|a, b| b.1.at.cmp(&a.1.at).then(a.0.cmp(&b.0)));
    all.into_iter().map(|(_, u, d)| (u, d)).unzip()
}
