//! The URL layout, by hand: folders, files and relative roots.

use super::*;

#[test]
fn post_component_and_month_urls_are_folders() {
    assert_eq!(incident("2026-11-20-api"), "incidents/2026-11-20-api/");
    assert_eq!(maintenance("db"), "maintenance/db/");
    assert_eq!(announcement("rates"), "announcements/rates/");
    assert_eq!(component("api"), "components/api/");
    assert_eq!(month("2026/11"), "history/2026/11/");
    assert_eq!(
        postmortem("2026-11-20-api"),
        "incidents/2026-11-20-api/#postmortem"
    );
}

#[test]
fn component_files_sit_in_the_component_folder() {
    assert_eq!(component_feed("api"), "components/api/history.atom");
    assert_eq!(component_badge("api"), "components/api/badge.svg");
    assert_eq!(component_shields("api"), "components/api/shields.json");
    assert_eq!(component_uptime_badge("api"), "components/api/uptime.svg");
    assert_eq!(
        component_uptime_shields("api"),
        "components/api/uptime.json"
    );
    assert_eq!(component_bar_image("api"), "components/api/uptime-bar.svg");
    assert_ne!(component_bar_image("api"), component_uptime_badge("api"));
    assert_eq!(group_bar_image("core"), "groups/core/uptime-bar.svg");
    assert_eq!(component_uptime("api"), "components/api/#uptime-h");
}

#[test]
fn a_day_of_history_is_an_anchor_on_its_month() {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 10, 3).unwrap();
    assert_eq!(month_key(day), "2026/10");
    assert_eq!(history_day(day), "history/2026/10/#2026-10-03");
    assert_eq!(root_of(MAINTENANCE_LIST), "../");
    assert_eq!(root_of(ANNOUNCEMENT_LIST), "../");
}

#[test]
fn page_files_round_trip() {
    for url in [INDEX, HISTORY, STATS, EMBED, SUBSCRIBE, "incidents/a/"] {
        assert_eq!(page_of_file(&page_file(url)), Some(url));
    }
    assert_eq!(page_file(INDEX), "index.html");
    assert_eq!(page_file(EMBED), "embed/index.html");
    assert_eq!(page_of_file(NOT_FOUND_FILE), None);
    assert_eq!(page_of_file("style.css"), None);
}

#[test]
fn roots_climb_one_level_per_folder() {
    assert_eq!(root_of(INDEX), "");
    assert_eq!(root_of("index.html"), "");
    assert_eq!(root_of(HISTORY), "../");
    assert_eq!(root_of(STATS), "../");
    assert_eq!(root_of(EMBED), "../");
    assert_eq!(root_of(EMBED_LIGHT), "../../");
    assert_eq!(root_of(EMBED_DARK), "../../");
    assert_eq!(root_of(SUBSCRIBE), "../");
    assert_eq!(root_of(&incident("a")), "../../");
    assert_eq!(root_of(&component("a")), "../../");
    assert_eq!(root_of(&month("2026/11")), "../../../");
    assert_eq!(root_of(&page_file(&maintenance("m"))), "../../");
    assert_eq!(up(0), "");
}

#[test]
fn absolute_joins_base_and_path() {
    assert_eq!(
        absolute("https://s.test/status", &incident("a")),
        "https://s.test/status/incidents/a/"
    );
    assert_eq!(absolute("https://s.test", INDEX), "https://s.test/");
}

#[test]
fn webcal_replaces_only_the_scheme() {
    assert_eq!(
        webcal(&absolute("https://s.test/status", MAINTENANCE_CALENDAR)),
        "webcal://s.test/status/maintenance.ics"
    );
    assert_eq!(
        webcal("http://127.0.0.1:1111/maintenance.ics"),
        "webcal://127.0.0.1:1111/maintenance.ics"
    );
    assert_eq!(webcal("ftp://s.test/x.ics"), "ftp://s.test/x.ics");
}

#[test]
fn the_api_lists_every_file_once() {
    let mut all = api::ALL.to_vec();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 8);
    assert!(
        all.iter()
            .all(|p| p.starts_with("api/v2/") && p.ends_with(".json"))
    );
}

#[test]
fn languages_sit_in_folders_and_link_across() {
    assert_eq!(language_root("pt-BR"), "pt-BR/");
    assert_eq!(between_languages("", "de/"), "de/");
    assert_eq!(between_languages("de/", ""), "../");
    assert_eq!(between_languages("de/", "fr/"), "../fr/");
    assert_eq!(
        format!(
            "{}{}",
            root_of(&incident("a")),
            between_languages("", "de/")
        ),
        "../../de/"
    );
    assert!(is_site_folder("api") && is_site_folder("History"));
    assert!(is_site_folder("groups"));
    assert!(!is_site_folder("de") && !is_site_folder("fr"));
}
