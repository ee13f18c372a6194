//! The subscribe page: every page links to it, the sitemap lists it, the addresses it gives are
//! files the build wrote, and the operator's public channels of `[subscribe]` show only when
//! configured.

mod common;

use common::*;
use std::fs;
use std::path::Path;

/// The values of every `attr="…"` in `html`, in order.
fn attributes<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!("{attr}=\"");
    html.split(needle.as_str())
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .collect()
}

/// The texts of every `<code class="copy">…</code>` in `html`.
fn copyable(html: &str) -> Vec<&str> {
    html.split("<code class=\"copy\">")
        .skip(1)
        .map(|rest| rest.split("</code>").next().unwrap())
        .collect()
}

/// The file a link `href` on the page `page` (a file path relative to the site root) leads to,
/// relative to the site root; links starting with `/` are resolved against `base_path`.
fn resolve(page: &str, href: &str, base_path: &str) -> String {
    let mut parts: Vec<&str> = match href.strip_prefix(base_path) {
        Some(rest) if href.starts_with('/') => rest.split('/').collect(),
        _ => {
            let mut parts: Vec<&str> = page.split('/').collect();
            parts.pop();
            parts.extend(href.split('/'));
            parts
        }
    };
    let mut out: Vec<&str> = Vec::new();
    for part in parts.drain(..) {
        match part {
            ".." => assert!(
                out.pop().is_some(),
                "{href} climbs out of the site from {page}"
            ),
            "." | "" => {}
            p => out.push(p),
        }
    }
    let path = out.join("/");
    if href.ends_with('/') || path.is_empty() {
        format!("{path}{}index.html", if path.is_empty() { "" } else { "/" })
    } else {
        path
    }
}

/// The example site, published below a path (`/status/`), built into its `public/`.
fn example_below_a_path() -> TempSite {
    let site = TempSite::example();
    let config = fs::read_to_string(site.path().join("statuspress.toml")).unwrap();
    let moved = config.replace(
        "base_url = \"https://status.northwind.example\"",
        "base_url = \"https://northwind.example/status\"",
    );
    assert_ne!(config, moved, "the example's base_url moved");
    site.write("statuspress.toml", &moved);
    assert_ok(&site.run(&["build"]));
    site
}

fn pages(public: &Path) -> Vec<String> {
    snapshot_tree(public)
        .into_iter()
        .map(|(path, _)| path)
        .filter(|p| p.ends_with(".html"))
        .collect()
}

#[test]
fn every_page_links_to_the_subscribe_page_and_the_sitemap_lists_it() {
    let site = example_below_a_path();
    let public = site.path().join("public");
    let pages = pages(&public);
    assert!(pages.len() > 30, "{pages:?}");
    for nested in [
        "index.html",
        "404.html",
        "subscribe/index.html",
        "history/2026/11/index.html",
    ] {
        assert!(pages.iter().any(|p| p == nested), "{nested}");
    }
    assert!(pages.iter().any(|p| p.starts_with("incidents/")));
    assert!(pages.iter().any(|p| p.starts_with("components/")));
    for page in &pages {
        // The embed is a widget inside other sites' pages, with no navigation of its own.
        if page.starts_with("embed/") {
            continue;
        }
        let html = site.read_output(page);
        let to_subscribe: Vec<&str> = attributes(&html, "href")
            .into_iter()
            .filter(|href| href.ends_with("subscribe/") && !href.contains(':'))
            .collect();
        assert!(
            !to_subscribe.is_empty(),
            "{page} does not link to subscribe/"
        );
        for href in to_subscribe {
            assert_eq!(
                resolve(page, href, "/status/"),
                "subscribe/index.html",
                "{page}: {href}"
            );
        }
        let depth = page.matches('/').count();
        let expected = match page.as_str() {
            // Served at any missing path, so it links through the absolute base path.
            "404.html" => "/status/subscribe/".to_string(),
            _ => format!("{}subscribe/", "../".repeat(depth)),
        };
        assert!(
            html.contains(&format!("<li><a href=\"{expected}\">Subscribe</a></li>")),
            "{page}: the header links {expected}"
        );
    }
    let index = site.read_output("index.html");
    assert!(
        index.contains("<p class=\"follow\">Follow this page: <a href=\"subscribe/\">"),
        "the index links it beside the feeds"
    );
    let sitemap = site.read_output("sitemap.xml");
    assert!(
        sitemap.contains("<url><loc>https://northwind.example/status/subscribe/</loc></url>"),
        "{sitemap}"
    );
}

