use super::*;
use crate::derive::probes::ProbeFigures;
use crate::model::probe_data::Sample;

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn berlin() -> Tz {
    "Europe/Berlin".parse().unwrap()
}

/// `days` daily rows up to the day of `now` (p50 100 + i, p95 300 + i, a failure on the
/// oldest), and checks every six hours of the last day, one down.
fn figures(now: DateTime<Utc>, days: i64) -> ProbeFigures {
    let today = now.date_naive();
    ProbeFigures {
        probe: 0,
        component: 0,
        windows: Vec::new(),
        days: (0..days)
            .map(|i| DayLatency {
                date: today - Duration::days(days - 1 - i),
                p50_ms: Some(100 + i as u32),
                p95_ms: Some(300 + i as u32),
                failures: u32::from(i == 0),
            })
            .collect(),
        last_day: (0..4)
            .map(|k| Sample {
                time: now - Duration::hours(18 - 6 * k),
                result: if k == 1 { Verdict::Down } else { Verdict::Ok },
                latency_ms: 80 + k as u32,
                detail: String::new(),
            })
            .collect(),
        latest: None,
        upstream: None,
    }
}

fn labels(p: &Panel) -> Vec<&str> {
    p.marks.iter().map(|m| m.label.as_str()).collect()
}

#[test]
fn thirty_days_beside_the_last_day_then_ninety() {
    let now = utc("2026-11-23T12:00:00Z");
    let c = build(
        "api",
        &figures(now, 90),
        now,
        (berlin(), crate::i18n::english_table()),
    )
    .unwrap();

    assert_eq!(c.recent.window, 30);
    assert_eq!(c.recent.rows.len(), 30);
    assert_eq!(c.recent.rows[0].date, "25 Oct 2026");
    assert_eq!(c.recent.rows[29].date, "23 Nov 2026");
    assert_eq!(
        labels(&c.recent.days),
        ["26 Oct", "2 Nov", "9 Nov", "16 Nov", "23 Nov"]
    );
    // Today is the right edge of the daily panel, a week is 7/29 of its width.
    assert_eq!(c.recent.days.marks[4].x, "440.0");
    assert_eq!(c.recent.days.marks[3].x, coord(440.0 - 384.0 * 7.0 / 29.0));
    assert_eq!(c.recent.days.heading, "Last 30 days (UTC)");
    // The day with a failure is 90 days back: outside the 30-day chart.
    assert!(c.recent.days.down.is_empty());

    let hours = c.recent.hours.as_ref().expect("a 24-hour panel");
    assert_eq!(hours.heading, "Last 24 hours (CET)");
    // 13:00 in Berlin: 18:00 the day before is 5 of the 24 hours into the panel.
    assert_eq!(labels(hours), ["18:00", "00:00", "06:00", "12:00"]);
    assert_eq!(hours.marks[0].x, coord(520.0 + 180.0 * 5.0 / 24.0));
    assert_eq!(hours.marks[3].x, coord(520.0 + 180.0 * 23.0 / 24.0));
    assert_eq!(hours.down.len(), 1);
    let last = c.recent.last_day.as_ref().unwrap();
    assert_eq!((last.checks, last.down), (4, 1));
    assert_eq!(
        (last.min.as_str(), last.median.as_str(), last.max.as_str()),
        ("80 ms", "82 ms", "83 ms")
    );

    assert_eq!(c.quarter.window, 90);
    assert_eq!(c.quarter.rows.len(), 90);
    assert_eq!(c.quarter.rows[0].date, "26 Aug 2026");
    assert_eq!(
        labels(&c.quarter.days),
        [
            "31 Aug", "14 Sep", "28 Sep", "12 Oct", "26 Oct", "9 Nov", "23 Nov"
        ]
    );
    assert_eq!(c.quarter.days.marks[6].x, "700.0");
    assert_eq!(c.quarter.days.down, ["56.0"]);
    assert!(c.quarter.hours.is_none() && c.quarter.last_day.is_none());
    assert_ne!(c.recent.title_id, c.quarter.title_id);
}

#[test]
fn each_chart_scales_to_its_own_window() {
    let now = utc("2026-11-23T12:00:00Z");
    let mut f = figures(now, 90);
    // A slow day 60 days back sets the 90-day scale, not the 30-day one.
    f.days[29].p95_ms = Some(4000);
    let c = build("api", &f, now, (Tz::UTC, crate::i18n::english_table())).unwrap();
    let top = |p: &Panel| p.ticks.last().unwrap().label.clone();
    assert_eq!(top(&c.quarter.days), "5000 ms");
    assert_eq!(top(&c.recent.days), "500 ms");
    assert_eq!(
        c.recent.hours.as_ref().unwrap().heading,
        "Last 24 hours (UTC)"
    );
}

