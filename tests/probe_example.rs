//! The probes of the example site: its payment provider, mirrored by the `statuspage` probe
//! `payments-upstream`, shows on the Billing page and the index as its `upstream.json` reads it,
//! without changing Billing's own status.

mod common;

use common::{TempSite, assert_ok};
use serde_json::Value;

const UPSTREAM: &str = ".statuspress/probes/payments-upstream/upstream.json";

/// The example site, built at the tests' clock, and its `upstream.json`.
fn built() -> (TempSite, Value) {
    let site = TempSite::example();
    assert_ok(&site.run(&["check"]));
    assert_ok(&site.run(&["build"]));
    let text = std::fs::read_to_string(site.path().join(UPSTREAM)).unwrap();
    (site, serde_json::from_str(&text).unwrap())
}

fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in the page"));
    let rest = &html[from..];
    &rest[..rest.find(end).map_or(rest.len(), |e| e + end.len())]
}

#[test]
fn the_example_reads_its_payment_provider_as_degraded_with_an_open_incident() {
    let (_, upstream) = built();
    assert_eq!(upstream["checked_at"], common::NOW, "read by the last run");
    assert_eq!(upstream["component_name"], "Card payments");
    assert_eq!(upstream["status"], "degraded_performance");
    let incidents = upstream["incidents"].as_array().unwrap();
    assert_eq!(incidents.len(), 1, "{upstream}");
    assert_eq!(incidents[0]["status"], "investigating");
    let url = incidents[0]["url"].as_str().unwrap();
    assert!(
        url.starts_with("https://status.paybridge.example/incidents/"),
        "{url}"
    );
}

#[test]
fn the_billing_page_shows_the_upstream_status_and_links_the_incident() {
    let (site, upstream) = built();
    let page = site.read_output("components/billing/index.html");
    let line = between(&page, "<p class=\"upstream\">", "</p>");
    let doc = roxmltree::Document::parse(line).expect("the upstream line is well-formed");
    let p = doc.root_element();
    assert_eq!(
        p.text(),
        Some("Upstream: "),
        "the line starts with its label: {line}"
    );
    let tag = p.first_element_child().unwrap();
    assert_eq!(tag.attribute("class"), Some("tag st-degraded_performance"));
    assert_eq!(tag.text(), Some("Degraded performance"));

    let links: Vec<(&str, &str)> = p
        .children()
        .filter(|n| n.has_tag_name("a"))
        .map(|a| (a.attribute("href").unwrap(), a.text().unwrap()))
        .collect();
    let incident = &upstream["incidents"][0];
    assert_eq!(
        links,
        [
            (
                "https://status.paybridge.example",
                "status.paybridge.example"
            ),
            (
                incident["url"].as_str().unwrap(),
                incident["name"].as_str().unwrap()
            ),
        ],
        "the provider's page, then its open incident: {line}"
    );
    assert!(
        line.contains("</a> (Card payments): <a "),
        "the provider's name for the component: {line}"
    );
    let time = p
        .descendants()
        .find(|n| n.has_tag_name("time"))
        .expect("when it was read");
    assert_eq!(time.attribute("datetime"), upstream["checked_at"].as_str());
    assert!(!line.contains("more incident"), "one open incident: {line}");

    // The probe's last check, as samples.csv has it.
    assert!(page.contains(
        "Last check: slow at <time datetime=\"2026-11-23T12:00:00Z\" title=\"23 Nov 2026, 12:00 UTC\">23 Nov 2026, 13:00 CET</time> (upstream: degraded_performance (Slow card authorizations: https://status.paybridge.example/incidents/t4v8mz2kqx9d))"
    ));
}

#[test]
fn the_index_shows_the_upstream_under_billing_which_stays_operational() {
    let (site, _) = built();
    let index = site.read_output("index.html");
    let row = between(&index, "<a href=\"components/billing/\">", "</li>");
    assert!(
        row.contains("<small class=\"upstream\">Upstream status.paybridge.example: Degraded performance</small>"),
        "{row}"
    );
    assert!(row.contains("st-operational"), "{row}");
    assert!(
        !row.contains("class=\"measured\""),
        "the provider is measured, not Billing: {row}"
    );

    let components: Value =
        serde_json::from_str(&site.read_output("api/v2/components.json")).unwrap();
    let billing = components["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Billing")
        .unwrap();
    assert_eq!(billing["status"], "operational");
}

#[test]
fn api_probes_json_carries_the_upstream_reading() {
    let (site, upstream) = built();
    let json: Value = serde_json::from_str(&site.read_output("api/probes.json")).unwrap();
    let probe = json["probes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "payments-upstream")
        .expect("the example's statuspage probe");
    assert_eq!(probe["component"], "billing");
    assert_eq!(probe["kind"], "statuspage");
    assert_eq!(probe["last"]["result"], "slow");
    let listed = &probe["upstream"];
    for key in [
        "status",
        "component_name",
        "checked_at",
        "incidents",
        "more_incidents",
    ] {
        assert_eq!(listed[key], upstream[key], "{key}");
    }
    // One check of the provider's page went unanswered, on 28 October.
    assert_eq!(probe["windows"][0]["failures"], 1);
    assert_eq!(probe["windows"][0]["downtime_minutes"], 15);
}
