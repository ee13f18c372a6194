use super::*;
use crate::notify::channel::sample::notice;
use crate::notify::notice::{NoticeKind, Tone};

fn settings() -> EmailSettings {
    EmailSettings {
        smtp_url: "smtps://ann:s3cret@smtp.acme.test".into(),
        from: "status@acme.test".into(),
        to: vec!["status-announce@acme.test".into()],
        timeout: Duration::from_secs(5),
    }
}

fn header<'a>(message: &'a str, name: &str) -> Option<&'a str> {
    let head = message.split("\r\n\r\n").next().unwrap();
    head.split("\r\n")
        .find_map(|line| line.strip_prefix(&format!("{name}: ")))
}

fn formatted(settings: &EmailSettings, notice: &Notice) -> String {
    String::from_utf8(compose(settings, notice).unwrap().formatted()).unwrap()
}

#[test]
fn a_later_notice_replies_to_the_first_of_its_thread() {
    let later = formatted(&settings(), &notice());
    let thread_id = format!("<{}@status.acme.test>", digest(&notice().thread));
    let own_id = format!("<{}@status.acme.test>", digest(&notice().key));
    assert_eq!(header(&later, "Message-ID"), Some(own_id.as_str()));
    assert_eq!(header(&later, "In-Reply-To"), Some(thread_id.as_str()));
    assert_eq!(header(&later, "References"), Some(thread_id.as_str()));

    let mut first = notice();
    first.first_of_thread = true;
    first.key = "incident/2026-11-20-api-errors/update/2026-11-20T14:05:00Z".into();
    let first = formatted(&settings(), &first);
    assert_eq!(header(&first, "Message-ID"), Some(thread_id.as_str()));
    assert_eq!(header(&first, "In-Reply-To"), None);
    assert_eq!(header(&first, "References"), None);
}

#[test]
fn the_same_notice_gives_the_same_bytes_and_the_date_is_the_notices() {
    let a = formatted(&settings(), &notice());
    assert_eq!(a, formatted(&settings(), &notice()));
    assert_eq!(header(&a, "Date"), Some("Fri, 20 Nov 2026 14:40:00 +0000"));
    assert_eq!(header(&a, "Auto-Submitted"), Some("auto-generated"));
    assert_eq!(header(&a, "MIME-Version"), Some("1.0"));
}

#[test]
fn subject_from_and_to_follow_the_notice_and_settings() {
    let m = formatted(&settings(), &notice());
    assert_eq!(
        header(&m, "Subject"),
        Some("[Acme Status] Identified: Elevated error rates")
    );
    assert_eq!(
        header(&m, "From"),
        Some("\"Acme Status\" <status@acme.test>")
    );
    assert_eq!(header(&m, "To"), Some("status-announce@acme.test"));
    let mut s = settings();
    s.from = "Ops Team <ops@acme.test>".into();
    s.to.push("second@acme.test".into());
    let m = formatted(&s, &notice());
    assert_eq!(header(&m, "From"), Some("\"Ops Team\" <ops@acme.test>"));
    assert_eq!(
        header(&m, "To"),
        Some("status-announce@acme.test, second@acme.test")
    );
    let mut n = notice();
    n.kind = NoticeKind::MaintenanceScheduled;
    n.title = "Database upgrade".into();
    assert_eq!(
        subject(&n),
        "[Acme Status] Maintenance scheduled: Database upgrade"
    );
}

#[test]
fn bad_addresses_and_no_recipients_are_permanent_with_the_fix() {
    let mut s = settings();
    s.from = "not an address".into();
    let Err(SendError::Permanent(text)) = compose(&s, &notice()) else {
        panic!("expected a permanent error")
    };
    assert!(
        text.contains("`from`") && text.contains("status@acme.com"),
        "{text}"
    );
    let mut s = settings();
    s.to = vec!["ok@acme.test".into(), "@@".into()];
    let Err(SendError::Permanent(text)) = compose(&s, &notice()) else {
        panic!("expected a permanent error")
    };
    assert!(text.contains("`to`") && text.contains("\"@@\""), "{text}");
    s.to.clear();
    assert!(matches!(
        compose(&s, &notice()),
        Err(SendError::Permanent(t)) if t.contains("`to`")
    ));
}

#[test]
fn the_text_part_has_status_facts_plain_update_and_link() {
    let mut n = notice();
    n.body_markdown = "We **rolled back**:\n\n- api-7\n- [the notes](https://acme.test/n)".into();
    assert_eq!(
        text_part(&n),
        "Elevated error rates\nIdentified · Major impact\n\n\
         Affects: API, Web\nPosted: 20 Nov 2026, 15:40 CET\n\n\
         We rolled back:\n\n- api-7\n- the notes (https://acme.test/n)\n\n\
         View the incident: https://status.acme.test/incidents/2026-11-20-api-errors/\n\n\
         -- \nAcme Status\nhttps://status.acme.test\n"
    );
    n.kind = NoticeKind::MaintenanceScheduled;
    n.impact.clear();
    n.status = "Scheduled".into();
    n.window_text = Some("26 Nov 2026, 02:00 – 04:00 CET".into());
    let text = text_part(&n);
    assert!(text.contains("\nMaintenance scheduled\n"), "{text}");
    assert!(
        text.contains("Window: 26 Nov 2026, 02:00 – 04:00 CET\n"),
        "{text}"
    );
    assert!(text.contains("View the maintenance: "), "{text}");
}

#[test]
fn the_html_part_is_escaped_sanitized_and_coloured_by_tone() {
    let mut n = notice();
    n.title = "Errors <b>& \"timeouts\"".into();
    n.body_markdown = "Fixed *now* <script>alert(1)</script><img src=x onerror=alert(2)>".into();
    let html = html_part(&n);
    assert!(
        html.contains("<h1 style=\"margin:0 0 12px;font-size:20px;line-height:1.3\">Errors &lt;b&gt;&amp; &quot;timeouts&quot;</h1>"),
        "{html}"
    );
    assert!(html.contains("<em>now</em>"), "{html}");
    assert!(
        !html.contains("<script") && !html.contains("onerror"),
        "{html}"
    );
    assert!(html.contains("border-left:4px solid #bc4c00"), "{html}");
    assert!(
        html.contains("<td style=\"padding:2px 0\">API, Web</td>"),
        "{html}"
    );
    assert!(html.contains(
        "<a href=\"https://status.acme.test/incidents/2026-11-20-api-errors/\" style=\"color:#0550ae\">View the incident</a>"
    ));
    n.tone = Tone::Resolved;
    assert!(html_part(&n).contains("border-left:4px solid #1a7f37"));
    n.tone = Tone::Maintenance;
    assert!(html_part(&n).contains("border-left:4px solid #0550ae"));
}

#[test]
fn the_preview_shows_the_relay_without_its_password_and_the_whole_message() {
    let preview = preview(&settings(), &notice()).unwrap();
    assert!(
        preview.starts_with(
            "SMTP smtps://ann:****@smtp.acme.test (TLS)\n\
             MAIL FROM:<status@acme.test> RCPT TO:<status-announce@acme.test>\n\n"
        ),
        "{preview}"
    );
    assert!(!preview.contains("s3cret"));
    assert!(!preview.contains('\r'));
    let message = formatted(&settings(), &notice()).replace("\r\n", "\n");
    assert!(preview.ends_with(&message));
}