#[test]
fn without_checks_of_the_last_day_the_daily_panel_takes_the_width() {
    let now = utc("2026-11-23T12:00:00Z");
    let mut f = figures(now, 10);
    f.last_day.clear();
    let c = build("api", &f, now, (berlin(), crate::i18n::english_table())).unwrap();
    assert!(c.recent.hours.is_none() && c.recent.last_day.is_none());
    assert_eq!(c.recent.days.x1, "700.0");
    assert_eq!(c.recent.rows.len(), 10);
    assert_eq!(c.quarter.rows.len(), 10);
    // No latency in 90 days: no chart.
    for d in &mut f.days {
        d.p50_ms = None;
        d.p95_ms = None;
    }
    assert!(build("api", &f, now, (berlin(), crate::i18n::english_table())).is_none());
}

#[test]
fn a_german_chart_reads_german() {
    let now = utc("2026-11-23T12:00:00Z");
    let de = crate::i18n::table("de", None);
    let c = build("api", &figures(now, 90), now, (berlin(), de)).unwrap();
    let hours = c.recent.hours.as_ref().unwrap();
    assert_eq!(hours.heading, "Letzte 24 Stunden (MEZ)");
    assert_eq!(c.recent.days.heading, "Letzte 30 Tage (UTC)");
    assert_eq!(c.recent.title, "Antwortzeit von api");
    assert_eq!(c.recent.rows[29].date, "23. November 2026");
    assert_eq!(labels(&c.recent.days).last(), Some(&"23. Nov"));
}

#[test]
fn an_arabic_chart_mirrors_its_x_axis_and_reads_arabic() {
    let now = utc("2026-11-23T12:00:00Z");
    let f = figures(now, 90);
    let en = build("api", &f, now, (berlin(), crate::i18n::english_table())).unwrap();
    let ar = build("api", &f, now, (berlin(), crate::i18n::table("ar", None))).unwrap();
    assert!(ar.recent.rtl && !en.recent.rtl);
    let mirrored = |x: &str| coord(f64::from(WIDTH) - x.parse::<f64>().unwrap());
    // Every x of the Arabic chart is the English one's seen in a mirror; heights stay.
    let (days_en, days_ar) = (&en.recent.days, &ar.recent.days);
    assert_eq!(
        (days_ar.x0.as_str(), days_ar.x1.as_str()),
        ("664.0", "280.0")
    );
    for (e, a) in days_en.marks.iter().zip(&days_ar.marks) {
        assert_eq!(a.x, mirrored(&e.x));
    }
    // Today, the newest day, is at the left edge of the daily panel.
    assert_eq!(days_ar.marks.last().unwrap().x, "280.0");
    let points = |p: &Panel| p.lines[0].segments.join(" ");
    let flipped: Vec<String> = points(days_en)
        .split(' ')
        .map(|xy| {
            let (x, y) = xy.split_once(',').unwrap();
            format!("{},{y}", mirrored(x))
        })
        .collect();
    assert_eq!(points(days_ar), flipped.join(" "));
    assert_eq!(ar.quarter.days.down, [mirrored(&en.quarter.days.down[0])]);
    // The 24-hour panel is at the left, where the reading ends, its hours right to left.
    let (hours_en, hours_ar) = (
        en.recent.hours.as_ref().unwrap(),
        ar.recent.hours.as_ref().unwrap(),
    );
    assert_eq!(
        (hours_ar.x0.as_str(), hours_ar.x1.as_str()),
        ("200.0", "20.0")
    );
    assert_eq!(hours_ar.down, [mirrored(&hours_en.down[0])]);
    assert_eq!(labels(hours_ar), ["18:00", "00:00", "06:00", "12:00"]);
    assert_eq!(hours_ar.marks[0].x, mirrored(&hours_en.marks[0].x));

    assert_eq!(ar.recent.days.heading, "آخر 30 يومًا (UTC)");
    assert_eq!(hours_ar.heading, "آخر 24 ساعة (CET)");
    assert_eq!(ar.recent.rows[29].date, "23 نوفمبر 2026");
    assert_eq!(labels(&ar.recent.days).first(), Some(&"26 أكتوبر"));
}
