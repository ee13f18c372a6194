//! The `dns` check against a DNS responder on loopback.

mod probe_support_checks;

use probe_support_checks::dns::{Data, Responder};
use statuspress::probe::check::dns::{DnsQuery, RecordKind, check};
use statuspress::probe::check::outcome::Verdict;
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
