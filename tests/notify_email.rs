//! The email channel against a real SMTP server on loopback: what arrives (envelope, headers,
//! threading, both parts), STARTTLS and TLS with a certificate made for the test, and which
//! failures are worth a retry.

mod notify_mail_support;

use base64::Engine as _;
use notify_mail_support::mime::{self, Mail};
use notify_mail_support::smtp::{Command, Fault, Server, self_signed_tls};
use notify_mail_support::{first_notice, notice, silent_port};
use statuspress::notify::channel::SendError;
use statuspress::notify::channel::email::{self, EmailSettings};
use std::time::{Duration, Instant};

fn settings(smtp_url: String) -> EmailSettings {
    EmailSettings {
        smtp_url,
        from: "status@acme.test".into(),
        to: vec!["status-announce@acme.test".into()],
        timeout: Duration::from_secs(5),
    }
}

/// A relay on loopback without encryption, as a local relay would be.
fn plain(server: &Server) -> EmailSettings {
    settings(format!("smtp://127.0.0.1:{}?tls=none", server.port))
}

fn permanent(result: Result<(), SendError>) -> String {
    match result {
        Err(SendError::Permanent(text)) => text,
        other => panic!("expected a permanent failure, got {other:?}"),
    }
}

fn retry(result: Result<(), SendError>) -> String {
    match result {
        Err(SendError::Retry { reason, .. }) => reason,
        other => panic!("expected a failure worth retrying, got {other:?}"),
    }
}

#[test]
fn an_incident_arrives_as_one_thread_with_text_and_html_parts() {
    let server = Server::start();
    email::send(&plain(&server), &first_notice()).unwrap();
    email::send(&plain(&server), &notice()).unwrap();
    let sessions = server.sessions(2);
    assert_eq!(sessions.len(), 2);
    for s in &sessions {
        assert_eq!(s.mail_from, "status@acme.test");
        assert_eq!(s.rcpt_to, ["status-announce@acme.test"]);
        assert!(!s.tls);
    }
    let first = mime::parse(&sessions[0].data);
    let second = mime::parse(&sessions[1].data);

    assert_eq!(
        first.header("From"),
        Some("\"Acme Status\" <status@acme.test>")
    );
    assert_eq!(first.header("To"), Some("status-announce@acme.test"));
    assert_eq!(
        first.decoded_header("Subject").as_deref(),
        Some("[Acme Status] Investigating: Elevated error rates")
    );
    assert_eq!(
        second.decoded_header("Subject").as_deref(),
        Some("[Acme Status] Identified: Elevated error rates")
    );
    assert_eq!(
        first.header("Date"),
        Some("Fri, 20 Nov 2026 14:05:00 +0000")
    );
    assert_eq!(
        second.header("Date"),
        Some("Fri, 20 Nov 2026 14:40:00 +0000")
    );
    assert_eq!(first.header("Auto-Submitted"), Some("auto-generated"));

    // The first notice's id is the thread's; the second replies to it.
    let thread_id = first.header("Message-ID").unwrap();
    assert!(
        thread_id.starts_with('<') && thread_id.ends_with("@status.acme.test>"),
        "{thread_id}"
    );
    assert_eq!(first.count("In-Reply-To") + first.count("References"), 0);
    let second_id = second.header("Message-ID").unwrap();
    assert_ne!(second_id, thread_id);
    assert!(second_id.ends_with("@status.acme.test>"));
    assert_eq!(second.header("In-Reply-To"), Some(thread_id));
    assert_eq!(second.header("References"), Some(thread_id));

    assert_eq!(second.header("MIME-Version"), Some("1.0"));
    assert_eq!(second.media_type(), "multipart/alternative");
    let parts = second.parts();
    assert_eq!(parts.len(), 2);
    let (text, html) = (&parts[0], &parts[1]);
    assert_eq!(text.media_type(), "text/plain");
    assert_eq!(html.media_type(), "text/html");
    for part in [text, html] {
        assert_eq!(part.content_type_param("charset").as_deref(), Some("utf-8"));
        assert!(
            ["7bit", "quoted-printable", "base64"]
                .contains(&part.header("Content-Transfer-Encoding").unwrap()),
            "{:?}",
            part.headers
        );
    }
    assert_eq!(
        text.text(),
        "Elevated error rates\nIdentified · Major impact\n\n\
         Affects: API, Web\nPosted: 20 Nov 2026, 15:40 CET\n\n\
         We found a bad deploy of the API and are rolling it back (https://acme.test/ops).\n\n\
         View the incident: https://status.acme.test/incidents/2026-11-20-api-errors/\n\n\
         -- \nAcme Status\nhttps://status.acme.test\n"
    );
    let html = html.text();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(
        html.contains(
            "<p>We found a bad deploy of the <em>API</em> and are <a href=\"https://acme.test/ops\">rolling it back</a>.</p>"
        ),
        "{html}"
    );
    assert!(html.contains(">Identified · Major impact</p>"), "{html}");
    assert!(html.contains(
        "<a href=\"https://status.acme.test/incidents/2026-11-20-api-errors/\" style=\"color:#0550ae\">View the incident</a>"
    ));
    assert!(
        !html.contains("<img") && !html.contains("<script"),
        "{html}"
    );
}

