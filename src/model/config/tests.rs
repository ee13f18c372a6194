use super::*;
use crate::model::status::{ComponentStatus, Impact};
use std::path::Path;

fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
    Config::parse(TomlSource::file(Path::new("statuspress.toml"), text))
}

#[test]
fn defaults_apply() {
    let c = parse("title = \"Acme\"\nbase_url = \"https://status.acme.test/\"\n").unwrap();
    assert_eq!(c.time_zone, Tz::UTC);
    assert_eq!(c.language, "en");
    assert_eq!(c.base_url, "https://status.acme.test");
    assert_eq!(c.base_path(), "/");
}

#[test]
fn base_path_of_project_pages() {
    let c = parse("title = \"Acme\"\nbase_url = \"https://acme.github.io/status\"\n").unwrap();
    assert_eq!(c.base_path(), "/status/");
}

#[test]
fn bad_time_zone_suggests_the_right_one() {
    let e =
        parse("title = \"Acme\"\nbase_url = \"https://a.test\"\ntime_zone = \"Europe/Berln\"\n")
            .unwrap_err();
    assert_eq!(e[0].message, "unknown time zone `Europe/Berln`");
    assert_eq!((e[0].line, e[0].column), (3, 13));
    assert_eq!(e[0].hint.as_deref(), Some("did you mean `Europe/Berlin`?"));
}

#[test]
fn alerts_table_overrides_defaults() {
    let c = parse("title = \"Acme\"\nbase_url = \"https://a.test\"\n").unwrap();
    assert_eq!(c.alerts, AlertsConfig::default());
    assert_eq!(c.alerts.impact_for(Some("page")), Impact::Major);
    assert_eq!(c.alerts.impact_for(Some("info")), Impact::Minor);
    let c = parse(
        "title = \"Acme\"\nbase_url = \"https://a.test\"\n[alerts]\ncomponent_label = \"service\"\nseverity.info = \"none\"\nseverity.warning = \"major\"\n",
    )
    .unwrap();
    assert_eq!(c.alerts.component_label, "service");
    assert_eq!(c.alerts.impact_for(Some("info")), Impact::None);
    assert_eq!(c.alerts.impact_for(Some("warning")), Impact::Major);
    assert_eq!(c.alerts.impact_for(Some("critical")), Impact::Critical);
    let e = parse(
        "title = \"Acme\"\nbase_url = \"https://a.test\"\n[alerts]\nseverity.page = \"majr\"\n",
    )
    .unwrap_err();
    assert_eq!(e[0].message, "unknown impact `majr` for severity `page`");
    assert_eq!((e[0].line, e[0].column), (4, 17));
    assert_eq!(e[0].hint.as_deref(), Some("did you mean `major`?"));
}

#[test]
fn uptime_settings_default_and_parse() {
    let c = parse("title = \"Acme\"\nbase_url = \"https://a.test\"\n").unwrap();
    assert_eq!(c.uptime, UptimeSettings::default());
    assert_eq!(c.uptime.days, 90);
    assert_eq!(c.uptime.update_cadence_minutes, 30);
    assert_eq!(
        c.uptime.weights.per_mille(ComponentStatus::MajorOutage),
        1000
    );
    assert_eq!(
        c.uptime.weights.per_mille(ComponentStatus::PartialOutage),
        300
    );
    assert_eq!(
        c.uptime
            .weights
            .per_mille(ComponentStatus::DegradedPerformance),
        0
    );
    let c = parse(
        "title = \"Acme\"\nbase_url = \"https://a.test\"\nuptime_days = 30\nupdate_cadence_minutes = 60\n[downtime_weights]\npartial_outage = 0.5\ndegraded_performance = 0.1\nunder_maintenance = 1\n",
    )
    .unwrap();
    assert_eq!(c.uptime.days, 30);
    assert_eq!(c.uptime.update_cadence_minutes, 60);
    let w = c.uptime.weights;
    assert_eq!(w.per_mille(ComponentStatus::MajorOutage), 1000);
    assert_eq!(w.per_mille(ComponentStatus::PartialOutage), 500);
    assert_eq!(w.per_mille(ComponentStatus::DegradedPerformance), 100);
    assert_eq!(w.per_mille(ComponentStatus::UnderMaintenance), 1000);
}

