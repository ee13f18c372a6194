//! The `dns` check against a DNS responder on loopback, and through `statuspress probe`, which
//! asks the system's name servers.

mod common;
mod probe_support;
mod probe_support_checks;

use common::{TempSite, stderr, stdout};
use probe_support_checks::dns::{Data, Responder};
use statuspress::probe::check::dns::{DnsQuery, RecordKind, check};
use statuspress::probe::check::outcome::Verdict;
use std::io::Write;
use std::time::{Duration, Instant};

fn zone() -> Vec<(&'static str, Data)> {
    vec![
        ("api.example.test", Data::A("127.0.0.10".parse().unwrap())),
        ("api.example.test", Data::A("127.0.0.11".parse().unwrap())),
        (
            "api.example.test",
            Data::Aaaa("2001:db8::10".parse().unwrap()),
        ),
        ("www.example.test", Data::Cname("edge.cdn.test")),
        ("edge.cdn.test", Data::A("127.0.0.20".parse().unwrap())),
        ("example.test", Data::Mx(10, "mx1.example.test")),
        ("example.test", Data::Txt("v=spf1 -all")),
    ]
}

fn query(r: &Responder, name: &str, kind: RecordKind, expect: Option<&str>) -> DnsQuery {
    DnsQuery {
        name: name.into(),
        record_type: kind,
        expect: expect.map(str::to_owned),
        timeout: Duration::from_millis(800),
        nameserver: Some(r.addr),
    }
}

#[test]
fn an_a_record_resolves() {
    let r = Responder::start(zone());
    let o = check(&query(&r, "api.example.test", RecordKind::A, None));
    assert_eq!(o.verdict, Verdict::Ok, "{o:?}");
    assert_eq!(o.detail, "A 127.0.0.10, 127.0.0.11");
    assert_eq!(o.warning, None);
    // Asked as written, fully qualified: no search domain was tried first.
    assert_eq!(r.questions(), vec![("api.example.test.".to_owned(), 1)]);
}

#[test]
fn the_expected_address_among_the_answers_passes() {
    let r = Responder::start(zone());
    let o = check(&query(
        &r,
        "api.example.test.",
        RecordKind::A,
        Some("127.0.0.11"),
    ));
    assert_eq!(o.verdict, Verdict::Ok, "{o:?}");
    let o = check(&query(
        &r,
        "api.example.test",
        RecordKind::Aaaa,
        Some("2001:0db8::0:10"),
    ));
    assert_eq!(o.verdict, Verdict::Ok, "{o:?}");
    assert_eq!(o.detail, "AAAA 2001:db8::10");
}

#[test]
fn an_expected_address_not_among_the_answers_is_down() {
    let r = Responder::start(zone());
    let o = check(&query(
        &r,
        "api.example.test",
        RecordKind::A,
        Some("127.0.0.99"),
    ));
    assert_eq!(o.verdict, Verdict::Down);
    assert_eq!(
        o.detail,
        "A api.example.test is 127.0.0.10, 127.0.0.11, not 127.0.0.99"
    );
}

#[test]
fn an_a_lookup_follows_a_cname() {
    let r = Responder::start(zone());
    let o = check(&query(
        &r,
        "www.example.test",
        RecordKind::A,
        Some("127.0.0.20"),
    ));
    assert_eq!(o.verdict, Verdict::Ok, "{o:?}");
    assert_eq!(o.detail, "A 127.0.0.20");
    let o = check(&query(
        &r,
        "www.example.test",
        RecordKind::Cname,
        Some("EDGE.cdn.test."),
    ));
    assert_eq!(o.verdict, Verdict::Ok, "{o:?}");
    assert_eq!(o.detail, "CNAME edge.cdn.test");
}

#[test]
fn mx_and_txt_records_resolve_and_match() {
    let r = Responder::start(zone());
    let o = check(&query(
        &r,
        "example.test",
        RecordKind::Mx,
        Some("mx1.example.test"),
    ));
    assert_eq!(
        (o.verdict, o.detail.as_str()),
        (Verdict::Ok, "MX 10 mx1.example.test")
    );
    let o = check(&query(
        &r,
        "example.test",
        RecordKind::Txt,
        Some("v=spf1 -all"),
    ));
    assert_eq!(
        (o.verdict, o.detail.as_str()),
        (Verdict::Ok, "TXT v=spf1 -all")
    );
    let o = check(&query(
        &r,
        "example.test",
        RecordKind::Txt,
        Some("v=spf1 ~all"),
    ));
    assert_eq!(o.verdict, Verdict::Down);
}

