use super::*;
use crate::fixture::at;
use crate::model::probes::{Method, ProbeKind, RecordType};

fn probe(fail_after: u32, pass_after: u32) -> Probe {
    Probe {
        id: "api-health".into(),
        component: "api".into(),
        kind: ProbeKind::Http,
        url: Some("https://api.example.com/healthz".into()),
        host: None,
        port: None,
        name: None,
        record_type: RecordType::A,
        expect: None,
        expect_status: Vec::new(),
        expect_body: None,
        method: Method::Get,
        headers_env: Vec::new(),
        timeout_ms: 1000,
        degraded_over_ms: None,
        retries: 2,
        fail_after,
        pass_after,
        expires_within_days: 14,
        upstream_component: None,
        ca_file: None,
        position: (1, 1),
        component_position: (1, 1),
    }
}

fn samples(results: &str) -> Vec<Sample> {
    results
        .chars()
        .enumerate()
        .map(|(i, c)| Sample {
            time: at("2026-11-23T12:00:00Z") + chrono::Duration::minutes(5 * i as i64),
            result: match c {
                'o' => Verdict::Ok,
                's' => Verdict::Slow,
                _ => Verdict::Down,
            },
            latency_ms: 1,
            detail: String::new(),
        })
        .collect()
}

#[test]
fn thresholds_decide_and_a_flap_calls_for_nothing() {
    let p = probe(2, 2);
    assert_eq!(
        call(&p, &samples("d")),
        Call::Keep,
        "one failure is not enough"
    );
    assert_eq!(call(&p, &samples("odo")), Call::Keep, "a flap");
    assert_eq!(call(&p, &samples("odod")), Call::Keep, "flapping");
    assert_eq!(call(&p, &samples("odd")), Call::Open(Verdict::Down));
    assert_eq!(call(&p, &samples("oss")), Call::Open(Verdict::Slow));
    assert_eq!(call(&p, &samples("osd")), Call::Open(Verdict::Slow));
    assert_eq!(
        call(&p, &samples("ddo")),
        Call::Keep,
        "one pass resolves nothing"
    );
    assert_eq!(call(&p, &samples("ddoo")), Call::Resolve);
    assert_eq!(call(&probe(3, 1), &samples("odd")), Call::Keep);
    assert_eq!(call(&probe(3, 1), &samples("dddo")), Call::Resolve);
}

#[test]
fn markers_round_trip_and_streaks_start_at_the_first_failure() {
    let p = probe(2, 2);
    let line = frontmatter::comment_line(&marker(&p, Verdict::Slow));
    assert_eq!(line, "# statuspress-probe: api-health slow");
    assert_eq!(
        read_marker(&format!("+++\n{line}\ntitle = \"x\"\n+++\n")),
        Some(("api-health".to_string(), Verdict::Slow))
    );
    assert_eq!(read_marker("+++\n# a person's comment\n+++\n"), None);
    let s = samples("oodd");
    assert_eq!(
        streak_start(&s, true).unwrap().time,
        at("2026-11-23T12:10:00Z")
    );
}