#[test]
fn non_ascii_titles_and_text_survive_the_subject_and_both_parts() {
    let server = Server::start();
    let mut n = notice();
    n.title = "Störung der API – 東京 🔥".into();
    n.body_markdown = "Die **Ursache**: ein fehlerhaftes Deployment. Grüße aus Köln.".into();
    n.components = vec!["Zahlungsverkehr".into(), "Übersicht".into()];
    email::send(&plain(&server), &n).unwrap();
    let mail = mime::parse(&server.sessions(1)[0].data);
    assert!(mail.header("Subject").unwrap().is_ascii());
    assert_eq!(
        mail.decoded_header("Subject").as_deref(),
        Some("[Acme Status] Identified: Störung der API – 東京 🔥")
    );
    let parts = mail.parts();
    let text = parts[0].text();
    assert!(text.starts_with("Störung der API – 東京 🔥\n"), "{text}");
    assert!(
        text.contains("Affects: Zahlungsverkehr, Übersicht\n"),
        "{text}"
    );
    assert!(
        text.contains("Die Ursache: ein fehlerhaftes Deployment. Grüße aus Köln.\n"),
        "{text}"
    );
    let html = parts[1].text();
    assert!(
        html.contains("<title>Störung der API – 東京 🔥</title>"),
        "{html}"
    );
    assert!(
        html.contains("Die <strong>Ursache</strong>: ein fehlerhaftes"),
        "{html}"
    );
}

#[test]
fn starttls_is_used_by_default_and_the_password_goes_only_over_it() {
    let (tls, cert_pem) = self_signed_tls();
    let server = Server::with(Vec::new(), Some(tls));
    // No `tls` parameter: STARTTLS, required. The password holds an `@`, percent-encoded.
    let s = settings(format!("smtp://ann:p%40ss@127.0.0.1:{}", server.port));
    email::send_trusting(&s, &notice(), Some(cert_pem.as_bytes())).unwrap();
    let session = &server.sessions(1)[0];
    assert!(session.tls);
    let starttls = session.commands.iter().position(|c| c == "STARTTLS");
    let auth = session.commands.iter().position(|c| c.starts_with("AUTH"));
    assert!(
        starttls.is_some() && starttls < auth,
        "{:?}",
        session.commands
    );
    let credentials = base64::engine::general_purpose::STANDARD
        .decode(session.auth_plain.as_deref().unwrap())
        .unwrap();
    assert_eq!(credentials, b"\0ann\0p@ss");
    let mail = mime::parse(&session.data);
    assert_eq!(
        mail.decoded_header("Subject").as_deref(),
        Some("[Acme Status] Identified: Elevated error rates")
    );
}

#[test]
fn implicit_tls_delivers_with_smtps() {
    let (tls, cert_pem) = self_signed_tls();
    let server = Server::implicit_tls(tls);
    let s = settings(format!("smtps://ann:pw@127.0.0.1:{}", server.port));
    email::send_trusting(&s, &notice(), Some(cert_pem.as_bytes())).unwrap();
    let session = &server.sessions(1)[0];
    assert!(session.tls);
    assert!(!session.commands.contains(&"STARTTLS".to_owned()));
    assert_eq!(session.rcpt_to, ["status-announce@acme.test"]);
    assert!(!session.data.is_empty());
}

