//! Recurrences in words: "Every Sunday, 02:00–04:00 CET", for the common rules (daily, weekly
//! by day, monthly by day of the month or by weekday), and the rule as written for the others;
//! in the words of the site's language (the translation table's `recurrence` texts).

use super::Repeat;
use crate::i18n::Table;
use chrono::{DateTime, Datelike, Utc, Weekday};
use rrule::{Frequency, NWeekday};

impl Repeat {
    /// The recurrence in words, with the times of the occurrence at `reference`: "Every Sunday,
    /// 02:00–04:00 CET". Rules other than the common ones are shown as written.
    pub fn describe(&self, reference: DateTime<Utc>, t: &Table) -> String {
        let local = reference.with_timezone(&self.tz);
        let start = self.first.time();
        let end = (self.first + self.length).time();
        let abbreviation = local.format("%Z").to_string();
        let zone = t.zone(&abbreviation);
        let times = t.fill(
            "recurrence.times",
            &[
                ("start", &start.format("%H:%M").to_string()),
                ("end", &end.format("%H:%M").to_string()),
                ("zone", zone),
            ],
        );
        let how = self
            .words(t)
            .unwrap_or_else(|| t.fill("recurrence.repeats_rule", &[("rule", &self.rule)]));
        let mut text = t.fill("recurrence.sentence", &[("how", &how), ("times", &times)]);
        if let Some(count) = self.parsed.get_count() {
            text.push_str(t.get("site.list_comma"));
            text.push_str(&t.count("recurrence.count", u64::from(count), &[]));
        }
        if let Some(until) = self.until {
            let last = until.with_timezone(&self.tz);
            let date = t.write_date(&last, t.get("date.date"));
            text.push_str(t.get("site.list_comma"));
            text.push_str(&t.fill("recurrence.until", &[("date", &date)]));
        }
        text
    }

    /// "Every Sunday", "Every other day", "On the first Saturday of every month", or `None` for
    /// a rule that is not one of these.
    fn words(&self, t: &Table) -> Option<String> {
        let r = &self.parsed;
        let interval = r.get_interval().max(1);
        let plain = r.get_by_month().is_empty()
            && r.get_by_year_day().is_empty()
            && r.get_by_week_no().is_empty()
            && r.get_by_set_pos().is_empty();
        if !plain {
            return None;
        }
        let days = r.get_by_weekday();
        let month_days = r.get_by_month_day();
        match r.get_freq() {
            Frequency::Daily if days.is_empty() && month_days.is_empty() => Some(match interval {
                1 => t.get("recurrence.every_day").to_string(),
                2 => t.get("recurrence.every_other_day").to_string(),
                n => t.count("recurrence.every_n_days", u64::from(n), &[]),
            }),
            Frequency::Weekly if month_days.is_empty() => {
                let mut names = Vec::new();
                for d in days {
                    match d {
                        NWeekday::Every(w) => names.push(*w),
                        NWeekday::Nth(..) => return None,
                    }
                }
                if names.is_empty() {
                    names.push(self.first.weekday());
                }
                names.sort_by_key(|w| w.days_since(Weekday::Mon));
                let list = join(names.iter().map(|w| day_name(*w, t)).collect(), t);
                Some(match interval {
                    1 => t.fill("recurrence.every_week_on", &[("days", &list)]),
                    2 => t.fill("recurrence.every_other_week_on", &[("days", &list)]),
                    n => t.count(
                        "recurrence.every_n_weeks_on",
                        u64::from(n),
                        &[("days", &list)],
                    ),
                })
            }
            Frequency::Monthly => {
                let of = match interval {
                    1 => t.get("recurrence.every_month").to_string(),
                    2 => t.get("recurrence.every_other_month").to_string(),
                    n => t.count("recurrence.every_n_months", u64::from(n), &[]),
                };
                let on_day = |d: u32| {
                    let day = t.ordinal("recurrence.ordinal", u64::from(d));
                    t.fill("recurrence.on_day", &[("day", &day), ("months", &of)])
                };
                match (days, month_days) {
                    ([], []) => Some(on_day(self.first.day())),
                    ([], [d]) if *d > 0 => Some(on_day(*d as u32)),
                    ([], [-1]) => Some(t.fill("recurrence.on_last_day", &[("months", &of)])),
                    ([NWeekday::Nth(n, w)], []) if (1..=4).contains(n) || *n == -1 => {
                        let which = ["last", "first", "second", "third", "fourth"]
                            [usize::try_from(*n).unwrap_or(0)];
                        Some(t.fill(
                            "recurrence.on_weekday",
                            &[
                                ("which", t.of("recurrence", which)),
                                ("weekday", day_name(*w, t)),
                                ("months", &of),
                            ],
                        ))
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

fn day_name(w: Weekday, t: &Table) -> &str {
    let name = match w {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    };
    t.of("recurrence", name)
}

/// "Saturday", "Saturday and Sunday", "Monday, Wednesday and Friday".
fn join(mut names: Vec<&str>, t: &Table) -> String {
    match names.len() {
        0 | 1 => names.pop().unwrap_or_default().to_string(),
        _ => {
            let last = names.pop().unwrap_or_default();
            let list = names.join(t.get("site.list_comma"));
            t.fill("recurrence.list_and", &[("list", &list), ("last", last)])
        }
    }
}

#[cfg(test)]
mod tests;
