//! Uptime, SLOs and statistics through the real binary: `stats`, the built pages and the API.

mod common;

use common::{NOW, TempSite, stderr, stdout};

/// api: a 60-minute major outage and a 48-minute partial outage in the last 30 days.
fn site() -> TempSite {
    let site = TempSite::new();
    site.write(
        "components.toml",
        &format!(
            "{}slo = 99.9\n",
            common::COMPONENTS.replace(
                "group = \"core\"\n\n[[component]]\nid = \"web\"",
                "group = \"core\"\nslo = 99.9\n\n[[component]]\nid = \"web\""
            )
        ),
    );
    site.write(
        "incidents/2026-11-20-down.md",
        "+++\ntitle = \"API down\"\nstarted = 2026-11-20T10:00:00Z\nresolved = 2026-11-20T11:00:00Z\naffected = { api = \"major_outage\" }\n+++\n## Investigating — 2026-11-20 10:10 UTC\nLooking.\n## Resolved — 2026-11-20 11:00 UTC\nFixed.\n",
    );
    site.write(
        "incidents/2026-11-21-slow.md",
        "+++\ntitle = \"API errors\"\nstarted = 2026-11-21T10:00:00Z\nresolved = 2026-11-21T10:48:00Z\naffected = { api = \"partial_outage\" }\n+++\n",
    );
    site
}

