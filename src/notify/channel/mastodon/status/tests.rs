use super::*;
use crate::notify::channel::sample::notice;
use crate::notify::notice::NoticeKind;

#[test]
fn a_short_update_is_posted_whole() {
    assert_eq!(
        compose(&notice()),
        "🟠 Identified: Elevated error rates\nAffects: API, Web · Major impact\n\n\
         A bad deploy of the API; we are rolling back (https://acme.test/ops).\n\n\
         https://status.acme.test/incidents/2026-11-20-api-errors/"
    );
}

#[test]
fn maintenance_says_when_and_has_no_impact() {
    let mut n = notice();
    n.kind = NoticeKind::MaintenanceScheduled;
    n.tone = Tone::Maintenance;
    n.title = "Database upgrade".into();
    n.impact.clear();
    n.components = vec!["API".into()];
    n.window_text = Some("26 Nov 2026, 02:00 – 04:00 CET".into());
    n.body_markdown.clear();
    assert_eq!(
        compose(&n),
        "🔧 Maintenance scheduled: Database upgrade\nAffects: API\n\
         When: 26 Nov 2026, 02:00 – 04:00 CET\n\n\
         https://status.acme.test/incidents/2026-11-20-api-errors/"
    );
}

#[test]
fn graphemes_count_once_and_addresses_count_twenty_three() {
    assert_eq!(length("abc"), 3);
    assert_eq!(length("🔥"), 1);
    // A family emoji joined by zero-width joiners, and a flag: one each.
    assert_eq!(length("👨‍👩‍👧 🇩🇪"), 3);
    assert_eq!(length("e\u{301}"), 1);
    assert_eq!(
        length("https://status.acme.com/incidents/2026-11-20-api-errors/"),
        23
    );
    assert_eq!(length("http://a.io"), 23);
    assert_eq!(length("see https://acme.com/x."), 4 + 23 + 1);
    assert_eq!(length("(https://acme.com/x)"), 1 + 23 + 1);
    assert_eq!(length("https://en.wikipedia.org/wiki/Foo_(bar)"), 23);
    // Not addresses Mastodon recognises: counted as written.
    assert_eq!(length("xhttps://acme.com"), 17);
    assert_eq!(length("https://localhost/x"), 19);
    assert_eq!(length("https://10.0.0.1/"), 17);
    assert_eq!(length("https://"), 8);
}

#[test]
fn a_long_update_is_cut_at_a_word_with_an_ellipsis_and_keeps_the_link() {
    let mut n = notice();
    n.body_markdown = "word ".repeat(300);
    let post = compose(&n);
    assert!(length(&post) <= MAX_CHARS, "{}", length(&post));
    assert!(length(&post) > MAX_CHARS - 6, "{}", length(&post));
    assert!(
        post.contains("word word…\n\nhttps://status.acme.test/"),
        "{post}"
    );
    assert!(post.ends_with("\n\nhttps://status.acme.test/incidents/2026-11-20-api-errors/"));
}

#[test]
fn addresses_in_the_update_count_as_mastodon_counts_them_and_are_never_cut() {
    let mut n = notice();
    let long_url = format!("https://acme.com/{}", "x".repeat(200));
    // Each sentence is 8 graphemes of text and one address: 32 as Mastodon counts.
    n.body_markdown = format!("See log {long_url} ").repeat(40);
    let post = compose(&n);
    assert!(length(&post) <= MAX_CHARS, "{}", length(&post));
    // Far more than 500 characters of text, thanks to the addresses.
    assert!(post.chars().count() > 2_000, "{}", post.chars().count());
    for word in post.split_whitespace() {
        if word.starts_with("https://acme.com/") {
            assert!(
                word == long_url || word == format!("{long_url}…"),
                "an address was cut: {word}"
            );
        }
    }
}

#[test]
fn a_title_too_long_for_any_post_is_cut_and_the_link_kept() {
    let mut n = notice();
    n.title = "Ü".repeat(600);
    let post = compose(&n);
    assert!(length(&post) <= MAX_CHARS, "{}", length(&post));
    assert!(post.starts_with("🟠 Identified: ÜÜÜ"));
    assert!(post.ends_with("Ü…\n\nhttps://status.acme.test/incidents/2026-11-20-api-errors/"));
}

#[test]
fn every_post_fits_whatever_the_lengths() {
    let mut n = notice();
    for title_len in [0, 10, 300, 470, 490, 1_000] {
        for body_len in [0, 1, 50, 400, 5_000] {
            n.title = "T".repeat(title_len);
            n.body_markdown = "lorem ipsum dolor ".repeat(body_len / 18 + 1);
            n.body_markdown.truncate(body_len);
            let post = compose(&n);
            assert!(
                length(&post) <= MAX_CHARS,
                "title {title_len}, body {body_len}: {}",
                length(&post)
            );
            assert!(post.ends_with(&n.url), "title {title_len}, body {body_len}");
        }
    }
}
