//! Announcements on a built site: the index shows those active at the clock, each published one
//! has a page and a feed entry, and the Statuspage API lists them only when the site opts in.

mod common;

use common::{TempSite, assert_ok, stderr};
use serde_json::Value;

/// A warning shown until December 2 (its `show_from` has no offset: Europe/Berlin).
const RATES: &str = "+++\ntitle = \"API rate limits change on December 1\"\nshow_from = 2026-11-16T10:00:00\nshow_until = 2026-12-02T00:00:00Z\nlevel = \"warning\"\n+++\n\nFrom December 1, each token may send **600** requests a minute.\n";
/// A notice without an end.
const EMAIL: &str = "+++\ntitle = \"Status updates by email\"\nshow_from = 2026-11-20T09:00:00Z\n+++\n\nSign up on the subscribe page.\n";
/// A notice that ended in October.
const MOVED: &str = "+++\ntitle = \"The status page has a new address\"\nshow_from = 2026-10-01T09:00:00Z\nshow_until = 2026-10-31T00:00:00Z\n+++\n\nIt moved.\n";
/// A notice that starts after the clock.
const LATER: &str = "+++\ntitle = \"Holiday support hours\"\nshow_from = 2026-12-15T09:00:00Z\n+++\n\nShorter hours.\n";

fn site(extra_config: &str) -> TempSite {
    let site = TempSite::new();
    site.write(
        "statuspress.toml",
        &format!("{}{extra_config}", common::CONFIG),
    );
    site.write("announcements/2026-11-16-rate-limits.md", RATES)
        .write("announcements/2026-11-20-email.md", EMAIL)
        .write("announcements/2026-10-01-moved.md", MOVED)
        .write("announcements/2026-12-15-holidays.md", LATER);
    site
}

fn built(extra_config: &str) -> TempSite {
    let site = site(extra_config);
    assert_ok(&site.run(&["build"]));
    site
}

fn json(site: &TempSite, path: &str) -> Value {
    serde_json::from_str(&site.read_output(path)).unwrap()
}

#[test]
fn the_index_shows_active_announcements_above_the_components_warnings_first() {
    let site = built("");
    let index = site.read_output("index.html");
    let section = index
        .split_once("<section aria-labelledby=\"notices-h\">")
        .map(|(_, rest)| rest.split_once("</section>").unwrap().0)
        .expect("an announcements section");
    assert!(section.contains("<h2 id=\"notices-h\">Announcements</h2>"));
    let rates = section
        .find("API rate limits change on December 1")
        .unwrap();
    let email = section.find("Status updates by email").unwrap();
    assert!(rates < email, "the warning comes first: {section}");
    // The level is in words, not only in colour, and each title links its page.
    assert!(section.contains("<span class=\"tag\">Warning</span><span class=\"vh\">:</span> <a href=\"announcements/2026-11-16-rate-limits/\">API rate limits change on December 1</a>"), "{section}");
    assert!(section.contains("<span class=\"tag\">Notice</span><span class=\"vh\">:</span> <a href=\"announcements/2026-11-20-email/\">"));
    assert!(section.contains("each token may send <strong>600</strong> requests a minute."));
    assert!(section.contains("Shown until <time datetime=\"2026-12-02T00:00:00Z\" title=\"2 Dec 2026, 00:00 UTC\">2 Dec 2026, 01:00 CET</time>"), "{section}");
    assert!(
        !index.contains("The status page has a new address"),
        "ended"
    );
    assert!(!index.contains("Holiday support hours"), "not yet shown");
    assert!(
        index.find("id=\"notices-h\"").unwrap() < index.find("id=\"components-h\"").unwrap(),
        "above the components"
    );
}

#[test]
fn without_active_announcements_the_index_has_no_section() {
    let site = site("");
    assert_ok(&site.run(&["build", "--now", "2026-11-10T12:00:00Z"]));
    assert!(!site.read_output("index.html").contains("notices-h"));
}

#[test]
fn each_published_announcement_has_a_page_and_the_sitemap_lists_it() {
    let site = built("");
    let page = site.read_output("announcements/2026-11-16-rate-limits/index.html");
    assert!(page.contains("<h1>API rate limits change on December 1</h1>"));
    assert!(page.contains("<span class=\"tag\">Warning</span>"));
    assert!(
        page.contains("<dt>Posted</dt><dd><time datetime=\"2026-11-16T09:00:00Z\""),
        "{page}"
    );
    assert!(page.contains("<link rel=\"canonical\" href=\"https://status.acme.test/announcements/2026-11-16-rate-limits/\">"));
    let ended = site.read_output("announcements/2026-10-01-moved/index.html");
    assert!(ended.contains("<span class=\"tag\">No longer shown</span>"));
    assert!(
        !site
            .path()
            .join("public/announcements/2026-12-15-holidays")
            .exists()
    );
    let sitemap = site.read_output("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://status.acme.test/announcements/2026-11-20-email/</loc>")
    );
    assert!(!sitemap.contains("holidays"));
}

