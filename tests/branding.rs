//! What `statuspress.toml` says about the site's look and audience, through the real binary:
//! `logo` and `favicon`, the embed pinned light or dark, and `public_stats`.

mod common;

use common::{CONFIG, NOW, TempSite, assert_ok, stderr, stdout};
use serde_json::Value;

const LOGO: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>\n";

fn branded() -> TempSite {
    let site = TempSite::new();
    with_incidents(&site);
    site.write(
        "statuspress.toml",
        &format!("{CONFIG}logo = \"brand/logo.svg\"\nfavicon = \"favicon.png\"\n"),
    );
    site.write("static/brand/logo.svg", LOGO);
    site.write("static/favicon.png", "png");
    site
}

#[test]
fn every_page_shows_the_logo_and_names_the_favicon_from_its_own_folder() {
    let site = branded();
    assert_ok(&site.run(&["build"]));
    for (page, root) in [
        ("index.html", ""),
        ("history/index.html", "../"),
        ("components/api/index.html", "../../"),
        ("history/2026/11/index.html", "../../../"),
    ] {
        let html = site.read_output(page);
        assert!(
            html.contains(&format!(
                r#"<a class="brand" href="{}"><img src="{root}brand/logo.svg" alt="Acme Status" height="32"></a>"#,
                if root.is_empty() { "./" } else { root }
            )),
            "{page}: {html}"
        );
        let head = &html[..html.find("</head>").unwrap()];
        assert!(
            head.contains(&format!(
                r#"<link rel="icon" type="image/png" href="{root}favicon.png">"#
            )),
            "{page}: {head}"
        );
    }
    // The 404 page is served at any depth: it links from the base path.
    let missing = site.read_output("404.html");
    assert!(
        missing.contains(r#"<img src="/brand/logo.svg" alt="Acme Status""#),
        "{missing}"
    );
    assert!(missing.contains(r#"<link rel="icon" type="image/png" href="/favicon.png">"#));
    // The images are published where the pages look for them.
    assert_eq!(site.read_output("brand/logo.svg"), LOGO);
    assert!(site.path().join("public/favicon.png").is_file());
}

#[test]
fn without_a_logo_the_header_shows_the_title() {
    let site = TempSite::new();
    assert_ok(&site.run(&["build"]));
    let index = site.read_output("index.html");
    assert!(
        index.contains(r#"<a class="brand" href="./">Acme Status</a>"#),
        "{index}"
    );
    assert!(!index.contains("rel=\"icon\""), "{index}");
}

#[test]
fn a_missing_logo_or_favicon_is_an_error_at_its_key() {
    let site = TempSite::new();
    site.write(
        "statuspress.toml",
        &format!("{CONFIG}logo = \"static/logo.svg\"\nfavicon = \"favicon.svg\"\n"),
    );
    site.write("static/logo.svg", LOGO);
    let o = site.run(&["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains(
            "statuspress.toml:4:1: error: `logo` names static/static/logo.svg, which does not exist"
        ),
        "{err}"
    );
    assert!(
        err.contains(r#"the path is read from static/: write logo = "logo.svg""#),
        "{err}"
    );
    assert!(
        err.contains(
            "statuspress.toml:5:1: error: `favicon` names static/favicon.svg, which does not exist"
        ),
        "{err}"
    );
    assert!(
        err.contains("2 problems") || err.contains("2 errors"),
        "{err}"
    );
    // A build fails the same way and writes nothing.
    assert!(!site.run(&["build"]).status.success());
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_logo_outside_the_site_folder_is_never_read() {
    let site = TempSite::new();
    site.write(
        "statuspress.toml",
        &format!("{CONFIG}logo = \"../../etc/hostname.svg\"\n"),
    );
    let o = site.run(&["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("statuspress.toml:4:1: error: `logo` must be a path under static/, got `../../etc/hostname.svg`"),
        "{err}"
    );
}

/// The embed's CSS, up to its first rule that is not about colours.
fn embed_colours(site: &TempSite, rel: &str) -> String {
    let html = site.read_output(rel);
    let style = &html[html.find("<style>").unwrap()..];
    style[..style.find(".sev-none").unwrap()].to_string()
}

#[test]
fn the_embed_comes_pinned_light_and_dark_beside_the_one_that_follows_the_reader() {
    let site = TempSite::new();
    assert_ok(&site.run(&["build"]));
    let auto = embed_colours(&site, "embed/index.html");
    assert!(
        auto.contains(":root{color-scheme:light dark;--fg:#1f2328;"),
        "{auto}"
    );
    assert!(
        auto.contains(
            "@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;"
        ),
        "{auto}"
    );
    let light = embed_colours(&site, "embed/light/index.html");
    assert!(
        light.contains(":root{color-scheme:light;--fg:#1f2328;--muted:#59636e;--bg:#fff;"),
        "{light}"
    );
    assert!(
        !light.contains("prefers-color-scheme") && !light.contains("#0d1117"),
        "{light}"
    );
    let dark = embed_colours(&site, "embed/dark/index.html");
    assert!(dark.contains(":root{color-scheme:dark;"), "{dark}");
    assert!(
        dark.contains("\n:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--line:#3d444d;"),
        "dark colours apply whatever the reader prefers: {dark}"
    );
    assert!(!dark.contains("prefers-color-scheme"), "{dark}");
    // The pinned ones are the same widget: links, stamp and the refresh script's API address.
    let strip = |rel: &str| {
        let html = site.read_output(rel);
        let after_style = html[html.find("</style>").unwrap()..].to_string();
        after_style.replace("../../api/", "../api/")
    };
    assert_eq!(strip("embed/light/index.html"), strip("embed/index.html"));
    assert_eq!(strip("embed/dark/index.html"), strip("embed/index.html"));
    assert!(
        site.read_output("embed/dark/index.html")
            .contains(r#"data-status-url="../../api/v2/status.json""#)
    );
}

fn with_incidents(site: &TempSite) {
    site.write(
        "incidents/2026-11-20-api.md",
        "+++\ntitle = \"API errors\"\nimpact = \"major\"\nstarted = 2026-11-20T10:00:00Z\naffected = [\"api\"]\n+++\n\n## Resolved — 2026-11-20 11:00 UTC\nFixed.\n\n## Investigating — 2026-11-20 10:20 UTC\nLooking.\n",
    );
}

#[test]
fn public_stats_false_keeps_the_communication_figures_off_the_site_but_not_out_of_stats() {
    let site = TempSite::new();
    with_incidents(&site);
    assert_ok(&site.run(&["build"]));
    let public = site.read_output("stats/index.html");
    assert!(
        public.contains("<th scope=\"col\">First update after (mean)</th>"),
        "{public}"
    );
    assert!(
        public.contains(
            "<td>1</td><td>1h</td><td>1h</td><td>20m</td><td>0% (0 of 1)</td><td>–</td></tr>"
        ),
        "{public}"
    );
    let api: Value = serde_json::from_str(&site.read_output("api/uptime.json")).unwrap();
    assert_eq!(api["incidents"]["first_update_mean_minutes"], 20.0);
    assert_eq!(api["update_cadence_minutes"], 30);

    site.write(
        "statuspress.toml",
        &format!("{CONFIG}public_stats = false\n"),
    );
    assert_ok(&site.run(&["build"]));
    let stats = site.read_output("stats/index.html");
    assert!(!stats.contains("First update after"), "{stats}");
    assert!(
        !stats.contains("Updates on cadence")
            && !stats.contains("cadence")
            && !stats.contains("Promises kept"),
        "{stats}"
    );
    // Uptime and time to resolve stay public, and the page stays linked.
    assert!(
        stats.contains("<th scope=\"col\">Time to resolve (mean)</th>"),
        "{stats}"
    );
    assert!(
        stats.contains("<th scope=\"row\">All incidents</th><td>1</td><td>1h</td><td>1h</td></tr>"),
        "{stats}"
    );
    assert!(site.read_output("history/index.html").contains("stats/\""));
    let api: Value = serde_json::from_str(&site.read_output("api/uptime.json")).unwrap();
    let page = api["incidents"].as_object().unwrap();
    assert_eq!(page["count"], 1);
    for key in [
        "first_update_mean_minutes",
        "cadence_kept",
        "cadence_total",
        "cadence_share",
        "promises_kept",
        "promises_broken",
        "promise_share",
    ] {
        assert!(!page.contains_key(key), "{key} in {page:?}");
        let api_component = api["components"][0]["incidents"].as_object().unwrap();
        assert!(
            !api_component.contains_key(key),
            "{key} in {api_component:?}"
        );
    }
    assert!(api.get("update_cadence_minutes").is_none());

    // The operator still gets them.
    let json = site.run(&["stats", "--now", NOW, "--format", "json"]);
    assert_ok(&json);
    let full: Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(full["incidents"]["first_update_mean_minutes"], 20.0);
    assert_eq!(full["incidents"]["cadence_total"], 1);
    let table = site.run(&["stats", "--now", NOW]);
    assert_ok(&table);
    let text = stdout(&table);
    assert!(text.contains("FIRST UPDATE  CADENCE (30 MIN)"), "{text}");
    let all = text
        .lines()
        .find(|l| l.starts_with("All incidents"))
        .unwrap();
    assert!(
        all.contains("20 min") && all.contains("0% (0 of 1)"),
        "{all}"
    );
}
