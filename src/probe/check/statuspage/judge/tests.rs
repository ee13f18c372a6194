use super::*;
use crate::probe::check::statuspage::wire::parse;

fn summary() -> Summary {
    parse(
        r#"{
        "page": {"name": "Acme Cloud", "url": "https://status.acme.test"},
        "components": [
            {"id": "grp1", "name": "Storage", "status": "partial_outage", "group": true},
            {"id": "c1", "name": "Storage", "status": "operational"},
            {"id": "c2", "name": "Object Storage", "status": "partial_outage"},
            {"id": "c3", "name": "Git Operations", "status": "degraded_performance"},
            {"id": "c4", "name": "Webhooks", "status": "under_maintenance"}
        ],
        "incidents": [
            {"id": "i1", "name": "Uploads failing", "status": "identified", "impact": "major",
             "shortlink": "https://stspg.io/i1", "components": [{"id": "c2", "name": "Object Storage"}]},
            {"id": "i2", "name": "Old one", "status": "resolved", "impact": "minor",
             "components": [{"id": "c2"}]},
            {"id": "i3", "name": "Something, somewhere", "status": "investigating",
             "components": []},
            {"id": "i4", "name": "Webhooks delayed", "status": "monitoring", "impact": "minor",
             "components": [{"id": "c4", "name": "Webhooks"}]}
        ]
    }"#,
    )
    .unwrap()
}

#[test]
fn components_are_found_by_id_then_by_name_before_groups() {
    let s = summary();
    assert_eq!(find(&s, "c3").unwrap().name, "Git Operations");
    assert_eq!(find(&s, " git operations ").unwrap().id, "c3");
    assert_eq!(
        find(&s, "Storage").unwrap().id,
        "c1",
        "the component, not the group"
    );
    assert_eq!(find(&s, "grp1").unwrap().id, "grp1", "a group by its id");
    assert!(find(&s, "Gti Operations").is_none());
}

#[test]
fn an_unknown_component_lists_close_names() {
    let s = summary();
    assert_eq!(
        not_found(&s, "Acme Cloud", "Storag"),
        "no component \"Storag\" on Acme Cloud's page; did you mean \"Storage\"?"
    );
    assert_eq!(
        not_found(&s, "Acme Cloud", "Gti Operations"),
        "no component \"Gti Operations\" on Acme Cloud's page; did you mean \"Git Operations\"?"
    );
    assert_eq!(
        not_found(&s, "Acme Cloud", "Billing"),
        "no component \"Billing\" on Acme Cloud's page; its components: \"Storage\", \
         \"Storage\", \"Object Storage\", \"Git Operations\", \"Webhooks\""
    );
    assert!(not_found(&Summary::default(), "X", "API").ends_with("it lists no components"));
}

#[test]
fn status_words_map_to_verdicts() {
    assert_eq!(verdict("operational"), (Verdict::Ok, None));
    assert_eq!(verdict("degraded_performance"), (Verdict::Slow, None));
    assert_eq!(verdict("partial_outage"), (Verdict::Down, None));
    assert_eq!(verdict("major_outage"), (Verdict::Down, None));
    assert_eq!(
        verdict("under_maintenance"),
        (Verdict::Ok, Some("upstream: under_maintenance".to_owned()))
    );
    let (v, w) = verdict("on_fire");
    assert_eq!(v, Verdict::Ok);
    assert!(w.unwrap().ends_with("on_fire"));
}

#[test]
fn incidents_are_the_unresolved_ones_that_list_the_component_or_none() {
    let s = summary();
    let c2 = find(&s, "c2").unwrap();
    let found = incidents(&s, c2, "https://status.acme.test/");
    let names: Vec<&str> = found.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["Uploads failing", "Something, somewhere"]);
    assert_eq!(found[0].url.as_deref(), Some("https://stspg.io/i1"));
    assert_eq!(
        (found[0].status.as_str(), found[0].impact.as_str()),
        ("identified", "major")
    );
    // Without a shortlink, the incident's page on the provider's site; without impact, none.
    assert_eq!(
        found[1].url.as_deref(),
        Some("https://status.acme.test/incidents/i3")
    );
    assert_eq!(found[1].impact, "none");
}

#[test]
fn the_outcome_names_the_first_incident_and_counts_the_rest() {
    let s = summary();
    let c2 = find(&s, "c2").unwrap();
    let found = incidents(&s, c2, "https://status.acme.test");
    let o = outcome(c2, &found, 40);
    assert_eq!(o.verdict, Verdict::Down);
    assert_eq!(
        o.detail,
        "upstream: partial_outage (Uploads failing: https://stspg.io/i1) and 1 more incident"
    );
    assert_eq!((o.latency_ms, o.warning), (40, None));
}

#[test]
fn an_operational_component_with_an_open_incident_passes_with_a_warning() {
    let mut s = summary();
    s.components[4].status = "operational".into();
    let c4 = find(&s, "c4").unwrap();
    let found = incidents(&s, c4, "https://status.acme.test");
    let o = outcome(c4, &found, 1);
    assert_eq!(o.verdict, Verdict::Ok);
    assert_eq!(
        o.warning.as_deref(),
        Some("upstream incident: Webhooks delayed (monitoring)")
    );
}

#[test]
fn an_incident_address_that_is_not_http_is_dropped() {
    let mut s = summary();
    s.incidents[0].shortlink = Some("javascript:alert(1)".into());
    let c2 = find(&s, "c2").unwrap();
    let found = incidents(&s, c2, "https://status.acme.test");
    assert_eq!(found[0].name, "Uploads failing");
    assert_eq!(found[0].url, None);
    assert_eq!(
        outcome(c2, &found, 1).detail,
        "upstream: partial_outage (Uploads failing) and 1 more incident"
    );
}
