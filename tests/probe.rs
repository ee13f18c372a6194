//! `statuspress probe` against servers on loopback: what it prints, the data it writes, and
//! what `check` says about probes.toml and the data files.

mod common;
mod probe_support;

use common::{TempSite, stderr, stdout};
use probe_support::{Http, closed_port, probe, silent};
use std::fs;

fn http_probe(id: &str, url: &str, extra: &str) -> String {
    format!(
        "[[probe]]\nid = \"{id}\"\ncomponent = \"api\"\nkind = \"http\"\nurl = \"{url}\"\ntimeout_ms = 500\n{extra}\n"
    )
}

fn read(site: &TempSite, rel: &str) -> String {
    fs::read_to_string(site.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn each_probe_gets_one_line_and_its_result() {
    let ok = Http::start(200, "status: ok");
    let failing = Http::start(500, "boom");
    let wrong = Http::start(200, "status: degraded");
    let slow = Http::start(200, "ok");
    slow.delay(std::time::Duration::from_millis(250));
    let (_hold, silent_url) = silent();
    let closed = closed_port();
    let site = TempSite::new();
    let probes = [
        http_probe("ok", &ok.url, "expect_body = \"status: ok\""),
        http_probe("failing", &failing.url, ""),
        http_probe("wrong-body", &wrong.url, "expect_body = \"status: ok\""),
        http_probe("slow", &slow.url, "degraded_over_ms = 100"),
        http_probe("silent", &silent_url, "retries = 0"),
        format!(
            "[[probe]]\nid = \"closed\"\ncomponent = \"mail\"\nkind = \"tcp\"\nhost = \"127.0.0.1\"\nport = {}\n",
            closed
        ),
    ];
    site.write("probes.toml", &probes.concat());
    let out = probe(site.path(), "2026-11-23T12:00:00Z");
    assert!(out.status.success(), "{}", stderr(&out));
    // Latencies vary: a passing line keeps its words.
    let lines: Vec<String> = stdout(&out)
        .lines()
        .map(|l| match l.rsplit_once(' ') {
            Some((head, "ms")) if !l.contains("down") => {
                format!("{} N ms", head.rsplit_once(' ').unwrap().0)
            }
            _ => l.to_string(),
        })
        .collect();
    assert_eq!(
        lines,
        [
            "ok: ok N ms".to_string(),
            "failing: down (HTTP 500) after 3 tries".to_string(),
            "wrong-body: down (HTTP 200, body without \"status: ok\") after 3 tries".to_string(),
            "slow: slow N ms".to_string(),
            "silent: down (no answer within 500 ms) after 1 try".to_string(),
            format!("closed: down (connection refused by 127.0.0.1:{closed}) after 3 tries"),
        ]
    );
    assert_eq!(
        stderr(&out).trim(),
        "probe: 6 checked, 4 down, 0 incident files written"
    );
    let samples = read(&site, ".statuspress/probes/failing/samples.csv");
    assert_eq!(
        samples,
        "time,result,latency_ms,detail\n2026-11-23T12:00:00Z,down,".to_string()
            + samples.lines().nth(1).unwrap().split(',').nth(2).unwrap()
            + ",HTTP 500\n"
    );
    let slow_row = read(&site, ".statuspress/probes/slow/samples.csv");
    assert!(
        slow_row
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("2026-11-23T12:00:00Z,slow,")
    );
}

#[test]
fn samples_accumulate_and_daily_rows_follow_them() {
    let server = Http::start(200, "ok");
    let site = TempSite::new();
    site.write(
        "probes.toml",
        &format!(
            "[defaults]\nsample_days = 1\n\n{}",
            http_probe("api", &server.url, "")
        ),
    );
    let times = [
        ("2026-11-22T23:50:00Z", 200),
        ("2026-11-22T23:55:00Z", 500),
        ("2026-11-23T00:00:00Z", 500),
        ("2026-11-23T00:05:00Z", 200),
    ];
    for (now, status) in times {
        server.set(status, "ok");
        let out = probe(site.path(), now);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let samples = read(&site, ".statuspress/probes/api/samples.csv");
    let results: Vec<(&str, &str)> = samples
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0], f[1])
        })
        .collect();
    assert_eq!(
        results,
        [
            ("2026-11-22T23:50:00Z", "ok"),
            ("2026-11-22T23:55:00Z", "down"),
            ("2026-11-23T00:00:00Z", "down"),
            ("2026-11-23T00:05:00Z", "ok"),
        ]
    );
    let daily: Vec<Vec<String>> = read(&site, ".statuspress/probes/api/daily.csv")
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    assert_eq!(
        daily[0].join(","),
        "date,checks,failures,slow,p50_ms,p95_ms,max_ms,downtime_minutes"
    );
    // date, checks, failures, slow, and downtime: 5 minutes on each side of midnight.
    let counts = |row: &Vec<String>| [0, 1, 2, 3, 7].map(|i| row[i].clone()).join(",");
    assert_eq!(counts(&daily[1]), "2026-11-22,2,1,0,5");
    assert_eq!(counts(&daily[2]), "2026-11-23,2,1,0,5");

    // A day later the samples of the 22nd have scrolled out; its row stays.
    let out = probe(site.path(), "2026-11-24T00:02:00Z");
    assert!(out.status.success(), "{}", stderr(&out));
    let samples = read(&site, ".statuspress/probes/api/samples.csv");
    assert_eq!(samples.lines().count(), 1 + 2, "{samples}");
    let daily = read(&site, ".statuspress/probes/api/daily.csv");
    assert!(daily.contains("\n2026-11-22,2,1,0,"), "{daily}");
    assert!(daily.contains("\n2026-11-24,1,0,0,"), "{daily}");

    // The same run again records nothing twice.
    let before = (samples.clone(), daily.clone());
    server.set(200, "ok");
    let again = probe(site.path(), "2026-11-24T00:02:00Z");
    assert!(again.status.success());
    let after = (
        read(&site, ".statuspress/probes/api/samples.csv"),
        read(&site, ".statuspress/probes/api/daily.csv"),
    );
    assert_eq!(before.0.lines().count(), after.0.lines().count());
    assert_eq!(before.1.lines().count(), after.1.lines().count());
}

