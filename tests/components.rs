//! How components are shown, through the real binary: `showcase` and `only_show_if_degraded` on
//! the pages and in the API, the uptime badges, and the component page's feeds and badges.

mod common;

use common::{TempSite, assert_ok, stderr};
use serde_json::Value;

/// The default catalogue with `hooks`, an internal component listed only while degraded and
/// without an uptime bar, in a group of its own, and `mail` without a bar.
const COMPONENTS: &str = r#"[[group]]
id = "core"
name = "Core"

[[group]]
id = "internal"
name = "Internal"

[[component]]
id = "api"
name = "API"
group = "core"

[[component]]
id = "hooks"
name = "Billing webhooks"
group = "internal"
showcase = false
only_show_if_degraded = true

[[component]]
id = "mail"
name = "Email"
showcase = false
"#;

/// An open incident on `hooks` since the morning of the build day.
const HOOKS_DOWN: &str = "+++\ntitle = \"Webhook backlog\"\nimpact = \"minor\"\nstarted = 2026-11-23T09:00:00Z\naffected = [\"hooks\"]\n+++\n\n## Investigating — 2026-11-23 09:05 UTC\nDeliveries are late.\n";

fn site() -> TempSite {
    let site = TempSite::new();
    site.write("components.toml", COMPONENTS);
    site
}

fn json(site: &TempSite, rel: &str) -> Value {
    serde_json::from_str(&site.read_output(rel)).unwrap()
}

/// The API object of the component or group named `name`.
fn api_component<'a>(components: &'a Value, name: &str) -> &'a Value {
    components["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {components}"))
}

#[test]
fn the_api_gives_each_component_its_configured_display() {
    let site = site();
    assert_ok(&site.run(&["build"]));
    for file in ["api/v2/components.json", "api/v2/summary.json"] {
        let components = json(&site, file);
        let flags = |name: &str| {
            let c = api_component(&components, name);
            (c["showcase"].clone(), c["only_show_if_degraded"].clone())
        };
        assert_eq!(flags("API"), (true.into(), false.into()), "{file}");
        assert_eq!(flags("Billing webhooks"), (false.into(), true.into()));
        assert_eq!(flags("Email"), (false.into(), false.into()));
        // A group has a bar when a member has one, and hides when all its members may.
        assert_eq!(flags("Core"), (true.into(), false.into()));
        assert_eq!(flags("Internal"), (false.into(), true.into()));
    }
}