#[test]
fn bad_uptime_settings_are_located() {
    let e = parse(
        "title = \"Acme\"\nbase_url = \"https://a.test\"\nuptime_days = 0\n[downtime_weights]\npartial_outge = 0.5\nmajor_outage = 2\noperational = 0.5\n",
    )
    .unwrap_err();
    let msgs = crate::diagnostic::located(&e);
    assert_eq!(
        msgs,
        [
            "3:15 `uptime_days` must be between 1 and 365, got 0",
            "5:1 unknown status `partial_outge` in [downtime_weights]",
            "6:1 the weight of `major_outage` must be a number from 0 to 1, got 2",
            "7:1 unknown status `operational` in [downtime_weights]",
        ]
    );
    assert_eq!(
        e[1].hint.as_deref(),
        Some("did you mean `partial_outage`?; operational never counts as downtime")
    );
}

#[test]
fn missing_title_and_url_are_both_reported() {
    let e = parse("description = \"x\"\n").unwrap_err();
    assert_eq!(e.len(), 2);
}

#[test]
fn every_unknown_key_and_wrong_value_is_reported_at_once() {
    let errors = parse(
        "title = \"Acme\"\nbase_url = \"https://status.acme.test\"\ntitel = \"x\"\nuptime_days = \"many\"\nlanguage = 3\n[alerts]\ncomponent_labl = \"c\"\n",
    )
    .unwrap_err();
    assert_eq!(
        crate::diagnostic::located(&errors),
        [
            "3:1 unknown key `titel`",
            "4:15 invalid type: string \"many\", expected i64",
            "5:12 invalid type: integer `3`, expected a string",
            "7:1 unknown key `component_labl` in [alerts]",
        ]
    );
}

#[test]
fn freshness_settings_default_and_parse() {
    let c = parse("title = \"Acme\"\nbase_url = \"https://a.test\"\n").unwrap();
    assert_eq!(c.stale_after_minutes, 60);
    assert!(c.auto_refresh);
    let c = parse(
        "title = \"Acme\"\nbase_url = \"https://a.test\"\nstale_after_minutes = 5\nauto_refresh = false\n",
    )
    .unwrap();
    assert_eq!(c.stale_after_minutes, 5);
    assert!(!c.auto_refresh);
    let c = parse("title = \"Acme\"\nbase_url = \"https://a.test\"\nstale_after_minutes = 10080\n")
        .unwrap();
    assert_eq!(c.stale_after_minutes, 10080);
}

#[test]
fn bad_freshness_settings_are_located_with_a_hint() {
    let head = "title = \"Acme\"\nbase_url = \"https://a.test\"\n";
    for (line, got) in [
        ("stale_after_minutes = 4", "4"),
        ("stale_after_minutes = 10081", "10081"),
        ("stale_after_minutes = -60", "-60"),
    ] {
        let e = parse(&format!("{head}{line}\n")).unwrap_err();
        assert_eq!(
            crate::diagnostic::located(&e),
            [format!(
                "3:23 `stale_after_minutes` must be between 5 and 10080, got {got}"
            )]
        );
        assert_eq!(
            e[0].hint.as_deref(),
            Some("write e.g. stale_after_minutes = 60 (the default)")
        );
    }
    let e = parse(&format!(
        "{head}stale_after_minutes = \"1h\"\nauto_refresh = \"no\"\n"
    ))
    .unwrap_err();
    assert_eq!(
        crate::diagnostic::located(&e),
        [
            "3:23 invalid type: string \"1h\", expected i64",
            "4:16 `auto_refresh` must be true or false, got \"no\"",
        ]
    );
    assert_eq!(
        e[1].hint.as_deref(),
        Some("write auto_refresh = true (the default) or auto_refresh = false, without quotes")
    );
}

#[test]
fn misspelt_freshness_keys_get_the_right_suggestion() {
    let e = parse(
        "title = \"Acme\"\nbase_url = \"https://a.test\"\nstale_after = 30\nauto_refesh = false\n",
    )
    .unwrap_err();
    assert_eq!(
        crate::diagnostic::located(&e),
        [
            "3:1 unknown key `stale_after`",
            "4:1 unknown key `auto_refesh`"
        ]
    );
    assert!(
        e[0].hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean `stale_after_minutes`?"),
        "{:?}",
        e[0].hint
    );
    assert!(
        e[1].hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean `auto_refresh`?"),
        "{:?}",
        e[1].hint
    );
}

#[test]
fn announcements_stay_out_of_the_api_unless_switched_on() {
    let head = "title = \"Acme\"\nbase_url = \"https://a.test\"\n";
    assert!(!parse(head).unwrap().announcements.in_api);
    let c = parse(&format!("{head}[announcements]\nin_api = true\n")).unwrap();
    assert!(c.announcements.in_api);
    let mut e = parse(&format!(
        "{head}[announcements]\nin_api = \"yes\"\nin_feed = true\n"
    ))
    .unwrap_err();
    crate::diagnostic::sort(&mut e);
    assert_eq!(
        crate::diagnostic::located(&e),
        [
            "4:10 `announcements.in_api` must be true or false, got \"yes\"",
            "5:1 unknown key `in_feed` in [announcements]",
        ]
    );
    assert!(
        e[1].hint.as_deref().unwrap().contains("in_api"),
        "{:?}",
        e[1].hint
    );
}

