//! The entries of the lists of posts (the index's recent past, the history, the month pages, a
//! component's incidents) come from `post_line.html`, rendered once per post and depth of
//! page: a site replaces them with its own `post_line.html`, or with its own `post_line` macro.

mod common;

use common::{TempSite, assert_ok, repo, stderr};

const RECENT: &str = r#"+++
title = "Email delays"
impact = "minor"
started = 2026-11-20T14:00:00Z
affected = { mail = "degraded_performance" }
+++

## Resolved — 2026-11-20 15:30 UTC
Queues are drained.
"#;

const OLD: &str = r#"+++
title = "API down"
impact = "critical"
started = 2024-03-05T10:00:00Z
affected = ["api"]
+++

## Resolved — 2024-03-05 11:00 UTC
Back up.
"#;

const WINDOW: &str = r#"+++
title = "Database upgrade"
start = 2025-06-01T02:00:00Z
end = 2025-06-01T04:00:00Z
affected = ["api"]
+++

## Scheduled — 2025-05-20 10:00 UTC
We will upgrade the primary database.
"#;

fn site() -> TempSite {
    let site = TempSite::new();
    site.write("incidents/2026-11-20-email-delays.md", RECENT);
    site.write("incidents/2024/2024-03-05-api-down.md", OLD);
    site.write("maintenance/2025-06-01-db-upgrade.md", WINDOW);
    site
}

/// The entries of the page at `page`, in order.
fn entries(site: &TempSite, page: &str) -> Vec<String> {
    let html = site.read_output(page);
    html.split("<li class=\"entry\">")
        .skip(1)
        .map(|s| s.split("</li>").next().unwrap().to_string())
        .collect()
}

#[test]
fn a_sites_post_line_html_gives_every_list_its_entries_at_the_pages_depth() {
    let site = site();
    site.write(
        "templates/post_line.html",
        "<li class=\"entry\">{{ post.kind }} {{ post.id }} at {{ root }} ({{ site.title }})</li>",
    );
    assert_ok(&site.run(&["build"]));
    let recent = "incident 2026-11-20-email-delays";
    let old = "incident 2024-03-05-api-down";
    let window = "maintenance 2025-06-01-db-upgrade";
    assert_eq!(
        entries(&site, "index.html"),
        [format!("{recent} at  (Acme Status)")]
    );
    assert_eq!(
        entries(&site, "history/index.html"),
        [recent, window, old].map(|p| format!("{p} at ../ (Acme Status)"))
    );
    for (month, post) in [("2026/11", recent), ("2025/06", window), ("2024/03", old)] {
        assert_eq!(
            entries(&site, &format!("history/{month}/index.html")),
            [format!("{post} at ../../../ (Acme Status)")],
            "{month}"
        );
    }
    assert_eq!(
        entries(&site, "components/mail/index.html"),
        [format!("{recent} at ../../ (Acme Status)")]
    );
    assert_eq!(
        entries(&site, "components/api/index.html"),
        [format!("{old} at ../../ (Acme Status)")]
    );
    // The incident's own page is not a list.
    assert!(entries(&site, "incidents/2026-11-20-email-delays/index.html").is_empty());
}

#[test]
fn a_sites_post_line_macro_still_shapes_the_entries() {
    let site = site();
    let builtin = std::fs::read_to_string(repo().join("templates/macros.html")).unwrap();
    let line = "{% macro post_line(post, root) -%}\n<li>";
    assert!(builtin.contains(line));
    site.write(
        "templates/macros.html",
        &builtin.replace(
            line,
            "{% macro post_line(post, root) -%}\n<li class=\"entry\">{{ post.title }}</li><li>",
        ),
    );
    assert_ok(&site.run(&["build"]));
    assert_eq!(entries(&site, "index.html"), ["Email delays"]);
    assert_eq!(
        entries(&site, "history/index.html"),
        ["Email delays", "Database upgrade", "API down"]
    );
    assert_eq!(entries(&site, "components/api/index.html"), ["API down"]);
}

#[test]
fn an_error_in_post_line_html_names_the_template_and_the_post() {
    let site = site();
    site.write(
        "templates/post_line.html",
        "<li>{{ post.no_such_field }}</li>",
    );
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("rendering post_line.html for the entry of incidents/2024-03-05-api-down/: ")
            && err.contains("no_such_field"),
        "{err}"
    );
}