#[test]
fn a_component_shown_only_if_degraded_leaves_the_index_while_operational() {
    let site = site();
    assert_ok(&site.run(&["build"]));
    let index = site.read_output("index.html");
    assert!(
        index.contains(r#"<a href="components/api/">API</a>"#),
        "{index}"
    );
    assert!(!index.contains("components/hooks/"), "{index}");
    assert!(!index.contains("Billing webhooks"), "{index}");
    assert!(
        !index.contains("Internal"),
        "a group whose members are all left out goes too: {index}"
    );
    // It keeps its page, which older incidents link to, and its feed.
    let page = site.read_output("components/hooks/index.html");
    assert!(page.contains("<h1>Billing webhooks</h1>"), "{page}");
    assert!(
        site.path()
            .join("public/components/hooks/history.atom")
            .is_file()
    );

    site.write("incidents/2026-11-23-hooks.md", HOOKS_DOWN);
    assert_ok(&site.run(&["build"]));
    let index = site.read_output("index.html");
    let list = index.split(r#"id="components-h""#).nth(1).unwrap();
    let listed = list
        .split(r#"<a href="components/hooks/">Billing webhooks</a>"#)
        .nth(1)
        .unwrap_or_else(|| panic!("listed while degraded: {index}"));
    let row = &listed[..listed.find("</li>").unwrap()];
    assert!(row.contains("Degraded performance"), "{row}");
    assert!(list.contains("<span class=\"name\">Internal"), "{list}");
    let components = json(&site, "api/v2/components.json");
    let hooks = api_component(&components, "Billing webhooks");
    assert_eq!(hooks["status"], "degraded_performance");
    assert_eq!(hooks["only_show_if_degraded"], true);
}

#[test]
fn a_component_without_showcase_is_listed_without_its_uptime_bar() {
    let site = site();
    assert_ok(&site.run(&["build"]));
    let index = site.read_output("index.html");
    assert!(
        index.contains(r#"<a href="components/mail/">Email</a>"#),
        "{index}"
    );
    assert!(index.contains(r#"alt="API: 100% uptime over the last 90 days""#));
    assert!(index.contains(r#"alt="Core: 100% uptime over the last 90 days""#));
    assert!(!index.contains(r#"alt="Email:"#), "{index}");
    assert!(!index.contains("components/mail/uptime-bar.svg"), "{index}");
    assert!(
        !site
            .path()
            .join("public/components/mail/uptime-bar.svg")
            .exists()
    );
    let mail = site.read_output("components/mail/index.html");
    assert!(!mail.contains("class=\"ub\""), "{mail}");
    assert!(
        mail.contains("<dt>Last 30 days</dt><dd><strong>100%</strong> uptime"),
        "the figures stay: {mail}"
    );
    let api = site.read_output("components/api/index.html");
    assert!(api.contains("class=\"ub\""), "{api}");
}

#[test]
fn a_display_switch_that_is_not_a_boolean_names_its_line_and_column() {
    let site = TempSite::new();
    site.write(
        "components.toml",
        "[[component]]\nid = \"api\"\nname = \"API\"\nshowcase = \"false\"\n",
    );
    let o = site.run(&["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains(
            "components.toml:4:12: error: `showcase` must be true or false, found a string"
        ),
        "{err}"
    );
    assert!(
        err.contains("write showcase = false without quotes"),
        "{err}"
    );
}

#[test]
fn uptime_badges_carry_the_30_day_figure() {
    let site = TempSite::new();
    // Mail was down for an hour of the last 30 days (43,200 minutes): 99.86% up.
    site.write(
        "incidents/2026-11-20-mail.md",
        "+++\ntitle = \"Mail down\"\nimpact = \"critical\"\nstarted = 2026-11-20T10:00:00Z\nresolved = 2026-11-20T11:00:00Z\naffected = [\"mail\"]\n+++\nNo mail.\n",
    );
    assert_ok(&site.run(&["build"]));
    let svg = site.read_output("components/mail/uptime.svg");
    assert!(
        svg.contains(">uptime</text>") && svg.contains(">99.86%</text>"),
        "{svg}"
    );
    assert!(svg.contains("<title>Email: 99.86% uptime over the last 30 days</title>"));
    assert!(svg.contains("fill=\"#9a6700\""), "below 99.9%: {svg}");
    let shield = json(&site, "components/mail/uptime.json");
    assert_eq!(shield["schemaVersion"], 1);
    assert_eq!(shield["label"], "Email uptime");
    assert_eq!(shield["message"], "99.86%");
    assert_eq!(shield["color"], "9a6700");
    let api = json(&site, "components/api/uptime.json");
    assert_eq!(
        (api["message"].as_str(), api["color"].as_str()),
        (Some("100%"), Some("1a7f37"))
    );
    // The same figure as api/uptime.json's.
    let report = json(&site, "api/uptime.json");
    let mail = report["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "mail")
        .unwrap();
    assert_eq!(mail["uptime"][0]["days"], 30);
    assert_eq!(mail["uptime"][0]["uptime_percent"], 99.86);
}

#[test]
fn a_component_page_links_its_feed_and_badges_and_advertises_the_feed() {
    let site = TempSite::new();
    site.write(
        "components.toml",
        "[[component]]\nid = \"api\"\nname = \"API [beta]\"\n",
    );
    assert_ok(&site.run(&["build"]));
    let page = site.read_output("components/api/index.html");
    let head = &page[..page.find("</head>").unwrap()];
    assert!(
        head.contains(r#"<link rel="alternate" type="application/atom+xml" title="API [beta]: incidents and maintenance (Atom)" href="https://status.acme.test/components/api/history.atom">"#),
        "{head}"
    );
    let follow = &page[page
        .find(r#"<h2 id="follow-h">Feeds and badges</h2>"#)
        .unwrap()..];
    assert!(
        follow.contains(
            r#"<a href="../../components/api/history.atom" type="application/atom+xml">"#
        ),
        "{follow}"
    );
    assert!(follow.contains(
        r#"<code class="copy">https://status.acme.test/components/api/history.atom</code>"#
    ));
    assert!(follow.contains(r#"<img class="badge" src="../../components/api/badge.svg" alt="API [beta]: operational" height="20">"#), "{follow}");
    assert!(follow.contains(r#"<img class="badge" src="../../components/api/uptime.svg" alt="API [beta]: 100% uptime over the last 30 days" height="20">"#), "{follow}");
    // Markdown to paste, with the brackets of the name escaped.
    assert!(follow.contains(r#"<code class="copy">[![API \[beta\] status](https://status.acme.test/components/api/badge.svg)](https://status.acme.test/components/api/)</code>"#), "{follow}");
    assert!(follow.contains(r#"<code class="copy">[![API \[beta\] uptime](https://status.acme.test/components/api/uptime.svg)](https://status.acme.test/components/api/)</code>"#));
    assert!(follow.contains("https://img.shields.io/endpoint?url=https%3A%2F%2Fstatus.acme.test%2Fcomponents%2Fapi%2Fuptime.json"));
    // Everything it links is built.
    for file in [
        "history.atom",
        "badge.svg",
        "uptime.svg",
        "shields.json",
        "uptime.json",
    ] {
        assert!(
            site.path()
                .join("public/components/api")
                .join(file)
                .is_file(),
            "{file}"
        );
    }
}
