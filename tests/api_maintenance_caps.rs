//! The Statuspage API's maintenance lists hold at most 50 windows, as its incident lists do
//! (a recurring window counts once ahead: its next occurrence): `upcoming.json`
//! keeps those that start soonest, `active.json` those that started last, and `summary.json`
//! every active window, then the soonest upcoming ones; each list latest start first.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::{NOW, TempSite, assert_ok};
use serde_json::Value;

const LIMIT: usize = 50;

/// Every day 02:00–03:00 in Berlin (the site zone), from 1 September, without an end.
const DAILY: &str = "+++
title = \"Nightly index rebuild\"
start = 2026-09-01T02:00:00
end = 2026-09-01T03:00:00
repeat = \"FREQ=DAILY\"
affected = [\"api\"]
+++
Search indexes are rebuilt; queries may be slower.

## Scheduled — 2026-08-25 10:00 UTC
Every night from September.
";

fn now() -> DateTime<Utc> {
    NOW.parse().unwrap()
}

fn wire(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// A single window from `start` to `end` on the website, announced a week before.
fn single(title: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let rfc = |t: DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    // A week before, or yesterday for windows more than a week ahead of the build.
    let announced = (start - Duration::days(7))
        .min(now() - Duration::days(1))
        .format("%Y-%m-%d %H:%M UTC");
    format!(
        "+++\ntitle = \"{title}\"\nstart = {}\nend = {}\naffected = [\"web\"]\n+++\nWork on the website.\n\n## Scheduled — {announced}\nPlanned.\n",
        rfc(start),
        rfc(end)
    )
}

fn built(site: &TempSite) -> impl Fn(&str) -> Vec<(String, String, String)> + '_ {
    assert_ok(&site.run(&["build"]));
    move |rel: &str| {
        let v: Value = serde_json::from_str(&site.read_output(rel)).unwrap();
        let list = v["scheduled_maintenances"].as_array().unwrap();
        list.iter()
            .map(|m| {
                let s = |k: &str| m[k].as_str().unwrap().to_string();
                (s("id"), s("status"), s("scheduled_for"))
            })
            .collect()
    }
}

fn starts(list: &[(String, String, String)]) -> Vec<&str> {
    list.iter().map(|e| e.2.as_str()).collect()
}

/// The occurrences of [`DAILY`] after [`NOW`], soonest first: 02:00 CET is 01:00 UTC all winter.
fn daily_ahead(n: usize) -> Vec<String> {
    let first: DateTime<Utc> = "2026-11-24T01:00:00Z".parse().unwrap();
    (0..n as i64)
        .map(|d| wire(first + Duration::days(d)))
        .collect()
}

#[test]
fn upcoming_keeps_the_50_soonest_windows_and_a_series_once() {
    let site = TempSite::new();
    site.write("maintenance/nightly-index.md", DAILY);
    // 60 single windows, one a day at noon from tomorrow.
    let noon = |d: i64| now() + Duration::days(d);
    for d in 1..=60 {
        site.write(
            &format!("maintenance/website-{d:02}.md"),
            &single(
                &format!("Website work {d}"),
                noon(d),
                noon(d) + Duration::hours(1),
            ),
        );
    }
    let migration = single(
        "Website migration",
        now() - Duration::hours(3),
        now() + Duration::hours(3),
    );
    site.write("maintenance/website-migration.md", &migration);
    let read = built(&site);

    // Upcoming: the daily series once (its next night), then the 49 soonest single windows;
    // latest first as before, the soonest last.
    let upcoming = read("api/v2/scheduled-maintenances/upcoming.json");
    assert_eq!(upcoming.len(), LIMIT);
    let mut soonest: Vec<String> = daily_ahead(1);
    soonest.extend((1..LIMIT as i64).map(|d| wire(noon(d))));
    soonest.reverse();
    assert_eq!(starts(&upcoming), soonest);
    assert!(upcoming.iter().all(|e| e.1 == "scheduled"));
    // The series' later nights are on its page only, not in any list.
    let all = read("api/v2/scheduled-maintenances.json");
    let second_night = daily_ahead(2)[1].clone();
    for list in [&upcoming, &all] {
        assert!(!starts(list).contains(&second_night.as_str()));
    }
    assert!(!starts(&upcoming).contains(&wire(noon(LIMIT as i64)).as_str()));

    // Active: the migration under way.
    let active = read("api/v2/scheduled-maintenances/active.json");
    assert_eq!(starts(&active), [wire(now() - Duration::hours(3))]);
    assert_eq!(active[0].1, "in_progress");

    // The summary: the active window, and the 49 soonest upcoming ones before it.
    let summary = read("api/v2/summary.json");
    assert_eq!(summary.len(), LIMIT);
    assert_eq!(summary[..LIMIT - 1], upcoming[1..]);
    assert_eq!(summary[LIMIT - 1], active[0]);
}

#[test]
fn more_than_50_active_windows_keep_those_that_started_last() {
    let site = TempSite::new();
    site.write("maintenance/nightly-index.md", DAILY);
    // 52 windows under way, started 1 to 52 hours ago.
    for k in 1..=52 {
        let text = single(
            &format!("Website work {k}"),
            now() - Duration::hours(k),
            now() + Duration::hours(6),
        );
        site.write(&format!("maintenance/website-work-{k}.md"), &text);
    }
    let read = built(&site);

    let active = read("api/v2/scheduled-maintenances/active.json");
    let latest: Vec<String> = (1..=LIMIT as i64)
        .map(|k| wire(now() - Duration::hours(k)))
        .collect();
    assert_eq!(starts(&active), latest);
    assert!(active.iter().all(|e| e.1 == "in_progress"));
    // The summary has no room left for upcoming windows.
    assert_eq!(read("api/v2/summary.json"), active);
    // ... although the daily series has its next night upcoming.
    assert_eq!(
        starts(&read("api/v2/scheduled-maintenances/upcoming.json")),
        daily_ahead(1)
    );
}
