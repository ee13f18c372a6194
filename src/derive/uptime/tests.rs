//! Hand-computed cases. Each test states the arithmetic in a comment.

use super::*;
use crate::load::{Sources, parse};
use chrono::NaiveDate;
use std::path::PathBuf;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

const MIN: i64 = 60;

/// A site in `tz` with extra config lines, the given components and posts, computed at `now`.
fn compute(
    config: &str,
    components: &str,
    incidents: &[&str],
    maintenance: &[&str],
    now: &str,
) -> (Site, Uptime) {
    let posts = |dir: &str, list: &[&str]| {
        list.iter()
            .enumerate()
            .map(|(k, t)| (PathBuf::from(format!("{dir}/p{k}.md")), t.to_string()))
            .collect()
    };
    let site = parse(Sources {
        config: format!("title = \"T\"\nbase_url = \"https://s.test\"\n{config}"),
        components: components.to_string(),
        incidents: posts("incidents", incidents),
        maintenance: posts("maintenance", maintenance),
        ..Sources::default()
    })
    .unwrap();
    let now = at(now);
    let uptime = crate::derive::State::derive(&site, now).uptime;
    (site, uptime)
}

fn incident(affected: &str, started: &str, resolved: Option<&str>) -> String {
    let resolved = resolved.map_or(String::new(), |r| format!("resolved = {r}\n"));
    format!("+++\ntitle = \"x\"\nstarted = {started}\n{resolved}affected = {affected}\n+++\n")
}

const ONE: &str = "[[component]]\nid = \"api\"\nname = \"API\"\n";

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn an_incident_across_midnight_is_cut_at_local_midnight() {
    // Berlin is UTC+1 in November. The outage runs 22:30–00:30 UTC, i.e. 23:30–01:30 local:
    // 30 minutes on Nov 20 and 90 minutes on Nov 21 (cut in UTC it would be 90 + 30).
    let (_, u) = compute(
        "time_zone = \"Europe/Berlin\"\nuptime_days = 5\n",
        ONE,
        &[&incident(
            "{ api = \"major_outage\" }",
            "2026-11-20T22:30:00Z",
            Some("2026-11-21T00:30:00Z"),
        )],
        &[],
        "2026-11-23T12:00:00Z",
    );
    let dates: Vec<NaiveDate> = u.days.iter().map(|d| d.date).collect();
    assert_eq!(
        dates,
        [
            "2026-11-19",
            "2026-11-20",
            "2026-11-21",
            "2026-11-22",
            "2026-11-23"
        ]
        .map(date)
    );
    // Nov 20 starts at 2026-11-19T23:00:00Z.
    assert_eq!(u.days[1].start, at("2026-11-19T23:00:00Z").timestamp());
    let bars = &u.components[0].bars;
    let major = |k: usize| bars[k].tally.of(ComponentStatus::MajorOutage);
    assert_eq!(
        (major(0), major(1), major(2), major(3)),
        (0, 30 * MIN, 90 * MIN, 0)
    );
    assert_eq!(bars[1].worst(), ComponentStatus::MajorOutage);
    assert_eq!(bars[3].worst(), ComponentStatus::Operational);
    assert_eq!((bars[1].incidents.len(), bars[2].incidents.len()), (1, 1));
    // Today (Nov 23) is observed from 23:00 UTC the day before to the clock: 13 hours.
    assert_eq!(bars[4].observed, 13 * 60 * MIN);
}