#[test]
fn the_site_feeds_carry_published_announcements() {
    let site = built("");
    let feed = site.read_output("history.atom");
    let entry = feed
        .split("<entry>")
        .find(|e| e.contains("API rate limits change on December 1"))
        .expect("an entry for the warning");
    assert!(
        entry.contains("<id>tag:status.acme.test,2005:Announcement/"),
        "{entry}"
    );
    assert!(
        entry.contains("<published>2026-11-16T09:00:00+00:00</published>"),
        "{entry}"
    );
    assert!(
        entry.contains("href=\"https://status.acme.test/announcements/2026-11-16-rate-limits/\"")
    );
    assert!(entry.contains("&lt;strong&gt;Warning&lt;/strong&gt; - shown from 16 Nov 2026, 10:00 CET until 2 Dec 2026, 01:00 CET"), "{entry}");
    assert!(
        feed.contains("The status page has a new address"),
        "ended ones stay in the history"
    );
    assert!(!feed.contains("Holiday support hours"));
    // Newest first: the email notice (Nov 20) before the warning (Nov 16).
    assert!(feed.find("Status updates by email").unwrap() < feed.find("API rate limits").unwrap());
    let rss = site.read_output("history.rss");
    assert!(rss.contains("<link>https://status.acme.test/announcements/2026-11-20-email/</link>"));
    // A component's feed is about its incidents only.
    assert!(
        !site
            .read_output("components/api/history.atom")
            .contains("Announcement/")
    );
}

#[test]
fn the_api_leaves_announcements_out_unless_the_site_opts_in() {
    let off = built("");
    let incidents = json(&off, "api/v2/incidents.json");
    assert_eq!(incidents["incidents"], serde_json::json!([]));
    // They still change the page: its last change is the newest notice.
    assert_eq!(incidents["page"]["updated_at"], "2026-11-20T09:00:00.000Z");

    let on = built("\n[announcements]\nin_api = true\n");
    let all = json(&on, "api/v2/incidents.json");
    let names: Vec<&str> = all["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Status updates by email",
            "API rate limits change on December 1",
            "The status page has a new address"
        ]
    );
    let rates = &all["incidents"][1];
    assert_eq!(rates["status"], "identified");
    assert_eq!(rates["impact"], "none");
    assert_eq!(rates["created_at"], "2026-11-16T09:00:00.000Z");
    assert_eq!(rates["started_at"], "2026-11-16T09:00:00.000Z");
    assert_eq!(rates["resolved_at"], Value::Null);
    assert_eq!(rates["components"], serde_json::json!([]));
    assert_eq!(
        rates["shortlink"],
        "https://status.acme.test/announcements/2026-11-16-rate-limits/"
    );
    let updates = rates["incident_updates"].as_array().unwrap();
    assert_eq!(updates.len(), 1);
    assert_eq!(updates[0]["status"], "identified");
    assert_eq!(
        updates[0]["body"],
        "From December 1, each token may send **600** requests a minute."
    );
    assert_eq!(updates[0]["affected_components"], Value::Null);
    assert_eq!(updates[0]["incident_id"], rates["id"]);
    let ended = &all["incidents"][2];
    assert_eq!(ended["status"], "resolved");
    assert_eq!(ended["resolved_at"], "2026-10-31T00:00:00.000Z");
    assert_eq!(
        ended["incident_updates"][0]["body"],
        "This notice is no longer in effect."
    );
    // The feed and the API name an announcement by the same id.
    let id = rates["id"].as_str().unwrap();
    assert_eq!(id.len(), 12);
    assert!(
        on.read_output("history.atom")
            .contains(&format!("2005:Announcement/{id}</id>"))
    );

    let unresolved: Vec<String> = json(&on, "api/v2/incidents/unresolved.json")["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        unresolved,
        [
            "Status updates by email",
            "API rate limits change on December 1"
        ]
    );
    let summary = json(&on, "api/v2/summary.json");
    assert_eq!(summary["incidents"].as_array().unwrap().len(), 2);
    // Impact none: the page stays operational.
    assert_eq!(summary["status"]["indicator"], "none");
}

#[test]
fn check_warns_about_a_notice_that_would_never_show_and_stops_at_bad_times() {
    let site = TempSite::new();
    site.write(
        "announcements/backwards.md",
        "+++\ntitle = \"Backwards\"\nshow_from = 2026-11-20T09:00:00Z\nshow_until = 2026-11-19T09:00:00Z\n+++\n",
    );
    let o = site.run(&["check"]);
    assert_ok(&o);
    assert!(stderr(&o).contains("announcements/backwards.md:4:14: warning: `show_until` is not after `show_from`: the announcement is never shown"), "{}", stderr(&o));
    site.write(
        "announcements/backwards.md",
        "+++\ntitle = \"Backwards\"\nshow_from = \"tomorrow\"\nlevl = \"warning\"\n+++\n",
    );
    let o = site.run(&["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains(
            "announcements/backwards.md:3:13: error: `show_from` is not a valid timestamp"
        ),
        "{err}"
    );
    assert!(
        err.contains("announcements/backwards.md:4:1: error: unknown key `levl`"),
        "{err}"
    );
    assert!(err.contains("did you mean `level`?"), "{err}");
}
