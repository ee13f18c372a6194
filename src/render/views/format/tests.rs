use super::*;

fn en() -> &'static Table {
    crate::i18n::english_table()
}

fn de() -> &'static Table {
    crate::i18n::table("de", None)
}

#[test]
fn times_name_the_zone() {
    let t = DateTime::parse_from_rfc3339("2026-11-20T14:02:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let v = time_text(t, "Europe/Berlin".parse().unwrap());
    assert_eq!(v.display, "20 Nov 2026, 15:02 CET");
    assert_eq!(v.long, "20 Nov 2026, 15:02 CET (UTC+1)");
    assert_eq!(v.date, "20 Nov 2026");
    assert_eq!(v.utc, "20 Nov 2026, 14:02 UTC");
    assert_eq!(v.iso, "2026-11-20T14:02:00Z");
    let summer = DateTime::parse_from_rfc3339("2026-07-01T10:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    assert_eq!(
        time_text(summer, "Europe/Berlin".parse().unwrap()).time,
        "12:00 CEST"
    );
    assert_eq!(time_text(t, Tz::UTC).time, "14:02 UTC");
    // UTC says its offset already.
    assert_eq!(time_text(t, Tz::UTC).long, "20 Nov 2026, 14:02 UTC");
    // A zone without an abbreviation is named by its offset, once.
    let dubai = time_text(t, "Asia/Dubai".parse().unwrap());
    assert_eq!(dubai.display, "20 Nov 2026, 18:02 UTC+4");
    assert_eq!(dubai.long, dubai.display);
    let kolkata = time_text(t, "Asia/Kolkata".parse().unwrap());
    assert_eq!(kolkata.long, "20 Nov 2026, 19:32 IST (UTC+5:30)");
    let sao_paulo = time_text(t, "America/Sao_Paulo".parse().unwrap());
    assert_eq!(sao_paulo.time, "11:02 UTC-3");
    assert_eq!(zone_name(t, "Europe/Berlin".parse().unwrap()), "CET");
    assert_eq!(zone_name(t, "Asia/Dubai".parse().unwrap()), "UTC+4");
    let london = time_text(t, "Europe/London".parse().unwrap());
    assert_eq!(london.long, "20 Nov 2026, 14:02 GMT (UTC+0)");
}

#[test]
fn times_are_24_hour_and_day_first() {
    let t = DateTime::parse_from_rfc3339("2026-03-05T21:07:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let v = time_text(t, "America/New_York".parse().unwrap());
    assert_eq!(v.display, "5 Mar 2026, 16:07 EST");
    assert_eq!(v.utc, "5 Mar 2026, 21:07 UTC");
    assert!(
        !v.long.contains("AM") && !v.long.contains("PM"),
        "{}",
        v.long
    );
    let d = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
    assert_eq!(date_label(d, en()), "5 Mar 2026");
    assert_eq!(short_date(d, en()), "5 Mar");
}

#[test]
fn the_zone_note_names_the_zones_of_the_year() {
    let t = DateTime::parse_from_rfc3339("2026-11-23T12:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    assert_eq!(
        zone_note("Europe/Berlin".parse().unwrap(), t, en()),
        "Times are in Europe/Berlin time: CET (UTC+1) or CEST (UTC+2)."
    );
    assert_eq!(zone_note(Tz::UTC, t, en()), "Times are in UTC.");
    assert!(always_utc(Tz::UTC, t));
    assert!(always_utc("Etc/UTC".parse().unwrap(), t));
    assert!(!always_utc("Europe/London".parse().unwrap(), t));
    assert_eq!(
        zone_note("Asia/Kolkata".parse().unwrap(), t, en()),
        "Times are in Asia/Kolkata time: IST (UTC+5:30)."
    );
    assert_eq!(
        zone_note("Asia/Dubai".parse().unwrap(), t, en()),
        "Times are in Asia/Dubai time: UTC+4."
    );
}

#[test]
fn a_time_view_serializes_as_its_text() {
    let t = DateTime::parse_from_rfc3339("2026-11-20T14:02:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let value = serde_json::to_value(time_view(t, Tz::UTC, en())).unwrap();
    assert_eq!(value["display"], "20 Nov 2026, 14:02 UTC");
    assert_eq!(value["iso"], "2026-11-20T14:02:00Z");
    assert_eq!(value["utc"], "20 Nov 2026, 14:02 UTC");
    assert_eq!(value.as_object().unwrap().len(), 6);
}

#[test]
fn hand_written_formats_match_chrono() {
    let zones = [
        "Europe/Berlin",
        "UTC",
        "America/Sao_Paulo",
        "Asia/Kolkata",
        "Asia/Dubai",
        "Australia/Lord_Howe",
        "Pacific/Chatham",
    ];
    let start = DateTime::parse_from_rfc3339("2015-01-01T00:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    for zone in zones {
        let tz: Tz = zone.parse().unwrap();
        // Every 7 hours and 13 minutes for twelve years: all months, days, hours and DST changes.
        for k in 0..14_600 {
            let t = start + Duration::minutes(k * 433) + Duration::seconds(k % 60);
            assert_eq!(time_text(t, tz), time_text_chrono(t, tz), "{t} in {zone}");
        }
    }
    for edge in ["0000-01-01T00:30:00Z", "9999-12-31T23:30:00Z"] {
        let t = DateTime::parse_from_rfc3339(edge)
            .unwrap()
            .with_timezone(&Utc);
        let tz: Tz = "Asia/Tokyo".parse().unwrap();
        assert_eq!(time_text(t, tz), time_text_chrono(t, tz), "{edge}");
    }
}

#[test]
fn due_times_give_the_date_only_on_another_day() {
    let t = |s| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
    let berlin: Tz = "Europe/Berlin".parse().unwrap();
    let due = t("2026-11-23T11:30:00Z");
    assert_eq!(
        due_time(due, t("2026-11-23T10:00:00Z"), berlin, en()),
        "12:30 CET"
    );
    // 23:30 UTC is already the next day in Berlin.
    assert_eq!(
        due_time(
            t("2026-11-23T23:30:00Z"),
            t("2026-11-23T22:00:00Z"),
            berlin,
            en()
        ),
        "24 Nov 2026, 00:30 CET"
    );
    assert_eq!(
        due_time(due, t("2026-11-24T08:00:00Z"), berlin, en()),
        "23 Nov 2026, 12:30 CET"
    );
    assert_eq!(
        due_time_long(due, t("2026-11-23T10:00:00Z"), berlin, en()),
        "12:30 CET (UTC+1)"
    );
    assert_eq!(
        due_time_long(due, t("2026-11-24T08:00:00Z"), berlin, en()),
        "23 Nov 2026, 12:30 CET (UTC+1)"
    );
    assert_eq!(due_time_long(due, due, Tz::UTC, en()), "11:30 UTC");
}

#[test]
fn durations_read_short() {
    assert_eq!(duration(Duration::minutes(45), en()), "45m");
    assert_eq!(duration(Duration::minutes(88), en()), "1h 28m");
    assert_eq!(duration(Duration::minutes(120), en()), "2h");
    assert_eq!(duration(Duration::minutes(3 * 1440 + 250), en()), "3d 4h");
    assert_eq!(duration(Duration::minutes(-5), en()), "0m");
}

#[test]
fn percent_never_rounds_up() {
    assert_eq!(percent(Some(9999), en()), "99.99%");
    assert_eq!(percent(Some(9990), en()), "99.90%");
    assert_eq!(percent(Some(10_000), en()), "100%");
    assert_eq!(percent(Some(9_836), en()), "98.36%");
    assert_eq!(percent(None, en()), "No data");
}

#[test]
fn minutes_read_short() {
    assert_eq!(minutes(0.0, en()), "0 min");
    assert_eq!(minutes(14.4, en()), "14.4 min");
    assert_eq!(minutes(57.0, en()), "57 min");
    assert_eq!(minutes(-0.3, en()), "-0.3 min");
    assert_eq!(minutes(150.0, en()), "2h 30m");
    assert_eq!(minutes(-150.0, en()), "-2h 30m");
}

#[test]
fn german_reads_german() {
    let t = |s| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
    let berlin: Tz = "Europe/Berlin".parse().unwrap();
    let text = time_view(t("2026-03-20T14:02:00Z"), berlin, de()).text();
    assert_eq!(text.display, "20. März 2026, 15:02 MEZ");
    assert_eq!(text.long, "20. März 2026, 15:02 MEZ (UTC+1)");
    assert_eq!(text.utc, "20. März 2026, 14:02 UTC");
    assert_eq!(text.iso, "2026-03-20T14:02:00Z");
    assert_eq!(
        due_time(
            t("2026-07-01T10:00:00Z"),
            t("2026-07-01T08:00:00Z"),
            berlin,
            de()
        ),
        "12:00 MESZ"
    );
    assert_eq!(
        zone_note(berlin, t("2026-11-23T12:00:00Z"), de()),
        "Zeiten in der Zeitzone Europe/Berlin: MEZ (UTC+1) oder MESZ (UTC+2)."
    );
    assert_eq!(
        zone_note(Tz::UTC, t("2026-11-23T12:00:00Z"), de()),
        "Alle Zeiten in UTC."
    );
    assert_eq!(duration(Duration::minutes(140), de()), "2 Std. 20 Min.");
    assert_eq!(
        duration(Duration::minutes(3 * 1440 + 250), de()),
        "3 T. 4 Std."
    );
    assert_eq!(percent(Some(9995), de()), "99,95 %");
    assert_eq!(percent(Some(10_000), de()), "100 %");
    assert_eq!(minutes(14.4, de()), "14,4 Min.");
    assert_eq!(cadence(Some(0.934), 28, 30, de()), "93 % (28 von 30)");
    let d = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    assert_eq!(date_label(d, de()), "3. Dezember 2026");
    assert_eq!(short_date(d, de()), "3. Dez");
}

#[test]
fn french_reads_french() {
    let fr = crate::i18n::table("fr", None);
    let t = |s| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
    let berlin: Tz = "Europe/Berlin".parse().unwrap();
    let text = time_view(t("2026-02-20T14:02:00Z"), berlin, fr).text();
    assert_eq!(text.display, "20 févr. 2026 à 15:02 CET");
    assert_eq!(text.utc, "20 févr. 2026 à 14:02 UTC");
    assert_eq!(duration(Duration::minutes(140), fr), "2\u{a0}h 20\u{a0}min");
    assert_eq!(
        duration(Duration::minutes(3 * 1440 + 250), fr),
        "3\u{a0}j 4\u{a0}h"
    );
    // A narrow no-break space before the percent sign, as French typesets it.
    assert_eq!(percent(Some(9995), fr), "99,95\u{202f}%");
    assert_eq!(minutes(14.4, fr), "14,4\u{a0}min");
    assert_eq!(cadence(Some(0.934), 28, 30, fr), "93\u{202f}% (28 sur 30)");
    let d = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    assert_eq!(date_label(d, fr), "3 déc. 2026");
    assert_eq!(short_date(d, fr), "3 déc.");
    assert_eq!(super::month_label(d, fr), "décembre 2026");
}

#[test]
fn spanish_reads_spanish() {
    let es = crate::i18n::table("es", None);
    let t = |s| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
    let berlin: Tz = "Europe/Berlin".parse().unwrap();
    let text = time_view(t("2026-02-20T14:02:00Z"), berlin, es).text();
    assert_eq!(text.display, "20 feb 2026, 15:02 CET");
    assert_eq!(duration(Duration::minutes(140), es), "2\u{a0}h 20\u{a0}min");
    assert_eq!(percent(Some(9995), es), "99,95\u{a0}%");
    assert_eq!(cadence(Some(0.934), 28, 30, es), "93\u{a0}% (28 de 30)");
    let d = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    assert_eq!(date_label(d, es), "3 dic 2026");
    assert_eq!(super::month_label(d, es), "diciembre de 2026");
}

#[test]
fn italian_reads_italian() {
    let it = crate::i18n::table("it", None);
    let t = |s| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
    let berlin: Tz = "Europe/Berlin".parse().unwrap();
    let text = time_view(t("2026-06-20T14:02:00Z"), berlin, it).text();
    assert_eq!(text.display, "20 giu 2026, 16:02 CEST");
    assert_eq!(
        duration(Duration::minutes(3 * 1440 + 250), it),
        "3\u{a0}g 4\u{a0}h"
    );
    assert_eq!(percent(Some(9995), it), "99,95%");
    assert_eq!(cadence(Some(0.934), 28, 30, it), "93% (28 su 30)");
    let d = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    assert_eq!(date_label(d, it), "3 dic 2026");
    assert_eq!(super::month_label(d, it), "dicembre 2026");
}

#[test]
fn brazilian_portuguese_reads_brazilian_portuguese() {
    let pt = crate::i18n::table("pt-BR", None);
    let t = |s| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
    let berlin: Tz = "Europe/Berlin".parse().unwrap();
    let text = time_view(t("2026-05-20T14:02:00Z"), berlin, pt).text();
    assert_eq!(text.display, "20 de mai. de 2026, 16:02 CEST");
    assert_eq!(duration(Duration::minutes(140), pt), "2\u{a0}h 20\u{a0}min");
    assert_eq!(percent(Some(9995), pt), "99,95%");
    assert_eq!(minutes(14.4, pt), "14,4\u{a0}min");
    let d = NaiveDate::from_ymd_opt(2026, 9, 3).unwrap();
    assert_eq!(date_label(d, pt), "3 de set. de 2026");
    assert_eq!(short_date(d, pt), "3 de set.");
    assert_eq!(super::month_label(d, pt), "setembro de 2026");
}

#[test]
fn the_english_table_writes_what_the_fast_path_writes() {
    // A site text that changes no date: the table takes the written-out path.
    let own = crate::i18n::Custom {
        texts: [(
            "index.components".to_string(),
            crate::i18n::Text::Plain("Parts".to_string()),
        )]
        .into(),
    };
    let written_out = crate::i18n::table("en", Some(&own));
    let start = DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    for zone in [
        "Europe/Berlin",
        "UTC",
        "Asia/Kolkata",
        "Asia/Dubai",
        "America/Sao_Paulo",
    ] {
        let tz: Tz = zone.parse().unwrap();
        for k in 0..2_000 {
            let at = start + Duration::minutes(k * 433);
            assert_eq!(
                localized::time_text(at, tz, written_out),
                time_text(at, tz),
                "{at} in {zone}"
            );
        }
    }
    let d = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    assert_eq!(localized::date(d, en()), date_label(d, en()));
    assert_eq!(localized::day_short(d, en()), short_date(d, en()));
}