#[test]
fn nxdomain_is_down() {
    let r = Responder::start(zone());
    let o = check(&query(&r, "gone.example.test", RecordKind::A, None));
    assert_eq!(o.verdict, Verdict::Down);
    assert_eq!(o.detail, "NXDOMAIN: gone.example.test does not exist");
}

#[test]
fn a_name_without_a_record_of_the_type_is_down() {
    let r = Responder::start(zone());
    let o = check(&query(&r, "example.test", RecordKind::A, None));
    assert_eq!(o.verdict, Verdict::Down);
    assert_eq!(o.detail, "no A record for example.test");
}

#[test]
fn no_answer_is_down_within_the_timeout() {
    let r = Responder::silent();
    let q = query(&r, "api.example.test", RecordKind::A, None);
    let started = Instant::now();
    let o = check(&q);
    let took = started.elapsed();
    assert_eq!(o.verdict, Verdict::Down);
    assert_eq!(o.detail, format!("no answer from {} within 800 ms", r.addr));
    assert!(
        took >= Duration::from_millis(700),
        "gave up early: {took:?}"
    );
    assert!(took < Duration::from_millis(1800), "took {took:?}");
    assert!(!r.questions().is_empty(), "the question was sent");
}

/// Says why part of a test could not run, past the harness's capture; fails instead under
/// `CI=true`, where every test must run whole.
fn skip(test: &str, why: &str) {
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
    assert!(!in_ci, "{why}; {test} must run in CI");
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
}

/// `statuspress probe` names no name server: it asks the system's. The names RFC 6761 reserves
/// are answered by the resolver itself, without a packet: `localhost` is the loopback address,
/// and no name under `.invalid` exists. So this needs no network, only the system's DNS
/// settings; a resolver that asked the network for `.invalid` would time out instead of saying
/// NXDOMAIN, and either is down.
#[test]
fn the_command_asks_the_system_resolver() {
    let site = TempSite::new();
    let probe = |id: &str, rest: &str| {
        format!(
            "[[probe]]\nid = \"{id}\"\ncomponent = \"api\"\nkind = \"dns\"\ntimeout_ms = 2000\nretries = 0\n{rest}\n\n"
        )
    };
    site.write(
        "probes.toml",
        &[
            probe("loopback", "name = \"localhost\"\nexpect = \"127.0.0.1\""),
            probe(
                "loopback-v6",
                "name = \"localhost\"\nrecord_type = \"AAAA\"\nexpect = \"::1\"",
            ),
            probe("gone", "name = \"statuspress-probe-test.invalid\""),
        ]
        .concat(),
    );
    let started = Instant::now();
    let out = probe_support::probe(site.path(), "2026-11-23T12:00:00Z");
    let took = started.elapsed();
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    let lines: Vec<&str> = printed.lines().collect();
    let sample = |id: &str| {
        let text = std::fs::read_to_string(
            site.path()
                .join(format!(".statuspress/probes/{id}/samples.csv")),
        )
        .unwrap();
        text.lines().nth(1).unwrap().to_string()
    };
    // One try of each, all at once: the run is bounded by one timeout, with room for starting
    // the process.
    assert!(took < Duration::from_millis(2000 + 3000), "took {took:?}");
    if lines
        .iter()
        .all(|l| l.contains("the system's DNS settings cannot be read"))
    {
        skip(
            "the_command_asks_the_system_resolver",
            &format!("this machine has no DNS settings to read: {printed}"),
        );
        assert!(sample("loopback").contains(",down,"));
        return;
    }
    assert!(lines[0].starts_with("loopback: ok "), "{printed}");
    assert!(lines[1].starts_with("loopback-v6: ok "), "{printed}");
    assert!(
        [
            "gone: down (NXDOMAIN: statuspress-probe-test.invalid does not exist) after 1 try",
            "gone: down (no answer from the system's name servers within 2000 ms) after 1 try",
        ]
        .contains(&lines[2]),
        "{printed}"
    );
    assert_eq!(lines.len(), 3, "{printed}");
    let row = sample("loopback");
    assert!(
        row.starts_with("2026-11-23T12:00:00Z,ok,") && row.ends_with(",A 127.0.0.1"),
        "{row}"
    );
    assert!(sample("loopback-v6").ends_with(",AAAA ::1"));
    assert!(sample("gone").starts_with("2026-11-23T12:00:00Z,down,"));
}
