//! Postmortems on built sites: the block on the incident page, the markers in lists, and posting
//! one with `statuspress update`.

mod common;

use common::{TempSite, assert_ok, stderr};
use std::fs;

const ID: &str = "2026-11-20-api-errors";

/// A major incident on the API, resolved on Nov 20 and with a postmortem published on Nov 22.
const WITH_POSTMORTEM: &str = "+++
title = \"Elevated error rates on the API\"
impact = \"major\"
started = 2026-11-20T14:02:00Z
affected = [\"api\"]
+++

Some API requests failed with `502`.

## Postmortem — 2026-11-22 10:00 UTC
A connection pool limit was lowered by a configuration change.

### Root cause
The new limit was below the traffic of a normal afternoon.

## Resolved — 2026-11-20 15:30 UTC
Error rates are back to normal.

## Investigating — 2026-11-20 14:05 UTC
We are investigating elevated error rates.
";

/// A minor incident on the API, resolved without a postmortem.
const WITHOUT: &str = "+++
title = \"Slow dashboard\"
impact = \"minor\"
started = 2026-11-21T09:00:00Z
resolved = 2026-11-21T09:30:00Z
affected = [\"api\"]
+++

## Investigating — 2026-11-21 09:05 UTC
Pages load slowly.
";

fn site() -> TempSite {
    let site = TempSite::new();
    site.write(&format!("incidents/{ID}.md"), WITH_POSTMORTEM);
    site.write("incidents/2026-11-21-slow-dashboard.md", WITHOUT);
    site
}

fn built() -> TempSite {
    let site = site();
    assert_ok(&site.run(&["build"]));
    site
}

fn position(page: &str, needle: &str) -> usize {
    page.find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in:\n{page}"))
}

#[test]
fn the_incident_page_shows_the_postmortem_above_the_updates() {
    let site = built();
    let page = site.read_output(&format!("incidents/{ID}/index.html"));
    let link = position(
        &page,
        "<p><a href=\"#postmortem\">Read the postmortem</a></p>",
    );
    let block = position(
        &page,
        "<section id=\"postmortem\" class=\"postmortem\" aria-labelledby=\"postmortem-h\">\n<h2 id=\"postmortem-h\">Postmortem</h2>\n<p class=\"meta\">Published <time datetime=\"2026-11-22T10:00:00Z\" title=\"22 Nov 2026, 10:00 UTC\">22 Nov 2026, 11:00 CET</time></p>\n<div class=\"body\"><p>A connection pool limit was lowered by a configuration change.</p>\n<h3>Root cause</h3>\n<p>The new limit was below the traffic of a normal afternoon.</p>\n</div>\n</section>",
    );
    let summary = position(
        &page,
        "<p>Some API requests failed with <code>502</code>.</p>",
    );
    let updates = position(&page, "<h2>Updates</h2>");
    assert!(link < summary && summary < block && block < updates);
    // Told once: the postmortem is not also an entry of the timeline.
    assert_eq!(page.matches("A connection pool limit").count(), 1);
    let timeline = &page[updates..];
    assert_eq!(timeline.matches("<li><div><h3>").count(), 2, "{timeline}");
    assert!(timeline.contains("<h3>Resolved</h3>") && !timeline.contains("<h3>Postmortem</h3>"));
    // The status is the postmortem, as the API tells it.
    assert!(page.contains("<span class=\"tag\">Postmortem</span>"));

    let other = site.read_output("incidents/2026-11-21-slow-dashboard/index.html");
    assert!(!other.contains("postmortem") && !other.contains("Postmortem"));
}

#[test]
fn lists_mark_the_incidents_that_have_a_postmortem() {
    let site = built();
    for (page, root) in [
        ("index.html", ""),
        ("history/index.html", "../"),
        ("history/2026/11/index.html", "../../../"),
        ("components/api/index.html", "../../"),
    ] {
        let html = site.read_output(page);
        let marker = format!(
            "<span class=\"tag sev-major\">Major</span> <a class=\"tag\" href=\"{root}incidents/{ID}/#postmortem\">Postmortem</a>"
        );
        assert_eq!(html.matches(&marker).count(), 1, "{page}:\n{html}");
        // Only the incident that has one is marked.
        assert_eq!(html.matches("#postmortem\"").count(), 1, "{page}");
        assert!(
            html.contains("<span class=\"tag sev-minor\">Minor</span>\n"),
            "{page}"
        );
    }
}

#[test]
fn update_posts_one_postmortem_on_a_resolved_incident() {
    let site = TempSite::new();
    let open = WITHOUT.replace("resolved = 2026-11-21T09:30:00Z\n", "");
    site.write("incidents/2026-11-21-slow-dashboard.md", &open);
    let path = site.path().join("incidents/2026-11-21-slow-dashboard.md");
    let postmortem = |site: &TempSite| {
        site.run(&[
            "update",
            "2026-11-21-slow-dashboard",
            "--status",
            "postmortem",
            "--message",
            "A cache node was out of memory.",
            "--now",
            "2026-11-22T08:00:00Z",
        ])
    };

    let o = postmortem(&site);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: incident `2026-11-21-slow-dashboard` is not resolved yet\n  help: resolve it first with `statuspress resolve 2026-11-21-slow-dashboard`, then add the postmortem\n"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), open);

    assert_ok(&site.run(&[
        "resolve",
        "2026-11-21-slow-dashboard",
        "--now",
        "2026-11-21T09:30:00Z",
    ]));
    assert_ok(&postmortem(&site));
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("+++\n\n## Postmortem — 2026-11-22 08:00 UTC\nA cache node was out of memory.\n\n## Resolved — 2026-11-21 09:30 UTC\n"),
        "{text}"
    );
    assert_ok(&site.run(&["check"]));

    let o = postmortem(&site);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: incident `2026-11-21-slow-dashboard` already has a postmortem (line 9 of incidents/2026-11-21-slow-dashboard.md)\n  help: edit its text in the file; an incident has one postmortem\n"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn check_reports_a_second_postmortem_and_one_on_an_open_incident_with_lines() {
    let site = TempSite::new();
    let twice = WITH_POSTMORTEM.replace(
        "## Resolved",
        "## Postmortem — 2026-11-23 09:00 UTC\nAn addendum.\n\n## Resolved",
    );
    site.write(&format!("incidents/{ID}.md"), &twice);
    let open = WITHOUT
        .replace("resolved = 2026-11-21T09:30:00Z\n", "")
        .replace(
            "## Investigating",
            "## Postmortem — 2026-11-22 08:00 UTC\nToo early.\n\n## Investigating",
        );
    site.write("incidents/2026-11-21-slow-dashboard.md", &open);
    let o = site.run(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for expected in [
        "incidents/2026-11-20-api-errors.md:16:4: error: a second postmortem: this incident already has one at line 10\n",
        "incidents/2026-11-21-slow-dashboard.md:8:4: error: a postmortem on an incident that is not resolved\n",
    ] {
        assert!(err.contains(expected), "{expected}\nnot in:\n{err}");
    }
}

#[test]
fn the_api_fills_the_postmortem_fields_and_tells_it_once() {
    let site = built();
    let json: serde_json::Value =
        serde_json::from_str(&site.read_output("api/v2/incidents.json")).unwrap();
    let incidents = json["incidents"].as_array().unwrap();
    let find = |name: &str| {
        incidents
            .iter()
            .find(|i| i["name"] == name)
            .unwrap_or_else(|| panic!("{name} not in {json}"))
    };
    let with = find("Elevated error rates on the API");
    assert_eq!(with["status"], "postmortem");
    assert_eq!(
        with["postmortem_body"],
        "A connection pool limit was lowered by a configuration change.\n\n### Root cause\nThe new limit was below the traffic of a normal afternoon."
    );
    assert_eq!(with["postmortem_published_at"], "2026-11-22T10:00:00.000Z");
    assert_eq!(
        with["postmortem_body_last_updated_at"],
        "2026-11-22T10:00:00.000Z"
    );
    assert_eq!(with["resolved_at"], "2026-11-20T15:30:00.000Z");
    assert_eq!(with["updated_at"], "2026-11-22T10:00:00.000Z");
    let updates: Vec<(&str, &str)> = with["incident_updates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["status"].as_str().unwrap(),
                u["display_at"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        updates,
        [
            ("postmortem", "2026-11-22T10:00:00.000Z"),
            ("resolved", "2026-11-20T15:30:00.000Z"),
            ("investigating", "2026-11-20T14:05:00.000Z"),
        ]
    );
    assert_eq!(with["incident_updates"][0]["body"], with["postmortem_body"]);

    let without = find("Slow dashboard");
    assert_eq!(without["status"], "resolved");
    for key in [
        "postmortem_body",
        "postmortem_body_last_updated_at",
        "postmortem_published_at",
    ] {
        assert!(
            without.get(key).is_none(),
            "{key} on an incident without a postmortem"
        );
    }
}

#[test]
fn the_feeds_mark_the_postmortem_as_published_and_link_to_it() {
    let site = built();
    let link = format!("https://status.acme.test/incidents/{ID}/#postmortem");
    let newest = format!(
        "<p><small>Nov <var data-var='date'>22</var>, <var data-var='time'>11:00</var> CET</small><br><strong>Postmortem published</strong></p><p><a href=\"{link}\">Read the postmortem</a> on the incident page.</p><p>A connection pool limit was lowered by a configuration change.</p>\n<h3>Root cause</h3>"
    );
    for path in ["history.atom", "components/api/history.atom"] {
        let feed: atom_syndication::Feed = site.read_output(path).parse().unwrap();
        let entry = feed
            .entries
            .iter()
            .find(|e| e.title.value == "Elevated error rates on the API")
            .unwrap_or_else(|| panic!("no entry in {path}"));
        // The publication is the entry's latest change, so readers show it again.
        assert_eq!(entry.updated.to_rfc3339(), "2026-11-22T10:00:00+00:00");
        let related: Vec<(&str, Option<&str>)> = entry
            .links
            .iter()
            .filter(|l| l.rel == "related")
            .map(|l| (l.href.as_str(), l.title.as_deref()))
            .collect();
        assert_eq!(related, [(link.as_str(), Some("Postmortem"))], "{path}");
        let content = entry.content.as_ref().unwrap().value.as_deref().unwrap();
        assert!(content.starts_with(&newest), "{path}: {content}");
        assert_eq!(content.matches("Postmortem published").count(), 1);

        let other = feed
            .entries
            .iter()
            .find(|e| e.title.value == "Slow dashboard")
            .unwrap();
        assert!(other.links.iter().all(|l| l.rel == "alternate"));
        let text = other.content.as_ref().unwrap().value.as_deref().unwrap();
        assert!(!text.contains("ostmortem"), "{text}");
    }
    let rss = rss::Channel::read_from(site.read_output("history.rss").as_bytes()).unwrap();
    let item = rss
        .items
        .iter()
        .find(|i| i.title.as_deref() == Some("Elevated error rates on the API"))
        .unwrap();
    assert!(item.description.as_deref().unwrap().starts_with(&newest));
}

#[test]
fn check_warns_about_an_overdue_postmortem_only_with_postmortem_due_days() {
    let site = TempSite::new();
    // A major incident resolved on Nov 1 with no postmortem; `impact` is on line 3.
    let overdue = "+++\ntitle = \"Sign-in failing\"\nimpact = \"major\"\nstarted = 2026-11-01T08:00:00Z\nresolved = 2026-11-01T09:00:00Z\naffected = [\"web\"]\n+++\n\n## Resolved — 2026-11-01 09:00 UTC\nFixed.\n";
    site.write("incidents/2026-11-01-sign-in.md", overdue);
    let o = site.run(&["check"]);
    assert_ok(&o);
    assert_eq!(stderr(&o), "", "off by default");

    site.write(
        "statuspress.toml",
        &format!("{}postmortem_due_days = 14\n", common::CONFIG),
    );
    let o = site.run(&["check"]);
    assert_ok(&o);
    assert_eq!(
        stderr(&o),
        "incidents/2026-11-01-sign-in.md:3:10: warning: this major incident was resolved more than 14 days ago (2026-11-01 09:00 UTC) and has no postmortem\n  help: add a `## Postmortem — 2026-11-23 12:00 UTC` section above its updates: what happened, why, and what changes (`postmortem_due_days` in statuspress.toml sets when this is due)\n"
    );
    let o = site.run(&["check", "--format", "github"]);
    assert_ok(&o);
    let root = site
        .path()
        .to_str()
        .unwrap()
        .replace(':', "%3A")
        .replace(',', "%2C");
    assert!(
        common::stdout(&o).starts_with(&format!(
            "::warning file={root}/incidents/2026-11-01-sign-in.md,line=3,col=10::this major incident was resolved more than 14 days ago"
        )),
        "{}",
        common::stdout(&o)
    );

    // Within the days, or once the postmortem is written, nothing is said.
    let o = site.run(&["check", "--now", "2026-11-15T09:00:00Z"]);
    assert_eq!(stderr(&o), "");
    site.write(
        "incidents/2026-11-01-sign-in.md",
        &overdue.replace(
            "## Resolved",
            "## Postmortem — 2026-11-06 10:00 UTC\nAn expired certificate.\n\n## Resolved",
        ),
    );
    let o = site.run(&["check"]);
    assert_ok(&o);
    assert_eq!(stderr(&o), "");
}

#[test]
fn the_example_site_publishes_postmortems_of_its_worst_incidents() {
    let site = TempSite::example();
    assert_ok(&site.run(&["build"]));
    let json: serde_json::Value =
        serde_json::from_str(&site.read_output("api/v2/incidents.json")).unwrap();
    let mut with: Vec<(&str, &str)> = json["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| !i["postmortem_body"].is_null())
        .map(|i| {
            (
                i["impact"].as_str().unwrap(),
                i["shortlink"].as_str().unwrap(),
            )
        })
        .collect();
    with.sort_unstable();
    assert_eq!(
        with,
        [
            (
                "critical",
                "https://status.northwind.example/incidents/2026-07-08-storage-outage-eu-central/"
            ),
            (
                "major",
                "https://status.northwind.example/incidents/2026-10-30-saml-sso-sign-in-failures/"
            ),
        ]
    );
    for (_, url) in with {
        let path = url.trim_start_matches("https://status.northwind.example/");
        let page = site.read_output(&format!("{path}index.html"));
        assert!(page.contains("<section id=\"postmortem\""), "{path}");
        assert!(page.contains("<h3>Root cause</h3>"), "{path}");
    }
}
