//! What `statuspress.toml` says about the site's look and audience, through the real binary:
//! `logo` and `favicon`, the embed pinned light or dark, and `public_stats`.

mod common;

use common::{TempSite, assert_ok};

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
