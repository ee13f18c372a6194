use super::*;
use crate::diagnostic::located;
use crate::fixture::at;

fn sample(time: &str, result: Verdict, latency_ms: u32, detail: &str) -> Sample {
    Sample {
        time: at(time),
        result,
        latency_ms,
        detail: detail.to_string(),
    }
}

#[test]
fn samples_round_trip_with_details_quoted_as_csv_quotes_them() {
    let samples = vec![
        sample("2026-11-23T12:00:00Z", Verdict::Ok, 12, "HTTP 200"),
        sample(
            "2026-11-23T12:05:00Z",
            Verdict::Down,
            5000,
            "HTTP 500, body without \"ok\"\nmore",
        ),
        sample("2026-11-23T12:10:00Z", Verdict::Slow, 1700, ""),
    ];
    let text = format_samples(&samples);
    assert_eq!(
        text,
        "time,result,latency_ms,detail\n2026-11-23T12:00:00Z,ok,12,HTTP 200\n2026-11-23T12:05:00Z,down,5000,\"HTTP 500, body without \"\"ok\"\" more\"\n2026-11-23T12:10:00Z,slow,1700,\n"
    );
    let back = parse_samples(Path::new("s.csv"), &text).unwrap();
    assert_eq!(back[1].detail, "HTTP 500, body without \"ok\" more");
    assert_eq!(format_samples(&back), text);
}

#[test]
fn malformed_rows_are_reported_with_their_line() {
    let text = "time,result,latency_ms,detail\n2026-11-23T12:00:00Z,ok,12,x\nyesterday,ok,1,x\n2026-11-23T12:10:00Z,up,1,x\n2026-11-23T12:15:00Z,ok,-3,x\n2026-11-23T12:20:00Z,ok,3\n";
    let errors = parse_samples(Path::new("s.csv"), text).unwrap_err();
    assert_eq!(
        located(&errors),
        [
            "3:1 malformed sample: `yesterday` is not an RFC 3339 time",
            "4:1 malformed sample: `up` is not one of ok, slow, down",
            "5:1 malformed sample: `-3` is not a number of milliseconds",
            "6:1 malformed sample: expected 4 fields",
        ]
    );
    let wrong = parse_samples(Path::new("s.csv"), "when,what\n").unwrap_err();
    assert_eq!(
        located(&wrong),
        ["1:1 the first line is not the header `time,result,latency_ms,detail`"]
    );
    let daily = parse_daily(
        Path::new("d.csv"),
        &format!("{DAILY_HEADER}\n2026-11-23,3,4,0,,,,0\n2026-11-24,1,0,0,1,1,1\n"),
    )
    .unwrap_err();
    assert_eq!(
        located(&daily),
        [
            "2:1 malformed daily row: more failures and slow samples than checks",
            "3:1 malformed daily row: expected 8 fields, found 7",
        ]
    );
}

#[test]
fn rollups_count_percentiles_and_downtime_capped_at_twice_the_median_interval() {
    // Every 5 minutes; down at 23:50 and 23:55 (10 minutes split over two days), a gap of an
    // hour after a down sample at 00:10 counts only 10 minutes.
    let samples = vec![
        sample("2026-11-22T23:45:00Z", Verdict::Ok, 100, ""),
        sample("2026-11-22T23:50:00Z", Verdict::Down, 5000, ""),
        sample("2026-11-22T23:55:00Z", Verdict::Down, 5000, ""),
        sample("2026-11-23T00:00:00Z", Verdict::Slow, 1600, ""),
        sample("2026-11-23T00:05:00Z", Verdict::Ok, 200, ""),
        sample("2026-11-23T00:10:00Z", Verdict::Down, 10, ""),
        sample("2026-11-23T01:10:00Z", Verdict::Ok, 300, ""),
    ];
    let rows = rollup(&samples);
    assert_eq!(
        format_daily(&rows),
        format!(
            "{DAILY_HEADER}\n2026-11-22,3,2,0,100,100,100,10\n2026-11-23,4,1,1,300,1600,1600,10\n"
        )
    );
    // The last sample has no next one yet: its time counts once the next run comes.
    let rows = rollup(&samples[..3]);
    assert_eq!(rows[0].downtime_minutes, 5);
    assert_eq!(
        parse_daily(Path::new("d.csv"), &format_daily(&rows)).unwrap(),
        rows
    );
}

#[test]
fn a_day_that_scrolled_partly_out_of_the_samples_keeps_its_row() {
    let full = rollup(&[
        sample("2026-11-20T10:00:00Z", Verdict::Ok, 100, ""),
        sample("2026-11-20T10:05:00Z", Verdict::Down, 1, ""),
        sample("2026-11-21T10:00:00Z", Verdict::Ok, 100, ""),
    ]);
    let partial = rollup(&[
        sample("2026-11-20T10:05:00Z", Verdict::Down, 1, ""),
        sample("2026-11-21T10:00:00Z", Verdict::Ok, 100, ""),
        sample("2026-11-21T10:05:00Z", Verdict::Ok, 100, ""),
    ]);
    let merged = merge(&full, partial);
    assert_eq!(merged.len(), 2);
    assert_eq!(merged[0], full[0], "the partial day keeps its full row");
    assert_eq!(
        merged[1].checks, 2,
        "a day with all its samples is computed again"
    );
}

#[test]
fn a_year_of_five_minute_samples_stays_well_under_a_megabyte() {
    // The files after a year of runs every 5 minutes, with 7 days of samples kept: the
    // worst case writes long details and latencies of 5 digits.
    let start = at("2026-01-01T00:00:00Z");
    let runs = 365 * 288;
    let mut samples = Vec::new();
    let mut daily = Vec::new();
    for i in 0..runs {
        let result = if i % 97 == 0 {
            Verdict::Down
        } else {
            Verdict::Ok
        };
        samples.push(Sample {
            time: start + chrono::Duration::minutes(5 * i),
            result,
            latency_ms: 10_000 + (i % 50_000) as u32,
            detail: "HTTP 503, body without \"status: ok\" from the upstream".into(),
        });
        if i % 288 == 287 {
            let keep_from = samples.last().unwrap().time - chrono::Duration::days(7);
            samples.retain(|s| s.time > keep_from);
            daily = merge(&daily, rollup(&samples));
        }
    }
    let samples_bytes = format_samples(&samples).len();
    let daily_bytes = format_daily(&daily).len();
    assert_eq!(daily.len(), 365);
    println!(
        "a year at 5 minutes: samples.csv {samples_bytes} bytes, daily.csv {daily_bytes} bytes"
    );
    assert!(
        samples_bytes + daily_bytes < 1_000_000,
        "{samples_bytes} + {daily_bytes} bytes"
    );
    // The figures the README gives.
    assert!(
        samples_bytes < 200_000 && daily_bytes < 20_000,
        "{samples_bytes} + {daily_bytes} bytes"
    );
}