#[test]
fn daylight_saving_days_last_23_and_25_hours() {
    // Berlin moves from UTC+1 to UTC+2 on 2026-03-29: that day runs from 2026-03-28T23:00Z to
    // 2026-03-29T22:00Z, 23 hours. The outage 21:00–23:00 UTC is 23:00 CEST – 01:00 CEST: 60
    // minutes on Mar 29 and 60 on Mar 30. Mar 29 uptime: 1 − 60/1380 = 95.652…% → 95.65 %.
    let (_, u) = compute(
        "time_zone = \"Europe/Berlin\"\nuptime_days = 4\n",
        ONE,
        &[&incident(
            "{ api = \"major_outage\" }",
            "2026-03-29T21:00:00Z",
            Some("2026-03-29T23:00:00Z"),
        )],
        &[],
        "2026-03-31T12:00:00Z",
    );
    assert_eq!(u.days[1].date, date("2026-03-29"));
    assert_eq!(u.days[1].end - u.days[1].start, 23 * 60 * MIN);
    assert_eq!(u.days[0].end - u.days[0].start, 24 * 60 * MIN);
    let bars = &u.components[0].bars;
    assert_eq!(bars[1].observed, 1380 * MIN);
    assert_eq!(bars[1].tally.of(ComponentStatus::MajorOutage), 60 * MIN);
    assert_eq!(bars[2].tally.of(ComponentStatus::MajorOutage), 60 * MIN);
    let day = Figure {
        days: 1,
        observed: bars[1].observed,
        tally: bars[1].tally,
        downtime: bars[1].tally.downtime(&Weights::default()),
    };
    assert_eq!(day.uptime_hundredths(), Some(9565));

    // Back to UTC+1 on 2026-10-25: that day runs 2026-10-24T22:00Z – 2026-10-25T23:00Z, 25 hours.
    let autumn = daily::days(date("2026-10-25"), 1, "Europe/Berlin".parse().unwrap());
    assert_eq!(autumn[0].start, at("2026-10-24T22:00:00Z").timestamp());
    assert_eq!(autumn[0].end - autumn[0].start, 25 * 60 * MIN);
}

#[test]
fn overlapping_incidents_count_once_at_the_worst_status() {
    // A: partial outage 10:00–12:00. B: major outage 11:00–11:30.
    // Worst status: partial 10:00–11:00 (60 min), major 11:00–11:30 (30), partial 11:30–12:00 (30).
    // Downtime = 30 × 1 + 90 × 0.3 = 57 minutes (not 30 + 120 × 0.3 = 66).
    let (_, u) = compute(
        "",
        ONE,
        &[
            &incident(
                "{ api = \"partial_outage\" }",
                "2026-11-20T10:00:00Z",
                Some("2026-11-20T12:00:00Z"),
            ),
            &incident(
                "{ api = \"major_outage\" }",
                "2026-11-20T11:00:00Z",
                Some("2026-11-20T11:30:00Z"),
            ),
        ],
        &[],
        "2026-11-23T12:00:00Z",
    );
    let day = &u.components[0].bars[u.days.len() - 4];
    assert_eq!(u.days[u.days.len() - 4].date, date("2026-11-20"));
    assert_eq!(day.tally.of(ComponentStatus::PartialOutage), 90 * MIN);
    assert_eq!(day.tally.of(ComponentStatus::MajorOutage), 30 * MIN);
    assert_eq!(day.tally.downtime(&Weights::default()), 57 * MIN * 1000);
    assert_eq!(day.worst(), ComponentStatus::MajorOutage);
    // Both incidents are listed on the day, newest start first.
    assert_eq!(day.incidents, [1, 0]);
    let segments = downtime::sweep(&[
        Interval {
            start: 0,
            end: 120,
            status: ComponentStatus::PartialOutage,
        },
        Interval {
            start: 60,
            end: 90,
            status: ComponentStatus::MajorOutage,
        },
    ]);
    assert_eq!(
        segments,
        [
            Interval {
                start: 0,
                end: 60,
                status: ComponentStatus::PartialOutage
            },
            Interval {
                start: 60,
                end: 90,
                status: ComponentStatus::MajorOutage
            },
            Interval {
                start: 90,
                end: 120,
                status: ComponentStatus::PartialOutage
            },
        ]
    );
}

