use super::*;
use crate::model::probe_data::{ProbeData, UpstreamRead, Verdict};

fn now() -> DateTime<Utc> {
    "2026-11-23T12:00:00Z".parse().unwrap()
}

fn day(date: &str, checks: u32, failures: u32, p50: u32, p95: u32, down: u32) -> Daily {
    Daily {
        date: date.parse().unwrap(),
        checks,
        failures,
        slow: 0,
        p50_ms: Some(p50),
        p95_ms: Some(p95),
        max_ms: Some(p95),
        downtime_minutes: down,
    }
}

fn sample(time: &str, result: Verdict, latency_ms: u32) -> Sample {
    Sample {
        time: time.parse().unwrap(),
        result,
        latency_ms,
        detail: String::new(),
    }
}

#[test]
fn windows_count_only_their_days() {
    let daily = vec![
        day("2026-08-01", 288, 288, 0, 0, 1440), // outside both windows
        day("2026-08-26", 288, 10, 100, 200, 50), // first day of the 90-day window
        day("2026-10-24", 288, 2, 100, 200, 10), // 31 days ago: only in 90
        day("2026-10-25", 288, 1, 100, 200, 5),  // first day of the 30-day window
        day("2026-11-23", 144, 0, 100, 200, 0),  // today, 12 hours in
    ];
    let m30 = measured(&daily, 30, now());
    assert_eq!(m30.checks, 288 + 144);
    assert_eq!(m30.failures, 1);
    assert_eq!(m30.downtime_minutes, 5);
    assert_eq!(m30.covered_minutes, 1440 + 720);
    // 1 − 5 / 2160 = 99.768…%
    assert_eq!(m30.uptime_hundredths(), Some(9976));
    // 431 of 432 = 99.768…%
    assert_eq!(m30.success_hundredths(), Some(9976));

    let m90 = measured(&daily, 90, now());
    assert_eq!(m90.checks, 288 * 3 + 144);
    assert_eq!(m90.failures, 13);
    assert_eq!(m90.downtime_minutes, 65);
    assert_eq!(m90.covered_minutes, 1440 * 3 + 720);
}

#[test]
fn no_rows_means_no_figure() {
    let daily = vec![day("2026-01-01", 10, 0, 1, 2, 0)];
    let m = measured(&daily, 30, now());
    assert_eq!(m.success_hundredths(), None);
    assert_eq!(m.uptime_hundredths(), None);
    assert_eq!(measured(&[], 90, now()).uptime_hundredths(), None);
}

#[test]
fn downtime_never_exceeds_the_covered_time() {
    // Today is 12 hours old: a row claiming 1440 minutes down counts 720.
    let daily = vec![day("2026-11-23", 10, 10, 0, 0, 1440)];
    let m = measured(&daily, 30, now());
    assert_eq!(m.downtime_minutes, 720);
    assert_eq!(m.uptime_hundredths(), Some(0));
    assert_eq!(m.success_hundredths(), Some(0));
}

#[test]
fn rows_after_the_clock_are_left_out() {
    let daily = vec![
        day("2026-11-22", 288, 0, 100, 200, 0),
        day("2026-11-24", 288, 288, 100, 200, 1440),
    ];
    let m = measured(&daily, 30, now());
    assert_eq!(m.checks, 288);
    assert_eq!(m.uptime_hundredths(), Some(10_000));
}

#[test]
fn chart_days_and_last_day_samples() {
    let daily = vec![
        day("2026-08-25", 1, 0, 1, 1, 0), // 91 days ago: not charted
        day("2026-08-26", 1, 0, 90, 180, 0),
        day("2026-11-23", 1, 0, 110, 220, 0),
    ];
    let samples = vec![
        sample("2026-11-22T11:55:00Z", Verdict::Ok, 10), // more than 24 hours ago
        sample("2026-11-22T12:05:00Z", Verdict::Slow, 2000),
        sample("2026-11-23T11:55:00Z", Verdict::Down, 5000),
        sample("2026-11-23T12:05:00Z", Verdict::Ok, 30), // after the clock
    ];
    let data = ProbeData {
        samples,
        daily,
        upstream: None,
    };
    let f = figures(0, 3, &data, now());
    assert_eq!(f.component, 3);
    let dates: Vec<String> = f.days.iter().map(|d| d.date.to_string()).collect();
    assert_eq!(dates, ["2026-08-26", "2026-11-23"]);
    assert_eq!(f.days[1].p50_ms, Some(110));
    assert_eq!(f.days[1].p95_ms, Some(220));
    let latencies: Vec<u32> = f.last_day.iter().map(|s| s.latency_ms).collect();
    assert_eq!(latencies, [2000, 5000]);
    assert_eq!(f.latest.as_ref().map(|s| s.result), Some(Verdict::Down));
    assert_eq!(f.windows.len(), WINDOWS.len());
    assert_eq!(f.upstream, None);
}

#[test]
fn an_upstream_reading_counts_when_taken_by_the_build_clock() {
    let read = |at: &str| ProbeData {
        upstream: Some(UpstreamRead::new(
            at.parse().unwrap(),
            "API",
            "major_outage",
            Vec::new(),
        )),
        ..ProbeData::default()
    };
    let f = figures(0, 0, &read("2026-11-23T12:00:00Z"), now());
    assert_eq!(
        f.upstream.and_then(|u| u.status),
        Some("major_outage".to_string())
    );
    let later = figures(0, 0, &read("2026-11-23T12:05:00Z"), now());
    assert_eq!(later.upstream, None, "read after the clock");
}

#[test]
fn an_slo_on_probes_spends_the_worst_probe_of_each_day() {
    use crate::model::probes::Probes;
    let mut site = crate::fixture::site(&[], &[]);
    let toml = "[[probe]]\nid = \"a\"\ncomponent = \"api\"\nkind = \"tcp\"\nhost = \"h\"\nport = 1\n\n[[probe]]\nid = \"b\"\ncomponent = \"api\"\nkind = \"tcp\"\nhost = \"h\"\nport = 2\n\n[[probe]]\nid = \"up\"\ncomponent = \"api\"\nkind = \"statuspage\"\nurl = \"https://s.test\"\nupstream_component = \"x\"\n";
    site.probes = Probes::parse(crate::model::toml_source::TomlSource::file(
        std::path::Path::new("probes.toml"),
        toml,
    ))
    .unwrap();
    let data = |rows: Vec<Daily>| ProbeData {
        samples: Vec::new(),
        daily: rows,
        upstream: None,
    };
    site.probe_data.insert(
        "a".into(),
        data(vec![
            day("2026-11-21", 1, 1, 1, 1, 10),
            day("2026-11-22", 1, 1, 1, 1, 5),
        ]),
    );
    site.probe_data.insert(
        "b".into(),
        data(vec![
            day("2026-11-22", 1, 1, 1, 1, 30),
            day("2026-11-23", 1, 1, 1, 1, 1000),
        ]),
    );
    // The upstream probe's downtime is the provider's, not the component's.
    site.probe_data
        .insert("up".into(), data(vec![day("2026-11-20", 1, 1, 1, 1, 1440)]));
    // 10 + max(5, 30) + min(1000, 720 minutes of today); three days covered.
    assert_eq!(
        worst_downtime(&site, "api", 30, now()),
        (1440 + 1440 + 720, 10 + 30 + 720)
    );
    // A window of 1 day is today alone.
    assert_eq!(worst_downtime(&site, "api", 1, now()), (720, 720));
    assert_eq!(worst_downtime(&site, "web", 30, now()), (0, 0));
}
