use super::*;
use crate::fixture::{OPEN_WEB, RESOLVED_API, SILENT, WINDOW, at, derived};
use crate::output::Output;
use crate::render::data::api::Api;
use crate::render::views::Views;

fn views<'a>(site: &'a Site, state: &'a State) -> Views<'a> {
    views_in(site, state, crate::i18n::english_table())
}

fn views_in<'a>(site: &'a Site, state: &'a State, t: &'static crate::i18n::Table) -> Views<'a> {
    let language = &site.config.language;
    let edition = crate::render::views::Edition::new(&site.config.base_url, language, language);
    Views::build(
        site,
        state,
        Api::new(site, state, t).refresh(true),
        &edition,
        t,
    )
}

/// The feeds `render` puts into a sink, collected.
fn feeds_of(site: &Site, state: &State, views: &Views<'_>) -> Output {
    let sink = std::sync::Mutex::new(Output::new());
    render(site, state, views, &sink);
    sink.into_inner().unwrap()
}

fn rendered(now: &str) -> Output {
    rendered_in(now, crate::i18n::english_table())
}

fn rendered_in(now: &str, t: &'static crate::i18n::Table) -> Output {
    let (site, state) = derived(
        &[("web", OPEN_WEB), ("api", RESOLVED_API), ("blip", SILENT)],
        &[("m", WINDOW)],
        now,
    );
    let views = views_in(&site, &state, t);
    feeds_of(&site, &state, &views)
}

#[test]
fn atom_feed_parses_back_with_every_post_newest_first() {
    let out = rendered("2026-11-20T12:00:00Z");
    let feed: atom::Feed = out.text("history.atom").unwrap().parse().unwrap();
    assert_eq!(feed.title.value, "Acme Status - Incident History");
    assert_eq!(feed.id, "tag:status.acme.test,2005:/history");
    let titles: Vec<&str> = feed
        .entries
        .iter()
        .map(|e| e.title.value.as_str())
        .collect();
    assert_eq!(titles, ["Web errors", "Mail upgrade", "API slow", "Blip"]);
    let web = &feed.entries[0];
    assert_eq!(
        web.id,
        format!(
            "tag:status.acme.test,2005:Incident/{}",
            stable_id("incident", "web")
        )
    );
    assert_eq!(
        web.published,
        Some(at("2026-11-20T10:00:00Z").fixed_offset())
    );
    assert_eq!(web.updated, at("2026-11-20T10:30:00Z").fixed_offset());
    assert_eq!(web.links[0].href, "https://status.acme.test/incidents/web/");
    let html = web.content.as_ref().unwrap().value.as_deref().unwrap();
    assert!(
        html.starts_with("<p><small>Nov <var data-var='date'>20</var>, <var data-var='time'>10:30</var> UTC</small><br><strong>Identified</strong> - Found it.</p>"),
        "{html}"
    );
    assert!(html.contains(
        "<strong>Investigating</strong></p><p>Summary.</p>\n<p>Looking &amp; checking.</p>"
    ));
    assert_eq!(feed.updated, at("2026-11-20T10:30:00Z").fixed_offset());
    let blip = &feed.entries[3];
    assert!(
        blip.content
            .as_ref()
            .unwrap()
            .value
            .as_deref()
            .unwrap()
            .contains("<strong>Resolved</strong> - This incident has been resolved.")
    );
}

/// Statuspage's "Nov 20, 10:30 UTC" is English word order; another language marks its own date
/// and time, in the order of its `date.display`.
#[test]
fn an_update_is_dated_in_the_words_and_order_of_the_language() {
    let out = rendered_in("2026-11-20T12:00:00Z", crate::i18n::table("de", None));
    let feed: atom::Feed = out.text("history.atom").unwrap().parse().unwrap();
    let html = feed.entries[0]
        .content
        .as_ref()
        .unwrap()
        .value
        .as_deref()
        .unwrap();
    assert!(
        html.starts_with("<p><small><var data-var='date'>20. November 2026</var>, <var data-var='time'>10:30 UTC</var></small><br><strong>Ursache gefunden</strong> - Found it.</p>"),
        "{html}"
    );
}

#[test]
fn rss_feed_parses_back_with_the_same_entries() {
    let out = rendered("2026-11-20T12:00:00Z");
    let channel = rss::Channel::read_from(out.get("history.rss").unwrap()).unwrap();
    assert_eq!(channel.link, "https://status.acme.test/");
    let items: Vec<(&str, &str)> = channel
        .items
        .iter()
        .map(|i| (i.title.as_deref().unwrap(), i.pub_date.as_deref().unwrap()))
        .collect();
    assert_eq!(
        items,
        [
            ("Web errors", "Fri, 20 Nov 2026 10:00:00 +0000"),
            ("Mail upgrade", "Sun, 15 Nov 2026 09:00:00 +0000"),
            ("API slow", "Tue, 10 Nov 2026 08:00:00 +0000"),
            ("Blip", "Sun, 1 Nov 2026 08:00:00 +0000"),
        ]
    );
    assert_eq!(
        channel.items[0].guid.as_ref().unwrap().value,
        "https://status.acme.test/incidents/web/"
    );
}

