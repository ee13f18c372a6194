//! Events of sites in other languages than English: every word of a notice is the site's
//! default language's, as on its root pages.

use super::super::{Event, list, window_text};
use crate::derive::State;
use crate::fixture::{OPEN_WEB, SILENT, WINDOW, at};
use crate::model::Config;
use crate::model::toml_source::TomlSource;
use crate::notify::notice::Words;
use std::path::Path;

/// The events at `now` of the fixture site with `config` added to its settings, in Berlin.
fn events_in(
    config: &str,
    incidents: &[(&str, &str)],
    maintenance: &[(&str, &str)],
    now: &str,
) -> Vec<Event> {
    let mut site = crate::fixture::site(incidents, maintenance);
    let text = format!(
        "title = \"Acme Status\"\nbase_url = \"https://status.acme.test\"\ntime_zone = \"Europe/Berlin\"\n{config}"
    );
    site.config = Config::parse(TomlSource::file(Path::new("statuspress.toml"), &text)).unwrap();
    let state = State::derive(&site, at(now));
    list(&site, &state)
}

/// [`OPEN_WEB`] whose second update promises the next by 11:00 UTC.
fn promising() -> String {
    OPEN_WEB.replace(
        "## Identified — 2026-11-20 10:30 UTC",
        "## Identified — 2026-11-20 10:30 UTC · next update by 2026-11-20 11:00 UTC",
    )
}

#[test]
fn a_german_site_is_told_in_german() {
    let web = promising();
    let e = events_in(
        "language = \"de\"\n",
        &[("web", &web), ("blip", SILENT)],
        &[("mail", WINDOW)],
        "2026-11-21T03:00:00Z",
    );
    let notices: Vec<_> = e.iter().map(|e| &e.notice).collect();
    let resolved = &notices[1];
    assert_eq!(resolved.key, "incident/blip/resolved/2026-11-01T08:20:00Z");
    assert_eq!(resolved.status, "Behoben");
    assert_eq!(resolved.impact, "Geringe Auswirkungen");
    assert_eq!(resolved.body_markdown, "Dieser Vorfall ist behoben.");
    assert_eq!(resolved.at_text, "1. November 2026, 09:20 MEZ");

    let opened = notices
        .iter()
        .find(|n| n.key == "incident/web/opened")
        .unwrap();
    assert_eq!(opened.status, "Wird untersucht");
    assert_eq!(opened.impact, "Erhebliche Auswirkungen");
    assert_eq!(opened.at_text, "20. November 2026, 11:05 MEZ");
    let identified = notices
        .iter()
        .find(|n| n.key.starts_with("incident/web/update/"))
        .unwrap();
    assert_eq!(identified.status, "Ursache gefunden");
    assert_eq!(
        identified.body_markdown,
        "Found it.\n\nNächstes Update bis 12:00 MEZ."
    );

    let started = notices
        .iter()
        .find(|n| n.key == "maintenance/mail/started")
        .unwrap();
    assert_eq!(started.status, "Läuft");
    assert_eq!(
        started.body_markdown,
        "Die geplanten Wartungsarbeiten laufen. Wir informieren Sie bei Bedarf."
    );
    assert_eq!(
        started.window_text.as_deref(),
        Some("21. November 2026, 03:00 – 05:00 MEZ")
    );
    let scheduled = notices
        .iter()
        .find(|n| n.key == "maintenance/mail/scheduled")
        .unwrap();
    assert_eq!(scheduled.status, "Geplant");

    // Every notice carries the words of the same table.
    let german = Words::builtin("de");
    assert!(notices.iter().all(|n| n.words == german));
    assert_eq!(
        (german.language, german.status, german.read_more),
        ("de", "Status", "Weiterlesen")
    );
    assert_ne!(german, Words::builtin("en"));
}

#[test]
fn notices_follow_the_default_language_of_a_site_in_several() {
    let web = promising();
    let words = |config: &str| {
        let e = events_in(config, &[("web", &web)], &[], "2026-11-20T11:00:00Z");
        (e[0].notice.status.clone(), e[0].notice.words)
    };
    assert_eq!(
        words("languages = [\"de\", \"en\"]\n"),
        ("Wird untersucht".to_string(), Words::builtin("de"))
    );
    assert_eq!(
        words("languages = [\"en\", \"de\"]\n"),
        ("Investigating".to_string(), Words::builtin("en"))
    );
}

#[test]
fn an_arabic_site_is_told_right_to_left_with_its_own_list_comma() {
    let arabic = Words::builtin("ar");
    assert!(arabic.right_to_left && !Words::builtin("de").right_to_left);
    assert_eq!(arabic.list(&["API".into(), "Web".into()]), "API، Web");
    let e = events_in(
        "language = \"ar\"\n",
        &[("blip", SILENT)],
        &[],
        "2026-11-02T00:00:00Z",
    );
    assert_eq!(e[0].notice.status, "قيد التحقيق");
    assert_eq!(e[1].notice.body_markdown, "تم حل هذا الحادث.");
    assert!(
        !e[0].notice.at_text.contains("Nov"),
        "{}",
        e[0].notice.at_text
    );
}

#[test]
fn a_window_in_one_day_is_written_as_the_language_joins_a_date_and_a_time() {
    let tz: chrono_tz::Tz = "Europe/Berlin".parse().unwrap();
    let (start, end) = (at("2026-11-26T01:00:00Z"), at("2026-11-26T03:00:00Z"));
    let window = |language: &str| window_text(start, end, tz, crate::i18n::table(language, None));
    assert_eq!(window("de"), "26. November 2026, 02:00 – 04:00 MEZ");
    assert_eq!(window("fr"), "26 nov. 2026 à 02:00 – 04:00 CET");
    assert_eq!(window("ja"), "2026年11月26日 02:00 – 04:00 CET");
}