#[test]
fn an_ongoing_incident_lasts_until_the_clock() {
    // Major outage since 10:00 UTC, unresolved, clock at 12:00: 120 minutes so far.
    // 30-day window: 43 200 minutes observed, 120 down: 1 − 120/43200 = 99.7222…% → 99.72 %.
    let (_, u) = compute(
        "",
        ONE,
        &[&incident(
            "{ api = \"major_outage\" }",
            "2026-11-23T10:00:00Z",
            None,
        )],
        &[],
        "2026-11-23T12:00:00Z",
    );
    let r = &u.components[0];
    let today = r.bars.last().unwrap();
    assert_eq!(today.observed, 720 * MIN);
    assert_eq!(today.tally.of(ComponentStatus::MajorOutage), 120 * MIN);
    assert_eq!(r.windows[0].days, 30);
    assert_eq!(r.windows[0].observed, 43_200 * MIN);
    assert_eq!(r.windows[0].downtime_minutes(), 120.0);
    assert_eq!(r.windows[0].uptime_hundredths(), Some(9972));
}

#[test]
fn maintenance_is_not_downtime_but_an_incident_during_it_is() {
    // Maintenance 02:00–04:00 on api and web; a partial outage of api 03:00–05:00.
    // api: maintenance 02:00–03:00 (weight 0), partial 03:00–05:00: 120 × 0.3 = 36 minutes.
    // web: maintenance only, no downtime; its day shows under maintenance.
    let two = "[[component]]\nid = \"api\"\n[[component]]\nid = \"web\"\n";
    let (_, u) = compute(
        "",
        two,
        &[&incident(
            "{ api = \"partial_outage\" }",
            "2026-11-20T03:00:00Z",
            Some("2026-11-20T05:00:00Z"),
        )],
        &[
            "+++\ntitle = \"Upgrade\"\nstart = 2026-11-20T02:00:00Z\nend = 2026-11-20T04:00:00Z\naffected = [\"api\", \"web\"]\n+++\n",
        ],
        "2026-11-23T12:00:00Z",
    );
    let k = u
        .days
        .iter()
        .position(|d| d.date == date("2026-11-20"))
        .unwrap();
    let (api, web) = (&u.components[0].bars[k], &u.components[1].bars[k]);
    assert_eq!(api.tally.of(ComponentStatus::UnderMaintenance), 60 * MIN);
    assert_eq!(api.tally.of(ComponentStatus::PartialOutage), 120 * MIN);
    assert_eq!(api.tally.downtime(&Weights::default()), 36 * MIN * 1000);
    assert_eq!(api.worst(), ComponentStatus::PartialOutage);
    assert_eq!(web.tally.of(ComponentStatus::UnderMaintenance), 120 * MIN);
    assert_eq!(web.tally.downtime(&Weights::default()), 0);
    assert_eq!(web.worst(), ComponentStatus::UnderMaintenance);
    assert_eq!(
        (web.maintenance.as_slice(), web.incidents.len()),
        (&[0][..], 0)
    );
    assert_eq!(u.components[1].windows[0].uptime_hundredths(), Some(10_000));
}

#[test]
fn a_group_takes_its_worst_member_at_each_instant() {
    // api: partial 10:00–12:00. web: major 11:00–11:30 and degraded 13:00–14:00.
    // Group: partial 10:00–11:00, major 11:00–11:30, partial 11:30–12:00, degraded 13:00–14:00.
    // Downtime: api 120 × 0.3 = 36, web 30, group 30 + 90 × 0.3 = 57 minutes (not 36 + 30 = 66).
    let group = "[[group]]\nid = \"core\"\n[[component]]\nid = \"api\"\ngroup = \"core\"\n[[component]]\nid = \"web\"\ngroup = \"core\"\n[[component]]\nid = \"mail\"\n";
    let (_, u) = compute(
        "",
        group,
        &[
            &incident(
                "{ api = \"partial_outage\" }",
                "2026-11-20T10:00:00Z",
                Some("2026-11-20T12:00:00Z"),
            ),
            &incident(
                "{ web = \"major_outage\" }",
                "2026-11-20T11:00:00Z",
                Some("2026-11-20T11:30:00Z"),
            ),
            &incident(
                "{ web = \"degraded_performance\" }",
                "2026-11-20T13:00:00Z",
                Some("2026-11-20T14:00:00Z"),
            ),
        ],
        &[],
        "2026-11-23T12:00:00Z",
    );
    let w = |r: &Record| r.windows[0].downtime_minutes();
    assert_eq!(w(&u.components[0]), 36.0);
    assert_eq!(w(&u.components[1]), 30.0);
    assert_eq!(w(&u.components[2]), 0.0);
    let g = &u.groups[0];
    assert_eq!(w(g), 57.0);
    let k = u
        .days
        .iter()
        .position(|d| d.date == date("2026-11-20"))
        .unwrap();
    assert_eq!(g.bars[k].tally.of(ComponentStatus::PartialOutage), 90 * MIN);
    assert_eq!(
        g.bars[k].tally.of(ComponentStatus::DegradedPerformance),
        60 * MIN
    );
    assert_eq!(g.bars[k].worst(), ComponentStatus::MajorOutage);
    // All three incidents on the group's day, newest first; each component sees its own.
    assert_eq!(g.bars[k].incidents, [2, 1, 0]);
    assert_eq!(u.components[1].bars[k].incidents, [2, 1]);
    assert_eq!(g.stats.count, 3);
}

