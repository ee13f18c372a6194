//! The incidents `statuspress probe` opens and resolves by its thresholds, and how long a run
//! of many probes takes when some never answer.

mod common;
mod probe_support;

use common::{TempSite, stderr, stdout};
use probe_support::{Http, probe, silent};
use std::fs;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn site_with(server: &Http, extra: &str) -> TempSite {
    let site = TempSite::new();
    site.write(
        "probes.toml",
        &format!(
            "[[probe]]\nid = \"api-health\"\ncomponent = \"api\"\nkind = \"http\"\nurl = \"{}\"\ntimeout_ms = 500\n{extra}\n",
            server.url
        ),
    );
    site
}

fn incidents(site: &TempSite) -> Vec<(PathBuf, String)> {
    let dir = site.path().join("incidents");
    let mut out: Vec<(PathBuf, String)> = fs::read_dir(&dir)
        .map(|rd| {
            rd.map(|e| {
                let p = e.unwrap().path();
                let t = fs::read_to_string(&p).unwrap();
                (p, t)
            })
            .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn run(site: &TempSite, now: &str) -> String {
    let out = probe(site.path(), now);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn an_incident_opens_after_fail_after_runs_and_resolves_after_pass_after() {
    let server = Http::start(500, "boom");
    let site = site_with(&server, "");
    run(&site, "2026-11-23T12:00:00Z");
    assert!(incidents(&site).is_empty(), "one failed run opens nothing");
    let printed = run(&site, "2026-11-23T12:05:00Z");
    let list = incidents(&site);
    assert_eq!(list.len(), 1, "{printed}");
    let (path, text) = &list[0];
    assert_eq!(
        path.file_name().unwrap().to_str().unwrap(),
        "2026-11-23-api-health-down.md"
    );
    assert!(
        printed.contains("api-health: opened an incident (major_outage): "),
        "{printed}"
    );
    assert_eq!(
        *text,
        "+++\n# statuspress-probe: api-health down\ntitle = \"API is down\"\nimpact = \"major\"\nstarted = 2026-11-23T12:00:00Z\naffected = { api = \"major_outage\" }\n+++\n\n## Investigating — 2026-11-23 12:05 UTC\nAutomatic monitoring (probe `api-health`) found HTTP 500 from https://api.example.com/healthz in 2 runs in a row since 2026-11-23 12:00 UTC; the last run made 3 tries.\n"
            .replace("https://api.example.com/healthz", &format!("`{}`", server.url))
    );
    // The site checks cleanly with it.
    let out = site.run(&["check", "--now", "2026-11-23T12:06:00Z"]);
    assert!(out.status.success(), "{}", stderr(&out));

    // Rerunning at the same clock, and failing again, change nothing.
    run(&site, "2026-11-23T12:05:00Z");
    run(&site, "2026-11-23T12:10:00Z");
    assert_eq!(incidents(&site), list);

    // One pass is not enough; two resolve it.
    server.set(200, "ok");
    run(&site, "2026-11-23T12:15:00Z");
    assert_eq!(incidents(&site), list);
    let printed = run(&site, "2026-11-23T12:20:00Z");
    assert!(
        printed.contains("api-health: resolved the incident"),
        "{printed}"
    );
    let after = incidents(&site);
    assert_eq!(after.len(), 1);
    let text = &after[0].1;
    assert!(text.contains("resolved = 2026-11-23T12:20:00Z\n"), "{text}");
    assert!(text.contains("## Resolved — 2026-11-23 12:20 UTC\nAutomatic monitoring (probe `api-health`) has found"), "{text}");
    // And again: nothing more.
    run(&site, "2026-11-23T12:20:00Z");
    run(&site, "2026-11-23T12:25:00Z");
    assert_eq!(incidents(&site), after);
}

#[test]
fn a_flap_opens_nothing_and_slow_turns_into_down() {
    let server = Http::start(200, "ok");
    let site = site_with(&server, "degraded_over_ms = 150\nretries = 0");
    let steps: [(u16, u64); 5] = [(200, 0), (500, 0), (200, 0), (500, 0), (200, 0)];
    for (i, (status, _)) in steps.iter().enumerate() {
        server.set(*status, "ok");
        run(&site, &format!("2026-11-23T12:{:02}:00Z", i * 5));
    }
    assert!(incidents(&site).is_empty(), "flapping opens nothing");

    server.delay(Duration::from_millis(250));
    run(&site, "2026-11-23T12:30:00Z");
    run(&site, "2026-11-23T12:35:00Z");
    let list = incidents(&site);
    assert_eq!(list.len(), 1);
    assert!(
        list[0]
            .1
            .contains("title = \"API is slow\"\nimpact = \"minor\""),
        "{}",
        list[0].1
    );
    assert!(
        list[0]
            .1
            .contains("affected = { api = \"degraded_performance\" }")
    );

    server.delay(Duration::ZERO);
    server.set(503, "down");
    run(&site, "2026-11-23T12:40:00Z");
    run(&site, "2026-11-23T12:45:00Z");
    let list = incidents(&site);
    assert_eq!(list.len(), 1, "the same incident gets worse");
    let text = &list[0].1;
    assert!(
        text.contains(
            "# statuspress-probe: api-health down\ntitle = \"API is down\"\nimpact = \"major\""
        ),
        "{text}"
    );
    assert!(
        text.contains("affected = { api = \"major_outage\" }"),
        "{text}"
    );
    assert!(
        text.contains("## Update — 2026-11-23 12:45 UTC\n"),
        "{text}"
    );
    run(&site, "2026-11-23T12:50:00Z");
    assert_eq!(incidents(&site), list, "no second update");
}

#[test]
fn a_person_s_open_incident_on_the_component_is_left_alone() {
    let server = Http::start(500, "boom");
    let site = site_with(&server, "");
    let human = "+++\ntitle = \"API errors\"\nimpact = \"major\"\nstarted = 2026-11-23T11:00:00Z\naffected = [\"core\"]\n+++\n\n## Identified — 2026-11-23 11:10 UTC\nWe know.\n";
    site.write("incidents/api-errors.md", human);
    run(&site, "2026-11-23T12:00:00Z");
    let printed = run(&site, "2026-11-23T12:05:00Z");
    assert!(
        printed.contains("note: api-health: api is down by the probe, but the open incident incidents/api-errors.md covers it; nothing was written"),
        "{printed}"
    );
    let list = incidents(&site);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].1, human);
}

#[test]
fn fifty_probes_some_silent_finish_within_about_one_timeout() {
    let servers: Vec<Http> = (0..5).map(|_| Http::start(200, "ok")).collect();
    let silent: Vec<_> = (0..5).map(|_| silent()).collect();
    let site = TempSite::new();
    let mut text = String::new();
    for i in 0..50 {
        let url = if i % 5 == 0 {
            silent[i / 10].1.clone()
        } else {
            servers[i % 5].url.clone()
        };
        text.push_str(&format!(
            "[[probe]]\nid = \"p{i}\"\ncomponent = \"api\"\nkind = \"http\"\nurl = \"{url}\"\ntimeout_ms = 1000\nretries = 0\n\n"
        ));
    }
    site.write("probes.toml", &text);
    let started = Instant::now();
    let out = probe(site.path(), "2026-11-23T12:00:00Z");
    let took = started.elapsed();
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    assert_eq!(
        printed.lines().filter(|l| l.contains(": ok ")).count(),
        40,
        "{printed}"
    );
    assert_eq!(
        printed
            .lines()
            .filter(|l| l.contains("no answer within 1000 ms"))
            .count(),
        10
    );
    eprintln!(
        "50 probes, 10 of them silent, timeout 1000 ms: the run took {} ms",
        took.as_millis()
    );
    // Only a bound that catches a hang: 16 at a time puts the silent ones in at most 1 wave each.
    assert!(took < Duration::from_secs(3), "took {took:?}");
}
