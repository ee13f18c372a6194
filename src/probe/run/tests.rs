//! The run's own deadline. Every real check stops at its timeout, so the deadline is a
//! backstop that no real check reaches: these tests put in a check that overruns.

use super::*;
use crate::fixture::at;
use crate::model::probes::{PROBES_FILE, Probes};
use crate::model::toml_source::TomlSource;
use std::fs;

/// The probe `stuck` ignores its timeout (its thread sleeps on after the run has given up on
/// it); any other probe passes at once.
fn overrunning(
    probe: &Probe,
    _now: DateTime<Utc>,
    _env: &dyn Fn(&str) -> Option<String>,
) -> Outcome {
    if probe.id == "stuck" {
        thread::sleep(Duration::from_secs(30));
    }
    Outcome::passed(Duration::from_millis(3), "HTTP 200", None)
}

fn settings() -> Settings {
    Settings {
        backoff: Duration::from_millis(10),
        workers: WORKERS,
        check: overrunning,
    }
}

/// `stuck` may take 2 tries of 200 ms and one wait of 10 ms, plus the spare second: 1410 ms.
/// The run waits as long as its longest probe may take (per wave of workers), so `fine` is
/// given less: 200 ms and the second.
const PROBES: &str = "[[probe]]\nid = \"stuck\"\ncomponent = \"api\"\nkind = \"http\"\nurl = \"http://127.0.0.1:9/healthz\"\ntimeout_ms = 200\nretries = 1\n\n[[probe]]\nid = \"fine\"\ncomponent = \"api\"\nkind = \"http\"\nurl = \"http://127.0.0.1:9/ok\"\ntimeout_ms = 200\nretries = 0\n";

const GIVEN_UP: &str = "no result within 1410 ms: the run stopped waiting for the check";

#[test]
fn a_check_that_overruns_is_given_up_once_its_probe_s_time_is_spent() {
    let probes = Probes::parse(TomlSource::file(Path::new(PROBES_FILE), PROBES))
        .unwrap()
        .probes;
    let started = Instant::now();
    let results = check_all(&probes, at("2026-11-23T12:00:00Z"), &|_| None, &settings());
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(1410),
        "gave up early: {took:?}"
    );
    assert!(took < Duration::from_millis(1410 + 1500), "took {took:?}");
    assert_eq!(
        results[0],
        Tried {
            outcome: Outcome {
                ok: false,
                latency_ms: 1410,
                slow: false,
                detail: GIVEN_UP.to_string(),
                status: None,
                upstream: None,
            },
            tries: 2,
        }
    );
    assert!(results[1].outcome.ok, "{:?}", results[1]);
    assert_eq!(results[1].tries, 1);
}

#[test]
fn the_run_records_a_check_it_gave_up_on_as_down() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    fs::write(
        root.join("statuspress.toml"),
        "title = \"Acme Status\"\nbase_url = \"https://status.acme.test\"\n",
    )
    .unwrap();
    fs::write(
        root.join("components.toml"),
        "[[component]]\nid = \"api\"\nname = \"API\"\n",
    )
    .unwrap();
    fs::write(root.join(PROBES_FILE), PROBES).unwrap();
    let mut printed = Vec::new();
    let started = Instant::now();
    let summary = run(
        root,
        at("2026-11-23T12:00:00Z"),
        &settings(),
        &|_| None,
        &mut printed,
    )
    .unwrap_or_else(|stop| panic!("{stop:?}"))
    .unwrap();
    assert!(started.elapsed() < Duration::from_millis(1410 + 1500));
    assert_eq!((summary.probes, summary.down), (2, 1));
    let printed = String::from_utf8(printed).unwrap();
    assert_eq!(
        printed.lines().next(),
        Some(format!("stuck: down ({GIVEN_UP}) after 2 tries").as_str())
    );
    assert_eq!(
        fs::read_to_string(root.join(".statuspress/probes/stuck/samples.csv")).unwrap(),
        format!("time,result,latency_ms,detail\n2026-11-23T12:00:00Z,down,1410,{GIVEN_UP}\n")
    );
    assert_eq!(
        fs::read_to_string(root.join(".statuspress/probes/fine/samples.csv")).unwrap(),
        "time,result,latency_ms,detail\n2026-11-23T12:00:00Z,ok,3,HTTP 200\n"
    );
}
