//! `statuspress notify` with email and Mastodon channels, end to end: the command reads the
//! config and the secrets, sends each event once through a real SMTP server and an HTTP
//! receiver on loopback, and a rerun sends nothing.

mod common;
mod notify_mail_support;
mod notify_support;

use common::{NOW, TempSite, stderr, stdout};
use notify_mail_support::http::Receiver;
use notify_mail_support::mime;
use notify_mail_support::smtp::Server;
use notify_support::notify;

const INCIDENT: &str = "+++
title = \"Elevated error rates\"
impact = \"major\"
started = 2026-11-23T10:00:00Z
affected = [\"api\"]
+++

## Identified — 2026-11-23 11:20 UTC
A **faulty deploy** is being rolled back.

## Investigating — 2026-11-23 10:05 UTC
We see errors.
";

fn site(mastodon: &str) -> TempSite {
    let site = TempSite::new();
    site.write(
        "statuspress.toml",
        &format!(
            "{}
[[notify]]
kind = \"email\"
url_env = \"SMTP_URL\"
from = \"status@acme.test\"
to = [\"status-announce@acme.test\"]

[[notify]]
kind = \"mastodon\"
instance = \"{mastodon}\"
token_env = \"MASTODON_TOKEN\"
",
            common::CONFIG
        ),
    );
    site.write("incidents/api-errors.md", INCIDENT);
    site
}

#[test]
fn email_and_mastodon_channels_send_each_event_once() {
    let smtp = Server::start();
    let mastodon = Receiver::start(vec![(200, "{\"id\": \"1\"}")]);
    let site = site(&mastodon.base);
    let smtp_url = format!("smtp://127.0.0.1:{}?tls=none", smtp.port);
    let env = [
        ("SMTP_URL", smtp_url.as_str()),
        ("MASTODON_TOKEN", "t0ken-for-tests"),
    ];
    let o = notify(site.path(), NOW, &[], &env);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "sent email: Elevated error rates — Investigating\n\
         sent email: Elevated error rates — Identified\n\
         sent mastodon: Elevated error rates — Investigating\n\
         sent mastodon: Elevated error rates — Identified\n\
         notify: 4 sent, 0 seen, 0 failed, 0 left for the next run\n"
    );

    let sessions = smtp.sessions(2);
    assert_eq!(sessions.len(), 2);
    let first = mime::parse(&sessions[0].data);
    let second = mime::parse(&sessions[1].data);
    assert_eq!(sessions[0].rcpt_to, ["status-announce@acme.test"]);
    assert_eq!(
        first.decoded_header("Subject").as_deref(),
        Some("[Acme Status] Investigating: Elevated error rates")
    );
    assert_eq!(
        second.decoded_header("Subject").as_deref(),
        Some("[Acme Status] Identified: Elevated error rates")
    );
    // One thread per incident: the update answers the opening message.
    assert_eq!(second.header("In-Reply-To"), first.header("Message-ID"));
    assert!(
        first
            .header("Message-ID")
            .is_some_and(|id| id.ends_with("@status.acme.test>")),
        "{:?}",
        first.header("Message-ID")
    );

    let posts = mastodon.requests(2);
    assert_eq!(posts.len(), 2);
    assert_eq!(posts[0].path, "/api/v1/statuses");
    assert_eq!(
        posts[0].header("Authorization"),
        Some("Bearer t0ken-for-tests")
    );
    let status = posts[1].field("status").unwrap();
    assert!(
        status.contains("Identified: Elevated error rates"),
        "{status}"
    );
    assert!(
        status.contains("https://status.acme.test/incidents/api-errors/"),
        "{status}"
    );
    assert_ne!(
        posts[0].header("Idempotency-Key"),
        posts[1].header("Idempotency-Key")
    );

    // A rerun sends nothing more on either channel.
    let o = notify(site.path(), NOW, &[], &env);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "notify: 0 sent, 0 seen, 0 failed, 0 left for the next run\n"
    );
    assert_eq!(smtp.sessions(3).len(), 2);
    assert_eq!(mastodon.requests(3).len(), 2);
}

#[test]
fn a_dry_run_shows_the_message_and_the_post_without_their_secrets() {
    let mastodon = Receiver::start(vec![(200, "{}")]);
    let site = site(&mastodon.base);
    let o = notify(site.path(), NOW, &["--dry-run"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("SMTP $SMTP_URL\n"), "{out}");
    assert!(out.contains("MAIL FROM:<status@acme.test>"), "{out}");
    assert!(
        out.contains("Subject: [Acme Status] Identified: Elevated error rates"),
        "{out}"
    );
    assert!(out.contains("Authorization: Bearer ****"), "{out}");
    assert!(!out.contains("t0ken"), "{out}");
    assert!(mastodon.requests(1).is_empty());
    assert!(!site.path().join(".statuspress/notified.json").exists());
}

#[test]
fn a_missing_smtp_address_stops_only_the_email_channel() {
    let mastodon = Receiver::start(vec![(200, "{}")]);
    let site = site(&mastodon.base);
    let o = notify(
        site.path(),
        NOW,
        &[],
        &[("MASTODON_TOKEN", "t0ken-for-tests")],
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("SMTP_URL"), "{}", stderr(&o));
    assert_eq!(mastodon.requests(2).len(), 2);
}
