//! Recurring maintenance: `repeat` (an RFC 5545 RRULE) repeats the window that `start` and `end`
//! give, in the site time zone.
//!
//! Occurrences are computed on the wall clock of the site zone and only then turned into
//! instants, so a window at 02:00–04:00 Europe/Berlin stays 02:00–04:00 in Berlin across the
//! daylight-saving changes (its UTC time moves by an hour). A local start the clocks skip is read
//! with the offset before the change, and a local time that happens twice as the earlier one, as
//! RFC 5545 (section 3.3.5) says. `UNTIL` is read by statuspress itself (a UTC time, a local time
//! or a date, inclusive), never in the zone of the machine that builds.
//!
//! The rule repeats at most once a day: `FREQ=DAILY` and slower, without `BYHOUR`, `BYMINUTE` or
//! `BYSECOND`. An occurrence is named by its local start date, which stays the same from one
//! build to the next.

use super::super::toml_source::TomlSource;
use crate::diagnostic::Diagnostic;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use rrule::{RRule, RRuleSet, Unvalidated};
use std::ops::Range;
use toml::Spanned;

/// Occurrences are expanded up to this many days after the clock.
pub const AHEAD_DAYS: i64 = 90;
/// Occurrences are expanded from at least this many days before the clock (more when the
/// uptime or an SLO window reaches further back).
pub const PAST_DAYS: i64 = 90;
/// How many occurrences from the first are checked for overlapping each other.
const OVERLAP_CHECKED: usize = 400;

/// A valid rule, shown in hints.
const EXAMPLE: &str = "repeat = \"FREQ=WEEKLY;BYDAY=SU\" (every Sunday) or \"FREQ=MONTHLY;BYDAY=1SA\" (the first Saturday of each month)";

/// The recurrence of a maintenance window.
#[derive(Debug, Clone, PartialEq)]
pub struct Repeat {
    /// The rule as written, without a leading `RRULE:`.
    pub rule: String,
    /// Line and column of the `repeat` value.
    pub position: (usize, usize),
    /// Local dates on which the window does not take place (`skip`).
    pub skip: Vec<NaiveDate>,
    /// The site time zone the window repeats in.
    pub tz: Tz,
    /// The rule without `UNTIL`, which `until` holds.
    parsed: RRule<Unvalidated>,
    /// The last instant an occurrence may start at.
    until: Option<DateTime<Utc>>,
    /// Local start of the first occurrence.
    first: NaiveDateTime,
    /// Length on the wall clock (local end minus local start of the first occurrence).
    length: Duration,
}

/// One occurrence of a recurring window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// Local date of its start: its name.
    pub date: NaiveDate,
    /// Start.
    pub start: DateTime<Utc>,
    /// End.
    pub end: DateTime<Utc>,
}

/// The instant of a wall-clock time in `tz`: the earlier one when it happens twice, and with the
/// offset before the change when the clocks skip it (RFC 5545, section 3.3.5).
pub fn instant(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    use chrono::LocalResult;
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        LocalResult::None => {
            // No zone changes its offset twice within a day.
            let before = tz
                .offset_from_utc_datetime(&(local - Duration::days(1)))
                .fix();
            (local - before).and_utc()
        }
    }
}

/// The wall clock of the floating frame the rule is expanded in: local times written as UTC, so
/// that the rule never meets a daylight-saving change.
fn floating(local: NaiveDateTime) -> DateTime<rrule::Tz> {
    local.and_utc().with_timezone(&rrule::Tz::UTC)
}

fn error(src: &TomlSource<'_>, span: &Range<usize>, offset: usize, message: String) -> Diagnostic {
    // `offset` counts in the rule; the value starts with its quote.
    src.error_at(span.start + 1 + offset, message)
        .with_hint(format!("write a rule of RFC 5545, e.g. {EXAMPLE}"))
}

