//! The `tls` check against TLS servers on loopback with certificates made at test time.

mod probe_support_checks;

use probe_support_checks::tls::{Ca, serve};
use probe_support_checks::{closed_port, now, silent_port};
use statuspress::probe::check::outcome::{Outcome, Verdict};
use statuspress::probe::check::tls::{TlsTarget, check};
use std::time::{Duration, Instant};

fn target(port: u16, server_name: &str) -> TlsTarget {
    TlsTarget {
        host: "127.0.0.1".into(),
        port,
        server_name: server_name.into(),
        expires_within_days: 14,
        timeout: Duration::from_millis(800),
    }
}

fn run(target: &TlsTarget, ca: &Ca) -> Outcome {
    check(target, now(), std::slice::from_ref(&ca.der))
}

#[test]
fn a_certificate_that_expires_in_3_days_passes_with_a_warning() {
    let ca = Ca::new();
    // now() is 2026-07-31 12:00 UTC; the leaf ends 2026-08-03 00:00, two and a half days on.
    let port = serve(ca.leaf(&["localhost"], (2026, 7, 1), (2026, 8, 3)));
    let o = run(&target(port, "localhost"), &ca);
    assert_eq!(o.verdict, Verdict::Ok, "{o:?}");
    assert_eq!(
        o.detail,
        "certificate valid until 2026-08-03 00:00 UTC, in 3 days"
    );
    assert_eq!(
        o.warning.as_deref(),
        Some("certificate expires in 3 days (2026-08-03 00:00 UTC)")
    );
}

#[test]
fn a_certificate_far_from_expiry_passes_without_a_warning() {
    let ca = Ca::new();
    let port = serve(ca.leaf(&["localhost"], (2026, 7, 1), (2026, 10, 29)));
    let o = run(&target(port, "localhost"), &ca);
    assert_eq!(o.verdict, Verdict::Ok, "{o:?}");
    assert_eq!(o.warning, None);
    assert!(o.detail.ends_with("in 90 days"), "{}", o.detail);
}

#[test]
fn the_same_certificate_without_its_ca_is_untrusted() {
    let ca = Ca::new();
    let port = serve(ca.leaf(&["localhost"], (2026, 7, 1), (2026, 10, 29)));
    let o = check(&target(port, "localhost"), now(), &[]);
    assert_eq!(o.verdict, Verdict::Down);
    assert!(
        o.detail.starts_with("certificate chain is not trusted"),
        "{}",
        o.detail
    );
}

#[test]
fn a_certificate_for_another_name_is_down() {
    let ca = Ca::new();
    let port = serve(ca.leaf(&["wrong.test"], (2026, 7, 1), (2026, 10, 29)));
    let o = run(&target(port, "localhost"), &ca);
    assert_eq!(o.verdict, Verdict::Down);
    assert_eq!(
        o.detail,
        "certificate is not valid for localhost (it names wrong.test)"
    );
    assert_eq!(o.warning, None);
}

#[test]
fn a_certificate_expired_at_the_injected_clock_is_down() {
    let ca = Ca::new();
    let port = serve(ca.leaf(&["localhost"], (2026, 6, 1), (2026, 7, 30)));
    let o = run(&target(port, "localhost"), &ca);
    assert_eq!(o.verdict, Verdict::Down);
    assert_eq!(o.detail, "certificate expired on 2026-07-30 00:00 UTC");
}

#[test]
fn validity_is_read_at_the_injected_clock() {
    // One certificate, two clocks: valid at now(), expired 45 days later.
    let ca = Ca::new();
    let port = serve(ca.leaf(&["localhost"], (2026, 7, 1), (2026, 8, 30)));
    let later = now() + chrono::Duration::days(45);
    let o = check(
        &target(port, "localhost"),
        later,
        std::slice::from_ref(&ca.der),
    );
    assert_eq!(o.verdict, Verdict::Down, "expired 15 days before `later`");
    let o = run(&target(port, "localhost"), &ca);
    assert_eq!(o.verdict, Verdict::Ok, "valid at now(): {o:?}");
}

#[test]
fn a_server_that_never_speaks_tls_is_down_within_the_timeout() {
    let silent = silent_port();
    let port = silent.local_addr().unwrap().port();
    let t = target(port, "localhost");
    let started = Instant::now();
    let o = check(&t, now(), &[]);
    let took = started.elapsed();
    assert_eq!(o.verdict, Verdict::Down);
    assert_eq!(
        o.detail,
        format!("no TLS handshake with 127.0.0.1:{port} within 800 ms")
    );
    assert!(
        took >= Duration::from_millis(700),
        "gave up early: {took:?}"
    );
    assert!(took < Duration::from_millis(1800), "took {took:?}");
    assert!(o.latency_ms >= 700, "{}", o.latency_ms);
}

#[test]
fn a_closed_port_is_down() {
    let port = closed_port();
    let o = check(&target(port, "localhost"), now(), &[]);
    assert_eq!(o.verdict, Verdict::Down);
    assert_eq!(o.detail, format!("connection refused by 127.0.0.1:{port}"));
}

#[test]
fn a_server_name_that_is_no_name_is_down_with_the_reason() {
    let o = check(&target(closed_port(), "not a name!"), now(), &[]);
    assert_eq!(o.verdict, Verdict::Down);
    assert!(o.detail.contains("is not a host name"), "{}", o.detail);
}

#[test]
fn a_host_name_is_looked_up_and_each_address_tried() {
    // `localhost` may resolve to ::1 first, where nothing listens; 127.0.0.1 then answers.
    let ca = Ca::new();
    let port = serve(ca.leaf(&["localhost"], (2026, 7, 1), (2026, 10, 29)));
    let t = TlsTarget {
        host: "localhost".into(),
        ..target(port, "localhost")
    };
    let o = run(&t, &ca);
    assert_eq!(o.verdict, Verdict::Ok, "{o:?}");
}