#[test]
fn days_before_since_have_no_data() {
    // since = Nov 21, i.e. from 2026-11-20T23:00Z in Berlin. Bars Nov 19–23: Nov 19 and 20 have
    // no data. The 30-day window holds only 23:00Z Nov 20 → 12:00Z Nov 23 = 61 h = 3660 min.
    // A 60-minute major outage: 1 − 60/3660 = 98.3606…% → 98.36 %.
    let comp =
        "[[group]]\nid = \"g\"\n[[component]]\nid = \"new\"\ngroup = \"g\"\nsince = 2026-11-21\n";
    let (_, u) = compute(
        "time_zone = \"Europe/Berlin\"\nuptime_days = 5\n",
        comp,
        &[&incident(
            "{ new = \"major_outage\" }",
            "2026-11-22T08:00:00Z",
            Some("2026-11-22T09:00:00Z"),
        )],
        &[],
        "2026-11-23T12:00:00Z",
    );
    let r = &u.components[0];
    assert_eq!(
        r.bars.iter().map(|b| b.data).collect::<Vec<_>>(),
        [false, false, true, true, true]
    );
    assert_eq!(r.since, Some(at("2026-11-20T23:00:00Z").timestamp()));
    assert_eq!(r.windows[0].observed, 3660 * MIN);
    assert_eq!(r.windows[0].uptime_hundredths(), Some(9836));
    // Its only-member group starts at the same time.
    assert_eq!(u.groups[0].since, r.since);
    assert_eq!(u.groups[0].windows[2].uptime_hundredths(), Some(9836));
}

#[test]
fn slo_exactly_met_and_exactly_missed() {
    // slo = 99.9 over 10 days: budget = 14 400 min × 0.001 = 14.4 minutes.
    // api: 48 min partial × 0.3 = 14.4 min spent → exactly met, 0 left.
    // web: 49 min partial × 0.3 = 14.7 min spent → missed by 0.3 min.
    let comps = "[[component]]\nid = \"api\"\nslo = 99.9\nslo_window_days = 10\n[[component]]\nid = \"web\"\nslo = 99.9\nslo_window_days = 10\n";
    let (_, u) = compute(
        "",
        comps,
        &[
            &incident(
                "{ api = \"partial_outage\" }",
                "2026-11-20T10:00:00Z",
                Some("2026-11-20T10:48:00Z"),
            ),
            &incident(
                "{ web = \"partial_outage\" }",
                "2026-11-20T10:00:00Z",
                Some("2026-11-20T10:49:00Z"),
            ),
        ],
        &[],
        "2026-11-23T12:00:00Z",
    );
    let api = u.components[0].slo.unwrap();
    assert_eq!(api.observed, 14_400 * MIN);
    assert!((api.budget_minutes() - 14.4).abs() < 1e-9);
    assert!((api.spent_minutes() - 14.4).abs() < 1e-9);
    assert!(api.met());
    assert!(api.remaining_minutes().abs() < 1e-9);
    let web = u.components[1].slo.unwrap();
    assert!((web.spent_minutes() - 14.7).abs() < 1e-9);
    assert!(!web.met());
    assert!((web.remaining_minutes() + 0.3).abs() < 1e-9);
}