#[test]
fn the_addresses_on_the_subscribe_page_are_files_the_build_wrote() {
    let site = example_below_a_path();
    let public = site.path().join("public");
    let html = site.read_output("subscribe/index.html");
    let base = "https://northwind.example/status/";
    // Every address to copy is absolute, and names a file of this build.
    let addresses = copyable(&html);
    let components = fs::read_dir(public.join("components")).unwrap().count();
    assert_eq!(
        addresses.len(),
        4 + 1 + components,
        "the four site-wide ones, the Slack command and one feed per component: {addresses:#?}"
    );
    for address in &addresses {
        let url = address.strip_prefix("/feed subscribe ").unwrap_or(address);
        let path = url
            .strip_prefix(base)
            .unwrap_or_else(|| panic!("{url} is not below {base}"));
        assert!(public.join(path).is_file(), "{url}: no {path} in the build");
    }
    for wanted in [
        "history.atom",
        "history.rss",
        "maintenance.ics",
        "api/v2/summary.json",
        "components/api/history.atom",
    ] {
        assert!(
            addresses.contains(&format!("{base}{wanted}").as_str()),
            "{wanted}"
        );
    }
    assert!(addresses.contains(&format!("/feed subscribe {base}history.atom").as_str()));
    // Every link within the site reaches a file; the calendar also opens as a subscription.
    let hrefs = attributes(&html, "href");
    for href in &hrefs {
        if href.contains(':') || href.starts_with('#') {
            continue;
        }
        let file = resolve("subscribe/index.html", href, "/status/");
        assert!(public.join(&file).is_file(), "{href}: no {file}");
    }
    assert!(
        hrefs.contains(&"webcal://northwind.example/status/maintenance.ics"),
        "{hrefs:?}"
    );
    // The example's public channels, and only those.
    assert!(html.contains(
        "<li><strong>Mastodon:</strong> <a href=\"https://mastodon.social/@northwindstatus\">"
    ));
    assert!(html.contains("<li><strong>Email:</strong> send an email to <a href=\"mailto:status-announce+subscribe@northwind.example\">status-announce+subscribe@northwind.example</a>"));
    assert!(
        !html.contains("<strong>Slack:</strong>") && !html.contains("<strong>Discord:</strong>")
    );
    // A page people read without scripts: the only script is the base template's local times.
    assert_eq!(html.matches("<script").count(), 1);
}

#[test]
fn public_channels_show_only_when_configured() {
    let site = TempSite::new();
    assert_ok(&site.run(&["build"]));
    let html = site.read_output("subscribe/index.html");
    assert!(!html.contains("Where updates are posted"), "{html}");
    assert!(html.contains("Discord does not read feeds by itself."));

    site.write(
        "statuspress.toml",
        &format!("{CONFIG}[subscribe]\nslack = \"https://acme-community.slack.com/\"\n"),
    );
    assert_ok(&site.run(&["build"]));
    let html = site.read_output("subscribe/index.html");
    let channels = html
        .split("<h2 id=\"channels-h\">Where updates are posted</h2>")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .expect("a section of channels");
    assert_eq!(
        channels.trim(),
        "<ul class=\"ways\">\n  <li><strong>Slack:</strong> <a href=\"https://acme-community.slack.com/\">join the Slack community</a>.</li>\n</ul>"
    );
    assert!(html.contains(
        "Or <a href=\"https://acme-community.slack.com/\">join the Slack community</a>, where updates are posted."
    ));
}

#[test]
fn a_bad_subscribe_address_is_an_error_with_its_position_and_a_hint() {
    let site = TempSite::new();
    site.write(
        "statuspress.toml",
        &format!(
            "{CONFIG}[subscribe]\ndiscord = \"discord.gg/acme\"\nslack = \"https://hooks.slack.com/services/T0/B0/x\"\nmastdon = \"https://mastodon.social/@acme\"\n"
        ),
    );
    let o = site.run(&["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    for expected in [
        "statuspress.toml:5:11: error: `subscribe.discord` must be an absolute https, http or mailto address, got `discord.gg/acme`\n  help: write it as discord = \"https://discord.gg/acme\"\n",
        "statuspress.toml:6:9: error: `subscribe.slack` is a webhook address, a secret that the subscribe page would publish\n",
        "statuspress.toml:7:1: error: unknown key `mastdon` in [subscribe]\n  help: did you mean `mastodon`?",
    ] {
        assert!(err.contains(expected), "{expected}\nnot in:\n{err}");
    }
    // The secret is not echoed back into logs, and a build publishes nothing.
    assert!(!err.contains("/services/T0/B0/x"), "{err}");
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!site.path().join("public").exists());
}
