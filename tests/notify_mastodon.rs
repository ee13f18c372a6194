//! The Mastodon channel against an HTTP receiver on loopback: the exact request, the stable
//! idempotency key, posts that fit Mastodon's limit, and which answers are worth a retry.

mod notify_mail_support;

use notify_mail_support::http::Receiver;
use notify_mail_support::{first_notice, notice, silent_port};
use statuspress::notify::channel::SendError;
use statuspress::notify::channel::mastodon::{self, MastodonSettings};
use std::time::{Duration, Instant};
use unicode_segmentation::UnicodeSegmentation;

fn settings(instance: &str) -> MastodonSettings {
    MastodonSettings {
        instance: instance.to_owned(),
        token: "tok-3f9a".into(),
        visibility: "public".into(),
        timeout: Duration::from_secs(5),
    }
}

/// Mastodon's count, written independently of the code under test for the addresses these
/// tests use: graphemes, with each `https://` address (less closing punctuation and an unbalanced
/// closing parenthesis) as 23.
fn mastodon_count(text: &str) -> usize {
    text.split_inclusive(char::is_whitespace)
        .map(|word| match word.find("https://") {
            Some(start) => {
                let (before, rest) = word.split_at(start);
                let end = rest.trim_end().trim_end_matches(['.', ',', '…', ')']).len();
                before.graphemes(true).count() + 23 + rest[end..].graphemes(true).count()
            }
            None => word.graphemes(true).count(),
        })
        .sum()
}

#[test]
fn a_post_is_one_authorised_form_request_with_a_key_stable_across_sends() {
    let receiver = Receiver::start(vec![(200, r#"{"id":"1"}"#)]);
    let s = settings(&receiver.base);
    mastodon::send(&s, &notice()).unwrap();
    mastodon::send(&s, &notice()).unwrap();
    let mut unlisted = settings(&format!("{}/", receiver.base));
    unlisted.visibility = "unlisted".into();
    mastodon::send(&unlisted, &first_notice()).unwrap();
    let requests = receiver.requests(3);
    assert_eq!(requests.len(), 3);
    for r in &requests {
        assert_eq!(r.method, "POST");
        assert_eq!(r.path, "/api/v1/statuses");
        assert_eq!(r.header("Authorization"), Some("Bearer tok-3f9a"));
        assert_eq!(
            r.header("Content-Type"),
            Some("application/x-www-form-urlencoded")
        );
        let fields: Vec<String> = r.form().into_iter().map(|(k, _)| k).collect();
        assert_eq!(fields, ["status", "visibility"]);
    }
    let key = requests[0].header("Idempotency-Key").unwrap();
    assert_eq!(key.len(), 32);
    assert!(key.bytes().all(|b| b.is_ascii_hexdigit()), "{key}");
    assert_eq!(requests[1].header("Idempotency-Key"), Some(key));
    assert_ne!(requests[2].header("Idempotency-Key"), Some(key));

    assert_eq!(
        requests[0].field("status").unwrap(),
        "🟠 Identified: Elevated error rates\nAffects: API, Web · Major impact\n\n\
         We found a bad deploy of the API and are rolling it back (https://acme.test/ops).\n\n\
         https://status.acme.test/incidents/2026-11-20-api-errors/"
    );
    assert_eq!(requests[0].field("visibility").as_deref(), Some("public"));
    assert_eq!(requests[2].field("visibility").as_deref(), Some("unlisted"));
    assert!(
        requests[2]
            .field("status")
            .unwrap()
            .starts_with("🟠 Investigating: Elevated error rates\n")
    );
}

#[test]
fn long_updates_with_addresses_arrive_within_500_characters_as_mastodon_counts() {
    let receiver = Receiver::start(vec![(200, "{}")]);
    let mut n = notice();
    let url = format!("https://grafana.acme.com/d/{}", "a1b2".repeat(30));
    n.body_markdown = format!(
        "Störung 🔥 seit 14:00. Dashboards: {url} und [Logs](https://logs.acme.com/q?x=1).\n\n"
    )
    .repeat(20);
    mastodon::send(&settings(&receiver.base), &n).unwrap();
    let status = receiver.requests(1)[0].field("status").unwrap();
    let counted = mastodon_count(&status);
    assert!(counted <= 500, "{counted}: {status}");
    assert!(counted >= 440, "cut far too short: {counted}: {status}");
    assert!(status.graphemes(true).count() > 500, "{status}");
    assert!(
        status.contains("…\n\nhttps://status.acme.test/"),
        "{status}"
    );
    assert!(
        status.contains(&format!("{url} ")),
        "an address was cut: {status}"
    );
}

#[test]
fn server_errors_timeouts_and_rate_limits_are_retried_other_refusals_are_not() {
    for (code, retried) in [
        (500, true),
        (502, true),
        (503, true),
        (408, true),
        (429, true),
        (400, false),
        (401, false),
        (403, false),
        (404, false),
        (422, false),
        (301, false),
    ] {
        let receiver = Receiver::start(vec![(
            code,
            r#"{"error":"Validation failed: Text character limit of 500 exceeded"}"#,
        )]);
        let result = mastodon::send(&settings(&receiver.base), &notice());
        match (result, retried) {
            (Err(SendError::Retry { reason: text, .. }), true)
            | (Err(SendError::Permanent(text)), false) => {
                assert!(text.contains(&code.to_string()), "{code}: {text}");
                assert!(text.contains("character limit"), "{code}: {text}");
                if code == 401 {
                    assert!(text.contains("write:statuses"), "{text}");
                }
                if code == 301 {
                    assert!(text.contains("https://moved.example/"), "{text}");
                }
                assert!(!text.contains("tok-3f9a"), "{text}");
            }
            (other, _) => panic!("{code}: got {other:?}"),
        }
        // One request: no retries inside send, no redirect followed.
        assert_eq!(receiver.requests(1).len(), 1, "{code}");
    }
}

#[test]
fn a_retry_after_a_server_error_sends_the_same_key_so_mastodon_posts_once() {
    let receiver = Receiver::start(vec![(503, "{}"), (200, "{}")]);
    let s = settings(&receiver.base);
    assert!(matches!(
        mastodon::send(&s, &notice()),
        Err(SendError::Retry { .. })
    ));
    mastodon::send(&s, &notice()).unwrap();
    let requests = receiver.requests(2);
    assert_eq!(requests.len(), 2);
    assert_eq!(
        requests[0].header("Idempotency-Key"),
        requests[1].header("Idempotency-Key")
    );
    assert_eq!(requests[0].body, requests[1].body);
}

#[test]
fn a_silent_instance_fails_within_the_timeout() {
    let silent = silent_port();
    let mut s = settings(&format!("http://{}", silent.local_addr().unwrap()));
    s.timeout = Duration::from_millis(300);
    let start = Instant::now();
    let result = mastodon::send(&s, &notice());
    let took = start.elapsed();
    assert!(matches!(result, Err(SendError::Retry { .. })), "{result:?}");
    assert!(took < Duration::from_secs(3), "took {took:?}");
}

#[test]
fn nobody_listening_is_worth_a_retry() {
    let addr = silent_port().local_addr().unwrap();
    // The listener is gone: the port refuses connections.
    let result = mastodon::send(&settings(&format!("http://{addr}")), &notice());
    assert!(matches!(result, Err(SendError::Retry { .. })), "{result:?}");
}