#[test]
fn uptime_is_rounded_down_so_downtime_never_shows_as_100() {
    // 365 days = 525 600 min; 21 min down: 1 − 21/525600 = 99.99600…% → 99.99 %, never 100 %.
    let f = Figure {
        days: 365,
        observed: 525_600 * MIN,
        tally: Tally::default(),
        downtime: 21 * MIN * 1000,
    };
    assert_eq!(f.uptime_hundredths(), Some(9999));
    // 2 seconds down in 365 days is still below 100 %.
    let f = Figure {
        downtime: 2000,
        ..f
    };
    assert_eq!(f.uptime_hundredths(), Some(9999));
    let f = Figure { downtime: 0, ..f };
    assert_eq!(f.uptime_hundredths(), Some(10_000));
    let f = Figure { observed: 0, ..f };
    assert_eq!(f.uptime_hundredths(), None);
}

#[test]
fn incident_statistics_by_hand() {
    // Cadence 30 minutes.
    // p0: 10:00–11:00, updates 10:10 (Investigating), 10:35 (Identified), 11:00 (Resolved).
    //     resolve 60 min; first update after 10 min; gaps 10:10→10:35 = 25 ✓, 10:35→11:00 = 25 ✓.
    // p1: 10:00–14:00, updates 10:20 (Investigating), 11:30 (Update), 14:00 (Resolved).
    //     resolve 240 min; first update after 20 min; gaps 70 ✗, 150 ✗.
    // p2: 10:00, open, update 11:00 (Investigating); clock 12:00.
    //     first update after 60 min; the running gap 11:00→12:00 = 60 > 30 counts as missed.
    // p3: 10:00–10:30, no updates: resolve 30 min, no update facts.
    // Page: 4 incidents, 3 resolved; mean resolve (60 + 240 + 30)/3 = 110 min, median 60 min;
    // mean first update (10 + 20 + 60)/3 = 30 min; cadence kept 2 of 5.
    let up = |word: &str, t: &str| format!("## {word} — 2026-11-20 {t} UTC\nText.\n");
    let p0 = format!(
        "{}{}{}{}",
        incident("[\"api\"]", "2026-11-20T10:00:00Z", None),
        up("Resolved", "11:00"),
        up("Identified", "10:35"),
        up("Investigating", "10:10")
    );
    let p1 = format!(
        "{}{}{}{}",
        incident("[\"api\"]", "2026-11-20T10:00:00Z", None),
        up("Resolved", "14:00"),
        up("Update", "11:30"),
        up("Investigating", "10:20")
    );
    let p2 = format!(
        "{}{}",
        incident("[\"web\"]", "2026-11-20T10:00:00Z", None),
        up("Investigating", "11:00")
    );
    let p3 = incident(
        "[\"web\"]",
        "2026-11-20T10:00:00Z",
        Some("2026-11-20T10:30:00Z"),
    );
    let two = "[[component]]\nid = \"api\"\n[[component]]\nid = \"web\"\n";
    let (_, u) = compute("", two, &[&p0, &p1, &p2, &p3], &[], "2026-11-20T12:00:00Z");
    let s = u.stats;
    assert_eq!((s.count, s.resolved), (4, 3));
    assert_eq!(s.resolve_mean, Some(110 * MIN));
    assert_eq!(s.resolve_median, Some(60 * MIN));
    assert_eq!(s.first_update_mean, Some(30 * MIN));
    assert_eq!((s.cadence_kept, s.cadence_total), (2, 5));
    // api: p0 and p1: mean (60 + 240)/2 = 150, median of two = 150, cadence 2 of 4.
    let api = u.components[0].stats;
    assert_eq!(
        (api.resolve_mean, api.resolve_median),
        (Some(150 * MIN), Some(150 * MIN))
    );
    assert_eq!((api.cadence_kept, api.cadence_total), (2, 4));
    // At 11:20 the running gap of p2 is only 20 minutes: it does not count yet.
    let (_, early) = compute("", two, &[&p2], &[], "2026-11-20T11:20:00Z");
    assert_eq!(
        (early.stats.cadence_kept, early.stats.cadence_total),
        (0, 0)
    );
}

