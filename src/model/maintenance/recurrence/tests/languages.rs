//! Recurrences in words in other languages than English: each table orders the pieces its own
//! way ("Elke maand op de eerste zaterdag", "W pierwsze soboty każdego miesiąca", "Her ayın ilk
//! cumartesi günü").

use super::{SUNDAYS, berlin, utc};

/// Each rule of `cases` (rule, first day, words) described in `language`, with a window from
/// 22:00 to 23:30 Berlin time in winter (`zone` is the language's name of CET).
fn assert_words_in(language: &str, zone: &str, cases: &[(&str, &str, &str)]) {
    let t = crate::i18n::table(language, None);
    for (rule, day, words) in cases {
        let r = berlin(&format!(
            "start = {day}T22:00:00\nend = {day}T23:30:00\nrepeat = \"{rule}\"\n"
        ));
        let text = r.describe(utc("2026-01-10T00:00:00Z"), t);
        assert_eq!(
            text,
            format!("{words}, 22:00–23:30 {zone}"),
            "{language}: {rule}"
        );
    }
}

#[test]
fn rules_read_in_dutch() {
    assert_words_in(
        "nl",
        "MET",
        &[
            ("FREQ=DAILY;INTERVAL=2", "2026-01-04", "Om de twee dagen"),
            ("FREQ=DAILY;INTERVAL=3", "2026-01-04", "Om de 3 dagen"),
            ("FREQ=WEEKLY", "2026-01-06", "Elke dinsdag"),
            (
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,SA",
                "2026-01-03",
                "Om de twee weken op zaterdag en zondag",
            ),
            (
                "FREQ=WEEKLY;BYDAY=MO,WE,FR",
                "2026-01-05",
                "Elke maandag, woensdag en vrijdag",
            ),
            ("FREQ=MONTHLY", "2026-01-15", "Elke maand op de 15e"),
            (
                "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1",
                "2026-01-31",
                "Om de 3 maanden op de laatste dag",
            ),
            (
                "FREQ=MONTHLY;BYDAY=1SA",
                "2026-01-03",
                "Elke maand op de eerste zaterdag",
            ),
            (
                "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR",
                "2026-01-30",
                "Om de twee maanden op de laatste vrijdag",
            ),
        ],
    );
    let t = crate::i18n::table("nl", None);
    let counted = berlin(&SUNDAYS.replace("BYDAY=SU", "BYDAY=SU;COUNT=4"));
    assert_eq!(
        counted.describe(utc("2026-01-04T01:00:00Z"), t),
        "Elke zondag, 02:00–04:00 MET, 4 keer"
    );
    let until = berlin(&SUNDAYS.replace("BYDAY=SU", "BYDAY=SU;UNTIL=20261227"));
    assert!(
        (until.describe(utc("2026-01-04T01:00:00Z"), t)).ends_with(", tot en met 27 december 2026"),
    );
}

#[test]
fn rules_read_in_polish() {
    assert_words_in(
        "pl",
        "CET",
        &[
            ("FREQ=DAILY", "2026-01-04", "Codziennie"),
            ("FREQ=DAILY;INTERVAL=3", "2026-01-04", "Co 3 dni"),
            ("FREQ=WEEKLY", "2026-01-06", "Co tydzień (wtorki)"),
            (
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,SA",
                "2026-01-03",
                "Co dwa tygodnie (soboty i niedziele)",
            ),
            (
                "FREQ=WEEKLY;INTERVAL=5;BYDAY=MO,WE,FR",
                "2026-01-05",
                "Co 5 tygodni (poniedziałki, środy i piątki)",
            ),
            ("FREQ=MONTHLY", "2026-01-15", "15. dnia każdego miesiąca"),
            (
                "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1",
                "2026-01-31",
                "Ostatniego dnia miesiąca, co 3 miesiące",
            ),
            (
                "FREQ=MONTHLY;BYDAY=1SA",
                "2026-01-03",
                "W pierwsze soboty każdego miesiąca",
            ),
            (
                "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR",
                "2026-01-30",
                "W ostatnie piątki co drugiego miesiąca",
            ),
        ],
    );
    let t = crate::i18n::table("pl", None);
    let counted = berlin(&SUNDAYS.replace("BYDAY=SU", "BYDAY=SU;COUNT=4"));
    assert_eq!(
        counted.describe(utc("2026-01-04T01:00:00Z"), t),
        "Co tydzień (niedziele), 02:00–04:00 CET, 4 razy"
    );
    let until = berlin(&SUNDAYS.replace("BYDAY=SU", "BYDAY=SU;UNTIL=20261227"));
    assert!((until.describe(utc("2026-01-04T01:00:00Z"), t)).ends_with(", do 27 grudnia 2026"),);
}

#[test]
fn rules_read_in_turkish() {
    assert_words_in(
        "tr",
        "CET",
        &[
            ("FREQ=DAILY;INTERVAL=2", "2026-01-04", "İki günde bir"),
            ("FREQ=WEEKLY", "2026-01-06", "Her salı"),
            (
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,SA",
                "2026-01-03",
                "İki haftada bir cumartesi ve pazar",
            ),
            (
                "FREQ=WEEKLY;BYDAY=MO,WE,FR",
                "2026-01-05",
                "Her pazartesi, çarşamba ve cuma",
            ),
            ("FREQ=MONTHLY", "2026-01-15", "Her ayın 15. günü"),
            (
                "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1",
                "2026-01-31",
                "3 ayda bir, ayın son günü",
            ),
            (
                "FREQ=MONTHLY;BYDAY=1SA",
                "2026-01-03",
                "Her ayın ilk cumartesi günü",
            ),
            (
                "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR",
                "2026-01-30",
                "İki ayda bir, ayın son cuma günü",
            ),
        ],
    );
    let t = crate::i18n::table("tr", None);
    let counted = berlin(&SUNDAYS.replace("BYDAY=SU", "BYDAY=SU;COUNT=4"));
    assert_eq!(
        counted.describe(utc("2026-01-04T01:00:00Z"), t),
        "Her pazar, 02:00–04:00 CET, 4 kez"
    );
    let until = berlin(&SUNDAYS.replace("BYDAY=SU", "BYDAY=SU;UNTIL=20261227"));
    assert!(
        (until.describe(utc("2026-01-04T01:00:00Z"), t))
            .ends_with(", 27 Aralık 2026 tarihine kadar"),
    );
}
