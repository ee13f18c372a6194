use super::*;
use crate::model::probes::{BodyMatch, Method, Probe, ProbeKind, RecordType};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread;

/// An HTTP server on loopback that answers every request with `status` and `body` after
/// `delay`, and records the headers of each request.
/// The headers of each request, in order.
type Seen = Arc<Mutex<Vec<Vec<(String, String)>>>>;

struct Server {
    url: String,
    headers: Seen,
    server: Arc<tiny_http::Server>,
}

impl Server {
    fn start(status: u16, body: &'static str, delay: Duration) -> Server {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let url = format!("http://{}/healthz", server.server_addr().to_ip().unwrap());
        let headers: Seen = Arc::new(Mutex::new(Vec::new()));
        let (s, h) = (server.clone(), headers.clone());
        thread::spawn(move || {
            for request in s.incoming_requests() {
                h.lock().unwrap().push(
                    request
                        .headers()
                        .iter()
                        .map(|x| (x.field.to_string(), x.value.to_string()))
                        .collect(),
                );
                thread::spawn(move || {
                    thread::sleep(delay);
                    let _ = request
                        .respond(tiny_http::Response::from_string(body).with_status_code(status));
                });
            }
        });
        Server {
            url,
            headers,
            server,
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

fn probe(kind: ProbeKind) -> Probe {
    Probe {
        id: "p".into(),
        component: "api".into(),
        kind,
        url: None,
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
        retries: 0,
        fail_after: 2,
        pass_after: 2,
        expires_within_days: 14,
        upstream_component: None,
        ca_file: None,
        position: (1, 1),
        component_position: (1, 1),
    }
}

fn http(url: &str) -> Probe {
    Probe {
        url: Some(url.to_string()),
        ..probe(ProbeKind::Http)
    }
}

fn no_env(_: &str) -> Option<String> {
    None
}

#[test]
fn a_2xx_passes_and_other_statuses_fail() {
    let ok = Server::start(200, "ok", Duration::ZERO);
    let out = run_check_at(&http(&ok.url), &no_env);
    assert_eq!(
        (out.verdict(), out.status, out.detail.as_str()),
        (Verdict::Ok, Some(200), "HTTP 200")
    );
    let ua = ok.headers.lock().unwrap()[0]
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("user-agent"))
        .map(|(_, v)| v.clone());
    assert_eq!(ua.as_deref(), Some(http::USER_AGENT));

    let failing = Server::start(500, "boom", Duration::ZERO);
    let out = run_check_at(&http(&failing.url), &no_env);
    assert_eq!(
        (out.verdict(), out.status, out.detail.as_str()),
        (Verdict::Down, Some(500), "HTTP 500")
    );

    let only_500 = Probe {
        expect_status: vec![500],
        ..http(&failing.url)
    };
    assert_eq!(run_check_at(&only_500, &no_env).verdict(), Verdict::Ok);
}

#[test]
fn the_body_must_hold_what_is_expected() {
    let server = Server::start(200, "status: degraded", Duration::ZERO);
    let wants_ok = Probe {
        expect_body: Some(BodyMatch::Substring("status: ok".into())),
        ..http(&server.url)
    };
    let out = run_check_at(&wants_ok, &no_env);
    assert_eq!(out.verdict(), Verdict::Down);
    assert_eq!(out.detail, "HTTP 200, body without \"status: ok\"");
    let pattern = Probe {
        expect_body: Some(BodyMatch::Regex("^status: (ok|degraded)$".into())),
        ..http(&server.url)
    };
    assert_eq!(run_check_at(&pattern, &no_env).verdict(), Verdict::Ok);
}

#[test]
fn a_slow_answer_is_slow_and_no_answer_is_down_within_the_timeout() {
    let slow = Server::start(200, "ok", Duration::from_millis(300));
    let p = Probe {
        degraded_over_ms: Some(100),
        ..http(&slow.url)
    };
    let out = run_check_at(&p, &no_env);
    assert_eq!(out.verdict(), Verdict::Slow, "{out:?}");
    assert!(out.latency_ms >= 300);

    // A listener that accepts and never answers.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", silent.local_addr().unwrap());
    let p = Probe {
        timeout_ms: 300,
        ..http(&url)
    };
    let started = std::time::Instant::now();
    let out = run_check_at(&p, &no_env);
    let took = started.elapsed();
    assert_eq!(out.verdict(), Verdict::Down);
    assert_eq!(out.detail, "no answer within 300 ms");
    assert!(took < Duration::from_millis(1500), "took {took:?}");
}

#[test]
fn headers_come_from_the_environment_and_a_missing_one_fails_the_probe() {
    let server = Server::start(200, "ok", Duration::ZERO);
    let p = Probe {
        headers_env: vec![("Authorization".into(), "API_TOKEN".into())],
        ..http(&server.url)
    };
    let env = |v: &str| (v == "API_TOKEN").then(|| "Bearer s3cret".to_string());
    assert_eq!(run_check_at(&p, &env).verdict(), Verdict::Ok);
    let sent = server.headers.lock().unwrap()[0].clone();
    assert!(
        sent.iter()
            .any(|(k, v)| k.eq_ignore_ascii_case("authorization") && v == "Bearer s3cret"),
        "{sent:?}"
    );
    let out = run_check_at(&p, &no_env);
    assert_eq!(out.verdict(), Verdict::Down);
    assert_eq!(
        out.detail,
        "API_TOKEN is not set (the value of the Authorization header)"
    );
    assert_eq!(
        server.headers.lock().unwrap().len(),
        1,
        "nothing is sent without it"
    );
}

#[test]
fn tcp_connects_and_a_closed_port_is_down() {
    let open = TcpListener::bind("127.0.0.1:0").unwrap();
    let p = Probe {
        host: Some("127.0.0.1".into()),
        port: Some(open.local_addr().unwrap().port()),
        ..probe(ProbeKind::Tcp)
    };
    assert_eq!(run_check_at(&p, &no_env).verdict(), Verdict::Ok);
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let p = Probe {
        port: Some(closed),
        ..p
    };
    let out = run_check_at(&p, &no_env);
    assert_eq!(out.verdict(), Verdict::Down);
    assert!(
        out.detail.starts_with("connection refused by 127.0.0.1:"),
        "{}",
        out.detail
    );
}

/// One try at a fixed clock.
fn run_check_at(probe: &Probe, env: &dyn Fn(&str) -> Option<String>) -> Outcome {
    run_check(probe, chrono::DateTime::UNIX_EPOCH, env)
}