#[test]
fn component_feeds_hold_only_their_posts() {
    let out = rendered("2026-11-22T00:00:00Z");
    let mail: atom::Feed = out
        .text("components/mail/history.atom")
        .unwrap()
        .parse()
        .unwrap();
    let titles: Vec<&str> = mail
        .entries
        .iter()
        .map(|e| e.title.value.as_str())
        .collect();
    assert_eq!(titles, ["Mail upgrade", "API slow", "Blip"]);
    assert_eq!(mail.title.value, "Acme Status - Mail - Incident History");
    let upgrade = &mail.entries[0];
    assert_eq!(upgrade.updated, at("2026-11-21T04:00:00Z").fixed_offset());
    let web: atom::Feed = out
        .text("components/web/history.atom")
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(web.entries.len(), 1);
    let empty_site = derived(&[], &[], "2026-11-22T00:00:00Z");
    let views = views(&empty_site.0, &empty_site.1);
    let out = feeds_of(&empty_site.0, &empty_site.1, &views);
    let api: atom::Feed = out
        .text("components/api/history.atom")
        .unwrap()
        .parse()
        .unwrap();
    assert!(api.entries.is_empty());
    assert_eq!(api.updated, at("2026-11-22T00:00:00Z").fixed_offset());
}

#[test]
fn feeds_are_capped() {
    let texts: Vec<(String, String)> = (0..60)
        .map(|k| {
            (
                format!("i{k:02}"),
                format!("+++\ntitle = \"Incident {k}\"\nimpact = \"minor\"\nstarted = 2026-10-{:02}T10:{:02}:00Z\naffected = [\"api\"]\n+++\n", 1 + k / 30, k % 30),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let (site, state) = derived(&refs, &[], "2026-11-22T00:00:00Z");
    let views = views(&site, &state);
    let out = feeds_of(&site, &state, &views);
    let feed: atom::Feed = out.text("history.atom").unwrap().parse().unwrap();
    assert_eq!(feed.entries.len(), LIMIT);
    assert_eq!(feed.entries[0].title.value, "Incident 59");
    let api: atom::Feed = out
        .text("components/api/history.atom")
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(api.entries.len(), LIMIT);
    assert_eq!(api.entries[49].title.value, "Incident 10");
}

#[test]
fn entries_open_with_the_post_summary() {
    // A window without updates that is already over: the oldest of its implied updates, the
    // announcement, carries the summary. (An upcoming window without updates is an error.)
    let quiet = "+++\ntitle = \"DB upgrade\"\nstart = 2026-11-19T02:00:00Z\nend = 2026-11-19T04:00:00Z\naffected = [\"mail\"]\n+++\nWrites pause for a minute.\n";
    let (site, state) = derived(
        &[("web", OPEN_WEB)],
        &[("m", WINDOW), ("db", quiet)],
        "2026-11-20T12:00:00Z",
    );
    let views = views(&site, &state);
    let out = feeds_of(&site, &state, &views);
    let feed: atom::Feed = out.text("history.atom").unwrap().parse().unwrap();
    let content = |title: &str| {
        let entry = feed
            .entries
            .iter()
            .find(|e| e.title.value == title)
            .unwrap();
        entry.content.as_ref().unwrap().value.clone().unwrap()
    };
    assert!(
        content("Web errors").ends_with(
            "<strong>Investigating</strong></p><p>Summary.</p>\n<p>Looking &amp; checking.</p>"
        ),
        "{}",
        content("Web errors")
    );
    assert!(
        content("Mail upgrade").contains("<p>Upgrading mail.</p>\n<p>We will upgrade mail.</p>"),
        "{}",
        content("Mail upgrade")
    );
    assert!(
        content("DB upgrade")
            .ends_with("<strong>Scheduled</strong> - Writes pause for a minute.</p>"),
        "{}",
        content("DB upgrade")
    );
    let rss = rss::Channel::read_from(out.get("history.rss").unwrap()).unwrap();
    let item = rss
        .items
        .iter()
        .find(|i| i.title.as_deref() == Some("DB upgrade"));
    assert!(
        item.unwrap()
            .description
            .as_deref()
            .unwrap()
            .contains("Writes pause")
    );
}

#[test]
fn ids_leave_out_the_port_of_base_url_and_rss_links_itself() {
    let (mut site, state) = derived(&[("web", OPEN_WEB)], &[], "2026-11-20T12:00:00Z");
    site.config.base_url = "http://localhost:8080/status".to_string();
    let views = views(&site, &state);
    let out = feeds_of(&site, &state, &views);
    let feed: atom::Feed = out.text("history.atom").unwrap().parse().unwrap();
    assert_eq!(feed.id, "tag:localhost,2005:/status/history");
    assert_eq!(
        feed.entries[0].id,
        format!(
            "tag:localhost,2005:Incident/{}",
            stable_id("incident", "web")
        )
    );
    let rss = out.text("history.rss").unwrap();
    assert!(
        rss.contains(r#"<atom:link href="http://localhost:8080/status/history.rss" rel="self" type="application/rss+xml">"#),
        "{rss}"
    );
}