#[test]
fn an_unknown_certificate_or_a_server_without_starttls_gets_no_message_and_no_retry() {
    let (tls, _) = self_signed_tls();
    let server = Server::with(Vec::new(), Some(tls));
    let s = settings(format!("smtp://ann:secret@127.0.0.1:{}", server.port));
    let text = permanent(email::send(&s, &notice()));
    assert!(
        text.contains("TLS") && text.contains("certificate"),
        "{text}"
    );
    let session = &server.sessions(1)[0];
    assert!(session.auth_plain.is_none() && session.data.is_empty());

    let no_tls = Server::start();
    let s = settings(format!("smtp://ann:secret@127.0.0.1:{}", no_tls.port));
    let text = permanent(email::send(&s, &notice()));
    assert!(
        text.contains("STARTTLS") && text.contains("?tls=none"),
        "{text}"
    );
    let session = &no_tls.sessions(1)[0];
    assert!(session.auth_plain.is_none() && session.data.is_empty());
    assert!(!text.contains("secret"));
}

#[test]
fn a_refused_mailbox_is_permanent() {
    let server = Server::with(
        vec![Fault::Reply(
            Command::Rcpt,
            "550 5.1.1 <status-announce@acme.test>: Recipient address rejected".into(),
        )],
        None,
    );
    let text = permanent(email::send(&plain(&server), &notice()));
    assert!(text.contains("550") || text.contains("rejected"), "{text}");
    assert!(server.sessions(1)[0].data.is_empty());
}

#[test]
fn try_later_and_a_dropped_connection_are_worth_a_retry_and_the_retry_delivers() {
    let server = Server::with(
        vec![Fault::Reply(
            Command::Mail,
            "451 4.3.0 Try again later".into(),
        )],
        None,
    );
    retry(email::send(&plain(&server), &notice()));
    // The server accepts the next session: the retry delivers.
    email::send(&plain(&server), &notice()).unwrap();
    let sessions = server.sessions(2);
    assert!(sessions[0].data.is_empty());
    assert!(!sessions[1].data.is_empty());

    let dropping = Server::with(vec![Fault::Close(Command::Data)], None);
    retry(email::send(&plain(&dropping), &notice()));
    assert!(dropping.sessions(1)[0].data.is_empty());
}

#[test]
fn a_silent_server_fails_within_the_timeout() {
    let silent = silent_port();
    let port = silent.local_addr().unwrap().port();
    let mut s = settings(format!("smtp://127.0.0.1:{port}?tls=none"));
    s.timeout = Duration::from_millis(300);
    let start = Instant::now();
    let text = retry(email::send(&s, &notice()));
    let took = start.elapsed();
    assert!(took < Duration::from_secs(3), "took {took:?}: {text}");
    assert!(took >= Duration::from_millis(250), "took {took:?}: {text}");
}

#[test]
fn nobody_listening_is_worth_a_retry() {
    let port = silent_port().local_addr().unwrap().port();
    // The listener is gone: the port refuses connections.
    retry(email::send(
        &settings(format!("smtp://127.0.0.1:{port}?tls=none")),
        &notice(),
    ));
}

#[test]
fn a_dry_run_shows_what_the_server_would_get() {
    let server = Server::start();
    let s = plain(&server);
    let preview = email::preview(&s, &notice()).unwrap();
    email::send(&s, &notice()).unwrap();
    let data = server.sessions(1)[0].data.replace("\r\n", "\n");
    // SMTP ends the data with CRLF . CRLF, after the message's own last line end.
    assert!(
        preview.trim_end().ends_with(data.trim_end()) && preview.ends_with("--\n"),
        "{preview}\n---\n{data}"
    );
    assert!(preview.starts_with(&format!(
        "SMTP smtp://127.0.0.1:{}?tls=none (no encryption)\n",
        server.port
    )));
}

#[test]
fn the_test_reader_decodes_encoded_words_as_mail_clients_do() {
    assert_eq!(
        mime::decode_words("[Acme] =?utf-8?b?U3TDtnJ1bmc=?= der API =?utf-8?b?4oCTIOadseS6rA==?="),
        "[Acme] Störung der API – 東京"
    );
    assert_eq!(
        mime::decode_words("=?utf-8?q?a_b?= =?utf-8?q?=C3=A4?= c"),
        "a bä c"
    );
    let mail: Mail = mime::parse("A: 1\r\nB: x\r\n y\r\n\r\nbody");
    assert_eq!(mail.header("b"), Some("x y"));
}
