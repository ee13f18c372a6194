//! Tests of reading `repeat` and expanding it in the site zone.

use super::*;
use crate::model::Maintenance;
use crate::model::components::Catalog;
use crate::model::post::ParseContext;
use chrono::{Datelike, Weekday};
use std::path::Path;

mod languages;

pub(super) fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn parse_in(tz: Tz, front: &str) -> Result<Maintenance, Vec<Diagnostic>> {
    let cat = Catalog::parse(TomlSource::file(
        Path::new("components.toml"),
        "[[component]]\nid = \"db\"\nname = \"DB\"\n",
    ))
    .unwrap();
    let text = format!(
        "+++\ntitle = \"Weekly database maintenance\"\naffected = [\"db\"]\n{front}+++\n## Scheduled — 2026-01-02 10:00 UTC\nEvery week.\n"
    );
    let mut d = Vec::new();
    let m = Maintenance::parse(
        "weekly-db",
        Path::new("maintenance/weekly-db.md"),
        &text,
        ParseContext {
            tz,
            catalog: &cat,
            languages: &[],
        },
        &mut d,
    );
    m.ok_or(d)
}

pub(super) fn berlin(front: &str) -> Repeat {
    parse_in(Tz::Europe__Berlin, front)
        .unwrap()
        .repeat
        .expect("a recurring window")
}

const SUNDAYS: &str =
    "start = 2026-01-04T02:00:00\nend = 2026-01-04T04:00:00\nrepeat = \"FREQ=WEEKLY;BYDAY=SU\"\n";