#[test]
fn check_reports_probes_toml_and_data_files_with_their_place() {
    let site = TempSite::new();
    site.write(
        "probes.toml",
        "[[probe]]\nid = \"api\"\ncomponent = \"apii\"\nkind = \"http\"\nurl = \"https://api.example.com/healthz\"\ntimeot_ms = 100\n",
    );
    let out = site.run(&["check"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("probes.toml:3:13: error: unknown component `apii` in [[probe]] `api`\n  help: did you mean `api`?"), "{err}");
    assert!(err.contains("probes.toml:6:1: error: unknown key `timeot_ms` in [[probe]]\n  help: did you mean `timeout_ms`?"), "{err}");

    site.write(
        "probes.toml",
        "[[probe]]\nid = \"api\"\ncomponent = \"api\"\nkind = \"http\"\nurl = \"https://api.example.com/healthz\"\n",
    );
    assert!(site.run(&["check"]).status.success());
    site.write(
        ".statuspress/probes/api/samples.csv",
        "time,result,latency_ms,detail\n2026-11-23T12:00:00Z,ok,12,HTTP 200\n2026-11-23T12:05:00Z,fine,12,HTTP 200\n",
    );
    let out = site.run(&["check"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(".statuspress/probes/api/samples.csv:3:1: error: malformed sample: `fine` is not one of ok, slow, down"),
        "{}",
        stderr(&out)
    );
    // The run refuses to add to a file it cannot read.
    let out = probe(site.path(), "2026-11-23T12:10:00Z");
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("nothing was checked"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_site_without_probes_has_nothing_to_do_and_build_publishes_no_data() {
    let site = TempSite::new();
    let out = probe(site.path(), "2026-11-23T12:00:00Z");
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        "probe: the site has no probes.toml; nothing to do\n"
    );
    site.write(
        "probes.toml",
        &http_probe("api", "http://127.0.0.1:1/", "retries = 0"),
    );
    assert!(probe(site.path(), "2026-11-23T12:00:00Z").status.success());
    assert!(
        site.path()
            .join(".statuspress/probes/api/samples.csv")
            .exists()
    );
    let out = site.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let published: Vec<String> = walk(&site.path().join("public"));
    assert!(
        !published
            .iter()
            .any(|p| p.contains("statuspress/") || p.ends_with(".csv")),
        "{published:?}"
    );
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p.display().to_string());
        }
    }
    out
}

/// The `statuspage` and `tls` kinds run through the command like the others (`dns` through the
/// command, which asks the system's name servers, is in tests/probe_dns.rs).
#[test]
fn upstream_and_tls_probes_run_through_the_command() {
    let summary: &'static str = Box::leak(
        fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/statuspage/github-summary.2026-07-31.json"),
        )
        .unwrap()
        .into_boxed_str(),
    );
    let upstream = Http::start(200, summary);
    let closed = closed_port();
    let site = TempSite::new();
    site.write(
        "probes.toml",
        &format!(
            "[[probe]]\nid = \"github\"\ncomponent = \"api\"\nkind = \"statuspage\"\nurl = \"{}\"\nupstream_component = \"git operations\"\n\n\
             [[probe]]\nid = \"github-missing\"\ncomponent = \"api\"\nkind = \"statuspage\"\nurl = \"{}\"\nupstream_component = \"Git Operatoins\"\nretries = 0\n\n\
             [[probe]]\nid = \"cert\"\ncomponent = \"web\"\nkind = \"tls\"\nhost = \"127.0.0.1\"\nport = {closed}\ntimeout_ms = 500\nretries = 0\n",
            upstream.url, upstream.url
        ),
    );
    let out = probe(site.path(), "2026-11-23T12:00:00Z");
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("github: ok "),
        "{text}\n{}",
        stderr(&out)
    );
    assert!(
        lines[1].starts_with("github-missing: down (") && lines[1].contains("Git Operations"),
        "{text}"
    );
    assert!(lines[2].starts_with("cert: down ("), "{text}");
    assert_eq!(lines.len(), 3, "{text}");
    let samples = read(&site, ".statuspress/probes/github/samples.csv");
    assert!(samples.contains("2026-11-23T12:00:00Z,ok,"), "{samples}");
}