#[test]
fn a_manual_status_counts_from_the_start_of_today() {
    // `status = "major_outage"` in the catalogue, no incident. Berlin: today (Nov 23) starts at
    // 2026-11-22T23:00Z; the clock is at 12:00Z, so 13 hours = 780 minutes of major outage today,
    // and nothing before. 30 days: 1 − 780/43200 = 98.194…% → 98.19 %. The group follows.
    let components = "[[group]]\nid = \"g\"\n[[component]]\nid = \"api\"\ngroup = \"g\"\nstatus = \"major_outage\"\n[[component]]\nid = \"web\"\ngroup = \"g\"\n";
    let (_, u) = compute(
        "time_zone = \"Europe/Berlin\"\nuptime_days = 5\n",
        components,
        &[],
        &[],
        "2026-11-23T12:00:00Z",
    );
    let api = &u.components[0];
    let today = api.bars.last().unwrap();
    assert_eq!(today.worst(), ComponentStatus::MajorOutage);
    assert_eq!(today.tally.of(ComponentStatus::MajorOutage), 780 * MIN);
    assert_eq!(api.bars[3].worst(), ComponentStatus::Operational);
    assert_eq!(api.windows[0].downtime_minutes(), 780.0);
    assert_eq!(api.windows[0].uptime_hundredths(), Some(9819));
    assert_eq!(u.components[1].windows[0].downtime_minutes(), 0.0);
    assert_eq!(
        u.groups[0].bars.last().unwrap().worst(),
        ComponentStatus::MajorOutage
    );
    assert_eq!(u.groups[0].windows[0].downtime_minutes(), 780.0);
}

#[test]
fn a_manual_status_starts_no_earlier_than_since() {
    // `since` is today: data starts at local midnight anyway. `since` in the future: nothing.
    let components = "[[component]]\nid = \"api\"\nstatus = \"partial_outage\"\nsince = 2026-11-23\n[[component]]\nid = \"new\"\nstatus = \"major_outage\"\nsince = 2026-11-30\n";
    let (_, u) = compute(
        "uptime_days = 3\n",
        components,
        &[],
        &[],
        "2026-11-23T06:00:00Z",
    );
    let today = u.components[0].bars.last().unwrap();
    assert_eq!(today.tally.of(ComponentStatus::PartialOutage), 360 * MIN);
    assert_eq!(u.components[1].windows[0].downtime_minutes(), 0.0);
    assert_eq!(u.components[1].windows[0].observed, 0);
}

#[test]
fn the_history_lists_a_post_on_the_days_its_bar_shows_it() {
    // Over the spring and autumn changes in Berlin, spans that start or end on a local midnight,
    // last no time, or run for days: the first and last dates `touched_dates` gives are the first
    // and last days `bars` attaches the post to.
    let tz: chrono_tz::Tz = "Europe/Berlin".parse().unwrap();
    for (today, count) in [(date("2026-04-02"), 8), (date("2026-10-28"), 8)] {
        let days = daily::days(today, count, tz);
        let first = days[0].start;
        let mut spans = Vec::new();
        for d in &days[..days.len() - 1] {
            for (a, b) in [
                (d.start, d.start),
                (d.start, d.end),
                (d.start - 1, d.start + 1),
                (d.end - 1, d.end),
                (d.start + 3600, d.end + 7 * 3600),
                (d.start + 60, d.start + 3 * 86_400),
            ] {
                spans.push((a.max(first), b));
            }
        }
        for (k, &(start, end)) in spans.iter().enumerate() {
            let bars = daily::bars(&days, i64::MAX, None, &[], &[(start, end, k)], &[]);
            let touched: Vec<NaiveDate> = days
                .iter()
                .zip(&bars)
                .filter(|(_, b)| b.incidents.contains(&k))
                .map(|(d, _)| d.date)
                .collect();
            let (from, to) = daily::touched_dates(start, end, tz);
            let expected: Vec<NaiveDate> = from
                .iter_days()
                .take_while(|d| *d <= to)
                .filter(|d| *d <= today)
                .collect();
            assert_eq!(touched, expected, "span {start}..{end}");
        }
    }
}