fn starts(slots: &[Slot]) -> Vec<(String, String, String)> {
    slots
        .iter()
        .map(|s| {
            (
                s.date.to_string(),
                s.start.format("%H:%MZ").to_string(),
                s.end.format("%H:%MZ").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_weekly_window_keeps_its_local_time_across_both_daylight_saving_changes() {
    let r = berlin(SUNDAYS);
    // Berlin is UTC+1 in winter and UTC+2 in summer: 02:00–04:00 local moves in UTC.
    let march = r.slots_within(utc("2026-03-21T00:00:00Z"), utc("2026-04-06T00:00:00Z"));
    assert_eq!(
        starts(&march),
        [
            ("2026-03-22".into(), "01:00Z".into(), "03:00Z".into()),
            // 02:00 does not exist on the 29th (the clocks go from 02:00 to 03:00): it is read
            // with the offset before the change, so the window runs 03:00–04:00 CEST.
            ("2026-03-29".into(), "01:00Z".into(), "02:00Z".into()),
            ("2026-04-05".into(), "00:00Z".into(), "02:00Z".into()),
        ]
    );
    let october = r.slots_within(utc("2026-10-17T00:00:00Z"), utc("2026-11-02T00:00:00Z"));
    assert_eq!(
        starts(&october),
        [
            ("2026-10-18".into(), "00:00Z".into(), "02:00Z".into()),
            // 02:00 happens twice on the 25th: the earlier one (CEST) starts it, 04:00 CET ends it.
            ("2026-10-25".into(), "00:00Z".into(), "03:00Z".into()),
            ("2026-11-01".into(), "01:00Z".into(), "03:00Z".into()),
        ]
    );
    // Every occurrence starts at 02:00 on the Berlin wall clock, summer or winter.
    for s in march.iter().chain(&october) {
        let local = s.start.with_timezone(&Tz::Europe__Berlin);
        assert_eq!(local.weekday(), Weekday::Sun);
        if s.date.to_string() != "2026-03-29" {
            assert_eq!(local.format("%H:%M").to_string(), "02:00");
            assert_eq!(
                s.end
                    .with_timezone(&Tz::Europe__Berlin)
                    .format("%H:%M")
                    .to_string(),
                "04:00"
            );
        }
    }
}

#[test]
fn count_until_and_skip_end_or_thin_the_series() {
    let count = berlin(&SUNDAYS.replace("BYDAY=SU", "BYDAY=SU;COUNT=3"));
    let all: Vec<String> = count.slots().map(|s| s.date.to_string()).collect();
    assert_eq!(all, ["2026-01-04", "2026-01-11", "2026-01-18"]);

    // A date is inclusive, in the site zone.
    let until = berlin(&SUNDAYS.replace("BYDAY=SU", "BYDAY=SU;UNTIL=20260118"));
    let dates: Vec<String> = until.slots().map(|s| s.date.to_string()).collect();
    assert_eq!(dates, ["2026-01-04", "2026-01-11", "2026-01-18"]);
    // A UTC time before the third start (01:00Z) ends the series one earlier.
    let utc_until = berlin(&SUNDAYS.replace("BYDAY=SU", "UNTIL=20260118T005959Z;BYDAY=SU"));
    assert_eq!(utc_until.slots().count(), 2);
    assert_eq!(
        utc_until.ical_rule(),
        "FREQ=WEEKLY;BYDAY=SU;UNTIL=20260118T005959Z"
    );
    // A date becomes the start time of that day in UTC, as calendars read `UNTIL`.
    assert_eq!(
        until.ical_rule(),
        "FREQ=WEEKLY;BYDAY=SU;UNTIL=20260118T010000Z"
    );

    let skip = berlin(&format!("{SUNDAYS}skip = [2026-01-11, 2026-01-25]\n"));
    let dates: Vec<String> = skip
        .slots_within(utc("2026-01-01T00:00:00Z"), utc("2026-02-02T00:00:00Z"))
        .iter()
        .map(|s| s.date.to_string())
        .collect();
    assert_eq!(dates, ["2026-01-04", "2026-01-18", "2026-02-01"]);
}

#[test]
fn the_window_holds_what_overlaps_it_or_else_the_nearest_occurrence() {
    let r = berlin(SUNDAYS);
    // A window open at `from` counts; one starting at `to` does not.
    let inside = r.slots_within(utc("2026-01-11T02:00:00Z"), utc("2026-01-18T01:00:00Z"));
    assert_eq!(
        inside
            .iter()
            .map(|s| s.date.to_string())
            .collect::<Vec<_>>(),
        ["2026-01-11"]
    );
    let ended = berlin(&SUNDAYS.replace("BYDAY=SU", "BYDAY=SU;COUNT=2"));
    let late = ended.slots_within(utc("2026-06-01T00:00:00Z"), utc("2026-09-01T00:00:00Z"));
    assert_eq!(late.len(), 1);
    assert_eq!(late[0].date.to_string(), "2026-01-11");
    let early = r.slots_within(utc("2025-06-01T00:00:00Z"), utc("2025-09-01T00:00:00Z"));
    assert_eq!(early.len(), 1);
    assert_eq!(early[0].date.to_string(), "2026-01-04");
}

#[test]
fn common_rules_read_in_words_and_others_as_written() {
    let sunday = berlin(SUNDAYS);
    assert_eq!(
        sunday.describe(utc("2026-01-04T01:00:00Z"), crate::i18n::english_table()),
        "Every Sunday, 02:00–04:00 CET"
    );
    assert_eq!(
        sunday.describe(utc("2026-07-05T00:00:00Z"), crate::i18n::english_table()),
        "Every Sunday, 02:00–04:00 CEST"
    );
    let cases = [
        ("FREQ=DAILY", "2026-01-04", "Every day"),
        ("FREQ=DAILY;INTERVAL=3", "2026-01-04", "Every 3 days"),
        ("FREQ=WEEKLY", "2026-01-06", "Every Tuesday"),
        (
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,SA",
            "2026-01-03",
            "Every other Saturday and Sunday",
        ),
        (
            "FREQ=WEEKLY;BYDAY=MO,WE,FR",
            "2026-01-05",
            "Every Monday, Wednesday and Friday",
        ),
        ("FREQ=MONTHLY", "2026-01-15", "On the 15th of every month"),
        (
            "FREQ=MONTHLY;BYMONTHDAY=1",
            "2026-02-01",
            "On the 1st of every month",
        ),
        (
            "FREQ=MONTHLY;BYDAY=1SA",
            "2026-01-03",
            "On the first Saturday of every month",
        ),
        (
            "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6",
            "2026-01-30",
            "On the last Friday of every month",
        ),
        (
            "FREQ=YEARLY;BYMONTH=1",
            "2026-01-04",
            "Repeats FREQ=YEARLY;BYMONTH=1",
        ),
    ];
    for (rule, day, words) in cases {
        let r = berlin(&format!(
            "start = {day}T22:00:00\nend = {day}T23:30:00\nrepeat = \"{rule}\"\n"
        ));
        let text = r.describe(utc("2026-01-10T00:00:00Z"), crate::i18n::english_table());
        assert!(
            text.starts_with(&format!("{words}, 22:00–23:30 CET")),
            "{rule}: {text}"
        );
    }
    let counted = berlin(&SUNDAYS.replace("BYDAY=SU", "BYDAY=SU;COUNT=4"));
    assert_eq!(
        counted.describe(utc("2026-01-04T01:00:00Z"), crate::i18n::english_table()),
        "Every Sunday, 02:00–04:00 CET, 4 times"
    );
    let until = berlin(&SUNDAYS.replace("BYDAY=SU", "BYDAY=SU;UNTIL=20261227"));
    assert!(
        until
            .describe(utc("2026-01-04T01:00:00Z"), crate::i18n::english_table())
            .ends_with(", until 27 Dec 2026"),
    );
}

#[test]
fn common_rules_read_in_arabic_with_its_plural_forms() {
    let ar = crate::i18n::table("ar", None);
    let cases = [
        ("FREQ=WEEKLY;BYDAY=SU", "2026-01-04", "أسبوعيًا يوم الأحد"),
        (
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,SA",
            "2026-01-03",
            "كل أسبوعين يوم السبت والأحد",
        ),
        ("FREQ=DAILY;INTERVAL=3", "2026-01-04", "كل 3 أيام"),
        ("FREQ=DAILY;INTERVAL=11", "2026-01-04", "كل 11 يومًا"),
        ("FREQ=MONTHLY", "2026-01-15", "في اليوم 15 من كل شهر"),
        (
            "FREQ=MONTHLY;BYDAY=1SA",
            "2026-01-03",
            "يوم السبت الأول من كل شهر",
        ),
        (
            "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR",
            "2026-01-30",
            "يوم الجمعة الأخير من كل شهرين",
        ),
    ];
    for (rule, day, words) in cases {
        let r = berlin(&format!(
            "start = {day}T22:00:00\nend = {day}T23:30:00\nrepeat = \"{rule}\"\n"
        ));
        assert_eq!(
            r.describe(utc("2026-01-10T00:00:00Z"), ar),
            format!("{words}، 22:00–23:30 CET"),
            "{rule}"
        );
    }
    let counted = berlin(&SUNDAYS.replace("BYDAY=SU", "BYDAY=SU;COUNT=2;UNTIL=20261227"));
    assert_eq!(
        counted.describe(utc("2026-01-04T01:00:00Z"), ar),
        "أسبوعيًا يوم الأحد، 02:00–04:00 CET، مرتان، حتى 27 ديسمبر 2026"
    );
}

fn error_of(front: &str) -> Diagnostic {
    let d = parse_in(Tz::Europe__Berlin, front).unwrap_err();
    assert_eq!(d.len(), 1, "{d:?}");
    d.into_iter().next().unwrap()
}

#[test]
fn bad_rules_are_errors_at_the_repeat_value() {
    // `repeat` is on line 6 (after `+++`, title and affected, start and end); its value starts
    // with the quote in column 10, the rule in 11.
    let bad = error_of(&SUNDAYS.replace("FREQ=WEEKLY;BYDAY=SU", "FREQ=WEEKLY;BYDAY=XX"));
    assert_eq!((bad.line, bad.column), (6, 11));
    assert!(
        bad.message.starts_with("`repeat` is not a valid RRULE"),
        "{}",
        bad.message
    );
    assert!(
        bad.hint
            .as_deref()
            .unwrap()
            .contains("FREQ=WEEKLY;BYDAY=SU")
    );

    let hourly = error_of(&SUNDAYS.replace("FREQ=WEEKLY;BYDAY=SU", "BYDAY=SU;FREQ=HOURLY"));
    assert_eq!((hourly.line, hourly.column), (6, 20));
    assert!(hourly.message.contains("more than once a day"));

    let byhour = error_of(&SUNDAYS.replace("BYDAY=SU", "BYDAY=SU;BYHOUR=3"));
    assert_eq!(byhour.column, 32);
    let until = error_of(&SUNDAYS.replace("BYDAY=SU", "UNTIL=tomorrow"));
    assert!(until.message.contains("`UNTIL=tomorrow` is not a date"));

    // 2026-01-03 is a Saturday.
    let unsynced = error_of(&SUNDAYS.replace("01-04T", "01-03T"));
    assert_eq!((unsynced.line, unsynced.column), (6, 10));
    assert!(
        unsynced
            .message
            .contains("is not an occurrence of `repeat`")
    );

    let overlap = error_of(
        "start = 2026-01-04T02:00:00\nend = 2026-01-05T03:00:00\nrepeat = \"FREQ=DAILY\"\n",
    );
    assert!(
        overlap.message.starts_with("occurrences overlap"),
        "{}",
        overlap.message
    );

    let skip =
        error_of("start = 2026-01-04T02:00:00\nend = 2026-01-04T03:00:00\nskip = [2026-01-04]\n");
    assert_eq!(skip.message, "`skip` without `repeat`");
    let skip_kind = error_of(&format!("{SUNDAYS}skip = [\"soon\"]\n"));
    assert_eq!(skip_kind.message, "`skip` is not a list of dates");
}

#[test]
fn a_rule_that_matches_no_day_gives_up() {
    // February 30th never comes: the expansion stops instead of looping.
    let r = error_of(
        "start = 2026-01-04T02:00:00\nend = 2026-01-04T03:00:00\nrepeat = \"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\"\n",
    );
    assert!(r.message.contains("is not an occurrence"), "{}", r.message);
}