impl Repeat {
    /// Reads `repeat` (and `skip`) of a window from `start` to `end`, in `tz`.
    pub fn parse(
        src: &TomlSource<'_>,
        value: &Spanned<String>,
        skip: Vec<NaiveDate>,
        (start, end): (DateTime<Utc>, DateTime<Utc>),
        tz: Tz,
    ) -> Result<Repeat, Diagnostic> {
        let span = value.span();
        let written = value.get_ref();
        let lead = written.len() - written.trim_start().len();
        let mut rule = written.trim();
        let mut offset = lead;
        if let Some(rest) = rule
            .get(..6)
            .filter(|p| p.eq_ignore_ascii_case("RRULE:"))
            .map(|_| &rule[6..])
        {
            rule = rest;
            offset += 6;
        }
        if rule.is_empty() {
            return Err(error(src, &span, 0, "`repeat` is empty".into()));
        }
        let first = start.with_timezone(&tz).naive_local();
        let mut until = None;
        let mut kept: Vec<&str> = Vec::new();
        let mut at = offset;
        for part in rule.split(';') {
            let (name, val) = part.split_once('=').unwrap_or((part, ""));
            let name_upper = name.trim().to_ascii_uppercase();
            match name_upper.as_str() {
                "UNTIL" => {
                    until = Some(read_until(val.trim(), first.time(), tz).ok_or_else(|| {
                        error(src, &span, at, format!("`UNTIL={val}` is not a date or time: write it as UNTIL=20261231 (a date in the site zone, inclusive) or UNTIL=20261231T235959Z (UTC)"))
                    })?);
                }
                "FREQ"
                    if matches!(
                        val.trim().to_ascii_uppercase().as_str(),
                        "HOURLY" | "MINUTELY" | "SECONDLY"
                    ) =>
                {
                    return Err(error(
                        src,
                        &span,
                        at,
                        format!(
                            "`FREQ={val}` repeats more than once a day: a maintenance window repeats daily at most"
                        ),
                    ));
                }
                "BYHOUR" | "BYMINUTE" | "BYSECOND" => {
                    return Err(error(
                        src,
                        &span,
                        at,
                        format!(
                            "`{name}` sets the time, which `start` already gives: leave it out"
                        ),
                    ));
                }
                "DTSTART" => {
                    return Err(error(
                        src,
                        &span,
                        at,
                        "`DTSTART` is not part of `repeat`: `start` gives the first occurrence"
                            .into(),
                    ));
                }
                _ => kept.push(part),
            }
            at += part.len() + 1;
        }
        let parsed: RRule<Unvalidated> = kept.join(";").parse().map_err(|e| {
            error(
                src,
                &span,
                offset,
                format!("`repeat` is not a valid RRULE: {e}"),
            )
        })?;
        let repeat = Repeat {
            rule: rule.to_string(),
            position: src.pos(span.start),
            skip,
            tz,
            parsed,
            until,
            first,
            length: end.with_timezone(&tz).naive_local() - first,
        };
        let set = repeat.set().map_err(|e| {
            error(
                src,
                &span,
                offset,
                format!("`repeat` is not a valid RRULE: {e}"),
            )
        })?;
        // The rule expanded in the floating frame starts at `start` only if it matches it.
        let first_generated = (&set).into_iter().next();
        if first_generated.map(|t| t.naive_utc()) != Some(first)
            && !repeat.skip.contains(&first.date())
        {
            return Err(src
                .error_at(span.start, format!("`start` ({}) is not an occurrence of `repeat`", first.format("%A %Y-%m-%d %H:%M")))
                .with_hint("set `start` and `end` to the first occurrence of the window, e.g. a Sunday for FREQ=WEEKLY;BYDAY=SU"));
        }
        let mut previous: Option<Slot> = None;
        for slot in repeat.slots().take(OVERLAP_CHECKED) {
            if let Some(p) = previous.filter(|p| slot.start < p.end) {
                return Err(src
                    .error_at(
                        span.start,
                        format!(
                            "occurrences overlap: the one on {} starts before the one on {} ends",
                            slot.date, p.date
                        ),
                    )
                    .with_hint("shorten the window (`start` to `end`) or repeat it less often"));
            }
            previous = Some(slot);
        }
        if previous.is_none() {
            return Err(src
                .error_at(span.start, "`repeat` and `skip` leave no occurrence")
                .with_hint(
                    "remove the dates from `skip`, or remove `repeat` for a single window",
                ));
        }
        Ok(repeat)
    }

    fn set(&self) -> Result<RRuleSet, rrule::RRuleError> {
        let set = self.parsed.clone().build(floating(self.first))?;
        Ok(self.skip.iter().fold(set, |set, &date| {
            set.exdate(floating(date.and_time(self.first.time())))
        }))
    }

    /// Every occurrence, first to last (or without end), stopping where the rule gives up.
    pub fn slots(&self) -> impl Iterator<Item = Slot> + '_ {
        let tz = self.tz;
        let until = self.until;
        let length = self.length;
        // Limited: a rule that matches no date (February 30th) gives up instead of looping.
        self.set()
            .ok()
            .map(|set| (&set.limit()).into_iter())
            .into_iter()
            .flatten()
            .map(move |t| {
                let local = t.naive_utc();
                Slot {
                    date: local.date(),
                    start: instant(tz, local),
                    end: instant(tz, local + length),
                }
            })
            .take_while(move |s| until.is_none_or(|u| s.start <= u))
    }

    /// The occurrences that overlap `from`..`to`; when none does, the last one before `from` or
    /// else the first after `to`, so that a series always has a window to show.
    pub fn slots_within(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Slot> {
        let mut last_before = None;
        let mut out = Vec::new();
        for slot in self.slots() {
            if slot.start >= to {
                if out.is_empty() && last_before.is_none() {
                    out.push(slot);
                }
                break;
            }
            if slot.end <= from {
                last_before = Some(slot);
            } else {
                out.push(slot);
            }
        }
        if out.is_empty() {
            out.extend(last_before);
        }
        out
    }

    /// The wall-clock start of the first occurrence in the site zone, for the calendar.
    pub fn first_local(&self) -> NaiveDateTime {
        self.first
    }

    /// The rule with `UNTIL` in UTC, as calendars read it beside a `DTSTART` with a zone.
    pub fn ical_rule(&self) -> String {
        let mut parts: Vec<String> = self
            .rule
            .split(';')
            .filter(|p| {
                !p.split('=')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .eq_ignore_ascii_case("UNTIL")
            })
            .map(|p| p.trim().to_ascii_uppercase())
            .collect();
        if let Some(u) = self.until {
            parts.push(format!("UNTIL={}", u.format("%Y%m%dT%H%M%SZ")));
        }
        parts.join(";")
    }
}

/// `UNTIL` as the last instant an occurrence may start: a UTC time (`…Z`), a local time, or a
/// local date (occurrences starting on that day still count).
fn read_until(value: &str, start_time: NaiveTime, tz: Tz) -> Option<DateTime<Utc>> {
    if let Some(utc) = value.strip_suffix(['Z', 'z']) {
        return NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S")
            .ok()
            .map(|t| t.and_utc());
    }
    if let Ok(local) = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S") {
        return Some(instant(tz, local));
    }
    NaiveDate::parse_from_str(value, "%Y%m%d")
        .ok()
        .map(|d| instant(tz, d.and_time(start_time.max(NaiveTime::MIN))))
}

mod words;

#[cfg(test)]
mod tests;