#[test]
fn stats_json_has_the_hand_computed_figures() {
    let site = site();
    let out = site.run(&["stats", "--now", NOW, "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let api = &json["components"][0];
    assert_eq!(api["id"], "api");
    // 60 × 1 + 48 × 0.3 = 74.4 minutes in the last 30 days (43 200 minutes):
    // 1 − 74.4/43200 = 99.8277…% → 99.82 %.
    assert_eq!(api["uptime"][0]["days"], 30);
    assert_eq!(api["uptime"][0]["downtime_minutes"], 74.4);
    assert_eq!(api["uptime"][0]["uptime_percent"], 99.82);
    // SLO 99.9 % over 30 days: budget 43.2 minutes, 74.4 spent, 31.2 over.
    assert_eq!(api["slo"]["budget_minutes"], 43.2);
    assert_eq!(api["slo"]["spent_minutes"], 74.4);
    assert_eq!(api["slo"]["remaining_minutes"], -31.2);
    assert_eq!(api["slo"]["met"], false);
    // The last days of the bar: Nov 20 has 60 minutes, Nov 21 has 14.4 (Berlin days; both
    // incidents lie well inside their local day).
    let days = json["days"].as_array().unwrap();
    assert_eq!(days.len(), 90);
    assert_eq!(days[89], "2026-11-23");
    assert_eq!(api["daily_downtime_minutes"][86], 60.0);
    assert_eq!(api["daily_downtime_minutes"][87], 14.4);
    assert_eq!(api["daily_status"][86], "major_outage");
    assert_eq!(api["daily_status"][87], "partial_outage");
    // The group "core" is as bad as api at every instant; web has no SLO.
    assert_eq!(json["groups"][0]["uptime"][0]["downtime_minutes"], 74.4);
    assert_eq!(
        json["groups"][0]["components"],
        serde_json::json!(["api", "web"])
    );
    assert!(json["components"][1].get("slo").is_none());
    // Two incidents: mean time to resolve (60 + 48)/2 = 54, median 54; one first update at 10 min.
    assert_eq!(json["incidents"]["count"], 2);
    assert_eq!(json["incidents"]["resolve_mean_minutes"], 54.0);
    assert_eq!(json["incidents"]["first_update_mean_minutes"], 10.0);
}

#[test]
fn stats_table_is_readable_and_json_matches_the_built_api() {
    let site = site();
    let table = site.run(&["stats", "--now", NOW]);
    assert!(table.status.success(), "{}", stderr(&table));
    let text = stdout(&table);
    assert!(text.contains("API "), "{text}");
    assert!(text.contains("99.82%") && text.contains("MISSED"), "{text}");
    let json = site.run(&["stats", "--now", NOW, "--format", "json"]);
    let build = site.run(&["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert_eq!(site.read_output("api/uptime.json"), stdout(&json));
}

#[test]
fn pages_show_bars_figures_slo_and_statistics() {
    let site = site();
    let build = site.run(&["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let index = site.read_output("index.html");
    // The bar shows 90 days: 1 − 74.4/129600 = 99.9425…% → 99.94 %, two of them with incidents.
    let summary =
        "API: 99.94% uptime over the last 90 days, 2 days with incidents, over error budget";
    assert!(index.contains(&format!("alt=\"{summary}\"")), "{index}");
    assert!(index.contains("<strong>over error budget</strong>"));
    // The group's bar, shown while the group is collapsed, names the member.
    assert!(index.contains("<strong>API over error budget</strong>"));
    // A day tells what happened on the component page, and links to the day in the history,
    // which lists the incident.
    assert!(!index.contains("aria-label=\"20 Nov 2026"), "{index}");
    let api = site.read_output("components/api/index.html");
    assert!(api.contains(&format!("aria-label=\"{summary}\"")), "{api}");
    assert!(api.contains("aria-label=\"20 Nov 2026: Major outage, 1h downtime\"><span class=\"tt\"><b>20 Nov 2026</b> Major outage · 1h downtime<a href=\"../../history/2026/11/#2026-11-20\">Details in the history</a></span></i>"), "{api}");
    let month = site.read_output("history/2026/11/index.html");
    let day = &month[month.find("<h3 id=\"2026-11-20\">").unwrap()..];
    let day = &day[..day.find("</li>").unwrap()];
    assert!(day.contains("<strong>API down</strong>"), "{day}");
    assert!(
        api.contains("✕ Missed: 99.9% uptime over 30 rolling days"),
        "{api}"
    );
    assert!(api.contains("<dd>43.2 min of downtime in 30 days</dd>"));
    assert!(api.contains("<dd>1h 14m (172% of the budget)</dd>"));
    assert!(
        api.contains("<a href=\"../../incidents/2026-11-20-down/\"><strong>API down</strong></a>")
    );
    let stats = site.read_output("stats/index.html");
    assert!(stats.contains("99.9% · missed"), "{stats}");
    assert!(
        site.read_output("history/index.html")
            .contains("stats/\">Uptime and incident statistics")
    );
    assert!(
        site.read_output("sitemap.xml")
            .replace("&#x2F;", "/")
            .contains("/stats/</loc>")
    );
}

#[test]
fn a_component_newer_than_the_window_shows_no_data_before_it() {
    let site = TempSite::new();
    site.write(
        "components.toml",
        "[[component]]\nid = \"api\"\nname = \"API\"\nsince = 2026-11-21\n",
    );
    let out = site.run(&["stats", "--now", NOW, "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let api = &json["components"][0];
    assert_eq!(api["since"], "2026-11-21");
    // Day 86 is Nov 20, day 87 Nov 21.
    assert_eq!(api["daily_downtime_minutes"][86], serde_json::Value::Null);
    assert_eq!(api["daily_downtime_minutes"][87], 0.0);
    assert_eq!(api["daily_status"][86], serde_json::Value::Null);
    // From 2026-11-20T23:00Z (midnight in Berlin) to the clock: 61 hours.
    assert_eq!(api["uptime"][0]["observed_minutes"], 3660.0);
    assert_eq!(api["uptime"][0]["uptime_percent"], 100.0);
}

#[test]
fn bad_slo_and_weights_are_reported_with_position() {
    let site = TempSite::new();
    site.write(
        "statuspress.toml",
        &format!(
            "{}\n[downtime_weights]\npartial_outage = 3\n",
            common::CONFIG
        ),
    );
    site.write(
        "components.toml",
        "[[component]]\nid = \"api\"\nslo = 100\n",
    );
    let out = site.run(&["stats", "--now", NOW]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("components.toml:3:7: error: `slo` must be above 0 and below 100, got 100"),
        "{err}"
    );
    assert!(err.contains("statuspress.toml:6:1: error: the weight of `partial_outage` must be a number from 0 to 1, got 3"), "{err}");
}

#[test]
fn the_example_index_stays_light() {
    let site = TempSite::example();
    let build = site.run(&["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    // About 25 KB when this was written: each bar is an image and its caption.
    let size = site.read_output("index.html").len();
    assert!(size < 35_000, "index.html is {size} bytes");
}

#[test]
fn fifty_components_with_incidents_stay_reasonable() {
    let site = TempSite::new();
    let mut components = String::new();
    for k in 0..50 {
        components.push_str(&format!(
            "[[component]]\nid = \"c{k}\"\nname = \"Component {k}\"\n"
        ));
    }
    site.write("components.toml", &components);
    // One incident every three days for 90 days, each on five components.
    for d in 0..30 {
        let affected: Vec<String> = (0..5)
            .map(|k| format!("\"c{}\"", (d * 7 + k * 3) % 50))
            .collect();
        site.write(
            &format!("incidents/i{d}.md"),
            &format!(
                "+++\ntitle = \"Incident {d}\"\nimpact = \"major\"\nstarted = 2026-08-{:02}T10:00:00Z\nresolved = 2026-08-{:02}T11:00:00Z\naffected = [{}]\n+++\n",
                d % 28 + 1,
                d % 28 + 1,
                affected.join(", ")
            ),
        );
    }
    let build = site.run(&["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    // 4,500 days of which 150 have incidents: 98 KB when each day was an element of the index,
    // with the incidents of the day in its tooltip; each bar is now one image and its caption.
    let size = site.read_output("index.html").len();
    assert!(size < 40_000, "index.html is {size} bytes");
    assert!(!site.read_output("index.html").contains("incidents/i"));
}

#[test]
fn sites_that_override_base_and_index_still_build() {
    let site = site();
    site.write(
        "templates/base.html",
        "{% import \"macros.html\" as m -%}<!doctype html><title>{{ site.title }}</title>{% block content %}{% endblock content %}",
    );
    site.write(
        "templates/index.html",
        "{% extends \"base.html\" %}{% block content %}<p>Own index</p>{% endblock content %}",
    );
    let build = site.run(&["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(site.read_output("index.html").contains("Own index"));
    let api = site.read_output("components/api/index.html");
    assert!(api.contains("class=\"ub\""), "{api}");
}

/// `status = "major_outage"` set by hand: today's bar and the figures show it. NOW is 12:00 UTC,
/// 13:00 in Berlin, so 780 minutes of today; 90 days: 1 − 780/129600 = 99.398…% → 99.39%.
#[test]
fn a_status_set_by_hand_shows_in_todays_bar_and_the_uptime() {
    let site = TempSite::new();
    site.write(
        "components.toml",
        &common::COMPONENTS.replace(
            "id = \"mail\"\nname = \"Email\"\n",
            "id = \"mail\"\nname = \"Email\"\nstatus = \"major_outage\"\n",
        ),
    );
    let o = site.run(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let index = site.read_output("index.html");
    let row = &index[index.find("components/mail/\">Email</a>").unwrap()..];
    let row = &row[..row.find("</li>").unwrap()];
    assert!(
        row.contains("<a href=\"components/mail/#uptime-h\"><img src=\"components/mail/uptime-bar.svg\" alt=\"Email: 99.39% uptime over the last 90 days\" width=\"1078\" height=\"28\""),
        "{row}"
    );
    assert!(
        row.trim_end()
            .ends_with("<p class=\"ubl ubc\" aria-hidden=\"true\"><span><span class=\"wd\">99.39% uptime</span><span class=\"nw\">99.39% over 90 days</span></span></p></div>"),
        "{row}"
    );
    // Today is the last day of the image, drawn in the colour of a major outage.
    let image = site.read_output("components/mail/uptime-bar.svg");
    assert!(
        image.contains("<path class=\"st-major_outage\" d=\"M1068 0h10v28h-10z\"/>"),
        "{image}"
    );
    // On its page, today says so; with no post to read about, it links nowhere.
    let page = site.read_output("components/mail/index.html");
    assert!(
        page.contains("<i class=\"st-major_outage\" tabindex=\"0\" role=\"group\" aria-label=\"23 Nov 2026: Major outage, 13h downtime\"><span class=\"tt\"><b>23 Nov 2026</b> Major outage · 13h downtime</span></i>"),
        "{page}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&site.read_output("api/uptime.json")).unwrap();
    let mail = &json["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "mail")
        .unwrap()
        .clone();
    assert_eq!(
        mail["daily_status"].as_array().unwrap().last().unwrap(),
        "major_outage"
    );
}

/// The captions of the bars of `page`, each without its closing tag.
fn captions(page: &str) -> Vec<&str> {
    let found: Vec<&str> = (page
        .split("<p class=\"ubl ubc\" aria-hidden=\"true\">")
        .skip(1))
    .map(|c| &c[..c.find("</p>").unwrap()])
    .collect();
    assert!(!found.is_empty(), "no caption in {page}");
    found
}

/// The narrow screen's media query of `css`, the one that crops the bars.
fn narrow_block(css: &str) -> &str {
    let block = &css[css.find("@media (max-width:30rem){\n.ubd>i").unwrap()..];
    &block[..block.find("}}").unwrap() + 2]
}

/// The captions' fixed words ("90 days ago", "30 days ago" on a phone, "Today") are in the one
/// stylesheet rather than in every caption: on a site of one language one rule for its pages,
/// on a site of several one per language under `:lang()`; the narrow screen's start inside the
/// media query that crops the bars. The 404 page inlines the same stylesheet.
#[test]
fn the_stylesheet_draws_the_fixed_words_of_the_captions_in_each_language() {
    let site = site();
    let build = |extra: &str| {
        site.write("statuspress.toml", &format!("{}{extra}", common::CONFIG));
        let o = site.run(&["build"]);
        assert!(o.status.success(), "{}", stderr(&o));
        site.read_output("style.css")
    };

    let css = build("");
    assert!(
        css.contains(".ubc::before{content:\"90 days ago\"}.ubc::after{content:\"Today\"}\n"),
        "{css}"
    );
    assert!(
        narrow_block(&css).ends_with(".ubc::before{content:\"30 days ago\"}}"),
        "{css}"
    );
    // Only captions of class `ubc` get the words: a theme's own caption of class `ubl` that
    // prints them itself, as captions did before, keeps its layout and gets none beside them.
    assert!(
        !css.contains(".ubl::") && !css.contains(".ubl:lang("),
        "{css}"
    );
    assert!(
        css.contains(
            ".ubl>span{flex:none}.ubl>span:nth-last-child(2){flex:initial;text-align:center}"
        ),
        "{css}"
    );
    for page in ["index.html", "components/api/index.html"] {
        for caption in captions(&site.read_output(page)) {
            assert!(
                caption.starts_with("<span><span class=\"wd\">"),
                "{caption}"
            );
            for word in ["days ago", "Today"] {
                assert!(!caption.contains(word), "{page}: {caption}");
            }
        }
    }

    let css = build("languages = [\"en\", \"ar\"]\n");
    for rule in [
        ".ubc:lang(en)::before{content:\"90 days ago\"}.ubc:lang(en)::after{content:\"Today\"}\n",
        ".ubc:lang(ar)::before{content:\"قبل 90 يومًا\"}.ubc:lang(ar)::after{content:\"اليوم\"}\n",
    ] {
        assert!(css.contains(rule), "{rule} in {css}");
    }
    assert!(!css.contains(".ubc::before{content"), "{css}");
    let narrow = narrow_block(&css);
    assert!(
        narrow.ends_with(".ubc:lang(en)::before{content:\"30 days ago\"}\n.ubc:lang(ar)::before{content:\"قبل 30 يومًا\"}}"),
        "{narrow}"
    );
    for caption in captions(&site.read_output("ar/index.html")) {
        for word in ["قبل", "اليوم"] {
            assert!(!caption.contains(word), "{caption}");
        }
    }
    let not_found = site.read_output("404.html");
    assert!(
        not_found.contains(&format!("<style>{css}</style>")),
        "{not_found}"
    );

    // A window no longer than a phone shows has no narrow start; one of a day starts today.
    let css = build("uptime_days = 30\n");
    assert!(
        css.contains(".ubc::before{content:\"30 days ago\"}.ubc::after{content:\"Today\"}\n"),
        "{css}"
    );
    assert!(!narrow_block(&css).contains("::before"), "{css}");
    let css = build("uptime_days = 1\n");
    assert!(
        css.contains(".ubc::before{content:\"Today\"}.ubc::after{content:\"Today\"}\n"),
        "{css}"
    );
}
