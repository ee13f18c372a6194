//! Recurrences in words: "Every Sunday, 02:00–04:00 CET", for the common rules (daily, weekly
//! by day, monthly by day of the month or by weekday), and the rule as written for the others.

use super::Repeat;
use chrono::{DateTime, Datelike, Utc, Weekday};
use rrule::{Frequency, NWeekday};

impl Repeat {
    /// The recurrence in words, with the times of the occurrence at `reference`: "Every Sunday,
    /// 02:00–04:00 CET". Rules other than the common ones are shown as written.
    pub fn describe(&self, reference: DateTime<Utc>) -> String {
        let local = reference.with_timezone(&self.tz);
        let start = self.first.time();
        let end = (self.first + self.length).time();
        let times = format!(
            "{}–{} {}",
            start.format("%H:%M"),
            end.format("%H:%M"),
            local.format("%Z")
        );
        let how = self
            .words()
            .unwrap_or_else(|| format!("Repeats {}", self.rule));
        let mut text = format!("{how}, {times}");
        if let Some(count) = self.parsed.get_count() {
            text.push_str(&format!(", {count} times"));
        }
        if let Some(until) = self.until {
            let last = until.with_timezone(&self.tz);
            text.push_str(&format!(", until {}", last.format("%-d %b %Y")));
        }
        text
    }

    /// "Every Sunday", "Every other day", "On the first Saturday of every month", or `None` for
    /// a rule that is not one of these.
    fn words(&self) -> Option<String> {
        let r = &self.parsed;
        let interval = r.get_interval().max(1);
        let plain = r.get_by_month().is_empty()
            && r.get_by_year_day().is_empty()
            && r.get_by_week_no().is_empty()
            && r.get_by_set_pos().is_empty();
        if !plain {
            return None;
        }
        let every = |unit: &str, units: &str| match interval {
            1 => format!("Every {unit}"),
            2 => format!("Every other {unit}"),
            n => format!("Every {n} {units}"),
        };
        let days = r.get_by_weekday();
        let month_days = r.get_by_month_day();
        match r.get_freq() {
            Frequency::Daily if days.is_empty() && month_days.is_empty() => {
                Some(every("day", "days"))
            }
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
                let list = join(names.iter().map(|w| day_name(*w).to_string()).collect());
                Some(match interval {
                    1 => format!("Every {list}"),
                    2 => format!("Every other {list}"),
                    n => format!("Every {n} weeks on {list}"),
                })
            }
            Frequency::Monthly => {
                let of = match interval {
                    1 => "every month".to_string(),
                    2 => "every other month".to_string(),
                    n => format!("every {n} months"),
                };
                match (days, month_days) {
                    ([], []) => Some(format!("On the {} of {of}", ordinal(self.first.day()))),
                    ([], [d]) if *d > 0 => Some(format!("On the {} of {of}", ordinal(*d as u32))),
                    ([], [-1]) => Some(format!("On the last day of {of}")),
                    ([NWeekday::Nth(n, w)], []) if (1..=4).contains(n) || *n == -1 => {
                        let which = ["last", "first", "second", "third", "fourth"]
                            [usize::try_from(*n).unwrap_or(0)];
                        Some(format!("On the {which} {} of {of}", day_name(*w)))
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

fn day_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// "Saturday", "Saturday and Sunday", "Monday, Wednesday and Friday".
fn join(mut names: Vec<String>) -> String {
    match names.len() {
        0 | 1 => names.pop().unwrap_or_default(),
        _ => {
            let last = names.pop().unwrap_or_default();
            format!("{} and {last}", names.join(", "))
        }
    }
}