#[test]
fn logo_and_favicon_are_image_paths_with_their_types() {
    let c = parse(
        "title = \"Acme\"\nbase_url = \"https://a.test\"\nlogo = \"img/logo.SVG\"\n  favicon = \"favicon.ico\"\n",
    )
    .unwrap();
    assert_eq!(
        c.branding.logo,
        Some(Asset {
            path: "img/logo.SVG".to_string(),
            media_type: "image/svg+xml",
            position: (3, 1),
        })
    );
    let favicon = c.branding.favicon.unwrap();
    assert_eq!(
        (favicon.media_type, favicon.position),
        ("image/x-icon", (4, 3))
    );
    let none = parse("title = \"Acme\"\nbase_url = \"https://a.test\"\n").unwrap();
    assert_eq!(none.branding, Branding::default());
}

#[test]
fn a_logo_outside_static_or_not_an_image_is_an_error_at_its_key() {
    let e = parse(
        "title = \"Acme\"\nbase_url = \"https://a.test\"\nlogo = \"../secret/logo.svg\"\nfavicon = \"favicon.txt\"\n",
    )
    .unwrap_err();
    assert_eq!(
        crate::diagnostic::located(&e),
        [
            "3:1 `logo` must be a path under static/, got `../secret/logo.svg`",
            "4:1 `favicon` must be an image, got `favicon.txt`",
        ]
    );
    assert_eq!(
        e[1].hint.as_deref(),
        Some("use a file ending in .svg, .png, .ico, .jpg, .jpeg, .gif, .webp, .avif")
    );
    for bad in [
        "/logo.svg",
        "https://cdn.test/logo.svg",
        "a//b.svg",
        "my logo.svg",
        "",
    ] {
        let e = parse(&format!(
            "title = \"Acme\"\nbase_url = \"https://a.test\"\nlogo = \"{bad}\"\n"
        ))
        .unwrap_err();
        assert_eq!(
            e[0].message,
            format!("`logo` must be a path under static/, got `{bad}`")
        );
    }
    let e = parse("title = \"Acme\"\nbase_url = \"https://a.test\"\nlogo = true\n").unwrap_err();
    assert_eq!(
        crate::diagnostic::located(&e),
        ["3:8 `logo` must be a path in quotes, found a boolean"]
    );
}

#[test]
fn a_logo_that_static_does_not_hold_is_named_with_the_fix() {
    let c = parse(
        "title = \"Acme\"\nbase_url = \"https://a.test\"\nlogo = \"static/logo.svg\"\nfavicon = \"icons/favicon.png\"\n",
    )
    .unwrap();
    let files = vec![("logo.svg".to_string(), Vec::new())];
    let e = c.branding.check_files(&files);
    assert_eq!(
        crate::diagnostic::located(&e),
        [
            "3:1 `logo` names static/static/logo.svg, which does not exist",
            "4:1 `favicon` names static/icons/favicon.png, which does not exist",
        ]
    );
    assert_eq!(
        e[0].hint.as_deref(),
        Some("the path is read from static/: write logo = \"logo.svg\"")
    );
    assert_eq!(
        e[1].hint.as_deref(),
        Some(
            "put the image at static/icons/favicon.png, or correct the path (it is read from static/)"
        )
    );
    let present = vec![
        ("icons/favicon.png".to_string(), Vec::new()),
        ("static/logo.svg".to_string(), Vec::new()),
    ];
    assert!(c.branding.check_files(&present).is_empty());
}

#[test]
fn public_stats_is_a_switch_that_defaults_to_true() {
    let c = parse("title = \"Acme\"\nbase_url = \"https://a.test\"\n").unwrap();
    assert!(c.public_stats);
    let c =
        parse("title = \"Acme\"\nbase_url = \"https://a.test\"\npublic_stats = false\n").unwrap();
    assert!(!c.public_stats);
    let e = parse("title = \"Acme\"\nbase_url = \"https://a.test\"\npublic_stats = \"no\"\n")
        .unwrap_err();
    assert_eq!(
        crate::diagnostic::located(&e),
        ["3:16 `public_stats` must be true or false, got \"no\""]
    );
}
